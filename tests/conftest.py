"""Shared test configuration: Hypothesis profiles and paths to the shipped data.

Profiles: ``ci`` (default) is derandomised and bounded so CI is repeatable; ``fuzz`` runs
20,000 examples per property and is selected with ``HYPOTHESIS_PROFILE=fuzz`` (see README).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "fuzz",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "seeds" / "ukraine-peace-plan-ternopil.txt"
GOLD_DIR = ROOT / "gold"
#: The seed article's gold, the one file tests that name its items read.
SEED_GOLD = GOLD_DIR / "ukraine-peace-plan-ternopil.yaml"


@pytest.fixture
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")
