"""Run extractors over gold and score them: the public API behind ``evalkit run``.

:func:`evaluate` returns an :class:`Evaluation`: the runner's :class:`~evalkit.runner.RunOutput`
(outputs, error records, timings) and one scoring ``Result`` per extractor label, which is all
a report needs. A document an extractor failed on is scored as an empty prediction — it costs
recall, as it would cost a user — so failing never improves a score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

from .extractors.base import Extractor
from .model import GoldDocument, StructuredSummary
from .runner import RunOutput, run

if TYPE_CHECKING:  # pragma: no cover
    from .cache import OutputCache
    from .scoring.config import ScoringConfig
    from .scoring.result import Result


@dataclass(frozen=True)
class Evaluation:
    """A run and its scores: ``results`` maps each extractor label to the scorer's ``Result``."""

    output: RunOutput
    results: Mapping[str, Result] = field(default_factory=dict)


def predictions_for_scoring(output: RunOutput, label: str) -> dict[str, StructuredSummary]:
    """Every document's prediction for ``label``, the empty summary where the extractor failed."""
    outputs = output.runs[label].outputs
    return {
        d.document.id: o if isinstance(o := outputs.get(d.document.id), StructuredSummary) else StructuredSummary()
        for d in output.documents
    }


def score_output(output: RunOutput, config: ScoringConfig | None = None) -> dict[str, Result]:
    """Score every extractor of ``output`` against the gold it ran on."""
    from .scoring import score
    from .scoring.config import ScoringConfig

    config = config or ScoringConfig()
    gold = list(output.documents)
    return {label: score(gold, predictions_for_scoring(output, label), config) for label in output.labels}


def evaluate(
    extractors: Sequence[Extractor],
    corpus: Sequence[GoldDocument],
    *,
    workers: int = 1,
    cache: "OutputCache | None" = None,
    timeout: float | None = None,
    progress: bool = False,
    config: "ScoringConfig | None" = None,
) -> Evaluation:
    """:func:`evalkit.runner.run`, then :func:`score_output` on what it produced."""
    output = run(extractors, corpus, workers=workers, cache=cache, timeout=timeout, progress=progress)
    return Evaluation(output, score_output(output, config))


__all__ = ["Evaluation", "evaluate", "predictions_for_scoring", "score_output"]
