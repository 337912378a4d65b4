"""An offline sentence splitter for news English, with offsets into the source text.

One splitter serves the whole harness: the dependency-free back-ends cut documents with
:func:`sentence_spans` (spans as written), and ROUGE-Lsum scoring cuts summaries with
:func:`split_sentences` (the same sentences as stripped strings; rouge-score's own splitting
calls NLTK's punkt, which needs a download). News text is well edited, so a few rules do:

* a line break always ends a sentence, so a headline without a final stop is its own sentence;
* a Chinese or Japanese full stop, exclamation or question mark (``。｡！？``, with any closing
  quotes or brackets after it) ends a sentence whenever more text follows, with or without
  whitespace — those scripts put no space between sentences and have no capitals;
* otherwise a sentence ends after ``.``, ``!``, ``?`` or ``…`` (and any closing quotes or
  brackets after it) when whitespace follows and the next word starts like a sentence: an
  upper-case letter or a digit, possibly after opening quotes or brackets;
* a ``.`` does not end a sentence after a known abbreviation (capitalised ``Mr.``, ``Dr.``,
  ``Gen.``, ``Jan.``, ``No.``, ``Inc.``…; lower-case ``vs.``, ``approx.``) or a single capital
  initial (``John F. Kennedy``, ``J. R. Doe``); lower-case words that happen to spell an
  abbreviation (``said no.``, ``he sat.``) end sentences as usual;
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
    inc ltd co corp plc llc bros dept univ
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

_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_OPENERS = "\"'\u201c\u2018\u00ab(["
#: Line breaks as :meth:`str.splitlines` knows them.
_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
_BOUNDARY = re.compile(
    rf"""
    (?<![.!?\u2026])(?P<end>[.!?\u2026]+)   # a whole run of sentence-final punctuation
    (?P<close>[{re.escape(_CLOSERS)}]*)      # closing quotes or brackets
    (?P<space>\s+)
    (?=[{re.escape(_OPENERS)}]*(?P<next>\w))  # the first letter or digit of the next sentence
    """,
    re.VERBOSE,
)
#: Full stops, exclamation and question marks of Chinese and Japanese text (ideographic and
#: half-width ``。｡``, full-width ``！？``), and the closing brackets and quotes that follow them.
_CJK_ENDS = "\u3002\uff61\uff01\uff1f"
_CJK_CLOSERS = _CLOSERS + "\u300d\u300f\uff09\u3011\u3015\u3009\u300b\u3017\u3019\u301b\uff02\uff07"
_CJK_BOUNDARY = re.compile(
    rf"""
    (?P<end>[{_CJK_ENDS}]+)
    (?P<close>[{re.escape(_CJK_CLOSERS)}]*)
    (?P<space>\s*)
    (?=\S)
    """,
    re.VERBOSE,
)
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*([A-Za-z]+)")
_ENDS_SENTENCE = re.compile(rf"[.!?\u2026][{re.escape(_CLOSERS)}]*\Z")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` covering every non-blank stretch of ``text``, in order.

    Spans are trimmed of surrounding whitespace, never empty, never overlap, and
    ``text[start:end]`` is the sentence exactly as written.
    """
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))

    for line in _LINE.finditer(text):
        start = line.start()
        for cut, resume in _boundaries(text, line.start(), line.end()):
            if cut > start:
                add(start, cut)
                start = resume
        add(start, line.end())
    return spans


def _boundaries(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence ends within ``text[start:end]``, in order: (end of a sentence, start of the next)."""
    out = [
        (m.start("space"), m.end("space"))
        for m in _BOUNDARY.finditer(text, start, end)
        if _ends_sentence(text, start, m)
    ]
    out.extend((m.start("space"), m.end("space")) for m in _CJK_BOUNDARY.finditer(text, start, end))
    return sorted(out)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (:func:`sentence_spans`), as strings, in order.

    Joining the result with ``"\\n"`` gives the form rouge-score's ROUGE-Lsum expects; every
    non-space character of ``text`` appears in exactly one sentence, in order.
    """
    return [text[s:e] for s, e in sentence_spans(text)]


def _ends_sentence(text: str, line_start: int, m: re.Match[str]) -> bool:
    """Whether the punctuation matched by ``m`` closes a sentence (see the module rules)."""
    nxt = m.group("next")
    if not (nxt.isupper() or nxt.isdigit()):
        return False
    if m.group("end") != "." or m.group("close"):
        return True
    end = start = m.start("end")
    while start > line_start and not text[start - 1].isspace():
        start -= 1
    word = text[start:end].lstrip(_OPENERS)
    if word in LOWER_ABBREVIATIONS or (word[:1].isupper() and word.lower() in TITLE_ABBREVIATIONS):
        return False
    if len(word) == 1 and word.isupper():  # a middle initial: John F. Kennedy
        return False
    if _INITIALISM.match(word):
        opener = _NEXT_WORD.match(text, m.end("space"))
        return opener is not None and opener.group(1).lower() in SENTENCE_OPENERS
    return True


def join_sentences(sentences: list[str]) -> str:
    """Sentences as one text: a space between them, a line break after one without final
    punctuation (a headline), so that sentence splitters downstream still see the boundary."""
    out = ""
    for s in sentences:
        if out:
            out += " " if _ENDS_SENTENCE.search(out) else "\n"
        out += s
    return out


def lead(text: str, count: int) -> str:
    """The first ``count`` sentences of ``text`` (the lead-k baseline), joined by :func:`join_sentences`."""
    return join_sentences(split_sentences(text)[: max(count, 0)])


__all__ = [
    "LOWER_ABBREVIATIONS",
    "SENTENCE_OPENERS",
    "TITLE_ABBREVIATIONS",
    "join_sentences",
    "lead",
    "sentence_spans",
    "split_sentences",
]
