"""Resampling units: the per-unit statistics that intervals and paired tests resample.

One engine serves the Python API (:func:`evalkit.compare`, intervals in
:func:`~evalkit.scoring.result.assemble`) and the CLI (``evalkit compare``/``check``, which
read ``report.json``): both describe each document as a :class:`UnitSource` and call
:func:`intervals` or :func:`paired`, so the same data always gives the same answer.

Units (``--unit``, recorded in the signature):

``document``
    one unit per document; every metric. The right unit for a corpus: documents are what was
    sampled.
``sentence``
    one unit per sentence of each document (:func:`evalkit.sentences.sentence_spans`): every
    scored item (gold item or prediction, as the explanations list them) falls in the sentence
    where its gold span starts, or its predicted span when it has no gold; an item without any
    span (an entity, a number given by value only) is a unit of its own.
``item``
    one unit per scored item: a gold item with whatever was aligned to it, or an unaligned
    prediction. Paired tests pair a gold item with itself in both systems, and unaligned
    predictions by their span (or text).

Finer units come from the explanations, whose ``contribution`` is the item's share of its
part's **headline** metric; so at ``sentence`` and ``item`` intervals and tests exist for each
part's headline metric (the metrics shown and gated by default), and every other metric of an
item part reports :data:`NO_FINER_UNITS` instead of a number. A document has one summary, so
``summary`` metrics keep the document as their unit at every level. Items are not independent
draws (mentions of one entity, sentences of one article), so finer-unit intervals are narrower
than a corpus-level truth would be; they are still honest about the sample in hand, where a
bootstrap over one or two documents is not.

``auto`` (the default) is ``document`` when the corpus has at least
:func:`evalkit.stats.min_units` documents, else ``item``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Hashable, Mapping, Sequence

from ..stats import KIND_COLUMNS as _COLUMNS
from .base import Explanation, Stat

if TYPE_CHECKING:
    import numpy as np

    from ..stats import CI, PairedResult

#: The resampling units, coarsest first; ``auto`` picks one of the first and last.
UNITS: tuple[str, ...] = ("document", "sentence", "item")
#: Parts whose items are the document itself (one summary per document).
DOCUMENT_PARTS: frozenset[str] = frozenset({"summary"})
#: Why a metric has no interval or test at a finer unit.
NO_FINER_UNITS = "no per-item units for this metric (only each part's headline has them; use unit=document)"


def resolve_unit(unit: str, documents: int, alpha: float) -> str:
    """The concrete unit for ``unit`` (``auto`` → ``document`` from min_units documents on,
    else ``item``)."""
    from ..stats import min_units

    if unit != "auto":
        return unit
    return "document" if documents >= min_units(alpha) else "item"


@dataclass(frozen=True)
class UnitSource:
    """What the unit builder needs of one scored document, whichever side it comes from."""

    doc_id: str
    metrics: Mapping[str, Stat]
    headlines: Mapping[str, str] = field(default_factory=dict)
    items: Sequence[Explanation] = ()
    text: str | None = None


def _zero(kind: str) -> tuple[float, ...]:
    return (0.0,) * _COLUMNS[kind]


def _stat_row(stat: Stat | None, kind: str) -> tuple[float, ...]:
    return _zero(kind) if stat is None else tuple(float(x) for x in stat.as_stats())


def _item_key(doc_id: str, e: Explanation) -> Hashable:
    if e.gold is not None:
        return (doc_id, e.part, "gold", e.gold)
    if e.pred_span is not None:
        return (doc_id, e.part, "pred", tuple(e.pred_span))
    return (doc_id, e.part, "text", e.pred_text or "", e.type_pred or "")


class _Sentences:
    """Sentence index of an offset, per document (computed once)."""

    def __init__(self) -> None:
        self._starts: dict[str, list[int]] = {}

    def index(self, doc: UnitSource, offset: int) -> int:
        if doc.doc_id not in self._starts:
            from ..sentences import sentence_spans

            self._starts[doc.doc_id] = [s for s, _ in sentence_spans(doc.text or "")]
        return max(0, bisect_right(self._starts[doc.doc_id], offset) - 1)


def _key(doc: UnitSource, e: Explanation, unit: str, sentences: _Sentences) -> Hashable:
    if unit == "sentence":
        span = e.gold_span if e.gold_span is not None else e.pred_span
        if span is not None and doc.text is not None:
            return (doc.doc_id, "sentence", sentences.index(doc, span[0]))
    return _item_key(doc.doc_id, e)


def keyed_rows(docs: Sequence[UnitSource], name: str, kind: str, unit: str, sentences: _Sentences | None = None) -> dict[Hashable, tuple[float, ...]] | None:
    """Per unit key, the statistics of metric ``name`` at ``unit`` (``None``: no such units).

    The rows of every unit sum to the metric's statistics over ``docs``.
    """
    part = name.split(".", 1)[0]
    out: dict[Hashable, tuple[float, ...]] = {}
    if unit == "document" or part in DOCUMENT_PARTS:
        for d in docs:
            out[(d.doc_id,)] = _stat_row(d.metrics.get(name), kind)
        return out
    headline = next((d.headlines[part] for d in docs if part in d.headlines), None)
    if kind != "prf" or headline != name:
        return None
    sentences = sentences or _Sentences()
    for d in docs:
        for e in d.items:
            if e.part != part:
                continue
            k = _key(d, e, unit, sentences)
            row = out.get(k, (0.0, 0.0, 0.0))
            c = e.contribution
            out[k] = (row[0] + c.tp, row[1] + c.fp, row[2] + c.fn)
    return out


def _array(rows: Sequence[Sequence[float]], kind: str) -> "np.ndarray":
    import numpy as np

    return np.array(rows, dtype=float).reshape(len(rows), _COLUMNS[kind])


def intervals(
    docs: Sequence[UnitSource], kinds: Mapping[str, str], unit: str, n: int, seed: int, alpha: float
) -> dict[str, "CI"]:
    """Bootstrap intervals of every metric in ``kinds`` at ``unit`` (see the module docstring)."""
    from ..stats import CI, KIND_VALUES, Interval, metric_values, optional
    from .resample import bootstrap_cis

    sentences = _Sentences()
    by_units: dict[int, dict[str, tuple[str, Any]]] = {}
    out: dict[str, CI] = {}
    for name, kind in kinds.items():
        rows = keyed_rows(docs, name, kind, unit, sentences)
        if rows is None:
            total = [sum(col) for col in zip(*[_stat_row(d.metrics.get(name), kind) for d in docs])] or list(_zero(kind))
            point = metric_values(_array([total], kind)[0], kind)
            out[name] = CI(kind, {k: Interval(optional(point[i]), None, None) for i, k in enumerate(KIND_VALUES[kind])}, 0, NO_FINER_UNITS)
            continue
        by_units.setdefault(len(rows), {})[name] = (kind, _array(list(rows.values()), kind))
    for group in by_units.values():  # the same unit count gives the same draws: batched
        out.update(bootstrap_cis(group, n, seed, alpha))
    return {name: out[name] for name in kinds}


def paired(
    docs_a: Sequence[UnitSource],
    docs_b: Sequence[UnitSource],
    kinds: Mapping[str, str],
    unit: str,
    method: str,
    n: int,
    seed: int,
    alpha: float,
) -> dict[str, "PairedResult"]:
    """Paired tests of B against A for every metric in ``kinds`` at ``unit``.

    ``docs_a`` and ``docs_b`` hold the same documents in the same order. A unit present on one
    side only (a prediction only one system made) pairs with zeros on the other.
    """
    from ..stats import KIND_VALUES, PairedResult, metric_values, optional
    from .resample import paired_tests

    sentences = _Sentences()
    by_units: dict[int, tuple[dict[str, tuple[str, Any]], dict[str, tuple[str, Any]]]] = {}
    out: dict[str, PairedResult] = {}
    for name, kind in kinds.items():
        rows_a = keyed_rows(docs_a, name, kind, unit, sentences)
        rows_b = keyed_rows(docs_b, name, kind, unit, sentences)
        if rows_a is None or rows_b is None:
            sums = [
                metric_values(_array([[sum(c) for c in zip(*[_stat_row(d.metrics.get(name), kind) for d in docs])] or list(_zero(kind))], kind)[0], kind)
                for docs in (docs_a, docs_b)
            ]
            delta = sums[1] - sums[0]
            names = KIND_VALUES[kind]
            out[name] = PairedResult(
                kind, method, n, seed, {k: optional(delta[i]) for i, k in enumerate(names)}, dict.fromkeys(names), 0, NO_FINER_UNITS
            )
            continue
        keys = list(rows_a) + [k for k in rows_b if k not in rows_a]
        zero = _zero(kind)
        a = _array([rows_a.get(k, zero) for k in keys], kind)
        b = _array([rows_b.get(k, zero) for k in keys], kind)
        group = by_units.setdefault(len(keys), ({}, {}))
        group[0][name] = (kind, a)
        group[1][name] = (kind, b)
    for ga, gb in by_units.values():
        out.update(paired_tests(ga, gb, method, n, seed, alpha))
    return {name: out[name] for name in kinds}


__all__ = [
    "DOCUMENT_PARTS",
    "NO_FINER_UNITS",
    "UNITS",
    "UnitSource",
    "intervals",
    "keyed_rows",
    "paired",
    "resolve_unit",
]
