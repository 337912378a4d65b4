"""``evalkit score GOLD PRED``: score saved predictions against gold and print the metrics.

Reading, grounding and scoring are :func:`evalkit.predictions.score_predictions` (where the
accepted files are described); this module parses the command line and renders the result.
``--output DIR`` writes the same report directory as ``evalkit run`` (``report.json`` and its
renderings), so ``evalkit compare`` and ``evalkit check`` take saved predictions as they take
runs; the predictions appear in it as one extractor, labelled ``--label`` (default: the
predictions' file name without extension). How many spans were grounded exactly, after
normalisation, fuzzily or not at all is printed.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .. import Result, ScoringConfig


def add_scoring_options(p: argparse._ActionsContainer) -> None:
    """The options that change a number (each is recorded in the signature); ``p`` is a parser
    or an argument group of one."""
    p.add_argument("--profile", choices=("exact", "default", "loose"), help="text normalisation profile (default: default)")
    p.add_argument("--number-rel-tol", type=float, metavar="TOL", help="relative tolerance for numbers (default: numbers compare as the gold writes them)")
    p.add_argument("--min-overlap", type=float, metavar="PCT", dest="min_overlap_percentage",
                   help="share of a gold mention span, in percent, a predicted span must cover to overlap it, "
                   "as nervaluate's min_overlap_percentage (default: any shared character)")
    p.add_argument("--content-metric", choices=("token_f1", "rougeL"), help="attribution content similarity (default: token_f1)")
    p.add_argument("--content-threshold", type=float, metavar="T", help="content similarity at which contents match (default: 0.5)")
    p.add_argument("--bootstrap", type=int, metavar="N", help="bootstrap resamples (default: 1000)")
    p.add_argument("--seed", type=int, metavar="N", help="random seed (default: 12345)")
    p.add_argument("--alpha", type=float, metavar="A", help="1 - confidence level of the intervals (default: 0.05)")
    p.add_argument(
        "--unit",
        choices=("auto", "document", "sentence", "item"),
        help="resampling unit of intervals and paired tests (default auto: document from 6 documents on, else item)",
    )
    p.add_argument("--no-stem", action="store_true", help="do not stem tokens for ROUGE and content overlap")


def config_from_args(args: argparse.Namespace) -> ScoringConfig:
    from .. import ScoringConfig

    values = {
        "profile": args.profile,
        "number_rel_tol": args.number_rel_tol,
        "content_metric": args.content_metric,
        "content_threshold": args.content_threshold,
        "bootstrap": args.bootstrap,
        "seed": args.seed,
        "alpha": args.alpha,
        "unit": args.unit,
        "min_overlap_percentage": args.min_overlap_percentage,
    }
    config = ScoringConfig(**{k: v for k, v in values.items() if v is not None})
    if args.no_stem:
        config = dataclasses.replace(config, use_stemmer=False)
    return config


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "score",
        help="score saved predictions against gold",
        description=(
            "Score predictions against gold: every part (entities, mentions, numbers, attributions, "
            "summary) with micro P/R/F1, bootstrap intervals and the scoring signature. PRED is a JSON "
            "object mapping document ids to structured summaries, one structured summary (single-"
            "document gold), a folder of <document id>.json files, or a .jsonl file with one "
            '{"id": ..., "entities": ...} document per line. --output DIR writes a report directory '
            "that evalkit compare and evalkit check accept."
        ),
    )
    p.add_argument("gold", metavar="GOLD", help="gold file or folder")
    p.add_argument("predictions", metavar="PRED", help="predictions: JSON or JSONL file, or folder")
    p.add_argument("--json", metavar="PATH", help="write the report.json of the scored predictions to PATH ('-' for standard output): the schema evalkit run writes, which compare and check read")
    p.add_argument("--result-json", metavar="PATH", help="write the Python API's scoring Result, with the grounding counts, as JSON to PATH ('-' for standard output)")
    p.add_argument("--output", metavar="DIR", help="write the report directory, as evalkit run does: report.json and the --format renderings")
    p.add_argument("--format", default="json,html,markdown,junit", metavar="LIST", help="renderings written with --output, comma-separated: json, html, markdown, junit (default: all)")
    p.add_argument("--label", metavar="NAME", help="the predictions' name in the report (default: PRED's file name without extension)")
    p.add_argument("--all", action="store_true", help="print every metric, not only each part's headline")
    p.add_argument(
        "--map-type",
        action="append",
        metavar="FROM=TO",
        help="rename a predicted entity type before checking it (repeatable), e.g. --map-type PER=PERSON for CoNLL labels",
    )
    add_scoring_options(p)
    p.set_defaults(func=run)


def parse_type_map(specs: list[str] | None) -> dict[str, str]:
    """``["PER=PERSON", "MISC=NORP"]`` as a mapping; raises :class:`InputError` on a bad pair."""
    from .. import InputError
    from .. import ENTITY_TYPES

    out = {}
    for spec in specs or []:
        old, sep, new = spec.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise InputError(f"--map-type: {spec!r} is not FROM=TO")
        if new.strip().upper() not in ENTITY_TYPES:
            raise InputError(f"--map-type: {spec!r} maps to {new.strip()!r}, not one of {', '.join(ENTITY_TYPES)}")
        out[old.strip().upper()] = new.strip().upper()
    return out


def format_metrics(result: Result, everything: bool) -> list[str]:
    """Aligned text lines: metric, P, R, F1 (or the mean) with the interval of the headline
    value; ``n/a`` for what is undefined, and why an interval is missing."""
    from ..reports import number
    from ..scoring.result import PARTS
    from ..stats import PRIMARY_VALUE

    names = list(result.metrics) if everything else [h.name for part in PARTS if (h := result.headline(part)) is not None]
    width = max([len(n) for n in names] + [6])
    level = f"{100 * (1 - result.config.alpha):g}% CI"
    lines = [f"{'metric':<{width}}  {'P':>6}  {'R':>6}  {'F1':>6}  {level:>15}  documents"]
    for name in names:
        m = result.metrics[name]
        key = PRIMARY_VALUE[m.kind]
        lo, hi = m.ci[key]
        if m.values[key] is None:
            ci = "undefined"
        elif lo is None or hi is None:
            ci = m.ci_reason or "n/a"
        else:
            ci = f"[{lo:.3f}, {hi:.3f}]"
        p = number(m.values["precision"]) if m.kind == "prf" else ""
        r = number(m.values["recall"]) if m.kind == "prf" else ""
        lines.append(f"{name:<{width}}  {p:>6}  {r:>6}  {number(m.values[key]):>6}  {ci:>15}  {m.documents}")
    return lines


def run(args: argparse.Namespace) -> int:
    from .. import score_predictions

    config = config_from_args(args)
    if args.output:
        from ..reports import check_formats

        check_formats(args.format.split(","))
    scored = score_predictions(args.gold, args.predictions, config, type_map=parse_type_map(args.map_type))
    result = scored.result
    if args.output or args.json:
        from ..reports import write_scored_outputs

        source = Path(args.predictions)
        report = scored.report(args.label or source.stem or "predictions", source.name)
        if write_scored_outputs(report, output=args.output, json_path=args.json, formats=args.format.split(",")):
            return 0
    if args.result_json:
        from ..reports import write_json_file

        write_json_file({**result.to_dict(), "grounding": scored.grounding.to_dict()}, args.result_json)
        if args.result_json == "-":
            return 0
    from ..stats import min_units

    print(
        f"{len(result.documents)} documents; unit of resampling: {result.resampling_unit} "
        f"(intervals need at least {min_units(result.config.alpha)} units); "
        "documents: how many documents the macro average is over (those where the metric is defined)"
    )
    if result.missing_predictions:
        print(f"no prediction for {len(result.missing_predictions)} document(s), scored as empty: {', '.join(result.missing_predictions)}")
    print(scored.grounding.line())
    for line in format_metrics(result, args.all):
        print(line)
    if result.type_agreement.kappa is not None:
        print(f"entity types on same-span mentions: Cohen's kappa {result.type_agreement.kappa:.3f} ({result.type_agreement.pairs} pairs)")
    print(result.signature)
    return 0
