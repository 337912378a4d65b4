"""Scoring a corpus read as a stream, and the lean paths behind ``score()``.

A generator of gold documents with a mapping of predictions must give the result a list gives
(metrics, signature, explanations), while the result keeps none of the streamed documents
alive. The array-based aggregation, the shared score of attribution-free documents, the gold
hash's own writer and lazily made number explanations must each equal what they replace.
"""

from __future__ import annotations

import gc
import json
import math
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from synthetic_news import make_corpus

import evalkit.scoring.numbers as numbers
from evalkit.errors import InputError
from evalkit.model import Document, Entity, GoldDocument, NumberFact, Span, StructuredSummary
from evalkit.scoring import ScoringConfig, score
from evalkit.scoring.attributions import _score as score_attributions_in_full
from evalkit.scoring.attributions import score_attributions
from evalkit.scoring.base import Counts, Mean
from evalkit.scoring.explained import Explained, Packed, packed
from evalkit.scoring.result import MetricTable, part_of, stat_values
from evalkit.scoring.signature import gold_hash, summary_content
from evalkit.serialize import summary_to_dict


ROOT = Path(__file__).resolve().parent.parent


def _prediction(g: GoldDocument, k: int) -> StructuredSummary:
    """An imperfect prediction: every third entity dropped, one retyped, a number off by one,
    the last quote missing and another summary."""
    gold = g.gold
    entities = [e for i, e in enumerate(gold.entities) if (i + k) % 3]
    if entities:
        entities[0] = replace(entities[0], type="ORG" if entities[0].type != "ORG" else "GPE")
    facts = list(gold.numbers)
    if facts and isinstance(facts[0].value, int):
        facts[0] = replace(facts[0], value=facts[0].value + 1)
    return StructuredSummary(
        entities=tuple(entities),
        numbers=tuple(facts),
        attributions=gold.attributions[:-1],
        summaries=(g.document.text.split(".")[1] + ".",),
    )


@pytest.fixture(scope="module")
def corpus() -> tuple[list[GoldDocument], dict[str, StructuredSummary]]:
    golds = make_corpus(14, seed=3)
    preds = {g.document.id: _prediction(g, k) for k, g in enumerate(golds) if k != 5}  # doc 5: no prediction
    return golds, preds


def _explanations(result):
    return [tuple(d.items()) for d in result.documents]


@pytest.mark.parametrize("unit", ["auto", "document", "item", "sentence"])
def test_a_generator_scores_as_the_list_does(corpus, unit):
    golds, preds = corpus
    config = ScoringConfig(unit=unit, bootstrap=200)
    held = score(golds, preds, config)
    streamed = score((g for g in golds), preds, config)
    assert streamed == held
    assert json.dumps(streamed.to_dict(), sort_keys=True) == json.dumps(held.to_dict(), sort_keys=True)
    assert _explanations(streamed) == _explanations(held)
    assert any(len(items) > 5 for items in _explanations(held))  # there was something to explain
    assert streamed.missing_predictions == (golds[5].document.id,)


def test_chunk_boundaries_change_nothing(corpus, monkeypatch):
    golds, preds = corpus
    held = score(golds, preds)
    monkeypatch.setattr("evalkit.scoring.STREAM_CHUNK", 4)
    assert len(golds) % 4 and len(golds) > 2 * 4  # several chunks, the last one short
    assert score(iter(golds), preds) == held


def test_a_streamed_result_keeps_no_document_alive(corpus):
    golds, preds = corpus

    def fresh() -> Iterator[GoldDocument]:  # copies that only the stream ever holds
        for g in golds:
            yield GoldDocument(g.document, StructuredSummary(*(tuple(getattr(g.gold, f)) for f in ("entities", "numbers", "attributions", "summaries"))), g.path)

    def alive() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if type(o) is StructuredSummary)

    before = alive()
    streamed = score(fresh(), preds)
    assert alive() <= before  # the gold summaries made by the stream are gone…
    assert _explanations(streamed) == _explanations(score(golds, preds))  # …and still explained
    held = score(list(fresh()), preds)
    assert alive() > before  # while a held corpus's explanations read the caller's objects
    del held


class _CountingPredictions(Mapping[str, StructuredSummary]):
    """A mapping that makes each value when asked, as a reader of prediction files would."""

    def __init__(self, preds: Mapping[str, StructuredSummary]) -> None:
        self.preds, self.reads = preds, 0

    def __getitem__(self, key: str) -> StructuredSummary:
        self.reads += 1
        return self.preds[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.preds)

    def __len__(self) -> int:
        return len(self.preds)


def test_a_streamed_mapping_is_read_once_per_document(corpus):
    golds, preds = corpus
    lazy = _CountingPredictions(preds)
    assert score(iter(golds), lazy) == score(golds, preds)
    assert lazy.reads == len(golds)  # one look-up per document, the one without a prediction included


def test_stream_problems_are_reported_together(corpus):
    golds, preds = corpus
    bad = {**preds, "nowhere": StructuredSummary(), golds[1].document.id: "not a summary"}
    with pytest.raises(InputError) as info:
        score(iter([*golds, golds[0]]), bad)
    text = str(info.value)
    assert "'nowhere' is not in the gold" in text
    assert f"document {golds[1].document.id!r}: expected a StructuredSummary, got str" in text
    assert f"document id {golds[0].document.id!r} is also used by" in text
    with pytest.raises(InputError, match="expected GoldDocument values, got int"):
        score(iter([golds[0], 3]), preds)  # type: ignore[list-item]
    with pytest.raises(InputError, match="expected a mapping"):
        score(iter(golds), [StructuredSummary()])  # type: ignore[arg-type]


def test_one_prediction_with_a_generator_of_one_document(corpus):
    golds, preds = corpus
    g = golds[0]
    assert score(iter([g]), preds[g.document.id]) == score(g, preds[g.document.id])
    with pytest.raises(InputError, match="one prediction was given for 2 gold documents"):
        score(iter(golds[:2]), preds[g.document.id])


def test_packed_explanations_equal_the_originals(corpus):
    golds, preds = corpus
    result = score(golds, preds)
    g, p = golds[0].gold, preds[golds[0].document.id]
    box = Packed((g, p))
    for part in result.documents[0].parts.values():
        items = part.items
        again = packed(items, (g, p), box)
        assert tuple(again) == tuple(items)
        if isinstance(items, Explained) and tuple(items):
            assert again is not items and again.make is not items.make  # rewritten, not shared
    assert box.unpack() == (g, p)


# -- aggregation over arrays ---------------------------------------------------------------


def _reference(documents, name):
    """The per-document aggregation the table replaces: a running sum, and the mean of the
    defined per-document values with math.fsum."""
    kind = "prf"
    total = None
    values = []
    for d in documents:
        stat = d.metric(name)
        if stat is None:
            continue
        kind = "prf" if isinstance(stat, Counts) else "mean"
        total = (Counts() if kind == "prf" else Mean()) if total is None else total
        total = total + stat
        values.append(stat_values(stat))
    macro = {}
    for key in values[0]:
        defined = [v[key] for v in values if v[key] is not None]
        macro[key] = math.fsum(defined) / len(defined) if defined else None
    primary = "f1" if kind == "prf" else "value"
    return total, macro, sum(1 for v in values if v[primary] is not None)


def test_the_metric_table_equals_per_document_aggregation_to_the_bit(corpus):
    golds, preds = corpus
    documents = score(golds, preds).documents
    table = MetricTable(documents)
    assert {part_of(n) for n in table.kinds} == {"entities", "mentions", "numbers", "attributions", "summary"}
    assert "mean" in table.kinds.values() and "prf" in table.kinds.values()
    for name in table.kinds:
        total, macro, defined = _reference(documents, name)
        assert table.micro(name) == total, name
        assert stat_values(table.micro(name)) == stat_values(total), name
        assert table.macro_documents(name) == (macro, defined), name


def test_documents_sharing_one_metrics_mapping_are_each_counted():
    text = "Kyiv"
    g = GoldDocument(
        Document("a", text),
        StructuredSummary(entities=(Entity("k", "GPE", "Kyiv", mentions=(Span(0, 4, "Kyiv"),)),)),
    )
    docs = [g, replace(g, document=replace(g.document, id="b"))]
    result = score(docs, {})
    # neither document has an attribution: both hold the one shared attribution score
    a, b = (d.parts["attributions"] for d in result.documents)
    assert a is b
    assert result["mentions.strict"].stat == Counts(0.0, 0.0, 2.0)
    assert result["attributions.joint.overlap"].documents == 0


@pytest.mark.parametrize("config", [ScoringConfig(), ScoringConfig(content_metric="rougeL", profile="exact")])
def test_the_shared_attribution_free_score_equals_scoring_nothing(config):
    empty = StructuredSummary()
    shared = score_attributions(empty, empty, None, config)  # type: ignore[arg-type]
    assert shared == score_attributions_in_full(empty, empty, config)
    assert shared is score_attributions(StructuredSummary(entities=()), empty, None, config)  # type: ignore[arg-type]


# -- the gold hash and number explanations ---------------------------------------------------


def _old_gold_hash(gold) -> str:
    import hashlib

    h = hashlib.sha256()
    for g in sorted(gold, key=lambda d: d.document.id):
        content = json.dumps(summary_to_dict(g.gold), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        for part in (g.document.id, g.document.sha256, content):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
    return h.hexdigest()[:12]


def test_the_gold_hash_writes_summaries_as_the_serializer_does(corpus):
    from evalkit.gold import load_gold

    golds, preds = corpus
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        shipped = load_gold(str(ROOT / "gold"))
    assert len(shipped) > 5
    for summary in [*(g.gold for g in golds), *preds.values(), *(g.gold for g in shipped)]:
        mine = json.dumps(summary_content(summary), sort_keys=True, ensure_ascii=False)
        assert mine == json.dumps(summary_to_dict(summary), sort_keys=True, ensure_ascii=False)
    assert gold_hash(golds) == _old_gold_hash(golds)
    assert gold_hash(shipped) == _old_gold_hash(shipped)


def _fact(i: int, value, kind: str = "count", qualifier=None, value_max=None) -> NumberFact:
    return NumberFact(f"n{i}", None, value, kind, unit="person", qualifier=qualifier, value_max=value_max)


def test_number_explanations_made_when_read_equal_those_made_at_once():
    gold = StructuredSummary(numbers=(_fact(1, 25), _fact(2, "twenty", "count"), _fact(3, 0.333, "fraction"), _fact(4, 7, value_max=9)))
    pred = StructuredSummary(numbers=(_fact(5, 25, "quantity"), _fact(6, 20), _fact(7, 1 / 3, "fraction"), _fact(8, 7), _fact(9, 4)))
    part = numbers.score_numbers(gold, pred, None, ScoringConfig())  # type: ignore[arg-type]
    pairs = numbers._Pairs(gold.numbers, pred.numbers, ScoringConfig())
    eager = tuple(numbers._explain(pairs.align("strict"), pairs, gold.numbers, pred.numbers))
    assert isinstance(part.items, Explained)
    assert tuple(part.items) == eager == tuple(part.items)
    assert {e.bucket for e in eager} >= {"matched", "partial", "missed", "spurious"}
    for name, counts in part.metrics.items():
        units = part.units[name]
        assert tuple(map(sum, zip(*units))) == counts.as_stats() if units else counts.as_stats() == (0.0, 0.0, 0.0)


@given(st.integers(-(10**9) + 1, 10**9 - 1), st.integers(-(10**9) + 1, 10**9 - 1), st.sampled_from(["count", "fraction", "multiplier", "percent"]), st.booleans())
def test_small_integers_compare_as_the_general_rule_does(g, p, kind, rounds):
    assert numbers._same(g, p, kind, rounds, None) == numbers._same(float(g), float(p), kind, rounds, None)
