"""``load_gold(..., num_proc=N)``: corpus rows proven in several processes give exactly what the
sequential load gives — the same documents in the same order, the same problems at the same
``file:row`` — and a process count below one is refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import evalkit.gold.corpus_parallel as corpus_parallel
from evalkit.corpus import export
from evalkit.errors import GoldError, InputError
from evalkit.gold import load_corpus_file, load_gold

from synthetic_news import make_corpus

HERE = Path(__file__).parent


def _docs():  # type: ignore[no-untyped-def]
    return [*load_gold(HERE / "gold_ok"), *make_corpus(7, seed=11)]


def _problems(path: Path, num_proc: int | None) -> list[str]:
    with pytest.raises(GoldError) as exc:
        load_gold(path, num_proc=num_proc)
    return [str(p) for p in exc.value.problems]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_parallel_load_equals_the_sequential_one(tmp_path: Path, fmt: str) -> None:
    docs = _docs()
    out = tmp_path / f"corpus.{fmt}"
    export(docs, str(out), fmt)
    sequential = load_gold(out)
    for num_proc in (2, 3):
        parallel = load_gold(out, num_proc=num_proc)
        assert parallel == sequential
    # and both are the exported documents, each located at its row
    assert [(d.document, d.gold) for d in sequential] == [(d.document, d.gold) for d in docs]
    assert [d.path for d in sequential] == [f"{out}:{i}" for i in range(1, len(docs) + 1)]


def test_blank_lines_keep_their_numbers(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    export(_docs(), str(out), "jsonl")
    lines = out.read_text(encoding="utf-8").splitlines()
    # blank and whitespace-only lines between rows, a CRLF row, no newline after the last row
    out.write_text("\n".join(["", lines[0], "   ", "", *lines[1:5], lines[5] + "\r", "\t", *lines[6:]]), encoding="utf-8")
    sequential = load_gold(out)
    assert [d.path.rsplit(":", 1)[1] for d in sequential] == ["2", "5", "6", "7", "8", "9", "11", "12"]
    assert load_gold(out, num_proc=2) == sequential


def test_rows_are_proven_in_other_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "corpus.jsonl"
    export(_docs(), str(out), "jsonl")
    pids = tmp_path / "pids"
    prove = corpus_parallel.prove_line

    def recording(line: str, shown: str, number: int):  # type: ignore[no-untyped-def]
        with pids.open("a") as f:
            f.write(f"{os.getpid()}\n")
        return prove(line, shown, number)

    monkeypatch.setattr(corpus_parallel, "prove_line", recording)
    assert len(load_corpus_file(out, num_proc=2)) == 8
    seen = pids.read_text().split()
    assert len(seen) == 8
    assert str(os.getpid()) not in seen
    assert len(set(seen)) == 2


def _bad_jsonl(tmp_path: Path) -> Path:
    """Twelve rows, bad ones in both halves: not JSON, a shifted span, a wrong hash, a list."""
    out = tmp_path / "bad.jsonl"
    export(_docs(), str(out), "jsonl")
    rows: list[object] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    first = rows[0]
    assert isinstance(first, dict)
    shifted = json.loads(json.dumps(first))
    shifted["id"] = "shifted"
    shifted["entities"][0]["mentions"][0]["end"] = 6
    wrong_hash = dict(first, id="hash", sha256="0" * 64)
    rows = [rows[0], "{not json", *rows[1:4], shifted, ["a", "list"], *rows[4:7], wrong_hash, {"id": "no-text"}]
    out.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows), encoding="utf-8")
    return out


def test_bad_jsonl_rows_give_the_same_located_problems(tmp_path: Path) -> None:
    out = _bad_jsonl(tmp_path)
    sequential = _problems(out, None)
    assert [p.split(": ")[0] for p in sequential] == [f"{out}:{n}" for n in (2, 6, 7, 11, 12)]
    assert sequential[0].startswith(f"{out}:2: row is not JSON")
    assert sequential[1].startswith(f"{out}:6: entity 'ann-lee' mention 1: 'Ann Lee' [0:6] does not match the text")
    assert sequential[2] == f"{out}:7: row must be an object, not list"
    assert sequential[3].startswith(f"{out}:11: document: sha256 {'0' * 64} does not match the text")
    assert sequential[4] == f"{out}:12: row: text is required (a string)"
    assert _problems(out, 2) == sequential
    assert _problems(out, 4) == sequential


def test_bad_parquet_rows_give_the_same_located_problems(tmp_path: Path) -> None:
    out = tmp_path / "bad.parquet"
    export(_docs(), str(out), "parquet")
    table = pq.read_table(out)
    rows = table.to_pylist()
    rows[1]["entities"][0]["mentions"][0]["end"] += 1  # row 2: span one character too long
    rows[6]["sha256"] = "0" * 64  # row 7
    rows[7]["text"] = None  # row 8
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), out)
    sequential = _problems(out, None)
    assert [p.split(": ")[0] for p in sequential] == [f"{out}:2", f"{out}:7", f"{out}:8"]
    assert _problems(out, 2) == sequential


def test_problems_of_every_file_are_reported_together(tmp_path: Path) -> None:
    bad = _bad_jsonl(tmp_path)
    other = tmp_path / "other.jsonl"
    row = json.loads(json.dumps(load_gold(HERE / "gold_ok")[0].document.text))
    other.write_text(json.dumps({"id": "x", "text": row, "colour": "blue"}) + "\n", encoding="utf-8")
    sequential = _problems_of([bad, other], None)
    assert len(sequential) == 6
    assert sequential[-1].startswith(f"{other}:1: row: unknown field 'colour'")
    assert _problems_of([bad, other], 2) == sequential


def test_ids_used_twice_across_files_are_reported_alike(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.parquet"
    export(_docs(), str(first), "jsonl")
    export(load_gold(HERE / "gold_ok"), str(second), "parquet")
    sequential = _problems_of([first, second], None)
    assert sequential == [f"{second}:1: document id 'mini' is also used by {first}:1"]
    assert _problems_of([first, second], 2) == sequential


def _problems_of(paths: list[Path], num_proc: int | None) -> list[str]:
    with pytest.raises(GoldError) as exc:
        load_gold(paths, num_proc=num_proc)
    return [str(p) for p in exc.value.problems]


def test_more_processes_than_rows_and_one_process(tmp_path: Path) -> None:
    out = tmp_path / "corpus.parquet"
    docs = make_corpus(2, seed=3)
    export(docs, str(out), "parquet")
    sequential = load_gold(out)
    assert load_gold(out, num_proc=8) == sequential
    assert load_gold(out, num_proc=1) == sequential
    assert [d.document for d in sequential] == [d.document for d in docs]


def test_no_progress_bar_is_printed(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "corpus.jsonl"
    export(_docs(), str(out), "jsonl")
    capfd.readouterr()
    load_gold(out, num_proc=2)
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize(
    ("num_proc", "message"),
    [
        (0, "num_proc must be at least 1, not 0"),
        (-2, "num_proc must be at least 1, not -2"),
        (True, "num_proc must be a whole number of at least 1, not True"),
        (1.5, "num_proc must be a whole number of at least 1, not 1.5"),
        ("2", "num_proc must be a whole number of at least 1, not '2'"),
    ],
)
def test_num_proc_below_one_or_not_a_whole_number_is_refused(tmp_path: Path, num_proc: object, message: str) -> None:
    out = tmp_path / "corpus.jsonl"
    export(load_gold(HERE / "gold_ok"), str(out), "jsonl")
    for load in (load_gold, load_corpus_file):
        with pytest.raises(InputError) as exc:
            load(out, num_proc=num_proc)  # type: ignore[operator]
        assert str(exc.value) == message
    # refused before any file is read, YAML folders included
    with pytest.raises(InputError, match="num_proc"):
        load_gold(tmp_path / "missing", num_proc=num_proc)  # type: ignore[arg-type]
