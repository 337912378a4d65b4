"""``evalkit completion bash|zsh``: print a shell completion script generated from the parser.

The script is written by shtab from the same argparse parser the CLI runs, so every command,
option and choice (extractor names excepted: they are plugins) completes as it is defined,
with no hand-kept list to fall out of date. Arguments that name files or folders complete
paths; which ones is read from their metavar, so commands need not know about completion.
"""

from __future__ import annotations

import argparse
from types import ModuleType

SHELLS = ("bash", "zsh")
#: Metavars of arguments that take a file or folder path, and those that take a folder.
FILE_METAVARS = frozenset(("FILE", "PATH", "GOLD", "GOLD_A", "GOLD_B", "PRED", "RUN", "RUN_A", "RUN_B"))
DIR_METAVARS = frozenset(("DIR",))


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "completion",
        help="print a bash or zsh completion script",
        description="Print a completion script for SHELL. bash: eval \"$(evalkit completion bash)\" in ~/.bashrc; "
        "zsh: evalkit completion zsh > \"${fpath[1]}/_evalkit\" (then restart zsh).",
    )
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash or zsh")
    p.set_defaults(func=run)


def _mark_paths(parser: argparse.ArgumentParser, shtab: ModuleType) -> None:
    """Give path-taking arguments shtab's file or directory completion, recursively."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                _mark_paths(child, shtab)
        elif action.metavar in DIR_METAVARS:
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]  # shtab's documented extra attribute on an action
        elif action.metavar in FILE_METAVARS:
            action.complete = shtab.FILE  # type: ignore[attr-defined]  # shtab's documented extra attribute on an action


def completion_script(shell: str) -> str:
    """The completion script for ``shell`` (``bash`` or ``zsh``)."""
    import shtab

    from ..cli import build_parser

    parser = build_parser()
    _mark_paths(parser, shtab)
    return shtab.complete(parser, shell=shell)


def run(args: argparse.Namespace) -> int:
    print(completion_script(args.shell))
    return 0
