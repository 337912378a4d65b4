"""The data model shared by gold and predictions.

Everything here is a small frozen dataclass: scoring is a pure function of these values, and
freezing them means no stage can quietly edit what an earlier stage produced. Gold and
predictions use the same types; the only difference is that in a prediction a span's offsets
may be missing (an LLM may return text only) and are filled in later by grounding.

Offsets are Python string indices (code points) into ``Document.text``, end-exclusive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping, Union

from .fields import Presence, Shape, part, wire

_REQUIRED = Presence.REQUIRED
_PRESENT = Presence.PRESENT
_OMITTED = Presence.OMITTED

#: OntoNotes 5.0 entity types used by evalkit (the names-only subset; numeric OntoNotes types
#: such as DATE or CARDINAL are number facts here, not entities). See gold/GUIDELINES.md.
ENTITY_TYPES: tuple[str, ...] = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)

#: Kinds of numeric fact. ``date``/``time``/``duration`` values follow TimeML's TIMEX3 value
#: conventions when they are strings (``XXXX-08``, ``T05:30``, ``P4Y``).
NUMBER_KINDS: tuple[str, ...] = (
    "count",
    "ordinal",
    "fraction",
    "multiplier",
    "percent",
    "money",
    "quantity",
    "date",
    "time",
    "duration",
    "identifier",
)

#: Qualifiers that change what a number claims without changing its value.
QUALIFIERS: tuple[str, ...] = (
    "exact",
    "at least",
    "at most",
    "more than",
    "less than",
    "about",
    "nearly",
    "another",
    "up to",
)

ATTRIBUTION_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")

NumberValue = Union[int, float, str]


def sha256_text(text: str) -> str:
    """SHA-256 of the UTF-8 bytes of ``text``: the identity gold records for its document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A stretch of document text. ``start``/``end`` are ``None`` when only the text is known."""

    start: int | None
    end: int | None
    text: str

    @property
    def grounded(self) -> bool:
        """True when the span has offsets."""
        return self.start is not None and self.end is not None

    def overlaps(self, other: "Span") -> bool:
        """True when both spans are grounded and share at least one character."""
        if self.start is None or self.end is None or other.start is None or other.end is None:
            return False
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text and the hash that gold files pin it with."""

    id: str
    text: str
    sha256: str = ""
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", sha256_text(self.text))


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world referent with every mention of it in the document.

    Each field's ``wire`` metadata declares it for every format (:mod:`evalkit.fields`).
    """

    id: str = field(metadata=wire(Shape.ID, gold=_REQUIRED, doc="unique in the document"))
    type: str = field(
        metadata=wire(
            Shape.LABEL, gold=_REQUIRED, prediction=_REQUIRED, choices=ENTITY_TYPES, case="upper",
            doc="OntoNotes name type",
        )
    )
    name: str = field(
        metadata=wire(Shape.TEXT, gold=_REQUIRED, prediction=_REQUIRED, doc="the longest name in the text")
    )
    aliases: tuple[str, ...] = field(default=(), metadata=wire(Shape.TEXTS, item="alias", doc="other names"))
    mentions: tuple[Span, ...] = field(
        default=(), metadata=wire(Shape.SPANS, gold=_REQUIRED, item="mention", doc="every mention, in text order")
    )

    @property
    def names(self) -> tuple[str, ...]:
        """Every surface this entity is known by: name, aliases, mention texts (in that order)."""
        seen: dict[str, None] = {}
        for n in (self.name, *self.aliases, *(m.text for m in self.mentions)):
            seen.setdefault(n, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class NumberFact:
    """A numeric expression with its normalised value and what it measures."""

    id: str = field(metadata=wire(Shape.ID, gold=_REQUIRED, llm=_OMITTED, doc="unique in the document"))
    span: Span | None = field(
        metadata=wire(Shape.SPAN, gold=_REQUIRED, llm=_REQUIRED, doc="the expression, qualifier included")
    )
    value: NumberValue | None = field(
        metadata=wire(
            Shape.VALUE, gold=_REQUIRED, prediction=_PRESENT,
            doc="the number, or a TIMEX3 value for dates and times",
        )
    )
    kind: str = field(
        metadata=wire(
            Shape.LABEL, gold=_REQUIRED, prediction=_REQUIRED, choices=NUMBER_KINDS, case="lower",
            doc="what sort of number it is",
        )
    )
    unit: str | None = field(
        default=None, metadata=wire(Shape.TEXT, doc="the counted noun in the singular, or a currency code")
    )
    qualifier: str | None = field(
        default=None, metadata=wire(Shape.LABEL, choices=QUALIFIERS, doc="what the number claims beside its value")
    )
    quantifies: str | None = field(default=None, metadata=wire(Shape.TEXT, doc="a few words on what it measures"))
    value_max: NumberValue | None = field(
        default=None,
        metadata=wire(
            Shape.VALUE, after="value",
            doc="upper end of a range (\"7-9 December\", \"20 to 30\"); value is the lower",
        ),
    )


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said what: source, cue and content (PARC 3.0's three parts)."""

    id: str = field(metadata=wire(Shape.ID, gold=_REQUIRED, llm=_OMITTED, doc="unique in the document"))
    kind: str = field(
        metadata=wire(
            Shape.LABEL, gold=_REQUIRED, choices=ATTRIBUTION_KINDS, case="lower",
            doc="direct (a quotation), indirect (reported speech) or mixed",
        )
    )
    content: Span = field(
        metadata=wire(
            Shape.SPAN, gold=_REQUIRED, prediction=_REQUIRED, after="cue",
            doc="what was said; for a quotation the text between the quotation marks",
        )
    )
    source: Span | None = field(default=None, metadata=wire(Shape.SPAN, doc="who said it, null when unnamed"))
    source_entities: tuple[str, ...] = field(
        default=(), metadata=wire(Shape.REFS, item="source entity", doc="ids of the entities the source refers to")
    )
    cue: Span | None = field(
        default=None, metadata=wire(Shape.SPAN, gold=_PRESENT, doc="the reporting verb, null when there is none")
    )


@dataclass(frozen=True, slots=True)
class StructuredSummary:
    """The four parts of a structured summary; gold holds several reference summaries."""

    entities: tuple[Entity, ...] = field(default=(), metadata=part(Entity, "entity"))
    numbers: tuple[NumberFact, ...] = field(default=(), metadata=part(NumberFact, "number"))
    attributions: tuple[Attribution, ...] = field(default=(), metadata=part(Attribution, "attribution"))
    summaries: tuple[str, ...] = ()

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with ``entity_id``, or ``None``."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    @property
    def mention_count(self) -> int:
        return sum(len(e.mentions) for e in self.entities)


@dataclass(frozen=True, slots=True)
class Usage:
    """What producing one output cost, as the service that produced it counted it.

    Back-ends that pay per token (LLM endpoints) report it; the runner keeps it per document,
    the cache keeps it with the output (so a cached re-run reports the same cost as the run that
    paid it, and report.json stays byte-stable), and reports sum it per extractor.
    """

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(
            self.requests + other.requests,
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
        )

    def cost(self, price_in: float, price_out: float) -> float:
        """The cost at ``price_in``/``price_out`` per million prompt/completion tokens."""
        return (self.prompt_tokens * price_in + self.completion_tokens * price_out) / 1_000_000


@dataclass(frozen=True, slots=True)
class ExtractorInfo:
    """What identifies an extractor's outputs: the output cache keys on all of it.

    Plain data (reports and the cache read it without importing any back-end); the extractor
    protocol is in :mod:`evalkit.extractors.base`, which re-exports this class.

    ``name`` is the registry name, ``arg`` the spec argument, ``version`` the back-end's own
    version (and, where it matters, its model's), ``options`` every option that can change
    the output. Two extractors with equal info must give equal outputs for the same document.
    """

    name: str
    arg: str | None = None
    version: str = "0"
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The spec string users wrote, used as the extractor's name in reports."""
        return self.name if self.arg is None else f"{self.name}:{self.arg}"


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A document with its gold structured summary and where the gold came from."""

    document: Document
    gold: StructuredSummary
    path: str = ""


__all__ = [
    "ATTRIBUTION_KINDS",
    "Attribution",
    "Document",
    "ENTITY_TYPES",
    "Entity",
    "ExtractorInfo",
    "GoldDocument",
    "NUMBER_KINDS",
    "NumberFact",
    "NumberValue",
    "QUALIFIERS",
    "Span",
    "StructuredSummary",
    "Usage",
    "sha256_text",
]
