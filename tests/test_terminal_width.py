"""Terminal tables at 80 and 120 columns: nothing wider than the terminal, no column dropped,
no metric or extractor name cut."""

from __future__ import annotations

import io
import shutil
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
    metrics = {name for pair in comparison.pairs for name in pair.metrics}
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


@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux script(1) for a pseudo-terminal")
def test_check_on_a_terminal_folds_its_lines_at_spaces(tmp_path):
    """`evalkit check` on an 80-column terminal: no line longer than 80, every word whole."""
    import os
    import subprocess
    import sys

    report = ROOT / "reports" / "baseline.json"
    command = f"{sys.executable} -m evalkit check --baseline {report} --tolerance 0.01 {report}"
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    wide = subprocess.run(command.split(), capture_output=True, text=True, env=env)
    on_tty = subprocess.run(["script", "-qec", command, "/dev/null"], capture_output=True, text=True, env=env)
    assert wide.returncode == 0 and on_tty.returncode == 0, on_tty.stdout[-500:]
    folded = [line.rstrip("\r") for line in on_tty.stdout.splitlines()]
    assert max(len(line) for line in wide.stdout.splitlines()) > 80  # off a terminal: one line per check
    assert max(len(line) for line in folded) <= 80
    assert " ".join(folded).split() == wide.stdout.split()


def test_wrap_lines_never_cuts_a_word():
    from evalkit.reports.text import wrap_lines

    name = "attributions.joint.overlap/indirect-with-a-very-long-label-indeed-and-more"  # longer than 40
    lines = wrap_lines([f"ok   spacy:en_core_web_sm {name} f1 0.6270 -> 0.6270 (+0.0000)"], 40)
    assert any(line.strip() == name for line in lines)
    assert all(len(line) <= 40 for line in lines if line.strip() != name)
    assert " ".join(lines).split() == f"ok spacy:en_core_web_sm {name} f1 0.6270 -> 0.6270 (+0.0000)".split()
