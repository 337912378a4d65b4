"""The report as typed values, and its exact correspondence with ``report.json``.

``report.json`` is the one artefact a run leaves behind; every rendering (terminal, Markdown,
JUnit, HTML) and every comparison (``evalkit compare``, ``evalkit check``) reads it back through
:func:`report_from_dict` and works on these frozen values — nothing is recomputed from texts.
:func:`report_to_dict` is the inverse; together they are lossless up to the 6-decimal rounding
of the canonical writer (:mod:`evalkit.reports.canonical`).

Layout (``report_version`` :data:`~evalkit.reports.schema.REPORT_VERSION`; the JSON Schema, which
this module reads against, is :func:`evalkit.reports.schema.report_schema`):

* ``signature``/``config`` — the scoring signature and the settings behind it;
* ``documents`` — every article: id, sha256, full text and gold summary (so the HTML renders
  from the report alone);
* ``extractors`` — per extractor, in run order: label, identity (:class:`ExtractorInfo`), the
  headline metric of each part, corpus metrics (micro: counts summed over documents, with
  bootstrap CIs), per-document metrics (counts, so paired tests can be recomputed), the
  prediction, per-item explanations, and the error records of failed documents; for back-ends
  that report what they cost (LLM endpoints), the tokens per document and, summed, per
  extractor with the cost at the given prices (``usage``; absent for the others).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from ..model import ExtractorInfo, StructuredSummary, Usage
from ..scoring.base import Counts, Explanation, Mean
from ..scoring.result import PARTS, explanation_dict
from ..stats import KIND_COUNTS, KIND_VALUES, PRIMARY_VALUE
from .schema import REPORT_VERSION, validate_report

if TYPE_CHECKING:
    from ..scoring.result import MetricResult


@dataclass(frozen=True)
class Estimate:
    """A value with its confidence interval; per-document values have ``low == high == point``.

    ``point`` is ``None`` when the value is undefined (nothing in gold, nothing predicted);
    ``low``/``high`` are ``None`` when there is no interval (``MetricScore.reason`` says why).
    """

    point: float | None
    low: float | None
    high: float | None

    @property
    def has_interval(self) -> bool:
        return self.low is not None and self.high is not None


@dataclass(frozen=True)
class MetricScore:
    """One metric: its kind, the counts it is computed from, and its values.

    ``counts`` are ``(tp, fp, fn)`` for ``kind="prf"`` and ``(total, n)`` for ``kind="mean"``;
    ``units`` is how many resampling units the interval is over, ``reason`` why there is no
    interval (``"not enough units (1 < 6)"``), if there is none.
    """

    name: str
    kind: str
    counts: tuple[float, ...]
    values: Mapping[str, Estimate]
    units: int = 1
    reason: str | None = None

    @property
    def part(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def primary(self) -> Estimate:
        """The statistic shown first and gated on: F1, or the mean's value."""
        return self.values[PRIMARY_VALUE[self.kind]]

    @property
    def stat(self) -> Counts | Mean:
        if self.kind == "prf":
            return Counts(*self.counts)
        return Mean(self.counts[0], int(self.counts[1]))

    @classmethod
    def from_result(cls, m: MetricResult) -> MetricScore:
        """A corpus metric of a scoring :class:`~evalkit.scoring.result.Result`: the same
        counts, values and interval ends, so a report and a result compare alike."""
        values = {}
        for k, v in m.values.items():
            low, high = m.ci.get(k, (v, v))
            values[k] = Estimate(None if v is None else float(v), _opt(low), _opt(high))
        return cls(m.name, m.kind, tuple(float(x) for x in m.stat.as_stats()), values, int(m.units), m.ci_reason)


@dataclass(frozen=True)
class ErrorEntry:
    """A document an extractor failed on: what kind of failure, and what it said."""

    document: str
    kind: str
    message: str
    stderr_tail: str = ""


@dataclass(frozen=True)
class DocumentResult:
    """One extractor on one document. ``status`` is ``"scored"`` or ``"error"``.

    A failed document is scored as an empty prediction (it costs recall, as it would cost a
    user) and carries its error record; ``prediction`` is then ``None``.
    """

    id: str
    status: str
    metrics: Mapping[str, MetricScore]
    explanations: tuple[Explanation, ...] = ()
    prediction: StructuredSummary | None = None
    error: ErrorEntry | None = None
    usage: Usage | None = None


@dataclass(frozen=True)
class ExtractorReport:
    """Everything one extractor got: corpus metrics, per-document results, errors."""

    label: str
    info: ExtractorInfo
    headlines: Mapping[str, str]
    metrics: Mapping[str, MetricScore]
    documents: tuple[DocumentResult, ...]
    #: Prices per million prompt/completion tokens, when the run was given them.
    price_in: float | None = None
    price_out: float | None = None

    @property
    def usage(self) -> Usage | None:
        """Tokens summed over the documents, or ``None`` when the back-end reported none."""
        spent = [d.usage for d in self.documents if d.usage is not None]
        return sum(spent, Usage()) if spent else None

    @property
    def cost(self) -> float | None:
        """The cost of :attr:`usage` at the run's prices, or ``None`` without prices or usage."""
        usage = self.usage
        if usage is None or self.price_in is None or self.price_out is None:
            return None
        return usage.cost(self.price_in, self.price_out)

    def usage_text(self) -> str | None:
        """One line on what the outputs cost (tokens, requests, and the cost when priced), or
        ``None`` for a back-end that reports no usage."""
        from .text import format_cost

        usage = self.usage
        if usage is None:
            return None
        line = (
            f"{usage.total_tokens:,} tokens ({usage.prompt_tokens:,} prompt + {usage.completion_tokens:,} completion) "
            f"in {usage.requests:,} request{'s' if usage.requests != 1 else ''}"
        )
        cost = self.cost
        if cost is not None:
            line += f"; cost {format_cost(cost)} at {self.price_in:g}/{self.price_out:g} per million tokens"
        return line

    @property
    def errors(self) -> tuple[ErrorEntry, ...]:
        return tuple(d.error for d in self.documents if d.error is not None)

    def document(self, doc_id: str) -> DocumentResult | None:
        for d in self.documents:
            if d.id == doc_id:
                return d
        return None

    def headline_metrics(self) -> Iterator[tuple[str, MetricScore]]:
        """``(part, metric)`` for each part, in :data:`PARTS` order, whose headline metric was scored."""
        for part in PARTS:
            name = self.headlines.get(part)
            m = self.metrics.get(name) if name else None
            if m is not None:
                yield part, m


@dataclass(frozen=True)
class Article:
    """A document of the corpus: its text and gold, copied in so the report stands alone."""

    id: str
    sha256: str
    text: str
    gold: StructuredSummary
    path: str = ""


@dataclass(frozen=True)
class Report:
    """A whole run's scores; the content of ``report.json``."""

    signature: str
    config: Mapping[str, Any]
    documents: tuple[Article, ...]
    extractors: tuple[ExtractorReport, ...]
    evalkit_version: str = ""
    report_version: int = REPORT_VERSION

    def extractor(self, label: str) -> ExtractorReport | None:
        for e in self.extractors:
            if e.label == label:
                return e
        return None

    def article(self, doc_id: str) -> Article | None:
        for a in self.documents:
            if a.id == doc_id:
                return a
        return None


# --- to and from plain data ------------------------------------------------------------------


def report_to_dict(report: Report) -> dict[str, Any]:
    """The plain JSON-able form of ``report`` (the canonical writer fixes order and floats)."""
    from ..serialize import summary_to_dict

    return {
        "report_version": report.report_version,
        "evalkit_version": report.evalkit_version,
        "signature": report.signature,
        "config": dict(report.config),
        "documents": [
            {
                "id": a.id,
                "sha256": a.sha256,
                "path": a.path,
                "text": a.text,
                "gold": summary_to_dict(a.gold),
            }
            for a in report.documents
        ],
        "extractors": [_extractor_to_dict(e) for e in report.extractors],
    }


def _usage_to_dict(u: Usage) -> dict[str, int]:
    return {"requests": u.requests, "prompt_tokens": u.prompt_tokens, "completion_tokens": u.completion_tokens}


def _document_to_dict(d: DocumentResult) -> dict[str, Any]:
    from ..serialize import summary_to_dict

    out: dict[str, Any] = {
        "id": d.id,
        "status": d.status,
        "metrics": {n: _metric_to_dict(m, corpus=False) for n, m in d.metrics.items()},
        "explanations": [explanation_dict(x) for x in d.explanations],
        "prediction": None if d.prediction is None else summary_to_dict(d.prediction),
        "error": None if d.error is None else _error_to_dict(d.error),
    }
    if d.usage is not None:
        out["usage"] = _usage_to_dict(d.usage)
    return out


def _extractor_to_dict(e: ExtractorReport) -> dict[str, Any]:
    out = {
        "label": e.label,
        "info": {
            "name": e.info.name,
            "arg": e.info.arg,
            "version": e.info.version,
            "options": {str(k): v for k, v in e.info.options.items()},
        },
        "headlines": dict(e.headlines),
        "metrics": {name: _metric_to_dict(m, corpus=True) for name, m in e.metrics.items()},
        "documents": [_document_to_dict(d) for d in e.documents],
        "errors": [_error_to_dict(x) for x in e.errors],
    }
    usage = e.usage
    if usage is not None:
        totals: dict[str, float | None] = {
            **_usage_to_dict(usage),
            "total_tokens": usage.total_tokens,
            "price_in": e.price_in,
            "price_out": e.price_out,
            "cost": e.cost,
        }
        out["usage"] = totals
    return out


def _metric_to_dict(m: MetricScore, *, corpus: bool) -> dict[str, Any]:
    counts: dict[str, float | int] = {k: float(c) for k, c in zip(KIND_COUNTS[m.kind], m.counts)}
    if m.kind == "mean":
        counts["n"] = int(round(counts["n"]))  # a count of units, always written as an integer
    out: dict[str, Any] = {"kind": m.kind, "counts": counts}
    if corpus:
        out["values"] = {k: {"point": _opt(v.point), "low": _opt(v.low), "high": _opt(v.high)} for k, v in m.values.items()}
        out["units"] = int(m.units)
        if m.reason is not None:
            out["reason"] = m.reason
    else:
        out["values"] = {k: _opt(v.point) for k, v in m.values.items()}
    return out


def _opt(x: float | None) -> float | None:
    return None if x is None else float(x)


def _error_to_dict(e: ErrorEntry) -> dict[str, Any]:
    return {"document": e.document, "kind": e.kind, "message": e.message, "stderr_tail": e.stderr_tail}


def report_from_dict(data: Any, where: str = "report.json") -> Report:
    """Read a report, checking it against the schema first.

    Raises :class:`InputError` with one located line (``where: $.extractors[0].label: …``) when
    ``data`` is not a report of a version this evalkit reads.
    """
    validate_report(data, where)
    from ..serialize import summary_from_dict

    documents = tuple(
        Article(
            id=a["id"],
            sha256=a["sha256"],
            text=a["text"],
            gold=summary_from_dict(a["gold"], where=f"{where}: documents[{i}].gold"),
            path=a.get("path", ""),
        )
        for i, a in enumerate(data["documents"])
    )
    extractors = tuple(_extractor_from_dict(e, f"{where}: extractors[{i}]") for i, e in enumerate(data["extractors"]))
    return Report(
        signature=data["signature"],
        config=data["config"],
        documents=documents,
        extractors=extractors,
        evalkit_version=data.get("evalkit_version", ""),
        report_version=data["report_version"],
    )


def _extractor_from_dict(e: Mapping[str, Any], where: str) -> ExtractorReport:
    from ..serialize import summary_from_dict

    info = e["info"]
    docs = []
    for j, d in enumerate(e["documents"]):
        err = d.get("error")
        pred = d.get("prediction")
        docs.append(
            DocumentResult(
                id=d["id"],
                status=d["status"],
                metrics={n: _metric_from_dict(n, m) for n, m in d["metrics"].items()},
                explanations=tuple(explanation_from_dict(x) for x in d["explanations"]),
                prediction=None if pred is None else summary_from_dict(pred, where=f"{where}.documents[{j}].prediction"),
                error=None if err is None else ErrorEntry(**err),
                usage=None if d.get("usage") is None else Usage(**d["usage"]),
            )
        )
    totals = e.get("usage") or {}
    return ExtractorReport(
        label=e["label"],
        info=ExtractorInfo(info["name"], info.get("arg"), info.get("version", "0"), info.get("options", {})),
        headlines=e["headlines"],
        metrics={n: _metric_from_dict(n, m) for n, m in e["metrics"].items()},
        documents=tuple(docs),
        price_in=totals.get("price_in"),
        price_out=totals.get("price_out"),
    )


def _metric_from_dict(name: str, m: Mapping[str, Any]) -> MetricScore:
    kind = m["kind"]
    counts = tuple(float(m["counts"][k]) for k in KIND_COUNTS[kind])
    values = {}
    for k in KIND_VALUES[kind]:
        v = m["values"][k]
        if isinstance(v, Mapping):
            values[k] = Estimate(_opt(v["point"]), _opt(v["low"]), _opt(v["high"]))
        else:
            values[k] = Estimate(_opt(v), _opt(v), _opt(v))
    return MetricScore(name, kind, counts, values, int(m.get("units", 1)), m.get("reason"))


def explanation_from_dict(x: Mapping[str, Any]) -> Explanation:
    """An explanation read back: the inverse of :func:`evalkit.scoring.result.explanation_dict`."""
    c = x.get("contribution") or {}
    return Explanation(
        part=x["part"],
        bucket=x["bucket"],
        gold=x.get("gold"),
        pred=x.get("pred"),
        gold_text=x.get("gold_text"),
        pred_text=x.get("pred_text"),
        reason=x.get("reason", ""),
        gold_span=None if x.get("gold_span") is None else (int(x["gold_span"][0]), int(x["gold_span"][1])),
        pred_span=None if x.get("pred_span") is None else (int(x["pred_span"][0]), int(x["pred_span"][1])),
        type_gold=x.get("type_gold"),
        type_pred=x.get("type_pred"),
        similarity=x.get("similarity"),
        contribution=Counts(float(c.get("tp", 0)), float(c.get("fp", 0)), float(c.get("fn", 0))),
    )


__all__ = [
    "Article",
    "DocumentResult",
    "ErrorEntry",
    "Estimate",
    "ExtractorReport",
    "MetricScore",
    "Report",
    "explanation_from_dict",
    "report_from_dict",
    "report_to_dict",
]
