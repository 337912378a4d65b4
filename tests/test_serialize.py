from __future__ import annotations

import pytest

from evalkit.errors import PredictionError
from evalkit.model import Attribution, Document, Entity, NumberFact, Span, StructuredSummary
from evalkit.serialize import span_problems, summary_from_dict, summary_to_dict


def _summary() -> StructuredSummary:
    return StructuredSummary(
        entities=(Entity("e1", "PERSON", "Ann Lee", ("Lee",), (Span(0, 7, "Ann Lee"),)),),
        numbers=(NumberFact("n1", Span(12, 14, "25"), 25, "count", "person", "at least", "dead"),),
        attributions=(
            Attribution("a1", "direct", Span(20, 23, "Hi."), Span(0, 7, "Ann Lee"), ("e1",), Span(8, 11, "said")),
        ),
        summaries=("Ann Lee spoke.",),
    )


def test_round_trip_is_lossless() -> None:
    s = _summary()
    assert summary_from_dict(summary_to_dict(s)) == s


def test_lenient_reading_fills_ids_and_accepts_text_only_spans() -> None:
    s = summary_from_dict({"entities": [{"type": "org", "mentions": ["Reuters"]}], "summary": "x"})
    assert s.entities[0].id == "e1"
    assert s.entities[0].type == "ORG"
    assert s.entities[0].name == "Reuters"
    assert s.entities[0].mentions[0] == Span(None, None, "Reuters")
    assert s.summaries == ("x",)


def test_every_problem_is_reported_with_its_path() -> None:
    with pytest.raises(PredictionError) as info:
        summary_from_dict(
            {
                "entities": [{"name": 3}],
                "numbers": [{"value": float("nan")}],
                "attributions": [{"kind": "shouted"}],
                "bogus": 1,
            }
        )
    lines = str(info.value).splitlines()
    assert "prediction: bogus: unknown field" in lines[0]
    assert any("entities[0].name: must be a string, not int" in line for line in lines)
    assert any("numbers[0].value: must be finite" in line for line in lines)
    assert any("attributions[0].content: is required" in line for line in lines)
    assert any("attributions[0].kind: must be one of direct, indirect, mixed" in line for line in lines)


@pytest.mark.parametrize("data", [[], "text", 3, None])
def test_non_object_is_rejected(data: object) -> None:
    with pytest.raises(PredictionError, match="expected a JSON object"):
        summary_from_dict(data)


def test_span_problems_locate_out_of_range_and_mismatch() -> None:
    doc = Document("d", "Ann Lee said hello.")
    s = summary_from_dict(
        {"entities": [{"type": "PERSON", "name": "Ann", "mentions": [{"start": 0, "end": 3, "text": "Bob"}, {"start": 5, "end": 99, "text": "x"}]}]}
    )
    problems = [str(p) for p in span_problems(s, doc, "out.json")]
    assert problems == [
        "out.json: entities[0].mentions[0]: 'Bob' [0:3] does not match the text ('Ann')",
        "out.json: entities[0].mentions[1]: [5:99] lies outside the text (19 characters)",
    ]


def test_top_level_field_of_wrong_shape_is_named_plainly() -> None:
    with pytest.raises(PredictionError) as info:
        summary_from_dict({"entities": {"name": "x"}, "summaries": "one"})
    assert [str(p) for p in info.value.problems] == [
        "prediction: entities: must be a list, not dict",
        "prediction: summaries: must be a list, not str",
    ]
