"""Paired comparison of two reports, metric by metric, from the per-document counts they store.

Two reports are compared only when their scoring signatures are identical (same gold, same
settings; the extractor is free to differ — that is what is being compared). Extractors are
paired by label; when the two reports share no label but hold one extractor each, those two
are paired (``evalkit compare old/ new/`` after renaming a back-end). The paired test of each
metric is recomputed from the per-document counts in the reports with
:func:`evalkit.stats.paired_test` — documents are the units, so a one-document corpus can show
a delta but never a significant one: with fewer than :data:`MIN_UNITS` documents
``p`` is 1 (a paired bootstrap over one unit would resample the same delta every time and
call any difference significant).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..errors import InputError, Problem
from .model import KIND_COUNTS, PARTS, PRIMARY_VALUE, Estimate, ExtractorReport, Report

METHODS: tuple[str, ...] = ("bootstrap", "randomisation")
#: Fewest documents a paired test is run on; below it ``p`` is 1 (nothing can be significant).
MIN_UNITS = 2


@dataclass(frozen=True)
class MetricComparison:
    """One metric of one extractor pair: A's and B's values, ``delta = B − A``, and the test.

    ``p_value`` is the two-sided paired test's p for the metric's primary statistic (F1 or the
    mean's value), over ``units`` documents.
    """

    metric: str
    stat: str
    a: Estimate
    b: Estimate
    delta: float
    p_value: float
    units: int

    def significant(self, alpha: float) -> bool:
        return self.p_value < alpha


@dataclass(frozen=True)
class ExtractorComparison:
    """All compared metrics of extractor ``label_a`` (in A) against ``label_b`` (in B)."""

    label_a: str
    label_b: str
    metrics: tuple[MetricComparison, ...]


@dataclass(frozen=True)
class Comparison:
    """The result of comparing report B against report A."""

    signature: str
    method: str
    resamples: int
    seed: int
    alpha: float
    pairs: tuple[ExtractorComparison, ...]
    only_in_a: tuple[str, ...] = ()
    only_in_b: tuple[str, ...] = ()


def check_comparable(a: Report, b: Report, where_a: str = "A", where_b: str = "B") -> None:
    """Raise :class:`InputError` (exit 2) unless the two reports' signatures are identical."""
    if a.signature == b.signature:
        return
    from ..scoring.signature import differences

    try:
        diff = "; ".join(differences(a.signature, b.signature))
    except ValueError:
        diff = f"{a.signature!r} != {b.signature!r}"
    raise InputError(
        Problem(where_b, None, f"not comparable with {where_a}: scoring signatures differ ({diff})")
    )


def pair_extractors(a: Report, b: Report) -> tuple[list[tuple[ExtractorReport, ExtractorReport]], list[str], list[str]]:
    """Extractor pairs (by label; the single extractors of both when no label is shared),
    and the labels found only in A and only in B."""
    labels_b = {e.label for e in b.extractors}
    shared = [e for e in a.extractors if e.label in labels_b]
    if not shared and len(a.extractors) == 1 and len(b.extractors) == 1:
        return [(a.extractors[0], b.extractors[0])], [], []
    pairs = [(e, b.extractor(e.label)) for e in shared]
    only_a = [e.label for e in a.extractors if e.label not in labels_b]
    labels_a = {e.label for e in a.extractors}
    only_b = [e.label for e in b.extractors if e.label not in labels_a]
    return [(x, y) for x, y in pairs if y is not None], only_a, only_b


def default_metrics(extractor: ExtractorReport) -> list[str]:
    """The metrics compared and gated by default: each part's headline metric, in part order."""
    ordered = [p for p in PARTS if p in extractor.headlines] + sorted(p for p in extractor.headlines if p not in PARTS)
    return [extractor.headlines[p] for p in ordered if extractor.headlines[p] in extractor.metrics]


def compare_reports(
    a: Report,
    b: Report,
    *,
    metrics: Sequence[str] | None = None,
    all_metrics: bool = False,
    method: str = "bootstrap",
    resamples: int | None = None,
    seed: int | None = None,
) -> Comparison:
    """Compare B against A: for every extractor pair and metric, values, delta and paired test.

    ``metrics`` names the metrics to compare (default: each extractor's headlines; with
    ``all_metrics`` every metric both extractors have). ``resamples``/``seed`` default to the
    reports' scoring config (``bootstrap``/``seed``), so the same two reports always give the
    same p-values. Raises :class:`InputError` when the signatures differ.
    """
    if method not in METHODS:
        raise InputError(f"method: unknown {method!r}; expected one of {', '.join(METHODS)}")
    check_comparable(a, b)
    n = int(resamples if resamples is not None else a.config.get("bootstrap", 1000))
    s = int(seed if seed is not None else a.config.get("seed", 12345))
    alpha = float(a.config.get("alpha", 0.05))
    pairs, only_a, only_b = pair_extractors(a, b)
    doc_ids = [d.id for d in a.documents]
    out = []
    for ea, eb in pairs:
        if all_metrics:
            names = [m for m in ea.metrics if m in eb.metrics]
        elif metrics:
            names = list(metrics)
        else:
            names = [m for m in default_metrics(ea) if m in eb.metrics]
        out.append(
            ExtractorComparison(
                ea.label,
                eb.label,
                tuple(_compare_metric(ea, eb, name, doc_ids, method, n, s) for name in _known(ea, eb, names)),
            )
        )
    return Comparison(a.signature, method, n, s, alpha, tuple(out), tuple(only_a), tuple(only_b))


def _known(ea: ExtractorReport, eb: ExtractorReport, names: Iterable[str]) -> list[str]:
    missing = [n for n in names if n not in ea.metrics or n not in eb.metrics]
    if missing:
        have = sorted(set(ea.metrics) & set(eb.metrics))
        hint = f" (known: {', '.join(have[:12])}{', …' if len(have) > 12 else ''})"
        raise InputError(f"metric {missing[0]!r} is not in both reports for {ea.label}{hint}")
    return list(names)


def unit_stats(extractor: ExtractorReport, metric: str, doc_ids: Sequence[str]) -> list[tuple[float, ...]]:
    """Per-document counts of ``metric`` in ``doc_ids`` order; a document without it adds zeros
    (which leaves the micro sums unchanged)."""
    kind = extractor.metrics[metric].kind
    zero = tuple(0.0 for _ in KIND_COUNTS[kind])
    rows = []
    for doc_id in doc_ids:
        d = extractor.document(doc_id)
        m = None if d is None else d.metrics.get(metric)
        rows.append(m.counts if m is not None else zero)
    return rows


def _compare_metric(
    ea: ExtractorReport, eb: ExtractorReport, name: str, doc_ids: Sequence[str], method: str, n: int, seed: int
) -> MetricComparison:
    from ..stats import paired_test

    ma, mb = ea.metrics[name], eb.metrics[name]
    if ma.kind != mb.kind:
        raise InputError(f"metric {name!r} is {ma.kind} in A but {mb.kind} in B")
    stat = PRIMARY_VALUE[ma.kind]
    if len(doc_ids) < MIN_UNITS:
        p_value = 1.0  # one document: no variation to test against
    else:
        result = paired_test(unit_stats(ea, name, doc_ids), unit_stats(eb, name, doc_ids), ma.kind, method, n, seed)
        p_value = float(result.p_values[stat])
    return MetricComparison(
        metric=name,
        stat=stat,
        a=ma.values[stat],
        b=mb.values[stat],
        delta=mb.values[stat].point - ma.values[stat].point,
        p_value=p_value,
        units=len(doc_ids),
    )


__all__ = [
    "Comparison",
    "ExtractorComparison",
    "METHODS",
    "MetricComparison",
    "check_comparable",
    "compare_reports",
    "default_metrics",
    "pair_extractors",
    "unit_stats",
]
