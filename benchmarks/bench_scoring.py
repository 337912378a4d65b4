"""Speed of the scoring engine, measured in one run.

Run: ``python benchmarks/bench_scoring.py [--docs 1000] [--big 10000]``. On a synthetic corpus
(documents of 50 non-overlapping gold mentions in 25 entities and 10 numbers; predictions
with 10% of mentions dropped, 10% shifted by one character, 10% of entities retyped, and 10%
spurious mentions) it prints:

1. mention-level scoring (all four SemEval schemas, overall and per type, with explanations)
   against nervaluate 1.2.1 on the same spans — goal: evalkit ≤ 1.0× nervaluate's time;
2. ``evalkit.score`` (every part, aggregation, bootstrap intervals for every metric) on
   ``--big`` documents against ``--docs`` documents — goal: ≤ 11× for 10× the documents;
3. the paired bootstrap (1,000 resamples over ``--docs`` documents) of ``compare`` on every
   metric, and of ``evalkit.stats.paired_test`` on one metric — goal: ≤ 1 s.

Figures are CPU seconds of this process (``time.process_time``, so that other load on a shared
machine does not count), best of ``--repeat`` runs where a run is short.
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Callable

from evalkit.model import Document, Entity, GoldDocument, NumberFact, Span, StructuredSummary

TYPES = ("PERSON", "GPE", "ORG", "NORP", "LOC")
TOKEN = 9  # every token is 8 characters and a space


def synthetic_document(k: int, rng: random.Random, mentions: int = 50) -> tuple[GoldDocument, StructuredSummary]:
    """A document with ``mentions`` non-overlapping gold mentions and a noisy prediction."""
    tokens = mentions * 3
    text = "".join(f"w{k % 1000:03d}t{i:03d} " for i in range(tokens))
    doc = Document(f"doc{k:05d}", text)
    slots = [3 * i for i in range(mentions)]  # a mention of 1-2 tokens every 3 tokens: no overlaps
    rng.shuffle(slots)

    def span(first: int, length: int) -> Span:
        start, end = first * TOKEN, (first + length) * TOKEN - 1
        return Span(start, end, text[start:end])

    gold_entities: list[Entity] = []
    pred_entities: list[Entity] = []
    per_entity = 2
    for e in range(mentions // per_entity):
        etype = TYPES[rng.randrange(len(TYPES))]
        spans = [span(slots[e * per_entity + j], 1 + rng.randrange(2)) for j in range(per_entity)]
        gold_entities.append(Entity(f"g{e}", etype, f"Name {k} {e}", aliases=(f"N{e}",), mentions=tuple(spans)))
        kept = []
        for s in spans:
            roll = rng.random()
            if roll < 0.1:
                continue  # missed
            if roll < 0.2:
                s = Span(s.start + 1, s.end, s.text[1:])  # shifted boundary
            kept.append(s)
        ptype = etype if rng.random() > 0.1 else TYPES[(TYPES.index(etype) + 1) % len(TYPES)]
        if kept:
            pred_entities.append(Entity(f"p{e}", ptype, f"Name {k} {e}", mentions=tuple(kept)))
    for extra in range(mentions // 10):  # spurious mentions in the gaps between gold mentions
        first = 3 * rng.randrange(mentions) + 2
        pred_entities.append(Entity(f"x{extra}", TYPES[extra % len(TYPES)], f"Extra {extra}", mentions=(span(first, 1),)))
    gold_numbers = tuple(NumberFact(f"n{i}", None, 10 * i + 1, "count", unit="person") for i in range(10))
    pred_numbers = tuple(
        NumberFact(f"q{i}", None, (10 * i + 1) if rng.random() > 0.2 else 7, "count", unit="people") for i in range(10)
    )
    gold = GoldDocument(doc, StructuredSummary(entities=tuple(gold_entities), numbers=gold_numbers))
    return gold, StructuredSummary(entities=tuple(pred_entities), numbers=pred_numbers)


def corpus(n: int, seed: int = 1) -> tuple[list[GoldDocument], dict[str, StructuredSummary]]:
    rng = random.Random(seed)
    golds, preds = [], {}
    for k in range(n):
        g, p = synthetic_document(k, rng)
        golds.append(g)
        preds[g.document.id] = p
    return golds, preds


def seconds(fn: Callable[[], object], repeat: int = 1) -> float:
    """Best CPU time of ``repeat`` calls (process time: other load on the machine is not
    counted; everything measured here runs in this one process)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def nervaluate_spans(golds: list[GoldDocument], preds: dict[str, StructuredSummary]):
    """Gold and predicted mentions in nervaluate's dict format (inclusive ends)."""
    true, pred = [], []
    for g in golds:
        true.append([{"label": e.type, "start": m.start, "end": m.end - 1} for e in g.gold.entities for m in e.mentions])
        p = preds[g.document.id]
        pred.append([{"label": e.type, "start": m.start, "end": m.end - 1} for e in p.entities for m in e.mentions])
    return true, pred


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--big", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from nervaluate import Evaluator

    from evalkit.scoring import ScoringConfig, compare, score
    from evalkit.scoring.mentions import score_mentions
    from evalkit.stats import paired_test

    config = ScoringConfig()
    golds, preds = corpus(args.docs)
    mentions = sum(g.gold.mention_count for g in golds)
    print(f"corpus: {args.docs} documents, {mentions} gold mentions, {sum(p.mention_count for p in preds.values())} predicted")

    # warm-up: imports and caches outside the timings
    score_mentions(golds[0].gold, preds[golds[0].document.id], golds[0].document, config)
    true, pred = nervaluate_spans(golds, preds)
    tags = list(TYPES)
    Evaluator(true[:1], pred[:1], tags=tags, loader="dict").evaluate()

    ours = seconds(lambda: [score_mentions(g.gold, preds[g.document.id], g.document, config) for g in golds], args.repeat)
    theirs = seconds(lambda: Evaluator(true, pred, tags=tags, loader="dict").evaluate(), args.repeat)
    print("\n1. mention scoring, 4 schemas overall + per type")
    print(f"   evalkit     {ours:8.3f} s   ({1e3 * ours / args.docs:.2f} ms/document, with explanations and resampling units)")
    print(f"   nervaluate  {theirs:8.3f} s")
    print(f"   ratio       {ours / theirs:8.2f}x   (goal <= 1.0x)")

    small = seconds(lambda: score(golds, preds, config))
    big_golds, big_preds = corpus(args.big, seed=2)
    big = seconds(lambda: score(big_golds, big_preds, config))
    print(f"\n2. evalkit.score, every part, bootstrap intervals for every metric ({config.bootstrap} resamples)")
    print(f"   {args.docs:>6} documents {small:8.3f} s")
    print(f"   {args.big:>6} documents {big:8.3f} s")
    print(f"   ratio       {big / small:8.2f}x for {args.big / args.docs:.0f}x the documents   (goal <= 11x)")

    result_a = score(golds, preds, config)
    preds_b = {k: StructuredSummary(entities=v.entities[: len(v.entities) * 9 // 10], numbers=v.numbers) for k, v in preds.items()}
    result_b = score(golds, preds_b, config)
    t_compare = seconds(lambda: compare(result_a, result_b, "bootstrap"), args.repeat)
    import numpy as np

    a = np.array([d.metric("mentions.strict").as_stats() for d in result_a.documents])
    b = np.array([d.metric("mentions.strict").as_stats() for d in result_b.documents])
    t_one = seconds(lambda: paired_test(a, b, "prf", "bootstrap", n=1000), args.repeat)
    c = compare(result_a, result_b, "bootstrap")
    print(f"\n3. paired bootstrap, 1000 resamples over {args.docs} documents")
    print(f"   compare(), all {len(c.metrics)} metrics  {t_compare:8.3f} s   (goal <= 1 s)")
    print(f"   stats.paired_test, one metric  {t_one:8.3f} s")
    print(f"   mentions.strict F1 {c['mentions.strict'].a['f1']:.3f} -> {c['mentions.strict'].b['f1']:.3f}, p = {c['mentions.strict'].p['f1']:.4f}")


if __name__ == "__main__":
    main()
