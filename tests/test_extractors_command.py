"""The command back-end: the stdin/stdout protocol, streaming without deadlock, options, identity."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from evalkit.errors import InputError
from evalkit.extractors.base import ExtractionFailed
from evalkit.extractors.command import DEFAULT_MAX_OUTPUT, DEFAULT_TIMEOUT, create, parse_size
from evalkit.model import Document, GoldDocument, StructuredSummary
from evalkit.runner import run


def program(tmp_path: Path, body: str, name: str = "extractor.py") -> Path:
    path = tmp_path / name
    path.write_text("import json, sys\n" + body, encoding="utf-8")
    return path


def spec_for(path: Path, *args: str) -> str:
    return shlex.join([sys.executable, str(path), *args])


ECHO = "doc = json.load(sys.stdin)\nprint(json.dumps({'summaries': [json.dumps(doc, ensure_ascii=False)]}))\n"


def test_document_goes_in_on_stdin_as_json(tmp_path: Path) -> None:
    extractor = create(spec_for(program(tmp_path, ECHO)), {})
    doc = Document("d-ü", "Zelenskyy’s “plan” — 28 points\nline two", metadata={"source": "Guardian", "n": 3})
    received = json.loads(extractor.extract(doc).summaries[0])
    assert received == {"id": "d-ü", "text": doc.text, "sha256": doc.sha256, "metadata": {"source": "Guardian", "n": 3}}


def test_arguments_are_split_like_a_shell_without_a_shell(tmp_path: Path) -> None:
    path = program(tmp_path, "json.load(sys.stdin)\nprint(json.dumps({'summaries': sys.argv[1:]}))\n")
    extractor = create(f"{shlex.quote(sys.executable)} {shlex.quote(str(path))} 'two words' $HOME ';'", {})
    assert extractor.extract(Document("d", "x")).summaries == ("two words", "$HOME", ";")


def test_output_in_the_wire_format_is_read(tmp_path: Path) -> None:
    body = (
        "doc = json.load(sys.stdin)\n"
        "print(json.dumps({'entities': [{'type': 'gpe', 'name': 'Kyiv', 'mentions': [{'start': 0, 'end': 4, 'text': 'Kyiv'}]}],"
        " 'numbers': [{'value': 25, 'kind': 'count', 'span': '25'}], 'summary': 'Short.'}))\n"
    )
    summary = create(spec_for(program(tmp_path, body)), {}).extract(Document("d", "Kyiv lost 25."))
    assert summary.entities[0].type == "GPE" and summary.entities[0].mentions[0].start == 0
    assert summary.numbers[0].value == 25 and summary.numbers[0].span is not None and summary.numbers[0].span.start is None
    assert summary.summaries == ("Short.",)


def test_no_deadlock_when_the_program_writes_before_reading(tmp_path: Path) -> None:
    """It fills stderr (far beyond a pipe buffer) before reading a large stdin."""
    body = (
        "sys.stderr.write('e' * 1_000_000)\nsys.stderr.flush()\n"
        "doc = json.load(sys.stdin)\nprint(json.dumps({'summary': str(len(doc['text']))}))\n"
    )
    text = "word " * 400_000
    summary = create(spec_for(program(tmp_path, body)), {}).extract(Document("d", text))
    assert summary.summaries == (str(len(text)),)


def test_a_program_that_ignores_stdin_is_fine(tmp_path: Path) -> None:
    body = "print(json.dumps({'summary': 'ignored the input'}))\n"
    summary = create(spec_for(program(tmp_path, body)), {}).extract(Document("d", "x" * 2_000_000))
    assert summary.summaries == ("ignored the input",)


def test_empty_output_is_an_error(tmp_path: Path) -> None:
    extractor = create(spec_for(program(tmp_path, "json.load(sys.stdin)\n")), {})
    with pytest.raises(ExtractionFailed) as e:
        extractor.extract(Document("d", "x"))
    assert (e.value.kind, e.value.message) == ("output", "stdout is empty (expected a JSON object)")


def test_text_only_spans_are_grounded_by_the_runner(tmp_path: Path) -> None:
    body = "json.load(sys.stdin)\nprint(json.dumps({'entities': [{'type': 'GPE', 'mentions': ['Lviv']}]}))\n"
    corpus = [GoldDocument(Document("d", "Rain in Lviv today."), StructuredSummary())]
    output = run([create(spec_for(program(tmp_path, body)), {})], corpus)
    mention = output.runs[output.labels[0]].predictions["d"].entities[0].mentions[0]
    assert (mention.start, mention.end, mention.text) == (8, 12, "Lviv")


def test_missing_program_is_reported_before_running(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        create(str(tmp_path / "nope") + " --json", {})
    assert str(e.value) == f"command '{tmp_path / 'nope'} --json': program '{tmp_path / 'nope'}' not found or not executable"
    with pytest.raises(InputError, match="not found"):
        create("evalkit-no-such-program-anywhere", {})
    with pytest.raises(InputError, match="give the program"):
        create(None, {})
    with pytest.raises(InputError, match="cannot split the command line"):
        create("python 'unclosed", {})


@pytest.mark.parametrize(
    "text, expected",
    [("1048576", 1048576), ("16M", 16 * 1024**2), ("16MiB", 16 * 1024**2), ("2k", 2048), ("1.5G", int(1.5 * 1024**3))],
)
def test_parse_size(text: str, expected: int) -> None:
    assert parse_size(text, "x") == expected


@pytest.mark.parametrize("options, message", [({"timeout": "0"}, "timeout must be a positive"), ({"timeout": "soon"}, "timeout"), ({"max_output": "lots"}, "max_output"), ({"max_output": "-1M"}, "max_output")])
def test_bad_options_are_input_errors(tmp_path: Path, options: dict[str, str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        create(spec_for(program(tmp_path, ECHO)), options)


def test_defaults() -> None:
    extractor = create(shlex.join([sys.executable, "-c", "pass"]), {})
    assert (extractor.timeout, extractor.max_output) == (DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT) == (60.0, 16 * 1024 * 1024)
    assert extractor.mode == "thread"


def test_version_follows_the_program_file_and_not_runtime_options(tmp_path: Path) -> None:
    path = program(tmp_path, ECHO)
    spec = spec_for(path)
    before = create(spec, {})
    assert create(spec, {"timeout": "5", "max_output": "1M"}).info == before.info
    assert create(spec, {"version": "2"}).info.version != before.info.version
    assert create(spec, {"version": "2"}).info.version.startswith("2+")
    path.write_text(path.read_text() + "# edited\n", encoding="utf-8")
    assert create(spec, {}).info.version != before.info.version
