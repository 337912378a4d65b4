"""Inter-annotator agreement: score one gold annotation of the same documents against another.

No extractor can be expected to agree with the gold more than two careful annotators agree
with each other, so the agreement is the ceiling a benchmark should publish next to its scores.

Annotation B is scored as if it were a prediction against A, and A against B, with the same
rules as any extractor (docs/scoring.md). For a P/R/F1 metric the *symmetric* F1 is the mean of
the two directions' F1 (they are equal wherever a metric's matching rule is symmetric — every
mention schema, entity names — and differ slightly where it is not: a number's tolerance comes
from the side taken as gold); for a mean metric (ROUGE) it is the mean of the two values.
Entity types of mentions with the same span are compared with Cohen's kappa (A as rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from .errors import InputError, Problem
from .model import GoldDocument
from .scoring.config import ScoringConfig

if TYPE_CHECKING:
    from .scoring.result import Result, TypeAgreement


@dataclass(frozen=True)
class AgreementMetric:
    """One metric in both directions and symmetrically.

    ``b_vs_a`` holds B's values scored against A as gold, ``a_vs_b`` the reverse; ``symmetric``
    is ``{"f1": …}`` for P/R/F1 metrics and ``{"value": …}`` for means.
    """

    name: str
    kind: str
    b_vs_a: Mapping[str, float | None]
    a_vs_b: Mapping[str, float | None]
    symmetric: Mapping[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        def plain(values: Mapping[str, float | None]) -> dict[str, float | None]:
            return {k: None if v is None else float(v) for k, v in values.items()}

        return {"kind": self.kind, "b_vs_a": plain(self.b_vs_a), "a_vs_b": plain(self.a_vs_b), "symmetric": plain(self.symmetric)}


@dataclass(frozen=True)
class Agreement:
    """Agreement of two annotations over the documents they share (all of them)."""

    documents: tuple[str, ...]
    metrics: Mapping[str, AgreementMetric]
    type_agreement: "TypeAgreement"
    signature: str
    #: B scored against A as gold: what a report of the agreement holds (``agree --output``).
    b_vs_a_result: "Result | None" = None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa of entity types on mentions with the same span (``None`` if undefined)."""
        return self.type_agreement.kappa

    def to_dict(self) -> dict[str, Any]:
        return {
            "signature": self.signature,
            "documents": list(self.documents),
            "kappa": None if self.kappa is None else float(self.kappa),
            "type_agreement": self.type_agreement.to_dict(),
            "metrics": {k: m.to_dict() for k, m in self.metrics.items()},
        }


def pair_documents(gold_a: Sequence[GoldDocument], gold_b: Sequence[GoldDocument]) -> list[tuple[GoldDocument, GoldDocument]]:
    """The two annotations' documents paired by id; raises :class:`InputError` unless both
    annotate exactly the same documents with the same texts."""
    by_id_b = {g.document.id: g for g in gold_b}
    ids_a = {g.document.id for g in gold_a}
    problems = []
    for g in gold_a:
        other = by_id_b.get(g.document.id)
        if other is None:
            problems.append(Problem(g.path, None, f"document {g.document.id!r} has no annotation in B"))
        elif other.document.sha256 != g.document.sha256:
            problems.append(
                Problem(other.path, None, f"document {g.document.id!r}: the text differs from A's ({g.path}); both must annotate the same text")
            )
    for g in gold_b:
        if g.document.id not in ids_a:
            problems.append(Problem(g.path, None, f"document {g.document.id!r} has no annotation in A"))
    if problems:
        raise InputError(problems)
    return [(g, by_id_b[g.document.id]) for g in gold_a]


def agree(
    gold_a: Sequence[GoldDocument],
    gold_b: Sequence[GoldDocument],
    config: ScoringConfig = ScoringConfig(),
) -> Agreement:
    """Score annotation B against A and A against B (see the module docstring)."""
    from .scoring import score

    pairs = pair_documents(gold_a, gold_b)
    if not pairs:
        raise InputError("no documents to compare")
    a_docs = [a for a, _ in pairs]
    b_docs = [b for _, b in pairs]
    b_vs_a = score(a_docs, {b.document.id: b.gold for b in b_docs}, config)
    a_vs_b = score(b_docs, {a.document.id: a.gold for a in a_docs}, config)
    return Agreement(
        documents=tuple(a.document.id for a in a_docs),
        metrics=_symmetric(b_vs_a, a_vs_b),
        type_agreement=b_vs_a.type_agreement,
        signature=b_vs_a.signature,
        b_vs_a_result=b_vs_a,
    )


def _symmetric(b_vs_a: "Result", a_vs_b: "Result") -> dict[str, AgreementMetric]:
    """Every metric of either direction, in report order; a metric that only one direction
    has (ROUGE when only one annotation wrote summaries) is 0.0 in the other for a mean (no
    summary agrees with none) and undefined for P/R/F1. ``symmetric`` averages the defined
    directions (``None`` when neither is)."""
    from .scoring.result import _sort_key, stat_values

    out = {}
    for name in sorted(set(b_vs_a.metrics) | set(a_vs_b.metrics), key=_sort_key):
        forward, backward = b_vs_a.metrics.get(name), a_vs_b.metrics.get(name)
        either = forward if forward is not None else backward
        assert either is not None
        empty = stat_values(type(either.stat)()) if either.kind == "prf" else {"value": 0.0}
        there = dict(forward.values) if forward is not None else empty
        back = dict(backward.values) if backward is not None else empty
        key = "f1" if either.kind == "prf" else "value"
        defined = [v for v in (there[key], back[key]) if v is not None]
        out[name] = AgreementMetric(name, either.kind, there, back, {key: sum(defined) / len(defined) if defined else None})
    return out


__all__ = ["Agreement", "AgreementMetric", "agree", "pair_documents"]
