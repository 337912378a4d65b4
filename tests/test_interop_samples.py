"""Import of one real-format sample file per tool and flavour (tests/interop_samples/, written by
each tool's documented schema; the spaCy file is written here by spaCy's own DocBin), checked
against what a reader sees in the sample, and proven by ``evalkit validate``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evalkit.cli import main
from evalkit.errors import GoldError, InputError
from evalkit.gold import load_gold
from evalkit.interop import import_files, loss_summary
from evalkit.interop.base import parse_label_map
from evalkit.model import Span

SAMPLES = Path(__file__).parent / "interop_samples"
#: The article of the Label Studio, brat and doccano samples.
NEWS = "Kyiv, 3 May — Olena Kovalenko, the mayor of Lviv, said on Monday that 25 schools would reopen. “We are ready,” Kovalenko told Reuters."


def _evalkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "evalkit", *args], capture_output=True, text=True, cwd=cwd)


def _entities(doc) -> list[tuple[str, str, list[str]]]:
    return [(e.type, e.name, [m.text for m in e.mentions]) for e in doc.gold.entities]


def _kovalenko_quote(doc) -> tuple:
    a = doc.gold.attributions[-1]
    return a.kind, a.content, a.cue, a.source, a.source_entities


QUOTE = ("direct", Span(96, 108, "We are ready"), Span(121, 125, "told"), Span(111, 120, "Kovalenko"), ("olena-kovalenko",))


@pytest.mark.parametrize(
    "tool,files,documents",
    [
        ("labelstudio", ["labelstudio-news.json"], 2),
        ("brat", ["brat-news.ann"], 1),
        ("doccano", ["doccano-ner.jsonl", "doccano-relations.jsonl"], 3),
        ("conll", ["conll2003-news.conll"], 2),
    ],
)
def test_cli_import_of_each_sample_passes_validate(tmp_path: Path, tool: str, files: list[str], documents: int) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    r = _evalkit("gold", "import", "--from", tool, *(str(SAMPLES / f) for f in files), "-o", "gold", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"imported {documents} document")
    v = _evalkit("validate", "gold", cwd=tmp_path)
    assert v.returncode == 0, v.stderr
    assert v.stdout.startswith(f"ok: {documents} document")
    assert len(list((tmp_path / "seeds").glob("*.txt"))) == documents


def test_label_studio_annotations_relations_and_region_text_areas() -> None:
    result = import_files("labelstudio", [SAMPLES / "labelstudio-news.json"])
    news, preds = result.documents
    assert news.document.id == "labelstudio-news-1" and news.document.text == NEWS
    # the coref relation joins "Kovalenko" to "Olena Kovalenko"; the cancelled annotation is skipped
    assert _entities(news) == [
        ("GPE", "Kyiv", ["Kyiv"]),
        ("PERSON", "Olena Kovalenko", ["Olena Kovalenko", "Kovalenko"]),
        ("GPE", "Lviv", ["Lviv"]),
        ("ORG", "Reuters", ["Reuters"]),
    ]
    n = {x.span.text: x for x in news.gold.numbers}
    assert (n["25"].value, n["25"].kind, n["25"].unit, n["25"].quantifies) == (25, "count", "school", "schools that would reopen")
    # DATE regions hold no value: read from the text ("3 May" → XXXX-05-03, "Monday" → weekday 1)
    assert (n["3 May"].value, n["3 May"].kind) == ("XXXX-05-03", "date")
    assert (n["Monday"].value, n["Monday"].kind) == ("XXXX-WXX-1", "date")
    said = news.gold.attributions[0]
    assert (said.kind, said.content.text, said.cue, said.source, said.source_entities) == (
        "indirect", "that 25 schools would reopen", Span(50, 54, "said"), None, ("olena-kovalenko",))
    assert _kovalenko_quote(news) == QUOTE
    assert news.gold.summaries == ("The mayor of Lviv said 25 schools would reopen.",)
    # the second task has predictions only; its MISC region is listed, not dropped silently
    assert _entities(preds) == [("ORG", "Reuters", ["Reuters"])]
    assert [str(loss) for loss in result.losses if not loss.notice] == [
        f"{SAMPLES / 'labelstudio-news.json'} task 2: 'Euro' [17:21]: label 'MISC' has no evalkit meaning (map it with --map MISC=TYPE)"
    ]
    assert loss_summary(result.losses) == "not carried: 1 × label MISC; to check: 1 × number values read from the text"


def test_brat_text_bound_equiv_events_attributes_and_notes() -> None:
    result = import_files("brat", [SAMPLES / "brat-news.ann"])
    (doc,) = result.documents
    assert doc.document.id == "brat-news" and doc.document.text == NEWS + "\n"
    assert _entities(doc)[1] == ("PERSON", "Olena Kovalenko", ["Olena Kovalenko", "Kovalenko"])  # *	Equiv T3 T9
    assert [(x.span.text, x.value, x.unit, x.quantifies) for x in doc.gold.numbers] == [
        ("3 May", "XXXX-05-03", None, None),  # DATE → number:date, value read from the text
        ("25", 25, "school", "schools that would reopen"),  # A1/A2 attributes and the #1 note
    ]
    said = doc.gold.attributions[0]  # E1 Attribution:T5 Content:T6 Entity:T3
    assert (said.cue, said.content.text, said.source_entities) == (Span(50, 54, "said"), "that 25 schools would reopen", ("olena-kovalenko",))
    assert _kovalenko_quote(doc) == QUOTE  # E2: Source:T9 points at a mention
    kinds = sorted(loss.kind for loss in result.losses if not loss.notice)
    assert kinds == ["link Located_in", "normalisations"]  # R1 and N1 have no place in gold


def test_doccano_sequence_labeling_groups_by_surface_and_relations_by_links() -> None:
    result = import_files("doccano", [SAMPLES / "doccano-ner.jsonl", SAMPLES / "doccano-relations.jsonl"])
    first, second, rel = result.documents
    # no links in the sequence-labeling file: same surface and type → one entity, else separate
    assert ("PERSON", "Olena Kovalenko", ["Olena Kovalenko"]) in _entities(first)
    assert ("PERSON", "Kovalenko", ["Kovalenko"]) in _entities(first)
    assert _entities(second) == [("PERSON", "Kovalenko", ["Kovalenko", "Kovalenko"]), ("GPE", "Kyiv", ["Kyiv"])]
    assert [(x.span.text, x.value, x.kind) for x in first.gold.numbers] == [("25", 25, "count")]  # CARDINAL
    # the relation-extraction flavour: coref and attribution links
    assert rel.document.id == "doccano-relations-7"
    assert _entities(rel) == [("PERSON", "Olena Kovalenko", ["Olena Kovalenko", "Kovalenko"]), ("ORG", "Reuters", ["Reuters"])]
    assert _kovalenko_quote(rel) == QUOTE


def test_conll_2003_iob1_documents_and_label_map() -> None:
    result = import_files("conll", [SAMPLES / "conll2003-news.conll"])
    one, two = result.documents
    assert one.document.text == (
        "Red Cross workers reached Lviv on Monday .\nOlena Kovalenko thanked the Red Cross and the Polish volunteers ."
    )
    # IOB1: I-ORG opens an entity; PER → PERSON by the default map; two "Red Cross" are one entity
    assert _entities(one) == [
        ("ORG", "Red Cross", ["Red Cross", "Red Cross"]),
        ("LOC", "Lviv", ["Lviv"]),
        ("PERSON", "Olena Kovalenko", ["Olena Kovalenko"]),
    ]
    assert _entities(two) == [("LOC", "Kyiv", ["Kyiv"])]
    assert [loss.kind for loss in result.losses] == ["label MISC"]
    mapped = import_files("conll", [SAMPLES / "conll2003-news.conll"], parse_label_map(["MISC=NORP", "LOC=GPE"]))
    assert ("NORP", "Polish", ["Polish"]) in _entities(mapped.documents[0])
    assert _entities(mapped.documents[1]) == [("GPE", "Kyiv", ["Kyiv"])]
    assert mapped.losses == []


def test_conll_iob2_and_bioes_read_the_same(tmp_path: Path) -> None:
    iob2 = "Lviv\tB-LOC\nWarsaw\tB-LOC\nand\tO\nRed\tB-ORG\nCross\tI-ORG\n"
    bioes = "Lviv\tS-LOC\nWarsaw\tS-LOC\nand\tO\nRed\tB-ORG\nCross\tE-ORG\n"
    iob1 = "Lviv\tI-LOC\nWarsaw\tB-LOC\nand\tO\nRed\tI-ORG\nCross\tI-ORG\n"
    expected = [("LOC", "Lviv", ["Lviv"]), ("LOC", "Warsaw", ["Warsaw"]), ("ORG", "Red Cross", ["Red Cross"])]
    for name, content in (("iob2", iob2), ("bioes", bioes), ("iob1", iob1)):
        f = tmp_path / f"{name}.conll"
        f.write_text(content)
        (doc,) = import_files("conll", [f]).documents
        assert doc.document.text == "Lviv Warsaw and Red Cross"
        assert _entities(doc) == expected, name


def test_spacy_docbin_written_by_spacy_imports_with_coref_clusters(tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    doc = nlp("Olena Kovalenko met Kovalenko's deputy in Kyiv on Monday.")
    full, short, kyiv, monday = (doc.char_span(*se) for se in ((0, 15), (20, 29), (42, 46), (50, 56)))
    doc.ents = [
        spacy.tokens.Span(doc, full.start, full.end, "PERSON"),
        spacy.tokens.Span(doc, short.start, short.end, "PERSON"),
        spacy.tokens.Span(doc, kyiv.start, kyiv.end, "GPE"),
        spacy.tokens.Span(doc, monday.start, monday.end, "DATE"),
    ]
    doc.spans["coref_clusters_1"] = [full, short]
    doc.user_data["doc_id"] = "kovalenko-visit"
    plain = nlp("Amara Okafor spoke in Odesa.")
    plain.ents = [plain.char_span(0, 12, "PERSON"), plain.char_span(22, 27, "GPE")]
    path = tmp_path / "news.spacy"
    DocBin(store_user_data=True, docs=[doc, plain]).to_disk(path)

    (tmp_path / "pyproject.toml").write_text("")
    r = _evalkit("gold", "import", "--from", "spacy", str(path), "-o", "gold", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert _evalkit("validate", "gold", cwd=tmp_path).returncode == 0

    first, second = import_files("spacy", [path]).documents
    assert first.document.id == "kovalenko-visit"
    assert _entities(first) == [("PERSON", "Olena Kovalenko", ["Olena Kovalenko", "Kovalenko"]), ("GPE", "Kyiv", ["Kyiv"])]
    assert [(n.span.text, n.value, n.kind) for n in first.gold.numbers] == [("Monday", "XXXX-WXX-1", "date")]
    assert second.document.id == "news-2"
    assert _entities(second) == [("PERSON", "Amara Okafor", ["Amara Okafor"]), ("GPE", "Odesa", ["Odesa"])]


# -- bad input: one located line each, exit 2 ---------------------------------------------------


def test_bad_tool_files_are_located(tmp_path: Path) -> None:
    bad_ls = tmp_path / "ls.json"
    bad_ls.write_text('[{"id": 1, "data": {"text": "Kyiv"}, "annotations": [{"result": [{"id": "x", "type": "labels", "value": {"start": 0, "end": 3, "text": "Kyiv", "labels": ["GPE"]}}]}]}]')
    with pytest.raises(GoldError) as exc:
        import_files("labelstudio", [bad_ls])
    assert [str(p) for p in exc.value.problems] == [f"{bad_ls} task 1 result 1: 'Kyiv' [0:3] does not match the text ('Kyi')"]

    (tmp_path / "b.txt").write_text("Kyiv and Lviv\n")
    (tmp_path / "b.ann").write_text("T1\tGPE 0 4\tKyiv\nT2\tGPE 9 13\tLvov\n")
    with pytest.raises(GoldError) as exc:
        import_files("brat", [tmp_path / "b.ann"])
    assert [str(p) for p in exc.value.problems] == [f"{tmp_path / 'b.ann'}:2: 'Lvov' [9:13] does not match the text ('Lviv')"]

    dc = tmp_path / "d.jsonl"
    dc.write_text('{"text": "Kyiv", "label": [[0, 4, "GPE"]]}\n{"text": "Lviv", "label": [[0, 9, "GPE"]]}\n')
    with pytest.raises(GoldError) as exc:
        import_files("doccano", [dc])
    assert [str(p) for p in exc.value.problems] == [f"{dc}:2 label[0]: offsets [0:9] do not lie inside the text (4 characters)"]

    conll = tmp_path / "c.conll"
    conll.write_text("Kyiv B-LOC\nLviv X-LOC\n")
    with pytest.raises(GoldError) as exc:
        import_files("conll", [conll])
    assert [str(p) for p in exc.value.problems] == [f"{conll}:2: tag 'X-LOC' is not O, B-TYPE, I-TYPE, E-TYPE or S-TYPE"]

    not_docbin = tmp_path / "x.spacy"
    not_docbin.write_bytes(b"\x00\x01not a docbin")
    with pytest.raises(GoldError) as exc:
        import_files("spacy", [not_docbin])
    assert str(exc.value.problems[0]).startswith(f"{not_docbin}: not a spaCy DocBin file")

    with pytest.raises(InputError) as exc:
        parse_label_map(["MISC"])
    assert str(exc.value) == "--map 'MISC': expected FROM=TO (e.g. PER=PERSON)"


def test_cli_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "ls.json").write_text("[{\"data\": ")
    r = _evalkit("gold", "import", "--from", "labelstudio", "ls.json", "-o", "gold", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (2, "ls.json:1: not JSON: Expecting value\n")
    r = _evalkit("gold", "import", "--from", "conll", str(SAMPLES / "conll2003-news.conll"), "-o", "gold", "--map", "MISC=FOOD", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr == "evalkit: error: --map 'MISC=FOOD': 'FOOD' is not an entity type, number:<kind>, content:<kind>, cue or source\n"
    # an existing file with other content is never overwritten without --force
    ok = _evalkit("gold", "import", "--from", "conll", str(SAMPLES / "conll2003-news.conll"), "-o", "gold", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    (tmp_path / "seeds" / "conll2003-news-2.txt").write_text("edited\n")
    again = _evalkit("gold", "import", "--from", "conll", str(SAMPLES / "conll2003-news.conll"), "-o", "gold", cwd=tmp_path)
    assert (again.returncode, again.stderr) == (2, "seeds/conll2003-news-2.txt: exists with other content (use --force to replace it)\n")
    forced = _evalkit("gold", "import", "--from", "conll", str(SAMPLES / "conll2003-news.conll"), "-o", "gold", "--force", cwd=tmp_path)
    assert forced.returncode == 0 and (tmp_path / "seeds" / "conll2003-news-2.txt").read_text() == "Kyiv , 12 May"


# -- export from the CLI -------------------------------------------------------------------------


def test_cli_export_lists_what_each_tool_cannot_carry(tmp_path: Path) -> None:
    gold = str(Path(__file__).parent / "gold_ok")
    # tests/gold_ok/mini.yaml: alias "Lee", 2 summaries, metadata {source}, 2 numbers
    ls = _evalkit("gold", "export", "--to", "labelstudio", gold, "-o", "t.json", "--labeling-config", "t.xml", cwd=tmp_path)
    assert (ls.returncode, ls.stderr) == (0, "")
    assert ls.stdout == "exported 1 document to t.json (labelstudio); not carried: nothing\n"
    import xml.etree.ElementTree as ET

    config = ET.parse(tmp_path / "t.xml").getroot()
    labels = {e.get("value") for e in config.iter("Label")}
    assert {"PERSON", "GPE", "number:count", "number:date", "content:mixed", "cue", "source"} <= labels
    assert {e.get("value") for e in config.iter("Relation")} == {"coref", "cue", "source", "source_entity"}

    brat = _evalkit("gold", "export", "--to", "brat", gold, "-o", "brat", cwd=tmp_path)
    assert brat.returncode == 0
    assert brat.stderr.splitlines() == ["not carried: mini: 2 reference summaries", "not carried: mini: metadata (source)"]
    assert brat.stdout == "exported 1 document to brat (brat); not carried: 1 × metadata, 1 × summaries\n"
    assert sorted(p.name for p in (tmp_path / "brat").iterdir()) == ["annotation.conf", "mini.ann", "mini.txt"]

    dc = _evalkit("gold", "export", "--to", "doccano", gold, "-o", "d.jsonl", cwd=tmp_path)
    assert dc.returncode == 0
    assert "not carried: mini: entity 'ann-lee': aliases Lee" in dc.stderr.splitlines()
    assert dc.stdout == "exported 1 document to d.jsonl (doccano); not carried: 2 × number values, 1 × aliases, 1 × metadata, 1 × summaries\n"

    (tmp_path / "adir").mkdir()
    bad = _evalkit("gold", "export", "--to", "doccano", gold, "-o", "adir", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("adir: cannot write:") and len(bad.stderr.splitlines()) == 1
    wrong = _evalkit("gold", "export", "--to", "brat", gold, "-o", "b2", "--labeling-config", "x.xml", cwd=tmp_path)
    assert (wrong.returncode, wrong.stderr) == (2, "evalkit: error: --labeling-config is for --to labelstudio\n")
    assert not (tmp_path / "b2").exists()


@pytest.mark.parametrize("tool, name", [("conll", "bad.conll"), ("doccano", "bad.jsonl"), ("brat", "bad.ann")])
def test_a_file_that_is_not_utf8_is_one_located_line(tool, name, tmp_path, capsys):
    bad = tmp_path / name
    bad.write_bytes(b"caf\xe9 O\n")
    if tool == "brat":
        (tmp_path / "bad.txt").write_text("cafe", encoding="utf-8")
    assert main(["gold", "import", "--from", tool, str(bad), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{bad}: not UTF-8 text"), err


def test_brat_offsets_count_the_carriage_returns_of_its_text(tmp_path, capsys):
    """brat offsets are characters of the .txt as written, \\r\\n included."""
    (tmp_path / "doc.txt").write_bytes(b"Hello\r\nKyiv is here.")
    (tmp_path / "doc.ann").write_bytes(b"T1\tGPE 7 11\tKyiv\r\n")
    out = tmp_path / "gold"
    assert main(["gold", "import", "--from", "brat", str(tmp_path / "doc.ann"), "-o", str(out)]) == 0
    (doc,) = load_gold(out)
    (mention,) = doc.gold.entities[0].mentions
    assert (mention.start, mention.end) == (7, 11) and doc.document.text[7:11] == "Kyiv"
