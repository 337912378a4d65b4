"""The terminal table: headline metrics per extractor with their confidence intervals.

Made with rich. Colour follows the usual conventions: none when ``NO_COLOR`` is set (any
value, https://no-color.org) or when the output is not a terminal; ``color=False`` forces it
off. Every string from the report is passed through :func:`~evalkit.reports.text.one_line`
and rich's markup is never interpreted in data (``Text`` objects, not markup strings).
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, Sequence

from .compare import ReportComparison
from .gate import GateOutcome
from .itemdiff import ItemChange, ItemDiff
from .model import Estimate, Report
from .text import one_line
from .values import number, p_value

if TYPE_CHECKING:  # rich is imported when something is printed
    from rich.console import Console, Group, JustifyMethod
    from rich.table import Table


def _console(file: IO[str] | None, color: bool | None, width: int | None) -> Console:
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


def ci_text(v: Estimate, reason: str | None = None) -> str:
    """The interval of an estimate alone: ``[0.700, 0.900]``; empty for a bare point (one
    document's value), ``n/a`` with the reason when there is no interval."""
    from .values import NA

    if v.point is None:
        return ""
    if v.low is None or v.high is None:
        return f"{NA}: {reason}" if reason else NA
    if v.low == v.high == v.point:
        return ""
    return f"[{number(v.low)}, {number(v.high)}]"


def wrap_signature(signature: str, width: int = 80) -> list[str]:
    """A signature as lines of at most ``width`` characters, broken only after a ``|``
    (a single field longer than ``width`` stays whole on its own line)."""
    fields = one_line(signature, 1000).split("|")
    lines: list[str] = []
    line = ""
    for i, f in enumerate(fields):
        piece = f + ("|" if i < len(fields) - 1 else "")
        if line and len(line) + len(piece) > width:
            lines.append(line)
            line = ""
        line += piece
    if line:
        lines.append(line)
    return lines


def _table(title: str, columns: Sequence[tuple[str, JustifyMethod]]) -> Table:
    """A borderless rich Table whose first column (names) never wraps; the others wrap only
    at spaces. ``columns`` are ``(heading, justify)``."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, show_edge=False)
    for i, (heading, justify) in enumerate(columns):
        table.add_column(Text(heading), justify=justify, no_wrap=i == 0, overflow="fold")
    return table


def report_tables(report: Report) -> list[Table]:
    """One rich Table per extractor (title: label and error count): each part's headline
    metric with P, R, the F1 (or the mean) and its interval. At most about 70 columns wide
    for the headline metrics, so it fits an 80-column terminal without cutting a name."""
    from rich.text import Text

    level = f"{100 * (1 - float(report.config.get('alpha', 0.05))):g}% CI"
    tables = []
    for e in report.extractors:
        n = len(e.errors)
        title = f"{one_line(e.label, 60)} · {n} error{'s' if n != 1 else ''}"
        table = _table(title, (("metric", "left"), ("P", "right"), ("R", "right"), ("F1 / value", "right"), (level, "left")))
        for _, m in e.headline_metrics():
            p = number(m.values["precision"].point) if m.kind == "prf" else ""
            r = number(m.values["recall"].point) if m.kind == "prf" else ""
            table.add_row(
                Text(one_line(m.name, 60)),
                Text(p),
                Text(r),
                Text(number(m.primary.point), style=_style(m.primary.point)),
                Text(ci_text(m.primary, m.reason)),
            )
        tables.append(table)
    return tables


def report_table(report: Report) -> Group:
    """All of :func:`report_tables` as one renderable."""
    from rich.console import Group

    return Group(*report_tables(report))


def _style(value: float | None) -> str:
    if value is None:
        return ""
    return "green" if value >= 0.8 else "yellow" if value >= 0.5 else "red"


def render_terminal(report: Report, *, file: IO[str] | None = None, color: bool | None = None, width: int | None = None) -> None:
    """Print the tables, the signature, then up to 20 error records per extractor, to
    ``file`` (stdout by default)."""
    from rich.text import Text

    console = _console(file, color, width)
    console.print(Text("evalkit scores", style="bold"))
    for table in report_tables(report):
        console.print()
        console.print(table)
    for line in wrap_signature(report.signature, min(console.width, 120)):
        console.print(Text(line))
    for e in report.extractors:
        usage = e.usage_text()
        if usage is not None:
            console.print(Text(f"{one_line(e.label, 60)}: {usage}"))
    for e in report.extractors:
        for err in e.errors[:20]:
            console.print(Text(f"! {one_line(e.label, 60)}: {one_line(err.document, 80)}: {err.kind}: {one_line(err.message, 160)}"))
        if len(e.errors) > 20:
            console.print(Text(f"! {one_line(e.label, 60)}: … and {len(e.errors) - 20} more errors"))


def comparison_tables(comparison: ReportComparison) -> list[Table]:
    """One rich Table per extractor pair: A, B (each with its interval below the value), the
    delta and p per metric (of the primary statistic: F1, or a mean's value); ``*`` marks
    p < alpha. The reason a test could not run is given under the table, not in it, so the
    table fits 80 columns."""
    from rich.text import Text

    tables = []
    for pair in comparison.pairs:
        who = pair.label_a if pair.label_a == pair.label_b else f"{pair.label_a} → {pair.label_b}"
        table = _table(one_line(who, 120), (("metric", "left"), ("A", "right"), ("B", "right"), ("Δ (B−A)", "right"), ("p", "right")))
        for c in pair.metrics.values():
            sig = c.significant(comparison.alpha)
            delta = c.delta_value
            table.add_row(
                Text(one_line(c.name, 60)),
                Text(_two_lines(c.a_value)),
                Text(_two_lines(c.b_value)),
                Text(number(delta, sign=True), style="" if delta is None else "green" if delta > 0 else "red" if delta < 0 else ""),
                Text(p_value(c.p_value) + ("*" if sig else "")),
            )
        tables.append(table)
    return tables


def comparison_table(comparison: ReportComparison) -> Group:
    """All of :func:`comparison_tables` as one renderable."""
    from rich.console import Group

    return Group(*comparison_tables(comparison))


def _two_lines(v: Estimate) -> str:
    ci = ci_text(v)
    return number(v.point) if not ci or ci.startswith("n/a") else f"{number(v.point)}\n{ci}"


#: Items listed per extractor pair and direction on the terminal unless told otherwise.
ITEMS_SHOWN = 10


def item_lines(diff: ItemDiff, limit: int = ITEMS_SHOWN, *, passing: bool = True) -> list[str]:
    """Plain lines: a heading with the counts, then up to ``limit`` newly failing items (and
    as many newly passing ones when ``passing``), each with a count of those left out."""
    lines = [f"items {diff.who}: {len(diff.newly_failing)} newly failing, {len(diff.newly_passing)} newly passing"]
    groups = [("FAIL", diff.newly_failing)] + ([("PASS", diff.newly_passing)] if passing else [])
    for tag, changes in groups:
        for c in changes[:limit]:
            lines.append(f"  {tag} {describe_change(c)}")
        if len(changes) > limit:
            lines.append(f"  … {len(changes) - limit} more newly {'failing' if tag == 'FAIL' else 'passing'} (--items N shows more; --format json lists all)")
    return lines


def describe_change(c: ItemChange) -> str:
    """``doc · mentions · matched → missed · gold "Kyiv" · predicted — · reason``."""
    gold = f'"{one_line(c.gold_text, 60)}"' if c.gold_text else "—"
    pred = f'"{one_line(c.pred_text, 60)}"' if c.pred_text else "—"
    return (
        f"{one_line(c.document, 60)} · {c.part} · {c.bucket_before} → {c.bucket_after} · "
        f"gold {gold} · predicted {pred} · {one_line(c.reason, 120)}"
    )


def render_comparison(
    comparison: ReportComparison,
    *,
    file: IO[str] | None = None,
    color: bool | None = None,
    width: int | None = None,
    items: int = ITEMS_SHOWN,
) -> None:
    """Print the comparison tables, notes on untested metrics, then each pair's changed items
    (up to ``items`` per direction; 0 hides them)."""
    from rich.text import Text

    console = _console(file, color, width)
    console.print(
        Text(f"B vs A — paired {comparison.method}, {comparison.n} resamples, seed {comparison.seed}, unit {comparison.unit}")
    )
    for table in comparison_tables(comparison):
        console.print()
        console.print(table)
    for pair in comparison.pairs:
        for c in pair.metrics.values():
            if not c.tested:
                console.print(Text(f"p n/a for {one_line(pair.label_b, 60)} {c.name}: {c.reason or 'no test'}"))
    for label in comparison.only_in_a:
        console.print(Text(f"only in A: {one_line(label, 80)}"))
    for label in comparison.only_in_b:
        console.print(Text(f"only in B: {one_line(label, 80)}"))
    console.print(Text(f"Values: F1, or the mean for ROUGE. * p < {comparison.alpha:g} (two-sided, {comparison.unit}s as paired units)"))
    from ..stats import min_units

    console.print(Text(f"p-values need at least {min_units(comparison.alpha)} paired units; with fewer the test says n/a (not enough units)"))
    for line in wrap_signature(comparison.signature, min(console.width, 120)):
        console.print(Text(line))
    if items > 0:
        for pair in comparison.pairs:
            if pair.items is not None:
                for line in item_lines(pair.items, items):
                    console.print(Text(line))


def gate_lines(outcome: GateOutcome, items: int = ITEMS_SHOWN) -> list[str]:
    """The gate's verdict as plain lines: every failure (and every missing extractor) first,
    then the passing checks, then up to ``items`` newly failing and newly passing items per
    extractor, and the verdict last."""
    lines = []
    for c in outcome.failures:
        lines.append(f"FAIL {one_line(c.describe(), 400)}")
    for label in outcome.missing:
        lines.append(f"FAIL {one_line(label, 80)}: extractor in the baseline is missing from the report")
    for t in outcome.threshold_failures:
        lines.append(f"FAIL {one_line(t.describe(), 400)}")
    for c in outcome.checks:
        if not c.failed:
            lines.append(f"ok   {one_line(c.describe(), 400)}")
    for t in outcome.thresholds:
        if not t.failed:
            lines.append(f"ok   {one_line(t.describe(), 400)}")
    for label in outcome.added:
        lines.append(f"new  {one_line(label, 80)}: not in the baseline, not gated")
    untested = [c for c in outcome.checks if not c.comparison.tested]
    if untested:
        reasons = sorted({c.comparison.reason or "no test" for c in untested})
        lines.append(
            f"note {len(untested)} metric(s) not tested for significance ({'; '.join(reasons)}); "
            "a finer --unit (item, sentence) tests on few documents"
        )
    if items > 0:
        for diff in outcome.items:
            if diff.changed:
                lines.extend(item_lines(diff, items))
    verdict = "passed" if outcome.passed else "FAILED"
    rules = []
    if outcome.baseline:
        rules.append("drop beyond tolerance and significant, or untestable" if outcome.require_significance else "drop beyond tolerance")
    if outcome.thresholds:
        rules.append("below a --min")
    lines.append(f"gate {verdict}: {outcome.failure_count} failing of {outcome.checked_count} checked metric(s) (fails on: {'; '.join(rules)})")
    return lines


__all__ = [
    "ITEMS_SHOWN",
    "ci_text",
    "comparison_table",
    "comparison_tables",
    "describe_change",
    "gate_lines",
    "item_lines",
    "render_comparison",
    "render_terminal",
    "report_table",
    "report_tables",
    "wrap_signature",
]
