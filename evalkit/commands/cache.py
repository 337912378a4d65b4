"""``evalkit cache``: inspect and prune the output cache."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .. import OutputCache


def _days(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a non-negative number of days, not {text!r}")
    return value


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "cache",
        help="show or prune the cache of extractor outputs",
        description="The output cache keeps each extractor's output per document, keyed by content.",
    )
    p.add_argument("--dir", metavar="DIR", help="cache folder (default $EVALKIT_CACHE_DIR or .evalkit-cache)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))
    info = actions.add_parser("info", help="where the cache is, how big, entries per extractor")
    info.set_defaults(func=run_info)
    prune = actions.add_parser(
        "prune",
        help="remove entries",
        description="Remove entries unused for DAYS, or all of them; with neither option, only unreadable entries.",
    )
    group = prune.add_mutually_exclusive_group()
    group.add_argument("--older-than", type=_days, metavar="DAYS", help="remove entries not written or used for DAYS days")
    group.add_argument("--all", action="store_true", help="empty the cache")
    prune.set_defaults(func=run_prune)


def _cache(args: argparse.Namespace) -> OutputCache:
    from .. import OutputCache
    from ..config_file import load_config

    folder = args.dir or load_config().run.cache_dir
    return OutputCache(folder)


def run_info(args: argparse.Namespace) -> int:
    stats = _cache(args).info()
    print(f"cache: {stats.root}")
    print(f"entries: {stats.entries} ({stats.bytes / 1024:.1f} KiB)")
    if stats.oldest is not None and stats.newest is not None:
        print(f"last used: {_when(stats.oldest)} … {_when(stats.newest)}")
    for name, count in stats.by_extractor.items():
        print(f"  {name}: {count}")
    return 0


def run_prune(args: argparse.Namespace) -> int:
    cache = _cache(args)
    removed = cache.prune(older_than_days=args.older_than, everything=args.all)
    print(f"removed {removed} entr{'y' if removed == 1 else 'ies'} from {cache.root}")
    return 0


def _when(timestamp: float) -> str:
    import datetime

    return datetime.datetime.fromtimestamp(timestamp).isoformat(timespec="seconds")
