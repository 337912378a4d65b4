"""Benchmark: evalkit's ROUGE against rouge-score's default, and the resampling statistics.

Prints figures; asserts nothing about time. Run with ``python benchmarks/bench_rouge.py``.

1. ROUGE-1/2/L/Lsum on 1,000 (reference, prediction) pairs of news-like ASCII text:
   rouge-score's default (``RougeScorer(types, use_stemmer=True)``, no sentence splitting)
   against evalkit's ``rouge_against_references`` (evalkit's Tokenizer with stemming, offline
   sentence splitting for Lsum), cold (every cache emptied) and warm; goal ≤ 1.2× rouge-score.
   Also checks that ROUGE-1/2/L agree with rouge-score's numbers on every pair.
2. ``score_summary`` on 1,000 documents with four references each.
3. Paired bootstrap and approximate randomisation with 1,000 resamples over 1,000 documents,
   and a bootstrap CI; goal ≤ 1 s each.
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Callable

NAMES = [
    "Zelenskyy", "Mr. Peskov", "Gen. Driscoll", "Erdogan", "Witkoff", "Dmitriev", "Zakharova",
]
PLACES = ["Kyiv", "Ternopil", "Moscow", "Washington", "the U.S.", "Lviv", "Istanbul", "Brussels"]
SUBJECTS = ["officials", "the ministry", "diplomats", "rescuers", "the army", "analysts", "envoys"]
VERBS = [
    "said", "reported", "denied", "suggested", "urged", "claimed", "warned", "announced",
    "confirmed", "added", "told reporters", "wrote on X",
]
NOUNS = [
    "peace plan", "draft agreement", "missile strike", "ceasefire", "sanctions package",
    "air-defence systems", "territorial concessions", "negotiations", "energy facilities",
    "apartment blocks", "military assistance", "diplomatic channels", "talks",
]
ADJ = ["new", "sweeping", "early-morning", "significant", "quiet", "limited", "fresh", "major"]
LINKS = ["while", "after", "because", "although", "as", "before"]


def _sentence(rng: random.Random) -> str:
    who = rng.choice(NAMES + SUBJECTS)
    parts = [
        f"{who} {rng.choice(VERBS)} that the {rng.choice(ADJ)} {rng.choice(NOUNS)}",
        f"would affect {rng.randint(2, 90)} people in {rng.choice(PLACES)}",
        f"{rng.choice(LINKS)} {rng.choice(SUBJECTS)} discussed the {rng.choice(NOUNS)}",
    ]
    if rng.random() < 0.5:
        parts.append(f"on {rng.choice(['Monday', 'Wednesday', 'Friday'])} in {rng.choice(PLACES)}")
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def _summary(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))


def _perturb(rng: random.Random, text: str) -> str:
    """A prediction-like variant: some words dropped, some replaced, a sentence added."""
    words = []
    for w in text.split():
        r = rng.random()
        if r < 0.1:
            continue
        words.append(rng.choice(NOUNS).split()[0] if r < 0.2 else w)
    if rng.random() < 0.5:
        words.append(_sentence(rng))
    return " ".join(words)


def make_pairs(n: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        ref = _summary(rng)
        pairs.append((ref, _perturb(rng, ref)))
    return pairs


def best_of(
    repeats: int, fn: Callable[[], object], before: Callable[[], None] | None = None
) -> float:
    """The fastest of ``repeats`` runs of ``fn``, each after ``before``."""
    times = []
    for _ in range(repeats):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_rouge(pairs: list[tuple[str, str]], repeats: int) -> None:
    from rouge_score import rouge_scorer

    from evalkit import tokenize as tok_mod
    from evalkit.scoring import summary as summary_mod

    types = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
    reference = rouge_scorer.RougeScorer(types, use_stemmer=True)

    def run_reference() -> list:
        return [reference.score(ref, pred) for ref, pred in pairs]

    def run_evalkit() -> list:
        score = summary_mod.rouge_against_references
        return [score([ref], pred, types, True)[0] for ref, pred in pairs]

    def empty_caches() -> None:
        summary_mod._scorer.cache_clear()
        tok_mod._porter.cache_clear()

    t_ref = best_of(repeats, run_reference)
    t_cold = best_of(repeats, run_evalkit, before=empty_caches)
    t_warm = best_of(repeats, run_evalkit)

    ours, theirs = run_evalkit(), run_reference()
    worst = max(
        abs(o[k].fmeasure - t[k].fmeasure)
        for o, t in zip(ours, theirs)
        for k in ("rouge1", "rouge2", "rougeL")
    )
    n = len(pairs)
    print(f"ROUGE-1/2/L/Lsum on {n} pairs (best of {repeats}):")
    per_pair = 1e3 * t_ref / n
    print(f"  rouge-score default tokenizer+stemmer : {t_ref:7.3f} s  ({per_pair:.2f} ms/pair)")
    print(f"  evalkit, caches emptied (cold)        : {t_cold:7.3f} s  ({t_cold / t_ref:.2f}x)")
    print(f"  evalkit, caches warm                  : {t_warm:7.3f} s  ({t_warm / t_ref:.2f}x)")
    print(f"  largest |F difference| on rouge1/2/L  : {worst:.2e}")


def bench_score_summary(pairs: list[tuple[str, str]], repeats: int) -> None:
    from evalkit.model import Document, StructuredSummary
    from evalkit.scoring import summary as summary_mod
    from evalkit.scoring.config import ScoringConfig

    rng = random.Random(11)
    docs = []
    for ref, pred in pairs:
        refs = (ref, *(_perturb(rng, ref) for _ in range(3)))
        docs.append((StructuredSummary(summaries=refs), StructuredSummary(summaries=(pred,))))
    doc, config = Document("bench", "text"), ScoringConfig()

    def run() -> None:
        for gold, pred in docs:
            summary_mod.score_summary(gold, pred, doc, config)

    t = best_of(repeats, run, before=summary_mod._scorer.cache_clear)
    per_doc = 1e3 * t / len(docs)
    print(f"score_summary, {len(docs)} documents x 4 references: {t:.3f} s ({per_doc:.2f} ms/doc)")


def bench_stats(repeats: int) -> None:
    import numpy as np

    from evalkit.stats import bootstrap_ci, paired_test

    rng = np.random.default_rng(3)
    gold = rng.integers(0, 12, 1000)
    tp_a = rng.binomial(gold, 0.6)
    tp_b = rng.binomial(gold, 0.65)
    a = np.stack([tp_a, rng.integers(0, 4, 1000), gold - tp_a], axis=1)
    b = np.stack([tp_b, rng.integers(0, 4, 1000), gold - tp_b], axis=1)
    rouge_a = np.stack([rng.random(1000), np.ones(1000)], axis=1)
    rouge_b = np.stack([rng.random(1000), np.ones(1000)], axis=1)
    print("Resampling statistics, 1000 documents, 1000 resamples (best of %d):" % repeats)
    cases = [
        ("paired bootstrap, P/R/F1", lambda: paired_test(a, b, "prf", "bootstrap", 1000)),
        ("paired bootstrap, mean", lambda: paired_test(rouge_a, rouge_b, "mean", n=1000)),
        ("approximate randomisation, P/R/F1", lambda: paired_test(a, b, "prf", "randomisation")),
        ("bootstrap CI, P/R/F1", lambda: bootstrap_ci(a, "prf", 1000)),
    ]
    for label, fn in cases:
        print(f"  {label:36s}: {1e3 * best_of(repeats, fn):7.1f} ms")
    print("  result:", paired_test(a, b, "prf", "bootstrap", 1000).p_values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    pairs = make_pairs(args.pairs)
    bench_rouge(pairs, args.repeats)
    bench_score_summary(pairs, args.repeats)
    bench_stats(args.repeats)


if __name__ == "__main__":
    main()
