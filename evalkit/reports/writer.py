"""Writing a run's report directory: ``report.json`` first, every rendering made from it.

The renderings are produced from the canonical JSON read back (not from the in-memory
values), so what the HTML, Markdown and JUnit show is exactly what ``report.json`` holds.
Every file is written atomically (:func:`~evalkit.reports.canonical.atomic_write`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..errors import InputError
from .canonical import METADATA_FILE, REPORT_FILE, atomic_write, canonical_json
from .model import Report, report_from_dict, report_to_dict

#: Renderings and the file each is written to.
FORMATS: Mapping[str, str] = {
    "json": REPORT_FILE,
    "html": "report.html",
    "markdown": "report.md",
    "junit": "junit.xml",
}


def check_formats(formats: Iterable[str]) -> list[str]:
    """The formats in canonical order; raises :class:`InputError` naming an unknown one."""
    wanted = [f.strip() for f in formats if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise InputError(f"--format: unknown {unknown[0]!r}; expected any of {', '.join(FORMATS)}")
    return [f for f in FORMATS if f in wanted]


def render(report: Report, fmt: str, gate: Any = None) -> str:
    """One rendering of ``report`` as text: ``html``, ``markdown``, ``junit`` or ``json``."""
    if fmt == "html":
        from .html import render_html

        return render_html(report, gate)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report, gate)
    if fmt == "junit":
        from .junit import render_junit

        return render_junit(report, gate)
    if fmt == "json":
        return canonical_json(report_to_dict(report)).decode("utf-8")
    raise InputError(f"unknown format {fmt!r}")


def write_report_dir(
    report: Report,
    directory: str | os.PathLike[str],
    *,
    formats: Iterable[str] = tuple(FORMATS),
    metadata: Mapping[str, Any] | None = None,
) -> dict[str, Path]:
    """Write ``report.json`` (always), ``metadata.json`` (when given) and the chosen renderings
    into ``directory``; return format → path of every file written."""
    out = Path(directory)
    data = canonical_json(report_to_dict(report))
    written = {"json": out / REPORT_FILE}
    atomic_write(written["json"], data)
    if metadata is not None:
        written["metadata"] = out / METADATA_FILE
        atomic_write(written["metadata"], canonical_json(metadata))
    reread = report_from_dict(json.loads(data), where=str(written["json"]))
    for fmt in check_formats(formats):
        if fmt == "json":
            continue
        path = out / FORMATS[fmt]
        atomic_write(path, render(reread, fmt))
        written[fmt] = path
    return written


def write_run_reports(
    evaluation: Any,
    directory: str | os.PathLike[str],
    *,
    formats: Iterable[str] = tuple(FORMATS),
    argv: Any = None,
) -> dict[str, Path]:
    """Build the report of an :class:`~evalkit.evaluation.Evaluation` (or ``(output, results)``)
    and write its directory, with ``metadata.json`` (time, host, timings) beside it."""
    from .build import build_report, run_metadata

    output, results = (evaluation.output, evaluation.results) if hasattr(evaluation, "output") else evaluation
    report = build_report(output, results)
    return write_report_dir(report, directory, formats=formats, metadata=run_metadata(output, argv))


def scored_report(gold: Any, predictions: Mapping[str, Any], results: Mapping[str, Any]) -> Report:
    """The report of predictions scored without a run (``evalkit score``): ``predictions``
    maps each label to ``(summaries by document id, ExtractorInfo)`` and ``results`` each
    label to its scoring ``Result``. The same ``report.json`` schema and renderings as a run;
    no ``metadata.json`` (nothing was timed)."""
    from .build import build_report, predictions_output

    return build_report(predictions_output(gold, predictions), results)


def write_scored_outputs(report: Report, *, output: str | None, json_path: str | None, formats: Iterable[str]) -> bool:
    """What ``score``/``agree`` were asked to write: the report directory (``--output``) and
    ``report.json`` alone (``--json``). True when the report went to standard output, which
    then holds nothing else."""
    import sys

    if output:
        written = write_report_dir(report, output, formats=formats)
        print(f"report written: {written['json']}", file=sys.stderr)
    if json_path:
        write_report_json(report, json_path)
    return json_path == "-"


def write_json_file(data: Any, path: str) -> None:
    """``data`` as indented JSON to ``path`` (``-``: standard output), written atomically."""
    import sys

    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if path == "-":
        sys.stdout.write(text)
    else:
        atomic_write(path, text)


def write_report_json(report: Report, path: str) -> None:
    """``report.json``'s canonical bytes to ``path`` (``-``: standard output)."""
    import sys

    data = canonical_json(report_to_dict(report))
    if path == "-":
        sys.stdout.write(data.decode("utf-8"))
    else:
        atomic_write(path, data)


__all__ = [
    "FORMATS",
    "check_formats",
    "render",
    "scored_report",
    "write_json_file",
    "write_report_dir",
    "write_report_json",
    "write_run_reports",
    "write_scored_outputs",
]
