"""Number-level scoring: value, lenient and strict levels, every rule by hand."""

from __future__ import annotations

import dataclasses

import pytest

from evalkit.model import Document, NumberFact, Span, StructuredSummary
from evalkit.scoring.align import REPEAT_REASON
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


def value_matches(gold_fact, pred_fact, **config) -> int:
    gold = StructuredSummary(numbers=(gold_fact,))
    return int(counts(run([pred_fact], gold=gold, **config), "numbers.value")[0])


def test_numbers_compare_as_written_unless_the_text_rounds():
    assert written_tolerance(4.3) == pytest.approx(0.05)
    assert written_tolerance(25.0) is None and written_tolerance(25) is None
    # percentages and money: exact as written; 3.54 cannot be read from "3.5%"
    pct = NumberFact("g", None, 3.5, "percent", unit="percent")
    assert value_matches(pct, NumberFact("p", None, 3.5, "percent")) == 1
    assert value_matches(pct, NumberFact("p", None, 3.54, "percent")) == 0
    assert value_matches(pct, NumberFact("p", None, 3.46, "percent")) == 0
    money = NumberFact("g", None, 4.3, "money", unit="USD")
    assert value_matches(money, NumberFact("p", None, 4.27, "money", unit="USD")) == 0
    # a float that is the written decimal up to binary noise is that decimal
    assert value_matches(NumberFact("g", None, 0.3, "percent"), NumberFact("p", None, 0.1 + 0.2, "percent")) == 1
    # "about"/"nearly" say the text rounds: half a unit in the gold's last decimal
    about = NumberFact("g", None, 3.5, "percent", unit="percent", qualifier="about")
    assert value_matches(about, NumberFact("p", None, 3.54, "percent")) == 1
    assert value_matches(about, NumberFact("p", None, 3.56, "percent")) == 0
    nearly = NumberFact("g", None, 4.3, "money", unit="USD", qualifier="nearly")
    assert value_matches(nearly, NumberFact("p", None, 4.27, "money")) == 1
    # "half" is 0.5, not 0.45 to 0.55; a rounded decimal of a simple fraction is that fraction
    half = NumberFact("g", None, 0.5, "fraction")
    assert value_matches(half, NumberFact("p", None, 0.45, "fraction")) == 0
    assert value_matches(half, NumberFact("p", None, 0.55, "fraction")) == 0
    assert value_matches(half, NumberFact("p", None, "half", "fraction")) == 1
    third = NumberFact("g", None, 0.333, "fraction")
    assert value_matches(third, NumberFact("p", None, 1 / 3, "fraction")) == 1
    assert value_matches(third, NumberFact("p", None, "a third", "fraction")) == 1
    assert value_matches(third, NumberFact("p", None, 0.34, "fraction")) == 0
    assert value_matches(NumberFact("g", None, 0.67, "fraction"), NumberFact("p", None, 2 / 3, "fraction")) == 1
    # an explicit relative tolerance replaces all of it
    assert value_matches(money, NumberFact("p", None, 4.4, "money", unit="USD"), number_rel_tol=0.05) == 1
    # integral gold must be met exactly
    assert value_matches(NumberFact("g", None, 25, "count"), NumberFact("p", None, 26, "count")) == 0


def test_a_year_as_a_number_matches_a_year_as_a_string():
    # docs/gold-format.md allows `value: 1901` for a date; the parser writes "1901"
    for gold_value, pred_value in ((1901, "1901"), ("1901", 1901), (1901, "in 1901")):
        gold = StructuredSummary(numbers=(NumberFact("g", None, gold_value, "date"),))
        ps = run([NumberFact("p", None, pred_value, "date")], gold=gold)
        assert counts(ps, "numbers.strict") == (1, 0, 0), (gold_value, pred_value)
        assert [e.bucket for e in ps.items] == ["matched"]
    gold = StructuredSummary(numbers=(NumberFact("g", None, 1901, "date"),))
    assert counts(run([NumberFact("p", None, "1902", "date")], gold=gold), "numbers.value") == (0, 1, 1)


def test_word_valued_ranges_keep_both_ends():
    days = NumberFact("g", None, "XXXX-12-07", "date", value_max="XXXX-12-09")
    assert value_matches(days, NumberFact("p", None, "7-9 December", "date")) == 1
    assert value_matches(days, NumberFact("p", None, "7 December", "date")) == 0
    months = NumberFact("g", None, "2005-03", "date", value_max="2005-04")
    assert value_matches(months, NumberFact("p", None, "March or April of 2005", "date")) == 1
    assert value_matches(months, NumberFact("p", None, "March or April", "date")) == 1  # year unwritten
    april = NumberFact("g", None, "2005-04", "date")
    assert value_matches(april, NumberFact("p", None, "April of 2005", "date")) == 1
    assert value_matches(april, NumberFact("p", None, "April of 2006", "date")) == 0


@pytest.mark.parametrize(
    ("gold_unit", "pred_units"),
    [
        ("percent", ["%", "per cent", "percent", "Percent"]),
        ("USD", ["$", "US$", "dollars", "US dollars", "usd"]),
        ("SEK", ["kronor", "SEK"]),
        ("yard", ["yd", "yards", "yard"]),
        ("person", ["people", "persons", "men", "women", "injured", "killed"]),
    ],
)
def test_units_compare_by_meaning(gold_unit, pred_units):
    kind = {"percent": "percent", "USD": "money", "SEK": "money"}.get(gold_unit, "count")
    gold = NumberFact("g", None, 10, kind, unit=gold_unit)
    for unit in pred_units:
        ps = run([NumberFact("p", None, 10, kind, unit=unit)], gold=StructuredSummary(numbers=(gold,)))
        assert counts(ps, "numbers.strict") == (1, 0, 0), unit
    # and "%" is a unit: it does not equal "no unit"
    assert unit_key("%") != unit_key(None)
    no_unit = run([NumberFact("p", None, 10, "percent", unit="%")], gold=StructuredSummary(numbers=(NumberFact("g", None, 10, "percent"),)))
    assert counts(no_unit, "numbers.strict") == (0, 1, 1)


def test_a_span_only_number_takes_value_and_unit_from_its_span():
    doc = Document("d", "Shares rose 25% on Wednesday.")
    gold = StructuredSummary(numbers=(NumberFact("g", Span(12, 15, "25%"), 25, "percent", unit="percent"),))
    pred = StructuredSummary(numbers=(NumberFact("p", Span(12, 15, "25%"), None, "percent"),))
    ps = score_numbers(gold, pred, doc, ScoringConfig())
    assert counts(ps, "numbers.strict") == (1, 0, 0)
    # a value written as text gives its unit too
    assert value_matches(gold.numbers[0], NumberFact("p", None, "25 per cent", "percent")) == 1
    word_value = run([NumberFact("p", None, "25 per cent", "percent")], gold=gold)
    assert counts(word_value, "numbers.strict") == (1, 0, 0)


def test_span_less_repeats_are_occurrences_up_to_the_gold_count():
    """Two "Wednesday" records without offsets are two occurrences (G-N1), not a duplicate;
    a third copy, beyond the gold's two, is."""
    text = "On Wednesday talks began; on Wednesday they ended."
    doc = Document("d", text)
    wed1 = NumberFact("w1", Span(3, 12, "Wednesday"), "XXXX-WXX-3", "date")
    wed2 = NumberFact("w2", Span(29, 38, "Wednesday"), "XXXX-WXX-3", "date")
    gold = StructuredSummary(numbers=(wed1, wed2))
    copy = {"value": "XXXX-WXX-3", "kind": "date"}
    two = StructuredSummary(numbers=tuple(NumberFact(f"p{k}", None, **copy) for k in range(2)))
    three = StructuredSummary(numbers=tuple(NumberFact(f"p{k}", None, **copy) for k in range(3)))
    ps = score_numbers(gold, two, doc, ScoringConfig())
    assert counts(ps, "numbers.strict") == (2, 0, 0)
    ps = score_numbers(gold, three, doc, ScoringConfig())
    assert counts(ps, "numbers.strict") == (2, 1, 0)
    assert next(e for e in ps.items if e.bucket == "spurious").reason == REPEAT_REASON
    # with offsets, a verbatim copy (same span) is still a duplicate
    grounded = NumberFact("p", Span(3, 12, "Wednesday"), "XXXX-WXX-3", "date")
    twice = StructuredSummary(numbers=(grounded, dataclasses.replace(grounded, id="p2")))
    assert counts(score_numbers(gold, twice, doc, ScoringConfig()), "numbers.strict") == (1, 1, 1)


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
