"""``evalkit gold resolve|stats``: work on gold files."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gold", help="resolve span offsets in gold files; print gold statistics")
    gsub = p.add_subparsers(dest="gold_command", metavar="ACTION", required=True)
    r = gsub.add_parser(
        "resolve",
        help="write offsets for spans given as surface text (keeps comments and order)",
        description="Replace every span written as surface text (with optional occurrence/after) "
        "by text/start/end, in place. The file is validated first and left untouched if it has problems.",
    )
    r.add_argument("files", nargs="+", metavar="FILE")
    r.add_argument("--dry-run", action="store_true", help="print the resolved file instead of writing it")
    r.set_defaults(func=run_resolve)
    s = gsub.add_parser("stats", help="counts per document, and per part and type (Markdown tables)")
    s.add_argument("paths", nargs="*", default=["gold"], metavar="PATH")
    s.set_defaults(func=run_stats)


def run_resolve(args: argparse.Namespace) -> int:
    from ..gold.resolve import resolve_file

    for f in args.files:
        n, text = resolve_file(f, dry_run=args.dry_run)
        if args.dry_run:
            print(text, end="")
        else:
            print(f"{f}: resolved {n} span{'s' if n != 1 else ''}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from ..gold.validate import validate_paths

    stats = validate_paths(args.paths)
    print(stats.summary_line())
    print()
    print(stats.document_table())
    print()
    print(stats.table())
    return 0
