"""Canonical JSON, atomic writes, and byte-identical reports for identical inputs."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from report_samples import FAST, make_report, sample_gold

from evalkit.errors import InputError
from evalkit.extractors.base import ExtractorInfo
from evalkit.model import Entity, Span, StructuredSummary
from evalkit.reports.canonical import atomic_write, canonical_json, load_report
from evalkit.reports.model import report_from_dict, report_to_dict
from evalkit.reports.writer import write_report_dir


def test_keys_sorted_floats_rounded_and_types_plain():
    data = {"b": 1, "a": {"z": (0.1 + 0.2), "y": -0.0, "x": np.float64(1 / 3), "w": np.int64(7), "v": np.array([0.5, 2])}}
    out = json.loads(canonical_json(data))
    assert list(out) == ["a", "b"] and list(out["a"]) == ["v", "w", "x", "y", "z"]
    assert out["a"]["z"] == 0.3 and out["a"]["x"] == 0.333333
    assert out["a"]["w"] == 7 and isinstance(out["a"]["w"], int)
    assert out["a"]["v"] == [0.5, 2]
    assert canonical_json({"y": -0.0}) == canonical_json({"y": 0.0})
    assert canonical_json(data).endswith(b"\n")


def test_insertion_order_and_summation_order_do_not_change_bytes():
    forward, backward = 0.1 + 0.2 + 0.3, 0.3 + 0.2 + 0.1
    assert forward != backward  # 0.6000000000000001 and 0.6 …
    a = {"s": forward, "k": 1}
    b = {"k": 1, "s": backward}
    assert canonical_json(a) == canonical_json(b)  # … write the same bytes


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_numbers_are_refused_with_their_path(bad):
    with pytest.raises(ValueError, match=r"\$\.m\.f1"):
        canonical_json({"m": {"f1": bad}})


def test_lone_surrogates_become_replacement_characters_one_for_one():
    s = "ab\ud800c"
    out = json.loads(canonical_json({"t": s}))["t"]
    assert out == "ab\ufffdc" and len(out) == len(s)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=20))
def test_canonical_is_a_fixpoint(value):
    once = canonical_json(value)
    assert canonical_json(json.loads(once)) == once


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "sub" / "r.json"
    atomic_write(target, b"one")
    atomic_write(target, "two")
    assert target.read_text() == "two"
    assert os.listdir(target.parent) == ["r.json"]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # as open() would make it, not mkstemp's 0600


def test_atomic_write_failure_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "r.json"
    atomic_write(target, b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(InputError, match=r"r\.json: cannot write: disk full"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["r.json"]


def _prediction(text: str) -> StructuredSummary:
    return StructuredSummary(entities=(Entity("p1", "PERSON", "Donald Trump", (), (Span(text.index("Donald"), text.index("Donald") + 12, "Donald Trump"),)),))


def _report():
    gold = [sample_gold("d1"), sample_gold("d2")]
    text = gold[0].document.text
    return make_report(gold, {"x": (ExtractorInfo("x", None, "1", {"b": "2", "a": "1"}), {"d1": _prediction(text), "d2": StructuredSummary()})})


def test_identical_inputs_give_byte_identical_reports(tmp_path):
    a = write_report_dir(_report(), tmp_path / "a", formats=["json", "html", "markdown", "junit"])
    b = write_report_dir(_report(), tmp_path / "b", formats=["json", "html", "markdown", "junit"])
    for fmt in ("json", "html", "markdown", "junit"):
        assert a[fmt].read_bytes() == b[fmt].read_bytes(), fmt


def test_report_round_trips_through_json(tmp_path):
    report = _report()
    data = json.loads(canonical_json(report_to_dict(report)))
    again = report_from_dict(data)
    assert canonical_json(report_to_dict(again)) == canonical_json(data)
    assert again.signature == report.signature and again.documents == report.documents
    assert [d.explanations for d in again.extractors[0].documents] == [d.explanations for d in report.extractors[0].documents]
    path = write_report_dir(report, tmp_path, formats=["json"])["json"]
    assert load_report(tmp_path).signature == load_report(path).signature == report.signature


def test_report_holds_what_the_issue_asks_for():
    report = _report()
    data = json.loads(canonical_json(report_to_dict(report)))
    assert data["report_version"] == 2
    assert data["signature"].startswith("evalkit:") and data["config"]["bootstrap"] == FAST.bootstrap
    doc = data["documents"][0]
    assert doc["text"] == sample_gold("d1").document.text and doc["gold"]["entities"]
    x = data["extractors"][0]
    assert x["info"] == {"name": "x", "arg": None, "version": "1", "options": {"a": "1", "b": "2"}}
    m = x["metrics"][x["headlines"]["mentions"]]
    assert set(m) == {"kind", "counts", "values", "units"} and set(m["values"]["f1"]) == {"point", "low", "high"}
    # corpus counts are the sums of the per-document counts
    per_doc = [d["metrics"][x["headlines"]["mentions"]]["counts"] for d in x["documents"]]
    assert m["counts"] == {k: sum(c[k] for c in per_doc) for k in ("tp", "fp", "fn")}
    # gold has 4 mentions per document; the prediction finds 1 in d1 and nothing in d2
    assert m["counts"] == {"tp": 1.0, "fp": 0.0, "fn": 7.0}
    assert x["documents"][0]["prediction"]["entities"][0]["name"] == "Donald Trump"
    assert all(e["bucket"] in {"matched", "partial", "wrong_type", "missed", "spurious"} for d in x["documents"] for e in d["explanations"])
    assert "created" not in json.dumps(data) and "seconds" not in json.dumps(data)


def test_unknown_format_is_refused_before_anything_runs(tmp_path, capsys):
    from evalkit.cli import main

    out = tmp_path / "run"
    assert main(["run", "-e", "gold", "--no-cache", "--output", str(out), "--format", "json,pdf"]) == 2
    assert "unknown 'pdf'" in capsys.readouterr().err
    assert not out.exists()
