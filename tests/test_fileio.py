"""The one file-writing helper: atomic, and the target keeps its permission bits."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from evalkit.cli import main
from evalkit.errors import InputError
from evalkit.fileio import atomic_write


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    for mode in (0o644, 0o640, 0o600, 0o664):
        os.chmod(target, mode)
        atomic_write(target, "new")
        assert _mode(target) == mode
        assert target.read_text(encoding="utf-8") == "new"


def test_a_new_file_gets_what_open_would_give(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "sub" / "b.json", b"{}")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "sub" / "b.json") == 0o644


def test_no_temporary_is_left_and_an_unwritable_target_is_one_located_error(tmp_path: Path) -> None:
    atomic_write(tmp_path / "c.txt", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.txt"]
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as err:
        atomic_write(blocker / "d.txt", "x")
    assert str(blocker / "d.txt") in str(err.value)


def test_gold_resolve_keeps_the_gold_files_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``evalkit gold resolve`` used to leave a 644 gold file owner-only (600)."""
    text = "Ann Lee said on Monday that 25 people in Kyiv were safe."
    (tmp_path / "mini.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256((tmp_path / "mini.txt").read_bytes()).hexdigest()
    gold = tmp_path / "mini.yaml"
    gold.write_text(
        "format: evalkit-gold/1\n"
        f"document: {{id: mini, text: mini.txt, sha256: {sha}}}\n"
        "entities:\n"
        "  - {id: kyiv, type: GPE, name: Kyiv, mentions: [{text: Kyiv}]}\n",
        encoding="utf-8",
    )
    os.chmod(gold, 0o644)
    assert main(["gold", "resolve", str(gold)]) == 0
    assert f"start: {text.index('Kyiv')}" in gold.read_text(encoding="utf-8")
    assert _mode(gold) == 0o644
