"""``evalkit agree GOLD_A GOLD_B``: inter-annotator agreement, the ceiling for any extractor."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .score import add_scoring_options

    p = sub.add_parser(
        "agree",
        help="agreement of two gold annotations of the same documents",
        description=(
            "Score annotation B against A and A against B with the scoring rules of `evalkit score`, and "
            "print the symmetric F1 of every part and level, and Cohen's kappa of entity types on "
            "mentions with the same span. Both must annotate the same documents (same ids and texts). "
            "--output DIR writes B scored against A as a report directory (as evalkit run writes), so "
            "evalkit compare can set an extractor beside the annotators' agreement."
        ),
    )
    p.add_argument("gold_a", metavar="GOLD_A", help="first annotation: gold file or folder")
    p.add_argument("gold_b", metavar="GOLD_B", help="second annotation: gold file or folder")
    p.add_argument("--json", metavar="PATH", help="write B scored against A as a report.json to PATH ('-' for standard output): the schema evalkit run writes, which compare and check read")
    p.add_argument("--result-json", metavar="PATH", help="write the agreement (both directions, symmetric F1, kappa) as JSON to PATH ('-' for standard output)")
    p.add_argument("--all", action="store_true", help="print every metric, not only the overall ones")
    p.add_argument("--output", metavar="DIR", help="write B scored against A as a report directory (report.json and the --format renderings)")
    p.add_argument("--format", default="json,html,markdown,junit", metavar="LIST", help="renderings written with --output, comma-separated (default: all)")
    p.add_argument("--label", metavar="NAME", help="annotation B's name in the report (default: GOLD_B's file or folder name)")
    add_scoring_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import load_gold
    from ..agree import agree
    from ..reports import number
    from ..stats import PRIMARY_VALUE
    from .score import config_from_args

    if args.output:
        from ..reports import check_formats

        check_formats(args.format.split(","))
    gold_a, gold_b = load_gold(args.gold_a), load_gold(args.gold_b)
    result = agree(gold_a, gold_b, config_from_args(args))
    if args.output or args.json:
        from pathlib import Path

        from ..reports import annotation_report, write_scored_outputs

        source = Path(args.gold_b)
        report = annotation_report(gold_a, gold_b, result, args.label or source.stem or "annotation", source.name)
        if write_scored_outputs(report, output=args.output, json_path=args.json, formats=args.format.split(",")):
            return 0
    if args.result_json:
        from ..reports import write_json_file

        write_json_file(result.to_dict(), args.result_json)
        if args.result_json == "-":
            return 0
    names = [n for n in result.metrics if args.all or "/" not in n]
    width = max([len(n) for n in names] + [6])
    print(f"{len(result.documents)} documents")
    print(f"{'metric':<{width}}  {'B vs A':>7}  {'A vs B':>7}  {'symm.':>7}")
    for name in names:
        m = result.metrics[name]
        key = PRIMARY_VALUE[m.kind]
        print(f"{name:<{width}}  {number(m.b_vs_a[key]):>7}  {number(m.a_vs_b[key]):>7}  {number(m.symmetric[key]):>7}")
    kappa = "undefined" if result.kappa is None else f"{result.kappa:.3f}"
    print(f"Cohen's kappa, entity types on same-span mentions: {kappa} ({result.type_agreement.pairs} pairs)")
    print(result.signature)
    return 0
