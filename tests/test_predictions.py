"""Saved predictions through the Python API: read, ground, score, and the run report they make."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.errors import InputError
from evalkit.gold import load_gold
from evalkit.predictions import GroundingCounts, load_predictions, read_jsonl, score_predictions
from evalkit.scoring import ScoringConfig, score
from evalkit.serialize import summary_to_dict

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILE = ROOT / "gold" / "ukraine-peace-plan-ternopil.yaml"
GOLD = load_gold(GOLD_FILE)
FAST = ScoringConfig(bootstrap=20, seed=3)


def _text_only(doc_id: str) -> dict:
    """The gold of ``doc_id`` with every mention and number span as text only."""
    g = summary_to_dict(next(d for d in GOLD if d.document.id == doc_id).gold)
    for e in g["entities"]:
        e["mentions"] = [m["text"] for m in e["mentions"]]
    for n in g["numbers"]:
        n["span"] = n["span"]["text"]
    return g


def test_text_only_spans_are_grounded_then_score_as_the_gold_itself(tmp_path):
    doc_id = GOLD[0].document.id
    prediction = _text_only(doc_id)
    spans = sum(len(e["mentions"]) for e in prediction["entities"]) + len(prediction["numbers"])
    jsonl = tmp_path / "preds.jsonl"
    jsonl.write_text(json.dumps({"id": doc_id, **prediction}) + "\n", encoding="utf-8")
    scored = score_predictions(GOLD_FILE, jsonl, FAST)
    counts = scored.grounding
    assert counts.exact + counts.normalised + counts.fuzzy + counts.unresolved == spans
    assert counts.exact >= spans - len(prediction["numbers"])  # verbatim article text is found verbatim
    direct = score(GOLD, {doc_id: GOLD[0].gold}, FAST)
    assert scored.result["mentions.strict"].values == direct["mentions.strict"].values
    assert scored.result["mentions.strict"].values["f1"] == 1.0
    assert scored.result.signature == direct.signature
    assert counts.line().startswith(f"spans: {counts.given} with offsets; text-only: {counts.exact} grounded exactly")


def test_the_report_of_scored_predictions_holds_the_result_as_one_extractor(tmp_path):
    doc_id = GOLD[0].document.id
    pred = tmp_path / "single.json"
    pred.write_text(json.dumps(summary_to_dict(GOLD[0].gold)), encoding="utf-8")  # one summary, one gold document
    scored = score_predictions(GOLD, pred, FAST)
    assert set(scored.predictions) == {doc_id} and scored.grounding == GroundingCounts(given=scored.grounding.given)
    report = scored.report("mine", pred.name)
    (e,) = report.extractors
    assert (e.label, e.info.name, e.info.arg) == ("mine", "predictions", "single.json")
    for name, m in scored.result.metrics.items():
        assert e.metrics[name].counts == tuple(float(x) for x in m.stat.as_stats()), name
        assert {k: v.point for k, v in e.metrics[name].values.items()} == dict(m.values), name
    assert report.signature == scored.result.signature


def test_jsonl_problems_are_all_located_by_line(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "a"}\n\nnot json\n[1]\n{"entities": []}\n{"id": "a"}\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_jsonl(path)
    located = [(p.line, p.message.split(":")[0]) for p in exc.value.problems]
    assert [line for line, _ in located] == [3, 4, 5, 6]
    assert "first at" in exc.value.problems[-1].message and f"{path}:1" in exc.value.problems[-1].message


def test_a_folder_reads_one_file_per_document_and_an_empty_one_is_refused(tmp_path):
    doc_id = GOLD[0].document.id
    (tmp_path / f"{doc_id}.json").write_text(json.dumps(summary_to_dict(GOLD[0].gold)), encoding="utf-8")
    assert list(load_predictions(tmp_path, [doc_id])) == [doc_id]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no prediction files"):
        load_predictions(empty, [doc_id])
    with pytest.raises(InputError, match="no such file or folder"):
        load_predictions(tmp_path / "missing.json", [doc_id])


def test_a_span_whose_offsets_do_not_match_the_text_is_a_located_problem(tmp_path):
    doc_id = GOLD[0].document.id
    g = summary_to_dict(GOLD[0].gold)
    mention = g["entities"][0]["mentions"][0]
    mention["start"] += 1
    mention["end"] += 1
    pred = tmp_path / "shifted.json"
    pred.write_text(json.dumps({doc_id: g}), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        score_predictions(GOLD, pred, FAST)
    assert all(p.path.startswith(f"{pred}:{doc_id}") for p in exc.value.problems)
