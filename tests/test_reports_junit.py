"""JUnit XML: well-formed whatever the extractor printed, failures for regressions, errors for crashes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from report_samples import HOSTILE, hostile_report, synthetic_report

from evalkit.reports.gate import check_reports
from evalkit.reports.junit import render_junit
from evalkit.reports.text import visible


@pytest.fixture(scope="module")
def hostile():
    return hostile_report()


def test_hostile_report_is_well_formed_xml_with_text_only(hostile):
    xml = render_junit(hostile)
    root = ET.fromstring(xml.encode("utf-8"))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", xml)
    assert "<script" not in xml and "\u202e" not in xml
    # the hostile text survives as visible text, exactly
    messages = [e.get("message") for e in root.iter("error")]
    assert f"exception: {visible(HOSTILE)}" in messages
    tails = [e.text for e in root.iter("error")]
    assert any(t and t.endswith("]]>") for t in tails)  # `]]>` is plain, escaped text


def test_one_case_per_gated_metric_and_document_and_errors_for_crashes(hostile):
    root = ET.fromstring(render_junit(hostile))
    suites = root.findall("testsuite")
    assert len(suites) == len(hostile.extractors)
    for suite, e in zip(suites, hostile.extractors):
        cases = suite.findall("testcase")
        metric_cases = [c for c in cases if c.get("classname").endswith(".metrics")]
        doc_cases = [c for c in cases if c.get("classname").endswith(".documents")]
        assert len(metric_cases) == len(e.headlines)
        assert [c.get("name") for c in doc_cases] == [visible(d.id) for d in e.documents]
        assert int(suite.get("errors")) == len(e.errors) == len(suite.findall("testcase/error"))
        assert int(suite.get("tests")) == len(cases)
        props = {p.get("name"): p.get("value") for p in suite.iter("property")}
        assert props["signature"] == hostile.signature
    assert int(root.get("errors")) == 2  # the crashy extractor failed on both documents


def test_regressions_are_failures():
    base = synthetic_report({"x": [(9, 1, 1)] * 4}, summary={"x": [0.5] * 4})
    cur = synthetic_report({"x": [(5, 5, 5)] * 4}, summary={"x": [0.5] * 4})
    root = ET.fromstring(render_junit(cur, check_reports(base, cur)))
    failures = root.findall(".//testcase/failure")
    assert len(failures) == 1 and root.get("failures") == "1"
    case = root.find(".//testcase[failure]")
    assert case.get("name") == "entities.strict.f1"
    assert "0.9000 -> 0.5000" in failures[0].get("message")


def test_missing_extractor_is_a_failure():
    base = synthetic_report({"a": [(1, 0, 0)] * 2, "b": [(1, 0, 0)] * 2})
    cur = synthetic_report({"a": [(1, 0, 0)] * 2, "c": [(1, 0, 0)] * 2})
    root = ET.fromstring(render_junit(cur, check_reports(base, cur)))
    gate = root.find("testsuite[@name='evalkit.gate']")
    assert gate is not None and gate.find("testcase/failure").get("type") == "missing"
    assert root.get("failures") == "1"
