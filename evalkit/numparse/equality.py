"""Equality of number values as evalkit compares them."""

from __future__ import annotations

import math
import re
from typing import Any

_TIMEX_RE = re.compile(
    r"^(?:[0-9X]{4}(?:-(?:[0-9X]{2}|W[0-9X]{2}|SP|SU|FA|WI)(?:-[0-9X]{1,2})?)?|T\d{2}:\d{2})$"
)


def is_timex(x: Any) -> bool:
    """``x`` is a TIMEX3-style value string (``XXXX-12-07``, ``1901``, ``XXXX-WXX-3``,
    ``T05:30``), compared as such rather than read as words."""
    return isinstance(x, str) and bool(_TIMEX_RE.match(x.strip().upper()))


def _decimals(x: float) -> int:
    """How many decimals the shortest round-tripping spelling of ``x`` has."""
    r = repr(float(x))
    if "e" in r or "E" in r:
        mantissa, _, exp = r.lower().partition("e")
        places = len(mantissa.partition(".")[2].rstrip("0"))
        return max(0, places - int(exp))
    return len(r.partition(".")[2].rstrip("0"))


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def canonical_value(x: Any) -> Any:
    """A value in the form :func:`values_equal` compares: numbers as they are, TIMEX strings
    upper-cased, other strings read with :func:`parse_number` when they are numeric
    (``"Wednesday"`` -> ``"XXXX-WXX-3"``, ``"twenty-five"`` -> ``25``), else normalised text.
    """
    if not isinstance(x, str):
        return x
    s = x.strip()
    if _TIMEX_RE.match(s.upper()):
        return s.upper()
    from evalkit.numparse import parse_number

    parsed = parse_number(s)
    if parsed is not None:
        return parsed.value
    from evalkit.normalise import normalise_text

    return normalise_text(s, "default")


def _timex_equal(a: str, b: str) -> bool:
    """Equal TIMEX strings, where ``X`` (an unwritten digit) matches any character."""
    return len(a) == len(b) and all(p == q or p == "X" or q == "X" for p, q in zip(a, b))


def values_equal(a: Any, b: Any, rel_tol: float | None = None) -> bool:
    """True when ``a`` and ``b`` denote the same value.

    Numbers: with ``rel_tol`` given, ``math.isclose(a, b, rel_tol=rel_tol)``. Without it the
    tolerance comes from how precisely the coarser non-integral operand is written: a value
    with *d* decimals stands for anything that rounds to it, so ``0.333`` equals ``1/3``
    (|diff| <= 0.0005) but ``0.34`` does not; two integral values must be equal exactly.
    Strings are canonicalised first (see :func:`canonical_value`), so a weekday name equals
    ``XXXX-WXX-3`` and ``"twenty-five"`` equals ``25``; TIMEX strings of the same shape match
    where either leaves a digit unwritten (``XXXX-12-07`` = ``2025-12-07``); an integer year
    equals the TIMEX year string of its four digits (``1901`` = ``"1901"``). ``None`` equals
    only ``None``; NaN equals NaN, so the relation is reflexive.
    """
    if a is None or b is None:
        return a is None and b is None
    a, b = canonical_value(a), canonical_value(b)
    if _is_number(a) and _is_number(b):
        return _numbers_equal(a, b, rel_tol)
    a, b = _year_as_timex(a, b), _year_as_timex(b, a)
    if isinstance(a, str) and isinstance(b, str):
        if a == b:
            return True
        if _TIMEX_RE.match(a) and _TIMEX_RE.match(b):
            return _timex_equal(a, b)
        return False
    return bool(a == b)


_YEAR_RE = re.compile(r"^[0-9X]{4}$")


def _year_as_timex(x: Any, other: Any) -> Any:
    """``x`` as a TIMEX year string when it is an integer year and ``other`` is a TIMEX year:
    gold may write a year as ``1901`` or ``"1901"`` (docs/gold-format.md), and the two must
    be one value."""
    if _is_number(x) and isinstance(other, str) and _YEAR_RE.match(other):
        if float(x).is_integer() and 0 <= x <= 9999:
            return f"{int(x):04d}"
    return x


def _numbers_equal(a: int | float, b: int | float, rel_tol: float | None) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if a == b:
        return True
    if any(isinstance(x, float) and not math.isfinite(x) for x in (a, b)):
        return False
    if rel_tol is not None:
        return math.isclose(a, b, rel_tol=rel_tol)
    written = [x for x in (a, b) if isinstance(x, float) and not x.is_integer()]
    if not written:
        return False
    places = min(_decimals(x) for x in written)
    return abs(a - b) <= 0.5 * 10.0**-places * (1 + 1e-9)
