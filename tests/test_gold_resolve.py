"""``evalkit gold resolve`` writes offsets back, keeping comments and order."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
from ruamel.yaml import YAML

from evalkit.gold import load_gold
from evalkit.gold.resolve import resolve_file
from evalkit.gold.schema import gold_schema

HERE = Path(__file__).parent


def _copy(tmp_path: Path) -> Path:
    shutil.copy(HERE / "gold_ok" / "mini.txt", tmp_path / "mini.txt")
    y = tmp_path / "mini.yaml"
    shutil.copy(HERE / "gold_ok" / "mini.yaml", y)
    return y


def test_resolve_writes_offsets_and_keeps_comments(tmp_path: Path) -> None:
    y = _copy(tmp_path)
    before = load_gold(y)
    n, _ = resolve_file(y)
    assert n == 3
    text = y.read_text(encoding="utf-8")
    assert "# A minimal valid gold file used by the loader tests." in text
    assert "{text: Kyiv, start: 41, end: 45} # resolved: occurs once" in text
    assert "occurrence" not in text and "after:" not in text
    assert load_gold(y)[0].gold == before[0].gold
    # Idempotent: nothing left to resolve, file unchanged.
    assert resolve_file(y)[0] == 0
    assert y.read_text(encoding="utf-8") == text


def test_resolve_refuses_invalid_file_and_leaves_it_untouched(tmp_path: Path) -> None:
    y = _copy(tmp_path)
    original = y.read_text(encoding="utf-8").replace("{text: Kyiv}", "{text: Kyiiv}")
    y.write_text(original, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "evalkit", "gold", "resolve", str(y)], capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.strip() == f"{y}:19: entity 'kyiv' mention 1: 'Kyiiv' does not occur in the text"
    assert y.read_text(encoding="utf-8") == original


def test_shipped_and_test_gold_conform_to_the_published_schema() -> None:
    schema = gold_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    files = [HERE / "gold_ok" / "mini.yaml", *sorted((HERE.parent / "gold").glob("*.yaml"))]
    for f in files:
        data = json.loads(json.dumps(YAML(typ="safe").load(f.read_text(encoding="utf-8"))))
        jsonschema.validate(data, schema)


def test_schema_rejects_a_wrong_type() -> None:
    data = {"document": {"id": "d", "text": "t.txt", "sha256": "0" * 64}, "entities": [{"id": "x", "type": "CITY", "name": "X", "mentions": ["X"]}]}
    errors = list(jsonschema.Draft202012Validator(gold_schema()).iter_errors(data))
    assert errors and "CITY" in errors[0].message


def test_cli_schema_prints_valid_json() -> None:
    for name in ("gold", "prediction"):
        r = subprocess.run([sys.executable, "-m", "evalkit", "schema", name], capture_output=True, text=True)
        assert r.returncode == 0
        jsonschema.Draft202012Validator.check_schema(json.loads(r.stdout))
