"""The JSON Schema of report.json: real reports satisfy it, broken ones are located."""

from __future__ import annotations

import json

import jsonschema
import pytest
from report_samples import hostile_report

from evalkit.cli import main
from evalkit.errors import InputError
from evalkit.reports.canonical import canonical_json
from evalkit.reports.model import report_from_dict, report_to_dict
from evalkit.reports.schema import report_schema, validate_report


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
