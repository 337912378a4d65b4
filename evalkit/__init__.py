"""evalkit: score an extractor's structured summary of a news article against hand-written gold.

The public API is importable from here::

    import evalkit
    gold = evalkit.load_gold("gold/")
    result = evalkit.evaluate([evalkit.create("rules")], gold).results["rules"]

Every public name is imported in the ``TYPE_CHECKING`` block below — the one list of them, which
type checkers and editors read — and loaded on first use at run time (module ``__getattr__``,
PEP 562): :func:`evalkit.lazy.attach` reads that block from this file's source, as the
stub-based lazy loading of Scientific Python's SPEC 1 does. Importing evalkit therefore stays light, and heavy
dependencies (datasets, scipy, rouge-score, spaCy) load only when a function that needs them is
called, so ``evalkit --help`` stays fast.

Inter-annotator agreement is :func:`evalkit.agree.agree`: a function named like its module
cannot live at the top level (importing the module would replace it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import attach

__version__ = "0.1.0"

if TYPE_CHECKING:  # the public API: each name once
    from .cache import OutputCache
    from .corpus import from_dataset, to_dataset
    from .errors import EvalkitError, GoldError, InputError, PredictionError, RunError
    from .evaluation import Evaluation, RunPlan, evaluate, evaluate_plan
    from .extractors.base import ExtractionFailed, Extractor
    from .extractors.registry import create
    from .gold import load_gold
    from .model import (
        ATTRIBUTION_KINDS,
        ENTITY_TYPES,
        NUMBER_KINDS,
        QUALIFIERS,
        Attribution,
        Document,
        Entity,
        ExtractorInfo,
        GoldDocument,
        NumberFact,
        Span,
        StructuredSummary,
        Usage,
    )
    from .predictions import GroundingCounts, ScoredPredictions, score_predictions
    from .reports.compare import Comparison, MetricComparison, compare
    from .runner import RunOutput, run
    from .scoring import score
    from .scoring.config import ScoringConfig
    from .scoring.result import MetricResult, Result
    from .serialize import summary_from_dict, summary_to_dict

__all__ = [
    "ATTRIBUTION_KINDS",
    "Attribution",
    "Comparison",
    "Document",
    "ENTITY_TYPES",
    "Entity",
    "EvalkitError",
    "Evaluation",
    "ExtractionFailed",
    "Extractor",
    "ExtractorInfo",
    "GoldDocument",
    "GoldError",
    "GroundingCounts",
    "InputError",
    "MetricComparison",
    "MetricResult",
    "NUMBER_KINDS",
    "NumberFact",
    "OutputCache",
    "PredictionError",
    "QUALIFIERS",
    "Result",
    "RunError",
    "RunOutput",
    "RunPlan",
    "ScoredPredictions",
    "ScoringConfig",
    "Span",
    "StructuredSummary",
    "Usage",
    "__version__",
    "compare",
    "create",
    "evaluate",
    "evaluate_plan",
    "from_dataset",
    "load_gold",
    "run",
    "score",
    "score_predictions",
    "summary_from_dict",
    "summary_to_dict",
    "to_dataset",
]

__getattr__, __dir__ = attach(__name__, __file__, globals(), __all__)
