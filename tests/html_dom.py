"""Reading the report's HTML back — as written, or as Chromium dumped it — and checking that
the drawn spans say exactly what the report's JSON says."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from evalkit.reports.model import Report
from evalkit.reports.text import visible


@dataclass
class Segment:
    classes: tuple[str, ...]
    marks: tuple[str, ...]
    title: str
    text: str = ""


@dataclass
class ArticleView:
    extractor: str
    document: str
    part: str
    segments: list[Segment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


class ReportDOM(HTMLParser):
    """Articles with their segments, plus everything that could load or run something."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.articles: list[ArticleView] = []
        self.scripts = 0
        self.external: list[str] = []
        self.csp: str | None = None
        self.inline_styles = 0
        self.titles: list[str] = []
        self._article: ArticleView | None = None
        self._depth = 0
        self._segment: Segment | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if "style" in a:
            self.inline_styles += 1
        if a.get("title") is not None:
            self.titles.append(a["title"])
        for key in ("src", "href", "action", "srcset", "poster", "data"):
            value = a.get(key)
            if value is not None and not value.startswith("data:"):
                self.external.append(f"{tag}[{key}]={value}")
        if tag == "link":
            self.external.append(f"link {a}")
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content")
        if tag == "div" and "article" in (a.get("class") or "").split():
            self._article = ArticleView(a["data-extractor"], a["data-document"], a["data-part"])
            self.articles.append(self._article)
            self._depth = 1
            return
        if self._article is not None:
            self._depth += 1
            if tag == "span" and "seg" in (a.get("class") or "").split():
                self._segment = Segment(tuple(a["class"].split()), tuple(a.get("data-m", "").split()), a.get("title") or "")
                self._article.segments.append(self._segment)

    def handle_endtag(self, tag):
        if self._article is None:
            return
        self._depth -= 1
        if tag == "span":
            self._segment = None
        if self._depth == 0:
            self._article = None

    def handle_data(self, data):
        if self._article is None:
            return
        if self._segment is not None:
            self._segment.text += data
        else:
            self._article.segments.append(Segment((), (), "", data))


def expected_marks(report: Report) -> dict[tuple[str, str, str], dict[str, tuple[str, int, int]]]:
    """From the report alone: per (extractor, document, part), mark id -> (css class, start, end)
    for every explanation side whose span lies inside the text."""
    out: dict[tuple[str, str, str], dict[str, tuple[str, int, int]]] = {}
    for e in report.extractors:
        for d in e.documents:
            text = report.article(d.id).text
            by_part: dict[str, list] = {}
            for x in d.explanations:
                by_part.setdefault(x.part, []).append(x)
            for part, items in by_part.items():
                marks = {}
                for i, x in enumerate(items):
                    for side, sp in (("g", x.gold_span), ("p", x.pred_span)):
                        if sp is not None and 0 <= sp[0] < sp[1] <= len(text):
                            marks[f"{side}{i}"] = (f"{side}-{x.bucket}", sp[0], sp[1])
                if marks:
                    out[(visible(e.label), visible(d.id), part)] = marks
    return out


def check_dom_against_report(dom: ReportDOM, report: Report) -> dict[str, int]:
    """Assert every drawn span agrees with the JSON; return the number of marks per CSS class."""
    expected = expected_marks(report)
    seen = {(a.extractor, a.document, a.part): a for a in dom.articles}
    assert set(seen) == set(expected)
    totals: dict[str, int] = {}
    for key, marks in expected.items():
        view = seen[key]
        text = next(a.text for a in report.documents if visible(a.id) == key[1])
        assert view.text == visible(text)  # the whole article, once, in order
        covered: dict[str, str] = {}
        for seg in view.segments:
            for mark in seg.marks:
                css = marks[mark][0]
                assert css in seg.classes, (key, mark, seg.classes)
                covered[mark] = covered.get(mark, "") + seg.text
        assert set(covered) == set(marks)
        for mark, (css, start, end) in marks.items():
            assert covered[mark] == visible(text[start:end]), (key, mark)
            totals[css] = totals.get(css, 0) + 1
        for seg in view.segments:  # no class without a mark that explains it
            side_classes = {c for c in seg.classes if c[:2] in ("g-", "p-")}
            assert side_classes == {marks[m][0] for m in seg.marks}
    return totals
