"""The JSON Schema of report.json: real reports satisfy it, broken ones are located."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from report_samples import hostile_report

from evalkit.cli import main
from evalkit.errors import InputError
from evalkit.reports.canonical import canonical_json
from evalkit.reports.model import report_from_dict, report_to_dict
from evalkit.reports.itemcheck import check_document_metric, check_explanation
from evalkit.reports.schema import _EXPLANATION, _metric, report_schema, validate_report


@pytest.fixture(scope="module")
def data():
    return json.loads(canonical_json(report_to_dict(hostile_report())))


def test_schema_is_valid_and_a_real_report_satisfies_it(data):
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)


def test_schema_command_prints_it(capsys):
    assert main(["schema", "report"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(report_schema()))


@pytest.mark.parametrize(
    "mutate, where",
    [
        (lambda d: d["extractors"][0].pop("label"), "$.extractors[0]"),
        (lambda d: d["extractors"][0]["metrics"]["entities.strict"].__setitem__("kind", "odd"), "$.extractors[0].metrics"),
        (lambda d: d["extractors"][0]["documents"][0].__setitem__("status", "fine"), "$.extractors[0].documents[0].status"),
        (lambda d: d["documents"][0].__setitem__("sha256", "xyz"), "$.documents[0].sha256"),
        (lambda d: d.__setitem__("extra", 1), "$"),
    ],
)
def test_broken_reports_are_refused_with_a_json_path(data, mutate, where):
    broken = json.loads(json.dumps(data))
    mutate(broken)
    with pytest.raises(InputError) as info:
        validate_report(broken, "r.json")
    (problem,) = info.value.problems
    assert problem.path == "r.json" and where in problem.message


def test_reading_checks_the_structured_summaries_too(data):
    broken = json.loads(json.dumps(data))
    broken["extractors"][0]["documents"][0]["prediction"] = {"entities": "nope"}
    with pytest.raises(InputError, match="entities: must be a list"):
        report_from_dict(broken, "r.json")


# --- the fast item checks agree with the schema -----------------------------------------------

_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 3), st.floats(-1, 2, allow_nan=False), st.text(max_size=3),
    st.sampled_from(["prf", "mean", "matched", "spurious", "odd"]),
    st.lists(st.integers(-1, 5), max_size=3),
)


def _obj(keys, nested):
    return st.dictionaries(st.sampled_from(keys), st.one_of(_VALUES, nested), max_size=len(keys))


_COUNTS = _obj(["tp", "fp", "fn", "total", "n", "x"], st.nothing())
_POINTS = _obj(["precision", "recall", "f1", "value", "x"], st.nothing())


@st.composite
def metric_like(draw):
    base = draw(st.sampled_from([
        {"kind": "prf", "counts": {"tp": 1, "fp": 0.5, "fn": 2}, "values": {"precision": 1.0, "recall": 0.5, "f1": 0.6}},
        {"kind": "mean", "counts": {"total": 0.5, "n": 1}, "values": {"value": 0.5}},
    ]))
    changes = draw(st.dictionaries(st.sampled_from(["kind", "counts", "values", "units", "extra"]), st.one_of(_VALUES, _COUNTS, _POINTS), max_size=2))
    drop = draw(st.sets(st.sampled_from(["kind", "counts", "values"]), max_size=1))
    out = {**base, **changes}
    return {k: v for k, v in out.items() if k not in drop}


@st.composite
def explanation_like(draw):
    base = {"part": "mentions", "bucket": "matched", "gold": "g1", "pred": "p1", "gold_text": "Kyiv", "pred_text": "Kyiv",
            "reason": "same", "gold_span": [0, 4], "pred_span": [0, 4], "type_gold": "GPE", "type_pred": "GPE",
            "similarity": 1.0, "contribution": {"tp": 1.0, "fp": 0.0, "fn": 0.0}}
    keys = sorted(base) + ["extra"]
    changes = draw(st.dictionaries(st.sampled_from(keys), st.one_of(_VALUES, _COUNTS), max_size=2))
    drop = draw(st.sets(st.sampled_from(sorted(base)), max_size=1))
    out = {**base, **changes}
    return {k: v for k, v in out.items() if k not in drop}


_VALIDATORS: dict[int, jsonschema.Draft202012Validator] = {}


def _schema_accepts(schema, value) -> bool:
    validator = _VALIDATORS.setdefault(id(schema), jsonschema.Draft202012Validator(schema))
    return not list(validator.iter_errors(value))


_DOC_METRIC = _metric(corpus=False)


@given(metric_like())
def test_metric_check_agrees_with_the_schema(m):
    assert (check_document_metric(m, "$") is None) == _schema_accepts(_DOC_METRIC, m)


@given(explanation_like())
def test_explanation_check_agrees_with_the_schema(x):
    assert (check_explanation(x, "$") is None) == _schema_accepts(_EXPLANATION, x)


def test_item_problems_are_located(data):
    broken = json.loads(json.dumps(data))
    broken["extractors"][1]["documents"][0]["explanations"][2]["bucket"] = "odd"
    with pytest.raises(InputError, match=r"\$\.extractors\[1\]\.documents\[0\]\.explanations\[2\]\.bucket: 'odd'"):
        validate_report(broken, "r.json")
