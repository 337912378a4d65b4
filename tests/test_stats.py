"""Tests for evalkit.stats: bootstrap CIs and paired significance tests."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from evalkit import stats as stats_mod
from evalkit.errors import InputError
from evalkit.scoring.base import Counts, Mean
from evalkit.stats import CI, Interval, PairedResult, bootstrap_ci, metric_values, paired_test


def _prf_units(seed: int, units: int = 200, p_hit: float = 0.7) -> np.ndarray:
    """Per-document (tp, fp, fn) of a system that finds each of 5 gold items with ``p_hit``."""
    rng = np.random.default_rng(seed)
    tp = rng.binomial(5, p_hit, units)
    fp = rng.binomial(2, 0.3, units)
    return np.stack([tp, fp, 5 - tp], axis=1).astype(float)


counts_arrays = arrays(
    float,
    st.tuples(st.integers(0, 6), st.just(3)),
    elements=st.integers(0, 4).map(float),
)


# -- metric_values: the zero-denominator rules of base.Counts and base.Mean -------------------


@given(st.integers(0, 5), st.integers(0, 5), st.integers(0, 5))
def test_prf_values_follow_counts_rules(tp, fp, fn):
    c = Counts(tp, fp, fn)
    got = metric_values(np.array([tp, fp, fn], dtype=float), "prf")
    assert got.tolist() == pytest.approx([c.precision, c.recall, c.f1])


@given(st.floats(0, 10, allow_nan=False), st.integers(0, 5))
def test_mean_value_follows_mean_rules(total, n):
    got = metric_values(np.array([total, n], dtype=float), "mean")
    assert got.tolist() == pytest.approx([Mean(total, n).value])


# -- bootstrap_ci ---------------------------------------------------------------------------


def test_ci_contains_point_and_is_ordered():
    ci = bootstrap_ci(_prf_units(1), "prf")
    assert ci.kind == "prf" and set(ci.values) == {"precision", "recall", "f1"}
    for iv in ci.values.values():
        assert iv.low < iv.point < iv.high


def test_ci_point_is_the_metric_of_summed_counts():
    units = _prf_units(2)
    tp, fp, fn = units.sum(axis=0)
    ci = bootstrap_ci(units, "prf", n=50)
    assert ci.values["f1"].point == pytest.approx(Counts(tp, fp, fn).f1)
    assert ci.values["precision"].point == pytest.approx(tp / (tp + fp))


def test_same_seed_same_ci_other_seed_other_ci():
    units = _prf_units(3)
    assert bootstrap_ci(units, "prf", seed=7) == bootstrap_ci(units, "prf", seed=7)
    assert bootstrap_ci(units, "prf", seed=7) != bootstrap_ci(units, "prf", seed=8)


def test_ci_does_not_use_the_global_rng():
    units = _prf_units(4)
    np.random.seed(0)
    first = bootstrap_ci(units, "prf", n=200)
    np.random.seed(99)
    assert bootstrap_ci(units, "prf", n=200) == first


def test_results_do_not_depend_on_the_memory_block_size(monkeypatch):
    units = _prf_units(5, units=50)
    big_ci = bootstrap_ci(units, "prf", n=300)
    big_bs = paired_test(units, _prf_units(6, units=50), "prf", n=300)
    big_ar = paired_test(units, _prf_units(6, units=50), "prf", "randomisation", n=300)
    monkeypatch.setattr(stats_mod, "_BLOCK_CELLS", 50 * 7)  # blocks of 7 resamples
    assert bootstrap_ci(units, "prf", n=300) == big_ci
    assert paired_test(units, _prf_units(6, units=50), "prf", n=300) == big_bs
    assert paired_test(units, _prf_units(6, units=50), "prf", "randomisation", n=300) == big_ar


def test_single_unit_interval_is_the_point():
    # Every resample of one unit is that unit: no spread at all.
    ci = bootstrap_ci(np.array([[3.0, 1.0, 2.0]]), "prf", n=100)
    assert ci.values["precision"] == Interval(0.75, 0.75, 0.75)
    assert ci.values["recall"] == Interval(0.6, 0.6, 0.6)


def test_two_unit_mean_hand_computed():
    # Units with values 0 and 1: resampled means are 0, 0.5, 1 with probabilities 1/4, 1/2,
    # 1/4, so the 2.5% and 97.5% quantiles of many resamples are exactly 0 and 1.
    ci = bootstrap_ci(np.array([[0.0, 1.0], [1.0, 1.0]]), "mean", n=4000)
    assert ci == CI("mean", {"value": Interval(0.5, 0.0, 1.0)})


def test_no_units_gives_a_degenerate_interval():
    ci = bootstrap_ci(np.zeros((0, 3)), "prf")
    assert ci.values["f1"] == Interval(1.0, 1.0, 1.0)  # nothing to find, nothing found
    assert bootstrap_ci(np.zeros((0, 2)), "mean").values["value"] == Interval(0.0, 0.0, 0.0)


def test_percentile_interval_matches_scipy_bootstrap_on_a_mean():
    x = np.random.default_rng(11).gamma(2.0, 1.5, size=150)
    ours = bootstrap_ci(np.stack([x, np.ones_like(x)], axis=1), "mean", n=5000, alpha=0.1)
    ref = scipy.stats.bootstrap(
        (x,),
        np.mean,
        n_resamples=5000,
        confidence_level=0.9,
        method="percentile",
        rng=np.random.default_rng(3),
    ).confidence_interval
    iv = ours.values["value"]
    width = ref.high - ref.low
    assert iv.point == pytest.approx(x.mean())
    assert iv.low == pytest.approx(ref.low, abs=0.05 * width)
    assert iv.high == pytest.approx(ref.high, abs=0.05 * width)


# -- paired_test ----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["bootstrap", "randomisation"])
def test_identical_systems_are_not_different(method):
    units = _prf_units(12)
    result = paired_test(units, units.copy(), "prf", method, n=500)
    assert result.deltas == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert all(p == 1.0 for p in result.p_values.values())


@pytest.mark.parametrize("method", ["bootstrap", "randomisation"])
def test_clearly_better_system_has_small_p(method):
    a = _prf_units(13, p_hit=0.5)
    b = _prf_units(14, p_hit=0.8)
    result = paired_test(a, b, "prf", method, n=1000)
    assert result.deltas["recall"] > 0.2
    assert result.p_values["recall"] < 0.01
    assert result.p_values["f1"] < 0.01


@pytest.mark.parametrize("method", ["bootstrap", "randomisation"])
def test_same_seed_same_result(method):
    a, b = _prf_units(15), _prf_units(16)
    first = paired_test(a, b, "prf", method, n=300, seed=5)
    assert paired_test(a, b, "prf", method, n=300, seed=5) == first
    assert (first.kind, first.method, first.n, first.seed) == ("prf", method, 300, 5)


@given(counts_arrays, counts_arrays, st.sampled_from(["bootstrap", "randomisation"]),
       st.integers(1, 40))
def test_p_is_add_one_estimate(a, b, method, n):
    rows = min(len(a), len(b))
    result = paired_test(a[:rows], b[:rows], "prf", method, n=n, seed=1)
    for p in result.p_values.values():
        c = p * (n + 1) - 1
        assert abs(c - round(c)) < 1e-9 and 0 <= round(c) <= n


def test_randomisation_two_units_hand_computed():
    # A scores 1 on both units, B scores 0. Swapping none or both keeps |δ*| = 1; swapping
    # one gives δ* = 0. So |δ*| ≥ |δ| = 1 in half the trials: p ≈ 0.5.
    a = np.array([[1.0, 1.0], [1.0, 1.0]])
    b = np.array([[0.0, 1.0], [0.0, 1.0]])
    result = paired_test(a, b, "mean", "randomisation", n=4000)
    assert result.deltas == {"value": -1.0}
    assert result.p_values["value"] == pytest.approx(0.5, abs=0.03)


def test_bootstrap_single_unit_hand_computed():
    # One unit: every resample reproduces δ exactly, so the centred distribution is all 0 and
    # never reaches |δ| > 0: c = 0 and p = 1/(n+1).
    result = paired_test(np.array([[1.0, 1.0]]), np.array([[0.0, 1.0]]), "mean", n=99)
    assert result.p_values == {"value": 1 / 100}


def test_randomisation_single_unit_cannot_tell_systems_apart():
    result = paired_test(
        np.array([[1.0, 1.0]]), np.array([[0.0, 1.0]]), "mean", "randomisation", n=99
    )
    assert result.p_values == {"value": 1.0}


def test_mean_kind_delta_is_b_minus_a():
    a = np.array([[0.2, 1.0], [0.4, 1.0]])
    b = np.array([[0.6, 1.0], [0.8, 1.0]])
    result = paired_test(a, b, "mean", n=10)
    assert isinstance(result, PairedResult)
    assert result.deltas["value"] == pytest.approx(0.4)


# -- input errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: bootstrap_ci(np.zeros((3, 2)), "prf"), "expected shape (units, 3)"),
        (lambda: bootstrap_ci(np.zeros((3, 3)), "median"), "kind: unknown 'median'"),
        (lambda: bootstrap_ci(np.zeros((3, 3)), "prf", n=0), "n: the number of resamples"),
        (lambda: bootstrap_ci(np.zeros((3, 3)), "prf", alpha=1.5), "alpha"),
        (lambda: bootstrap_ci(np.zeros((3, 3)), "prf", seed=-1), "seed: must be a non-negative integer"),
        (lambda: paired_test(np.zeros((3, 3)), np.zeros((3, 3)), "prf", seed=-1), "seed: must be"),
        (lambda: bootstrap_ci(-np.ones((3, 3)), "prf"), "negative count"),
        (lambda: bootstrap_ci(np.full((3, 3), math.nan), "prf"), "non-finite"),
        (lambda: paired_test(np.zeros((3, 3)), np.zeros((4, 3)), "prf"), "stats_b: shape"),
        (lambda: paired_test(np.zeros((3, 3)), np.zeros((3, 3)), "prf", "t"), "method"),
    ],
)
def test_bad_input_raises_located_input_error(call, fragment):
    with pytest.raises(InputError) as exc:
        call()
    assert fragment in str(exc.value)
