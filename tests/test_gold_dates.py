"""Dates in gold: unquoted YAML dates, calendar checks, years as numbers or strings."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from evalkit.gold import load_gold
from evalkit.gold.resolve import resolve_file

OK = Path(__file__).resolve().parent / "gold_ok" / "mini.yaml"


def test_unquoted_dates_are_read_as_their_text(tmp_path: Path) -> None:
    """YAML reads an unquoted ``2025-12-07`` as a timestamp; gold takes it as the TIMEX string
    it is written as (docs/gold-format.md), and ``gold resolve`` writes it back unquoted."""
    shutil.copy(OK.parent / "mini.txt", tmp_path / "mini.txt")
    text = OK.read_text(encoding="utf-8").replace("value: XXXX-WXX-1", "value: 2025-12-07")
    text = text.replace('{text: "25", occurrence: 1}', '{text: "25"}')
    y = tmp_path / "g.yaml"
    y.write_text(text, encoding="utf-8")
    (doc,) = load_gold(y)
    value = doc.gold.numbers[0].value
    assert value == "2025-12-07" and type(value) is str
    resolved, written = resolve_file(y)
    assert resolved == 3 and "    value: 2025-12-07\n" in written
    assert load_gold(y)[0].gold.numbers[0].value == "2025-12-07"


def test_a_year_may_be_a_number_or_a_string(tmp_path: Path) -> None:
    shutil.copy(OK.parent / "mini.txt", tmp_path / "mini.txt")
    for written, expected in (("1901", 1901), ('"1901"', "1901")):
        y = tmp_path / "g.yaml"
        y.write_text(OK.read_text(encoding="utf-8").replace("value: XXXX-WXX-1", f"value: {written}"), encoding="utf-8")
        assert load_gold(y)[0].gold.numbers[0].value == expected


def test_an_invalid_unquoted_date_is_one_located_line_with_exit_2(tmp_path: Path) -> None:
    shutil.copy(OK.parent / "mini.txt", tmp_path / "mini.txt")
    y = tmp_path / "g.yaml"
    y.write_text(OK.read_text(encoding="utf-8").replace("value: XXXX-WXX-1", "value: 2025-13-45"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "evalkit", "validate", str(y)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip() == f"{y}:23: number 'monday': value '2025-13-45' is not a calendar date (month 13)"
