"""Mention-level scoring: SemEval-2013 schemas with nervaluate 1.2.1 as the reference.

nervaluate uses inclusive end offsets; evalkit's are exclusive, so a nervaluate entity
``(label, s, e)`` is the evalkit span ``[s, e + 1)``.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nervaluate import Evaluator

from evalkit.errors import InputError
from evalkit.model import Document, Entity, Span, StructuredSummary
from evalkit.scoring.config import ScoringConfig
from evalkit.scoring.mentions import SCHEMAS, SchemaCounts, score_mentions, semeval_counts

#: evalkit schema name -> nervaluate's
NERV = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


def nervaluate_counts(gold, pred, min_overlap_percentage: float = 1.0) -> dict:
    """nervaluate's overall and per-tag counts for spans given as (start, end_exclusive, label)."""
    labels = sorted({t for _, _, t in gold} | {t for _, _, t in pred}) or ["PER"]
    true = [[{"label": t, "start": s, "end": e - 1} for s, e, t in gold]]
    preds = [[{"label": t, "start": s, "end": e - 1} for s, e, t in pred]]
    res = Evaluator(
        true, preds, tags=labels, loader="dict", min_overlap_percentage=min_overlap_percentage
    ).evaluate()
    out = {}
    for schema, name in NERV.items():
        r = res["overall"][name]
        out[schema] = (r.correct, r.incorrect, r.partial, r.missed, r.spurious)
        for tag, by_schema in res["entities"].items():
            t = by_schema[name]
            out[f"{schema}/{tag}"] = (t.correct, t.incorrect, t.partial, t.missed, t.spurious)
    return out


def nervaluate_prf(gold, pred, schema: str) -> tuple[float, float, float]:
    labels = sorted({t for _, _, t in gold} | {t for _, _, t in pred}) or ["PER"]
    true = [[{"label": t, "start": s, "end": e - 1} for s, e, t in gold]]
    preds = [[{"label": t, "start": s, "end": e - 1} for s, e, t in pred]]
    r = Evaluator(true, preds, tags=labels, loader="dict").evaluate()["overall"][NERV[schema]]
    return r.precision, r.recall, r.f1


def ours(gold, pred, min_overlap_percentage=None) -> dict:
    out = {}
    for schema in SCHEMAS:
        out[schema] = astuple(semeval_counts(gold, pred, schema, min_overlap_percentage))
        for tag in {t for _, _, t in gold} | {t for _, _, t in pred}:
            g = [x for x in gold if x[2] == tag]
            p = [x for x in pred if x[2] == tag]
            out[f"{schema}/{tag}"] = astuple(semeval_counts(g, p, schema, min_overlap_percentage))
    return out


def astuple(c: SchemaCounts) -> tuple[int, int, int, int, int]:
    return (c.cor, c.inc, c.par, c.mis, c.spu)


# -- hand-computed cases --------------------------------------------------------------------


def test_every_schema_on_one_hand_computed_document():
    # gold: PER [0,5), ORG [10,14), LOC [20,25); predictions:
    #   PER [0,5)   exact and same type
    #   PER [10,14) exact boundaries, wrong type
    #   LOC [21,25) overlapping boundaries, same type
    #   ORG [30,33) overlaps nothing
    gold = [(0, 5, "PER"), (10, 14, "ORG"), (20, 25, "LOC")]
    pred = [(0, 5, "PER"), (10, 14, "PER"), (21, 25, "LOC"), (30, 33, "ORG")]
    # strict: COR 1, INC 2 (wrong type, wrong boundary), SPU 1
    assert astuple(semeval_counts(gold, pred, "strict")) == (1, 2, 0, 0, 1)
    # exact: COR 2 (boundaries), INC 1, SPU 1
    assert astuple(semeval_counts(gold, pred, "exact")) == (2, 1, 0, 0, 1)
    # partial: COR 2, PAR 1, SPU 1
    assert astuple(semeval_counts(gold, pred, "partial")) == (2, 0, 1, 0, 1)
    # type: COR 2 (PER, LOC overlap with the right type), INC 1 (ORG/PER), SPU 1
    assert astuple(semeval_counts(gold, pred, "type")) == (2, 1, 0, 0, 1)


def test_counts_follow_nervaluates_formulas():
    c = SchemaCounts(cor=2, inc=0, par=1, mis=0, spu=1)
    # ACT = 4, POS = 3, tp = 2.5 → P = 2.5/4, R = 2.5/3
    counts = c.counts()
    assert counts.precision == pytest.approx(2.5 / 4)
    assert counts.recall == pytest.approx(2.5 / 3)
    p, r = 2.5 / 4, 2.5 / 3
    assert counts.f1 == pytest.approx(2 * p * r / (p + r))


def test_empty_on_both_sides_is_undefined_and_nervaluate_says_zero():
    c = semeval_counts([], [], "strict").counts()
    assert (c.precision, c.recall, c.f1) == (None, None, None)  # docs/scoring.md zero-denominator rule
    assert nervaluate_prf([], [], "strict") == (0, 0, 0)


def test_empty_prediction_has_zero_recall():
    c = semeval_counts([(0, 3, "PER")], [], "partial")
    assert (c.cor, c.mis) == (0, 1)
    assert c.counts().recall == 0.0


# -- nervaluate's own test vectors (tests/test_strategies.py, test_evaluator.py) -------------

# nervaluate's base sequence "The John Smith who works at Google Inc" as entities with
# inclusive ends, and its nested fixture "The Treaty of Westphalia negotiations concluded in 1648".
BASE = [("PER", 1, 3), ("ORG", 6, 8)]
NESTED = [("EVENT", 4, 37), ("EVENT", 4, 24), ("LOCATION", 14, 24), ("DATE", 51, 55)]


def _nested_with(index, entity):
    out = list(NESTED)
    out[index] = entity
    return out


VECTORS = {
    # name: (true, pred, {schema: (COR, INC, PAR, MIS, SPU)}) — expected values from nervaluate's suite
    "perfect_match": (BASE, BASE, {"strict": (2, 0, 0, 0, 0), "type": (2, 0, 0, 0, 0), "exact": (2, 0, 0, 0, 0), "partial": (2, 0, 0, 0, 0)}),
    "missed_entity": (BASE, [("PER", 1, 3)], {"strict": (1, 0, 0, 1, 0), "type": (1, 0, 0, 1, 0), "exact": (1, 0, 0, 1, 0), "partial": (1, 0, 0, 1, 0)}),
    "wrong_label": (BASE, [("PER", 1, 3), ("LOC", 6, 8)], {"strict": (1, 1, 0, 0, 0), "type": (1, 1, 0, 0, 0), "exact": (2, 0, 0, 0, 0), "partial": (2, 0, 0, 0, 0)}),
    "wrong_boundary": (BASE, [("PER", 1, 3), ("LOC", 6, 7)], {"strict": (1, 1, 0, 0, 0), "type": (1, 1, 0, 0, 0), "exact": (1, 1, 0, 0, 0), "partial": (1, 0, 1, 0, 0)}),
    "shifted_boundary": (BASE, [("PER", 1, 3), ("LOC", 7, 8)], {"strict": (1, 1, 0, 0, 0), "type": (1, 1, 0, 0, 0), "exact": (1, 1, 0, 0, 0), "partial": (1, 0, 1, 0, 0)}),
    "extra_entity": (BASE, [("PER", 1, 3), ("PER", 4, 5), ("LOC", 6, 8)], {"strict": (1, 1, 0, 0, 1), "type": (1, 1, 0, 0, 1), "exact": (2, 0, 0, 0, 1), "partial": (2, 0, 0, 0, 1)}),
    "perfect_match_nested": (NESTED, NESTED, {"strict": (4, 0, 0, 0, 0), "type": (4, 0, 0, 0, 0), "exact": (4, 0, 0, 0, 0)}),
    "perfect_match_nested_reverse_order": (NESTED, NESTED[::-1], {"strict": (4, 0, 0, 0, 0), "type": (4, 0, 0, 0, 0), "exact": (4, 0, 0, 0, 0)}),
    "missed_entity_nested": (NESTED, NESTED[1:], {"strict": (3, 0, 0, 1, 0), "type": (3, 0, 0, 1, 0), "exact": (3, 0, 0, 1, 0)}),
    "wrong_label_nested": (NESTED, _nested_with(1, ("DATE", 4, 24)), {"strict": (3, 1, 0, 0, 0), "type": (3, 1, 0, 0, 0), "exact": (4, 0, 0, 0, 0)}),
    "wrong_boundary_nested": (NESTED, _nested_with(1, ("EVENT", 4, 30)), {"strict": (3, 1, 0, 0, 0), "type": (4, 0, 0, 0, 0), "exact": (3, 1, 0, 0, 0)}),
    "extra_entity_nested": (NESTED, NESTED + [("MISC", 60, 65)], {"strict": (4, 0, 0, 0, 1), "type": (4, 0, 0, 0, 1), "exact": (4, 0, 0, 0, 1)}),
    "wrong_boundary_and_label_nested": (NESTED, _nested_with(1, ("DATE", 4, 30)), {"strict": (3, 1, 0, 0, 0), "type": (3, 1, 0, 0, 0), "exact": (3, 1, 0, 0, 0)}),
    # test_evaluator.py, test_issue_29 (nervaluate 1.2.1 no longer credits one gold twice)
    "issue_29": ([("PER", 1, 2), ("PER", 3, 10)], [("PER", 1, 2), ("PER", 3, 5), ("PER", 6, 10)], {"strict": (1, 1, 0, 0, 1), "exact": (1, 1, 0, 0, 1), "partial": (1, 0, 1, 0, 1), "type": (2, 0, 0, 0, 1)}),
    # test_evaluator.py, test_evaluator_extra_classes
    "extra_classes": ([("ORG", 1, 3)], [("FOO", 1, 3)], {"strict": (0, 1, 0, 0, 0), "type": (0, 1, 0, 0, 0), "partial": (1, 0, 0, 0, 0), "exact": (1, 0, 0, 0, 0)}),
    # test_evaluator.py, test_evaluator_no_entities_in_prediction
    "no_prediction": ([("PER", 2, 4)], [], {s: (0, 0, 0, 1, 0) for s in SCHEMAS}),
}


def _spans(entities):
    return [(s, e + 1, label) for label, s, e in entities]


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_nervaluate_test_vectors(name):
    true, pred, expected = VECTORS[name]
    gold, predicted = _spans(true), _spans(pred)
    reference = nervaluate_counts(gold, predicted)
    mine = ours(gold, predicted)
    for schema, counts in expected.items():
        assert reference[schema] == counts  # nervaluate 1.2.1 still gives its suite's numbers
        assert mine[schema] == counts, schema


# -- generated span sets --------------------------------------------------------------------

TYPES = ["PER", "ORG", "LOC"]


@st.composite
def disjoint_spans(draw, max_size: int):
    """Non-overlapping (start, end, type) spans, listed in a random order."""
    spans, pos = [], 0
    for _ in range(draw(st.integers(0, max_size))):
        pos += draw(st.integers(0, 3))
        length = draw(st.integers(1, 4))
        spans.append((pos, pos + length, draw(st.sampled_from(TYPES))))
        pos += length
    return draw(st.permutations(spans))


def _nervaluate_orders(gold, pred):
    """nervaluate's counts under every order of the predictions, gold as given and reversed."""
    return [
        nervaluate_counts(g, list(p))
        for g in (gold, gold[::-1])
        for p in itertools.permutations(pred)
    ]


@given(disjoint_spans(5), disjoint_spans(4))
def test_equal_to_nervaluate_wherever_its_greedy_matching_is_order_independent(gold, pred):
    runs = _nervaluate_orders(gold, pred)
    mine = ours(gold, pred)
    if all(r == runs[0] for r in runs):
        assert mine == runs[0]
        for schema in SCHEMAS:
            c = semeval_counts(gold, pred, schema).counts()
            if not c.empty:
                assert (c.precision, c.recall, c.f1) == pytest.approx(nervaluate_prf(gold, pred, schema))
    else:
        # Where nervaluate depends on order, the optimal alignment credits at least as much.
        for schema in SCHEMAS:
            best = max(r[schema][0] + 0.5 * r[schema][2] for r in runs)
            assert mine[schema][0] + 0.5 * mine[schema][2] >= best


@given(disjoint_spans(5), disjoint_spans(5))
def test_non_overlapping_sets_with_one_partner_each_always_match_nervaluate(gold, pred):
    one_each = all(
        sum(1 for p in pred if p[0] < g[1] and g[0] < p[1]) <= 1 for g in gold
    ) and all(sum(1 for g in gold if p[0] < g[1] and g[0] < p[1]) <= 1 for p in pred)
    if one_each:
        assert ours(gold, pred) == nervaluate_counts(gold, pred)


spans_any = st.lists(
    st.tuples(st.integers(0, 12), st.integers(1, 4), st.sampled_from(TYPES)).map(lambda t: (t[0], t[0] + t[1], t[2])),
    max_size=5,
)


@given(spans_any, spans_any, st.randoms(use_true_random=False))
def test_overlapping_spans_never_depend_on_prediction_order(gold, pred, rnd):
    shuffled = list(pred)
    rnd.shuffle(shuffled)
    for schema in SCHEMAS:
        a, b = semeval_counts(gold, pred, schema), semeval_counts(gold, shuffled, schema)
        assert a.counts() == b.counts()
        assert (a.cor, a.par) == (b.cor, b.par)


# -- where nervaluate depends on order (docs/scoring.md) -------------------------------------


def test_reversing_overlapping_predictions_moves_nervaluate_but_not_evalkit():
    gold = [(0, 5, "PER")]
    pred = [(0, 3, "PER"), (0, 5, "PER")]  # a partial overlap listed before the exact match
    forward = nervaluate_prf(gold, pred, "strict")
    backward = nervaluate_prf(gold, pred[::-1], "strict")
    assert forward[2] == 0  # the partial prediction takes the gold mention as INC first
    assert backward[2] == pytest.approx(2 / 3)
    for order in (pred, pred[::-1]):
        c = semeval_counts(gold, order, "strict").counts()
        assert c.f1 == pytest.approx(2 / 3)


def test_verbatim_duplicates_can_credit_less_than_nervaluate_in_every_order():
    # Gold PER [0:5) and PER [3:8); the prediction PER [3:5) twice. nervaluate gives the copy the
    # second gold mention (type: COR 2, F1 1.0; partial: PAR 2, F1 0.5). evalkit counts the copy
    # as spurious: type COR 1, MIS 1, SPU 1 (F1 0.5); partial PAR 1, MIS 1, SPU 1 (F1 0.25).
    gold = [(0, 5, "PER"), (3, 8, "PER")]
    pred = [(3, 5, "PER"), (3, 5, "PER")]
    assert nervaluate_counts(gold, pred)["type"] == (2, 0, 0, 0, 0)
    assert nervaluate_counts(gold, pred)["partial"] == (0, 0, 2, 0, 0)
    assert nervaluate_prf(gold, pred, "type")[2] == pytest.approx(1.0)
    assert nervaluate_prf(gold, pred, "partial")[2] == pytest.approx(0.5)
    assert astuple(semeval_counts(gold, pred, "type")) == (1, 0, 0, 1, 1)
    assert astuple(semeval_counts(gold, pred, "partial")) == (0, 0, 1, 1, 1)
    assert semeval_counts(gold, pred, "type").counts().f1 == pytest.approx(0.5)
    assert semeval_counts(gold, pred, "partial").counts().f1 == pytest.approx(0.25)


# -- nervaluate's min_overlap_percentage ----------------------------------------------------


def test_min_overlap_percentage_hand_computed():
    # gold [0:10); prediction [0:3) shares 3 of the gold's 10 characters: 30%.
    gold, pred = [(0, 10, "PER")], [(0, 3, "PER")]
    assert astuple(semeval_counts(gold, pred, "partial")) == (0, 0, 1, 0, 0)  # default: any share
    assert astuple(semeval_counts(gold, pred, "partial", 30)) == (0, 0, 1, 0, 0)
    assert astuple(semeval_counts(gold, pred, "partial", 31)) == (0, 0, 0, 1, 1)
    assert astuple(semeval_counts(gold, pred, "type", 50)) == (0, 0, 0, 1, 1)
    assert astuple(semeval_counts(gold, [(0, 10, "ORG")], "strict", 100)) == (0, 1, 0, 0, 0)


@pytest.mark.parametrize("threshold", [1.0, 34.0, 50.0, 100.0])
def test_min_overlap_percentage_equals_nervaluate_on_its_vectors(threshold):
    gold = [(0, 10, "PER"), (12, 16, "ORG"), (20, 23, "LOC")]
    pred = [(0, 3, "PER"), (13, 16, "ORG"), (22, 30, "LOC"), (40, 42, "PER")]
    assert ours(gold, pred, threshold) == nervaluate_counts(gold, pred, threshold)


@given(disjoint_spans(5), disjoint_spans(4), st.sampled_from([1.0, 25.0, 50.0, 75.0, 100.0]))
def test_min_overlap_percentage_equals_nervaluate_wherever_its_matching_is_order_independent(gold, pred, threshold):
    runs = [
        nervaluate_counts(g, list(p), threshold)
        for g in (gold, gold[::-1])
        for p in itertools.permutations(pred)
    ]
    if all(r == runs[0] for r in runs):
        assert ours(gold, pred, threshold) == runs[0]


def test_score_mentions_uses_the_configured_overlap_threshold():
    text = "Volodymyr Zelenskyy spoke."
    gold = StructuredSummary(entities=(Entity("z", "PERSON", "Volodymyr Zelenskyy", mentions=(Span(0, 19, text[:19]),)),))
    pred = StructuredSummary(entities=(Entity("z", "PERSON", "Volodymyr", mentions=(Span(0, 9, text[:9]),)),))
    doc = Document("d", text)
    lenient = score_mentions(gold, pred, doc, ScoringConfig()).raw["mentions.partial"]
    strict = score_mentions(gold, pred, doc, ScoringConfig(min_overlap_percentage=50)).raw["mentions.partial"]
    assert (lenient["PAR"], lenient["MIS"]) == (1.0, 0.0)  # 9 of 19 characters: 47%
    assert (strict["PAR"], strict["MIS"], strict["SPU"]) == (0.0, 1.0, 1.0)


@pytest.mark.parametrize("bad", [0, -1, 100.5, "50", True])
def test_min_overlap_percentage_out_of_range_is_an_input_error(bad):
    with pytest.raises(InputError, match="min_overlap_percentage"):
        semeval_counts([(0, 1, "PER")], [(0, 1, "PER")], "partial", bad)


# -- the part scorer ------------------------------------------------------------------------


def _entity(eid, etype, *spans):
    return Entity(eid, etype, spans[0][2] if spans else eid, mentions=tuple(Span(s, e, t) for s, e, t in spans))


def test_score_mentions_metrics_raw_and_ungrounded():
    text = "Kyiv and Moscow met in Ankara."
    doc = Document("d", text)
    gold = StructuredSummary(
        entities=(
            _entity("kyiv", "GPE", (0, 4, "Kyiv")),
            _entity("moscow", "GPE", (9, 15, "Moscow")),
            _entity("ankara", "GPE", (23, 29, "Ankara")),
        )
    )
    pred = StructuredSummary(
        entities=(
            _entity("p1", "GPE", (0, 4, "Kyiv")),
            _entity("p2", "ORG", (9, 15, "Moscow")),
            Entity("p3", "GPE", "Ankara", mentions=(Span(None, None, "Ankara"),)),
        )
    )
    ps = score_mentions(gold, pred, doc, ScoringConfig())
    assert ps.headline == "mentions.strict"
    strict = ps.metrics["mentions.strict"]
    # COR 1 (Kyiv), INC 1 (Moscow typed ORG), MIS 1 (Ankara, predicted without offsets)
    assert (strict.tp, strict.fp, strict.fn) == (1, 1, 2)
    assert ps.raw["mentions.strict"]["COR"] == 1 and ps.raw["mentions.strict"]["MIS"] == 1
    assert ps.metrics["mentions.exact"].tp == 2
    assert ps.raw["ungrounded"] == {"p3.mentions[0]": 1.0}
    # per type: GPE gold 3 vs GPE predictions 1 (grounded); ORG: one spurious prediction
    gpe = ps.metrics["mentions.strict/GPE"]
    assert (gpe.tp, gpe.fp, gpe.fn) == (1, 0, 2)
    org = ps.metrics["mentions.strict/ORG"]
    assert (org.tp, org.fp, org.fn) == (0, 1, 0)
    buckets = {(e.gold, e.pred): e.bucket for e in ps.items}
    assert buckets[("kyiv.mentions[0]", "p1.mentions[0]")] == "matched"
    assert buckets[("moscow.mentions[0]", "p2.mentions[0]")] == "wrong_type"
    assert buckets[("ankara.mentions[0]", None)] == "missed"
    # units sum to the metric
    for name, rows in ps.units.items():
        sums = tuple(sum(r[i] for r in rows) for i in range(3))
        assert sums == ps.metrics[name].as_stats(), name
