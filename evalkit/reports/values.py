"""How every rendering writes a value, an interval and a p-value — including the ones that
do not exist.

A value is ``None`` when it is undefined (nothing in gold and nothing predicted: there is no
F1 to report, and 1.0 would be a lie); an interval end is ``None`` when no interval could be
computed (too few resampling units); a p-value is ``None`` when no test could be run. All of
them are written :data:`NA` — never as a number — by the terminal, Markdown, HTML and JUnit
renderings alike, so the same report reads the same everywhere.
"""

from __future__ import annotations

from typing import Any

#: How a value that does not exist is written.
NA = "n/a"


def number(x: float | None, digits: int = 3, *, sign: bool = False) -> str:
    """``x`` with ``digits`` decimals (``+`` sign when ``sign``), or :data:`NA`."""
    if x is None:
        return NA
    return f"{x:+.{digits}f}" if sign else f"{x:.{digits}f}"


def p_value(p: float | None) -> str:
    """A p-value in three significant digits, or :data:`NA` when no test was run."""
    return NA if p is None else f"{p:.3g}"


def estimate(v: Any, digits: int = 3, brackets: str = "[]", sep: str = ", ") -> str:
    """``0.812 [0.700, 0.900]``; the bare point when the interval is the point; ``0.812 [CI
    n/a]`` when there is no interval (too few units); :data:`NA` when the value is undefined."""
    if v.point is None:
        return NA
    if v.low is None or v.high is None:
        return f"{number(v.point, digits)} {brackets[0]}CI {NA}{brackets[1]}"
    if v.low == v.high == v.point:
        return number(v.point, digits)
    return f"{number(v.point, digits)} {brackets[0]}{number(v.low, digits)}{sep}{number(v.high, digits)}{brackets[1]}"


__all__ = ["NA", "estimate", "number", "p_value"]
