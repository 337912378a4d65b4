"""``evalkit check --min NAME=VALUE``: absolute thresholds, with or without a baseline."""

from __future__ import annotations

import json

import pytest
from report_samples import synthetic_report

from evalkit.cli import main
from evalkit.reports.canonical import atomic_write, canonical_json
from evalkit.reports.markdown import md_text
from evalkit.reports.model import report_to_dict

# entities.strict per document (tp, fp, fn): good = 18/20 -> P = R = F1 = 0.9; poor = 4 tp,
# 1 fp, 6 fn -> P 0.8, R 0.4, F1 2·0.32/1.2 = 0.5333…
GOOD = [(9, 1, 1), (9, 1, 1)]
POOR = [(2, 0, 3), (2, 1, 3)]


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "run" / "report.json"
    atomic_write(path, canonical_json(report_to_dict(synthetic_report({"good": GOOD, "poor": POOR}))))
    return path


def test_without_a_baseline_every_extractor_is_held_to_the_minimum(report, capsys):
    assert main(["check", "--min", "entities.strict=0.8", str(report)]) == 1
    out = capsys.readouterr().out
    assert "FAIL poor entities.strict f1 0.5333 below the minimum 0.8" in out
    assert "ok   good entities.strict f1 0.9000 meets the minimum 0.8" in out
    assert "gate FAILED: 1 failing of 2 checked metric(s) (fails on: below a --min)" in out
    assert main(["check", "--min", "entities.strict=0.5", str(report)]) == 0
    assert main(["check", "--min", "entities.strict=0.8", "--extractor", "good", str(report)]) == 0
    capsys.readouterr()


def test_a_statistic_can_be_named(report, capsys):
    # poor: precision 0.8, recall 0.4.
    assert main(["check", "--min", "entities.strict.precision=0.8", "--extractor", "poor", str(report)]) == 0
    assert main(["check", "--min", "entities.strict.recall=0.5", "--extractor", "poor", str(report)]) == 1
    out = capsys.readouterr().out
    assert "FAIL poor entities.strict recall 0.4000 below the minimum 0.5" in out
    assert "entities.strict precision 0.8000 meets the minimum 0.8" in out


def test_json_junit_and_markdown_carry_the_minimums(report, tmp_path, capsys):
    junit = tmp_path / "gate.xml"
    md = tmp_path / "gate.md"
    args = ["check", "--min", "entities.strict.recall=0.5", "--extractor", "poor", "--junit", str(junit), "--markdown", str(md), "--format", "json", str(report)]
    assert main(args) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is False and data["checks"] == []
    (m,) = data["minimums"]
    assert m == {"extractor": "poor", "metric": "entities.strict", "stat": "recall", "value": 0.4, "minimum": 0.5, "failed": True}
    xml = junit.read_text(encoding="utf-8")
    assert 'name="evalkit.minimums"' in xml and 'type="minimum"' in xml
    text = md.read_text(encoding="utf-8")
    assert "❌ gate failed: 1 check(s) failed" in text and md_text("entities.strict (recall)") in text


def test_minimums_and_a_baseline_together(report, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    atomic_write(baseline, canonical_json(report_to_dict(synthetic_report({"good": GOOD, "poor": POOR}))))
    assert main(["check", "--baseline", str(baseline), str(report)]) == 0
    assert main(["check", "--baseline", str(baseline), "--min", "entities.strict=0.6", str(report)]) == 1
    out = capsys.readouterr().out
    assert "FAIL poor entities.strict f1 0.5333 below the minimum 0.6" in out
    assert "fails on: drop beyond tolerance; below a --min" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--min", "entities.strictt=0.8"], "--min: no metric 'entities.strictt' in this report"),
        (["--min", "entities.strict.f2=0.8"], "--min: no metric 'entities.strict.f2' in this report"),
        (["--min", "entities.strict"], "--min: 'entities.strict' is not NAME=NUMBER"),
        (["--min", "=0.8"], "--min: '=0.8' is not NAME=NUMBER"),
        (["--min", "entities.strict=high"], "--min: 'entities.strict=high': 'high' is not a number"),
        (["--min", "entities.strict=1.5"], "--min: 'entities.strict=1.5' must be between 0 and 1"),
        (["--min", "entities.strict=0.5", "--extractor", "nobody"], "--extractor 'nobody': no such extractor in this report (it has: good, poor)"),
        ([], "check needs --baseline FILE, --min NAME=VALUE, or both"),
    ],
)
def test_bad_minimums_are_one_line_and_exit_2(report, capsys, argv, message):
    assert main(["check", *argv, str(report)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err


def test_an_unknown_metric_is_located_at_the_report(report, capsys):
    assert main(["check", "--min", "nothing=0.1", str(report)]) == 2
    assert capsys.readouterr().err.startswith(f"{report}: --min: no metric 'nothing'")
