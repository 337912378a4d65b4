"""``evalkit score``: predictions from a file or folder, text and JSON output, located errors."""

from __future__ import annotations

import json
from pathlib import Path

from evalkit.cli import main
from evalkit.gold import load_gold
from evalkit.serialize import summary_to_dict

GOLD_DIR = Path(__file__).resolve().parent.parent / "gold"


def _gold_predictions() -> dict:
    return {g.document.id: summary_to_dict(g.gold) for g in load_gold(GOLD_DIR)}


def test_score_gold_against_itself(tmp_path, capsys):
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(_gold_predictions()), encoding="utf-8")
    out = tmp_path / "result.json"
    assert main(["score", str(GOLD_DIR), str(pred), "--bootstrap", "20", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "entities.strict" in printed and "1.000" in printed
    assert "|bs:20|" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["metrics"]["mentions.strict"]["values"]["f1"] == 1.0
    assert data["signature"].startswith("evalkit:")


def test_a_folder_and_a_single_summary_are_accepted(tmp_path, capsys):
    preds = _gold_predictions()
    folder = tmp_path / "preds"
    folder.mkdir()
    for doc_id, summary in preds.items():
        (folder / f"{doc_id}.json").write_text(json.dumps(summary), encoding="utf-8")
    assert main(["score", str(GOLD_DIR), str(folder), "--bootstrap", "10", "--all"]) == 0
    assert "mentions.partial" in capsys.readouterr().out
    if len(preds) == 1:
        single = tmp_path / "single.json"
        single.write_text(json.dumps(next(iter(preds.values()))), encoding="utf-8")
        assert main(["score", str(GOLD_DIR), str(single), "--bootstrap", "10"]) == 0


def test_empty_predictions_score_zero_recall(tmp_path, capsys):
    pred = tmp_path / "pred.json"
    pred.write_text("{}", encoding="utf-8")
    assert main(["score", str(GOLD_DIR), str(pred), "--bootstrap", "10", "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["metrics"]["entities.strict"]["values"]["recall"] == 0.0
    assert data["missing_predictions"]


def test_bad_predictions_are_located(tmp_path, capsys):
    pred = tmp_path / "pred.json"
    doc_id = next(iter(_gold_predictions()))
    pred.write_text(json.dumps({doc_id: {"entities": [{"type": "PERSON"}]}}), encoding="utf-8")
    assert main(["score", str(GOLD_DIR), str(pred)]) == 2
    err = capsys.readouterr().err
    assert f"{pred}:{doc_id}" in err and "entities[0]" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{\n  oops", encoding="utf-8")
    assert main(["score", str(GOLD_DIR), str(broken)]) == 2
    assert f"{broken}:2: not valid JSON" in capsys.readouterr().err
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps({"no-such-doc": {}}), encoding="utf-8")
    assert main(["score", str(GOLD_DIR), str(unknown)]) == 2
    assert "'no-such-doc' is not in the gold" in capsys.readouterr().err


def test_a_negative_seed_is_bad_input(tmp_path, capsys):
    pred = tmp_path / "pred.json"
    pred.write_text("{}", encoding="utf-8")
    assert main(["score", str(GOLD_DIR), str(pred), "--seed", "-1"]) == 2
    assert "seed: must be a non-negative integer" in capsys.readouterr().err


def test_json_output_that_cannot_be_written_is_one_located_line(tmp_path, capsys):
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(_gold_predictions()), encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    target = blocker / "result.json"
    for argv in (["score", str(GOLD_DIR), str(pred)], ["agree", str(GOLD_DIR), str(GOLD_DIR)]):
        assert main([*argv, "--bootstrap", "10", "--json", str(target)]) == 2
        err = capsys.readouterr().err
        assert f"{target}: cannot write" in err and "Traceback" not in err
