"""Hostile extractors: each misbehaves on one document and must cost exactly that document.

The programs are in tests/hostile/: a command extractor taking a misbehaviour mode, and Python
callables that each misbehave on document ``d2``. Every case runs next to a well-behaved
extractor over three documents and checks that the run finished with exactly one error record,
located at (that extractor, ``d2``), and outputs for everything else.
"""

from __future__ import annotations

import os
import shlex
import sys
import time
from pathlib import Path

import pytest

from evalkit.cli import main
from evalkit.gold import load_gold
from evalkit.extractors.registry import create
from evalkit.model import Document, GoldDocument, StructuredSummary
from evalkit.runner import ErrorRecord, run

HOSTILE = Path(__file__).resolve().parent / "hostile"
SCRIPT = HOSTILE / "hostile_extractor.py"
GOLD_DIR = Path(__file__).resolve().parent.parent / "gold"

#: The per-document limit in the hang tests: it applies to the well-behaved documents too, so it
#: leaves room for an interpreter start-up on a loaded machine.
HANG_TIMEOUT = "2"

CORPUS = [
    GoldDocument(Document("d1", "Kyiv was quiet on Monday."), StructuredSummary()),
    GoldDocument(Document("d2", "Lviv hosted the talks."), StructuredSummary()),
    GoldDocument(Document("d3", "Warsaw sent aid."), StructuredSummary()),
]


@pytest.fixture(autouse=True)
def _importable_callables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(HOSTILE))


def command(mode: str, *extra: str, **options: str):
    argv = [sys.executable, "-I", "-S", str(SCRIPT), mode, "d2", *extra]  # -I -S: a quick start-up
    return create("command:" + shlex.join(argv), options)


def only_error(output, label: str) -> ErrorRecord:
    """The run's single error; also checks every other document of every extractor succeeded."""
    assert len(output.errors) == 1, output.errors
    error = output.errors[0]
    assert (error.extractor, error.document) == (label, "d2")
    for run_label, r in output.runs.items():
        expected = {"d1", "d3"} if run_label == label else {"d1", "d2", "d3"}
        assert set(r.predictions) == expected
    return error


def good_python():
    return create("python:hostile_callables:ok")


@pytest.mark.parametrize(
    "mode, kind, fragments",
    [
        ("raise", "exit", ["exited with status 1"]),
        ("exit", "exit", ["exited with status 7"]),
        ("segfault", "exit", ["killed by SIGSEGV"]),
        ("garbage", "output", ["stdout is not JSON: Expecting property name enclosed in double quotes at line 1 column 2"]),
        ("nonutf8", "output", ["stdout is not UTF-8", "0xff"]),
        ("schema", "schema", ["stdout does not fit the schema", "entities[0].name: must be a string, not int", "people: unknown field"]),
        ("outside", "spans", ["entities[0].mentions[0]", "[100000:100004] lies outside the text (22 characters)"]),
        ("mismatch", "spans", ["'Kyiv' [0:4] does not match the text ('Lviv')"]),
    ],
)
def test_misbehaving_command_costs_one_document(mode: str, kind: str, fragments: list[str]) -> None:
    hostile = command(mode)
    output = run([hostile, good_python()], CORPUS, timeout=20)
    error = only_error(output, hostile.info.label)
    assert error.kind == kind
    for fragment in fragments:
        assert fragment in error.message
    assert str(error).startswith(f"command {hostile.info.arg!r}: document 'd2': ")


def test_stderr_tail_is_kept_for_the_report() -> None:
    output = run([command("exit")], CORPUS, timeout=20)
    assert "model file missing" in output.errors[0].stderr_tail
    raised = run([command("raise")], CORPUS, timeout=20)
    assert "RuntimeError: cannot handle d2" in raised.errors[0].stderr_tail


def test_hanging_command_is_killed_at_its_timeout() -> None:
    hostile = command("hang", timeout=HANG_TIMEOUT)
    output = run([hostile, good_python()], CORPUS, timeout=20)
    error = only_error(output, hostile.info.label)
    assert error.kind == "timeout"
    assert f"timed out after {HANG_TIMEOUT} s" in error.message


def test_grandchild_holding_stdout_is_killed_with_the_process_group(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    hostile = command("orphan", str(pid_file), timeout=HANG_TIMEOUT)
    output = run([hostile], CORPUS, timeout=20)
    error = only_error(output, hostile.info.label)
    assert error.kind == "timeout"
    pid = int(pid_file.read_text())
    for _ in range(500):  # the kill is immediate; reaping by init may take a moment
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        if Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
            break
        time.sleep(0.02)
    else:
        pytest.fail(f"grandchild {pid} is still running")


def test_flood_is_cut_at_the_output_cap(tmp_path: Path) -> None:
    marker = tmp_path / "wrote-everything"
    hostile = command("flood", str(marker))
    output = run([hostile, good_python()], CORPUS, timeout=60)
    error = only_error(output, hostile.info.label)
    assert error.kind == "output"
    assert f"stdout exceeds max_output ({16 * 1024 * 1024} bytes)" in error.message
    assert not marker.exists()  # killed at the cap, long before the 100 MB were written


def test_a_smaller_output_cap_applies() -> None:
    hostile = command("flood", max_output="1M")
    output = run([hostile], CORPUS, timeout=60)
    assert f"stdout exceeds max_output ({1024 * 1024} bytes)" in output.errors[0].message


@pytest.mark.parametrize(
    "function, kind, fragments",
    [
        ("raises", "exception", ["KeyError: 'missing key'"]),
        ("crashes", "crash", ["the worker process died (killed by SIGKILL)"]),
        ("wrong_type", "schema", ["returned int; expected a StructuredSummary or a dict"]),
        ("wrong_schema", "schema", ["entities[0]: needs a name or at least one mention", "numbers: must be a list, not str"]),
        ("outside", "spans", ["[10000:10004] lies outside the text"]),
        ("unpicklable", "output", ["the output cannot be passed back"]),
    ],
)
def test_misbehaving_python_callable_costs_one_document(function: str, kind: str, fragments: list[str]) -> None:
    hostile = create(f"python:hostile_callables:{function}")
    output = run([hostile, good_python()], CORPUS, timeout=20, workers=2)
    error = only_error(output, f"python:hostile_callables:{function}")
    assert error.kind == kind
    for fragment in fragments:
        assert fragment in error.message
    assert str(error).startswith(f"python 'hostile_callables:{function}': document 'd2': ")


def test_hanging_python_callable_costs_its_document_only() -> None:
    hostile = create("python:hostile_callables:hangs")
    output = run([hostile, good_python()], CORPUS, timeout=float(HANG_TIMEOUT))
    error = only_error(output, "python:hostile_callables:hangs")
    assert error.kind == "timeout"
    assert f"timed out after {HANG_TIMEOUT} s (worker killed)" in error.message


def test_traceback_of_a_raising_callable_is_kept() -> None:
    output = run([create("python:hostile_callables:raises")], CORPUS, timeout=20)
    assert "hostile_callables.py" in output.errors[0].stderr_tail
    assert "KeyError" in output.errors[0].stderr_tail


def test_everything_failing_fails_the_run_with_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    spec = "command:" + shlex.join([sys.executable, "-c", "import sys; sys.exit(2)"])
    code = main(["run", "-e", spec, "-e", spec, "--gold", str(GOLD_DIR), "--no-cache"])
    assert code == 3
    err = capsys.readouterr().err
    assert "exited with status 2" in err
    documents = len(load_gold(GOLD_DIR))
    assert f"every document of every extractor failed ({2 * documents} errors)" in err


def test_one_extractor_failing_everywhere_does_not_fail_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    spec = "command:" + shlex.join([sys.executable, "-c", "import sys; sys.exit(2)"])
    code = main(["run", "-e", spec, "-e", "gold", "--gold", str(GOLD_DIR), "--no-cache"])
    assert code == 0
    documents = len(load_gold(GOLD_DIR))
    assert f"{documents} document error{'s' if documents != 1 else ''}" in capsys.readouterr().err


def test_the_rest_of_a_run_with_a_hostile_extractor_is_scored() -> None:
    """Scores exist for every extractor and document; the failed document counts as an empty prediction."""
    from evalkit.evaluation import evaluate
    from evalkit.scoring.config import ScoringConfig
    from synthetic_news import make_corpus

    corpus = make_corpus(3, seed=4)
    target = corpus[1].document.id
    hostile = create("command:" + shlex.join([sys.executable, str(SCRIPT), "garbage", target]))
    evaluation = evaluate([hostile, create("gold")], corpus, timeout=20, config=ScoringConfig(bootstrap=1))
    assert [(e.extractor, e.document, e.kind) for e in evaluation.output.errors] == [(hostile.info.label, target, "output")]
    gold = evaluation.results["gold"]
    assert gold.headline("entities").f1 == 1.0 and gold.headline("mentions").f1 == 1.0
    scored = evaluation.results[hostile.info.label]
    assert [d.doc_id for d in scored.documents] == [d.document.id for d in corpus]
    failed = scored.document(target).parts["entities"].metrics["entities.strict"]
    assert (failed.tp, failed.fp, failed.fn) == (0, 0, len(corpus[1].gold.entities))
