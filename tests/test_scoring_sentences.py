"""Tests for evalkit.scoring.sentences: the offline news-English sentence splitter."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.scoring.sentences import split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("Gen. Driscoll arrived on Jan. 5 in Kyiv.", ["Gen. Driscoll arrived on Jan. 5 in Kyiv."]),
        ("John F. Kennedy spoke.", ["John F. Kennedy spoke."]),
        ("The U.S. Army said no. It left.", ["The U.S. Army said no.", "It left."]),
        ("Talks were held in the U.S. The result was unclear.",
         ["Talks were held in the U.S.", "The result was unclear."]),
        ("It rose 3.5% to 1,200. Prices fell.", ["It rose 3.5% to 1,200.", "Prices fell."]),
        ('"We will win," he said. "Never." Then silence.',
         ['"We will win," he said.', '"Never."', "Then silence."]),
        (
            "\u201cIt was burning.\u201d Teslyuk said.",
            ["\u201cIt was burning.\u201d", "Teslyuk said."],
        ),
        ('"Wow!" he said.', ['"Wow!" he said.']),
        ("he sat. then he left", ["he sat. then he left"]),
        (
            "Headline without a stop\nBody text. More.",
            ["Headline without a stop", "Body text.", "More."],
        ),
        ("It fell 5%. 2023 was worse.", ["It fell 5%.", "2023 was worse."]),
        ("No. 10 Downing St. is in London.", ["No. 10 Downing St. is in London."]),
        ("", []),
        ("  \n\n ", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_one_sentence_per_line_is_kept_as_is():
    lines = ["Mr. Smith met Gen. Jones in the U.S. capital.", "Talks failed.", "Both left."]
    assert split_sentences("\n".join(lines)) == lines


@given(st.text(alphabet=st.sampled_from(list("ab A.B!?\"' \n3,")), max_size=60))
def test_every_visible_character_is_kept_in_order(text):
    sentences = split_sentences(text)
    assert all(s and s == s.strip() for s in sentences)
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())
