"""A seeded generator of small news-like documents with exact gold, for runner and calibration tests.

Each document is a few template sentences about people, organisations and places; the gold
records every mention, count and quote with offsets taken while the text is assembled, so it
is correct by construction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from evalkit.model import Attribution, Document, Entity, GoldDocument, NumberFact, Span, StructuredSummary

PEOPLE = [
    ("Olena Kovalenko", "Kovalenko"),
    ("Marek Nowak", "Nowak"),
    ("Ingrid Halvorsen", "Halvorsen"),
    ("Tomas Vidal", "Vidal"),
    ("Amara Okafor", "Okafor"),
    ("Kenji Watanabe", "Watanabe"),
]
ORGS = ["Reuters", "Red Cross", "World Bank", "Interfax", "UNICEF"]
PLACES = ["Kyiv", "Lviv", "Ternopil", "Warsaw", "Vilnius", "Odesa", "Gdansk"]
QUOTES = [
    "We will rebuild every school before winter",
    "The talks were difficult but honest",
    "Nobody here expected the strikes to stop",
    "Our teams reached the villages this morning",
    "The budget leaves no room for new promises",
]


@dataclass
class _Builder:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    mentions: dict[tuple[str, str], list[Span]] = field(default_factory=dict)
    aliases: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    numbers: list[NumberFact] = field(default_factory=list)
    attributions: list[tuple[Span, Span, Span, tuple[str, str]]] = field(default_factory=list)

    def add(self, text: str) -> Span:
        if self.parts:
            self.parts.append(" ")
            self.length += 1
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return Span(start, self.length, text)

    def glue(self, text: str) -> Span:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return Span(start, self.length, text)

    def entity(self, key: tuple[str, str], surface: str, *, spaced: bool = True) -> Span:
        span = self.add(surface) if spaced else self.glue(surface)
        self.mentions.setdefault(key, []).append(span)
        self.aliases.setdefault(key, set()).add(surface)
        return span


def make_document(doc_id: str, seed: int, sentences: int = 6) -> GoldDocument:
    """One synthetic article with its gold; equal arguments give equal documents."""
    rng = random.Random(f"synthetic|{seed}|{doc_id}")
    b = _Builder()
    for _ in range(sentences):
        kind = rng.randrange(3)
        if kind == 0:
            full, _short = rng.choice(PEOPLE)
            place = rng.choice(PLACES)
            b.entity((full, "PERSON"), full, spaced=bool(b.parts))
            b.add("met officials in")
            b.entity((place, "GPE"), place)
            b.glue(" on Monday.")
        elif kind == 1:
            org = rng.choice(ORGS)
            count = rng.randint(2, 400)
            place = rng.choice(PLACES)
            b.entity((org, "ORG"), org, spaced=bool(b.parts))
            b.add("said")
            span = b.add(str(count))
            b.numbers.append(NumberFact(f"n{len(b.numbers) + 1}", span, count, "count", None, None, "people injured"))
            b.add("people were injured in")
            b.entity((place, "GPE"), place)
            b.glue(".")
        else:
            full, short = rng.choice(PEOPLE)
            quote = rng.choice(QUOTES)
            b.glue(" “" if b.parts else "“")
            content = b.glue(quote)
            b.glue(",” ")
            source = b.entity((full, "PERSON"), short, spaced=False)
            cue = b.add("said")
            b.glue(".")
            b.attributions.append((content, source, cue, (full, "PERSON")))
    text = "".join(b.parts)
    ids = {key: f"e{i + 1}" for i, key in enumerate(b.mentions)}
    entities = tuple(
        Entity(ids[key], key[1], key[0], tuple(sorted(b.aliases[key] - {key[0]})), tuple(spans))
        for key, spans in b.mentions.items()
    )
    attributions = tuple(
        Attribution(f"a{i + 1}", "direct", content, source, (ids[key],), cue)
        for i, (content, source, cue, key) in enumerate(b.attributions)
    )
    first = text.split(".")[0] + "."
    gold = StructuredSummary(entities, tuple(b.numbers), attributions, (first,))
    document = Document(doc_id, text)
    for _, s in _all_spans(gold):
        assert text[s.start : s.end] == s.text, (doc_id, s)
    return GoldDocument(document, gold, f"synthetic/{doc_id}")


def _all_spans(summary: StructuredSummary):
    from evalkit.serialize import iter_spans

    return iter_spans(summary)


def make_corpus(n: int, seed: int = 0, sentences: int = 6) -> list[GoldDocument]:
    """``n`` synthetic documents ``doc-000``…"""
    return [make_document(f"doc-{i:03d}", seed, sentences) for i in range(n)]
