"""Corpus round trip: gold -> Dataset -> Parquet/JSONL -> Dataset -> gold is lossless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from evalkit.corpus import from_dataset, load_exported, to_dataset
from evalkit.gold import load_gold
from evalkit.model import Attribution, Document, GoldDocument, NumberFact, Span, StructuredSummary

HERE = Path(__file__).parent


def _docs() -> list[GoldDocument]:
    docs = load_gold(HERE / "gold_ok")
    text = "Prices rose 3.5% to US$4.3bn on 7-9 December, officials said."
    extra = GoldDocument(
        Document("extra", text, metadata={"nested": {"a": [1, 2]}, "lang": "en"}),
        StructuredSummary(
            numbers=(
                NumberFact("p", Span(12, 16, "3.5%"), 3.5, "percent", "percent"),
                NumberFact("m", Span(20, 28, "US$4.3bn"), 4_300_000_000, "money", "USD"),
                NumberFact("d", Span(32, 44, "7-9 December"), "XXXX-12-07", "date", value_max="XXXX-12-09"),
            ),
            attributions=(Attribution("a", "indirect", Span(0, 44, text[:44]), None, (), Span(56, 60, "said")),),
        ),
        "synthetic",
    )
    return [*docs, extra]


def test_dataset_uses_typed_nested_columns() -> None:
    ds = to_dataset(_docs())
    assert len(ds) == 2
    feats = ds.features
    assert feats["entities"].feature["mentions"].feature["start"].dtype == "int64"
    assert feats["numbers"].feature["value"]["float"].dtype == "float64"
    row = ds[0]
    assert isinstance(row["entities"], list) and isinstance(row["entities"][0], dict)
    assert row["entities"][0]["mentions"][0] == {"start": 0, "end": 7, "text": "Ann Lee"}


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_round_trip_through_files_is_lossless(tmp_path: Path, fmt: str) -> None:
    docs = _docs()
    assert from_dataset(to_dataset(docs)) == docs
    out = tmp_path / f"corpus.{fmt}"
    from evalkit.corpus import export

    assert export(docs, str(out), fmt) == 2
    back = load_exported(str(out), fmt)
    assert back == docs
    # Value types survive, not only value equality (25 stays int, 3.5 float, dates strings).
    assert [type(n.value) for n in back[1].gold.numbers] == [float, int, str]
    assert back[1].document.metadata == {"nested": {"a": [1, 2]}, "lang": "en"}


def test_parquet_columns_are_arrow_structs_not_strings(tmp_path: Path) -> None:
    from evalkit.corpus import export

    out = tmp_path / "c.parquet"
    export(_docs(), str(out), "parquet")
    schema = pq.read_schema(out)
    assert str(schema.field("entities").type).startswith("list<element: struct<")
    assert str(schema.field("numbers").type).startswith("list<element: struct<")


def test_cli_export(tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    r = subprocess.run(
        [sys.executable, "-m", "evalkit", "export", "--gold", str(HERE / "gold_ok"), "--format", "jsonl", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"wrote 1 document to {out} (jsonl)"
    assert load_exported(str(out), "jsonl") == load_gold(HERE / "gold_ok")
