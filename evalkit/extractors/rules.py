"""``rules``: a dependency-free, deterministic baseline for all four parts of a summary.

* entities — capitalised-name sequences typed with a small general gazetteer and context
  cues (:mod:`evalkit.extractors.rules_entities`), grouped by name and surname
  (:mod:`evalkit.extractors.coref`);
* numbers — every numeric expression :func:`evalkit.numparse.find_numbers` reads, fitted to
  its context (:mod:`evalkit.extractors.rules_numbers`): none inside a name, money and
  percentages kept whole (``US$11 billion`` is money, its ``US`` no place), a weekday and a
  date one date, units read across a name, a partitive or a list;
* attributions — quotation frames, reporting verbs and ``according to``
  (:mod:`evalkit.extractors.rules_attributions`);
* summary — the first ``lead`` sentences of the body (the lead-k baseline of summarisation
  research): the headline (a first line without a final stop, followed by a blank line) and
  dateline lines (a date, or a place and a date, alone on a line) are not body sentences.

It is the floor every other extractor should beat, and a fast smoke test for the harness.
"""

from __future__ import annotations

import re
from typing import Mapping

from .. import __version__
from ..model import Document, Span, StructuredSummary
from ..sentences import join_sentences, sentence_spans
from .base import ExtractorInfo, declare
from .coref import Mention, merge_mentions
from .option_values import int_option
from .quotes import find_quotes
from .rules_attributions import find_attributions, named_spans
from .lexicon import NOT_NAMES
from .rules_entities import find_mentions
from .rules_numbers import WHOLE_KINDS, number_facts

#: Bumped whenever a rule changes what the extractor outputs (part of the cache key).
RULES_REVISION = "6"

DEFAULT_LEAD = 3


_DATELINE = re.compile(r"(?:[A-Z][\w.\-]*(?:[ ,]+[A-Z][\w.\-]*)*\s*[,\u2014\u2013-]\s*)?")


def _is_dateline(line: str) -> bool:
    """A line holding only a date (``Saturday, November 13, 2004``), optionally after a place."""
    from ..numparse import find_numbers

    rest = line.strip()
    if not rest or len(rest) > 60 or rest[-1] in ".!?”\"":
        return False
    spans = [(s, e) for s, e, p in find_numbers(rest) if p.kind == "date"]
    if not spans:
        return False
    leftover = rest
    for s, e in sorted(spans, reverse=True):
        leftover = leftover[:s] + leftover[e:]
    return re.fullmatch(r"[\s,.\u2014\u2013-]*(?:[A-Z][A-Za-z.\-]*[\s,]*){0,4}[\s,.\u2014\u2013-]*", leftover) is not None


#: An all-capital place opening a paragraph before a dash (``DHAKA —``, ``OSLO, Norway --``,
#: ``MANILA (Reuters) —``).
_DATELINE_LEAD = re.compile(
    r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?:, [A-Z][\w.]*(?: (?:of|the|[A-Z][\w.]*))*)*(?:\s*\([^()\n]{1,30}\))?\s*(?:\u2014|\u2013|--)\s*"
)


def after_dateline(text: str, start: int, end: int) -> int:
    """Where a sentence's own words begin: after a dateline opening its paragraph, so the
    word after the dash starts the sentence (``DHAKA — Heavy rains …``: ``Heavy`` is no name,
    and an attributed content does not take the dateline in)."""
    if start and text[start - 1] != "\n":
        return start
    m = _DATELINE_LEAD.match(text, start, end)
    return m.end() if m and m.end() < end else start


def headline_cased(text: str) -> str:
    """``text`` with a Title Case headline read as sentence case: on a first line that capitalises
    every word of four letters or more, a word keeps its capital only where the body writes it
    capitalised too, other than at a sentence start, or it is a known place, nationality or
    organisation — so ``Storm Kills 14 As Rescuers Search Philippines`` yields ``Philippines``
    and not a person ``Rescuers Search``. Offsets and every other line are unchanged."""
    from .gazetteer import lookup

    end = text.find("\n")
    if end <= 0 or text[end : end + 2] != "\n\n":
        return text
    words = list(re.finditer(r"[A-Za-z][\w'’\-]*", text[:end]))
    long = [w.group() for w in words if len(w.group()) >= 4]
    if len(long) < 3 or not all(w[0].isupper() for w in long):
        return text
    kept = _mid_sentence_capitals(text, end)
    chars = list(text)
    for w in words:
        token = w.group()
        if token[0].isupper() and not token.isupper() and token not in kept and lookup(token) is None:
            chars[w.start()] = token[0].lower()
    return "".join(chars)


def _mid_sentence_capitals(text: str, start: int) -> set[str]:
    """Capitalised words of ``text[start:]`` written where no sentence begins, or opening a
    sentence as the first word of a longer name (``Typhoon`` of ``Typhoon Lan killed …``)."""
    out: set[str] = set()
    body = text[start:]
    for m in re.finditer(r"\b[A-Z][\w'’\-]*", body):
        before = body[: m.start()].rstrip(" ")
        if (before and before[-1] not in ".!?\"“”:\n—") or re.match(r" [A-Z]", body[m.end() : m.end() + 2]):
            out.add(m.group())
    return out


def body_sentences(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``sentences`` without the headline and dateline lines: a first line with no final stop
    followed by a blank line is a headline; a line holding only a date is a dateline."""
    out = []
    for s, e in sentences:
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if line_start == 0 and line.strip() == text[s:e].strip() and line.rstrip()[-1:] not in ".!?" and text[len(line) : len(line) + 2] == "\n\n":
            continue
        if line.strip() == text[s:e].strip() and _is_dateline(line):
            continue
        out.append((s, e))
    return out


class RulesExtractor:
    """The rule-based extractor; pure and deterministic (same text, same output)."""

    def __init__(self, lead: int = DEFAULT_LEAD) -> None:
        self.lead = lead
        self.info = ExtractorInfo(
            name="rules",
            arg=None,
            version=f"evalkit {__version__}; rules {RULES_REVISION}",
            options={"lead": lead},
        )

    def extract(self, document: Document) -> StructuredSummary:
        text = document.text
        sentences = sentence_spans(text)
        quotes = find_quotes(text)
        clauses = [(after_dateline(text, s, e), e) for s, e in sentences]
        starts = {s for s, _ in sentences} | {s for s, _ in clauses}
        for q in quotes:
            k = q.start
            while k < q.end and not text[k].isalnum():
                k += 1
            starts.add(k)
        from ..numparse import find_numbers

        numbers = find_numbers(text)
        whole = [(s, e) for s, e, p in numbers if p.kind in WHOLE_KINDS]
        mentions = [
            # Spans are read back from the text as written (a headline may have been re-cased).
            Mention(Span(m.span.start, m.span.end, text[m.span.start or 0 : m.span.end or 0]), m.type, m.strength, m.link)
            for m in find_mentions(headline_cased(text), starts)
            if not any(s <= (m.span.start or 0) and (m.span.end or 0) <= e for s, e in whole)
        ]
        entities = merge_mentions(mentions)
        named = named_spans(entities)
        names = [(n.start, n.end) for n in named]
        lead = body_sentences(text, sentences)[: self.lead]
        return StructuredSummary(
            entities=entities,
            numbers=number_facts(text, numbers, names, NOT_NAMES),
            attributions=find_attributions(text, clauses, quotes, named),
            summaries=(join_sentences([text[s:e] for s, e in lead]),) if lead else (),
        )


def create(arg: str | None, options: Mapping[str, str]) -> RulesExtractor:
    """Rule-based baseline: capitalised names + gazetteer, numbers, quote/reporting-verb attributions, lead sentences."""
    if arg is not None:
        from ..errors import InputError

        raise InputError(f"extractor 'rules:{arg}': rules takes no argument (write just 'rules')")
    return RulesExtractor(lead=int_option("rules", options, "lead", DEFAULT_LEAD, minimum=0))


declare(
    create,
    describe="rule-based baseline: capitalised names with a gazetteer, numbers, quote and reporting-verb attributions, lead-k summary",
    options={"lead": f"number of leading sentences used as the summary (default {DEFAULT_LEAD})"},
)

__all__ = ["DEFAULT_LEAD", "RULES_REVISION", "RulesExtractor", "body_sentences", "create", "number_facts"]
