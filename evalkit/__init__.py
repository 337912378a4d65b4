"""evalkit: score an extractor's structured summary of a news article against hand-written gold.

The public API is importable from here::

    import evalkit
    gold = evalkit.load_gold("gold/")
    result = evalkit.evaluate([evalkit.create("rules")], gold).results["rules"]

Every public name is imported in the ``TYPE_CHECKING`` block below — the one list of them, which
type checkers and editors read — and loaded on first use at run time (module ``__getattr__``,
PEP 562): :func:`__getattr__` reads that block from this file's source, as the stub-based lazy
loading of Scientific Python's SPEC 1 does. Importing evalkit therefore stays light, and heavy
dependencies (datasets, scipy, rouge-score, spaCy) load only when a function that needs them is
called, so ``evalkit --help`` stays fast.

Inter-annotator agreement is :func:`evalkit.agree.agree`: a function named like its module
cannot live at the top level (importing the module would replace it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # the public API: each name once
    from .cache import OutputCache
    from .corpus import from_dataset, to_dataset
    from .errors import EvalkitError, GoldError, InputError, PredictionError, RunError
    from .evaluation import Evaluation, evaluate
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
    "Evaluation",
    "EvalkitError",
    "ExtractionFailed",
    "Extractor",
    "ExtractorInfo",
    "GoldDocument",
    "GoldError",
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
    "ScoringConfig",
    "Span",
    "StructuredSummary",
    "Usage",
    "__version__",
    "compare",
    "create",
    "evaluate",
    "from_dataset",
    "load_gold",
    "run",
    "score",
    "summary_from_dict",
    "summary_to_dict",
    "to_dataset",
]

_lazy: dict[str, str] | None = None


def _public() -> dict[str, str]:
    """Public name → the module that defines it, read from the ``TYPE_CHECKING`` block."""
    global _lazy
    if _lazy is None:
        import ast
        from pathlib import Path

        tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
        block = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
        _lazy = {
            alias.asname or alias.name: f"{__name__}.{node.module}" if node.level else str(node.module)
            for node in block.body
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
    return _lazy


def __getattr__(name: str) -> Any:
    module = _public().get(name)
    if module is None:
        raise AttributeError(f"module 'evalkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
