"""``--gold corpus.jsonl|corpus.parquet``: the CLI reads the corpus files ``evalkit export`` writes,
proving each row as a gold file is proven, with problems located at ``file:row``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evalkit.corpus import export
from evalkit.errors import GoldError
from evalkit.gold import load_gold

from synthetic_news import make_corpus

HERE = Path(__file__).parent


def _evalkit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "evalkit", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_exported_corpus_loads_back_as_the_same_gold(tmp_path: Path, fmt: str) -> None:
    docs = [*load_gold(HERE / "gold_ok"), *make_corpus(3, seed=7)]
    out = tmp_path / f"corpus.{fmt}"
    export(docs, str(out), fmt)
    back = load_gold(out)
    assert [d.document for d in back] == [d.document for d in docs]
    assert [d.gold for d in back] == [d.gold for d in docs]
    # each document says where it came from: the file and its row
    assert [d.path for d in back] == [f"{out}:{i}" for i in range(1, 5)]


def test_validate_and_run_accept_a_corpus_file(tmp_path: Path) -> None:
    out = tmp_path / "corpus.parquet"
    export(load_gold(HERE / "gold_ok"), str(out), "parquet")
    r = _evalkit("validate", str(out))
    assert r.returncode == 0, r.stderr
    # mini.yaml by hand: 2 entities, 2 mentions, 2 numbers, 1 attribution, 2 summaries
    assert r.stdout.strip() == "ok: 1 document, 2 entities, 2 mentions, 2 numbers, 1 attributions, 2 summaries"
    run = _evalkit("run", "-e", "gold", "--gold", str(out), "--output", str(tmp_path / "run"), "--no-cache")
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / "run" / "report.json").read_text())
    assert [(d["id"], d["path"]) for d in report["documents"]] == [("mini", f"{out}:1")]


def _rows(tmp_path: Path) -> tuple[Path, list[dict]]:
    out = tmp_path / "c.jsonl"
    export(load_gold(HERE / "gold_ok"), str(out), "jsonl")
    return out, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, rows: list) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows), encoding="utf-8")


def test_bad_rows_are_located_by_row(tmp_path: Path) -> None:
    out, rows = _rows(tmp_path)
    good = rows[0]
    shifted = json.loads(json.dumps(good))
    shifted["id"] = "shifted"
    shifted["entities"][0]["mentions"][0]["end"] = 6
    wrong_hash = dict(good, id="hash", sha256="0" * 64)
    _write(out, [good, "{not json", shifted, wrong_hash, ["a", "list"]])
    with pytest.raises(GoldError) as exc:
        load_gold(out)
    lines = [str(p) for p in exc.value.problems]
    assert lines[0].startswith(f"{out}:2: row is not JSON")
    assert lines[1] == f"{out}:3: entity 'ann-lee' mention 1: 'Ann Lee' [0:6] does not match the text ('Ann Le'); nearest occurrence is [0:7]"
    assert lines[2].startswith(f"{out}:4: document: sha256 {'0' * 64} does not match the text")
    assert lines[3] == f"{out}:5: row must be an object, not list"
    assert len(lines) == 4


def test_bad_corpus_files_exit_2_with_one_located_line_each(tmp_path: Path) -> None:
    not_parquet = tmp_path / "c.parquet"
    not_parquet.write_text("this is not parquet\n")
    r = _evalkit("validate", str(not_parquet))
    assert r.returncode == 2
    assert r.stderr.startswith(f"{not_parquet}: not a readable Parquet file")
    assert len(r.stderr.splitlines()) == 1 and "Traceback" not in r.stderr

    out, rows = _rows(tmp_path)
    no_text = {k: v for k, v in rows[0].items() if k != "text"}
    extra = dict(rows[0], id="x", colour="blue")
    _write(out, [no_text, extra])
    r = _evalkit("run", "-e", "gold", "--gold", str(out))
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        f"{out}:1: row: text is required (a string)",
        f"{out}:2: row: unknown field 'colour' (expected one of attributions, entities, id, metadata_json, numbers, path, sha256, summaries, text)",
    ]


def test_duplicate_ids_across_yaml_and_corpus_are_reported(tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    export(load_gold(HERE / "gold_ok"), str(out), "jsonl")
    with pytest.raises(GoldError) as exc:
        load_gold([HERE / "gold_ok", out])
    assert [str(p) for p in exc.value.problems] == [f"{out}:1: document id 'mini' is also used by {HERE / 'gold_ok' / 'mini.yaml'}"]
