"""``evalkit export``: write the gold corpus as JSON Lines or Parquet (via HF datasets)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="write the gold corpus as jsonl or parquet (one row per document, nested fields typed)",
    )
    p.add_argument("--gold", nargs="+", default=["gold"], metavar="PATH", help="gold files or folders (default: gold)")
    p.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    p.add_argument("--output", "-o", required=True, metavar="FILE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..corpus import export
    from .. import RunError
    from .. import load_gold

    docs = load_gold(args.gold)
    if not docs:
        raise RunError("no gold documents to export")
    n = export(docs, args.output, args.format)
    print(f"wrote {n} document{'s' if n != 1 else ''} to {args.output} ({args.format})")
    return 0
