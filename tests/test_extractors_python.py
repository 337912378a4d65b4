"""The python back-end: resolving ``module:callable``, what the callable receives and may return, identity."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from evalkit.errors import InputError, PredictionError
from evalkit.extractors.base import ExtractionFailed
from evalkit.extractors.registry import create
from evalkit.model import Document, Entity, GoldDocument, Span, StructuredSummary
from evalkit.runner import run

MODULE = '''
from evalkit.model import Document, Entity, Span, StructuredSummary

__version__ = "3.1"


def from_document(document: Document) -> StructuredSummary:
    return StructuredSummary(summaries=(f"{document.id}:{document.text[:4]}",))


def from_text(text: str) -> dict:
    return {"summary": text[:4], "entities": [{"type": "GPE", "mentions": [{"start": 0, "end": 4, "text": text[:4]}]}]}


def unannotated(x):
    return {"summary": type(x).__name__}


def bad_dict(document):
    return {"entities": "none"}


class Extractor:
    @staticmethod
    def run(document):
        return StructuredSummary(summaries=("static",))


NOT_CALLABLE = 3
'''


@pytest.fixture
def module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    name = f"user_extractor_{abs(hash(tmp_path)) % 10**8}"
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(MODULE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield path
    sys.modules.pop(name, None)


DOC = Document("d1", "Kyiv was quiet.")


def test_a_function_of_the_document(module: Path) -> None:
    extractor = create(f"python:{module.stem}:from_document")
    assert extractor.extract(DOC).summaries == ("d1:Kyiv",)
    assert extractor.info.name == "python" and extractor.info.arg == f"{module.stem}:from_document"


def test_a_function_annotated_with_str_gets_the_text_and_may_return_a_dict(module: Path) -> None:
    summary = create(f"python:{module.stem}:from_text").extract(DOC)
    assert summary.summaries == ("Kyiv",)
    assert summary.entities == (Entity("e1", "GPE", "Kyiv", (), (Span(0, 4, "Kyiv"),)),)


def test_input_option_overrides_detection(module: Path) -> None:
    assert create(f"python:{module.stem}:unannotated").extract(DOC).summaries == ("Document",)
    assert create(f"python:{module.stem}:unannotated", {"input": "text"}).extract(DOC).summaries == ("str",)
    with pytest.raises(InputError, match="input must be one of auto, document, text"):
        create(f"python:{module.stem}:unannotated", {"input": "bytes"})


def test_dotted_attribute(module: Path) -> None:
    assert create(f"python:{module.stem}:Extractor.run").extract(DOC).summaries == ("static",)


def test_a_dict_outside_the_schema_raises_a_prediction_error(module: Path) -> None:
    with pytest.raises(PredictionError, match=r"return value: .*entities: must be a list, not str"):
        create(f"python:{module.stem}:bad_dict").extract(DOC)


def test_a_wrong_return_type_is_an_extraction_failure() -> None:
    extractor = create("python:builtins:id")
    with pytest.raises(ExtractionFailed) as e:
        extractor.extract(DOC)
    assert e.value.kind == "schema"
    assert e.value.message == "returned int; expected a StructuredSummary or a dict in the wire format"


@pytest.mark.parametrize(
    "arg, message",
    [
        ("nomodulecolon", "expected python:package.module:function"),
        ("json:", "expected python:package.module:function"),
        ("evalkit_surely_missing_module:f", "cannot import 'evalkit_surely_missing_module': ModuleNotFoundError"),
        ("json:no_such_function", "module 'json' has no attribute 'no_such_function'"),
    ],
)
def test_resolution_problems_are_located_input_errors(arg: str, message: str) -> None:
    with pytest.raises(InputError) as e:
        create(f"python:{arg}")
    assert str(e.value).startswith(f"python {arg!r}: ")
    assert message in str(e.value)


def test_a_non_callable_is_rejected(module: Path) -> None:
    with pytest.raises(InputError, match="'NOT_CALLABLE' in .* is not callable"):
        create(f"python:{module.stem}:NOT_CALLABLE")


def test_version_names_the_module_version_and_its_source(module: Path) -> None:
    before = create(f"python:{module.stem}:from_document").info.version
    assert before.startswith("3.1+")
    module.write_text(module.read_text() + "\n# edited\n", encoding="utf-8")
    assert create(f"python:{module.stem}:from_document").info.version != before
    assert create(f"python:{module.stem}:from_document", {"version": "v9"}).info.version.startswith("v9+3.1+")


def test_runs_in_worker_processes(module: Path) -> None:
    extractor = create(f"python:{module.stem}:from_document")
    assert extractor.mode == "process"
    corpus = [GoldDocument(Document(f"d{i}", f"Text {i}"), StructuredSummary()) for i in range(4)]
    output = run([extractor], corpus, workers=2, timeout=30)
    assert output.runs[output.labels[0]].predictions == {f"d{i}": StructuredSummary(summaries=(f"d{i}:Text",)) for i in range(4)}
