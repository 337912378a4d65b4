"""Benchmark: the runner's output cache and worker processes, with the spaCy back-end.

Prints figures and ratios measured in this one run; asserts nothing about time. Run with
``python benchmarks/bench_runner.py`` (needs ``pip install 'evalkit[spacy]'``).

The corpus: 200 synthetic articles of 6–12 sentences each, drawn (seeded) from the sentences of
the shipped seed article, so spaCy sees real news prose. The pipeline is loaded once before
timing starts (its load time is printed apart); every timed run uses a fresh cache folder or no
cache, so each figure is what it says.

1. Cold run (1 worker, empty cache, outputs written) against the cached re-run (every
   document served from the cache; goal ≥ 20× faster).
2. 1 worker against 2 workers, both without the cache (goal ≥ 1.6× faster on two cores).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(n: int, seed: int = 12345) -> list:
    """``n`` articles of 6–12 sentences drawn from the seed article (equal arguments, equal corpus)."""
    from evalkit.model import Document, GoldDocument, StructuredSummary
    from evalkit.sentences import split_sentences

    text = (ROOT / "seeds" / "ukraine-peace-plan-ternopil.txt").read_text(encoding="utf-8")
    sentences = split_sentences(text)
    rng = random.Random(seed)
    return [
        GoldDocument(Document(f"synthetic-{i:03d}", " ".join(rng.sample(sentences, rng.randint(6, 12)))), StructuredSummary())
        for i in range(n)
    ]


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"  {label:<44} {seconds:8.3f} s")
    return result, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--spec", default="spacy:en_core_web_sm")
    args = parser.parse_args()

    from evalkit.cache import OutputCache
    from evalkit.extractors.registry import create
    from evalkit.runner import run

    corpus = build_corpus(args.docs)
    chars = sum(len(d.document.text) for d in corpus)
    print(f"corpus: {len(corpus)} documents, {chars:,} characters; extractor {args.spec}; {os.cpu_count()} CPUs")
    print(f"load average before: {os.getloadavg()[0]:.2f} (other work on the machine slows the worker comparison)")
    extractor, _ = timed("create the extractor (loads the pipeline)", lambda: create(args.spec))

    print("1. output cache")
    with tempfile.TemporaryDirectory() as folder:
        cold, t_cold = timed("cold run, 1 worker, cache filled", lambda: run([extractor], corpus, workers=1, cache=OutputCache(folder), timeout=120))
        warm, t_warm = timed("cached re-run", lambda: run([extractor], corpus, workers=1, cache=OutputCache(folder), timeout=120))
    label = cold.labels[0]
    assert warm.timings[label].cached == len(corpus), "the re-run was not served from the cache"
    assert warm.runs[label].outputs == cold.runs[label].outputs, "cached outputs differ"
    print(f"  cached re-run is {t_cold / t_warm:.1f}x faster (goal >= 20x); errors: {cold.error_count}")

    print("2. worker processes (no cache)")
    one, t_one = timed("1 worker", lambda: run([extractor], corpus, workers=1, timeout=120))
    two, t_two = timed("2 workers", lambda: run([extractor], corpus, workers=2, timeout=120))
    assert two.runs[label].outputs == one.runs[label].outputs, "outputs depend on the number of workers"
    print(f"  2 workers are {t_one / t_two:.2f}x faster than 1 (goal >= 1.6x)")
    per_doc = sorted(one.timings[label].per_document.values())
    print(f"  per-document extraction: median {per_doc[len(per_doc) // 2] * 1000:.1f} ms, max {per_doc[-1] * 1000:.1f} ms")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
