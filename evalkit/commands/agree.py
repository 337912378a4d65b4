"""``evalkit agree GOLD_A GOLD_B``: inter-annotator agreement, the ceiling for any extractor."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    from .score import add_scoring_options

    p = sub.add_parser(
        "agree",
        help="agreement of two gold annotations of the same documents",
        description=(
            "Score annotation B against A and A against B with the scoring rules of `evalkit score`, and "
            "print the symmetric F1 of every part and level, and Cohen's kappa of entity types on "
            "mentions with the same span. Both must annotate the same documents (same ids and texts)."
        ),
    )
    p.add_argument("gold_a", metavar="GOLD_A", help="first annotation: gold file or folder")
    p.add_argument("gold_b", metavar="GOLD_B", help="second annotation: gold file or folder")
    p.add_argument("--json", metavar="PATH", help="write the agreement as JSON to PATH ('-' for standard output)")
    p.add_argument("--all", action="store_true", help="print every metric, not only the overall ones")
    add_scoring_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from ..agree import agree
    from ..gold import load_gold
    from .score import config_from_args

    from ..reports.values import number

    result = agree(load_gold(args.gold_a), load_gold(args.gold_b), config_from_args(args))
    if args.json:
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
            return 0
        from ..reports.canonical import atomic_write

        atomic_write(args.json, text)
    names = [n for n in result.metrics if args.all or "/" not in n]
    width = max([len(n) for n in names] + [6])
    print(f"{len(result.documents)} documents")
    print(f"{'metric':<{width}}  {'B vs A':>7}  {'A vs B':>7}  {'symm.':>7}")
    for name in names:
        m = result.metrics[name]
        key = "f1" if m.kind == "prf" else "value"
        print(f"{name:<{width}}  {number(m.b_vs_a[key]):>7}  {number(m.a_vs_b[key]):>7}  {number(m.symmetric[key]):>7}")
    kappa = "undefined" if result.kappa is None else f"{result.kappa:.3f}"
    print(f"Cohen's kappa, entity types on same-span mentions: {kappa} ({result.type_agreement.pairs} pairs)")
    print(result.signature)
    return 0
