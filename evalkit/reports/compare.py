"""Paired comparison of two reports, metric by metric, from the per-document counts they store.

Two reports are compared only when their scoring signatures are identical (same gold, same
settings; the extractor is free to differ — that is what is being compared). Extractors are
paired by label; when the two reports share no label but hold one extractor each, those two
are paired (``evalkit compare old/ new/`` after renaming a back-end). The paired test of each
metric is recomputed from what the reports store — per-document counts, and per-item
explanations for the sentence and item units — by the same engine as the Python API's
:func:`evalkit.scoring.compare` (:func:`evalkit.scoring.units.paired`), at the reports' own
resampling unit unless another is asked for. Below :func:`evalkit.stats.min_units` paired
units there is no test: ``p_value`` is ``None`` and ``reason`` says "not enough units" — a
one-document corpus can show a delta, never a significant one, and never a reassuring p = 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from ..errors import InputError, Problem
from .itemdiff import ItemDiff, diff_items
from .model import KIND_COUNTS, PARTS, PRIMARY_VALUE, Estimate, ExtractorReport, Report

if TYPE_CHECKING:
    from ..scoring.units import UnitSource

METHODS: tuple[str, ...] = ("bootstrap", "randomisation")


@dataclass(frozen=True)
class MetricComparison:
    """One metric of one extractor pair: A's and B's values, ``delta = B − A``, and the test.

    ``p_value`` is the two-sided paired test's p for the metric's primary statistic (F1 or the
    mean's value), over ``units`` paired units of ``unit``; ``None`` when no test could be run
    (``reason``: too few units, an undefined value). ``delta`` is ``None`` when either value is
    undefined.
    """

    metric: str
    stat: str
    a: Estimate
    b: Estimate
    delta: float | None
    p_value: float | None
    units: int
    unit: str = "document"
    reason: str | None = None

    @property
    def tested(self) -> bool:
        """True when the paired test could be run."""
        return self.p_value is not None

    def significant(self, alpha: float) -> bool:
        return self.p_value is not None and self.p_value < alpha


@dataclass(frozen=True)
class ExtractorComparison:
    """All compared metrics of extractor ``label_a`` (in A) against ``label_b`` (in B)."""

    label_a: str
    label_b: str
    metrics: tuple[MetricComparison, ...]
    items: ItemDiff | None = None


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
    unit: str = "document"


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


def chosen_extractor(report: Report, label: str, option: str, where: str) -> ExtractorReport:
    """The extractor ``label`` of ``report``; one located line naming the labels it has if
    there is none (``option`` is the flag that named it, ``--a`` or ``--b``)."""
    e = report.extractor(label)
    if e is None:
        have = ", ".join(x.label for x in report.extractors) or "none"
        raise InputError(Problem(where, None, f"{option} {label!r}: no such extractor in this report (it has: {have})"))
    return e


def pair_extractors(
    a: Report,
    b: Report,
    label_a: str | None = None,
    label_b: str | None = None,
    where_a: str = "A",
    where_b: str = "B",
) -> tuple[list[tuple[ExtractorReport, ExtractorReport]], list[str], list[str]]:
    """Extractor pairs (by label; the single extractors of both when no label is shared),
    and the labels found only in A and only in B. ``label_a`` and ``label_b`` together choose
    one pair instead (a head-to-head, also of two extractors of the same run)."""
    if label_a is not None or label_b is not None:
        if label_a is None or label_b is None:
            raise InputError("--a and --b go together: name the extractor of A and the extractor of B")
        return [(chosen_extractor(a, label_a, "--a", where_a), chosen_extractor(b, label_b, "--b", where_b))], [], []
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
    unit: str | None = None,
    label_a: str | None = None,
    label_b: str | None = None,
    where_a: str = "A",
    where_b: str = "B",
) -> Comparison:
    """Compare B against A: for every extractor pair and metric, values, delta and paired test.

    ``metrics`` names the metrics to compare (default: each extractor's headlines; with
    ``all_metrics`` every metric both extractors have). ``resamples``/``seed``/``unit`` default
    to the reports' scoring config (``bootstrap``/``seed``/``unit``), so the same two reports
    always give the same p-values. ``label_a``/``label_b`` pick one extractor of each report
    (``where_a``/``where_b`` name the reports in messages). Raises :class:`InputError` when the
    signatures differ or a named extractor is not there.
    """
    from ..scoring.units import UNITS

    if method not in METHODS:
        raise InputError(f"method: unknown {method!r}; expected one of {', '.join(METHODS)}")
    check_comparable(a, b)
    n = int(resamples if resamples is not None else a.config.get("bootstrap", 1000))
    s = int(seed if seed is not None else a.config.get("seed", 12345))
    alpha = float(a.config.get("alpha", 0.05))
    unit = unit or report_unit(a)
    if unit not in UNITS:
        raise InputError(f"unit: unknown {unit!r}; expected one of {', '.join(UNITS)}")
    pairs, only_a, only_b = pair_extractors(a, b, label_a, label_b, where_a, where_b)
    doc_ids = [d.id for d in a.documents]
    texts = {d.id: d.text for d in a.documents}
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
                _compare_pair(ea, eb, _known(ea, eb, names), doc_ids, texts, unit, method, n, s, alpha),
                diff_items(ea, eb, doc_ids),
            )
        )
    return Comparison(a.signature, method, n, s, alpha, tuple(out), tuple(only_a), tuple(only_b), unit)


def report_unit(report: Report) -> str:
    """The resampling unit a report was scored with (``document`` for reports without one)."""
    from ..scoring.signature import parse_signature

    unit = report.config.get("unit")
    if unit in (None, "auto"):
        try:
            unit = parse_signature(report.signature).get("unit")
        except ValueError:
            unit = None
    return str(unit or "document")


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


def unit_sources(extractor: ExtractorReport, doc_ids: Sequence[str], texts: Mapping[str, str]) -> list[UnitSource]:
    """The extractor's documents as :class:`~evalkit.scoring.units.UnitSource` values."""
    from ..scoring.units import UnitSource, stat_of

    out: list[UnitSource] = []
    for doc_id in doc_ids:
        d = extractor.document(doc_id)
        metrics = {} if d is None else {n: stat_of(m.kind, m.counts) for n, m in d.metrics.items()}
        items = () if d is None else d.explanations
        out.append(UnitSource(doc_id, metrics, dict(extractor.headlines), items, texts.get(doc_id)))
    return out


def _compare_pair(
    ea: ExtractorReport,
    eb: ExtractorReport,
    names: Sequence[str],
    doc_ids: Sequence[str],
    texts: Mapping[str, str],
    unit: str,
    method: str,
    n: int,
    seed: int,
    alpha: float,
) -> tuple[MetricComparison, ...]:
    from ..scoring.units import paired

    for name in names:
        if ea.metrics[name].kind != eb.metrics[name].kind:
            raise InputError(f"metric {name!r} is {ea.metrics[name].kind} in A but {eb.metrics[name].kind} in B")
    kinds = {name: ea.metrics[name].kind for name in names}
    tests = paired(unit_sources(ea, doc_ids, texts), unit_sources(eb, doc_ids, texts), kinds, unit, method, n, seed, alpha)
    out = []
    for name in names:
        ma, mb = ea.metrics[name], eb.metrics[name]
        stat = PRIMARY_VALUE[ma.kind]
        test = tests[name]
        pa, pb = ma.values[stat].point, mb.values[stat].point
        out.append(
            MetricComparison(
                metric=name,
                stat=stat,
                a=ma.values[stat],
                b=mb.values[stat],
                delta=None if pa is None or pb is None else pb - pa,
                p_value=test.p_values[stat],
                units=test.units,
                unit=unit,
                reason=test.reason,
            )
        )
    return tuple(out)


__all__ = [
    "Comparison",
    "ExtractorComparison",
    "METHODS",
    "MetricComparison",
    "check_comparable",
    "chosen_extractor",
    "compare_reports",
    "default_metrics",
    "pair_extractors",
    "report_unit",
    "unit_sources",
    "unit_stats",
]
