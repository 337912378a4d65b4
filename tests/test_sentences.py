"""Tests for evalkit.sentences: the offline news-English sentence splitter, spans and strings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.sentences import join_sentences, lead, sentence_spans, split_sentences


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
        (
            "Mr. Smith met J. R. Doe in the U.S. on Monday. It cost 3.5 million. He left!",
            ["Mr. Smith met J. R. Doe in the U.S. on Monday.", "It cost 3.5 million.", "He left!"],
        ),
        (
            "Storm hits coast\n\u201cGo now,\u201d he said. \u201cNow.\u201d Then it rained.",
            ["Storm hits coast", "\u201cGo now,\u201d he said.", "\u201cNow.\u201d", "Then it rained."],
        ),
        ("It was 5 p.m. when we left. Done.", ["It was 5 p.m. when we left.", "Done."]),
        ("\u00abGo.\u00bb He left.", ["\u00abGo.\u00bb", "He left."]),
        # Chinese and Japanese: no space between sentences, no capitals.
        ("习近平会见了泽连斯基。双方讨论了计划！会谈持续了两小时？",
         ["习近平会见了泽连斯基。", "双方讨论了计划！", "会谈持续了两小时？"]),
        ("他说：「我们会赢。」然后离开了。", ["他说：「我们会赢。」", "然后离开了。"]),
        ("会議が開かれた｡ 首相が出席した。", ["会議が開かれた｡", "首相が出席した。"]),
        ("Kyiv。", ["Kyiv。"]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_one_sentence_per_line_is_kept_as_is():
    lines = ["Mr. Smith met Gen. Jones in the U.S. capital.", "Talks failed.", "Both left."]
    assert split_sentences("\n".join(lines)) == lines


def test_lead_and_join() -> None:
    text = "Storm hits coast\nOne. Two. Three."
    assert lead(text, 2) == "Storm hits coast\nOne."
    assert lead(text, 0) == ""
    assert join_sentences(["A.", "B"]) == "A. B"


@given(st.text(alphabet=st.sampled_from(list("ab A.B!?\"' \n3,")), max_size=60))
def test_every_visible_character_is_kept_in_order(text):
    sentences = split_sentences(text)
    assert all(s and s == s.strip() for s in sentences)
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())


@given(st.text(max_size=200))
def test_spans_are_ordered_trimmed_and_cover_all_text(text: str) -> None:
    spans = sentence_spans(text)
    covered = set()
    last = 0
    for s, e in spans:
        assert last <= s < e
        assert not text[s].isspace() and not text[e - 1].isspace()
        covered.update(range(s, e))
        last = e
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
