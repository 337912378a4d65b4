"""``evalkit score GOLD PRED``: score saved predictions against gold and print the metrics.

PRED is a JSON file holding an object that maps document ids to structured summaries (the
prediction format of ``evalkit schema``), a single structured summary when the gold has one
document, a folder of ``<document id>.json`` files, or a JSON Lines file (``.jsonl``) with one
document per line: ``{"id": "<document id>", "entities": [...], ...}``.

``--output DIR`` writes the same report directory as ``evalkit run`` (``report.json`` and its
renderings), so ``evalkit compare`` and ``evalkit check`` take saved predictions as they take
runs; the predictions appear in it as one extractor, labelled ``--label`` (default: the
predictions' file name without extension).

Saved predictions are checked exactly as ``evalkit run`` checks an extractor's output: spans
given as text only (how an LLM answers) are located in the document by the same function
(:func:`evalkit.grounding.ground`), and grounded spans must match the text — so the same
predictions get the same scores through ``score`` and ``run``. How many spans were grounded
exactly, after normalisation, fuzzily or not at all is printed.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any


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


def config_from_args(args: argparse.Namespace) -> Any:
    from ..scoring.config import ScoringConfig

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
    from ..errors import InputError
    from ..model import ENTITY_TYPES

    out = {}
    for spec in specs or []:
        old, sep, new = spec.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise InputError(f"--map-type: {spec!r} is not FROM=TO")
        if new.strip().upper() not in ENTITY_TYPES:
            raise InputError(f"--map-type: {spec!r} maps to {new.strip()!r}, not one of {', '.join(ENTITY_TYPES)}")
        out[old.strip().upper()] = new.strip().upper()
    return out


def load_predictions(path: str, gold_ids: list[str], type_map: dict[str, str] | None = None) -> dict[str, Any]:
    """Read PRED (see the module docstring) into ``{document id: StructuredSummary}``; every
    value outside the prediction schema is a located problem (``type_map`` renames entity
    types first)."""
    from ..errors import InputError, Problem
    from ..serialize import summary_from_dict

    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*.json"))
        if not files:
            raise InputError(Problem(str(p), None, "no prediction files (*.json) in this folder"))
        data: dict[str, Any] = {}
        for f in files:
            data[f.stem] = _read_json(f)
        sources = {f.stem: str(f) for f in files}
    elif p.suffix == ".jsonl" and p.is_file():
        data, sources = read_jsonl(p)
    elif p.exists():
        data = _read_json(p)
        if not isinstance(data, dict):
            raise InputError(Problem(str(p), None, f"expected a JSON object, got {type(data).__name__}"))
        summary_keys = {"entities", "numbers", "attributions", "summaries", "summary"}
        if len(gold_ids) == 1 and data and set(data) <= summary_keys and gold_ids[0] not in data:
            data = {gold_ids[0]: data}
        sources = {k: f"{p}:{k}" for k in data}
    else:
        raise InputError(Problem(str(p), None, "no such file or folder"))
    problems: list[Problem] = []
    out = {}
    for doc_id, value in data.items():
        try:
            out[doc_id] = summary_from_dict(value, where=sources[doc_id], type_map=type_map)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return out


def read_jsonl(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """One prediction per line of a JSON Lines file: ``{document id: summary dict}`` and, per
    id, its location ``path:line``. Blank lines are skipped; a line that is not a JSON object
    with a string ``id``, or repeats an id, is one located problem (all are reported)."""
    import json

    from ..errors import InputError, Problem

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(str(path), None, f"cannot read: {exc}")) from None
    data: dict[str, Any] = {}
    sources: dict[str, str] = {}
    problems = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(str(path), lineno, f"not valid JSON: {exc.msg} (column {exc.colno})"))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(str(path), lineno, f"expected a JSON object, got {type(obj).__name__}"))
            continue
        doc_id = obj.pop("id", None)
        if not isinstance(doc_id, str) or not doc_id:
            problems.append(Problem(str(path), lineno, 'needs "id": the document id as a string'))
        elif doc_id in data:
            problems.append(Problem(str(path), lineno, f"document {doc_id!r} again (first at {sources[doc_id]})"))
        else:
            data[doc_id] = obj
            sources[doc_id] = f"{path}:{lineno}"
    if problems:
        raise InputError(problems)
    if not data:
        raise InputError(Problem(str(path), None, "no predictions (every line is blank)"))
    return data, sources


def ground_predictions(predictions: dict[str, Any], gold: list[Any], where: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Ground text-only spans as ``evalkit run`` does, and check every grounded span.

    Returns the grounded predictions and the span counts: ``given`` (offsets supplied), then
    one count per grounding status (``exact``, ``normalised``, ``fuzzy``, ``unresolved``).
    Raises :class:`InputError` listing every span whose offsets do not match the text.
    """
    from ..errors import InputError
    from ..grounding import STATUSES, ground
    from ..serialize import span_problems

    documents = {g.document.id: g.document for g in gold}
    counts = {"given": 0, **dict.fromkeys(STATUSES, 0)}
    out = {}
    problems = []
    for doc_id, summary in predictions.items():
        document = documents.get(doc_id)
        if document is None:  # an unknown document: score() names it
            out[doc_id] = summary
            continue
        grounded, report = ground(summary, document)
        counts["given"] += report.given
        for status, n in report.counts.items():
            counts[status] += n
        problems.extend(span_problems(grounded, document, f"{where}:{doc_id}"))
        out[doc_id] = grounded
    if problems:
        raise InputError(problems)
    return out, counts


def grounding_line(counts: dict[str, int]) -> str:
    """``spans: 12 with offsets; text-only: 30 grounded exactly, 2 normalised, 1 fuzzily, 0 not at all``."""
    return (
        f"spans: {counts['given']} with offsets; text-only: {counts['exact']} grounded exactly, "
        f"{counts['normalised']} after normalisation, {counts['fuzzy']} fuzzily, {counts['unresolved']} not at all"
    )


def _read_json(path: Path) -> Any:
    import json

    from ..errors import InputError, Problem

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(str(path), None, f"cannot read: {exc}")) from None
    except json.JSONDecodeError as exc:
        raise InputError(Problem(str(path), exc.lineno, f"not valid JSON: {exc.msg}")) from None


def format_metrics(result: Any, everything: bool) -> list[str]:
    """Aligned text lines: metric, P, R, F1 (or the mean) with the interval of the headline
    value; ``n/a`` for what is undefined, and why an interval is missing."""
    from ..reports.values import number

    names = list(result.metrics) if everything else [h.name for part in ("entities", "mentions", "numbers", "attributions", "summary") if (h := result.headline(part)) is not None]
    width = max([len(n) for n in names] + [6])
    level = f"{100 * (1 - result.config.alpha):g}% CI"
    lines = [f"{'metric':<{width}}  {'P':>6}  {'R':>6}  {'F1':>6}  {level:>15}  documents"]
    for name in names:
        m = result.metrics[name]
        key = "f1" if m.kind == "prf" else "value"
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

    from ..gold import load_gold
    from ..scoring import score

    config = config_from_args(args)
    gold = load_gold(args.gold)
    predictions = load_predictions(args.predictions, [g.document.id for g in gold], parse_type_map(args.map_type))
    predictions, grounding = ground_predictions(predictions, gold, args.predictions)
    if args.output:
        from ..reports.writer import check_formats

        check_formats(args.format.split(","))
    result = score(gold, predictions, config)
    if args.output or args.json:
        from ..extractors.base import ExtractorInfo
        from ..reports.writer import scored_report, write_scored_outputs

        source = Path(args.predictions)
        label = args.label or source.stem or "predictions"
        report = scored_report(gold, {label: (predictions, ExtractorInfo("predictions", source.name))}, {label: result})
        if write_scored_outputs(report, output=args.output, json_path=args.json, formats=args.format.split(",")):
            return 0
    if args.result_json:
        from ..reports.writer import write_json_file

        write_json_file({**result.to_dict(), "grounding": grounding}, args.result_json)
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
    print(grounding_line(grounding))
    for line in format_metrics(result, args.all):
        print(line)
    if result.type_agreement.kappa is not None:
        print(f"entity types on same-span mentions: Cohen's kappa {result.type_agreement.kappa:.3f} ({result.type_agreement.pairs} pairs)")
    print(result.signature)
    return 0
