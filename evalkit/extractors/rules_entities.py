"""Entity mentions by rule: capitalised-name sequences, a small gazetteer and context cues.

The recogniser reads the text once as words (letters and digits, with internal hyphens and
apostrophes; a possessive ``’s`` is kept outside the word). A *name run* is a sequence of
capitalised words separated by single spaces, allowing lowercase name particles between
capitalised parts (``von der``) and ``of``/``for`` after an organisation head noun
(``Ministry of Defence``). Each run is then read:

* leading titles are left out and make the rest a PERSON (``President``, ``Dr``);
* a leading demonym becomes its own NORP mention (``Ukrainian President …``);
* gazetteer names take their type (GPE, LOC, NORP, ORG); a final organisation head noun
  (``Ministry``, ``Times``, ``Agency``) makes an ORG, and a country name inside it is a
  nested GPE mention;
* a country name followed by a lowercase institution noun (``Ukraine’s interior ministry``,
  ``US army``) also gives an ORG mention spanning both, and a name followed by a lowercase
  ``administration``/``government`` an ORG spanning both;
* other multi-word runs are PERSONs; single unknown words are typed by context: a surname of
  a person named in full elsewhere, a reporting verb after it (PERSON), a locative preposition
  before it (GPE), ``the`` before it (ORG), else ORG as a weak default.

A single unknown word at the start of a sentence is kept only when the same word also appears
capitalised mid-sentence, since sentence-initial capitals say nothing about names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span
from .coref import Mention
from .lexicon import (
    COUNTRIES,
    GPE_INSTITUTION_HEADS,
    LOCATIONS,
    LOCATIVE_PREPOSITIONS,
    NAME_PARTICLES,
    NORP,
    NOT_NAMES,
    ORG_HEADS,
    ORGANISATIONS,
    PLACES,
    PRE_VERB_WORDS,
    REPORTING_FORMS,
    TITLES,
)

_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011'’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_ROLE_NOUNS = TITLES | frozenset(
    """adviser advisor envoy spokesperson spokesman spokeswoman witness president minister
    secretary chief leader official analyst director commander ambassador reporter
    correspondent lawyer editor founder chairman chairwoman ceo executive resident survivor
    mother father son daughter wife husband colleague aide negotiator prosecutor""".split()
)
_PLACE_NOUNS = frozenset("city town village region province state county district capital port".split())
_INSTITUTION_AFTER = re.compile(
    r"(?:['’]s)?((?: [a-z]+){0,2}?) (" + "|".join(sorted(GPE_INSTITUTION_HEADS)) + r")\b"
)
_ADMIN_AFTER = re.compile(r" (administration|government)\b")


@dataclass(frozen=True)
class Word:
    """A word of the text; ``end`` excludes a possessive ``’s``, ``full_end`` includes it."""

    start: int
    end: int
    full_end: int
    text: str

    @property
    def possessive(self) -> bool:
        return self.full_end != self.end


def words_of(text: str) -> list[Word]:
    """Every word of ``text`` in order."""
    out: list[Word] = []
    for m in _WORD.finditer(text):
        s, e = m.span()
        pm = _POSSESSIVE.search(m.group())
        end = e - 2 if pm and e - 2 > s else e
        out.append(Word(s, end, e, text[s:end]))
    return out


def _is_name_word(w: Word) -> bool:
    t = w.text
    if not t[0].isupper():
        return False
    if t.lower() in NOT_NAMES and not (len(t) > 1 and t.isupper()):
        return False
    return True


def _adjacent(text: str, a: Word, b: Word) -> bool:
    return not a.possessive and text[a.full_end : b.start] in (" ", "\u00a0")


def name_runs(text: str, words: list[Word]) -> list[list[int]]:
    """Indices of the words of every name run, in text order."""
    runs: list[list[int]] = []
    n = len(words)
    i = 0
    while i < n:
        if not _is_name_word(words[i]):
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < n and _adjacent(text, words[j - 1], words[j]):
            w = words[j]
            if _is_name_word(w):
                run.append(j)
                j += 1
                continue
            nxt_ok = j + 1 < n and _adjacent(text, w, words[j + 1]) and _is_name_word(words[j + 1])
            if nxt_ok and w.text in NAME_PARTICLES:
                run += [j, j + 1]
                j += 2
                continue
            if nxt_ok and w.text in ("of", "for") and words[run[-1]].text.lower() in ORG_HEADS:
                run += [j, j + 1]
                j += 2
                continue
            break
        runs.append(run)
        i = j
    return runs


def _gazetteer(name: str) -> str | None:
    if name in COUNTRIES or name in PLACES:
        return "GPE"
    if name in LOCATIONS:
        return "LOC"
    if name in NORP:
        return "NORP"
    if name in ORGANISATIONS:
        return "ORG"
    return None


def find_mentions(text: str, sentence_starts: set[int]) -> list[Mention]:
    """Typed entity mentions in ``text`` (nested mentions included), in no particular order.

    ``sentence_starts`` holds the offset of every sentence's first character (and of the
    first word inside an opening quotation mark).
    """
    words = words_of(text)
    mentions: list[Mention] = []
    pending: list[int] = []

    def span(a: Word, b: Word) -> Span:
        return Span(a.start, b.end, text[a.start : b.end])

    def prev_word(i: int) -> str:
        return words[i - 1].text if i > 0 else ""

    for run in name_runs(text, words):
        ws = [words[k] for k in run]
        last_is_head = ws[-1].text.lower() in ORG_HEADS
        titled = prev_word(run[0]).lower() in _ROLE_NOUNS and not last_is_head
        k = 0
        # Titles and demonyms in front of a name.
        while True:
            while k < len(ws) - 1 and ws[k].text.lower() in TITLES and not last_is_head:
                k += 1
                titled = True
            if k < len(ws) - 1 and ws[k].text in NORP and not last_is_head:
                mentions.append(Mention(span(ws[k], ws[k]), "NORP", 3))
                k += 1
                continue
            break
        rest = ws[k:]
        first_index = run[k]
        name = text[rest[0].start : rest[-1].end]
        if len(rest) == 1 and (rest[0].text.lower() in TITLES or len(rest[0].text) == 1):
            continue
        gaz = _gazetteer(name)
        typed: Mention | None = None
        if gaz is not None:
            typed = Mention(span(rest[0], rest[-1]), gaz, 3)
        elif last_is_head:
            typed = Mention(span(rest[0], rest[-1]), "ORG", 2)
            for p in (2, 1):
                if len(rest) > p:
                    inner = text[rest[0].start : rest[p - 1].end]
                    kind = _gazetteer(inner)
                    if kind in ("GPE", "NORP"):
                        mentions.append(Mention(span(rest[0], rest[p - 1]), kind, 3))
                        break
        elif titled:
            typed = Mention(span(rest[0], rest[-1]), "PERSON", 2)
        elif len(rest) == 1 and rest[0].text.isupper() and 2 <= len(rest[0].text) <= 6:
            typed = Mention(span(rest[0], rest[0]), "ORG", 1)
        elif len(rest) >= 2:
            if prev_word(first_index) == "the":
                typed = Mention(span(rest[0], rest[-1]), "ORG", 1)
            elif len(rest) <= 4:
                typed = Mention(span(rest[0], rest[-1]), "PERSON", 1)
            else:
                typed = Mention(span(rest[0], rest[-1]), "ORG", 0)
        else:
            pending.append(first_index)
        if typed is not None:
            mentions.append(typed)
        # Lowercase institution and administration heads after the run.
        end_word = rest[-1]
        after = text[end_word.end : end_word.end + 60]
        if gaz == "GPE":
            m = _INSTITUTION_AFTER.match(after)
            if m:
                e = end_word.end + m.end()
                mentions.append(Mention(Span(rest[0].start, e, text[rest[0].start : e]), "ORG", 2))
        elif gaz is None:
            m = _ADMIN_AFTER.match(after)
            if m:
                e = end_word.end + m.end()
                mentions.append(Mention(Span(rest[0].start, e, text[rest[0].start : e]), "ORG", 2))

    mentions.extend(_type_single_words(text, words, pending, mentions, sentence_starts))
    return mentions


def _type_single_words(
    text: str, words: list[Word], pending: list[int], found: list[Mention], sentence_starts: set[int]
) -> list[Mention]:
    """Types for single unknown capitalised words, using what the whole text says."""
    surnames = {
        m.span.text.split()[-1] for m in found if m.type == "PERSON" and len(m.span.text.split()) >= 2
    }
    mid_sentence = {
        words[i].text for i in pending if words[i].start not in sentence_starts
    } | {w for m in found for w in m.span.text.split()}
    out: list[Mention] = []
    for i in pending:
        w = words[i]
        sp = Span(w.start, w.end, w.text)
        if w.start in sentence_starts and w.text not in mid_sentence and w.text not in surnames:
            continue
        prev = words[i - 1].text.lower() if i > 0 else ""
        j = i + 1
        while j < len(words) and words[j].text.lower() in PRE_VERB_WORDS:
            j += 1
        follows_verb = (
            j < len(words)
            and words[j].text.lower() in REPORTING_FORMS
            and re.fullmatch(r"[\s\w]*", text[w.full_end : words[j].start]) is not None
        )
        place_of = i > 1 and prev == "of" and words[i - 2].text.lower() in _PLACE_NOUNS
        if w.text in surnames or (follows_verb and not w.possessive):
            out.append(Mention(sp, "PERSON", 1))
        elif prev in LOCATIVE_PREPOSITIONS or place_of:
            out.append(Mention(sp, "GPE", 1))
        elif prev == "the":
            out.append(Mention(sp, "ORG", 1))
        else:
            out.append(Mention(sp, "ORG", 0))
    return out


__all__ = ["Word", "find_mentions", "name_runs", "words_of"]
