"""``evalkit gold stats``: counts per document with a total row, and per part and type."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evalkit.cli import main

OK = Path(__file__).parent / "gold_ok"


def _two_documents(tmp_path: Path) -> Path:
    """The mini gold twice, the second copy with one entity fewer and another id."""
    shutil.copy(OK / "mini.txt", tmp_path / "mini.txt")
    text = (OK / "mini.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    second = text.replace("id: mini", "id: mini-b", 1)
    start = second.index("  - id: kyiv")
    end = second.index("numbers:")
    (tmp_path / "b.yaml").write_text(second[:start] + second[end:], encoding="utf-8")
    return tmp_path


def _rows(table: str) -> dict[str, list[str]]:
    lines = [line for line in table.splitlines() if line.startswith("|")][2:]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    return {c[0]: c[1:] for c in cells}


def test_per_document_rows_and_their_total(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gold", "stats", str(_two_documents(tmp_path))]) == 0
    out = capsys.readouterr().out
    per_document = _rows(out.split("\n\n")[1])
    # mini.yaml: Ann Lee + Kyiv (one mention each), 2 numbers, 1 attribution, 2 summaries.
    assert per_document["mini"] == ["2", "2", "2", "1", "2"]
    assert per_document["mini-b"] == ["1", "1", "2", "1", "2"]
    assert per_document["all (2)"] == ["3", "3", "4", "2", "4"]
    per_part = [line.split("|")[1:4] for line in out.split("\n\n")[2].splitlines()[2:]]
    assert [c.strip() for c in per_part[0]] == ["entities", "all", "3"]
