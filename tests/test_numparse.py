"""Tests for evalkit.numparse."""

from __future__ import annotations

from evalkit.numparse import find_numbers, parse_number, values_equal


def test_reads_number_words() -> None:
    assert parse_number("twenty-five").value == 25
    assert parse_number("a hundred and five").value == 105


def test_finds_qualified_count_in_running_text() -> None:
    text = "Strikes killed at least 25 people."
    [(start, end, parsed)] = find_numbers(text)
    assert text[start:end] == "at least 25"
    assert (parsed.value, parsed.qualifier, parsed.unit) == (25, "at least", "person")


def test_weekday_equals_timex() -> None:
    assert values_equal("Wednesday", "XXXX-WXX-3")
