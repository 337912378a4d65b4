"""Markdown for the GitHub step summary: inert text, intact tables, and the 1 MiB limit."""

from __future__ import annotations

import re

import pytest
from report_samples import HOSTILE, hostile_report, synthetic_report

from evalkit.reports.gate import check_reports
from evalkit.reports.markdown import STEP_SUMMARY_LIMIT, md_text, render_markdown
from evalkit.reports.model import DocumentResult, ExtractorReport, Report
from evalkit.scoring.base import Explanation


@pytest.fixture(scope="module")
def hostile():
    return hostile_report()


def _cells(row: str) -> list[str]:
    """Split a table row on the pipes Markdown would split on (not backslash-escaped ones)."""
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_hostile_text_is_inert(hostile):
    md = render_markdown(hostile)
    assert "<script" not in md and "</script" not in md
    assert "&lt;script&gt;" in md
    assert "\u202e" not in md and "\u202c" not in md and "U\\+202E" in md
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", md)
    assert "<" not in md.replace("&lt;", "")  # no raw tag of any kind


def test_every_table_row_keeps_its_columns(hostile):
    md = render_markdown(hostile)
    table: list[str] = []
    for line in md.splitlines() + [""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            widths = {len(_cells(r)) for r in table}
            assert len(widths) == 1, table[:3]
            table = []
    assert md.count("| --- |") >= 4


def test_md_text_escapes_markdown_and_html():
    assert md_text("a|b") == "a\\|b"
    assert md_text("*x* _y_ [z](u) `c`") == "\\*x\\* \\_y\\_ \\[z\\]\\(u\\) \\`c\\`"
    assert md_text("<b>&") == "&lt;b&gt;&amp;"
    assert md_text("line\nbreak") == "line break"


def test_gate_verdict_is_first_and_lists_failures():
    base = synthetic_report({"x": [(9, 1, 1)] * 4})
    cur = synthetic_report({"x": [(5, 5, 5)] * 4})
    md = render_markdown(cur, check_reports(base, cur))
    assert md.index("gate failed") < md.index("### Regression gate")
    row = next(line for line in md.splitlines() if line.startswith("| ❌"))
    assert "entities\\.strict" in row and "0.9000" in row and "0.5000" in row


def _huge_report(base: Report, items: int) -> Report:
    big = "x" * 900
    ex = tuple(
        Explanation("mentions", "missed", f"g{i}", None, f"{big}{i}", None, HOSTILE, (0, 1))
        for i in range(items)
    )
    e = base.extractors[0]
    docs = tuple(DocumentResult(d.id, d.status, d.metrics, ex) for d in e.documents)
    return Report(base.signature, base.config, base.documents, (ExtractorReport(e.label, e.info, e.headlines, e.metrics, docs),), base.evalkit_version)


def test_huge_report_fits_the_step_summary_limit_with_a_note():
    report = _huge_report(synthetic_report({"x": [(1, 0, 0)] * 60}), 200)  # 12,000 item rows, ~3 MB
    md = render_markdown(report)
    size = len(md.encode("utf-8"))
    assert size <= STEP_SUMMARY_LIMIT
    assert size > STEP_SUMMARY_LIMIT // 2  # cut, not emptied
    assert "rows omitted: the GitHub step summary is limited to 1 MiB" in md
    assert md.startswith("## evalkit report")
    assert "| x | entities | entities\\.strict |" in md  # the headline table survives


def test_small_limit_drops_later_sections_by_name():
    report = _huge_report(synthetic_report({"x": [(1, 0, 0)] * 3}), 50)
    full = render_markdown(report)
    before_documents = len(full[: full.index("### Per document")].encode("utf-8"))
    limit = before_documents + 1000 + 250  # room for the first sections and the notes only
    md = render_markdown(report, limit=limit)
    assert len(md.encode("utf-8")) <= limit
    assert "### Errors" in md and "### All corpus metrics" not in md
    omitted = md.split("Sections omitted to stay under the step-summary size limit")[1]
    assert "all corpus metrics" in omitted and "explanations" in omitted
