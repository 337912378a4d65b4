"""``evalkit compare RUN_A RUN_B``: metrics side by side, deltas and paired tests."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="compare two runs metric by metric: values, deltas and paired significance tests",
        description=(
            "Compare run B against run A (report.json files or run directories). Both must have the same "
            "scoring signature; extractors are paired by label, or the single extractor of each. The paired "
            "test is recomputed from the counts and explanations the reports store, over the reports' resampling "
            "unit or --unit; with fewer than 6 paired units (alpha 0.05) p is n/a: not enough units. "
            "Exit 2 when the reports are unusable or not comparable."
        ),
    )
    p.add_argument("run_a", metavar="RUN_A", help="report.json or run directory (the reference)")
    p.add_argument("run_b", metavar="RUN_B", help="report.json or run directory (compared against A)")
    p.add_argument("--metric", action="append", metavar="NAME", help="compare this metric (repeatable; default: each part's headline)")
    p.add_argument("--all", action="store_true", help="compare every metric both runs have")
    p.add_argument("--method", choices=("bootstrap", "randomisation"), default="bootstrap", help="paired test (default: bootstrap)")
    p.add_argument("--unit", choices=("document", "sentence", "item"), help="paired units (default: the reports' resampling unit)")
    p.add_argument("--format", choices=("terminal", "json"), default="terminal", help="output format (default: terminal)")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--no-color", action="store_true", help="no colour in the terminal table")
    p.set_defaults(func=run)


def comparison_dict(comparison) -> dict:
    """A comparison as plain data (``--format json``)."""
    return {
        "signature": comparison.signature,
        "method": comparison.method,
        "resamples": comparison.resamples,
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
                    c.metric: {
                        "stat": c.stat,
                        "a": {"point": c.a.point, "low": c.a.low, "high": c.a.high},
                        "b": {"point": c.b.point, "low": c.b.low, "high": c.b.high},
                        "delta": c.delta,
                        "p": c.p_value,
                        "units": c.units,
                        "reason": c.reason,
                    }
                    for c in pair.metrics
                },
            }
            for pair in comparison.pairs
        ],
    }


def run(args: argparse.Namespace) -> int:
    import io
    import sys

    from ..reports.canonical import atomic_write, canonical_json, load_report
    from ..reports.compare import check_comparable, compare_reports

    a, b = load_report(args.run_a), load_report(args.run_b)
    check_comparable(a, b, args.run_a, args.run_b)
    comparison = compare_reports(a, b, metrics=args.metric, all_metrics=args.all, method=args.method, unit=args.unit)
    if args.format == "json":
        data = canonical_json(comparison_dict(comparison))
        if args.output:
            atomic_write(args.output, data)
        else:
            sys.stdout.write(data.decode("utf-8"))
        return 0
    from ..reports.terminal import render_comparison

    if args.output:
        buffer = io.StringIO()
        render_comparison(comparison, file=buffer, color=False)
        atomic_write(args.output, buffer.getvalue())
    else:
        render_comparison(comparison, color=False if args.no_color else None)
    return 0
