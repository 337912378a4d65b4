"""Finding quotations in running text."""

from __future__ import annotations

from evalkit.extractors.quotes import find_quotes, inside_quote


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_straight_and_guillemet_quotes() -> None:
    text = '“It burned,” he said. She said "no way". «Oui,» dit-il.'
    assert contents(text) == ["It burned,", "no way", "Oui,"]


def test_nested_single_quotes_stay_inside_and_apostrophes_are_not_quotes() -> None:
    text = "“The noise of ‘shaheeds’ woke the neighbours’ kids,” he said. Kyiv’s allies."
    assert contents(text) == ["The noise of ‘shaheeds’ woke the neighbours’ kids,"]


def test_british_single_quotes_need_several_words() -> None:
    text = "He called it ‘absurd’. ‘We will not leave this city,’ she said."
    assert contents(text) == ["We will not leave this city,"]


def test_an_unclosed_quote_ends_at_the_paragraph() -> None:
    text = "“First paragraph of a long quote\n“Second one.”"
    assert contents(text) == ["First paragraph of a long quote", "Second one."]


def test_inside_quote() -> None:
    text = "He said “stop” twice."
    (q,) = find_quotes(text)
    assert inside_quote([q], text.index("stop")) == q
    assert inside_quote([q], text.index("twice")) is None
