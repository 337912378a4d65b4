"""A Unicode-aware word tokenizer for token-F1 and ROUGE.

rouge-score's default tokenizer keeps only ``[a-z0-9]``: Cyrillic and Chinese texts lose every
token, ``Erdoğan`` becomes ``erdo an`` and ``3.5`` becomes ``3 5``. This tokenizer cuts the
``default``-normalised text (NFKC, casefolded; see :mod:`evalkit.normalise`) instead:

* a word is a run of letters, digits and combining marks of any script (ZWJ/ZWNJ may join);
  a combining mark with no base letter before it starts a word too;
* a ``.`` or ``,`` between two digits stays inside the token, so ``3.5`` and ``1,200`` are one
  token each;
* each Han ideograph, Hiragana and Katakana character is a token of its own (those scripts do
  not separate words with spaces);
* everything else (spaces, punctuation, symbols, emoji) separates tokens;
* with stemming, rouge-score's own Porter stemmer (nltk's ``PorterStemmer``) is applied to
  tokens longer than 3 characters, exactly as rouge-score does; number tokens that hold a
  ``.`` or ``,`` are not stemmed.

On ASCII text with no digit-``.``/``,``-digit sequence the tokens equal
``rouge_score.tokenize.tokenize(text, stemmer)``; the tests check that against rouge-score.

:class:`Tokenizer` has the ``tokenize(text)`` method rouge-score's ``RougeScorer(tokenizer=)``
expects. rouge-score ignores its own ``use_stemmer`` when a tokenizer is passed, so this class
stems by itself when built with ``use_stemmer=True``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable

from evalkit.normalise import normalise, normalise_text

#: Scripts written without spaces between words whose characters become one token each:
#: CJK ideographs (all blocks and extensions, compatibility ideographs), Hiragana, Katakana.
_CJK_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303C),
    (0x3040, 0x30FF),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
    (0x1B000, 0x1B16F),
    (0x20000, 0x323AF),
)


def _ranges_class(ranges: "list[tuple[int, int]] | tuple[tuple[int, int], ...]") -> str:
    return "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    marks: list[tuple[int, int]] = []
    for cp in (*range(0x30000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(cp)).startswith("M"):
            if marks and marks[-1][1] == cp - 1:
                marks[-1] = (marks[-1][0], cp)
            else:
                marks.append((cp, cp))
    cjk = _ranges_class(_CJK_RANGES)
    mark = _ranges_class(marks)
    word_char = rf"(?:(?![{cjk}])[^\W_])"
    cont = rf"(?:{word_char}|[{mark}\u200c\u200d]|(?<=\d)[.,](?=\d))"
    # A combining mark with no base (NFKC leaves one after a space for Arabic isolated
    # harakat forms) starts a token of its own rather than vanishing.
    return re.compile(rf"[{cjk}][{mark}]*|{word_char}{cont}*|[{mark}]{cont}*")


def _normalised_spans(text: str) -> list[tuple[int, int, str]]:
    """Tokens of ``normalise_text(text)`` with offsets into the normalised text."""
    return [(m.start(), m.end(), m.group()) for m in _token_re().finditer(text)]


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """Every unstemmed token of ``text`` as ``(start, end, token)`` with source offsets.

    ``token`` is the normalised (NFKC, casefolded) form; ``text[start:end]`` is where it came
    from, so ``ﬁnance`` yields ``(0, 6, "finance")``.
    """
    norm = normalise(text, "default")
    out: list[tuple[int, int, str]] = []
    for a, b, tok in _normalised_spans(norm.text):
        s, e = norm.to_source(a, b)
        out.append((s, e, tok))
    return out


def _has_number_punct(token: str) -> bool:
    return "." in token or "," in token


@lru_cache(maxsize=1)
def _porter() -> Callable[[str], str]:
    from nltk.stem import porter  # rouge-score's own stemmer; imported only when stemming

    stemmer = porter.PorterStemmer()
    return lru_cache(maxsize=65536)(stemmer.stem)


class Tokenizer:
    """Has ``tokenize(text) -> list[str]``, so it can be passed as rouge-score's ``tokenizer=``.

    With ``use_stemmer=True`` tokens longer than 3 characters are Porter-stemmed as rouge-score
    stems them (rouge-score turns its own stemming off when given a tokenizer).
    """

    def __init__(self, use_stemmer: bool = True) -> None:
        self.use_stemmer = use_stemmer
        self._stem = _porter() if use_stemmer else None

    def tokenize(self, text: str) -> list[str]:
        """The tokens of ``text``, stemmed when the tokenizer was built to stem. Never empty strings."""
        tokens = [m.group() for m in _token_re().finditer(normalise_text(text, "default"))]
        stem = self._stem
        if stem is None:
            return tokens
        out = []
        for tok in tokens:
            if len(tok) > 3 and not _has_number_punct(tok):
                tok = stem(tok) or tok
            out.append(tok)
        return out

    def __repr__(self) -> str:
        return f"Tokenizer(use_stemmer={self.use_stemmer})"


def tokenize(text: str, use_stemmer: bool = False) -> list[str]:
    """Tokens of ``text`` (see the module docstring); stemmed when ``use_stemmer``."""
    return (_stemming_tokenizer if use_stemmer else _plain_tokenizer)().tokenize(text)


@lru_cache(maxsize=1)
def _plain_tokenizer() -> Tokenizer:
    return Tokenizer(use_stemmer=False)


@lru_cache(maxsize=1)
def _stemming_tokenizer() -> Tokenizer:
    return Tokenizer(use_stemmer=True)


__all__ = ["Tokenizer", "token_spans", "tokenize"]
