"""The HTML report as written: self-contained, inert, and its spans agree with the JSON."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from html_dom import ReportDOM, check_dom_against_report
from report_samples import HOSTILE, hostile_report

from evalkit.reports.html import Mark, content_security_policy, render_article, render_html, segments
from evalkit.reports.text import one_line
from evalkit.scoring.base import Explanation


@pytest.fixture(scope="module")
def hostile():
    return hostile_report()


@pytest.fixture(scope="module")
def page(hostile):
    return render_html(hostile)


def test_page_loads_nothing_and_runs_nothing(page):
    dom = ReportDOM(page)
    assert dom.scripts == 0
    assert dom.external == []
    assert dom.inline_styles == 0
    assert "http://" not in page and "https://" not in page
    assert dom.csp is not None and "default-src 'none'" in dom.csp and "'unsafe-inline'" not in dom.csp


def test_csp_hash_matches_the_stylesheet(page):
    start = page.index("<style>") + len("<style>")
    style = page[start : page.index("</style>")]
    assert content_security_policy(style) in page.replace("&#x27;", "'")


def test_hostile_text_is_shown_as_text(page):
    assert "<script>" not in page and "\u202e" not in page and "\x00" not in page
    dom = ReportDOM(page)
    shown = one_line(HOSTILE)
    assert "\u27e8U+202E\u27e9" in shown and "<script>" in shown  # visible markers, literal markup
    assert any(shown in t for t in dom.titles)  # a prediction's text in a tooltip, parsed back as text
    assert any(f"predicted {one_line(HOSTILE, 40)}" in t for t in dom.titles)  # its hostile type, shortened


def test_spans_agree_with_the_json(hostile, page):
    totals = check_dom_against_report(ReportDOM(page), hostile)
    assert totals  # something was drawn


def test_overlapping_and_nested_spans_are_split_at_every_boundary():
    text = "Donald Trump met Zelenskyy"
    items = [
        Explanation("mentions", "matched", "g1", "p1", "Donald Trump", "Donald Trump", "same", (0, 12), (0, 12)),
        Explanation("mentions", "partial", "g2", "p2", "Trump", "Trump met", "overlap", (7, 12), (7, 16)),
        Explanation("mentions", "missed", "g3", None, "Zelenskyy", None, "not predicted", (17, 26), None),
        Explanation("mentions", "spurious", None, "p4", None, "junk", "no gold", None, (30, 40)),  # outside: not drawn
    ]
    html = render_article(text, items)
    dom = ReportDOM(f'<div class="article" data-extractor="x" data-document="d" data-part="mentions">{html}</div>')
    (view,) = dom.articles
    pieces = [(s.text, set(s.classes) - {"seg"}, set(s.marks)) for s in view.segments]
    assert pieces == [
        ("Donald ", {"g-matched", "p-matched"}, {"g0", "p0"}),
        ("Trump", {"g-matched", "p-matched", "g-partial", "p-partial", "multi"}, {"g0", "p0", "g1", "p1"}),
        (" met", {"p-partial"}, {"p1"}),
        (" ", set(), set()),
        ("Zelenskyy", {"g-missed"}, {"g2"}),
    ]
    assert "not predicted" in view.segments[-1].title


@given(
    st.integers(0, 60).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).filter(lambda p: p[0] < p[1]), max_size=12),
        )
    )
)
def test_segments_tile_the_text_and_cover_each_mark_exactly(case):
    n, spans = case
    marks = [Mark(f"g{i}", "g", "matched", a, b, "") for i, (a, b) in enumerate(spans)]
    segs = segments(n, marks)
    assert [s[0] for s in segs] == [0] + [s[1] for s in segs[:-1]] if n else segs == []
    assert (segs[-1][1] if segs else 0) == n
    for m in marks:
        mine = [(a, b) for a, b, cover in segs if m in cover]
        assert mine and mine[0][0] == m.start and mine[-1][1] == m.end
        assert all(b == c for (_, b), (c, _) in zip(mine, mine[1:]))  # contiguous
    for a, b, cover in segs:
        assert set(cover) == {m for m in marks if m.start <= a and b <= m.end}
