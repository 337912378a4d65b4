"""evalkit: score an extractor's structured summary of a news article against hand-written gold.

The public API is importable from here; heavy dependencies (datasets, scipy, rouge-score,
spaCy) load only when a function that needs them is called, so ``evalkit --help`` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

#: Public names loaded on first use (module-level ``__getattr__``, PEP 562), so that importing
#: evalkit stays light: ``evalkit.score`` imports the scoring package only when touched.
_LAZY = {
    "score": ("evalkit.scoring", "score"),
    "compare": ("evalkit.scoring", "compare"),
    "ScoringConfig": ("evalkit.scoring.config", "ScoringConfig"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'evalkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
