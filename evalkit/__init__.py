"""evalkit: score an extractor's structured summary of a news article against hand-written gold.

The public API is importable from here; heavy dependencies (datasets, scipy, rouge-score,
spaCy) load only when a function that needs them is called, so ``evalkit --help`` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"
