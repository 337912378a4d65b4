"""Round trips gold → tool → gold are lossless for what each tool holds (Hypothesis properties
over generated gold: texts, spans, entities, numbers, attributions, summaries, metadata), and
everything a tool cannot hold is listed, never dropped silently.

Label Studio holds all of gold; brat all but summaries and metadata; doccano spans, their
labels and links (so entity names, aliases, ids and number values do not survive: names come
back as the first mention, values are read from the span text).
"""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from synthetic_news import make_document

from evalkit.gold import load_gold_file
from evalkit.gold.writer import dump_gold
from evalkit.interop import export_documents, import_files
from evalkit.model import (
    ATTRIBUTION_KINDS,
    ENTITY_TYPES,
    QUALIFIERS,
    Attribution,
    Document,
    Entity,
    GoldDocument,
    NumberFact,
    Span,
    StructuredSummary,
)

# Words mix scripts, an astral character (UTF-16 offsets differ from code points after it),
# quotes and digits; separators include line breaks, so spans cross lines.
WORD = st.text(alphabet=string.ascii_letters + string.digits + "ÄéŁżЖшΩ€“”'’-.,😀", min_size=1, max_size=8)
SEP = st.sampled_from([" ", " ", " ", "\n", ", ", " — "])
#: Free text for names, units and summaries: no line breaks (gold names are one line).
LINE = st.text(alphabet=string.ascii_letters + string.digits + " ÄéЖ€“”'=:|[]{}\"#\t-", min_size=1, max_size=20).filter(lambda s: s.strip())
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)


def _values(kind: str) -> st.SearchStrategy:
    if kind == "ordinal":
        return st.integers(1, 100)
    if kind == "date":
        return st.one_of(st.sampled_from(["XXXX-05-03", "2004-12-26", "XXXX-WXX-1", "1901", "2005-01"]), st.integers(1000, 2100))
    if kind == "time":
        return st.sampled_from(["T10:30", "T05", "TNI"])
    if kind == "identifier":
        return st.one_of(LINE, st.sampled_from(["007", "3.5", "1e3"]))
    return st.one_of(st.integers(0, 10**12), st.floats(0, 1e9, allow_nan=False, allow_infinity=False))


@st.composite
def gold_documents(draw: st.DrawFn) -> GoldDocument:
    words = draw(st.lists(WORD, min_size=3, max_size=40))
    seps = [draw(SEP) for _ in words[1:]]
    parts, bounds, pos = [], [], 0
    for i, w in enumerate(words):
        if i:
            parts.append(seps[i - 1])
            pos += len(seps[i - 1])
        bounds.append((pos, pos + len(w)))
        parts.append(w)
        pos += len(w)
    text = "".join(parts)

    def span() -> Span:
        i = draw(st.integers(0, len(words) - 1))
        j = draw(st.integers(i, min(len(words) - 1, i + 3)))
        s, e = bounds[i][0], bounds[j][1]
        return Span(s, e, text[s:e])

    used_ids: set[str] = set()

    def new_id() -> str:
        return draw(IDS.filter(lambda x: x not in used_ids).map(lambda x: used_ids.add(x) or x))

    entities = []
    for _ in range(draw(st.integers(0, 5))):
        mentions = list(dict.fromkeys(span() for _ in range(draw(st.integers(1, 3)))))
        entities.append(
            Entity(new_id(), draw(st.sampled_from(ENTITY_TYPES)), draw(LINE), tuple(draw(st.lists(LINE, max_size=2))), tuple(mentions))
        )
    numbers = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["count", "ordinal", "percent", "money", "date", "time", "identifier", "fraction"]))
        value = draw(_values(kind))
        value_max = None
        if kind in ("count", "percent") and draw(st.booleans()):
            value_max = value + draw(st.integers(0, 50))
        unit = "USD" if kind == "money" else draw(st.one_of(st.none(), LINE)) if kind == "count" else None
        numbers.append(
            NumberFact(new_id(), span(), value, kind, unit, draw(st.one_of(st.none(), st.sampled_from(QUALIFIERS))), draw(st.one_of(st.none(), LINE)), value_max)
        )
    attributions = []
    for _ in range(draw(st.integers(0, 3))):
        sources = tuple(dict.fromkeys(draw(st.lists(st.sampled_from([e.id for e in entities]), max_size=2)))) if entities else ()
        source = span() if sources or draw(st.booleans()) else None
        attributions.append(
            Attribution(new_id(), draw(st.sampled_from(ATTRIBUTION_KINDS)), span(), source, sources, draw(st.one_of(st.none(), st.just(None).map(lambda _: span()))))
        )
    summaries = tuple(draw(st.lists(LINE, max_size=2)))
    metadata = draw(st.dictionaries(st.sampled_from(["title", "lang", "n"]), st.one_of(LINE, st.integers(0, 9)), max_size=2))
    doc = Document(draw(IDS), text, metadata=metadata)
    return GoldDocument(doc, StructuredSummary(tuple(entities), tuple(numbers), tuple(attributions), summaries), "generated")


SYNTHETIC = st.builds(make_document, st.sampled_from(["doc-a", "doc-b"]), st.integers(0, 10_000), st.integers(1, 8))
GOLD = st.one_of(gold_documents(), SYNTHETIC)


def _round_trip(tool: str, doc: GoldDocument, folder: Path) -> tuple[GoldDocument, list]:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / {"labelstudio": "export.json", "brat": "brat", "doccano": "export.jsonl"}[tool]
    lost_out = export_documents(tool, [doc], out)
    result = import_files(tool, [out])
    (back,) = result.documents
    return back, lost_out + result.losses


def _same_text(a: GoldDocument, b: GoldDocument) -> None:
    assert b.document.text == a.document.text
    assert b.document.sha256 == a.document.sha256
    assert b.document.id == a.document.id


@given(GOLD)
def test_gold_writer_round_trip(tmp_path_factory, doc: GoldDocument) -> None:
    folder = tmp_path_factory.mktemp("w")
    (folder / "doc.txt").write_bytes(doc.document.text.encode("utf-8"))
    (folder / "doc.yaml").write_text(dump_gold(doc, "doc.txt"), encoding="utf-8")
    back = load_gold_file(folder / "doc.yaml", root=folder)
    assert back.document == doc.document and back.gold == doc.gold


@given(GOLD)
def test_label_studio_round_trip_is_exact(tmp_path_factory, doc: GoldDocument) -> None:
    back, lost = _round_trip("labelstudio", doc, tmp_path_factory.mktemp("ls"))
    _same_text(doc, back)
    assert back.gold == doc.gold
    assert back.document.metadata == doc.document.metadata
    assert lost == []


@given(GOLD)
def test_brat_round_trip_keeps_all_but_summaries_and_metadata(tmp_path_factory, doc: GoldDocument) -> None:
    back, lost = _round_trip("brat", doc, tmp_path_factory.mktemp("brat"))
    _same_text(doc, back)
    g, b = doc.gold, back.gold
    assert (b.entities, b.numbers, b.attributions) == (g.entities, g.numbers, g.attributions)
    assert b.summaries == () and back.document.metadata == {}
    expected = (["summaries"] if g.summaries else []) + (["metadata"] if doc.document.metadata else [])
    assert sorted(loss.kind for loss in lost) == sorted(expected)


def _mention_sets(summary: StructuredSummary) -> dict[str, tuple]:
    return {e.id: (e.type, e.mentions) for e in summary.entities}


@given(GOLD)
def test_doccano_round_trip_keeps_spans_labels_and_links(tmp_path_factory, doc: GoldDocument) -> None:
    back, lost = _round_trip("doccano", doc, tmp_path_factory.mktemp("dc"))
    _same_text(doc, back)
    g, b = doc.gold, back.gold
    kinds = [loss.kind for loss in lost]
    if "coreference" in kinds:
        # same-surface mentions of distinct entities merged: every mention is still there
        assert sorted(m for e in b.entities for m in e.mentions) == sorted(m for e in g.entities for m in e.mentions)
    else:
        assert [(e.type, e.mentions) for e in b.entities] == [(e.type, e.mentions) for e in g.entities]
        gm, bm = _mention_sets(g), _mention_sets(b)
        assert [(a.kind, a.content, a.cue, a.source, tuple(gm[s] for s in a.source_entities)) for a in g.attributions] == [
            (a.kind, a.content, a.cue, a.source, tuple(bm[s] for s in a.source_entities)) for a in b.attributions
        ]
    # a name, alias or value doccano cannot hold is listed, one line each
    assert kinds.count("aliases") == sum(1 for e in g.entities if e.aliases)
    assert kinds.count("entity names") == sum(1 for e in g.entities if e.name != e.mentions[0].text)
    assert kinds.count("number values") == len(g.numbers)
    # every number comes back with its span and kind, or is listed as unreadable
    kept = [(n.span, n.kind) for n in b.numbers]
    assert set(kept) <= {(n.span, n.kind) for n in g.numbers}
    assert len(kept) + kinds.count("numbers without a value") == len(g.numbers)
