"""Who said what, by rule: quotation frames, reporting verbs and ``according to``.

Three patterns, tried in this order (a cue used by one is not reused by another):

1. **Quotation frames** (direct): a quotation followed by ``[,] SOURCE [aux] VERB``
   (``“…,” he said``) or ``VERB SOURCE`` (``“…,” said Ann Lee``), or preceded by
   ``SOURCE VERB:`` (``She said: “…”``). A quotation with no frame of its own that directly
   follows a framed one continues it (same source and cue), as PARC does.
2. **Reporting verbs** (indirect, or mixed when the content holds quotation marks):
   ``SOURCE [aux/adverbs] VERB [that] CONTENT`` with the content running to the end of the
   sentence, and ``CONTENT, SOURCE VERB.`` with the verb closing the sentence. Passive uses
   (``it was reported``) and infinitives (``to say``) are skipped.
3. ``according to SOURCE`` at either end of a sentence.

The source is the name mention inside the subject phrase (from the first to the last name
when several are joined by ``and``), else a pronoun resolved to the nearest preceding entity
of a fitting type, else the subject phrase itself. Appositions (``The spokesperson, Ann
Lee, said``) give the name; relative clauses (``Lee, who lives in …, said``) are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..model import Attribution, Entity, Span
from ..normalise import normalise_text
from .lexicon import NOUN_MARKERS, PRE_VERB_WORDS, PRONOUN_TYPES, QUOTE_FRAME_FORMS, REPORTING_VERBS
from .quotes import Quote

#: Reporting verbs whose complement clause can be read off the text without a parser.
_INDIRECT_LEMMAS = (
    "say", "tell", "write", "report", "deny", "urge", "claim", "add", "state", "announce",
    "warn", "insist", "explain", "argue", "confirm", "note", "suggest", "acknowledge", "admit",
    "declare", "predict", "promise", "vow", "allege", "estimate", "speculate", "assert",
    "contend", "stress", "emphasize", "reveal", "concede", "testify", "complain",
)
_INDIRECT_FORMS = frozenset(f for lemma in _INDIRECT_LEMMAS for f in REPORTING_VERBS[lemma]) - {"saying", "telling", "writing", "warning", "reporting"}
#: Participles that report when a ``that`` clause follows (``…, stating that …``); the source
#: is the subject of the sentence.
_PARTICIPLES = frozenset({"saying", "stating", "adding", "claiming", "insisting", "arguing", "warning", "noting", "explaining", "announcing", "confirming", "denying", "asserting"})
#: Verbs whose object alone can be the content (``claimed victory``).
_OBJECT_LEMMA_FORMS = frozenset(f for lemma in ("claim", "deny", "confirm", "announce", "allege") for f in REPORTING_VERBS[lemma])
#: Adverbs that attribute the predicate they modify to an unnamed source (G-A7).
_HEARSAY = re.compile(r"\b(reportedly|allegedly|purportedly|reputedly)\s+")
#: Passive accusations: ``are accused of beating …``.
_ACCUSED = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?(accused)\s+of\s+")
#: Labelling verbs: ``criticized the vote as fraudulent``, ``hailed as fair by officials``.
_LABEL = re.compile(
    r"\b(criticized|criticised|described|hailed|branded|labelled|labeled|condemned|denounced|praised|dismissed|identifies|identified)"
    r"\s+(?:[\w’'\-]+\s+){0,6}?as\s+"
)
#: Where an attributed predicate or label ends: a clause boundary.
_CLAUSE_END = re.compile(
    r",\s+(?:who|which|where|when|while|but|would|will|was|were|is|are|has|had|as|and)\b|;|\s[—–]\s|[.!?]\s*$|[.!?]\s|\n"
)
#: A name followed by an apposition that describes it (``Operation Condor, a campaign of …``):
#: the apposition is not part of the attributed predicate.
_NAME_APPOSITION = re.compile(r"\b[A-Z][\w’'\-]*(?=,\s+(?:a|an)\s)")

#: Forms that are also plural nouns (``the leaked reports came …``): used as verbs only before ``that``.
_NOUN_LIKE = frozenset({"reports", "claims", "notes", "states", "promises", "vows", "estimates", "adds", "urges"})

_NAME = r"(?:[A-Z][\w’'\-.]*)(?:\s+(?:[A-Z][\w’'\-.]*|de|von|van|der|al|bin|of(?=\s+[A-Z])))*"
_NP = rf"(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+)?(?:[\w’'\-]+\s+){{0,3}}?{_NAME}|(?:[Tt]he|[Aa]n?)\s+[a-z][\w’'\-]*(?:\s+[a-z][\w\-]*)?"
_PRONOUN = r"(?:he|she|they|it|we|He|She|They|It|We)"
_AUX = r"(?:(?:" + "|".join(sorted(PRE_VERB_WORDS)) + r")\s+)*"
_FRAME_VERB = r"(?:" + "|".join(sorted(QUOTE_FRAME_FORMS, key=len, reverse=True)) + r")"
_CHANNEL = r"(?:\s+(?:in\s+a\s+statement|in\s+an\s+interview|on\s+(?:[A-Z][\w\-]*)(?<!day)))?"
_DAY = re.compile(r"\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")

_AFTER_SUBJECT_VERB = re.compile(
    rf"\s*,?\s*(?P<src>{_PRONOUN}|(?:{_NP})(?:,\s+(?:{_NP}),)?)\s+{_AUX}(?P<cue>{_FRAME_VERB}{_CHANNEL})\b"
)
_AFTER_VERB_SUBJECT = re.compile(rf"\s*,?\s*(?P<cue>{_FRAME_VERB})\s+(?P<src>{_NP})\b")
_BEFORE = re.compile(rf"(?P<src>{_PRONOUN}|{_NP})\s+{_AUX}(?P<cue>{_FRAME_VERB}{_CHANNEL})\s*[:,]?\s*\Z")
_VERB = re.compile(r"\b(?:" + "|".join(sorted(_INDIRECT_FORMS, key=len, reverse=True)) + r")\b")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|am)\s+(?:\w+ly\s+|first\s+|also\s+)*\Z")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<src>[^,.;:!?]+)")
#: A name in apposition closing the sentence after a description: ``…, SENAMHI.``
_APPOSED_NAME = re.compile(r",\s+([A-Z][\w’'&-]*(?:\.[A-Z][\w’'&-]*)*(?:\s+[A-Z][\w’'&-]*)*?)\s*(?:[.!?](?:\s|$)|$)")
_RELATIVE = re.compile(r"\s*(?:who|which|whose|whom|where|when|that)\b")
_CLAUSE_BREAK = re.compile(r"[;:“”\"]|,\s+(?:and|but|or|while|as)\s|\b(?:but|while|because|although|whereas|and)\s(?!(?:the|a|an)\s+[A-Z])(?=[a-z]+\s)")
_QUOTE_MARKS = "“”\"«»„"


#: Where the core of a noun phrase ends: a preposition, a relative word or a dash.
_PHRASE_BREAK = re.compile(r"\s(?:for|of|in|from|at|with|on|who|which|that|including|—|–)\b|\s*[—–(]")
#: Lowercase words that end a subject phrase without being its head noun.
_NOT_HEADS = frozenset("also then now still both all each only".split())


@dataclass(frozen=True)
class NamedSpan:
    """An entity mention the source finder may use: offsets, entity id and type."""

    start: int
    end: int
    entity_id: str
    type: str


def named_spans(entities: Iterable[Entity]) -> list[NamedSpan]:
    """Every mention of ``entities`` that has offsets (an extractor's always do), as a :class:`NamedSpan`."""
    return [
        NamedSpan(m.start, m.end, e.id, e.type)
        for e in entities
        for m in e.mentions
        if m.start is not None and m.end is not None
    ]


@dataclass
class _Frame:
    source: Span | None
    entities: tuple[str, ...]
    cue: Span
    end: int


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace()):
        end -= 1
    return start, end


def _span(text: str, start: int, end: int) -> Span:
    start, end = _trim(text, start, end)
    return Span(start, end, text[start:end])


class SourceFinder:
    """Turns a subject phrase into a source span plus the entities it names."""

    def __init__(self, text: str, named: Sequence[NamedSpan]) -> None:
        self.text = text
        # Outermost mentions only: a nested GPE inside an ORG mention is not a separate source.
        outer: list[NamedSpan] = []
        reach = -1
        for n in sorted(named, key=lambda n: (n.start, -n.end)):
            if n.end > reach:
                outer.append(n)
                reach = n.end
            elif n.end == reach and outer and (outer[-1].start, outer[-1].end) == (n.start, n.end):
                outer.append(n)
        self.named = outer
        self._starts = [n.start for n in outer]
        self.all_named = sorted(named, key=lambda n: (n.end, n.start))
        self._ends = [n.end for n in self.all_named]
        self._names: dict[str, str] | None = None

    def by_name(self, phrase: str) -> tuple[str, ...]:
        """The entity a phrase names that was not recognised as a mention: same name, or the
        surname of a person named in full (case, diacritics and possessive ignored)."""
        if self._names is None:
            names: dict[str, str] = {}
            for n in sorted(self.all_named, key=lambda n: (n.start, n.end)):
                name = normalise_text(self.text[n.start : n.end], "loose")
                names.setdefault(name, n.entity_id)
                if n.type == "PERSON" and len(name.split()) > 1:
                    names.setdefault(name.split()[-1], n.entity_id)
            self._names = names
        found = self._names.get(normalise_text(phrase, "loose"))
        return (found,) if found else ()

    def head_noun(self, start: int, end: int, inside: list[NamedSpan]) -> tuple[Span | None, tuple[str, ...]] | None:
        """G-A14: a source phrase whose head is a common noun (``A spokesman for the Red Cross``,
        ``a U.N. official``, ``the opposition candidate in the Ukrainian … elections``) gives
        the head noun as the source span, and the organisations and places named in the
        phrase as its entities (nationality words never). None when a name is the head."""
        text = self.text
        cut = _PHRASE_BREAK.search(text, start, end)
        core_end = cut.start() if cut else end
        words = list(re.finditer(r"[\w’'\-]+", text[start:core_end]))
        if not words:
            return None
        last = words[-1]
        h_start, h_end = start + last.start(), start + last.end()
        sentence_initial = len(words) == 1 and (start == 0 or text[:start].rstrip()[-1:] in (".", "!", "?", "\n", ""))
        if not (last.group()[:1].islower() or sentence_initial) or any(n.start <= h_start < n.end for n in inside):
            return None  # a name is the head (a capital opening a sentence says nothing)
        if last.group().lower() in PRONOUN_TYPES or last.group().lower() in _NOT_HEADS:
            return None
        ids = tuple(dict.fromkeys(n.entity_id for n in inside if n.type in ("ORG", "GPE")))
        return Span(h_start, h_end, text[h_start:h_end]), ids

    def resolve_pronoun(self, word: str, position: int) -> tuple[str, ...]:
        types = PRONOUN_TYPES.get(word.lower(), ())
        for k in range(bisect_right(self._ends, position) - 1, -1, -1):
            if self.all_named[k].type in types:
                return (self.all_named[k].entity_id,)
        return ()

    def source(self, start: int, end: int) -> tuple[Span | None, tuple[str, ...]]:
        text = self.text
        start, end = _trim(text, start, end)
        if start >= end:
            return None, ()
        phrase = text[start:end]
        if phrase.lower() in PRONOUN_TYPES:
            return Span(start, end, phrase), self.resolve_pronoun(phrase, start)
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        inside = [n for n in self.named[lo:hi] if n.end <= end]
        head = self.head_noun(start, end, inside)
        if head is not None:
            return head
        if inside:
            # The phrase's head comes before its post-modifier: "Gov. Maria Santos of Leyte
            # province" names Maria Santos, not Leyte (a break inside a name does not count).
            for cut in _PHRASE_BREAK.finditer(text, start, end):
                if not any(n.start <= cut.start() < n.end for n in inside):
                    before = [n for n in inside if n.end <= cut.start()]
                    if before and (before[-1].type == "PERSON" or "(" in cut.group()):
                        # A person before a post-modifier, a name before its bracketed acronym;
                        # not "U.S. Secretary of State Colin Powell" (a place before a title).
                        inside = before
                    break
            group = [inside[-1]]
            for n in reversed(inside[:-1]):
                gap = text[n.end : group[0].start]
                if re.fullmatch(r"\s*(?:,|and|, and)\s*", gap):
                    group.insert(0, n)
                else:
                    break
            s, e = group[0].start, group[-1].end
            ids = tuple(dict.fromkeys(n.entity_id for n in group))
            return Span(s, e, text[s:e]), ids
        words = list(re.finditer(r"\S+", phrase))
        if len(words) > 6:
            start += words[-6].start()
        span = _span(text, start, end)
        return span, self.by_name(span.text)


#: Words that open a description in apposition to a name (``, the UN's chief …,``).
_DESCRIPTION_OPENERS = frozenset("the a an its his her their".split())


def _subject_end(text: str, start: int, verb: int) -> int:
    """Where the subject before the verb at ``verb`` ends: adverbs and auxiliaries between the
    two (``has also said``, ``would not confirm``) are stepped back over, within the sentence
    that begins at ``start``."""
    end = verb
    for w in reversed(list(re.finditer(r"[\w’']+", text[start:verb]))):
        if w.group().lower() not in PRE_VERB_WORDS or text[start + w.end() : end].strip():
            break
        end = start + w.start()
    return end


def _subject_bounds(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject phrase ending at ``hi`` within ``[lo, hi)``.

    When the phrase ends with a comma, the comma-separated pieces before it are walked back:
    a piece opening with a relative pronoun (``, who lives in …,``) is skipped with everything
    after it, and the subject is what precedes it; with no relative clause, a short last
    piece is an apposition and is the subject (``The spokesperson, Ann Lee,``). Otherwise the
    subject runs from the last clause break (or comma) to ``hi``.
    """
    seg_end = hi
    while seg_end > lo and text[seg_end - 1].isspace():
        seg_end -= 1
    if seg_end <= lo:
        return None
    if text[seg_end - 1] == ",":
        piece_end = seg_end - 1
        comma = piece_end
        for _ in range(6):
            comma = text.rfind(",", lo, comma)
            if comma < 0:
                break
            if _RELATIVE.match(text, comma + 1):
                return _subject_bounds(text, lo, comma)
        comma = text.rfind(",", lo, piece_end)
        piece_start = comma + 1 if comma >= 0 else lo
        piece = text[piece_start:piece_end].split()
        if piece and piece[0].endswith("ing") and comma > lo:
            # A participle phrase ("Lacy, speaking about the deal, promised"): the subject is
            # what precedes it.
            return _subject_bounds(text, lo, comma + 1) if text[lo:comma].strip() else None
        if len(piece) <= 6:
            named_start = max(lo, text.rfind(",", lo, comma) + 1) if comma > lo else lo
            before = text[named_start:comma].split() if comma > lo else []
            described = piece[0].lower() in _DESCRIPTION_OPENERS or (len(piece) == 1 and piece[0].isdigit())
            if described and before and len(before) <= 4 and before[0][:1].isupper():
                # "Jan Egeland, the UN's chief of emergency relief, said", "Moe, 54,
                # said": the name, not the description or age in apposition to it.
                return named_start, comma
            return piece_start, piece_end
        return None
    start = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, seg_end):
        start = m.end()
    comma = text.rfind(", ", start, seg_end)
    if comma >= 0:
        start = comma + 2
    return start, seg_end


#: A comma and a subordinating word right after a reporting verb (and its day): a clause of the
#: writer's, not the reported content.
_TRAILING_CLAUSE = re.compile(r"\s*,\s+(?:as|while|when|after|before|and|but|although|though|because)\b")
#: A participle clause after a reporting verb's object (``denied the charges, saying …``).
_PARTICIPLE_CLAUSE = re.compile(r",\s+(?:" + "|".join(sorted(_PARTICIPLES)) + r")\b")
#: Between two quotations of one speaker: ``, adding:``, ``and added``.
_CONTINUING = re.compile(r"[\s.,;:]*(?:and\s+)?(adding|added|continuing|continued)\s*[:,]?\s*")
#: The source after an inverted reporting verb, up to a comma or the sentence's end.
_INVERTED_SOURCE = re.compile(r"\s+((?:[Tt]he\s+)?[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*)*)\s*(?:,|[.!?]?\s*$|[.!?]\s)")
_RELATIVE_WHO = re.compile(r",?\s*\bwho\s*\Z")
#: Words that end an antecedent noun phrase when read backwards from ``who``.
_ANTECEDENT_STOP = frozenset(
    """of in on at by for from with to about after before over under among between into than
    that which and or but a an the this these those its his her their our some many several""".split()
)


def _antecedent(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase a ``who`` clause hangs on, ending at ``hi`` (``international observers,
    who have alleged …``; ``35,000 people who claimed …``): up to four words read backwards,
    stopping at a preposition, a determiner or a participle — its source is its head noun, or
    the name it is."""
    words = list(re.finditer(r"[\w’'\-.,]+", text[lo:hi]))
    start = None
    for w in reversed(words[-4:]):
        token = w.group().strip(",")
        if token.lower() in _ANTECEDENT_STOP or (token.endswith(("ed", "ing")) and token[:1].islower()) or w.group().endswith(",") and start is not None:
            break
        start = lo + w.start()
    if start is None:
        return None
    end = hi
    while end > start and text[end - 1] in " ,":
        end -= 1
    return start, end


def _frame_tail(gap: str) -> bool:
    """``gap`` (between a quotation's frame and the next quotation) only finishes the frame's
    sentence: short, within the paragraph, ending the sentence, with no reporting verb or
    quotation of its own."""
    return (
        len(gap) <= 100
        and "\n" not in gap
        and re.search(r"[.!?]\s+\Z", gap) is not None
        and not any(w.lower() in QUOTE_FRAME_FORMS or w.lower() in _INDIRECT_FORMS for w in re.findall(r"[\w’']+", gap))
        and not any(c in gap for c in _QUOTE_MARKS)
    )


def _clause_end(text: str, start: int, limit: int) -> int:
    """Where the clause that begins at ``start`` ends (before ``limit``, the sentence end)."""
    m = _CLAUSE_END.search(text, start, limit)
    end = m.start() if m else limit
    appos = _NAME_APPOSITION.search(text, start, end)
    if appos:
        end = appos.end()
    while end > start and text[end - 1] in ".!?… ":
        end -= 1
    return end


def _according_source(text: str, sources: "SourceFinder", start: int, end: int) -> tuple[Span | None, tuple[str, ...]]:
    """The source of ``according to …``: a name at its front, else the head noun of a common
    noun phrase (``a recent report on labor standards in Brazil`` -> ``report``)."""
    phrase = text[start:end]
    head = re.match(r"(?:(?:an?|the|its|his|her|their|recent|new|latest|several|many|some|official|\w+-\w+)\s+)*([a-z][\w\-]*)(?=\s+(?:on|of|in|from|by|for|at|about|with|that|published|released)\b|\s*$)", phrase)
    if head is not None and not any(start <= n.start < start + head.start(1) for n in sources.named):
        return Span(start + head.start(1), start + head.end(1), head.group(1)), ()
    return sources.source(start, end)


def _quote_content(text: str, q: Quote) -> Span:
    return _span(text, q.start, q.end)


def _kind(content: Span, quoted: bool) -> str:
    if quoted:
        return "direct"
    return "mixed" if any(c in content.text for c in _QUOTE_MARKS) else "indirect"


def find_attributions(
    text: str,
    sentences: Sequence[tuple[int, int]],
    quotes: Sequence[Quote],
    named: Sequence[NamedSpan],
) -> tuple[Attribution, ...]:
    """Attributions in ``text``, ordered by cue position, ids ``a1``, ``a2``, …"""
    sources = SourceFinder(text, named)
    found: list[tuple[int, Attribution]] = []
    used_cues: set[int] = set()

    sentence_starts = [s for s, _ in sentences]

    def sentence_of(pos: int) -> tuple[int, int]:
        k = bisect_right(sentence_starts, pos) - 1
        if k >= 0 and pos < sentences[k][1]:
            return sentences[k]
        return pos, pos

    def line_bounds(pos: int) -> tuple[int, int]:
        a = text.rfind("\n", 0, pos) + 1
        b = text.find("\n", pos)
        return a, (len(text) if b < 0 else b)

    def add(kind: str, content: Span, source: Span | None, ids: tuple[str, ...], cue: Span | None) -> None:
        if not content.text:
            return
        key = cue.start if cue is not None and cue.start is not None else content.start or 0
        found.append((key, Attribution("", kind, content, source, ids, cue)))

    # 1. Quotation frames.
    previous: _Frame | None = None
    for q in quotes:
        line_start, line_end = line_bounds(q.open)
        frame: _Frame | None = None
        after = _AFTER_SUBJECT_VERB.match(text, q.close + 1, min(line_end, q.close + 120))
        if after is None:
            after = _AFTER_VERB_SUBJECT.match(text, q.close + 1, min(line_end, q.close + 120))
        if after is not None:
            src, ids = sources.source(after.start("src"), after.end("src"))
            cue = _span(text, after.start("cue"), after.end("cue"))
            frame = _Frame(src, ids, cue, after.end())
        else:
            cue_before = _BEFORE.search(text, max(line_start, q.open - 150), q.open)
            if cue_before is not None:
                src, ids = sources.source(cue_before.start("src"), cue_before.end("src"))
                cue = _span(text, cue_before.start("cue"), cue_before.end("cue"))
                frame = _Frame(src, ids, cue, q.close + 1)
        if frame is None and previous is not None:
            gap = text[previous.end : q.open]
            if re.fullmatch(r"[\s.,;:]*", gap) or _frame_tail(gap):
                # The next quotation of the paragraph with no frame of its own, right after the
                # framed one or after the rest of its sentence (``…,” X told reporters after the
                # match. “…”``), continues it: same speaker, same cue (PARC).
                frame = _Frame(previous.source, previous.entities, previous.cue, q.close + 1)
            else:
                # "“…,” he said, adding: “…”": the speaker goes on, the participle is the cue.
                adding = _CONTINUING.fullmatch(gap)
                if adding:
                    cue = _span(text, previous.end + adding.start(1), previous.end + adding.end(1))
                    frame = _Frame(previous.source, previous.entities, cue, q.close + 1)
        if frame is None:
            previous = None
            continue
        s_start, _ = sentence_of(q.open)
        lead_in = text[max(s_start, line_start) : q.open]
        if after is not None and lead_in.strip():
            # A quoted fragment closing a paraphrase: the whole paraphrase is the content.
            content = _span(text, max(s_start, line_start), q.close + 1)
            add("mixed", content, frame.source, frame.entities, frame.cue)
        else:
            add("direct", _quote_content(text, q), frame.source, frame.entities, frame.cue)
        assert frame.cue.start is not None
        used_cues.add(frame.cue.start)
        previous = frame

    # 2. Reporting verbs with a complement clause, or closing a sentence.
    for m in _VERB.finditer(text):
        if m.start() in used_cues:
            continue
        s_start, s_end = sentence_of(m.start())
        before = text[s_start : m.start()]
        if _PASSIVE.search(before) or re.search(r"\bto\s+\Z", before):
            continue
        prev_word = re.search(r"([\w’']+)\W*\Z", before)
        prev = prev_word.group(1) if prev_word else ""
        possessor = re.search(r"\w['’]s?\s+\Z", before) is not None
        if prev.lower() in NOUN_MARKERS or possessor or (prev.lower() == "that" and not m.group().endswith(("s", "ed"))):
            continue  # a noun: "heads of state", "a recent report", "the league's report", "further that claim"
        subj_hi = _subject_end(text, s_start, m.start())
        cue_end = m.end()
        rest_start = m.end()
        channel = re.match(r"\s+(?:in a statement|in an interview|on [A-Z][\w\-]*)", text[rest_start:s_end])
        if channel and not _DAY.match(channel.group()):
            cue_end = rest_start = rest_start + channel.end()
        day = _DAY.match(text, rest_start, s_end)
        if day:
            rest_start = day.end()
        frame_end = s_end
        trailing = _TRAILING_CLAUSE.match(text, rest_start, s_end)
        if trailing:
            # "…, officials said on Tuesday, as rescuers searched …": the verb closes the
            # reported clause, and what follows the comma is the writer's own clause.
            frame_end = rest_start
        if m.group() == "told":
            that = re.match(r"((?:\s+[\w’'\-]+){1,5}?)\s+that\b", text[rest_start:s_end])
            if not that:
                continue
            rest_start += that.end()
        else:
            that = re.match(r"\s*,?\s*that\b", text[rest_start:s_end])
            if that:
                rest_start += that.end()
            elif m.group() in _NOUN_LIKE and not (
                (prev[:1].isupper() or prev.lower() in PRONOUN_TYPES)
                or re.match(r"\s+(?:to|they|he|she|it|we)\b", text[rest_start:s_end])
            ):
                continue
        # Inverted frame: "CONTENT, said SOURCE[, description]."
        if before.rstrip().endswith(",") and not before.strip(" ,").endswith(tuple(_QUOTE_MARKS)):
            inverted = _INVERTED_SOURCE.match(text, m.end(), s_end)
            comma = s_start + len(before.rstrip()) - 1
            content = _span(text, s_start, comma)
            if inverted and len(content.text.split()) >= 3 and content.text[0] not in _QUOTE_MARKS:
                src, ids = sources.source(inverted.start(1), inverted.end(1))
                if src is not None:
                    add(_kind(content, False), content, src, ids, _span(text, m.start(), m.end()))
                    continue
        semicolon = text.find(";", rest_start, s_end)
        content_end = s_end if semicolon < 0 else semicolon  # a semicolon ends the clause
        participle = _PARTICIPLE_CLAUSE.search(text, rest_start, content_end)
        if participle and not that:
            content_end = participle.start()  # "denied the charges, saying …": the object only
        if trailing:
            content_end = rest_start
        while content_end > rest_start and text[content_end - 1] in ".!?… ":
            content_end -= 1
        content = _span(text, rest_start, content_end)
        cue = _span(text, m.start(), cue_end)
        words_needed = 1 if m.group() in _OBJECT_LEMMA_FORMS and not that else 2
        if len(content.text.split()) >= words_needed and content.text[0] not in _QUOTE_MARKS:
            who = _RELATIVE_WHO.search(text, s_start, subj_hi)
            bounds = _antecedent(text, s_start, who.start()) if who else _subject_bounds(text, s_start, subj_hi)
            src, ids = sources.source(*bounds) if bounds else (None, ())
            if src is not None and src.text.lower() in ("and", "but", "or"):
                # "X said … and complained that …", "X conceded defeat but told reporters that
                # …": a coordinated verb shares its subject — the source of the attribution
                # before it in the sentence, else the sentence's first person named.
                prior = [a for _, a in found if a.cue is not None and s_start <= (a.cue.start or 0) < m.start()]
                people = [n for n in sources.named if s_start <= n.start < m.start() and n.type == "PERSON"]
                if prior:
                    src, ids = prior[-1].source, prior[-1].source_entities
                elif people:
                    src, ids = Span(people[0].start, people[0].end, text[people[0].start : people[0].end]), (people[0].entity_id,)
                else:
                    continue
            if src is None:
                continue
            add(_kind(content, False), content, src, ids, cue)
            continue
        # Sentence-final frame: "CONTENT, SOURCE said."
        if text[rest_start:frame_end].strip(" .!?…\n") == "":
            comma = text.rfind(",", s_start, subj_hi)
            if comma <= s_start:
                continue
            src, ids = sources.source(comma + 1, subj_hi)
            if src is None or len(src.text.split()) > 6:
                continue
            content = _span(text, s_start, comma)
            if len(content.text.split()) >= 3 and content.text[0] not in _QUOTE_MARKS:
                add(_kind(content, False), content, src, ids, cue)

    # Participles with a that-clause: "…, stating that …" (the sentence's subject speaks).
    for m in re.finditer(r"\b(" + "|".join(sorted(_PARTICIPLES)) + r")\s+that\s+", text):
        s_start, s_end = sentence_of(m.start())
        first = next((n for n in sources.named if s_start <= n.start < m.start() and n.type in ("PERSON", "ORG", "GPE")), None)
        content = _span(text, m.end(), _clause_end(text, m.end(), s_end))
        if first is None or len(content.text.split()) < 2:
            continue
        add(_kind(content, False), content, Span(first.start, first.end, text[first.start : first.end]), (first.entity_id,), _span(text, m.start(1), m.end(1)))

    # Hearsay adverbs and passive accusations: agentless, the predicate is the content.
    for pattern in (_HEARSAY, _ACCUSED):
        for m in pattern.finditer(text):
            if m.start(1) in used_cues:
                continue
            s_start, s_end = sentence_of(m.start())
            content = _span(text, m.end(), _clause_end(text, m.end(), s_end))
            if content.text:
                add("indirect", content, None, (), _span(text, m.start(1), m.end(1)))

    # Labelling verbs: the label is the content; the source the subject or a "by" agent.
    for m in _LABEL.finditer(text):
        s_start, s_end = sentence_of(m.start())
        lo = m.end()
        hi = _clause_end(text, lo, s_end)
        by_at = re.search(r"\s+by\s", text[lo:hi])
        if by_at:
            hi = lo + by_at.start()
        elif re.search(r",\s*\Z", text[s_start : m.start()]):
            continue  # "The suspect, identified as Dale Horvath, …": a modifier, nobody's claim
        content = _span(text, lo, hi)
        if not content.text or len(content.text.split()) > 30:
            continue
        by = re.match(r"\s+by\s+([^,.;]+)", text[hi:s_end])
        if by:
            src, ids = sources.source(hi + by.start(1), hi + by.end(1))
        else:
            bounds = _subject_bounds(text, s_start, _subject_end(text, s_start, m.start()))
            src, ids = sources.source(*bounds) if bounds else (None, ())
        add(_kind(content, False), content, src, ids, _span(text, m.start(1), m.end(1)))

    # 3. "according to SOURCE".
    for m in _ACCORDING.finditer(text):
        s_start, s_end = sentence_of(m.start())
        src, ids = _according_source(text, sources, m.start("src"), m.end("src"))
        appos = _APPOSED_NAME.match(text, m.end("src"))
        inside = any(m.start("src") <= n.start < m.end("src") for n in sources.named)
        if appos and not ids and not inside and text[s_start : m.start()].strip():
            # "according to the national weather service, SENAMHI.": a description gives way
            # to the name in apposition after it (G-A2), as it does before a reporting verb.
            named = [n for n in sources.named if n.start == appos.start(1) and n.end == appos.end(1)]
            if named:
                src, ids = Span(named[0].start, named[0].end, text[named[0].start : named[0].end]), (named[0].entity_id,)
        cue = _span(text, m.start(), m.start() + len("according to"))
        if text[s_start : m.start()].strip() == "":
            comma = text.find(",", m.end(), s_end)
            if comma < 0:
                continue
            lo, hi = comma + 1, s_end
        else:
            lo, hi = s_start, m.start()
        while hi > lo and text[hi - 1] in ".!?…, ":
            hi -= 1
        content = _span(text, lo, hi)
        if len(content.text.split()) >= 2:
            add(_kind(content, False), content, src, ids, cue)

    found.sort(key=lambda kv: (kv[0], kv[1].content.start or 0))
    return tuple(
        Attribution(f"a{i}", a.kind, a.content, a.source, a.source_entities, a.cue)
        for i, (_, a) in enumerate(found, 1)
    )


__all__ = ["NamedSpan", "SourceFinder", "find_attributions", "named_spans"]
