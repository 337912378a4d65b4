"""A scoring run's result: per-document part scores, corpus aggregates, intervals, signature.

Aggregation (docs/scoring.md):

* **micro** (the headline numbers): a metric's statistics are summed over documents, then
  divided — ``Counts`` add ``tp``/``fp``/``fn``, ``Mean`` adds totals and counts;
* **macro over documents**: the mean of the per-document values, over the documents in which
  the metric is defined — a document with nothing in gold and nothing predicted for it has no
  value and is left out, never counted as 1.0; ``MetricResult.documents`` says how many
  documents the mean is over;
* **macro over types**: for a metric with a per-type breakdown (``mentions.strict`` and
  ``mentions.strict/PERSON``…), the mean of the per-type micro values over every type seen in
  gold or predictions — scikit-learn's ``average="macro"``.

A value is ``None`` when it is undefined (:class:`~evalkit.scoring.base.Counts`). Confidence
intervals are percentile bootstrap intervals (:mod:`evalkit.stats`) of the micro value over
the units of ``config.unit`` (:mod:`evalkit.scoring.units`); below ``stats.min_units`` units
their ends are ``None`` and ``ci_reason`` says why. :func:`evalkit.compare` runs the paired
test on every metric over the same units (:mod:`evalkit.reports.compare`, the engine of
``evalkit compare``).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..stats import KIND_COLUMNS
from .base import PARTS, Counts, Explanation, Mean, PartScore, Stat
from .config import ScoringConfig

if TYPE_CHECKING:
    import numpy as np



def kind_of(stat: Stat) -> str:
    """``"prf"`` for :class:`Counts`, ``"mean"`` for :class:`Mean`."""
    return "prf" if isinstance(stat, Counts) else "mean"


def stat_values(stat: Stat) -> dict[str, float | None]:
    """The reported values of a statistic: precision/recall/F1, or the mean's value
    (``None`` where undefined)."""
    if isinstance(stat, Counts):
        return {"precision": stat.precision, "recall": stat.recall, "f1": stat.f1}
    return {"value": stat.value}


def _stat_dict(stat: Stat) -> dict[str, Any]:
    """``{"counts": {...}, "values": {...}}``: the sufficient statistics and what they give."""
    if isinstance(stat, Counts):
        counts: dict[str, Any] = {"tp": float(stat.tp), "fp": float(stat.fp), "fn": float(stat.fn)}
    else:
        counts = {"total": float(stat.total), "n": int(stat.n)}
    return {"counts": counts, "values": {k: _opt(v) for k, v in stat_values(stat).items()}}


def _opt(v: float | None) -> float | None:
    return None if v is None else float(v)


def _zero(kind: str) -> Stat:
    return Counts() if kind == "prf" else Mean()


def _add(a: Stat, b: Stat) -> Stat:
    """The sum of two statistics of one kind (a metric never mixes counts and means)."""
    if isinstance(a, Counts) and isinstance(b, Counts):
        return a + b
    if isinstance(a, Mean) and isinstance(b, Mean):
        return a + b
    raise TypeError(f"cannot add {type(b).__name__} to {type(a).__name__}")


def part_of(metric: str) -> str:
    """The part a metric name belongs to (``mentions.strict/PERSON`` → ``mentions``)."""
    return metric.split(".", 1)[0]


def _sort_key(metric: str) -> tuple[int, str]:
    part = part_of(metric)
    return (PARTS.index(part) if part in PARTS else len(PARTS), metric)


@dataclass(frozen=True)
class DocumentScore:
    """Every part's score for one document, keyed by part name in :data:`PARTS` order."""

    doc_id: str
    parts: Mapping[str, PartScore]

    def metric(self, name: str) -> Stat | None:
        """The statistic of metric ``name`` in this document, or ``None`` if it does not occur."""
        part = self.parts.get(part_of(name))
        return part.metrics.get(name) if part is not None else None

    def items(self) -> tuple[Explanation, ...]:
        return tuple(e for p in self.parts.values() for e in p.items)


@dataclass(frozen=True)
class MetricResult:
    """One metric over the corpus: micro statistic and values, interval, macro averages.

    ``values`` are ``None`` where undefined. ``ci`` maps each value name to ``(low, high)``,
    both ``None`` when no interval exists (``ci_reason`` says why: too few ``units``, no
    per-item units for this metric); ``macro_types`` is empty for a metric without a per-type
    breakdown; ``documents`` counts the documents the macro average is over (those where the
    metric is defined).
    """

    name: str
    part: str
    kind: str
    stat: Stat
    values: Mapping[str, float | None]
    ci: Mapping[str, tuple[float | None, float | None]]
    macro_documents: Mapping[str, float | None]
    macro_types: Mapping[str, float | None]
    documents: int
    units: int = 0
    ci_reason: str | None = None

    @property
    def f1(self) -> float | None:
        return self.values["f1"]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"part": self.part, "kind": self.kind}
        out.update(_stat_dict(self.stat))
        out["ci"] = {k: [_opt(lo), _opt(hi)] for k, (lo, hi) in self.ci.items()}
        out["ci_units"] = self.units
        if self.ci_reason is not None:
            out["ci_reason"] = self.ci_reason
        out["macro_documents"] = {k: _opt(v) for k, v in self.macro_documents.items()}
        if self.macro_types:
            out["macro_types"] = {k: _opt(v) for k, v in self.macro_types.items()}
        out["documents"] = self.documents
        return out


@dataclass(frozen=True)
class TypeAgreement:
    """Entity types on mentions whose spans match exactly: gold (rows) × predicted (columns).

    ``kappa`` is Cohen's kappa of the two labelings (``None`` when undefined: no pairs, or
    chance agreement of 1, as when every label is the same).
    """

    labels: tuple[str, ...] = ()
    matrix: tuple[tuple[int, ...], ...] = ()
    kappa: float | None = None
    pairs: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "matrix": [list(map(int, row)) for row in self.matrix],
            "kappa": None if self.kappa is None else float(self.kappa),
            "pairs": int(self.pairs),
        }


@dataclass(frozen=True)
class Result:
    """What :func:`evalkit.score` returns. ``metrics`` is ordered by part, then name."""

    signature: str
    config: ScoringConfig
    documents: tuple[DocumentScore, ...]
    metrics: Mapping[str, MetricResult]
    resampling_unit: str
    type_agreement: TypeAgreement = field(default_factory=TypeAgreement)
    missing_predictions: tuple[str, ...] = ()
    texts: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __getitem__(self, name: str) -> MetricResult:
        return self.metrics[name]

    def headline(self, part: str) -> MetricResult | None:
        """The headline metric of ``part`` (``entities.strict``…), if the part was scored."""
        for d in self.documents:
            if part in d.parts:
                return self.metrics.get(d.parts[part].headline)
        return None

    def document(self, doc_id: str) -> DocumentScore:
        for d in self.documents:
            if d.doc_id == doc_id:
                return d
        raise KeyError(doc_id)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict: plain Python numbers, stable key order, same input → same dict."""
        from .. import __version__

        config = asdict(self.config)
        config["rouge_types"] = list(self.config.rouge_types)
        return {
            "evalkit": __version__,
            "signature": self.signature,
            "config": config,
            "resampling_unit": self.resampling_unit,
            "documents_scored": len(self.documents),
            "missing_predictions": list(self.missing_predictions),
            "headlines": {part: h.name for part in PARTS if (h := self.headline(part)) is not None},
            "metrics": {name: m.to_dict() for name, m in self.metrics.items()},
            "type_agreement": self.type_agreement.to_dict(),
            "documents": [_document_dict(d) for d in self.documents],
        }


def _document_dict(doc: DocumentScore) -> dict[str, Any]:
    parts = {}
    for name, p in doc.parts.items():
        parts[name] = {
            "headline": p.headline,
            "metrics": {k: _stat_dict(p.metrics[k]) for k in sorted(p.metrics, key=_sort_key)},
            "raw": {k: {kk: float(vv) for kk, vv in v.items()} for k, v in sorted(p.raw.items())},
            "items": [explanation_dict(e) for e in p.items],
        }
    return {"id": doc.doc_id, "parts": parts}


def explanation_dict(e: Explanation) -> dict[str, Any]:
    """An explanation as plain JSON-able data."""
    return {
        "part": e.part,
        "bucket": e.bucket,
        "gold": e.gold,
        "pred": e.pred,
        "gold_text": e.gold_text,
        "pred_text": e.pred_text,
        "reason": e.reason,
        "gold_span": list(e.gold_span) if e.gold_span is not None else None,
        "pred_span": list(e.pred_span) if e.pred_span is not None else None,
        "type_gold": e.type_gold,
        "type_pred": e.type_pred,
        "similarity": None if e.similarity is None else float(e.similarity),
        "contribution": {"tp": float(e.contribution.tp), "fp": float(e.contribution.fp), "fn": float(e.contribution.fn)},
    }


# ------------------------------------------------------------------------------------------
# Assembly


def metric_kinds(documents: Sequence[DocumentScore]) -> dict[str, str]:
    """Every metric name occurring in ``documents`` with its kind, in report order."""
    kinds: dict[str, str] = {}
    for d in documents:
        for p in d.parts.values():
            for name, stat in p.metrics.items():
                kinds.setdefault(name, kind_of(stat))
    return {k: kinds[k] for k in sorted(kinds, key=_sort_key)}


def document_stats(documents: Sequence[DocumentScore], kinds: Mapping[str, str]) -> dict[str, tuple[str, "np.ndarray"]]:
    """Per metric, the ``(documents, columns)`` array of per-document statistics (zeros where
    a metric does not occur) — the units of corpus resampling and paired tests."""
    import numpy as np

    out = {}
    for name, kind in kinds.items():
        rows = [(d.metric(name) or _zero(kind)).as_stats() for d in documents]
        out[name] = (kind, np.array(rows, dtype=float).reshape(len(documents), KIND_COLUMNS[kind]))
    return out


def unit_sources(documents: Sequence[DocumentScore], texts: Mapping[str, str] | None = None, unit: str = "item") -> list[Any]:
    """The documents as :class:`~evalkit.scoring.units.UnitSource` values for the unit engine.

    Items (explanations) are only needed below the document level; at ``unit="document"`` they
    are left out, so the explanations that scorers make when read are never made here.
    """
    from .units import UnitSource

    texts = texts or {}
    with_items = unit != "document"
    return [
        UnitSource(
            doc_id=d.doc_id,
            metrics={k: v for p in d.parts.values() for k, v in p.metrics.items()},
            headlines={name: p.headline for name, p in d.parts.items()},
            items=d.items() if with_items else (),
            text=texts.get(d.doc_id),
        )
        for d in documents
    ]


def _mean(values: Sequence[Mapping[str, float | None]]) -> dict[str, float | None]:
    """Per value name, the mean over the values that are defined (``None`` if none is)."""
    if not values:
        return {}
    out: dict[str, float | None] = {}
    for k in values[0]:
        defined = [x for v in values if (x := v[k]) is not None]
        out[k] = math.fsum(defined) / len(defined) if defined else None
    return out


def type_agreement(documents: Sequence[DocumentScore]) -> TypeAgreement:
    """Confusion matrix and Cohen's kappa of entity types on exactly matching mention spans."""
    from .mentions import same_span_types

    from array import array

    code: dict[str, int] = {}  # types by first appearance; the pairs are held as these codes
    gold_codes, pred_codes = array("q"), array("q")
    for d in documents:
        part = d.parts.get("mentions")
        if part is None:
            continue
        for gold_type, pred_type in same_span_types(part):  # without making explanations
            gold_codes.append(code.setdefault(gold_type, len(code)))
            pred_codes.append(code.setdefault(pred_type, len(code)))
    if not gold_codes:
        return TypeAgreement()
    import numpy as np
    from sklearn.metrics import cohen_kappa_score, confusion_matrix

    labels = sorted(code)
    rank = np.empty(len(code), dtype=np.int64)
    rank[[code[t] for t in labels]] = np.arange(len(labels))
    # the labels' ranks stand for the labels: the same matrix, the same kappa
    gold_ranks = rank[np.frombuffer(gold_codes, dtype=np.int64)]
    pred_ranks = rank[np.frombuffer(pred_codes, dtype=np.int64)]
    ranks = list(range(len(labels)))
    with warnings.catch_warnings():  # a 1×1 matrix is a fine answer when one type is all there is
        warnings.simplefilter("ignore", UserWarning)
        matrix = confusion_matrix(gold_ranks, pred_ranks, labels=ranks)
    kappa: float | None = None
    if len(labels) > 1:
        value = float(cohen_kappa_score(gold_ranks, pred_ranks, labels=ranks))
        kappa = value if math.isfinite(value) else None
    return TypeAgreement(
        labels=tuple(labels),
        matrix=tuple(tuple(int(x) for x in row) for row in matrix),
        kappa=kappa,
        pairs=len(gold_codes),
    )


class MetricTable:
    """Every metric's per-document statistics as arrays, gathered in one pass over the documents.

    ``stats[name]`` is the ``(documents, columns)`` array of the metric's statistics, zeros
    where it does not occur; ``present[name]`` marks the documents where it occurs. Arrays
    instead of one dict per document and metric: a 50,000-document corpus with seventy metrics
    would otherwise hold millions of small dicts.
    """

    def __init__(self, documents: Sequence[DocumentScore]) -> None:
        import numpy as np

        found: dict[str, tuple[list[int], list[Stat]]] = {}
        shared: dict[int, list[int]] = {}  # a metrics mapping several documents share, by id
        maps: dict[int, Mapping[str, Stat]] = {}
        for i, d in enumerate(documents):
            for part in d.parts.values():
                key = id(part.metrics)
                if key in shared:
                    if shared[key][-1] != i:
                        shared[key].append(i)
                    continue
                shared[key] = [i]
                maps[key] = part.metrics
        # each distinct mapping is read once; its statistics go to every document that holds it
        for key, docs in shared.items():
            for name, stat in maps[key].items():
                column = found.get(name)
                if column is None:
                    column = found[name] = ([], [])
                column[0].extend(docs)
                column[1].extend([stat] * len(docs))
        n = len(documents)
        self.kinds: dict[str, str] = {}
        for name in sorted(found, key=_sort_key):
            self.kinds[name] = kind_of(found[name][1][0])
        self.stats: dict[str, "np.ndarray"] = {}
        self.present: dict[str, "np.ndarray"] = {}
        rows_of: dict[int, tuple[float, ...]] = {}  # statistics are often shared objects
        for name, kind in self.kinds.items():
            docs, stats = found[name]
            rows = []
            for stat in stats:
                row = rows_of.get(id(stat))
                if row is None:
                    row = rows_of[id(stat)] = stat.as_stats()
                rows.append(row)
            order = np.argsort(np.array(docs, dtype=np.intp), kind="stable")
            where = np.array(docs, dtype=np.intp)[order]
            table = np.zeros((n, KIND_COLUMNS[kind]))
            table[where] = np.array(rows, dtype=float).reshape(len(rows), KIND_COLUMNS[kind])[order]
            mask = np.zeros(n, dtype=bool)
            mask[where] = True
            self.stats[name] = table
            self.present[name] = mask
        del rows_of  # ids of statistics are only meaningful while they are all alive

    def micro(self, name: str) -> Stat:
        """The metric's statistics summed over documents in document order (the order a
        running total adds them, so the sums are the same floats)."""
        import numpy as np

        table = self.stats[name][self.present[name]]
        if not len(table):
            return _zero(self.kinds[name])
        sums = np.cumsum(table, axis=0)[-1].tolist()
        if self.kinds[name] == "prf":
            return Counts(float(sums[0]), float(sums[1]), float(sums[2]))
        return Mean(float(sums[0]), int(sums[1]))

    def macro_documents(self, name: str) -> tuple[dict[str, float | None], int]:
        """The mean of the per-document values over the documents where each is defined, and
        how many documents define the primary value (F1, or the mean's value)."""

        table = self.stats[name][self.present[name]]
        if not len(table):
            return {}, 0
        if self.kinds[name] == "prf":
            tp, fp, fn = table[:, 0], table[:, 1], table[:, 2]
            defined = ~((tp == 0) & (fp == 0) & (fn == 0))
            values = {
                "precision": _ratio(tp, tp + fp),
                "recall": _ratio(tp, tp + fn),
                "f1": _ratio(2 * tp, 2 * tp + fp + fn),
            }
        else:
            total, count = table[:, 0], table[:, 1]
            defined = count != 0
            values = {"value": _ratio(total, count)}
        out: dict[str, float | None] = {}
        kept = int(defined.sum())
        for key, v in values.items():
            out[key] = math.fsum(v[defined].tolist()) / kept if kept else None
        return out, kept


def _ratio(num: "np.ndarray", den: "np.ndarray") -> "np.ndarray":
    """``num / den``, 0.0 where ``den`` is 0 (:class:`Counts`' rule; undefined rows are
    left out by the caller)."""
    import numpy as np

    out = np.zeros(len(num))
    np.divide(num, den, out=out, where=den != 0)
    return out


def assemble(
    documents: Sequence[DocumentScore],
    config: ScoringConfig,
    signature: str,
    missing_predictions: Sequence[str] = (),
    texts: Mapping[str, str] | None = None,
) -> Result:
    """Aggregate per-document part scores into a :class:`Result` (see the module docstring).

    ``config.unit`` must be resolved (not ``auto``); ``texts`` (document id → text) places
    items in sentences for ``unit="sentence"``.
    """
    from .resample import bootstrap_cis
    from .units import intervals, resolve_unit

    unit = resolve_unit(config.unit, len(documents), config.alpha)
    table = MetricTable(documents)
    kinds = table.kinds
    if unit == "document":  # one unit per document: the table's rows are the units
        stats = {name: (kind, table.stats[name]) for name, kind in kinds.items()}
        cis = bootstrap_cis(stats, config.bootstrap, config.seed, config.alpha) if stats else {}
    else:
        cis = intervals(unit_sources(documents, texts, unit), kinds, unit, config.bootstrap, config.seed, config.alpha)
    micro = {name: table.micro(name) for name in kinds}
    metrics: dict[str, MetricResult] = {}
    for name, kind in kinds.items():
        breakdown = [stat_values(micro[k]) for k in kinds if k.startswith(name + "/")]
        ci = cis[name]
        macro, defined = table.macro_documents(name)
        metrics[name] = MetricResult(
            name=name,
            part=part_of(name),
            kind=kind,
            stat=micro[name],
            values=stat_values(micro[name]),
            ci={k: (iv.low, iv.high) for k, iv in ci.values.items()},
            macro_documents=macro,
            macro_types=_mean(breakdown) if "/" not in name else {},
            documents=defined,
            units=ci.units,
            ci_reason=ci.reason,
        )
    return Result(
        signature=signature,
        config=config,
        documents=tuple(documents),
        metrics=metrics,
        resampling_unit=unit,
        type_agreement=type_agreement(documents),
        missing_predictions=tuple(missing_predictions),
        texts=dict(texts or {}),
    )


__all__ = [
    "DocumentScore",
    "MetricResult",
    "PARTS",
    "Result",
    "TypeAgreement",
    "MetricTable",
    "assemble",
    "document_stats",
    "explanation_dict",
    "kind_of",
    "metric_kinds",
    "part_of",
    "stat_values",
    "type_agreement",
    "unit_sources",
]
