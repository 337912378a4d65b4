"""Proving the rows of a corpus file in several processes, with ``datasets.Dataset.map(num_proc=N)``.

Proving a row is pure Python (parsing it, then every check a gold file gets), so one process
runs one core; on a machine with several, ``num_proc`` workers each prove a contiguous shard.
The rows go to the workers unparsed — JSON Lines as their lines, Parquet as its Arrow table —
so parsing is spread too, and each worker returns, per row, either the proven document or its
located problems. ``map`` keeps the row order, so the caller gathers exactly what the
sequential path would: the same documents in the same order, the same problems at the same
``file:row``.

A proven document comes back pickled: it is evalkit's own object made by a worker of this
process, never bytes read from the file, and rebuilding it from a row instead would be another
per-row pass in the one process that cannot be spread.

What this costs is measured by ``benchmarks/bench_corpus_load.py`` and explained in
docs/dask.md: moving a proven document back costs about half of proving it, and unpickling it
falls to the caller, so on two cores a parallel load is slower than one process.
"""

from __future__ import annotations

import contextlib
import gc
import pickle
import warnings
from typing import TYPE_CHECKING, Any, Callable, Iterator

from ..errors import Problem
from ..model import GoldDocument
from .corpus_file import Outcome, cycle_collection_paused, prove_line, prove_row

if TYPE_CHECKING:  # pragma: no cover
    import datasets
    import pyarrow

#: Rows a worker proves between two writes of its results (``datasets``' own default).
BATCH_SIZE = 1000


def prove_jsonl(data: bytes, shown: str, num_proc: int) -> list[Outcome]:
    """Each non-blank line of a JSON Lines file (its UTF-8 bytes) parsed and proven, in order.

    The lines are an Arrow string column laid over ``data`` itself, one entry per line with its
    newline, so the file is not copied before it is sharded.
    """
    import pyarrow as pa
    from datasets import Dataset
    from datasets.table import InMemoryTable

    starts = [0]
    at = data.find(b"\n")
    while at != -1:
        starts.append(at + 1)
        at = data.find(b"\n", at + 1)
    starts.append(len(data))
    offsets = pa.array(starts, pa.int64()).buffers()[1]
    lines = pa.LargeStringArray.from_buffers(len(starts) - 1, offsets, pa.py_buffer(data))
    ds = Dataset(InMemoryTable(pa.table({"line": lines})))
    outcomes = _run(ds, _line_batch, shown, num_proc)
    return [o for o in outcomes if o is not None]


def prove_table(table: "pyarrow.Table", shown: str, num_proc: int) -> list[Outcome]:
    """Each row of a Parquet table proven, in order (row numbers count from 1).

    The schema's metadata is dropped so ``datasets`` types the columns from Arrow alone and
    never decodes a column (as an image, say) on a file's say-so. A table whose Arrow types
    ``datasets`` cannot hold is proven here, one row after another, with the same result.
    """
    from datasets import Dataset
    from datasets.table import InMemoryTable

    try:
        ds = Dataset(InMemoryTable(table.replace_schema_metadata(None)))
    except (TypeError, ValueError, NotImplementedError):
        with cycle_collection_paused():
            return [prove_row(row, shown, n) for n, row in enumerate(table.to_pylist(), start=1)]
    return [o for o in _run(ds, _table_batch, shown, num_proc) if o is not None]


def _run(ds: "datasets.Dataset", function: Callable[..., dict[str, list[Any]]], shown: str, num_proc: int) -> list[Outcome | None]:
    """``function`` over ``ds`` in ``num_proc`` processes: per row an outcome, or None for no row."""
    from datasets import Features, List, Value

    out = Features({
        "row": Value("bool"),
        "document": Value("binary"),
        "problems": List({"path": Value("string"), "line": Value("int64"), "message": Value("string")}),
    })
    with _quiet(), _frozen_heap():
        proven = ds.with_format("arrow").map(
            function,
            batched=True,
            batch_size=BATCH_SIZE,
            with_indices=True,
            num_proc=min(num_proc, len(ds)),
            fn_kwargs={"shown": shown},
            remove_columns=ds.column_names,
            features=out,
        )
    table = proven.with_format("arrow")[:]
    rows = table.column("row").to_pylist()
    documents = table.column("document").to_pylist()
    problems = table.column("problems").to_pylist()
    with cycle_collection_paused():
        return [
            None if not row else pickle.loads(doc) if doc is not None else [Problem(p["path"], p["line"], p["message"]) for p in found]
            for row, doc, found in zip(rows, documents, problems)
        ]


def _line_batch(batch: "pyarrow.Table", indices: list[int], *, shown: str) -> dict[str, list[Any]]:
    lines = [line.removesuffix("\n") for line in batch.column("line").to_pylist()]
    with cycle_collection_paused():
        return _encode([prove_line(line, shown, i + 1) if line.strip() else None for i, line in zip(indices, lines)])


def _table_batch(batch: "pyarrow.Table", indices: list[int], *, shown: str) -> dict[str, list[Any]]:
    with cycle_collection_paused():
        return _encode([prove_row(row, shown, i + 1) for i, row in zip(indices, batch.to_pylist())])


def _encode(outcomes: list[Outcome | None]) -> dict[str, list[Any]]:
    """Outcomes as the Arrow columns a worker hands back (``row`` is false for a blank line)."""
    rows: list[bool] = []
    documents: list[bytes | None] = []
    problems: list[list[dict[str, Any]]] = []
    for outcome in outcomes:
        rows.append(outcome is not None)
        if outcome is None:
            documents.append(None)
            problems.append([])
        elif isinstance(outcome, GoldDocument):
            documents.append(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
            problems.append([])
        else:
            documents.append(None)
            problems.append([{"path": p.path, "line": p.line, "message": p.message} for p in outcome])
    return {"row": rows, "document": documents, "problems": problems}


@contextlib.contextmanager
def _frozen_heap() -> Iterator[None]:
    """Keep the objects this process already holds out of the workers' cycle collections.

    Workers are forked: a collection in one would walk (and so copy) every object the caller
    holds — all the documents of the files loaded before this one, say. Frozen objects are
    left alone, as the ``gc`` documentation advises before forking.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """No ``datasets`` progress bar on the user's terminal while rows are proven."""
    import datasets

    if datasets.are_progress_bars_disabled():
        yield
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the environment may insist on bars; then they show
        datasets.disable_progress_bars()
    try:
        yield
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            datasets.enable_progress_bars()
