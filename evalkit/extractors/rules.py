"""``rules``: a dependency-free, deterministic baseline for all four parts of a summary.

* entities — capitalised-name sequences typed with a small general gazetteer and context
  cues (:mod:`evalkit.extractors.rules_entities`), grouped by name and surname
  (:mod:`evalkit.extractors.coref`);
* numbers — every numeric expression :func:`evalkit.numparse.find_numbers` reads, except
  those inside a name;
* attributions — quotation frames, reporting verbs and ``according to``
  (:mod:`evalkit.extractors.rules_attributions`);
* summary — the first ``lead`` sentences (the lead-k baseline of summarisation research).

It is the floor every other extractor should beat, and a fast smoke test for the harness.
"""

from __future__ import annotations

from typing import Mapping

from .. import __version__
from ..model import Document, NumberFact, Span, StructuredSummary
from ..sentences import join_sentences, sentence_spans
from .base import ExtractorInfo
from .coref import merge_mentions
from .option_values import int_option
from .quotes import find_quotes
from .rules_attributions import NamedSpan, find_attributions
from .rules_entities import find_mentions

#: Bumped whenever a rule changes what the extractor outputs (part of the cache key).
RULES_REVISION = "2"

DEFAULT_LEAD = 3


def number_facts(text: str, skip: list[tuple[int, int]]) -> tuple[NumberFact, ...]:
    """Number facts for every number :func:`~evalkit.numparse.find_numbers` reads in ``text``,
    leaving out those that overlap a span in ``skip`` (numbers inside names)."""
    from ..numparse import find_numbers

    covered = bytearray(len(text))
    for s, e in skip:
        covered[s:e] = b"\x01" * (e - s)
    facts: list[NumberFact] = []
    for start, end, parsed in find_numbers(text):
        if any(covered[start:end]):
            continue
        facts.append(
            NumberFact(
                id=f"n{len(facts) + 1}",
                span=Span(start, end, text[start:end]),
                value=parsed.value,
                kind=parsed.kind,
                unit=parsed.unit,
                qualifier=parsed.qualifier,
                value_max=parsed.value_max,
            )
        )
    return tuple(facts)


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
        starts = {s for s, _ in sentences}
        for q in quotes:
            k = q.start
            while k < q.end and not text[k].isalnum():
                k += 1
            starts.add(k)
        entities = merge_mentions(find_mentions(text, starts))
        named = [
            NamedSpan(m.start, m.end, e.id, e.type)  # type: ignore[arg-type]
            for e in entities
            for m in e.mentions
        ]
        names = [(n.start, n.end) for n in named]
        return StructuredSummary(
            entities=entities,
            numbers=number_facts(text, names),
            attributions=find_attributions(text, sentences, quotes, named),
            summaries=(join_sentences([text[s:e] for s, e in sentences[: self.lead]]),) if self.lead and sentences else (),
        )


def create(arg: str | None, options: Mapping[str, str]) -> RulesExtractor:
    """Rule-based baseline: capitalised names + gazetteer, numbers, quote/reporting-verb attributions, lead sentences."""
    if arg is not None:
        from ..errors import InputError

        raise InputError(f"extractor 'rules:{arg}': rules takes no argument (write just 'rules')")
    return RulesExtractor(lead=int_option("rules", options, "lead", DEFAULT_LEAD, minimum=0))


create.describe = "rule-based baseline: capitalised names with a gazetteer, numbers, quote and reporting-verb attributions, lead-k summary"  # type: ignore[attr-defined]
create.options = {"lead": f"number of leading sentences used as the summary (default {DEFAULT_LEAD})"}  # type: ignore[attr-defined]

__all__ = ["DEFAULT_LEAD", "RULES_REVISION", "RulesExtractor", "create", "number_facts"]
