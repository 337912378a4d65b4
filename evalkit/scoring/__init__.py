"""Scoring: structured summaries against gold, part by part, with intervals and a signature.

``score(gold, predictions, config)`` is the one entry point; it runs every part scorer
(:data:`PART_SCORERS`, each a pure ``score_<part>(gold, pred, doc, config) -> PartScore``) on
every document and assembles a :class:`~evalkit.scoring.result.Result`. The rules are in
docs/scoring.md.
"""

from __future__ import annotations

import gc
import importlib
import zlib
from contextlib import contextmanager
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from numbers import Integral, Real
from typing import TYPE_CHECKING, Callable

from ..errors import InputError, Problem
from ..model import GoldDocument, StructuredSummary
from .base import BUCKETS, PARTS, Counts, Explanation, Mean, PartScore
from .config import ScoringConfig
from .explained import Explained

if TYPE_CHECKING:
    from ..reports.compare import Comparison
    from .result import DocumentScore, Result

#: Part scorers in report order: ``(part, "module:function")``, imported on first use. Each part
#: of :data:`~evalkit.scoring.base.PARTS` has its module of the same name and ``score_<part>``.
PART_SCORERS: tuple[tuple[str, str], ...] = tuple((part, f"evalkit.scoring.{part}:score_{part}") for part in PARTS)

Scorer = Callable[..., PartScore]


def part_scorers() -> tuple[tuple[str, Scorer], ...]:
    """The part scorers as callables, in report order."""
    out = []
    for part, target in PART_SCORERS:
        module, _, func = target.partition(":")
        out.append((part, getattr(importlib.import_module(module), func)))
    return tuple(out)


def check_config(config: ScoringConfig) -> None:
    """Raise :class:`InputError` naming every setting that cannot be used."""
    from ..normalise import PROFILES
    from .summary import unknown_rouge_types

    problems = []
    if config.profile not in PROFILES:
        problems.append(f"profile: unknown {config.profile!r}; expected one of {', '.join(PROFILES)}")
    tol = config.number_rel_tol
    if tol is not None and not (_real(tol) and tol >= 0):
        problems.append(f"number_rel_tol: must be a non-negative number or None, not {tol!r}")
    if config.content_metric not in ("token_f1", "rougeL"):
        problems.append(f"content_metric: unknown {config.content_metric!r}; expected token_f1 or rougeL")
    if not (_real(config.content_threshold) and 0 < config.content_threshold <= 1):
        problems.append(f"content_threshold: must be in (0, 1], not {config.content_threshold!r}")
    bad_types = unknown_rouge_types(config.rouge_types)
    if bad_types:
        problems.append(
            f"rouge_types: unknown {', '.join(map(repr, bad_types))}; expected rouge1..rouge9, rougeL or rougeLsum"
        )
    if isinstance(config.bootstrap, bool) or not isinstance(config.bootstrap, int) or config.bootstrap < 1:
        problems.append(f"bootstrap: must be a positive integer, not {config.bootstrap!r}")
    if isinstance(config.seed, bool) or not isinstance(config.seed, Integral) or config.seed < 0:
        problems.append(f"seed: must be a non-negative integer, not {config.seed!r}")
    if not (_real(config.alpha) and 0 < config.alpha < 1):
        problems.append(f"alpha: must be between 0 and 1, not {config.alpha!r}")
    from .units import UNITS

    if config.unit not in ("auto", *UNITS):
        problems.append(f"unit: unknown {config.unit!r}; expected auto, {', '.join(UNITS)}")
    if problems:
        raise InputError([Problem("scoring config", None, p) for p in problems])


def _real(x: object) -> bool:
    return isinstance(x, Real) and not isinstance(x, bool)


def score_document(
    gold: GoldDocument,
    prediction: StructuredSummary,
    config: ScoringConfig = ScoringConfig(),
    scorers: Sequence[tuple[str, Scorer]] | None = None,
) -> "DocumentScore":
    """Every part's score of one prediction against one gold document."""
    from .result import DocumentScore

    parts = {}
    for part, scorer in scorers if scorers is not None else part_scorers():
        parts[part] = scorer(gold.gold, prediction, gold.document, config)
    return DocumentScore(gold.document.id, parts)


def score(
    gold: GoldDocument | Iterable[GoldDocument],
    predictions: StructuredSummary | Mapping[str, StructuredSummary],
    config: ScoringConfig = ScoringConfig(),
    parts: Sequence[str] | None = None,
) -> "Result":
    """Score predictions against gold.

    ``gold`` is one gold document or several; ``predictions`` is one structured summary (with a
    single gold document) or a mapping from document id to structured summary. A gold document
    without a prediction is scored against an empty one (everything missed) and listed in
    ``Result.missing_predictions``; a prediction for an unknown document is an error.
    ``parts`` (default: all of :data:`PART_SCORERS`) scores only the parts named, so
    ``parts=("mentions",)`` costs no more than mention scoring does; each part's numbers are
    the same as in a full run.

    ``gold`` may also be an iterator (a generator reading gold files one by one) and
    ``predictions`` any mapping, read one document at a time (one that loads each prediction
    when asked for). Documents are then scored :data:`STREAM_CHUNK` at a time and none is kept:
    the result holds each document's scores and its summaries pickled and compressed for the
    explanations, which are made from them when read. The result equals scoring the same
    documents as a list.
    """
    check_config(config)
    if isinstance(gold, GoldDocument):
        gold = [gold]
    elif isinstance(predictions, StructuredSummary) or not isinstance(gold, Sequence):
        if isinstance(predictions, StructuredSummary) or isinstance(gold, (str, bytes)):
            gold = list(gold)  # one prediction needs to know there is one document
        else:
            return _score_stream(iter(gold), predictions, config, parts)
    return _score_held(list(gold), predictions, config, parts)


#: Documents a streamed corpus is scored in at a time (as :mod:`.mentions` counts them).
STREAM_CHUNK = 2000
_ABSENT = object()


def _score_held(
    golds: list[GoldDocument],
    predictions: StructuredSummary | Mapping[str, StructuredSummary],
    config: ScoringConfig,
    parts: Sequence[str] | None,
) -> "Result":
    """:func:`score` of documents the caller holds: explanations read the caller's objects."""
    import dataclasses

    from .result import assemble
    from .signature import make_signature
    from .units import resolve_unit

    config = dataclasses.replace(config, unit=resolve_unit(config.unit, len(golds), config.alpha))
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for g in golds:
        _check_gold(g)
        if g.document.id in seen:
            problems.append(_duplicate(g, seen))
        seen[g.document.id] = g.path
    if isinstance(predictions, StructuredSummary):
        if len(golds) != 1:
            raise InputError(
                f"one prediction was given for {len(golds)} gold documents; "
                "pass a mapping from document id to prediction"
            )
        preds: dict[str, StructuredSummary] = {golds[0].document.id: predictions}
    else:
        preds = dict(predictions)
    for doc_id in sorted(set(preds) - set(seen)):
        problems.append(_unknown(doc_id))
    for doc_id, p in preds.items():
        if not isinstance(p, StructuredSummary):
            problems.append(_not_a_summary(doc_id, p))
    if problems:
        raise InputError(problems)
    scorers = _selected(part_scorers(), parts)
    empty = StructuredSummary()
    with _collector_paused():
        documents = _score_all([(g, preds.get(g.document.id, empty)) for g in golds], config, scorers)
        missing = [g.document.id for g in golds if g.document.id not in preds]
        texts = {g.document.id: g.document.text for g in golds}
        return assemble(documents, config, make_signature(golds, config), missing, texts)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a corpus is scored. Scoring allocates many small
    objects and makes no reference cycles; each collection it would trigger walks every object
    alive, the caller's corpus included, which costs a tenth of the scoring time or more."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _score_stream(
    golds: Iterator[GoldDocument],
    predictions: Mapping[str, StructuredSummary],
    config: ScoringConfig,
    parts: Sequence[str] | None,
) -> "Result":
    """:func:`score` of documents read one at a time (see its docstring). Problems are
    gathered over the whole stream (scoring stops at the first) and reported together."""
    import dataclasses

    from .result import assemble
    from .signature import gold_entry, signature_from_hash
    from .units import resolve_unit

    if not isinstance(predictions, Mapping):
        raise InputError(f"predictions: expected a mapping from document id to StructuredSummary, got {type(predictions).__name__}")
    scorers = _selected(part_scorers(), parts)
    empty = StructuredSummary()
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    entries: list[tuple[str, bytes]] = []  # the gold hash's input, compressed
    documents: list[DocumentScore] = []
    missing: list[str] = []
    texts: dict[str, str] = {}
    while True:
        chunk = list(islice(golds, STREAM_CHUNK))
        if not chunk:
            break
        pairs = []
        for g in chunk:
            _check_gold(g)
            doc_id = g.document.id
            if doc_id in seen:
                problems.append(_duplicate(g, seen))
            seen[doc_id] = g.path
            found: object = predictions.get(doc_id, _ABSENT)
            p = found if isinstance(found, StructuredSummary) else empty
            if found is _ABSENT:
                missing.append(doc_id)
            elif p is not found:
                problems.append(_not_a_summary(doc_id, found))
            key, data = gold_entry(g)
            entries.append((key, zlib.compress(data, 1)))
            texts[doc_id] = g.document.text
            pairs.append((g, p))
        if not problems:
            with _collector_paused():
                scored = _score_all(pairs, config, scorers)
                documents.extend(_detached(d, g.gold, p) for d, (g, p) in zip(scored, pairs))
            del scored
        del chunk, pairs, g, p  # nothing of the chunk outlives it
    for doc_id in sorted(set(predictions) - set(seen)):
        problems.append(_unknown(doc_id))
    if problems:
        raise InputError(problems)
    config = dataclasses.replace(config, unit=resolve_unit(config.unit, len(documents), config.alpha))
    digest = _hash_compressed(entries)
    with _collector_paused():
        return assemble(documents, config, signature_from_hash(digest, len(documents), config), missing, texts)


def _hash_compressed(entries: list[tuple[str, bytes]]) -> str:
    from .signature import hash_entries

    return hash_entries((key, zlib.decompress(data)) for key, data in entries)


def _detached(doc: "DocumentScore", gold: StructuredSummary, pred: StructuredSummary) -> "DocumentScore":
    """``doc`` with explanations that read ``gold`` and ``pred`` from one packed copy, so that
    scoring a stream keeps no document alive."""
    from dataclasses import replace

    from .explained import Packed, packed
    from .result import DocumentScore

    box = None
    parts = {}
    for name, part in doc.parts.items():
        if isinstance(part.items, Explained):
            box = box or Packed((gold, pred))
            part = replace(part, items=packed(part.items, (gold, pred), box))
        parts[name] = part
    return DocumentScore(doc.doc_id, parts)


def _check_gold(g: object) -> None:
    if not isinstance(g, GoldDocument):
        raise InputError(f"gold: expected GoldDocument values, got {type(g).__name__}")


def _duplicate(g: GoldDocument, seen: Mapping[str, str]) -> Problem:
    return Problem(g.path, None, f"document id {g.document.id!r} is also used by {seen[g.document.id] or 'another gold document'}")


def _unknown(doc_id: str) -> Problem:
    return Problem("predictions", None, f"document {doc_id!r} is not in the gold")


def _not_a_summary(doc_id: str, p: object) -> Problem:
    return Problem("predictions", None, f"document {doc_id!r}: expected a StructuredSummary, got {type(p).__name__}")


def _score_all(
    pairs: Sequence[tuple[GoldDocument, StructuredSummary]], config: ScoringConfig, scorers: Sequence[tuple[str, Scorer]]
) -> list["DocumentScore"]:
    """:func:`score_document` of every pair. A part scorer that carries ``many`` (a function
    of ``[(gold, prediction, document), …]`` and the config giving the same part scores, as
    ``score_mentions.many`` does) scores the whole corpus at once."""
    from .result import DocumentScore

    by_part = {}
    for part, scorer in scorers:
        many = getattr(scorer, "many", None)
        if many is not None:
            by_part[part] = many([(g.gold, p, g.document) for g, p in pairs], config)
        else:
            by_part[part] = [scorer(g.gold, p, g.document, config) for g, p in pairs]
    return [DocumentScore(g.document.id, {part: by_part[part][i] for part, _ in scorers}) for i, (g, _) in enumerate(pairs)]


def _selected(scorers: tuple[tuple[str, Scorer], ...], parts: Sequence[str] | None) -> tuple[tuple[str, Scorer], ...]:
    if parts is None:
        return scorers
    wanted = (parts,) if isinstance(parts, str) else tuple(parts)
    known = [name for name, _ in scorers]
    unknown = [p for p in wanted if p not in known]
    if unknown:
        raise InputError(f"parts: unknown {', '.join(map(repr, unknown))}; expected some of {', '.join(known)}")
    if not wanted:
        raise InputError(f"parts: empty; name at least one of {', '.join(known)}")
    return tuple((name, s) for name, s in scorers if name in wanted)


def compare(result_a: "Result", result_b: "Result", method: str = "bootstrap", unit: str | None = None) -> "Comparison":
    """Paired test of B against A on every metric: :func:`evalkit.compare`, whose engine
    (:mod:`evalkit.reports.compare`) ``evalkit compare`` and ``evalkit check`` run too."""
    from ..reports.compare import compare as _compare

    return _compare(result_a, result_b, method, unit)


__all__ = [
    "BUCKETS",
    "Counts",
    "Explanation",
    "Mean",
    "PART_SCORERS",
    "PartScore",
    "STREAM_CHUNK",
    "ScoringConfig",
    "check_config",
    "compare",
    "part_scorers",
    "score",
    "score_document",
]
