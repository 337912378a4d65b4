"""The shipped gold validates: the seed article and the Wikinews corpus, and README shows its counts."""

from __future__ import annotations

from pathlib import Path

from evalkit.gold import load_gold
from evalkit.gold.validate import GoldStats

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"
#: The twelve Wikinews articles of gold/ (SOURCES.md in the shared corpus folder lists them).
WIKINEWS = (
    "wn2004-americans-relief",
    "wn2004-band-aid-video",
    "wn2004-china-brazil-lunch",
    "wn2004-chinese-submarine",
    "wn2004-kmart-sears",
    "wn2004-mozambique-election",
    "wn2004-mst-rondonia",
    "wn2004-nba-brawl",
    "wn2004-spam-top-country",
    "wn2004-tsunami-toll",
    "wn2004-yushchenko-victory",
    "wn2005-pinochet-arrest",
)


def test_shipped_gold_validates_and_readme_tables_are_current() -> None:
    docs = load_gold(ROOT / "gold")
    assert [d.document.id for d in docs] == ["ukraine-peace-plan-ternopil", *WIKINEWS]
    stats = GoldStats.of(docs)
    for doc in docs:
        assert doc.gold.entities and len(doc.gold.summaries) >= 3, doc.document.id
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert stats.document_table() in readme, "README's per-document table is stale: paste `evalkit gold stats` output"
    assert stats.table() in readme, "README's gold table is stale: paste `evalkit gold stats` output"


def test_seed_text_is_the_one_the_gold_pins() -> None:
    seed = load_gold(ROOT / "gold" / "ukraine-peace-plan-ternopil.yaml")[0]
    assert seed.document.text == (ROOT / "seeds" / "ukraine-peace-plan-ternopil.txt").read_text(encoding="utf-8")
    assert seed.document.sha256 == "b08ff33fcf203b5f20c06d124aa64a6d03b1267fdbbd9757e6c05f83b2a746ab"


def test_corpus_texts_are_the_published_wikinews_texts_with_their_credit() -> None:
    """Each seed is byte for byte the corpus file, and its gold credits the source as SOURCES.md asks."""
    for stem in WIKINEWS:
        (doc,) = load_gold(ROOT / "gold" / f"{stem}.yaml")
        seed = (ROOT / "seeds" / f"{stem}.txt").read_bytes()
        if CORPUS.is_dir():
            assert seed == (CORPUS / f"{stem}.txt").read_bytes(), stem
        assert doc.document.text == seed.decode("utf-8")
        meta = doc.document.metadata
        assert meta["source"] == "Wikinews" and meta["credit"] == "Wikinews contributors", stem
        assert str(meta["url"]).startswith("https://en.wikinews.org/wiki/"), stem
        assert "public domain" in str(meta["licence"]).lower(), stem


def test_second_annotations_cover_at_least_four_corpus_articles() -> None:
    """gold/second/ holds the independent annotations behind gold/AGREEMENT.md."""
    second = load_gold(ROOT / "gold" / "second")
    ids = [d.document.id for d in second]
    assert len(ids) >= 4 and set(ids) <= set(WIKINEWS)
    first = {d.document.id: d.document.sha256 for d in load_gold(ROOT / "gold")}
    assert all(d.document.sha256 == first[d.document.id] for d in second)


def test_invented_articles_validate_and_stay_out_of_the_corpus() -> None:
    """benchmarks/invented/ (and benchmarks/unseen/, the set not yet used for tuning) are
    measuring sets of invented articles: their gold loads and validates on its own, is marked
    invented, and none of their articles is in gold/ (so neither the CI gate nor the baseline
    ever scores them)."""
    corpus = {d.document.id for d in load_gold(ROOT / "gold")}
    folders = [f for f in (ROOT / "benchmarks" / "invented", ROOT / "benchmarks" / "unseen") if f.is_dir()]
    assert folders
    for folder in folders:
        docs = load_gold(folder)
        ids = {d.document.id for d in docs}
        assert len(ids) >= 4, folder
        assert all("invented" in str(d.document.metadata.get("source", "")) for d in docs), folder
        assert not ids & corpus, folder


def test_invented_second_annotations_are_of_the_same_texts() -> None:
    """benchmarks/invented/second/ holds the independent annotations behind the carry-over
    section of gold/AGREEMENT.md: same documents, same texts byte for byte."""
    first = {d.document.id: d.document.sha256 for d in load_gold(ROOT / "benchmarks" / "invented")}
    second = load_gold(ROOT / "benchmarks" / "invented" / "second")
    assert len(second) >= 2
    assert all(d.document.sha256 == first[d.document.id] for d in second)
