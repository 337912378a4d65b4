"""The offline sentence splitter used by the rule-based back-end."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from evalkit.extractors.sentences import join_sentences, lead, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_initials_and_numbers_do_not_end_sentences() -> None:
    text = "Mr. Smith met J. R. Doe in the U.S. on Monday. It cost 3.5 million. He left!"
    assert sentences(text) == ["Mr. Smith met J. R. Doe in the U.S. on Monday.", "It cost 3.5 million.", "He left!"]


def test_quotes_and_headlines() -> None:
    text = "Storm hits coast\n“Go now,” he said. “Now.” Then it rained."
    assert sentences(text) == ["Storm hits coast", "“Go now,” he said.", "“Now.”", "Then it rained."]


def test_lowercase_after_a_stop_continues_the_sentence() -> None:
    assert sentences("It was 5 p.m. when we left. Done.") == ["It was 5 p.m. when we left.", "Done."]


def test_lead_and_join() -> None:
    text = "Storm hits coast\nOne. Two. Three."
    assert lead(text, 2) == "Storm hits coast\nOne."
    assert lead(text, 0) == ""
    assert join_sentences(["A.", "B"]) == "A. B"


@given(st.text(max_size=200))
def test_spans_are_ordered_trimmed_and_cover_all_text(text: str) -> None:
    spans = split_sentences(text)
    covered = set()
    last = 0
    for s, e in spans:
        assert last <= s < e
        assert not text[s].isspace() and not text[e - 1].isspace()
        covered.update(range(s, e))
        last = e
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
