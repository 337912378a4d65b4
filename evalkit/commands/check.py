"""``evalkit check --baseline BASELINE REPORT``: the regression gate for CI.

Exit 0 when no gated metric fell beyond its tolerance, 1 listing every one that did (and
whether the drop is significant), 2 when an input is missing, corrupt, not a report, or not
comparable with the baseline (scoring signatures differ in anything but the extractor).
``--update`` makes REPORT the new baseline instead (written atomically) and exits 0.
"""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="regression gate: fail (exit 1) when a gated metric fell below the baseline beyond tolerance",
        description=(
            "Gate REPORT (report.json or run directory) against a committed baseline report. By default each "
            "extractor's headline metric of every part is gated on F1 (or the mean). Exit 0 pass, 1 regression, "
            "2 unusable or incomparable input."
        ),
        epilog="Example: evalkit check --baseline reports/baseline.json --tolerance 0.01,summary=0.02 reports/run",
    )
    p.add_argument("report", metavar="REPORT", help="report.json or run directory to check")
    p.add_argument("--baseline", required=True, metavar="FILE", help="the baseline report.json")
    p.add_argument(
        "--tolerance",
        metavar="SPEC",
        help="allowed drop: a number (default 0.01) and/or NAME=NUMBER pairs, NAME a metric, part, name component or statistic",
    )
    p.add_argument(
        "--require-significance",
        action="store_true",
        help="fail only on drops that are also significant (p < alpha); a drop that cannot be tested (not enough units) still fails",
    )
    p.add_argument("--metric", action="append", metavar="NAME", help="gate this metric (repeatable; replaces the default headlines)")
    p.add_argument("--method", choices=("bootstrap", "randomisation"), default="bootstrap", help="paired test (default: bootstrap)")
    p.add_argument("--unit", choices=("document", "sentence", "item"), help="paired units of the test (default: the reports' resampling unit)")
    p.add_argument("--update", action="store_true", help="write REPORT as the new baseline (atomically) and exit 0")
    p.add_argument("--format", choices=("text", "markdown", "junit", "json"), default="text", help="how to print the verdict (default: text)")
    p.add_argument("--output", metavar="FILE", help="write the verdict to FILE instead of standard output")
    p.add_argument("--junit", metavar="FILE", help="also write JUnit XML (a test case per gated metric and document)")
    p.add_argument("--markdown", metavar="FILE", help="also write the Markdown summary (for $GITHUB_STEP_SUMMARY)")
    noise = p.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print only failures and the verdict")
    noise.add_argument("-v", "--verbose", action="store_true", help="also print the signature and the pairing of extractors")
    p.set_defaults(func=run)


def outcome_dict(outcome) -> dict:
    """The gate's verdict as plain data (``--format json``)."""
    return {
        "passed": outcome.passed,
        "signature": outcome.signature,
        "require_significance": outcome.require_significance,
        "alpha": outcome.alpha,
        "missing": list(outcome.missing),
        "added": list(outcome.added),
        "checks": [
            {
                "extractor": c.extractor,
                "baseline_extractor": c.baseline_extractor,
                "metric": c.metric,
                "stat": c.comparison.stat,
                "baseline": c.comparison.a.point,
                "current": c.comparison.b.point,
                "delta": c.comparison.delta,
                "tolerance": c.tolerance,
                "p": c.comparison.p_value,
                "units": c.comparison.units,
                "unit": c.comparison.unit,
                "tested": c.comparison.tested,
                "reason": c.comparison.reason,
                "significant": c.significant,
                "failed": c.failed,
            }
            for c in outcome.checks
        ],
    }


def run(args: argparse.Namespace) -> int:
    import sys

    from ..errors import EXIT_GATE_FAILED, EXIT_OK
    from ..reports.canonical import atomic_write, canonical_json, load_report, report_path
    from ..reports.compare import check_comparable
    from ..reports.gate import check_reports, parse_tolerance
    from ..reports.model import report_to_dict

    tolerance = parse_tolerance(args.tolerance)
    current = load_report(args.report)
    if args.update:
        atomic_write(args.baseline, canonical_json(report_to_dict(current)))
        if not args.quiet:
            print(f"baseline updated: {args.baseline} <- {report_path(args.report)}")
        return EXIT_OK
    baseline = load_report(args.baseline)
    check_comparable(baseline, current, args.baseline, str(report_path(args.report)))
    outcome = check_reports(
        baseline,
        current,
        tolerance,
        require_significance=args.require_significance,
        metrics=args.metric,
        method=args.method,
        unit=args.unit,
    )
    if args.junit:
        from ..reports.junit import render_junit

        atomic_write(args.junit, render_junit(current, outcome))
    if args.markdown:
        from ..reports.markdown import render_markdown

        atomic_write(args.markdown, render_markdown(current, outcome))
    text = _render(args, current, outcome)
    if args.output:
        atomic_write(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK if outcome.passed else EXIT_GATE_FAILED


def _render(args: argparse.Namespace, current, outcome) -> str:
    if args.format == "json":
        from ..reports.canonical import canonical_json

        return canonical_json(outcome_dict(outcome)).decode("utf-8")
    if args.format == "junit":
        from ..reports.junit import render_junit

        return render_junit(current, outcome)
    if args.format == "markdown":
        from ..reports.markdown import render_markdown

        return render_markdown(current, outcome)
    from ..reports.terminal import gate_lines

    lines = gate_lines(outcome)
    if args.quiet:
        lines = [line for line in lines if not line.startswith(("ok ", "new "))]
    if args.verbose:
        from ..reports.text import one_line

        pairs = sorted({(c.baseline_extractor, c.extractor) for c in outcome.checks})
        lines[:0] = [
            f"signature: {one_line(outcome.signature, 400)}",
            *(f"pair: baseline {one_line(a, 80)} -> report {one_line(b, 80)}" for a, b in pairs),
        ]
    return "".join(line + "\n" for line in lines)
