"""Speed of the rules and spaCy back-ends, and speed and accuracy of grounding.

Run: ``python benchmarks/bench_extractors.py``. For the seed article and for a long document
(the seed repeated to about 100 KB) it prints seconds per extraction, and for grounding: how
many text-only spans (offsets stripped from gold and from each back-end's output) land back
on their original offsets, by status, and how long it takes — once with the spans as they
are and once with every span misspelt by one letter, which forces the fuzzy stage.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from evalkit.extractors.rules import create as rules
from evalkit.extractors.spacy_backend import create as spacy
from evalkit.gold.loader import load_gold_file
from evalkit.grounding import ground
from evalkit.model import Document, Span, StructuredSummary
from evalkit.serialize import iter_spans

ROOT = Path(__file__).resolve().parent.parent


def _strip(summary: StructuredSummary, edit: Callable[[str], str]) -> StructuredSummary:
    def s(span: Span | None) -> Span | None:
        return None if span is None else Span(None, None, edit(span.text))

    return replace(
        summary,
        entities=tuple(replace(e, mentions=tuple(s(m) for m in e.mentions)) for e in summary.entities),  # type: ignore[misc]
        numbers=tuple(replace(n, span=s(n.span)) for n in summary.numbers),
        attributions=tuple(
            replace(a, content=s(a.content), source=s(a.source), cue=s(a.cue)) for a in summary.attributions  # type: ignore[arg-type]
        ),
    )


def _misspell(text: str) -> str:
    """Drop the middle letter of spans of eight or more characters (shorter ones stay exact)."""
    if len(text) < 8:
        return text
    k = len(text) // 2
    return text[:k] + text[k + 1 :]


def _seconds(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    gold = load_gold_file(ROOT / "gold" / "ukraine-peace-plan-ternopil.yaml")
    seed = gold.document
    long_text = "\n".join([seed.text] * (100_000 // len(seed.text) + 1))
    long_doc = Document("long", long_text)
    backends = {"rules": rules(None, {}), "spacy:en_core_web_sm": spacy(None, {})}

    print(f"{'extractor':22} {'document':8} {'chars':>7} {'seconds':>8}")
    outputs: dict[str, StructuredSummary] = {"gold": gold.gold}
    for name, ex in backends.items():
        for doc in (seed, long_doc):
            secs = _seconds(lambda ex=ex, doc=doc: ex.extract(doc), repeat=3 if doc is seed else 1)
            print(f"{name:22} {doc.id[:8]:8} {len(doc.text):>7} {secs:>8.3f}")
        outputs[name] = ex.extract(seed)

    print()
    print(f"{'spans from':22} {'edit':9} {'spans':>5} {'back':>5} {'exact':>5} {'norm':>5} {'fuzzy':>5} {'unres':>5} {'ms':>7}")
    for name, summary in outputs.items():
        for edit_name, edit in (("none", lambda t: t), ("misspelt", _misspell)):
            stripped = _strip(summary, edit)
            secs = _seconds(lambda stripped=stripped: ground(stripped, seed))
            grounded, report = ground(stripped, seed)
            pairs = list(zip((s for _, s in iter_spans(summary)), (s for _, s in iter_spans(grounded))))
            back = sum(a.start == b.start and a.end == b.end for a, b in pairs)
            c = report.counts
            print(
                f"{name:22} {edit_name:9} {len(pairs):>5} {back:>5} {c['exact']:>5} {c['normalised']:>5} "
                f"{c['fuzzy']:>5} {c['unresolved']:>5} {secs * 1000:>7.1f}"
            )

    long_summary = _strip(backends["rules"].extract(long_doc), _misspell)
    secs = _seconds(lambda: ground(long_summary, long_doc), repeat=1)
    n = sum(1 for _ in iter_spans(long_summary))
    print(f"\nground() on the {len(long_text)}-character document, {n} misspelt/exact spans: {secs:.2f} s")


if __name__ == "__main__":
    main()
