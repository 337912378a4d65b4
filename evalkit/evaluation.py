"""Run extractors over gold and score them: the public API behind ``evalkit run``.

:func:`evaluate` returns an :class:`Evaluation`: the runner's :class:`~evalkit.runner.RunOutput`
(outputs, error records, timings) and one scoring ``Result`` per extractor label, which is all
a report needs. A document an extractor failed on is scored as an empty prediction — it costs
recall, as it would cost a user — so failing never improves a score.

:func:`evaluate_plan` does the same from a :class:`RunPlan` — extractor specs and options as
the command line and the configuration file give them, and gold paths — which is all
``evalkit run`` hands over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

from .extractors.base import Extractor
from .model import GoldDocument, StructuredSummary
from .runner import Executor, RunOutput, run
from .scoring.config import ScoringConfig

if TYPE_CHECKING:  # pragma: no cover
    from .cache import OutputCache
    from .scoring.result import Result

#: Seconds an extractor may spend on one document when nothing else is said.
DEFAULT_TIMEOUT = 60.0


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
    executor: Executor | None = None,
) -> Evaluation:
    """:func:`evalkit.runner.run` (on ``executor`` when given, e.g. a Dask cluster), then
    :func:`score_output` on what it produced."""
    output = run(extractors, corpus, workers=workers, cache=cache, timeout=timeout, progress=progress, executor=executor)
    return Evaluation(output, score_output(output, config))


@dataclass(frozen=True)
class RunPlan:
    """What to run: ``steps`` are ``("extractor", SPEC)`` and ``("option", [NAME.]KEY=VALUE)``
    in command-line order (an option belongs to the extractor before it, or to every
    extractor NAME); ``configured`` holds the configuration file's options per back-end
    (applied first). ``cache`` says whether to use the output cache in ``cache_dir`` (``None``:
    the default folder)."""

    steps: Sequence[tuple[str, str]]
    gold: Sequence[str] = ("gold",)
    configured: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    scoring: ScoringConfig = field(default_factory=ScoringConfig)
    timeout: float = DEFAULT_TIMEOUT
    workers: int = 1
    cache: bool = True
    cache_dir: str | None = None


def evaluate_plan(plan: RunPlan, *, progress: bool = False, executor: Executor | None = None) -> Evaluation:
    """Check the plan, load the gold, create the extractors and :func:`evaluate` them.

    Raises :class:`~evalkit.errors.RunError` when there is nothing to do (no extractor, no
    gold document) and :class:`~evalkit.errors.InputError` for a scoring setting that cannot
    be used — both before any extractor runs, so a bad setting never costs a run.
    """
    from .errors import RunError
    from .scoring import check_config

    if not any(kind == "extractor" for kind, _ in plan.steps):
        raise RunError("nothing to do: no extractors (give --extractor SPEC, or list them in [tool.evalkit.run] extractors)")
    check_config(plan.scoring)
    gold = load_corpus(plan.gold)
    extractors = create_extractors(plan.steps, plan.configured, plan.timeout)
    cache = None
    if plan.cache:
        from .cache import OutputCache

        cache = OutputCache(plan.cache_dir)
    return evaluate(
        extractors, gold, workers=plan.workers, cache=cache, timeout=plan.timeout,
        progress=progress, config=plan.scoring, executor=executor,
    )


def create_extractors(
    steps: Sequence[tuple[str, str]], configured: Mapping[str, Mapping[str, str]] | None = None, timeout: float = DEFAULT_TIMEOUT
) -> list[Extractor]:
    """Resolve specs and options (``configured`` first, then ``steps``) and create every
    extractor. ``timeout`` becomes the default ``timeout`` option of back-ends that declare
    one, so a back-end that enforces its own limit (an external program) uses the run's."""
    from .extractors.options import resolve, with_defaults
    from .extractors.registry import create, declared_options, load_factory

    extractors = []
    for r in resolve(steps, configured=configured):
        r = with_defaults(r, {"timeout": f"{timeout:g}"}, declared_options(load_factory(r.name)))
        extractors.append(create(r.spec, r.options))
    return extractors


def load_corpus(paths: Sequence[str]) -> list[GoldDocument]:
    """The gold of ``paths``; folders that hold no gold files at all mean there is nothing to
    do (:class:`~evalkit.errors.RunError`, exit 3), not bad input."""
    from pathlib import Path

    from .errors import RunError
    from .gold import GOLD_SUFFIXES, load_gold

    folders = [Path(p) for p in paths if Path(p).is_dir()]
    if len(folders) == len(paths) and not any(f.suffix in GOLD_SUFFIXES for d in folders for f in d.rglob("*")):
        raise RunError(f"nothing to do: no gold documents in {', '.join(map(str, paths))}")
    return load_gold(paths)


__all__ = [
    "DEFAULT_TIMEOUT",
    "Evaluation",
    "RunPlan",
    "create_extractors",
    "evaluate",
    "evaluate_plan",
    "load_corpus",
    "predictions_for_scoring",
    "score_output",
]
