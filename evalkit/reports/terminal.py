"""The terminal table: headline metrics per extractor with their confidence intervals.

Made with rich. Colour follows the usual conventions: none when ``NO_COLOR`` is set (any
value, https://no-color.org) or when the output is not a terminal; ``color=False`` forces it
off. Every string from the report is passed through :func:`~evalkit.reports.text.one_line`
and rich's markup is never interpreted in data (``Text`` objects, not markup strings).
"""

from __future__ import annotations

import os
from typing import IO

from .compare import Comparison
from .gate import GateOutcome
from .model import Report
from .text import one_line
from .values import number, p_value


def _console(file: IO[str] | None, color: bool | None, width: int | None):
    from rich.console import Console

    import sys

    no_color = bool(os.environ.get("NO_COLOR")) if color is None else not color
    target = file if file is not None else sys.stdout
    if width is None and not (hasattr(target, "isatty") and target.isatty()):
        width = 160  # not a terminal: wide enough that metric names do not wrap
    return Console(
        file=file,
        no_color=no_color,
        color_system=None if no_color else "auto",
        highlight=False,
        emoji=False,
        markup=False,
        width=width,
        soft_wrap=False,
    )


def _interval(v) -> str:
    from .values import estimate

    return estimate(v)


def report_table(report: Report):
    """A rich Table: one row per extractor and part, the headline metric with its CI."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text("evalkit scores"), caption=Text(one_line(report.signature, 400)), show_lines=False)
    for col in ("extractor", "part", "metric", "P", "R", "F1 / value [95% CI]", "errors"):
        table.add_column(Text(col), overflow="fold")
    for e in report.extractors:
        first = True
        for part, m in e.headline_metrics():
            p = number(m.values["precision"].point) if m.kind == "prf" else ""
            r = number(m.values["recall"].point) if m.kind == "prf" else ""
            table.add_row(
                Text(one_line(e.label, 60) if first else ""),
                Text(part),
                Text(one_line(m.name, 60)),
                Text(p),
                Text(r),
                Text(_interval(m.primary), style=_style(m.primary.point)),
                Text(str(len(e.errors)) if first else ""),
            )
            first = False
    return table


def _style(value: float | None) -> str:
    if value is None:
        return ""
    return "green" if value >= 0.8 else "yellow" if value >= 0.5 else "red"


def render_terminal(report: Report, *, file: IO[str] | None = None, color: bool | None = None, width: int | None = None) -> None:
    """Print the table, then up to 20 error records per extractor, to ``file`` (stdout by default)."""
    console = _console(file, color, width)
    console.print(report_table(report))
    for e in report.extractors:
        usage = e.usage_text()
        if usage is not None:
            console.print(f"{one_line(e.label, 60)}: {usage}", highlight=False)
    for e in report.extractors:
        for err in e.errors[:20]:
            console.print(f"! {one_line(e.label, 60)}: {one_line(err.document, 80)}: {err.kind}: {one_line(err.message, 160)}")
        if len(e.errors) > 20:
            console.print(f"! {one_line(e.label, 60)}: … and {len(e.errors) - 20} more errors")


def comparison_table(comparison: Comparison):
    """A rich Table of a comparison: A, B, delta and p per metric."""
    from rich.table import Table
    from rich.text import Text

    title = f"B vs A — paired {comparison.method}, {comparison.resamples} resamples, seed {comparison.seed}, unit {comparison.unit}"
    table = Table(title=Text(title), caption=Text(one_line(comparison.signature, 400)))
    for col in ("extractor", "metric", "A", "B", "Δ (B−A)", "p", ""):
        table.add_column(Text(col), overflow="fold")
    for pair in comparison.pairs:
        who = pair.label_a if pair.label_a == pair.label_b else f"{pair.label_a} → {pair.label_b}"
        for i, c in enumerate(pair.metrics):
            sig = c.significant(comparison.alpha)
            table.add_row(
                Text(one_line(who, 60) if i == 0 else ""),
                Text(f"{one_line(c.metric, 60)} ({c.stat})"),
                Text(_interval(c.a)),
                Text(_interval(c.b)),
                Text(number(c.delta, sign=True), style="" if c.delta is None else "green" if c.delta > 0 else "red" if c.delta < 0 else ""),
                Text(p_value(c.p_value) if c.tested else f"{p_value(None)}: {c.reason}"),
                Text("*" if sig else ""),
            )
    return table


def render_comparison(comparison: Comparison, *, file: IO[str] | None = None, color: bool | None = None) -> None:
    console = _console(file, color, None)
    console.print(comparison_table(comparison))
    for label in comparison.only_in_a:
        console.print(f"only in A: {one_line(label, 80)}")
    for label in comparison.only_in_b:
        console.print(f"only in B: {one_line(label, 80)}")
    console.print(f"* p < {comparison.alpha:g} (two-sided, {comparison.unit}s as paired units)")
    from ..stats import min_units

    console.print(f"p-values need at least {min_units(comparison.alpha)} paired units; with fewer the test says n/a (not enough units)")


def gate_lines(outcome: GateOutcome) -> list[str]:
    """The gate's verdict as plain lines: every failure (and every missing extractor) first."""
    lines = []
    for c in outcome.failures:
        lines.append(f"FAIL {one_line(c.describe(), 400)}")
    for label in outcome.missing:
        lines.append(f"FAIL {one_line(label, 80)}: extractor in the baseline is missing from the report")
    for c in outcome.checks:
        if not c.failed:
            lines.append(f"ok   {one_line(c.describe(), 400)}")
    for label in outcome.added:
        lines.append(f"new  {one_line(label, 80)}: not in the baseline, not gated")
    untested = [c for c in outcome.checks if not c.comparison.tested]
    if untested:
        reasons = sorted({c.comparison.reason or "no test" for c in untested})
        lines.append(
            f"note {len(untested)} metric(s) not tested for significance ({'; '.join(reasons)}); "
            "a finer --unit (item, sentence) tests on few documents"
        )
    verdict = "passed" if outcome.passed else "FAILED"
    n_fail = len(outcome.failures) + len(outcome.missing)
    rule = (
        "drop beyond tolerance and significant, or untestable"
        if outcome.require_significance
        else "drop beyond tolerance"
    )
    lines.append(f"gate {verdict}: {n_fail} failing of {len(outcome.checks)} checked metric(s) (fails on: {rule})")
    return lines


__all__ = [
    "comparison_table",
    "gate_lines",
    "render_comparison",
    "render_terminal",
    "report_table",
]
