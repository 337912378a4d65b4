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
    assert main(["score", str(GOLD_DIR), str(pred), "--bootstrap", "20", "--result-json", str(out)]) == 0
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
    assert main(["score", str(GOLD_DIR), str(pred), "--bootstrap", "10", "--result-json", "-"]) == 0
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
        assert main([*argv, "--bootstrap", "10", "--result-json", str(target)]) == 2
        err = capsys.readouterr().err
        assert f"{target}: cannot write" in err and "Traceback" not in err


# --- predictions outside the schema ------------------------------------------------------------


SEED_GOLD = GOLD_DIR / "ukraine-peace-plan-ternopil.yaml"


def _one_prediction(tmp_path, prediction: dict) -> Path:
    gold = load_gold(SEED_GOLD)
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps({gold[0].document.id: prediction}), encoding="utf-8")
    return pred


def test_values_outside_the_schema_are_located_errors_not_silent_scores(tmp_path, capsys):
    pred = _one_prediction(
        tmp_path,
        {
            "entities": [{"type": "CITY", "name": "Kyiv"}, {"type": "PERSON", "name": "Trump"}],
            "numbers": [
                {"value": 25},  # no kind
                {"value": "x", "kind": "count"},
                {"value": 3, "kind": "count", "qualifier": "approximately"},
            ],
        },
    )
    assert main(["score", str(SEED_GOLD), str(pred), "--bootstrap", "10"]) == 2
    err = capsys.readouterr().err
    assert "entities[0].type: unknown entity type 'CITY'; expected one of PERSON, NORP" in err
    assert "numbers[0].kind: a number needs a kind" in err
    assert "numbers[1].value: number value 'x' is not a number" in err
    assert "numbers[2].qualifier: unknown qualifier 'approximately' (did you mean 'about'?)" in err
    assert f"{pred}:" in err and "Traceback" not in err


def test_conll_labels_are_named_with_the_valid_set_and_can_be_mapped(tmp_path, capsys):
    gold = load_gold(SEED_GOLD)[0]
    people = [e for e in gold.gold.entities if e.type == "PERSON"]
    entities = [
        {"type": "PER", "name": e.name, "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions]}
        for e in people
    ]
    pred = _one_prediction(tmp_path, {"entities": entities})
    assert main(["score", str(SEED_GOLD), str(pred), "--bootstrap", "10"]) == 2
    err = capsys.readouterr().err
    assert f"unknown entity type 'PER' ({len(people)} items); expected one of PERSON" in err
    assert "look like CoNLL-2003 labels" in err and "--map-type PER=PERSON" in err
    out = tmp_path / "out.json"
    assert main(["score", str(SEED_GOLD), str(pred), "--bootstrap", "10", "--map-type", "PER=PERSON", "--result-json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["metrics"]["mentions.strict/PERSON"]["values"]["f1"] == 1.0


def test_a_bad_type_mapping_is_a_usage_error(tmp_path, capsys):
    pred = _one_prediction(tmp_path, {})
    assert main(["score", str(SEED_GOLD), str(pred), "--map-type", "PER=HUMAN"]) == 2
    assert "--map-type: 'PER=HUMAN' maps to 'HUMAN'" in capsys.readouterr().err


def test_run_fails_the_document_of_an_output_outside_the_schema(tmp_path):
    import sys

    from evalkit.reports.canonical import load_report

    gold_file = GOLD_DIR / "ukraine-peace-plan-ternopil.yaml"
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"entities": [{"type": "PER", "name": "Trump"}]}), encoding="utf-8")
    echo = "import sys; sys.stdout.write(open(sys.argv[1], encoding='utf-8').read())"
    command = f"command:{sys.executable} -c {json.dumps(echo)} {single}"
    assert main(["run", "-e", command, "--gold", str(gold_file), "--no-cache", "-q", "--output", str(tmp_path / "r"), "--format", "json", "--bootstrap", "10"]) == 3
    (e,) = load_report(tmp_path / "r").extractors
    assert e.errors[0].kind == "schema" and "unknown entity type 'PER'" in e.errors[0].message


def test_the_resampling_unit_is_selectable_and_recorded_in_the_signature(tmp_path, capsys):
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(_gold_predictions()), encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["score", str(GOLD_DIR), str(pred), "--bootstrap", "20", "--unit", "sentence", "--result-json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["resampling_unit"] == "sentence" and data["signature"].endswith("|unit:sentence")
    assert data["metrics"]["mentions.strict"]["ci_units"] >= 6  # sentences of the article
    import pytest

    with pytest.raises(SystemExit) as exit_info:  # argparse's usage error
        main(["score", str(GOLD_DIR), str(pred), "--unit", "paragraph"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'paragraph'" in capsys.readouterr().err


def test_min_overlap_turns_a_small_overlap_into_a_miss(tmp_path, capsys):
    """--min-overlap is nervaluate's min_overlap_percentage: "Lee" covers 3 of the 7 characters
    of the gold "Ann Lee" (43%), a partial match by default and none at 50%."""
    ok = Path(__file__).resolve().parent / "gold_ok" / "mini.yaml"
    (gold,) = load_gold(ok)
    text = gold.document.text
    start = text.index("Lee")
    pred = tmp_path / "pred.json"
    entity = {"id": "p1", "type": "PERSON", "name": "Lee", "mentions": [{"text": "Lee", "start": start, "end": start + 3}]}
    pred.write_text(json.dumps({"mini": {"entities": [entity]}}), encoding="utf-8")
    results = {}
    for extra in ([], ["--min-overlap", "50"]):
        out = tmp_path / f"r{len(extra)}.json"
        assert main(["score", str(ok), str(pred), "--bootstrap", "10", "--result-json", str(out), *extra]) == 0
        results[len(extra)] = json.loads(out.read_text(encoding="utf-8"))
    capsys.readouterr()
    assert results[0]["metrics"]["mentions.partial"]["counts"]["tp"] == 0.5
    assert results[2]["metrics"]["mentions.partial"]["counts"]["tp"] == 0.0
    assert "|overlap:50|" in results[2]["signature"] and "overlap:" not in results[0]["signature"]
