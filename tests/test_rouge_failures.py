"""rouge-score 0.1.2's failures on news text, and evalkit's tokenizer not having them.

Each test computes rouge-score's number live (so the failure is shown to exist in the installed
version) and then evalkit's on the same input. docs/normalisation.md tabulates the same rows.
"""

from __future__ import annotations

import unicodedata

import pytest
from rouge_score import rouge_scorer
from rouge_score import tokenize as rouge_tokenize

from evalkit.tokenize import Tokenizer, tokenize

TYPES = ["rouge1", "rouge2", "rougeL"]


def rouge_default(target: str, prediction: str, stem: bool = False) -> dict[str, float]:
    scorer = rouge_scorer.RougeScorer(TYPES, use_stemmer=stem)
    return {k: v.fmeasure for k, v in scorer.score(target, prediction).items()}


def rouge_evalkit(target: str, prediction: str, stem: bool = False) -> dict[str, float]:
    scorer = rouge_scorer.RougeScorer(TYPES, tokenizer=Tokenizer(use_stemmer=stem))
    return {k: v.fmeasure for k, v in scorer.score(target, prediction).items()}


@pytest.mark.parametrize(
    "text",
    ["Путин встретился с Зеленским в Киеве", "习近平在北京会见了泽连斯基"],
    ids=["cyrillic", "chinese"],
)
def test_identical_non_latin_texts_score_zero(text: str) -> None:
    assert rouge_default(text, text) == {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    assert rouge_evalkit(text, text) == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}


@pytest.mark.parametrize(
    ("text", "rouge_tokens", "evalkit_tokens"),
    [
        ("Erdoğan", ["erdo", "an"], ["erdoğan"]),
        ("3.5", ["3", "5"], ["3.5"]),
        ("ﬁnance", ["nance"], ["finance"]),
    ],
)
def test_tokens_are_mangled(text: str, rouge_tokens: list[str], evalkit_tokens: list[str]) -> None:
    assert rouge_tokenize.tokenize(text, None) == rouge_tokens
    assert tokenize(text) == evalkit_tokens


def test_nfc_and_nfd_forms_of_the_same_text_differ() -> None:
    # Six words, one with an accent: NFC drops "é" (caf), NFD keeps "e" (cafe): 5 of 6 match.
    text = "The café opened in Paris today"
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    assert nfc != nfd
    assert rouge_default(nfc, nfd)["rouge1"] == pytest.approx(5 / 6)
    assert rouge_evalkit(nfc, nfd) == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}


def test_different_cyrillic_names_score_as_identical() -> None:
    a, b = "Путин met Zelensky in Kyiv", "Совсем met Zelensky in Kyiv"
    assert rouge_default(a, b) == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}
    evalkit = rouge_evalkit(a, b)
    assert evalkit["rouge1"] == pytest.approx(4 / 5)
    assert evalkit["rouge2"] == pytest.approx(3 / 4)
    assert evalkit["rougeL"] == pytest.approx(4 / 5)


class _WhitespaceTokenizer:
    """The simplest custom tokenizer a user would pass."""

    def tokenize(self, text: str) -> list[str]:
        return text.lower().split()


def test_a_custom_tokenizer_silently_turns_stemming_off() -> None:
    target, prediction = "troops were running", "troop was runs"
    stemmed = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    assert stemmed.score(target, prediction)["rouge1"].fmeasure == pytest.approx(2 / 3)
    custom = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True, tokenizer=_WhitespaceTokenizer())
    assert custom.score(target, prediction)["rouge1"].fmeasure == 0.0  # use_stemmer was ignored
    ours = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True, tokenizer=Tokenizer(use_stemmer=True))
    assert ours.score(target, prediction)["rouge1"].fmeasure == pytest.approx(2 / 3)
