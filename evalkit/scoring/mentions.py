"""Mention-level entity scoring: SemEval-2013 task 9.1's four schemas, as nervaluate counts them.

Gold mentions are the gold entities' mention spans, each typed by its entity's type;
predictions are the predicted entities' *grounded* mention spans (a mention given as text
without offsets cannot be placed and is not scored here — it is listed in ``raw["ungrounded"]``).

For each schema every gold mention and every prediction ends in one category:

========== ======================================== ========================================
schema     COR (correct)                            INC / PAR (the pair overlaps but…)
========== ======================================== ========================================
strict     same boundaries and same type            INC: anything else that overlaps
exact      same boundaries, any type                INC: overlapping, other boundaries
partial    same boundaries, any type                PAR: overlapping, other boundaries
type       overlapping and same type                INC: overlapping, other type
========== ======================================== ========================================

A gold mention with no partner is MIS(sed), a prediction with none SPU(rious). With
``ACT = COR + INC + PAR + SPU`` (every prediction) and ``POS = COR + INC + PAR + MIS`` (every
gold mention), precision is ``(COR + 0.5·PAR) / ACT`` and recall ``(COR + 0.5·PAR) / POS`` —
nervaluate's formulas — held as ``Counts(tp=COR + 0.5·PAR, fp=ACT − tp, fn=POS − tp)``.

A prediction that repeats an earlier one (same span, same type) is credited at most as often
as the gold repeats that mention (:func:`.align.repeat_candidates`); beyond that it is spurious,
whatever gold mentions are left (nervaluate would pair it with any other overlapping one).

Where nervaluate pairs greedily in list order, evalkit aligns optimally (:mod:`.align`): first
as many COR as possible (for ``partial``: the most ``2·COR + PAR``), then as many overlapping
pairs as possible, then the largest overlaps. On inputs where nervaluate's pairing does not
depend on order the counts are identical; docs/scoring.md shows where they differ.

**Overlap threshold.** By default any shared character makes two spans overlap.
``config.min_overlap_percentage`` (nervaluate's ``min_overlap_percentage``: shared characters
as a percentage of the gold span) raises the bar; as in nervaluate it decides what overlaps in
every schema — a PAR in ``partial``, an INC in ``strict``/``exact``, a COR in ``type`` — and
exact boundaries always overlap. nervaluate's own default is 1.

Per-type metrics (``mentions.strict/PERSON``) score only the gold mentions and predictions of
that type against each other, as nervaluate's per-entity results do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, NamedTuple, Sequence

from ..errors import InputError
from ..model import Document, StructuredSummary
from .align import REPEAT_REASON, span_iou
from .base import Counts, Explanation, PartScore
from .config import ScoringConfig

if TYPE_CHECKING:
    import numpy as np

    from .align import Alignment

SCHEMAS: tuple[str, ...] = ("strict", "exact", "partial", "type")
#: The type shown for a predicted entity that gives none.
UNTYPED = "UNTYPED"


class MentionItem(NamedTuple):
    """One scored mention: where it is, its entity's type, and a readable id."""

    id: str
    start: int
    end: int
    type: str
    text: str


@dataclass(frozen=True)
class SchemaCounts:
    """SemEval's five categories for one schema, and their P/R/F1 counts."""

    cor: int = 0
    inc: int = 0
    par: int = 0
    mis: int = 0
    spu: int = 0

    @property
    def actual(self) -> int:
        return self.cor + self.inc + self.par + self.spu

    @property
    def possible(self) -> int:
        return self.cor + self.inc + self.par + self.mis

    def counts(self) -> Counts:
        tp = self.cor + 0.5 * self.par
        return Counts(tp, self.actual - tp, self.possible - tp)

    def raw(self) -> dict[str, float]:
        return {
            "COR": float(self.cor),
            "INC": float(self.inc),
            "PAR": float(self.par),
            "MIS": float(self.mis),
            "SPU": float(self.spu),
            "ACT": float(self.actual),
            "POS": float(self.possible),
        }


@dataclass(frozen=True)
class SchemaResult:
    """A schema's counts, the alignment they come from, and their per-item resampling units."""

    counts: SchemaCounts
    alignment: "Alignment"
    units: tuple[tuple[float, float, float], ...]


class _Pairs:
    """Pairwise relations between gold and predicted spans, computed once per document.

    ``exact``/``overlap``/``same`` are (gold × prediction) boolean matrices; ``iou`` (span
    intersection over union) is computed only when an alignment or an explanation needs it.
    ``simple`` is the alignment itself when every candidate pair is uncontested.
    """

    def __init__(
        self,
        gold: Sequence[MentionItem],
        pred: Sequence[MentionItem],
        types: Sequence[str] = (),
        min_overlap_percentage: float | None = None,
    ) -> None:
        import numpy as np

        from .align import repeat_candidates

        code = {t: i for i, t in enumerate(types or sorted({x.type for x in (*gold, *pred)}))}
        self.g = np.array([(x.start, x.end, code[x.type]) for x in gold], dtype=np.int64).reshape(-1, 3)
        self.p = np.array([(x.start, x.end, code[x.type]) for x in pred], dtype=np.int64).reshape(-1, 3)
        gs, ge, gt = self.g[:, 0:1], self.g[:, 1:2], self.g[:, 2:3]
        ps, pe, pt = self.p[:, 0], self.p[:, 1], self.p[:, 2]
        self.exact = (gs == ps) & (ge == pe)
        self.overlap = ((gs < pe) & (ps < ge)) | self.exact
        if min_overlap_percentage is not None:
            # nervaluate's test: shared characters as a percentage of the gold span, same arithmetic
            shared = np.clip(np.minimum(ge, pe) - np.maximum(gs, ps), 0, None)
            length = np.maximum(ge - gs, 1)
            self.overlap &= (shared / length) * 100.0 >= min_overlap_percentage
            self.overlap |= self.exact
        self.same = gt == pt
        # a verbatim repeat (same span and type) is credited at most as often as gold repeats it
        allowed, self.repeat = repeat_candidates(
            [tuple(r) for r in self.g.tolist()], [tuple(r) for r in self.p.tolist()]
        )
        self.overlap &= allowed
        self.exact &= allowed
        self._iou: "np.ndarray | None" = None
        self._settle()

    @property
    def iou(self) -> "np.ndarray":
        import numpy as np

        if self._iou is None:
            gs, ge = self.g[:, 0:1], self.g[:, 1:2]
            ps, pe = self.p[:, 0], self.p[:, 1]
            inter = np.clip(np.minimum(ge, pe) - np.maximum(gs, ps), 0, None)
            union = np.maximum(ge, pe) - np.minimum(gs, ps)
            iou = np.divide(inter, union, out=np.ones(inter.shape), where=union > 0)
            self._iou = np.where(self.overlap, iou, 0.0)
        return self._iou

    def _settle(self) -> None:
        import numpy as np

        from .align import uncontested

        gi, pj = np.nonzero(self.overlap)
        n, m = self.overlap.shape
        simple = len(gi) == len(np.unique(gi)) and len(pj) == len(np.unique(pj))
        self.simple: "Alignment | None" = uncontested(gi, pj, n, m) if simple else None

    def sub(self, rows: "np.ndarray", cols: "np.ndarray") -> "_Pairs":
        """The relations between the gold items ``rows`` and the predictions ``cols``."""
        import numpy as np

        out = object.__new__(_Pairs)
        ix = np.ix_(rows, cols)
        out.g, out.p = self.g[rows], self.p[cols]
        out.exact, out.overlap, out.same, out.repeat = self.exact[ix], self.overlap[ix], self.same[ix], self.repeat[cols]
        out._iou = None
        out._settle()
        return out


def schema_result(pairs: _Pairs, schema: str) -> SchemaResult:
    """Align under ``schema`` and count SemEval's categories (see the module docstring)."""
    import numpy as np

    from .align import align_levels

    exact, overlap, same = pairs.exact, pairs.overlap, pairs.same
    if schema not in SCHEMAS:
        raise ValueError(f"unknown SemEval schema {schema!r}; expected one of {SCHEMAS}")
    correct = {"strict": exact & same, "exact": exact, "partial": exact, "type": overlap & same}[schema]
    alignment = pairs.simple
    if alignment is None:
        if schema == "partial":  # SemEval credit: 2 for an exact boundary match, 1 for a partial one
            levels, maxima = [exact.astype(int) + overlap, pairs.iou], [2, 1]
        else:
            levels, maxima = [correct, overlap, pairs.iou], [1, 1, 1]
        alignment = align_levels(levels, maxima, candidates=overlap)
    matched = np.array(alignment.pairs, dtype=int).reshape(-1, 2)
    cor = int(correct[matched[:, 0], matched[:, 1]].sum())
    other = len(matched) - cor
    half = schema == "partial"
    counts = SchemaCounts(
        cor=cor,
        inc=0 if half else other,
        par=other if half else 0,
        mis=len(alignment.unmatched_gold),
        spu=len(alignment.unmatched_pred),
    )
    return SchemaResult(counts, alignment, _units(counts))


_HIT, _HALF, _PAIR_MISS, _MISSED, _SPURIOUS = (1.0, 0.0, 0.0), (0.5, 0.5, 0.5), (0.0, 1.0, 1.0), (0.0, 0.0, 1.0), (0.0, 1.0, 0.0)


def _units(counts: SchemaCounts) -> tuple[tuple[float, float, float], ...]:
    """Per-item resampling units, grouped by category (COR pairs, INC or PAR pairs, misses,
    spurious predictions) — an order that depends on no list order."""
    other = (_HALF,) * counts.par if counts.par else (_PAIR_MISS,) * counts.inc
    return (_HIT,) * counts.cor + other + (_MISSED,) * counts.mis + (_SPURIOUS,) * counts.spu


def _per_type_uncontested(
    pairs: _Pairs, g_types: "np.ndarray", p_types: "np.ndarray", n_types: int
) -> dict[tuple[str, int], tuple[SchemaCounts, tuple[tuple[float, ...], ...]]]:
    """Per-type results when every candidate pair is uncontested: restricting gold and
    predictions to one type keeps exactly the aligned pairs of that type on both sides, so the
    per-type alignments need no solving (the same answer as scoring each type on its own)."""
    import numpy as np

    assert pairs.simple is not None
    aligned = pairs.simple.pairs
    gi = np.array([g for g, _ in aligned], dtype=int)
    pj = np.array([p for _, p in aligned], dtype=int)
    pair_g, pair_p = g_types[gi], p_types[pj]
    exact, same = pairs.exact[gi, pj], pairs.same[gi, pj]
    correct = {"strict": exact & same, "exact": exact, "partial": exact, "type": same}
    n_gold = np.bincount(g_types, minlength=n_types)
    n_pred = np.bincount(p_types, minlength=n_types)
    out = {}
    for t in range(n_types):
        inside = (pair_g == t) & (pair_p == t)
        k = int(inside.sum())
        mis, spu = int(n_gold[t]) - k, int(n_pred[t]) - k
        for schema in SCHEMAS:
            cor = int(correct[schema][inside].sum())
            half = schema == "partial"
            counts = SchemaCounts(cor, 0 if half else k - cor, k - cor if half else 0, mis, spu)
            out[schema, t] = (counts, _units(counts))
    return out


def semeval_counts(
    gold: Sequence[tuple[int, int, str]],
    pred: Sequence[tuple[int, int, str]],
    schema: str,
    min_overlap_percentage: float | None = None,
) -> SchemaCounts:
    """SemEval counts of ``(start, end, type)`` spans (end-exclusive) under ``schema``."""
    check_min_overlap(min_overlap_percentage)
    g = [MentionItem(f"g{i}", s, e, t, "") for i, (s, e, t) in enumerate(gold)]
    p = [MentionItem(f"p{i}", s, e, t, "") for i, (s, e, t) in enumerate(pred)]
    return schema_result(_Pairs(g, p, (), min_overlap_percentage), schema).counts


def check_min_overlap(value: float | None) -> None:
    """Refuse a ``min_overlap_percentage`` outside (0, 100] (``None`` is any shared character)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100:
        raise InputError(f"config.min_overlap_percentage: must be a number in (0, 100] or None, not {value!r}")


def gold_mentions(summary: StructuredSummary) -> list[MentionItem]:
    """Every grounded mention of every entity, typed by its entity."""
    out = []
    for e in summary.entities:
        for k, m in enumerate(e.mentions):
            if m.grounded:
                out.append(MentionItem(f"{e.id}.mentions[{k}]", m.start, m.end, e.type or UNTYPED, m.text))  # type: ignore[arg-type]
    return out


def ungrounded_mentions(summary: StructuredSummary) -> list[str]:
    """Ids of the mentions given as text only."""
    return [
        f"{e.id}.mentions[{k}]"
        for e in summary.entities
        for k, m in enumerate(e.mentions)
        if not m.grounded
    ]


def score_mentions(
    gold: StructuredSummary,
    pred: StructuredSummary,
    doc: Document,
    config: ScoringConfig,
) -> PartScore:
    """Mention-level scores under every SemEval schema, overall and per type.

    Metrics: ``mentions.<schema>`` and ``mentions.<schema>/<TYPE>`` for every type in gold or
    prediction; headline ``mentions.strict``. Items explain the strict alignment. ``raw`` holds
    each metric's COR/INC/PAR/MIS/SPU/ACT/POS and ``ungrounded``: the prediction's mentions
    without offsets, by id.
    """
    import numpy as np

    check_min_overlap(config.min_overlap_percentage)
    g_items = gold_mentions(gold)
    p_items = gold_mentions(pred)
    types = sorted({g.type for g in g_items} | {p.type for p in p_items})
    pairs = _Pairs(g_items, p_items, types, config.min_overlap_percentage)

    metrics: dict[str, Counts] = {}
    raw: dict[str, dict[str, float]] = {}
    units: dict[str, tuple[tuple[float, ...], ...]] = {}

    def record(name: str, counts: SchemaCounts, rows: tuple[tuple[float, ...], ...]) -> None:
        metrics[name], raw[name], units[name] = counts.counts(), counts.raw(), rows

    results = {schema: schema_result(pairs, schema) for schema in SCHEMAS}
    for schema, res in results.items():
        record(f"mentions.{schema}", res.counts, res.units)
    g_types, p_types = pairs.g[:, 2], pairs.p[:, 2]
    if pairs.simple is not None:
        for (schema, t), (counts, rows) in _per_type_uncontested(pairs, g_types, p_types, len(types)).items():
            record(f"mentions.{schema}/{types[t]}", counts, rows)
    else:
        for t, name in enumerate(types):
            sub = pairs.sub(np.flatnonzero(g_types == t), np.flatnonzero(p_types == t))
            for schema in SCHEMAS:
                res = schema_result(sub, schema)
                record(f"mentions.{schema}/{name}", res.counts, res.units)
    strict = results["strict"]
    raw["ungrounded"] = {mid: 1.0 for mid in ungrounded_mentions(pred)}
    return PartScore(
        part="mentions",
        headline="mentions.strict",
        metrics=metrics,
        items=tuple(_explain(strict.alignment, pairs, g_items, p_items)),
        raw=raw,
        units=units,
    )


_MATCHED, _PAIRED, _FN, _FP = Counts(1, 0, 0), Counts(0, 1, 1), Counts(0, 0, 1), Counts(0, 1, 0)


def _explain(
    alignment: "Alignment", pairs: _Pairs, gold: Sequence[MentionItem], pred: Sequence[MentionItem]
) -> Iterable[Explanation]:
    exact, same = pairs.exact, pairs.same
    for gi, pj in alignment.pairs:
        g, p = gold[gi], pred[pj]
        if exact[gi, pj]:
            if same[gi, pj]:
                bucket, reason, contribution = "matched", f"same span and type {g.type}", _MATCHED
            else:
                bucket, reason, contribution = "wrong_type", f"same span, type {p.type} instead of {g.type}", _PAIRED
            iou = 1.0
        else:
            iou = span_iou(g.start, g.end, p.start, p.end)
            typed = "same type" if same[gi, pj] else f"type {p.type} instead of {g.type}"
            bucket, contribution = "partial", _PAIRED
            reason = f"span [{p.start}:{p.end}] overlaps gold [{g.start}:{g.end}] (IoU {iou:.2f}), {typed}"
        yield Explanation(
            "mentions", bucket, g.id, p.id, g.text, p.text, reason,
            (g.start, g.end), (p.start, p.end), g.type, p.type, iou, contribution,
        )  # fmt: skip
    for gi in alignment.unmatched_gold:
        g = gold[gi]
        yield Explanation(
            "mentions", "missed", g.id, None, g.text, None, "no predicted mention overlaps it",
            (g.start, g.end), None, g.type, None, None, _FN,
        )  # fmt: skip
    for pj in alignment.unmatched_pred:
        p = pred[pj]
        reason = REPEAT_REASON if pairs.repeat[pj] else "overlaps no unmatched gold mention"
        yield Explanation(
            "mentions", "spurious", None, p.id, None, p.text, reason,
            None, (p.start, p.end), None, p.type, None, _FP,
        )  # fmt: skip


__all__ = [
    "MentionItem",
    "SCHEMAS",
    "SchemaCounts",
    "UNTYPED",
    "gold_mentions",
    "score_mentions",
    "semeval_counts",
]
