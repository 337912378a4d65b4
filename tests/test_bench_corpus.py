"""benchmarks/bench_corpus.py: the per-article and pooled table, and its bad-input exits."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "bench_corpus.py")
bench = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
sys.modules["bench_corpus"] = bench
spec.loader.exec_module(bench)  # type: ignore[union-attr]

GOLD = ROOT / "tests" / "gold_ok"


def test_gold_scores_one_and_empty_scores_zero(capsys) -> None:
    assert bench.main([str(GOLD), "-e", "gold", "-e", "empty", "--group", "g=mini"]) == 0
    out = capsys.readouterr().out
    gold_table, empty_table = out.split("`empty`")
    row = next(line for line in gold_table.splitlines() if line.startswith("| mini "))
    cells = [c.strip() for c in row.split("|")[2:7]]
    assert cells[:4] == ["1.000"] * 4  # entities, mentions, numbers, attributions
    assert "**pooled: g (1)**" in gold_table and "**pooled: all (1)**" in gold_table
    empty_row = next(line for line in empty_table.splitlines() if line.startswith("| mini "))
    assert empty_row.split("|")[2].strip() == "0.000"


def test_pooling_adds_counts_before_dividing() -> None:
    from evalkit.scoring.base import Counts, Mean

    pooled = bench.pool([Counts(1, 0, 1), None, Counts(3, 1, 0)])
    assert pooled == Counts(4, 1, 1)
    assert bench.value_of(pooled, "f1") == 2 * 4 / (2 * 4 + 1 + 1)
    assert bench.value_of(bench.pool([Mean(0.5, 1), Mean(1.5, 2)]), "value") == 2.0 / 3
    assert bench.pool([None]) is None


def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path) -> None:
    assert bench.main([str(GOLD), "-e", "rulez"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "did you mean 'rules'" in err[0]
    assert bench.main([str(GOLD), "--group", "x=nope"]) == 2
    assert "nope" in capsys.readouterr().err
    assert bench.main([str(GOLD), "--group", "broken"]) == 2
    assert "NAME=STEM" in capsys.readouterr().err
    assert bench.main([str(tmp_path / "missing")]) == 2
    line = capsys.readouterr().err.strip()
    assert line.startswith(str(tmp_path / "missing")) and "no such file" in line


def test_saved_figures_compare_before_and_after(capsys, tmp_path) -> None:
    saved = tmp_path / "before.json"
    assert bench.main([str(GOLD), "-e", "empty", "--group", "g=mini", "--save", str(saved)]) == 0
    capsys.readouterr()
    figures = json.loads(saved.read_text(encoding="utf-8"))
    assert figures["extractors"]["empty"]["mini"][0] == 0.0
    # The same extractor run again: every pooled row appears once per row, unchanged.
    figures["extractors"]["empty"]["pooled: g (1)"][0] = 0.25
    saved.write_text(json.dumps(figures), encoding="utf-8")
    assert bench.main([str(GOLD), "-e", "empty", "--group", "g=mini", "--before", str(saved)]) == 0
    out = capsys.readouterr().out.split("Pooled rows, before → after:")[1]
    rows = [line for line in out.splitlines() if line.startswith("| `empty`")]
    assert [r.split("|")[2].strip() for r in rows] == ["g (1)", "all (1)"]
    assert rows[0].split("|")[3].strip() == "0.250 → 0.000"
    assert rows[1].split("|")[3].strip() == "0.000 → 0.000"


def test_unreadable_before_file_is_one_line_and_exit_2(capsys, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert bench.main([str(GOLD), "-e", "empty", "--before", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(bad) in err[0] and "not JSON" in err[0]
    assert bench.main([str(GOLD), "-e", "empty", "--before", str(tmp_path / "none.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
