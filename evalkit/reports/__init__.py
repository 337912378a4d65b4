"""Reports: the canonical ``report.json`` of a run, its renderings, comparison and the gate.

* :mod:`.model` — the report as frozen values, and its dict form;
* :mod:`.schema` — the JSON Schema of ``report.json`` and its ``REPORT_VERSION``;
* :mod:`.build` — a report from a run's outputs and scoring results;
* :mod:`.canonical` — canonical, byte-stable JSON; atomic writes; reading a report back;
* :mod:`.terminal`, :mod:`.markdown`, :mod:`.junit`, :mod:`.html` (+ :mod:`.charts`) — renderings,
  each made from the report alone;
* :mod:`.compare` — the paired comparison engine (of two reports, or two scoring results);
  :mod:`.gate` — the regression gate;
* :mod:`.writer` — a run's report directory.

The names below are this package's public API (what the CLI uses); like :mod:`evalkit`'s, they
are listed once, in the ``TYPE_CHECKING`` block, and each module loads on first use of a name
(:func:`evalkit.lazy.attach`), so importing this package is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import attach

if TYPE_CHECKING:  # the public API: each name once
    from .build import annotation_report, build_report, run_metadata
    from .canonical import atomic_write, canonical_json, load_report, report_path
    from .compare import Comparison, MetricComparison, ReportComparison, compare_reports, compare_runs
    from .gate import GateOutcome, check_reports, gate_run, parse_minimums, parse_tolerance, update_baseline
    from .html import render_html
    from .junit import render_junit
    from .markdown import render_markdown
    from .model import Estimate, ExtractorReport, MetricScore, Report, report_from_dict, report_to_dict
    from .schema import REPORT_VERSION, report_schema
    from .terminal import gate_lines, render_comparison, render_terminal
    from .text import format_cost, one_line, wrap_lines
    from .values import number
    from .writer import (
        FORMATS,
        check_formats,
        render,
        scored_report,
        write_json_file,
        write_report_dir,
        write_run_reports,
        write_scored_outputs,
    )

__all__ = [
    "Comparison",
    "Estimate",
    "ExtractorReport",
    "FORMATS",
    "GateOutcome",
    "MetricComparison",
    "MetricScore",
    "REPORT_VERSION",
    "Report",
    "ReportComparison",
    "annotation_report",
    "atomic_write",
    "build_report",
    "canonical_json",
    "check_formats",
    "check_reports",
    "compare_reports",
    "compare_runs",
    "format_cost",
    "gate_lines",
    "gate_run",
    "load_report",
    "number",
    "one_line",
    "parse_minimums",
    "parse_tolerance",
    "render",
    "render_comparison",
    "render_html",
    "render_junit",
    "render_markdown",
    "render_terminal",
    "report_from_dict",
    "report_path",
    "report_schema",
    "report_to_dict",
    "run_metadata",
    "scored_report",
    "update_baseline",
    "wrap_lines",
    "write_json_file",
    "write_report_dir",
    "write_run_reports",
    "write_scored_outputs",
]

__getattr__, __dir__ = attach(__name__, __file__, globals(), __all__)
