"""Run extractors on a Dask distributed cluster: documents as tasks, one extractor per worker.

``evalkit run --executor dask`` starts a :class:`distributed.LocalCluster` on this machine;
``--scheduler tcp://HOST:PORT`` uses a cluster that is already running. Either way the runner
(:func:`evalkit.runner.run`) stays in charge of everything but the extraction itself: it asks
the cache first and writes it afterwards, checks and grounds every output, and builds the same
:class:`~evalkit.runner.RunOutput` — so a run through Dask gives the same ``report.json``, byte
for byte, as a run with local workers (timings go to ``metadata.json``).

What runs on the cluster:

* each extractor is pickled once here and unpickled once per worker process (kept by the hash
  of its bytes), so a model it loads is built once per worker, not once per document. The
  bytes travel inside every task rather than as scattered data, so a task can always be rerun
  elsewhere: scattered data dies with the workers that hold it;
* each document is one task. On the worker it is executed as the runner would execute it
  locally, by the extractor's ``mode``: ``process`` back-ends in a persistent child process of
  the worker (the per-document ``timeout`` kills and replaces the child, a crash costs only that
  document), ``thread`` back-ends in a thread the task stops waiting for after the timeout.
  ``inline`` back-ends (the instant, trusted calibration ones) stay in this process;
* a worker that dies mid-document (killed, out of memory) has its tasks moved to another worker
  by the scheduler; a document whose task has killed ``allowed-failures`` workers
  (Dask's setting, 3 by default) becomes an error record of kind ``crash``. No document is
  ever silently missing: every task ends as an output or an error record.

Child processes need workers that are not daemonic: the cluster evalkit starts is configured
so; start your own workers with ``DASK_DISTRIBUTED__WORKER__DAEMON=False``. On a daemonic
worker, ``process`` back-ends run in a thread instead (their hangs are then recorded as
timeouts but cannot be killed).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import threading
import time
import uuid
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from .errors import InputError, RunError
from .model import Document

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

    from .extractors.base import Capabilities, Extractor

#: A finished document: (index, result or error record, seconds spent extracting).
Done = tuple[int, Any, float]


class DaskExecutor:
    """Extraction on a Dask cluster; use as a context manager around :func:`evalkit.runner.run`.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``); ``None`` starts a
    local cluster of ``workers`` worker processes with one thread each, closed on exit.
    """

    def __init__(self, scheduler: str | None = None, *, workers: int = 2) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self._cluster: Any = None
        self._client: "Client | None" = None

    def __enter__(self) -> "DaskExecutor":
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--executor dask needs the distributed package: pip install 'evalkit[dask]'") from None
        try:
            if self.scheduler is None:
                with dask.config.set({"distributed.worker.daemon": False}):
                    self._cluster = LocalCluster(
                        n_workers=self.workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=40,
                    )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler, timeout=30)
        except OSError as exc:
            self.__exit__(None, None, None)
            raise RunError(f"cannot reach the Dask scheduler {self.scheduler or '(local cluster)'}: {exc}") from None
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    @property
    def client(self) -> "Client":
        if self._client is None:
            raise RuntimeError("DaskExecutor used outside its with-block")
        return self._client

    def execute(
        self,
        extractor: "Extractor",
        cap: "Capabilities",
        label: str,
        items: Sequence[tuple[int, Document]],
        timeout: float | None,
    ) -> Iterator[Done]:
        """Yield ``(index, result, seconds)`` for every item, in the order they finish."""
        from distributed import as_completed

        from .runner import _run_inline

        if cap.mode == "inline":
            yield from _run_inline(extractor, label, items)
            return
        if not items:
            return
        client = self.client
        try:
            blob = pickle.dumps(extractor)
        except Exception as exc:
            raise InputError(f"extractor {label!r} cannot be sent to Dask workers: {type(exc).__name__}: {exc}") from None
        digest = hashlib.sha256(blob).hexdigest()
        run_id = uuid.uuid4().hex[:12]
        pending = list(items)
        futures: dict[Any, tuple[int, Document]] = {}

        def submit_next(stream: Any) -> None:
            index, document = pending.pop(0)
            future = client.submit(
                extract_on_worker, blob, digest, cap.mode, label, index, document, timeout,
                key=f"evalkit-{run_id}-{index}", pure=False,
            )
            futures[future] = (index, document)
            stream.add(future)

        # As many tasks in flight as the cluster has threads: no queue builds up on a worker, so
        # a worker that dies takes only the documents it was working on with it (Dask counts a
        # death against every task the worker held), and documents stream through.
        stream = as_completed()
        for _ in range(min(len(pending), max(1, sum(client.nthreads().values())))):
            submit_next(stream)
        for future in stream:
            index, document = futures.pop(future)
            try:
                yield future.result()
            except Exception as exc:  # the task's worker died too often, or the cluster went away
                yield index, _lost(label, document, exc), 0.0
            finally:
                future.release()
            if pending:
                submit_next(stream)


def _lost(label: str, document: Document, exc: BaseException) -> Any:
    from .runner import ErrorRecord

    name = type(exc).__name__
    if name == "KilledWorker":
        message = f"every Dask worker that ran it died ({exc})"
    else:
        message = f"the Dask task failed: {name}: {exc}"
    return ErrorRecord(label, document.id, "crash", message)


# --- on the worker ------------------------------------------------------------------------------

#: Per worker process: the extractors (by the hash of their pickle) and their idle children.
_EXTRACTORS: dict[str, Any] = {}
_IDLE: dict[str, list[Any]] = {}
_LOCK = threading.Lock()


def extract_on_worker(
    blob: bytes, digest: str, mode: str, label: str, index: int, document: Document, timeout: float | None
) -> Done:
    """One document on a Dask worker, isolated as the local runner would isolate it."""
    with _LOCK:
        extractor = _EXTRACTORS.get(digest)
        if extractor is None:
            extractor = _EXTRACTORS[digest] = pickle.loads(blob)
    if mode == "process" and not multiprocessing.current_process().daemon:
        return _in_child(extractor, digest, label, index, document, timeout)
    return _in_thread(extractor, label, index, document, timeout)


def _in_thread(extractor: "Extractor", label: str, index: int, document: Document, timeout: float | None) -> Done:
    from .runner import THREAD_GRACE, ErrorRecord, _extract_one

    box: list[Any] = []
    started = time.perf_counter()
    thread = threading.Thread(target=lambda: box.append(_extract_one(extractor, label, document)), daemon=True)
    thread.start()
    thread.join(None if timeout is None else timeout + THREAD_GRACE)
    if box:
        result, seconds = box[0]
        return index, result, seconds
    spent = time.perf_counter() - started
    return index, ErrorRecord(label, document.id, "timeout", f"timed out after {timeout:g} s"), spent


def _in_child(extractor: "Extractor", key: str, label: str, index: int, document: Document, timeout: float | None) -> Done:
    from .runner import ErrorRecord, _mp_context, _Worker

    with _LOCK:
        idle = _IDLE.setdefault(key, [])
        worker = idle.pop() if idle else None
    if worker is None or not worker.process.is_alive():
        if worker is not None:
            worker.kill()
        worker = _Worker(_mp_context(), extractor, label)
    worker.give((index, document))
    ready = wait([worker.conn, worker.process.sentinel], timeout=timeout)
    spent = time.monotonic() - worker.started
    if not ready:
        worker.kill()
        return index, ErrorRecord(label, document.id, "timeout", f"timed out after {timeout:g} s (worker killed)"), spent
    result, seconds, alive = worker.receive(label)
    if alive:
        with _LOCK:
            _IDLE.setdefault(key, []).append(worker)
    return index, result, seconds


__all__ = ["DaskExecutor", "extract_on_worker"]
