"""Making untrusted text safe to show: every rendering passes extractor output through here.

An extractor may return anything: markup, quotes, control characters, bidirectional overrides
(U+202E turns the rest of a line around), lone surrogates, megabyte-long spans. Escaping for the
target format (HTML, XML, Markdown) is each renderer's job; this module does the part they
share — it makes invisible and format-breaking characters *visible*, so hostile output is shown
as the text it is and can never reorder, hide or corrupt what follows it.

:func:`visible` replaces C0/C1 control characters (except newline and tab), Unicode bidi
controls, lone surrogates and the XML non-characters U+FFFE/U+FFFF with a ``⟨U+XXXX⟩`` marker.
It is applied to every piece of text separately, so offsets computed on the original text stay
valid (the article is cut into segments first, then each segment is made visible).
"""

from __future__ import annotations

import re

#: Bidirectional formatting characters (embeddings, overrides, isolates, marks).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)


def visible(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible ``⟨U+XXXX⟩`` marker."""
    return _UNSAFE.sub(lambda m: f"\u27e8U+{ord(m.group()):04X}\u27e9", text)


def one_line(text: str, limit: int = 200) -> str:
    """``text`` made visible, whitespace runs folded to one space, cut to ``limit`` characters.

    Cutting marks the loss with ``…`` and the number of characters left out, so a reader never
    mistakes a shortened span for the whole.
    """
    flat = " ".join(visible(text).split())
    if len(flat) <= limit:
        return flat
    return f"{flat[:limit]}… (+{len(flat) - limit} chars)"


__all__ = ["BIDI_CONTROLS", "format_cost", "one_line", "visible", "wrap_lines"]


def format_cost(cost: float) -> str:
    """A cost in the prices' currency, to a hundredth of a cent (runs on small models are cheap)."""
    return f"{cost:,.4f}"


def wrap_lines(lines: list[str], width: int, indent: str = "     ") -> list[str]:
    """``lines`` folded to ``width`` columns at spaces only, continuations indented by
    ``indent``: a terminal would otherwise cut a metric or extractor name in two. A single word
    longer than the width stays whole on its own line."""
    import textwrap

    out: list[str] = []
    for line in lines:
        if len(line) <= width:
            out.append(line)
            continue
        out.extend(
            textwrap.wrap(
                line, width=width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
            )
            or [line]
        )
    return out
