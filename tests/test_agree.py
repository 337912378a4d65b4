"""Inter-annotator agreement: symmetric F1 per part and level, kappa on entity types."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.agree import agree
from evalkit.cli import main
from evalkit.errors import InputError
from evalkit.gold import load_gold
from evalkit.model import Document, Entity, GoldDocument, Span, StructuredSummary
from evalkit.scoring import ScoringConfig

GOLD_DIR = Path(__file__).resolve().parent.parent / "gold"
CONFIG = ScoringConfig(bootstrap=50)


def test_an_annotation_agrees_perfectly_with_itself():
    gold = load_gold(GOLD_DIR)
    result = agree(gold, gold, CONFIG)
    assert {"entities.strict", "mentions.strict", "numbers.strict", "attributions.joint.overlap"} <= set(result.metrics)
    for name, m in result.metrics.items():
        if m.kind == "prf":
            assert m.symmetric == {"f1": 1.0}, name
    assert result.kappa == pytest.approx(1.0)
    assert result.documents == tuple(g.document.id for g in gold)


def test_symmetric_f1_by_hand():
    text = "Kyiv, Ankara and Moscow; NATO and Erdogan."
    doc = Document("d", text)

    def ent(eid, etype, name):
        start = text.index(name)
        return Entity(eid, etype, name, mentions=(Span(start, start + len(name), name),))

    a = StructuredSummary(entities=(ent("k", "GPE", "Kyiv"), ent("a", "GPE", "Ankara"), ent("m", "GPE", "Moscow"), ent("n", "ORG", "NATO")))
    # B leaves out Moscow, types NATO as GPE and adds Erdogan
    b = StructuredSummary(entities=(ent("k", "GPE", "Kyiv"), ent("a", "GPE", "Ankara"), ent("n", "GPE", "NATO"), ent("e", "PERSON", "Erdogan")))
    result = agree([GoldDocument(doc, a)], [GoldDocument(doc, b)], CONFIG)
    strict = result.metrics["entities.strict"]
    # B against A: tp 2 (Kyiv, Ankara), fp 2 (NATO as GPE, Erdogan), fn 2 (Moscow, NATO)
    assert strict.b_vs_a == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert strict.a_vs_b["f1"] == pytest.approx(0.5)
    assert strict.symmetric == {"f1": pytest.approx(0.5)}
    lenient = result.metrics["entities.lenient"]
    # leniently NATO matches: tp 3, fp 1, fn 1 → F1 0.75
    assert lenient.symmetric["f1"] == pytest.approx(0.75)
    # same-span mentions: Kyiv, Ankara GPE/GPE, NATO ORG/GPE → kappa over 3 pairs
    assert result.type_agreement.pairs == 3
    assert result.kappa == pytest.approx(0.0)  # p_o = 2/3 equals chance agreement p_e = 2/3
    assert json.loads(json.dumps(result.to_dict()))["metrics"]["entities.strict"]["symmetric"]["f1"] == pytest.approx(0.5)


def test_agreement_is_symmetric_when_only_one_annotation_has_summaries():
    doc = Document("d", "Kyiv was shelled overnight.")
    a = GoldDocument(doc, StructuredSummary(summaries=("Kyiv was shelled.",)))
    b = GoldDocument(doc, StructuredSummary())
    ab, ba = agree([a], [b], CONFIG), agree([b], [a], CONFIG)
    assert list(ab.metrics) == list(ba.metrics)
    rouge = "summary.rougeLsum.max"
    assert ab.metrics[rouge].b_vs_a == ba.metrics[rouge].a_vs_b == {"value": 0.0}
    assert ab.metrics[rouge].symmetric == ba.metrics[rouge].symmetric == {"value": 0.0}
    assert all(ab.metrics[k].symmetric == ba.metrics[k].symmetric for k in ab.metrics)


def test_annotations_must_cover_the_same_documents_and_texts():
    a = GoldDocument(Document("d", "Kyiv."), StructuredSummary(), path="a.yaml")
    b_other_text = GoldDocument(Document("d", "Kyiv!"), StructuredSummary(), path="b.yaml")
    b_other_doc = GoldDocument(Document("e", "Kyiv."), StructuredSummary(), path="b.yaml")
    with pytest.raises(InputError, match="text differs"):
        agree([a], [b_other_text], CONFIG)
    with pytest.raises(InputError, match="no annotation in B"):
        agree([a], [b_other_doc], CONFIG)


def test_agree_command(capsys, tmp_path):
    out = tmp_path / "agreement.json"
    assert main(["agree", str(GOLD_DIR), str(GOLD_DIR), "--bootstrap", "20", "--result-json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "entities.strict" in printed and "kappa" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["metrics"]["mentions.strict"]["symmetric"]["f1"] == 1.0


def test_agree_command_reports_missing_gold_as_bad_input(capsys, tmp_path):
    assert main(["agree", str(GOLD_DIR), str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
