"""Metamorphic laws of scoring, stated over generated documents, gold and predictions.

* gold scored against itself is 1.0 everywhere; an empty prediction has recall 0;
* permuting predictions changes nothing;
* a spurious item never raises precision (and leaves recall alone where gold has items);
* a correct item never lowers recall;
* a duplicated prediction (entity, number or attribution) never raises anything (unless the
  gold itself holds that item twice);
* every gold item and every prediction lands in exactly one explanation bucket, and the
  explanations' contributions add up to the headline counts.
"""

from __future__ import annotations

import dataclasses

from hypothesis import assume, given
from hypothesis import strategies as st

from evalkit.model import Attribution, Document, Entity, GoldDocument, NumberFact, Span, StructuredSummary
from evalkit.scoring import BUCKETS, score_document
from evalkit.scoring.attributions import score_attributions
from evalkit.scoring.base import Counts
from evalkit.scoring.config import ScoringConfig
from evalkit.scoring.entities import score_entities
from evalkit.scoring.mentions import score_mentions
from evalkit.scoring.numbers import resolve_value, score_numbers, values_agree

CONFIG = ScoringConfig()
SCORERS = (
    ("entities", score_entities),
    ("mentions", score_mentions),
    ("numbers", score_numbers),
    ("attributions", score_attributions),
)

TOKENS = [f"w{i}" for i in range(30)]
TEXT = " ".join(TOKENS)
STARTS = [sum(len(t) + 1 for t in TOKENS[:i]) for i in range(len(TOKENS))]
DOC = Document("doc", TEXT)
#: Gold and generated predictions use tokens 0..24; tokens 25..29 are kept for spurious items.
USED = 25

NAMES = ["Kyiv", "Moscow", "Ankara", "Zelenskyy", "Putin", "NATO", "Erdogan", "Trump"]
TYPES = ["PERSON", "GPE", "ORG"]
VALUES = [1, 2, 3, 25, 4.3, "XXXX-WXX-3", "twenty-five"]
KINDS = ["count", "quantity", "ordinal", "date", "money"]


def span(first: int, length: int) -> Span:
    last = min(first + length, USED) - 1
    start, end = STARTS[first], STARTS[last] + len(TOKENS[last])
    return Span(start, end, TEXT[start:end])


spans = st.builds(span, st.integers(0, USED - 1), st.integers(1, 3))
#: Attribution contents drawn from a few tokens, so that many overlap and compete.
contents = st.builds(span, st.integers(0, 4), st.integers(1, 3))


@st.composite
def entities(draw, prefix: str):
    out = []
    for i in range(draw(st.integers(0, 4))):
        out.append(
            Entity(
                id=f"{prefix}{i}",
                type=draw(st.sampled_from(TYPES)),
                name=draw(st.sampled_from(NAMES)),
                aliases=tuple(draw(st.lists(st.sampled_from(NAMES), max_size=2, unique=True))),
                mentions=tuple(draw(st.lists(spans, max_size=3))),
            )
        )
    return out


@st.composite
def numbers(draw, prefix: str):
    out = []
    for i in range(draw(st.integers(0, 4))):
        out.append(
            NumberFact(
                id=f"{prefix}n{i}",
                span=draw(st.one_of(st.none(), spans)),
                value=draw(st.sampled_from(VALUES)),
                kind=draw(st.sampled_from(KINDS)),
                unit=draw(st.sampled_from([None, "person", "people", "point"])),
                qualifier=draw(st.sampled_from([None, "at least", "about"])),
            )
        )
    return out


@st.composite
def attributions(draw, prefix: str, entity_ids: list[str]):
    out = []
    for i in range(draw(st.integers(0, 4))):
        out.append(
            Attribution(
                id=f"{prefix}a{i}",
                kind=draw(st.sampled_from(["direct", "indirect", ""])),
                content=draw(contents),
                source=draw(st.one_of(st.none(), spans)),
                source_entities=tuple(draw(st.lists(st.sampled_from(entity_ids), max_size=1)))
                if entity_ids
                else (),
                cue=draw(st.one_of(st.none(), spans)),
            )
        )
    return out


@st.composite
def summaries(draw, prefix: str):
    ents = draw(entities(prefix))
    return StructuredSummary(
        entities=tuple(ents),
        numbers=tuple(draw(numbers(prefix))),
        attributions=tuple(draw(attributions(prefix, [e.id for e in ents]))),
    )


def scores(gold: StructuredSummary, pred: StructuredSummary) -> dict:
    """Every P/R/F1 metric (the means, attribution content coverage, have laws of their own)."""
    doc = score_document(GoldDocument(DOC, gold), pred, CONFIG, SCORERS)
    return {
        name: stat
        for part in doc.parts.values()
        for name, stat in part.metrics.items()
        if isinstance(stat, Counts)
    }


def coverage(gold: StructuredSummary, pred: StructuredSummary) -> float:
    return parts(gold, pred)["attributions"].metrics["attributions.content.coverage"].value


def parts(gold: StructuredSummary, pred: StructuredSummary):
    return score_document(GoldDocument(DOC, gold), pred, CONFIG, SCORERS).parts


def _at_most(a, b) -> bool:
    """``a <= b`` for defined values; an undefined value (nothing in gold, nothing predicted)
    compares with nothing, and adding an item never makes a defined value undefined."""
    return b is None or (a is not None and a <= b)


@given(summaries("g"))
def test_gold_against_itself_is_perfect_everywhere(gold):
    for name, c in scores(gold, gold).items():
        if c.tp == c.fp == c.fn == 0:  # nothing to find: undefined, never a free 1.0
            assert (c.precision, c.recall, c.f1) == (None, None, None), name
        else:
            assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0), name


@given(summaries("g"))
def test_an_empty_prediction_has_recall_zero(gold):
    for name, c in scores(gold, StructuredSummary()).items():
        assert c.tp == 0 and c.fp == 0, name
        if c.fn:
            assert c.recall == 0.0, name


@given(summaries("g"), summaries("p"), st.randoms(use_true_random=False))
def test_permuting_predictions_changes_nothing(gold, pred, rnd):
    ents = [dataclasses.replace(e, mentions=tuple(rnd.sample(e.mentions, len(e.mentions)))) for e in pred.entities]
    shuffled = StructuredSummary(
        entities=tuple(rnd.sample(ents, len(ents))),
        numbers=tuple(rnd.sample(pred.numbers, len(pred.numbers))),
        attributions=tuple(rnd.sample(pred.attributions, len(pred.attributions))),
    )
    assert scores(gold, shuffled) == scores(gold, pred)


def _spurious(k: int) -> tuple[Entity, NumberFact]:
    s = span(USED + k % 5, 1)
    return (
        Entity(f"spurious{k}", TYPES[k % 3], f"Nowhere{k}", mentions=(s,)),
        NumberFact(f"spurious-n{k}", s, 999 + k, KINDS[k % 5]),
    )


@given(summaries("g"), summaries("p"), st.integers(0, 20), st.booleans())
def test_a_spurious_item_never_raises_precision(gold, pred, k, number):
    entity, fact = _spurious(k)
    more = (
        dataclasses.replace(pred, numbers=(*pred.numbers, fact))
        if number
        else dataclasses.replace(pred, entities=(*pred.entities, entity))
    )
    before, after = scores(gold, pred), scores(gold, more)
    for name, c in before.items():
        assert _at_most(after[name].precision, c.precision), name
        if c.tp + c.fn:  # (with nothing in gold, recall goes from undefined to 0.0)
            assert after[name].recall == c.recall, name


@given(summaries("g"), summaries("p"), st.data())
def test_a_correct_item_never_lowers_recall(gold, pred, data):
    if not gold.entities and not gold.numbers:
        return
    if gold.entities and (not gold.numbers or data.draw(st.booleans())):
        e = data.draw(st.sampled_from(gold.entities))
        more = dataclasses.replace(pred, entities=(*pred.entities, dataclasses.replace(e, id="added")))
    else:
        n = data.draw(st.sampled_from(gold.numbers))
        more = dataclasses.replace(pred, numbers=(*pred.numbers, dataclasses.replace(n, id="added")))
    before, after = scores(gold, pred), scores(gold, more)
    for name, c in before.items():
        assert _at_most(c.recall, after[name].recall) or c.recall is None, name


def _count(items, item) -> int:
    return sum(1 for x in items if dataclasses.replace(x, id="") == dataclasses.replace(item, id=""))


def _value_count(gold_numbers, n) -> int:
    return sum(1 for g in gold_numbers if values_agree(resolve_value(g), resolve_value(n), None))


def _mention_count(gold: StructuredSummary, m: Span, etype: str) -> int:
    return sum(1 for e in gold.entities for g in e.mentions if (g.start, g.end, e.type) == (m.start, m.end, etype))


def _statement(a: Attribution) -> tuple:
    """An attribution without its id and entity references (which differ between summaries)."""
    return (a.kind, a.content, a.source, a.cue)


@given(summaries("g"), summaries("p"), st.data())
def test_a_duplicate_never_raises_anything(gold, pred, data):
    part = data.draw(st.sampled_from([name for name, _ in SCORERS if name != "mentions"]))
    if part == "entities" and pred.entities:
        e = data.draw(st.sampled_from(pred.entities))
        # A copy of an item the gold itself holds twice is a correct item, not a duplicate.
        assume(_count(gold.entities, e) < 2)
        assume(all(_mention_count(gold, m, e.type) < 2 for m in e.mentions))
        more = dataclasses.replace(pred, entities=(*pred.entities, dataclasses.replace(e, id="copy")))
    elif part == "numbers" and pred.numbers:
        n = data.draw(st.sampled_from(pred.numbers))
        assume(_count(gold.numbers, n) < 2)
        if n.span is None or not n.span.grounded:
            # Without offsets, records of one value are occurrences while the gold holds that
            # many numbers of the value (G-N1); only a copy beyond them is a duplicate.
            assume(_value_count(gold.numbers, n) <= _count(pred.numbers, n))
        more = dataclasses.replace(pred, numbers=(*pred.numbers, dataclasses.replace(n, id="copy")))
    elif part == "attributions" and pred.attributions:
        a = data.draw(st.sampled_from(pred.attributions))
        assume(sum(_statement(x) == _statement(a) for x in gold.attributions) < 2)
        more = dataclasses.replace(pred, attributions=(*pred.attributions, dataclasses.replace(a, id="copy")))
    else:
        return
    before, after = scores(gold, pred), scores(gold, more)
    assert _at_most(coverage(gold, more), coverage(gold, pred))
    for name, c in before.items():
        a = after[name]
        assert _at_most(a.precision, c.precision) and _at_most(a.recall, c.recall) and _at_most(a.f1, c.f1), name


def _gold_ids(part: str, s: StructuredSummary) -> list[str]:
    if part == "entities":
        return [e.id for e in s.entities]
    if part == "numbers":
        return [n.id for n in s.numbers]
    if part == "attributions":
        return [a.id for a in s.attributions]
    return [f"{e.id}.mentions[{k}]" for e in s.entities for k, m in enumerate(e.mentions) if m.grounded]


@given(summaries("g"), summaries("p"))
def test_every_item_lands_in_exactly_one_bucket(gold, pred):
    for name, ps in parts(gold, pred).items():
        assert all(e.bucket in BUCKETS for e in ps.items)
        assert sorted(e.gold for e in ps.items if e.gold is not None) == sorted(_gold_ids(name, gold))
        assert sorted(e.pred for e in ps.items if e.pred is not None) == sorted(_gold_ids(name, pred))
        for e in ps.items:
            assert (e.gold is None) == (e.bucket == "spurious")
            assert (e.pred is None) == (e.bucket == "missed")
        sums = tuple(sum(e.contribution.as_stats()[i] for e in ps.items) for i in range(3))
        assert sums == ps.metrics[ps.headline].as_stats(), name


@given(summaries("g"), summaries("p"))
def test_units_add_up_to_every_metric(gold, pred):
    for ps in parts(gold, pred).values():
        for name, stat in ps.metrics.items():
            rows = ps.units[name]
            width = len(stat.as_stats())
            assert tuple(sum(r[i] for r in rows) for i in range(width)) == stat.as_stats(), name
