"""Number-level scoring: value, lenient and strict levels, every rule by hand."""

from __future__ import annotations

import pytest

from evalkit.model import Document, NumberFact, Span, StructuredSummary
from evalkit.scoring.config import ScoringConfig
from evalkit.scoring.numbers import kinds_compatible, score_numbers, unit_key, values_agree, _Value, written_tolerance

TEXT = "On Wednesday at least 25 people were killed; 25 died in the blast, and the army will halve."
DOC = Document("d", TEXT)
WEDNESDAY = NumberFact("wed", Span(3, 12, "Wednesday"), "XXXX-WXX-3", "date")
AT_LEAST_25 = NumberFact("killed", Span(13, 24, "at least 25"), 25, "count", unit="person", qualifier="at least")
DIED_25 = NumberFact("died", Span(45, 47, "25"), 25, "count", unit="person")
HALVE = NumberFact("halve", Span(85, 90, "halve"), 0.5, "multiplier")
GOLD = StructuredSummary(numbers=(WEDNESDAY, AT_LEAST_25, DIED_25, HALVE))


def run(pred, gold=GOLD, **config):
    return score_numbers(gold, StructuredSummary(numbers=tuple(pred)), DOC, ScoringConfig(**config))


def counts(ps, name):
    c = ps.metrics[name]
    return (c.tp, c.fp, c.fn)


def bucket_of(ps, pred_id):
    return next(e for e in ps.items if e.pred == pred_id).bucket


def test_gold_against_itself_is_perfect_at_every_level():
    ps = run(GOLD.numbers)
    for level in ("value", "lenient", "strict"):
        assert counts(ps, f"numbers.{level}") == (4, 0, 0)
    assert ps.headline == "numbers.strict"


def test_words_and_weekday_names_are_read_as_values():
    pred = [
        NumberFact("p1", None, "Wednesday", "date"),
        NumberFact("p2", None, "halve", "multiplier"),
        NumberFact("p3", None, "twenty-five", "count", unit="people"),
    ]
    ps = run(pred)
    assert counts(ps, "numbers.value") == (3, 0, 1)
    # p3 (no qualifier, no span) is strict for "died" (no qualifier) rather than "at least 25"
    assert counts(ps, "numbers.strict") == (3, 0, 1)
    assert next(e for e in ps.items if e.pred == "p3").gold == "died"


def test_timex_strings_are_compared_as_timex_not_read_as_numbers():
    gold = StructuredSummary(numbers=(NumberFact("g", None, "XXXX-12-07", "date"),))
    assert counts(run([NumberFact("p", None, "XXXX-12-07", "date")], gold=gold), "numbers.strict") == (1, 0, 0)
    assert counts(run([NumberFact("p", None, "2025-12-07", "date")], gold=gold), "numbers.strict") == (1, 0, 0)
    assert counts(run([NumberFact("p", None, 7, "date")], gold=gold), "numbers.value") == (0, 1, 1)


def test_a_missing_value_is_read_from_the_span_text():
    ps = run([NumberFact("p", Span(85, 90, "halve"), None, "multiplier")])
    assert counts(ps, "numbers.strict") == (1, 0, 3)


def test_units_compare_singular_and_plural():
    assert unit_key("people") == unit_key("person")
    assert unit_key("points") == unit_key("point")
    assert unit_key(None) == ()
    assert unit_key("person") != unit_key("child")


def test_qualifier_difference_is_lenient_but_not_strict():
    pred = [NumberFact("p", Span(13, 24, "at least 25"), 25, "count", unit="person", qualifier="about")]
    ps = run(pred, gold=StructuredSummary(numbers=(AT_LEAST_25,)))
    assert counts(ps, "numbers.lenient") == (1, 0, 0)
    assert counts(ps, "numbers.strict") == (0, 1, 1)
    item = ps.items[0]
    assert item.bucket == "partial" and "qualifier" in item.reason


def test_absent_qualifier_means_exact():
    gold = StructuredSummary(numbers=(NumberFact("g", None, 3, "count", qualifier="exact"),))
    assert counts(run([NumberFact("p", None, 3, "count")], gold=gold), "numbers.strict") == (1, 0, 0)


def test_incompatible_kind_matches_on_value_only():
    gold = StructuredSummary(numbers=(NumberFact("sixth", None, 6, "ordinal"),))
    ps = run([NumberFact("p", None, 6, "count")], gold=gold)
    assert counts(ps, "numbers.value") == (1, 0, 0)
    assert counts(ps, "numbers.lenient") == (0, 1, 1)
    assert bucket_of(ps, "p") == "wrong_type"


def test_compatible_kinds_match_leniently():
    assert kinds_compatible("count", "quantity")
    assert kinds_compatible("percent", "fraction")
    assert not kinds_compatible("count", "ordinal")
    assert not kinds_compatible("", "count")
    gold = StructuredSummary(numbers=(NumberFact("g", None, 40, "percent"),))
    ps = run([NumberFact("p", None, 40, "fraction")], gold=gold)
    assert counts(ps, "numbers.lenient") == (1, 0, 0)
    assert counts(ps, "numbers.strict") == (0, 1, 1)


def test_span_must_overlap_only_when_the_prediction_has_offsets():
    gold = StructuredSummary(numbers=(DIED_25,))
    elsewhere = NumberFact("p", Span(0, 2, "On"), 25, "count", unit="person")
    text_only = NumberFact("p", Span(None, None, "25"), 25, "count", unit="person")
    assert counts(run([elsewhere], gold=gold), "numbers.strict") == (0, 1, 1)
    assert counts(run([elsewhere], gold=gold), "numbers.lenient") == (1, 0, 0)
    assert counts(run([text_only], gold=gold), "numbers.strict") == (1, 0, 0)


def test_span_overlap_picks_which_of_two_equal_values_is_meant():
    # "25" twice in gold; a prediction grounded on the second one pairs with it at every level.
    pred = [NumberFact("p", Span(45, 47, "25"), 25, "count")]
    ps = run(pred)
    assert next(e for e in ps.items if e.pred == "p").gold == "died"


def test_tolerance_comes_from_the_gold_precision_unless_configured():
    assert written_tolerance(4.3) == pytest.approx(0.05)
    assert written_tolerance(25.0) is None and written_tolerance(25) is None
    gold = StructuredSummary(numbers=(NumberFact("g", None, 4.3, "money", unit="USD"),))
    assert counts(run([NumberFact("p", None, 4.27, "money", unit="USD")], gold=gold), "numbers.value")[0] == 1
    assert counts(run([NumberFact("p", None, 4.4, "money", unit="USD")], gold=gold), "numbers.value")[0] == 0
    # the gold's precision decides, not the prediction's: gold 4.27 does not accept 4.3
    gold2 = StructuredSummary(numbers=(NumberFact("g", None, 4.27, "money"),))
    assert counts(run([NumberFact("p", None, 4.3, "money")], gold=gold2), "numbers.value")[0] == 0
    # an explicit relative tolerance replaces it
    assert counts(run([NumberFact("p", None, 4.4, "money", unit="USD")], gold=gold, number_rel_tol=0.05), "numbers.value")[0] == 1
    # integral gold must be met exactly
    gold3 = StructuredSummary(numbers=(NumberFact("g", None, 25, "count"),))
    assert counts(run([NumberFact("p", None, 26, "count")], gold=gold3), "numbers.value")[0] == 0


def test_ranges_match_at_both_ends():
    lo = _Value(20, 30)
    assert values_agree(lo, _Value(20, 30), None)
    assert not values_agree(lo, _Value(20, None), None)
    assert not values_agree(lo, _Value(20, 31), None)
    gold = StructuredSummary(numbers=(NumberFact("g", None, 20, "count", value_max=30),))
    assert counts(run([NumberFact("p", None, "20 to 30", "count")], gold=gold), "numbers.strict") == (1, 0, 0)
    assert counts(run([NumberFact("p", None, 20, "count")], gold=gold), "numbers.value") == (0, 1, 1)


def test_per_kind_breakdown():
    pred = [NumberFact("p1", None, "Wednesday", "date"), NumberFact("p2", None, 7, "count")]
    ps = run(pred)
    assert counts(ps, "numbers.strict/date") == (1, 0, 0)
    assert counts(ps, "numbers.strict/count") == (0, 1, 2)
    assert counts(ps, "numbers.strict/multiplier") == (0, 0, 1)


def test_every_item_lands_in_exactly_one_bucket():
    pred = [
        NumberFact("p1", None, "Wednesday", "date"),
        NumberFact("p2", None, 25, "ordinal"),
        NumberFact("p3", None, 99, "count"),
        NumberFact("p4", None, 25, "count", unit="person", qualifier="about"),
    ]
    ps = run(pred)
    assert sorted(e.gold for e in ps.items if e.gold) == sorted(n.id for n in GOLD.numbers)
    assert sorted(e.pred for e in ps.items if e.pred) == ["p1", "p2", "p3", "p4"]
    assert {bucket_of(ps, p) for p in ("p1", "p2", "p3", "p4")} == {"matched", "wrong_type", "spurious", "partial"}
    sums = tuple(sum(e.contribution.as_stats()[i] for e in ps.items) for i in range(3))
    assert sums == ps.metrics["numbers.strict"].as_stats()
