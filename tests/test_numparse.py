"""Tests for evalkit.numparse: the contract's cases by example, the laws as properties.

Expected values are written by hand from the value conventions in docs/normalisation.md;
text2num (a separate implementation) is the reference for number words below 10**12.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from text_to_num import text2num

from evalkit.model import NUMBER_KINDS, QUALIFIERS
from evalkit.numparse import ParsedNumber, find_numbers, int_to_words, parse_number, values_equal

P = ParsedNumber

# -- one expression ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twenty-five", P(25, "count")),
        ("a hundred and five", P(105, "count")),
        ("one trillion", P(10**12, "count")),
        ("1,200", P(1200, "count")),
        ("3.5", P(3.5, "quantity")),
        ("sixth", P(6, "ordinal")),
        ("21st", P(21, "ordinal")),
        ("twenty-first", P(21, "ordinal")),
        ("half", P(0.5, "fraction")),
        ("a third", P(1 / 3, "fraction")),
        ("two-thirds", P(2 / 3, "fraction")),
        ("quarter", P(0.25, "fraction")),
        ("three quarters", P(0.75, "fraction")),
        ("25%", P(25, "percent", "percent")),
        ("25 per cent", P(25, "percent", "percent")),
        ("25 percent", P(25, "percent", "percent")),
        ("0.5 percentage points", P(0.5, "percent", "percentage point")),
        ("US$4.3bn", P(4_300_000_000, "money", "USD")),
        ("£1.2 billion", P(1_200_000_000, "money", "GBP")),
        ("$10m", P(10_000_000, "money", "USD")),
        ("€20-30m", P(20_000_000, "money", "EUR", None, 30_000_000)),
        ("5 million euros", P(5_000_000, "money", "EUR")),
        ("four-year", P(4, "duration", "year")),
        ("three years", P(3, "duration", "year")),
        ("25-year-old", P(25, "duration", "year")),
        ("halve", P(0.5, "multiplier")),
        ("double", P(2, "multiplier")),
        ("tenfold", P(10, "multiplier")),
        ("twice", P(2, "count", "time")),
        ("three times", P(3, "count", "time")),
        ("Wednesday", P("XXXX-WXX-3", "date")),
        ("August", P("XXXX-08", "date")),
        ("May", P("XXXX-05", "date")),
        ("spring", P("XXXX-SP", "date")),
        ("summer", P("XXXX-SU", "date")),
        ("autumn", P("XXXX-FA", "date")),
        ("fall", P("XXXX-FA", "date")),
        ("winter", P("XXXX-WI", "date")),
        ("summer 2022", P("2022-SU", "date")),
        ("7 December", P("XXXX-12-07", "date")),
        ("7 December 2025", P("2025-12-07", "date")),
        ("December 7, 2025", P("2025-12-07", "date")),
        ("the 7th of December", P("XXXX-12-07", "date")),
        ("7-9 December", P("XXXX-12-07", "date", None, None, "XXXX-12-09")),
        ("December 2025", P("2025-12", "date")),
        ("5.30am", P("T05:30", "time")),
        ("5:30 p.m.", P("T17:30", "time")),
        ("12am", P("T00:00", "time")),
        ("17:30", P("T17:30", "time")),
        ("noon", P("T12:00", "time")),
        ("midnight", P("T00:00", "time")),
        ("20 to 30", P(20, "count", None, None, 30)),
        ("between 20 and 30 people", P(20, "count", "person", None, 30)),
        ("between 1.5 and 2 million", P(1_500_000, "count", None, None, 2_000_000)),
        ("20 to 30 million", P(20_000_000, "count", None, None, 30_000_000)),
        ("-5", P(-5, "count")),
        ("minus three", P(-3, "count")),
        ("a dozen", P(12, "count")),
        ("two and a half", P(2.5, "quantity")),
        ("10km", P(10, "quantity", "kilometre")),
        ("25pc", P(25, "percent", "percent")),
        ("the 1990s", P("199", "date")),
        ("in 2014", P("2014", "date")),
        ("2014", P(2014, "count")),
        ("first", P(1, "ordinal")),
        ("one", P(1, "count")),
        ("wednesday", P("XXXX-WXX-3", "date")),
    ],
)
def test_parse_number(text: str, expected: ParsedNumber) -> None:
    got = parse_number(text)
    assert got is not None
    assert got.kind == expected.kind and got.unit == expected.unit
    assert got.qualifier == expected.qualifier and got.value_max == expected.value_max
    if isinstance(expected.value, float):
        assert got.value == pytest.approx(expected.value)
    else:
        assert got.value == expected.value and type(got.value) is type(expected.value)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("about 25", "about"), ("around 25", "about"), ("roughly 25", "about"),
        ("approximately 25", "about"), ("nearly 25", "nearly"), ("almost 25", "nearly"),
        ("at least 25", "at least"), ("more than 25", "more than"), ("over 25", "more than"),
        ("less than 25", "less than"), ("fewer than 25", "less than"), ("under 25", "less than"),
        ("up to 25", "up to"), ("at most 25", "at most"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    got = parse_number(text)
    assert got is not None and got.value == 25 and got.qualifier == qualifier
    assert qualifier in QUALIFIERS


def test_another_is_not_a_qualifier() -> None:
    """gold/GUIDELINES.md G-N4: "another 73" means 73 more, not a bound on 73."""
    got = parse_number("another 25")
    assert got is not None and got.value == 25 and got.qualifier is None
    assert find_numbers("another 73 people")[0][:2] == (len("another "), len("another 73"))


@pytest.mark.parametrize(
    "text", ["", "hello", "several", "dozens", "hundreds", "no one", "one of the", "many people", "you may go", "G7"]
)
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


# -- running text ------------------------------------------------------------------------------------


def spans(text: str) -> list[tuple[str, ParsedNumber]]:
    return [(text[a:b], p) for a, b, p in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strikes killed at least 25 people.", [("at least 25", P(25, "count", "person", "at least"))]),
        (
            "another 73 injured, among them 15 children",
            [("73", P(73, "count", "person")), ("15", P(15, "count", "child"))],
        ),
        ("It hit at about 5.30am.", [("about 5.30am", P("T05:30", "time", None, "about"))]),
        ("the 28-point plan", [("28-point", P(28, "count", "point"))]),
        ("plans to halve the size of the army", [("halve", P(0.5, "multiplier"))]),
        ("a flat on the sixth floor", [("sixth", P(6, "ordinal", "floor"))]),
        ("for the third consecutive day", [("third", P(3, "ordinal"))]),
        ("our two countries", [("two", P(2, "count", "country"))]),
        ("25 were killed", [("25", P(25, "count"))]),
        ("its nearly four-year invasion", [("nearly four-year", P(4, "duration", "year", "nearly"))]),
        ("fighting since the summer", [("summer", P("XXXX-SU", "date"))]),
        ("talks in August", [("August", P("XXXX-08", "date"))]),
        ("met on Wednesday", [("Wednesday", P("XXXX-WXX-3", "date"))]),
        ("I tried twice", [("twice", P(2, "count", "time"))]),
        ("three children", [("three", P(3, "count", "child"))]),
        ("The two men left", [("two", P(2, "count", "person"))]),
        ("US$4.3bn in aid", [("US$4.3bn", P(4_300_000_000, "money", "USD"))]),
        ("the fall of Kabul in the fall", [("fall", P("XXXX-FA", "date"))]),
        ("in May 2022 talks may resume", [("May 2022", P("2022-05", "date"))]),
        ("would double the budget", [("double", P(2, "multiplier"))]),
        ("in mid-2022", [("2022", P("2022", "date"))]),
        ("since 2014 and 2,014 people", [("2014", P("2014", "date")), ("2,014", P(2014, "count", "person"))]),
        ("at least 25 people killed and 25 people wounded", [("at least 25", P(25, "count", "person", "at least")), ("25", P(25, "count", "person"))]),
    ],
)
def test_find_numbers_in_news_sentences(text: str, expected: list[tuple[str, ParsedNumber]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "one of the victims", "no one was hurt", "the right one.", "several people died",
        "It was first reported by Reuters", "dozens of drones and hundreds of missiles",
        "COVID-19 and flight MH17 and Su-25 jets", "They may march on.", "once the war ends",
        "Spring water", "multi-storey car park", "First, the army moved",
    ],
)
def test_words_that_are_not_numbers_here(text: str) -> None:
    assert find_numbers(text) == []


# -- laws -----------------------------------------------------------------------------------------


@given(st.integers(-(10**12), 10**12))
@example(0)
@example(1)
@example(105)
@example(1001)
@example(10**12)
def test_int_words_round_trip(n: int) -> None:
    words = int_to_words(n)
    parsed = parse_number(words)
    assert parsed is not None and parsed.value == n and parsed.kind == "count"
    noun = "person" if n == 1 else "people"
    found = find_numbers(f"Officials counted {words} {noun} there.")
    assert [(p.value, p.unit) for _, _, p in found] == [(n, "person")]


@given(st.integers(0, 10**12 - 1))
def test_int_to_words_agrees_with_text2num(n: int) -> None:
    assert text2num(int_to_words(n), "en") == n


@given(st.integers(-(10**12), 10**12))
def test_digits_with_thousands_separators(n: int) -> None:
    parsed = parse_number(f"{n:,}")
    assert parsed is not None and parsed.value == n


@given(st.integers(0, 10**6), st.integers(1, 99))
def test_percent_spellings_are_equal(whole: int, hundredths: int) -> None:
    number = f"{whole}.{hundredths:02d}"
    values = [parse_number(f"{number}{suffix}") for suffix in ("%", " per cent", " percent")]
    assert all(v is not None and v.kind == "percent" for v in values)
    assert values_equal(values[0].value, whole + hundredths / 100)  # type: ignore[union-attr]
    assert all(values_equal(v.value, values[0].value) for v in values)  # type: ignore[union-attr]


@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=80))
@example("at least 25-30 - 5.30am £ US$ 7-9 December --5 1,2345 12:99 99:00pm")
def test_find_numbers_is_total_and_disjoint(text: str) -> None:
    found = find_numbers(text)
    prev_end = 0
    for start, end, parsed in found:
        assert prev_end <= start < end <= len(text)
        prev_end = end
        assert parsed.kind in NUMBER_KINDS
        assert parsed.qualifier is None or parsed.qualifier in QUALIFIERS


qualifier_words = st.sampled_from(["", "about ", "at least ", "nearly ", "more than ", "up to "])


@given(qualifier_words, st.integers(2, 10**6), st.sampled_from(["people", "children", "soldiers"]))
def test_counts_in_a_sentence(qualifier: str, n: int, noun: str) -> None:
    text = f"Officials said {qualifier}{n:,} {noun} were evacuated on Tuesday."
    found = find_numbers(text)
    assert len(found) == 2
    start, end, parsed = found[0]
    assert text[start:end] == f"{qualifier}{n:,}"
    assert parsed.value == n and parsed.kind == "count"
    assert (parsed.qualifier or "") == {"": "", "about ": "about", "at least ": "at least", "nearly ": "nearly", "more than ": "more than", "up to ": "up to"}[qualifier]
    assert found[1][2] == P("XXXX-WXX-2", "date")


# -- values_equal -----------------------------------------------------------------------------------


def test_values_equal_uses_the_written_precision() -> None:
    assert values_equal(0.333, 1 / 3)
    assert values_equal(0.33, 1 / 3)
    assert not values_equal(0.34, 1 / 3)
    assert not values_equal(0.3334, 1 / 3 + 0.001)
    assert values_equal(4.3e9, 4_300_000_000)
    assert not values_equal(25, 26)
    assert not values_equal(2.99, 3)
    assert values_equal(2.999, 3.0, rel_tol=0.001)
    assert not values_equal(2.9, 3.0, rel_tol=0.001)


def test_values_equal_canonicalises_strings() -> None:
    assert values_equal("Wednesday", "XXXX-WXX-3")
    assert values_equal("twenty-five", 25)
    assert values_equal("August", "xxxx-08")
    assert values_equal("XXXX-12-07", "2025-12-07")
    assert not values_equal("XXXX-12-07", "2025-12-08")
    assert not values_equal("Wednesday", "Thursday")
    assert values_equal(None, None) and not values_equal(None, 0)


@given(st.one_of(st.integers(), st.floats(), st.text(max_size=12)))
def test_values_equal_is_reflexive(x: object) -> None:
    assert values_equal(x, x)


@given(st.one_of(st.integers(-1000, 1000), st.floats(-1e6, 1e6)), st.one_of(st.integers(-1000, 1000), st.floats(-1e6, 1e6)))
def test_values_equal_is_symmetric(a: float, b: float) -> None:
    assert values_equal(a, b) == values_equal(b, a)


@given(st.integers(), st.integers())
def test_integers_are_equal_only_when_equal(a: int, b: int) -> None:
    assert values_equal(a, b) == (a == b)


def test_int_to_words_style() -> None:
    assert int_to_words(105) == "one hundred and five"
    assert int_to_words(1001) == "one thousand and one"
    assert int_to_words(21) == "twenty-one"
    assert int_to_words(-3) == "minus three"
    assert int_to_words(10**12) == "one trillion"
    with pytest.raises(ValueError, match="beyond the trillions"):
        int_to_words(10**15)
    with pytest.raises(TypeError):
        int_to_words(1.5)  # type: ignore[arg-type]


def test_finds_every_number_of_the_shipped_gold(seed_text: str) -> None:
    """The hand-written gold for the seed article (gold/GUIDELINES.md section 4) as reference."""
    import yaml

    gold_file = Path(__file__).resolve().parent.parent / "gold" / "ukraine-peace-plan-ternopil.yaml"
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    expected = [
        (n["span"]["start"], n["span"]["end"], n["kind"], n.get("qualifier"), n["value"])
        for n in gold["numbers"]
    ]
    found = find_numbers(seed_text)
    assert [(a, b, p.kind, p.qualifier) for a, b, p in found] == [e[:4] for e in expected]
    assert all(values_equal(p.value, e[4]) for (_, _, p), e in zip(found, expected))


# -- currencies, codes, years, month ranges (decisions in docs/normalisation.md) -------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every form evalkit promises for the common dollar, percent and point amounts
        ("US$4.3bn", P(4_300_000_000, "money", "USD")),
        ("US$11 billion", P(11_000_000_000, "money", "USD")),
        ("US$700m", P(700_000_000, "money", "USD")),
        ("$350 million", P(350_000_000, "money", "USD")),
        ("25%", P(25, "percent", "percent")),
        ("25 per cent", P(25, "percent", "percent")),
        ("3 percentage points", P(3, "percent", "percentage point")),
        # other currencies: ISO codes in capitals, names after the amount, country-letter dollars
        ("SEK 41 billion", P(41_000_000_000, "money", "SEK")),
        ("5 million kronor", P(5_000_000, "money", "SEK")),
        ("CHF 10m", P(10_000_000, "money", "CHF")),
        ("20 francs", P(20, "money", "CHF")),
        ("300 Swiss francs", P(300, "money", "CHF")),
        ("BRL 5bn", P(5_000_000_000, "money", "BRL")),
        ("20 reais", P(20, "money", "BRL")),
        ("R$10m", P(10_000_000, "money", "BRL")),
        ("S$5m", P(5_000_000, "money", "SGD")),
        ("5 million US dollars", P(5_000_000, "money", "USD")),
        ("10 million CHF", P(10_000_000, "money", "CHF")),
        ("40 Norwegian kroner", P(40, "money", "NOK")),
        # a duration after "over" is a period unless a word around it makes "over" comparative
        ("over five years", P(5, "duration", "year")),
        ("for over five years", P(5, "duration", "year", "more than")),
        ("over five years old", P(5, "duration", "year", "more than")),
        ("over 25 people", P(25, "count", "person", "more than")),
        # months with a year after "of", and ranges of months sharing the year
        ("April of 2005", P("2005-04", "date")),
        ("March or April of 2005", P("2005-03", "date", None, None, "2005-04")),
        ("May-June 2004", P("2004-05", "date", None, None, "2004-06")),
        ("June to August", P("XXXX-06", "date", None, None, "XXXX-08")),
    ],
)
def test_parse_number_money_percent_dates(text: str, expected: ParsedNumber) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Savers with 401(k)s lost 25% of their money.", [("25%", P(25, "percent", "percent"))]),
        ("Groups under section 501(c)(3) pay no tax.", []),
        ("The plan cuts costs by $5bn over five years.", [("$5bn", P(5_000_000_000, "money", "USD")), ("five years", P(5, "duration", "year"))]),
        ("He was jailed for over five years.", [("over five years", P(5, "duration", "year", "more than"))]),
        ("Shareholders vote on 7-9 December.", [("7-9 December", P("XXXX-12-07", "date", None, None, "XXXX-12-09"))]),
        ("It lost 2 real customers in 2019 won by rivals.", [("2", P(2, "count")), ("2019", P("2019", "date"))]),
        ("The 10 try to win.", [("10", P(10, "count"))]),
        ("Regulators rule in March or April of 2026.", [("March or April of 2026", P("2026-03", "date", None, None, "2026-04"))]),
        ("December to January 2005 was cold.", [("December", P("XXXX-12", "date")), ("January 2005", P("2005-01", "date"))]),
    ],
)
def test_find_numbers_money_codes_and_periods(text: str, expected: list[tuple[str, ParsedNumber]]) -> None:
    assert spans(text) == expected


def test_a_year_equals_its_timex_string() -> None:
    # docs/gold-format.md allows a year as 1901 or "1901"; the parser writes "1901"
    assert parse_number("in 1901") == P("1901", "date")
    assert values_equal(1901, "1901") and values_equal("1901", 1901)
    assert values_equal(1901.0, "1901")
    assert values_equal(476, "0476")
    assert values_equal(1998, "19XX")  # an unwritten digit matches, as between TIMEX strings
    assert not values_equal(1902, "1901")
    assert not values_equal(7, "XXXX-12-07")  # only a year string, never a fuller date
    assert not values_equal(19, "190")


# -- frequencies, ranks, year ranges, parts of the day, more qualifiers (gold/GUIDELINES.md G-N) --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She won twice, once for speed and once for style.", [
            ("twice", P(2, "count", "time")), ("once", P(1, "count", "time")), ("once", P(1, "count", "time")),
        ]),
        ("the band rose to number two in the charts", [("number two", P(2, "ordinal"))]),
        ("the 1998-1999 school year", [("1998-1999", P("1998", "date", None, None, "1999"))]),
        ("it was opened in the 1931 and closed", [("1931", P("1931", "date"))]),
        ("voted for the third time", [("third", P(3, "ordinal", "time"))]),
        ("a second follow-up study began", [("second", P(2, "ordinal", "study"))]),
        ("the fifth-largest economy", [("fifth-largest", P(5, "ordinal", "economy"))]),
        ("they met Friday evening and left", [("Friday", P("XXXX-WXX-5", "date")), ("evening", P("TEV", "time"))]),
        ("costs rose by in excess of 40%", [("in excess of 40%", P(40, "percent", "percent", "more than"))]),
        ("no fewer than 12 ships", [("no fewer than 12", P(12, "count", "ship", "at least"))]),
        ("just under 300 votes", [("just under 300", P(300, "count", "vote", "nearly"))]),
    ],
)
def test_frequencies_ranks_year_ranges_and_parts_of_day(text: str, expected: list[tuple[str, ParsedNumber]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a number of people", "in the morning light", "once he arrived, they left", "1200-1500 people marched",
    ],
)
def test_these_are_not_ranks_times_or_year_ranges(text: str) -> None:
    assert all(p.kind not in ("ordinal", "time", "date") for p in (p for _, p in spans(text))), spans(text)
