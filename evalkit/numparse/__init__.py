"""Numbers in English news text: find them, read their meaning, compare values.

``twenty-five`` = ``25``, ``sixth`` = 6 (ordinal), ``halve`` = 0.5 (multiplier), ``US$4.3bn``
= 4.3e9 USD, ``at least 25 people`` = 25 person with qualifier ``at least``, ``on Wednesday``
= ``XXXX-WXX-3``. Dates and times use TimeML TIMEX3 value strings; see
docs/normalisation.md for every convention and the judgement rules for words that are only
sometimes numbers.

The modules: :mod:`.words` (number words <-> integers), :mod:`.lexicon` (word lists),
:mod:`.scanner` (the grammar over running text), :mod:`.equality` (value comparison),
:mod:`.units` (what a written unit means: ``%`` = ``percent``, ``$`` = ``USD``).
"""

from __future__ import annotations

from evalkit.numparse.equality import canonical_value, is_timex, values_equal
from evalkit.numparse.parsed import ParsedNumber
from evalkit.numparse.scanner import read_one, scan
from evalkit.numparse.units import canonical_unit
from evalkit.numparse.words import int_to_words


def find_numbers(text: str) -> list[tuple[int, int, ParsedNumber]]:
    """Every numeric expression in running ``text`` as ``(start, end, parsed)``.

    Offsets are end-exclusive indices into ``text``; spans are in order and never overlap. A
    qualifier (``at least``, ``about``...) is inside the span; a counted noun (``people``) is
    not, but sets the unit. Context rules keep pronoun ``one``, adverb ``first``, modal
    ``may`` and similar words out.
    """
    return scan(text, standalone=False)


def parse_number(text: str) -> ParsedNumber | None:
    """The meaning of one numeric expression (``"twenty-five"``, ``"25 per cent"``,
    ``"Wednesday"``), or ``None`` when ``text`` holds none.

    When running-text rules find expressions, the longest wins (``"three children"`` -> 3,
    unit child). Otherwise, if the whole of ``text`` is one expression under lifted context
    rules, that is the answer: ``"May"`` is a month, ``"first"`` an ordinal, ``"one"`` is 1;
    ``"you may go"`` and ``"no one"`` are not numbers.
    """
    return read_one(text)


__all__ = [
    "ParsedNumber",
    "canonical_unit",
    "canonical_value",
    "find_numbers",
    "int_to_words",
    "is_timex",
    "parse_number",
    "values_equal",
]
