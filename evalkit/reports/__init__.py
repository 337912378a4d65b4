"""Reports: the canonical ``report.json`` of a run, its renderings, comparison and the gate.

* :mod:`.model` — the report as frozen values, and its dict form (``report_version``);
* :mod:`.build` — a report from a run's outputs and scoring results;
* :mod:`.canonical` — canonical, byte-stable JSON; atomic writes; reading a report back;
* :mod:`.schema` — the JSON Schema of ``report.json``;
* :mod:`.terminal`, :mod:`.markdown`, :mod:`.junit`, :mod:`.html` (+ :mod:`.charts`) — renderings,
  each made from the report alone;
* :mod:`.compare` — paired comparison of two reports; :mod:`.gate` — the regression gate;
* :mod:`.writer` — a run's report directory.

Importing this package is cheap; heavy modules load on first use of a name below.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Report": "model",
    "report_from_dict": "model",
    "report_to_dict": "model",
    "REPORT_VERSION": "schema",
    "build_report": "build",
    "run_metadata": "build",
    "canonical_json": "canonical",
    "atomic_write": "canonical",
    "load_report": "canonical",
    "report_schema": "schema",
    "compare_reports": "compare",
    "check_reports": "gate",
    "parse_tolerance": "gate",
    "render_terminal": "terminal",
    "render_markdown": "markdown",
    "render_junit": "junit",
    "render_html": "html",
    "write_report_dir": "writer",
    "write_run_reports": "writer",
    "FORMATS": "writer",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'evalkit.reports' has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = sorted(_EXPORTS)
