"""Markdown for a GitHub Actions step summary (``$GITHUB_STEP_SUMMARY``) or a PR comment.

GitHub accepts at most 1 MiB of step summary per step, so the document is assembled section
by section in order of importance — verdict and headline scores, gate checks, errors,
items that newly fail or pass against the baseline, per-document scores, all corpus metrics,
then item explanations — and when the next section
no longer fits, it is cut by rows and every later section is dropped, each with a note saying
what was left out. Every value from the report is escaped: HTML special characters become
entities (GitHub renders raw HTML in Markdown), Markdown punctuation is backslash-escaped,
``|`` cannot split a table cell, and control/bidi characters are made visible.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Sequence

from .gate import GateOutcome
from .itemdiff import ItemChange
from ..scoring.result import PARTS
from .model import MetricScore, Report
from .text import one_line
from .values import estimate, number, p_value

#: GitHub's limit for one step's summary.
STEP_SUMMARY_LIMIT = 1024 * 1024
#: Items listed per extractor and document in the explanations section before cutting.
MAX_EXPLANATIONS = 200
#: Newly failing (and, separately, newly passing) items listed per extractor in the gate's
#: item diff; the rest are counted.
MAX_ITEM_CHANGES = 50

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_text(text: object, limit: int = 200) -> str:
    """``text`` as inert Markdown: one line, visible controls, HTML-escaped, punctuation escaped."""
    escaped = html.escape(one_line(str(text), limit), quote=True)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str]) -> list[str]:
    return [_row(header), _row(["---"] * len(header))]


def _value(m: MetricScore) -> str:
    return estimate(m.primary, brackets="()", sep="–")


@dataclass(frozen=True)
class Section:
    """A titled block: ``head`` lines always shown together, ``rows`` that may be cut."""

    title: str
    head: tuple[str, ...]
    rows: tuple[str, ...]


def render_markdown(report: Report, gate: GateOutcome | None = None, *, limit: int = STEP_SUMMARY_LIMIT) -> str:
    """The report as Markdown of at most ``limit`` UTF-8 bytes (see the module docstring)."""
    sections = _sections(report, gate)
    note_reserve = 400 + 120 * len(sections)
    budget = limit - note_reserve
    out: list[str] = []
    used = 0
    cut = False
    omitted: list[str] = []
    for sec in sections:
        if cut:
            omitted.append(sec.title)
            continue
        block = "\n".join([*sec.head, *sec.rows]) + "\n\n"
        size = len(block.encode("utf-8"))
        if used + size <= budget:
            out.append(block)
            used += size
            continue
        cut = True
        head = "\n".join(sec.head) + "\n"
        room = budget - used - len(head.encode("utf-8")) - 200
        if room <= 0:
            omitted.append(sec.title)
            continue
        kept: list[str] = []
        for row in sec.rows:
            n = len(row.encode("utf-8")) + 1
            if n > room:
                break
            kept.append(row)
            room -= n
        note = f"\n_… {len(sec.rows) - len(kept)} of {len(sec.rows)} rows omitted: the GitHub step summary is limited to 1 MiB._"
        block = head + "".join(r + "\n" for r in kept) + note + "\n\n"
        out.append(block)
        used += len(block.encode("utf-8"))
    if omitted:
        out.append(
            "_Sections omitted to stay under the step-summary size limit: "
            + ", ".join(md_text(t, 80) for t in omitted)
            + ". The full report is in report.json and report.html._\n"
        )
    text = "".join(out)
    while len(text.encode("utf-8")) > limit:  # safety net; the reserve makes this unreachable
        text = text[: max(0, len(text) - 1024)]
    return text


def _sections(report: Report, gate: GateOutcome | None) -> list[Section]:
    sections = [_summary_section(report, gate)]
    if gate is not None:
        sections.append(_gate_section(gate))
        if any(d.changed for d in gate.items):
            sections.append(_items_section(gate))
    sections.append(_errors_section(report))
    sections.append(_documents_section(report))
    sections.append(_metrics_section(report))
    sections.append(_explanations_section(report))
    return sections


def _summary_section(report: Report, gate: GateOutcome | None) -> Section:
    head = ["## evalkit report", ""]
    if gate is not None:
        verdict = "✅ gate passed" if gate.passed else f"❌ gate failed: {gate.failure_count} check(s) failed"
        head += [f"**{verdict}**", ""]
    head += [f"Signature: `{report.signature.replace('`', '')}`", ""]
    head += [f"{len(report.documents)} document(s), {len(report.extractors)} extractor(s).", ""]
    head += _table(["extractor", "part", "metric", "precision", "recall", "F1 / value (95% CI)", "errors"])
    rows = []
    for e in report.extractors:
        for part, m in e.headline_metrics():
            p = number(m.values["precision"].point) if m.kind == "prf" else ""
            r = number(m.values["recall"].point) if m.kind == "prf" else ""
            rows.append(_row([md_text(e.label, 80), part, md_text(m.name, 80), p, r, _value(m), str(len(e.errors))]))
    usage = [f"- {md_text(e.label, 80)}: {text}" for e in report.extractors if (text := e.usage_text()) is not None]
    if usage:
        rows += ["", "Usage:", *usage]
    return Section("scores", tuple(head), tuple(rows))


def _gate_section(gate: GateOutcome) -> Section:
    head = ["### Regression gate", ""]
    if gate.thresholds:
        head += ["Absolute minimums:", ""]
        head += _table(["", "extractor", "metric", "value", "minimum"])
        for t in sorted(gate.thresholds, key=lambda t: not t.failed):
            head.append(
                _row(["❌" if t.failed else "✅", md_text(t.extractor, 80), md_text(f"{t.metric} ({t.stat})", 100), number(t.value, 4), f"{t.minimum:g}"])
            )
        head.append("")
    if not gate.baseline:
        return Section("regression gate", tuple(head), ())
    rule = (
        "drop beyond tolerance **and** significant (or untestable)"
        if gate.require_significance
        else "drop beyond tolerance"
    )
    head += [f"Against the baseline, a metric fails on a {rule} (p < {gate.alpha:g}, paired test; n/a: not tested, with the reason).", ""]
    head += _table(["", "extractor", "metric", "baseline", "current", "Δ", "tolerance", "p"])
    rows = [
        _row(["❌", md_text(label, 80), "(extractor missing from the report)", "", "", "", "", ""])
        for label in gate.missing
    ]
    for c in sorted(gate.checks, key=lambda c: (not c.failed, c.extractor, c.metric)):
        x = c.comparison
        rows.append(
            _row(
                [
                    "❌" if c.failed else "✅",
                    md_text(c.extractor, 80),
                    md_text(f"{x.name} ({x.stat})", 100),
                    number(x.a_value.point, 4),
                    number(x.b_value.point, 4),
                    number(x.delta_value, 4, sign=True),
                    f"{c.tolerance:g}",
                    (p_value(x.p_value) + (" \\*" if c.significant else "")) if x.tested else md_text(f"n/a ({x.reason})", 120),
                ]
            )
        )
    return Section("regression gate", tuple(head), tuple(rows))


def _items_section(gate: GateOutcome, limit: int = MAX_ITEM_CHANGES) -> Section:
    """Per extractor, a collapsible block of the items that newly fail and newly pass against
    the baseline — open when the gate failed that extractor — at most ``limit`` of each, with
    a count of the rest. Kept whole (all in ``head``): a block cut in half would leave an
    unclosed ``<details>``; the cap keeps it small."""
    head = ["### Items that changed against the baseline", ""]
    head.append("An item passes when it is matched; it newly fails when it passed in the baseline and does not now.")
    head.append("")
    failed = {c.extractor for c in gate.failures} | {t.extractor for t in gate.threshold_failures}
    for diff in gate.items:
        if not diff.changed:
            continue
        mark = "❌" if diff.newly_failing else "✅"
        summary = f"{mark} {md_text(diff.who, 80)}: {len(diff.newly_failing)} newly failing, {len(diff.newly_passing)} newly passing"
        head.append(f"<details{' open' if diff.label_b in failed else ''}><summary>{summary}</summary>")
        head.append("")
        for title, changes in (("Newly failing", diff.newly_failing), ("Newly passing", diff.newly_passing)):
            if not changes:
                continue
            head += [f"**{title}**", ""]
            head += _table(["document", "part", "was → now", "gold", "predicted", "reason"])
            head += [_change_row(c) for c in changes[:limit]]
            if len(changes) > limit:
                head += ["", f"_… and {len(changes) - limit} more {title.lower()} items not shown (`evalkit compare --format json` lists all)._"]
            head.append("")
        head += ["</details>", ""]
    return Section("items that changed", tuple(head), ())


def _change_row(c: ItemChange) -> str:
    return _row(
        [
            md_text(c.document, 80),
            md_text(c.part, 40),
            md_text(f"{c.bucket_before} → {c.bucket_after}", 40),
            md_text(c.gold_text or "", 120),
            md_text(c.pred_text or "", 120),
            md_text(c.reason, 160),
        ]
    )


def _errors_section(report: Report) -> Section:
    head = ["### Errors", ""]
    errors = [(e.label, err) for e in report.extractors for err in e.errors]
    if not errors:
        return Section("errors", (*head, "No extractor failed on any document."), ())
    head += _table(["extractor", "document", "kind", "message"])
    rows = [_row([md_text(label, 80), md_text(err.document, 80), md_text(err.kind, 40), md_text(err.message, 300)]) for label, err in errors]
    return Section("errors", tuple(head), tuple(rows))


def _documents_section(report: Report) -> Section:
    head = ["### Per document (headline F1 / value)", ""]
    cols = ["extractor", "document", "status", *PARTS]
    head += _table(cols)
    rows = []
    for e in report.extractors:
        for d in e.documents:
            cells = [md_text(e.label, 80), md_text(d.id, 80), d.status]
            for part in PARTS:
                m = d.metrics.get(e.headlines.get(part, ""))
                cells.append(number(m.primary.point) if m else "")
            rows.append(_row(cells))
    return Section("per-document scores", tuple(head), tuple(rows))


def _metrics_section(report: Report) -> Section:
    head = ["### All corpus metrics", ""]
    head += _table(["extractor", "metric", "precision", "recall", "F1 / value (95% CI)", "counts"])
    rows = []
    for e in report.extractors:
        for name in sorted(e.metrics):
            m = e.metrics[name]
            p = number(m.values["precision"].point) if m.kind == "prf" else ""
            r = number(m.values["recall"].point) if m.kind == "prf" else ""
            counts = " ".join(f"{c:g}" for c in m.counts)
            rows.append(_row([md_text(e.label, 80), md_text(name, 100), p, r, _value(m), counts]))
    return Section("all corpus metrics", tuple(head), tuple(rows))


def _explanations_section(report: Report) -> Section:
    head = ["### Items that did not match", ""]
    head += _table(["extractor", "document", "part", "bucket", "gold", "predicted", "reason"])
    rows = []
    for e in report.extractors:
        for d in e.documents:
            shown = 0
            for x in d.explanations:
                if x.bucket == "matched":
                    continue
                if shown == MAX_EXPLANATIONS:
                    rows.append(_row([md_text(e.label, 80), md_text(d.id, 80), "", "", "…", "…", "more items in report.json"]))
                    break
                shown += 1
                rows.append(
                    _row(
                        [
                            md_text(e.label, 80),
                            md_text(d.id, 80),
                            md_text(x.part, 40),
                            md_text(x.bucket, 20),
                            md_text(x.gold_text or "", 120),
                            md_text(x.pred_text or "", 120),
                            md_text(x.reason, 160),
                        ]
                    )
                )
    return Section("explanations", tuple(head), tuple(rows))


def gate_markdown(gate: GateOutcome) -> str:
    """Only the gate's table, for a PR comment."""
    sec = _gate_section(gate)
    return "\n".join([*sec.head, *sec.rows]) + "\n"


__all__ = ["MAX_ITEM_CHANGES", "STEP_SUMMARY_LIMIT", "gate_markdown", "md_text", "render_markdown"]
