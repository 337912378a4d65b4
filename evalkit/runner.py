"""Run extractors over a corpus, one document at a time, each document isolated.

Whatever an extractor does with one document — raise, hang, crash its process, print garbage,
return spans that are not in the text — becomes an :class:`ErrorRecord` for that document and
the run goes on. The outputs that come back are checked the same way for every back-end:
the type, then grounding of text-only spans (:func:`evalkit.grounding.ground`), then every
offset against the text (:func:`evalkit.serialize.span_problems`).

How a back-end is executed follows its declared ``mode`` (:mod:`evalkit.extractors.base`):

``process``
    In ``workers`` forked worker processes. Each document gets the per-document ``timeout``;
    a worker that overruns it is killed with its process group and replaced, a worker that
    dies is replaced, and only that document is lost. Forking keeps the loaded model (a spaCy
    pipeline) shared instead of reloaded per worker. The parent drives every worker from one
    thread, so forking a replacement is safe.
``thread``
    In ``concurrency`` threads (default ``workers``), for back-ends that wait on I/O and bound
    their own calls. The runner stops waiting for a document after ``timeout`` plus a short
    grace and records it as timed out; the back-end's own limit ends the call.
``inline``
    In the calling thread, one document after another (calibration back-ends).

Extractors run one after another; the cache is consulted before and written after, in the
main process only. Timings are kept apart from the outputs, so outputs stay comparable.

An ``executor`` (:class:`evalkit.dask_executor.DaskExecutor`) moves the extraction itself to a
cluster, with the same isolation per mode there; everything else stays here.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Protocol, Sequence, Union

from .errors import InputError, PredictionError, RunError
from .extractors.base import Capabilities, Extraction, ExtractionFailed, Extractor, ExtractorInfo, Pricing, capabilities
from .model import Document, GoldDocument, StructuredSummary, Usage
from .serialize import iter_spans, schema_problems, span_problems

if TYPE_CHECKING:  # pragma: no cover
    import datasets

    from .cache import OutputCache

#: What went wrong with one document.
ERROR_KINDS: tuple[str, ...] = (
    "exception",  # the back-end raised
    "timeout",  # it ran past the per-document timeout
    "crash",  # its worker process died
    "exit",  # an external program exited non-zero or could not start
    "output",  # unreadable output: too large, not UTF-8, not JSON
    "schema",  # output that does not fit the structured-summary schema
    "spans",  # spans outside the text or not matching it
)

#: Extra seconds a thread-mode back-end gets past ``timeout`` to report its own timeout first.
THREAD_GRACE = 2.0
#: Lines of a Python traceback kept in an error record.
TRACEBACK_LINES = 15


@dataclass(frozen=True)
class ErrorRecord:
    """One document that one extractor failed on, and why.

    ``stderr_tail`` holds the end of an external program's stderr, or the end of the Python
    traceback for a back-end that raised.
    """

    extractor: str
    document: str
    kind: str
    message: str
    stderr_tail: str = ""

    @property
    def location(self) -> str:
        """``command './x': document 'd1'`` — the extractor as name and quoted argument."""
        name, colon, arg = self.extractor.partition(":")
        who = f"{name} {arg!r}" if colon else name
        return f"{who}: document {self.document!r}"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


#: What one extractor produced for one document.
Outcome = Union[StructuredSummary, ErrorRecord]


@dataclass(frozen=True)
class ExtractorRun:
    """Everything one extractor produced: per document id (in corpus order), a summary or an error.

    ``usage`` holds, per document id, what producing the output cost when the back-end reported
    it (see :class:`~evalkit.extractors.base.Extraction`); ``pricing`` turns it into money.
    """

    label: str
    info: ExtractorInfo
    outputs: Mapping[str, Outcome]
    usage: Mapping[str, Usage] = field(default_factory=dict)
    pricing: Pricing | None = None

    @property
    def predictions(self) -> dict[str, StructuredSummary]:
        """The documents that succeeded, by id."""
        return {k: v for k, v in self.outputs.items() if isinstance(v, StructuredSummary)}

    @property
    def errors(self) -> tuple[ErrorRecord, ...]:
        return tuple(v for v in self.outputs.values() if isinstance(v, ErrorRecord))

    @property
    def failed(self) -> bool:
        """True when no document succeeded."""
        return not self.predictions


@dataclass(frozen=True)
class ExtractorTiming:
    """How long one extractor took; ``per_document`` covers the documents actually extracted."""

    seconds: float
    documents: int
    extracted: int
    cached: int
    errors: int
    per_document: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RunOutput:
    """The outputs of every extractor over the corpus, with timings kept apart."""

    documents: tuple[GoldDocument, ...]
    runs: Mapping[str, ExtractorRun]
    timings: Mapping[str, ExtractorTiming]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.runs)

    @property
    def errors(self) -> tuple[ErrorRecord, ...]:
        return tuple(e for r in self.runs.values() for e in r.errors)

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def all_failed(self) -> bool:
        """True when every document of every extractor failed: the run as a whole failed."""
        return all(r.failed for r in self.runs.values())


# --- checking outputs -------------------------------------------------------------------------


def _summarise(problems: Sequence[Any], limit: int = 3) -> str:
    shown = "; ".join(p.message if hasattr(p, "message") else str(p) for p in problems[:limit])
    return shown + (f" (and {len(problems) - limit} more)" if len(problems) > limit else "")


def check_output(label: str, result: Any, document: Document) -> StructuredSummary | ErrorRecord:
    """Accept ``result`` for ``document`` only if it is a summary whose spans fit the text.

    Text-only spans are grounded first; a span that stays text-only is kept as is (it scores
    on text). Grounded spans that lie outside the text or do not match it fail the document.
    """
    if not isinstance(result, StructuredSummary):
        return ErrorRecord(label, document.id, "schema", f"returned {type(result).__name__}, not a StructuredSummary")
    invalid = schema_problems(result, "output")
    if invalid:
        return ErrorRecord(label, document.id, "schema", f"output does not fit the schema: {_summarise(invalid, 5)}")
    summary = result
    if any(not s.grounded for _, s in iter_spans(summary)):
        from .grounding import ground

        try:
            summary, _ = ground(summary, document)
        except Exception as exc:
            return ErrorRecord(label, document.id, "spans", f"grounding failed: {type(exc).__name__}: {exc}")
    problems = span_problems(summary, document, "output")
    if problems:
        return ErrorRecord(label, document.id, "spans", f"invalid spans: {_summarise(problems)}")
    return summary


def failure_record(label: str, document_id: str, exc: BaseException) -> ErrorRecord:
    """The error record for an exception raised while extracting one document."""
    if isinstance(exc, ExtractionFailed):
        return ErrorRecord(label, document_id, exc.kind, exc.message, exc.stderr_tail)
    if isinstance(exc, PredictionError):
        return ErrorRecord(label, document_id, "schema", f"output does not fit the schema: {_summarise(exc.problems, 5)}")
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    tail = "".join(lines).rstrip().splitlines()[-TRACEBACK_LINES:]
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return ErrorRecord(label, document_id, "exception", message, "\n".join(tail))


# --- execution modes --------------------------------------------------------------------------

# A finished document: (index, result or exception-record, seconds spent extracting).
_Done = tuple[int, Any, float]


def _extract_one(extractor: Extractor, label: str, document: Document) -> tuple[Any, float]:
    started = time.perf_counter()
    try:
        result: Any = extractor.extract(document)
    except BaseException as exc:  # noqa: BLE001 - isolation is the point
        if isinstance(exc, KeyboardInterrupt):
            raise
        result = failure_record(label, document.id, exc)
    return result, time.perf_counter() - started


def _run_inline(extractor: Extractor, label: str, items: Sequence[tuple[int, Document]]) -> Iterator[_Done]:
    for index, document in items:
        result, seconds = _extract_one(extractor, label, document)
        yield index, result, seconds


def _run_threads(
    extractor: Extractor, label: str, items: Sequence[tuple[int, Document]], threads: int, timeout: float | None
) -> Iterator[_Done]:
    """Threads pull documents from a queue; a document past its deadline is given up on.

    A thread stuck in a document it was given up on is retired (it exits when the call
    returns) and replaced, so one hang never stalls the documents behind it.
    """
    todo: "queue.Queue[tuple[int, Document] | None]" = queue.Queue()
    done: "queue.Queue[_Done]" = queue.Queue()
    started: dict[int, float] = {}
    lock = threading.Lock()

    def work(retired: threading.Event) -> None:
        while not retired.is_set():
            item = todo.get()
            if item is None:
                return
            index, document = item
            with lock:
                started[index] = time.monotonic()
                owner[index] = retired
            result, seconds = _extract_one(extractor, label, document)
            done.put((index, result, seconds))

    owner: dict[int, threading.Event] = {}
    by_index = dict(items)

    def spawn() -> None:
        flag = threading.Event()
        threading.Thread(target=work, args=(flag,), name=f"evalkit-{label}", daemon=True).start()

    for item in items:
        todo.put(item)
    for _ in range(min(threads, len(items))):
        spawn()
    finished: set[int] = set()
    try:
        while len(finished) < len(items):
            wait_for: float | None = None
            if timeout is not None:
                with lock:
                    running = [started[i] for i in started if i not in finished]
                if running:
                    wait_for = max(0.0, min(running) + timeout + THREAD_GRACE - time.monotonic())
                else:
                    wait_for = 0.5
            try:
                index, result, seconds = done.get(timeout=wait_for)
            except queue.Empty:
                now = time.monotonic()
                with lock:
                    late = [i for i, t in started.items() if i not in finished and now - t >= timeout + THREAD_GRACE]  # type: ignore[operator]
                for i in late:
                    finished.add(i)
                    owner[i].set()
                    spawn()
                    record = ErrorRecord(label, by_index[i].id, "timeout", f"timed out after {timeout:g} s (no answer; the call was abandoned)")
                    yield i, record, now - started[i]
                continue
            if index in finished:
                continue  # a late answer for a document already given up on
            finished.add(index)
            yield index, result, seconds
    finally:
        while True:  # drop work not started, then stop every thread still waiting
            try:
                todo.get_nowait()
            except queue.Empty:
                break
        for _ in range(threads + len(items)):
            todo.put(None)


def _mp_context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _worker_main(extractor: Extractor, label: str, conn: Connection) -> None:
    """A worker process: extract each document it is sent until told to stop."""
    try:
        os.setpgid(0, 0)  # its own process group, so a kill takes its children too
    except (AttributeError, OSError):  # pragma: no cover - not POSIX
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, document = message
        result, seconds = _extract_one(extractor, label, document)
        try:
            conn.send((index, result, seconds))
        except Exception as exc:  # an unpicklable result
            record = ErrorRecord(label, document.id, "output", f"the output cannot be passed back: {type(exc).__name__}: {exc}")
            conn.send((index, record, seconds))


class _Worker:
    """One worker process and the document it is working on."""

    def __init__(self, ctx: Any, extractor: Extractor, label: str) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main, args=(extractor, label, child), daemon=True, name=f"evalkit-{label}")
        self.process.start()
        child.close()
        self.conn: Connection = parent
        self.task: tuple[int, Document] | None = None
        self.started = 0.0

    def give(self, item: tuple[int, Document]) -> None:
        self.task = item
        self.started = time.monotonic()
        try:
            self.conn.send(item)
        except OSError:
            pass  # it died while idle: the wait below sees its sentinel and records the crash

    def kill(self) -> None:
        pid = self.process.pid
        if pid is not None:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (AttributeError, OSError):
                pass
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def receive(self, label: str) -> tuple[Any, float, bool]:
        """The answer to the task it was given, once its pipe or process is ready:
        ``(result, seconds, alive)``. A worker that died instead is killed for good and its task
        becomes a ``crash`` record (``alive`` False)."""
        assert self.task is not None
        _, document = self.task
        try:
            if not self.conn.poll():
                raise EOFError
            _, result, seconds = self.conn.recv()
        except Exception:  # closed pipe, or a reply cut off by the crash
            self.kill()
            message = f"the worker process died ({_exit_status(self.process.exitcode)}) while extracting it"
            return ErrorRecord(label, document.id, "crash", message), time.monotonic() - self.started, False
        self.task = None
        return result, seconds, True

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(1)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


def _exit_status(code: int | None) -> str:
    if code is None:
        return "it closed its pipe"
    if code >= 0:
        return f"exit status {code}"
    try:
        return f"killed by {signal.Signals(-code).name}"
    except ValueError:
        return f"killed by signal {-code}"


def _run_processes(
    extractor: Extractor, label: str, items: Sequence[tuple[int, Document]], workers: int, timeout: float | None
) -> Iterator[_Done]:
    """Drive up to ``workers`` worker processes from this one thread (see the module doc)."""
    ctx = _mp_context()
    todo = deque(items)
    pool: list[_Worker] = []
    try:
        while todo or any(w.task for w in pool):
            for w in list(pool):
                if w.task is None and not w.process.is_alive():
                    pool.remove(w)
                    w.kill()
            while todo and len(pool) < min(workers, len(items)):
                pool.append(_Worker(ctx, extractor, label))
            for w in pool:
                if w.task is None and todo:
                    w.give(todo.popleft())
            busy = [w for w in pool if w.task is not None]
            wait_for = None
            if timeout is not None:
                wait_for = max(0.0, min(w.started for w in busy) + timeout - time.monotonic())
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for)
            now = time.monotonic()
            for w in busy:
                assert w.task is not None
                index, document = w.task
                if w.conn in ready or w.process.sentinel in ready:
                    result, seconds, alive = w.receive(label)
                    if not alive:
                        pool.remove(w)
                    yield index, result, seconds
                elif timeout is not None and now - w.started >= timeout:
                    w.kill()
                    pool.remove(w)
                    yield index, ErrorRecord(label, document.id, "timeout", f"timed out after {timeout:g} s (worker killed)"), now - w.started
    finally:
        for w in pool:
            if w.task is None:
                w.stop()
            else:
                w.kill()


# --- the run ----------------------------------------------------------------------------------


class _Progress:
    """A rich progress bar on stderr when it is a terminal; otherwise nothing."""

    def __init__(self, enabled: bool) -> None:
        self.bar: Any = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
                auto_refresh=False,  # no refresh thread: worker processes are forked from here
            )

    def __enter__(self) -> "_Progress":
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.stop()

    def task(self, label: str, total: int) -> Callable[[], None]:
        if self.bar is None:
            return lambda: None
        task_id = self.bar.add_task(label, total=total)
        bar = self.bar
        return lambda: bar.update(task_id, advance=1, refresh=True)


def _corpus(corpus: "datasets.Dataset | Sequence[GoldDocument] | Sequence[Document]") -> tuple[GoldDocument, ...]:
    if hasattr(corpus, "column_names") and hasattr(corpus, "features"):
        from .corpus import from_dataset

        docs: Iterable[Any] = from_dataset(corpus)
    else:
        docs = corpus
    out: list[GoldDocument] = []
    seen: set[str] = set()
    for d in docs:
        gd = d if isinstance(d, GoldDocument) else GoldDocument(d, StructuredSummary()) if isinstance(d, Document) else None
        if gd is None:
            raise InputError(f"the corpus holds a {type(d).__name__}; expected GoldDocument or Document")
        if gd.document.id in seen:
            raise InputError(f"document id {gd.document.id!r} appears twice in the corpus")
        seen.add(gd.document.id)
        out.append(gd)
    return tuple(out)


def _labels(extractors: Sequence[Extractor]) -> list[str]:
    """Each extractor's label, made unique with ``#2``, ``#3``… when a spec repeats."""
    count: dict[str, int] = {}
    labels: list[str] = []
    for e in extractors:
        base = e.info.label
        count[base] = count.get(base, 0) + 1
        labels.append(base if count[base] == 1 else f"{base}#{count[base]}")
    return labels


class Executor(Protocol):
    """Where extraction happens when it is not in this process's workers (a Dask cluster)."""

    def execute(
        self, extractor: Extractor, cap: Capabilities, label: str, items: Sequence[tuple[int, Document]], timeout: float | None
    ) -> Iterator[_Done]:
        """Yield ``(index, result or error record, seconds)`` once for every item, in any order."""
        ...


def run(
    extractors: Sequence[Extractor],
    corpus: "datasets.Dataset | Sequence[GoldDocument] | Sequence[Document]",
    *,
    workers: int = 1,
    cache: "OutputCache | None" = None,
    timeout: float | None = None,
    progress: bool = False,
    executor: Executor | None = None,
) -> RunOutput:
    """Run every extractor over every document; see the module docstring for how.

    ``timeout`` is the per-document limit in seconds (``None``: none) for ``process`` and
    ``thread`` back-ends; ``cache`` (``None``: no cache) serves and stores outputs of
    cacheable back-ends. Raises :class:`~evalkit.errors.RunError` when there is nothing to do
    (no extractors or no documents); per-document failures never raise — they are in the
    output's ``errors``, and :attr:`RunOutput.all_failed` says whether anything succeeded.
    """
    if workers < 1:
        raise InputError(f"workers must be at least 1, not {workers}")
    if timeout is not None and not timeout > 0:
        raise InputError(f"timeout must be positive, not {timeout}")
    documents = _corpus(corpus)
    if not extractors:
        raise RunError("nothing to do: no extractors")
    if not documents:
        raise RunError("nothing to do: the corpus has no documents")
    caps: list[Capabilities] = []
    for e in extractors:
        try:
            caps.append(capabilities(e))
        except ValueError as exc:
            raise InputError(f"extractor {e.info.label!r}: {exc}") from None
    gold = {d.document.id: d.gold for d in documents}

    runs: dict[str, ExtractorRun] = {}
    timings: dict[str, ExtractorTiming] = {}
    with _Progress(progress) as bar:
        for extractor, cap, label in zip(extractors, caps, _labels(extractors)):
            advance = bar.task(label, len(documents))
            runs[label], timings[label] = _run_one(extractor, cap, label, documents, gold, workers, cache, timeout, advance, executor)
    return RunOutput(documents, runs, timings)


def _run_one(
    extractor: Extractor,
    cap: Capabilities,
    label: str,
    documents: tuple[GoldDocument, ...],
    gold: Mapping[str, StructuredSummary],
    workers: int,
    cache: "OutputCache | None",
    timeout: float | None,
    advance: Callable[[], None],
    executor: Executor | None = None,
) -> tuple[ExtractorRun, ExtractorTiming]:
    started = time.perf_counter()
    bind = getattr(extractor, "bind_gold", None)
    if callable(bind):
        bind(gold)
    use_cache = cache is not None and cap.cacheable
    outcomes: dict[int, Outcome] = {}
    seconds: dict[str, float] = {}
    usage: dict[str, Usage] = {}
    todo: list[tuple[int, Document]] = []
    for index, gd in enumerate(documents):
        hit = cache.lookup(extractor.info, gd.document) if use_cache else None  # type: ignore[union-attr]
        if hit is not None:
            outcomes[index] = check_output(label, hit.summary, gd.document)
            if hit.usage is not None:
                usage[gd.document.id] = hit.usage
            advance()
        else:
            todo.append((index, gd.document))
    cached = len(documents) - len(todo)

    if executor is not None:
        results = executor.execute(extractor, cap, label, todo, timeout)
    elif cap.mode == "inline":
        results = _run_inline(extractor, label, todo)
    elif cap.mode == "thread":
        results = _run_threads(extractor, label, todo, cap.concurrency or workers, timeout)
    else:
        results = _run_processes(extractor, label, todo, workers, timeout)
    for index, result, spent in results:
        document = documents[index].document
        seconds[document.id] = spent
        spent_usage = None
        if isinstance(result, Extraction):
            result, spent_usage = result.summary, result.usage
            usage[document.id] = spent_usage
        outcome = result if isinstance(result, ErrorRecord) else check_output(label, result, document)
        if use_cache and isinstance(outcome, StructuredSummary):
            cache.put(extractor.info, document, result, usage=spent_usage)  # type: ignore[union-attr]
        outcomes[index] = outcome
        advance()

    outputs = {documents[i].document.id: outcomes[i] for i in sorted(outcomes)}
    errors = sum(1 for o in outputs.values() if isinstance(o, ErrorRecord))
    timing = ExtractorTiming(
        seconds=time.perf_counter() - started,
        documents=len(documents),
        extracted=len(todo),
        cached=cached,
        errors=errors,
        per_document=seconds,
    )
    pricing = getattr(extractor, "pricing", None)
    run_usage = {doc_id: usage[doc_id] for doc_id in outputs if doc_id in usage}
    return ExtractorRun(label, extractor.info, outputs, run_usage, pricing if isinstance(pricing, Pricing) else None), timing


__all__ = [
    "ERROR_KINDS",
    "ErrorRecord",
    "Executor",
    "ExtractorRun",
    "ExtractorTiming",
    "RunOutput",
    "check_output",
    "failure_record",
    "run",
]
