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
from evalkit.stats import (
    CI,
    Interval,
    PairedResult,
    bootstrap_ci,
    metric_values,
    min_units,
    not_enough_units,
    paired_test,
)


def _nan_as_none(values):
    return [None if math.isnan(v) else v for v in values]


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
    got = _nan_as_none(metric_values(np.array([tp, fp, fn], dtype=float), "prf").tolist())
    assert got == pytest.approx([c.precision, c.recall, c.f1])
    if tp == fp == fn == 0:  # nothing to find and nothing found: undefined, never a perfect 1.0
        assert got == [None, None, None]


@given(st.floats(0, 10, allow_nan=False), st.integers(0, 5))
def test_mean_value_follows_mean_rules(total, n):
    got = _nan_as_none(metric_values(np.array([total, n], dtype=float), "mean").tolist())
    assert got == pytest.approx([Mean(total, n).value])
    assert (got == [None]) == (n == 0)


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


def test_min_units_is_where_an_exact_sign_flip_test_can_first_be_significant():
    # Two-sided exact randomisation over u units: the smallest p is 2 / 2**u.
    for alpha in (0.2, 0.1, 0.05, 0.01, 0.125):
        u = min_units(alpha)
        assert 2 / 2**u < alpha <= 2 / 2 ** (u - 1)
    assert min_units(0.05) == 6
    assert not_enough_units(5, 0.05) == "not enough units (5 < 6)"
    assert not_enough_units(6, 0.05) is None


@pytest.mark.parametrize("units", [1, 2, 3, 5])
def test_too_few_units_give_no_interval_rather_than_a_false_certainty(units):
    # A bootstrap over one unit reproduces that unit every time: a zero-width "interval" that
    # pretends certainty. Below min_units the ends are None and the reason is given.
    rows = np.array([[3.0, 1.0, 2.0], [0.0, 2.0, 1.0]] * 3)[:units]
    ci = bootstrap_ci(rows, "prf", n=100)
    assert ci.values["precision"].low is None and ci.values["precision"].high is None
    assert ci.values["precision"].point == pytest.approx(rows[:, 0].sum() / rows[:, :2].sum())
    assert ci.units == units and ci.reason == f"not enough units ({units} < 6)"


def test_six_unit_mean_hand_computed():
    # Units with values 0,0,0,1,1,1: a resampled mean is k/6, k ~ Binomial(6, 1/2), so
    # P(k = 0) = 1/64 < 2.5% < P(k <= 1) = 7/64: the 2.5% and 97.5% quantiles are 1/6 and 5/6.
    rows = np.array([[0.0, 1.0]] * 3 + [[1.0, 1.0]] * 3)
    ci = bootstrap_ci(rows, "mean", n=4000)
    assert ci == CI("mean", {"value": Interval(0.5, pytest.approx(1 / 6), pytest.approx(5 / 6))}, 6, None)


def test_no_units_give_an_undefined_value_and_no_interval():
    ci = bootstrap_ci(np.zeros((0, 3)), "prf")
    assert ci.values["f1"] == Interval(None, None, None)  # nothing to find, nothing found
    assert bootstrap_ci(np.zeros((0, 2)), "mean").values["value"] == Interval(None, None, None)


def test_resamples_without_the_type_are_left_out_not_counted_as_perfect():
    # Eight documents, gold items of this type in one only, nothing predicted. Resamples that
    # miss that document have tp = fp = fn = 0; counting them as F1 = 1 gave the interval
    # (0, 1) around a point of 0. Left out, every defined resample has F1 = 0.
    rows = np.array([[0.0, 0.0, 3.0]] + [[0.0, 0.0, 0.0]] * 7)
    iv = bootstrap_ci(rows, "prf", n=500).values["f1"]
    assert iv == Interval(0.0, 0.0, 0.0)


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
    if rows < min_units(0.05):
        assert set(result.p_values.values()) == {None} and result.reason.startswith("not enough units")
        return
    for p in result.p_values.values():
        if p is None:  # an undefined statistic
            continue
        # p = (c + 1) / (m + 1) for m <= n defined resamples and 0 <= c <= m
        assert any(abs(p * (m + 1) - round(p * (m + 1))) < 1e-9 and 1 <= round(p * (m + 1)) <= m + 1 for m in range(1, n + 1))


def test_randomisation_six_units_hand_computed():
    # A scores 1 on six units, B scores 0: δ = −1. Swapping k units gives δ* = (2k − 6)/6, so
    # |δ*| ≥ 1 only for k = 0 or 6: p = 2/64, the exact sign-flip test's smallest p at 6 units.
    a = np.array([[1.0, 1.0]] * 6)
    b = np.array([[0.0, 1.0]] * 6)
    result = paired_test(a, b, "mean", "randomisation", n=20000)
    assert result.deltas == {"value": -1.0}
    assert result.p_values["value"] == pytest.approx(2 / 64, abs=0.005)


@pytest.mark.parametrize("method", ["bootstrap", "randomisation"])
@pytest.mark.parametrize("units", [1, 2, 5])
def test_too_few_units_are_never_significant_nor_p_equal_one(method, units):
    # Two documents: the paired bootstrap said p = 0.001 and randomisation 0.50 for the same
    # drop; one document gave p = 1. Below min_units neither answers: p is None, with a reason.
    result = paired_test(np.array([[1.0, 1.0]] * units), np.array([[0.0, 1.0]] * units), "mean", method, n=99)
    assert result.deltas == {"value": -1.0}
    assert result.p_values == {"value": None}
    assert result.units == units and result.reason == f"not enough units ({units} < 6)"


def test_undefined_statistic_has_no_delta_and_no_p():
    zeros = np.zeros((8, 3))
    result = paired_test(zeros, zeros, "prf", n=50)
    assert result.deltas == {"precision": None, "recall": None, "f1": None}
    assert set(result.p_values.values()) == {None} and result.reason == "undefined"


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
