"""``evalkit validate``: prove gold files against their texts."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help="check gold files: spans against the text, hashes, ids, references, types",
        description="Validate gold files. Every problem is listed as path:line: message; exit 2 if any.",
    )
    p.add_argument("paths", nargs="*", default=["gold"], metavar="PATH", help="gold files or folders (default: gold)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..gold.validate import validate_paths

    stats = validate_paths(args.paths)
    print(stats.summary_line())
    return 0
