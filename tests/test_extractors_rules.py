"""The rule-based baseline on short texts written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.errors import InputError
from evalkit.extractors.base import Extractor
from evalkit.extractors.rules import DEFAULT_LEAD, RulesExtractor, create
from evalkit.model import ENTITY_TYPES, NUMBER_KINDS, Document
from evalkit.serialize import span_problems, summary_from_dict, summary_to_dict

HEADLINE = "Floods hit southern Peru"
S1 = "Heavy rain killed at least 12 people in the city of Arequipa on Monday, Peru’s interior ministry said."
S2 = "Maria Lopez, who runs a bakery in Arequipa, said the water rose within minutes."
S3 = "“We lost everything,” Lopez said."
S4 = "The Red Cross sent three teams to the region, according to Reuters."
S5 = "Peruvian officials expect more rain."
TEXT = HEADLINE + "\n" + " ".join([S1, S2, S3, S4, S5])
DOC = Document("floods", TEXT)


@pytest.fixture(scope="module")
def summary():
    return create(None, {}).extract(DOC)


def by_name(summary, name):
    found = [e for e in summary.entities if e.name == name]
    assert found, f"no entity named {name!r} in {[e.name for e in summary.entities]}"
    return found[0]


def test_every_span_matches_the_text(summary) -> None:
    assert span_problems(summary, DOC, "rules") == []
    assert summary_from_dict(summary_to_dict(summary)) == summary


def test_entities_are_found_with_types(summary) -> None:
    expected = {
        "Peru": "GPE",
        "Arequipa": "GPE",
        "Maria Lopez": "PERSON",
        "Red Cross": "ORG",
        "Reuters": "ORG",
        "Peruvian": "NORP",
        "Peru’s interior ministry": "ORG",
    }
    for name, etype in expected.items():
        assert by_name(summary, name).type == etype
    assert all(e.type in ENTITY_TYPES for e in summary.entities)
    # Sentence-initial capitals are not names; titles and determiners stay out of spans.
    names = {e.name for e in summary.entities}
    assert not names & {"Floods", "Heavy", "The Red Cross", "Monday"}


def test_surname_mentions_join_the_full_name(summary) -> None:
    lopez = by_name(summary, "Maria Lopez")
    assert [m.text for m in lopez.mentions] == ["Maria Lopez", "Lopez"]
    assert lopez.aliases == ("Lopez",)
    assert [m.start for m in by_name(summary, "Arequipa").mentions] == [
        TEXT.index("Arequipa"),
        TEXT.index("Arequipa", TEXT.index("Arequipa") + 1),
    ]


def test_a_country_inside_an_institution_is_also_a_gpe_mention(summary) -> None:
    ministry = by_name(summary, "Peru’s interior ministry").mentions[0]
    peru_starts = [m.start for m in by_name(summary, "Peru").mentions]
    assert ministry.start in peru_starts


def test_numbers_are_found_with_values(summary) -> None:
    got = [(n.span.text, n.value, n.kind, n.qualifier) for n in summary.numbers]
    assert got == [
        ("at least 12", 12, "count", "at least"),
        ("Monday", "XXXX-WXX-1", "date", None),
        ("three", 3, "count", None),
    ]
    assert all(n.kind in NUMBER_KINDS for n in summary.numbers)


def test_a_quotation_is_attributed_to_its_speaker(summary) -> None:
    direct = [a for a in summary.attributions if a.kind == "direct"]
    assert len(direct) == 1
    (a,) = direct
    assert a.content.text == "We lost everything,"
    assert a.content.start == TEXT.index("We lost")
    assert a.source is not None and a.source.text == "Lopez"
    assert a.cue is not None and a.cue.text == "said" and a.cue.start == TEXT.index("said", TEXT.index("”"))
    assert a.source_entities == (by_name(summary, "Maria Lopez").id,)


def test_reported_speech_and_according_to(summary) -> None:
    found = {(a.source.text if a.source else None, a.cue.text if a.cue else None, a.content.text) for a in summary.attributions}
    assert ("Maria Lopez", "said", "the water rose within minutes") in found
    assert ("Peru’s interior ministry", "said", S1[: S1.index(", Peru")]) in found
    assert ("Reuters", "according to", "The Red Cross sent three teams to the region") in found
    assert [a.id for a in summary.attributions] == [f"a{i}" for i in range(1, len(summary.attributions) + 1)]


def test_relative_clause_is_not_the_source() -> None:
    doc = Document("x", "Ann Lee, who has lived in Lima for years, said the city was calm.")
    (a,) = create(None, {}).extract(doc).attributions
    assert a.source is not None and a.source.text == "Ann Lee"
    assert a.content.text == "the city was calm"


def test_apposition_gives_the_name_and_a_pronoun_is_resolved() -> None:
    text = "The agency’s spokesperson, Ann Lee, denied that talks had failed. “Nothing is decided,” she said."
    s = create(None, {}).extract(Document("x", text))
    first, second = s.attributions
    assert first.source is not None and first.source.text == "Ann Lee"
    assert first.cue is not None and first.cue.text == "denied"
    assert first.content.text == "talks had failed"
    assert second.kind == "direct"
    assert second.source is not None and second.source.text == "she"
    assert second.source_entities == first.source_entities != ()


def test_a_quote_continuing_a_framed_quote_has_the_same_source() -> None:
    text = "“It was loud,” Ann Lee said. “Then the lights went out.”"
    s = create(None, {}).extract(Document("x", text))
    assert [a.content.text for a in s.attributions] == ["It was loud,", "Then the lights went out."]
    assert s.attributions[0].cue == s.attributions[1].cue
    assert s.attributions[1].source is not None and s.attributions[1].source.text == "Ann Lee"


def test_summary_is_the_lead_sentences(summary) -> None:
    assert summary.summaries == (HEADLINE + "\n" + S1 + " " + S2,)
    two = create(None, {"lead": "2"}).extract(DOC)
    assert two.summaries == (HEADLINE + "\n" + S1,)
    assert create(None, {"lead": "0"}).extract(DOC).summaries == ()


def test_output_is_deterministic(summary) -> None:
    assert create(None, {}).extract(DOC) == summary


def test_factory_contract() -> None:
    ex = create(None, {})
    assert isinstance(ex, Extractor)
    assert isinstance(ex, RulesExtractor)
    assert ex.info.label == "rules"
    assert ex.info.options == {"lead": DEFAULT_LEAD}
    assert "lead" in create.options and create.describe
    with pytest.raises(InputError, match="lead"):
        create(None, {"lead": "many"})
    with pytest.raises(InputError, match="no argument"):
        create("x", {})


def test_empty_and_odd_texts_do_not_fail() -> None:
    ex = create(None, {})
    assert ex.extract(Document("e", "")).entities == ()
    for text in ["\n\n", "“", "said", "A. B. C.", "”unbalanced“ quotes said he"]:
        s = ex.extract(Document("o", text))
        assert span_problems(s, Document("o", text), "o") == []


_pieces = st.sampled_from(
    ["Ann", "Lee", "said", "“", "”", '"', "’s", "the", "Ministry", "of", "US", "army", ",", ".", " ", "\n",
     "according to", "that", "25", "three", "who", "Kyiv", "é", "‘", "’"]
)


@given(st.lists(_pieces, max_size=40).map(" ".join) | st.text(max_size=120))
def test_any_text_gives_spans_that_match_it(text: str) -> None:
    doc = Document("h", text)
    s = create(None, {}).extract(doc)
    assert span_problems(s, doc, "h") == []
