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
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from .model import Attribution, Document, Entity, GoldDocument, NumberFact, Span, StructuredSummary

if TYPE_CHECKING:  # pragma: no cover
    import datasets


def features() -> "datasets.Features":
    """The Arrow schema of a corpus row."""
    from datasets import Features, List, Value

    span = {"start": Value("int64"), "end": Value("int64"), "text": Value("string")}
    value = {"int": Value("int64"), "float": Value("float64"), "str": Value("string")}
    return Features(
        {
            "id": Value("string"),
            "text": Value("string"),
            "sha256": Value("string"),
            "path": Value("string"),
            "metadata_json": Value("string"),
            "entities": List(
                {
                    "id": Value("string"),
                    "type": Value("string"),
                    "name": Value("string"),
                    "aliases": List(Value("string")),
                    "mentions": List(span),
                }
            ),
            "numbers": List(
                {
                    "id": Value("string"),
                    "span": span,
                    "value": value,
                    "value_max": value,
                    "kind": Value("string"),
                    "unit": Value("string"),
                    "qualifier": Value("string"),
                    "quantifies": Value("string"),
                }
            ),
            "attributions": List(
                {
                    "id": Value("string"),
                    "kind": Value("string"),
                    "source": span,
                    "source_entities": List(Value("string")),
                    "cue": span,
                    "content": span,
                }
            ),
            "summaries": List(Value("string")),
        }
    )


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


def to_row(doc: GoldDocument) -> dict[str, Any]:
    """One corpus row (plain Python) for a gold document."""
    g = doc.gold
    return {
        "id": doc.document.id,
        "text": doc.document.text,
        "sha256": doc.document.sha256,
        "path": doc.path,
        "metadata_json": json.dumps(dict(doc.document.metadata), sort_keys=True, ensure_ascii=False),
        "entities": [
            {"id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases), "mentions": [_span(m) for m in e.mentions]}
            for e in g.entities
        ],
        "numbers": [
            {
                "id": n.id,
                "span": _span(n.span),
                "value": _value(n.value),
                "value_max": _value(n.value_max),
                "kind": n.kind,
                "unit": n.unit,
                "qualifier": n.qualifier,
                "quantifies": n.quantifies,
            }
            for n in g.numbers
        ],
        "attributions": [
            {
                "id": a.id,
                "kind": a.kind,
                "source": _span(a.source),
                "source_entities": list(a.source_entities),
                "cue": _span(a.cue),
                "content": _span(a.content),
            }
            for a in g.attributions
        ],
        "summaries": list(g.summaries),
    }


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
        if d.get(key) is not None:
            return d[key]
    return None


def from_row(row: Mapping[str, Any]) -> GoldDocument:
    """The gold document a corpus row holds (inverse of :func:`to_row`)."""
    entities = tuple(
        Entity(e["id"], e["type"], e["name"], tuple(e["aliases"]), tuple(_read_span(m) for m in e["mentions"]))  # type: ignore[misc]
        for e in row["entities"]
    )
    numbers = tuple(
        NumberFact(
            n["id"],
            _read_span(n["span"]),
            _read_value(n["value"]),
            n["kind"],
            n["unit"],
            n["qualifier"],
            n["quantifies"],
            _read_value(n["value_max"]),
        )
        for n in row["numbers"]
    )
    attributions = tuple(
        Attribution(
            a["id"],
            a["kind"],
            _read_span(a["content"]),  # type: ignore[arg-type]
            _read_span(a["source"]),
            tuple(a["source_entities"]),
            _read_span(a["cue"]),
        )
        for a in row["attributions"]
    )
    document = Document(row["id"], row["text"], row["sha256"], json.loads(row["metadata_json"] or "{}"))
    return GoldDocument(document, StructuredSummary(entities, numbers, attributions, tuple(row["summaries"])), row["path"])


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
    return from_dataset(ds)  # type: ignore[arg-type]
