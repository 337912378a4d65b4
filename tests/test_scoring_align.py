"""Optimal one-to-one alignment: optimality, thresholds, duplicates, deterministic ties."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.scoring.align import align, align_levels


def brute_force_best(w: np.ndarray, threshold: float = 0.0) -> float:
    """The largest total weight of any one-to-one matching of candidate pairs (exhaustive)."""
    n, m = w.shape
    ok = (w > 0) & (w >= threshold)
    best = 0.0
    cols = list(range(m))
    for k in range(min(n, m) + 1):
        for rows in itertools.combinations(range(n), k):
            for perm in itertools.permutations(cols, k):
                if all(ok[r, c] for r, c in zip(rows, perm)):
                    best = max(best, sum(w[r, c] for r, c in zip(rows, perm)))
    return best


def total(w: np.ndarray, pairs) -> float:
    return sum(w[g, p] for g, p in pairs)


def test_picks_the_optimal_pairs_not_the_greedy_ones():
    # Greedy (row 0 takes its best column 0) totals 0.9; the optimum is 0.8 + 0.8.
    w = np.array([[0.9, 0.8], [0.8, 0.0]])
    a = align(w)
    assert a.pairs == ((0, 1), (1, 0))
    assert a.unmatched_gold == () and a.unmatched_pred == ()


def test_pairs_below_the_threshold_never_match():
    w = np.array([[0.4, 0.0], [0.0, 0.6]])
    a = align(w, threshold=0.5)
    assert a.pairs == ((1, 1),)
    assert a.unmatched_gold == (0,)
    assert a.unmatched_pred == (0,)


def test_zero_weight_is_no_match():
    a = align(np.zeros((2, 3)))
    assert a.pairs == ()
    assert a.unmatched_gold == (0, 1) and a.unmatched_pred == (0, 1, 2)


def test_empty_sides():
    assert align(np.zeros((0, 3))).unmatched_pred == (0, 1, 2)
    assert align(np.zeros((2, 0))).unmatched_gold == (0, 1)
    assert align([]).pairs == ()


def test_a_duplicate_prediction_never_earns_credit_twice():
    # One gold item, the same prediction three times: one match, two spurious.
    a = align(np.ones((1, 3)))
    assert len(a.pairs) == 1
    assert len(a.unmatched_pred) == 2


def test_ties_go_to_the_earlier_prediction_and_the_earlier_gold_item():
    assert align(np.ones((1, 3))).pairs == ((0, 0),)
    assert align(np.ones((3, 1))).pairs == ((0, 0),)
    # Two golds, two identical predictions: first with first.
    assert align(np.ones((2, 2))).pairs == ((0, 0), (1, 1))


def test_levels_are_lexicographic():
    # Level 0: both pairings give 2 matches; level 1 prefers the diagonal (2 vs 0 agreements)
    # even though the off-diagonal has the larger last level.
    level0 = np.ones((2, 2))
    level1 = np.eye(2)
    level2 = np.array([[0.1, 1.0], [1.0, 0.1]])
    a = align_levels([level0, level1, level2], [1, 1, 1])
    assert a.pairs == ((0, 0), (1, 1))


def test_first_level_count_beats_any_later_gain():
    # Matching (0,0) alone has a huge later-level gain but only one match; two matches win.
    level0 = np.array([[1, 1], [1, 0]])
    level1 = np.array([[1, 0], [0, 0]])
    a = align_levels([level0, level1], [1, 1])
    assert a.pairs == ((0, 1), (1, 0))


def test_candidates_restrict_matching():
    level0 = np.array([[1, 1]])
    a = align_levels([level0], [1], candidates=np.array([[0, 1]]))
    assert a.pairs == ((0, 1),)


def test_level_shapes_are_checked():
    with pytest.raises(ValueError):
        align_levels([np.ones((2, 2)), np.ones((2, 3))], [1, 1])
    with pytest.raises(ValueError):
        align_levels([np.ones((2, 2))], [1, 1])


weights = st.integers(1, 4).flatmap(
    lambda n: st.integers(1, 4).flatmap(
        lambda m: st.lists(
            st.lists(st.sampled_from([0.0, 0.0, 0.25, 0.5, 0.75, 1.0]), min_size=m, max_size=m),
            min_size=n,
            max_size=n,
        )
    )
)


@given(weights, st.sampled_from([0.0, 0.5]))
def test_alignment_is_optimal_one_to_one_and_respects_the_threshold(rows, threshold):
    w = np.array(rows)
    a = align(w, threshold)
    gold_used = [g for g, _ in a.pairs]
    pred_used = [p for _, p in a.pairs]
    assert len(set(gold_used)) == len(gold_used) and len(set(pred_used)) == len(pred_used)
    assert sorted(gold_used + list(a.unmatched_gold)) == list(range(w.shape[0]))
    assert sorted(pred_used + list(a.unmatched_pred)) == list(range(w.shape[1]))
    assert all(w[g, p] > 0 and w[g, p] >= threshold for g, p in a.pairs)
    assert total(w, a.pairs) == pytest.approx(brute_force_best(w, threshold))


@given(weights, st.randoms(use_true_random=False))
def test_permuting_predictions_changes_no_total(rows, rnd):
    w = np.array(rows)
    perm = list(range(w.shape[1]))
    rnd.shuffle(perm)
    a = align(w)
    b = align(w[:, perm])
    assert total(w, a.pairs) == pytest.approx(total(w[:, perm], b.pairs))


@given(weights)
def test_alignment_is_deterministic(rows):
    w = np.array(rows)
    assert align(w) == align(w.copy())


def _token_f1(a: str, b: str) -> float:
    """Bag-of-words F1 of two answer spans, as DROP scores one span against another."""
    ta, tb = a.lower().split(), b.lower().split()
    common = sum(min(ta.count(t), tb.count(t)) for t in set(ta))
    if not common:
        return 0.0
    p, r = common / len(tb), common / len(ta)
    return 2 * p * r / (p + r)


def test_drop_multi_span_f1_example():
    # DROP aligns gold and predicted answer spans one-to-one on their token F1 and averages the
    # aligned scores over max(#gold, #predicted). Gold: Denver Broncos, Carolina Panthers.
    gold = ["Denver Broncos", "Carolina Panthers"]
    pred = ["Panthers", "Denver Broncos", "Broncos"]
    w = np.array([[_token_f1(g, p) for p in pred] for g in gold])
    a = align(w)
    assert a.pairs == ((0, 1), (1, 0))  # "Broncos" may not take Denver Broncos a second time
    multi_span_f1 = sum(w[g, p] for g, p in a.pairs) / max(len(gold), len(pred))
    assert multi_span_f1 == pytest.approx((1.0 + 2 / 3) / 3)


# -- many components at once ----------------------------------------------------------------


@st.composite
def problems(draw):
    """A candidate matrix and two weightings over it: integer early levels, a last level drawn
    from a few values (so that ties are common), sometimes a non-integer early level."""
    n, m = draw(st.integers(2, 5)), draw(st.integers(2, 5))
    dense = st.integers(0, 4).map(bool)  # four candidates in five
    valid = np.array(draw(st.lists(dense, min_size=n * m, max_size=n * m)), dtype=bool).reshape(n, m)
    weightings = []
    for _ in range(2):
        first = np.array(draw(st.lists(st.integers(0, 1), min_size=n * m, max_size=n * m)), dtype=float).reshape(n, m)
        if draw(st.integers(0, 9)) == 0:
            first = first + 0.5  # breaks the integer rule: the solver must decide
        last = np.array(draw(st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=n * m, max_size=n * m))).reshape(n, m)
        weightings.append(([first, valid.astype(float), last], [1.5 if first.max() > 1 else 1, 1, 1]))
    return valid, weightings


@given(problems())
def test_solving_many_components_at_once_equals_solving_each(problem):
    from evalkit.scoring.align import solve_component, solve_components, split_candidates

    valid, weightings = problem
    split = split_candidates(*np.nonzero(valid), *valid.shape)
    if split is None:
        return
    components = split[2]

    def cells(r, c):
        return valid[r, c], [[level[r, c] for level in levels] for levels, _ in weightings]

    rows = solve_components(cells, [maxima for _, maxima in weightings], components)
    for w, (levels, maxima) in enumerate(weightings):
        for k, (comp_rows, comp_cols) in enumerate(components):
            ix = np.ix_(comp_rows, comp_cols)
            one = solve_component([level[ix] for level in levels], maxima, valid[ix])
            expected = sorted((comp_rows[r], comp_cols[c]) for r, c in one)
            mine = rows[(rows[:, 0] == w) & (rows[:, 1] == k)]
            assert sorted(map(tuple, mine[:, 2:].tolist())) == expected, (w, k)
