"""Items that newly fail or newly pass between two runs: the diff, and where compare/check show it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.cli import main
from evalkit.extractors.base import ExtractorInfo
from evalkit.reports.itemdiff import diff_items
from evalkit.reports.markdown import MAX_ITEM_CHANGES, md_text
from evalkit.reports.model import DocumentResult, ExtractorReport
from evalkit.scoring.base import Explanation

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "gold"
FAST = ["--bootstrap", "10"]


def _x(part: str, bucket: str, gold: str | None, pred_span: tuple[int, int] | None = None, text: str = "t") -> Explanation:
    return Explanation(part, bucket, gold, None if gold is None else "p", text, text, f"reason {bucket}", pred_span=pred_span)


def _extractor(label: str, items: list[Explanation]) -> ExtractorReport:
    doc = DocumentResult("d", "scored", {}, tuple(items))
    return ExtractorReport(label, ExtractorInfo(label), {}, {}, (doc,))


def test_pass_and_fail_transitions_by_hand():
    a = _extractor("old", [
        _x("mentions", "matched", "g1"),
        _x("mentions", "missed", "g2"),
        _x("mentions", "partial", "g3"),
        _x("mentions", "matched", "g4"),
        _x("mentions", "spurious", None, (5, 9)),
        _x("mentions", "spurious", None, (30, 34)),
    ])
    b = _extractor("new", [
        _x("mentions", "missed", "g1"),  # matched -> missed: newly failing
        _x("mentions", "matched", "g2"),  # missed -> matched: newly passing
        _x("mentions", "missed", "g3"),  # partial -> missed: failing both times, not listed
        _x("mentions", "matched", "g4"),  # unchanged
        _x("mentions", "spurious", None, (20, 25)),  # a new spurious prediction: newly failing
        _x("mentions", "spurious", None, (30, 34)),  # the same spurious prediction: unchanged
    ])
    diff = diff_items(a, b, ["d"])
    assert [(c.bucket_before, c.bucket_after) for c in diff.newly_failing] == [("matched", "missed"), ("absent", "spurious")]
    assert [(c.bucket_before, c.bucket_after) for c in diff.newly_passing] == [("missed", "matched"), ("spurious", "absent")]
    assert diff.newly_failing[0].reason == "reason missed"
    assert diff.newly_passing[1].reason == "no longer predicted"
    assert diff_items(a, a, ["d"]).changed is False


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Path:
    """A baseline of `noisy -o rate=0.1` and a deliberately worse `noisy -o rate=0.5`."""
    root = tmp_path_factory.mktemp("runs")
    for name, rate in (("base", "0.1"), ("worse", "0.5")):
        args = ["run", "-e", "noisy", "-o", f"rate={rate}", "--gold", str(GOLD_DIR), "--no-cache", "-q", "--output", str(root / name), "--format", "json", *FAST]
        assert main(args) == 0
    both = ["run", "-e", "gold", "-e", "empty", "--gold", str(GOLD_DIR), "--no-cache", "-q", "--output", str(root / "both"), "--format", "json", *FAST]
    assert main(both) == 0
    return root


def _reference_changes(base: dict, worse: dict) -> tuple[list[dict], int]:
    """Newly failing items computed from the two report.json files directly: gold items
    matched in the baseline and not now, and predicted spans spurious now but not before."""
    def keyed(report: dict) -> dict:
        out = {}
        for d in report["extractors"][0]["documents"]:
            for x in d["explanations"]:
                key = (d["id"], x["part"], x["gold"]) if x["gold"] is not None else (d["id"], x["part"], "p", tuple(x["pred_span"] or ()), x["pred_text"], x["type_pred"])
                out[key] = x
        return out

    before, after = keyed(base), keyed(worse)
    gold_failing = [after[k] for k in after if k[2] != "p" and before[k]["bucket"] == "matched" and after[k]["bucket"] != "matched"]
    new_spurious = sum(1 for k, x in after.items() if k[2] == "p" and k not in before)
    return gold_failing, len(gold_failing) + new_spurious


def test_check_on_a_worsened_extractor_lists_newly_failing_items_in_markdown(runs, capsys):
    summary = runs / "summary.md"
    html = runs / "gate.html"
    assert main(["check", "--baseline", str(runs / "base"), "--markdown", str(summary), str(runs / "worse")]) == 1
    text_out = capsys.readouterr().out
    base = json.loads((runs / "base" / "report.json").read_text(encoding="utf-8"))
    worse = json.loads((runs / "worse" / "report.json").read_text(encoding="utf-8"))
    gold_failing, total = _reference_changes(base, worse)
    assert total > MAX_ITEM_CHANGES  # rate 0.5 breaks far more than the cap
    md = summary.read_text(encoding="utf-8")
    assert f"noisy: {total} newly failing" in md
    assert "<details open><summary>❌ noisy" in md and "</details>" in md
    first = gold_failing[0]
    assert md_text(first["gold_text"], 120) in md
    assert f"… and {total - MAX_ITEM_CHANGES} more newly failing items not shown" in md
    # The terminal lists them too, capped at 10 with a count of the rest.
    assert f"items noisy: {total} newly failing" in text_out
    assert f"… {total - 10} more newly failing" in text_out
    assert main(["check", "--baseline", str(runs / "base"), "--format", "json", str(runs / "worse")]) == 1
    data = json.loads(capsys.readouterr().out)
    (items,) = data["items"]
    assert len(items["newly_failing"]) == total
    listed = [c for c in items["newly_failing"] if c["bucket_before"] != "absent"]
    assert len(listed) == len(gold_failing)
    assert first["gold_text"] in {c["gold_text"] for c in listed}
    from evalkit.reports.canonical import load_report
    from evalkit.reports.gate import check_reports
    from evalkit.reports.html import render_html

    outcome = check_reports(load_report(runs / "base"), load_report(runs / "worse"))
    html.write_text(render_html(load_report(runs / "worse"), outcome, charts=False), encoding="utf-8")
    page = html.read_text(encoding="utf-8")
    assert '<details class="changes" open><summary>noisy: ' + str(total) + " newly failing" in page


def test_a_passing_gate_shows_no_item_section(runs, capsys):
    summary = runs / "same.md"
    assert main(["check", "--baseline", str(runs / "base"), "--markdown", str(summary), str(runs / "base")]) == 0
    assert "newly failing" not in summary.read_text(encoding="utf-8")
    assert "items " not in capsys.readouterr().out


def test_head_to_head_of_two_extractors_of_one_run(runs, capsys):
    assert main(["compare", str(runs / "both"), "--a", "gold", "--b", "empty", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (pair,) = data["pairs"]
    assert (pair["a"], pair["b"]) == ("gold", "empty")
    report = json.loads((runs / "both" / "report.json").read_text(encoding="utf-8"))
    gold_items = [x for d in report["extractors"][0]["documents"] for x in d["explanations"]]
    # The gold extractor matches every gold item; empty misses every one of them.
    assert all(x["bucket"] == "matched" for x in gold_items)
    assert len(pair["items"]["newly_failing"]) == len(gold_items)
    assert pair["items"]["newly_passing"] == []
    assert pair["metrics"]["mentions.strict"]["delta"] == -1.0
    assert main(["compare", str(runs / "both"), "--a", "gold", "--b", "empty", "--items", "2"]) == 0
    out = capsys.readouterr().out
    assert "gold → empty" in out and f"… {len(gold_items) - 2} more newly failing" in out


def test_head_to_head_bad_input_is_one_located_line(runs, capsys):
    where = runs / "both" / "report.json"
    assert main(["compare", str(runs / "both"), "--a", "gold", "--b", "rules"]) == 2
    err = capsys.readouterr().err
    assert err == f"{where}: --b 'rules': no such extractor in this report (it has: gold, empty)\n"
    assert main(["compare", str(runs / "both"), "--a", "gold"]) == 2
    assert "compare needs RUN_B, or one run with --a LABEL and --b LABEL" in capsys.readouterr().err
    assert main(["compare", str(runs / "base"), str(runs / "both"), "--b", "gold"]) == 2
    assert "--a and --b go together" in capsys.readouterr().err
