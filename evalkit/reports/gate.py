"""The regression gate: did any gated metric fall further below the baseline than allowed?

Policy (docs/reports.md):

* **What is gated** — by default each extractor's headline metric of every part (the
  ``headlines`` of the report: one metric per part, e.g. ``entities.strict``,
  ``mentions.strict``, ``numbers.lenient``, ``attributions.joint.overlap``,
  ``summary.rougeLsum.max``), on its primary statistic: F1 for P/R/F1 metrics, the value for
  means. ``--metric NAME`` replaces that list.
* **Tolerance** — a metric fails when ``current < baseline − tolerance``. One number applies to
  all (default 0.01); ``KEY=VALUE`` pairs override it, where KEY is, from most to least
  specific, the full metric name (``entities.strict``), its part (``entities``), one of its
  dotted components (``strict``, ``rougeLsum``), or the statistic (``f1``, ``value``).
* **Significance** — the paired test of :mod:`evalkit.reports.compare` runs for every gated
  metric and is always reported; with ``require_significance`` a drop beyond tolerance fails
  only when it is also significant (``p < alpha``, alpha from the scoring config). When the
  test cannot be run — fewer paired units than :func:`evalkit.stats.min_units` ("not enough
  units"), or an undefined value — a drop beyond tolerance **fails** with the reason stated:
  the gate cannot show the drop is noise, and passing it silently is how a one-document gate
  once let a −0.227 F1 drop through. Use a finer ``--unit`` (``item``, ``sentence``) to test
  on few documents, or gate without ``--require-significance``.
* **Extractors** — paired by label (or the single extractor of each report); an extractor of
  the baseline that is missing from the report fails the gate; new extractors are listed, not
  gated.
* **Comparability** — reports whose scoring signatures differ are refused (exit 2), not gated.
* **Absolute minimums** — ``--min NAME=VALUE`` fails every extractor whose metric ``NAME``
  (its primary statistic, or ``NAME.precision``/``.recall``/``.f1``/``.value``) is below
  ``VALUE`` or undefined; with or without a baseline (:func:`check_minimums`).
* **Items** — beside the verdict, the items of each extractor that newly fail or newly pass
  against the baseline (:mod:`evalkit.reports.itemdiff`); they explain a drop, they do not
  gate.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from ..errors import InputError, Problem
from ..stats import KIND_VALUES, PRIMARY_VALUE
from .compare import MetricComparison, chosen_extractor, compare_reports
from .itemdiff import ItemDiff
from .model import Report

#: Tolerance used when none is given.
DEFAULT_TOLERANCE = 0.01
#: Absorbs float noise at the boundary: a drop of exactly the tolerance passes.
_EPS = 1e-9


@dataclass(frozen=True)
class Tolerance:
    """How far each metric may fall; see :meth:`for_metric` for the lookup order."""

    default: float = DEFAULT_TOLERANCE
    overrides: Mapping[str, float] = field(default_factory=dict)

    def for_metric(self, metric: str, stat: str) -> float:
        """The tolerance of ``metric``'s ``stat``: full name, part, a dotted component, the
        statistic, then the default — the first that has an override wins."""
        base = metric.split("/", 1)[0]
        components = base.split(".")
        for key in (metric, base, components[0], *components[1:], stat):
            if key in self.overrides:
                return self.overrides[key]
        return self.default


def parse_tolerance(spec: str | None) -> Tolerance:
    """Read ``0.01``, ``f1=0.01,rougeLsum=0.02`` or both (``0.02,entities=0.05``).

    Raises :class:`InputError` naming the bad piece; tolerances must be in ``[0, 1]``.
    """
    if spec is None or not spec.strip():
        return Tolerance()
    default = DEFAULT_TOLERANCE
    overrides: dict[str, float] = {}
    for piece in (p.strip() for p in spec.split(",")):
        if not piece:
            continue
        key, sep, value = piece.partition("=")
        number = _tolerance_value(value if sep else key, piece)
        if sep:
            if not key.strip():
                raise InputError(f"--tolerance: {piece!r} has no metric name before '='")
            overrides[key.strip()] = number
        else:
            default = number
    return Tolerance(default, overrides)


def _tolerance_value(text: str, piece: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"--tolerance: {piece!r} is not a number or NAME=NUMBER") from None
    if not 0.0 <= value <= 1.0:
        raise InputError(f"--tolerance: {piece!r} must be between 0 and 1")
    return value


@dataclass(frozen=True)
class GateCheck:
    """One gated metric of one extractor, and the verdict."""

    extractor: str
    baseline_extractor: str
    comparison: MetricComparison
    tolerance: float
    significant: bool
    failed: bool

    @property
    def metric(self) -> str:
        return self.comparison.name

    def describe(self) -> str:
        """One line: ``noisy entities.strict f1 0.9120 -> 0.8500 (-0.0620, tolerance 0.01,
        p=0.001 significant, 13 document units)``; an untested metric names the reason."""
        from .values import number

        c = self.comparison
        who = self.extractor if self.extractor == self.baseline_extractor else f"{self.baseline_extractor} -> {self.extractor}"
        if c.p_value is None:
            test = f"not tested: {c.reason or 'no test'}"
        else:
            test = f"p={c.p_value:.3g} {'significant' if self.significant else 'not significant'}"
        return (
            f"{who} {c.name} {c.stat} {number(c.a_value.point, 4)} -> {number(c.b_value.point, 4)} "
            f"({number(c.delta_value, 4, sign=True)}, tolerance {self.tolerance:g}, {test}, {c.units} {c.unit} unit(s))"
        )


@dataclass(frozen=True)
class Minimum:
    """``--min NAME=VALUE`` as written: a metric (``stat`` ``None``: its primary statistic)
    and the least value it may have."""

    metric: str
    value: float
    stat: str | None = None


@dataclass(frozen=True)
class ThresholdCheck:
    """One extractor's metric against an absolute minimum. ``value`` is ``None`` when the
    metric is undefined or absent for this extractor, which fails."""

    extractor: str
    metric: str
    stat: str
    value: float | None
    minimum: float

    @property
    def failed(self) -> bool:
        return self.value is None or self.value < self.minimum - _EPS

    def describe(self) -> str:
        """``noisy mentions.strict f1 0.6350 below the minimum 0.8``."""
        from .values import number

        verdict = "below the minimum" if self.failed else "meets the minimum"
        return f"{self.extractor} {self.metric} {self.stat} {number(self.value, 4)} {verdict} {self.minimum:g}"


def parse_minimums(specs: Sequence[str] | None) -> list[tuple[str, float]]:
    """``["mentions.strict=0.8", …]`` as ``(name, value)`` pairs; the name is resolved
    against a report by :func:`check_minimums`. Raises :class:`InputError` on a bad pair."""
    out = []
    for spec in specs or []:
        name, sep, value = spec.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--min: {spec!r} is not NAME=NUMBER (e.g. mentions.strict=0.8)")
        try:
            number = float(value)
        except ValueError:
            raise InputError(f"--min: {spec!r}: {value.strip()!r} is not a number") from None
        if not 0.0 <= number <= 1.0:
            raise InputError(f"--min: {spec!r} must be between 0 and 1")
        out.append((name.strip(), number))
    return out


def resolve_minimum(name: str, value: float, report: Report, where: str = "report.json") -> Minimum:
    """``name`` as a metric of ``report`` (any extractor's), or a metric and one of its
    statistics (``mentions.strict.precision``). Raises :class:`InputError` naming the
    known metrics when it is neither."""
    known: dict[str, str] = {}
    for e in report.extractors:
        for metric, m in e.metrics.items():
            known.setdefault(metric, m.kind)
    if name in known:
        return Minimum(name, value)
    base, _, stat = name.rpartition(".")
    if base in known and stat in KIND_VALUES[known[base]]:
        return Minimum(base, value, stat)
    headlines = sorted({h for e in report.extractors for h in e.headlines.values()})
    raise InputError(
        Problem(
            where,
            None,
            f"--min: no metric {name!r} in this report (headline metrics: {', '.join(headlines) or 'none'}; "
            "any metric of the report, optionally with .precision, .recall, .f1 or .value)",
        )
    )


def check_minimums(report: Report, minimums: Sequence[Minimum], extractors: Sequence[str] | None = None) -> tuple[ThresholdCheck, ...]:
    """Every extractor of ``report`` (or those named in ``extractors``) against every minimum."""
    out = []
    for e in report.extractors:
        if extractors and e.label not in extractors:
            continue
        for minimum in minimums:
            m = e.metrics.get(minimum.metric)
            stat = minimum.stat or (PRIMARY_VALUE[m.kind] if m is not None else "f1")
            value = None if m is None or stat not in m.values else m.values[stat].point
            out.append(ThresholdCheck(e.label, minimum.metric, stat, value, minimum.value))
    return tuple(out)


@dataclass(frozen=True)
class GateOutcome:
    """Every check, plus baseline extractors the report lacks and new ones it adds, the
    absolute minimums checked, and each extractor pair's item diff."""

    checks: tuple[GateCheck, ...]
    missing: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    require_significance: bool = False
    alpha: float = 0.05
    signature: str = ""
    thresholds: tuple[ThresholdCheck, ...] = ()
    items: tuple[ItemDiff, ...] = ()
    #: False when no baseline was given (only minimums were checked).
    baseline: bool = True

    @property
    def failures(self) -> tuple[GateCheck, ...]:
        return tuple(c for c in self.checks if c.failed)

    @property
    def threshold_failures(self) -> tuple[ThresholdCheck, ...]:
        return tuple(t for t in self.thresholds if t.failed)

    @property
    def failure_count(self) -> int:
        """Failed metrics, missing extractors and unmet minimums together."""
        return len(self.failures) + len(self.missing) + len(self.threshold_failures)

    @property
    def checked_count(self) -> int:
        return len(self.checks) + len(self.thresholds)

    @property
    def passed(self) -> bool:
        return self.failure_count == 0


def check_reports(
    baseline: Report,
    current: Report,
    tolerance: Tolerance = Tolerance(),
    *,
    require_significance: bool = False,
    metrics: Sequence[str] | None = None,
    method: str = "bootstrap",
    unit: str | None = None,
    extractors: Sequence[str] | None = None,
) -> GateOutcome:
    """Gate ``current`` against ``baseline`` (see the module docstring for the policy);
    ``extractors`` limits the gate to those labels of ``current``.

    Pure: reads the two reports only. Raises :class:`InputError` when they are not comparable.
    """
    comparison = compare_reports(baseline, current, metrics=metrics, method=method, unit=unit)
    alpha = comparison.alpha
    wanted = set(extractors or ())
    pairs = [p for p in comparison.pairs if not wanted or p.label_b in wanted]
    checks = []
    for pair in pairs:
        for c in pair.metrics.values():
            tol = tolerance.for_metric(c.name, c.stat)
            significant = c.significant(alpha)
            dropped = c.delta_value is not None and c.delta_value < -tol - _EPS
            failed = dropped and (significant or not c.tested or not require_significance)
            checks.append(GateCheck(pair.label_b, pair.label_a, c, tol, significant, failed))
    return GateOutcome(
        checks=tuple(checks),
        missing=tuple(x for x in comparison.only_in_a if not wanted or x in wanted),
        added=tuple(x for x in comparison.only_in_b if not wanted or x in wanted),
        require_significance=require_significance,
        alpha=alpha,
        signature=comparison.signature,
        items=tuple(p.items for p in pairs if p.items is not None),
    )


def gate_run(
    report: str | os.PathLike[str],
    baseline: str | os.PathLike[str] | None = None,
    *,
    minimums: Sequence[tuple[str, float]] = (),
    tolerance: Tolerance = Tolerance(),
    require_significance: bool = False,
    metrics: Sequence[str] | None = None,
    method: str = "bootstrap",
    unit: str | None = None,
    extractors: Sequence[str] | None = None,
) -> tuple[Report, GateOutcome]:
    """``evalkit check``: read the report (``report.json`` or run directory) and gate it
    against ``baseline`` (:func:`check_reports`) and the absolute ``minimums`` (``(metric,
    value)`` pairs, :func:`parse_minimums`); return the report read and the verdict.

    Raises :class:`InputError` (one located line) when a file is unusable, the two are not
    comparable, or a label of ``extractors`` or a minimum's metric is not in the report.
    """
    import dataclasses

    from .canonical import load_report, report_path
    from .compare import check_comparable

    current = load_report(report)
    where = str(report_path(report))
    check_extractor_labels(current, extractors, where)
    resolved = [resolve_minimum(name, value, current, where) for name, value in minimums]
    if baseline is not None:
        base = load_report(baseline)
        check_comparable(base.signature, current.signature, str(baseline), where)
        outcome = check_reports(
            base, current, tolerance, require_significance=require_significance,
            metrics=metrics, method=method, unit=unit, extractors=extractors,
        )
    else:
        alpha = float(current.config.get("alpha", 0.05))
        outcome = GateOutcome(checks=(), alpha=alpha, signature=current.signature, baseline=False)
    return current, dataclasses.replace(outcome, thresholds=check_minimums(current, resolved, extractors))


def update_baseline(report: str | os.PathLike[str], baseline: str | os.PathLike[str]) -> Path:
    """Write the report (``report.json`` or run directory), checked and in canonical form, as
    the new ``baseline`` file (atomically); return the report's path."""
    from .canonical import atomic_write, canonical_json, load_report, report_path
    from .model import report_to_dict

    atomic_write(baseline, canonical_json(report_to_dict(load_report(report))))
    return report_path(report)


def check_extractor_labels(report: Report, labels: Sequence[str] | None, where: str) -> None:
    """Raise one located line for a ``--extractor`` label ``report`` does not hold."""
    for label in labels or ():
        chosen_extractor(report, label, "--extractor", where)


__all__ = [
    "DEFAULT_TOLERANCE",
    "GateCheck",
    "GateOutcome",
    "Minimum",
    "ThresholdCheck",
    "Tolerance",
    "check_extractor_labels",
    "check_minimums",
    "check_reports",
    "gate_run",
    "parse_minimums",
    "parse_tolerance",
    "resolve_minimum",
    "update_baseline",
]
