"""Paired comparison of two systems, metric by metric: the one engine behind
:func:`evalkit.compare` (two scoring results), ``evalkit compare`` and ``evalkit check`` (two
reports).

Whatever the inputs, each side is brought to the same :class:`Scored` form — its corpus
metrics (:class:`~evalkit.reports.model.MetricScore`: counts, values, interval) and its
documents as resampling units (:class:`~evalkit.scoring.units.UnitSource`) — and
:func:`compare_scores` computes the :class:`Comparison`: for every metric asked for, A's and
B's values, the differences B − A and the two-sided p-values of the paired test
(:func:`evalkit.scoring.units.paired`). A result and the report built from it therefore give
the same numbers.

Two systems are compared only when their scoring signatures are identical (same gold, same
settings; the extractor is free to differ — that is what is being compared). Reports pair
their extractors by label; when the two reports share no label but hold one extractor each,
those two are paired (``evalkit compare old/ new/`` after renaming a back-end). The test runs
at the inputs' own resampling unit unless another is asked for. Below
:func:`evalkit.stats.min_units` paired units there is no test: the p-values are ``None`` and
``reason`` says "not enough units" — a one-document corpus can show a delta, never a
significant one, and never a reassuring p = 1.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from ..errors import InputError, Problem
from ..scoring.result import PARTS
from ..stats import KIND_VALUES, METHODS, PRIMARY_VALUE
from .itemdiff import ItemDiff, diff_items
from .model import Estimate, ExtractorReport, MetricScore, Report

if TYPE_CHECKING:
    from ..scoring.result import Result
    from ..scoring.units import UnitSource


@dataclass(frozen=True)
class MetricComparison:
    """One metric of systems A and B: their values, the differences B − A and the paired test.

    ``a``/``b`` map each statistic of the metric's kind (precision, recall, F1; or the mean's
    value) to its :class:`~evalkit.reports.model.Estimate` (value and interval; ``None`` where
    undefined, as for a metric one side does not have). ``delta`` and ``p`` map the same names
    to B − A and the two-sided p-value over ``units`` paired units of ``unit``; a p-value is
    ``None`` when no test could be run (``reason``: too few units, no per-item units) or the
    statistic is undefined. :attr:`stat` is the statistic shown first and gated on.
    """

    name: str
    kind: str
    a: Mapping[str, Estimate]
    b: Mapping[str, Estimate]
    delta: Mapping[str, float | None]
    p: Mapping[str, float | None]
    units: int = 0
    unit: str = "document"
    reason: str | None = None

    @property
    def stat(self) -> str:
        """The primary statistic: ``f1``, or ``value`` for a mean."""
        return PRIMARY_VALUE[self.kind]

    @property
    def a_value(self) -> Estimate:
        """A's primary statistic."""
        return self.a[self.stat]

    @property
    def b_value(self) -> Estimate:
        """B's primary statistic."""
        return self.b[self.stat]

    @property
    def delta_value(self) -> float | None:
        """B − A of the primary statistic."""
        return self.delta[self.stat]

    @property
    def p_value(self) -> float | None:
        """The p-value of the primary statistic."""
        return self.p[self.stat]

    @property
    def tested(self) -> bool:
        """True when the paired test of the primary statistic could be run."""
        return self.p_value is not None

    def significant(self, alpha: float) -> bool:
        return self.p_value is not None and self.p_value < alpha

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "a": {k: _opt(v.point) for k, v in self.a.items()},
            "b": {k: _opt(v.point) for k, v in self.b.items()},
            "delta": {k: _opt(v) for k, v in self.delta.items()},
            "p": {k: _opt(v) for k, v in self.p.items()},
            "units": self.units,
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class Comparison:
    """System B (``label_b``) against system A (``label_a``): a paired test of every metric
    in ``metrics`` over ``documents`` documents, at ``unit``-level paired units, ``n``
    resamples, ``seed`` and ``alpha``. ``items`` lists the items that newly fail or newly pass
    in B, when the comparison was asked to make it."""

    signature: str
    method: str
    n: int
    seed: int
    documents: int
    metrics: Mapping[str, MetricComparison]
    unit: str = "document"
    alpha: float = 0.05
    label_a: str = "A"
    label_b: str = "B"
    items: ItemDiff | None = None

    def __getitem__(self, name: str) -> MetricComparison:
        return self.metrics[name]

    def to_dict(self) -> dict[str, Any]:
        return {
            "signature": self.signature,
            "method": self.method,
            "n": self.n,
            "seed": self.seed,
            "unit": self.unit,
            "alpha": self.alpha,
            "documents": self.documents,
            "metrics": {k: m.to_dict() for k, m in self.metrics.items()},
        }


@dataclass(frozen=True)
class ReportComparison:
    """Report B against report A: one :class:`Comparison` per extractor pair, with the test
    settings they share, and the labels found in one report only."""

    signature: str
    method: str
    n: int
    seed: int
    alpha: float
    pairs: tuple[Comparison, ...]
    only_in_a: tuple[str, ...] = ()
    only_in_b: tuple[str, ...] = ()
    unit: str = "document"


@dataclass(frozen=True)
class Scored:
    """One side of a comparison: corpus metrics by name, and the documents (in the order of
    the other side's) as resampling units."""

    metrics: Mapping[str, MetricScore]
    units: Sequence[UnitSource]


def compare_scores(
    a: Scored,
    b: Scored,
    names: Sequence[str],
    *,
    signature: str,
    method: str = "bootstrap",
    n: int = 1000,
    seed: int = 12345,
    alpha: float = 0.05,
    unit: str = "document",
    label_a: str = "A",
    label_b: str = "B",
    items: ItemDiff | None = None,
) -> Comparison:
    """The paired comparison of B against A on the metrics ``names`` (see the module docstring).

    A metric only one side has counts as zeros on the other (its values there are undefined).
    Raises :class:`InputError` for an unknown method or unit, or a metric whose kind differs.
    """
    from ..scoring.units import UNITS, paired

    if method not in METHODS:
        raise InputError(f"method: unknown {method!r}; expected one of {', '.join(METHODS)}")
    if unit not in UNITS:
        raise InputError(f"unit: unknown {unit!r}; expected one of {', '.join(UNITS)}")
    kinds = {}
    for name in names:
        ma, mb = a.metrics.get(name), b.metrics.get(name)
        if ma is not None and mb is not None and ma.kind != mb.kind:
            raise InputError(f"metric {name!r} is {ma.kind} in A but {mb.kind} in B")
        known = ma or mb
        if known is None:
            raise InputError(f"metric {name!r} is in neither A nor B")
        kinds[name] = known.kind
    tests = paired(a.units, b.units, kinds, unit, method, n, seed, alpha)
    metrics = {}
    for name, kind in kinds.items():
        test = tests[name]
        values_a, values_b = _values(a.metrics.get(name), kind), _values(b.metrics.get(name), kind)
        metrics[name] = MetricComparison(
            name=name,
            kind=kind,
            a=values_a,
            b=values_b,
            delta={k: _delta(values_a[k].point, values_b[k].point) for k in values_a},
            p=dict(test.p_values),
            units=test.units,
            unit=unit,
            reason=test.reason,
        )
    documents = len(a.units)
    return Comparison(signature, method, n, seed, documents, metrics, unit, alpha, label_a, label_b, items)


def _values(m: MetricScore | None, kind: str) -> dict[str, Estimate]:
    if m is None:
        return {k: Estimate(None, None, None) for k in KIND_VALUES[kind]}
    return dict(m.values)


def _delta(a: float | None, b: float | None) -> float | None:
    """B − A of the values shown (a report's are rounded as written), ``None`` if either is
    undefined; the same as the paired test's observed difference up to that rounding."""
    return None if a is None or b is None else b - a


def _opt(x: float | None) -> float | None:
    return None if x is None else float(x)


def check_comparable(signature_a: str, signature_b: str, where_a: str = "A", where_b: str = "B") -> None:
    """Raise :class:`InputError` (exit 2) unless the two scoring signatures are identical."""
    if signature_a == signature_b:
        return
    from ..scoring.signature import differences

    try:
        diff = "; ".join(differences(signature_a, signature_b))
    except ValueError:
        diff = f"{signature_a!r} != {signature_b!r}"
    raise InputError(Problem(where_b, None, f"not comparable with {where_a}: scoring signatures differ ({diff})"))


# --- two scoring results (the Python API) ------------------------------------------------------


def compare(result_a: Result, result_b: Result, method: str = "bootstrap", unit: str | None = None) -> Comparison:
    """Paired test of ``result_b`` against ``result_a`` for every metric of either.

    Both must have identical signatures (same gold, same settings) and the same documents.
    ``method`` is ``"bootstrap"`` (paired bootstrap) or ``"randomisation"`` (approximate
    randomisation); ``unit`` defaults to the results' own resampling unit; the resample count,
    seed and alpha are the results' own. With too few units the p-values are ``None`` and
    ``reason`` says so. The numbers are those ``evalkit compare --all`` gives for the reports
    of the two results: both go through :func:`compare_scores`.
    """
    from ..scoring.result import metric_kinds, unit_sources

    check_comparable(result_a.signature, result_b.signature, "result A", "result B")
    unit = unit or result_a.resampling_unit
    ids_a = [d.doc_id for d in result_a.documents]
    by_id = {d.doc_id: d for d in result_b.documents}
    if set(ids_a) != set(by_id):
        only_a = sorted(set(ids_a) - set(by_id))
        only_b = sorted(set(by_id) - set(ids_a))
        raise InputError(f"results cover different documents (only in A: {only_a}; only in B: {only_b})")
    docs_b = [by_id[i] for i in ids_a]
    texts = dict(result_a.texts) if result_a.texts else None
    side_a, side_b = (
        Scored({k: MetricScore.from_result(m) for k, m in result.metrics.items()}, unit_sources(docs, texts, unit))
        for result, docs in ((result_a, result_a.documents), (result_b, docs_b))
    )
    config = result_a.config
    return compare_scores(
        side_a,
        side_b,
        list(metric_kinds([*result_a.documents, *docs_b])),
        signature=result_a.signature,
        method=method,
        n=config.bootstrap,
        seed=config.seed,
        alpha=config.alpha,
        unit=unit,
    )


# --- two reports (evalkit compare, evalkit check) -----------------------------------------------


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
) -> ReportComparison:
    """Compare report B against report A: for every extractor pair, :func:`compare_scores`
    over the counts and explanations the reports store, and the items that newly fail or pass.

    ``metrics`` names the metrics to compare, which both extractors must have (default: each
    extractor's headlines; with ``all_metrics`` every metric either has, as :func:`compare`
    does). ``resamples``/``seed``/``unit`` default to the reports' scoring config
    (``bootstrap``/``seed``/``unit``), so the same two reports always give the same p-values.
    ``label_a``/``label_b`` pick one extractor of each report (``where_a``/``where_b`` name
    the reports in messages). Raises :class:`InputError` when the signatures differ or a named
    extractor or metric is not there.
    """
    if method not in METHODS:
        raise InputError(f"method: unknown {method!r}; expected one of {', '.join(METHODS)}")
    check_comparable(a.signature, b.signature, where_a, where_b)
    n = int(resamples if resamples is not None else a.config.get("bootstrap", 1000))
    s = int(seed if seed is not None else a.config.get("seed", 12345))
    alpha = float(a.config.get("alpha", 0.05))
    unit = unit or report_unit(a)
    pairs, only_a, only_b = pair_extractors(a, b, label_a, label_b, where_a, where_b)
    doc_ids = [d.id for d in a.documents]
    texts = {d.id: d.text for d in a.documents}
    out = []
    for ea, eb in pairs:
        if all_metrics:
            names = [*ea.metrics, *(m for m in eb.metrics if m not in ea.metrics)]
            names.sort(key=_metric_order)
        elif metrics:
            names = _known(ea, eb, metrics)
        else:
            names = [m for m in default_metrics(ea) if m in eb.metrics]
        out.append(
            compare_scores(
                Scored(ea.metrics, unit_sources(ea, doc_ids, texts)),
                Scored(eb.metrics, unit_sources(eb, doc_ids, texts)),
                names,
                signature=a.signature,
                method=method,
                n=n,
                seed=s,
                alpha=alpha,
                unit=unit,
                label_a=ea.label,
                label_b=eb.label,
                items=diff_items(ea, eb, doc_ids),
            )
        )
    return ReportComparison(a.signature, method, n, s, alpha, tuple(out), tuple(only_a), tuple(only_b), unit)


def compare_runs(
    run_a: str | os.PathLike[str],
    run_b: str | os.PathLike[str] | None = None,
    *,
    label_a: str | None = None,
    label_b: str | None = None,
    metrics: Sequence[str] | None = None,
    all_metrics: bool = False,
    method: str = "bootstrap",
    unit: str | None = None,
) -> ReportComparison:
    """``evalkit compare``: read two runs (``report.json`` files or run directories) and
    :func:`compare_reports` them, naming the files in every message. Without ``run_b``, the
    extractors ``label_a`` and ``label_b`` of ``run_a`` are compared head to head."""
    from .canonical import load_report, report_path

    a = load_report(run_a)
    b = a if run_b is None else load_report(run_b)
    where_a = str(report_path(run_a))
    where_b = where_a if run_b is None else str(report_path(run_b))
    return compare_reports(
        a, b, metrics=metrics, all_metrics=all_metrics, method=method, unit=unit,
        label_a=label_a, label_b=label_b, where_a=where_a, where_b=where_b,
    )


def _metric_order(name: str) -> tuple[int, str]:
    """Report order: by part, then by name (the order of a result's metrics)."""
    part = name.split(".", 1)[0]
    return (PARTS.index(part) if part in PARTS else len(PARTS), name)


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


def unit_sources(extractor: ExtractorReport, doc_ids: Sequence[str], texts: Mapping[str, str]) -> list[UnitSource]:
    """The extractor's documents as :class:`~evalkit.scoring.units.UnitSource` values, in
    ``doc_ids`` order; a document the extractor lacks has no metrics (zeros) and no items."""
    from ..scoring.units import UnitSource

    by_id = {d.id: d for d in extractor.documents}
    out: list[UnitSource] = []
    for doc_id in doc_ids:
        d = by_id.get(doc_id)
        metrics = {} if d is None else {n: m.stat for n, m in d.metrics.items()}
        items = () if d is None else d.explanations
        out.append(UnitSource(doc_id, metrics, dict(extractor.headlines), items, texts.get(doc_id)))
    return out


__all__ = [
    "Comparison",
    "MetricComparison",
    "ReportComparison",
    "Scored",
    "check_comparable",
    "chosen_extractor",
    "compare",
    "compare_reports",
    "compare_runs",
    "compare_scores",
    "default_metrics",
    "pair_extractors",
    "report_unit",
    "unit_sources",
]
