"""``evalkit completion bash|zsh``: the bash script, sourced in a real bash, registers a completion
function for ``evalkit`` that completes commands, sub-commands, choices and paths."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASH = shutil.which("bash")


def _script(shell: str) -> str:
    r = subprocess.run([sys.executable, "-m", "evalkit", "completion", shell], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("completion") / "evalkit.bash"
    path.write_text(_script("bash"))
    return path


def _complete(script: Path, cwd: Path, *words: str) -> list[str]:
    """What bash offers for the command line ``words`` (the last word is being completed)."""
    assert BASH, "bash is needed to run the completion script"
    program = r"""
source "$1"; shift
spec=$(complete -p evalkit) || exit 9
func=$(sed -E 's/.* -F ([^ ]+) .*/\1/' <<<"$spec")
COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
"$func" evalkit "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""
    r = subprocess.run([BASH, "-c", program, "bash", str(script), *words], capture_output=True, text=True, cwd=cwd)
    assert r.returncode == 0, r.stderr
    return sorted(line for line in r.stdout.splitlines() if line)


def test_bash_registers_a_completion_function(bash_script: Path) -> None:
    r = subprocess.run([BASH or "bash", "-c", 'source "$1"; complete -p evalkit', "bash", str(bash_script)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("complete ") and " -F " in r.stdout and r.stdout.rstrip().endswith(" evalkit")


def test_bash_completes_commands_actions_and_choices(bash_script: Path, tmp_path: Path) -> None:
    assert _complete(bash_script, tmp_path, "evalkit", "co") == ["compare", "completion"]
    assert _complete(bash_script, tmp_path, "evalkit", "gold", "") == ["export", "import", "resolve", "stats"]
    assert _complete(bash_script, tmp_path, "evalkit", "gold", "import", "--from", "") == ["brat", "conll", "doccano", "labelstudio", "spacy"]
    assert _complete(bash_script, tmp_path, "evalkit", "gold", "export", "--to", "d") == ["doccano"]
    assert _complete(bash_script, tmp_path, "evalkit", "completion", "") == ["bash", "zsh"]
    assert _complete(bash_script, tmp_path, "evalkit", "report", "x", "--format", "j") == ["json", "junit"]
    assert _complete(bash_script, tmp_path, "evalkit", "check", "--req") == ["--require-significance"]


def test_bash_completes_paths_where_a_path_is_taken(bash_script: Path, tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold-notes.yaml").write_text("")
    # compgen is what the script uses for paths; both a folder and a file are offered for GOLD
    assert _complete(bash_script, tmp_path, "evalkit", "validate", "gol") == ["gold", "gold-notes.yaml"]
    # --output of import takes a folder: only folders are offered
    assert _complete(bash_script, tmp_path, "evalkit", "gold", "import", "--from", "brat", "a.ann", "-o", "gol") == ["gold"]


def test_zsh_script_defines_the_same_commands() -> None:
    script = _script("zsh")
    assert script.startswith("#compdef evalkit")
    for command in ("validate", "gold", "completion", "check"):
        assert f"\n    {command}:'" in script
    for action in ("resolve", "stats", "import", "export"):
        assert f"\n    {action}:'" in script
    assert ":tool:(labelstudio brat doccano conll spacy)" in script
    zsh = shutil.which("zsh")
    if zsh:  # where zsh is installed, the script must at least parse
        r = subprocess.run([zsh, "-n", "-c", script], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr


def test_unknown_shell_is_a_usage_error() -> None:
    r = subprocess.run([sys.executable, "-m", "evalkit", "completion", "fish"], capture_output=True, text=True)
    assert r.returncode == 2
    assert "invalid choice: 'fish'" in r.stderr and len(r.stderr.splitlines()) == 1
