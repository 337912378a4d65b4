"""Calendar sense of TIMEX3 date strings: the shape is checked by a pattern, the calendar here.

``2025-13-45`` has the shape of a date but names no day; gold and predictions that carry it
get a located message rather than a silent non-match.
"""

from __future__ import annotations

import calendar
import re

_DATE_RE = re.compile(r"^(?P<y>[0-9X]{4})(?:-(?:(?P<m>[0-9X]{2})(?:-(?P<d>[0-9X]{2}))?|W(?P<w>[0-9X]{2})(?:-[1-7])?))?")


def calendar_problem(value: str) -> str | None:
    """What is wrong with the calendar date in TIMEX ``value`` (``"month 13"``, ``"day 31 of
    month 04"``, ``"week 54"``), or ``None`` when it names a possible day. Unwritten digits
    (``X``) are not checked; a day is checked against its month, and February 29 against the
    year when the year is written."""
    m = _DATE_RE.match(value)
    if m is None:
        return None
    month, day, week = m.group("m"), m.group("d"), m.group("w")
    if week is not None and "X" not in week and not 1 <= int(week) <= 53:
        return f"week {week}"
    if month is not None and "X" not in month and not 1 <= int(month) <= 12:
        return f"month {month}"
    if day is not None and "X" not in day:
        longest = 31
        if month is not None and "X" not in month:
            year = m.group("y")
            leap_year = 2000 if "X" in year else int(year)
            longest = calendar.monthrange(leap_year, int(month))[1]
        if not 1 <= int(day) <= longest:
            return f"day {day}" + (f" of month {month}" if month and "X" not in month else "")
    return None


__all__ = ["calendar_problem"]
