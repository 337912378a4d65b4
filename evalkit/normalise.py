"""Offset-preserving text normalisation under named profiles.

:func:`normalise` turns a string into a comparison form and remembers, for every character of
the result, which stretch of the original it came from. Matching can then work on normalised
text (``Erdoğan`` = ``Erdogan``, ``Kyiv’s`` = ``Kyiv's``) and still report spans in the
document's own offsets.

Profiles (documented in ``docs/normalisation.md``; reports record the profile name):

``exact``
    Nothing changes.
``default``
    Unicode NFKC; curly quotes, apostrophes and primes become ASCII ``'`` / ``"``; every dash
    and minus sign becomes ``-``; invisible format characters (bidi controls, zero-width space,
    word joiner, soft hyphen, byte-order mark) are dropped; every run of Unicode whitespace
    becomes one space and leading/trailing whitespace goes; casefold.
``loose``
    ``default`` plus: diacritics folded on Latin, Greek and Cyrillic letters; possessive
    ``'s`` dropped; hyphens become spaces; other punctuation dropped except the ``.`` and ``,``
    inside a number (``3.5``, ``1,200``) and a minus sign that starts a number; leading
    articles (``the``/``a``/``an``) dropped.

Every profile is total on ``str`` (lone surrogates included), linear in the input length and
idempotent: the pipeline is repeated until it reaches a fixpoint, because NFKC and casefolding
do not commute in general (``normalise(normalise(x).text).text == normalise(x).text``).

How offsets survive NFKC: the text is cut into clusters at *normalisation boundaries* (before a
character with canonical combining class 0 that can never compose with what precedes it, the
``hasBoundaryBefore`` test of Unicode normalisers). NFKC of a concatenation of clusters is the
concatenation of their NFKCs, so each cluster is normalised on its own and every character it
yields maps to the whole cluster.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

PROFILES: tuple[str, ...] = ("exact", "default", "loose")

#: How many times the pipeline may run before the fixpoint must have been reached. Real text
#: converges in one or two passes; the bound only guards against a pathological cycle.
_MAX_PASSES = 8

_QUOTE_MAP = {
    # single quotes, apostrophes, primes
    **dict.fromkeys(
        "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02b9\u2039\u203a\uff07\u00b4",
        "'",
    ),
    # double quotes and guillemets
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u301d\u301e\u301f\uff02", '"'),
}
#: Minus signs that Unicode does not class as dash punctuation (Pd); every Pd char is added
#: when the tables are built.
_EXTRA_MINUS = "\u2212\u02d7\u207b\u208b\ufe63\uff0d\u2796"
#: Format characters that are invisible and carry no meaning for comparison. ZWJ and ZWNJ are
#: kept: they change how Persian and Indic words are spelled.
_IGNORABLE = (
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
#: Latin letters with a built-in stroke or bar, which have no canonical decomposition.
_STROKE_FOLD = {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t", "ƀ": "b", "ɨ": "i"}
_FOLD_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


@dataclass(frozen=True)
class Normalised:
    """A normalised string with a map back to the string it came from.

    ``starts[i]``/``ends[i]`` are the source span (end-exclusive) of ``text[i]``. Both are
    non-decreasing, within ``0..len(source)``, and ``starts[i] < ends[i]``: a normalised
    character always comes from at least one source character. Several normalised characters
    may share one source span (``ﬁ`` -> ``fi``) and one may cover several (``e`` + combining
    acute -> ``é``; a run of whitespace -> one space).
    """

    text: str
    source: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span a normalised span ``[start, end)`` came from.

        A non-empty span maps to ``(starts[start], ends[end - 1])``. An empty span maps to the
        empty source span where its position lies (before the character at ``start``, or after
        the last character when ``start == len(text)``).
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"normalised span [{start}:{end}] is outside 0..{n}")
        if start < end:
            return self.starts[start], self.ends[end - 1]
        if start < n:
            pos = self.starts[start]
        elif n:
            pos = self.ends[n - 1]
        else:
            pos = len(self.source)
        return pos, pos

    def from_source(self, start: int, end: int) -> tuple[int, int]:
        """The smallest normalised span whose characters cover the source span ``[start, end)``.

        It holds every normalised character whose source span overlaps ``[start, end)`` (or,
        for an empty source span, strictly contains its position). When none does (the source
        span holds only dropped characters) the result is the empty span where they were.
        """
        m = len(self.source)
        if not 0 <= start <= end <= m:
            raise ValueError(f"source span [{start}:{end}] is outside 0..{m}")
        lo = bisect_right(self.ends, start)
        hi = bisect_left(self.starts, end) if end > start else bisect_left(self.starts, start + 1)
        if start == end and hi > lo and self.starts[lo] == start:
            hi = lo
        return lo, max(lo, hi)


# --------------------------------------------------------------------------------------------
# Character tables, built once on first use from the running Python's Unicode database.


@dataclass(frozen=True)
class _Tables:
    cluster_re: re.Pattern[str]
    char_map: dict[int, str]
    unsafe: frozenset[str]  # characters before which there is no normalisation boundary


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    second: set[str] = set()
    combining: set[str] = set()
    dashes: list[str] = []
    for cp in range(0x30000):
        c = chr(cp)
        if unicodedata.combining(c):
            combining.add(c)
        d = unicodedata.decomposition(c)
        if d and not d.startswith("<"):
            parts = d.split()
            if len(parts) == 2:
                second.add(chr(int(parts[1], 16)))
        if unicodedata.category(c) == "Pd":
            dashes.append(c)
    # Hangul vowel and trailing jamo compose algorithmically with what precedes them.
    second.update(chr(cp) for cp in range(0x1161, 0x1176))
    second.update(chr(cp) for cp in range(0x11A8, 0x11C3))
    unsafe = combining | second
    # A character whose compatibility decomposition or case fold starts with a character that
    # combines backwards is not a boundary either (halfwidth katakana sound marks, U+0344).
    for cp in range(0x30000):
        c = chr(cp)
        if c in unsafe:
            continue
        for form in (unicodedata.normalize("NFKD", c), c.casefold()):
            if form and form[0] in unsafe:
                unsafe.add(c)
                break
    # The regex engine tests a character against a class of BMP characters in O(1) but walks
    # every range above U+FFFF one by one, so the class gets all of the astral planes as one
    # range: astral characters join the cluster before them in the regex, and the cluster is
    # cut at its true boundaries afterwards (``_split_cluster``).
    bmp = _char_class(sorted(ord(c) for c in unsafe if ord(c) <= 0xFFFF))
    cls = bmp + "\\U00010000-\\U0010ffff"
    cluster_re = re.compile(
        f"(?P<run>[^{cls}]+(?![{cls}]))|(?P<cluster>[^{cls}][{cls}]+)|(?P<orphan>[{cls}]+)"
    )
    char_map: dict[int, str] = {ord(k): v for k, v in _QUOTE_MAP.items()}
    for c in (*dashes, *_EXTRA_MINUS):
        char_map[ord(c)] = "-"
    for c in _IGNORABLE:
        char_map[ord(c)] = ""
    return _Tables(cluster_re, char_map, frozenset(unsafe))


def _char_class(codepoints: list[int]) -> str:
    """A regex character-class body for sorted code points, as escaped ranges."""
    out: list[str] = []
    i = 0
    while i < len(codepoints):
        j = i
        while j + 1 < len(codepoints) and codepoints[j + 1] == codepoints[j] + 1:
            j += 1
        lo, hi = codepoints[i], codepoints[j]
        out.append(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}")
        i = j + 1
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Stages. Each maps a string to (text, starts, ends) relative to its own input, where
# text[i] came from input[starts[i]:ends[i]].

_Stage = tuple[str, list[int], list[int]]


@lru_cache(maxsize=65536)
def _cluster_default(cluster: str) -> str:
    """NFKC, casefold and quote/dash mapping of one cluster, repeated to a fixpoint."""
    char_map = _tables().char_map
    out = cluster
    for _ in range(_MAX_PASSES):
        nxt = unicodedata.normalize("NFKC", out.translate(char_map)).casefold().translate(char_map)
        if nxt == out:
            break
        out = nxt
    return out


@lru_cache(maxsize=65536)
def _cluster_loose(cluster: str) -> str:
    """``_cluster_default`` plus diacritic folding on Latin, Greek and Cyrillic letters."""
    out = _cluster_default(cluster)
    if out.isascii():
        return out
    folded: list[str] = []
    for ch in unicodedata.normalize("NFD", out):
        if unicodedata.category(ch) == "Mn" and folded and _foldable(folded[-1][-1]):
            continue
        folded.append(_STROKE_FOLD.get(ch, ch))
    return _cluster_default(unicodedata.normalize("NFC", "".join(folded)))


@lru_cache(maxsize=4096)
def _foldable(base: str) -> bool:
    """True for a letter of a script whose diacritics ``loose`` folds away."""
    return unicodedata.name(base, "").startswith(_FOLD_SCRIPTS)


def _char_stage(text: str, cluster_fn: Callable[[str], str]) -> _Stage:
    """Apply ``cluster_fn`` to every normalisation cluster of ``text``.

    Clusters of one boundary character come in runs. A run is mapped in one C-speed step when
    that provably equals mapping each character (see :func:`_run_fast`); otherwise it is
    halved until the pieces pass or are short enough to map character by character, so a few
    awkward characters in a long run cost O(log n) extra checks, not a slow path for the run.
    """
    tables = _tables()
    loose = cluster_fn is _cluster_loose
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def run(seg: str, a: int) -> None:
        mapped = _run_fast(seg, tables.char_map, loose)
        if mapped is not None:
            out.append(mapped)
            starts.extend(range(a, a + len(seg)))
            ends.extend(range(a + 1, a + len(seg) + 1))
        elif len(seg) > 32:
            half = len(seg) // 2
            run(seg[:half], a)
            run(seg[half:], a + half)
        else:
            for i, ch in enumerate(seg, a):
                r = cluster_fn(ch)
                if len(r) == 1:
                    out.append(r)
                    starts.append(i)
                    ends.append(i + 1)
                elif r:
                    out.append(r)
                    starts.extend([i] * len(r))
                    ends.extend([i + 1] * len(r))

    for m in tables.cluster_re.finditer(text):
        a = m.start()
        if m.lastgroup == "run":
            run(m.group(), a)
            continue
        for seg, sa in _split_cluster(m.group(), a, tables.unsafe):
            if len(seg) == 1 or seg[1] not in tables.unsafe:
                run(seg, sa)  # a run of boundary characters after all
                continue
            r = cluster_fn(seg)
            if r:
                out.append(r)
                starts.extend([sa] * len(r))
                ends.extend([sa + len(seg)] * len(r))
    return "".join(out), starts, ends


def _split_cluster(seg: str, a: int, unsafe: frozenset[str]) -> list[tuple[str, int]]:
    """Cut a regex cluster at its true boundaries (before every character not in ``unsafe``).

    Consecutive one-character clusters come back joined, as one run of boundary characters
    (its second character is then not in ``unsafe``, which is how the caller tells them apart).
    """
    pieces: list[tuple[str, int]] = []
    begin = 0
    run_from = -1  # start of the pending run of one-character clusters, or -1
    n = len(seg)
    for k in range(1, n + 1):
        if k < n and seg[k] in unsafe:
            continue
        if k - begin == 1:
            if run_from < 0:
                run_from = begin
        else:
            if run_from >= 0:
                pieces.append((seg[run_from:begin], a + run_from))
                run_from = -1
            pieces.append((seg[begin:k], a + begin))
        begin = k
    if run_from >= 0:
        pieces.append((seg[run_from:], a + run_from))
    return pieces


def _run_fast(seg: str, char_map: dict[int, str], loose: bool) -> str | None:
    """The mapped run if mapping it whole equals mapping each character, else ``None``.

    That holds when the run is NFKC already, casefold maps each character to exactly one
    character (equal lengths), the result is NFKC too, and, for ``loose``, nothing in it
    decomposes or has a stroke to fold.
    """
    if seg.isascii():
        return seg.lower()
    mapped = seg.casefold().translate(char_map)
    if (
        len(mapped) == len(seg)
        and unicodedata.is_normalized("NFKC", seg)
        and unicodedata.is_normalized("NFKC", mapped)
        and (not loose or (unicodedata.is_normalized("NFD", mapped) and not _STROKE_RE.search(mapped)))
    ):
        return mapped
    return None


_STROKE_RE = re.compile("[" + "".join(_STROKE_FOLD) + "]")


_SPACE_RE = re.compile(r"\s{2,}|[^\S ]")
_EDGE_SPACE_RE = re.compile(r"^ | $")


def _rewrite(text: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> _Stage:
    """Replace every match of ``pattern`` by ``repl(match)`` (at most one character, or none).

    The replacement character maps to the whole match; untouched text maps to itself.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        a, b = m.span()
        if a > pos:
            out.append(text[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
        r = repl(m)
        if r:
            out.append(r)
            starts.append(a)
            ends.append(b)
        pos = b
    if pos < len(text):
        out.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    return "".join(out), starts, ends


def _space_stage(text: str) -> _Stage | None:
    """Every run of whitespace -> one space; none at either end. ``None`` if nothing changes."""
    if _SPACE_RE.search(text) is None and _EDGE_SPACE_RE.search(text) is None:
        return None
    collapsed = _rewrite(text, _SPACE_RE, lambda m: " ")
    ctext, cstarts, cends = collapsed
    lo = 1 if ctext.startswith(" ") else 0
    hi = len(ctext) - 1 if len(ctext) > lo and ctext.endswith(" ") else len(ctext)
    return ctext[lo:hi], cstarts[lo:hi], cends[lo:hi]


# ``loose`` punctuation: every Unicode punctuation character and ASCII symbol, except a ``.``
# or ``,`` between digits and a ``-`` that starts a number. Hyphens become spaces (DROP style:
# ``28-point`` -> ``28 point``), other punctuation goes.
_POSSESSIVE_RE = re.compile(r"(?<=\w)'s(?!\w)")
_ASCII_SYMBOLS = "$+<=>^`|~"


@lru_cache(maxsize=1)
def _punct_re() -> re.Pattern[str]:
    cps = [
        cp
        for cp in range(0x30000)
        if unicodedata.category(chr(cp)).startswith("P") or chr(cp) in _ASCII_SYMBOLS
    ]
    cls = _char_class(cps)
    return re.compile(
        rf"(?P<keep>(?<=\d)[.,](?=\d)|(?<!\S)-(?=\.?\d))|(?P<space>-)|(?P<drop>[{cls}])"
    )


_PUNCT_REPLACEMENT = {"space": " ", "drop": ""}


def _punct_repl(m: re.Match[str]) -> str:
    """Keep number punctuation, turn other hyphens into spaces, drop the rest."""
    return m.group() if m.lastgroup == "keep" else _PUNCT_REPLACEMENT[m.lastgroup or "drop"]


_ARTICLE_RE = re.compile(r"^(?:(?:the|a|an)(?: |$))+")


# --------------------------------------------------------------------------------------------
# The pipeline.


class _Builder:
    """Accumulates the composition of stage maps back to the original source."""

    def __init__(self, source: str) -> None:
        self.text = source
        self.starts: list[int] | None = None  # None means identity
        self.ends: list[int] | None = None

    def apply(self, stage: _Stage | None) -> None:
        if stage is None:
            return
        text, st, en = stage
        if text == self.text:
            return  # keep the finer map we already have
        if self.starts is None or self.ends is None:
            self.starts, self.ends = st, en
        else:
            ps, pe = self.starts, self.ends
            self.starts = [ps[s] for s in st]
            self.ends = [pe[e - 1] for e in en]
        self.text = text

    def result(self, source: str) -> Normalised:
        if self.starts is None or self.ends is None:
            n = len(self.text)
            return Normalised(self.text, source, tuple(range(n)), tuple(range(1, n + 1)))
        return Normalised(self.text, source, tuple(self.starts), tuple(self.ends))


def _pass_default(b: _Builder) -> None:
    b.apply(_char_stage(b.text, _cluster_default))
    b.apply(_space_stage(b.text))


def _pass_loose(b: _Builder) -> None:
    b.apply(_char_stage(b.text, _cluster_loose))
    if "'s" in b.text:
        b.apply(_rewrite(b.text, _POSSESSIVE_RE, lambda m: ""))
    b.apply(_rewrite(b.text, _punct_re(), _punct_repl))
    b.apply(_space_stage(b.text))
    m = _ARTICLE_RE.match(b.text)
    if m and m.end() > 0:
        k = m.end()
        n = len(b.text)
        b.apply((b.text[k:], list(range(k, n)), list(range(k + 1, n + 1))))
        b.apply(_space_stage(b.text))


_PASSES: dict[str, Callable[[_Builder], None]] = {
    "default": _pass_default,
    "loose": _pass_loose,
}


def normalise(text: str, profile: str = "default") -> Normalised:
    """Normalise ``text`` under ``profile`` and keep a map back to it.

    Total on every ``str``; linear time; idempotent (the profile's pass is repeated until the
    text no longer changes). Raises ``ValueError`` for a profile not in :data:`PROFILES`.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown normalisation profile {profile!r}; expected one of {PROFILES}")
    b = _Builder(text)
    if profile != "exact":
        one_pass = _PASSES[profile]
        for _ in range(_MAX_PASSES):
            before = b.text
            one_pass(b)
            if b.text == before:
                break
    return b.result(text)


@lru_cache(maxsize=8192)
def _normalise_text_cached(text: str, profile: str) -> str:
    return normalise(text, profile).text


def normalise_text(text: str, profile: str = "default") -> str:
    """``normalise(text, profile).text``, without building offset maps where that is avoidable.

    ASCII text under ``default`` takes a direct path; short strings (names, mentions, values,
    compared many times during matching) are cached.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown normalisation profile {profile!r}; expected one of {PROFILES}")
    if profile == "exact":
        return text
    if profile == "default" and text.isascii():
        return " ".join(text.lower().split())
    if len(text) <= 256:
        return _normalise_text_cached(text, profile)
    return normalise(text, profile).text


__all__ = ["PROFILES", "Normalised", "normalise", "normalise_text"]
