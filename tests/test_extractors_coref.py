"""Name-based grouping of mentions into entities."""

from __future__ import annotations

from evalkit.extractors.coref import Mention, merge_mentions, slug
from evalkit.model import Span

TEXT = "Volodymyr Zelenskyy met Trump. Zelenskyy said the Kremlin and Russia’s allies… KREMLIN. Donald Trump left."


def m(text: str, etype: str, strength: int = 1, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Mention(Span(start, start + len(text), text), etype, strength)


def test_same_name_and_surname_merge_but_different_names_do_not() -> None:
    entities = merge_mentions([
        m("Volodymyr Zelenskyy", "PERSON"),
        m("Trump", "ORG", 0),
        m("Zelenskyy", "PERSON", nth=1),
        m("Kremlin", "ORG", 2),
        m("Russia", "GPE", 3),
        m("KREMLIN", "ORG", 1),
        m("Donald Trump", "PERSON"),
    ])
    by_name = {e.name: e for e in entities}
    assert set(by_name) == {"Volodymyr Zelenskyy", "Donald Trump", "Kremlin", "Russia"}
    assert [x.text for x in by_name["Volodymyr Zelenskyy"].mentions] == ["Volodymyr Zelenskyy", "Zelenskyy"]
    # A weak single-word guess joins the person named in full later; the strongest type wins.
    assert by_name["Donald Trump"].type == "PERSON"
    assert [x.text for x in by_name["Donald Trump"].mentions] == ["Trump", "Donald Trump"]
    assert [x.text for x in by_name["Kremlin"].mentions] == ["Kremlin", "KREMLIN"]
    assert [e.id for e in entities] == ["volodymyr-zelenskyy", "donald-trump", "kremlin", "russia"]


def test_a_strongly_typed_single_word_does_not_join_a_person() -> None:
    entities = merge_mentions([m("Donald Trump", "PERSON"), m("Trump", "ORG", 2)])
    assert len(entities) == 2


def test_slug() -> None:
    assert slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert slug("Ukraine’s interior ministry") == "ukraine-interior-ministry"
    assert slug("…") == "entity"


def test_a_country_s_short_forms_key_as_its_full_name_only_as_places() -> None:
    text = "The U.S. and America and the United States; America Movil and Britain."

    def at(name: str, etype: str, nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        return Mention(Span(start, start + len(name), name), etype, 3)

    entities = merge_mentions([
        at("U.S.", "GPE"), at("America", "GPE"), at("United States", "GPE"),
        at("America Movil", "ORG"), at("Britain", "GPE"),
    ])
    by_name = {e.name: e for e in entities}
    assert [x.text for x in by_name["United States"].mentions] == ["U.S.", "America", "United States"]
    assert set(by_name) == {"United States", "America Movil", "Britain"}
