"""Classes of numeric expression the shared number module reads by general cues (fourth round).

Every sentence is invented for these tests, with made-up names of people, companies, clubs and
towns; the expected values follow gold/GUIDELINES.md (section 10 settles quarters, match
scores, ``a dozen``, coordinated people nouns and populations). Both reference back-ends read
numbers through :mod:`evalkit.extractors.rules_numbers`, so the tests run the ``rules``
back-end.
"""

from __future__ import annotations

from evalkit.extractors.rules import create
from evalkit.model import Document


def numbers(text: str) -> dict[str, tuple[object, ...]]:
    summary = create(None, {}).extract(Document("t", text))
    return {n.span.text: (n.kind, n.value, n.value_max, n.unit, n.qualifier) for n in summary.numbers}


# --- money -----------------------------------------------------------------------------------


def test_a_currency_name_of_one_country_is_money() -> None:
    found = numbers("The winners of the Obuasi Shield will share 80,000 cedis, the league said.")
    assert found["80,000 cedis"] == ("money", 80000, None, "GHS", None)


def test_a_shared_currency_name_takes_the_country_the_text_names() -> None:
    text = (
        "Brekkvik Fisk, a Norwegian trawler company, earned 2.1 billion kroner last year. "
        "Its board proposed a dividend of 3 kroner a share."
    )
    found = numbers(text)
    assert found["2.1 billion kroner"] == ("money", 2_100_000_000, None, "NOK", None)
    assert found["3 kroner"] == ("money", 3, None, "NOK", None)
    found = numbers("Tolva Dairy in Denmark paid 40 kroner per share.")
    assert found["40 kroner"][3] == "DKK"
    found = numbers("Farmers in Kenya were paid 2.4 billion shillings.")
    assert found["2.4 billion shillings"][3] == "KES"


def test_a_shared_currency_name_stays_a_count_when_no_country_is_named() -> None:
    found = numbers("The fine was 900 pesos.")
    assert all(kind != "money" for kind, *_ in found.values())


# --- quarters and halves ---------------------------------------------------------------------


def test_quarters_and_halves_of_a_year_are_dates() -> None:
    text = (
        "Valdora Mining reported a 12% fall in fourth-quarter profit. Costs had risen since the "
        "third quarter, and output should recover in the second half of 2027 and the first half "
        "of the year after. Sales in the quarter were flat, and the margin fell 2 percentage points."
    )
    found = numbers(text)
    assert found["fourth-quarter"] == ("date", "XXXX-Q4", None, None, None)
    assert found["third quarter"] == ("date", "XXXX-Q3", None, None, None)
    assert found["second half of 2027"] == ("date", "2027-H2", None, None, None)
    assert "quarter" not in found  # "in the quarter": no fraction
    assert found["12%"][0] == "percent"


def test_in_a_game_a_quarter_is_a_period_of_play_and_half_time_no_number() -> None:
    text = (
        "The Orrin Bears scored 30 points in the fourth quarter. The Bears led at half-time and "
        "pulled away in the second half."
    )
    found = numbers(text)
    assert found["fourth"] == ("ordinal", 4, None, "quarter", None)
    assert found["second"] == ("ordinal", 2, None, "half", None)
    assert "half" not in found


def test_a_fraction_after_a_determiner_or_by_stays_a_fraction() -> None:
    found = numbers("Kelso Rail will cut a quarter of its staff and its costs by a third.")
    assert found["a quarter"][0] == "fraction"
    assert found["a third"][0] == "fraction"


def test_an_ordinal_glued_to_a_noun_counts_it() -> None:
    found = numbers("Dunne, who made his first-team debut in May, scored again.")
    assert found["first-team"] == ("ordinal", 1, None, "team", None)


# --- scores, ages, multipliers, ranges -------------------------------------------------------


def test_a_match_score_is_two_counts_of_the_scored_unit() -> None:
    text = (
        "Harbour Town beat Millbrook Rovers 3–1 on Saturday. Okafor's two goals made it 2–1 "
        "before the break."
    )
    found = {(k, v[1]): v for k, v in numbers(text).items()}
    assert numbers(text)["3"] == ("count", 3, None, "goal", None)
    assert numbers(text)["1"] == ("count", 1, None, "goal", None)
    assert ("2", 2) in found


def test_a_range_of_counts_is_no_score() -> None:
    found = numbers("The council won 20-25 seats, officials said.")
    assert not any(v[3] == "goal" for v in found.values())


def test_an_age_in_apposition_is_a_duration_in_years() -> None:
    found = numbers("Tomas Rindal, 54, said the plan would work. The driver, 38, was unhurt.")
    assert found["54"] == ("duration", 54, None, "year", None)
    assert found["38"] == ("duration", 38, None, "year", None)


def test_times_as_many_is_a_multiplier() -> None:
    found = numbers("Clinics saw nearly three times as many cases, and repairs cost twice the estimate.")
    assert found["nearly three times"] == ("multiplier", 3, None, None, "nearly")
    assert found["twice"] == ("multiplier", 2, None, None, None)


def test_a_range_after_range_from_keeps_its_unit() -> None:
    found = numbers("The patients range in age from 6 to 80 years.")
    assert found["6 to 80 years"] == ("duration", 6, 80, "year", None)


def test_from_to_without_range_is_two_numbers() -> None:
    found = numbers("Prices rose from 40 to 52 cents.")
    assert "40 to 52 cents" not in found


# --- units -----------------------------------------------------------------------------------


def test_a_partitive_takes_the_unit_of_the_whole() -> None:
    text = "The Green League took 29 of the council's 55 seats and 11 of the 14 rural seats."
    found = numbers(text)
    assert found["29"][3] == "seat"
    assert found["11"][3] == "seat"


def test_the_head_noun_after_modifiers_is_the_unit() -> None:
    found = numbers("Another 390 suspected cases await tests, and 40 rural bus routes were cut.")
    assert found["390"][3] == "case"
    assert found["40"][3] == "route"


def test_a_count_with_no_noun_after_a_verb_acting_on_people_counts_people() -> None:
    found = numbers("A landslide near Korvala killed 11 and injured 30, and rescuers evacuated 450 from the valley.")
    assert found["11"][3] == "person"
    assert found["30"][3] == "person"
    assert found["450"][3] == "person"


def test_coordinated_people_nouns_count_people() -> None:
    found = numbers("The agency sent 12 doctors and nurses and 40 tents and blankets.")
    assert found["12"][3] == "person"
    assert found["40"][3] == "tent"


def test_a_population_counts_people() -> None:
    found = numbers("The district, which has a population of about 2.6 million, voted on Monday.")
    assert found["about 2.6 million"] == ("count", 2_600_000, None, "person", "about")


# --- days and years --------------------------------------------------------------------------


def test_a_weekday_in_the_possessive_and_mid_afternoon_are_read() -> None:
    found = numbers("Turnout in Saturday's vote was low, and shares of Pellam fell by mid-afternoon.")
    assert found["Saturday"] == ("date", "XXXX-WXX-6", None, None, None)
    assert found["afternoon"] == ("time", "TAF", None, None, None)


def test_a_year_after_for_is_a_date_unless_a_noun_follows() -> None:
    found = numbers("Ostra Steel lowered its guidance for 2026 to 1.2 million tonnes, enough for 2000 homes.")
    assert found["2026"] == ("date", "2026", None, None, None)
    assert found["2000"][0] == "count"
