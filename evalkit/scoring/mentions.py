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

**How it is computed** (:mod:`.semeval`): the mentions of every document of a corpus become
numpy span arrays and are counted together — candidate pairs by sorting, pairs alone in their
row and column matched directly, and only contested components (a mention overlapped by two
predictions, or the reverse) solved, each once per schema. The counts are those of aligning
every document on its own with :func:`.align.align_levels`. Explanations, ``raw`` and resampling
units are derived from the counts when read, never held, so a scored corpus stays small.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Iterator, NamedTuple, Sequence

from ..errors import InputError
from ..model import Document, StructuredSummary
from .align import REPEAT_REASON, span_iou
from .base import Counts, Explanation, PartScore
from .config import ScoringConfig
from .explained import Explained

if TYPE_CHECKING:  # numpy and the counting engine are loaded when a corpus is scored
    import numpy as np

    from .semeval import Counted, Spans

#: One document's strict pairs: gold and predicted local indices, whether each pair has the same
#: span and the same type, and per prediction whether it repeats an earlier one.
_DocPairs = tuple[list[int], list[int], list[bool], list[bool], "np.ndarray"]

SCHEMAS: tuple[str, ...] = ("strict", "exact", "partial", "type")
#: The type shown for a predicted entity that gives none.
UNTYPED = "UNTYPED"
#: Documents counted together by :func:`score_mentions_many` (bounds the arrays' memory).
CHUNK = 2000


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


_HIT, _HALF, _PAIR_MISS, _MISSED, _SPURIOUS = (1.0, 0.0, 0.0), (0.5, 0.5, 0.5), (0.0, 1.0, 1.0), (0.0, 0.0, 1.0), (0.0, 1.0, 0.0)


def _units(counts: SchemaCounts) -> tuple[tuple[float, float, float], ...]:
    """Per-item resampling units, grouped by category (COR pairs, INC or PAR pairs, misses,
    spurious predictions) — an order that depends on no list order."""
    other = (_HALF,) * counts.par if counts.par else (_PAIR_MISS,) * counts.inc
    return (_HIT,) * counts.cor + other + (_MISSED,) * counts.mis + (_SPURIOUS,) * counts.spu


#: SchemaCounts (with their Counts) by COR/INC/PAR/MIS/SPU: immutable, so documents with equal
#: counts share one object; emptied when it grows past _SHARED_MAX.
_SHARED: dict[tuple[int, ...], tuple[SchemaCounts, Counts]] = {}
_SHARED_MAX = 200_000


def _shared(key: tuple[int, ...]) -> tuple[SchemaCounts, Counts]:
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        c = SchemaCounts(*key)
        found = _SHARED[key] = (c, c.counts())
    return found


@lru_cache(maxsize=4096)
def _metric_names(types: tuple[str, ...]) -> tuple[str, ...]:
    """``mentions.<schema>`` for every schema, then ``mentions.<schema>/<TYPE>`` type by type."""
    return tuple(f"mentions.{schema}" for schema in SCHEMAS) + tuple(
        f"mentions.{schema}/{t}" for t in types for schema in SCHEMAS
    )


@lru_cache(maxsize=4096)
def _name_index(names: tuple[str, ...]) -> dict[str, int]:
    return {name: i for i, name in enumerate(names)}


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
            if m.start is not None and m.end is not None:
                out.append(MentionItem(f"{e.id}.mentions[{k}]", m.start, m.end, e.type or UNTYPED, m.text))
    return out


def ungrounded_mentions(summary: StructuredSummary) -> list[str]:
    """Ids of the mentions given as text only."""
    return [
        f"{e.id}.mentions[{k}]"
        for e in summary.entities
        for k, m in enumerate(e.mentions)
        if not m.grounded
    ]


class _Corpus:
    """Grounded mentions of many documents, gathered side by side for :mod:`.semeval`."""

    def __init__(self) -> None:
        self.doc: list[int] = []
        self.start: list[int] = []
        self.end: list[int] = []
        self.type: list[str] = []
        self.offsets: list[int] = [0]

    def add(self, spans: Sequence[tuple[int, int, str]]) -> None:
        d = len(self.offsets) - 1
        for start, end, etype in spans:
            self.doc.append(d)
            self.start.append(start)
            self.end.append(end)
            self.type.append(etype)
        self.offsets.append(len(self.doc))

    def read(self, summary: StructuredSummary) -> bool:
        """Add one document's grounded mentions; True when some mention has no offsets."""
        d = len(self.offsets) - 1
        ungrounded = False
        add_start, add_end, add_type = self.start.append, self.end.append, self.type.append
        for e in summary.entities:
            etype = e.type or UNTYPED
            for m in e.mentions:
                start, end = m.start, m.end
                if start is None or end is None:
                    ungrounded = True
                    continue
                add_start(start)
                add_end(end)
                add_type(etype)
        self.doc.extend([d] * (len(self.start) - len(self.doc)))
        self.offsets.append(len(self.doc))
        return ungrounded

    def types_of(self, d: int) -> set[str]:
        return set(self.type[self.offsets[d] : self.offsets[d + 1]])

    def arrays(self, code: Mapping[str, int]) -> Spans:
        import numpy as np

        from .semeval import Spans

        return Spans(
            np.array(self.doc, dtype=np.int64),
            np.array(self.start, dtype=np.int64),
            np.array(self.end, dtype=np.int64),
            np.array([code[t] for t in self.type], dtype=np.int64),
        )


class _Counted(NamedTuple):
    """Per document: its types, and its SchemaCounts and Counts in :func:`_metric_names` order."""

    types: tuple[str, ...]
    counts: tuple[SchemaCounts, ...]
    stats: tuple[Counts, ...]


class _Strict:
    """The overall strict alignments of a chunk of documents, shared by their explanations."""

    __slots__ = ("gold", "pred", "exact", "same", "repeated", "bounds", "g_offsets", "p_offsets", "g_type", "p_type", "types", "exact_bounds")

    def __init__(self, counted: Counted, gold: _Corpus, pred: _Corpus, types: list[str], code: Mapping[str, int]) -> None:
        import numpy as np

        self.gold, self.pred = counted.strict
        self.exact, self.same, self.repeated = counted.exact, counted.same, counted.repeated
        self.g_offsets = np.array(gold.offsets, dtype=np.int64)
        self.p_offsets = np.array(pred.offsets, dtype=np.int64)
        self.bounds = np.searchsorted(self.gold, self.g_offsets)
        self.types = types
        exact_g, exact_p = self.gold[self.exact], self.pred[self.exact]
        self.g_type = np.array([code[gold.type[i]] for i in exact_g.tolist()], dtype=np.int64)
        self.p_type = np.array([code[pred.type[j]] for j in exact_p.tolist()], dtype=np.int64)
        self.exact_bounds = np.concatenate([[0], np.cumsum(self.exact)])[self.bounds]

    def same_span_types(self, d: int) -> list[tuple[str, str]]:
        """Gold and predicted type of each strict pair of document ``d`` with one span."""
        lo, hi = self.exact_bounds[d], self.exact_bounds[d + 1]
        types = self.types
        return [(types[g], types[p]) for g, p in zip(self.g_type[lo:hi].tolist(), self.p_type[lo:hi].tolist())]

    def of(self, d: int) -> _DocPairs:
        """Document ``d``'s strict pairs (local indices), their flags, its repeat flags."""
        lo, hi = self.bounds[d], self.bounds[d + 1]
        g0, p0 = self.g_offsets[d], self.p_offsets[d]
        repeated = self.repeated[p0 : self.p_offsets[d + 1]]
        return (
            (self.gold[lo:hi] - g0).tolist(),
            (self.pred[lo:hi] - p0).tolist(),
            self.exact[lo:hi].tolist(),
            self.same[lo:hi].tolist(),
            repeated,
        )


def _count(gold: _Corpus, pred: _Corpus, min_overlap_percentage: float | None) -> tuple[list[_Counted], _Strict]:
    from .semeval import count

    n_docs = len(gold.offsets) - 1
    types = sorted({*gold.type, *pred.type})
    code = {t: i for i, t in enumerate(types)}
    counted = count(gold.arrays(code), pred.arrays(code), n_docs, len(types), min_overlap_percentage)
    table = counted.counts.tolist()  # (documents, 1 + types, schemas, 5)
    out = []
    for d in range(n_docs):
        mine = tuple(sorted(gold.types_of(d) | pred.types_of(d)))
        rows = [table[d][0]] + [table[d][1 + code[t]] for t in mine]
        shared = [_shared(tuple(c)) for row in rows for c in row]
        out.append(_Counted(mine, tuple(c for c, _ in shared), tuple(x for _, x in shared)))
    return out, _Strict(counted, gold, pred, types, code)


def semeval_counts(
    gold: Sequence[tuple[int, int, str]],
    pred: Sequence[tuple[int, int, str]],
    schema: str,
    min_overlap_percentage: float | None = None,
) -> SchemaCounts:
    """SemEval counts of ``(start, end, type)`` spans (end-exclusive) under ``schema``."""
    if schema not in SCHEMAS:
        raise ValueError(f"unknown SemEval schema {schema!r}; expected one of {SCHEMAS}")
    check_min_overlap(min_overlap_percentage)
    g, p = _Corpus(), _Corpus()
    g.add(gold)
    p.add(pred)
    counted, _ = _count(g, p, min_overlap_percentage)
    return counted[0].counts[SCHEMAS.index(schema)]


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

    Only the counts are held: ``items``, ``raw`` and ``units`` are made from them (and from
    ``gold`` and ``pred``) each time they are read, so a corpus of scored documents costs little
    memory, and a caller that never reads an explanation never builds one.
    """
    return score_mentions_many([(gold, pred, doc)], config)[0]


def score_mentions_many(
    documents: Sequence[tuple[StructuredSummary, StructuredSummary, Document]], config: ScoringConfig
) -> list[PartScore]:
    """:func:`score_mentions` of every ``(gold, prediction, document)``, counted together
    (:mod:`.semeval`) — the same part scores, at a fraction of the cost per document."""
    check_min_overlap(config.min_overlap_percentage)
    out: list[PartScore] = []
    for first in range(0, len(documents), CHUNK):
        chunk = documents[first : first + CHUNK]
        gold, pred = _Corpus(), _Corpus()
        ungrounded = []
        for g, p, _ in chunk:
            gold.read(g)
            ungrounded.append(pred.read(p))
        counted, strict = _count(gold, pred, config.min_overlap_percentage)
        for d, ((g, p, _), c) in enumerate(zip(chunk, counted)):
            names = _metric_names(c.types)
            out.append(
                PartScore(
                    part="mentions",
                    headline="mentions.strict",
                    metrics=dict(zip(names, c.stats)),
                    items=_MentionItems(g, p, strict, d),
                    raw=_Raw(names, c.counts, tuple(ungrounded_mentions(p)) if ungrounded[d] else ()),
                    units=_Units(names, c.counts),
                )
            )
    return out


score_mentions.many = score_mentions_many  # type: ignore[attr-defined]  # a function attribute, which scoring._score_all looks for


class _Raw(Mapping[str, Mapping[str, float]]):
    """``raw`` of a mention PartScore, made from the counts when read."""

    __slots__ = ("_names", "_counts", "_ungrounded")

    def __init__(self, names: tuple[str, ...], counts: tuple[SchemaCounts, ...], ungrounded: tuple[str, ...]) -> None:
        self._names, self._counts, self._ungrounded = names, counts, ungrounded

    def __getitem__(self, key: str) -> Mapping[str, float]:
        if key == "ungrounded":
            return {mid: 1.0 for mid in self._ungrounded}
        return self._counts[_name_index(self._names)[key]].raw()

    def __iter__(self) -> Iterator[str]:
        yield from self._names
        yield "ungrounded"

    def __len__(self) -> int:
        return len(self._names) + 1


class _Units(Mapping[str, tuple[tuple[float, ...], ...]]):
    """``units`` of a mention PartScore, made from the counts when read."""

    __slots__ = ("_names", "_counts")

    def __init__(self, names: tuple[str, ...], counts: tuple[SchemaCounts, ...]) -> None:
        self._names, self._counts = names, counts

    def __getitem__(self, key: str) -> tuple[tuple[float, ...], ...]:
        return _units(self._counts[_name_index(self._names)[key]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _explained(gold: StructuredSummary, pred: StructuredSummary, strict: _Strict, doc: int) -> Iterator[Explanation]:
    return _explain(strict.of(doc), gold_mentions(gold), gold_mentions(pred))


class _MentionItems(Explained):
    """One document's mention explanations (made when read), and the same-span type pairs
    type agreement needs, read from the counts without making them."""

    __slots__ = ("_strict", "_doc")

    def __init__(self, gold: StructuredSummary, pred: StructuredSummary, strict: _Strict, doc: int) -> None:
        super().__init__(partial(_explained, gold, pred, strict, doc))
        self._strict, self._doc = strict, doc

    def same_span_types(self) -> list[tuple[str, str]]:
        return self._strict.same_span_types(self._doc)


def same_span_types(part: PartScore) -> list[tuple[str, str]]:
    """``(gold type, predicted type)`` of every aligned mention pair with one span — what
    :func:`~evalkit.scoring.result.type_agreement` tabulates — from the counts when ``part``
    comes from this module (no explanation is made), from its items otherwise."""
    if isinstance(part.items, _MentionItems):
        return part.items.same_span_types()
    return [
        (e.type_gold or "", e.type_pred or "")
        for e in part.items
        if e.gold_span is not None and e.gold_span == e.pred_span
    ]


_MATCHED, _PAIRED, _FN, _FP = Counts(1, 0, 0), Counts(0, 1, 1), Counts(0, 0, 1), Counts(0, 1, 0)


def _explain(strict: _DocPairs, gold: Sequence[MentionItem], pred: Sequence[MentionItem]) -> Iterator[Explanation]:
    a, b, exact, same, repeated = strict
    for gi, pj, is_exact, is_same in zip(a, b, exact, same):
        g, p = gold[gi], pred[pj]
        if is_exact:
            if is_same:
                bucket, reason, contribution = "matched", f"same span and type {g.type}", _MATCHED
            else:
                bucket, reason, contribution = "wrong_type", f"same span, type {p.type} instead of {g.type}", _PAIRED
            iou = 1.0
        else:
            iou = span_iou(g.start, g.end, p.start, p.end)
            typed = "same type" if is_same else f"type {p.type} instead of {g.type}"
            bucket, contribution = "partial", _PAIRED
            reason = f"span [{p.start}:{p.end}] overlaps gold [{g.start}:{g.end}] (IoU {iou:.2f}), {typed}"
        yield Explanation(
            "mentions", bucket, g.id, p.id, g.text, p.text, reason,
            (g.start, g.end), (p.start, p.end), g.type, p.type, iou, contribution,
        )  # fmt: skip
    paired_g, paired_p = set(a), set(b)
    for gi, g in enumerate(gold):
        if gi not in paired_g:
            yield Explanation(
                "mentions", "missed", g.id, None, g.text, None, "no predicted mention overlaps it",
                (g.start, g.end), None, g.type, None, None, _FN,
            )  # fmt: skip
    for pj, p in enumerate(pred):
        if pj not in paired_p:
            reason = REPEAT_REASON if repeated[pj] else "overlaps no unmatched gold mention"
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
    "same_span_types",
    "score_mentions_many",
    "semeval_counts",
]
