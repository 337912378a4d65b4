"""Seeded perturbation of a gold structured summary, for calibrating the metrics.

:func:`perturb` damages a summary the way real extractors go wrong, one operation per kind of
mistake, each applied to each eligible item with its own probability:

``drop``     remove an entity, a number or an attribution (a miss);
``shift``    move a mention's or a number's span by 1–3 characters (a boundary error);
``retype``   give an entity another type;
``value``    change a number's value (off by 10–50 %, or by at least one);
``content``  cut an attribution's content to its first quarter of words;
``source``   attribute a quote to another entity (or to no one when there is no other);
``summary``  replace a word of a summary with a word drawn from the document (a summary that
             says something else in the article's own words: ROUGE falls, as it should).

Spans stay consistent with the text (a shifted span takes the text at its new offsets), so
the output passes the runner's span checks and is scored, not rejected.

Every random draw is a pure function of (seed, document hash, item path, operation) and does
not depend on the rates. So the output is deterministic for a seed and a document, and
raising a rate only adds perturbations: an item perturbed at rate 0.2 is perturbed, the same
way, at 0.5 — scores at increasing rates fall monotonically in expectation and differ by
exactly the extra damage (common random numbers).
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, fields, replace

from ..model import ENTITY_TYPES, Attribution, Document, Entity, NumberFact, Span, StructuredSummary

OPERATIONS: tuple[str, ...] = ("drop", "shift", "retype", "value", "content", "source", "summary")

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class NoiseRates:
    """Probability of each operation per eligible item, each in [0, 1]."""

    drop: float = 0.2
    shift: float = 0.2
    retype: float = 0.2
    value: float = 0.2
    content: float = 0.2
    source: float = 0.2
    summary: float = 0.2

    @classmethod
    def uniform(cls, rate: float) -> "NoiseRates":
        return cls(*([rate] * len(OPERATIONS)))

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if not (isinstance(v, (int, float)) and 0.0 <= v <= 1.0):
                raise ValueError(f"rate {f.name} must be between 0 and 1, not {v!r}")


class _Dice:
    """Rate-independent uniform draws keyed by item path and operation."""

    def __init__(self, seed: int, document: Document) -> None:
        self.prefix = f"{seed}|{document.sha256}|"

    def rng(self, path: str, op: str) -> random.Random:
        return random.Random(f"{self.prefix}{path}|{op}")

    def hit(self, path: str, op: str, rate: float) -> bool:
        return rate > 0 and self.rng(path, op).random() < rate


def _shifted(span: Span, text: str, rng: random.Random) -> Span:
    """The span moved by 1–3 characters (direction drawn; reversed where the text ends), text re-read."""
    assert span.start is not None and span.end is not None
    n = len(text)
    delta = rng.randint(1, 3) * rng.choice((-1, 1))
    for d in (delta, -delta):
        start, end = span.start + d, span.end + d
        if 0 <= start < end <= n:
            return Span(start, end, text[start:end])
    start, end = min(max(span.start + delta, 0), n), min(max(span.end + delta, 0), n)  # a span nearly the whole text
    return Span(start, end, text[start:end]) if end > start else span


def _changed_value(value: int | float | str, rng: random.Random) -> int | float | str:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        step = max(1, round(abs(value) * rng.uniform(0.1, 0.5)))
        return value + step * rng.choice((-1, 1))
    if isinstance(value, float):
        factor = rng.uniform(0.1, 0.5) * rng.choice((-1, 1))
        changed = value * (1 + factor) if value != 0 else rng.uniform(1, 10)
        return changed if math.isfinite(changed) else value + 1.0
    digits = [i for i, c in enumerate(value) if c.isdigit()]
    if not digits:
        return value + "?"
    i = rng.choice(digits)
    new = str((int(value[i]) + rng.randint(1, 9)) % 10)
    return value[:i] + new + value[i + 1 :]


def _cut_content(span: Span, text: str) -> Span:
    """The first quarter of the content's words (token F1 with the whole stays below 0.5)."""
    words = list(_WORD.finditer(span.text))
    if len(words) >= 2:
        keep = max(1, math.ceil(len(words) / 4))
        if keep >= len(words):
            keep = len(words) - 1
        end = words[keep - 1].end()
        if span.grounded:
            assert span.start is not None
            return Span(span.start, span.start + end, text[span.start : span.start + end])
        return Span(None, None, span.text[:end])
    if span.grounded:  # one word: take the stretch right after it instead
        assert span.start is not None and span.end is not None
        length = span.end - span.start
        start = min(span.end + 1, len(text))
        end = min(start + length, len(text))
        if end > start:
            return Span(start, end, text[start:end])
    return Span(None, None, span.text[::-1] if len(span.text) > 1 else span.text + "?")


def _other_source(a: Attribution, entities: tuple[Entity, ...], rng: random.Random) -> Attribution:
    others = [e for e in entities if e.id not in a.source_entities and e.mentions]
    if not others:
        return replace(a, source=None, source_entities=())
    e = rng.choice(others)
    return replace(a, source=e.mentions[0], source_entities=(e.id,))


def _reworded(summary: str, path: str, words: list[str], dice: _Dice, rate: float) -> str:
    """``summary`` with each word, at ``rate``, replaced by a document word (drawn per word, so a
    higher rate replaces a superset); punctuation and spacing stay as written."""
    count = iter(range(len(summary) + 1))

    def replace_word(m: re.Match[str]) -> str:
        where = f"{path}.words[{next(count)}]"
        if not words or not dice.hit(where, "summary", rate):
            return m.group()
        return dice.rng(where, "summary-word").choice(words)

    return _WORD.sub(replace_word, summary)


def perturb(summary: StructuredSummary, document: Document, rates: NoiseRates, seed: int = 0) -> StructuredSummary:
    """``summary`` with each operation applied at its rate; pure and deterministic (see module doc)."""
    dice = _Dice(seed, document)
    text = document.text

    entities: list[Entity] = []
    for i, e in enumerate(summary.entities):
        path = f"entities[{i}]"
        if dice.hit(path, "drop", rates.drop):
            continue
        etype = e.type
        if dice.hit(path, "retype", rates.retype):
            rng = dice.rng(path, "retype-choice")
            etype = rng.choice([t for t in ENTITY_TYPES if t != e.type])
        mentions = tuple(
            _shifted(m, text, dice.rng(f"{path}.mentions[{j}]", "shift-by"))
            if m.grounded and dice.hit(f"{path}.mentions[{j}]", "shift", rates.shift)
            else m
            for j, m in enumerate(e.mentions)
        )
        entities.append(replace(e, type=etype, mentions=mentions))

    numbers: list[NumberFact] = []
    for i, n in enumerate(summary.numbers):
        path = f"numbers[{i}]"
        if dice.hit(path, "drop", rates.drop):
            continue
        if n.value is not None and dice.hit(path, "value", rates.value):
            n = replace(n, value=_changed_value(n.value, dice.rng(path, "value-by")))
        if n.span is not None and n.span.grounded and dice.hit(path, "shift", rates.shift):
            n = replace(n, span=_shifted(n.span, text, dice.rng(path, "shift-by")))
        numbers.append(n)

    attributions: list[Attribution] = []
    for i, a in enumerate(summary.attributions):
        path = f"attributions[{i}]"
        if dice.hit(path, "drop", rates.drop):
            continue
        if dice.hit(path, "content", rates.content):
            a = replace(a, content=_cut_content(a.content, text))
        if dice.hit(path, "source", rates.source):
            a = _other_source(a, summary.entities, dice.rng(path, "source-choice"))
        attributions.append(a)

    words = _WORD.findall(text) if rates.summary > 0 else []
    summaries = tuple(
        _reworded(s, f"summaries[{i}]", words, dice, rates.summary) for i, s in enumerate(summary.summaries)
    )
    return StructuredSummary(tuple(entities), tuple(numbers), tuple(attributions), summaries)


__all__ = ["NoiseRates", "OPERATIONS", "perturb"]
