"""``evalkit check [--baseline BASELINE] [--min NAME=VALUE ...] REPORT``: the gate for CI.

Exit 0 when no gated metric fell beyond its tolerance and every ``--min`` is met, 1 listing
every one that failed (and whether a drop is significant) with the items that newly fail, 2
when an input is missing, corrupt, not a report, or not comparable with the baseline (scoring
signatures differ in anything but the extractor), or a ``--min`` names no metric of the
report. ``--update`` makes REPORT the new baseline instead (written atomically) and exits 0.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..reports import GateOutcome, Report


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="regression gate: fail (exit 1) when a gated metric fell below the baseline beyond tolerance or below a --min",
        description=(
            "Gate REPORT (report.json or run directory, from run, score or agree) against a committed baseline "
            "report, and/or against absolute minimums (--min). By default each extractor's headline metric of every "
            "part is gated on F1 (or the mean); the items that newly fail or newly pass against the baseline are "
            "listed. Exit 0 pass, 1 regression or minimum not met, 2 unusable or incomparable input."
        ),
        epilog=(
            "Examples: evalkit check --baseline reports/baseline.json --tolerance 0.01,summary=0.02 reports/run; "
            "evalkit check --min mentions.strict=0.8 --min summary.rougeLsum.max=0.3 --extractor rules reports/run"
        ),
    )
    p.add_argument("report", metavar="REPORT", help="report.json or run directory to check")
    p.add_argument("--baseline", metavar="FILE", help="the baseline report.json (needed unless --min is given)")
    p.add_argument(
        "--min",
        action="append",
        dest="minimums",
        metavar="NAME=VALUE",
        help="absolute minimum (repeatable): NAME a metric (its F1, or a mean's value) or NAME.precision/.recall/.f1/.value",
    )
    p.add_argument(
        "--extractor",
        action="append",
        dest="extractors",
        metavar="LABEL",
        help="gate only this extractor of REPORT (repeatable; default: every one)",
    )
    p.add_argument("--items", type=int, default=10, metavar="N", help="newly failing/passing items listed per extractor in the text output (default 10; 0: none)")
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


def outcome_dict(outcome: GateOutcome) -> dict[str, Any]:
    """The gate's verdict as plain data (``--format json``)."""
    return {
        "passed": outcome.passed,
        "signature": outcome.signature,
        "require_significance": outcome.require_significance,
        "alpha": outcome.alpha,
        "missing": list(outcome.missing),
        "added": list(outcome.added),
        "minimums": [
            {"extractor": t.extractor, "metric": t.metric, "stat": t.stat, "value": t.value, "minimum": t.minimum, "failed": t.failed}
            for t in outcome.thresholds
        ],
        "items": [d.to_dict() for d in outcome.items],
        "checks": [
            {
                "extractor": c.extractor,
                "baseline_extractor": c.baseline_extractor,
                "metric": c.metric,
                "stat": c.comparison.stat,
                "baseline": c.comparison.a_value.point,
                "current": c.comparison.b_value.point,
                "delta": c.comparison.delta_value,
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

    from ..errors import EXIT_GATE_FAILED, EXIT_OK, InputError
    from ..reports import atomic_write, gate_run, parse_minimums, parse_tolerance, update_baseline

    if args.baseline is None and not args.minimums:
        raise InputError("check needs --baseline FILE, --min NAME=VALUE, or both")
    if args.update and args.baseline is None:
        raise InputError("--update needs --baseline FILE (the file to write)")
    if args.items < 0:
        raise InputError(f"--items: {args.items} must be 0 or more")
    tolerance = parse_tolerance(args.tolerance)
    minimums = parse_minimums(args.minimums)
    if args.update:
        source = update_baseline(args.report, args.baseline)
        if not args.quiet:
            print(f"baseline updated: {args.baseline} <- {source}")
        return EXIT_OK
    current, outcome = gate_run(
        args.report,
        args.baseline,
        minimums=minimums,
        tolerance=tolerance,
        require_significance=args.require_significance,
        metrics=args.metric,
        method=args.method,
        unit=args.unit,
        extractors=args.extractors,
    )
    if args.junit:
        from ..reports import render_junit

        atomic_write(args.junit, render_junit(current, outcome))
    if args.markdown:
        from ..reports import render_markdown

        atomic_write(args.markdown, render_markdown(current, outcome))
    text = _render(args, current, outcome)
    if args.output:
        atomic_write(args.output, text)
    else:
        if args.format == "text" and sys.stdout.isatty():
            import shutil

            from ..reports import wrap_lines

            width = shutil.get_terminal_size().columns
            text = "".join(line + "\n" for line in wrap_lines(text.splitlines(), width))
        sys.stdout.write(text)
    return EXIT_OK if outcome.passed else EXIT_GATE_FAILED


def _render(args: argparse.Namespace, current: Report, outcome: GateOutcome) -> str:
    if args.format == "json":
        from ..reports import canonical_json

        return canonical_json(outcome_dict(outcome)).decode("utf-8")
    if args.format == "junit":
        from ..reports import render_junit

        return render_junit(current, outcome)
    if args.format == "markdown":
        from ..reports import render_markdown

        return render_markdown(current, outcome)
    from ..reports import gate_lines

    lines = gate_lines(outcome, args.items)
    if args.quiet:
        lines = [line for line in lines if not line.startswith(("ok ", "new ", "  PASS "))]
    if args.verbose:
        from ..reports import one_line

        pairs = sorted({(c.baseline_extractor, c.extractor) for c in outcome.checks})
        lines[:0] = [
            f"signature: {one_line(outcome.signature, 400)}",
            *(f"pair: baseline {one_line(a, 80)} -> report {one_line(b, 80)}" for a, b in pairs),
        ]
    return "".join(line + "\n" for line in lines)
