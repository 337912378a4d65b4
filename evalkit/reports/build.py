"""Building a :class:`~evalkit.reports.model.Report` from a run and its scores.

The inputs are what :func:`evalkit.evaluation.evaluate` returns: the runner's ``RunOutput``
(per extractor and document, a prediction or an error record; timings kept apart) and one
scoring ``Result`` per extractor label. Everything the report holds comes from them — scores,
intervals and explanations are the scorer's, never recomputed here — and nothing that varies
between identical runs (time, host, durations) goes in: :func:`run_metadata` collects that for
``metadata.json``.
"""

from __future__ import annotations

import dataclasses
import platform
import sys
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..errors import InputError
from ..model import ExtractorInfo, StructuredSummary
from ..scoring.result import PARTS
from .model import (
    Article,
    DocumentResult,
    ErrorEntry,
    Estimate,
    ExtractorReport,
    MetricScore,
    Report,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..agree import Agreement
    from ..model import GoldDocument
    from ..runner import RunOutput
    from ..scoring.base import Explanation
    from ..scoring.result import Result


def build_report(output: "RunOutput", results: Mapping[str, "Result"]) -> Report:
    """The report of ``output`` scored as ``results`` (one ``Result`` per extractor label).

    Every extractor must have a result and all results one signature (same gold, same
    settings); raises :class:`InputError` otherwise.
    """
    from .. import __version__

    labels = list(output.runs)
    missing = [label for label in labels if label not in results]
    if missing:
        raise InputError(f"no scoring result for extractor(s) {', '.join(missing)}")
    signatures = {results[label].signature for label in labels}
    if len(signatures) > 1:
        raise InputError(f"the results of one run have different signatures: {sorted(signatures)}")
    first = results[labels[0]] if labels else None
    config = _config_dict(first.config) if first is not None else {}
    articles = tuple(
        Article(id=g.document.id, sha256=g.document.sha256, text=g.document.text, gold=g.gold, path=_portable(g.path))
        for g in output.documents
    )
    extractors = tuple(_extractor(output, label, results[label]) for label in labels)
    return Report(
        signature=first.signature if first is not None else "",
        config=config,
        documents=articles,
        extractors=extractors,
        evalkit_version=__version__,
    )


def predictions_output(
    gold: Sequence[Any], predictions: Mapping[str, tuple[Mapping[str, StructuredSummary], Any]]
) -> "RunOutput":
    """A run's output for predictions that were not produced by running an extractor —
    saved predictions (``evalkit score``), a second annotation (``evalkit agree``) — so their
    report is built exactly as a run's. ``predictions`` maps a label to the summaries by
    document id and the :class:`~evalkit.extractors.base.ExtractorInfo` that names their
    source. A document without a prediction becomes a ``missing`` error record, as in a run;
    there are no timings to report (all zero, and ``metadata.json`` is not written)."""
    from ..runner import ExtractorRun, ExtractorTiming, RunOutput

    runs = {}
    timings = {}
    for label, (summaries, info) in predictions.items():
        outputs = {g.document.id: summaries[g.document.id] for g in gold if g.document.id in summaries}
        runs[label] = ExtractorRun(label, info, outputs)
        timings[label] = ExtractorTiming(0.0, len(gold), 0, 0, 0)
    return RunOutput(tuple(gold), runs, timings)


def annotation_report(
    gold_a: Sequence["GoldDocument"], gold_b: Sequence["GoldDocument"], agreement: "Agreement", label: str, source: str | None = None
) -> Report:
    """The report of annotation B scored against annotation A (``evalkit agree --output``):
    B is one extractor ``label`` (``info.name`` ``annotation``, ``info.arg`` ``source``) whose
    predictions are B's gold summaries, scored as :func:`evalkit.agree.agree` scored them; so
    ``evalkit compare`` can set an extractor beside the annotators' agreement."""
    if agreement.b_vs_a_result is None:
        raise InputError("the agreement holds no result of B scored against A")
    summaries = {g.document.id: g.gold for g in gold_b}
    output = predictions_output(gold_a, {label: (summaries, ExtractorInfo("annotation", source))})
    return build_report(output, {label: agreement.b_vs_a_result})


def _portable(path: str) -> str:
    """A gold path as given, with ``/`` separators (the report must not depend on the OS)."""
    return path.replace("\\", "/")


def _config_dict(config: Any) -> dict[str, Any]:
    data = dataclasses.asdict(config)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def extractor_report(result: "Result", label: str = "", info: ExtractorInfo | None = None) -> ExtractorReport:
    """The scores of ``result`` as one extractor of a report: corpus metrics (counts, values,
    intervals), the headline of each part, and every document's metrics and explanations,
    each document ``scored``. Nothing is recomputed, so a paired comparison of two results
    and of their extractor reports gives the same numbers; what a run adds (predictions,
    error records, usage) is :func:`build_report`'s."""
    from ..scoring.result import kind_of, stat_values

    documents = []
    for d in result.documents:
        metrics: dict[str, MetricScore] = {}
        explanations: list[Explanation] = []
        for part_score in d.parts.values():
            for name, stat in part_score.metrics.items():
                metrics[name] = MetricScore(
                    name=name,
                    kind=kind_of(stat),
                    counts=tuple(float(x) for x in stat.as_stats()),
                    values={k: Estimate(v, v, v) for k, v in stat_values(stat).items()},
                )
            explanations.extend(part_score.items)
        documents.append(DocumentResult(d.doc_id, "scored", metrics, tuple(explanations)))
    return ExtractorReport(
        label=label,
        info=info or ExtractorInfo("result"),
        headlines={part: h.name for part in PARTS if (h := result.headline(part)) is not None},
        metrics={name: MetricScore.from_result(m) for name, m in result.metrics.items()},
        documents=tuple(documents),
    )


def _extractor(output: "RunOutput", label: str, result: "Result") -> ExtractorReport:
    """:func:`extractor_report` of ``result``, with the run's prediction, error record and
    usage per document (in the run's document order) and its prices."""
    from ..runner import ErrorRecord

    run = output.runs[label]
    scored = extractor_report(result, label, run.info)
    by_id = {d.id: d for d in scored.documents}
    documents = []
    for g in output.documents:
        doc_id = g.document.id
        outcome = run.outputs.get(doc_id)
        error = None
        if isinstance(outcome, ErrorRecord):
            error = ErrorEntry(outcome.document, outcome.kind, outcome.message, outcome.stderr_tail)
        elif outcome is None:
            error = ErrorEntry(doc_id, "missing", "the extractor produced nothing for this document")
        documents.append(
            dataclasses.replace(
                by_id.get(doc_id) or DocumentResult(doc_id, "scored", {}),
                status="error" if error is not None else "scored",
                prediction=outcome if isinstance(outcome, StructuredSummary) else None,
                error=error,
                usage=run.usage.get(doc_id),
            )
        )
    return dataclasses.replace(
        scored,
        documents=tuple(documents),
        price_in=None if run.pricing is None else run.pricing.price_in,
        price_out=None if run.pricing is None else run.pricing.price_out,
    )


def run_metadata(output: "RunOutput", argv: Sequence[str] | None = None) -> dict[str, Any]:
    """What varies between identical runs, for ``metadata.json``: time, host, durations."""
    from .. import __version__

    return {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "host": platform.node(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "evalkit_version": __version__,
        "argv": list(sys.argv if argv is None else argv),
        "timings": {
            label: {
                "seconds": t.seconds,
                "documents": t.documents,
                "extracted": t.extracted,
                "cached": t.cached,
                "errors": t.errors,
                "per_document": dict(t.per_document),
            }
            for label, t in output.timings.items()
        },
    }


__all__ = ["annotation_report", "build_report", "extractor_report", "predictions_output", "run_metadata"]
