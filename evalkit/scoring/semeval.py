"""SemEval-2013 mention counts for a whole corpus at once, over numpy span arrays.

:mod:`.mentions` says what is counted (the four schemas, overall and per type, with nervaluate's
categories); this module counts it for every document of a corpus in one pass, so the cost
of a document is a few array elements, not a few hundred numpy calls:

1. **Candidates.** Gold spans are sorted by document and start; each prediction looks up the
   gold spans of its document that start between its own start minus the document's longest
   gold span and its end, keeping those that overlap (or match exactly), above
   ``min_overlap_percentage`` when it is set. A verbatim repeat of a prediction (same span and
   type) keeps only the candidates :func:`.align.repeat_candidates` allows it.
2. **Cut.** A candidate alone in its gold row and its prediction column is a match under
   every schema. The others form connected components (:func:`scipy.sparse.csgraph.
   connected_components` over the corpus), cut exactly as :func:`.align.split_candidates`
   cuts one document — overall, and per (document, type) over the same-type candidates,
   including its rule that a problem with as many contested candidates as a dense one is
   solved whole.
3. **Solve.** Every distinct component is solved once per schema by
   :func:`.align.solve_components`, whose answers are those of the per-document solver.
4. **Count.** COR/INC/PAR/MIS/SPU per document, schema and type come from ``bincount`` over
   the matched pairs.

The result equals scoring each document on its own with :func:`.align.align_levels` on its
full matrices (tests/test_scoring_mentions_fast.py holds the two together).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np

#: The schemas in count order, as in :data:`.mentions.SCHEMAS`.
SCHEMAS: tuple[str, ...] = ("strict", "exact", "partial", "type")


class Spans(NamedTuple):
    """One side's grounded mentions over a corpus, in document then mention order: document
    index, start, end (exclusive) and type code, each an int64 array."""

    doc: "np.ndarray"
    start: "np.ndarray"
    end: "np.ndarray"
    type: "np.ndarray"


@dataclass(frozen=True)
class Counted:
    """What the engine found.

    ``counts[d, 0, s]`` is document ``d``'s COR/INC/PAR/MIS/SPU under schema ``s`` overall,
    ``counts[d, 1 + t, s]`` the same for type ``t`` alone. ``strict`` holds the matched pairs
    of the overall strict alignment, sorted (global gold and prediction indices), with
    ``exact``/``same`` telling whether each pair has the same span and the same type;
    ``repeated[j]`` whether prediction ``j`` repeats an earlier one of its document.
    """

    counts: "np.ndarray"
    strict: tuple["np.ndarray", "np.ndarray"]
    exact: "np.ndarray"
    same: "np.ndarray"
    repeated: "np.ndarray"


def count(gold: Spans, pred: Spans, n_docs: int, n_types: int, min_overlap_percentage: float | None = None) -> Counted:
    """SemEval counts of every document of a corpus (see the module docstring)."""
    import numpy as np

    gi, pj = _candidates(gold, pred, n_docs, min_overlap_percentage)
    repeated, allowed = _repeats(gold, pred, gi, pj)
    gi, pj = gi[allowed], pj[allowed]
    order = np.lexsort((pj, gi))
    gi, pj = gi[order], pj[order]
    n, m = len(gold.doc), len(pred.doc)
    n_gold = np.bincount(gold.doc, minlength=n_docs)
    n_pred = np.bincount(pred.doc, minlength=n_docs)

    same = gold.type[gi] == pred.type[pj]
    whole_alone, whole_comps = _cut(gi, pj, n, m, gold.doc[gi], n_gold, n_pred)
    group_g = gold.doc * n_types + gold.type  # a (document, type) problem
    group_p = pred.doc * n_types + pred.type
    size_g = np.bincount(group_g, minlength=n_docs * n_types)
    size_p = np.bincount(group_p, minlength=n_docs * n_types)
    tg, tp = gi[same], pj[same]
    typed_alone, typed_comps = _cut(tg, tp, n, m, group_g[tg], size_g, size_p)

    index: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
    distinct: list[tuple[list[int], list[int]]] = []
    whole_ids = _ids(whole_comps, index, distinct)
    typed_ids = _ids(typed_comps, index, distinct)
    solved = _solve(gold, pred, gi, pj, distinct)
    in_whole = np.zeros(len(distinct), dtype=bool)
    in_whole[whole_ids] = True
    in_typed = np.zeros(len(distinct), dtype=bool)
    in_typed[typed_ids] = True

    counts = np.zeros((n_docs, 1 + n_types, len(SCHEMAS), 5), dtype=np.int64)
    strict = (gi[:0], pj[:0])
    for w, schema in enumerate(SCHEMAS):
        mine = solved[solved[:, 0] == w]
        chosen = in_whole[mine[:, 1]]
        a = np.concatenate([gi[whole_alone], mine[chosen, 2]])
        b = np.concatenate([pj[whole_alone], mine[chosen, 3]])
        _tally_whole(counts, w, schema, gold, pred, a, b, n_gold, n_pred)
        if schema == "strict":
            order = np.lexsort((b, a))
            strict = (a[order], b[order])
        chosen = in_typed[mine[:, 1]]
        a = np.concatenate([tg[typed_alone], mine[chosen, 2]])
        b = np.concatenate([tp[typed_alone], mine[chosen, 3]])
        _tally_typed(counts, w, schema, gold, pred, a, b, n_types, size_g, size_p)
    a, b = strict
    exact = (gold.start[a] == pred.start[b]) & (gold.end[a] == pred.end[b])
    return Counted(counts, strict, exact, gold.type[a] == pred.type[b], repeated)


def _candidates(gold: Spans, pred: Spans, n_docs: int, min_overlap_percentage: float | None) -> tuple["np.ndarray", "np.ndarray"]:
    """Every (gold, prediction) pair of one document whose spans overlap or match exactly."""
    import numpy as np

    empty = np.zeros(0, dtype=np.intp)
    if not len(gold.doc) or not len(pred.doc):
        return empty, empty
    low = min(int(gold.start.min()), int(pred.start.min()), 0)
    gs, ge, ps, pe = gold.start - low, gold.end - low, pred.start - low, pred.end - low
    longest = np.zeros(n_docs, dtype=np.int64)
    np.maximum.at(longest, gold.doc, np.maximum(ge - gs, 0))
    # keys of (document, start) that never reach into another document's range
    base = int(max(ge.max(), pe.max(), gs.max(), ps.max())) + int(longest.max()) + 2
    order = np.lexsort((gs, gold.doc))
    keys = gold.doc[order] * base + gs[order]
    lo = np.searchsorted(keys, pred.doc * base + ps - longest[pred.doc], "left")
    hi = np.searchsorted(keys, pred.doc * base + pe, "right")
    width = hi - lo
    pj = np.repeat(np.arange(len(pred.doc)), width)
    gi = order[np.arange(width.sum()) - np.repeat(np.cumsum(width) - width, width) + np.repeat(lo, width)]
    g_s, g_e, p_s, p_e = gs[gi], ge[gi], ps[pj], pe[pj]
    exact = (g_s == p_s) & (g_e == p_e)
    overlap = (g_s < p_e) & (p_s < g_e)
    if min_overlap_percentage is not None:
        # nervaluate's test: shared characters as a percentage of the gold span, same arithmetic
        shared = np.clip(np.minimum(g_e, p_e) - np.maximum(g_s, p_s), 0, None)
        overlap &= (shared / np.maximum(g_e - g_s, 1)) * 100.0 >= min_overlap_percentage
    keep = overlap | exact
    return gi[keep], pj[keep]


def _repeats(gold: Spans, pred: Spans, gi: "np.ndarray", pj: "np.ndarray") -> tuple["np.ndarray", "np.ndarray"]:
    """Which predictions repeat an earlier one of their document verbatim (same span and type),
    and which candidate pairs survive :func:`.align.repeat_candidates`' rule: the ``k``-th copy
    (``k ≥ 2``) keeps only gold mentions of its very key, and only while the gold has ``k``."""
    import numpy as np

    m = len(pred.doc)
    if not m:
        return np.zeros(0, dtype=bool), np.ones(len(gi), dtype=bool)
    # one id per (document, start, end, type), a column at a time (ranks keep the keys small)
    n = len(gold.doc)
    ids = np.concatenate([gold.doc, pred.doc])
    for g_column, p_column in ((gold.start, pred.start), (gold.end, pred.end), (gold.type, pred.type)):
        _, values = np.unique(np.concatenate([g_column, p_column]), return_inverse=True)
        _, ids = np.unique(ids * (values.max() + 1) + values, return_inverse=True)
    ids = ids.reshape(-1)
    id_g, id_p = ids[:n], ids[n:]
    order = np.argsort(id_p, kind="stable")  # within a key, in list order
    sorted_ids = id_p[order]
    starts = np.ones(m, dtype=bool)
    starts[1:] = sorted_ids[1:] != sorted_ids[:-1]
    first = np.maximum.accumulate(np.where(starts, np.arange(m), 0))
    rank = np.empty(m, dtype=np.int64)
    rank[order] = np.arange(m) - first
    repeated = rank > 0
    if not repeated.any():
        return repeated, np.ones(len(gi), dtype=bool)
    in_gold = np.bincount(id_g, minlength=int(ids.max()) + 1)
    allowed = ~repeated[pj] | ((id_g[gi] == id_p[pj]) & (rank[pj] < in_gold[id_p[pj]]))
    return repeated, allowed


def _cut(
    gi: "np.ndarray", pj: "np.ndarray", n: int, m: int, problem: "np.ndarray", rows_in: "np.ndarray", cols_in: "np.ndarray"
) -> tuple["np.ndarray", list[tuple[list[int], list[int]]]]:
    """:func:`.align.split_candidates` for many problems at once: the candidates ``(gi, pj)``
    (global indices, each in the problem ``problem[k]``, whose size is ``rows_in × cols_in``).
    Returns the mask of candidates alone in their row and column, and the contested components
    (sorted global rows and columns); a problem whose contested candidates are at least a
    quarter of its cells is one component, as the per-problem cut leaves it whole."""
    import numpy as np

    rows_hit = np.bincount(gi, minlength=n)
    cols_hit = np.bincount(pj, minlength=m)
    alone = (rows_hit[gi] == 1) & (cols_hit[pj] == 1)
    if alone.all():
        return alone, []
    cg, cp, cprob = gi[~alone], pj[~alone], problem[~alone]
    contested = np.bincount(cprob, minlength=len(rows_in))
    dense = contested * 4 >= rows_in * cols_in
    label = np.empty(len(cg), dtype=np.int64)
    whole = dense[cprob]
    label[whole] = n + m + cprob[whole]  # one component per dense problem
    if (~whole).any():
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        rest = ~whole
        graph = coo_matrix((np.ones(rest.sum(), dtype=np.int8), (cg[rest], n + cp[rest])), shape=(n + m, n + m))
        _, labels = connected_components(graph, directed=False)
        label[rest] = labels[cg[rest]]
    return alone, _groups(label, cg, cp)


def _groups(label: "np.ndarray", gi: "np.ndarray", pj: "np.ndarray") -> list[tuple[list[int], list[int]]]:
    """Per label, its sorted distinct rows and columns."""
    import numpy as np

    out = []
    for side in (gi, pj):
        order = np.lexsort((side, label))
        lab, val = label[order], side[order]
        new = np.ones(len(lab), dtype=bool)
        new[1:] = (lab[1:] != lab[:-1]) | (val[1:] != val[:-1])
        lab, val = lab[new], val[new]
        cuts = np.flatnonzero(lab[1:] != lab[:-1]) + 1
        out.append([part.tolist() for part in np.split(val, cuts)])
    return list(zip(out[0], out[1]))


def _ids(
    components: list[tuple[list[int], list[int]]],
    index: dict[tuple[tuple[int, ...], tuple[int, ...]], int],
    distinct: list[tuple[list[int], list[int]]],
) -> list[int]:
    """Each component's index in ``distinct`` (added when new): a component of one type is the
    same in the overall problem and in its type's, and is solved once."""
    out: list[int] = []
    for rows, cols in components:
        key = (tuple(rows), tuple(cols))
        k = index.get(key)
        if k is None:
            k = index[key] = len(distinct)
            distinct.append((rows, cols))
        out.append(k)
    return out


def _solve(gold: Spans, pred: Spans, gi: "np.ndarray", pj: "np.ndarray", components: list[tuple[list[int], list[int]]]) -> "np.ndarray":
    """Rows ``(schema, component, gold, prediction)``: each component's pairs per schema."""
    import numpy as np

    from .align import solve_components

    if not components:
        return np.zeros((0, 4), dtype=np.intp)
    m = len(pred.doc)
    codes = gi * m + pj  # sorted, since the candidates are sorted by (gi, pj)

    def cells(r: "np.ndarray", c: "np.ndarray") -> tuple["np.ndarray", list[list["np.ndarray"]]]:
        r, c = np.broadcast_arrays(r, c)
        code = r * m + c
        at = np.minimum(np.searchsorted(codes, code), len(codes) - 1)
        valid = codes[at] == code
        gs, ge, ps, pe = gold.start[r], gold.end[r], pred.start[c], pred.end[c]
        exact = valid & (gs == ps) & (ge == pe)
        same = gold.type[r] == pred.type[c]
        inter = np.clip(np.minimum(ge, pe) - np.maximum(gs, ps), 0, None)
        union = np.maximum(ge, pe) - np.minimum(gs, ps)
        iou = np.where(valid, np.divide(inter, union, out=np.ones(inter.shape), where=union > 0), 0.0)
        hit, ex, both = valid.astype(float), exact.astype(float), (exact & same).astype(float)
        levels = [
            [both, hit, iou],  # strict: the most same-span same-type pairs, then pairs, then IoU
            [ex, hit, iou],  # exact
            [ex + hit, iou],  # partial: 2 for an exact boundary match, 1 for a partial one
            [(valid & same).astype(float), hit, iou],  # type
        ]
        return valid, levels

    maxima = [[1, 1, 1], [1, 1, 1], [2, 1], [1, 1, 1]]
    return solve_components(cells, maxima, components)


def _tally_whole(
    counts: "np.ndarray",
    w: int,
    schema: str,
    gold: Spans,
    pred: Spans,
    a: "np.ndarray",
    b: "np.ndarray",
    n_gold: "np.ndarray",
    n_pred: "np.ndarray",
) -> None:
    """Schema ``w``'s overall counts per document from the aligned pairs ``(a[i], b[i])``."""
    import numpy as np

    n_docs = len(counts)
    doc = gold.doc[a]
    exact = (gold.start[a] == pred.start[b]) & (gold.end[a] == pred.end[b])
    same = gold.type[a] == pred.type[b]
    correct = {"strict": exact & same, "exact": exact, "partial": exact, "type": same}[schema]
    k = np.bincount(doc, minlength=n_docs)
    cor = np.bincount(doc[correct], minlength=n_docs)
    _fill(counts[:, 0, w], schema, k, cor, n_gold, n_pred)


def _tally_typed(
    counts: "np.ndarray",
    w: int,
    schema: str,
    gold: Spans,
    pred: Spans,
    a: "np.ndarray",
    b: "np.ndarray",
    n_types: int,
    size_g: "np.ndarray",
    size_p: "np.ndarray",
) -> None:
    """Schema ``w``'s per-type counts per document from the same-type aligned pairs ``(a[i], b[i])``."""
    import numpy as np

    n_docs = len(counts)
    group = gold.doc[a] * n_types + gold.type[a]  # every per-type pair has one type on both sides
    exact = (gold.start[a] == pred.start[b]) & (gold.end[a] == pred.end[b])
    k = np.bincount(group, minlength=n_docs * n_types)
    cor = k if schema == "type" else np.bincount(group[exact], minlength=n_docs * n_types)
    out = np.zeros((n_docs * n_types, 5), dtype=np.int64)
    _fill(out, schema, k, cor, size_g, size_p)
    counts[:, 1:, w] = out.reshape(n_docs, n_types, 5)


def _fill(out: "np.ndarray", schema: str, k: "np.ndarray", cor: "np.ndarray", gold: "np.ndarray", pred: "np.ndarray") -> None:
    """COR/INC/PAR/MIS/SPU rows from aligned pairs ``k``, ``cor`` of them correct."""
    other = k - cor
    out[:, 0] = cor
    out[:, 2 if schema == "partial" else 1] = other
    out[:, 3] = gold - k
    out[:, 4] = pred - k


__all__ = ["Counted", "SCHEMAS", "Spans", "count"]
