"""The mention scorer's fast path against the general one, on nested, overlapping, typed data.

``score_mentions`` counts uncontested pairs directly and solves only contested components. The
reference here is the general path, written out from the definition: for every schema, overall
and per type, :func:`evalkit.scoring.align.align_levels` on the full gold × prediction
matrices, then the categories counted from that alignment and the strict one explained. The
two must agree on every count, raw entry, resampling unit and explanation.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from evalkit.model import Document, Entity, Span, StructuredSummary
from evalkit.scoring.align import REPEAT_REASON, align_levels, repeat_candidates, span_iou
from evalkit.scoring.base import Counts, Explanation
from evalkit.scoring.config import ScoringConfig
from evalkit.scoring.mentions import SCHEMAS, UNTYPED, SchemaCounts, gold_mentions, score_mentions, semeval_counts

TEXT = "x" * 60
DOC = Document("d", TEXT)
TYPES = ["PER", "ORG", "GPE", ""]  # "" is an entity without a type


def reference(gold: StructuredSummary, pred: StructuredSummary, threshold: float | None):
    """(metrics, raw, units, items) by the general path."""
    g_items, p_items = gold_mentions(gold), gold_mentions(pred)
    types = sorted({x.type for x in (*g_items, *p_items)})
    g = np.array([(x.start, x.end, types.index(x.type)) for x in g_items], dtype=np.int64).reshape(-1, 3)
    p = np.array([(x.start, x.end, types.index(x.type)) for x in p_items], dtype=np.int64).reshape(-1, 3)
    gs, ge, gt = g[:, 0:1], g[:, 1:2], g[:, 2:3]
    ps, pe, pt = p[:, 0], p[:, 1], p[:, 2]
    exact = (gs == ps) & (ge == pe)
    overlap = ((gs < pe) & (ps < ge)) | exact
    if threshold is not None:
        shared = np.clip(np.minimum(ge, pe) - np.maximum(gs, ps), 0, None)
        overlap &= (shared / np.maximum(ge - gs, 1)) * 100.0 >= threshold
        overlap |= exact
    same = gt == pt
    allowed, repeat = repeat_candidates([tuple(r) for r in g.tolist()], [tuple(r) for r in p.tolist()])
    overlap &= allowed
    exact &= allowed
    inter = np.clip(np.minimum(ge, pe) - np.maximum(gs, ps), 0, None)
    union = np.maximum(ge, pe) - np.minimum(gs, ps)
    iou = np.where(overlap, np.divide(inter, union, out=np.ones(inter.shape), where=union > 0), 0.0)

    def counts(rows, cols, schema):
        ix = np.ix_(rows, cols)
        ex, ov, sm, io = exact[ix], overlap[ix], same[ix], iou[ix]
        correct = {"strict": ex & sm, "exact": ex, "partial": ex, "type": ov & sm}[schema]
        if schema == "partial":
            levels, maxima = [ex.astype(int) + ov, io], [2, 1]
        else:
            levels, maxima = [correct, ov, io], [1, 1, 1]
        alignment = align_levels(levels, maxima, candidates=ov)
        matched = np.array(alignment.pairs, dtype=int).reshape(-1, 2)
        cor = int(correct[matched[:, 0], matched[:, 1]].sum())
        other = len(matched) - cor
        half = schema == "partial"
        c = SchemaCounts(cor, 0 if half else other, other if half else 0, len(alignment.unmatched_gold), len(alignment.unmatched_pred))
        return c, alignment

    everything = (np.arange(len(g)), np.arange(len(p)))
    results = {f"mentions.{s}": counts(*everything, s) for s in SCHEMAS}
    for t, name in enumerate(types):
        rows, cols = np.flatnonzero(g[:, 2] == t), np.flatnonzero(p[:, 2] == t)
        for s in SCHEMAS:
            results[f"mentions.{s}/{name}"] = counts(rows, cols, s)
    metrics = {k: c.counts() for k, (c, _) in results.items()}
    raw = {k: c.raw() for k, (c, _) in results.items()}
    raw["ungrounded"] = {
        f"{e.id}.mentions[{k}]": 1.0 for e in pred.entities for k, m in enumerate(e.mentions) if not m.grounded
    }
    units = {k: tuple(unit for unit in _units(c)) for k, (c, _) in results.items()}
    strict = results["mentions.strict"][1]
    items = []
    for gi, pj in strict.pairs:
        a, b = g_items[gi], p_items[pj]
        if exact[gi, pj]:
            bucket = "matched" if same[gi, pj] else "wrong_type"
            reason = f"same span and type {a.type}" if same[gi, pj] else f"same span, type {b.type} instead of {a.type}"
            sim = 1.0
        else:
            sim = span_iou(a.start, a.end, b.start, b.end)
            typed = "same type" if same[gi, pj] else f"type {b.type} instead of {a.type}"
            bucket, reason = "partial", f"span [{b.start}:{b.end}] overlaps gold [{a.start}:{a.end}] (IoU {sim:.2f}), {typed}"
        contribution = Counts(1, 0, 0) if bucket == "matched" else Counts(0, 1, 1)
        items.append(Explanation("mentions", bucket, a.id, b.id, a.text, b.text, reason, (a.start, a.end), (b.start, b.end), a.type, b.type, sim, contribution))
    for gi in strict.unmatched_gold:
        a = g_items[gi]
        items.append(Explanation("mentions", "missed", a.id, None, a.text, None, "no predicted mention overlaps it", (a.start, a.end), None, a.type, None, None, Counts(0, 0, 1)))
    for pj in strict.unmatched_pred:
        b = p_items[pj]
        reason = REPEAT_REASON if repeat[pj] else "overlaps no unmatched gold mention"
        items.append(Explanation("mentions", "spurious", None, b.id, None, b.text, reason, None, (b.start, b.end), None, b.type, None, Counts(0, 1, 0)))
    return metrics, raw, units, tuple(items)


def _units(c: SchemaCounts):
    """Resampling units as the module documents them: COR, then INC or PAR, MIS, SPU."""
    other = [(0.5, 0.5, 0.5)] * c.par if c.par else [(0.0, 1.0, 1.0)] * c.inc
    return [(1.0, 0.0, 0.0)] * c.cor + other + [(0.0, 0.0, 1.0)] * c.mis + [(0.0, 1.0, 0.0)] * c.spu


#: Spans crowded into a short text, so that nesting, overlaps and exact repeats are common.
spans = st.builds(lambda s, n: Span(s, s + n, TEXT[s : s + n]), st.integers(0, 20), st.integers(0, 8))
maybe_ungrounded = st.one_of(spans, spans, spans, st.just(Span(None, None, "x")))


@st.composite
def summaries(draw, prefix: str):
    ents = []
    for i in range(draw(st.integers(0, 6))):
        mentions = tuple(draw(st.lists(maybe_ungrounded, max_size=4)))
        ents.append(Entity(f"{prefix}{i}", draw(st.sampled_from(TYPES)), f"n{i}", mentions=mentions))
    return StructuredSummary(entities=tuple(ents))


@given(summaries("g"), summaries("p"), st.sampled_from([None, None, 1.0, 50.0, 100.0]))
def test_fast_path_equals_the_general_hungarian_path(gold, pred, threshold):
    ps = score_mentions(gold, pred, DOC, ScoringConfig(min_overlap_percentage=threshold))
    metrics, raw, units, items = reference(gold, pred, threshold)
    assert dict(ps.metrics) == metrics
    assert dict(ps.raw) == raw
    assert {k: tuple(v) for k, v in ps.units.items()} == {k: tuple(v) for k, v in units.items()}
    assert tuple(ps.items) == items
    assert len(ps.items) == len(items)


@given(summaries("g"))
def test_gold_against_itself_is_all_correct_however_crowded(gold):
    # nested, overlapping, repeated and empty spans: each still has its exact partner
    ps = score_mentions(gold, gold, DOC, ScoringConfig())
    for schema in SCHEMAS:
        raw = ps.raw[f"mentions.{schema}"]
        assert raw["COR"] == raw["POS"] == raw["ACT"], schema


def test_a_contested_component_is_solved_in_every_schema_overall_and_per_type():
    # gold PER [0:10) nests PER [2:5); predictions PER [2:5) and ORG [0:10): each gold mention
    # is overlapped by both predictions, one component of 2 × 2.
    gold = [(0, 10, "PER"), (2, 5, "PER")]
    pred = [(2, 5, "PER"), (0, 10, "ORG")]
    # strict: [2:5) COR, [0:10) same span wrong type → INC; exact: both COR
    assert semeval_counts(gold, pred, "strict") == SchemaCounts(cor=1, inc=1)
    assert semeval_counts(gold, pred, "exact") == SchemaCounts(cor=2)
    assert semeval_counts(gold, pred, "partial") == SchemaCounts(cor=2)
    # type: overlapping and same type: only PER [2:5) can be COR; the ORG prediction pairs as INC
    assert semeval_counts(gold, pred, "type") == SchemaCounts(cor=1, inc=1)
    per_type = score_mentions(
        StructuredSummary(entities=(Entity("a", "PER", "a", mentions=(Span(0, 10, TEXT[:10]), Span(2, 5, TEXT[2:5]))),)),
        StructuredSummary(entities=(Entity("b", "PER", "b", mentions=(Span(2, 5, TEXT[2:5]),)), Entity("c", "ORG", "c", mentions=(Span(0, 10, TEXT[:10]),)))),
        DOC,
        ScoringConfig(),
    )
    # per type PER: two gold, one prediction [2:5) overlapping both; strict prefers the exact one
    assert per_type.raw["mentions.strict/PER"] == SchemaCounts(cor=1, mis=1).raw()
    assert per_type.raw["mentions.strict/ORG"] == SchemaCounts(spu=1).raw()


def test_untyped_entities_are_scored_under_their_own_type():
    ps = score_mentions(
        StructuredSummary(entities=(Entity("a", "", "a", mentions=(Span(0, 3, TEXT[:3]),)),)),
        StructuredSummary(entities=(Entity("b", "", "b", mentions=(Span(0, 3, TEXT[:3]),)),)),
        DOC,
        ScoringConfig(),
    )
    assert ps.metrics[f"mentions.strict/{UNTYPED}"] == Counts(1.0, 0.0, 0.0)


@given(summaries("g"), summaries("p"))
def test_same_span_types_are_those_the_explanations_show(gold, pred):
    from evalkit.scoring.mentions import same_span_types

    ps = score_mentions(gold, pred, DOC, ScoringConfig())
    from_items = [(e.type_gold, e.type_pred) for e in ps.items if e.gold_span == e.pred_span]
    assert sorted(same_span_types(ps)) == sorted(from_items)
