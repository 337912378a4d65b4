"""``evalkit report REPORT``: render a report.json (or a run directory) in another format."""

from __future__ import annotations

import argparse

RENDERINGS = ("terminal", "markdown", "html", "junit", "json")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="render a run's report.json as a table, Markdown, HTML or JUnit XML",
        description=(
            "Render a report (report.json or the run directory holding it). Every rendering is made "
            "from the report alone. The terminal table has no colour when NO_COLOR is set or the "
            "output is not a terminal."
        ),
    )
    p.add_argument("report", metavar="REPORT", help="report.json or a run directory")
    p.add_argument("--format", choices=RENDERINGS, default="terminal", help="what to render (default: terminal)")
    p.add_argument("--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    p.add_argument("--no-color", action="store_true", help="no colour in the terminal table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import io
    import sys

    from ..reports import atomic_write, load_report

    report = load_report(args.report)
    if args.format == "terminal":
        from ..reports import render_terminal

        if not args.output:
            render_terminal(report, color=False if args.no_color else None)
            return 0
        buffer = io.StringIO()
        render_terminal(report, file=buffer, color=False, width=160)
        text = buffer.getvalue()
    else:
        from ..reports import render

        text = render(report, args.format)
    if args.output:
        atomic_write(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
