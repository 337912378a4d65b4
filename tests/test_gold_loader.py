"""Gold loading and validation: every broken file gives exact, located, one-line problems."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evalkit.errors import GoldError
from evalkit.gold import load_gold
from evalkit.model import Span

HERE = Path(__file__).parent
OK = HERE / "gold_ok" / "mini.yaml"
BROKEN = HERE / "gold_broken"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(GoldError) as info:
        load_gold(path)
    return [str(p) for p in info.value.problems]


def test_valid_file_loads_and_resolves_text_only_spans() -> None:
    (doc,) = load_gold(OK)
    text = doc.document.text
    assert doc.document.id == "mini"
    assert doc.document.metadata == {"source": "tests"}
    kyiv = doc.gold.entity("kyiv")
    assert kyiv is not None and kyiv.mentions == (Span(41, 45, "Kyiv"),)
    people = doc.gold.numbers[1]
    assert (people.span.start, people.span.end) == (28, 30)
    cue = doc.gold.attributions[0].cue
    assert cue is not None and text[cue.start : cue.end] == "said" and cue.start == 8
    assert doc.gold.summaries == ("Ann Lee said 25 people in Kyiv were safe.", "Lee reported everyone safe.")
    for e in doc.gold.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


BROKEN_CASES = {
    "wrong_offsets": [
        "wrong_offsets.yaml:14: entity 'ann-lee' mention 1: 'Ann Lee' [1:8] does not match the text ('nn Lee '); nearest occurrence is [0:7]"
    ],
    "wrong_sha256": [
        "wrong_sha256.yaml:6: document: sha256 0000000000005cc7ab0643e1ba118958fd60ff8ec34d3f57f995f465f6a18917 "
        "does not match the text 'texts/mini.txt' (ab52f5e1714e5cc7ab0643e1ba118958fd60ff8ec34d3f57f995f465f6a18917)"
    ],
    "duplicate_ids": ["duplicate_ids.yaml:25: numbers[1]: duplicate id 'monday' (first used on line 21)"],
    "dangling_reference": ["dangling_reference.yaml:35: attribution 'lee-safe': source entity 'ann-le' is not defined"],
    "bad_yaml": ["bad_yaml.yaml:13: invalid YAML: expected ',' or ']', but got ':'"],
    "wrong_types": [
        "wrong_types.yaml:16: entity 'kyiv': type 'CITY' is not one of PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE",
        "wrong_types.yaml:28: number 'people': kind 'amount' is not one of count, ordinal, fraction, multiplier, percent, money, quantity, date, time, duration, identifier",
        "wrong_types.yaml:33: attribution 'lee-safe': kind 'quoted' is not one of direct, indirect, mixed",
    ],
    "empty": ["empty.yaml:1: gold file is empty (only comments or blank lines)"],
    "binary": ["binary.yaml:2: gold file is binary (NUL byte at offset 23)"],
    "non_utf8": ["non_utf8.yaml:7: gold file is not UTF-8 (byte 0xe9 at offset 220)"],
    "escaping_text": ["escaping_text.yaml:5: document: text path '../../../../../../etc/hostname' escapes the project folder"],
    "missing_parts": [
        "missing_parts.yaml:25: number 'people': value is required",
        "missing_parts.yaml:31: attribution 'lee-safe': content is required",
    ],
    "numeric_fields": [
        "numeric_fields.yaml:23: number 'monday': value 'next week' is not a TIMEX3-like date value (e.g. XXXX-08, XXXX-WXX-3, T05:30)",
        "numeric_fields.yaml:27: number 'people': a count needs a numeric value, not the string 'twenty-five'",
    ],
    "not_a_mapping": ["not_a_mapping.yaml:1: gold file must be a mapping, not a list"],
    "bad_dates": [
        "bad_dates.yaml:23: number 'monday': value '2025-13-45' is not a calendar date (month 13)",
        "bad_dates.yaml:27: number 'leap': value '2025-02-29' is not a calendar date (day 29 of month 02)",
        "bad_dates.yaml:31: number 'not-a-year': a date given as a number must be a year (e.g. 1901 or \"1901\"), not 19.5",
        "bad_dates.yaml:36: number 'range': value_max '2025-W54' is not a calendar date (week 54)",
    ],
}


@pytest.mark.parametrize("name", sorted(BROKEN_CASES))
def test_broken_file_gives_exact_located_problems(name: str) -> None:
    path = BROKEN / f"{name}.yaml"
    expected = [f"{path}:{line.split('.yaml:', 1)[1]}" for line in BROKEN_CASES[name]]
    assert problems_of(path) == expected


def test_every_broken_file_is_covered() -> None:
    assert {p.stem for p in BROKEN.glob("*.yaml")} == set(BROKEN_CASES)


def test_folder_reports_problems_of_all_files_at_once() -> None:
    with pytest.raises(GoldError) as info:
        load_gold(BROKEN)
    files = {p.path for p in info.value.problems}
    assert files == {str(BROKEN / f"{n}.yaml") for n in BROKEN_CASES}


def test_fifty_megabyte_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.write(b"# " + b"x" * (50 * 2**20) + b"\n")
    assert problems_of(big) == [f"{big}: gold file is 50.0 MiB; the limit is 10 MiB"]


def test_text_problems_are_located_at_the_yaml_line(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_bytes(b"caf\xe9")
    y = tmp_path / "g.yaml"
    y.write_text("document:\n  id: d\n  text: t.txt\n  sha256: x\n", encoding="utf-8")
    assert problems_of(y) == [f"{y}:3: text 't.txt' is not UTF-8 (byte 0xe9 at offset 3)"]
    y.write_text("document:\n  id: d\n  text: missing.txt\n  sha256: x\n", encoding="utf-8")
    assert problems_of(y) == [f"{y}:3: text 'missing.txt' not found"]


def test_ambiguous_and_absent_surfaces(tmp_path: Path) -> None:
    shutil.copy(OK.parent / "mini.txt", tmp_path / "mini.txt")
    text = OK.read_text(encoding="utf-8").replace("{text: Kyiv}", "{text: e}").replace(
        "{text: \"25\", occurrence: 1}", "{text: \"25\", occurrence: 2}"
    ).replace('after: "Ann Lee "', 'after: "Bob "')
    y = tmp_path / "g.yaml"
    y.write_text(text, encoding="utf-8")
    assert problems_of(y) == [
        f"{y}:19: entity 'kyiv' mention 1: 'e' occurs 7 times; give start/end, occurrence or after",
        f"{y}:26: number 'people' span: '25' occurs 1 time(s), not 2",
        f"{y}:36: attribution 'lee-safe' cue: no occurrence of 'said' follows 'Bob '",
    ]


def test_cli_validate_exit_codes_and_no_traceback() -> None:
    ok = subprocess.run([sys.executable, "-m", "evalkit", "validate", str(OK)], capture_output=True, text=True)
    assert ok.returncode == 0
    assert ok.stdout.strip() == "ok: 1 document, 2 entities, 2 mentions, 2 numbers, 1 attributions, 2 summaries"
    bad = subprocess.run([sys.executable, "-m", "evalkit", "validate", str(BROKEN)], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == sum(len(v) for v in BROKEN_CASES.values())
    assert all(line.startswith(str(BROKEN)) for line in lines)


def test_alias_bomb_in_metadata_is_refused_not_expanded(tmp_path: Path) -> None:
    shutil.copy(OK.parent / "mini.txt", tmp_path / "mini.txt")
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 9)]
    bomb = "\n".join("    " + line for line in lines)  # 10^9 values once expanded
    text = OK.read_text(encoding="utf-8").replace("  metadata: {source: tests}", "  metadata:\n" + bomb)
    y = tmp_path / "g.yaml"
    y.write_text(text, encoding="utf-8")
    assert problems_of(y) == [f"{y}:7: document: metadata expands to more than 10000 values"]


def test_a_folder_means_the_files_directly_in_it(tmp_path: Path) -> None:
    """A second annotation of the same document in a subfolder does not clash with the first."""
    shutil.copy(OK, tmp_path / "mini.yaml")
    shutil.copy(OK.parent / "mini.txt", tmp_path / "mini.txt")
    second = tmp_path / "second"
    second.mkdir()
    (second / "mini.yaml").write_text(
        OK.read_text(encoding="utf-8").replace("text: mini.txt", "text: ../mini.txt"), encoding="utf-8"
    )
    assert [d.document.id for d in load_gold(tmp_path)] == ["mini"]
    assert [d.path for d in load_gold(second)] == [str(second / "mini.yaml")]
