"""Terminal tables at 80 and 120 columns: nothing wider than the terminal, no column dropped,
no metric or extractor name cut."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from evalkit.reports.canonical import load_report
from evalkit.reports.compare import compare_reports
from evalkit.reports.terminal import render_comparison, render_terminal, wrap_signature

ROOT = Path(__file__).resolve().parent.parent
BASELINE = load_report(ROOT / "reports" / "baseline.json")


def _whole(text: str, names: set[str]) -> None:
    lines = text.splitlines()
    for name in names:
        assert any(name in line for line in lines), f"{name!r} is not whole on any line"


@pytest.mark.parametrize("width", [80, 120])
def test_report_tables_fit(width):
    out = io.StringIO()
    render_terminal(BASELINE, file=out, color=False, width=width)
    text = out.getvalue()
    assert max(len(line) for line in text.splitlines()) <= width
    labels = {e.label for e in BASELINE.extractors}
    metrics = {m for e in BASELINE.extractors for m in e.headlines.values()}
    assert "spacy:en_core_web_sm" in labels and "attributions.joint.overlap" in metrics
    _whole(text, labels | metrics | {"P", "R", "F1 / value", "95% CI"})
    for field in BASELINE.signature.split("|"):  # the signature breaks only between fields
        assert any(field in line for line in text.splitlines()), field


@pytest.mark.parametrize("width", [80, 120])
def test_comparison_tables_fit_with_every_metric(width):
    comparison = compare_reports(BASELINE, BASELINE, all_metrics=True, label_a="rules", label_b="spacy:en_core_web_sm")
    out = io.StringIO()
    render_comparison(comparison, file=out, color=False, width=width, items=3)
    text = out.getvalue()
    assert max(len(line) for line in text.splitlines()) <= width
    metrics = {c.metric for pair in comparison.pairs for c in pair.metrics}
    assert len(metrics) == len(BASELINE.extractors[0].metrics)
    _whole(text, metrics | {"rules → spacy:en_core_web_sm", "Δ (B−A)"})


def test_a_long_signature_field_stays_whole():
    lines = wrap_signature("a|" + "x" * 100 + "|b", 80)
    assert lines == ["a|", "x" * 100 + "|", "b"]


@pytest.fixture(scope="module")
def evaluation():
    from evalkit.evaluation import evaluate
    from evalkit.extractors.registry import create
    from evalkit.gold import load_gold
    from evalkit.scoring.config import ScoringConfig

    gold = load_gold(ROOT / "gold" / "wn2004-kmart-sears.yaml")
    extractors = [create("gold", {}), create("empty", {}), create("noisy", {"rate": "0.5"})]
    return evaluate(extractors, gold, config=ScoringConfig(bootstrap=10))


@pytest.mark.parametrize("width", [80, 120])
def test_run_table_fits_without_dropping_a_column(evaluation, width):
    from evalkit.commands.run import print_run_tables

    out = io.StringIO()
    print_run_tables(evaluation, Console(file=out, width=width, no_color=True))
    text = out.getvalue()
    assert max(len(line) for line in text.splitlines()) <= width
    headings = {"extractor", "entities", "mentions", "numbers", "attrib.", "summary", "errors", "cached", "seconds"}
    _whole(text, headings | {"gold", "empty", "noisy", "attributions.joint.overlap"})
    # At 120 columns all of it is one table; at 80 it is two, both keyed by extractor.
    assert text.count("extractor") == (1 if width == 120 else 2)
