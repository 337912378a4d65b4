"""Find and read numeric expressions in running English news text.

The text is cut into tokens (numerals, words, single symbols), each remembering whether
whitespace came before it, so ``4.3bn``, ``5.30am`` and ``28-point`` are told apart from
``4.3 bn`` or ``28 - point``. At each token the scanner tries an optional qualifier and then
every expression shape (money, percent, time, date, range, number with unit...), keeps the
longest reading, and moves past it.

Judgement rules for words that are sometimes numbers (documented in docs/normalisation.md):

* ``one`` alone is a pronoun after ``no``/``any``/``every``/``the``... and before
  ``of``/``another``/``who``...; otherwise a count;
* ``first`` and ``second`` alone are ordinals only after a determiner (``the first time``,
  not ``first reported``);
* ``a third``/``a fifth`` is a fraction before ``of`` or at the end of a clause, otherwise an
  ordinal (``for a third time``); ``half`` and ``quarter`` are always fractions;
* ``May``/``March`` are months only with a day, a year or a temporal word next to them; other
  months and weekdays must be capitalised; seasons need a temporal word before them;
* ``double``/``triple`` are multipliers when used as verbs (``double the size``), their
  inflections always; ``halve`` always;
* vague amounts (``several``, ``dozens``, ``hundreds of``) are not numbers;
* a numeral glued to a name (``MH17``, ``COVID-19``, ``Su-25``) or to a bracketed code
  (``401(k)``, ``501(c)(3)``) is an identifier and skipped;
* ``number`` and a numeral is a rank (``at number three``), a part of the day is a time only
  right after a day (``Wednesday morning``), two years joined by a dash are a range of dates
  (``2002-2003``), and a year may follow its lead word across ``the`` (``in the 1974``);
* ``over`` before a duration is the preposition of a period (``over five years``) unless the
  words around it make it comparative (``for over five years``, ``over five years old``).

In *standalone* mode (``parse_number`` on one expression) the context rules are lifted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from evalkit.numparse import lexicon as lx
from evalkit.numparse import words as wd
from evalkit.numparse.parsed import ParsedNumber

_TOKEN_RE = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)|\d+(?:[.:]\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<sym>[^\s\w]|_)"
)
_DASHES = frozenset("-‐‑‒–—−")
_RANGE_DASHES = frozenset("‒–—")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_GLUED_OK = frozenset({"am", "pm", "st", "nd", "rd", "th", "pc"})
_COMPOUND_STOP = frozenset({"off", "way", "sided", "time", "up", "on", "all", "and", "to", "or", "shot", "man"})
_YEAR_LEADS = frozenset({
    "in", "since", "until", "till", "by", "before", "after", "during", "from", "early",
    "late", "mid", "of", "throughout",
})
_SPEECH_END = frozenset(".,;:!?)\"'”’")
_NUMBER_VOCABULARY = (
    wd.CARDINAL_WORDS | frozenset(wd.ORDINAL_WORDS) | frozenset(wd.DENOMINATORS) | {"and", "a", "dozen"}
)
#: Every word a core expression can start with (plus words ending in "fold").
_STARTERS = (
    _NUMBER_VOCABULARY
    | frozenset(lx.MONTHS) | frozenset(lx.MONTH_ABBREVIATIONS) | frozenset(lx.WEEKDAYS)
    | frozenset(lx.SEASONS) | frozenset(lx.MULTIPLIER_VERBS) | frozenset(lx.COUNT_ADVERBS)
    | frozenset(w[:-1] for w in lx.CURRENCY_PREFIXES if w.endswith("$"))
    | frozenset(code.lower() for code in lx.CURRENCY_CODES)
    | frozenset(lx.PARTS_OF_DAY)
    | {"between", "noon", "midday", "midnight", "minus", "number"}
)
_QUALIFIER_INDEX: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _value in lx.QUALIFIERS.items():
    _QUALIFIER_INDEX.setdefault(_words[0], []).append((_words, _value))


class _Tok(NamedTuple):
    kind: str  # "num", "word" or "sym"
    text: str
    low: str
    start: int
    end: int
    gap: bool  # whitespace (or the start of the text) before this token


@dataclass(frozen=True)
class _Num:
    """A numeral read at some token: its value, where it ends and how it was written."""

    value: int | float
    end: int
    kind: str  # "count", "ordinal" or "fraction"
    words: bool
    decimals: int = 0
    plain_int: bool = False  # digits only, no comma or decimal point
    scale: int = 1  # the scale word read with it (``4.3bn``: 10**9)


def _scaled_low(lo: _Num, hi: _Num) -> _Num:
    """``20`` in ``20-30m`` means 20 million: the upper end's scale carries over."""
    if lo.scale != 1 or hi.scale == 1 or lo.words:
        return lo
    value = _exact(Decimal(str(lo.value)) * hi.scale)
    return _Num(value, lo.end, lo.kind, lo.words, lo.decimals, False, hi.scale)


def _singular(word: str) -> str:
    """The singular of a regular English plural (``countries`` -> ``country``)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    prev_end = 0
    for m in _TOKEN_RE.finditer(text):
        a, b = m.span()
        gap = a == 0 or a > prev_end
        kind = m.lastgroup or "sym"
        s = m.group()
        out.append(_Tok(kind, s, s.lower().replace("’", "'"), a, b, gap))
        prev_end = b
    return out


def _exact(d: Decimal) -> int | float:
    """An int when ``d`` is integral, else the nearest float."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def _timex_date(year: int | None, month: int, day: int | None = None) -> str:
    y = f"{year:04d}" if year is not None else "XXXX"
    return f"{y}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


class _Scanner:
    def __init__(self, text: str, standalone: bool) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.n = len(self.toks)
        self.standalone = standalone

    # -- token helpers ---------------------------------------------------------------------

    def word(self, i: int) -> str | None:
        if 0 <= i < self.n and self.toks[i].kind == "word":
            return self.toks[i].low
        return None

    def sym(self, i: int) -> str | None:
        if 0 <= i < self.n and self.toks[i].kind == "sym":
            return self.toks[i].text
        return None

    def glued(self, i: int) -> bool:
        """Token ``i`` exists and touches the token before it."""
        return 0 < i < self.n and not self.toks[i].gap

    def capitalised(self, i: int) -> bool:
        return self.standalone or self.toks[i].text[:1].isupper()

    def qualifier(self, i: int) -> tuple[str, int] | None:
        """The longest qualifier phrase starting at token ``i``: (qualifier, next token)."""
        best: tuple[str, int] | None = None
        for words, value in _QUALIFIER_INDEX.get(self.word(i) or "", ()):
            if all(self.word(i + k) == w for k, w in enumerate(words)):
                if best is None or i + len(words) > best[1]:
                    best = (value, i + len(words))
        return best

    def words_at(self, i: int, options: "tuple[tuple[str, ...], ...]") -> int | None:
        for words in options:
            if all(self.word(i + k) == w for k, w in enumerate(words)):
                return i + len(words)
        return None

    def clause_end(self, i: int) -> bool:
        """Token ``i`` ends a clause: nothing, or punctuation."""
        return i >= self.n or (self.toks[i].kind == "sym" and self.toks[i].text in _SPEECH_END)

    # -- scanning ----------------------------------------------------------------------------

    def scan(self) -> list[tuple[int, int, ParsedNumber]]:
        out: list[tuple[int, int, ParsedNumber]] = []
        i = 0
        while i < self.n:
            got = self.expression(i)
            if got is None:
                i += 1
                continue
            end, parsed = got
            out.append((self.toks[i].start, self.toks[end - 1].end, parsed))
            i = end
        return out

    def expression(self, i: int) -> tuple[int, ParsedNumber] | None:
        """A qualifier (optional) and a core expression starting at token ``i``."""
        q = self.qualifier(i)
        if q is not None:
            qualifier, k = q
            core = self.core(k)
            if core is not None:
                end, parsed = core
                if self.word(i) == "over" and parsed.kind == "duration" and not self.over_means_more(i, end):
                    return None  # "over five years": a period; the duration is read from the next token
                return end, ParsedNumber(parsed.value, parsed.kind, parsed.unit, qualifier, parsed.value_max)
        return self.core(i)

    def over_means_more(self, i: int, end: int) -> bool:
        """``over`` at ``i`` before a duration ending at ``end`` means *more than* only next to
        the words of :data:`~.lexicon.OVER_DURATION_LEADS`/``TAILS``; otherwise it is the
        preposition of a period (``cut by half over five years``)."""
        return self.word(i - 1) in lx.OVER_DURATION_LEADS or self.word(end) in lx.OVER_DURATION_TAILS

    def core(self, i: int) -> tuple[int, ParsedNumber] | None:
        if i >= self.n:
            return None
        t = self.toks[i]
        if t.kind == "word" and t.low not in _STARTERS and not t.low.endswith("fold"):
            return None  # most words: nothing numeric can start here
        candidates = [
            c
            for c in (
                self.money_prefixed(i),
                self.between(i),
                self.numeral_expression(i),
                self.clock_time(i),
                self.month_first(i),
                self.weekday(i),
                self.season(i),
                self.named_time(i),
                self.multiplier(i),
                self.count_adverb(i),
                self.decade(i),
                self.number_ordinal(i),
                self.part_of_day(i),
            )
            if c is not None
        ]
        if not candidates:
            return None
        return max(candidates, key=lambda c: c[0])  # longest; ties keep the earlier shape

    # -- numerals ------------------------------------------------------------------------------

    def numeral(self, i: int, money: bool = False) -> _Num | None:
        """A number written in digits or words at token ``i`` (with scale words)."""
        if i >= self.n:
            return None
        t = self.toks[i]
        if t.kind == "sym" and t.text in "-−" and i + 1 < self.n and self.toks[i + 1].kind == "num":
            if self.glued(i + 1) and (t.gap or self.sym(i - 1) is not None):
                inner = self.numeral(i + 1, money)
                if inner is not None and inner.kind == "count":
                    return _Num(-inner.value, inner.end, "count", False, inner.decimals, inner.plain_int)
            return None
        if t.kind == "num":
            return self.digits(i, money)
        if t.kind == "word":
            if t.low == "minus":
                inner = self.numeral(i + 1, money)
                if inner is not None and inner.kind == "count" and inner.value > 0:
                    return _Num(-inner.value, inner.end, "count", inner.words, inner.decimals)
                return None
            return self.number_words(i)
        return None

    def identifier_before(self, i: int) -> bool:
        """A numeral at ``i`` glued to a name before it (``MH17``, ``COVID-19``)."""
        if not self.glued(i):
            return False
        prev = self.toks[i - 1]
        if prev.kind == "word":
            return True
        if prev.text in _DASHES and self.glued(i - 1) and self.word(i - 2) is not None:
            return self.word(i - 2) not in lx.NUMBER_PREFIXES
        # the second bracket of a code section: 501(c)(3)
        return prev.text == "(" and self.glued(i - 1) and self.sym(i - 2) == ")"


    def identifier_after(self, i: int) -> bool:
        """A numeral at ``i`` with a bracketed letter or number glued after it: a section of a
        code (``401(k)``, ``501(c)(3)``), not an amount."""
        return (
            self.sym(i + 1) == "("
            and self.glued(i + 1)
            and self.glued(i + 2)
            and self.toks[i + 2].kind in ("word", "num")
            and len(self.toks[i + 2].text) <= 3
            and self.sym(i + 3) == ")"
            and self.glued(i + 3)
        )

    def digits(self, i: int, money: bool) -> _Num | None:
        t = self.toks[i]
        if ":" in t.text or self.identifier_before(i) or self.identifier_after(i):
            return None
        try:
            d = Decimal(t.text.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the token pattern admits only numerals
            return None
        decimals = len(t.text.split(".", 1)[1]) if "." in t.text else 0
        plain = t.text.isdigit()
        k = i + 1
        w = self.word(k)
        if w in _ORDINAL_SUFFIXES and self.glued(k) and plain:
            return _Num(int(d), k + 1, "ordinal", False)
        if w in lx.SCALE_WORDS and (money or w not in lx.MONEY_ONLY_SCALES):
            scale = lx.SCALE_WORDS[w]
            return _Num(_exact(d * scale), k + 1, "count", False, decimals, scale=scale)
        if w is not None and self.glued(k) and w not in _GLUED_OK and w not in lx.MEASURE_UNITS:
            return None  # "3D", "4x4", "1990s": not a plain number
        return _Num(_exact(d), k, "count", False, decimals, plain)

    def number_words(self, i: int) -> _Num | None:
        # Collect vocabulary words, skipping hyphens that join them ("twenty-five").
        vocab = _NUMBER_VOCABULARY
        ws: list[str] = []
        idx: list[int] = []
        k = i
        while k < self.n and len(ws) < 24:
            w = self.word(k)
            if w is None or w not in vocab:
                break
            ws.append(w)
            idx.append(k)
            if self.sym(k + 1) in _DASHES and self.glued(k + 1) and self.glued(k + 2) and self.word(k + 2) in vocab:
                k += 2
            else:
                k += 1
        if not ws:
            return None

        def end_of(n_words: int) -> int:
            return idx[n_words - 1] + 1

        best: _Num | None = None

        def offer(num: _Num) -> None:
            nonlocal best
            if best is None or num.end > best.end:
                best = num

        card = wd.read_cardinal(ws, 0)
        if card is not None:
            value, used = card
            offer(_Num(value, end_of(used), "count", True))
            nxt = ws[used] if used < len(ws) else None
            if nxt == "dozen":
                offer(_Num(value * 12, end_of(used + 1), "count", True))
            elif nxt in wd.DENOMINATORS and value > 0:
                den = wd.DENOMINATORS[nxt]
                plural = nxt.endswith("s") or nxt == "halves"
                if plural or value == 1:
                    offer(_Num(value / den, end_of(used + 1), "fraction", True))
            elif nxt == "and" and ws[used + 1 : used + 3] == ["a", "half"]:
                offer(_Num(value + 0.5, end_of(used + 3), "count", True, 1))
        ordinal = wd.read_ordinal(ws, 0)
        if ordinal is not None:
            offer(_Num(ordinal[0], end_of(ordinal[1]), "ordinal", True))
        first = ws[0]
        if first in ("half", "quarter"):
            offer(_Num(1 / wd.DENOMINATORS[first], end_of(1), "fraction", True))
        if first == "a" and len(ws) > 1:
            second = ws[1]
            if second == "dozen":
                offer(_Num(12, end_of(2), "count", True))
            elif second in ("half", "quarter"):
                offer(_Num(1 / wd.DENOMINATORS[second], end_of(2), "fraction", True))
            elif second in wd.DENOMINATORS and not second.endswith("s") and second != "second":
                after = end_of(2)
                # "a third of", "a third.", and after "by" the size of a change ("cut by a third")
                if self.standalone or self.word(after) == "of" or self.clause_end(after) or self.word(i - 1) == "by":
                    offer(_Num(1 / wd.DENOMINATORS[second], after, "fraction", True))
        if best is None:
            return None
        return best if self.word_number_allowed(i, best) else None

    def word_number_allowed(self, i: int, num: _Num) -> bool:
        """The context rules for ``one``, ``first`` and ``second`` (see the module docstring)."""
        if num.end != i + 1:
            return True
        w = self.word(i)
        prev = self.word(i - 1)
        if w == "one":
            # "no one", "one of the", "the right one.": a pronoun, not a count. Alone, as one
            # expression, "one" is the number.
            if prev in lx.PRONOUN_ONE_LEADS or self.word(i + 1) in lx.PRONOUN_ONE_TAILS:
                return False
            return self.standalone or not self.clause_end(i + 1)
        if self.standalone:
            return True
        if w in ("first", "second"):
            if prev not in lx.ORDINAL_DETERMINERS:
                return False
            return w != "second" or prev != "a" or self.word(i + 1) is not None
        return True

    # -- shapes ---------------------------------------------------------------------------------

    def numeral_expression(self, i: int) -> tuple[int, ParsedNumber] | None:
        """A numeral and what follows it: range, percent, currency, time, date or unit."""
        num = self.numeral(i)
        if num is None:
            return None
        k = num.end
        value_max: int | float | None = None
        if num.kind == "count":
            rng = self.range_tail(i, num)
            if rng is not None:
                years = self.year_range(i, num, rng)
                if years is not None:
                    return years
                num, value_max, k = rng
        elif num.kind == "ordinal":
            k = self.superlative_after(k)
        return self.with_suffix(i, num, k, value_max)

    def year_range(self, i: int, lo: _Num, rng: tuple[_Num, int | float, int]) -> tuple[int, ParsedNumber] | None:
        """``2002-2003`` (``the 2002-2003 season``): two years joined by a dash are a range of
        dates, not of counts, unless a counted noun follows (``1500-2000 people``)."""
        _, hi, end = rng
        if not (lo.plain_int and self.year_at(i) is not None and self.year_at(end - 1) is not None):
            return None
        if not (isinstance(hi, int) and 0 < hi - lo.value <= 100) or self.word(i + 1) == "to":
            return None
        if self.counted_noun(end, 2) is not None:
            return None
        return end, ParsedNumber(str(lo.value), "date", None, None, str(hi))

    def superlative_after(self, k: int) -> int:
        """``third-largest``: a superlative glued by a hyphen to an ordinal belongs to its span."""
        w = self.word(k + 1)
        if self.sym(k) in _DASHES and self.glued(k) and self.glued(k + 1) and w is not None and (w.endswith("est") or w == "most"):
            return k + 2
        return k

    def range_tail(self, i: int, lo: _Num) -> tuple[_Num, int | float, int] | None:
        """``-30`` / ``–30`` / `` to 30`` after the numeral ``lo``: the range's upper end.

        Returns the lower end (scaled by the upper end's scale word when it has none of its
        own: ``20 to 30 million``), the upper value and the token after it.
        """
        k = lo.end
        s = self.sym(k)
        if s is not None and (s in _RANGE_DASHES or (s in _DASHES and self.glued(k) and self.glued(k + 1))):
            nxt = k + 1
        elif self.word(k) == "to" and self.word(i - 1) != "from":
            nxt = k + 1
        else:
            return None
        hi = self.numeral(nxt)
        if hi is None or hi.kind != "count":
            return None
        lo = _scaled_low(lo, hi)
        if not hi.value > lo.value:
            return None
        return lo, hi.value, hi.end

    def with_suffix(self, i: int, num: _Num, k: int, value_max: int | float | None) -> tuple[int, ParsedNumber]:
        value = num.value
        if num.kind == "count":
            pct = self.words_at(k, lx.PERCENTAGE_POINTS)
            if pct is not None:
                return pct, ParsedNumber(value, "percent", "percentage point", None, value_max)
            if self.sym(k) == "%":
                return k + 1, ParsedNumber(value, "percent", "percent", None, value_max)
            pct = self.words_at(k, lx.PERCENT_WORDS)
            if pct is not None:
                return pct, ParsedNumber(value, "percent", "percent", None, value_max)
            currency = self.currency_after(k)
            if currency is not None:
                return currency[1], ParsedNumber(value, "money", currency[0], None, value_max)
            clock = self.am_pm(num, k)
            if clock is not None:
                return clock
        date = self.day_first(i, num, k, value_max)
        if date is not None:
            return date
        if num.kind == "count" and self.sym(k) in _DASHES and self.glued(k) and self.glued(k + 1):
            compound = self.compound(num, k + 1, value_max)
            if compound is not None:
                return compound
        if num.kind == "count":
            w = self.word(k)
            if w in lx.TIME_UNITS:
                return k + 1, ParsedNumber(value, "duration", lx.TIME_UNITS[w], None, value_max)
            if w in lx.MEASURE_UNITS:
                return k + 1, ParsedNumber(value, "quantity", lx.MEASURE_UNITS[w], None, value_max)
            if w == "times":
                return k + 1, ParsedNumber(value, "count", "time", None, value_max)
            if num.plain_int and value_max is None and self.is_year(i, value):
                return k, ParsedNumber(str(value), "date")
            kind = "count" if isinstance(value, int) else "quantity"
            return k, ParsedNumber(value, kind, self.counted_noun(k, value), None, value_max)
        unit = self.ordinal_noun(k) if num.kind == "ordinal" else None
        return k, ParsedNumber(value, num.kind, unit, None, value_max)

    def currency_after(self, k: int) -> tuple[str, int] | None:
        """A currency named after an amount at token ``k`` (``US dollars``, ``kronor``, ``CHF``):
        its ISO 4217 code and the token after it."""
        for words, code in lx.CURRENCY_PHRASES.items():
            if all(self.word(k + n) == w for n, w in enumerate(words)):
                return code, k + len(words)
        w = self.word(k)
        if w in lx.CURRENCY_WORDS:
            return lx.CURRENCY_WORDS[w], k + 1
        if w is not None and self.toks[k].text in lx.CURRENCY_CODES:
            return self.toks[k].text, k + 1
        return None

    def counted_noun(self, k: int, value: int | float) -> str | None:
        """The unit a count takes from the noun after it (G-N6), or ``None``.

        Irregular and elided nouns come from a table (``people`` -> person, ``73 injured`` ->
        person); otherwise a lower-case plural after a number other than one is singularised
        (``two countries`` -> country, ``three drones`` -> drone).
        """
        w = self.word(k)
        if w is None:
            return None
        if w in lx.COUNT_NOUNS:
            return lx.COUNT_NOUNS[w]
        text = self.toks[k].text
        if value == 1 or not text.islower() or len(w) < 4 or w in lx.NOT_PLURAL_NOUNS:
            return None
        if not w.endswith("s") or w.endswith(("ss", "us", "is", "'s")):
            return None
        return _singular(w)

    def ordinal_noun(self, k: int) -> str | None:
        """The noun an ordinal counts (``sixth floor`` -> floor), when one follows it; a
        hyphenated modifier before the noun is skipped (``second run-off election`` -> election)."""
        if self.sym(k + 1) in _DASHES and self.glued(k + 1) and self.glued(k + 2) and self.word(k + 2) is not None:
            if self.toks[k].text.islower() and self.toks[k + 2].text.islower() and self.sym(k + 3) not in _DASHES:
                k += 3
        w = self.word(k)
        if w is None or w in lx.ORDINAL_NOT_NOUNS or not self.toks[k].text.islower():
            return None
        if w.endswith(("est", "ly")) or len(w) < 3:
            return None
        return _singular(w) if w.endswith("s") and not w.endswith(("ss", "us", "is")) else w

    def is_year(self, i: int, value: int | float) -> bool:
        if not (isinstance(value, int) and 1000 <= value <= 2999):
            return False
        if self.sym(i - 1) in _DASHES and self.glued(i) and self.word(i - 2) in lx.NUMBER_PREFIXES:
            return True
        if self.standalone:
            return False
        # "in 1984", and "in the 1974" (a determiner between the lead and the year)
        return self.word(i - 1) in _YEAR_LEADS or (self.word(i - 1) == "the" and self.word(i - 2) in _YEAR_LEADS)

    def compound(self, num: _Num, k: int, value_max: int | float | None) -> tuple[int, ParsedNumber] | None:
        """``28-point``, ``four-year``, ``25-year-old``, ``10-fold``, ``200-metre``."""
        w = self.word(k)
        if w is None:
            return None
        if w in lx.TIME_UNITS:
            end = k + 1
            if self.sym(end) in _DASHES and self.glued(end) and self.word(end + 1) == "old" and self.glued(end + 1):
                end += 2
            return end, ParsedNumber(num.value, "duration", lx.TIME_UNITS[w], None, value_max)
        if w in lx.MEASURE_UNITS:
            return k + 1, ParsedNumber(num.value, "quantity", lx.MEASURE_UNITS[w], None, value_max)
        if w == "fold":
            return k + 1, ParsedNumber(num.value, "multiplier", None, None, value_max)
        if w in _COMPOUND_STOP or len(w) < 3 or w in lx.MONTHS:
            return None
        return k + 1, ParsedNumber(num.value, "count", w, None, value_max)

    def am_pm(self, num: _Num, k: int) -> tuple[int, ParsedNumber] | None:
        w = self.word(k)
        end = None
        if w in ("am", "pm"):
            end, half = k + 1, w
        elif w in ("a", "p") and self.sym(k + 1) == "." and self.word(k + 2) == "m":
            end, half = k + 3, w + "m"
            if self.sym(end) == "." and self.glued(end):
                end += 1
        if end is None:
            return None
        t = self.toks[num.end - 1].text if num.end - 1 < self.n else ""
        if num.words:
            hour, minute = num.value, 0
            if not isinstance(hour, int):
                return None
        else:
            raw = t.replace(":", ".")
            hh, _, mm = raw.partition(".")
            if not hh.isdigit() or (mm and (len(mm) != 2 or not mm.isdigit())):
                return None
            hour, minute = int(hh), int(mm or 0)
        if not (1 <= hour <= 12 and 0 <= minute < 60):
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
        return end, ParsedNumber(f"T{hour:02d}:{minute:02d}", "time")

    def month_at(self, i: int, with_day: bool) -> int | None:
        w = self.word(i)
        if w is None:
            return None
        if w in lx.MONTHS and self.capitalised(i):
            return lx.MONTHS[w]
        if w in lx.MONTH_ABBREVIATIONS and with_day and self.capitalised(i):
            return lx.MONTH_ABBREVIATIONS[w]
        return None

    def year_at(self, i: int) -> int | None:
        if 0 <= i < self.n and self.toks[i].kind == "num" and self.toks[i].text.isdigit():
            v = int(self.toks[i].text)
            if len(self.toks[i].text) == 4 and 1000 <= v <= 2999:
                return v
        return None

    def day_first(self, i: int, num: _Num, k: int, value_max: int | float | None) -> tuple[int, ParsedNumber] | None:
        """``7 December``, ``7th of December 2025``, ``7-9 December``."""
        if num.words and num.kind != "ordinal":
            return None
        if not (isinstance(num.value, int) and 1 <= num.value <= 31):
            return None
        if isinstance(value_max, (int, float)) and not (isinstance(value_max, int) and value_max <= 31):
            return None
        m_at = k + 1 if num.kind == "ordinal" and self.word(k) == "of" else k
        month = self.month_at(m_at, with_day=True)
        if month is None:
            return None
        end = m_at + 1
        if self.sym(end) == "." and self.glued(end) and self.word(m_at) not in lx.MONTHS:
            end += 1  # the point of an abbreviation ("7 Dec. 2025"), not a full stop
        year = self.year_at(end)
        if year is not None:
            end += 1
        value = _timex_date(year, month, num.value)
        vmax = _timex_date(year, month, value_max) if isinstance(value_max, int) else None
        return end, ParsedNumber(value, "date", None, None, vmax)

    def month_first(self, i: int) -> tuple[int, ParsedNumber] | None:
        """``December 7``, ``December 7, 2025``, ``December 2025``, ``in August``."""
        month = self.month_at(i, with_day=True)
        if month is None:
            return None
        k = i + 1
        if self.sym(k) == "." and self.glued(k):
            k += 1
        year_end = self.year_after_month(k)
        if year_end is not None:
            return year_end[1], ParsedNumber(_timex_date(year_end[0], month), "date")
        span = self.month_range(i, month, k)
        if span is not None:
            return span
        day = self.numeral(k)
        if day is not None and not day.words and isinstance(day.value, int) and 1 <= day.value <= 31 and day.kind in ("count", "ordinal") and (day.plain_int or day.kind == "ordinal"):
            end = day.end
            yr_at = end + 1 if self.sym(end) == "," else end
            year = self.year_at(yr_at)
            if year is not None:
                end = yr_at + 1
            return end, ParsedNumber(_timex_date(year, month, day.value), "date")
        w = self.word(i)
        if w not in lx.MONTHS:
            return None  # abbreviations only with a day or a year
        if w in lx.AMBIGUOUS_MONTHS and not self.standalone and self.word(i - 1) not in lx.TEMPORAL_LEADS:
            return None
        return i + 1, ParsedNumber(_timex_date(None, month), "date")

    def year_after_month(self, k: int) -> tuple[int, int] | None:
        """A year right after a month, at token ``k`` (``2005``, ``of 2005``): (year, next token)."""
        year = self.year_at(k)
        if year is not None:
            return year, k + 1
        year = self.year_at(k + 1) if self.word(k) == "of" else None
        if year is not None:
            return year, k + 2
        return None

    def month_range(self, i: int, month: int, k: int) -> tuple[int, ParsedNumber] | None:
        """``March or April of 2005``, ``June to August``, ``May-June 2004``: a range of months
        (two named months joined by ``or``, ``to``, ``through``, ``until`` or a dash) sharing the
        year written after the second one."""
        joiner = self.word(k) in ("or", "to", "through", "until") or (self.sym(k) or "") in _DASHES
        if not joiner:
            return None
        second = self.month_at(k + 1, with_day=False)
        if second is None:
            return None
        end = k + 2
        year = None
        year_end = self.year_after_month(end)
        if year_end is not None:
            year, end = year_end
        if second <= month and year is not None:
            return None  # "December to January 2005" spans two years; left as two dates
        return end, ParsedNumber(_timex_date(year, month), "date", None, None, _timex_date(year, second))

    def weekday(self, i: int) -> tuple[int, ParsedNumber] | None:
        w = self.word(i)
        if w in lx.WEEKDAYS and self.capitalised(i):
            return i + 1, ParsedNumber(f"XXXX-WXX-{lx.WEEKDAYS[w]}", "date")
        return None

    def season(self, i: int) -> tuple[int, ParsedNumber] | None:
        w = self.word(i)
        if w not in lx.SEASONS:
            return None
        end = i + 1
        year = self.year_at(end)
        if year is None and self.word(end) == "of" and self.year_at(end + 1) is not None:
            year = self.year_at(end + 1)
            end += 2
        elif year is not None:
            end += 1
        if not self.standalone and year is None:
            prev = self.word(i - 1)
            if prev not in lx.TEMPORAL_LEADS:
                return None
            if w == "fall":
                if prev not in ("this", "last", "next", "the") or self.word(i + 1) == "of":
                    return None
                if prev == "the" and self.word(i - 2) not in ("in", "since", "until", "during", "by", "over", "through"):
                    return None
        y = f"{year:04d}" if year is not None else "XXXX"
        return end, ParsedNumber(f"{y}-{lx.SEASONS[w]}", "date")

    def clock_time(self, i: int) -> tuple[int, ParsedNumber] | None:
        """``17:30``, ``5:30pm``."""
        if i >= self.n or self.toks[i].kind != "num" or ":" not in self.toks[i].text:
            return None
        hh, mm = self.toks[i].text.split(":")
        if len(mm) != 2 or self.identifier_before(i):
            return None
        hour, minute = int(hh), int(mm)
        num = _Num(0, i + 1, "count", False)
        got = self.am_pm(num, i + 1)
        if got is not None:
            return got
        if hour < 24 and minute < 60:
            return i + 1, ParsedNumber(f"T{hour:02d}:{minute:02d}", "time")
        return None

    def named_time(self, i: int) -> tuple[int, ParsedNumber] | None:
        w = self.word(i)
        if w in ("noon", "midday"):
            return i + 1, ParsedNumber("T12:00", "time")
        if w == "midnight":
            return i + 1, ParsedNumber("T00:00", "time")
        return None

    def number_ordinal(self, i: int) -> tuple[int, ParsedNumber] | None:
        """``at number three``: a rank written as ``number`` and a numeral is an ordinal."""
        if self.word(i) != "number" or not self.toks[i].text.islower():
            return None
        num = self.numeral(i + 1)
        if num is None or num.kind != "count" or not isinstance(num.value, int) or not 0 < num.value <= 100:
            return None
        if num.words and not self.word_number_allowed(i + 1, num):
            return None
        if self.counted_noun(num.end, num.value) is not None or self.sym(num.end) in _DASHES:
            return None
        return num.end, ParsedNumber(num.value, "ordinal")

    def part_of_day(self, i: int) -> tuple[int, ParsedNumber] | None:
        """``Wednesday morning``, ``yesterday evening``: a part of the day right after a day is
        a time (TIMEX3 ``TMO``…); alone (``in the morning``) it says no point in time."""
        w = self.word(i)
        if w not in lx.PARTS_OF_DAY or not self.toks[i].gap:
            return None
        prev = self.word(i - 1)
        if self.standalone or prev in lx.PART_OF_DAY_LEADS or (prev in lx.WEEKDAYS and self.capitalised(i - 1)):
            return i + 1, ParsedNumber(lx.PARTS_OF_DAY[w], "time")
        return None

    def multiplier(self, i: int) -> tuple[int, ParsedNumber] | None:
        w = self.word(i)
        if w is None:
            return None
        if w in lx.MULTIPLIER_VERBS:
            return i + 1, ParsedNumber(lx.MULTIPLIER_VERBS[w], "multiplier")
        if w.endswith("fold"):
            head = w[: -len("fold")]
            value = wd.UNITS.get(head) or wd.TENS.get(head)
            if value:
                return i + 1, ParsedNumber(value, "multiplier")
        return None

    def count_adverb(self, i: int) -> tuple[int, ParsedNumber] | None:
        w = self.word(i)
        if w not in lx.COUNT_ADVERBS:
            return None
        if w == "once" and not self.standalone:
            nxt = self.word(i + 1)
            if not (self.clause_end(i + 1) or nxt in ("a", "again", "more", "before", "every", "per", "each", "too", "or", "in", "for", "during")):
                return None
        return i + 1, ParsedNumber(lx.COUNT_ADVERBS[w], "count", "time")

    def decade(self, i: int) -> tuple[int, ParsedNumber] | None:
        """``1990s`` -> TIMEX ``199`` (the decade)."""
        year = self.year_at(i)
        if year is None or year % 10 or self.identifier_before(i):
            return None
        if self.word(i + 1) == "s" and self.glued(i + 1):
            return i + 2, ParsedNumber(str(year // 10), "date")
        return None

    def money_prefixed(self, i: int) -> tuple[int, ParsedNumber] | None:
        """``$5``, ``US$4.3bn``, ``£1.2 billion``, ``€20-30m``."""
        code = None
        k = i
        w = self.word(i)
        if w is not None and self.sym(i + 1) == "$" and self.glued(i + 1) and (w + "$") in lx.CURRENCY_PREFIXES:
            code, k = lx.CURRENCY_PREFIXES[w + "$"], i + 2
        elif self.sym(i) is not None and self.sym(i) in lx.CURRENCY_PREFIXES:
            code, k = lx.CURRENCY_PREFIXES[self.sym(i) or ""], i + 1
        elif w is not None and self.toks[i].text in lx.CURRENCY_CODES:
            code, k = self.toks[i].text, i + 1
        if code is None or k >= self.n or self.toks[k].kind != "num":
            return None
        if k == i + 1 and self.sym(i) is not None and not self.glued(k):
            return None
        num = self.digits(k, money=True)
        if num is None or num.kind != "count":
            return None
        end = num.end
        value_max = None
        s = self.sym(end)
        if s is not None and s in _DASHES and self.glued(end) and self.glued(end + 1) and self.toks[end + 1].kind == "num":
            hi = self.digits(end + 1, money=True)
            if hi is not None and hi.kind == "count":
                low = _scaled_low(num, hi)
                if hi.value > low.value:
                    num, value_max, end = low, hi.value, hi.end
        return end, ParsedNumber(num.value, "money", code, None, value_max)

    def between(self, i: int) -> tuple[int, ParsedNumber] | None:
        """``between 20 and 30`` (optionally followed by a unit, as any numeral); the lower end
        takes the upper end's scale as in :meth:`range_tail` (``between 1.5 and 2 million``)."""
        if self.word(i) != "between":
            return None
        lo = self.numeral(i + 1)
        if lo is None or lo.kind != "count" or self.word(lo.end) != "and":
            return None
        hi = self.numeral(lo.end + 1)
        if hi is None or hi.kind != "count":
            return None
        lo = _scaled_low(lo, hi)
        if not hi.value > lo.value:
            return None
        return self.with_suffix(i + 1, lo, hi.end, hi.value)


def scan(text: str, standalone: bool = False) -> list[tuple[int, int, ParsedNumber]]:
    """Every numeric expression in ``text`` as ``(start, end, parsed)``, in order, disjoint."""
    return _Scanner(text, standalone).scan()


def read_one(text: str) -> ParsedNumber | None:
    """The meaning of ``text`` read as one numeric expression, or ``None``.

    Running-text rules first (the longest expression found wins); failing that, the context
    rules are lifted, but only for an expression that is the whole text (``"May"``,
    ``"first"``, ``"wednesday"``), so ``"you may go"`` stays not a number.
    """
    found = scan(text)
    if found:
        return max(found, key=lambda f: f[1] - f[0])[2]
    scanner = _Scanner(text, standalone=True)
    found = scanner.scan()
    if len(found) == 1 and scanner.toks and (found[0][0], found[0][1]) == (scanner.toks[0].start, scanner.toks[-1].end):
        return found[0][2]
    return None
