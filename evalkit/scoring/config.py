"""Scoring settings: everything that changes a number, and so everything the signature records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoringConfig:
    """Settings of a scoring run. Two results are comparable only if these agree.

    ``number_rel_tol=None`` means the tolerance comes from the precision the gold value is
    written with (``4.3`` allows ±0.05); ``content_threshold`` is the content similarity at
    which an attribution's content counts as matched in ``overlap`` mode.
    ``min_overlap_percentage=None`` lets any shared character make two mention spans overlap;
    a number in (0, 100] asks, as nervaluate's option of that name does, that the shared
    characters be at least that percentage of the gold span. ``unit`` is what intervals and
    paired tests resample (:mod:`evalkit.scoring.units`): ``document``, ``sentence``, ``item``,
    or ``auto`` (``document`` from :func:`evalkit.stats.min_units` documents on, else ``item``;
    :func:`evalkit.scoring.score` resolves it).
    """

    profile: str = "default"
    number_rel_tol: float | None = None
    content_metric: str = "token_f1"  # "token_f1" | "rougeL"
    content_threshold: float = 0.5
    rouge_types: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeLsum")
    use_stemmer: bool = True
    min_overlap_percentage: float | None = None
    bootstrap: int = 1000
    seed: int = 12345
    alpha: float = 0.05
    unit: str = "auto"
