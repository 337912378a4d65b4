"""Sentence splitting for the dependency-free back-ends, with offsets into the source text.

The splitter is deliberately simple and predictable: a sentence ends at ``.``, ``!`` or ``?``
(optionally followed by closing quotes or brackets) when whitespace and a plausible sentence
opener follow, and at every line break. It knows the common English abbreviations and single
initials (``Mr.``, ``U.S.``, ``J. R. R.``) so that they do not end a sentence. Headlines, which
carry no final stop, are their own sentence because they sit on their own line.
"""

from __future__ import annotations

import re

#: Abbreviations (lower-cased, without the final dot) after which a dot does not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms dr prof st sr jr rev gen lt col maj capt cmdr sgt adm gov sen rep pres
    co corp inc ltd bros no nos vol vs etc e.g i.e cf approx est dept univ
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    """.split()
)

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
_END = re.compile(rf"[.!?…]+[{re.escape(_CLOSERS)}]*")
_LAST_WORD = re.compile(r"([\w.]+)\Z")
_ENDS_SENTENCE = re.compile(rf"[.!?…][{re.escape(_CLOSERS)}]*\Z")


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    """Whether the terminal punctuation at ``text[dot]`` (run ending at ``after``) ends a sentence."""
    if after < len(text) and not text[after].isspace():
        return False
    nxt = after
    while nxt < len(text) and text[nxt].isspace():
        if text[nxt] == "\n":
            return True
        nxt += 1
    if nxt >= len(text):
        return True
    opener = text[nxt]
    if not (opener.isupper() or opener.isdigit() or opener in _OPENERS):
        return False
    if text[dot] != ".":
        return True
    word = _LAST_WORD.search(text, max(0, dot - 40), dot)
    if word is None:
        return True
    token = word.group(1)
    if token.lower().rstrip(".") in ABBREVIATIONS:
        return False
    # A single initial ("J.") or a dotted acronym ("U.S.") before a capitalised word.
    if re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", token):
        return False
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
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

    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in _END.finditer(text, line.start(), line.end()):
            if _ends_sentence(text, m.start(), m.end()):
                add(start, m.end())
                start = m.end()
        add(start, line.end())
    return spans


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
    return join_sentences([text[s:e] for s, e in split_sentences(text)[: max(count, 0)]])


__all__ = ["ABBREVIATIONS", "join_sentences", "lead", "split_sentences"]
