"""Tests for evalkit.scoring.summary: ROUGE through rouge-score, against its own numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from evalkit.errors import InputError
from evalkit.model import Document, StructuredSummary
from evalkit.scoring.base import Mean
from evalkit.scoring.config import ScoringConfig
from evalkit.scoring.summary import rouge_against_references, score_summary

TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
DOC = Document("d", "irrelevant to ROUGE")
REFERENCES = (
    "US and Russian officials drafted a peace plan for Ukraine. Kyiv rejected it.",
    "A Russian strike on Ternopil killed 25 people, including three children.",
    "Mr. Zelenskyy urged allies to increase pressure on Russia after talks in the U.S. capital.",
)
PREDICTION = (
    "Officials drafted a plan to end the war in Ukraine. A strike on Ternopil killed 25 people."
)


def summary_score(references, prediction, config=ScoringConfig()):
    gold = StructuredSummary(summaries=tuple(references))
    pred = StructuredSummary(summaries=() if prediction is None else (prediction,))
    return score_summary(gold, pred, DOC, config)


# -- agreement with rouge-score -------------------------------------------------------------


@pytest.mark.parametrize("use_stemmer", [True, False])
def test_rouge_n_and_l_equal_rouge_score_on_ascii(use_stemmer):
    reference = rouge_scorer.RougeScorer(list(TYPES[:3]), use_stemmer=use_stemmer)
    ours = rouge_against_references(REFERENCES, PREDICTION, TYPES, use_stemmer)
    for ref_text, got in zip(REFERENCES, ours):
        expected = reference.score(ref_text, PREDICTION)
        for t in TYPES[:3]:
            assert got[t].precision == pytest.approx(expected[t].precision)
            assert got[t].recall == pytest.approx(expected[t].recall)
            assert got[t].fmeasure == pytest.approx(expected[t].fmeasure)


words = st.sampled_from(
    "the a officials said plan plans planning talks killed people strike strikes Kyiv Moscow "
    "Russia Russian would will cede halve military army peace deal urged allies pressure 25 "
    "three children".split()
)
sentences = st.lists(words, min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=60)
@given(st.lists(sentences, min_size=1, max_size=4), st.lists(sentences, min_size=0, max_size=4))
def test_all_types_equal_rouge_score_when_sentences_are_pre_split(ref_sents, pred_sents):
    ref, pred = "\n".join(ref_sents), "\n".join(pred_sents)
    expected = rouge_scorer.RougeScorer(list(TYPES), use_stemmer=True).score(ref, pred)
    (got,) = rouge_against_references([ref], pred, TYPES, True)
    for t in TYPES:
        assert got[t].fmeasure == pytest.approx(expected[t].fmeasure), t
        assert got[t].precision == pytest.approx(expected[t].precision), t
        assert got[t].recall == pytest.approx(expected[t].recall), t


def test_lsum_splits_unsplit_text_like_pre_split_text():
    flat = "Mr. Smith met Gen. Jones in the U.S. capital. Talks failed. Both left at dawn."
    split = "Mr. Smith met Gen. Jones in the U.S. capital.\nTalks failed.\nBoth left at dawn."
    pred = "Talks between Mr. Smith and Gen. Jones failed.\nBoth left."
    expected = rouge_scorer.RougeScorer(["rougeLsum"], use_stemmer=True).score(split, pred)
    (got,) = rouge_against_references([flat], pred.replace("\n", " "), ("rougeLsum",), True)
    assert got["rougeLsum"].fmeasure == pytest.approx(expected["rougeLsum"].fmeasure)


def test_lsum_splits_chinese_sentences_at_ideographic_stops():
    # Each Han character is a token; 。 is punctuation. ref sentences 甲乙丙 / 丁戊己, prediction
    # sentences in the other order. ROUGE-L: LCS of the whole texts is 3 of 6 → F 0.5.
    # ROUGE-Lsum: each reference sentence's union LCS with the prediction's sentences is 3 → 6/6.
    (got,) = rouge_against_references(["甲乙丙。丁戊己。"], "丁戊己。甲乙丙。", ("rougeL", "rougeLsum"), True)
    assert got["rougeL"].fmeasure == pytest.approx(0.5)
    assert got["rougeLsum"].fmeasure == pytest.approx(1.0)
    (fullwidth,) = rouge_against_references(["甲乙丙！丁戊己？"], "丁戊己？甲乙丙！", ("rougeLsum",), True)
    assert fullwidth["rougeLsum"].fmeasure == pytest.approx(1.0)


def prf(score) -> tuple[float, float, float]:
    return (score.precision, score.recall, score.fmeasure)


def test_every_type_equals_rouge_score_exactly_on_seeded_english_pairs():
    # 1,000 varied ASCII pairs (numbers, hyphens, apostrophes, abbreviations, line breaks);
    # ROUGE-1/2/L as written, and all four types once the sentences are one per line.
    from english_pairs import english_pairs

    from evalkit.sentences import split_sentences

    reference = rouge_scorer.RougeScorer(list(TYPES), use_stemmer=True)
    for ref, pred in english_pairs(1000, seed=11):
        expected = reference.score(ref, pred)
        (got,) = rouge_against_references([ref], pred, TYPES, True)
        for t in TYPES[:3]:
            assert prf(got[t]) == tuple(expected[t]), (t, ref, pred)
        ref_lines, pred_lines = "\n".join(split_sentences(ref)), "\n".join(split_sentences(pred))
        expected = reference.score(ref_lines, pred_lines)
        (got,) = rouge_against_references([ref_lines], pred_lines, TYPES, True)
        for t in TYPES:
            assert prf(got[t]) == tuple(expected[t]), (t, ref_lines, pred_lines)


ascii_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=80)


@settings(max_examples=150)
@given(ascii_text, ascii_text)
def test_rouge_n_and_l_equal_rouge_score_exactly_on_any_printable_ascii(ref, pred):
    expected = rouge_scorer.RougeScorer(list(TYPES[:3]), use_stemmer=True).score(ref, pred)
    (got,) = rouge_against_references([ref], pred, TYPES[:3], True)
    for t in TYPES[:3]:
        assert prf(got[t]) == tuple(expected[t]), t


def test_numbers_are_cut_at_their_point_and_comma_as_rouge_score_cuts_them():
    # rouge-score: 3.5 → 3, 5 and 1,200 → 1, 200. ref "it rose 3.5 percent" (5 tokens), pred
    # "it rose 3.7 percent" (5 tokens): common it, rose, 3, percent → ROUGE-1 F 4/5.
    (got,) = rouge_against_references(["It rose 3.5 percent."], "It rose 3.7 percent.", ("rouge1",), True)
    assert got["rouge1"].fmeasure == pytest.approx(0.8)


def test_lsum_departs_from_rouge_score_on_several_sentences_in_one_line():
    # rouge-score splits ROUGE-Lsum input only at line breaks, so each text below is one
    # "sentence" for it: Lsum = ROUGE-L = LCS "kyiv reject the plan" 4 of 7 tokens → F 4/7.
    # evalkit splits sentences first: each reference sentence is found whole → Lsum 1.0.
    ref = "Kyiv rejected the plan. Moscow welcomed it."
    pred = "Moscow welcomed it. Kyiv rejected the plan."
    theirs = rouge_scorer.RougeScorer(["rougeLsum"], use_stemmer=True).score(ref, pred)["rougeLsum"]
    (ours,) = rouge_against_references([ref], pred, ("rougeLsum",), True)
    assert theirs.fmeasure == pytest.approx(4 / 7)
    assert ours["rougeLsum"].fmeasure == pytest.approx(1.0)


def test_hand_computed_rouge_1_and_2():
    # ref: the cat sat on the mat (6 tokens, 5 bigrams); pred: the cat sat (3 tokens, 2 bigrams).
    # ROUGE-1: 3 common -> P 1, R 1/2, F 2/3. ROUGE-2: 2 common -> P 1, R 2/5, F 4/7.
    m = summary_score(["the cat sat on the mat"], "the cat sat").metrics
    assert m["summary.rouge1.max"] == Mean(pytest.approx(2 / 3), 1)
    assert (m["summary.rouge1.max.p"].value, m["summary.rouge1.max.r"].value) == (1.0, 0.5)
    assert m["summary.rouge2.max"].value == pytest.approx(4 / 7)
    assert m["summary.rouge2.max.r"].value == pytest.approx(2 / 5)


def test_max_and_mean_over_references_hand_computed():
    # Against "the cat sat" itself F = 1; against "a dog ran" nothing is shared, F = 0.
    m = summary_score(["a dog ran", "the cat sat"], "the cat sat").metrics
    for t in TYPES:
        assert m[f"summary.{t}.max"] == Mean(1.0, 1)
        assert m[f"summary.{t}.mean"] == Mean(0.5, 1)
        assert m[f"summary.{t}.mean.p"] == Mean(0.5, 1)


def test_unicode_text_scores_where_rouge_score_default_cannot():
    text = "Путин встретил Эрдогана"
    m = summary_score([text], text).metrics
    assert m["summary.rouge1.max"] == Mean(1.0, 1)
    default = rouge_scorer.RougeScorer(["rouge1"]).score(text, text)
    assert default["rouge1"].fmeasure == 0.0
    # "Erdoğan" is one token: P = 1/1, R = 1/3.
    m = summary_score(["Erdoğan met Putin"], "Erdoğan").metrics
    assert m["summary.rouge1.max.p"].value == 1.0
    assert m["summary.rouge1.max.r"].value == pytest.approx(1 / 3)


# -- metamorphic laws and edge cases --------------------------------------------------------


def test_reference_against_itself_scores_one():
    for ref in REFERENCES:
        m = summary_score([ref], ref).metrics
        assert all(stat == Mean(1.0, 1) for stat in m.values())


def test_every_reference_as_prediction_has_max_one():
    for ref in REFERENCES:
        m = summary_score(REFERENCES, ref).metrics
        for t in TYPES:
            assert m[f"summary.{t}.max"] == Mean(1.0, 1)


def test_missing_prediction_scores_zero():
    for prediction in (None, "", "   "):
        result = summary_score(REFERENCES, prediction)
        assert len(result.metrics) == 4 * 6
        assert all(stat == Mean(0.0, 1) for stat in result.metrics.values())


def test_gold_without_references_has_no_summary_metrics():
    result = summary_score([], PREDICTION)
    assert result.metrics == {}
    assert result.headline == "summary.rougeLsum.max"
    assert summary_score(["   "], PREDICTION).metrics == {}


def test_first_non_blank_of_several_predicted_summaries_is_scored():
    gold = StructuredSummary(summaries=("the cat sat",))
    for summaries in (("the cat sat", "a dog ran"), ("  ", "the cat sat", "a dog ran")):
        m = score_summary(gold, StructuredSummary(summaries=summaries), DOC, ScoringConfig()).metrics
        assert m["summary.rouge1.max"] == Mean(1.0, 1), summaries


def test_reference_order_does_not_change_max_or_mean():
    forward = summary_score(REFERENCES, PREDICTION).metrics
    backward = summary_score(tuple(reversed(REFERENCES)), PREDICTION).metrics
    for name, stat in forward.items():
        if name.endswith((".max", ".mean")):
            assert backward[name].value == pytest.approx(stat.value)


@pytest.mark.parametrize(
    "types, headline",
    [
        (TYPES, "summary.rougeLsum.max"),
        (("rouge1", "rougeL"), "summary.rougeL.max"),
        (("rouge2",), "summary.rouge2.max"),
    ],
)
def test_headline_prefers_lsum_then_l(types, headline):
    result = summary_score(REFERENCES, PREDICTION, ScoringConfig(rouge_types=types))
    assert result.headline == headline
    assert headline in result.metrics
    assert {name.split(".")[1] for name in result.metrics} == set(types)


def test_unknown_rouge_type_is_an_input_error():
    with pytest.raises(InputError, match="rouge_types"):
        summary_score(REFERENCES, PREDICTION, ScoringConfig(rouge_types=("rouge0", "bleu")))
