"""One canonical table of unit spellings: every family evalkit compares units in."""

from __future__ import annotations

import pytest

from evalkit.numparse import canonical_unit, find_numbers
from evalkit.numparse import lexicon as lx


@pytest.mark.parametrize(
    ("family", "spellings", "canonical"),
    [
        ("percent", ["%", "percent", "per cent", "Percent", "pc", "pct"], "percent"),
        ("percentage points", ["percentage point", "percentage points", "pp"], "percentage point"),
        ("US dollars", ["$", "US$", "us$", "dollars", "dollar", "US dollars", "USD", "usd"], "USD"),
        ("pounds sterling", ["£", "pounds", "sterling", "GBP"], "GBP"),
        ("euros", ["€", "euro", "euros", "EUR"], "EUR"),
        ("Swedish kronor", ["SEK", "kronor", "krona", "Swedish kronor"], "SEK"),
        ("Swiss francs", ["CHF", "francs", "Swiss francs"], "CHF"),
        ("Brazilian reais", ["BRL", "R$", "reais", "Brazilian reais"], "BRL"),
        ("yards", ["yd", "yard", "yards"], "yard"),
        ("kilometres", ["km", "kilometre", "kilometres", "kilometers"], "kilometre"),
        ("feet", ["ft", "foot", "feet"], "foot"),
        ("people", ["person", "people", "persons", "men", "women", "injured", "killed", "dead", "wounded"], "person"),
        ("children", ["child", "children", "Children"], "child"),
        ("years", ["year", "years"], "year"),
        ("counted nouns", ["countries", "country", "Countries "], "country"),
    ],
)
def test_every_spelling_of_a_family_is_one_unit(family: str, spellings: list[str], canonical: str) -> None:
    assert {s: canonical_unit(s) for s in spellings} == {s: canonical for s in spellings}, family


def test_no_unit_is_none_and_units_of_different_families_differ() -> None:
    assert canonical_unit(None) is None and canonical_unit("  ") is None
    assert canonical_unit("%") is not None  # "%" is percent, not "no unit"
    distinct = ["percent", "percentage point", "USD", "SGD", "yard", "metre", "person", "child", "point"]
    assert len({canonical_unit(u) for u in distinct}) == len(distinct)


def test_units_the_scanner_writes_are_canonical() -> None:
    """The parser and the scorer read units through the same table: whatever the scanner
    emits maps to itself."""
    emitted = (
        set(lx.CURRENCY_PREFIXES.values()) | set(lx.CURRENCY_WORDS.values()) | set(lx.CURRENCY_PHRASES.values())
        | set(lx.CURRENCY_CODES) | set(lx.TIME_UNITS.values()) | set(lx.MEASURE_UNITS.values())
        | set(lx.COUNT_NOUNS.values()) | {"percent", "percentage point"}
    )
    assert {u: canonical_unit(u) for u in emitted} == {u: u for u in emitted}
    text = "At least 25 people, 3 children, 10 yards, 25%, 2 percentage points, US$5m, 7 kronor, 3 countries."
    assert all(canonical_unit(p.unit) == p.unit for _, _, p in find_numbers(text))
