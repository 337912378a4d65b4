"""Scoring: structured summaries against gold, part by part, with intervals and a signature.

``score(gold, predictions, config)`` is the one entry point; it runs every part scorer
(:data:`PART_SCORERS`, each a pure ``score_<part>(gold, pred, doc, config) -> PartScore``) on
every document and assembles a :class:`~evalkit.scoring.result.Result`. The rules are in
docs/scoring.md.
"""

from __future__ import annotations

import importlib
from numbers import Integral, Real
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from ..errors import InputError, Problem
from ..model import GoldDocument, StructuredSummary
from .base import BUCKETS, Counts, Explanation, Mean, PartScore
from .config import ScoringConfig

if TYPE_CHECKING:
    from ..reports.compare import Comparison
    from .result import DocumentScore, Result

#: Part scorers in report order: ``(part, "module:function")``, imported on first use.
PART_SCORERS: tuple[tuple[str, str], ...] = (
    ("entities", "evalkit.scoring.entities:score_entities"),
    ("mentions", "evalkit.scoring.mentions:score_mentions"),
    ("numbers", "evalkit.scoring.numbers:score_numbers"),
    ("attributions", "evalkit.scoring.attributions:score_attributions"),
    ("summary", "evalkit.scoring.summary:score_summary"),
)

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
    gold: GoldDocument | Sequence[GoldDocument],
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
    """
    import dataclasses

    from .result import assemble
    from .signature import make_signature
    from .units import resolve_unit

    check_config(config)
    golds = [gold] if isinstance(gold, GoldDocument) else list(gold)
    config = dataclasses.replace(config, unit=resolve_unit(config.unit, len(golds), config.alpha))
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for g in golds:
        if not isinstance(g, GoldDocument):
            raise InputError(f"gold: expected GoldDocument values, got {type(g).__name__}")
        if g.document.id in seen:
            problems.append(Problem(g.path, None, f"document id {g.document.id!r} is also used by {seen[g.document.id] or 'another gold document'}"))
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
        problems.append(Problem("predictions", None, f"document {doc_id!r} is not in the gold"))
    for doc_id, p in preds.items():
        if not isinstance(p, StructuredSummary):
            problems.append(Problem("predictions", None, f"document {doc_id!r}: expected a StructuredSummary, got {type(p).__name__}"))
    if problems:
        raise InputError(problems)
    scorers = _selected(part_scorers(), parts)
    empty = StructuredSummary()
    documents = _score_all([(g, preds.get(g.document.id, empty)) for g in golds], config, scorers)
    missing = [g.document.id for g in golds if g.document.id not in preds]
    texts = {g.document.id: g.document.text for g in golds}
    return assemble(documents, config, make_signature(golds, config), missing, texts)


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
    "ScoringConfig",
    "check_config",
    "compare",
    "part_scorers",
    "score",
    "score_document",
]
