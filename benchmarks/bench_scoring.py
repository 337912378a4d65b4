"""Speed and memory of the scoring engine, measured in one run.

Run: ``python benchmarks/bench_scoring.py [--docs 1000] [--rounds 5] [--sizes 1000,10000,50000]``.
Prints figures and ratios measured in this run; asserts nothing about time.

Two synthetic corpora of ``--docs`` documents with 50 gold mentions each:

* **clean**: non-overlapping gold mentions of five types; the prediction drops 10% of them,
  shifts 10% by one character, retypes 10% of the entities and adds 10% spurious mentions
  (every gold mention has at most one overlapping prediction and the reverse);
* **realistic**: eight types, a quarter of the gold mentions nested in a longer one
  ("University of Paris" ORG around "Paris" GPE); the prediction keeps, retypes, shifts, splits,
  merges across two gold mentions, repeats verbatim, drops and invents mentions, listed in a
  shuffled order — so many mentions have several overlapping partners.

Sections:

1. Mention scoring through the public API (``evalkit.score(gold, predictions, config,
   parts=("mentions",))``: all four SemEval schemas overall and per type, corpus aggregation
   and bootstrap intervals) against nervaluate 1.2.1's ``Evaluator(...).evaluate()`` on the same
   spans and against a minimal numpy counter written here (:func:`numpy_counts`: corpus-wide
   span arrays, overlap pairs by sorting, a greedy one-to-one cut, counts by ``bincount`` — the
   floor of counting; no optimal alignment, intervals or explanations). Times are the minimum
   of ``--rounds`` paired rounds (each round times all three, one after the other); goal:
   evalkit ≤ 0.5× nervaluate on both corpora.
2. ``evalkit.score`` with every part (entities, mentions, numbers, attributions, summary) on the
   same corpora against nervaluate; goal ≤ 1.5×.
3. ``evalkit.score`` (every part, then mentions only) at each of ``--sizes`` documents, each
   in a fresh process, the corpus streamed (:func:`stream`: a generator of gold documents and a
   mapping that makes each prediction when read, so the caller holds none); then every part
   with the whole corpus held as a list. CPU time (without making the documents), the
   process's peak resident memory before scoring and its whole peak, and the size of the result as JSON
   (``Result.to_dict()``) at the first size; goal: 50,000 documents within 2 GB.
4. ``compare`` (paired bootstrap, 1,000 resamples over ``--docs`` documents, every metric).

Times are CPU seconds of this process (``time.process_time``: other load on a shared machine
is not counted, though it still slows caches); the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from typing import Callable, Iterator, Mapping, Sequence

from evalkit.model import Document, Entity, GoldDocument, NumberFact, Span, StructuredSummary

TYPES = ("PERSON", "GPE", "ORG", "NORP", "LOC")
REAL_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "DATE", "EVENT", "FAC")
#: Outer and inner types of a nested pair ("University of Paris" ORG around "Paris" GPE).
NESTS = (("ORG", "GPE"), ("FAC", "PERSON"), ("EVENT", "GPE"), ("ORG", "NORP"), ("GPE", "LOC"))
TOKEN = 9  # every token is 8 characters and a space


def _text(k: int, tokens: int) -> str:
    return "".join(f"w{k % 1000:03d}t{i:03d} " for i in range(tokens))


def _span(text: str, first: int, length: int) -> Span:
    start, end = first * TOKEN, (first + length) * TOKEN - 1
    return Span(start, end, text[start:end])


def synthetic_document(k: int, rng: random.Random, mentions: int = 50) -> tuple[GoldDocument, StructuredSummary]:
    """The clean corpus: ``mentions`` non-overlapping gold mentions and a noisy prediction."""
    tokens = mentions * 3
    text = _text(k, tokens)
    doc = Document(f"doc{k:05d}", text)
    slots = [3 * i for i in range(mentions)]  # a mention of 1-2 tokens every 3 tokens: no overlaps
    rng.shuffle(slots)

    gold_entities: list[Entity] = []
    pred_entities: list[Entity] = []
    per_entity = 2
    for e in range(mentions // per_entity):
        etype = TYPES[rng.randrange(len(TYPES))]
        spans = [_span(text, slots[e * per_entity + j], 1 + rng.randrange(2)) for j in range(per_entity)]
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
        pred_entities.append(Entity(f"x{extra}", TYPES[extra % len(TYPES)], f"Extra {extra}", mentions=(_span(text, first, 1),)))
    gold_numbers = tuple(NumberFact(f"n{i}", None, 10 * i + 1, "count", unit="person") for i in range(10))
    pred_numbers = tuple(
        NumberFact(f"q{i}", None, (10 * i + 1) if rng.random() > 0.2 else 7, "count", unit="people") for i in range(10)
    )
    gold = GoldDocument(doc, StructuredSummary(entities=tuple(gold_entities), numbers=gold_numbers))
    return gold, StructuredSummary(entities=tuple(pred_entities), numbers=pred_numbers)


def realistic_document(k: int, rng: random.Random, mentions: int = 50) -> tuple[GoldDocument, StructuredSummary]:
    """The realistic corpus: nested gold mentions of eight types and an extractor whose
    predictions overlap several gold mentions, split, merge and repeat (module docstring)."""
    gold_spans: list[tuple[int, int, str]] = []  # (first token, tokens, type)
    pos = 0
    while len(gold_spans) < mentions:
        pos += 1 + rng.randrange(2)  # a gap of one or two tokens
        if rng.random() < 0.125 and len(gold_spans) + 2 <= mentions:
            outer, inner = NESTS[rng.randrange(len(NESTS))]
            gold_spans.append((pos, 3, outer))
            gold_spans.append((pos + 2, 1, inner))  # "University of [Paris]"
            pos += 3
        else:
            length = 1 + rng.randrange(3)
            gold_spans.append((pos, length, REAL_TYPES[rng.randrange(len(REAL_TYPES))]))
            pos += length
    text = _text(k, pos + 4)
    doc = Document(f"doc{k:05d}", text)

    pred_spans: list[tuple[int, int, str]] = []
    for i, (first, length, etype) in enumerate(gold_spans):
        roll = rng.random()
        wrong = REAL_TYPES[(REAL_TYPES.index(etype) + 1) % len(REAL_TYPES)]
        if roll < 0.08:
            continue  # missed
        if roll < 0.62:
            pred_spans.append((first, length, etype))
        elif roll < 0.72:
            pred_spans.append((first, length, wrong))
        elif roll < 0.80 and length > 1:
            pred_spans.append((first, length - 1, etype))  # boundary
        elif roll < 0.80:
            pred_spans.append((first, length + 1, etype))  # runs into the next token
        elif roll < 0.86 and length > 1:
            pred_spans.append((first, 1, etype))  # split in two
            pred_spans.append((first + 1, length - 1, etype))
        elif roll < 0.92 and i + 1 < len(gold_spans):
            nxt = gold_spans[i + 1]
            pred_spans.append((first, max(length, nxt[0] + nxt[1] - first), etype))  # merged with the next
        else:
            pred_spans.append((first, length, etype))
            pred_spans.append((first, length, etype))  # verbatim repeat
    for _ in range(mentions // 10):  # spurious: anywhere, possibly overlapping gold
        pred_spans.append((rng.randrange(pos), 1, REAL_TYPES[rng.randrange(len(REAL_TYPES))]))
    rng.shuffle(pred_spans)

    gold_entities = []
    for e in range(0, len(gold_spans), 2):  # two mentions per entity where the types agree
        group = [gold_spans[e]] + [s for s in gold_spans[e + 1 : e + 2] if s[2] == gold_spans[e][2]]
        single = [] if len(group) == 2 or e + 1 >= len(gold_spans) else [gold_spans[e + 1]]
        for j, members in enumerate((group, single)):
            if members:
                gold_entities.append(
                    Entity(f"g{e}.{j}", members[0][2], f"Name {k} {e}.{j}", mentions=tuple(_span(text, f, n) for f, n, _ in members))
                )
    pred_entities = [Entity(f"p{j}", t, f"Pred {j}", mentions=(_span(text, f, n),)) for j, (f, n, t) in enumerate(pred_spans)]
    gold = GoldDocument(doc, StructuredSummary(entities=tuple(gold_entities)))
    return gold, StructuredSummary(entities=tuple(pred_entities))


def corpus(n: int, seed: int = 1, kind: str = "clean") -> tuple[list[GoldDocument], dict[str, StructuredSummary]]:
    """``n`` documents of the ``clean`` or ``realistic`` corpus (equal arguments, equal corpus)."""
    make = synthetic_document if kind == "clean" else realistic_document
    rng = random.Random(seed)
    golds, preds = [], {}
    for k in range(n):
        g, p = make(k, rng)
        golds.append(g)
        preds[g.document.id] = p
    return golds, preds


def document_seed(seed: int, k: int) -> int:
    """The seed of document ``k`` of a streamed corpus: each document is made from its own."""
    return seed * 1_000_003 + k


def stream(n: int, seed: int = 2, kind: str = "clean") -> tuple[Iterator[GoldDocument], "StreamedPredictions"]:
    """``n`` documents made one at a time, and their predictions as a mapping: what a corpus
    read from disk looks like to :func:`evalkit.score`. Nothing is held beyond the documents
    the caller keeps."""
    predictions = StreamedPredictions(n, seed, kind)
    return predictions.golds(), predictions


class StreamedPredictions(Mapping[str, StructuredSummary]):
    """The predictions of a streamed corpus, by document id. Each value is made from its
    document's seed; the gold iterator leaves the prediction it made with it here until it is
    read, so a reader taking each once in order never makes one twice."""

    def __init__(self, n: int, seed: int, kind: str) -> None:
        self.n, self.seed, self.kind = n, seed, kind
        self.pending: dict[str, StructuredSummary] = {}

    def make(self, k: int) -> tuple[GoldDocument, StructuredSummary]:
        make = synthetic_document if self.kind == "clean" else realistic_document
        return make(k, random.Random(document_seed(self.seed, k)))

    def golds(self) -> Iterator[GoldDocument]:
        for k in range(self.n):
            g, p = self.make(k)
            self.pending[g.document.id] = p
            yield g

    def __getitem__(self, doc_id: str) -> StructuredSummary:
        found = self.pending.pop(doc_id, None)
        if found is not None:
            return found
        k = int(doc_id[3:]) if doc_id.startswith("doc") and doc_id[3:].isdigit() else -1
        if not 0 <= k < self.n:
            raise KeyError(doc_id)
        return self.make(k)[1]

    def __iter__(self) -> Iterator[str]:
        return (f"doc{k:05d}" for k in range(self.n))

    def __len__(self) -> int:
        return self.n


def seconds(fn: Callable[[], object]) -> float:
    """CPU time of one call (process time: other load on the machine is not counted)."""
    t = time.process_time()
    fn()
    return time.process_time() - t


def nervaluate_spans(golds: list[GoldDocument], preds: dict[str, StructuredSummary]):
    """Gold and predicted mentions in nervaluate's dict format (inclusive ends)."""
    true, pred = [], []
    for g in golds:
        true.append([{"label": e.type, "start": m.start, "end": m.end - 1} for e in g.gold.entities for m in e.mentions])
        p = preds[g.document.id]
        pred.append([{"label": e.type, "start": m.start, "end": m.end - 1} for e in p.entities for m in e.mentions])
    return true, pred


# -- the floor: a minimal numpy counter -----------------------------------------------------

#: nervaluate's schema names, in evalkit's order (strict, exact, partial, type).
NERV_SCHEMAS = ("strict", "exact", "partial", "ent_type")


def span_arrays(golds: list[GoldDocument], preds: dict[str, StructuredSummary], types: Sequence[str]):
    """Corpus-wide ``(doc, start, end, type)`` int arrays of gold and predicted mentions."""
    import numpy as np

    code = {t: i for i, t in enumerate(types)}

    def side(summaries):
        rows = [(d, m.start, m.end, code[e.type]) for d, s in enumerate(summaries) for e in s.entities for m in e.mentions]
        return np.array(rows, dtype=np.int64).reshape(-1, 4)

    return side([g.gold for g in golds]), side([preds[g.document.id] for g in golds])


def numpy_counts(gold, pred, n_types: int):
    """COR, INC, PAR, MIS, SPU of the four schemas, overall (row 0) and per type (row 1 + t):
    an int array ``(1 + n_types, 4, 5)``.

    Candidate pairs are found by sorting (gold by document and start; for each prediction, the
    gold mentions of its document that start before it ends and are at most the longest gold
    mention away); one pair per gold mention and per prediction is kept greedily (exact
    boundaries first, then the same type). On data where every mention has at most one
    overlapping partner this is nervaluate's and evalkit's answer; elsewhere it is only the
    cost of counting, not a correct alignment.
    """
    import numpy as np

    out = np.zeros((1 + n_types, 4, 5), dtype=np.int64)
    order = np.lexsort((gold[:, 1], gold[:, 0]))
    g = gold[order]
    width = int((g[:, 2] - g[:, 1]).max()) + 1 if len(g) else 1
    scale = int(max(g[:, 2].max(initial=0), pred[:, 2].max(initial=0))) + width + 2
    key = g[:, 0] * scale + g[:, 1]
    lo = np.searchsorted(key, pred[:, 0] * scale + pred[:, 1] - width, "left")
    hi = np.searchsorted(key, pred[:, 0] * scale + pred[:, 2], "left")
    count = hi - lo
    pj = np.repeat(np.arange(len(pred)), count)
    gi = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count) + np.repeat(lo, count)
    gs, ge, ps, pe = g[gi, 1], g[gi, 2], pred[pj, 1], pred[pj, 2]
    exact = (gs == ps) & (ge == pe)
    ok = (g[gi, 0] == pred[pj, 0]) & (((gs < pe) & (ps < ge)) | exact)
    gi, pj, exact = gi[ok], pj[ok], exact[ok]
    same = g[gi, 3] == pred[pj, 3]
    rank = np.lexsort((~same, ~exact))
    gi, pj, exact, same = gi[rank], pj[rank], exact[rank], same[rank]
    _, first = np.unique(pj, return_index=True)
    gi, pj, exact, same = gi[first], pj[first], exact[first], same[first]
    _, first = np.unique(gi, return_index=True)
    gi, pj, exact, same = gi[first], pj[first], exact[first], same[first]
    gt, pt = g[:, 3], pred[:, 3]
    n_gold, n_pred = np.bincount(gt, minlength=n_types), np.bincount(pt, minlength=n_types)

    def fill(row, k, cor_strict, cor_exact, cor_type, n, m):
        for s, cor in enumerate((cor_strict, cor_exact, cor_exact, cor_type)):
            other = k - cor
            out[row, s] = (cor, 0 if s == 2 else other, other if s == 2 else 0, n - k, m - k)

    fill(0, len(gi), int((exact & same).sum()), int(exact.sum()), int(same.sum()), len(g), len(pred))
    t = gt[gi[same]]
    k_t = np.bincount(t, minlength=n_types)
    exact_t = np.bincount(gt[gi[same & exact]], minlength=n_types)
    # per type only same-type pairs count; a mention whose only partner has another type is MIS/SPU
    out[1:, :, 0] = np.stack([exact_t, exact_t, exact_t, k_t], axis=1)
    out[1:, :, 1] = np.stack([k_t - exact_t, k_t - exact_t, 0 * k_t, 0 * k_t], axis=1)
    out[1:, :, 2] = np.stack([0 * k_t, 0 * k_t, k_t - exact_t, 0 * k_t], axis=1)
    out[1:, :, 3] = (n_gold - k_t)[:, None]
    out[1:, :, 4] = (n_pred - k_t)[:, None]
    return out


def evalkit_counts(result, types: Sequence[str]):
    """The same array from an evalkit result's COR/INC/PAR/MIS/SPU (summed over documents)."""
    import numpy as np

    out = np.zeros((1 + len(types), 4, 5), dtype=np.int64)
    schemas = ("strict", "exact", "partial", "type")
    for d in result.documents:
        raw = d.parts["mentions"].raw
        for row, suffix in enumerate(("", *(f"/{t}" for t in types))):
            for s, schema in enumerate(schemas):
                r = raw.get(f"mentions.{schema}{suffix}")
                if r is not None:
                    out[row, s] += [int(r[c]) for c in ("COR", "INC", "PAR", "MIS", "SPU")]
    return out


def nervaluate_counts(report, types: Sequence[str]):
    """The same array from nervaluate's ``evaluate()`` result."""
    import numpy as np

    out = np.zeros((1 + len(types), 4, 5), dtype=np.int64)
    for row, res in enumerate((report["overall"], *(report["entities"][t] for t in types))):
        for s, name in enumerate(NERV_SCHEMAS):
            r = res[name]
            out[row, s] = (r.correct, r.incorrect, r.partial, r.missed, r.spurious)
    return out


# -- sections -----------------------------------------------------------------------------


def mention_section(kind: str, n: int, rounds: int) -> None:
    from nervaluate import Evaluator

    import evalkit
    from evalkit.scoring import ScoringConfig

    golds, preds = corpus(n, kind=kind)
    types = sorted({e.type for g in golds for e in g.gold.entities} | {e.type for p in preds.values() for e in p.entities})
    true, pred = nervaluate_spans(golds, preds)
    gold_arr, pred_arr = span_arrays(golds, preds, types)
    config = ScoringConfig()
    mentions = sum(len(x) for x in true)
    print(f"\n1. mention scoring, {kind} corpus: {n} documents, {mentions} gold mentions, {sum(len(x) for x in pred)} predicted")

    # warm-up: imports and caches outside the timings
    evalkit.score(golds[:2], {g.document.id: preds[g.document.id] for g in golds[:2]}, config, parts=("mentions",))
    Evaluator(true[:2], pred[:2], tags=types, loader="dict").evaluate()
    numpy_counts(gold_arr[:10], pred_arr[:10], len(types))

    times: dict[str, list[float]] = {"evalkit": [], "nervaluate": [], "numpy": []}
    for _ in range(rounds):
        times["nervaluate"].append(seconds(lambda: Evaluator(true, pred, tags=types, loader="dict").evaluate()))
        times["evalkit"].append(seconds(lambda: evalkit.score(golds, preds, config, parts=("mentions",))))
        times["numpy"].append(seconds(lambda: numpy_counts(gold_arr, pred_arr, len(types))))
    best = {k: min(v) for k, v in times.items()}
    ours, theirs, floor = best["evalkit"], best["nervaluate"], best["numpy"]
    print(f"   evalkit.score(parts=mentions) {ours:7.3f} s   ({1e3 * ours / n:.2f} ms/document, intervals included)")
    print(f"   nervaluate evaluate()         {theirs:7.3f} s")
    print(f"   numpy counter                 {floor:7.3f} s")
    print(f"   evalkit / nervaluate {ours / theirs:6.2f}x   (goal <= 0.5x)   numpy / nervaluate {floor / theirs:6.3f}x   evalkit / numpy {ours / floor:6.1f}x")
    print(f"   (min of {rounds} paired rounds; per-round evalkit/nervaluate: {', '.join(f'{a / b:.2f}' for a, b in zip(times['evalkit'], times['nervaluate']))})")

    result = evalkit.score(golds, preds, config, parts=("mentions",))
    report = Evaluator(true, pred, tags=types, loader="dict").evaluate()
    ek, nv, npc = evalkit_counts(result, types), nervaluate_counts(report, types), numpy_counts(gold_arr, pred_arr, len(types))
    print(f"   counts (COR/INC/PAR/MIS/SPU, 4 schemas, overall and {len(types)} types): "
          f"evalkit = nervaluate: {_same(ek, nv)}, numpy counter = evalkit: {_same(npc, ek)}")
    if kind != "clean":
        print("   (they differ where a mention has several overlapping partners: nervaluate pairs greedily in list order,")
        print("    the numpy counter keeps one pair per mention greedily, evalkit aligns optimally — docs/scoring.md)")

    full = [seconds(lambda: evalkit.score(golds, preds, config)) for _ in range(min(rounds, 3))]
    print(f"\n2. evalkit.score, every part, {kind} corpus: {min(full):7.3f} s = {min(full) / theirs:5.2f}x nervaluate   (goal <= 1.5x; min of {len(full)})")


def _same(a, b) -> str:
    import numpy as np

    if np.array_equal(a, b):
        return "yes"
    return f"no ({int((a != b).any(axis=2).sum())} of {a.shape[0] * a.shape[1]} rows differ)"


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux ``VmHWM``; elsewhere
    ``ru_maxrss``, which a child started by a large parent may inherit)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_child(n: int, report_size: bool, parts: Sequence[str] | None = None, held: bool = False) -> dict:
    """Score ``n`` clean documents (every part, or ``parts``) in this process; figures as a dict.

    The documents are streamed (:func:`stream`: made while they are scored, none kept by the
    caller) unless ``held``, when the whole corpus is built first, as a list and a dict. The
    peak is this process's whole peak: interpreter, libraries, documents, scoring and result."""
    import evalkit

    warm_golds, warm_preds = corpus(2, seed=2)
    evalkit.score(warm_golds, warm_preds, parts=parts)  # imports
    del warm_golds, warm_preds
    maker = StreamedPredictions(n, 2, "clean")
    t = time.process_time()
    for k in range(n):  # the cost of making the documents, counted apart (none is kept)
        maker.make(k)
    make_cpu = time.process_time() - t
    if held:
        golds, preds = corpus(n, seed=2)
        before = peak_mb()
        t = time.process_time()
        result = evalkit.score(golds, preds, parts=parts)
        cpu = time.process_time() - t
    else:
        before = peak_mb()
        golds_it, preds_map = stream(n)
        t = time.process_time()
        result = evalkit.score(golds_it, preds_map, parts=parts)
        cpu = time.process_time() - t - make_cpu
    out = {"documents": n, "cpu": cpu, "corpus_mb": before, "peak_mb": peak_mb()}
    if report_size:
        t = time.process_time()
        text = json.dumps(result.to_dict(), sort_keys=True)
        out["json_mb"] = len(text.encode()) / 2**20
        out["json_cpu"] = time.process_time() - t
        out["json_peak_mb"] = peak_mb()
    return out


def memory_section(sizes: Sequence[int]) -> None:
    print("\n3. evalkit.score on the clean corpus, each run in a fresh process: CPU time and the process's peak resident memory")
    print("   streamed: documents made while they are scored (a generator and a mapping read per document), none held by the caller;")
    print("   held: the whole corpus built first as a list and a dict. 'before' is the peak before scoring (streamed: the interpreter")
    print("   and every library scoring imports; held: also the corpus). CPU excludes making the documents.")
    print(f"   {'parts':>8} {'input':>8} {'documents':>9} {'CPU s':>8} {'before MB':>10} {'peak MB':>8}")
    runs = [("every", False), ("mentions", False), ("every", True)]
    for parts, held in runs:
        for i, n in enumerate(sizes):
            extra = (["--json"] if i == 0 and parts == "every" and not held else []) + (["--mentions"] if parts == "mentions" else [])
            extra += ["--held"] if held else []
            proc = subprocess.run([sys.executable, __file__, "--child", str(n), *extra], capture_output=True, text=True, check=False)
            kind = "held" if held else "streamed"
            if proc.returncode != 0:
                print(f"   {parts:>8} {kind:>8} {n:>9} failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}")
                continue
            r = json.loads(proc.stdout)
            per_doc = 1e3 * r["cpu"] / n
            print(f"   {parts:>8} {kind:>8} {n:>9} {r['cpu']:8.2f} {r['corpus_mb']:10.0f} {r['peak_mb']:8.0f}"
                  f"   {per_doc:.2f} ms/document" + ("   (goal: peak <= 2048 MB)" if n >= 50_000 else ""))
            if "json_mb" in r:
                print(f"   {'':>8} {'':>8} {'':>9} the result as JSON (Result.to_dict(), what --result-json writes) of {n} documents: {r['json_mb']:.1f} MB, {r['json_cpu']:.2f} s to build and encode, peak {r['json_peak_mb']:.0f} MB")


def compare_section(n: int) -> None:
    import numpy as np

    from evalkit.scoring import ScoringConfig, compare, score
    from evalkit.stats import paired_test

    config = ScoringConfig()
    golds, preds = corpus(n)
    result_a = score(golds, preds, config)
    preds_b = {k: StructuredSummary(entities=v.entities[: len(v.entities) * 9 // 10], numbers=v.numbers) for k, v in preds.items()}
    result_b = score(golds, preds_b, config)
    t_compare = min(seconds(lambda: compare(result_a, result_b, "bootstrap")) for _ in range(3))
    a = np.array([d.metric("mentions.strict").as_stats() for d in result_a.documents])
    b = np.array([d.metric("mentions.strict").as_stats() for d in result_b.documents])
    t_one = min(seconds(lambda: paired_test(a, b, "prf", "bootstrap", n=1000)) for _ in range(3))
    c = compare(result_a, result_b, "bootstrap")
    print(f"\n4. paired bootstrap, 1000 resamples over {n} documents")
    print(f"   compare(), all {len(c.metrics)} metrics  {t_compare:8.3f} s   (goal <= 1 s)")
    print(f"   stats.paired_test, one metric  {t_one:8.3f} s")


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(x) for x in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated document counts, got {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"document counts must be positive, got {text!r}")
    return sizes


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--docs", type=_positive, default=1000, help="documents in sections 1, 2 and 4")
    ap.add_argument("--rounds", type=_positive, default=5, help="paired rounds in section 1")
    ap.add_argument("--sizes", type=_sizes, default=[1000, 10_000, 50_000], help="corpus sizes of section 3")
    ap.add_argument("--child", type=_positive, help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--mentions", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--held", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(memory_child(args.child, args.json, ("mentions",) if args.mentions else None, args.held)))
        return 0
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    for kind in ("clean", "realistic"):
        mention_section(kind, args.docs, args.rounds)
    memory_section(args.sizes)
    compare_section(args.docs)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
