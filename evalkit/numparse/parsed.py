"""The value type every number parser in evalkit returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParsedNumber:
    """What a numeric expression means.

    ``value`` is an ``int`` or ``float`` for numbers (``int`` whenever the value is integral, so
    ``US$4.3bn`` is ``4300000000``) and a TimeML TIMEX3-style string for dates and times of day
    (``XXXX-12-07``, ``XXXX-WXX-3``, ``T05:30``). ``kind`` is one of
    :data:`evalkit.model.NUMBER_KINDS`, ``qualifier`` one of :data:`evalkit.model.QUALIFIERS`
    or ``None``. ``value_max`` is the upper end of a range (``20 to 30``, ``7-9 December``): a
    number, or a TIMEX string when the range is of dates.
    """

    value: int | float | str
    kind: str
    unit: str | None = None
    qualifier: str | None = None
    value_max: int | float | str | None = None
