"""The CLI frame: help, version, exit codes, and a light start-up path."""

from __future__ import annotations

import subprocess
import sys

from evalkit import __version__

HEAVY = ("datasets", "sklearn", "scipy", "rouge_score", "spacy", "numpy", "pyarrow", "matplotlib", "httpx", "ruamel")


def test_help_imports_no_heavy_module() -> None:
    code = (
        "import sys\n"
        "from evalkit.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit as e:\n    assert e.code == 0\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "HEAVY="


def test_version() -> None:
    r = subprocess.run([sys.executable, "-m", "evalkit", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == f"evalkit {__version__}"


def test_usage_errors_exit_2_without_traceback() -> None:
    for argv in (["no-such-command"], ["validate", "--bogus"], []):
        r = subprocess.run([sys.executable, "-m", "evalkit", *argv], capture_output=True, text=True)
        assert r.returncode == 2, argv
        assert "Traceback" not in r.stderr


def test_missing_path_is_bad_input() -> None:
    r = subprocess.run([sys.executable, "-m", "evalkit", "validate", "does/not/exist"], capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.strip() == "does/not/exist: no such file or folder"
