"""A corpus of gold documents as a Hugging Face ``datasets.Dataset``, and back, without loss.

One row per document. Nested parts are real Arrow types (lists of structs), so a corpus can be
filtered, mapped, sharded and written to Parquet with the ``datasets`` tool chain. Two fields
need care to stay lossless:

* a number's ``value`` may be an integer, a float or a TIMEX3-like string, and Arrow columns
  have one type, so it is stored as the struct ``{int, float, str}`` with exactly one member set;
* ``metadata`` is free-form (any YAML mapping), so it is the one field kept as a JSON string
  (``metadata_json``); everything else is typed.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from .fields import Shape, parts, wire_fields
from .model import Document, GoldDocument, Span, StructuredSummary

if TYPE_CHECKING:  # pragma: no cover
    import datasets


def _feature(shape: Shape, span: Any, value: Any) -> Any:
    """The Arrow type of one field's shape."""
    from datasets import List, Value

    if shape is Shape.SPAN:
        return span
    if shape is Shape.SPANS:
        return List(span)
    if shape is Shape.VALUE:
        return value
    if shape in (Shape.TEXTS, Shape.REFS):
        return List(Value("string"))
    return Value("string")


def features() -> "datasets.Features":
    """The Arrow schema of a corpus row; the record parts derive from the model's declarations."""
    from datasets import Features, List, Value

    span = {"start": Value("int64"), "end": Value("int64"), "text": Value("string")}
    value = {"int": Value("int64"), "float": Value("float64"), "str": Value("string")}
    columns: dict[str, Any] = {
        "id": Value("string"),
        "text": Value("string"),
        "sha256": Value("string"),
        "path": Value("string"),
        "metadata_json": Value("string"),
    }
    for name, p in parts(StructuredSummary):
        columns[name] = List({f.name: _feature(f.wire.shape, span, value) for f in wire_fields(p.record)})
    columns["summaries"] = List(Value("string"))
    return Features(columns)


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def _value(v: int | float | str | None) -> dict[str, Any] | None:
    if v is None:
        return None
    if isinstance(v, str):
        return {"int": None, "float": None, "str": v}
    if isinstance(v, int):
        return {"int": v, "float": None, "str": None}
    return {"int": None, "float": float(v), "str": None}


#: How each shape is stored in a row, and read back (anything not listed is stored as it is).
_STORE: Mapping[Shape, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    Shape.SPAN: (_span, lambda d: _read_span(d)),
    Shape.SPANS: (lambda spans: [_span(s) for s in spans], lambda ds: tuple(_read_span(d) for d in ds)),
    Shape.VALUE: (_value, lambda d: _read_value(d)),
    Shape.TEXTS: (list, tuple),
    Shape.REFS: (list, tuple),
}


def _same(x: Any) -> Any:
    return x


def _record_row(record: Any) -> dict[str, Any]:
    return {f.name: _STORE.get(f.wire.shape, (_same, _same))[0](getattr(record, f.name)) for f in wire_fields(type(record))}


def _row_record(cls: type, row: Mapping[str, Any]) -> Any:
    return cls(**{f.name: _STORE.get(f.wire.shape, (_same, _same))[1](row[f.name]) for f in wire_fields(cls)})


def to_row(doc: GoldDocument) -> dict[str, Any]:
    """One corpus row (plain Python) for a gold document."""
    g = doc.gold
    row: dict[str, Any] = {
        "id": doc.document.id,
        "text": doc.document.text,
        "sha256": doc.document.sha256,
        "path": doc.path,
        "metadata_json": json.dumps(dict(doc.document.metadata), sort_keys=True, ensure_ascii=False),
    }
    for name, _ in parts(StructuredSummary):
        row[name] = [_record_row(r) for r in getattr(g, name)]
    row["summaries"] = list(g.summaries)
    return row


def to_dataset(docs: Sequence[GoldDocument]) -> "datasets.Dataset":
    """A ``datasets.Dataset`` with one row per gold document, typed by :func:`features`."""
    from datasets import Dataset

    rows = [to_row(d) for d in docs]
    columns = {name: [r[name] for r in rows] for name in features()}
    return Dataset.from_dict(columns, features=features())


def _read_span(d: Mapping[str, Any] | None) -> Span | None:
    if d is None:
        return None
    return Span(d["start"], d["end"], d["text"])


def _read_value(d: Mapping[str, Any] | None) -> int | float | str | None:
    if d is None:
        return None
    for key in ("int", "float", "str"):
        value = d.get(key)
        if value is not None:
            return value  # type: ignore[no-any-return]  # an Arrow int64, float64 or string
    return None


def from_row(row: Mapping[str, Any]) -> GoldDocument:
    """The gold document a corpus row holds (inverse of :func:`to_row`)."""
    records = {name: tuple(_row_record(p.record, r) for r in row[name]) for name, p in parts(StructuredSummary)}
    document = Document(row["id"], row["text"], row["sha256"], json.loads(row["metadata_json"] or "{}"))
    return GoldDocument(document, StructuredSummary(**records, summaries=tuple(row["summaries"])), row["path"])


def from_dataset(ds: "datasets.Dataset | Iterable[Mapping[str, Any]]") -> list[GoldDocument]:
    """Gold documents from a corpus dataset (or any iterable of rows)."""
    return [from_row(r) for r in ds]


def export(docs: Sequence[GoldDocument], path: str, fmt: str) -> int:
    """Write the corpus as ``jsonl`` or ``parquet``; returns the number of rows written."""
    ds = to_dataset(docs)
    if fmt == "jsonl":
        ds.to_json(path, lines=True, force_ascii=False)
    elif fmt == "parquet":
        ds.to_parquet(path)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return len(ds)


def load_exported(path: str, fmt: str) -> list[GoldDocument]:
    """Read a corpus written by :func:`export` back into gold documents."""
    from datasets import Dataset

    if fmt == "parquet":
        ds = Dataset.from_parquet(path, features=features())
    else:
        ds = Dataset.from_json(path, features=features())
    return from_dataset(ds)
