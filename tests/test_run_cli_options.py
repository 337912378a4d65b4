"""``evalkit run`` options: verbosity (what each level prints; errors always show) and scoring settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evalkit", "run", "--no-cache", "--gold", str(ROOT / "gold"), *argv],
        capture_output=True, text=True, cwd=ROOT, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )


def test_default_prints_the_table() -> None:
    r = _run("-e", "gold")
    assert r.returncode == 0, r.stderr
    assert "gold" in r.stdout and "1.000" in r.stdout and "Columns:" in r.stdout
    assert "signature:" not in r.stdout


def test_quiet_prints_no_table_but_keeps_errors() -> None:
    r = _run("-q", "-e", "gold", "-e", "command:false")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert "[exit] command 'false': document 'ukraine-peace-plan-ternopil': exited with status 1" in r.stderr


def test_verbose_prints_the_signature() -> None:
    r = _run("-v", "-e", "gold")
    assert r.returncode == 0, r.stderr
    sig = [line for line in r.stdout.splitlines() if line.startswith("signature: ")]
    assert len(sig) == 1 and sig[0].startswith("signature: evalkit:") and "|seed:" in sig[0]


def test_quiet_and_verbose_exclude_each_other() -> None:
    r = _run("-q", "-v", "-e", "gold")
    assert r.returncode == 2
    assert "not allowed with argument" in r.stderr


def test_scoring_options_reach_the_signature() -> None:
    r = _run("-v", "-e", "gold", "--seed", "7", "--profile", "loose", "--bootstrap", "50")
    assert r.returncode == 0, r.stderr
    (sig,) = [line for line in r.stdout.splitlines() if line.startswith("signature: ")]
    assert "|norm:loose|" in sig and "|bs:50|" in sig and "|seed:7|" in sig
    assert sig.endswith("|unit:document") or sig.endswith("|unit:item")  # auto, resolved by corpus size


def test_bad_scoring_option_fails_before_any_extractor_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    r = _run("-e", f"command:touch {marker}", "--content-threshold", "3")
    assert r.returncode == 2
    assert "content_threshold: must be in (0, 1], not 3.0" in r.stderr
    assert not marker.exists()
