"""Number facts by rule: the shared number parser's readings, fitted to the text around them.

:func:`evalkit.numparse.find_numbers` reads each numeric expression on its own; a few
decisions need the words around it, and are made here:

* **names** — a number inside a name mention is part of the name and left out, and so is a
  bare numeral right after a capitalised designator (``Type 09-1``, ``UTC+9``, ``Flight 370``);
  money and percentages are kept whole even where a name overlaps them (``US$11 billion``);
* **full dates** — a weekday before a comma and a calendar date is one date (``Saturday,
  November 13, 2004``), valued as the date;
* **units the parser cannot see** — a count takes the plural noun after a name that follows
  it (``Four National Basketball Association players`` -> player), the unit of a partitive
  (``two of five submarines`` -> submarine), and, in a list of counts that share one noun,
  the unit of the first (``30 games, … for 25, … for 6`` -> game), the plural after one
  adjective (``3,500 retail stores`` -> store) and the noun after ``one`` (``one game``);
  a count with no noun in a clause about a toll counts people (``the death toll might
  approach 80,000`` -> person); an ordinal takes the noun after a name (``the third-largest
  U.S. retailer`` -> retailer);
* **coordination** — a qualifier before coordinated numbers applies to each (``about 4% and
  11%``: both ``about``);
* **decades** — written as the gold format writes them, a four-character year with the unknown
  digit ``X`` (``1950s`` -> ``195X``).
"""

from __future__ import annotations

import re
from typing import Sequence

from ..model import NumberFact, Span

#: Number kinds that are kept whole even where a name overlaps them (a currency prefix).
WHOLE_KINDS = frozenset({"money", "percent"})

_WEEKDAY_COMMA = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+")
_DESIGNATOR = re.compile(r"(?<![.!?]\s)\b([A-Z][A-Za-z]*)(?: |\+)\Z")
_BARE = re.compile(r"[\d][\d\-.]*")
_NAME_THEN_PLURAL = re.compile(r" (?:[A-Z][\w’'\-.]*\s+){1,5}([a-z]{3,}s)\b")
_ADJ_THEN_PLURAL = re.compile(r" ([a-z]{3,}) ([a-z]{3,}s)\b")
_ONE_THEN_NOUN = re.compile(r" ([a-z]{3,})\b")
_NAME_THEN_NOUN = re.compile(r" (?:[A-Z][\w’'\-.]*\s+){1,3}([a-z]{3,})\b")
_TOLL_BEFORE = re.compile(r"\btoll\b[^.!?;]{0,60}\Z")
_COORDINATED = re.compile(r",? (?:and|or) \Z|, \Z")
_DECADE = re.compile(r"\d{3}")
#: Words that never stand between a number and its noun, nor are a counted noun themselves.
_FUNCTION = frozenset(
    """the and for with from that this than more less per were was are has have had not but
    into onto over under after before about each other least most such only also""".split()
)


def _singular(noun: str) -> str:
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    return noun[:-1]


def number_facts(
    text: str,
    found: Sequence[tuple[int, int, object]],
    names: Sequence[tuple[int, int]],
    not_names: frozenset[str],
) -> tuple[NumberFact, ...]:
    """Number facts for the parser's readings ``found`` of ``text``.

    ``names`` are the name mentions' spans; ``not_names`` the capitalised words that are not
    names (month and weekday names, function words), which never make a designator.
    """
    covered = bytearray(len(text))
    for s, e in names:
        covered[s:e] = b"\x01" * (e - s)
    kept: list[tuple[int, int, object]] = []
    skipped_ends: set[int] = set()

    def kept_skipped_before(start: int) -> bool:
        """A numeral glued by a hyphen to a designator numeral left out (``09-1``)."""
        return start - 1 in skipped_ends and text[start - 1 : start] == "-"

    for start, end, parsed in found:
        kind = getattr(parsed, "kind", None)
        if any(covered[start:end]) and kind not in WHOLE_KINDS:
            continue
        designator = _DESIGNATOR.search(text, max(0, start - 30), start)
        if (
            designator
            and kind in ("count", None)
            and _BARE.fullmatch(text[start:end])
            and designator.group(1).lower() not in not_names
        ):
            skipped_ends.add(end)
            continue
        if kept_skipped_before(start):
            continue
        kept.append((start, end, parsed))

    facts: list[NumberFact] = []
    skip_next = False
    for k, (start, end, parsed) in enumerate(kept):
        if skip_next:
            skip_next = False
            continue
        value, kind, unit = parsed.value, parsed.kind, parsed.unit  # type: ignore[attr-defined]
        # A weekday, a comma and a calendar date: one date.
        if kind == "date" and k + 1 < len(kept):
            ns, ne, nparsed = kept[k + 1]
            if getattr(nparsed, "kind", None) == "date" and _WEEKDAY_COMMA.fullmatch(text, start, ns):
                facts.append(_fact(len(facts), text, start, ne, nparsed.value, "date", None, None, None))  # type: ignore[attr-defined]
                skip_next = True
                continue
        if kind == "count" and unit is None:
            unit = _unit_from_context(text, end, value, kept[k + 1 :], facts)
            if unit is None and _TOLL_BEFORE.search(text, max(0, start - 80), start):
                unit = "person"
        if kind == "ordinal" and unit is None:
            m = _NAME_THEN_NOUN.match(text, end)
            if m and m.group(1) not in _FUNCTION and not m.group(1).endswith(("ed", "ly", "ing")):
                unit = _singular(m.group(1)) if m.group(1).endswith("s") and not m.group(1).endswith("ss") else m.group(1)
        if kind == "date" and isinstance(value, str) and _DECADE.fullmatch(value):
            value = value + "X"
        qualifier = parsed.qualifier  # type: ignore[attr-defined]
        previous = facts[-1] if facts else None
        if qualifier is None and previous is not None and previous.qualifier and previous.kind == kind and previous.span.end is not None:
            if start - previous.span.end <= 6 and _COORDINATED.search(text, previous.span.end, start):
                qualifier = previous.qualifier
        facts.append(_fact(len(facts), text, start, end, value, kind, unit, qualifier, parsed.value_max))  # type: ignore[attr-defined]
    return tuple(facts)


def _unit_from_context(
    text: str, end: int, value: object, later: Sequence[tuple[int, int, object]], earlier: Sequence[NumberFact]
) -> str | None:
    after = text[end : end + 80]
    m = _NAME_THEN_PLURAL.match(after)
    if m:
        return _singular(m.group(1))
    m = _ADJ_THEN_PLURAL.match(after)
    if m and m.group(1) not in _FUNCTION and not m.group(1).endswith(("ed", "ly", "ing")) and not m.group(2).endswith(("ss", "us", "is")):
        return _singular(m.group(2))
    m = _ONE_THEN_NOUN.match(after)
    if m and value == 1 and m.group(1) not in _FUNCTION and not m.group(1).endswith(("ed", "ly", "ing", "s")):
        return m.group(1)
    if after.startswith(" of ") and later:
        ns, _, nparsed = later[0]
        if ns == end + 4 and getattr(nparsed, "unit", None):
            return nparsed.unit  # type: ignore[attr-defined]
    # A list of counts sharing one noun: "for 30 games, … for 25, and … for 6".
    if earlier and re.match(r"\s*(?:[,.;)]|\band\b|$)", after):
        prev = earlier[-1]
        if prev.kind == "count" and prev.unit and prev.span.end is not None:
            between = text[prev.span.end : end]
            if len(between) < 80 and not re.search(r"[.!?]\s", between) and "," in between:
                return prev.unit
    return None


def _fact(
    n: int, text: str, start: int, end: int, value, kind, unit, qualifier, value_max  # type: ignore[no-untyped-def]
) -> NumberFact:
    return NumberFact(
        id=f"n{n + 1}",
        span=Span(start, end, text[start:end]),
        value=value,
        kind=kind,
        unit=unit,
        qualifier=qualifier,
        value_max=value_max,
    )


__all__ = ["WHOLE_KINDS", "number_facts"]
