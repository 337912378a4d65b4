"""One-to-one optimal alignment of gold items with predicted items.

Every part defines, for each gold/prediction pair, how good a partner the prediction is; this
module finds the one-to-one pairing with the largest total (Hungarian assignment,
``scipy.optimize.linear_sum_assignment``, as DROP's evaluation aligns answer spans), so a
duplicate prediction never earns credit twice and no score depends on the order items are
listed in.

Two entry points:

* :func:`align` maximises the total of one similarity matrix; pairs below ``threshold`` (or
  not positive) are never matched.
* :func:`align_levels` maximises *levels* lexicographically: the first level is what the
  metric counts (a match; SemEval's 2 for an exact and 1 for a partial boundary match), later
  levels only decide between alignments that count the same (prefer a same-type partner, then
  the larger overlap). Every level strictly dominates all later ones, so every optimal
  alignment has the same first-level total — which is why permuting predictions changes no
  score.

Tie-breaking is explicit: weights are compared at :data:`RESOLUTION`, and among alignments of
equal weight the one that pairs earlier items, and pairs them in order, wins (a bonus below
the resolution, ``(n − i)(m − j)`` for gold item ``i`` and prediction ``j``). When two identical
predictions compete for one gold item the earlier prediction is the match and the later one is
spurious; when two gold items compete for one prediction the earlier gold item gets it; two
interchangeable predictions for two gold items pair first with first.

The candidate graph is split into connected components first and each is solved on its own: the
optimum is the same, small components (the common case, one gold mention overlapping one
prediction) need no solver, and the weights of a component stay small enough for exact ties.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Hashable, Sequence

if TYPE_CHECKING:  # numpy and scipy load only when something is aligned
    import numpy as np

#: Differences in the last (finest) level smaller than this are ties.
RESOLUTION = 1e-6


@dataclass(frozen=True)
class Alignment:
    """Matched ``(gold_index, pred_index)`` pairs (sorted) and the unmatched leftovers."""

    pairs: tuple[tuple[int, int], ...]
    unmatched_gold: tuple[int, ...]
    unmatched_pred: tuple[int, ...]


def align(weights: "np.ndarray | Sequence[Sequence[float]]", threshold: float = 0.0) -> Alignment:
    """The one-to-one alignment of rows (gold) with columns (predictions) of largest total weight.

    A pair is a candidate only when its weight is positive and at least ``threshold``; pairs
    below it are never matched, even when nothing else is available. Deterministic: equal
    alternatives are resolved by item order as the module docstring describes.
    """
    import numpy as np

    w = _matrix(weights)
    valid = (w > 0) & (w >= threshold)
    top = float(w[valid].max()) if valid.any() else 1.0
    return _align([np.where(valid, w, 0.0)], [top], valid)


def align_levels(
    levels: Sequence["np.ndarray"],
    maxima: Sequence[float],
    candidates: "np.ndarray | None" = None,
) -> Alignment:
    """The one-to-one alignment maximising ``levels`` lexicographically.

    ``levels`` are same-shaped (gold × predictions) matrices. Every level but the last must
    hold integers in ``0..maxima[i]``; the last may hold any value in ``[0, maxima[-1]]``. Only
    ``candidates`` (a boolean matrix; by default the pairs whose first level is positive) are
    ever matched.
    """
    if len(levels) != len(maxima) or not levels:
        raise ValueError("align_levels needs one maximum per level, and at least one level")
    mats = [_matrix(level) for level in levels]
    shape = mats[0].shape
    if any(m.shape != shape for m in mats):
        raise ValueError("align_levels: every level must have the same shape")
    valid = mats[0] > 0 if candidates is None else _matrix(candidates) > 0
    if valid.shape != shape:
        raise ValueError("align_levels: candidates must have the shape of the levels")
    return _align(mats, [float(x) for x in maxima], valid)


def repeat_candidates(
    gold_keys: Sequence[Hashable], pred_keys: Sequence[Hashable]
) -> tuple["np.ndarray", "np.ndarray"]:
    """Which pairs a repeated prediction may take: ``(allowed, repeated)``.

    Part scorers key items by everything but their id. The first prediction with a key is an
    ordinary candidate. A verbatim repeat is credited at most as often as the gold itself
    repeats that very item: the ``k``-th prediction with a key (``k ≥ 2``) may pair only with a
    gold item of the same key, and only when the gold has at least ``k`` of them; otherwise it
    is no candidate at all. So a duplicate never earns credit twice, while gold scored against
    itself still scores 1.0. ``allowed`` is the (gold × predictions) mask to apply;
    ``repeated[j]`` tells whether prediction ``j`` repeats an earlier one.
    """
    import numpy as np
    from collections import Counter

    n, m = len(gold_keys), len(pred_keys)
    allowed = np.ones((n, m), dtype=bool)
    repeated = np.zeros(m, dtype=bool)
    gold_count = Counter(gold_keys)
    seen: Counter = Counter()
    for j, key in enumerate(pred_keys):
        seen[key] += 1
        if seen[key] == 1:
            continue
        repeated[j] = True
        if seen[key] <= gold_count[key]:
            allowed[:, j] = [g == key for g in gold_keys]
        else:
            allowed[:, j] = False
    return allowed, repeated


def _matrix(x: "np.ndarray | Sequence[Sequence[float]]") -> "np.ndarray":
    import numpy as np

    w = np.asarray(x, dtype=float)
    if w.ndim == 2:
        return w
    if w.size == 0:
        return np.zeros((len(x), 0))  # type: ignore[arg-type]
    raise ValueError(f"expected a 2-d matrix, got shape {w.shape}")


def _align(levels: list["np.ndarray"], maxima: list[float], valid: "np.ndarray") -> Alignment:
    import numpy as np

    n, m = valid.shape
    if n == 0 or m == 0 or not valid.any():
        return Alignment((), tuple(range(n)), tuple(range(m)))
    gi, pj = np.nonzero(valid)
    rows_hit = np.bincount(gi, minlength=n)
    cols_hit = np.bincount(pj, minlength=m)
    if rows_hit.max() <= 1 and cols_hit.max() <= 1:
        pairs = list(zip(gi.tolist(), pj.tolist()))  # every candidate is uncontested
    else:
        pairs = []
        for rows, cols in _components(gi.tolist(), pj.tolist(), n):
            if len(rows) == 1 and len(cols) == 1:
                pairs.append((rows[0], cols[0]))
                continue
            sub = [level[np.ix_(rows, cols)] for level in levels]
            pairs.extend(
                (rows[r], cols[c]) for r, c in _solve(sub, maxima, valid[np.ix_(rows, cols)])
            )
    pairs.sort()
    used_g = {g for g, _ in pairs}
    used_p = {p for _, p in pairs}
    return Alignment(
        tuple(pairs),
        tuple(i for i in range(n) if i not in used_g),
        tuple(j for j in range(m) if j not in used_p),
    )


def _components(gi: list[int], pj: list[int], n: int) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite candidate graph (union-find), in item order."""
    parent = list(range(n + max(pj) + 1))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g, p in zip(gi, pj):
        a, b = find(g), find(n + p)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, tuple[set[int], set[int]]] = {}
    for g, p in zip(gi, pj):
        rows, cols = groups.setdefault(find(g), (set(), set()))
        rows.add(g)
        cols.add(p)
    return [(sorted(r), sorted(c)) for r, c in groups.values()]


def _solve(
    levels: list["np.ndarray"], maxima: list[float], valid: "np.ndarray"
) -> list[tuple[int, int]]:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    n, m = valid.shape
    k = min(n, m) + 1
    weight = np.zeros((n, m))
    last = len(levels) - 1
    for i, (level, top) in enumerate(zip(levels, maxima)):
        if i == last:
            units = np.round(level / (RESOLUTION * max(top, 1e-300)))  # ties at RESOLUTION
            span = 1.0 / RESOLUTION
        else:
            units, span = level, top
        # one unit of an earlier level outweighs the largest possible total of this one
        weight = weight * (k * span + 1.0) + units
    # Order bonus: below one unit in total; larger for earlier rows and columns, and (being a
    # product, by the rearrangement inequality) largest when pairs keep the items' order.
    order = np.outer(n - np.arange(n), m - np.arange(m)) / (n * m)
    work = np.where(valid, weight + order * (0.25 / k), 0.0)
    rows, cols = linear_sum_assignment(work, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if valid[r, c]]


__all__ = ["Alignment", "RESOLUTION", "align", "align_levels", "repeat_candidates"]
