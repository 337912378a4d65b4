"""An offline sentence splitter for news English, for ROUGE-Lsum.

ROUGE-Lsum is computed over sentences, and rouge-score expects them separated by newlines
(its own splitting calls NLTK's punkt, which needs a download). News summaries are short and
well edited, so a few rules do the job:

* a line break always ends a sentence;
* otherwise a sentence ends after ``.``, ``!``, ``?`` or ``…`` (and any closing quotes or
  brackets after it) when whitespace follows and the next word starts like a sentence: an
  upper-case letter or a digit, possibly after opening quotes or brackets;
* a ``.`` does not end a sentence after a known abbreviation (capitalised ``Mr.``, ``Dr.``,
  ``Gen.``, ``Jan.``, ``No.``, ``Inc.``…; lower-case ``vs.``, ``approx.``) or a single capital
  initial (``John F. Kennedy``);
* after an initialism (``U.S.``, ``U.K.``, ``a.m.``) a ``.`` ends the sentence only when the
  next word is a common sentence opener (``The``, ``He``, ``But``…): ``the U.S. Army`` stays
  whole, ``in the U.S. The talks`` splits;
* decimals (``3.5``), numbers (``1,200``) and web addresses never split: no whitespace follows
  their dot.
"""

from __future__ import annotations

import re

#: Abbreviations after which ``.`` does not end a sentence when they are capitalised
#: (``Gen. Smith``; but ``he sat. Then`` splits), compared without the final dot.
TITLE_ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm maj brig cpl pte pvt
    st mt ft rev fr sr jr hon pres supt insp det amb
    inc ltd co corp plc llc bros dept univ assn
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    no nos vol vols fig
    """.split()
)
#: Abbreviations written in lower case that never end a sentence in news text.
LOWER_ABBREVIATIONS: frozenset[str] = frozenset("vs approx cf viz pp".split())

#: Words that open a sentence often enough that, after an initialism such as ``U.S.``, they
#: mark a sentence break.
SENTENCE_OPENERS: frozenset[str] = frozenset(
    """
    the a an he she it they we i you his her its their our this that these those there
    but and or so yet however meanwhile in on at for after before when while if as since
    mr mrs ms dr officials police critics some many most no one two three
    """.split()
)

_BOUNDARY = re.compile(
    r"""
    (?P<end>[.!?\u2026]+)          # sentence-final punctuation
    (?P<close>["'\u201d\u2019)\]]*) # closing quotes or brackets
    (?P<space>\s+)
    (?=["'\u201c\u2018(\[]*(?P<next>\w))  # the first letter or digit of the next sentence
    """,
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD = re.compile(r"[\"'\u201c\u2018(\[]*([A-Za-z]+)")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, in order, with empty ones dropped.

    Joining the result with ``"\\n"`` gives the form rouge-score's ROUGE-Lsum expects; every
    non-space character of ``text`` appears in exactly one sentence, in order.
    """
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for m in _BOUNDARY.finditer(line):
            if _ends_sentence(line, m):
                sentences.append(line[start : m.start("space")].strip())
                start = m.end("space")
        sentences.append(line[start:].strip())
    return [s for s in sentences if s]


def _ends_sentence(line: str, m: re.Match[str]) -> bool:
    """Whether the punctuation matched by ``m`` closes a sentence (see the module rules)."""
    nxt = m.group("next")
    if not (nxt.isupper() or nxt.isdigit()):
        return False
    if m.group("end") != "." or m.group("close"):
        return True
    before = _WORD_BEFORE.search(line, 0, m.start("end"))
    if before is None:
        return True
    word = before.group(1).lstrip("\"'\u201c\u2018([")
    if word in LOWER_ABBREVIATIONS or (word[:1].isupper() and word.lower() in TITLE_ABBREVIATIONS):
        return False
    if len(word) == 1 and word.isupper():  # a middle initial: John F. Kennedy
        return False
    if _INITIALISM.match(word):
        opener = _NEXT_WORD.match(line, m.end("space"))
        return opener is not None and opener.group(1).lower() in SENTENCE_OPENERS
    return True


__all__ = ["LOWER_ABBREVIATIONS", "TITLE_ABBREVIATIONS", "SENTENCE_OPENERS", "split_sentences"]
