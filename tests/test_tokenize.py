"""Tests for evalkit.tokenize: laws as properties, equality with rouge-score on its domain."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from nltk.stem import porter
from rouge_score import rouge_scorer
from rouge_score import tokenize as rouge_tokenize

from evalkit.tokenize import Tokenizer, token_spans, tokenize

any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
script_text = st.text(
    st.one_of(
        st.characters(categories=["L", "M", "N"]),
        st.sampled_from(list(" .,;'’-—\u00a0\u200c\u200d")),
    ),
    max_size=40,
)
texts = st.one_of(any_text, script_text)

#: The three characters the ``default`` profile defines as apostrophe or prime although Unicode
#: classes them as letters (U+0374 becomes U+02B9 under NFKC). They are punctuation to the
#: tokenizer, so a text whose only letter is one of them has no token.
APOSTROPHE_LETTERS = frozenset("\u02b9\u02bc\u0374")

#: The domain where evalkit's tokens equal rouge-score's: ASCII text in which no digit is
#: followed by ``.`` or ``,`` and another digit. There rouge-score splits ``3.5`` into ``3``
#: and ``5`` while evalkit keeps the number whole; everywhere else on ASCII the two agree.
NUMBER_PUNCT = re.compile(r"\d[.,]\d")
ascii_text = st.text(st.characters(codec="ascii"), max_size=80).filter(lambda t: not NUMBER_PUNCT.search(t))
ascii_words = st.lists(
    st.one_of(
        st.sampled_from(
            ["running", "runs", "ran", "generously", "agreed", "caresses", "ponies", "relational",
             "hopping", "Kyiv's", "U.S.", "co-operate", "don't", "2025", "A1", "e-mail", "...",
             "happiness", "sensational", "electricity", "the", "a", "BBC", "x", "fee", "ies"]
        ),
        st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True),
    ),
    max_size=20,
).map(" ".join).filter(lambda t: not NUMBER_PUNCT.search(t))


@pytest.fixture(scope="module")
def rouge_stemmer() -> porter.PorterStemmer:
    return porter.PorterStemmer()


# -- laws ----------------------------------------------------------------------------------------


@given(texts, st.booleans())
def test_never_emits_an_empty_token(text: str, stem: bool) -> None:
    assert all(tok for tok in tokenize(text, use_stemmer=stem))


@given(texts, st.booleans())
@example("\ufe70", False)  # Arabic isolated harakat: NFKC gives a space and a lone mark
@example("\u00b2", False)
def test_a_letter_or_digit_always_yields_a_token(text: str, stem: bool) -> None:
    assume(any(c.isalnum() and c not in APOSTROPHE_LETTERS for c in text))
    assert tokenize(text, use_stemmer=stem)


@given(texts)
def test_token_spans_point_at_their_source(text: str) -> None:
    spans = token_spans(text)
    assert [tok for _, _, tok in spans] == tokenize(text)
    prev_start = 0
    for start, end, tok in spans:
        # monotone; two tokens may share a source character ("¼" gives "1" and "4")
        assert prev_start <= start < end <= len(text)
        prev_start = start
        assert tok in tokenize(text[start:end])


@given(texts)
def test_nfc_and_nfd_give_the_same_tokens(text: str) -> None:
    assert tokenize(unicodedata.normalize("NFC", text)) == tokenize(unicodedata.normalize("NFD", text))


# -- rouge-score agreement -------------------------------------------------------------------------


@given(st.one_of(ascii_text, ascii_words))
@example("The runners were running quickly 2025 covid19s e-mail don't")
def test_equals_rouge_score_on_ascii_without_number_punctuation(text: str) -> None:
    stemmer = porter.PorterStemmer()
    assert tokenize(text, use_stemmer=False) == rouge_tokenize.tokenize(text, None)
    assert tokenize(text, use_stemmer=True) == rouge_tokenize.tokenize(text, stemmer)
    assert Tokenizer(use_stemmer=True).tokenize(text) == rouge_tokenize.tokenize(text, stemmer)


def test_differs_from_rouge_score_only_by_keeping_numbers_whole() -> None:
    text = "GDP grew 3.5 per cent to 1,200 units"
    assert rouge_tokenize.tokenize(text, None) == ["gdp", "grew", "3", "5", "per", "cent", "to", "1", "200", "units"]
    assert tokenize(text) == ["gdp", "grew", "3.5", "per", "cent", "to", "1,200", "units"]


_SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=Tokenizer(use_stemmer=True))


@given(texts)
@example("Путин")
@example("習近平")
def test_a_text_scored_against_itself_is_perfect(text: str) -> None:
    tokens = Tokenizer(use_stemmer=True).tokenize(text)
    assume(tokens)
    scores = _SCORER.score(text, text)
    assert scores["rouge1"].fmeasure == 1.0
    assert scores["rougeL"].fmeasure == 1.0
    if len(tokens) >= 2:  # a single token has no bigram
        assert scores["rouge2"].fmeasure == 1.0


def test_stems_when_passed_to_rouge_score() -> None:
    # rouge-score ignores use_stemmer when a tokenizer is given; ours stems by itself.
    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True, tokenizer=Tokenizer(use_stemmer=True))
    assert scorer.score("the soldiers were running", "the soldier was runs")["rouge1"].fmeasure == pytest.approx(0.75)


# -- behaviour by example (expectations written by hand) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Путин встретился с Зеленским", ["путин", "встретился", "с", "зеленским"]),
        ("Ελληνικά κείμενα", ["ελληνικά", "κείμενα"]),
        ("مرحبا بالعالم", ["مرحبا", "بالعالم"]),
        ("हिन्दी भाषा", ["हिन्दी", "भाषा"]),
        ("習近平が来た", ["習", "近", "平", "が", "来", "た"]),
        ("Erdoğan’s plan", ["erdoğan", "s", "plan"]),
        ("ﬁnance", ["finance"]),
        ("3.5 and 1,200 and 1.2.3", ["3.5", "and", "1,200", "and", "1.2.3"]),
        ("end. 3, 4", ["end", "3", "4"]),
        ("e\u0301te\u0301", ["\u00e9t\u00e9"]),
        ("fire 🔥 emoji", ["fire", "emoji"]),
        ("", []),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


def test_token_spans_use_source_offsets() -> None:
    text = "ﬁnance, Erdoğan’s 3.5"
    assert token_spans(text) == [(0, 6, "finance"), (8, 15, "erdoğan"), (16, 17, "s"), (18, 21, "3.5")]


def test_numbers_with_punctuation_are_not_stemmed() -> None:
    assert tokenize("1,200.50 apples", use_stemmer=True) == ["1,200.50", "appl"]


def test_repr_names_the_setting() -> None:
    assert repr(Tokenizer(use_stemmer=False)) == "Tokenizer(use_stemmer=False)"
