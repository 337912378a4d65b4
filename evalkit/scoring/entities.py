"""Entity-level scoring: did the extractor find each referent, and with the right type?

The name rule (docs/scoring.md): every entity is known by its *names* — canonical name,
aliases and mention texts (:attr:`~evalkit.model.Entity.names`), each normalised with
``config.profile``; empty names are ignored. A predicted entity **names** a gold entity when the
two name sets share at least one name. So ``Zelensky`` predicted matches gold ``Volodymyr
Zelenskyy`` when the gold lists ``Zelensky`` as an alias, and a prediction whose canonical name
is odd still matches through one of its mention texts.

* ``entities.strict``: names match and the types are equal.
* ``entities.lenient``: names match; the type is not checked.
* ``entities.strict/<TYPE>``: gold and predicted entities of that type only.

Each metric is an optimal one-to-one alignment (:mod:`.align`). Between equally many matches it
prefers, in order: (lenient only) equal types; the strongest name evidence — the predicted
canonical name equals the gold canonical name (3), is one of the gold names (2), some other
name is shared (1); and the larger share of the prediction's grounded mentions that overlap
the gold entity's mentions (which separates two gold entities that share a name).

A predicted entity that repeats an earlier one verbatim (everything but its id) is credited at
most as often as the gold repeats that very entity (:func:`.align.repeat_candidates`).

Items explain the strict alignment: ``matched`` pairs; then the leftovers are paired by the
lenient rule into ``wrong_type`` (names match, types differ); the rest are ``missed`` and
``spurious``.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Iterable, Sequence

from ..model import Document, Entity, Span, StructuredSummary
from .align import REPEAT_REASON, AlignmentUnits, pair_counts, shared_counts
from .base import Counts, Explanation, PartScore
from .config import ScoringConfig
from .explained import Explained

if TYPE_CHECKING:
    import numpy as np

    from .align import Alignment


def entity_names(entity: Entity, profile: str) -> frozenset[str]:
    """The entity's normalised names (canonical, aliases, mention texts), without empty ones."""
    from ..normalise import normalise_text

    return frozenset(n for n in (normalise_text(x, profile) for x in entity.names) if n)


class _Pairs:
    """Name, type and mention relations between gold and predicted entities."""

    def __init__(self, gold: Sequence[Entity], pred: Sequence[Entity], profile: str) -> None:
        import numpy as np

        from ..normalise import normalise_text
        from .align import repeat_candidates

        n, m = len(gold), len(pred)
        # one document repeats its names: every distinct text is normalised once
        texts: dict[str, str] = {}
        for e in (*gold, *pred):
            texts[e.name] = ""
            texts.update(dict.fromkeys(e.aliases, ""))
            texts.update(dict.fromkeys([s.text for s in e.mentions], ""))
        norm = {text: normalise_text(text, profile) for text in texts}

        def names_of(e: Entity) -> frozenset[str]:  # the normalised Entity.names, as a set
            out = {norm[e.name]}
            out.update([norm[a] for a in e.aliases])
            out.update([norm[s.text] for s in e.mentions])
            out.discard("")
            return frozenset(out)

        g_names = [names_of(e) for e in gold]
        g_canon = [norm[e.name] for e in gold]
        p_canon = [norm[e.name] for e in pred]
        holders: dict[str, list[int]] = {}  # normalised name -> gold entities known by it
        for i, names in enumerate(g_names):
            for name in names:
                holders.setdefault(name, []).append(i)
        self.strength = np.zeros((n, m))
        self.shared: dict[tuple[int, int], str] = {}
        for j, p in enumerate(pred):
            common: dict[int, list[str]] = {}
            for name in names_of(p):
                for i in holders.get(name, ()):
                    common.setdefault(i, []).append(name)
            canon = p_canon[j]
            for i, shared in common.items():
                if canon and canon == g_canon[i]:
                    self.strength[i, j], self.shared[i, j] = 3, canon
                elif canon in g_names[i]:
                    self.strength[i, j], self.shared[i, j] = 2, canon
                else:
                    self.strength[i, j], self.shared[i, j] = 1, min(shared)
        # a verbatim repeat (all but the id) is credited at most as often as gold repeats it;
        # repeats share type and name, so predictions whose (type, name) are all distinct have none
        if len({(e.type, e.name) for e in pred}) < m:
            allowed, self.repeat = repeat_candidates([_key(e) for e in gold], [_key(e) for e in pred])
            self.strength = np.where(allowed, self.strength, 0)
        else:
            self.repeat = np.zeros(m, dtype=bool)
        self.match = self.strength > 0
        self.types = sorted({e.type for e in gold} | {e.type for e in pred})
        code = {t: k for k, t in enumerate(self.types)}
        self.g_type = np.array([code[e.type] for e in gold], dtype=np.intp)
        self.p_type = np.array([code[e.type] for e in pred], dtype=np.intp)
        self.same = self.g_type[:, None] == self.p_type[None, :]
        self.mention_overlap = _mention_overlap(gold, pred) * self.match

    def strict(self, rows: "np.ndarray | None" = None, cols: "np.ndarray | None" = None) -> "Alignment":
        from .align import align_levels

        ok, strength, overlap = self._view(rows, cols, self.match & self.same, self.strength, self.mention_overlap)
        return align_levels([ok, strength, overlap], [1, 3, 1], candidates=ok)

    def lenient(self, rows: "np.ndarray | None" = None, cols: "np.ndarray | None" = None) -> "Alignment":
        from .align import align_levels

        ok, same, strength, overlap = self._view(
            rows, cols, self.match, self.match & self.same, self.strength, self.mention_overlap
        )
        return align_levels([ok, same, strength, overlap], [1, 1, 3, 1], candidates=ok)

    @staticmethod
    def _view(rows: "np.ndarray | None", cols: "np.ndarray | None", *mats: "np.ndarray") -> tuple["np.ndarray", ...]:
        """``mats`` cut to ``rows`` × ``cols`` (whole when neither is given)."""
        import numpy as np

        if rows is None and cols is None:
            return mats
        if rows is None or cols is None:
            raise ValueError("rows and cols are given together")
        ix = np.ix_(rows, cols)
        return tuple(m[ix] for m in mats)


def _key(e: Entity) -> tuple[str, str, tuple[str, ...], tuple[Span, ...]]:
    """Everything about an entity but its id: what makes two entities verbatim repeats."""
    return (e.type, e.name, e.aliases, e.mentions)


def _mention_overlap(gold: Sequence[Entity], pred: Sequence[Entity]) -> "np.ndarray":
    """``[i, j]``: the share of predicted entity ``j``'s grounded mentions that overlap a mention
    of gold entity ``i`` (0 when ``j`` has no grounded mention)."""
    import numpy as np

    g = [(i, s.start, s.end) for i, e in enumerate(gold) for s in e.mentions if s.grounded]
    p = [(j, s.start, s.end) for j, e in enumerate(pred) for s in e.mentions if s.grounded]
    out = np.zeros((len(gold), len(pred)))
    if not g or not p:
        return out
    ga, pa = np.array(g), np.array(p)
    hit = (ga[:, 1:2] < pa[None, :, 2]) & (pa[None, :, 1] < ga[:, 2:3])  # gold mention × pred mention
    owner_g = np.zeros((len(gold), len(g)), bool)
    owner_g[ga[:, 0], np.arange(len(g))] = True
    per_gold = (owner_g.astype(float) @ hit.astype(float)) > 0  # gold entity × pred mention (counts, exact in floats)
    owner_p = np.zeros((len(p), len(pred)))
    owner_p[np.arange(len(p)), pa[:, 0]] = 1.0
    counts = owner_p.sum(axis=0)
    share: "np.ndarray" = np.divide(per_gold.astype(float) @ owner_p, counts, out=out, where=counts > 0)  # a ufunc is typed Any
    return share


def score_entities(
    gold: StructuredSummary,
    pred: StructuredSummary,
    doc: Document,
    config: ScoringConfig,
) -> PartScore:
    """Entity-level scores: ``entities.strict`` (headline), ``entities.lenient`` and
    ``entities.strict/<TYPE>`` for every type in gold or prediction."""
    import numpy as np

    g, p = gold.entities, pred.entities
    pairs = _Pairs(g, p, config.profile)
    metrics: dict[str, Counts] = {}
    strict = pairs.strict()
    metrics["entities.strict"] = pair_counts(strict)
    metrics["entities.lenient"] = pair_counts(pairs.lenient())
    g_types, p_types = pairs.g_type, pairs.p_type
    n_types = len(pairs.types)
    if _per_type_is_restriction(pairs.match & pairs.same, g_types, p_types):
        # each type's alignment is the strict one cut to the type: count its pairs by type
        in_gold = np.bincount(g_types, minlength=n_types).tolist()
        in_pred = np.bincount(p_types, minlength=n_types).tolist()
        paired = np.bincount(g_types[[gi for gi, _ in strict.pairs]], minlength=n_types).tolist()
        for k, t in enumerate(pairs.types):
            k_pairs = paired[k]
            metrics[f"entities.strict/{t or 'UNTYPED'}"] = shared_counts(k_pairs, in_pred[k] - k_pairs, in_gold[k] - k_pairs)
    else:
        for k, t in enumerate(pairs.types):
            sub = pairs.strict(np.flatnonzero(g_types == k), np.flatnonzero(p_types == k))
            metrics[f"entities.strict/{t or 'UNTYPED'}"] = pair_counts(sub)
    return PartScore(
        part="entities",
        headline="entities.strict",
        metrics=metrics,
        items=Explained(partial(_explanations, gold, pred, config.profile)),
        units=AlignmentUnits(metrics),
    )


def _per_type_is_restriction(candidates: "np.ndarray", g_types: "np.ndarray", p_types: "np.ndarray") -> bool:
    """Whether each type's strict alignment is the overall strict alignment restricted to it.

    Strict candidates have one type on both sides, so the types' problems split the overall
    candidate graph between them, with the same pairs alone in their row and column and the
    same components, solved on the same sub-matrices. Only the solver's rule of solving a
    problem whole when a quarter of its cells are contested candidates (:func:`.align.
    split_candidates`) could cut them differently; where it applies nowhere, the restriction is
    the answer."""
    import numpy as np

    gi, pj = np.nonzero(candidates)
    n, m = candidates.shape
    rows_hit = np.bincount(gi, minlength=n)
    cols_hit = np.bincount(pj, minlength=m)
    contested = (rows_hit[gi] > 1) | (cols_hit[pj] > 1)
    if not contested.any():
        return True
    if contested.sum() * 4 >= n * m:
        return False
    types = g_types[gi[contested]]
    for t in set(types.tolist()):
        if int((types == t).sum()) * 4 >= int((g_types == t).sum()) * int((p_types == t).sum()):
            return False
    return True


def _explanations(gold: StructuredSummary, pred: StructuredSummary, profile: str) -> Iterable[Explanation]:
    """The explanations of one document, worked out again when asked for (nothing is held)."""
    pairs = _Pairs(gold.entities, pred.entities, profile)
    return _explain(pairs.strict(), pairs, gold.entities, pred.entities)


def _explain(strict: "Alignment", pairs: _Pairs, gold: Sequence[Entity], pred: Sequence[Entity]) -> Iterable[Explanation]:
    import numpy as np

    def item(bucket: str, gi: int | None, pj: int | None, reason: str, contribution: Counts) -> Explanation:
        ge = gold[gi] if gi is not None else None
        pe = pred[pj] if pj is not None else None
        sim = float(pairs.strength[gi, pj]) / 3 if ge and pe else None
        return Explanation(
            part="entities",
            bucket=bucket,
            gold=ge.id if ge else None,
            pred=pe.id if pe else None,
            gold_text=ge.name if ge else None,
            pred_text=pe.name if pe else None,
            reason=reason,
            type_gold=ge.type if ge else None,
            type_pred=pe.type if pe else None,
            similarity=sim,
            contribution=contribution,
        )

    def evidence(gi: int, pj: int) -> str:
        shared = pairs.shared[gi, pj]
        level = int(pairs.strength[gi, pj])
        if level == 3:
            return f"same name {shared!r}"
        if level == 2:
            return f"name {shared!r} is a gold alias or mention"
        return f"shares the name {shared!r}"

    for gi, pj in strict.pairs:
        yield item("matched", gi, pj, f"{evidence(gi, pj)}, type {gold[gi].type}", Counts(1, 0, 0))
    rows = np.array(strict.unmatched_gold, dtype=int)
    cols = np.array(strict.unmatched_pred, dtype=int)
    rest = pairs.lenient(rows, cols)
    for r, c in rest.pairs:
        gi, pj = int(rows[r]), int(cols[c])
        reason = f"{evidence(gi, pj)}, but type {pred[pj].type or 'none'} instead of {gold[gi].type}"
        yield item("wrong_type", gi, pj, reason, Counts(0, 1, 1))
    for r in rest.unmatched_gold:
        yield item("missed", int(rows[r]), None, "no predicted entity has any of its names", Counts(0, 0, 1))
    for c in rest.unmatched_pred:
        pj = int(cols[c])
        reason = REPEAT_REASON if pairs.repeat[pj] else "names no unmatched gold entity"
        yield item("spurious", None, pj, reason, Counts(0, 1, 0))


__all__ = ["entity_names", "score_entities"]
