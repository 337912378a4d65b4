"""How values, intervals and p-values that do not exist are written: ``n/a``, never a number."""

from __future__ import annotations

from evalkit.reports.model import Estimate
from evalkit.reports.values import NA, estimate, number, p_value


def test_undefined_values_and_missing_intervals_are_written_n_a():
    assert estimate(Estimate(None, None, None)) == NA == "n/a"
    assert estimate(Estimate(0.425, None, None)) == "0.425 [CI n/a]"
    assert estimate(Estimate(0.425, None, None), brackets="()") == "0.425 (CI n/a)"
    assert estimate(Estimate(0.5, 0.25, 0.75)) == "0.500 [0.250, 0.750]"
    assert estimate(Estimate(0.5, 0.5, 0.5)) == "0.500"
    assert number(None) == p_value(None) == "n/a"
    assert number(-0.2271, 4, sign=True) == "-0.2271" and p_value(0.03125) == "0.0312"


def test_every_rendering_writes_an_undefined_score_as_n_a_and_never_as_one():
    import io
    import json

    from report_samples import gold_document, make_report

    from evalkit.extractors.base import ExtractorInfo
    from evalkit.model import StructuredSummary
    from evalkit.reports.canonical import canonical_json
    from evalkit.reports.html import render_html
    from evalkit.reports.junit import render_junit
    from evalkit.reports.markdown import render_markdown
    from evalkit.reports.model import report_from_dict, report_to_dict
    from evalkit.reports.terminal import render_terminal

    # Gold with no numbers and `empty` predicting none: numbers.strict has nothing to score.
    gold = [gold_document("d1", "Nothing numeric happens here.", StructuredSummary())]
    report = make_report(gold, {"empty": (ExtractorInfo("empty", None, "1", {}), {"d1": StructuredSummary()})})
    (e,) = report.extractors
    assert e.metrics["numbers.strict"].primary.point is None
    data = json.loads(canonical_json(report_to_dict(report)))
    assert data["extractors"][0]["metrics"]["numbers.strict"]["values"]["f1"] == {"point": None, "low": None, "high": None}
    assert data["extractors"][0]["documents"][0]["metrics"]["numbers.strict"]["values"]["f1"] is None
    again = report_from_dict(data)  # the schema accepts null values
    assert again.extractors[0].metrics["numbers.strict"].primary.point is None

    buffer = io.StringIO()
    render_terminal(report, file=buffer, color=False, width=200)
    row = next(line for line in buffer.getvalue().splitlines() if "numbers.strict" in line)
    assert "n/a" in row and "1.000" not in row
    md_row = next(line for line in render_markdown(report).splitlines() if "numbers\\.strict" in line)
    assert "n/a" in md_row and "1.000" not in md_row
    html = render_html(report, charts=False)
    card = html[html.index('data-metric="numbers.strict"'):]
    card = card[: card.index("</div></div>") if "</div></div>" in card else 400]
    assert "n/a" in card and "1.000" not in card
    junit = render_junit(report)
    assert "numbers.strict f1 = n/a" in junit
