"""Extraction on a real Dask cluster (a scheduler and two worker processes started here)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is part of evalkit[all]")

import dask  # noqa: E402

from evalkit.cli import main  # noqa: E402
from evalkit.dask_executor import DaskExecutor  # noqa: E402
from evalkit.extractors.registry import create  # noqa: E402
from evalkit.runner import ErrorRecord, run  # noqa: E402
from synthetic_news import make_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    """Two non-daemonic worker processes (so they can fork per-document children); a task may
    kill two workers before it counts as lost."""
    marker = tmp_path_factory.mktemp("dask") / "killed-once"
    os.environ["EVALKIT_TEST_DASK_MARKER"] = str(marker)
    with dask.config.set({"distributed.worker.daemon": False, "distributed.scheduler.allowed-failures": 1}):
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
        ) as local:
            yield local


def _run(tmp_path: Path, name: str, *extra: str) -> bytes:
    args = ["run", "-q", "--no-cache", "-e", "rules", "-e", "gold", "-e", "noisy", "--gold", str(ROOT / "gold")]
    assert main([*args, "--output", str(tmp_path / name), *extra]) == 0
    return (tmp_path / name / "report.json").read_bytes()


def test_a_run_through_dask_gives_the_local_report_byte_for_byte(cluster, tmp_path: Path) -> None:
    local = _run(tmp_path, "local", "--workers", "2")
    assert _run(tmp_path, "remote", "--scheduler", cluster.scheduler_address) == local
    assert _run(tmp_path, "own-cluster", "--executor", "dask", "--workers", "2") == local


def test_a_worker_killed_mid_run_loses_no_document(cluster) -> None:
    corpus = make_corpus(6, seed=3)
    extractor = create("python:dask_callables:kill_worker_once", {})
    with DaskExecutor(cluster.scheduler_address) as executor:
        output = run([extractor], corpus, executor=executor, timeout=60)
    outputs = output.runs["python:dask_callables:kill_worker_once"].outputs
    assert Path(os.environ["EVALKIT_TEST_DASK_MARKER"]).read_text(encoding="utf-8") == "killed"
    assert list(outputs) == [g.document.id for g in corpus]
    assert not any(isinstance(o, ErrorRecord) for o in outputs.values())


def test_a_document_that_kills_every_worker_is_reported(cluster) -> None:
    corpus = make_corpus(4, seed=5)
    extractor = create("python:dask_callables:kill_worker_always", {})
    with DaskExecutor(cluster.scheduler_address) as executor:
        output = run([extractor], corpus, executor=executor, timeout=60)
    outputs = output.runs["python:dask_callables:kill_worker_always"].outputs
    assert list(outputs) == [g.document.id for g in corpus]
    lost = outputs["doc-003"]
    assert isinstance(lost, ErrorRecord) and lost.kind == "crash" and "Dask worker" in lost.message
    # A document caught on a worker when it died is retried; it is reported, never missing,
    # should it be caught twice.
    others = [o for k, o in outputs.items() if k != "doc-003"]
    assert all(not isinstance(o, ErrorRecord) or (o.kind == "crash" and "Dask worker" in o.message) for o in others)
    assert any(not isinstance(o, ErrorRecord) for o in others)


@pytest.mark.parametrize("function, kind", [("hangs", "timeout"), ("crashes", "crash")])
def test_per_document_isolation_holds_on_the_cluster(cluster, function: str, kind: str) -> None:
    """A hang is killed at the timeout and a crash costs its document only, as with local workers."""
    corpus = make_corpus(5, seed=1)
    extractor = create(f"python:dask_callables:{function}", {})
    with DaskExecutor(cluster.scheduler_address) as executor:
        output = run([extractor], corpus, executor=executor, timeout=2)
    outputs = output.runs[extractor.info.label].outputs
    assert list(outputs) == [g.document.id for g in corpus]
    failed = {k: o for k, o in outputs.items() if isinstance(o, ErrorRecord)}
    assert list(failed) == ["doc-003"] and failed["doc-003"].kind == kind


def test_an_unreachable_scheduler_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", "-q", "--no-cache", "-e", "gold", "--gold", str(ROOT / "tests" / "gold_ok"), "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 3 and "tcp://127.0.0.1:9" in err and "Traceback" not in err
