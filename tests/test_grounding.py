"""Grounding of text-only spans: exact, normalised and fuzzy stages, occurrence choice, report."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.grounding import STATUSES, ground
from evalkit.model import Attribution, Document, Entity, NumberFact, Span, StructuredSummary
from evalkit.serialize import iter_spans, span_problems

TEXT = (
    "Kyiv braced for winter. Officials in Kyiv said 25 people died; another 25 were hurt. "
    "Kyivstar, a phone company, was hit. Volodymyr Zelenskyy met Recep Tayyip Erdoğan in Kyiv. "
    "“We will rebuild,” Zelenskyy said. Kyiv’s allies said nothing."
)
DOC = Document("d", TEXT)


def text_only(*texts: str) -> tuple[Span, ...]:
    return tuple(Span(None, None, t) for t in texts)


def entity(*mentions: str, eid: str = "e1") -> Entity:
    return Entity(eid, "GPE", mentions[0], mentions=text_only(*mentions))


def all_starts(needle: str, text: str = TEXT) -> list[int]:
    """Every start of ``needle`` as a whole word (the reference the tests compare with)."""
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)]


def test_repeated_mentions_take_successive_occurrences_in_order() -> None:
    grounded, report = ground(StructuredSummary(entities=(entity("Kyiv", "Kyiv", "Kyiv"),)), DOC)
    starts = [m.start for m in grounded.entities[0].mentions]
    assert starts == all_starts("Kyiv")[:3]
    assert report.counts == {"exact": 3, "normalised": 0, "fuzzy": 0, "unresolved": 0}


def test_exact_matches_respect_word_boundaries() -> None:
    # "Kyiv" also occurs inside "Kyivstar", which is not a whole-word occurrence.
    n = len(all_starts("Kyiv"))
    grounded, _ = ground(StructuredSummary(entities=(entity(*["Kyiv"] * n),)), DOC)
    starts = [m.start for m in grounded.entities[0].mentions]
    assert TEXT.index("Kyivstar") not in starts
    assert starts == all_starts("Kyiv")


def test_more_mentions_than_occurrences_reuse_an_occurrence() -> None:
    n = len(all_starts("Zelenskyy"))
    grounded, report = ground(StructuredSummary(entities=(entity(*["Zelenskyy"] * (n + 1)),)), DOC)
    assert report.counts["unresolved"] == 0
    assert all(m.text == "Zelenskyy" for m in grounded.entities[0].mentions)


def test_given_offsets_are_kept_and_move_the_cursor() -> None:
    second = all_starts("Kyiv")[1]
    given_span = Span(second, second + 4, "Kyiv")
    e = Entity("e1", "GPE", "Kyiv", mentions=(given_span, Span(None, None, "Kyiv")))
    grounded, report = ground(StructuredSummary(entities=(e,)), DOC)
    assert grounded.entities[0].mentions[0] is given_span
    assert grounded.entities[0].mentions[1].start == all_starts("Kyiv")[2]
    assert report.given == 1
    assert [s.path for s in report.spans] == ["entities[0].mentions[1]"]


def test_normalised_match_maps_back_to_the_source_text() -> None:
    summary = StructuredSummary(entities=(entity("Kyiv's allies", "recep tayyip erdogan", "VOLODYMYR  ZELENSKYY"),))
    grounded, report = ground(summary, DOC)
    texts = [m.text for m in grounded.entities[0].mentions]
    assert texts == ["Kyiv’s allies", "Recep Tayyip Erdoğan", "Volodymyr Zelenskyy"]
    assert [s.status for s in report.spans] == ["normalised"] * 3
    assert span_problems(grounded, DOC, "t") == []


def test_fuzzy_match_snaps_to_word_boundaries() -> None:
    grounded, report = ground(StructuredSummary(entities=(entity("Volodimir Zelensky"),)), DOC)
    (m,) = grounded.entities[0].mentions
    assert m.text == "Volodymyr Zelenskyy"
    (r,) = report.spans
    assert r.status == "fuzzy"
    assert 0.8 <= r.score < 1.0


def test_fuzzy_matches_of_a_repeated_name_take_successive_occurrences() -> None:
    grounded, report = ground(StructuredSummary(entities=(entity("Zelensky", "Zelensky"),)), DOC)
    assert [s.status for s in report.spans] == ["fuzzy", "fuzzy"]
    assert [m.start for m in grounded.entities[0].mentions] == all_starts("Zelenskyy")


def test_fuzzy_match_keeps_closing_punctuation() -> None:
    text = "Later “We shall rebuild the whole city,” she said."
    a = Attribution("a1", "direct", Span(None, None, "We shall rebuild the hole city,"))
    grounded, report = ground(StructuredSummary(attributions=(a,)), Document("q", text))
    assert report.spans[0].status == "fuzzy"
    assert grounded.attributions[0].content.text == "We shall rebuild the whole city,"


def test_fuzzy_threshold_is_respected() -> None:
    summary = StructuredSummary(entities=(entity("Volodimir Zelensky"),))
    _, strict = ground(summary, DOC, fuzzy_threshold=0.95)
    assert strict.counts["unresolved"] == 1
    with pytest.raises(ValueError):
        ground(summary, DOC, fuzzy_threshold=0)


def test_unresolved_spans_keep_no_offsets() -> None:
    grounded, report = ground(StructuredSummary(entities=(entity("Paris"),)), DOC)
    assert grounded.entities[0].mentions[0] == Span(None, None, "Paris")
    assert report.counts["unresolved"] == 1
    assert report.unresolved[0].path == "entities[0].mentions[0]"


def test_numbers_with_the_same_text_take_distinct_occurrences() -> None:
    numbers = (
        NumberFact("n1", Span(None, None, "25"), 25, "count"),
        NumberFact("n2", Span(None, None, "25"), 25, "count"),
        NumberFact("n3", None, 3, "count"),
    )
    grounded, report = ground(StructuredSummary(numbers=numbers), DOC)
    assert [n.span.start for n in grounded.numbers[:2]] == all_starts("25")  # type: ignore[union-attr]
    assert grounded.numbers[2].span is None
    assert len(report.spans) == 2


def test_source_and_cue_are_taken_next_to_the_content() -> None:
    a = Attribution(
        "a1", "direct", Span(None, None, "We will rebuild,"), Span(None, None, "Zelenskyy"), (), Span(None, None, "said")
    )
    grounded, report = ground(StructuredSummary(attributions=(a,)), DOC)
    g = grounded.attributions[0]
    quote_start = TEXT.index("We will rebuild,")
    assert g.content.start == quote_start
    assert g.cue is not None and g.cue.start == TEXT.index("said", quote_start)
    assert g.source is not None and g.source.start == TEXT.index("Zelenskyy", quote_start)
    assert [s.path for s in report.spans] == [p for p, _ in iter_spans(grounded)]


def test_report_is_json_ready() -> None:
    _, report = ground(StructuredSummary(entities=(entity("Kyiv", "Paris"),)), DOC)
    d = report.to_dict()
    assert set(d["counts"]) == set(STATUSES)
    assert d["spans"][0] == {
        "path": "entities[0].mentions[0]",
        "text": "Kyiv",
        "status": "exact",
        "start": TEXT.index("Kyiv"),
        "end": TEXT.index("Kyiv") + 4,
        "score": 1.0,
    }
    assert d["spans"][1]["status"] == "unresolved"


words = st.lists(st.sampled_from(["alpha", "beta", "Gamma", "delta’s", "é", "25", "x-ray", "—"]), min_size=1, max_size=25)


@given(words, st.data())
def test_whole_word_slices_ground_exactly(ws: list[str], data: st.DataObject) -> None:
    text = " ".join(ws)
    i = data.draw(st.integers(0, len(ws) - 1))
    j = data.draw(st.integers(i + 1, len(ws)))
    needle = " ".join(ws[i:j])
    grounded, report = ground(StructuredSummary(entities=(entity(needle),)), Document("h", text))
    (m,) = grounded.entities[0].mentions
    assert report.spans[0].status == "exact"
    assert m.text == needle
    assert text[m.start : m.end] == needle  # type: ignore[index]


@given(st.text(max_size=80), st.text(min_size=1, max_size=20))
def test_grounded_spans_always_match_the_text(text: str, needle: str) -> None:
    grounded, report = ground(StructuredSummary(entities=(entity(needle),)), Document("h", text))
    (m,) = grounded.entities[0].mentions
    if m.grounded:
        assert text[m.start : m.end] == m.text  # type: ignore[index]
        assert m.start < m.end  # type: ignore[operator]
    else:
        assert report.spans[0].status == "unresolved"
