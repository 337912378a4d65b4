"""The runner: execution modes agree, documents stay isolated, limits hold, results are shaped as promised."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pytest

from evalkit import runner
from evalkit.errors import InputError, RunError
from evalkit.extractors.base import ExtractorInfo
from evalkit.extractors.registry import create
from evalkit.model import Document, Entity, Span, StructuredSummary
from evalkit.runner import ErrorRecord, check_output, run
from synthetic_news import make_corpus


def first_word(document: Document) -> StructuredSummary:
    word = document.text.split(" ")[0]
    return StructuredSummary(entities=(Entity("e1", "ORG", word, (), (Span(0, len(word), word),)),))


@dataclass
class FirstWord:
    """A deterministic extractor; ``mode`` is set per test."""

    mode: str = "process"
    concurrency: int | None = None
    info: ExtractorInfo = field(default_factory=lambda: ExtractorInfo("first-word"))

    def extract(self, document: Document) -> StructuredSummary:
        return first_word(document)


CORPUS = make_corpus(8, seed=1, sentences=3)


@pytest.mark.parametrize("mode, workers", [("inline", 1), ("thread", 1), ("thread", 3), ("process", 1), ("process", 2)])
def test_every_mode_gives_the_same_outputs_in_corpus_order(mode: str, workers: int) -> None:
    output = run([FirstWord(mode)], CORPUS, workers=workers, timeout=30)
    outputs = output.runs["first-word"].outputs
    assert list(outputs) == [d.document.id for d in CORPUS]
    assert outputs == {d.document.id: first_word(d.document) for d in CORPUS}
    timing = output.timings["first-word"]
    assert (timing.documents, timing.extracted, timing.cached, timing.errors) == (8, 8, 0, 0)
    assert set(timing.per_document) == {d.document.id for d in CORPUS}
    assert not output.errors and not output.all_failed


def test_error_record_names_extractor_and_document() -> None:
    e = ErrorRecord("command:./x --json", "d1", "output", "stdout is not JSON: Expecting value at line 1 column 1")
    assert str(e) == "command './x --json': document 'd1': stdout is not JSON: Expecting value at line 1 column 1"
    assert str(ErrorRecord("rules", "d7", "exception", "boom")) == "rules: document 'd7': boom"


def test_repeated_specs_get_distinct_labels() -> None:
    output = run([create("noisy", {"rate": "0.1"}), create("noisy", {"rate": "0.9"}), create("gold")], CORPUS)
    assert output.labels == ("noisy", "noisy#2", "gold")


def test_nothing_to_do_is_a_run_error() -> None:
    with pytest.raises(RunError, match="no extractors"):
        run([], CORPUS)
    with pytest.raises(RunError, match="no documents"):
        run([FirstWord("inline")], [])


def test_bad_arguments_are_input_errors() -> None:
    with pytest.raises(InputError, match="appears twice"):
        run([FirstWord("inline")], [CORPUS[0], CORPUS[0]])
    with pytest.raises(InputError, match="workers"):
        run([FirstWord("inline")], CORPUS, workers=0)
    with pytest.raises(InputError, match="mode must be one of"):
        run([FirstWord("sideways")], CORPUS)


def test_plain_documents_and_datasets_are_corpora_too() -> None:
    from evalkit.corpus import to_dataset

    plain = run([FirstWord("inline")], [d.document for d in CORPUS[:3]])
    assert set(plain.runs["first-word"].predictions) == {d.document.id for d in CORPUS[:3]}
    assert all(d.gold == StructuredSummary() for d in plain.documents)
    from_dataset = run([create("gold")], to_dataset(CORPUS[:3]))
    assert from_dataset.runs["gold"].predictions == {d.document.id: d.gold for d in CORPUS[:3]}


def test_text_only_spans_are_grounded_and_wrong_offsets_rejected() -> None:
    doc = Document("d", "Kyiv said that Kyiv would wait.")
    text_only = StructuredSummary(entities=(Entity("e1", "GPE", "Kyiv", (), (Span(None, None, "Kyiv"), Span(None, None, "Kyiv"))),))
    grounded = check_output("x", text_only, doc)
    assert isinstance(grounded, StructuredSummary)
    assert [(m.start, m.end) for m in grounded.entities[0].mentions] == [(0, 4), (15, 19)]
    wrong = StructuredSummary(entities=(Entity("e1", "GPE", "Kyiv", (), (Span(1, 5, "Kyiv"),)),))
    record = check_output("x", wrong, doc)
    assert isinstance(record, ErrorRecord) and record.kind == "spans"
    assert "'Kyiv' [1:5] does not match the text ('yiv ')" in record.message
    assert check_output("x", {"entities": []}, doc) == ErrorRecord("x", "d", "schema", "returned dict, not a StructuredSummary")


def test_all_failed_only_when_every_extractor_failed_everywhere() -> None:
    class Broken(FirstWord):
        def extract(self, document: Document) -> StructuredSummary:
            raise ValueError(f"no luck with {document.id}")

    broken = Broken("inline", info=ExtractorInfo("broken"))
    alone = run([broken], CORPUS[:3])
    assert alone.all_failed and alone.error_count == 3
    assert {e.kind for e in alone.errors} == {"exception"}
    assert alone.errors[0].message == f"ValueError: no luck with {CORPUS[0].document.id}"
    mixed = run([broken, FirstWord("inline")], CORPUS[:3])
    assert not mixed.all_failed and mixed.error_count == 3
    assert mixed.runs["broken"].failed and not mixed.runs["first-word"].failed


def test_thread_mode_honours_declared_concurrency() -> None:
    """Three documents must be in flight together (a barrier of 3), and never more than three."""
    barrier = threading.Barrier(3, timeout=20)
    lock = threading.Lock()
    in_flight = [0, 0]  # now, most seen

    class Concurrent(FirstWord):
        def extract(self, document: Document) -> StructuredSummary:
            with lock:
                in_flight[0] += 1
                in_flight[1] = max(in_flight)
            try:
                barrier.wait()
                return first_word(document)
            finally:
                with lock:
                    in_flight[0] -= 1

    output = run([Concurrent("thread", concurrency=3)], CORPUS[:6], workers=1)
    assert not output.errors
    assert in_flight[1] == 3


def test_thread_mode_gives_up_on_a_hung_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "THREAD_GRACE", 0.05)
    release = threading.Event()

    class Hangs(FirstWord):
        def extract(self, document: Document) -> StructuredSummary:
            if document.id == CORPUS[1].document.id:
                release.wait(30)
            return first_word(document)

    try:
        output = run([Hangs("thread", concurrency=1)], CORPUS[:4], timeout=1.0)
    finally:
        release.set()
    assert [(e.document, e.kind) for e in output.errors] == [(CORPUS[1].document.id, "timeout")]
    assert set(output.runs["first-word"].predictions) == {d.document.id for d in CORPUS[:4]} - {CORPUS[1].document.id}


def test_gold_is_bound_before_extraction() -> None:
    seen: list[dict[str, StructuredSummary]] = []

    class Binds(FirstWord):
        def bind_gold(self, gold):
            seen.append(dict(gold))

    run([Binds("inline")], CORPUS[:2])
    assert seen == [{d.document.id: d.gold for d in CORPUS[:2]}]


def test_no_progress_output_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    run([FirstWord("inline")], CORPUS[:2], progress=True)
    assert capsys.readouterr().err == ""


def test_cli_with_nothing_to_do_exits_3(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    from evalkit.cli import main

    (tmp_path / "evalkit.toml").write_text("[run]\nworkers = 1\n", encoding="utf-8")
    config = ["--config", str(tmp_path / "evalkit.toml")]
    assert main(["run", *config, "--gold", str(tmp_path)]) == 3
    assert "nothing to do: no extractors" in capsys.readouterr().err
    empty = tmp_path / "empty-gold"
    empty.mkdir()
    assert main(["run", *config, "-e", "gold", "--gold", str(empty), "--no-cache"]) == 3
    assert f"nothing to do: no gold documents in {empty}" in capsys.readouterr().err
