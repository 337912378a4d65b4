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

Per-type metrics (``mentions.strict/PERSON``) score only the gold mentions and predictions of
that type against each other, as nervaluate's per-entity results do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from ..model import Document, StructuredSummary
from .base import Counts, Explanation, PartScore
from .config import ScoringConfig

if TYPE_CHECKING:
    import numpy as np

    from .align import Alignment

SCHEMAS: tuple[str, ...] = ("strict", "exact", "partial", "type")
#: The type shown for a predicted entity that gives none.
UNTYPED = "UNTYPED"
#: Why a verbatim repeat of an earlier prediction is spurious.
REPEAT_REASON = "repeats an earlier prediction; a duplicate earns no credit"


@dataclass(frozen=True)
class MentionItem:
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
    """Pairwise relations between gold and predicted spans, computed once per document."""

    def __init__(self, gold: Sequence[MentionItem], pred: Sequence[MentionItem]) -> None:
        import numpy as np

        from .align import repeat_candidates

        gs = np.array([g.start for g in gold], dtype=np.int64)[:, None]
        ge = np.array([g.end for g in gold], dtype=np.int64)[:, None]
        ps = np.array([p.start for p in pred], dtype=np.int64)[None, :]
        pe = np.array([p.end for p in pred], dtype=np.int64)[None, :]
        self.exact = (gs == ps) & (ge == pe)
        self.overlap = ((gs < pe) & (ps < ge)) | self.exact
        inter = np.clip(np.minimum(ge, pe) - np.maximum(gs, ps), 0, None)
        union = np.maximum(ge, pe) - np.minimum(gs, ps)
        iou = np.divide(inter, union, out=np.ones(inter.shape), where=union > 0)
        self.iou = np.where(self.overlap, iou, 0.0)
        gt = np.array([g.type for g in gold], dtype=object)[:, None]
        pt = np.array([p.type for p in pred], dtype=object)[None, :]
        self.same = (gt == pt) if len(gold) and len(pred) else np.zeros((len(gold), len(pred)), bool)
        # a verbatim repeat (same span and type) is credited at most as often as gold repeats it
        key = lambda x: (x.start, x.end, x.type)  # noqa: E731
        allowed, self.repeat = repeat_candidates([key(g) for g in gold], [key(p) for p in pred])
        self.overlap &= allowed
        self.exact &= allowed
        self.iou = np.where(allowed, self.iou, 0.0)

    def sub(self, rows: "np.ndarray", cols: "np.ndarray") -> "_Pairs":
        import numpy as np

        out = object.__new__(_Pairs)
        ix = np.ix_(rows, cols)
        out.exact, out.overlap, out.iou, out.same, out.repeat = (
            self.exact[ix],
            self.overlap[ix],
            self.iou[ix],
            self.same[ix],
            self.repeat[cols],
        )
        return out


def schema_result(pairs: _Pairs, schema: str) -> SchemaResult:
    """Align under ``schema`` and count SemEval's categories (see the module docstring)."""
    from .align import align_levels

    exact, overlap, iou, same = pairs.exact, pairs.overlap, pairs.iou, pairs.same
    if schema == "strict":
        levels, maxima, correct = [exact & same, overlap, iou], [1, 1, 1], exact & same
    elif schema == "exact":
        levels, maxima, correct = [exact, overlap, iou], [1, 1, 1], exact
    elif schema == "partial":
        levels, maxima, correct = [exact.astype(int) + overlap, iou], [2, 1], exact
    elif schema == "type":
        levels, maxima, correct = [overlap & same, overlap, iou], [1, 1, 1], overlap & same
    else:
        raise ValueError(f"unknown SemEval schema {schema!r}; expected one of {SCHEMAS}")
    alignment = align_levels(levels, maxima, candidates=overlap)
    cor = sum(1 for g, p in alignment.pairs if correct[g, p])
    other = len(alignment.pairs) - cor
    half = schema == "partial"
    counts = SchemaCounts(
        cor=cor,
        inc=0 if half else other,
        par=other if half else 0,
        mis=len(alignment.unmatched_gold),
        spu=len(alignment.unmatched_pred),
    )
    units = tuple(
        (1.0, 0.0, 0.0) if correct[g, p] else ((0.5, 0.5, 0.5) if half else (0.0, 1.0, 1.0))
        for g, p in alignment.pairs
    )
    units += ((0.0, 0.0, 1.0),) * counts.mis + ((0.0, 1.0, 0.0),) * counts.spu
    return SchemaResult(counts, alignment, units)


def semeval_counts(
    gold: Sequence[tuple[int, int, str]], pred: Sequence[tuple[int, int, str]], schema: str
) -> SchemaCounts:
    """SemEval counts of ``(start, end, type)`` spans (end-exclusive) under ``schema``."""
    g = [MentionItem(f"g{i}", s, e, t, "") for i, (s, e, t) in enumerate(gold)]
    p = [MentionItem(f"p{i}", s, e, t, "") for i, (s, e, t) in enumerate(pred)]
    return schema_result(_Pairs(g, p), schema).counts


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

    g_items = gold_mentions(gold)
    p_items = gold_mentions(pred)
    pairs = _Pairs(g_items, p_items)

    metrics: dict[str, Counts] = {}
    raw: dict[str, dict[str, float]] = {}
    units: dict[str, tuple[tuple[float, ...], ...]] = {}
    strict: SchemaResult | None = None
    for schema in SCHEMAS:
        res = schema_result(pairs, schema)
        name = f"mentions.{schema}"
        metrics[name], raw[name], units[name] = res.counts.counts(), res.counts.raw(), res.units
        if schema == "strict":
            strict = res
    g_types = np.array([g.type for g in g_items], dtype=object)
    p_types = np.array([p.type for p in p_items], dtype=object)
    for t in sorted({g.type for g in g_items} | {p.type for p in p_items}):
        sub = pairs.sub(np.flatnonzero(g_types == t), np.flatnonzero(p_types == t))
        for schema in SCHEMAS:
            res = schema_result(sub, schema)
            name = f"mentions.{schema}/{t}"
            metrics[name], raw[name], units[name] = res.counts.counts(), res.counts.raw(), res.units
    raw["ungrounded"] = {mid: 1.0 for mid in ungrounded_mentions(pred)}
    assert strict is not None
    return PartScore(
        part="mentions",
        headline="mentions.strict",
        metrics=metrics,
        items=tuple(_explain(strict.alignment, pairs, g_items, p_items)),
        raw=raw,
        units=units,
    )


def _explain(
    alignment: "Alignment", pairs: _Pairs, gold: Sequence[MentionItem], pred: Sequence[MentionItem]
) -> Iterable[Explanation]:
    def item(bucket, g, p, reason, similarity=None, contribution=Counts()):
        return Explanation(
            part="mentions",
            bucket=bucket,
            gold=g.id if g else None,
            pred=p.id if p else None,
            gold_text=g.text if g else None,
            pred_text=p.text if p else None,
            reason=reason,
            gold_span=(g.start, g.end) if g else None,
            pred_span=(p.start, p.end) if p else None,
            type_gold=g.type if g else None,
            type_pred=p.type if p else None,
            similarity=similarity,
            contribution=contribution,
        )

    for gi, pj in alignment.pairs:
        g, p = gold[gi], pred[pj]
        iou = float(pairs.iou[gi, pj])
        if pairs.exact[gi, pj] and pairs.same[gi, pj]:
            yield item("matched", g, p, f"same span and type {g.type}", 1.0, Counts(1, 0, 0))
        elif pairs.exact[gi, pj]:
            yield item("wrong_type", g, p, f"same span, type {p.type} instead of {g.type}", 1.0, Counts(0, 1, 1))
        else:
            typed = "same type" if pairs.same[gi, pj] else f"type {p.type} instead of {g.type}"
            reason = f"span [{p.start}:{p.end}] overlaps gold [{g.start}:{g.end}] (IoU {iou:.2f}), {typed}"
            yield item("partial", g, p, reason, iou, Counts(0, 1, 1))
    for gi in alignment.unmatched_gold:
        yield item("missed", gold[gi], None, "no predicted mention overlaps it", contribution=Counts(0, 0, 1))
    for pj in alignment.unmatched_pred:
        reason = REPEAT_REASON if pairs.repeat[pj] else "overlaps no unmatched gold mention"
        yield item("spurious", None, pred[pj], reason, contribution=Counts(0, 1, 0))


__all__ = [
    "MentionItem",
    "SCHEMAS",
    "SchemaCounts",
    "UNTYPED",
    "gold_mentions",
    "score_mentions",
    "semeval_counts",
]
