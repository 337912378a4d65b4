"""``evalkit gold resolve|stats|import|export``: work on gold files.

``import``/``export`` move gold to and from annotation tools (evalkit/interop/,
docs/interop.md); what a format cannot carry is printed, one line each on stderr, and counted
in the summary line.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from ..interop import Loss

#: Kept here (not imported from evalkit.interop) so that building the parser stays import-light.
IMPORT_TOOLS = ("labelstudio", "brat", "doccano", "conll", "spacy")
EXPORT_TOOLS = ("labelstudio", "brat", "doccano")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("gold", help="resolve span offsets, print statistics, import from and export to annotation tools")
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
    i = gsub.add_parser(
        "import",
        help="gold files (and article texts) from Label Studio, brat, doccano, CoNLL or spaCy files",
        description="Convert annotation-tool files to evalkit-gold/1 files in --output, with each article's text "
        "in --texts. Mentions joined by coreference links are one entity; without links, mentions with the same "
        "surface and type are. What has no place in gold is listed on stderr. See docs/interop.md.",
    )
    i.add_argument("--from", dest="tool", required=True, choices=IMPORT_TOOLS, help="the tool whose files these are")
    i.add_argument("files", nargs="+", metavar="FILE", help="tool files (a folder stands for the tool's files in it)")
    i.add_argument("--output", "-o", required=True, metavar="DIR", help="folder for the gold files")
    i.add_argument("--texts", metavar="DIR", help="folder for the article texts (default: seeds/ beside the output folder)")
    i.add_argument("--map", action="append", default=[], metavar="FROM=TO", help="read label FROM as TO (an entity type, number:<kind>, content:<kind>, cue, source); repeatable")
    i.add_argument("--force", action="store_true", help="replace existing gold and text files")
    i.set_defaults(func=run_import)
    x = gsub.add_parser(
        "export",
        help="gold as a Label Studio JSON export, brat standoff files or doccano JSONL",
        description="Write gold in an annotation tool's format: --output is a .json file (labelstudio), a folder "
        "(brat) or a .jsonl file (doccano). What the format cannot hold is listed on stderr.",
    )
    x.add_argument("--to", dest="tool", required=True, choices=EXPORT_TOOLS)
    x.add_argument("paths", nargs="*", default=["gold"], metavar="GOLD", help="gold files or folders (default: gold)")
    x.add_argument("--output", "-o", required=True, metavar="PATH")
    x.add_argument("--labeling-config", metavar="FILE", help="labelstudio: also write the labeling config (XML) the tasks open under")
    x.set_defaults(func=run_export)


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


def _print_losses(losses: Sequence[Loss]) -> None:
    for loss in losses:
        print(f"{'check' if loss.notice else 'not carried'}: {loss}", file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .. import RunError
    from ..gold.validate import GoldStats
    from ..interop import import_files, loss_summary, write_gold
    from ..interop.base import parse_label_map

    result = import_files(args.tool, args.files, parse_label_map(args.map))
    if not result.documents:
        _print_losses(result.losses)
        raise RunError("nothing to import: the files hold no documents")
    out = Path(args.output)
    texts = Path(args.texts) if args.texts else out.parent / "seeds"
    source = ", ".join(Path(f).name for f in args.files) + f" ({args.tool})"
    write_gold(result.documents, out, texts, source=source, force=args.force)
    _print_losses(result.losses)
    stats = GoldStats.of(result.documents)
    print(
        f"imported {stats.documents} document{'s' if stats.documents != 1 else ''} to {out} (texts in {texts}): "
        f"{stats.entities} entities, {stats.mentions} mentions, {stats.numbers} numbers, {stats.attributions} attributions; "
        f"{loss_summary(result.losses)}"
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .. import InputError, RunError
    from .. import load_gold
    from ..interop import export_documents, loss_summary

    if args.labeling_config and args.tool != "labelstudio":
        raise InputError("--labeling-config is for --to labelstudio")
    docs = load_gold(args.paths)
    if not docs:
        raise RunError("no gold documents to export")
    losses = export_documents(args.tool, docs, Path(args.output))
    if args.labeling_config:
        from ..fileio import atomic_write
        from ..interop.labelstudio import evalkit_labeling_config

        atomic_write(args.labeling_config, evalkit_labeling_config())
    _print_losses(losses)
    print(f"exported {len(docs)} document{'s' if len(docs) != 1 else ''} to {args.output} ({args.tool}); {loss_summary(losses)}")
    return 0
