"""Tests for evalkit.normalise."""

from __future__ import annotations

from evalkit.normalise import normalise


def test_default_maps_back_to_source() -> None:
    n = normalise("  Erdoğan’s  plan ")
    assert n.text == "erdoğan's plan"
    assert n.to_source(0, 7) == (2, 9)
