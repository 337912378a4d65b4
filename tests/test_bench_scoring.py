"""benchmarks/bench_scoring.py: its corpora, its numpy counter and its bad-input exits."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
from nervaluate import Evaluator

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("bench_scoring", ROOT / "benchmarks" / "bench_scoring.py")
bench = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
sys.modules["bench_scoring"] = bench
spec.loader.exec_module(bench)  # type: ignore[union-attr]


def _types(golds, preds):
    return sorted({e.type for g in golds for e in g.gold.entities} | {e.type for p in preds.values() for e in p.entities})


def test_the_numpy_counter_equals_nervaluate_on_the_clean_corpus():
    golds, preds = bench.corpus(30, kind="clean")
    types = _types(golds, preds)
    true, pred = bench.nervaluate_spans(golds, preds)
    reference = bench.nervaluate_counts(Evaluator(true, pred, tags=types, loader="dict").evaluate(), types)
    gold_arr, pred_arr = bench.span_arrays(golds, preds, types)
    assert np.array_equal(bench.numpy_counts(gold_arr, pred_arr, len(types)), reference)
    assert reference[0, 0].sum() > 0  # something was counted


def test_the_realistic_corpus_nests_overlaps_repeats_and_grounds_every_span():
    golds, preds = bench.corpus(20, kind="realistic")
    nested = overlapping = repeated = 0
    for g in golds:
        spans = [(m.start, m.end) for e in g.gold.entities for m in e.mentions]
        for e in g.gold.entities:
            for m in e.mentions:
                assert g.document.text[m.start : m.end] == m.text
        nested += sum(1 for a in spans for b in spans if a != b and a[0] <= b[0] and b[1] <= a[1])
        p = [(m.start, m.end, e.type) for e in preds[g.document.id].entities for m in e.mentions]
        repeated += len(p) - len(set(p))
        overlapping += sum(1 for s, e, _ in p if sum(1 for a, b in spans if a < e and s < b) > 1)
    assert nested > 0 and overlapping > 0 and repeated > 0
    assert len(_types(golds, preds)) == 8


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--docs", "0"], "expected a positive integer"), (["--sizes", "10,x"], "comma-separated document counts")],
)
def test_bad_arguments_exit_2_with_one_line(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        bench.main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_the_streamed_corpus_is_one_corpus_whichever_way_it_is_read():
    import evalkit

    golds, preds = bench.stream(12)
    held_golds = list(bench.stream(12)[0])
    assert [g.document.id for g in held_golds] == [f"doc{k:05d}" for k in range(12)]
    assert len(preds) == 12 and list(preds) == [g.document.id for g in held_golds]
    remade = bench.StreamedPredictions(12, 2, "clean")
    held_preds = {doc_id: remade[doc_id] for doc_id in remade}  # made again from each document's seed
    streamed = evalkit.score(golds, preds, parts=("mentions", "numbers"))
    assert not preds.pending  # every prediction the stream made was read once
    assert streamed == evalkit.score(held_golds, held_preds, parts=("mentions", "numbers"))
    with pytest.raises(KeyError):
        preds["doc00012"]
