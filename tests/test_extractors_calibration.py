"""Calibration back-ends: gold scores 1.0, empty scores recall 0, noisy falls as its rate rises.

Scores come from evalkit's scorer and, for entities and mentions, also from a small reference
implementation written here (exact-match sets), so the calibration does not rest on the scorer
under test alone.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.errors import InputError
from evalkit.evaluation import score_output
from evalkit.extractors.base import ExtractionFailed
from evalkit.extractors.noise import OPERATIONS, NoiseRates, perturb
from evalkit.extractors.registry import create
from evalkit.model import StructuredSummary
from evalkit.runner import run
from evalkit.scoring.config import ScoringConfig
from evalkit.serialize import span_problems
from synthetic_news import make_corpus

CORPUS = make_corpus(12, seed=7)
RATES = (0.0, 0.2, 0.5, 0.8)
FAST = ScoringConfig(bootstrap=1)


def f1(gold: Counter, pred: Counter) -> float:
    tp = sum((gold & pred).values())
    fp = sum(pred.values()) - tp
    fn = sum(gold.values()) - tp
    return 1.0 if tp == fp == fn == 0 else 2 * tp / (2 * tp + fp + fn)


def reference_entity_f1(pairs: list[tuple[StructuredSummary, StructuredSummary]]) -> float:
    gold, pred = Counter(), Counter()
    for g, p in pairs:
        gold.update((e.name, e.type) for e in g.entities)
        pred.update((e.name, e.type) for e in p.entities)
    return f1(gold, pred)


def reference_mention_f1(pairs: list[tuple[StructuredSummary, StructuredSummary]]) -> float:
    gold, pred = Counter(), Counter()
    for i, (g, p) in enumerate(pairs):
        gold.update((i, m.start, m.end, e.type) for e in g.entities for m in e.mentions)
        pred.update((i, m.start, m.end, e.type) for e in p.entities for m in e.mentions)
    return f1(gold, pred)


@pytest.fixture(scope="module")
def scored():
    extractors = [create("gold"), create("empty"), *(create("noisy", {"rate": str(r), "seed": "11"}) for r in RATES)]
    output = run(extractors, CORPUS)
    assert not output.errors  # perturbed spans still fit the text
    return output, score_output(output, FAST)


def test_gold_scores_one_on_every_f1(scored) -> None:
    _, results = scored
    values = {name: m.values["f1"] for name, m in results["gold"].metrics.items() if "f1" in m.values}
    assert values and set(values.values()) <= {1.0, None}
    # undefined (None) exactly where there was nothing to find and nothing was predicted
    for name, v in values.items():
        assert (v is None) == (results["gold"].metrics[name].stat.as_stats() == (0.0, 0.0, 0.0)), name
    assert {p for p in ("entities", "mentions", "numbers", "attributions") if results["gold"].headline(p) is not None} == {
        "entities",
        "mentions",
        "numbers",
        "attributions",
    }


def test_empty_scores_recall_zero_wherever_gold_has_items(scored) -> None:
    _, results = scored
    checked = 0
    for m in results["empty"].metrics.values():
        if "recall" in m.values and m.stat.tp + m.stat.fn > 0:
            assert m.values["recall"] == 0.0, m.name
            checked += 1
    assert checked >= 4


def test_noisy_f1_falls_strictly_as_the_rate_rises(scored) -> None:
    output, results = scored
    labels = [label for label in output.labels if label.startswith("noisy")]
    assert len(labels) == len(RATES)
    for part in ("entities", "mentions", "numbers", "attributions"):
        series = [results[label].headline(part).values["f1"] for label in labels]
        assert series[0] == 1.0
        assert all(a > b for a, b in zip(series, series[1:])), (part, series)
    for reference in (reference_entity_f1, reference_mention_f1):
        series = []
        for label in labels:
            predictions = output.runs[label].predictions
            series.append(reference([(d.gold, predictions[d.document.id]) for d in CORPUS]))
        assert series[0] == 1.0
        assert all(a > b for a, b in zip(series, series[1:])), (reference.__name__, series)


def test_noisy_rouge_falls_strictly_as_the_rate_rises_on_the_shipped_gold() -> None:
    from conftest import GOLD_DIR

    from evalkit.gold import load_gold

    gold = load_gold(GOLD_DIR)
    rates = (0.0, 0.3, 0.6, 0.9)
    extractors = [create("noisy", {"rate": str(r), "seed": "5"}) for r in rates]
    output = run(extractors, gold)
    results = score_output(output, FAST)
    labels = [label for label in output.labels if label.startswith("noisy")]
    for metric in ("summary.rougeLsum.max", "summary.rouge1.max", "summary.rouge2.max"):
        series = [results[label][metric].values["value"] for label in labels]
        assert series[0] == 1.0, metric
        assert all(a > b for a, b in zip(series, series[1:])), (metric, series)


def test_the_summary_operation_rewords_only_summaries_in_document_words() -> None:
    from conftest import GOLD_DIR

    from evalkit.extractors.noise import _WORD
    from evalkit.gold import load_gold

    for d in load_gold(GOLD_DIR):
        assert d.gold.summaries
        out = perturb(d.gold, d.document, only("summary"), 4)
        assert (out.entities, out.numbers, out.attributions) == (d.gold.entities, d.gold.numbers, d.gold.attributions)
        document_words = set(_WORD.findall(d.document.text))
        for before, after in zip(d.gold.summaries, out.summaries, strict=True):
            old, new = _WORD.findall(before), _WORD.findall(after)
            assert len(old) == len(new) and _WORD.sub("", before) == _WORD.sub("", after)
            assert all(w in document_words for a, w in zip(old, new))  # rate 1: every word drawn
        half = perturb(d.gold, d.document, NoiseRates(**{o: 0.5 if o == "summary" else 0.0 for o in OPERATIONS}), 4)
        for before, low, high in zip(d.gold.summaries, half.summaries, out.summaries):
            for a, b, c in zip(_WORD.findall(before), _WORD.findall(low), _WORD.findall(high)):
                assert b == a or b == c  # common random numbers: a word replaced at 0.5 is replaced alike at 1


def test_noise_is_deterministic_for_a_seed_and_a_document() -> None:
    doc = CORPUS[0]
    rates = NoiseRates.uniform(0.5)
    assert perturb(doc.gold, doc.document, rates, seed=3) == perturb(doc.gold, doc.document, rates, seed=3)
    outputs = {perturb(doc.gold, doc.document, rates, seed=s) for s in range(5)}
    assert len(outputs) > 1
    assert perturb(doc.gold, doc.document, NoiseRates.uniform(0.0), seed=3) == doc.gold


def test_raising_a_rate_only_adds_perturbations() -> None:
    """Common random numbers: what is damaged at a low rate is damaged the same way at a higher one."""
    for d in CORPUS:
        low = perturb(d.gold, d.document, NoiseRates(drop=0.3, retype=0.3, shift=0, value=0, content=0, source=0), seed=1)
        high = perturb(d.gold, d.document, NoiseRates(drop=0.6, retype=0.6, shift=0, value=0, content=0, source=0), seed=1)
        kept_low = {e.id: e.type for e in low.entities}
        kept_high = {e.id: e.type for e in high.entities}
        assert set(kept_high) <= set(kept_low)
        gold_type = {e.id: e.type for e in d.gold.entities}
        for eid, etype in kept_high.items():
            if kept_low[eid] != gold_type[eid]:
                assert etype == kept_low[eid]


def only(op: str) -> NoiseRates:
    return NoiseRates(**{o: (1.0 if o == op else 0.0) for o in OPERATIONS})


def test_each_operation_does_what_it_says() -> None:
    for d in CORPUS:
        g, doc = d.gold, d.document
        assert perturb(g, doc, only("drop"), 0) == StructuredSummary(summaries=g.summaries)

        retyped = perturb(g, doc, only("retype"), 0)
        assert all(a.type != b.type and a.mentions == b.mentions for a, b in zip(g.entities, retyped.entities))

        shifted = perturb(g, doc, only("shift"), 0)
        for a, b in zip(g.entities, shifted.entities):
            for ma, mb in zip(a.mentions, b.mentions):
                assert (ma.start, ma.end) != (mb.start, mb.end) and 1 <= abs(mb.start - ma.start) <= 3
        assert span_problems(shifted, doc, "x") == []

        valued = perturb(g, doc, only("value"), 0)
        assert all(a.value != b.value and a.span == b.span for a, b in zip(g.numbers, valued.numbers))

        cut = perturb(g, doc, only("content"), 0)
        for a, b in zip(g.attributions, cut.attributions):
            assert a.content.text.startswith(b.content.text) and len(b.content.text) < len(a.content.text)
        assert span_problems(cut, doc, "x") == []

        resourced = perturb(g, doc, only("source"), 0)
        for a, b in zip(g.attributions, resourced.attributions):
            assert b.source_entities != a.source_entities


def test_gold_needs_the_runner_to_bind_the_gold() -> None:
    with pytest.raises(ExtractionFailed, match="needs the gold"):
        create("gold").extract(CORPUS[0].document)
    g = create("gold")
    g.bind_gold({})
    with pytest.raises(ExtractionFailed, match="no gold for document 'doc-000'"):
        g.extract(CORPUS[0].document)


def test_calibration_back_ends_are_inline_and_never_cached() -> None:
    for name in ("gold", "empty", "noisy"):
        e = create(name)
        assert (e.mode, e.cacheable) == ("inline", False)


@pytest.mark.parametrize(
    "spec, options, message",
    [
        ("noisy", {"rate": "1.5"}, "option rate must be a number between 0 and 1"),
        ("noisy", {"drop": "x"}, "option drop must be a number between 0 and 1"),
        ("noisy", {"seed": "one"}, "option seed must be an integer"),
        ("noisy:0.3", {}, "takes no argument"),
        ("gold:x", {}, "takes no argument"),
        ("empty:x", {}, "takes no argument"),
    ],
)
def test_bad_calibration_options(spec: str, options: dict[str, str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        create(spec, options)


def test_per_operation_rates_override_the_common_rate() -> None:
    e = create("noisy", {"rate": "0.4", "drop": "0", "seed": "2"})
    assert e.rates == NoiseRates(drop=0.0, shift=0.4, retype=0.4, value=0.4, content=0.4, source=0.4, summary=0.4)
    assert e.seed == 2


rate = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(rates=st.tuples(*([rate] * len(OPERATIONS))), seed=st.integers(0, 2**32), index=st.integers(0, len(CORPUS) - 1))
def test_any_noise_keeps_spans_on_the_text_and_is_reproducible(rates: tuple[float, ...], seed: int, index: int) -> None:
    d = CORPUS[index]
    noise = NoiseRates(*rates)
    out = perturb(d.gold, d.document, noise, seed)
    assert span_problems(out, d.document, "noisy") == []
    assert out == perturb(d.gold, d.document, noise, seed)
    assert len(out.entities) <= len(d.gold.entities) and len(out.numbers) <= len(d.gold.numbers)


@given(low=rate, high=rate, seed=st.integers(0, 2**32), index=st.integers(0, len(CORPUS) - 1))
def test_a_higher_drop_rate_keeps_a_subset(low: float, high: float, seed: int, index: int) -> None:
    low, high = sorted((low, high))
    d = CORPUS[index]
    kept = lambda r: {e.id for e in perturb(d.gold, d.document, NoiseRates.uniform(r), seed).entities}  # noqa: E731
    assert kept(high) <= kept(low)
