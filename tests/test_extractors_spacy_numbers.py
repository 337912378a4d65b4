"""Numbers from the spaCy back-end (real en_core_web_sm): the recogniser finds them, the shared
number parser reads them — percentages and money kept whole, the label deciding the kind where
the parser reads a bare count. Expected values follow gold/GUIDELINES.md (G-N5)."""

from __future__ import annotations

import pytest

from evalkit.extractors.spacy_backend import create
from evalkit.model import Document

TEXT = (
    "Shares of the retailer rose 22% on Wednesday, while its rival gained 15 percent. "
    "The company will pay US$11 billion for the chain and expects $500 million in savings. "
    "Saturday, November 13, 2004 was the day of the vote, when about 4% of voters stayed home."
)


@pytest.fixture(scope="module")
def numbers():
    return create(None, {}).extract(Document("n", TEXT)).numbers


def by_text(numbers, text):
    found = [n for n in numbers if n.span is not None and n.span.text == text]
    assert found, f"no number {text!r} in {[n.span.text for n in numbers if n.span]}"
    return found[0]


def test_percent_sign_and_word_stay_in_the_span(numbers) -> None:
    assert (by_text(numbers, "22%").value, by_text(numbers, "22%").kind) == (22, "percent")
    assert (by_text(numbers, "15 percent").value, by_text(numbers, "15 percent").kind) == (15, "percent")
    about = by_text(numbers, "about 4%")
    assert (about.value, about.kind, about.qualifier) == (4, "percent", "about")


def test_currency_and_scale_words_stay_in_the_span(numbers) -> None:
    big = by_text(numbers, "US$11 billion")
    assert (big.value, big.kind, big.unit) == (11_000_000_000, "money", "USD")
    savings = by_text(numbers, "$500 million")
    assert (savings.value, savings.kind) == (500_000_000, "money")


def test_a_full_date_is_read_by_the_shared_parser(numbers) -> None:
    date = by_text(numbers, "Saturday, November 13, 2004")
    assert (date.value, date.kind) == ("2004-11-13", "date")
    assert by_text(numbers, "Wednesday").value == "XXXX-WXX-3"


def test_the_label_decides_the_kind_where_the_parser_reads_a_count() -> None:
    from spacy.tokens import Span as SpacySpan

    from evalkit.extractors.spacy_backend import load_pipeline, number_facts

    nlp = load_pipeline("en_core_web_sm")
    doc = nlp("Turnout was 52 in the north.")
    doc.ents = [SpacySpan(doc, 2, 3, label="PERCENT")]
    (fact,) = number_facts(doc)
    assert (fact.span.text, fact.value, fact.kind) == ("52", 52, "percent")
    doc.ents = [SpacySpan(doc, 2, 3, label="CARDINAL")]
    (fact,) = number_facts(doc)
    assert fact.kind == "count"


def test_a_count_with_its_noun_stays_a_count_and_a_lone_pronoun_one_is_no_number() -> None:
    text = (
        "Halvard Sjø ASA, one of Norway's largest fish farmers, said profit fell to 1.2 billion "
        "kroner. The Orrin Rovers had won the cup in each of the previous two seasons."
    )
    found = create(None, {}).extract(Document("s", text)).numbers
    assert by_text(found, "1.2 billion kroner").unit == "NOK"
    seasons = by_text(found, "two")
    assert (seasons.kind, seasons.unit) == ("count", "season")
    assert not [n for n in found if n.span is not None and n.span.text == "one"]
