"""Quotations in running text: where each one opens and closes.

Handles curly double quotes (``“…”``), straight double quotes paired in order within a
paragraph, guillemets, and top-level curly single quotes used as quotation marks (British
style) when they hold at least four words — shorter single-quoted stretches are scare quotes
or nested quotes (``‘shaheeds’``), and a lone ``’`` is usually an apostrophe. A quote left open
at the end of a paragraph (a quotation running into the next paragraph) ends there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRS = {"“": "”", "«": "»", "„": "“"}


@dataclass(frozen=True)
class Quote:
    """A quotation: ``open`` and ``close`` are the offsets of its marks (``close`` may be the
    paragraph end when the closing mark is missing); the content lies between them."""

    open: int
    close: int

    @property
    def start(self) -> int:
        """Start of the content (just after the opening mark)."""
        return self.open + 1

    @property
    def end(self) -> int:
        """End of the content (the closing mark's offset)."""
        return self.close

    def contains(self, pos: int) -> bool:
        return self.open < pos < self.close


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def find_quotes(text: str) -> list[Quote]:
    """Top-level quotations of ``text`` in order; nested quotes inside them are not listed."""
    quotes: list[Quote] = []
    for p_start, p_end in _paragraphs(text):
        i = p_start
        while i < p_end:
            ch = text[i]
            if ch in _PAIRS or ch == '"':
                closer = _PAIRS.get(ch, '"')
                j = text.find(closer, i + 1, p_end)
                if ch == "„" and j < 0:
                    j = text.find("”", i + 1, p_end)
                end = j if j >= 0 else p_end
                if end > i + 1 and (j >= 0 or ch != '"'):
                    quotes.append(Quote(i, end))
                i = end + 1
            elif ch == "‘" and (i == p_start or not text[i - 1].isalnum()):
                close = _single_close(text, i + 1, p_end)
                if close is not None and len(text[i + 1 : close].split()) >= 4:
                    quotes.append(Quote(i, close))
                    i = close + 1
                else:
                    i += 1
            else:
                i += 1
    return quotes


def _single_close(text: str, start: int, end: int) -> int | None:
    """The first ``’`` after ``start`` that is not an apostrophe (not followed by a letter)."""
    for m in re.finditer("’", text[start:end]):
        k = start + m.start()
        if k + 1 >= end or not text[k + 1].isalpha():
            return k
    return None


def inside_quote(quotes: list[Quote], pos: int) -> Quote | None:
    """The quote whose content contains offset ``pos``, if any."""
    for q in quotes:
        if q.open < pos < q.close:
            return q
        if q.open > pos:
            break
    return None


__all__ = ["Quote", "find_quotes", "inside_quote"]
