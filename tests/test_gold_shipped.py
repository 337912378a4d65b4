"""The shipped gold validates, and README shows its current counts."""

from __future__ import annotations

from pathlib import Path

from evalkit.gold import load_gold
from evalkit.gold.validate import GoldStats

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_gold_validates_and_readme_table_is_current() -> None:
    docs = load_gold(ROOT / "gold")
    assert [d.document.id for d in docs] == ["ukraine-peace-plan-ternopil"]
    stats = GoldStats.of(docs)
    assert stats.entities > 0 and stats.numbers > 0 and stats.attributions > 0 and stats.summaries >= 3
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert stats.document_table() in readme, "README's per-document table is stale: paste `evalkit gold stats` output"
    assert stats.table() in readme, "README's gold table is stale: paste `evalkit gold stats` output"


def test_seed_text_is_the_one_the_gold_pins() -> None:
    (doc,) = load_gold(ROOT / "gold")
    assert doc.document.text == (ROOT / "seeds" / "ukraine-peace-plan-ternopil.txt").read_text(encoding="utf-8")
    assert doc.document.sha256 == "b08ff33fcf203b5f20c06d124aa64a6d03b1267fdbbd9757e6c05f83b2a746ab"
