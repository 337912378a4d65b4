"""Gold from a corpus file that ``evalkit export`` wrote (JSON Lines or Parquet), validated.

The CLI reads what it writes: ``--gold corpus.jsonl`` works wherever ``--gold gold/`` does.
A row is not trusted because evalkit once wrote it — it may have been edited or produced by
another tool — so each row is turned back into the gold file's shape and proven by the same
checks as a YAML file (:func:`~evalkit.gold.loader.document_from_mapping`). Problems are
located as ``file:row``; in JSON Lines the row is the line number.

Rows are read with the standard library (JSON Lines) and pyarrow (Parquet) rather than
``datasets.Dataset.from_json``, because those report a bad row by exception, without its
place, and refuse a whole file for one wrong type.
"""

from __future__ import annotations

import contextlib
import gc
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from ..errors import GoldError, InputError, Problem
from ..model import GoldDocument
from .loader import FORMAT, document_from_mapping
from .source import MAX_TEXT_BYTES

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow

#: Suffixes of the corpus files ``evalkit export`` writes.
CORPUS_SUFFIXES = (".jsonl", ".parquet")
#: A corpus file larger than this is refused before reading (it holds texts, so the text limit
#: times a generous number of articles).
MAX_CORPUS_BYTES = 20 * MAX_TEXT_BYTES


def is_corpus_file(path: Path) -> bool:
    """True for a file whose suffix says it is an exported corpus."""
    return path.suffix.lower() in CORPUS_SUFFIXES


def load_corpus_file(path: str | Path, *, num_proc: int | None = None) -> list[GoldDocument]:
    """Every document of one corpus file; all problems of all rows are raised together.

    ``num_proc`` > 1 proves the rows in that many processes (a ``datasets`` map); the documents,
    their order and the problems with their ``file:row`` locations are the same as with
    ``None`` or 1, which prove them one after another in this process.
    """
    check_num_proc(num_proc)
    path = Path(path)
    shown = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise GoldError(Problem(shown, None, f"cannot read corpus file: {exc.strerror}")) from None
    if size > MAX_CORPUS_BYTES:
        raise GoldError(Problem(shown, None, f"corpus file is {size / 2**20:.0f} MiB; the limit is {MAX_CORPUS_BYTES / 2**20:.0f} MiB"))
    if path.suffix.lower() == ".parquet":
        table = _parquet_table(path)
        if num_proc is not None and num_proc > 1 and table.num_rows > 1:
            from .corpus_parallel import prove_table

            outcomes = prove_table(table, shown, num_proc)
        else:
            with cycle_collection_paused():
                outcomes = [prove_row(row, shown, n) for n, row in enumerate(table.to_pylist(), start=1)]
    else:
        data, text = _jsonl_text(path)
        lines = text.split("\n")
        if num_proc is not None and num_proc > 1 and len(lines) > 1:
            from .corpus_parallel import prove_jsonl

            outcomes = prove_jsonl(data, shown, num_proc)
        else:
            with cycle_collection_paused():
                outcomes = [prove_line(line, shown, n) for n, line in enumerate(lines, start=1) if line.strip()]
    return _gather(outcomes, shown)


def check_num_proc(num_proc: int | None) -> None:
    """Refuse a process count that is not a whole number of at least 1 (None means one)."""
    if num_proc is None:
        return
    if not isinstance(num_proc, int) or isinstance(num_proc, bool):
        raise InputError(f"num_proc must be a whole number of at least 1, not {num_proc!r}")
    if num_proc < 1:
        raise InputError(f"num_proc must be at least 1, not {num_proc}")


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while rows are proven or proven documents unpickled.

    Proving keeps hundreds of small objects per document, and every burst of allocations
    starts a collection that walks all objects kept so far: a fifth (JSON Lines) to two fifths
    (Parquet) of the CPU time of loading 10,000 rows, and most of the time of unpickling them. Proving makes no reference
    cycles (reference counting frees everything it drops), so the collector has nothing to find.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: What proving one row gives: the document, or every problem it has.
Outcome = GoldDocument | list[Problem]


def _gather(outcomes: Iterable[Outcome], shown: str) -> list[GoldDocument]:
    docs: list[GoldDocument] = []
    problems: list[Problem] = []
    for outcome in outcomes:
        if isinstance(outcome, GoldDocument):
            docs.append(outcome)
        else:
            problems.extend(outcome)
    if not docs and not problems:
        problems.append(Problem(shown, None, "corpus file holds no rows"))
    if problems:
        raise GoldError(problems)
    return docs


def prove_line(line: str, shown: str, number: int) -> Outcome:
    """One non-blank JSON Lines row parsed and proven as gold."""
    try:
        row = json.loads(line, parse_constant=_no_constant)
    except (json.JSONDecodeError, ValueError) as exc:
        message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        return [Problem(shown, number, f"row is not JSON: {message}")]
    return prove_row(row, shown, number)


def prove_row(row: Any, shown: str, number: int) -> Outcome:
    """One parsed row proven as gold."""
    try:
        return _document(row, shown, number)
    except GoldError as exc:
        return exc.problems


def _jsonl_text(path: Path) -> tuple[bytes, str]:
    """A JSON Lines file's bytes and its text; the bytes must be UTF-8 (lines are parsed later, per row)."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GoldError(Problem(shown, None, f"cannot read corpus file: {exc.strerror}")) from None
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GoldError(Problem(shown, line, f"corpus file is not UTF-8 (byte 0x{data[exc.start]:02x})")) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _parquet_table(path: Path) -> "pyarrow.Table":
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GoldError(Problem(str(path), None, f"not a readable Parquet file: {first}")) from None


def _document(row: Any, shown: str, number: int) -> GoldDocument:
    """A corpus row (the :func:`evalkit.corpus.to_row` shape) proven as gold."""
    if not isinstance(row, Mapping):
        raise GoldError(Problem(shown, number, f"row must be an object, not {type(row).__name__}"))
    text = row.get("text")
    if not isinstance(text, str):
        raise GoldError(Problem(shown, number, "row: text is required (a string)"))
    unknown = sorted(set(row) - _ROW_KEYS)
    if unknown:
        raise GoldError(Problem(shown, number, f"row: unknown field {unknown[0]!r} (expected one of {', '.join(sorted(_ROW_KEYS))})"))
    metadata: Any = {}
    raw_meta = row.get("metadata_json")
    if raw_meta not in (None, ""):
        if not isinstance(raw_meta, str):
            raise GoldError(Problem(shown, number, "row: metadata_json must be a JSON string"))
        try:
            metadata = json.loads(raw_meta)
        except json.JSONDecodeError as exc:
            raise GoldError(Problem(shown, number, f"row: metadata_json is not JSON: {exc.msg}")) from None
    document: dict[str, Any] = {"id": row.get("id"), "metadata": metadata}
    if row.get("sha256"):
        document["sha256"] = row["sha256"]
    record = {
        "format": FORMAT,
        "document": document,
        "entities": _list(row, "entities", _drop_nulls),
        "numbers": _list(row, "numbers", _number),
        "attributions": _list(row, "attributions", _attribution),
        "summaries": row.get("summaries"),
    }
    return document_from_mapping(record, text, shown=shown, line=number, path=f"{shown}:{number}")


_ROW_KEYS = frozenset(("id", "text", "sha256", "path", "metadata_json", "entities", "numbers", "attributions", "summaries"))


def _list(row: Mapping[str, Any], key: str, convert: Any) -> Any:
    items = row.get(key)
    if not isinstance(items, list):
        return items  # the checker reports a wrong shape
    return [convert(item) if isinstance(item, Mapping) else item for item in items]


def _drop_nulls(item: Mapping[str, Any]) -> dict[str, Any]:
    """Arrow writes every struct field; the gold shape leaves optional ones out."""
    return {k: v for k, v in item.items() if v is not None}


def _value(v: Any) -> Any:
    """The ``{int, float, str}`` struct back to the one scalar it holds."""
    if not isinstance(v, Mapping):
        return v
    set_members = [(k, x) for k, x in v.items() if x is not None]
    if len(set_members) != 1 or set_members[0][0] not in ("int", "float", "str"):
        return v  # reported by the checker as "not a number or a string"
    return set_members[0][1]


def _number(item: Mapping[str, Any]) -> dict[str, Any]:
    out = _drop_nulls(item)
    for key in ("value", "value_max"):
        if key in out:
            out[key] = _value(out[key])
    return out


def _attribution(item: Mapping[str, Any]) -> dict[str, Any]:
    out = _drop_nulls(item)
    out.setdefault("cue", None)  # a null cue is "no cue", which the gold shape writes explicitly
    return out
