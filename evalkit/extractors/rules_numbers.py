"""Number facts by rule: the shared number parser's readings, fitted to the text around them.

:func:`evalkit.numparse.find_numbers` reads each numeric expression on its own; a few
decisions need the words around it, and are made here:

* **names** — a number inside a name mention is part of the name and left out, and so is a
  bare numeral right after a capitalised designator (``Type 09-1``, ``UTC+9``, ``Flight 370``);
  money and percentages are kept whole even where a name overlaps them (``US$11 billion``);
* **full dates** — a weekday before a comma and a calendar date is one date (``Saturday,
  November 13, 2004``), valued as the date;
* **units the parser cannot see** — a count takes the plural noun after a name that follows
  it (``Four National Basketball Association players`` -> player), the unit of a partitive
  (``two of five submarines`` -> submarine), and, in a list of counts that share one noun,
  the unit of the first (``30 games, … for 25, … for 6`` -> game), the plural after one
  adjective (``3,500 retail stores`` -> store) and the noun after ``one`` (``one game``);
  a count with no noun in a clause about a toll counts people (``the death toll might
  approach 80,000`` -> person); an ordinal takes the noun after a name (``the third-largest
  U.S. retailer`` -> retailer);
* **coordination** — a qualifier before coordinated numbers applies to each (``about 4% and
  11%``: both ``about``);
* **decades** — written as the gold format writes them, a four-character year with the unknown
  digit ``X`` (``1950s`` -> ``195X``);
* **readings joined or retyped by their neighbours** (:func:`fit_readings`) — a month's days
  coordinated before a year are one date range (``December 1 and 2, 2004``), two years joined
  by ``until``/``to``/``through`` (or ``between … and``) one year range (``from 1973 until
  1990``), and so are two dates after ``from`` or ``between`` (``from March 2016 to January
  2017``), a bare four-digit year between 1800 and 2099 that is followed by a verb or a stop
  and not by a noun, or stands between a determiner and a singular noun, is a year (``For
  Frelimo, 2005 will mark``, ``a 2024 budget``), ``No. 1`` is a rank, a
  fraction before ``as many``/``as much`` a multiplier (``half as many votes``);
* **readings the parser does not make** — fixed-date holidays are dates (``Christmas``:
  ``XXXX-12-25``), and a place word after a verb of ranking is an ordinal (``came in second``,
  ``finished third``);
* **more units** — the plural head of a partitive noun phrase (``50 of today's best selling
  artists`` -> artist), the noun of a compound after ``a`` (``a 5 game suspension`` -> game),
  and a count with no noun that is the subject of a verb takes the unit of the count before it
  in the sentence (``35,000 people …; 28,000 were`` -> person);
* **the fourth round** (:func:`fit_readings` via ``_periods_and_scores``, and the unit rules of
  :func:`number_facts`) — quarters and halves of a year are dates (``XXXX-Q4``, ``2026-H2``),
  periods of play in a text about a game; match scores are two counts of the scored unit;
  currency names after an amount are money, a name several countries share taking the country
  the text names; an age in apposition is a duration; ``three times as many`` a multiplier;
  ``range from 4 to 71 years`` one range; a partitive takes the unit of its whole, a count the
  plural head after modifiers, and counts of people are ``person`` (after ``killed``, of
  coordinated people nouns, of a population).
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from ..model import NumberFact, NumberValue, Span
from ..numparse.lexicon import AMBIGUOUS_CURRENCY_WORDS, PARTS_OF_DAY, WEEKDAYS
from ..numparse.parsed import ParsedNumber
from .lexicon import FIXED_HOLIDAYS, PEOPLE_NOUNS, PEOPLE_OBJECT_VERBS, SCORE_UNITS

#: Number kinds that are kept whole even where a name overlaps them (a currency prefix).
WHOLE_KINDS = frozenset({"money", "percent"})

_WEEKDAY_COMMA = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+")
_DESIGNATOR = re.compile(r"(?<![.!?]\s)\b([A-Z][A-Za-z]*)(?: |\+)\Z")
_BARE = re.compile(r"[\d][\d\-.]*")
_NAME_THEN_PLURAL = re.compile(r" (?:[A-Z][\w’'\-.]*\s+){1,5}([a-z]{3,}s)\b")
_ADJ_THEN_PLURAL = re.compile(r" ([a-z]{3,}) ([a-z]{3,}s)\b")
_ONE_THEN_NOUN = re.compile(r" ([a-z]{3,})\b")
_NAME_THEN_NOUN = re.compile(r" (?:[A-Z][\w’'\-.]*\s+){1,3}([a-z]{3,})\b")
_TOLL_BEFORE = re.compile(r"\btoll\b[^.!?;]{0,60}\Z")
_COORDINATED = re.compile(r",? (?:and|or) \Z|, \Z")
_DECADE = re.compile(r"\d{3}")
#: Words that never stand between a number and its noun, nor are a counted noun themselves.
_FUNCTION = frozenset(
    """the and for with from that this than more less per were was are has have had not but
    into onto over under after before about each other least most such only also""".split()
)


_DAY_LIST = re.compile(r"\s*(?:,\s*)?(?:and|to|through|-|–)\s*(\d{1,2})\s*,\s*((?:1[89]|20)\d\d)\b")
_YEAR_JOIN = re.compile(r"\s+(?:until|till|to|through|and)\s+\Z")
_YEAR_BETWEEN = re.compile(r"\b(?:from|between)\s+\Z")
_VERB_AFTER = re.compile(
    r"\s*(?:[,.;:!?)]|\s(?:will|would|was|were|is|are|has|had|have|saw|sees|marks|marked|could|may|might|should|must|began|begins|ended|ends)\b|$)"
)
_RANK_NUMBER = re.compile(r"\b(?:No\.|Number|number|no\.)\s+\Z")
_AS_MANY = re.compile(r"\s+as\s+(?:many|much)\b")
_ORDINAL_WORDS = {w: k for k, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)}
_RANK_VERB = re.compile(
    r"\b(?:came|come|comes|coming|finished|finish|finishes|finishing|placed|place|places|ranked|ranks|ranking|ended up)"
    r"\s+(?:in\s+)?(" + "|".join(_ORDINAL_WORDS) + r")\b"
)
_HOLIDAY = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in sorted(FIXED_HOLIDAYS, key=len, reverse=True)) + r")\b")
_PARTITIVE_NOUN = re.compile(
    r" of (?:(?:the|these|those|its|their|his|her|our|[A-Za-z]+['’]s)\s+){0,2}(?:[a-z-]+\s+){0,2}?([a-z]{3,}s)\b"
)
_COMPOUND_NOUN = re.compile(r"[ -]([a-z]{3,})\s+[a-z]{3,}")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+\Z")
_SUBJECT_VERB = re.compile(r"\s+(?:were|was|are|is|have|had|remain|remained|died|survived)\b")


def fit_readings(text: str, found: Sequence[tuple[int, int, ParsedNumber]]) -> list[tuple[int, int, ParsedNumber]]:
    """The parser's readings joined or retyped by their neighbours, with the readings it does
    not make (holidays, ordinals after ranking verbs) added; sorted by start."""
    out: list[tuple[int, int, ParsedNumber]] = []
    readings = _periods_and_scores(text, sorted(found, key=lambda r: (r[0], r[1])))
    skip = 0
    for k, (start, end, p) in enumerate(readings):
        if skip:
            skip -= 1
            continue
        nxt = readings[k + 1] if k + 1 < len(readings) else None
        # "December 1 and 2, 2004": a month's days before a year.
        if p.kind == "date" and isinstance(p.value, str) and re.fullmatch(r"XXXX-\d\d-\d\d", p.value):
            m = _DAY_LIST.match(text, end)
            if m and 1 <= int(m.group(1)) <= 31:
                year, month = m.group(2), p.value[5:7]
                first, last = f"{year}-{month}-{p.value[8:]}", f"{year}-{month}-{int(m.group(1)):02d}"
                out.append((start, m.end(), ParsedNumber(first, "date", None, p.qualifier, last)))
                skip = sum(1 for r in readings[k + 1 :] if r[0] < m.end())
                continue
        # "from 1973 until 1990", "from March 2016 to January 2017": two dates, one range.
        if nxt is not None and _is_date_like(text, start, end, p) and _is_date_like(text, nxt[0], nxt[1], nxt[2]):
            join = _YEAR_JOIN.search(text, end, nxt[0])
            opened = _YEAR_BETWEEN.search(text, max(0, start - 10), start)
            both_years = _is_year(text, start, end, p) and _is_year(text, nxt[0], nxt[1], nxt[2])
            if join and join.start() == end and (opened or both_years) and (not text[end : nxt[0]].strip().startswith("and") or opened):
                out.append((start, nxt[1], ParsedNumber(_date_value(p), "date", None, p.qualifier, _date_value(nxt[2]))))
                skip = 1
                continue
        years = re.fullmatch(r"(?:(?:[Bb]etween|[Ff]rom)\s+)?((?:1[89]|20)\d\d)\s*(?:-|–|to|and|until|through)\s*((?:1[89]|20)\d\d)", text[start:end])
        if p.kind == "count" and p.value_max is not None and years:
            # "between 2008 and 2011" read as a range of counts: a range of years, the
            # preposition outside the span.
            out.append((start + years.start(1), end, ParsedNumber(years.group(1), "date", None, p.qualifier, years.group(2))))
            continue
        if p.kind == "count" and _is_year(text, start, end, p) and (
            (p.unit is None and _VERB_AFTER.match(text, end))
            or _year_modifier(text, start, end)
            or (p.unit is None and _FOR_BEFORE.search(text, max(0, start - 5), start) and not _NOUN_AFTER_YEAR.match(text, end))
        ):
            p = ParsedNumber(str(p.value), "date", None, p.qualifier)
        elif p.kind == "count" and isinstance(p.value, int) and _RANK_NUMBER.search(text, max(0, start - 8), start):
            rank = _RANK_NUMBER.search(text, max(0, start - 8), start)
            assert rank is not None
            out.append((rank.start(), end, ParsedNumber(p.value, "ordinal")))
            continue
        elif p.kind == "fraction" and _AS_MANY.match(text, end):
            p = ParsedNumber(p.value, "multiplier", None, p.qualifier, p.value_max)
        out.append((start, end, p))
    taken = [(s, e) for s, e, _ in out]

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    # (pattern, group holding the span, value and kind of the matched words)
    fixed: tuple[tuple[re.Pattern[str], int, Callable[[str], ParsedNumber]], ...] = (
        (_HOLIDAY, 0, lambda w: ParsedNumber(FIXED_HOLIDAYS[w], "date")),
        (_RANK_VERB, 1, lambda w: ParsedNumber(_ORDINAL_WORDS[w], "ordinal")),
        (_WEEKDAY_POSSESSIVE, 1, lambda w: ParsedNumber(f"XXXX-WXX-{WEEKDAYS[w.lower()]}", "date")),
        (_MID_PART_OF_DAY, 1, lambda w: ParsedNumber(PARTS_OF_DAY[w.lower()], "time")),
    )
    for pattern, group, make in fixed:
        for m in pattern.finditer(text):
            if free(m.start(group), m.end(group)):
                out.append((m.start(group), m.end(group), make(m.group(group))))
    return sorted(out, key=lambda r: (r[0], r[1]))


_WEEKDAY_POSSESSIVE = re.compile(r"\b((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)['’]s\b")
_MID_PART_OF_DAY = re.compile(r"\b[Mm]id-(morning|afternoon|evening)\b")
_PERIOD_AFTER = re.compile(r"[ -](quarter|half)\b(?:\s+of\s+((?:1[89]|20)\d\d)\b)?")
_YEAR_OF_PERIOD = re.compile(r"\s+of\s+the\s+year\b")
#: Words that make a text about a game, where a quarter or a half is a period of play.
_PLAY_WORDS = re.compile(
    r"\b(?:(?<!percentage )(?<!basis )points|goals|scored|scoring|touchdowns?|halftime|half-time|innings|rebounds)\b"
)
_LONE_PERIOD_LEADS = frozenset("the this that last next each every per its their".split())
_ORDINAL_COMPOUND = re.compile(r"-([a-z]{3,})\b(?![-’'])")
_TIMES_AS = re.compile(r"\s+(?:as\s+[a-z]+|more|higher|larger|bigger|greater|less|fewer|lower|smaller|the)\b")
_RANGE_FROM = re.compile(r"\b(?:rang(?:e|es|ed|ing)(?:\s+in\s+[a-z]+)?\s+from|aged(?:\s+from)?)\s+\Z")
_SCORE = re.compile(r"(?<![\d.,\-–])(\d{1,3})\s?[–-]\s?(\d{1,3})(?![\d.,%–-])")
_SCORE_BEFORE = re.compile(
    r"\b(?:beat|beats|beating|defeated|defeating|defeat|won|win|wins|winning|lost|lose|loses|losing|drew|draw|draws"
    r"|drawing|made it|make it|makes it|led|leading|leads|trailed|trailing|thrashed|edged|routed|trounced)\b[^.!?;]{0,50}\Z"
)
_SCORE_AFTER = re.compile(r"\s+(?:win|victory|defeat|loss|draw|lead|triumph|scoreline|aggregate|home win|away win)\b")
_SCORE_NOUN_AFTER = re.compile(r"\s+([a-z]{3,})\b")


def score_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Match scores (section 10 of the guidelines: ``3–2`` is two counts, not a range): two
    numerals of at most three digits joined by a dash, after a verb of winning, losing or
    drawing (``beating … 3–2``, ``made it 2–2``) or before a result noun (``a 3-1 win``), and
    not before a counted noun (``won 20-25 seats``). Returns (start, end of the first, start,
    end of the second) for each."""
    out = []
    for m in _SCORE.finditer(text):
        before = _SCORE_BEFORE.search(text, max(0, m.start() - 70), m.start())
        after = _SCORE_AFTER.match(text, m.end())
        noun = _SCORE_NOUN_AFTER.match(text, m.end())
        if noun and noun.group(1).endswith("s") and noun.group(1)[:-1] not in SCORE_UNITS:
            continue
        if before or after:
            out.append((m.start(1), m.end(1), m.start(2), m.end(2)))
    return out


def _score_unit(text: str) -> str | None:
    """The scored unit a text about a game speaks of most (``goals`` -> goal), if any."""
    counts = {u: len(re.findall(rf"\b{u}s\b", text)) for u in sorted(SCORE_UNITS)}
    best = max(counts, key=lambda u: counts[u])
    return best if counts[best] else None


def _currency_of(text: str, word: str) -> str | None:
    """The ISO code of a currency name several countries share (``kroner``): the one whose
    country the text names most often, none when it names none of them."""
    options = AMBIGUOUS_CURRENCY_WORDS[word]
    low = text.lower()
    counts = {code: sum(len(re.findall(rf"\b{re.escape(w)}\b", low)) for w in words) for code, words in options.items()}
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else None


_AMBIGUOUS_CURRENCY = re.compile(r"\s+(" + "|".join(sorted(AMBIGUOUS_CURRENCY_WORDS)) + r")\b")


def _periods_and_scores(text: str, readings: list[tuple[int, int, ParsedNumber]]) -> list[tuple[int, int, ParsedNumber]]:
    """Readings the parser makes word by word, fitted to the expression they are part of:

    * quarters and halves of a year are dates (section 10 of the guidelines, TimeML):
      ``the fourth quarter``, ``fourth-quarter profit`` -> ``XXXX-Q4``, ``the second half of
      2026`` -> ``2026-H2``; in a text about a game a quarter is a period of play, an ordinal
      counting quarters; ``half`` or ``quarter`` after an ordinal or a determiner (``the second
      half``, ``in the quarter``) and ``half-time`` are no fraction;
    * an ordinal glued by a hyphen to a noun counts that noun (``first-team`` -> team);
    * an amount before a currency name several countries share takes the country the text
      names (``6 kroner`` in a text about Norway: NOK);
    * ``three times as many``, ``three times higher``: a multiplier;
    * ``range from 4 to 71 years``, ``aged 4 to 71``: one range;
    * match scores: two counts of the scored unit (:func:`score_spans`).
    """
    play = _PLAY_WORDS.search(text) is not None
    out: list[tuple[int, int, ParsedNumber]] = []
    drop_until = -1
    for k, (start, end, p) in enumerate(readings):
        if start < drop_until:
            continue
        nxt = readings[k + 1] if k + 1 < len(readings) else None
        written = text[start:end].lower()
        if p.kind == "fraction" and written in ("half", "quarter"):
            prev = re.search(r"(\w+)\s+\Z", text[max(0, start - 20) : start])
            lead = prev.group(1).lower() if prev else ""
            if lead in _LONE_PERIOD_LEADS or lead in _ORDINAL_WORDS or re.match(r"[- ]time\b", text[end : end + 6]):
                continue
        if p.kind == "ordinal" and isinstance(p.value, int) and p.unit in (None, "quarter", "half"):
            period = _PERIOD_AFTER.match(text, end)
            if period and period.group(1) == "quarter" and 1 <= p.value <= 4 and not play:
                year = period.group(2) or "XXXX"
                out.append((start, period.end(), ParsedNumber(f"{year}-Q{p.value}", "date")))
                drop_until = period.end()
                continue
            if period and period.group(1) == "half" and p.value in (1, 2) and (period.group(2) or _YEAR_OF_PERIOD.match(text, period.end())):
                year = period.group(2) or "XXXX"
                out.append((start, period.end(), ParsedNumber(f"{year}-H{p.value}", "date")))
                drop_until = period.end()
                continue
            if period:
                out.append((start, end, ParsedNumber(p.value, "ordinal", period.group(1), p.qualifier)))
                drop_until = period.end()
                continue
            compound = _ORDINAL_COMPOUND.match(text, end)
            if compound and compound.group(1) not in ("ever", "most", "largest", "biggest") and not compound.group(1).endswith(("est", "ly")):
                out.append((start, compound.end(), ParsedNumber(p.value, "ordinal", compound.group(1), p.qualifier)))
                drop_until = compound.end()
                continue
        cur = _AMBIGUOUS_CURRENCY.match(text, end)
        if cur and (p.kind in ("count", "quantity") or (p.kind == "money" and not (p.unit or "").isupper())) and isinstance(p.value, (int, float)):
            code = _currency_of(text, cur.group(1)) if cur else None
            if cur and code:
                out.append((start, cur.end(), ParsedNumber(p.value, "money", code, p.qualifier, p.value_max)))
                continue
        if p.kind == "count" and p.unit == "time" and _TIMES_AS.match(text, end):
            out.append((start, end, ParsedNumber(p.value, "multiplier", None, p.qualifier, p.value_max)))
            continue
        if (
            nxt is not None
            and p.kind in ("count", "date")
            and isinstance(p.value, int)
            and p.unit is None
            and p.value_max is None
            and nxt[2].unit is not None
            and nxt[2].value_max is None
            and text[end : nxt[0]] in (" to ", " and ")
            and _RANGE_FROM.search(text, max(0, start - 40), start)
        ):
            out.append((start, nxt[1], ParsedNumber(p.value, nxt[2].kind, nxt[2].unit, p.qualifier, nxt[2].value)))
            drop_until = nxt[1]
            continue
        out.append((start, end, p))
    scores = score_spans(text)
    if scores:
        unit = _score_unit(text)
        spans = [(a, d) for a, _, _, d in scores]
        out = [r for r in out if not any(a < r[1] and r[0] < d for a, d in spans)]
        for a, b, c, d in scores:
            out.append((a, b, ParsedNumber(int(text[a:b]), "count", unit)))
            out.append((c, d, ParsedNumber(int(text[c:d]), "count", unit)))
        out.sort(key=lambda r: (r[0], r[1]))
    return out


_FOR_BEFORE = re.compile(r"\bfor\s+\Z")
_NOUN_AFTER_YEAR = re.compile(r"\s+(?!to\b|on\b|in\b|at\b|from\b|and\b|was\b|is\b|by\b)[a-z]")
_DETERMINER_BEFORE = re.compile(r"\b(?i:an?|the|its|their|his|her|this|that)\s+\Z")
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z-]+)\b")
#: Plural nouns without a final ``s``, which a count may precede (``the 2000 people``).
_IRREGULAR_PLURALS = frozenset("people men women children police staff personnel cattle".split())


def _year_modifier(text: str, start: int, end: int) -> bool:
    """A year between a determiner and a singular noun: ``a 2024 budget``, ``the 1974 coup``
    (a count would count a plural: ``the 2000 people``, ``a 1500 troops``)."""
    noun = _NOUN_AFTER.match(text, end)
    return (
        _DETERMINER_BEFORE.search(text, max(0, start - 6), start) is not None
        and noun is not None
        and not noun.group(1).endswith("s")
        and noun.group(1) not in _IRREGULAR_PLURALS
    )


def _is_date_like(text: str, start: int, end: int, p: ParsedNumber) -> bool:
    """A single date reading (no range), or a bare year read as a count."""
    return (p.kind == "date" and p.value_max is None and isinstance(p.value, str)) or _is_year(text, start, end, p)


def _date_value(p: ParsedNumber) -> str:
    """A date reading's value as the gold writes it (a year read as a count: its digits)."""
    return p.value if isinstance(p.value, str) else str(int(p.value))


def _is_year(text: str, start: int, end: int, p: ParsedNumber) -> bool:
    """Four digits from 1800 to 2099 written without a separator, read as a count or a year."""
    written = text[start:end]
    return re.fullmatch(r"(?:1[89]|20)\d\d", written) is not None and p.kind in ("count", "date") and p.value_max is None


def _singular(noun: str) -> str:
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    return noun[:-1]


def number_facts(
    text: str,
    found: Sequence[tuple[int, int, ParsedNumber]],
    names: Sequence[tuple[int, int]],
    not_names: frozenset[str],
) -> tuple[NumberFact, ...]:
    """Number facts for the parser's readings ``found`` of ``text``.

    ``names`` are the name mentions' spans; ``not_names`` the capitalised words that are not
    names (month and weekday names, function words), which never make a designator.
    """
    found = fit_readings(text, found)
    covered = bytearray(len(text))
    for s, e in names:
        covered[s:e] = b"\x01" * (e - s)
    kept: list[tuple[int, int, ParsedNumber]] = []
    skipped_ends: set[int] = set()

    def kept_skipped_before(start: int) -> bool:
        """A numeral glued by a hyphen to a designator numeral left out (``09-1``)."""
        return start - 1 in skipped_ends and text[start - 1 : start] == "-"

    scored = {(a, b) for a, b, _, _ in score_spans(text)} | {(c, d) for _, _, c, d in score_spans(text)}
    for start, end, parsed in found:
        kind = parsed.kind
        if any(covered[start:end]) and kind not in WHOLE_KINDS:
            continue
        designator = _DESIGNATOR.search(text, max(0, start - 30), start)
        if (
            (start, end) not in scored
            and designator
            and kind in ("count", None)
            and _BARE.fullmatch(text[start:end])
            and designator.group(1).lower() not in not_names
        ):
            skipped_ends.add(end)
            continue
        if kept_skipped_before(start):
            continue
        kept.append((start, end, parsed))

    facts: list[NumberFact] = []
    skip_next = False
    for k, (start, end, parsed) in enumerate(kept):
        if skip_next:
            skip_next = False
            continue
        value, kind, unit = parsed.value, parsed.kind, parsed.unit
        # A weekday, a comma and a calendar date: one date.
        if kind == "date" and k + 1 < len(kept):
            ns, ne, nparsed = kept[k + 1]
            if nparsed.kind == "date" and _WEEKDAY_COMMA.fullmatch(text, start, ns):
                facts.append(_fact(len(facts), text, start, ne, nparsed.value, "date", None, None, None))
                skip_next = True
                continue
        if kind in ("count", "date") and isinstance(value, int) and _is_age(text, start, end, value):
            kind, unit = "duration", "year"  # "Sarpong, 41, is …": an age in apposition
        if kind == "count" and unit is None:
            unit = _unit_from_context(text, start, end, value, kept[k + 1 :], facts)
            if unit is None and (
                _TOLL_BEFORE.search(text, max(0, start - 80), start) or _people_object(text, start, end)
            ):
                unit = "person"
        coordinated = _PEOPLE_AFTER.match(text, end) if kind == "count" and unit is not None else None
        if coordinated and _is_people_noun(coordinated.group(1)) and _is_people_noun(coordinated.group(2)):
            unit = "person"  # "12 doctors and nurses" (section 10, item 10)
        if kind == "ordinal" and unit is None:
            m = _NAME_THEN_NOUN.match(text, end)
            if m and m.group(1) not in _FUNCTION and not m.group(1).endswith(("ed", "ly", "ing")):
                unit = _singular(m.group(1)) if m.group(1).endswith("s") and not m.group(1).endswith("ss") else m.group(1)
        if kind == "date" and isinstance(value, str) and _DECADE.fullmatch(value):
            value = value + "X"
        qualifier = parsed.qualifier
        previous = facts[-1] if facts else None
        if (
            qualifier is None
            and previous is not None
            and previous.qualifier
            and previous.kind == kind
            and previous.span is not None
            and previous.span.end is not None
        ):
            if start - previous.span.end <= 6 and _COORDINATED.search(text, previous.span.end, start):
                qualifier = previous.qualifier
        facts.append(_fact(len(facts), text, start, end, value, kind, unit, qualifier, parsed.value_max))
    return tuple(facts)


def _unit_from_context(
    text: str, start: int, end: int, value: NumberValue, later: Sequence[tuple[int, int, ParsedNumber]], earlier: Sequence[NumberFact]
) -> str | None:
    after = text[end : end + 80]
    m = _NAME_THEN_PLURAL.match(after)
    if m:
        return _singular(m.group(1))
    m = _ADJ_THEN_PLURAL.match(after)
    if m and m.group(1) not in _FUNCTION and not m.group(1).endswith(("ed", "ly", "ing")) and not m.group(2).endswith(("ss", "us", "is")):
        return _singular(m.group(2))
    m = _MODIFIERS_THEN_PLURAL.match(after)
    if m and not set(m.group(1).split()) & _FUNCTION and not m.group(2).endswith(("ss", "us", "is")) and m.group(2) not in _FUNCTION:
        return _singular(m.group(2))  # "390 suspected cases", "40 rural bus routes"
    m = _PARTITIVE_DETERMINERS.match(after)
    if m and later and later[0][0] == end + m.end() and later[0][2].kind == "count":
        ls, le, lp = later[0]  # "29 of the council's 55 seats", "11 of the 14 parliamentary seats"
        return lp.unit or _unit_from_context(text, ls, le, lp.value, later[1:], earlier)
    if _POPULATION_BEFORE.search(text, max(0, start - 30), start) and not re.match(r"\s+[a-z]{3,}", after):
        return "person"  # "a population of about 2.6 million"
    m = _ONE_THEN_NOUN.match(after)
    if m and value == 1 and m.group(1) not in _FUNCTION and not m.group(1).endswith(("ed", "ly", "ing", "s")):
        return m.group(1)
    if after.startswith(" of ") and later:
        ns, _, nparsed = later[0]
        if ns == end + 4 and nparsed.unit:
            return nparsed.unit
    m = _PARTITIVE_NOUN.match(after)
    if m and m.group(1) not in _FUNCTION and not m.group(1).endswith(("ss", "us", "is")):
        return _singular(m.group(1))
    m = _COMPOUND_NOUN.match(after)
    if m and _ARTICLE_BEFORE.search(text, max(0, start - 6), start) and m.group(1) not in _FUNCTION and not m.group(1).endswith(("s", "ed", "ly", "ing")):
        return m.group(1)  # "a 5 game suspension"
    # The subject of a verb with no noun: "35,000 people …; 28,000 were …".
    if earlier and _SUBJECT_VERB.match(after):
        prev = earlier[-1]
        if prev.kind == "count" and prev.unit and prev.span is not None and prev.span.end is not None:
            between = text[prev.span.end : end]
            if len(between) < 160 and not re.search(r"[.!?]\s", between):
                return prev.unit
    # A list of counts sharing one noun: "for 30 games, … for 25, and … for 6".
    if earlier and re.match(r"\s*(?:[,.;)]|\band\b|$)", after):
        prev = earlier[-1]
        if prev.kind == "count" and prev.unit and prev.span is not None and prev.span.end is not None:
            between = text[prev.span.end : end]
            if len(between) < 80 and not re.search(r"[.!?]\s", between) and "," in between:
                return prev.unit
    return None


_MODIFIERS_THEN_PLURAL = re.compile(r" ((?:[a-z]{3,} ){1,2})([a-z]{3,}s)\b")
_PARTITIVE_DETERMINERS = re.compile(r" of (?:(?:the|these|those|its|their|his|her|our|[A-Za-z]+['’]s)\s+){1,2}")
_POPULATION_BEFORE = re.compile(r"\bpopulations?\s+of\s+(?:(?:about|around|some|nearly|almost|more than|over|roughly)\s+)?\Z")
_AGE_BEFORE = re.compile(r"\b([A-Za-z][\w’'.-]*),\s\Z")
_PEOPLE_AFTER = re.compile(r"\s+([a-z]+)\s+(?:and|or)\s+([a-z]+)\b")
_VERB_BEFORE = re.compile(r"\b([a-z]+)\s+\Z")
_NO_NOUN_AFTER = re.compile(
    r"[ \t]*(?:[,.;:!?)\n]|\s(?:and|in|on|at|after|before|during|since|with|when|while|as|across|including|among|last|this|over|from|to|into|out|near)\b|$)"
)


def _is_age(text: str, start: int, end: int, value: int) -> bool:
    """``Name, 41,``, ``the driver, 38,``: a number in apposition to a name or to a noun naming
    a person is the person's age (ages are durations in years)."""
    return (
        1 <= value < 120
        and text[start:end].isdigit()
        and (before := _AGE_BEFORE.search(text, max(0, start - 40), start)) is not None
        and (before.group(1)[0].isupper() or _is_person_word(before.group(1)))
        and text[end : end + 1] == ","
    )


def _is_person_word(word: str) -> bool:
    """A singular noun naming a person (``driver``, ``fisherman``, ``man``)."""
    return (
        word + "s" in PEOPLE_NOUNS
        or word in ("man", "woman", "boy", "girl", "child", "mother", "father", "son", "daughter")
        or (len(word) > 4 and word.endswith(("er", "or", "ist", "ian", "man", "woman")))
    )


def _people_object(text: str, start: int, end: int) -> bool:
    """A count with no noun as the object of a verb that acts on people (``kills three``,
    ``killed 11``, ``arrested 40 on Monday``)."""
    verb = _VERB_BEFORE.search(text, max(0, start - 25), start)
    return verb is not None and verb.group(1).lower() in PEOPLE_OBJECT_VERBS and _NO_NOUN_AFTER.match(text, end) is not None


def _is_people_noun(word: str) -> bool:
    return word in PEOPLE_NOUNS or (len(word) > 5 and word.endswith(("ers", "ors", "ists", "ians")))


def _fact(
    n: int,
    text: str,
    start: int,
    end: int,
    value: NumberValue,
    kind: str,
    unit: str | None,
    qualifier: str | None,
    value_max: NumberValue | None,
) -> NumberFact:
    return NumberFact(
        id=f"n{n + 1}",
        span=Span(start, end, text[start:end]),
        value=value,
        kind=kind,
        unit=unit,
        qualifier=qualifier,
        value_max=value_max,
    )


__all__ = ["WHOLE_KINDS", "fit_readings", "number_facts"]
