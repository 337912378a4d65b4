"""The ``evalkit`` command line: a thin layer over the public API.

Exit codes: 0 ok; 1 a quality gate failed; 2 bad input or usage; 3 the run itself failed or
found nothing to do. Every :class:`~evalkit.errors.EvalkitError` is caught here, once, and
printed as located one-line messages, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import NoReturn, Sequence

from . import __version__
from .commands import COMMAND_MODULES
from .errors import EXIT_BAD_INPUT, EXIT_RUN_FAILED, EvalkitError


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; this keeps its message to one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="evalkit",
        description="Score extractors' structured summaries of news articles against hand-written gold.",
        epilog="Exit codes: 0 ok, 1 quality gate failed, 2 bad input or usage, 3 run failed or nothing to do.",
    )
    parser.add_argument("--version", action="version", version=f"evalkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"evalkit.commands.{name}").add_parser(sub)
    return parser


def print_error(exc: EvalkitError) -> None:
    """One line per problem: ``path:line: message`` when located, else ``evalkit: error: …``."""
    problems = getattr(exc, "problems", None)
    if problems:
        for p in problems:
            print(str(p) if p.path else f"evalkit: error: {p.message}", file=sys.stderr)
    else:
        for line in str(exc).splitlines() or [type(exc).__name__]:
            print(f"evalkit: error: {line}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return int(args.func(args))
    except EvalkitError as exc:
        print_error(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_RUN_FAILED
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
