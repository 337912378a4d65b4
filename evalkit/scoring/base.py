"""The values every part scorer produces, and the rules they share.

Every metric evalkit reports reduces to counts that can be summed over items and documents:

* a P/R/F1 metric is ``Counts(tp, fp, fn)`` (floats, so SemEval's partial credit of 0.5 fits:
  for a SemEval schema ``tp = COR + 0.5·PAR``, ``fp = ACT − tp``, ``fn = POS − tp``, which gives
  exactly nervaluate's precision ``tp/ACT`` and recall ``tp/POS``);
* a mean metric (ROUGE per document, content coverage) is ``Mean(total, n)``.

Because both are sums, corpus micro scores add counts before dividing, and bootstrap and
paired tests resample per-unit counts (documents in a corpus, items in a single document)
instead of re-scoring text — the sacrebleu recipe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence, Union

#: The parts of a structured summary, in report order (mentions are the entities' second view).
#: Each is scored by ``evalkit.scoring.<part>:score_<part>`` (:data:`evalkit.scoring.PART_SCORERS`).
PARTS: tuple[str, ...] = ("entities", "mentions", "numbers", "attributions", "summary")

#: Buckets every gold item and every prediction lands in, exactly one each.
BUCKETS: tuple[str, ...] = ("matched", "partial", "wrong_type", "missed", "spurious")


@dataclass(frozen=True)
class Counts:
    """True positives, false positives, false negatives: the sufficient statistics of P/R/F1.

    Zero-denominator rule (one answer, documented in docs/scoring.md): when there is nothing
    in gold and nothing predicted (``tp = fp = fn = 0``) precision, recall and F1 are all
    ``None`` — undefined, not 1.0: an extractor must not earn a perfect score on a type or a
    document that offers nothing to find. Otherwise a zero denominator gives 0.0 (scikit-learn's
    ``zero_division=0``): predicting nothing where gold has items is precision 0.
    """

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def empty(self) -> bool:
        return self.tp == 0 and self.fp == 0 and self.fn == 0

    @property
    def precision(self) -> float | None:
        if self.empty:
            return None
        d = self.tp + self.fp
        return self.tp / d if d else 0.0

    @property
    def recall(self) -> float | None:
        if self.empty:
            return None
        d = self.tp + self.fn
        return self.tp / d if d else 0.0

    @property
    def f1(self) -> float | None:
        if self.empty:
            return None
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else 0.0

    def as_stats(self) -> tuple[float, float, float]:
        return (self.tp, self.fp, self.fn)


@dataclass(frozen=True)
class Mean:
    """A mean over units: ``total / n``; the empty mean is ``None`` (nothing was scored)."""

    total: float = 0.0
    n: int = 0

    def __add__(self, other: "Mean") -> "Mean":
        return Mean(self.total + other.total, self.n + other.n)

    @property
    def value(self) -> float | None:
        return self.total / self.n if self.n else None

    def as_stats(self) -> tuple[float, float]:
        return (self.total, float(self.n))


Stat = Union[Counts, Mean]


@dataclass(frozen=True)
class Explanation:
    """Why one gold item or prediction scored as it did.

    ``gold``/``pred`` are item ids (``None`` for a miss or a spurious prediction); ``texts`` and
    spans are copied in so a report can show the item without the inputs. ``contribution`` is
    this item's share of the part's headline counts, so per-item bootstrap sums these.
    """

    part: str  # "entities" | "mentions" | "numbers" | "attributions"
    bucket: str  # one of BUCKETS
    gold: str | None
    pred: str | None
    gold_text: str | None
    pred_text: str | None
    reason: str
    gold_span: tuple[int, int] | None = None
    pred_span: tuple[int, int] | None = None
    type_gold: str | None = None
    type_pred: str | None = None
    similarity: float | None = None
    contribution: Counts = field(default_factory=Counts)


@dataclass(frozen=True)
class PartScore:
    """One part's result for one document.

    ``metrics`` maps a metric name to its statistic. Names are dotted and stable, as reports
    and the regression gate key on them: ``entities.strict``, ``mentions.partial``,
    ``numbers.lenient``, ``attributions.joint.overlap``, ``summary.rouge1.max``…; a per-type
    breakdown appends ``/TYPE`` (``mentions.strict/PERSON``).
    ``headline`` names the metric shown first for the part. ``raw`` keeps schema-specific
    counts (SemEval's COR/INC/PAR/MIS/SPU) for display; it never feeds a score.

    ``units`` (optional) holds, per metric, the per-item statistics (``Counts.as_stats()`` or
    ``Mean.as_stats()`` tuples) that sum to ``metrics[name]``: the resampling units of a
    single document's bootstrap interval. A metric without units falls back to the items'
    ``contribution`` when it is the headline; otherwise its interval within one document is
    just the point.
    """

    part: str
    headline: str
    metrics: Mapping[str, Stat]
    items: Sequence[Explanation] = ()
    raw: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    units: Mapping[str, tuple[tuple[float, ...], ...]] = field(default_factory=dict)
