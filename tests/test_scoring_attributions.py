"""Tests for evalkit.scoring.attributions: alignment, component rules, modes, kinds, items."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from evalkit.errors import InputError
from evalkit.model import Attribution, Document, Entity, Span, StructuredSummary
from evalkit.scoring.attributions import HEADLINE, cue_lemmas, score_attributions
from evalkit.scoring.base import Counts, Mean
from evalkit.scoring.config import ScoringConfig

TEXT = (
    "Volodymyr Zelenskyy said the plan was unacceptable. "
    '"We will not give up land," he said. "Our army stays strong." '
    "The Kremlin claims it is open to talks. "
    "It was reported that talks would resume. "
    "The Financial Times and Reuters reported the deal was near."
)
DOC = Document("mini", TEXT)


def at(surface: str, occurrence: int = 0) -> Span:
    """The grounded span of the ``occurrence``-th ``surface`` in TEXT."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(surface, start + 1)
    return Span(start, start + len(surface), surface)


def text_only(surface: str) -> Span:
    return Span(None, None, surface)


ZELENSKYY = Entity(
    "zelenskyy",
    "PERSON",
    "Volodymyr Zelenskyy",
    aliases=("Zelenskyy",),
    mentions=(at("Volodymyr Zelenskyy"), at("he")),
)
KREMLIN = Entity("kremlin", "ORG", "Kremlin", mentions=(at("Kremlin"),))
FT = Entity("ft", "ORG", "Financial Times", mentions=(at("Financial Times"),))
REUTERS = Entity("reuters", "ORG", "Reuters", mentions=(at("Reuters"),))

A1 = Attribution(
    "a1", "indirect", at("the plan was unacceptable"), at("Volodymyr Zelenskyy"), ("zelenskyy",),
    at("said"),
)
A2 = Attribution(
    "a2", "direct", at("We will not give up land,"), at("he"), ("zelenskyy",), at("said", 1)
)
A3 = Attribution(  # continuation quote: same source and cue as a2
    "a3", "direct", at("Our army stays strong."), at("he"), ("zelenskyy",), at("said", 1)
)
A4 = Attribution(
    "a4", "indirect", at("it is open to talks"), at("Kremlin"), ("kremlin",), at("claims")
)
A5 = Attribution("a5", "indirect", at("talks would resume"), None, (), at("reported"))  # agentless
A6 = Attribution(
    "a6", "indirect", at("the deal was near"), at("Financial Times and Reuters"), ("ft", "reuters"),
    at("reported", 1),
)
GOLD = StructuredSummary(
    entities=(ZELENSKYY, KREMLIN, FT, REUTERS), attributions=(A1, A2, A3, A4, A5, A6)
)
CONFIG = ScoringConfig()
COUNT_METRICS = [
    f"attributions.{c}.{m}"
    for c in ("source", "cue", "content", "joint")
    for m in ("exact", "overlap")
]


def score(pred_attributions, pred_entities=(), gold=GOLD, config=CONFIG):
    pred = StructuredSummary(entities=tuple(pred_entities), attributions=tuple(pred_attributions))
    return score_attributions(gold, pred, DOC, config)


def with_(a: Attribution, **changes) -> Attribution:
    return dataclasses.replace(a, id=f"p-{a.id}", **changes)


def single(gold_attr: Attribution, pred_attr: Attribution, pred_entities=(), config=CONFIG):
    """Score one gold attribution against one prediction; returns the metrics."""
    gold = dataclasses.replace(GOLD, attributions=(gold_attr,))
    return score([pred_attr], pred_entities, gold, config).metrics


def matched(metrics, name: str) -> bool:
    """For a one-gold/one-prediction score: did the component match (tp = 1)?"""
    c = metrics[name]
    assert c.tp + c.fn == 1 and c.tp + c.fp == 1
    return c.tp == 1


# -- metamorphic laws -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "config",
    [CONFIG, ScoringConfig(content_metric="rougeL"), ScoringConfig(profile="exact"),
     ScoringConfig(profile="loose", use_stemmer=False)],
)
def test_gold_against_itself_scores_one_everywhere(config):
    result = score(GOLD.attributions, GOLD.entities, config=config)
    for name, stat in result.metrics.items():
        if isinstance(stat, Counts) and stat == Counts():  # a kind the gold does not have
            assert (stat.precision, stat.recall, stat.f1) == (None, None, None), name
        elif isinstance(stat, Counts):
            assert (stat.precision, stat.recall, stat.f1) == (1.0, 1.0, 1.0), name
        else:
            assert stat == Mean(6.0, 6), name
    assert [item.bucket for item in result.items] == ["matched"] * 6
    assert result.headline == HEADLINE == "attributions.joint.overlap"


def test_empty_prediction_has_zero_recall_and_misses_everything():
    result = score([])
    for name in COUNT_METRICS:
        assert result.metrics[name] == Counts(0, 0, 6)
        assert result.metrics[name].recall == 0.0
    assert result.metrics["attributions.content.coverage"] == Mean(0.0, 6)
    assert sorted(i.gold for i in result.items) == ["a1", "a2", "a3", "a4", "a5", "a6"]
    assert {i.bucket for i in result.items} == {"missed"}


def test_nothing_in_gold_and_nothing_predicted_is_undefined():
    result = score([], gold=StructuredSummary())
    assert all(result.metrics[name] == Counts() for name in COUNT_METRICS)
    assert result.metrics["attributions.joint.overlap"].f1 is None
    assert result.items == ()


def _noisy_prediction():
    return [
        with_(A1, cue=text_only("says")),
        with_(A2, source=text_only("Zelenskyy"), source_entities=()),
        with_(A4, content=text_only("it was open to talks on the war")),
        with_(A5, source=at("Kremlin"), source_entities=()),
        with_(A6, source=text_only("Reuters"), source_entities=(), kind="mixed"),
        Attribution("extra", "direct", text_only("Something nobody said"), None, (), None),
    ]


def test_permuting_predictions_changes_no_metric():
    pred = _noisy_prediction()
    first = score(pred).metrics
    assert score(list(reversed(pred))).metrics == first
    assert score(pred[3:] + pred[:3]).metrics == first


def test_duplicate_prediction_earns_nothing_twice():
    once = score(GOLD.attributions, GOLD.entities)
    twice = score([*GOLD.attributions, GOLD.attributions[1]], GOLD.entities)
    for name in COUNT_METRICS:
        assert twice.metrics[name] == Counts(6, 1, 0)
    coverage = "attributions.content.coverage"
    assert twice.metrics[coverage] == once.metrics[coverage]
    assert Counter(i.bucket for i in twice.items) == {"matched": 6, "spurious": 1}


@given(
    st.lists(st.integers(0, 5), max_size=9),
    st.lists(st.sampled_from(["source", "cue", "content", "kind"]), max_size=9),
)
def test_every_item_explained_once_and_counts_add_up(picks, damage):
    pred = []
    for n, k in enumerate(picks):
        a = dataclasses.replace(GOLD.attributions[k], id=f"p{n}")
        what = damage[n] if n < len(damage) else None
        if what == "source":
            a = dataclasses.replace(a, source=text_only("Reuters"), source_entities=())
        elif what == "cue":
            a = dataclasses.replace(a, cue=text_only("denied"))
        elif what == "content":
            a = dataclasses.replace(a, content=text_only(a.content.text + " and more words here"))
        elif what == "kind":
            a = dataclasses.replace(a, kind="mixed")
        pred.append(a)
    result = score(pred)
    assert sorted(i.gold for i in result.items if i.gold) == ["a1", "a2", "a3", "a4", "a5", "a6"]
    assert sorted(i.pred for i in result.items if i.pred) == sorted(a.id for a in pred)
    total = sum((i.contribution for i in result.items), Counts())
    assert total == result.metrics[HEADLINE]
    for name in COUNT_METRICS:
        c = result.metrics[name]
        assert (c.tp + c.fn, c.tp + c.fp) == (6, len(pred))
        kinds = ("direct", "indirect", "mixed")
        by_kind = sum((result.metrics[f"{name}/{k}"] for k in kinds), Counts())
        assert by_kind == c
    for name, rows in result.units.items():
        stat = result.metrics[name]
        assert tuple(map(sum, zip(*rows))) == (stat.as_stats() if rows else ())


# -- source rules ---------------------------------------------------------------------------


def test_agentless_gold_matches_only_a_prediction_without_source():
    assert matched(single(A5, with_(A5)), "attributions.source.exact")
    m = single(A5, with_(A5, source=at("Kremlin"), source_entities=("k",)))
    assert not matched(m, "attributions.source.exact")
    assert not matched(m, "attributions.source.overlap")
    assert matched(m, "attributions.content.exact")  # aligned on content: a partial match
    m = single(A4, with_(A4, source=None, source_entities=()))
    assert not matched(m, "attributions.source.overlap")


def test_agentless_partial_explanation():
    gold = dataclasses.replace(GOLD, attributions=(A5,))
    result = score([with_(A5, source=at("Kremlin"), source_entities=())], gold=gold)
    (item,) = result.items
    assert item.bucket == "partial" and item.gold == "a5" and item.pred == "p-a5"
    assert "source 'Kremlin' does not match gold none" in item.reason
    assert item.contribution == Counts(0, 1, 1)


@pytest.mark.parametrize(
    "source, exact, overlap",
    [
        (text_only("Reuters"), True, True),  # one of several gold source entities
        (text_only("Financial Times"), True, True),
        (text_only("financial times and reuters"), True, True),  # the gold span text
        (text_only("the Financial Times and Reuters news agencies"), False, True),  # contains it
        (at("Reuters"), True, True),
        (text_only("Associated Press"), False, False),
    ],
)
def test_multi_source_matches_any_of_its_entities(source, exact, overlap):
    m = single(A6, with_(A6, source=source, source_entities=()))
    assert matched(m, "attributions.source.exact") is exact
    assert matched(m, "attributions.source.overlap") is overlap


def test_pronoun_source_resolved_through_source_entities():
    named = Entity("pz", "PERSON", "Zelenskyy")
    wrong = Entity("pk", "ORG", "Kremlin")
    # "he" resolved to an entity called Zelenskyy: the gold entity's alias.
    m = single(A2, with_(A2, source=text_only("he"), source_entities=("pz",)), [named])
    assert matched(m, "attributions.source.exact")
    # The same pronoun resolved to the wrong entity is the wrong source, whatever the span.
    m = single(A2, with_(A2, source_entities=("pk",)), [wrong])
    assert not matched(m, "attributions.source.exact")
    assert not matched(m, "attributions.source.overlap")
    # An unresolved pronoun is judged by its span.
    assert matched(single(A2, with_(A2, source_entities=())), "attributions.source.exact")
    other_he = Span(A2.source.start + 1, A2.source.end + 1, "he")  # shifted: overlaps, not equal
    m = single(A2, with_(A2, source=other_he, source_entities=()))
    assert not matched(m, "attributions.source.exact")
    assert matched(m, "attributions.source.overlap")
    # Naming the entity instead of the pronoun is right.
    m = single(A2, with_(A2, source=text_only("Volodymyr Zelenskyy"), source_entities=()))
    assert matched(m, "attributions.source.exact")


def test_dangling_predicted_entity_reference_does_not_raise():
    m = single(A1, with_(A1, source_entities=("nobody",)))
    assert matched(m, "attributions.source.exact")  # the span text still names Zelenskyy


# -- cue rules ------------------------------------------------------------------------------


def test_cue_lemmas_of_reporting_verbs():
    assert cue_lemmas("said") == cue_lemmas("says") == cue_lemmas("saying") == cue_lemmas("say")
    assert cue_lemmas("said") == ("say",)
    assert cue_lemmas("told") == ("tell",)
    assert cue_lemmas("wrote on X") == cue_lemmas("writes on X")
    assert cue_lemmas("claimed") == cue_lemmas("claims")


@pytest.mark.parametrize(
    "cue, exact, overlap",
    [
        (text_only("says"), True, True),
        (text_only("saying"), True, True),
        (text_only("said in a statement"), False, True),
        (text_only("told"), False, False),
        (None, False, False),
        (at("said", 1), True, True),  # same offsets as gold (both "said" spans read the same)
    ],
)
def test_cue_is_lemma_aware(cue, exact, overlap):
    m = single(A1, with_(A1, cue=cue))
    assert matched(m, "attributions.cue.exact") is exact
    assert matched(m, "attributions.cue.overlap") is overlap


def test_missing_cues_match_each_other():
    gold = dataclasses.replace(A1, cue=None)
    assert matched(single(gold, with_(gold)), "attributions.cue.exact")
    assert not matched(single(gold, with_(A1)), "attributions.cue.overlap")


# -- content rules --------------------------------------------------------------------------


def test_exact_content_ignores_edge_quotes_and_final_comma():
    m = single(A2, with_(A2, content=text_only("\u201cWe will not give up land\u201d")))
    assert matched(m, "attributions.content.exact")
    assert matched(m, "attributions.joint.exact")


def test_overlap_content_by_token_f1_hand_computed():
    # gold tokens: we will not give up land (6); predicted: we will not give up the land (7).
    # 6 in common: P = 6/7, R = 1, F1 = 12/13.
    gold = dataclasses.replace(GOLD, attributions=(A2,))
    result = score([with_(A2, content=text_only("We will not give up the land"))], gold=gold)
    (item,) = result.items
    assert item.similarity == pytest.approx(12 / 13)
    assert item.bucket == "matched"
    assert result.metrics["attributions.content.exact"] == Counts(0, 1, 1)
    assert result.metrics["attributions.content.overlap"] == Counts(1, 0, 0)
    assert result.metrics["attributions.joint.overlap"] == Counts(1, 0, 0)
    assert result.metrics["attributions.joint.exact"] == Counts(0, 1, 1)
    assert result.metrics["attributions.content.coverage"] == Mean(1.0, 1)


def test_content_threshold_and_coverage_hand_computed():
    # gold: the plan was unacceptable (4 tokens); predicted: the plan (2): P = 1, R = 1/2,
    # F1 = 2/3; coverage 2/4.
    pred = with_(A1, content=text_only("the plan"))
    m = single(A1, pred)
    assert matched(m, "attributions.content.overlap")
    assert m["attributions.content.coverage"] == Mean(0.5, 1)
    strict = single(A1, pred, config=ScoringConfig(content_threshold=0.7))
    assert strict["attributions.content.overlap"] == Counts(0, 1, 1)
    assert strict["attributions.source.overlap"] == Counts(0, 1, 1)  # unaligned: nothing counts
    assert strict["attributions.content.coverage"] == Mean(0.0, 1)


def test_rouge_l_content_metric_uses_rouge_score():
    gold = dataclasses.replace(GOLD, attributions=(A1,))
    text = "unacceptable was the plan"
    for metric in ("token_f1", "rougeL"):
        config = ScoringConfig(content_metric=metric, content_threshold=0.4)
        (item,) = score([with_(A1, content=text_only(text))], gold=gold, config=config).items
        if metric == "token_f1":
            assert item.similarity == 1.0  # same bag of words
        else:
            ref = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)
            expected = ref.score(A1.content.text, text)["rougeL"].fmeasure
            assert expected == 0.5  # LCS "the plan": 2 of 4 tokens each way
            assert item.similarity == pytest.approx(expected)


def test_continuation_quotes_align_one_to_one():
    pred = [with_(A2), with_(A3)]
    gold = dataclasses.replace(GOLD, attributions=(A2, A3))
    result = score(pred, gold=gold)
    assert result.metrics["attributions.joint.exact"] == Counts(2, 0, 0)
    assert {(i.gold, i.pred) for i in result.items} == {("a2", "p-a2"), ("a3", "p-a3")}
    # Both quotes merged into one prediction: it can take one gold quote only.
    merged = text_only('We will not give up land," he said. "Our army stays strong.')
    result = score([with_(A2, content=merged)], gold=gold)
    assert result.metrics["attributions.content.overlap"] == Counts(1, 0, 1)
    assert Counter(i.bucket for i in result.items) == {"matched": 1, "missed": 1}
    assert [i.gold for i in result.items if i.bucket == "matched"] == ["a2"]  # more similar


def test_source_and_cue_break_ties_between_equal_contents():
    same = text_only("talks would resume")
    g4, g5 = dataclasses.replace(A4, content=same), dataclasses.replace(A5, content=same)
    gold = dataclasses.replace(GOLD, attributions=(g4, g5))
    pred = [with_(g5), with_(g4)]  # listed in the other order
    result = score(pred, gold=gold)
    assert {(i.gold, i.pred) for i in result.items} == {("a4", "p-a4"), ("a5", "p-a5")}
    assert result.metrics["attributions.joint.exact"] == Counts(2, 0, 0)


# -- kinds and items ------------------------------------------------------------------------


def test_kind_breakdown_credits_gold_kind_and_charges_spurious_own_kind():
    pred = [with_(a) for a in GOLD.attributions]
    pred[1] = with_(A2, kind="indirect")
    pred.append(Attribution("x", "mixed", text_only("an invented remark"), None, (), None))
    result = score(pred)
    m = result.metrics
    assert m["attributions.joint.overlap/direct"] == Counts(2, 0, 0)
    assert m["attributions.joint.overlap/indirect"] == Counts(4, 0, 0)
    assert m["attributions.joint.overlap/mixed"] == Counts(0, 1, 0)
    assert m["attributions.joint.overlap"] == Counts(6, 1, 0)
    (a2_item,) = [i for i in result.items if i.gold == "a2"]
    assert a2_item.bucket == "matched"
    assert "kind indirect instead of direct" in a2_item.reason
    (spurious,) = [i for i in result.items if i.bucket == "spurious"]
    assert spurious.pred == "x" and spurious.contribution == Counts(0, 1, 0)


def test_missed_item_names_its_closest_prediction():
    gold = dataclasses.replace(GOLD, attributions=(A1,))
    result = score([with_(A4)], gold=gold)
    missed = [i for i in result.items if i.bucket == "missed"][0]
    assert "'p-a4'" in missed.reason and "token F1 0.5" in missed.reason
    assert missed.gold_span == (A1.content.start, A1.content.end)


def test_unknown_content_metric_is_an_input_error():
    with pytest.raises(InputError, match="content_metric"):
        score([], config=ScoringConfig(content_metric="bleu"))


# -- verbatim repeats and kinds -------------------------------------------------------------

PUTIN_TEXT = (
    "Putin said the plan was a good basis for peace. "
    "Later Putin said the plan was a good basis for a settlement."
)


def _putin_at(surface: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = PUTIN_TEXT.index(surface, start + 1)
    return Span(start, start + len(surface), surface)


def test_a_repeated_quote_earns_no_second_gold_quote():
    # The two gold quotes share 9 of 10 / 9 of 11 tokens (token F1 0.82 ≥ 0.5): without the
    # repeat rule the copy of the first quote pairs with the second.
    q1 = Attribution("q1", "indirect", _putin_at("the plan was a good basis for peace"),
                     _putin_at("Putin"), (), _putin_at("said"))
    q2 = Attribution("q2", "indirect", _putin_at("the plan was a good basis for a settlement"),
                     _putin_at("Putin", 1), (), _putin_at("said", 1))
    gold = StructuredSummary(attributions=(q1, q2))
    doc = Document("putin", PUTIN_TEXT)
    once = score_attributions(gold, StructuredSummary(attributions=(q1,)), doc, CONFIG)
    twice = score_attributions(
        gold, StructuredSummary(attributions=(q1, dataclasses.replace(q1, id="copy"))), doc, CONFIG
    )
    assert once.metrics[HEADLINE] == Counts(1, 0, 1)  # F1 2/3
    assert twice.metrics[HEADLINE] == Counts(1, 1, 1)  # F1 1/2
    spurious = [i for i in twice.items if i.bucket == "spurious"]
    assert [i.pred for i in spurious] == ["copy"] and "duplicate" in spurious[0].reason


def test_a_repeated_quote_on_the_shipped_gold_stays_spurious():
    # teslyuk-was-told is a part of teslyuk-quote-2's content; with it left out of the
    # prediction, a copy of the quote would otherwise take its place.
    from conftest import SEED_GOLD

    from evalkit.gold import load_gold

    (shipped,) = load_gold(SEED_GOLD)
    kept = tuple(a for a in shipped.gold.attributions if a.id != "teslyuk-was-told")
    quote = next(a for a in kept if a.id == "teslyuk-quote-2")
    pred = dataclasses.replace(shipped.gold, attributions=(*kept, dataclasses.replace(quote, id="copy")))
    result = score_attributions(shipped.gold, pred, shipped.document, CONFIG)
    n = len(kept)
    for name in COUNT_METRICS:
        assert result.metrics[name] == Counts(n, 1, 1), name
    buckets = {(i.gold, i.pred): i.bucket for i in result.items}
    assert buckets[None, "copy"] == "spurious"
    assert buckets["teslyuk-was-told", None] == "missed"


def test_gold_repeating_an_attribution_credits_each_repeat():
    twice = dataclasses.replace(GOLD, attributions=(A1, dataclasses.replace(A1, id="a1-again")))
    result = score([with_(A1), with_(A1)], GOLD.entities, gold=twice)
    assert result.metrics[HEADLINE] == Counts(2, 0, 0)


def test_an_attribution_without_kind_is_counted_as_unkinded():
    gold = dataclasses.replace(GOLD, attributions=(dataclasses.replace(A1, kind=""),))
    result = score([with_(A4, kind="")], gold=gold)
    assert not [k for k in result.metrics if k.endswith("/")]
    assert result.metrics[f"{HEADLINE}/UNKINDED"] == Counts(0, 1, 1)
    assert result.metrics[f"{HEADLINE}/direct"] == Counts(0, 0, 0)


# -- the source is the gold source, not a name inside it ------------------------------------

BUSH_TEXT = (
    "Republicans and lobbyists close to President George W. Bush have reported that the "
    "administration will drop the plan."
)


def _bush_at(surface: str) -> Span:
    start = BUSH_TEXT.index(surface)
    return Span(start, start + len(surface), surface)


@pytest.mark.parametrize(
    "source, overlap",
    [
        ("Bush", False),  # a name inside the source phrase is not the source
        ("President George W. Bush", False),
        ("Republicans", True),  # a conjunct's head
        ("lobbyists", True),
        ("lobbyists close to President George W. Bush", True),
        ("Republicans and lobbyists close to President George W. Bush", True),
    ],
)
def test_overlap_source_must_be_the_gold_source_not_a_name_inside_it(source, overlap):
    gold_attr = Attribution(
        "g", "indirect", _bush_at("the administration will drop the plan"),
        _bush_at("Republicans and lobbyists close to President George W. Bush"), (),
        _bush_at("have reported"),
    )
    bush = Entity("bush", "PERSON", "George W. Bush", mentions=(_bush_at("President George W. Bush"),))
    pred_attr = dataclasses.replace(
        gold_attr, id="p", source=_bush_at(source), source_entities=("bush",) if "Bush" == source else ()
    )
    gold = StructuredSummary(attributions=(gold_attr,))
    pred = StructuredSummary(entities=(bush,), attributions=(pred_attr,))
    metrics = score_attributions(gold, pred, Document("bush", BUSH_TEXT), CONFIG).metrics
    assert matched(metrics, "attributions.source.overlap") is overlap
    assert matched(metrics, "attributions.joint.overlap") is overlap


@pytest.mark.parametrize(
    "gold_source, pred_source, overlap",
    [
        ("President Volodymyr Zelenskyy", "Zelenskyy", True),
        ("President Volodymyr Zelenskyy", "Volodymyr Zelenskyy", True),
        ("President Volodymyr Zelenskyy", "President", False),
        ("Ukraine's interior ministry", "interior ministry", True),
        ("Ukraine's interior ministry", "Ukraine", False),
        ("the head of the Ternopil regional administration", "Ternopil regional administration", False),
        ("the head of the Ternopil regional administration", "the head", True),
        ("Ministry of Defence", "Defence", True),
        ("Dmitry Peskov, the Kremlin spokesman", "Peskov", True),
        ("Dmitry Peskov, the Kremlin spokesman", "Kremlin", False),
    ],
)
def test_source_head_rule(gold_source, pred_source, overlap):
    gold_attr = Attribution("g", "indirect", text_only("it is over"), text_only(gold_source), (), text_only("said"))
    pred_attr = dataclasses.replace(gold_attr, id="p", source=text_only(pred_source))
    assert matched(single(gold_attr, pred_attr), "attributions.source.overlap") is overlap
