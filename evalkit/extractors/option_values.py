"""Typed reading of the ``key=value`` strings that extractor factories receive.

Each reader returns the default when the option is absent and raises
:class:`~evalkit.errors.InputError` naming the extractor, the option and what was expected
when the value does not parse, so a typo on the command line reads as a one-line message.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from ..errors import InputError


def _bad(where: str, key: str, value: str, expected: str) -> InputError:
    return InputError(f"extractor {where!r}: option {key}={value!r}: expected {expected}")


def int_option(
    where: str, options: Mapping[str, str], key: str, default: int, *, minimum: int | None = None
) -> int:
    """``options[key]`` as an integer (at least ``minimum``); ``default`` when absent."""
    raw = options.get(key)
    if raw is None:
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise _bad(where, key, raw, "an integer") from None
    if minimum is not None and value < minimum:
        raise _bad(where, key, raw, f"an integer of at least {minimum}")
    return value


def float_option(
    where: str, options: Mapping[str, str], key: str, default: float, *, minimum: float | None = None
) -> float:
    """``options[key]`` as a finite float (at least ``minimum``); ``default`` when absent."""
    raw = options.get(key)
    if raw is None:
        return default
    try:
        value = float(str(raw).strip())
    except ValueError:
        raise _bad(where, key, raw, "a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise _bad(where, key, raw, "a finite number")
    if minimum is not None and value < minimum:
        raise _bad(where, key, raw, f"a number of at least {minimum}")
    return value


def choice_option(
    where: str, options: Mapping[str, str], key: str, default: str, choices: Sequence[str]
) -> str:
    """``options[key]`` lower-cased, which must be one of ``choices``; ``default`` when absent."""
    raw = options.get(key)
    if raw is None:
        return default
    value = str(raw).strip().lower()
    if value not in choices:
        raise _bad(where, key, raw, "one of " + ", ".join(choices))
    return value


def string_option(where: str, options: Mapping[str, str], key: str, default: str) -> str:
    """``options[key]`` stripped, which must not be empty; ``default`` when absent."""
    raw = options.get(key)
    if raw is None:
        return default
    value = str(raw).strip()
    if not value:
        raise _bad(where, key, raw, "a non-empty value")
    return value


__all__ = ["choice_option", "float_option", "int_option", "string_option"]
