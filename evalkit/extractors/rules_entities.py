"""Entity mentions by rule: capitalised-name runs, a gazetteer and cues, in a fixed precedence.

**Words.** The text is read once as words (letters and digits, with internal hyphens,
apostrophes and ``&``; a possessive ``’s`` is kept outside the word). A full stop belongs to
the word after an initial (``George W. Bush``), a known abbreviation (``Mr.``, ``Corp.``) and
inside initialisms (``U.S.``, ``U.N.``).

**Runs.** A *name run* is a sequence of capitalised words separated by single spaces, allowing
lowercase name particles between capitalised parts (``von der``, ``da``), ``of``/``for`` after
an organisation head (``Ministry of Defence``, ``Republic of …``), ``&`` between parts
(``Roebuck & Co.``) and a gazetteer name written with an apostrophe (``People's Republic of
China``). A run of all-capital words at the start of a paragraph, before a dash or comma, is
a *dateline* and names a place (``OSLO —``).

**Typing a run** — the first rule that applies wins:

1. leading titles are dropped and make the rest a PERSON (``President``, ``Mr.``, ``CEO``), as
   does a role noun just before the run (``guard Anthony Johnson``);
2. the whole run is a gazetteer name: its type (countries, demonyms, regions and
   organisations strongly; cities and provinces weakly, see
   :mod:`evalkit.extractors.gazetteer`);
3. a leading demonym is split off as its own NORP mention and the rest typed by these rules
   (``Japanese Self-Defense Forces``), unless the whole run is a gazetteer name (``Indian
   Ocean``);
4. a role noun inside the run splits it: the part before is typed on its own, the part after
   is a PERSON (``Sears CEO Alan Lacy``);
5. a class head ends the run: PRODUCT, with a model code and its designator before it
   (``Type 09-1 Han Class``); a Portuguese, Spanish, French or Italian head opens it: ORG
   (``Agência Estado``), FAC (``Granja do Torto``) or LOC (``Rio Doce``, also nested in an
   organisation's name); else the last word is a head noun: an organisation head (``Agency``, ``Party``, ``Corp.``) gives
   ORG, an event head (``War``) EVENT, a law head (``Act``, ``Constitution``) LAW, a
   territorial head (``District``) GPE, a structure head (``Airport``) FAC; a country or
   demonym at the front of an organisation is also a nested mention;
6. a compass word before a region or continent gives LOC (``Eastern Africa``);
7. an organisation noun just before or after the run (``the security firm``, ``… company``)
   gives ORG; so do an all-capital word or a digit inside a multi-word run (``MX Logic``) and
   a last word that is an abstract noun (``Social Security``); a compass word before a demonym
   gives NORP (``South American``); a run filling a pair of brackets with no cue is a gloss;
8. other multi-word runs are PERSONs (up to four capitalised words; longer ones ORG).

**Hyphenated words** give a NORP mention per nationality part, a combining form standing for
its demonym (``Sino-Japanese``: ``Sino``, a mention of ``Chinese``, and ``Japanese``); a word
whose parts are all regions is one region (``Asia-Pacific``).

**After typing**: names listed as brands (``brands including A, B and C``, ``the D and E
brands``) are PRODUCTs; generic capitalised words (``Internet``), time standards and zone codes
with an offset (``UTC+9``) are dropped, and so is a word inside a product's model name; an
organisation named after another one of the text keeps it as a nested mention (``Sears
Holdings``: ``Sears``, when ``Sears, Roebuck & Co.`` is named).

**Single unknown words** are typed once the whole text has been read: a surname of a person
named in full (PERSON, same entity), a short form of an organisation named in full — its
first word before a company suffix (``Kmart`` for ``Kmart Corp.``), a team's last word
(``Pacers`` for ``Indiana Pacers``) or an acronym of its initials or in brackets after it
(ORG, same entity) —, a weak gazetteer place, an organisation noun before it (ORG), a
reporting verb after it or ``known as`` before it (PERSON), a locative preposition before it
(GPE), ``the`` before it, all capitals or an apposition naming a kind of organisation
(``Petrobras, government oil company,``: ORG), else ORG as a weak default; a bare word in
brackets is a gloss. A single unknown word at the start of a sentence is kept only when the
same word also appears capitalised mid-sentence, or an apposition types it, since
sentence-initial capitals say nothing about names.

Lowercase heads after a country (``Ukraine’s interior ministry``, ``US army``: ORG), after a
name (``Trump administration``: ORG) and after a name (``CAN-SPAM act``: LAW) extend the
mention over them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span
from .coref import Mention
from .gazetteer import STRONG, WEAK, apostrophe_names, demonyms, full_country_name, lookup
from .lexicon import (
    ABBREVIATIONS,
    COMBINING_FORMS,
    COMPASS,
    FRONT_FAC_HEADS,
    LOC_HEADS,
    FRONT_LOC_HEADS,
    FRONT_ORG_HEADS,
    GENERIC_CAPITALISED,
    PRODUCT_DESIGNATORS,
    PRODUCT_HEADS,
    EVENT_FRONT_HEADS,
    EVENT_HEADS,
    FAC_HEADS,
    FIXED_HOLIDAYS,
    PORTFOLIOS,
    REGION_NOUNS_AFTER,
    WORK_CUE_NOUNS,
    WORK_HEADS,
    GPE_HEADS,
    GPE_INSTITUTION_HEADS,
    LAW_HEADS,
    LOCATIVE_PREPOSITIONS,
    NAME_PARTICLES,
    NAME_PREFIXES,
    WEB_DOMAINS,
    NOT_NAMES,
    ORG_CUE_NOUNS,
    ORG_HEADS,
    PRE_VERB_WORDS,
    REPORTING_FORMS,
    TITLES,
)

_DOMAIN = r"[^\W_]+(?:-[^\W_]+)*\.(?:" + "|".join(re.escape(d) for d in sorted(WEB_DOMAINS, key=len, reverse=True)) + r")(?![\w.]*\w)"
_WORD = re.compile(_DOMAIN + r"|(?:[A-Z]\.){2,}|[^\W_]+(?:(?:[-\u2010\u2011'’&])[^\W_]+)*")
_IS_DOMAIN = re.compile(_DOMAIN)
#: ``eBay``, ``iPhone``: a brand written with a lowercase first letter and a capital inside.
_CAMEL = re.compile(r"[a-z]{1,2}[A-Z][\w'’&-]*")
#: ``then-U.S.``, ``ex-President``: the prefix is read as a word of its own.
_PREFIXED = re.compile(r"\b(?:" + "|".join(sorted(NAME_PREFIXES)) + r")(-)(?=[A-Z])")
_CALENDAR = frozenset(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split()
)
#: Temporal words before which a month name is a date, not a first name (``in May Smith …``).
_DATE_PREPOSITIONS = frozenset("in on of since until till by from last next this early late mid during before after".split())
_CAPITAL_NUMBERS = frozenset("One Two Three Four Five Six Seven Eight Nine Ten".split())
_POSSESSIVE = re.compile(r"['’]s$")
#: Lowercase participles glued to a name by a hyphen (``Colombo-based``, ``Saudi-led``,
#: ``state-owned``): the name ends before the hyphen.
_NAME_SUFFIX = re.compile(r"-(?:based|born|led|backed|owned|funded|run|made|bred|raised|educated|headquartered|controlled|allied|aligned|bound)$")
_ROLE_NOUNS = TITLES | frozenset(
    """adviser advisor envoy spokesperson spokesman spokeswoman witness president minister
    secretary chief leader official analyst director commander ambassador reporter
    correspondent lawyer editor founder chairman chairwoman ceo executive resident survivor
    mother father son daughter wife husband colleague aide negotiator prosecutor player guard
    forward center centre striker goalkeeper defender midfielder winger coach manager captain singer actor author artist
    musician songwriter rapper athlete researcher scientist economist expert engineer doctor
    professor student""".split()
)
#: Endings of abstract nouns, which are never personal names: a run ending in one names an
#: institution or programme (``Social Security``), not a person.
_ABSTRACT_SUFFIXES = ("ity", "ment", "tion", "tions", "sion", "ance", "ence", "ism", "ogy", "ship", "ness")
_ORDINALS = frozenset("First Second Third Fourth Fifth".split())
#: ``Norsk Hydro, which is based in Oslo``: ``which`` refers to things, never to a person.
_WHICH_AFTER = re.compile(r",\s+which\b")
#: Head nouns that name nothing on their own (``Court officials``, ``Party leaders``).
#: (Organisation heads that also name newspapers or companies on their own — ``Guardian``,
#: ``Times`` — are not among them.)
_GENERIC_HEADS = frozenset(
    """court party ministry army navy embassy consulate council committee commission agency
    department office institute foundation association federation government police
    administration authority board bureau cabinet command alliance coalition movement
    university college""".split()
) | EVENT_HEADS | LAW_HEADS | GPE_HEADS | FAC_HEADS | WORK_HEADS
_PLACE_NOUNS = frozenset("city town village region province state county district capital port".split())
_CONNECTORS = frozenset({"of", "for"})
_OF_HEADS = ORG_HEADS | frozenset("republic kingdom emirate principality state states".split())
#: Words company names end in, after the company's own name (``Samsung Electronics``,
#: ``Delta Air Lines``): the name before them is its short form.
_COMPANY_NAME_ENDINGS = frozenset(
    """electronics motors airlines airways group holdings industries pharmaceuticals technologies
    systems foods stores petroleum steel telecom communications entertainment studios pictures
    records enterprises brands resources logistics railways insurance""".split()
)
_COMPANY_SUFFIXES = frozenset(
    """corp. co. inc. ltd. plc llc ag sa gmbh corporation company incorporated limited asa ab oyj
    nv bv spa srl sarl ltda bhd pty pte kk""".split()
)
_INSTITUTION_AFTER = re.compile(
    r"(?:['’]s)?((?: [a-z]+){0,2}?) (" + "|".join(sorted(GPE_INSTITUTION_HEADS)) + r")\b"
)
_ADMIN_AFTER = re.compile(r" (administration|government)\b")
_LAW_AFTER = re.compile(r" (act|law|treaty|accord|agreement)\b")
_DATELINE_END = re.compile(r"\s*(?:[,(\u2014\u2013-]|\s--)")


@dataclass(frozen=True)
class Word:
    """A word of the text; ``end`` excludes a possessive ``’s``, ``full_end`` includes it."""

    start: int
    end: int
    full_end: int
    text: str

    @property
    def possessive(self) -> bool:
        return self.full_end != self.end

    @property
    def bare(self) -> str:
        """The word without a final full stop (``Mr.`` -> ``Mr``)."""
        return self.text[:-1] if self.text.endswith(".") and len(self.text) > 1 else self.text


def words_of(text: str) -> list[Word]:
    """Every word of ``text`` in order (a ``then-``/``ex-`` prefix before a capital is a word
    of its own)."""
    out: list[Word] = []
    scan = _PREFIXED.sub(lambda m: m.group().replace("-", " "), text) if "-" in text else text
    for m in _WORD.finditer(scan):
        s, e = m.span()
        tok = m.group()
        if e < len(text) and text[e] == "." and not tok.endswith("."):
            if tok in ABBREVIATIONS or (len(tok) == 1 and tok.isupper()):
                e += 1
                out.append(Word(s, e, e, text[s:e]))
                continue
        pm = _POSSESSIVE.search(tok)
        end = e - 2 if pm and e - 2 > s else e
        suffix = _NAME_SUFFIX.search(tok)
        if suffix and tok[:1].isupper():
            end = e = s + suffix.start()  # "Colombo-based": the name is the part before the suffix
        out.append(Word(s, end, e, text[s:end]))
    return out


def _is_name_word(w: Word) -> bool:
    t = w.text
    if not t[0].isupper():
        return _CAMEL.fullmatch(t) is not None or _IS_DOMAIN.fullmatch(t) is not None
    if t.lower() in NOT_NAMES and not (len(t) > 1 and t.isupper()):
        return False
    return True


def _adjacent(text: str, a: Word, b: Word) -> bool:
    """``b`` follows ``a`` in one name: after a single space, or after the apostrophe of a
    plural inside a name (``Lands' End``) when ``b`` is capitalised."""
    gap = text[a.full_end : b.start]
    if gap in ("' ", "’ ") and a.text.endswith("s") and b.text[:1].isupper():
        # "Lands' End", but not "the Stars' Ivorian coach": a nationality or country after a
        # plural possessive is the possessed noun's modifier.
        return not a.possessive and (_gazetteer(b.text) or ("",))[0] not in ("NORP", "GPE")
    return not a.possessive and gap in (" ", "\u00a0")


def _forced_runs(text: str, words: list[Word]) -> dict[int, int]:
    """Word index -> last word index of a gazetteer name with an apostrophe starting there."""
    out: dict[int, int] = {}
    if "'" not in text and "’" not in text:
        return out
    starts = {w.start: i for i, w in enumerate(words)}
    ends = {w.end: i for i, w in enumerate(words)}
    for m in _POSSESSIVE_ACRONYM.finditer(text):
        # "People's Renewal Front (PRF)": a possessive inside a name its acronym spells out.
        letters = "".join(part[0] for part in re.findall(r"[A-Z][\w-]*", m.group(1)))
        i, j = starts.get(m.start(1)), ends.get(m.end(1))
        if letters == m.group(2) and i is not None and j is not None:
            out[i] = j
    for name in apostrophe_names():
        for m in re.finditer(re.escape(name), text):
            i, j = starts.get(m.start()), ends.get(m.end())
            if i is not None and j is not None and i not in out:
                out[i] = j
    return out


_POSSESSIVE_ACRONYM = re.compile(r"\b([A-Z][\w-]*['’]s(?: [A-Z][\w-]*)+) \(([A-Z]{3,6})\)")


def _first_name_month(text: str, words: list[Word], i: int) -> bool:
    """A month name (or its abbreviation) that is a first name: ``Jan Egeland``, ``April
    Ryan`` — followed by a capitalised name word, and not after a temporal preposition
    (``in May Congress …``)."""
    w = words[i]
    if w.text not in _CALENDAR or i + 1 >= len(words) or not _adjacent(text, w, words[i + 1]):
        return False
    nxt = words[i + 1]
    if not _is_name_word(nxt) or nxt.text in _CALENDAR or nxt.text.isupper():
        return False
    return i == 0 or words[i - 1].text.lower() not in _DATE_PREPOSITIONS


def name_runs(text: str, words: list[Word]) -> list[list[int]]:
    """Indices of the words of every name run, in text order."""
    runs: list[list[int]] = []
    forced = _forced_runs(text, words)
    n = len(words)
    i = 0
    while i < n:
        if i in forced:
            runs.append(list(range(i, forced[i] + 1)))
            i = forced[i] + 1
            continue
        if not _is_name_word(words[i]) and not _first_name_month(text, words, i):
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < n and _adjacent(text, words[j - 1], words[j]):
            w = words[j]
            if j in forced:
                break
            if _is_name_word(w):
                run.append(j)
                j += 1
                continue
            if w.text in _CAPITAL_NUMBERS:
                # "BBC One", "Formula One": a capitalised number word ends the name it follows.
                run.append(j)
                j += 1
                break
            nxt_ok = j + 1 < n and _adjacent(text, w, words[j + 1]) and _is_name_word(words[j + 1])
            if nxt_ok and w.text in NAME_PARTICLES:
                run += [j, j + 1]
                j += 2
                continue
            last = words[run[-1]].bare.lower()
            if nxt_ok and w.text in _CONNECTORS and (last in _OF_HEADS or (w.text == "of" and last in TITLES)):
                run += [j, j + 1]
                j += 2
                continue
            if (
                w.text == "of" and last in _OF_HEADS and j + 2 < n and words[j + 1].text == "the"
                and _adjacent(text, w, words[j + 1]) and _adjacent(text, words[j + 1], words[j + 2])
                and _is_name_word(words[j + 2])
            ):
                run += [j, j + 1, j + 2]  # "University of the Philippines", "Bank of the West"
                j += 3
                continue
            break
        # "Roebuck & Co." / "Smith & Wesson": an ampersand joins two capitalised parts.
        while j + 1 < n and text[words[j - 1].full_end : words[j].start] == " & " and _is_name_word(words[j]):
            run.append(j)
            j += 1
        runs.append(run)
        i = j
    return runs


def _comma_company(text: str, words: list[Word], runs: list[list[int]]) -> list[list[int]]:
    """Join ``Sears`` + ``, `` + ``Roebuck & Co.``: a run ending in a company suffix after a
    comma continues the capitalised run before the comma."""
    out: list[list[int]] = []
    for run in runs:
        if (
            out
            and words[run[-1]].text.lower() in _COMPANY_SUFFIXES
            and any(text[words[a].full_end : words[b].start] == " & " for a, b in zip(run, run[1:]))
            and text[words[out[-1][-1]].full_end : words[run[0]].start] == ", "
        ):
            out[-1] = out[-1] + run
        else:
            out.append(run)
    return out


def _dateline_runs(text: str, words: list[Word], runs: list[list[int]]) -> set[int]:
    """Indices (into ``runs``) of all-capital place runs opening a paragraph (``OSLO —``)."""
    out: set[int] = set()
    for k, run in enumerate(runs):
        first, last = words[run[0]], words[run[-1]]
        if first.start != 0 and text[first.start - 1] != "\n":
            continue
        if not all(words[i].text.isupper() and len(words[i].text) >= 3 for i in run):
            continue
        if _DATELINE_END.match(text, last.full_end):
            out.add(k)
    return out


def _heads_after(text: str, first: Word, last: Word, typed: Mention) -> list[Mention]:
    """Mentions that extend ``typed`` over a lowercase head after it: ``Ukraine’s interior
    ministry`` and ``US army`` (a country + an institution: ORG), ``Trump administration``
    (a name + administration or government: ORG); a lowercase law noun after a name makes the
    name a LAW (``the CAN-SPAM act``: ``CAN-SPAM``), replacing the mention it follows."""
    after = text[last.end : last.end + 60]
    start = first.start

    def extended(m: re.Match[str], etype: str) -> Mention:
        e = last.end + m.end()
        return Mention(Span(start, e, text[start:e]), etype, 2)

    if typed.type == "GPE":
        m = _INSTITUTION_AFTER.match(after)
        return [extended(m, "ORG")] if m else []
    if typed.type in ("PERSON", "ORG") and typed.strength < STRONG and not last.possessive:
        m = _ADMIN_AFTER.match(after)
        if m:
            return [extended(m, "ORG")]
        if _LAW_AFTER.match(after):
            return [Mention(Span(start, last.end, text[start : last.end]), "LAW", 2)]
    return []


def _is_title(w: Word) -> bool:
    """A title word, or a title with a hyphenated status (``President-elect``,
    ``Minister-designate``)."""
    low = w.bare.lower()
    if low in TITLES:
        return True
    head, _, status = low.partition("-")
    return status in ("elect", "designate") and head in TITLES


def _after_portfolio(ws: list[Word], k: int) -> int:
    """The index after a title's portfolio: ``of State`` in ``Secretary of State Henry
    Kissinger``, ``of Foreign Affairs``; ``k`` itself when ``ws[k]`` is not ``of``."""
    if k >= len(ws) - 1 or ws[k].text != "of":
        return k
    j = k + 1
    while j < len(ws) - 1 and ws[j].text in PORTFOLIOS:
        j += 1
    return j if j > k + 1 else k


def _gazetteer(name: str) -> tuple[str, int] | None:
    return lookup(name)


def _plural_group(text: str, last: Word) -> bool:
    """A name ending in a plural that the text also writes after ``the`` (``the Mariners
    will …``) names a team or group, not a person: a surname ending in ``s`` is written so only
    before a kin noun (``the Williams family``)."""
    word = last.text
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is")) or not word[0].isupper():
        return False
    pattern = rf"\b[Tt]he (?:[A-Z][\w’'-]* ){{0,3}}{re.escape(word)}\b(?!['’]s\b)(?! (?:{_KIN_NOUNS})\b)"
    return re.search(pattern, text) is not None


_KIN_NOUNS = "family|families|sisters|brothers|twins|couple|household|clan|siblings|children|dynasty|estate|case|affair"


def _initials(name_words: list[str]) -> str:
    return "".join(w[0] for w in name_words if w[:1].isupper() and w.lower() not in ("of", "and", "the", "for"))


class _Reader:
    """Types the runs of one text; collects mentions and the single words left for later."""

    def __init__(self, text: str, words: list[Word], starts: set[int] | None = None) -> None:
        self.text = text
        self.words = words
        self.starts = starts or set()
        self.mentions: list[Mention] = []
        self.pending: list[tuple[int, tuple[str, int] | None]] = []

    def span(self, a: Word, b: Word) -> Span:
        return Span(a.start, b.end, self.text[a.start : b.end])

    def joined(self, i: int) -> bool:
        """Word ``i`` follows the word before it after a single space (no punctuation)."""
        return i > 0 and self.text[self.words[i - 1].full_end : self.words[i].start] == " "

    def next_word(self, i: int) -> str:
        w = self.words
        return w[i + 1].text.lower() if i + 1 < len(w) and self.joined(i + 1) else ""

    def _hyphenated_groups(self, w: Word) -> bool:
        """``Marxist-Maoist``, ``Sino-Japanese``: a NORP mention for each part that is one (a
        combining form, ``Sino``, is a mention of its demonym); ``Asia-Pacific``: parts that
        are all regions make one region (LOC)."""
        parts = list(re.finditer(r"[^-]+", w.text))
        kinds = [_gazetteer(p.group()) for p in parts]
        if len(parts) > 1 and all(k is not None and k[0] == "LOC" for k in kinds):
            self.mentions.append(Mention(Span(w.start, w.end, w.text), "LOC", STRONG))
            return True
        norp = [k is not None and k[0] == "NORP" for k in kinds]
        if not any(norp):
            return False
        for p, is_norp in zip(parts, norp):
            s, e = w.start + p.start(), w.start + p.end()
            if is_norp:
                self.mentions.append(Mention(Span(s, e, self.text[s:e]), "NORP", STRONG))
            elif p.group() in COMBINING_FORMS:
                self.mentions.append(Mention(Span(s, e, self.text[s:e]), "NORP", STRONG, COMBINING_FORMS[p.group()]))
        return True

    def _bracket_gloss(self, rest: list[Word]) -> bool:
        """A name-like run that fills a pair of brackets (``(Science and Technology)``) glosses
        what precedes it; with no cue it is not taken for a person."""
        t = self.text
        return t[rest[0].start - 1 : rest[0].start] == "(" and t[rest[-1].full_end : rest[-1].full_end + 1] == ")"

    def prev_word(self, i: int) -> str:
        return self.words[i - 1].text.lower() if i > 0 else ""

    def add(self, a: Word, b: Word, etype: str, strength: int, link: str | None = None) -> Mention:
        m = Mention(self.span(a, b), etype, strength, link)
        self.mentions.append(m)
        return m

    def read(self, idx: list[int], dateline: bool = False) -> None:
        ws = [self.words[k] for k in idx]
        if dateline:
            self.add(ws[0], ws[-1], "GPE", STRONG)
            return
        whole = self.text[ws[0].start : ws[-1].end]
        if any(h.startswith(whole) and self.text.startswith(h, ws[0].start) for h in FIXED_HOLIDAYS):
            return  # a holiday ("New Year's Day", read up to its possessive) is a date, not a name
        gaz = _gazetteer(whole)
        if gaz is None and len(ws) == 1 and _IS_DOMAIN.fullmatch(whole):
            self.add(ws[0], ws[0], "ORG", 2)  # a web site: "Amazon.com"
            return
        if gaz is None and len(ws) == 1 and "-" in whole and self._hyphenated_groups(ws[0]):
            return
        last_is_head = ws[-1].text.lower() in ORG_HEADS or ws[-1].text.lower() in FAC_HEADS  # "Premier League", "General Hospital"
        titled = (
            self.prev_word(idx[0]) in _ROLE_NOUNS and not last_is_head and self.joined(idx[0])
            and not self.words[idx[0] - 1].possessive  # "the chancellor's Social Democrats"
        )
        k = 0
        if len(ws) >= 2 and ws[0].start in self.starts and ws[0].text.lower() in _ROLE_NOUNS and ws[0].text.lower() not in TITLES:
            # "Striker Adriano …" opening a sentence: a role noun capitalised by position.
            k, titled = 1, True
        # 1. Titles (and 3. demonyms) in front of a name.
        while gaz is None:
            while k < len(ws) - 1 and _is_title(ws[k]) and not last_is_head:
                k = _after_portfolio(ws, k + 1)
                titled = True
            rest_name = self.text[ws[k].start : ws[-1].end]
            if k < len(ws) - 1 and ws[k].text in demonyms() and _gazetteer(rest_name) is None:
                self.add(ws[k], ws[k], "NORP", STRONG)
                k += 1
                continue
            place = _gazetteer(ws[k].text)
            if titled and k < len(ws) - 2 and place is not None and place[0] in ("GPE", "ORG") and ws[k + 1].bare.lower() in TITLES:
                # "Former U.S. Secretary of State …", "former U.N. Secretary-General …": a
                # country or organisation between titles is its own mention.
                self.add(ws[k], ws[k], place[0], place[1])
                k += 1
                continue
            break
        if 0 < k < len(ws) - 1 and ws[k].text == "of":
            # "President of China": the title's complement is a name of its own, not the person.
            k += 1
            titled = False
        rest = ws[k:]
        ridx = idx[k:]
        if len(rest) == 1 and (rest[0].bare.lower() in TITLES or len(rest[0].bare) == 1):
            return
        self._type(rest, ridx, titled)

    def _type(self, rest: list[Word], ridx: list[int], titled: bool) -> None:
        text = self.text
        name = text[rest[0].start : rest[-1].end]
        gaz = _gazetteer(name)
        head = rest[-1].text.lower()
        typed: Mention | None = None
        if titled and gaz is None:
            typed = self.add(rest[0], rest[-1], "PERSON", 2)
        elif gaz is not None and gaz[0] == "ORG" and REGION_NOUNS_AFTER.get(self.next_word(ridx[-1])) == "LOC":
            typed = self.add(rest[0], rest[-1], "LOC", STRONG)  # "the Amazon basin": the noun says it is a place
        elif gaz is not None:
            if len(rest) == 1 and gaz[1] < STRONG:
                self.pending.append((ridx[0], gaz))
            else:
                typed = self.add(rest[0], rest[-1], gaz[0], gaz[1])
        else:
            # 4. A role noun inside the run: "Sears CEO Alan Lacy".
            for p in range(1, len(rest) - 1):
                if head in ORG_HEADS or head in FAC_HEADS:
                    break  # "Philippine General Hospital": a title word inside an institution's name
                if rest[p].bare.lower() in _ROLE_NOUNS and rest[p].bare.lower() in TITLES:
                    self._type(rest[:p], ridx[:p], False)
                    q = p
                    while q < len(rest) - 1 and rest[q].bare.lower() in TITLES:
                        q = _after_portfolio(rest, q + 1)
                    if q < len(rest):
                        self.add(rest[q], rest[-1], "PERSON", 2)
                    return
            if len(rest) >= 2 and rest[0].text in EVENT_FRONT_HEADS:
                typed = self.add(rest[0], rest[-1], "EVENT", 2)  # "Operation Condor"
            elif len(rest) >= 2 and rest[-1].text in _CAPITAL_NUMBERS:
                typed = self.add(rest[0], rest[-1], "ORG", 1)  # "Sky One": a channel, a team
                front = _gazetteer(text[rest[0].start : rest[-2].end])
                if (front is not None and front[0] == "ORG") or (len(rest) == 2 and rest[0].bare.isupper()):
                    self.add(rest[0], rest[-2], "ORG", front[1] if front else 1)  # "BBC" of "BBC One"
            elif len(rest) >= 2 and head in WORK_HEADS:
                typed = self.add(rest[0], rest[-1], "WORK_OF_ART", 2)  # "Valech Report"
            elif len(rest) >= 2 and head in PRODUCT_HEADS:
                typed = self.add(self._designated(ridx[0]), rest[-1], "PRODUCT", 2)
            elif len(rest) >= 2 and rest[0].text in FRONT_ORG_HEADS:
                typed = self.add(rest[0], rest[-1], "ORG", 2)
                self._nested_place(rest)
            elif len(rest) >= 2 and rest[0].text in FRONT_FAC_HEADS:
                typed = self.add(rest[0], rest[-1], "FAC", 2)
            elif len(rest) >= 2 and rest[0].text in FRONT_LOC_HEADS:
                typed = self.add(rest[0], rest[-1], "LOC", 2)
            elif len(rest) >= 2 and head in ORG_HEADS:
                typed = self.add(rest[0], rest[-1], "ORG", 2)
                self._nested_place(rest)
                if len(rest) == 2 and head in ("administration", "government") and _gazetteer(rest[0].text) is None:
                    # "Bush Administration": named after its head, a person (G-E5).
                    self.add(rest[0], rest[0], "PERSON", 1)
            elif len(rest) >= 2 and re.fullmatch(r"[ivx]+", head) and rest[-2].text.lower() in EVENT_HEADS:
                typed = self.add(rest[0], rest[-1], "EVENT", 2)
            elif head in EVENT_HEADS and len(rest) >= 2:
                first = rest[0]
                k = ridx[0] - 1
                if k >= 0 and self.joined(ridx[0]) and self.words[k].text in _ORDINALS:
                    first = self.words[k]  # "Second World War"
                typed = self.add(first, rest[-1], "EVENT", 2)
            elif head in LAW_HEADS:
                typed = self.add(rest[0], rest[-1], "LAW", 2)
            elif head in GPE_HEADS and len(rest) >= 2:
                typed = self.add(rest[0], rest[-1], "GPE", 2)
            elif head in LOC_HEADS and len(rest) >= 2 and rest[-1].text[:1].isupper():
                typed = self.add(rest[0], rest[-1], "LOC", 2)  # "the Marañón River"
            elif head in FAC_HEADS and len(rest) >= 2:
                typed = self.add(rest[0], rest[-1], "FAC", 2)
                self._nested_place(rest)
            elif len(rest) >= 2 and rest[0].text in COMPASS and (_gazetteer(text[rest[1].start : rest[-1].end]) or ("",))[0] == "NORP":
                typed = self.add(rest[0], rest[-1], "NORP", 2)  # "South American"
            elif len(rest) >= 2 and rest[0].text in COMPASS and (_gazetteer(text[rest[1].start : rest[-1].end]) or ("",))[0] in ("LOC", "GPE"):
                typed = self.add(rest[0], rest[-1], "LOC", 2)
                inner = _gazetteer(text[rest[1].start : rest[-1].end])
                if inner is not None:
                    self.add(rest[1], rest[-1], inner[0], inner[1])
            elif len(rest) >= 2 and self._bracket_gloss(rest):
                return
            elif len(rest) >= 2 and (
                rest[-1].text.lower().endswith(_ABSTRACT_SUFFIXES)
                or self.prev_word(ridx[0]) in ORG_CUE_NOUNS
                or self.next_word(ridx[-1]) in ORG_CUE_NOUNS
                or _WHICH_AFTER.match(text, rest[-1].full_end) is not None
                or any(w.bare.isupper() and len(w.bare) > 1 or any(c.isdigit() for c in w.text) for w in rest)
            ):
                typed = self.add(rest[0], rest[-1], "ORG", 1)
                self._nested_place(rest)
            elif len(rest) >= 2:
                if rest[-1].text.endswith("s") and (_gazetteer(rest[-1].text) or ("",))[0] == "NORP":
                    # "Social Democrats", "the Young Republicans": members of a group (G-E18).
                    typed = self.add(rest[0], rest[-1], "NORP", 1)
                elif self.prev_word(ridx[0]) == "the" or self._at_employer(ridx[0]) or _plural_group(text, rest[-1]):
                    typed = self.add(rest[0], rest[-1], "ORG", 1)
                    self._nested_place(rest)
                elif self._place_of(ridx[0]):
                    typed = self.add(rest[0], rest[-1], "GPE", 2)  # "the river town of Puerto Alcázar"
                elif self.next_word(ridx[-1]) in REGION_NOUNS_AFTER and not rest[-1].possessive:
                    # "North Kivu province", "the Swat valley": a place named by its noun.
                    typed = self.add(rest[0], rest[-1], REGION_NOUNS_AFTER[self.next_word(ridx[-1])], 2)
                elif sum(1 for w in rest if w.text[0].isupper()) <= 4:
                    typed = self.add(rest[0], rest[-1], "PERSON", 1)
                else:
                    typed = self.add(rest[0], rest[-1], "ORG", 0)
            else:
                self.pending.append((ridx[0], None))
        if typed is not None:
            self.mentions.extend(_heads_after(text, rest[0], rest[-1], typed))

    def _place_of(self, i: int) -> bool:
        """``the city of …``, ``the river town of …``: a place noun (with at most one modifier
        between it and ``of``) says the name after ``of`` is a place."""
        w = self.words
        if i < 2 or self.prev_word(i) != "of":
            return False
        return w[i - 2].text.lower() in _PLACE_NOUNS and (i < 4 or w[i - 3].text.lower() not in ("many", "several", "some"))

    def _at_employer(self, i: int) -> bool:
        """``analysts at Goldman Sachs``, ``a researcher at Imperial College``: a name after a
        role noun and ``at`` is where the people work, an organisation."""
        if i < 2 or self.prev_word(i) != "at":
            return False
        role = self.words[i - 2].text.lower()
        return role in _ROLE_NOUNS or (role.endswith("s") and role[:-1] in _ROLE_NOUNS)

    def _designated(self, i: int) -> Word:
        """The first word of a class name with its model code: ``Type 09-1`` before ``Han
        Class`` belongs to it (the designator and a code holding a digit)."""
        w = self.words
        if i >= 2 and any(c.isdigit() for c in w[i - 1].text) and w[i - 2].text in PRODUCT_DESIGNATORS:
            if self.joined(i) and self.joined(i - 1):
                return w[i - 2]
        return w[i]

    def _nested_place(self, rest: list[Word]) -> None:
        """A country, place or demonym at the front of an organisation name is its own mention;
        so are a compound region at its front (``Asia-Pacific Economic Cooperation``) and a
        river, lake or mountain named inside it (``Vale do Rio Doce``: ``Rio Doce``)."""
        for p in range(1, len(rest) - 1):
            if rest[p].text in FRONT_LOC_HEADS and rest[p + 1].text[:1].isupper():
                self.add(rest[p], rest[-1], "LOC", 2)
                break
        for p in range(1, len(rest) - 1):
            if rest[p].text == "of":
                q = p + 2 if rest[p + 1].text == "the" and p + 2 < len(rest) else p + 1
                place = _gazetteer(self.text[rest[q].start : rest[-1].end])
                if place is not None and place[0] in ("GPE", "LOC"):
                    # "University of the Philippines": the place it is named after (G-E5).
                    self.add(rest[q], rest[-1], place[0], place[1])
                break
        first = rest[0].text
        if "-" in first and len(rest) > 1:
            kinds = [_gazetteer(part) for part in first.split("-")]
            if all(k is not None and k[0] == "LOC" for k in kinds):
                self.add(rest[0], rest[0], "LOC", STRONG)
                return
        for p in (2, 1):
            if len(rest) > p and rest[p].text[:1].isupper():
                inner = self.text[rest[0].start : rest[p - 1].end]
                found = _gazetteer(inner)
                if found and found[0] in ("GPE", "NORP"):
                    self.add(rest[0], rest[p - 1], found[0], found[1])
                    return


def find_mentions(text: str, sentence_starts: set[int]) -> list[Mention]:
    """Typed entity mentions in ``text`` (nested mentions included), in no particular order.

    ``sentence_starts`` holds the offset of every sentence's first character (and of the
    first word inside an opening quotation mark).
    """
    words = words_of(text)
    runs = _comma_company(text, words, name_runs(text, words))
    datelines = _dateline_runs(text, words, runs)
    reader = _Reader(text, words, sentence_starts)
    for k, run in enumerate(runs):
        reader.read(run, dateline=k in datelines)
    found = _split_known_prefixes(text, reader.mentions)
    titles = _work_titles(text)
    holidays = [(m.start(), m.end()) for m in _HOLIDAY_NAME.finditer(text)] if any(h in text for h in _HOLIDAY_HEADS) else []
    if titles or holidays:
        # Nothing inside a title or a holiday's name ("New Year's Day": a date) is a name.
        spans = [(t.span.start or 0, t.span.end or 0) for t in titles] + holidays
        found = [m for m in found if not any(a <= (m.span.start or 0) and (m.span.end or 0) <= b for a, b in spans)] + titles
        reader.pending = [(i, g) for i, g in reader.pending if not any(a <= words[i].start < b for a, b in spans)]
    found.extend(_type_single_words(text, words, reader.pending, found, sentence_starts))
    found.extend(_nested_short_forms(found))
    return _link_long_forms(_coordinated(text, _brands(text, _drop_non_names(text, found))))


_HOLIDAY_NAME = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in sorted(FIXED_HOLIDAYS, key=len, reverse=True)) + r")\b")
_HOLIDAY_HEADS = frozenset(h.split()[0] for h in FIXED_HOLIDAYS)
_TITLE_WORD = r"[A-Z0-9][\w'’]*"
_WORK_TITLE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]his|[Tt]hat|[Ww]hose|[Oo]ur|[Mm]y|[Yy]our)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:" + "|".join(sorted(WORK_CUE_NOUNS)) + r")\s+(?:[“\"‘](?P<quoted>[A-Z0-9][^“”\"\n]{0,80}?)[,.!?]?[”\"’]"
    rf"|(?P<title>{_TITLE_WORD}(?:\s+(?:{_TITLE_WORD}|a|an|the|of|and|in|on|at|to|for|with|from|by))*[?!]?))"
)


def _work_titles(text: str) -> list[Mention]:
    """Titles named right after a kind of work (``the charity single Do They Know It's
    Christmas?``, ``the film “Hotel Rwanda”``): WORK_OF_ART, quotation marks outside the span.
    The kind noun follows a determiner or possessive within three words, so it is a noun
    (``results show Viktor …`` is no title).
    An unquoted title is title-case words (small function words allowed inside) ending in a
    capitalised word or a ``?``/``!``; one made only of calendar or function words is none."""
    out: list[Mention] = []
    for m in _WORK_TITLE.finditer(text):
        group = "quoted" if m.group("quoted") else "title"
        s, e = m.span(group)
        if group == "title":
            while not text[s:e].endswith(("?", "!")) and text[s:e].split()[-1][:1].islower():
                e = s + text[s:e].rstrip().rfind(" ")
            words = re.findall(r"[\w'’]+", text[s:e])
            if all(w.lower() in NOT_NAMES for w in words) or (len(words) == 1 and _gazetteer(words[0]) is not None):
                continue
        out.append(Mention(Span(s, e, text[s:e]), "WORK_OF_ART", STRONG))
    return out


_ZONE_OFFSET = re.compile(r"[+\u2212-]\d")
_BRAND_CUE_AFTER = re.compile(r"\bbrands?,? (?:including|such as|like|namely)\s+")
_LIST_GAP = re.compile(r"(?:,? and|,? or|,)\s+")
_PREPOSITION_BEFORE = re.compile(r"\b(?:from|of|by|at|in|for|with|to|on)\s+\Z")
_BRAND_CUE_BEFORE = re.compile(r" brands?\b")


def _drop_non_names(text: str, found: list[Mention]) -> list[Mention]:
    """Without generic capitalised words (``Internet``, ``UTC``), time-zone codes with an
    offset (``UTC+9``) and words inside a product's model name (``Type`` of ``Type 09-1 Han
    Class``)."""
    products = [(m.span.start or 0, m.span.end or 0) for m in found if m.type == "PRODUCT"]
    out = []
    for m in found:
        s, e = m.span.start or 0, m.span.end or 0
        if m.span.text in GENERIC_CAPITALISED:
            continue
        if m.span.text.isupper() and _ZONE_OFFSET.match(text, e):
            continue
        if m.type != "PRODUCT" and any(a <= s and e <= b and (a, b) != (s, e) for a, b in products):
            continue
        out.append(m)
    return out


def _brands(text: str, found: list[Mention]) -> list[Mention]:
    """Names listed as brands are PRODUCTs (``brands including Kenmore, Craftsman Tools and
    Lands' End``; ``the Martha Stewart and Joe Boxer brands``): each name of a list that follows
    ``brands including``/``such as`` or precedes ``brands``, the list being names joined by
    commas, ``and`` or ``or`` (a name's own prepositional phrase, ``from Sears``, ends it)."""
    if "brand" not in text:
        return found
    by_start: dict[int, list[int]] = {}
    by_end: dict[int, list[int]] = {}
    for k, m in enumerate(found):
        by_start.setdefault(m.span.start or 0, []).append(k)
        by_end.setdefault(m.span.end or 0, []).append(k)

    def longest(ks: list[int]) -> int:
        return max(ks, key=lambda k: (found[k].span.end or 0) - (found[k].span.start or 0))

    chosen: set[int] = set()
    for cue in _BRAND_CUE_AFTER.finditer(text):
        pos = cue.end()
        while pos in by_start:
            k = longest(by_start[pos])
            chosen.add(k)
            gap = _LIST_GAP.match(text, found[k].span.end or 0)
            if gap is None:
                break
            pos = gap.end()
    for cue in _BRAND_CUE_BEFORE.finditer(text):
        end = cue.start()
        while end in by_end:
            k = longest(by_end[end])
            start = found[k].span.start or 0
            if _PREPOSITION_BEFORE.search(text, max(0, start - 8), start):
                break  # "… from Sears, and Martha Stewart … brands": Sears is no brand here
            chosen.add(k)
            gap = re.search(r"(?:,? and|,? or|,)\s+\Z", text[max(0, start - 6) : start])
            if gap is None:
                break
            end = start - len(gap.group())
    if not chosen:
        return found
    spans = [(found[k].span.start or 0, found[k].span.end or 0) for k in chosen]
    return [
        Mention(m.span, "PRODUCT", STRONG + 1) if k in chosen
        else m
        for k, m in enumerate(found)
        if k in chosen or not any(a <= (m.span.start or 0) and (m.span.end or 0) <= b for a, b in spans)
    ]


_MEMBER_GAP = re.compile(r",\s+|,?\s+(?:and|or)\s+")
_ATTACHED_GAP = re.compile(r"\s+of\s+(?:[Tt]he\s+)?")
_LIST_CUE = re.compile(r"\b([a-z]+)\s*,?\s+(?:including|such\s+as|like|namely)\s+\Z")


def _cue_type(noun: str) -> str | None:
    """The type a plural kind noun gives the names listed after it (``companies including``:
    ORG; ``artists including``: PERSON)."""
    for singular in {noun[:-3] + "y" if noun.endswith("ies") else noun[:-1], noun[:-2]} if noun.endswith("s") else set():
        if singular in ORG_CUE_NOUNS:
            return "ORG"
        if singular in _ROLE_NOUNS:
            return "PERSON"
    return None


def _coordinated(text: str, found: list[Mention]) -> list[Mention]:
    """Names coordinated in one list are of one kind: in a list of three or more names
    (commas, ``and``, ``or``; a member may carry an ``of`` phrase, ``Justin Hawkins of The
    Darkness``), a member typed only by a guess or a weak gazetteer reading takes the type of
    the list — the one a plural kind noun before it gives (``companies including …``:
    ORG), else the type most members have, when more than half have it."""
    outer: list[int] = []
    reach = -1
    for k in sorted(range(len(found)), key=lambda k: (found[k].span.start or 0, -(found[k].span.end or 0))):
        if (found[k].span.start or 0) >= reach:
            outer.append(k)
            reach = found[k].span.end or 0
    lists: list[list[int]] = []
    current: list[int] = []
    end = -1
    for k in outer:
        m = found[k]
        gap = text[end : m.span.start or 0] if current else ""
        if current and _MEMBER_GAP.fullmatch(gap):
            current.append(k)
        elif current and _ATTACHED_GAP.fullmatch(gap):
            pass  # "of The Darkness": belongs to the member before it
        else:
            if len(current) >= 3:
                lists.append(current)
            current = [k]
        end = m.span.end or 0
    if len(current) >= 3:
        lists.append(current)
    retyped: dict[int, str] = {}
    for members in lists:
        first = found[members[0]].span.start or 0
        cue = _LIST_CUE.search(text, max(0, first - 40), first)
        etype = _cue_type(cue.group(1)) if cue else None
        if etype is None:
            counts: dict[str, int] = {}
            for k in members:
                counts[found[k].type] = counts.get(found[k].type, 0) + 1
            top = max(counts, key=lambda t: counts[t])
            etype = top if counts[top] >= 2 and 2 * counts[top] > len(members) else None
        if etype is None:
            continue
        for k in members:
            m = found[k]
            weak = m.strength <= 1 or _gazetteer(m.span.text) == (m.type, WEAK)
            if m.type != etype and weak:
                retyped[k] = etype
    if not retyped:
        return found
    return [Mention(m.span, retyped[k], 2, m.link) if k in retyped else m for k, m in enumerate(found)]


def _nested_short_forms(found: list[Mention]) -> list[Mention]:
    """``Sears Holdings`` contains ``Sears`` when ``Sears`` stands for another organisation of
    the text (``Sears, Roebuck & Co.``): a company named after another keeps it as a mention."""
    short = _short_forms(found)
    out = []
    for m in found:
        parts = m.span.text.split()
        if m.type != "ORG" or len(parts) < 2 or m.link is not None:
            continue
        first = parts[0].rstrip(",")
        target = short.get(first)
        if target is not None and target != m.span.text and not m.span.text.startswith(target):
            s = m.span.start or 0
            out.append(Mention(Span(s, s + len(first), first), "ORG", 2, target))
    return out


def _link_long_forms(found: list[Mention]) -> list[Mention]:
    """``China`` joins ``People's Republic of China`` when the article uses both: a place named
    in full as ``… of X`` is the place ``X``."""
    texts = {m.span.text for m in found}
    long_forms: dict[str, str] = {}
    for m in found:
        name = m.span.text
        if m.type == "GPE":
            tail = re.search(r"\bof (?:the )?(.+)$", name)
            if tail and tail.group(1) != name:
                long_forms.setdefault(tail.group(1), name)
            full = full_country_name(name)
            if full in texts:
                long_forms.setdefault(name, full)
        elif m.type == "NORP" and name.endswith("s") and name[:-1] in texts:
            long_forms.setdefault(name, name[:-1])
        elif m.type == "ORG" and " " in name:
            acronym = _initials(name.split())
            if len(acronym) >= 2 and acronym in texts:
                long_forms.setdefault(acronym, name)
    if not long_forms:
        return found
    return [
        Mention(m.span, m.type, m.strength, long_forms[m.span.text])
        if m.link is None and m.span.text in long_forms and m.span.text != long_forms[m.span.text]
        else m
        for m in found
    ]


def _split_known_prefixes(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Detroit Pistons Chauncey Billups``, ``China Anami Koreshige``: a guessed PERSON run that
    begins with an organisation named on its own elsewhere, or with a country, is that name
    followed by the person."""
    orgs = {m.span.text: ("ORG", 1) for m in mentions if m.type == "ORG" and " " in m.span.text}
    out: list[Mention] = []
    for m in mentions:
        if m.type == "PERSON" and m.strength <= 1:
            name = m.span.text
            parts = name.split()
            known = dict(orgs)
            for p in range(1, len(parts) - 1):
                found = _gazetteer(" ".join(parts[:p]))
                if found is not None and found[1] == STRONG:
                    known[" ".join(parts[:p])] = found
            prefix = next((o for o in sorted(known, key=len, reverse=True) if name.startswith(o + " ")), None)
            if prefix is not None and len(name[len(prefix) + 1 :].split()) >= 2:
                s = m.span.start or 0
                out.append(Mention(Span(s, s + len(prefix), prefix), *known[prefix]))
                place = _front_place(prefix)
                if place is not None and known[prefix][0] == "ORG":
                    out.append(Mention(Span(s, s + len(place[0]), place[0]), place[1], place[2]))
                ps = s + len(prefix) + 1
                out.append(Mention(Span(ps, m.span.end, text[ps : m.span.end]), "PERSON", 1))
                continue
        out.append(m)
    return out


def _front_place(name: str) -> tuple[str, str, int] | None:
    """The country, place or demonym opening an organisation's name (``Detroit`` of ``Detroit
    Pistons``): its text, type and strength."""
    parts = name.split()
    for p in (2, 1):
        if len(parts) > p:
            found = _gazetteer(" ".join(parts[:p]))
            if found and found[0] in ("GPE", "NORP"):
                return " ".join(parts[:p]), found[0], found[1]
    return None


def _short_forms(found: list[Mention]) -> dict[str, str]:
    """Single words that stand for an organisation named in full: the first word before a
    company suffix or a company-name ending (``Kmart`` -> ``Kmart Corp.``, ``Samsung`` ->
    ``Samsung Electronics``), the last word of a team named after its place
    (``Pacers`` -> ``Indiana Pacers``) and acronyms of the initials (``WHO``)."""
    out: dict[str, str] = {}
    for m in found:
        if m.type != "ORG":
            continue
        parts = m.span.text.replace(",", "").split()
        if len(parts) < 2:
            continue
        if parts[-1].lower() in _COMPANY_SUFFIXES or (
            len(parts) == 2 and parts[-1].lower() in _COMPANY_NAME_ENDINGS and _gazetteer(parts[0]) is None
        ):
            out.setdefault(parts[0], m.span.text)  # "Kmart" of "Kmart Corp.", "Samsung" of "Samsung Electronics"
        place = _gazetteer(" ".join(parts[:-1]))
        if place is not None and place[0] == "GPE":
            out.setdefault(parts[-1], m.span.text)
        acronym = _initials(parts)
        if len(acronym) >= 2:
            out.setdefault(acronym, m.span.text)
    return out


_NICKNAME_BEFORE = re.compile(r"\b(?:known as|nicknamed|dubbed|alias)\s*[\"“'‘]?\Z")
_APPOSITION = re.compile(
    r",\s+(?:(?:a|an|the|its)\s+)?(?:[a-z][a-z-]*\s+){0,3}?(" + "|".join(sorted(ORG_CUE_NOUNS)) + r")(?=\s*[,.;)]|\s*$)"
)


def _employer_before(words: list[Word], i: int) -> bool:
    """``analysts at Nordea``: a single name after a role noun and ``at`` is an employer."""
    if i < 2 or words[i - 1].text != "at":
        return False
    role = words[i - 2].text.lower()
    return role in _ROLE_NOUNS or (role.endswith("s") and role[:-1] in _ROLE_NOUNS)


def _org_apposition(text: str, end: int) -> bool:
    """An apposition naming a kind of organisation follows the word (``Petrobras, the state oil
    company,``)."""
    return _APPOSITION.match(text, end) is not None


def _type_single_words(
    text: str,
    words: list[Word],
    pending: list[tuple[int, tuple[str, int] | None]],
    found: list[Mention],
    sentence_starts: set[int],
) -> list[Mention]:
    """Types for single capitalised words left open, using what the whole text says."""
    surnames = {
        m.span.text.split()[-1] for m in found if m.type == "PERSON" and len(m.span.text.split()) >= 2
    }
    short = _short_forms(found)
    bracketed: dict[str, str] = {}
    for m in found:
        after = re.match(r" \(([A-Z][A-Z&.-]+)\)", text[m.span.end or 0 : (m.span.end or 0) + 16])
        if after and m.type == "ORG":
            bracketed[after.group(1)] = m.span.text
    nicknames = {
        words[i].text for i, _ in pending if _NICKNAME_BEFORE.search(text, max(0, words[i].start - 30), words[i].start)
    }
    lowercase_words = {w.text for w in words if w.text[:1].islower()}
    alone_mid_sentence = {words[i].text for i, _ in pending if words[i].start not in sentence_starts} | {
        m.span.text for m in found if " " not in m.span.text
    }
    mid_sentence = {
        words[i].text for i, _ in pending if words[i].start not in sentence_starts
    } | {w for m in found for w in m.span.text.split()} | nicknames

    def _type_one(i: int, gaz: tuple[str, int] | None) -> None:
        w = words[i]
        sp = Span(w.start, w.end, w.text)
        acronym = w.text.isupper() and len(w.text) > 1
        if w.start in sentence_starts and w.text not in alone_mid_sentence and w.text not in surnames and w.text.lower() in lowercase_words:
            # "Man charged …" where the text also writes "man", "Health officials …" where
            # "Health" is capitalised only inside a longer name: a common word, capitalised by
            # position
            return
        if w.start in sentence_starts and w.text not in mid_sentence and w.text not in surnames and gaz is None and not acronym:
            if not _org_apposition(text, w.full_end):
                return
        prev = words[i - 1].text.lower() if i > 0 else ""
        j = i + 1
        while j < len(words) and words[j].text.lower() in PRE_VERB_WORDS:
            j += 1
        follows_verb = (
            j < len(words)
            and words[j].text.lower() in REPORTING_FORMS
            and re.fullmatch(r"[\s\w]*", text[w.full_end : words[j].start]) is not None
        )
        place_of = i > 1 and prev == "of" and words[i - 2].text.lower() in _PLACE_NOUNS
        region = REGION_NOUNS_AFTER.get(words[i + 1].text) if i + 1 < len(words) and text[w.full_end : words[i + 1].start] == " " else None
        if gaz is None and w.text.lower() in _GENERIC_HEADS and w.text not in short and w.text not in surnames:
            return  # "Court officials": a head noun alone names nothing
        if place_of and (gaz is None or gaz[0] == "GPE"):
            out.append(Mention(sp, "GPE", 2))  # "the city of Bam": the noun says what it is
        elif w.text in surnames or w.text in nicknames:
            out.append(Mention(sp, "PERSON", 1))
        elif w.text in bracketed or w.text in short:
            out.append(Mention(sp, "ORG", 2, bracketed.get(w.text) or short[w.text]))
        elif gaz is not None:
            out.append(Mention(sp, gaz[0], gaz[1]))
        elif region is not None and not w.possessive:
            out.append(Mention(sp, region, 2))  # "the Darfur region", "Rakhine state"
        elif prev in ORG_CUE_NOUNS or _employer_before(words, i):
            out.append(Mention(sp, "ORG", 1))
        elif follows_verb and not w.possessive and not (w.text.isupper() and len(w.text) > 1):
            out.append(Mention(sp, "PERSON", 1))  # an acronym before a verb is an organisation (below)
        elif prev in LOCATIVE_PREPOSITIONS or place_of:
            out.append(Mention(sp, "GPE", 1))
        elif prev == "the" or (w.text.isupper() and len(w.text) > 1) or _org_apposition(text, w.full_end) or _WHICH_AFTER.match(text, w.full_end):
            out.append(Mention(sp, "ORG", 1))
        elif text[w.start - 1 : w.start] != "(" and text[w.end : w.end + 1] != ")":
            # A bare capitalised word in brackets is a gloss ("(Economy)"), not a name.
            out.append(Mention(sp, "ORG", 0))

    out: list[Mention] = []
    for i, gaz in pending:
        before = len(out)
        _type_one(i, gaz)
        if len(out) > before:
            extra = _heads_after(text, words[i], words[i], out[-1])
            if extra and extra[0].type == "LAW":
                out[-1] = extra[0]
            else:
                if extra and out[-1].strength <= 1 and _ADMIN_AFTER.match(text, words[i].end):
                    # "the Bush administration": an administration is named after its head (G-E5).
                    out[-1] = Mention(out[-1].span, "PERSON", 1)
                out.extend(extra)
    return out


__all__ = ["Word", "find_mentions", "name_runs", "words_of"]
