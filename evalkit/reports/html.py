"""One self-contained HTML file: score cards, charts, and every article with its spans judged.

Offline and inert by construction:

* no external URL anywhere — charts are ``data:`` PNGs, the stylesheet is inline, no fonts or
  scripts are loaded;
* a strict Content-Security-Policy ``<meta>``: ``default-src 'none'`` (so no script of any kind
  runs, inline or not), the one ``<style>`` element allowed by its SHA-256 hash, images only
  from ``data:``; there is no inline ``style`` attribute and no script, so a browser reports no
  violation;
* every string from the report goes through :func:`html.escape` (``quote=True``, in text and in
  attributes) after :func:`~evalkit.reports.text.visible` has made control and bidi characters
  visible — a prediction of ``<script>`` or ``U+202E`` is shown as those characters.

**Span drawing.** For each document, extractor and part that has spans (mentions, numbers,
attributions, …) the article is drawn once. Every explanation with a span inside the text is a
*mark*: gold spans (``g-matched``, ``g-partial``, ``g-wrong_type``, ``g-missed``) are drawn as a
background colour, predicted spans (``p-matched`` … ``p-spurious``) as a coloured underline, so
a gold and a predicted span over the same text show both. Overlaps are drawn exactly: the text
is split at every mark boundary and each segment is one ``<span class="seg …">`` carrying the
classes of all marks covering it, the ids of those marks in ``data-m`` and, in ``title``, the
details of each (gold vs predicted text, types, reason). Where two gold marks overlap, the
worse bucket's background wins (missed > wrong type > partial > matched) and the segment is
outlined (``multi``). Marks whose span falls outside the text are not drawn; they stay in the
item table below the article. Attributions are listed as source → cue → content, gold beside
predicted.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from html import escape
from typing import Iterable, Sequence

from ..model import Attribution, Span, StructuredSummary
from ..scoring.base import Explanation
from .charts import BUCKET_COLOURS
from .gate import GateOutcome
from ..scoring.result import PARTS
from .model import Article, DocumentResult, ExtractorReport, MetricScore, Report
from .text import one_line, visible
from .values import number, p_value

#: Longest text shown in a tooltip or table cell for one value.
MAX_SHOWN = 300

GOLD_BUCKETS = ("matched", "partial", "wrong_type", "missed")
PRED_BUCKETS = ("matched", "partial", "wrong_type", "spurious")

_CSS = """
:root{--ok:%(matched)s;--partial:%(partial)s;--wrong:%(wrong_type)s;--missed:%(missed)s;--spurious:%(spurious)s}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1.05rem}
code,.sig{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85rem;word-break:break-all}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.5rem 0 1rem}
.card{border:1px solid #ddd;border-radius:6px;padding:.5rem .8rem;min-width:9.5rem}
.card .part{font-size:.8rem;text-transform:uppercase;color:#555}.card .metric{font-size:.75rem;color:#777}
.card .value{font-size:1.6rem;font-weight:600}.card .ci,.card .pr{font-size:.8rem;color:#444}
meter{width:100%%}
table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem;width:100%%}
th,td{border:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f5f5f5}
.charts img{max-width:100%%;display:block;margin:.5rem 0}
.legend span{display:inline-block;margin:.15rem .5rem .15rem 0;padding:0 .3rem}
.article{white-space:pre-wrap;line-height:1.9;border:1px solid #e3e3e3;padding:.6rem .8rem;background:#fcfcfc;overflow-wrap:anywhere}
.seg{border-bottom:3px solid transparent}
.g-matched{background:color-mix(in srgb,var(--ok) 30%%,#fff)}
.g-partial{background:color-mix(in srgb,var(--partial) 40%%,#fff)}
.g-wrong_type{background:color-mix(in srgb,var(--wrong) 40%%,#fff)}
.g-missed{background:color-mix(in srgb,var(--missed) 30%%,#fff)}
.p-matched{border-bottom-color:var(--ok)}
.p-partial{border-bottom-color:var(--partial)}
.p-wrong_type{border-bottom-color:var(--wrong)}
.p-spurious{border-bottom-color:var(--spurious);border-bottom-style:double}
.multi{outline:1px dashed #333}
.b{font-weight:600;padding:0 .25rem;border-radius:3px;white-space:nowrap}
.b-matched{background:color-mix(in srgb,var(--ok) 30%%,#fff)}.b-partial{background:color-mix(in srgb,var(--partial) 40%%,#fff)}
.b-wrong_type{background:color-mix(in srgb,var(--wrong) 40%%,#fff)}.b-missed{background:color-mix(in srgb,var(--missed) 30%%,#fff)}
.b-spurious{background:color-mix(in srgb,var(--spurious) 25%%,#fff)}
.arrow{color:#888;padding:0 .2rem}.muted{color:#888}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
.error{color:#a00}.fail{color:#a00;font-weight:600}.pass{color:#176b2c;font-weight:600}
""" % BUCKET_COLOURS

#: Gold background precedence: later wins where gold marks overlap.
_GOLD_ORDER = {"matched": 0, "partial": 1, "wrong_type": 2, "missed": 3}


def _e(text: object, limit: int | None = MAX_SHOWN) -> str:
    """Escaped, visible text for element content or a double-quoted attribute."""
    s = visible(str(text)) if limit is None else one_line(str(text), limit)
    return escape(s, quote=True)


def content_security_policy(style: str) -> str:
    """The page's CSP: nothing but this exact stylesheet and ``data:`` images."""
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; "
        f"style-src 'sha256-{digest}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


@dataclass(frozen=True)
class Mark:
    """A span drawn on the article: one side (``g`` gold, ``p`` predicted) of an explanation."""

    id: str
    side: str
    bucket: str
    start: int
    end: int
    tip: str

    @property
    def css(self) -> str:
        return f"{self.side}-{self.bucket}"


def marks_for(explanations: Sequence[Explanation], text_length: int) -> list[Mark]:
    """The drawable marks of ``explanations``: each side with a span inside ``[0, text_length]``
    and of positive length, ids ``g<index>``/``p<index>`` by explanation position."""
    out = []
    for i, x in enumerate(explanations):
        tip = _tooltip(x)
        for side, span in (("g", x.gold_span), ("p", x.pred_span)):
            if span is None:
                continue
            start, end = span
            if 0 <= start < end <= text_length:
                out.append(Mark(f"{side}{i}", side, x.bucket, start, end, tip))
    return out


def _tooltip(x: Explanation) -> str:
    gold = f"gold {one_line(x.type_gold or '', 40)} “{one_line(x.gold_text or '', 120)}”" if x.gold is not None or x.gold_text else "no gold item"
    pred = f"predicted {one_line(x.type_pred or '', 40)} “{one_line(x.pred_text or '', 120)}”" if x.pred is not None or x.pred_text else "no prediction"
    sim = "" if x.similarity is None else f" (similarity {x.similarity:.2f})"
    return visible(f"{x.part}: {x.bucket.replace('_', ' ')}{sim}\n{gold}\n{pred}\n{one_line(x.reason, 200)}")


def segments(text_length: int, marks: Sequence[Mark]) -> list[tuple[int, int, tuple[Mark, ...]]]:
    """Cut ``[0, text_length)`` at every mark boundary; each piece with the marks covering it
    (in ``marks`` order). Cost: sorting the boundaries plus the pieces each mark covers."""
    points = sorted({0, text_length, *(m.start for m in marks), *(m.end for m in marks)})
    index = {p: i for i, p in enumerate(points)}
    covers: list[list[Mark]] = [[] for _ in points[1:]]
    for m in marks:
        for i in range(index[m.start], index[m.end]):
            covers[i].append(m)
    return [(a, b, tuple(c)) for a, b, c in zip(points, points[1:], covers)]


def render_article(text: str, explanations: Sequence[Explanation]) -> str:
    """The article as HTML with every drawable mark of ``explanations`` (see module docstring)."""
    marks = marks_for(explanations, len(text))
    pieces = []
    for a, b, covering in segments(len(text), marks):
        body = escape(visible(text[a:b]), quote=False)
        if not covering:
            pieces.append(body)
            continue
        gold = sorted((m for m in covering if m.side == "g"), key=lambda m: _GOLD_ORDER.get(m.bucket, 0))
        pred = [m for m in covering if m.side == "p"]
        classes = ["seg", *dict.fromkeys(m.css for m in gold + pred)]
        if len(gold) > 1:
            classes.append("multi")
        ids = " ".join(m.id for m in covering)
        tip = "\n\n".join(dict.fromkeys(m.tip for m in covering))
        pieces.append(
            f'<span class="{escape(" ".join(classes))}" data-m="{escape(ids)}" title="{escape(tip, quote=True)}">{body}</span>'
        )
    return "".join(pieces)


# --- page ------------------------------------------------------------------------------------


def render_html(report: Report, gate: GateOutcome | None = None, *, charts: bool = True) -> str:
    """The whole report as one offline HTML page (see the module docstring)."""
    style = _CSS
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(content_security_policy(style), quote=True)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>evalkit report</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>evalkit report</h1>",
        f'<p>{len(report.documents)} document(s), {len(report.extractors)} extractor(s) · evalkit {_e(report.evalkit_version, 40)} · report version {report.report_version}</p>',
        f'<p class="sig" id="signature">{_e(report.signature, None)}</p>',
        "</header>",
    ]
    if gate is not None:
        out.append(_gate_html(gate))
    out.append('<section id="scores"><h2>Scores</h2>')
    for e in report.extractors:
        out.append(_cards(e))
    out.append("</section>")
    if charts:
        out.append(_charts(report))
    out.append(_errors_html(report))
    out.append(_legend())
    out.append('<section id="documents"><h2>Documents</h2>')
    for article in report.documents:
        out.append(_document_html(report, article))
    out.append("</section>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def _fmt(v: float | None) -> str:
    return number(v)


def _cards(e: ExtractorReport) -> str:
    out = [f'<h3 class="extractor">{_e(e.label, 120)} <span class="muted">{_e(e.info.name, 60)} {_e(e.info.version, 60)}</span></h3>', '<div class="cards">']
    for part, m in e.headline_metrics():
        out.append(_card(part, m))
    out.append("</div>")
    usage = e.usage_text()
    if usage is not None:
        out.append(f'<p class="usage">{_e(usage, None)}</p>')
    return "\n".join(out)


def _card(part: str, m: MetricScore) -> str:
    v = m.primary
    pr = ""
    if m.kind == "prf":
        pr = f'<div class="pr">P {_fmt(m.values["precision"].point)} · R {_fmt(m.values["recall"].point)}</div>'
    return (
        f'<div class="card" data-metric="{_e(m.name, None)}">'
        f'<div class="part">{_e(part, 40)}</div><div class="metric">{_e(m.name, 80)}</div>'
        f'<div class="value">{_fmt(v.point)}</div>'
        + ("" if v.point is None else f'<meter min="0" max="1" value="{min(1.0, max(0.0, v.point)):.6f}"></meter>')
        + f'<div class="ci">{_ci_text(m)}</div>{pr}</div>'
    )


def _ci_text(m: MetricScore) -> str:
    """``95% CI 0.700–0.900``, or why there is none (``95% CI n/a: not enough units (1 < 6)``)."""
    v = m.primary
    if v.point is None:
        return "undefined: nothing in gold, nothing predicted"
    if v.low is None or v.high is None:
        return f"95% CI n/a: {_e(m.reason or 'no interval', 200)}"
    return f"95% CI {_fmt(v.low)}–{_fmt(v.high)}"


def _charts(report: Report) -> str:
    from .charts import bucket_chart, headline_chart

    imgs = []
    for alt, png in (("headline scores with 95% confidence intervals", headline_chart(report)), ("items per bucket", bucket_chart(report))):
        if png:
            data = base64.b64encode(png).decode("ascii")
            imgs.append(f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}">')
    if not imgs:
        return ""
    return '<section class="charts" id="charts"><h2>Charts</h2>' + "".join(imgs) + "</section>"


def _errors_html(report: Report) -> str:
    rows = [
        f"<tr><td>{_e(e.label, 120)}</td><td>{_e(err.document, 120)}</td><td>{_e(err.kind, 40)}</td>"
        f"<td>{_e(err.message, 600)}</td><td>{_e(err.stderr_tail, 600)}</td></tr>"
        for e in report.extractors
        for err in e.errors
    ]
    if not rows:
        return '<section id="errors"><h2>Errors</h2><p>No extractor failed on any document.</p></section>'
    return (
        '<section id="errors"><h2>Errors</h2><table class="errors"><thead><tr><th>extractor</th><th>document</th>'
        "<th>kind</th><th>message</th><th>stderr (tail)</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></section>"
    )


def _legend() -> str:
    gold = "".join(f'<span class="seg g-{b}">gold {b.replace("_", " ")}</span>' for b in GOLD_BUCKETS)
    pred = "".join(f'<span class="seg p-{b}">predicted {b.replace("_", " ")}</span>' for b in PRED_BUCKETS)
    return (
        '<section id="legend" class="legend"><h2>Legend</h2>'
        f"<p>{gold}</p><p>{pred}</p>"
        "<p>Gold spans are shaded, predicted spans underlined; a dashed outline marks overlapping gold spans. "
        "Hover over a span for the gold and predicted text, types and the reason.</p></section>"
    )


def _gate_html(gate: GateOutcome) -> str:
    verdict = '<p class="pass">Regression gate passed.</p>' if gate.passed else '<p class="fail">Regression gate failed.</p>'
    rows = [f'<tr><td class="fail">fail</td><td>{_e(label, 120)}</td><td colspan="5">missing from the report</td></tr>' for label in gate.missing]
    for c in gate.checks:
        x = c.comparison
        rows.append(
            f'<tr><td class="{"fail" if c.failed else "pass"}">{"fail" if c.failed else "ok"}</td><td>{_e(c.extractor, 120)}</td>'
            f"<td>{_e(x.name, 120)} ({_e(x.stat, 20)})</td><td>{number(x.a_value.point, 4)}</td><td>{number(x.b_value.point, 4)}</td>"
            f"<td>{number(x.delta_value, 4, sign=True)} (tol {c.tolerance:g})</td>"
            f"<td>{p_value(x.p_value) if x.tested else 'n/a: ' + _e(x.reason or 'no test', 200)}</td></tr>"
        )
    out = '<section id="gate"><h2>Regression gate</h2>' + verdict
    if gate.thresholds:
        minimums = [
            f'<tr><td class="{"fail" if t.failed else "pass"}">{"fail" if t.failed else "ok"}</td><td>{_e(t.extractor, 120)}</td>'
            f"<td>{_e(t.metric, 120)} ({_e(t.stat, 20)})</td><td>{number(t.value, 4)}</td><td>{t.minimum:g}</td></tr>"
            for t in gate.thresholds
        ]
        out += (
            '<table class="minimums"><thead><tr><th></th><th>extractor</th><th>metric</th><th>value</th><th>minimum</th>'
            "</tr></thead><tbody>" + "".join(minimums) + "</tbody></table>"
        )
    if gate.baseline:
        out += (
            "<table><thead><tr><th></th><th>extractor</th><th>metric</th>"
            "<th>baseline</th><th>current</th><th>Δ</th><th>p</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )
    return out + _item_changes_html(gate) + "</section>"


#: Newly failing (and newly passing) items listed per extractor in the page; the rest counted.
MAX_ITEM_CHANGES = 200


def _item_changes_html(gate: GateOutcome) -> str:
    """Per extractor with changes, a ``<details>`` block (open when it failed the gate) of the
    items that newly fail and newly pass against the baseline, at most
    :data:`MAX_ITEM_CHANGES` of each with a count of the rest."""
    failed = {c.extractor for c in gate.failures} | {t.extractor for t in gate.threshold_failures}
    blocks = []
    for diff in gate.items:
        if not diff.changed:
            continue
        parts = [
            f'<details class="changes"{" open" if diff.label_b in failed else ""}><summary>{_e(diff.who, 120)}: '
            f"{len(diff.newly_failing)} newly failing, {len(diff.newly_passing)} newly passing</summary>"
        ]
        for title, changes in (("newly failing", diff.newly_failing), ("newly passing", diff.newly_passing)):
            if not changes:
                continue
            rows = [
                f"<tr><td>{_e(c.document, 120)}</td><td>{_e(c.part, 40)}</td>"
                f'<td><span class="b b-{_e(c.bucket_before, 20)}">{_e(c.bucket_before.replace("_", " "), 20)}</span> → '
                f'<span class="b b-{_e(c.bucket_after, 20)}">{_e(c.bucket_after.replace("_", " "), 20)}</span></td>'
                f"<td>{_e(c.gold_text or '', MAX_SHOWN)}</td><td>{_e(c.pred_text or '', MAX_SHOWN)}</td><td>{_e(c.reason, MAX_SHOWN)}</td></tr>"
                for c in changes[:MAX_ITEM_CHANGES]
            ]
            more = len(changes) - MAX_ITEM_CHANGES
            parts.append(
                f"<h3>{title.capitalize()}</h3>"
                '<table class="items"><thead><tr><th>document</th><th>part</th><th>was → now</th><th>gold</th><th>predicted</th>'
                "<th>why</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
                + (f"<p>… and {more} more {title} items not shown.</p>" if more > 0 else "")
            )
        parts.append("</details>")
        blocks.append("".join(parts))
    if not blocks:
        return ""
    return "<h3>Items that changed against the baseline</h3>" + "".join(blocks)


def span_parts(explanations: Iterable[Explanation]) -> list[str]:
    """Parts that have at least one span to draw, in report order."""
    have = {x.part for x in explanations if x.gold_span is not None or x.pred_span is not None}
    return [p for p in PARTS if p in have] + sorted(p for p in have if p not in PARTS)


def _document_html(report: Report, article: Article) -> str:
    out = [f'<article class="document" id="doc-{_e(article.id, None)}"><h3>{_e(article.id, 200)}</h3>']
    for e in report.extractors:
        d = e.document(article.id)
        if d is None:
            continue
        status = "" if d.error is None else f' <span class="error">error: {_e(d.error.kind, 40)}</span>'
        out.append(f"<details open><summary>{_e(e.label, 120)} — {_e(article.id, 120)}{status}</summary>")
        if d.error is not None:
            out.append(f'<p class="error">{_e(d.error.message, 600)}</p>')
        out.append(_doc_scores(e, d))
        for part in span_parts(d.explanations):
            items = [x for x in d.explanations if x.part == part]
            if not marks_for(items, len(article.text)):
                continue
            out.append(
                f'<h4>{_e(part, 40)}</h4><div class="article" data-extractor="{_e(e.label, None)}" '
                f'data-document="{_e(article.id, None)}" data-part="{_e(part, None)}">{render_article(article.text, items)}</div>'
            )
        attributions = [x for x in d.explanations if x.part == "attributions"]
        if attributions:
            out.append(_attributions_table(attributions, article.gold, d.prediction))
        out.append(_items_table(d.explanations))
        out.append("</details>")
    out.append("</article>")
    return "\n".join(out)


def _doc_scores(e: ExtractorReport, d: DocumentResult) -> str:
    cells = []
    for part in PARTS:
        m = d.metrics.get(e.headlines.get(part, ""))
        if m is not None:
            cells.append(f"<tr><td>{_e(part, 40)}</td><td>{_e(m.name, 80)}</td><td>{_fmt(m.primary.point)}</td></tr>")
    if not cells:
        return ""
    return '<table class="doc-scores"><thead><tr><th>part</th><th>metric</th><th>F1 / value</th></tr></thead><tbody>' + "".join(cells) + "</tbody></table>"


def _span_text(span: Span | None) -> str:
    if span is None:
        return '<span class="muted">—</span>'
    return _e(span.text, 200)


def _attribution_cells(a: Attribution | None) -> str:
    if a is None:
        return '<td colspan="1" class="muted">—</td>'
    return (
        f'<td><span class="source">{_span_text(a.source)}</span><span class="arrow">→</span>'
        f'<span class="cue">{_span_text(a.cue)}</span><span class="arrow">→</span>'
        f'<span class="content">{_span_text(a.content)}</span> <span class="muted">({_e(a.kind or "?", 20)})</span></td>'
    )


def _find_attribution(summary: StructuredSummary | None, item_id: str | None) -> Attribution | None:
    if summary is None or item_id is None:
        return None
    for a in summary.attributions:
        if a.id == item_id:
            return a
    return None


def _attributions_table(items: Sequence[Explanation], gold: StructuredSummary, pred: StructuredSummary | None) -> str:
    rows = []
    for x in items:
        rows.append(
            f'<tr><td><span class="b b-{_e(x.bucket, 20)}">{_e(x.bucket.replace("_", " "), 20)}</span></td>'
            + _attribution_cells(_find_attribution(gold, x.gold))
            + _attribution_cells(_find_attribution(pred, x.pred))
            + f"<td>{_e(x.reason, 300)}</td></tr>"
        )
    return (
        '<table class="attributions"><thead><tr><th></th><th>gold: source → cue → content</th>'
        "<th>predicted: source → cue → content</th><th>why</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _items_table(items: Sequence[Explanation]) -> str:
    if not items:
        return ""
    rows = []
    for x in items:
        rows.append(
            f'<tr><td>{_e(x.part, 40)}</td><td><span class="b b-{_e(x.bucket, 20)}">{_e(x.bucket.replace("_", " "), 20)}</span></td>'
            f"<td>{_e(x.gold_text or '', MAX_SHOWN)}</td><td>{_e(x.type_gold or '', 40)}</td>"
            f"<td>{_e(x.pred_text or '', MAX_SHOWN)}</td><td>{_e(x.type_pred or '', 40)}</td>"
            f"<td>{_e(x.reason, MAX_SHOWN)}</td></tr>"
        )
    return (
        f"<details><summary>all {len(items)} items</summary>"
        '<table class="items"><thead><tr><th>part</th><th>bucket</th><th>gold</th><th>type</th><th>predicted</th>'
        "<th>type</th><th>why</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></details>"
    )


__all__ = [
    "GOLD_BUCKETS",
    "Mark",
    "PRED_BUCKETS",
    "content_security_policy",
    "marks_for",
    "render_article",
    "render_html",
    "segments",
    "span_parts",
]
