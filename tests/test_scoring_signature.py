"""The scoring signature: its fields, what changes it, and comparability."""

from __future__ import annotations

import dataclasses
import re

import pytest

from evalkit import __version__
from evalkit.model import Document, Entity, GoldDocument, StructuredSummary
from evalkit.scoring import ScoringConfig
from evalkit.scoring.signature import comparable, differences, gold_hash, make_signature, parse_signature

GOLD = [
    GoldDocument(Document("b", "Kyiv is a city."), StructuredSummary(entities=(Entity("k", "GPE", "Kyiv"),))),
    GoldDocument(Document("a", "Ankara too."), StructuredSummary(entities=(Entity("an", "GPE", "Ankara"),))),
]


def test_default_signature_has_the_documented_fields_in_order():
    sig = make_signature(GOLD, ScoringConfig())
    assert re.fullmatch(
        re.escape(f"evalkit:{__version__}|gold:") + r"[0-9a-f]{12}"
        + re.escape("|norm:default|match:hungarian|num-tol:written|content:token_f1@0.5|rouge:1,2,L,Lsum+stem|bs:1000|seed:12345")
        + re.escape(f"|unit:{'document' if len(GOLD) >= 6 else 'item'}"),  # auto, resolved
        sig,
    )
    assert list(parse_signature(sig)) == ["evalkit", "gold", "norm", "match", "num-tol", "content", "rouge", "bs", "seed", "unit"]


def test_every_setting_shows_in_the_signature():
    cases = {
        "norm:loose": ScoringConfig(profile="loose"),
        "num-tol:0.01": ScoringConfig(number_rel_tol=0.01),
        "content:rougeL@0.6": ScoringConfig(content_metric="rougeL", content_threshold=0.6),
        "rouge:1,L": ScoringConfig(rouge_types=("rouge1", "rougeL"), use_stemmer=False),
        "bs:200": ScoringConfig(bootstrap=200),
        "seed:7": ScoringConfig(seed=7),
        "ci:90": ScoringConfig(alpha=0.1),
        "unit:sentence": ScoringConfig(unit="sentence"),
        "unit:document": ScoringConfig(unit="document"),
    }
    for fragment, config in cases.items():
        assert f"|{fragment}|" in make_signature(GOLD, config) + "|", fragment  # the whole field


def test_gold_hash_covers_texts_content_and_ids_but_not_order():
    base = gold_hash(GOLD)
    assert gold_hash(GOLD[::-1]) == base
    renamed = [dataclasses.replace(GOLD[0], gold=StructuredSummary(entities=(Entity("k", "GPE", "Kyiv City"),))), GOLD[1]]
    retexted = [dataclasses.replace(GOLD[0], document=Document("b", "Kyiv is a capital.")), GOLD[1]]
    reided = [dataclasses.replace(GOLD[0], document=Document("c", "Kyiv is a city.")), GOLD[1]]
    hashes = {base, gold_hash(renamed), gold_hash(retexted), gold_hash(reided), gold_hash(GOLD[:1])}
    assert len(hashes) == 5
    assert all(re.fullmatch(r"[0-9a-f]{12}", h) for h in hashes)


def test_comparable_only_when_identical_and_differences_name_the_fields():
    a = make_signature(GOLD, ScoringConfig())
    b = make_signature(GOLD, ScoringConfig(seed=1, profile="exact"))
    assert comparable(a, a)
    assert not comparable(a, b)
    assert differences(a, b) == ["norm: default != exact", "seed: 12345 != 1"]
    assert differences(a, a) == []
    c = make_signature(GOLD, ScoringConfig(alpha=0.1))
    assert differences(a, c) == ["ci: (absent) != 90"]


def test_parse_rejects_other_strings():
    with pytest.raises(ValueError):
        parse_signature("nrefs:1|case:mixed")
    with pytest.raises(ValueError):
        parse_signature("evalkit")


def test_a_mention_overlap_threshold_is_recorded_only_when_set():
    gold = []
    default = parse_signature(make_signature(gold, ScoringConfig()))
    assert "overlap" not in default
    fields = parse_signature(make_signature(gold, ScoringConfig(min_overlap_percentage=50)))
    assert fields["overlap"] == "50"
    assert list(fields)[: list(fields).index("overlap") + 2] == ["evalkit", "gold", "norm", "match", "overlap", "num-tol"]
