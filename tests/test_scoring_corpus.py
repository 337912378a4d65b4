"""Scoring a corpus at once: mention counts over many documents, and ``score(parts=…)``.

``score`` hands the mention scorer every document together (``score_mentions.many``); each
document's part score must be exactly what scoring it alone gives, chunk boundaries included.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_scoring_mentions_fast import DOC, summaries

import evalkit.scoring.mentions as mentions
from evalkit.errors import InputError
from evalkit.model import Document, Entity, GoldDocument, Span, StructuredSummary
from evalkit.scoring import PART_SCORERS, ScoringConfig, score, score_document
from evalkit.scoring.mentions import score_mentions, score_mentions_many


def _same(a, b) -> None:
    assert dict(a.metrics) == dict(b.metrics)
    assert dict(a.raw) == dict(b.raw)
    assert dict(a.units) == dict(b.units)
    assert tuple(a.items) == tuple(b.items)


@given(st.lists(st.tuples(summaries("g"), summaries("p")), max_size=7), st.sampled_from([None, 50.0]))
def test_a_corpus_counted_together_equals_each_document_alone(documents, threshold):
    config = ScoringConfig(min_overlap_percentage=threshold)
    together = score_mentions_many([(g, p, DOC) for g, p in documents], config)
    assert len(together) == len(documents)
    for (g, p), mine in zip(documents, together):
        _same(mine, score_mentions(g, p, DOC, config))


def test_chunks_do_not_change_anything(monkeypatch):
    text = "Kyiv and Moscow met in Ankara."
    doc = Document("d", text)
    gold = StructuredSummary(entities=(Entity("k", "GPE", "Kyiv", mentions=(Span(0, 4, "Kyiv"), Span(9, 15, "Moscow"))),))
    preds = [
        StructuredSummary(entities=(Entity("p", "GPE", "Kyiv", mentions=(Span(0, 4, "Kyiv"),)),)),
        StructuredSummary(entities=(Entity("p", "ORG", "Kyiv", mentions=(Span(0, 6, "Kyiv a"), Span(0, 4, "Kyiv"))),)),
        StructuredSummary(),
    ] * 3
    whole = score_mentions_many([(gold, p, doc) for p in preds], ScoringConfig())
    monkeypatch.setattr(mentions, "CHUNK", 2)
    chunked = score_mentions_many([(gold, p, doc) for p in preds], ScoringConfig())
    for a, b in zip(whole, chunked):
        _same(a, b)
    # the second prediction: [0:6) ORG and [0:4) ORG against gold [0:4) and [9:15) GPE
    assert whole[1].raw["mentions.exact"] == {"COR": 1.0, "INC": 0.0, "PAR": 0.0, "MIS": 1.0, "SPU": 1.0, "ACT": 2.0, "POS": 2.0}


def _corpus():
    text = "Kyiv and Moscow met in Ankara."
    golds, preds = [], {}
    for k in range(4):
        doc = Document(f"d{k}", text)
        gold = StructuredSummary(entities=(
            Entity("k", "GPE", "Kyiv", mentions=(Span(0, 4, "Kyiv"),)),
            Entity("m", "GPE", "Moscow", mentions=(Span(9, 15, "Moscow"),)),
        ))  # fmt: skip
        golds.append(GoldDocument(doc, gold))
        spans = (Span(0, 4, "Kyiv"),) if k % 2 else (Span(0, 4, "Kyiv"), Span(9, 12, "Mos"))
        preds[doc.id] = StructuredSummary(entities=(Entity("p", "GPE" if k < 3 else "ORG", "Kyiv", mentions=spans),))
    return golds, preds


def test_score_of_one_part_equals_that_part_of_a_full_run():
    golds, preds = _corpus()
    config = ScoringConfig(bootstrap=50)
    full = score(golds, preds, config)
    only = score(golds, preds, config, parts=("mentions",))
    assert set(only.metrics) == {m for m in full.metrics if m.startswith("mentions.")}
    for name, metric in only.metrics.items():
        assert metric.stat == full.metrics[name].stat, name
        assert metric.values == full.metrics[name].values, name
    for a, b in zip(only.documents, full.documents):
        assert list(a.parts) == ["mentions"]
        _same(a.parts["mentions"], b.parts["mentions"])


def test_score_gives_each_document_what_scoring_it_alone_gives():
    golds, preds = _corpus()
    result = score(golds, preds, ScoringConfig(bootstrap=50))
    for g, d in zip(golds, result.documents):
        alone = score_document(g, preds[g.document.id], ScoringConfig(bootstrap=50))
        assert list(d.parts) == [part for part, _ in PART_SCORERS]
        for part in d.parts:
            assert dict(d.parts[part].metrics) == dict(alone.parts[part].metrics), part
            assert tuple(d.parts[part].items) == tuple(alone.parts[part].items), part


@pytest.mark.parametrize(
    ("parts", "message"),
    [(("mentions", "tokens"), "parts: unknown 'tokens'; expected some of entities, mentions"), ((), "parts: empty")],
)
def test_unknown_or_no_parts_are_input_errors(parts, message):
    golds, preds = _corpus()
    with pytest.raises(InputError, match=message):
        score(golds, preds, parts=parts)


def test_a_scored_corpus_pickles_and_reads_back_equal():
    import pickle

    golds, preds = _corpus()
    result = score(golds, preds, ScoringConfig(bootstrap=50))
    back = pickle.loads(pickle.dumps(result))
    for a, b in zip(result.documents, back.documents):
        for part in a.parts:
            _same(a.parts[part], b.parts[part])
    assert back.type_agreement == result.type_agreement
