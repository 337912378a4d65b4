"""One table of unit spellings: what a unit written in gold, a prediction or running text means.

The scanner writes units in one canonical form (``percent``, ISO 4217 codes such as ``USD``,
``person``, ``yard``...). Gold annotators and extractors write them in many others (``%``,
``$``, ``dollars``, ``US dollars``, ``yd``, ``people``, ``men``, ``injured``). Scoring compares
units through :func:`canonical_unit`, built from the scanner's own word lists
(:mod:`.lexicon`), so the parser and the scorer can never disagree about what a unit means.
"""

from __future__ import annotations

import re
from functools import lru_cache

from evalkit.numparse import lexicon as lx

_SPACE_RE = re.compile(r"[\s_]+")


def _table() -> dict[str, str]:
    """Every known spelling (lower case, single spaces) -> canonical unit."""
    table: dict[str, str] = {}
    for code in lx.CURRENCY_CODES:
        table[code.lower()] = code
    table.update(lx.CURRENCY_PREFIXES)
    table.update(lx.CURRENCY_WORDS)
    table.update({" ".join(words): code for words, code in lx.CURRENCY_PHRASES.items()})
    table.update(lx.TIME_UNITS)
    table.update(lx.MEASURE_UNITS)
    table.update(lx.COUNT_NOUNS)
    table.update(lx.UNIT_SPELLINGS)
    # every canonical form stands for itself
    for canonical in list(table.values()):
        table.setdefault(canonical.lower(), canonical)
    return table


_TABLE = _table()


def _singular(word: str) -> str:
    """The singular of a regular English plural noun (``countries`` -> ``country``)."""
    if word in lx.NOT_PLURAL_NOUNS or len(word) < 4 or word.endswith(("ss", "us", "is", "'s")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=4096)
def canonical_unit(unit: str | None) -> str | None:
    """The canonical form of ``unit``; ``None`` (no unit) for ``None`` or blank text.

    A spelling in the table gives its canonical unit (``%`` -> ``percent``, ``$`` and
    ``dollars`` and ``US dollars`` -> ``USD``, ``yd`` -> ``yard``, ``men`` -> ``person``). Any
    other unit is a counted noun: lower case, its last word singular (``countries`` ->
    ``country``, ``police officers`` -> ``police officer``), and looked up once more.
    """
    if unit is None:
        return None
    key = _SPACE_RE.sub(" ", unit.replace("’", "'")).strip().lower()
    if not key:
        return None
    if key in _TABLE:
        return _TABLE[key]
    head, _, last = key.rpartition(" ")
    singular = (head + " " if head else "") + _singular(last)
    return _TABLE.get(singular, singular)


__all__ = ["canonical_unit"]
