"""JUnit XML, the format CI systems show as test results.

Layout: one ``<testsuite>`` per extractor (``evalkit.<label>``) holding

* a test case per gated metric (``classname="evalkit.<label>.metrics"``, name the metric and
  statistic) — a ``<failure>`` when the regression gate failed it, otherwise passed with the
  value in ``<system-out>``; without a gate outcome these cases record the values only;
* a test case per document (``classname="evalkit.<label>.documents"``) — an ``<error>`` when the
  extractor failed on it (its error record), otherwise passed with the headline values.

The scoring signature, the extractor's identity and the evalkit version are ``<properties>``.
The XML is built with :mod:`xml.etree.ElementTree`, which escapes ``& < > "`` in text and
attributes; characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates,
U+FFFE/U+FFFF) and bidi controls are replaced by visible markers first
(:func:`~evalkit.reports.text.visible`). No CDATA is used, so ``]]>`` in data is just text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .compare import default_metrics
from .gate import GateOutcome
from ..scoring.result import PARTS
from ..stats import PRIMARY_VALUE
from .model import ExtractorReport, Report
from .text import visible
from .values import number

#: Longest text kept in one message attribute or element.
MAX_TEXT = 4000


def _x(text: object, limit: int = MAX_TEXT) -> str:
    s = visible(str(text))
    return s if len(s) <= limit else s[:limit] + f"… (+{len(s) - limit} chars)"


def render_junit(report: Report, gate: GateOutcome | None = None) -> str:
    """The report (and the gate's verdict, when given) as a JUnit XML document."""
    root = ET.Element("testsuites", {"name": "evalkit"})
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for e in report.extractors:
        suite = _suite(report, e, gate)
        for k in totals:
            totals[k] += int(suite.get(k, "0"))
        root.append(suite)
    for k, v in totals.items():
        root.set(k, str(v))
    if gate is not None and gate.thresholds:
        failed = len(gate.threshold_failures)
        suite = ET.SubElement(root, "testsuite", {"name": "evalkit.minimums", "tests": str(len(gate.thresholds)), "failures": str(failed), "errors": "0"})
        for t in gate.thresholds:
            case = ET.SubElement(suite, "testcase", {"classname": f"evalkit.{_x(t.extractor, 300)}.minimums", "name": _x(f"{t.metric}.{t.stat} >= {t.minimum:g}", 300)})
            if t.failed:
                failure = ET.SubElement(case, "failure", {"message": _x(t.describe(), 1000), "type": "minimum"})
                failure.text = _x(t.describe())
            else:
                ET.SubElement(case, "system-out").text = _x(t.describe())
        totals["tests"] = int(root.get("tests", "0")) + len(gate.thresholds)
        totals["failures"] = int(root.get("failures", "0")) + failed
        root.set("tests", str(totals["tests"]))
        root.set("failures", str(totals["failures"]))
    if gate is not None and gate.missing:
        suite = ET.SubElement(root, "testsuite", {"name": "evalkit.gate", "tests": str(len(gate.missing)), "failures": str(len(gate.missing)), "errors": "0"})
        for label in gate.missing:
            case = ET.SubElement(suite, "testcase", {"classname": "evalkit.gate", "name": _x(f"extractor {label}", 300)})
            ET.SubElement(case, "failure", {"message": _x(f"extractor {label} is in the baseline but missing from the report", 400), "type": "missing"})
        root.set("tests", str(totals["tests"] + len(gate.missing)))
        root.set("failures", str(totals["failures"] + len(gate.missing)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(report: Report, e: ExtractorReport, gate: GateOutcome | None) -> ET.Element:
    suite = ET.Element("testsuite", {"name": _x(f"evalkit.{e.label}", 300)})
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("signature", report.signature),
        ("evalkit_version", report.evalkit_version),
        ("extractor", e.label),
        ("extractor.name", e.info.name),
        ("extractor.version", e.info.version),
    ):
        ET.SubElement(props, "property", {"name": name, "value": _x(value, 1000)})
    tests = failures = errors = 0
    label = _x(e.label, 300)
    checks = {} if gate is None else {c.metric: c for c in gate.checks if c.extractor == e.label}
    names = list(checks) if checks else default_metrics(e)
    for name in names:
        m = e.metrics[name]
        stat = PRIMARY_VALUE[m.kind]
        case = ET.SubElement(suite, "testcase", {"classname": f"evalkit.{label}.metrics", "name": _x(f"{name}.{stat}", 300)})
        tests += 1
        check = checks.get(name)
        v = m.primary
        if check is not None and check.failed:
            failures += 1
            failure = ET.SubElement(case, "failure", {"message": _x(check.describe(), 1000), "type": "regression"})
            failure.text = _x(check.describe())
        else:
            out = ET.SubElement(case, "system-out")
            ci = f"95% CI {number(v.low, 4)}–{number(v.high, 4)}" if v.has_interval else f"no interval: {m.reason or 'undefined'}"
            out.text = _x(f"{name} {stat} = {number(v.point, 4)} ({ci})" + ("" if check is None else f"; {check.describe()}"))
    for d in e.documents:
        case = ET.SubElement(suite, "testcase", {"classname": f"evalkit.{label}.documents", "name": _x(d.id, 300)})
        tests += 1
        if d.error is not None:
            errors += 1
            err = ET.SubElement(case, "error", {"message": _x(f"{d.error.kind}: {d.error.message}", 1000), "type": _x(d.error.kind, 100)})
            err.text = _x(d.error.message + ("\n--- stderr (tail) ---\n" + d.error.stderr_tail if d.error.stderr_tail else ""))
        else:
            parts = []
            for part in PARTS:
                headline = d.metrics.get(e.headlines.get(part, ""))
                if headline is not None:
                    parts.append(f"{headline.name} = {number(headline.primary.point, 4)}")
            out = ET.SubElement(case, "system-out")
            out.text = _x("; ".join(parts))
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    return suite


__all__ = ["render_junit"]
