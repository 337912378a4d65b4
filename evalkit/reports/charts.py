"""Charts for the HTML report, drawn with matplotlib and returned as PNG bytes.

PNG rather than inline SVG: matplotlib's SVG writer copies text into comments and ids, and a
hostile extractor label must never become markup; a PNG is pixels only. Labels are made
visible and shortened, and ``$`` is escaped so matplotlib never reads a label as mathtext.
The figure is rendered with the Agg backend (no display needed) and without a ``Software``
tag, so the same report gives the same bytes with the same matplotlib.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Collection

from ..scoring.result import PARTS
from .model import Report
from .text import one_line

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Colours of the extractors' bars, in order (colour-blind-safe Okabe–Ito palette).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Bucket colours, shared with the HTML stylesheet.
BUCKET_COLOURS = {
    "matched": "#2e9e4f",
    "partial": "#e0b400",
    "wrong_type": "#e07b00",
    "missed": "#d1343a",
    "spurious": "#8a4fd1",
}


def _label(text: str, limit: int = 28) -> str:
    return one_line(text, limit).replace("\\", "\\\\").replace("$", r"\$")


def _figure(width: float, height: float) -> Figure:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None}, bbox_inches="tight")
    return buf.getvalue()


def headline_chart(report: Report) -> bytes | None:
    """Grouped bars: each part's headline F1/value per extractor, with 95% CI whiskers."""
    parts = [p for p in PARTS if any(p in e.headlines and e.headlines[p] in e.metrics for e in report.extractors)]
    if not parts or not report.extractors:
        return None
    n = len(report.extractors)
    fig = _figure(1.2 + 1.3 * len(parts) * max(1, n) / 2, 3.2)
    ax = fig.subplots()
    width = 0.8 / n
    for i, e in enumerate(report.extractors):
        xs, ys, lo, hi = [], [], [], []
        for j, part in enumerate(parts):
            m = e.metrics.get(e.headlines.get(part, ""))
            if m is None:
                continue
            v = m.primary
            if v.point is None:  # undefined: no bar, rather than a bar at 0 or 1
                continue
            xs.append(j - 0.4 + width * (i + 0.5))
            ys.append(v.point)
            lo.append(max(0.0, v.point - v.low) if v.low is not None and v.high is not None else 0.0)
            hi.append(max(0.0, v.high - v.point) if v.low is not None and v.high is not None else 0.0)
        ax.bar(xs, ys, width, yerr=[lo, hi], capsize=3, label=_label(e.label), color=PALETTE[i % len(PALETTE)])
    ax.set_xticks(range(len(parts)), parts)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("headline F1 / value")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=min(n, 4), fontsize=8, frameon=False)
    return _png(fig)


def bucket_chart(report: Report) -> bytes | None:
    """Stacked horizontal bars: how every item of each extractor and part was judged."""
    rows: list[tuple[str, dict[str, int]]] = []
    for e in report.extractors:
        counts: dict[str, dict[str, int]] = {}
        for d in e.documents:
            for x in d.explanations:
                counts.setdefault(x.part, {}).setdefault(x.bucket, 0)
                counts[x.part][x.bucket] += 1
        for part in _ordered(counts):
            rows.append((f"{_label(e.label, 20)} · {part}", counts[part]))
    if not rows:
        return None
    fig = _figure(7.5, 0.6 + 0.32 * len(rows))
    ax = fig.subplots()
    ys = list(range(len(rows)))[::-1]
    left = [0] * len(rows)
    for bucket, colour in BUCKET_COLOURS.items():
        widths = [r[1].get(bucket, 0) for r in rows]
        ax.barh(ys, widths, left=left, color=colour, label=bucket.replace("_", " "))
        left = [a + b for a, b in zip(left, widths)]
    ax.set_yticks(ys, [r[0] for r in rows], fontsize=8)
    ax.set_xlabel("items (gold and predicted)")
    ax.legend(loc="lower right", fontsize=7, ncols=5, frameon=False, bbox_to_anchor=(1.0, 1.0))
    return _png(fig)


def _ordered(parts: Collection[str]) -> list[str]:
    known = [p for p in PARTS if p in parts]
    return known + sorted(p for p in parts if p not in PARTS)


__all__ = ["BUCKET_COLOURS", "PALETTE", "bucket_chart", "headline_chart"]
