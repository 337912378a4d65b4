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

from .base import Counts

if TYPE_CHECKING:  # numpy and scipy load only when something is aligned
    import numpy as np

#: Differences in the last (finest) level smaller than this are ties.
RESOLUTION = 1e-6
#: The reason part scorers give for a verbatim repeat left unmatched.
REPEAT_REASON = "repeats an earlier prediction; a duplicate earns no credit"


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
        return uncontested(gi, pj, n, m)
    # Candidates alone in their row and column are matches; the rest form components.
    alone = (rows_hit[gi] == 1) & (cols_hit[pj] == 1)
    pairs: list[tuple[int, int]] = list(zip(gi[alone].tolist(), pj[alone].tolist()))
    for rows, cols in _components(gi[~alone], pj[~alone], n, m):
        if len(rows) == 1 or len(cols) == 1:
            pairs.append(_best_single(levels, valid, rows, cols))
            continue
        ix = np.ix_(rows, cols)
        pairs.extend((rows[r], cols[c]) for r, c in _solve([level[ix] for level in levels], maxima, valid[ix]))
    pairs.sort()
    return _from_pairs(pairs, n, m)


def _best_single(levels: list["np.ndarray"], valid: "np.ndarray", rows: list[int], cols: list[int]) -> tuple[int, int]:
    """The pair a one-row or one-column component keeps: the candidate whose levels are
    lexicographically largest (the last level compared at RESOLUTION), the earliest on a tie."""
    best: tuple[int, int] | None = None
    best_key: tuple[float, ...] = ()
    for r in rows:
        for c in cols:
            if not valid[r, c]:
                continue
            key = tuple(float(level[r, c]) for level in levels)
            key = key[:-1] + (round(key[-1] / RESOLUTION),)
            if best is None or key > best_key:
                best, best_key = (r, c), key
    assert best is not None
    return best


def uncontested(gi: "np.ndarray", pj: "np.ndarray", n: int, m: int) -> Alignment:
    """The alignment when every candidate pair is the only candidate of its row and column:
    each candidate is a match, whatever the weights (no solver needed)."""
    import numpy as np

    order = np.argsort(gi, kind="stable")
    g, p = gi[order], pj[order]
    used_g = np.zeros(n, bool)
    used_p = np.zeros(m, bool)
    used_g[g] = True
    used_p[p] = True
    return Alignment(
        tuple(zip(g.tolist(), p.tolist())),
        tuple(np.flatnonzero(~used_g).tolist()),
        tuple(np.flatnonzero(~used_p).tolist()),
    )


def _from_pairs(pairs: list[tuple[int, int]], n: int, m: int) -> Alignment:
    used_g = {g for g, _ in pairs}
    used_p = {p for _, p in pairs}
    return Alignment(
        tuple(pairs),
        tuple(i for i in range(n) if i not in used_g),
        tuple(j for j in range(m) if j not in used_p),
    )


def _components(gi: "np.ndarray", pj: "np.ndarray", n: int, m: int) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite candidate graph (union-find), each as sorted rows
    and columns; a graph with as many edges as a dense one is left whole."""
    if len(gi) * 4 >= n * m:
        return [(sorted(set(gi.tolist())), sorted(set(pj.tolist())))]
    parent = list(range(n + m))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges = list(zip(gi.tolist(), pj.tolist()))
    for g, p in edges:
        a, b = find(g), find(n + p)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, tuple[set[int], set[int]]] = {}
    for g, p in edges:
        rows, cols = groups.setdefault(find(g), (set(), set()))
        rows.add(g)
        cols.add(p)
    return [(sorted(r), sorted(c)) for r, c in groups.values()]


def _solve(
    levels: list["np.ndarray"], maxima: list[float], valid: "np.ndarray"
) -> list[tuple[int, int]]:
    import numpy as np

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
    work = np.where(valid, weight + order * (0.25 / k), -1.0)
    if n == 1 or m == 1:  # one item against several: the best candidate, no solver needed
        best = int(np.argmax(work))
        r, c = divmod(best, m)
        return [(r, c)] if valid[r, c] else []
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(np.maximum(work, 0.0), maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if valid[r, c]]


def alignment_counts(alignment: Alignment) -> tuple[Counts, tuple[tuple[float, ...], ...]]:
    """The alignment's ``Counts`` (pairs are true positives, unmatched predictions false
    positives, unmatched gold items false negatives) and one resampling unit per item."""
    tp = len(alignment.pairs)
    fp, fn = len(alignment.unmatched_pred), len(alignment.unmatched_gold)
    units = ((1.0, 0.0, 0.0),) * tp + ((0.0, 0.0, 1.0),) * fn + ((0.0, 1.0, 0.0),) * fp
    return Counts(float(tp), float(fp), float(fn)), units


def span_iou(gs: int, ge: int, ps: int, pe: int) -> float:
    """Intersection over union of the spans ``[gs, ge)`` and ``[ps, pe)``; 1.0 when both are empty."""
    inter = max(0, min(ge, pe) - max(gs, ps))
    union = max(ge, pe) - min(gs, ps)
    return inter / union if union > 0 else 1.0


__all__ = [
    "Alignment",
    "REPEAT_REASON",
    "RESOLUTION",
    "align",
    "align_levels",
    "alignment_counts",
    "repeat_candidates",
    "span_iou",
    "uncontested",
]
