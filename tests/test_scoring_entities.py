"""Entity-level scoring: the name rule, strict vs lenient, per-type breakdown, explanations."""

from __future__ import annotations

from evalkit.model import Document, Entity, Span, StructuredSummary
from evalkit.scoring.config import ScoringConfig
from evalkit.scoring.entities import entity_names, score_entities

DOC = Document("d", "Volodymyr Zelenskyy met Recep Tayyip Erdoğan in Ankara; Zelensky spoke.")
ZELENSKYY = Entity(
    "zelenskyy",
    "PERSON",
    "Volodymyr Zelenskyy",
    aliases=("Zelensky",),
    mentions=(Span(0, 19, "Volodymyr Zelenskyy"), Span(56, 64, "Zelensky")),
)
ERDOGAN = Entity("erdogan", "PERSON", "Recep Tayyip Erdoğan", mentions=(Span(24, 44, "Recep Tayyip Erdoğan"),))
ANKARA = Entity("ankara", "GPE", "Ankara", mentions=(Span(48, 54, "Ankara"),))
GOLD = StructuredSummary(entities=(ZELENSKYY, ERDOGAN, ANKARA))


def run(pred_entities, gold=GOLD, profile="default"):
    return score_entities(gold, StructuredSummary(entities=tuple(pred_entities)), DOC, ScoringConfig(profile=profile))


def counts(ps, name):
    c = ps.metrics[name]
    return (c.tp, c.fp, c.fn)


def test_gold_against_itself_is_perfect():
    ps = run(GOLD.entities)
    assert counts(ps, "entities.strict") == (3, 0, 0)
    assert counts(ps, "entities.lenient") == (3, 0, 0)
    assert {e.bucket for e in ps.items} == {"matched"}


def test_an_alias_names_the_entity():
    ps = run([Entity("p", "PERSON", "Zelensky")])
    assert counts(ps, "entities.strict") == (1, 0, 2)


def test_a_predicted_mention_text_names_the_entity():
    # The canonical name is unhelpful, but the mention text is a gold name.
    ps = run([Entity("p", "PERSON", "the president", mentions=(Span(0, 19, "Volodymyr Zelenskyy"),))])
    assert counts(ps, "entities.strict") == (1, 0, 2)
    assert "shares the name" in ps.items[0].reason


def test_wrong_type_matches_leniently_only_and_is_explained():
    ps = run([Entity("p", "ORG", "Ankara")])
    assert counts(ps, "entities.strict") == (0, 1, 3)
    assert counts(ps, "entities.lenient") == (1, 0, 2)
    wrong = [e for e in ps.items if e.bucket == "wrong_type"]
    assert len(wrong) == 1 and wrong[0].gold == "ankara" and wrong[0].pred == "p"
    assert wrong[0].contribution.as_stats() == (0, 1, 1)


def test_unrelated_names_do_not_match():
    ps = run([Entity("p", "PERSON", "Vladimir Putin")])
    assert counts(ps, "entities.lenient") == (0, 1, 3)


def test_names_compare_under_the_profile():
    shouting = [Entity("p", "PERSON", "RECEP TAYYIP ERDOĞAN")]
    assert counts(run(shouting), "entities.strict")[0] == 1  # default casefolds
    assert counts(run(shouting, profile="exact"), "entities.strict")[0] == 0
    unaccented = [Entity("p", "PERSON", "Recep Tayyip Erdogan")]
    assert counts(run(unaccented), "entities.strict")[0] == 0  # default keeps diacritics
    assert counts(run(unaccented, profile="loose"), "entities.strict")[0] == 1


def test_empty_names_never_match():
    assert entity_names(Entity("x", "PERSON", "  "), "default") == frozenset()
    ps = run([Entity("p", "PERSON", " ")], gold=StructuredSummary(entities=(Entity("g", "PERSON", ""),)))
    assert counts(ps, "entities.strict") == (0, 1, 1)


def test_a_duplicate_prediction_never_earns_credit_twice():
    ps = run([Entity("p1", "GPE", "Ankara"), Entity("p2", "GPE", "Ankara")])
    assert counts(ps, "entities.strict") == (1, 1, 2)
    spurious = [e for e in ps.items if e.bucket == "spurious"]
    assert [e.pred for e in spurious] == ["p2"]  # the earlier duplicate is the match
    assert "duplicate" in spurious[0].reason


def test_a_repeat_is_credited_as_often_as_the_gold_repeats_the_item():
    two = StructuredSummary(entities=(Entity("g1", "GPE", "Ankara"), Entity("g2", "GPE", "Ankara")))
    assert counts(run([Entity("p1", "GPE", "Ankara"), Entity("p2", "GPE", "Ankara")], gold=two), "entities.strict") == (2, 0, 0)
    three = [Entity(f"p{i}", "GPE", "Ankara") for i in range(3)]
    assert counts(run(three, gold=two), "entities.strict") == (2, 1, 0)


def test_alignment_is_optimal_not_first_come():
    # Gold g1 is known as "A" and "B", g2 only as "B". Prediction p1 "B" could take g1 first;
    # only pairing p1-g2 and p2-g1 finds both.
    gold = StructuredSummary(entities=(Entity("g1", "ORG", "A", aliases=("B",)), Entity("g2", "ORG", "B")))
    ps = run([Entity("p1", "ORG", "B"), Entity("p2", "ORG", "A")], gold=gold)
    assert counts(ps, "entities.strict") == (2, 0, 0)
    pairs = {(e.gold, e.pred) for e in ps.items}
    assert pairs == {("g1", "p2"), ("g2", "p1")}


def test_mentions_separate_two_gold_entities_with_one_name():
    doc_gold = StructuredSummary(
        entities=(
            Entity("smith-a", "PERSON", "Smith", mentions=(Span(0, 5, "Smith"),)),
            Entity("smith-b", "PERSON", "Smith", mentions=(Span(20, 25, "Smith"),)),
        )
    )
    ps = run([Entity("p", "PERSON", "Smith", mentions=(Span(20, 25, "Smith"),))], gold=doc_gold)
    assert [(e.gold, e.pred) for e in ps.items if e.bucket == "matched"] == [("smith-b", "p")]


def test_per_type_breakdown_scores_each_type_on_its_own():
    ps = run([Entity("p1", "PERSON", "Zelensky"), Entity("p2", "ORG", "Ankara"), Entity("p3", "ORG", "NATO")])
    assert counts(ps, "entities.strict/PERSON") == (1, 0, 1)
    assert counts(ps, "entities.strict/GPE") == (0, 0, 1)
    assert counts(ps, "entities.strict/ORG") == (0, 2, 0)
    assert set(ps.metrics) == {
        "entities.strict",
        "entities.lenient",
        "entities.strict/PERSON",
        "entities.strict/GPE",
        "entities.strict/ORG",
    }


def test_every_item_lands_in_exactly_one_bucket_and_contributions_sum_to_the_headline():
    pred = [Entity("p1", "PERSON", "Zelensky"), Entity("p2", "ORG", "Ankara"), Entity("p3", "ORG", "NATO")]
    ps = run(pred)
    golds = [e.gold for e in ps.items if e.gold]
    preds = [e.pred for e in ps.items if e.pred]
    assert sorted(golds) == sorted(e.id for e in GOLD.entities)
    assert sorted(preds) == ["p1", "p2", "p3"]
    total = [0.0, 0.0, 0.0]
    for e in ps.items:
        for i, v in enumerate(e.contribution.as_stats()):
            total[i] += v
    assert tuple(total) == ps.metrics[ps.headline].as_stats()
