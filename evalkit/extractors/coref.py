"""Name-based coreference: group entity mentions into one entity per referent.

Two mentions are merged only when they are the same name after ``loose`` normalisation
(case, diacritics, possessive, leading article, British or American spelling —
``Defence``/``Defense``, ``Organisation``/``Organization`` — and the numbering of events —
``Second World War``/``World War II``/``World War Two``), when one is a person's surname and the
other the full name (``Zelenskyy`` and ``Volodymyr Zelenskyy``, in either order), or when a
back-end *links* a short form to the full name it stands for (``Kmart`` to ``Kmart Corp.``,
``NBA`` to ``National Basketball Association``), or when both are a country's established names
(``U.S.``, ``America``, ``United States``: news short forms key as the full name). No world knowledge: ``Kremlin`` and
``Russia`` stay apart. The entity's name is its longest mention,
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
    ``link``: the text of another mention this one is a short form of; it joins that
    mention's entity when there is one.
    """

    span: Span
    type: str
    strength: int = 1
    link: str | None = None


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    tokens: list[str] = field(default_factory=list)
    best: Mention | None = None

    def add(self, mention: Mention, key: str) -> None:
        self.mentions.append(mention)
        self.keys.add(key)
        toks = key.split()
        if len(toks) > len(self.tokens):
            self.tokens = toks
        if self.best is None or mention.strength > self.best.strength:
            self.best = mention

    @property
    def type(self) -> str:
        assert self.best is not None
        return self.best.type

    @property
    def weak(self) -> bool:
        """Every mention's type is only a default guess."""
        return self.best is not None and self.best.strength == 0


#: British spellings and the American ones they are keyed as (regular patterns of the
#: Oxford and Merriam-Webster spelling tables).
_SPELLINGS: tuple[tuple["re.Pattern[str]", str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"(\w{3,})is(ation|ations|e|ed|es|ing)\b", r"\1iz\2"),
        (r"\b(defen|offen|licen|preten)ce\b", r"\1se"),
        (r"(\w{3,})tre\b", r"\1ter"),
        (r"\b(labo|harbo|colo|hono|favo|behavio|neighbo|savio)ur", r"\1r"),
    )
)
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_CARDINAL_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_EVENT_NUMBERED = re.compile(r"^(?:(" + "|".join(_ORDINAL_WORDS) + r") )?(.+ (?:war|wars|congress|council|republic|crusade))(?: (\w+))?$")


def _numbered(key: str) -> str:
    """``second world war``, ``world war two``, ``world war 2`` -> ``world war ii``: the number
    of a numbered event or body written as a trailing Roman numeral."""
    m = _EVENT_NUMBERED.match(key)
    if m is None:
        return key
    ordinal, base, suffix = m.groups()
    if ordinal and suffix is None:
        return f"{base} {_ROMAN[_ORDINAL_WORDS.index(ordinal)]}"
    if not ordinal and suffix is not None:
        if suffix in _CARDINAL_WORDS:
            return f"{base} {_ROMAN[_CARDINAL_WORDS.index(suffix)]}"
        if suffix.isdigit() and 1 <= int(suffix) <= 10:
            return f"{base} {_ROMAN[int(suffix) - 1]}"
    return key


def _key(text: str) -> str:
    key = normalise_text(text, "loose")
    for pattern, repl in _SPELLINGS:
        key = pattern.sub(repl, key)
    return _numbered(key)


def _canonical(mention: Mention) -> str:
    """The name a place mention is keyed by: a country's news short form or common name keys
    as its full name (``U.S.``, ``US`` and ``America`` as ``United States``; G-E3 counts
    established alternative names as the same name)."""
    if mention.type != "GPE":
        return mention.span.text
    from .gazetteer import full_country_name

    return full_country_name(mention.span.text) or mention.span.text


def slug(text: str) -> str:
    """Lowercase ASCII with hyphens: ``Recep Tayyip Erdoğan`` -> ``recep-tayyip-erdogan``."""
    s = re.sub(r"[^a-z0-9]+", "-", normalise_text(text, "loose").encode("ascii", "ignore").decode()).strip("-")
    return s or "entity"


def merge_mentions(mentions: Sequence[Mention]) -> tuple[Entity, ...]:
    """Entities from mentions, in order of first mention; each entity's mentions in text order."""
    # Linked short forms go last, so that the full name they point to has its cluster.
    ordered = sorted(mentions, key=lambda m: (m.link is not None, m.span.start or 0, m.span.end or 0))
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    by_surname: dict[str, _Cluster] = {}  # last token of a multi-word person name -> its cluster
    by_single: dict[str, _Cluster] = {}  # one-word name of a person (or weakly typed) cluster
    for m in ordered:
        key = _key(_canonical(m))
        if not key:
            continue
        toks = key.split()
        target = by_key.get(_key(m.link)) if m.link is not None else None
        if target is None:
            target = by_key.get(key)
        if target is None and (m.type == "PERSON" or m.strength == 0):
            if len(toks) == 1:
                c = by_surname.get(toks[0])
                if c is not None and (c.type == "PERSON" or c.weak):
                    target = c
            else:
                c = by_single.get(toks[-1])
                if c is not None and len(c.tokens) == 1 and (c.type == "PERSON" or c.weak):
                    target = c
        if target is None:
            target = _Cluster()
            clusters.append(target)
        target.add(m, key)
        by_key.setdefault(key, target)
        if target.type == "PERSON" or target.weak:
            if len(target.tokens) >= 2:
                by_surname[target.tokens[-1]] = target
            elif len(target.tokens) == 1:
                by_single.setdefault(target.tokens[0], target)

    entities: list[Entity] = []
    used: set[str] = set()
    for c in clusters:
        c.mentions.sort(key=lambda m: (m.span.start or 0, m.span.end or 0))
    clusters.sort(key=lambda c: (c.mentions[0].span.start or 0, c.mentions[0].span.end or 0))
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
