"""``evalkit score``/``agree --output``: the report directory of ``evalkit run``, and JSONL predictions."""

from __future__ import annotations

import json
from pathlib import Path

from evalkit.cli import main
from evalkit.gold import load_gold
from evalkit.reports.canonical import load_report
from evalkit.serialize import summary_to_dict

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "gold"
ONE = GOLD_DIR / "wn2004-kmart-sears.yaml"
SECOND = GOLD_DIR / "second" / "wn2004-kmart-sears.yaml"
FAST = ["--bootstrap", "10"]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _gold_rows() -> list[dict]:
    return [{"id": g.document.id, **summary_to_dict(g.gold)} for g in load_gold(GOLD_DIR)]


def test_scored_jsonl_writes_a_report_that_check_accepts(tmp_path, capsys):
    preds = tmp_path / "preds.jsonl"
    _write_jsonl(preds, _gold_rows())
    out = tmp_path / "scored"
    assert main(["score", str(GOLD_DIR), str(preds), "--output", str(out), *FAST]) == 0
    assert {p.name for p in out.iterdir()} == {"report.json", "report.html", "report.md", "junit.xml"}
    report = load_report(out)
    (e,) = report.extractors
    assert e.label == "preds" and e.info.name == "predictions" and e.info.arg == "preds.jsonl"
    assert len(report.documents) == len(load_gold(GOLD_DIR))
    # The gold scored against itself: every headline metric is 1.
    assert all(m.primary.point == 1.0 for _, m in e.headline_metrics())
    capsys.readouterr()
    assert main(["check", "--min", "mentions.strict=1.0", "--min", "summary.rougeLsum.max=1.0", str(out)]) == 0
    assert "gate passed: 0 failing of 2" in capsys.readouterr().out
    assert main(["check", "--baseline", str(out / "report.json"), str(out)]) == 0


def test_a_scored_report_gates_against_a_run_of_the_same_predictions(tmp_path, capsys):
    """`run -e empty` and `score` of empty predictions have one signature, so check pairs them
    (one extractor each, different labels) and sees no change."""
    run_dir = tmp_path / "run"
    assert main(["run", "-e", "empty", "--gold", str(ONE), "--no-cache", "-q", "--output", str(run_dir), "--format", "json", *FAST]) == 0
    preds = tmp_path / "nothing.jsonl"
    _write_jsonl(preds, [{"id": "wn2004-kmart-sears"}])
    scored = tmp_path / "scored"
    assert main(["score", str(ONE), str(preds), "--output", str(scored), "--format", "json", *FAST]) == 0
    assert main(["check", "--baseline", str(run_dir / "report.json"), str(scored)]) == 0
    out = capsys.readouterr().out
    assert "empty -> nothing entities.strict f1 0.0000 -> 0.0000" in out


def test_a_missing_document_is_reported_as_in_a_run(tmp_path):
    preds = tmp_path / "p.jsonl"
    rows = _gold_rows()
    _write_jsonl(preds, rows[1:])
    out = tmp_path / "scored"
    assert main(["score", str(GOLD_DIR), str(preds), "--output", str(out), "--format", "json", *FAST]) == 0
    (e,) = load_report(out).extractors
    (err,) = e.errors
    assert err.document == rows[0]["id"] and err.kind == "missing"


def test_jsonl_problems_are_located_lines(tmp_path, capsys):
    rows = [json.dumps(r) for r in _gold_rows()[:3]]
    cases = {
        "broken": ([rows[0], '{"id": "x", "entities": [}', rows[2]], "broken.jsonl:2: not valid JSON"),
        "noid": ([rows[0], json.dumps({"entities": []})], 'noid.jsonl:2: needs "id"'),
        "twice": ([rows[0], rows[0]], "twice.jsonl:2: document"),
        "array": (["[1, 2]"], "array.jsonl:1: expected a JSON object, got list"),
        "schema": ([json.dumps({"id": "wn2004-kmart-sears", "entities": [{"type": "PERSON"}]})], "schema.jsonl:1: entities[0]"),
    }
    for name, (lines, expected) in cases.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert main(["score", str(GOLD_DIR), str(path), "--output", str(tmp_path / "o")]) == 2, name
        err = capsys.readouterr().err
        assert expected in err, (name, err)
        assert "Traceback" not in err
        assert not (tmp_path / "o").exists()


def test_an_unknown_output_format_is_refused_before_scoring(tmp_path, capsys):
    preds = tmp_path / "p.jsonl"
    _write_jsonl(preds, _gold_rows()[:1])
    assert main(["score", str(GOLD_DIR), str(preds), "--output", str(tmp_path / "o"), "--format", "json,pdf"]) == 2
    assert "--format: unknown 'pdf'" in capsys.readouterr().err


def test_agree_writes_b_against_a_as_a_report(tmp_path, capsys):
    out = tmp_path / "agreement"
    data = tmp_path / "agreement.json"
    assert main(["agree", str(ONE), str(SECOND), "--output", str(out), "--result-json", str(data), *FAST]) == 0
    report = load_report(out)
    (e,) = report.extractors
    assert e.label == "wn2004-kmart-sears" and e.info.name == "annotation"
    assert [a.id for a in report.documents] == ["wn2004-kmart-sears"]
    # The report's gold is A's; its prediction is B's annotation, untouched.
    second = load_gold(SECOND)[0].gold
    assert e.documents[0].prediction == second
    agreement = json.loads(data.read_text(encoding="utf-8"))
    for name in ("entities.strict", "mentions.strict", "numbers.strict"):
        assert abs(e.metrics[name].primary.point - agreement["metrics"][name]["b_vs_a"]["f1"]) < 1e-6, name
    capsys.readouterr()
    # An agreement report is a run like any other: compare takes it.
    assert main(["compare", str(out), str(out), "--items", "0"]) == 0
    assert "mentions.strict" in capsys.readouterr().out


def test_score_and_agree_json_are_the_run_report_that_compare_and_check_take(tmp_path, capsys):
    """`--json PATH` is report.json itself (the bytes `--output` writes there), not a second format."""
    preds = tmp_path / "preds.jsonl"
    _write_jsonl(preds, _gold_rows())
    scored = tmp_path / "scored.json"
    assert main(["score", str(GOLD_DIR), str(preds), "--json", str(scored), "--output", str(tmp_path / "dir"), *FAST]) == 0
    assert scored.read_bytes() == (tmp_path / "dir" / "report.json").read_bytes()
    assert main(["check", "--min", "entities.strict=0.99", str(scored)]) == 0
    agreed = tmp_path / "agreed.json"
    assert main(["agree", str(ONE), str(SECOND), "--json", str(agreed), *FAST]) == 0
    assert load_report(agreed).extractors[0].info.name == "annotation"
    assert main(["check", "--min", "mentions.strict=0.95", str(agreed)]) == 0
    capsys.readouterr()
    assert main(["score", str(GOLD_DIR), str(preds), "--json", "-", *FAST]) == 0
    assert json.loads(capsys.readouterr().out)["report_version"] == load_report(scored).report_version
