"""Batched intervals and paired tests give exactly what evalkit.stats gives metric by metric."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.scoring.resample import bootstrap_cis, paired_tests
from evalkit.stats import bootstrap_ci, paired_test


def _stats(seed: int, units: int, metrics: int):
    rng = np.random.default_rng(seed)
    a = {f"m{i}": ("prf", rng.integers(0, 4, (units, 3)).astype(float)) for i in range(metrics)}
    a["mean"] = ("mean", np.c_[rng.random(units), np.ones(units)])
    b = {k: (kind, arr + rng.integers(0, 2, arr.shape)) for k, (kind, arr) in a.items()}
    return a, b


@settings(max_examples=20)
@given(st.integers(0, 10_000), st.integers(0, 40), st.integers(1, 4))
def test_batched_intervals_equal_stats_bootstrap_ci(seed, units, metrics):
    a, _ = _stats(seed, units, metrics)
    got = bootstrap_cis(a, n=150, seed=seed, alpha=0.1)
    for name, (kind, arr) in a.items():
        ref = bootstrap_ci(arr, kind, n=150, seed=seed, alpha=0.1)
        for k, iv in ref.values.items():
            g = got[name].values[k]
            if kind == "prf":  # integral counts: sums are exact, so are the intervals
                assert g == iv
            else:
                assert (g.point, g.low, g.high) == pytest.approx((iv.point, iv.low, iv.high), abs=1e-12)


@settings(max_examples=20)
@given(st.integers(0, 10_000), st.integers(0, 40), st.sampled_from(["bootstrap", "randomisation"]))
def test_batched_paired_tests_equal_stats_paired_test(seed, units, method):
    a, b = _stats(seed, units, 3)
    got = paired_tests(a, b, method, n=150, seed=seed)
    for name, (kind, arr) in a.items():
        ref = paired_test(arr, b[name][1], kind, method, n=150, seed=seed)
        assert got[name].deltas == pytest.approx(ref.deltas, abs=1e-12)
        assert got[name].p_values == ref.p_values


def test_metrics_must_share_their_units():
    with pytest.raises(ValueError):
        bootstrap_cis({"a": ("prf", np.zeros((2, 3))), "b": ("prf", np.zeros((3, 3)))})
    with pytest.raises(ValueError):
        paired_tests({"a": ("prf", np.zeros((2, 3)))}, {"b": ("prf", np.zeros((2, 3)))})
