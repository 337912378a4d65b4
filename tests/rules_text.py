"""Shared by the rule-back-end tests: run ``rules`` on a short invented text and find what it
extracted by the text of a mention."""

from __future__ import annotations

from evalkit.extractors.rules import create
from evalkit.model import Document, Entity, StructuredSummary


def extract(text: str) -> StructuredSummary:
    """``rules`` with default options on one document holding ``text``."""
    return create(None, {}).extract(Document("t", text))


def entity(summary: StructuredSummary, mention_text: str) -> Entity:
    """The entity that has a mention written ``mention_text`` (the test fails when none has)."""
    found = [e for e in summary.entities if any(m.text == mention_text for m in e.mentions)]
    assert found, f"no entity with a mention {mention_text!r}: {[e.name for e in summary.entities]}"
    return found[0]


def mention_texts(summary: StructuredSummary) -> set[str]:
    """The texts of every mention of every entity."""
    return {m.text for e in summary.entities for m in e.mentions}
