"""Tests for evalkit.tokenize."""

from __future__ import annotations

from evalkit.tokenize import tokenize


def test_keeps_cyrillic_and_numbers() -> None:
    assert tokenize("Путин said 3.5") == ["путин", "said", "3.5"]
