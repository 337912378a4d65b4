"""The data model is declared once (model.py) and every format derives from it.

Each derivation is enumerated here — the prediction writer and reader and its JSON Schema, the
gold loader and its JSON Schema, the LLM answer schema, the Arrow features and rows of a corpus —
and must list exactly the declared fields, in one order, and carry every field's value.
The last test adds a field to a number fact in a copy of the package, by one line in model.py,
and runs these tests against the copy.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import evalkit.fields
from evalkit.corpus import features, from_dataset, from_row, to_dataset, to_row
from evalkit.errors import GoldError, PredictionError
from evalkit.extractors.prompt import response_schema
from evalkit.fields import Shape, wire_fields
from evalkit.gold import load_gold
from evalkit.gold.schema import gold_schema
from evalkit.model import Attribution, Document, Entity, GoldDocument, NumberFact, Span, StructuredSummary
from evalkit.serialize import iter_spans, prediction_schema, record_to_dict, summary_from_dict, summary_to_dict

ROOT = Path(__file__).resolve().parent.parent
PARTS = {"entities": Entity, "numbers": NumberFact, "attributions": Attribution}
#: Ids are assigned by the harness, not asked of the model, for numbers and attributions.
LLM_LEAVES_OUT = {"entities": set(), "numbers": {"id"}, "attributions": {"id"}}
#: Set by the last test when these tests run against a copy with one more number field.
EXTRA = os.environ.get("EVALKIT_TEST_EXTRA_NUMBER_FIELD")

TEXT = "Ann Lee said 7 people came."
ANN = Span(0, 7, "Ann Lee")


def declared(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def sample_value(cls: type, name: str, shape: Shape, choices: tuple[str, ...]) -> Any:
    """A value for a field that differs from its default and fits every format's rules."""
    return {
        Shape.ID: f"{cls.__name__.lower()}-1",
        Shape.LABEL: choices[-1] if choices else "",
        Shape.TEXT: f"{name} words",
        Shape.TEXTS: ("Lee",),
        Shape.REFS: ("entity-1",),
        Shape.SPAN: ANN,
        Shape.SPANS: (ANN,),
        Shape.VALUE: 7,
    }[shape]


def sample(cls: type) -> Any:
    return cls(**{f.name: sample_value(cls, f.name, f.wire.shape, f.wire.choices) for f in wire_fields(cls)})


def sample_summary() -> StructuredSummary:
    return StructuredSummary(**{name: (sample(cls),) for name, cls in PARTS.items()}, summaries=("Ann Lee spoke.",))


def test_the_copy_under_test_is_the_one_with_the_extra_field() -> None:
    if EXTRA is None:
        assert "scale" not in declared(NumberFact)
    else:
        assert EXTRA in declared(NumberFact)
        assert Path(evalkit.fields.__file__).resolve().is_relative_to(Path(os.environ["EVALKIT_TEST_COPY"]).resolve())


def test_the_sample_sets_every_field_to_something_other_than_its_default() -> None:
    for cls in PARTS.values():
        record = sample(cls)
        for f in dataclasses.fields(cls):
            assert getattr(record, f.name) not in (None, (), ""), (cls.__name__, f.name)


@pytest.mark.parametrize("part", sorted(PARTS))
def test_every_format_lists_exactly_the_declared_fields_in_one_order(part: str) -> None:
    cls = PARTS[part]
    prediction = list(prediction_schema()["properties"][part]["items"]["properties"])
    gold = list(gold_schema()["properties"][part]["items"]["properties"])
    llm = list(response_schema()["properties"][part]["items"]["properties"])
    arrow = list(features()[part].feature)
    written = list(record_to_dict(sample(cls)))
    row = list(to_row(GoldDocument(Document("d", TEXT), sample_summary()))[part][0])
    assert set(prediction) == declared(cls)
    assert gold == prediction
    assert arrow == prediction
    assert written == prediction
    assert row == prediction
    assert llm == [n for n in prediction if n not in LLM_LEAVES_OUT[part]]
    assert response_schema()["properties"][part]["items"]["required"] == llm


def test_every_field_survives_the_prediction_reader_and_the_corpus() -> None:
    s = sample_summary()
    assert summary_from_dict(summary_to_dict(s)) == s
    gd = GoldDocument(Document("d", TEXT), s, "d.yaml")
    assert from_row(to_row(gd)) == gd
    assert from_dataset(to_dataset([gd])) == [gd]


def test_every_span_field_is_walked() -> None:
    s = sample_summary()
    expected = {
        f"{part}[0].{f.name}" + ("[0]" if f.type.startswith("tuple") else "")  # type: ignore[union-attr]
        for part, cls in PARTS.items()
        for f in dataclasses.fields(cls)
        if "Span" in str(f.type)
    }
    assert {path for path, _ in iter_spans(s)} == expected


def write_gold(folder: Path, summary_dict: dict[str, Any]) -> Path:
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    gold = {
        "format": "evalkit-gold/1",
        "document": {"id": "a", "text": "a.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest()},
        **{k: v for k, v in summary_dict.items() if k != "summaries"},
        "summaries": ["Ann Lee spoke."],
    }
    path = folder / "a.yaml"
    # JSON is YAML; one field per line so that every problem has a line of its own.
    path.write_text(json.dumps(gold, indent=2), encoding="utf-8")
    return path


def test_every_field_survives_the_gold_loader(tmp_path: Path) -> None:
    s = sample_summary()
    (doc,) = load_gold(write_gold(tmp_path, summary_to_dict(s)))
    assert doc.gold == s


@pytest.mark.parametrize(
    ("part", "name"), [(part, f.name) for part, cls in sorted(PARTS.items()) for f in dataclasses.fields(cls)]
)
def test_a_wrong_type_in_any_field_is_a_located_problem(tmp_path: Path, part: str, name: str) -> None:
    data = summary_to_dict(sample_summary())
    data[part][0][name] = {"x": 1}
    with pytest.raises(GoldError) as gold:
        load_gold(write_gold(tmp_path, data))
    item = next(f.wire.item for f in wire_fields(PARTS[part]) if f.name == name)
    for p in gold.value.problems:
        assert p.path == str(tmp_path / "a.yaml") and p.line is not None and p.line > 1
    # Later problems may follow from the first (an entity without an id is no reference target).
    first = gold.value.problems[0].message
    assert name in first or (item and item in first), first
    with pytest.raises(PredictionError) as prediction:
        summary_from_dict(data)
    assert any(str(p).startswith(f"prediction: {part}[0].{name}") for p in prediction.value.problems)


def test_an_undeclared_field_is_refused_by_both_readers(tmp_path: Path) -> None:
    data = summary_to_dict(sample_summary())
    data["numbers"][0]["colour"] = "red"
    with pytest.raises(GoldError, match=r"a.yaml:\d+: numbers\[0\]: unknown field 'colour' \(expected one of id, span, value, value_max, kind, unit, qualifier, quantifies"):
        load_gold(write_gold(tmp_path, data))
    import jsonschema

    number = summary_to_dict(sample_summary())["numbers"][0]
    jsonschema.validate({"numbers": [number]}, prediction_schema())
    with pytest.raises(jsonschema.ValidationError, match="'colour' was unexpected"):
        jsonschema.validate({"numbers": [{**number, "colour": "red"}]}, prediction_schema())


def test_adding_a_field_to_a_number_fact_is_one_line_in_model_py(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "evalkit", copy / "evalkit", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "tests").mkdir()
    for name in ("test_fields.py", "conftest.py"):
        shutil.copy(ROOT / "tests" / name, copy / "tests" / name)
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")

    model = copy / "evalkit" / "model.py"
    lines = model.read_text(encoding="utf-8").splitlines(keepends=True)
    (at,) = [i for i, line in enumerate(lines) if line.startswith("    quantifies: ")]
    lines.insert(at + 1, '    scale: str | None = field(default=None, metadata=wire(Shape.TEXT, doc="thousand, million…"))\n')
    model.write_text("".join(lines), encoding="utf-8")

    changed = [
        p.relative_to(copy / "evalkit")
        for p in sorted((copy / "evalkit").rglob("*"))
        if p.is_file() and p.read_bytes() != (ROOT / "evalkit" / p.relative_to(copy / "evalkit")).read_bytes()
    ]
    assert changed == [Path("model.py")]

    env = {**os.environ, "PYTHONPATH": str(copy), "EVALKIT_TEST_EXTRA_NUMBER_FIELD": "scale", "EVALKIT_TEST_COPY": str(copy)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_fields.py", "-k", "not one_line"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
