"""``evalkit compare RUN_A RUN_B`` (or ``RUN --a X --b Y``): metrics side by side, deltas,
paired tests, and the items that newly fail or newly pass."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..reports import Estimate, ReportComparison


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare",
        help="compare two runs metric by metric: values, deltas and paired significance tests",
        description=(
            "Compare run B against run A (report.json files or run directories). Both must have the same "
            "scoring signature; extractors are paired by label, or the single extractor of each. The paired "
            "test is recomputed from the counts and explanations the reports store, over the reports' resampling "
            "unit or --unit; with fewer than 6 paired units (alpha 0.05) p is n/a: not enough units. "
            "Then the items (mentions, entities, numbers, attributions) that newly fail or newly pass in B. "
            "With one run and --a/--b, two extractors of that run are compared head to head. "
            "Exit 2 when the reports are unusable or not comparable."
        ),
        epilog="Examples: evalkit compare reports/baseline.json reports/run; evalkit compare reports/run --a rules --b spacy:en_core_web_sm",
    )
    p.add_argument("run_a", metavar="RUN_A", help="report.json or run directory (the reference)")
    p.add_argument("run_b", metavar="RUN_B", nargs="?", help="report.json or run directory compared against A (default: RUN_A itself, with --a and --b)")
    p.add_argument("--a", dest="label_a", metavar="LABEL", help="the extractor of RUN_A to compare (with --b)")
    p.add_argument("--b", dest="label_b", metavar="LABEL", help="the extractor of RUN_B (or RUN_A) compared against it (with --a)")
    p.add_argument("--items", type=int, default=10, metavar="N", help="newly failing/passing items listed per pair and direction (default 10; 0: none)")
    p.add_argument("--metric", action="append", metavar="NAME", help="compare this metric (repeatable; default: each part's headline)")
    p.add_argument("--all", action="store_true", help="compare every metric either run has (a metric one side lacks counts as zeros there)")
    p.add_argument("--method", choices=("bootstrap", "randomisation"), default="bootstrap", help="paired test (default: bootstrap)")
    p.add_argument("--unit", choices=("document", "sentence", "item"), help="paired units (default: the reports' resampling unit)")
    p.add_argument("--format", choices=("terminal", "json"), default="terminal", help="output format (default: terminal)")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--no-color", action="store_true", help="no colour in the terminal table")
    p.set_defaults(func=run)


def comparison_dict(comparison: ReportComparison) -> dict[str, Any]:
    """A comparison as plain data (``--format json``)."""
    return {
        "signature": comparison.signature,
        "method": comparison.method,
        "resamples": comparison.n,
        "seed": comparison.seed,
        "alpha": comparison.alpha,
        "unit": comparison.unit,
        "only_in_a": list(comparison.only_in_a),
        "only_in_b": list(comparison.only_in_b),
        "pairs": [
            {
                "a": pair.label_a,
                "b": pair.label_b,
                "metrics": {
                    c.name: {
                        "stat": c.stat,
                        "a": _estimate_dict(c.a_value),
                        "b": _estimate_dict(c.b_value),
                        "delta": c.delta_value,
                        "p": c.p_value,
                        "units": c.units,
                        "reason": c.reason,
                    }
                    for c in pair.metrics.values()
                },
                "items": None if pair.items is None else pair.items.to_dict(),
            }
            for pair in comparison.pairs
        ],
    }


def _estimate_dict(v: Estimate) -> dict[str, float | None]:
    return {"point": v.point, "low": v.low, "high": v.high}


def run(args: argparse.Namespace) -> int:
    import io
    import sys

    from .. import InputError
    from ..reports import atomic_write, canonical_json, compare_runs

    if args.run_b is None and (args.label_a is None or args.label_b is None):
        raise InputError("compare needs RUN_B, or one run with --a LABEL and --b LABEL (a head-to-head)")
    if args.items < 0:
        raise InputError(f"--items: {args.items} must be 0 or more")
    comparison = compare_runs(
        args.run_a, args.run_b, label_a=args.label_a, label_b=args.label_b,
        metrics=args.metric, all_metrics=args.all, method=args.method, unit=args.unit,
    )
    if args.format == "json":
        data = canonical_json(comparison_dict(comparison))
        if args.output:
            atomic_write(args.output, data)
        else:
            sys.stdout.write(data.decode("utf-8"))
        return 0
    from ..reports import render_comparison

    if args.output:
        buffer = io.StringIO()
        render_comparison(comparison, file=buffer, color=False, items=args.items)
        atomic_write(args.output, buffer.getvalue())
    else:
        render_comparison(comparison, color=False if args.no_color else None, items=args.items)
    return 0
