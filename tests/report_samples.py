"""Reports made through the real path (scorer → build_report) from small hand-made inputs.

Shared by the report, gate and HTML tests. ``hostile_report`` carries every kind of text an
extractor could use to break a rendering: markup, quotes, a bidi override, control
characters, ``]]>``, and a very long span.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from evalkit.extractors.base import ExtractorInfo
from evalkit.model import Attribution, Document, Entity, GoldDocument, NumberFact, Span, StructuredSummary
from evalkit.reports.build import build_report
from evalkit.reports.model import Report
from evalkit.runner import ErrorRecord, ExtractorRun, RunOutput
from evalkit.scoring import score
from evalkit.scoring.config import ScoringConfig

HOSTILE = '<script>alert("x")</script> \'q\' \u202eevil\u202c ]]> \x00\x07\x1b[31m &amp; | *b* `c`'
FAST = ScoringConfig(bootstrap=200)


def span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def gold_document(doc_id: str, text: str, gold: StructuredSummary) -> GoldDocument:
    return GoldDocument(Document(doc_id, text), gold, path=f"gold/{doc_id}.yaml")


TEXT = (
    "Volodymyr Zelenskyy met Donald Trump in Kyiv on Wednesday. "
    "“We will not give up,” Zelenskyy said. About 25 people were killed, officials said."
)


def sample_gold(doc_id: str = "d1", text: str = TEXT) -> GoldDocument:
    g = StructuredSummary(
        entities=(
            Entity("e1", "PERSON", "Volodymyr Zelenskyy", (), (span(text, "Volodymyr Zelenskyy"), span(text, "Zelenskyy", 1))),
            Entity("e2", "PERSON", "Donald Trump", (), (span(text, "Donald Trump"),)),
            Entity("e3", "GPE", "Kyiv", (), (span(text, "Kyiv"),)),
        ),
        numbers=(NumberFact("n1", span(text, "25"), 25, "count", qualifier="about", quantifies="people killed"),),
        attributions=(
            Attribution("a1", "direct", span(text, "We will not give up,"), span(text, "Zelenskyy", 1), ("e1",), span(text, "said")),
        ),
        summaries=("Zelenskyy met Trump in Kyiv and said Ukraine would not give up.",),
    )
    return gold_document(doc_id, text, g)


def run_output(gold: Sequence[GoldDocument], runs: Mapping[str, tuple[ExtractorInfo, Mapping[str, object]]]) -> RunOutput:
    return RunOutput(
        documents=tuple(gold),
        runs={label: ExtractorRun(label, info, dict(outputs)) for label, (info, outputs) in runs.items()},
        timings={},
    )


def make_report(
    gold: Sequence[GoldDocument],
    runs: Mapping[str, tuple[ExtractorInfo, Mapping[str, object]]],
    config: ScoringConfig = FAST,
) -> Report:
    """Score every extractor's outputs (errors as empty predictions) and build the report."""
    output = run_output(gold, runs)
    results = {}
    for label, run in output.runs.items():
        preds = {g.document.id: o if isinstance(o, StructuredSummary) else StructuredSummary() for g in gold for o in [run.outputs.get(g.document.id)]}
        results[label] = score(list(gold), preds, config)
    return build_report(output, results)


def hostile_prediction(text: str) -> StructuredSummary:
    """Spans over real text but with hostile types, names and texts; one very long spurious span."""
    long_text = (HOSTILE + " ") * 3000
    return StructuredSummary(
        entities=(
            Entity("x1", HOSTILE, HOSTILE, (HOSTILE,), (Span(0, 9, "Volodymyr"),)),
            Entity("x2", "PERSON", "Donald Trump", (), (span(text, "Donald Trump"),)),
            Entity("x3", "GPE", "long", (), (Span(None, None, long_text),)),
        ),
        numbers=(NumberFact("x4", span(text, "25"), HOSTILE, "count", unit=HOSTILE),),
        attributions=(
            Attribution("x5", "direct", Span(None, None, HOSTILE), Span(None, None, HOSTILE), (), Span(None, None, HOSTILE)),
        ),
        summaries=(HOSTILE,),
    )


def hostile_report() -> Report:
    """Two extractors with hostile labels: one scored with hostile output, one that failed."""
    gold = [sample_gold("d1"), sample_gold(HOSTILE)]
    text = gold[0].document.text
    ok = ExtractorInfo(HOSTILE, HOSTILE, HOSTILE, {HOSTILE: HOSTILE})
    bad = ExtractorInfo("crashy", None, "1", {})
    return make_report(
        gold,
        {
            f"evil:{HOSTILE}": (ok, {"d1": hostile_prediction(text), HOSTILE: hostile_prediction(text)}),
            "crashy": (
                bad,
                {
                    "d1": ErrorRecord("crashy", "d1", "exception", HOSTILE, stderr_tail=HOSTILE + "\n]]>"),
                    HOSTILE: ErrorRecord("crashy", HOSTILE, "timeout", "took too long"),
                },
            ),
        },
    )


SIGNATURE = "evalkit:0.1.0|gold:000000000000|norm:default|match:hungarian|num-tol:written|content:token_f1@0.5|rouge:1,2,L,Lsum+stem|bs:200|seed:7"


def synthetic_report(
    extractors: Mapping[str, Sequence[tuple[float, float, float]]],
    signature: str = SIGNATURE,
    summary: Mapping[str, Sequence[float]] | None = None,
) -> Report:
    """A report written by hand: per extractor, the ``entities.strict`` counts of each document
    (documents ``doc0``, ``doc1``…) and optionally per-document ROUGE values (``summary.rougeL.max``).

    Corpus values are the micro values of the summed counts with a point-only interval; nothing
    is scored, so gate and compare tests control every number.
    """
    from evalkit.reports.model import Article, DocumentResult, Estimate, ExtractorReport, MetricScore
    from evalkit.scoring.base import Counts, Mean

    def prf(name: str, c: Counts, units: int = 1) -> MetricScore:
        vals = {"precision": c.precision, "recall": c.recall, "f1": c.f1}
        return MetricScore(name, "prf", c.as_stats(), {k: Estimate(v, v, v) for k, v in vals.items()}, units)

    def mean(name: str, m: Mean, units: int = 1) -> MetricScore:
        return MetricScore(name, "mean", m.as_stats(), {"value": Estimate(m.value, m.value, m.value)}, units)

    n_docs = max(len(v) for v in extractors.values())
    articles = tuple(Article(f"doc{i}", "0" * 64, f"text {i}", StructuredSummary()) for i in range(n_docs))
    reports = []
    for label, rows in extractors.items():
        docs = []
        total = Counts()
        total_mean = Mean()
        for i, row in enumerate(rows):
            c = Counts(*row)
            total = total + c
            metrics = {"entities.strict": prf("entities.strict", c)}
            if summary is not None:
                m = Mean(summary[label][i], 1)
                total_mean = total_mean + m
                metrics["summary.rougeL.max"] = mean("summary.rougeL.max", m)
            docs.append(DocumentResult(f"doc{i}", "scored", metrics))
        corpus = {"entities.strict": prf("entities.strict", total, len(rows))}
        headlines = {"entities": "entities.strict"}
        if summary is not None:
            corpus["summary.rougeL.max"] = mean("summary.rougeL.max", total_mean, len(rows))
            headlines["summary"] = "summary.rougeL.max"
        reports.append(ExtractorReport(label, ExtractorInfo(label), headlines, corpus, tuple(docs)))
    return Report(signature, {"bootstrap": 200, "seed": 7, "alpha": 0.05}, articles, tuple(reports), "0.1.0")
