"""Extractor back-ends and the registry that finds them.

The protocol lives in :mod:`evalkit.extractors.base`; :mod:`evalkit.extractors.registry` builds
extractors from spec strings (``rules``, ``spacy:en_core_web_sm``, ``command:./x --json``).
Nothing heavy is imported here: each back-end loads its own dependencies when created.
"""

from __future__ import annotations

from .base import ENTRY_POINT_GROUP, ExtractionFailed, Extractor, ExtractorFactory, ExtractorInfo

__all__ = ["ENTRY_POINT_GROUP", "ExtractionFailed", "Extractor", "ExtractorFactory", "ExtractorInfo"]
