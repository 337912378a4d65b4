"""Grounding: give offsets to spans that an extractor returned as text only.

An LLM quotes the article but cannot count characters, so its spans arrive without offsets.
:func:`ground` finds each such span in the document, in three stages of decreasing strictness —
the idea Google's LangExtract uses to anchor its extractions:

``exact``
    The text occurs verbatim, at word boundaries.
``normalised``
    It occurs after both sides are normalised (:func:`evalkit.normalise.normalise`, first the
    ``default`` profile, then ``loose``): curly vs straight quotes, case, whitespace, dashes,
    diacritics. Offsets are mapped back to the source through the normaliser's offset map.
``fuzzy``
    The best approximate alignment (RapidFuzz's partial-ratio alignment on ``default`` text,
    then snapped to word boundaries) scores at least ``fuzzy_threshold`` (Indel similarity,
    0..1).

A span found nowhere stays ``unresolved`` (offsets ``None``), so span-level scores still apply
to everything else. When the text occurs several times, the choice follows the document:
an entity's mentions take successive occurrences after the previous mention of the same
entity (``["Kyiv", "Kyiv", "Kyiv"]`` lands on three distinct occurrences, in order); numbers
and attribution contents do the same within their part; an attribution's cue takes the
occurrence nearest to its content, and its source the occurrence nearest to its cue (several
attributions may share one source and cue, as a continued quotation does). A grounded span's text becomes the exact source text at
its offsets, so it always satisfies ``text[start:end] == span.text``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from .model import Attribution, Document, Entity, NumberFact, Span, StructuredSummary
from .normalise import Normalised, normalise

#: Alignment statuses, strictest first.
STATUSES: tuple[str, ...] = ("exact", "normalised", "fuzzy", "unresolved")

#: Default minimum Indel similarity (0..1) for a fuzzy alignment to count. LangExtract's
#: default token-overlap threshold is 0.75; character-level similarity is a little stricter
#: for the same amount of paraphrase, so 0.8 keeps a comparable tolerance.
DEFAULT_FUZZY_THRESHOLD = 0.8

#: How far (in characters) an attribution's source or cue is first looked for around its content.
_NEAR = 400

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SpanGrounding:
    """How one text-only span was grounded: where, by which stage, with what similarity."""

    path: str
    text: str
    status: str
    start: int | None = None
    end: int | None = None
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "text": self.text,
            "status": self.status,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class GroundingReport:
    """Per-span outcomes of :func:`ground` for every span that arrived without offsets.

    ``given`` counts spans that already had offsets (left untouched). ``spans`` lists the
    others in JSON-path order, each with its status.
    """

    spans: tuple[SpanGrounding, ...] = ()
    given: int = 0
    fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD

    @property
    def counts(self) -> dict[str, int]:
        """Number of spans per status, every status present (zero when none)."""
        out = dict.fromkeys(STATUSES, 0)
        for s in self.spans:
            out[s.status] += 1
        return out

    @property
    def unresolved(self) -> tuple[SpanGrounding, ...]:
        return tuple(s for s in self.spans if s.status == "unresolved")

    def to_dict(self) -> dict[str, Any]:
        return {
            "given": self.given,
            "counts": self.counts,
            "fuzzy_threshold": self.fuzzy_threshold,
            "spans": [s.to_dict() for s in self.spans],
        }


# --------------------------------------------------------------------------------------------
# Locating one string in the document.


@dataclass(frozen=True)
class _Found:
    status: str
    hits: tuple[tuple[int, int], ...]
    score: float


def _is_boundary(text: str, i: int) -> bool:
    """True when position ``i`` does not fall between two letters or digits."""
    return i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum())


def _at_boundaries(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` does not cut a word at either end."""
    return _is_boundary(text, start) and _is_boundary(text, end)


def _occurrences(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` (overlapping ones included) that respects word boundaries."""
    out: list[tuple[int, int]] = []
    if not needle:
        return out
    i = haystack.find(needle)
    while i >= 0:
        if _at_boundaries(haystack, i, i + len(needle)):
            out.append((i, i + len(needle)))
        i = haystack.find(needle, i + 1)
    return out


@dataclass
class _Locator:
    """Finds strings in one document; caches the normalised document and per-string results."""

    text: str
    fuzzy_threshold: float
    _norm: dict[str, Normalised] = field(default_factory=dict)
    _cache: dict[str, _Found] = field(default_factory=dict)

    def normalised(self, profile: str) -> Normalised:
        if profile not in self._norm:
            self._norm[profile] = normalise(self.text, profile)
        return self._norm[profile]

    def find(self, needle: str) -> _Found:
        """All occurrences at the strictest stage that has any (fuzzy stage excluded)."""
        if needle in self._cache:
            return self._cache[needle]
        found = _Found("unresolved", (), 0.0)
        hits = _occurrences(self.text, needle) if needle.strip() else []
        if hits:
            found = _Found("exact", tuple(hits), 1.0)
        else:
            for profile in ("default", "loose"):
                doc = self.normalised(profile)
                key = normalise(needle, profile).text
                mapped = sorted({doc.to_source(s, e) for s, e in _occurrences(doc.text, key)})
                if mapped:
                    found = _Found("normalised", tuple(mapped), 1.0)
                    break
        self._cache[needle] = found
        return found

    def fuzzy(self, needle: str, windows: Iterable[tuple[int, int]]) -> tuple[int, int, float] | None:
        """Best approximate alignment of ``needle``, trying each source window in turn.

        The first window whose best alignment reaches the threshold wins, so callers pass the
        preferred region (after the previous mention, around the content) before the whole text.
        """
        from rapidfuzz import fuzz

        doc = self.normalised("default")
        key = normalise(needle, "default").text
        if len(key) < 2 or not doc.text:
            return None
        cutoff = self.fuzzy_threshold * 100
        for lo_src, hi_src in windows:
            lo, _ = doc.from_source(lo_src, lo_src)
            hi, _ = doc.from_source(hi_src, hi_src)
            hay = doc.text[lo:hi]
            if not hay:
                continue
            al = fuzz.partial_ratio_alignment(key, hay, score_cutoff=cutoff)
            if al is None or al.score < cutoff:
                continue
            s, e, score = _snap(key, doc.text, lo + al.dest_start, lo + al.dest_end)
            if score >= cutoff:
                start, end = doc.to_source(s, e)
                return start, end, score / 100
        return None


def _snap(key: str, hay: str, start: int, end: int) -> tuple[int, int, float]:
    """Move an alignment's ends to word boundaries, choosing the pair that matches best.

    Partial-ratio alignments have the needle's length, so they may cut words. Among word
    starts and word ends within a small radius of the alignment, pick the pair with the best
    Indel similarity (ties: the one closest to the original alignment). Where no boundary
    lies within the radius the original end is kept.
    """
    from rapidfuzz import fuzz

    radius = max(3, len(key) // 5)
    lo, hi = max(0, start - radius), min(len(hay), end + radius)
    starts: set[int] = set()
    ends: set[int] = set()
    for m in _WORD.finditer(hay, lo, hi):
        a, b = m.start(), m.end()
        if a <= start + radius and _is_boundary(hay, a):
            starts.add(a)
            for k in (1, 2):  # opening quotes or brackets
                if a - k < 0 or hay[a - k].isalnum() or hay[a - k].isspace():
                    break
                starts.add(a - k)
        if b >= end - radius and _is_boundary(hay, b):
            ends.add(b)
            for k in (0, 1):  # a closing comma, stop or quote (``,”``)
                if b + k >= len(hay) or hay[b + k].isalnum() or hay[b + k].isspace():
                    break
                ends.add(b + k + 1)
    best: tuple[float, int, int, int] | None = None
    for s in sorted(starts or {start}):
        for e in sorted(ends or {end}):
            if e <= s:
                continue
            cand = (fuzz.ratio(key, hay[s:e]), -(abs(s - start) + abs(e - end)), s, e)
            if best is None or cand[:2] > best[:2]:
                best = cand
    if best is None:
        return start, end, fuzz.ratio(key, hay[start:end])
    score, _, s, e = best
    return s, e, float(score)


# --------------------------------------------------------------------------------------------
# Choosing among occurrences.


@dataclass
class _Group:
    """Spans that should take distinct occurrences, in order (one entity's mentions, one part)."""

    used: set[tuple[int, int]] = field(default_factory=set)
    cursor: int = 0


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _choose(
    hits: tuple[tuple[int, int], ...], group: _Group, anchor: tuple[int, int] | None
) -> tuple[int, int]:
    if anchor is not None:
        # Attributions may share a source and cue (a quotation continued without a new frame),
        # so occurrences already taken stay eligible: the nearest one wins.
        return min(hits, key=lambda h: (_gap(h, anchor), h))
    # First unused occurrence at or after the cursor, else the first unused one, else the
    # first at or after the cursor (hits are sorted, so this is a scan from a bisection).
    k = bisect_left(hits, (group.cursor, -1))
    for h in itertools.chain(hits[k:], hits[:k]):
        if h not in group.used:
            return h
    return hits[k] if k < len(hits) else hits[0]


def _fuzzy_windows(n: int, group: _Group, anchor: tuple[int, int] | None) -> list[tuple[int, int]]:
    if anchor is not None:
        return [(max(0, anchor[0] - _NEAR), min(n, anchor[1] + _NEAR)), (0, n)]
    if 0 < group.cursor < n:
        return [(group.cursor, n), (0, n)]
    return [(0, n)]


@dataclass
class _Grounder:
    document: Document
    locator: _Locator
    results: list[SpanGrounding] = field(default_factory=list)
    given: int = 0

    def span(
        self, span: Span, path: str, group: _Group, anchor: tuple[int, int] | None = None
    ) -> Span:
        """Ground one span (if it needs it), record the outcome, advance the group."""
        text = self.document.text
        if span.grounded:
            self.given += 1
            assert span.start is not None and span.end is not None
            group.used.add((span.start, span.end))
            group.cursor = span.end
            return span
        found = self.locator.find(span.text)
        where: tuple[int, int] | None = None
        score = found.score
        status = found.status
        if found.hits:
            where = _choose(found.hits, group, anchor)
        else:
            fz = self.locator.fuzzy(span.text, _fuzzy_windows(len(text), group, anchor))
            if fz is not None:
                where, score, status = (fz[0], fz[1]), fz[2], "fuzzy"
                # The alignment says what the text is; where it occurs is chosen as for exact
                # matches, among every occurrence of the aligned text.
                same = _occurrences(text, text[fz[0] : fz[1]])
                if len(same) > 1:
                    where = _choose(tuple(same), group, anchor)
        if where is None or where[0] >= where[1]:
            self.results.append(SpanGrounding(path, span.text, "unresolved"))
            return span
        group.used.add(where)
        group.cursor = where[1]
        self.results.append(SpanGrounding(path, span.text, status, where[0], where[1], score))
        return Span(where[0], where[1], text[where[0] : where[1]])


def _bounds(span: Span | None) -> tuple[int, int] | None:
    if span is None or not span.grounded:
        return None
    assert span.start is not None and span.end is not None
    return span.start, span.end


def ground(
    summary: StructuredSummary,
    document: Document,
    *,
    fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
) -> tuple[StructuredSummary, GroundingReport]:
    """Locate every text-only span of ``summary`` in ``document``.

    Returns the summary with offsets filled in wherever the text could be found (spans that
    had offsets are returned unchanged) and a :class:`GroundingReport` with each located span's
    JSON path (as in :func:`evalkit.serialize.iter_spans`) and status. Pure and deterministic.
    """
    if not 0.0 < fuzzy_threshold <= 1.0:
        raise ValueError(f"fuzzy_threshold must be in (0, 1], not {fuzzy_threshold!r}")
    g = _Grounder(document, _Locator(document.text, fuzzy_threshold))

    entities: list[Entity] = []
    for i, e in enumerate(summary.entities):
        group = _Group()
        mentions = [g.span(m, f"entities[{i}].mentions[{j}]", group) for j, m in enumerate(e.mentions)]
        entities.append(replace(e, mentions=tuple(mentions)))

    numbers: list[NumberFact] = []
    group = _Group()
    for i, n in enumerate(summary.numbers):
        if n.span is not None:
            n = replace(n, span=g.span(n.span, f"numbers[{i}].span", group))
        numbers.append(n)

    attributions: list[Attribution] = []
    contents, sources, cues = _Group(), _Group(), _Group()
    for i, a in enumerate(summary.attributions):
        # Content first, then the cue next to it, then the source next to the cue. Results are
        # recorded in source/cue/content order to match the JSON-path order of iter_spans.
        mark = len(g.results)
        content = g.span(a.content, f"attributions[{i}].content", contents)
        content_result = g.results[mark:]
        del g.results[mark:]
        anchor = _bounds(content)
        cue = None if a.cue is None else g.span(a.cue, f"attributions[{i}].cue", cues, anchor)
        cue_result = g.results[mark:]
        del g.results[mark:]
        source_anchor = _bounds(cue) or anchor
        source = None if a.source is None else g.span(a.source, f"attributions[{i}].source", sources, source_anchor)
        g.results.extend(cue_result)
        g.results.extend(content_result)
        attributions.append(replace(a, content=content, source=source, cue=cue))

    grounded = replace(
        summary,
        entities=tuple(entities),
        numbers=tuple(numbers),
        attributions=tuple(attributions),
    )
    return grounded, GroundingReport(tuple(g.results), g.given, fuzzy_threshold)


__all__ = [
    "DEFAULT_FUZZY_THRESHOLD",
    "GroundingReport",
    "STATUSES",
    "SpanGrounding",
    "ground",
]
