"""docs/ci-example.yml runs green when copied into this repository.

Its shell steps (all but the install step and the `uses:` actions) are run as GitHub Actions
would run them, in a copy of the repository's gold, seeds and committed baseline, with
evalkit already installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "ci-example.yml"


def _steps() -> list[dict]:
    workflow = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return [s for s in job["steps"] if "run" in s and "pip install" not in s["run"]]


def test_the_example_gates_the_same_extractors_as_the_committed_baseline() -> None:
    import json

    run = next(s["run"] for s in _steps() if s["name"] == "Run the benchmark")
    words = run.replace("\\\n", " ").split()
    specs = [words[i + 1] for i, w in enumerate(words) if w in ("--extractor", "-e")]
    baseline = json.loads((ROOT / "reports" / "baseline.json").read_text(encoding="utf-8"))
    assert specs == [e["label"] for e in baseline["extractors"]]


@pytest.mark.slow
def test_the_example_steps_pass_in_this_repository(tmp_path: Path) -> None:
    for folder in ("gold", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "reports").mkdir()
    shutil.copy(ROOT / "reports" / "baseline.json", tmp_path / "reports" / "baseline.json")
    summary = tmp_path / "step-summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "EVALKIT_CACHE_DIR": str(tmp_path / "cache")}
    for step in _steps():
        env_step = {**env, **{k: str(v) for k, v in (step.get("env") or {}).items()}}
        proc = subprocess.run(["bash", "-eo", "pipefail", "-c", step["run"]], cwd=tmp_path, env=env_step, capture_output=True, text=True)
        assert proc.returncode == 0, f"step {step['name']!r} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    assert "gate passed" in summary.read_text(encoding="utf-8")
    assert (tmp_path / "reports" / "run" / "junit-gate.xml").is_file()
