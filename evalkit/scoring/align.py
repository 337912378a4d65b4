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
from collections.abc import Mapping
from typing import TYPE_CHECKING, Callable, Hashable, Iterator, Sequence

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
    seen: Counter[Hashable] = Counter()
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
        return np.zeros((len(x), 0))
    raise ValueError(f"expected a 2-d matrix, got shape {w.shape}")


def _align(levels: list["np.ndarray"], maxima: list[float], valid: "np.ndarray") -> Alignment:
    import numpy as np

    n, m = valid.shape
    if n == 0 or m == 0 or not valid.any():
        return Alignment((), tuple(range(n)), tuple(range(m)))
    gi, pj = np.nonzero(valid)
    split = split_candidates(gi, pj, n, m)
    if split is None:
        return uncontested(gi, pj, n, m)
    alone_g, alone_p, components = split
    pairs: list[tuple[int, int]] = list(zip(alone_g.tolist(), alone_p.tolist()))
    for rows, cols in components:
        ix = np.ix_(rows, cols)
        pairs.extend((rows[r], cols[c]) for r, c in solve_component([level[ix] for level in levels], maxima, valid[ix]))
    pairs.sort()
    return _from_pairs(pairs, n, m)


def split_candidates(
    gi: "np.ndarray", pj: "np.ndarray", n: int, m: int
) -> "tuple[np.ndarray, np.ndarray, list[tuple[list[int], list[int]]]] | None":
    """Cut the candidate pairs ``(gi[k], pj[k])`` of an ``n × m`` problem as the solver does.

    ``None`` when every candidate is the only one of its row and column (each is then a match,
    :func:`uncontested`). Otherwise ``(alone_gold, alone_pred, components)``: the candidates
    alone in their row and column (matches whatever the weights) and the contested rest as
    connected components (sorted rows, sorted columns), each to be given to
    :func:`solve_component` on its own. Part scorers that align under several weightings of
    one candidate graph cut it once and solve only the components.
    """
    import numpy as np

    rows_hit = np.bincount(gi, minlength=n)
    cols_hit = np.bincount(pj, minlength=m)
    if len(gi) == 0 or (rows_hit.max() <= 1 and cols_hit.max() <= 1):
        return None
    alone = (rows_hit[gi] == 1) & (cols_hit[pj] == 1)
    return gi[alone], pj[alone], _components(gi[~alone], pj[~alone], n, m)


def solve_component(
    levels: Sequence["np.ndarray"], maxima: Sequence[float], valid: "np.ndarray"
) -> list[tuple[int, int]]:
    """The optimal pairs (local indices) of one contested component (:func:`split_candidates`):
    ``levels`` and ``valid`` restricted to its rows and columns, as :func:`align_levels` takes
    them. A component of one row or one column keeps its best candidate; any other goes to the
    Hungarian solver."""
    mats = [_matrix(level) for level in levels]
    ok = _matrix(valid) > 0
    rows, cols = ok.shape
    if rows == 1 or cols == 1:
        return [_best_single(mats, ok, list(range(rows)), list(range(cols)))]
    return _solve(mats, [float(x) for x in maxima], ok)


#: Components with at most this many full assignments are settled by comparing them all.
ENUMERATE = 24

#: ``cells(rows, cols)`` → ``(valid, levels)`` for index arrays of one shape: whether each cell
#: is a candidate, and per weighting its levels (float arrays of that shape).
Cells = Callable[["np.ndarray", "np.ndarray"], "tuple[np.ndarray, list[list[np.ndarray]]]"]


def solve_components(
    cells: Cells,
    maxima: Sequence[Sequence[float]],
    components: Sequence[tuple[Sequence[int], Sequence[int]]],
) -> "np.ndarray":
    """:func:`solve_component` for many components at once, under several weightings.

    ``cells`` gives the candidates and, per weighting, the levels of any cells asked for (so
    the problem's full matrices are never needed: components of a whole corpus can be solved
    together); ``maxima`` holds each weighting's maxima. The answer is every component's
    optimal pairs under every weighting, as rows ``(weighting, component, row, column)``.

    The same pairs as :func:`solve_component`, for less work. A component of one row or one
    column keeps its best candidate as :func:`_best_single` picks it (one sort for all of
    them). For any other, :func:`_solve` returns the full assignment of largest weight and
    drops the pairs that are no candidates; its weights order assignments exactly as their
    totals compare level by level and then by the order bonus — whole numbers all (earlier
    levels hold integers, the last is counted in RESOLUTION units, the bonus is
    ``(n − i)(m − j)``) — so components with at most :data:`ENUMERATE` full assignments have
    them all compared at once in numpy. The solver itself decides where the best assignments
    keep different pairs (an exact tie, which it breaks its own way), for larger components,
    and wherever an earlier level breaks the integer rule.
    """
    import numpy as np

    tops = [[float(x) for x in m] for m in maxima]
    found: list["np.ndarray"] = [np.zeros((0, 4), dtype=np.intp)]
    singles: list[tuple[int, int, int]] = []
    shapes: dict[tuple[int, int], list[int]] = {}
    for k, (rows, cols) in enumerate(components):
        if len(rows) == 1:
            singles.extend((k, rows[0], c) for c in cols)
        elif len(cols) == 1:
            singles.extend((k, r, cols[0]) for r in rows)
        elif _assignments(len(rows), len(cols)) <= ENUMERATE:
            shapes.setdefault((len(rows), len(cols)), []).append(k)
        else:
            found.append(_solved(cells, tops, k, rows, cols))
    if singles:
        table = np.array(singles, dtype=np.intp)
        _, levels = cells(table[:, 1], table[:, 2])
        found.append(_best_singles(_keys(levels, [RESOLUTION] * len(tops)), table))
    steps = [RESOLUTION * max(t[-1], 1e-300) for t in tops]  # as _solve rounds the last level
    for ks in shapes.values():
        same_rows = np.array([components[k][0] for k in ks], dtype=np.intp)
        same_cols = np.array([components[k][1] for k in ks], dtype=np.intp)
        chosen, unsettled = _best_assignments(cells, steps, np.array(ks, dtype=np.intp), same_rows, same_cols)
        found.append(chosen)
        for k in unsettled.tolist():
            found.append(_solved(cells, tops, k, *components[k]))
    return np.concatenate(found)


def _keys(levels: list[list["np.ndarray"]], steps: list[float]) -> "np.ndarray":
    """(weightings, levels, …): each weighting's levels padded in front with zeros (a constant
    level orders nothing), the last counted in rounded ``steps``."""
    import numpy as np

    width = max(len(x) for x in levels)
    zero = np.zeros(levels[0][0].shape)
    return np.stack([
        np.stack([zero] * (width - len(x)) + x[:-1] + [np.round(x[-1] / step)])
        for x, step in zip(levels, steps)
    ])  # fmt: skip


def _assignments(n: int, m: int) -> int:
    """How many full assignments an ``n × m`` matrix has: ``b!/(b − a)!`` for ``a ≤ b``."""
    a, b = min(n, m), max(n, m)
    count = 1
    for x in range(b - a + 1, b + 1):
        count *= x
    return count


def _solved(cells: Cells, maxima: list[list[float]], k: int, rows: Sequence[int], cols: Sequence[int]) -> "np.ndarray":
    """Component ``k`` through :func:`_solve` under every weighting, as ``(weighting,
    component, row, column)`` rows."""
    import numpy as np

    valid, levels = cells(*np.ix_(rows, cols))
    out = [(w, k, rows[r], cols[c]) for w, (mats, tops) in enumerate(zip(levels, maxima)) for r, c in _solve(mats, tops, valid)]
    return np.array(out, dtype=np.intp).reshape(-1, 4)


def _best_singles(keys: "np.ndarray", table: "np.ndarray") -> "np.ndarray":
    """:func:`_best_single` for many one-row or one-column components under every weighting:
    ``table`` rows are ``(component, row, column)``, every cell of such a component (each is a
    candidate); ``keys`` their levels ``(weightings, levels, cells)``, the last in rounded
    RESOLUTION units. Per weighting and component, the cell whose levels are lexicographically
    largest, the earliest on a tie, as ``(weighting, component, row, column)`` rows."""
    import numpy as np

    comp, r, c = table[:, 0], table[:, 1], table[:, 2]
    w = len(keys)
    group = (np.arange(w)[:, None] * (comp.max() + 1) + comp).ravel()
    columns = [np.tile(c, w), np.tile(r, w)] + [-keys[:, i].ravel() for i in range(keys.shape[1] - 1, -1, -1)]
    order = np.lexsort((*columns, group))
    ranked = group[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = ranked[1:] != ranked[:-1]
    chosen = order[first]
    return np.concatenate([(chosen // len(table))[:, None], table[chosen % len(table)]], axis=1)


def _best_assignments(
    cells: Cells, steps: list[float], ks: "np.ndarray", rows: "np.ndarray", cols: "np.ndarray"
) -> tuple["np.ndarray", "np.ndarray"]:
    """The pairs :func:`_solve` keeps in each of the equally shaped components ``ks`` (one row
    of ``rows`` and ``cols`` each: their sorted indices) under every weighting, found by
    comparing the totals of every full assignment (``steps``: each weighting's RESOLUTION
    step for its last level, as :func:`_solve` counts it). Returns ``(weighting, component,
    row, column)`` rows, and the components left to the solver: those where, under some
    weighting, the best assignments keep different candidate pairs, or an earlier level holds
    a number that is not whole."""
    import itertools

    import numpy as np

    n, m = rows.shape[1], cols.shape[1]
    bonus = np.outer(n - np.arange(n), m - np.arange(m))  # the solver's order bonus, in whole numbers
    if n <= m:  # each row takes a distinct column
        perms = np.array(list(itertools.permutations(range(m), n)), dtype=np.intp)  # (assignments, n)
        r = np.broadcast_to(rows[:, None, :], (len(ks), *perms.shape))
        c = cols[:, perms]
        gain = bonus[np.arange(n), perms]
    else:  # each column takes a distinct row
        perms = np.array(list(itertools.permutations(range(n), m)), dtype=np.intp)
        r = rows[:, perms]
        c = np.broadcast_to(cols[:, None, :], (len(ks), *perms.shape))
        gain = bonus[perms, np.arange(m)]
    ok, levels = cells(r, c)  # (components, assignments, pairs)
    units = _keys(levels, steps)  # (weightings, levels, components, assignments, pairs)
    whole = (units[:, :-1] == np.round(units[:, :-1])).all(axis=(0, 1, 3, 4))
    totals = (units * ok).sum(axis=-1)  # (weightings, levels, components, assignments)
    best = np.ones((len(units), *ok.shape[:2]), dtype=bool)
    for level in range(totals.shape[1]):
        total = totals[:, level]
        best &= total == np.where(best, total, -np.inf).max(axis=-1, keepdims=True)
    total = np.broadcast_to((gain * ok).sum(axis=-1), best.shape)
    best &= total == np.where(best, total, -1).max(axis=-1, keepdims=True)
    first = best.argmax(axis=-1)  # (weightings, components)
    at = np.arange(len(ks))[None, :]
    # the candidate pairs an assignment keeps, as sorted codes (0 for a non-candidate)
    kept = np.sort(ok * (r * (c.max() + 1) + c + 1), axis=-1)
    unique = ((kept[None] == kept[at, first][:, :, None, :]).all(axis=-1) | ~best).all(axis=-1)
    settled = unique.all(axis=0) & whole
    keep = ok[at, first] & settled[None, :, None]  # (weightings, components, pairs)
    w, j, i = np.nonzero(keep)
    pick = first[w, j]
    return np.stack([w, ks[j], r[j, pick, i], c[j, pick, i]], axis=1), ks[~settled]


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
    counts = pair_counts(alignment)
    tp, fp, fn = (int(x) for x in counts.as_stats())
    units = ((1.0, 0.0, 0.0),) * tp + ((0.0, 0.0, 1.0),) * fn + ((0.0, 1.0, 0.0),) * fp
    return counts, units


#: Counts by (tp, fp, fn): immutable, so alignments with equal counts share one object (a
#: corpus holds a handful of distinct small counts many thousand times); emptied when full.
_COUNTS: dict[tuple[int, int, int], Counts] = {}
_COUNTS_MAX = 100_000


def pair_counts(alignment: Alignment) -> Counts:
    """:func:`alignment_counts` without the units (what a part scorer keeps)."""
    return shared_counts(len(alignment.pairs), len(alignment.unmatched_pred), len(alignment.unmatched_gold))


def shared_counts(tp: int, fp: int, fn: int) -> Counts:
    """``Counts(float(tp), float(fp), float(fn))``, one object per distinct value."""
    key = (tp, fp, fn)
    found = _COUNTS.get(key)
    if found is None:
        if len(_COUNTS) >= _COUNTS_MAX:
            _COUNTS.clear()
        found = _COUNTS[key] = Counts(float(tp), float(fp), float(fn))
    return found


class AlignmentUnits(Mapping[str, tuple[tuple[float, ...], ...]]):
    """``PartScore.units`` of metrics that count one alignment each, made from their counts
    when read: one unit per matched pair, per missed gold item and per spurious prediction,
    as :func:`alignment_counts` lists them. Nothing per item is held."""

    __slots__ = ("_metrics",)

    def __init__(self, metrics: Mapping[str, Counts]) -> None:
        self._metrics = metrics

    def __getitem__(self, name: str) -> tuple[tuple[float, ...], ...]:
        c = self._metrics[name]
        return ((1.0, 0.0, 0.0),) * int(c.tp) + ((0.0, 0.0, 1.0),) * int(c.fn) + ((0.0, 1.0, 0.0),) * int(c.fp)

    def __iter__(self) -> Iterator[str]:
        return iter(self._metrics)

    def __len__(self) -> int:
        return len(self._metrics)


def span_iou(gs: int, ge: int, ps: int, pe: int) -> float:
    """Intersection over union of the spans ``[gs, ge)`` and ``[ps, pe)``; 1.0 when both are empty."""
    inter = max(0, min(ge, pe) - max(gs, ps))
    union = max(ge, pe) - min(gs, ps)
    return inter / union if union > 0 else 1.0


__all__ = [
    "Alignment",
    "AlignmentUnits",
    "REPEAT_REASON",
    "RESOLUTION",
    "align",
    "align_levels",
    "alignment_counts",
    "pair_counts",
    "shared_counts",
    "repeat_candidates",
    "solve_component",
    "solve_components",
    "span_iou",
    "split_candidates",
    "uncontested",
]
