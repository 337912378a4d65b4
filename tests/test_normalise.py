"""Tests for evalkit.normalise: the laws as Hypothesis properties, the profiles by example."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from evalkit.normalise import PROFILES, Normalised, normalise, normalise_text

# -- strategies --------------------------------------------------------------------------------

#: Every code point, lone surrogates and unassigned ones included.
any_char = st.characters(codec=None, exclude_categories=())
any_text = st.text(any_char, max_size=60)

combining_marks = st.characters(categories=["Mn", "Mc", "Me"])
bidi_controls = st.sampled_from(list("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
emoji = st.one_of(
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    st.sampled_from(["\u200d", "\ufe0f", "\U0001f3fb", "\U0001f1fa\U0001f1e6", "\u2764\ufe0f"]),
)
control_chars = st.characters(categories=["Cc", "Cf"])
latin_letters = st.characters(categories=["Ll", "Lu"], max_codepoint=0x24F)
targeted_char = st.one_of(
    combining_marks, bidi_controls, emoji, control_chars, latin_letters,
    st.sampled_from(list(" \t\n\u00a0\u2009\u3000'\"’“”‘—–-−ﬁİıßς")),
)
#: Text made mostly of the characters that break naive normalisers.
targeted_text = st.lists(targeted_char, max_size=40).map("".join)
texts = st.one_of(any_text, targeted_text)
profiles = st.sampled_from(PROFILES)

MEGABYTE = 1_000_000


def _check_maps(n: Normalised) -> None:
    """The offset-map invariants every Normalised must satisfy."""
    assert len(n.starts) == len(n.text) == len(n.ends)
    prev_start = prev_end = 0
    for s, e in zip(n.starts, n.ends):
        assert 0 <= s < e <= len(n.source)
        assert s >= prev_start and e >= prev_end
        prev_start, prev_end = s, e


# -- laws ------------------------------------------------------------------------------------------


@given(texts, profiles)
@example("\ud800\udfff\u0301", "default")
@example("\u0345\u0313", "default")
@example("\u1100\u1161\u11a8", "loose")
def test_normalise_is_total_and_maps_every_character(text: str, profile: str) -> None:
    n = normalise(text, profile)
    assert n.source == text
    _check_maps(n)


@given(texts, profiles)
@example("\u037a", "default")  # NFKC gives space + U+0345, casefold then gives iota
@example("ϓ", "default")
@example("the the a an Kyiv", "loose")
def test_normalise_is_idempotent(text: str, profile: str) -> None:
    once = normalise(text, profile).text
    assert normalise(once, profile).text == once


@given(texts, profiles, st.data())
def test_spans_survive_the_round_trip(text: str, profile: str, data: st.DataObject) -> None:
    n = normalise(text, profile)
    if not n.text:
        return
    s = data.draw(st.integers(0, len(n.text) - 1))
    e = data.draw(st.integers(s + 1, len(n.text)))
    src = n.to_source(s, e)
    lo, hi = n.from_source(*src)
    assert lo <= s and e <= hi
    # and the source span really holds what the normalised characters came from
    assert src[0] == n.starts[s] and src[1] == n.ends[e - 1]


@given(texts, profiles, st.data())
def test_from_source_covers_exactly_the_overlapping_characters(text: str, profile: str, data: st.DataObject) -> None:
    n = normalise(text, profile)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    lo, hi = n.from_source(a, b)
    assert 0 <= lo <= hi <= len(n.text)
    if a < b:
        expected = [i for i in range(len(n.text)) if n.starts[i] < b and n.ends[i] > a]
        assert list(range(lo, hi)) == expected or (not expected and lo == hi)


@given(texts, profiles)
def test_normalise_text_is_the_text_of_normalise(text: str, profile: str) -> None:
    assert normalise_text(text, profile) == normalise(text, profile).text


@given(texts)
def test_exact_changes_nothing(text: str) -> None:
    n = normalise(text, "exact")
    assert n.text == text
    assert n.starts == tuple(range(len(text)))
    assert n.ends == tuple(range(1, len(text) + 1))


# -- equal variants under ``default`` -------------------------------------------------------------

words = st.text(st.characters(categories=["L"], max_codepoint=0x52F), min_size=1, max_size=8)
phrases = st.lists(words, min_size=1, max_size=5)


@given(phrases)
def test_case_variants_are_equal(ws: list[str]) -> None:
    text = " ".join(ws)
    base = normalise_text(text.casefold())
    assert normalise_text(text) == base
    assert normalise_text(text.upper().casefold()) == normalise_text(text.upper())


@given(phrases, st.sampled_from(["'", "\u2019", "\u2018", "\u02bc", "\u2032"]), st.sampled_from(['"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"]))
def test_quote_styles_are_equal(ws: list[str], single: str, double: str) -> None:
    ascii_form = "'".join(ws) + ' "' + " ".join(ws) + '"'
    styled = single.join(ws) + " " + double + " ".join(ws) + double
    assert normalise_text(styled) == normalise_text(ascii_form)


@given(phrases, st.sampled_from(["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d"]))
def test_dash_styles_are_equal(ws: list[str], dash: str) -> None:
    assert normalise_text(dash.join(ws)) == normalise_text("-".join(ws))


whitespace = st.text(st.sampled_from(list(" \t\n\r\x0b\x0c\u00a0\u1680\u2000\u2007\u2009\u200a\u2028\u2029\u202f\u205f\u3000")), min_size=1, max_size=4)


@given(phrases, st.lists(whitespace, min_size=6, max_size=6))
def test_whitespace_runs_are_equal(ws: list[str], spaces: list[str]) -> None:
    messy = spaces[0] + "".join(w + spaces[(i + 1) % 6] for i, w in enumerate(ws))
    assert normalise_text(messy) == normalise_text(" ".join(ws))


@given(texts)
def test_nfc_and_nfd_forms_are_equal(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    assert normalise_text(nfc) == normalise_text(nfd)


# -- one large input -------------------------------------------------------------------------------


@settings(max_examples=1)
@given(st.just(("Erdoğan’s “28‑point” plan — Путин, 習近平 and e\u0301te\u0301!\u00a0 " * 20000)[:MEGABYTE]))
def test_one_megabyte_input(text: str) -> None:
    for profile in ("default", "loose"):
        n = normalise(text, profile)
        assert len(n.starts) == len(n.text)
        assert n.starts[-1] < len(text) and n.ends[-1] <= len(text)
        assert normalise(n.text, profile).text == n.text


# -- the profiles by example (expectations written by hand from the profile definitions) --------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Erdoğan’s\u00a0 “plan”\t— ", "erdoğan's \"plan\" -"),
        ("ﬁnance", "finance"),
        ("STRASSE Straße", "strasse strasse"),
        ("Kyiv\u200f’s", "kyiv's"),
        ("e\u0301", "\u00e9"),
        ("1\u20132", "1-2"),
        ("\u2212 5", "- 5"),
    ],
)
def test_default_profile(text: str, expected: str) -> None:
    assert normalise_text(text) == expected
    assert normalise(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erdoğan", "erdogan"),
        ("The Kremlin’s plan", "kremlin plan"),
        ("A 28-point plan", "28 point plan"),
        ("3.5% of 1,200 people.", "3.5 of 1,200 people"),
        ("an -5 reading", "-5 reading"),
        ("Łódź, Øresund", "lodz oresund"),
        ("Zelensky's", "zelensky"),
        ("Ελλάδα", "ελλαδα"),
        ("हिन्दी", "हिन्दी"),
    ],
)
def test_loose_profile(text: str, expected: str) -> None:
    assert normalise(text, "loose").text == expected


def test_offsets_point_into_the_source() -> None:
    text = "The  Erdoğan\u2019s"
    n = normalise(text, "loose")
    assert n.text == "erdogan"
    assert n.to_source(0, len(n.text)) == (5, 12)
    assert text[slice(*n.to_source(4, 5))] == "ğ"
    nfd = normalise("Erdog\u0306an")
    assert nfd.text == "erdoğan"
    assert nfd.to_source(4, 5) == (4, 6)  # one composed character covers base and mark


def test_empty_spans() -> None:
    n = normalise("  ab ")
    assert n.to_source(0, 0) == (2, 2)
    assert n.to_source(2, 2) == (4, 4)
    assert normalise("   ").to_source(0, 0) == (3, 3)
    assert n.from_source(0, 2) == (0, 0)


def test_out_of_range_spans_are_rejected() -> None:
    n = normalise("abc")
    with pytest.raises(ValueError, match="outside"):
        n.to_source(2, 4)
    with pytest.raises(ValueError, match="outside"):
        n.from_source(-1, 2)


def test_unknown_profile_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown normalisation profile 'strict'"):
        normalise("x", "strict")
    with pytest.raises(ValueError, match="unknown normalisation profile"):
        normalise_text("x", "strict")
