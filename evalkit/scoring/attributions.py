"""Attribution scoring: who said what, by source, cue and content, in exact and overlap modes.

The metrics follow BBC Citron's quote evaluation, which reports every component of a quote
(cue, source, content) and the whole quote in an *exact* and an *overlap* mode; evalkit keeps
its two modes and component-wise view but counts over an explicit one-to-one alignment, so a
duplicate prediction never earns credit twice.

**Alignment.** Gold and predicted attributions are paired one-to-one (:mod:`.align`). A pair is
a candidate when its *content similarity* reaches ``config.content_threshold`` (and is
positive); among candidates the alignment maximises, in order: the number of pairs, the number
of pairs that match jointly in overlap mode, the number of source and cue overlap matches, the
number of exact component matches, and the total content similarity. The later levels only
break ties between alignments that count the same, so a source or cue agreement is the
tie-breaker between equally good contents (``he said "yes"`` vs ``she said "yes"``).
A prediction that repeats an earlier one (same kind, content, source, source identity and cue)
is credited at most as often as the gold holds that statement (:func:`.align.repeat_candidates`),
as for every part: otherwise an extractor that repeats a quote would earn a second, similar
gold quote with the copy.

**Content.** Similarity is token F1 over evalkit's tokenizer (``config.content_metric ==
"token_f1"``; multiset overlap of stemmed tokens when ``config.use_stemmer``) or rouge-score's
ROUGE-L F-measure (``"rougeL"``); texts equal after normalisation have similarity 1.0. Overlap
mode: the aligned pair's similarity reaches the threshold (every aligned pair does). Exact mode:
the texts are equal after ``normalise_text(config.profile)`` and trimming edge whitespace,
quotation marks and a final ``,``/``.``/``;``/``:`` (annotators differ on those, see G-A7).
``attributions.content.coverage`` is the mean, over gold attributions, of the fraction of the
gold content's tokens (multiset) found in the aligned prediction's content (0 when unmatched).

**Source.** An attribution's *identity* is the normalised set of its source span text and the
names, aliases and mention texts of its ``source_entities`` (looked up in its own summary),
leaving out bare pronouns (:data:`PRONOUNS`) — so a pronoun source is identified by the entity
it resolves to, and a multi-source attribution by any of its entities.

* Agentless gold (no source span, no source entities) matches only a prediction without a
  source, in both modes.
* When both sides have an identity: exact mode matches when the identities share a name;
  overlap mode also when they share a *head*: a name's chunk up to its head (:func:`head_chunks`)
  ends with a chunk of the other side's (``Zelenskyy`` ends ``President Volodymyr Zelenskyy``).
  A name elsewhere inside the source phrase is not the source: gold ``Republicans and lobbyists
  close to President George W. Bush`` has the heads ``Republicans`` and ``lobbyists``, and a
  prediction whose source is ``Bush`` does not match it. Content may match leniently; the
  speaker must be the gold speaker (the same entity, or the same head).
* When a side has none (an unresolved pronoun): exact mode compares the spans (same offsets,
  or equal normalised text when a span has no offsets); overlap mode also accepts overlapping
  offsets.

**Cue.** Cues compare as lemma sequences: tokens are lemmatised by a table of irregular English
reporting verbs (:data:`IRREGULAR_LEMMAS`: ``said`` → ``say``, ``told`` → ``tell``,
``wrote``/``written`` → ``write``…) and otherwise by rouge-score's Porter stemmer (``says``,
``saying`` → ``say``; ``claimed``, ``claims`` → ``claim``). Exact mode: equal lemma sequences
(``said`` = ``says``). Overlap mode: also overlapping spans, or a shared lemma that is not a
function word (``said in a statement`` ~ ``said``). Two missing cues match; one missing cue
does not.

**Joint.** A pair matches jointly in a mode when its content, source and cue all match in that
mode. Unaligned gold items are false negatives and unaligned predictions false positives of
every metric; an aligned pair whose component fails counts one of each for that component.

**Kinds.** ``<metric>/<kind>`` restricts a metric to one kind: an aligned pair counts under the
gold attribution's kind, an unaligned prediction under its own kind, so the kinds' counts add up
to the overall counts. Every kind of :data:`~evalkit.model.ATTRIBUTION_KINDS` is reported; an
attribution without a kind counts under :data:`UNKINDED` (as numbers without one do).

**Items.** Every gold and predicted attribution appears in exactly one explanation: ``matched``
(aligned and joint overlap match), ``partial`` (aligned — content matches — but the source or
cue does not), ``missed``, ``spurious``. ``contribution`` is the item's share of the headline
``attributions.joint.overlap``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from ..errors import InputError
from ..model import ATTRIBUTION_KINDS, Attribution, Document, Span, StructuredSummary
from .align import REPEAT_REASON, Alignment
from .base import Counts, Explanation, Mean, PartScore
from .config import ScoringConfig

if TYPE_CHECKING:
    import numpy as np

PART = "attributions"
HEADLINE = "attributions.joint.overlap"
COMPONENTS: tuple[str, ...] = ("source", "cue", "content", "joint")
MODES: tuple[str, ...] = ("exact", "overlap")
CONTENT_METRICS: tuple[str, ...] = ("token_f1", "rougeL")
#: The kind shown (in ``<metric>/<kind>``) for an attribution that gives none, as numbers do.
UNKINDED = "UNKINDED"

#: English pronouns (and pronoun-like determiners) that identify no one on their own.
PRONOUNS: frozenset[str] = frozenset(
    """
    i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs themselves
    who whom whose this that these those one someone somebody
    """.split()
)

#: Irregular forms of English reporting verbs, mapped to their lemma. Regular forms are
#: handled by the Porter stemmer.
IRREGULAR_LEMMAS: dict[str, str] = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "thought": "think",
    "felt": "feel",
    "knew": "know",
    "known": "know",
    "gave": "give",
    "given": "give",
    "held": "hold",
    "meant": "mean",
    "made": "make",
    "sought": "seek",
    "swore": "swear",
    "sworn": "swear",
    "taught": "teach",
    "took": "take",
    "taken": "take",
    "broke": "break",
    "broken": "break",
    "forbade": "forbid",
    "forbidden": "forbid",
    "foresaw": "foresee",
    "foreseen": "foresee",
    "withheld": "withhold",
    "upheld": "uphold",
    "overheard": "overhear",
    "heard": "hear",
    "read": "read",
    "put": "put",
    "let": "let",
    "bade": "bid",
}

#: Function words that do not make two cues overlap on their own (``on`` in ``wrote on X``).
_CUE_FUNCTION_WORDS: frozenset[str] = frozenset(
    "a an the in on at to of as by for from with into that it and or".split()
)
#: Words that begin what follows a source phrase's head: prepositions, post-modifying
#: adjectives and participles, relative pronouns (:func:`head_chunks`).
SOURCE_POSTMODIFIERS: frozenset[str] = frozenset(
    """
    of to for in at on from with by about among under within without inside outside behind
    near close including like across against after before during over through into toward
    towards via per representing familiar briefed loyal allied linked opposed speaking
    involved who whom whose which that where
    """.split()
)
_COORDINATORS: frozenset[str] = frozenset({"and", "or", "nor", "&"})
_EDGE_CHARS = " \t\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
_FINAL_PUNCT = ",.;:"


@dataclass(frozen=True)
class _Side:
    """What scoring needs of one attribution, computed once."""

    attribution: Attribution
    content_exact: str
    content_tokens: tuple[str, ...]
    agentless: bool
    identity: frozenset[str]
    head_chunks: frozenset[tuple[str, ...]]
    source_text: str
    cue_lemmas: tuple[str, ...] | None


@dataclass(frozen=True)
class _Pair:
    """Component matches of one (gold, prediction) pair."""

    similarity: float
    content: tuple[bool, bool]  # (exact, overlap)
    source: tuple[bool, bool]
    cue: tuple[bool, bool]

    def joint(self, mode: int) -> bool:
        return self.content[mode] and self.source[mode] and self.cue[mode]

    def component(self, name: str, mode: int) -> bool:
        return self.joint(mode) if name == "joint" else getattr(self, name)[mode]


#: Every (gold index, prediction index) pair's component matches.
_Pairs = dict[tuple[int, int], _Pair]
#: What makes two attributions the same statement (see :func:`_repeat_key`).
_RepeatKey = tuple[str, Span, Span | None, frozenset[str], Span | None]


def score_attributions(
    gold: StructuredSummary, pred: StructuredSummary, doc: Document, config: ScoringConfig
) -> PartScore:
    """Attribution scores (see the module docstring); headline ``attributions.joint.overlap``."""
    if config.content_metric not in CONTENT_METRICS:
        raise InputError(
            f"config.content_metric: unknown {config.content_metric!r}; "
            f"expected one of {', '.join(CONTENT_METRICS)}"
        )
    if not gold.attributions and not pred.attributions:
        return _nothing_to_align()
    return _score(gold, pred, config)


@lru_cache(maxsize=1)
def _nothing_to_align() -> PartScore:
    """The score of a document with no attribution on either side: every count zero. Most
    documents of an entity-only corpus are such; one immutable score serves all of them."""
    return _score(StructuredSummary(), StructuredSummary(), ScoringConfig())


def _score(gold: StructuredSummary, pred: StructuredSummary, config: ScoringConfig) -> PartScore:
    g = [_side(a, gold, config) for a in gold.attributions]
    p = [_side(a, pred, config) for a in pred.attributions]
    pairs = _compare(g, p, config)
    alignment, repeated = _align(g, p, pairs)
    matched = {(gi, pj): pairs[gi, pj] for gi, pj in alignment.pairs}

    units: list[_Unit] = []
    for gi, pj in alignment.pairs:
        units.append(_Unit(_kind(g[gi]), gi, pj, matched[gi, pj]))
    units.extend(_Unit(_kind(g[gi]), gi, None, None) for gi in alignment.unmatched_gold)
    units.extend(_Unit(_kind(p[pj]), None, pj, None) for pj in alignment.unmatched_pred)

    metrics: dict[str, Counts | Mean] = {}
    unit_stats: dict[str, tuple[tuple[float, ...], ...]] = {}
    kinds = list(ATTRIBUTION_KINDS) + sorted(
        {u.kind for u in units if u.kind not in ATTRIBUTION_KINDS}
    )
    for comp in COMPONENTS:
        for mode_index, mode in enumerate(MODES):
            name = f"{PART}.{comp}.{mode}"
            rows = [u.stats(comp, mode_index) for u in units]
            metrics[name], unit_stats[name] = _sum_counts(rows), tuple(rows)
            for kind in kinds:
                kind_rows = [r for u, r in zip(units, rows) if u.kind == kind]
                metrics[f"{name}/{kind}"] = _sum_counts(kind_rows)
                unit_stats[f"{name}/{kind}"] = tuple(kind_rows)

    coverage_rows = tuple(
        (_coverage(g[u.gold], p[u.pred]) if u.pred is not None else 0.0, 1.0)
        for u in units
        if u.gold is not None
    )
    metrics[f"{PART}.content.coverage"] = Mean(
        sum(r[0] for r in coverage_rows), len(coverage_rows)
    )
    unit_stats[f"{PART}.content.coverage"] = coverage_rows

    return PartScore(
        part=PART,
        headline=HEADLINE,
        metrics=metrics,
        items=tuple(_explain(units, g, p, pairs, config, repeated)),
        raw={PART: {"gold": len(g), "predicted": len(p), "aligned": len(alignment.pairs)}},
        units=unit_stats,
    )


@dataclass(frozen=True)
class _Unit:
    """One explanation's worth of scoring: an aligned pair, a miss or a spurious prediction."""

    kind: str
    gold: int | None
    pred: int | None
    pair: _Pair | None

    def stats(self, component: str, mode: int) -> tuple[float, float, float]:
        if self.pair is None:
            return (0.0, 0.0, 1.0) if self.pred is None else (0.0, 1.0, 0.0)
        return (1.0, 0.0, 0.0) if self.pair.component(component, mode) else (0.0, 1.0, 1.0)


def _kind(side: _Side) -> str:
    """The kind an attribution is counted under: its own, or :data:`UNKINDED` when it gives none."""
    return side.attribution.kind or UNKINDED


def _repeat_key(side: _Side) -> _RepeatKey:
    """What makes two attributions the same statement, whichever summary they come from: kind,
    spans, and the source's identity (entity ids differ between gold and prediction)."""
    a = side.attribution
    return (a.kind, a.content, a.source, side.identity, a.cue)


def _sum_counts(rows: Sequence[tuple[float, float, float]]) -> Counts:
    return Counts(sum(r[0] for r in rows), sum(r[1] for r in rows), sum(r[2] for r in rows))


# -- preparing one side -------------------------------------------------------------------------


def _side(a: Attribution, summary: StructuredSummary, config: ScoringConfig) -> _Side:
    from ..tokenize import tokenize

    profile = config.profile
    written: list[str] = []
    if a.source is not None:
        written.append(a.source.text)
    for entity_id in a.source_entities:
        entity = summary.entity(entity_id)
        if entity is not None:
            written.extend(entity.names)
    kept = [w for w in written if (n := _norm(w, profile)) and n not in PRONOUNS]
    identity = frozenset(_norm(w, profile) for w in kept)
    return _Side(
        attribution=a,
        content_exact=_exact_form(a.content.text, profile),
        content_tokens=tuple(tokenize(a.content.text, use_stemmer=config.use_stemmer)),
        agentless=a.source is None and not a.source_entities,
        identity=identity,
        head_chunks=frozenset(chunk for w in kept for chunk in head_chunks(w)),
        source_text=_norm(a.source.text, profile) if a.source is not None else "",
        cue_lemmas=cue_lemmas(a.cue.text) if a.cue is not None else None,
    )


def _norm(text: str, profile: str) -> str:
    from ..normalise import normalise_text

    return normalise_text(text, profile).strip()


def _exact_form(text: str, profile: str) -> str:
    """Content for exact comparison: normalised, edge quotes and final punctuation trimmed."""
    out = _norm(text, profile).strip(_EDGE_CHARS)
    while out and out[-1] in _FINAL_PUNCT:
        out = out[:-1].strip(_EDGE_CHARS)
    return out


@lru_cache(maxsize=4096)
def cue_lemmas(text: str) -> tuple[str, ...]:
    """The lemma of each token of a cue: irregular reporting verbs by table, others stemmed."""
    from ..tokenize import tokenize

    out = []
    for token in tokenize(text):
        lemma = IRREGULAR_LEMMAS.get(token)
        if lemma is None:
            stemmed = tokenize(token, use_stemmer=True)
            lemma = stemmed[0] if stemmed else token
        out.append(lemma)
    return tuple(out)


# -- comparing pairs ----------------------------------------------------------------------------


def _compare(g: Sequence[_Side], p: Sequence[_Side], config: ScoringConfig) -> _Pairs:
    """Every (gold, prediction) pair's component matches, keyed by index pair."""
    out: _Pairs = {}
    for gi, gs in enumerate(g):
        for pj, ps in enumerate(p):
            sim = _content_similarity(gs, ps, config)
            content_exact = bool(gs.content_exact) and gs.content_exact == ps.content_exact
            out[gi, pj] = _Pair(
                similarity=sim,
                content=(content_exact, sim > 0 and sim >= config.content_threshold),
                source=(_source_match(gs, ps, False), _source_match(gs, ps, True)),
                cue=(_cue_match(gs, ps, False), _cue_match(gs, ps, True)),
            )
    return out


def _content_similarity(gold: _Side, pred: _Side, config: ScoringConfig) -> float:
    """Token F1 or ROUGE-L F of two contents; 1.0 when their exact forms are equal."""
    if gold.content_exact and gold.content_exact == pred.content_exact:
        return 1.0
    common = sum((Counter(gold.content_tokens) & Counter(pred.content_tokens)).values())
    if common == 0:
        return 0.0
    if config.content_metric == "rougeL":
        from .summary import rouge_against_references

        scores = rouge_against_references(
            [gold.attribution.content.text],
            pred.attribution.content.text,
            ("rougeL",),
            config.use_stemmer,
        )
        return scores[0]["rougeL"].fmeasure
    precision = common / len(pred.content_tokens)
    recall = common / len(gold.content_tokens)
    return 2 * precision * recall / (precision + recall)


def _coverage(gold: _Side, pred: _Side) -> float:
    if not gold.content_tokens:
        return 1.0 if gold.content_exact == pred.content_exact else 0.0
    common = sum((Counter(gold.content_tokens) & Counter(pred.content_tokens)).values())
    return common / len(gold.content_tokens)


def _source_match(gold: _Side, pred: _Side, overlap: bool) -> bool:
    if gold.agentless or pred.agentless:
        return gold.agentless and pred.agentless
    if gold.identity and pred.identity:
        if gold.identity & pred.identity:
            return True
        return overlap and any(
            _ends_with(a, b) or _ends_with(b, a) for a in gold.head_chunks for b in pred.head_chunks
        )
    gs, ps = gold.attribution.source, pred.attribution.source
    if gs is None or ps is None:
        return False
    if gs.grounded and ps.grounded:
        return _span_match(gs, ps, overlap)
    return bool(gold.source_text) and gold.source_text == pred.source_text


def _ends_with(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """Whether ``inner`` (non-empty) ends ``outer``: the same head, and ``inner``'s modifiers
    the last of ``outer``'s (``zelenskyy`` ends ``president volodymyr zelenskyy``)."""
    return 0 < len(inner) <= len(outer) and outer[len(outer) - len(inner) :] == inner


@lru_cache(maxsize=4096)
def head_chunks(name: str) -> tuple[tuple[str, ...], ...]:
    """The tokens of each conjunct of a source phrase up to its head: what the phrase names.

    English noun phrases put the head last among the pre-modifiers (``President Volodymyr
    Zelenskyy``) and hang everything after it on a preposition, an adjective such as ``close``
    or a relative pronoun (``lobbyists close to President George W. Bush``): a chunk ends where
    one of :data:`SOURCE_POSTMODIFIERS` begins, and the words up to there are kept. ``and``/
    ``or`` before that point (``Republicans and lobbyists``), commas and brackets (appositions:
    ``Dmitry Peskov, the Kremlin spokesman``) start another chunk. ``of`` between two capitalised
    words belongs to a name (``Ministry of Defence``). Tokens are evalkit's (casefolded).
    """
    from ..tokenize import tokenize

    words = re.findall(r"\w+|[^\w\s]", name)
    chunks: list[tuple[str, ...]] = []
    current: list[str] = []
    cut = False

    def flush() -> None:
        tokens = tuple(t for w in current for t in tokenize(w))
        if tokens:
            chunks.append(tokens)
        current.clear()

    for i, w in enumerate(words):
        low = w.casefold()
        if w in ",;()[]" or (low in _COORDINATORS and not cut):
            flush()
            cut = False
            continue
        if cut or not w[0].isalnum():
            continue
        if low in SOURCE_POSTMODIFIERS:
            following = words[i + 1] if i + 1 < len(words) else ""
            if not (low == "of" and current and words[i - 1][:1].isupper() and following[:1].isupper()):
                cut = True
                continue
        current.append(w)
    flush()
    return tuple(chunks)


def _span_match(gold: Span | None, pred: Span | None, overlap: bool) -> bool:
    if gold is None or pred is None or not (gold.grounded and pred.grounded):
        return False
    if (gold.start, gold.end) == (pred.start, pred.end):
        return True
    return overlap and gold.overlaps(pred)


def _cue_match(gold: _Side, pred: _Side, overlap: bool) -> bool:
    g, p = gold.cue_lemmas, pred.cue_lemmas
    if g is None or p is None:
        return g is None and p is None
    if g and g == p:
        return True
    if _span_match(gold.attribution.cue, pred.attribution.cue, False):
        return True
    if not overlap:
        return False
    if _span_match(gold.attribution.cue, pred.attribution.cue, True):
        return True
    return bool((set(g) & set(p)) - _CUE_FUNCTION_WORDS)


# -- alignment ----------------------------------------------------------------------------------


def _align(g: Sequence[_Side], p: Sequence[_Side], pairs: _Pairs) -> tuple[Alignment, "np.ndarray"]:
    """The optimal alignment, and which predictions repeat an earlier one verbatim (a repeat
    is a candidate only for a gold attribution it equals, :func:`.align.repeat_candidates`)."""
    import numpy as np

    from .align import align_levels, repeat_candidates

    allowed, repeated = repeat_candidates([_repeat_key(s) for s in g], [_repeat_key(s) for s in p])
    shape = (len(g), len(p))
    candidate = np.zeros(shape)
    joint = np.zeros(shape)
    components = np.zeros(shape)
    exact = np.zeros(shape)
    similarity = np.zeros(shape)
    for (gi, pj), pair in pairs.items():
        if not pair.content[1] or not allowed[gi, pj]:
            continue
        candidate[gi, pj] = 1
        joint[gi, pj] = pair.joint(1)
        components[gi, pj] = pair.source[1] + pair.cue[1]
        exact[gi, pj] = pair.content[0] + pair.source[0] + pair.cue[0]
        similarity[gi, pj] = pair.similarity
    alignment = align_levels(
        [candidate, joint, components, exact, similarity],
        [1, 1, 2, 3, 1.0],
        candidates=candidate,
    )
    return alignment, repeated


# -- explanations -------------------------------------------------------------------------------


def _explain(
    units: Sequence[_Unit],
    g: Sequence[_Side],
    p: Sequence[_Side],
    pairs: _Pairs,
    config: ScoringConfig,
    repeated: "np.ndarray",
) -> Iterable[Explanation]:
    metric = "token F1" if config.content_metric == "token_f1" else "ROUGE-L"
    threshold = config.content_threshold
    for u in units:
        ga = g[u.gold].attribution if u.gold is not None else None
        pa = p[u.pred].attribution if u.pred is not None else None
        if u.pair is not None and ga is not None and pa is not None:
            content = f"content {metric} {u.pair.similarity:.2f} ≥ {threshold:g}"
            wrong = []
            if not u.pair.source[1]:
                wrong.append(f"source {_show(pa.source)} does not match gold {_show(ga.source)}")
            if not u.pair.cue[1]:
                wrong.append(f"cue {_show(pa.cue)} does not match gold {_show(ga.cue)}")
            if wrong:
                bucket, contribution = "partial", Counts(0, 1, 1)
                reason = f"{content} but {'; '.join(wrong)}"
            else:
                bucket, contribution = "matched", Counts(1, 0, 0)
                reason = f"{content}; source and cue match"
            if ga.kind != pa.kind:
                reason += f"; kind {pa.kind} instead of {ga.kind} (not scored)"
            sim: float | None = u.pair.similarity
        elif u.gold is not None:
            bucket, contribution = "missed", Counts(0, 0, 1)
            best = _best([pairs[u.gold, k].similarity for k in range(len(p))])
            reason = _unmatched_reason("prediction", "gold attribution", metric, threshold, best, p)
            sim = None
        else:
            assert u.pred is not None  # a unit holds a gold item, a prediction or both
            bucket, contribution = "spurious", Counts(0, 1, 0)
            if repeated[u.pred]:
                reason = REPEAT_REASON
            else:
                best = _best([pairs[k, u.pred].similarity for k in range(len(g))])
                reason = _unmatched_reason("gold attribution", "prediction", metric, threshold, best, g)
            sim = None
        yield Explanation(
            part=PART,
            bucket=bucket,
            gold=ga.id if ga else None,
            pred=pa.id if pa else None,
            gold_text=ga.content.text if ga else None,
            pred_text=pa.content.text if pa else None,
            reason=reason,
            gold_span=_offsets(ga.content) if ga else None,
            pred_span=_offsets(pa.content) if pa else None,
            type_gold=ga.kind if ga else None,
            type_pred=pa.kind if pa else None,
            similarity=sim,
            contribution=contribution,
        )


def _best(similarities: Sequence[float]) -> tuple[int, float] | None:
    """The most similar counterpart of an unaligned item, given its similarity to each item of
    the other side: (index, similarity), or None when the other side is empty."""
    best: tuple[int, float] | None = None
    for k, sim in enumerate(similarities):
        if best is None or sim > best[1]:
            best = (k, sim)
    return best


def _unmatched_reason(
    what: str,
    rival: str,
    metric: str,
    threshold: float,
    best: tuple[int, float] | None,
    others: Sequence[_Side],
) -> str:
    if best is None:
        return f"no {what} to pair with"
    k, sim = best
    other_id = others[k].attribution.id
    if sim > 0 and sim >= threshold:
        closest = f"its closest {what} {other_id!r} ({metric} {sim:.2f})"
        return f"{closest} is paired with another {rival}"
    return f"no {what}'s content reaches {metric} {threshold:g} (closest {other_id!r}: {sim:.2f})"


def _show(span: Span | None) -> str:
    return "none" if span is None else repr(span.text)


def _offsets(span: Span) -> tuple[int, int] | None:
    return (span.start, span.end) if span.start is not None and span.end is not None else None


__all__ = [
    "COMPONENTS",
    "CONTENT_METRICS",
    "HEADLINE",
    "IRREGULAR_LEMMAS",
    "MODES",
    "PART",
    "PRONOUNS",
    "SOURCE_POSTMODIFIERS",
    "UNKINDED",
    "cue_lemmas",
    "head_chunks",
    "score_attributions",
]
