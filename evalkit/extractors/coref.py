"""Name-based coreference: group entity mentions into one entity per referent.

Two mentions are merged only when they are the same name after ``loose`` normalisation
(case, diacritics, possessive, leading article) or when one is a person's surname and the
other the full name (``Zelenskyy`` and ``Volodymyr Zelenskyy``, in either order). No world
knowledge: ``Kremlin`` and ``Russia`` stay apart. The entity's name is its longest mention,
its type the one given with the strongest evidence (ties: the earliest), its id a slug of the
name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from ..model import Entity, Span
from ..normalise import normalise_text


@dataclass(frozen=True)
class Mention:
    """One mention found by a back-end, with its type guess and how sure the guess is.

    ``strength``: 0 default guess, 1 heuristic, 2 structural evidence (a title, an
    organisation head noun, a statistical model's label), 3 gazetteer. A mention whose type is
    only a default guess may join a person by surname whatever its guessed type.
    """

    span: Span
    type: str
    strength: int = 1


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)

    @property
    def type(self) -> str:
        best = max(self.mentions, key=lambda m: m.strength)
        return best.type

    @property
    def tokens(self) -> list[str]:
        return max((_key(m.span.text).split() for m in self.mentions), key=len)


def _key(text: str) -> str:
    return normalise_text(text, "loose")


def slug(text: str) -> str:
    """Lowercase ASCII with hyphens: ``Recep Tayyip Erdoğan`` -> ``recep-tayyip-erdogan``."""
    s = re.sub(r"[^a-z0-9]+", "-", _key(text).encode("ascii", "ignore").decode()).strip("-")
    return s or "entity"


def _surname_of(single: str, full_tokens: list[str]) -> bool:
    return len(full_tokens) >= 2 and single == full_tokens[-1]


def merge_mentions(mentions: Sequence[Mention]) -> tuple[Entity, ...]:
    """Entities from mentions, in order of first mention; each entity's mentions in text order."""
    ordered = sorted(mentions, key=lambda m: (m.span.start or 0, m.span.end or 0))
    clusters: list[_Cluster] = []
    for m in ordered:
        key = _key(m.span.text)
        if not key:
            continue
        toks = key.split()
        target: _Cluster | None = None
        for c in clusters:
            if key in c.keys:
                target = c
                break
        if target is None and (m.type == "PERSON" or m.strength == 0):
            for c in reversed(clusters):
                if not (c.type == "PERSON" or all(x.strength == 0 for x in c.mentions)):
                    continue
                ctoks = c.tokens
                if len(toks) == 1 and _surname_of(toks[0], ctoks):
                    target = c
                    break
                if len(ctoks) == 1 and _surname_of(ctoks[0], toks):
                    target = c
                    break
        if target is None:
            target = _Cluster()
            clusters.append(target)
        target.mentions.append(m)
        target.keys.add(key)

    entities: list[Entity] = []
    used: set[str] = set()
    for c in clusters:
        texts: dict[str, None] = {}
        for m in c.mentions:
            texts.setdefault(m.span.text, None)
        name = max(texts, key=len)
        base = slug(name)
        eid, n = base, 2
        while eid in used:
            eid, n = f"{base}-{n}", n + 1
        used.add(eid)
        entities.append(
            Entity(
                id=eid,
                type=c.type,
                name=name,
                aliases=tuple(t for t in texts if t != name),
                mentions=tuple(m.span for m in c.mentions),
            )
        )
    return tuple(entities)


__all__ = ["Mention", "merge_mentions", "slug"]
