"""Saved predictions: read them from files, ground their text-only spans, score them.

The public API behind ``evalkit score GOLD PRED``. Predictions come as

* a JSON file holding an object that maps document ids to structured summaries (the prediction
  format of ``evalkit schema prediction``), or a single structured summary when the gold has
  one document;
* a folder of ``<document id>.json`` files;
* a JSON Lines file (``.jsonl``) with one document per line:
  ``{"id": "<document id>", "entities": [...], ...}``.

Every value outside the prediction schema is a located problem (``file:line`` for JSON Lines).
Saved predictions are then checked exactly as ``evalkit run`` checks an extractor's output:
spans given as text only (how an LLM answers) are located in the document by the same function
(:func:`evalkit.grounding.ground`), and grounded spans must match the text — so the same
predictions get the same scores through ``score`` and ``run``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from .errors import InputError, Problem
from .model import GoldDocument, StructuredSummary

if TYPE_CHECKING:
    from .reports.model import Report
    from .scoring.config import ScoringConfig
    from .scoring.result import Result

#: Top-level keys of a structured summary: a JSON object holding only these is one prediction.
SUMMARY_KEYS = frozenset({"entities", "numbers", "attributions", "summaries", "summary"})


@dataclass(frozen=True)
class GroundingCounts:
    """How the spans of a set of predictions got their offsets: ``given`` had them already;
    the others were grounded ``exact``-ly, after normalisation, fuzzily, or not at all."""

    given: int = 0
    exact: int = 0
    normalised: int = 0
    fuzzy: int = 0
    unresolved: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"given": self.given, "exact": self.exact, "normalised": self.normalised, "fuzzy": self.fuzzy, "unresolved": self.unresolved}

    def line(self) -> str:
        """``spans: 12 with offsets; text-only: 30 grounded exactly, 2 after normalisation, …``."""
        return (
            f"spans: {self.given} with offsets; text-only: {self.exact} grounded exactly, "
            f"{self.normalised} after normalisation, {self.fuzzy} fuzzily, {self.unresolved} not at all"
        )


@dataclass(frozen=True)
class ScoredPredictions:
    """Saved predictions scored against gold: the gold, the grounded predictions by document
    id, how their spans were grounded, and the scoring :class:`~evalkit.scoring.result.Result`."""

    gold: tuple[GoldDocument, ...]
    predictions: Mapping[str, StructuredSummary]
    grounding: GroundingCounts
    result: Result

    def report(self, label: str, source: str | None = None) -> Report:
        """The run report of these predictions as one extractor ``label`` (``source`` names
        the file they came from): the ``report.json`` that ``evalkit compare`` and ``check``
        read, as a run would write it."""
        from .model import ExtractorInfo
        from .reports.writer import scored_report

        info = ExtractorInfo("predictions", source)
        return scored_report(self.gold, {label: (self.predictions, info)}, {label: self.result})


def score_predictions(
    gold: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Sequence[GoldDocument],
    predictions: str | os.PathLike[str],
    config: ScoringConfig | None = None,
    *,
    type_map: Mapping[str, str] | None = None,
) -> ScoredPredictions:
    """Read the predictions file or folder ``predictions``, ground its text-only spans against
    ``gold`` (gold documents, or gold files or folders to load) and score them.

    ``type_map`` renames predicted entity types before they are checked (``{"PER":
    "PERSON"}``). Raises :class:`~evalkit.errors.InputError` listing every located problem.
    """
    from .scoring import score
    from .scoring.config import ScoringConfig

    documents = _gold_documents(gold)
    read = load_predictions(predictions, [g.document.id for g in documents], type_map)
    grounded, counts = ground_predictions(read, documents, str(predictions))
    result = score(documents, grounded, config or ScoringConfig())
    return ScoredPredictions(tuple(documents), grounded, counts, result)


def _gold_documents(gold: Any) -> list[GoldDocument]:
    if isinstance(gold, (str, os.PathLike)):
        from .gold import load_gold

        return load_gold(gold)
    items = list(gold)
    if items and all(isinstance(g, GoldDocument) for g in items):
        return items
    from .gold import load_gold

    return load_gold(items)


def load_predictions(
    path: str | os.PathLike[str], gold_ids: Sequence[str], type_map: Mapping[str, str] | None = None
) -> dict[str, StructuredSummary]:
    """Read predictions (see the module docstring) into ``{document id: StructuredSummary}``;
    every value outside the prediction schema is a located problem (``type_map`` renames
    entity types first). ``gold_ids`` lets one summary stand for a one-document gold."""
    from .serialize import summary_from_dict

    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*.json"))
        if not files:
            raise InputError(Problem(str(p), None, "no prediction files (*.json) in this folder"))
        data: dict[str, Any] = {f.stem: _read_json(f) for f in files}
        sources = {f.stem: str(f) for f in files}
    elif p.suffix == ".jsonl" and p.is_file():
        data, sources = read_jsonl(p)
    elif p.exists():
        data = _read_json(p)
        if not isinstance(data, dict):
            raise InputError(Problem(str(p), None, f"expected a JSON object, got {type(data).__name__}"))
        if len(gold_ids) == 1 and data and set(data) <= SUMMARY_KEYS and gold_ids[0] not in data:
            data = {gold_ids[0]: data}
        sources = {k: f"{p}:{k}" for k in data}
    else:
        raise InputError(Problem(str(p), None, "no such file or folder"))
    problems: list[Problem] = []
    out = {}
    for doc_id, value in data.items():
        try:
            out[doc_id] = summary_from_dict(value, where=sources[doc_id], type_map=dict(type_map) if type_map else None)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return out


def read_jsonl(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """One prediction per line of a JSON Lines file: ``{document id: summary dict}`` and, per
    id, its location ``path:line``. Blank lines are skipped; a line that is not a JSON object
    with a string ``id``, or repeats an id, is one located problem (all are reported)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(str(path), None, f"cannot read: {exc}")) from None
    data: dict[str, Any] = {}
    sources: dict[str, str] = {}
    problems = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(str(path), lineno, f"not valid JSON: {exc.msg} (column {exc.colno})"))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(str(path), lineno, f"expected a JSON object, got {type(obj).__name__}"))
            continue
        doc_id = obj.pop("id", None)
        if not isinstance(doc_id, str) or not doc_id:
            problems.append(Problem(str(path), lineno, 'needs "id": the document id as a string'))
        elif doc_id in data:
            problems.append(Problem(str(path), lineno, f"document {doc_id!r} again (first at {sources[doc_id]})"))
        else:
            data[doc_id] = obj
            sources[doc_id] = f"{path}:{lineno}"
    if problems:
        raise InputError(problems)
    if not data:
        raise InputError(Problem(str(path), None, "no predictions (every line is blank)"))
    return data, sources


def ground_predictions(
    predictions: Mapping[str, StructuredSummary], gold: Sequence[GoldDocument], where: str
) -> tuple[dict[str, StructuredSummary], GroundingCounts]:
    """Ground text-only spans as ``evalkit run`` does, and check every grounded span.

    Returns the grounded predictions and how their spans were grounded. A prediction for a
    document that is not in the gold is passed on untouched (scoring names it). Raises
    :class:`InputError` listing every span whose offsets do not match the text (``where`` is
    the predictions' location in the messages).
    """
    from .grounding import STATUSES, ground
    from .serialize import span_problems

    documents = {g.document.id: g.document for g in gold}
    counts = {"given": 0, **dict.fromkeys(STATUSES, 0)}
    out = {}
    problems = []
    for doc_id, summary in predictions.items():
        document = documents.get(doc_id)
        if document is None:
            out[doc_id] = summary
            continue
        grounded, report = ground(summary, document)
        counts["given"] += report.given
        for status, n in report.counts.items():
            counts[status] += n
        problems.extend(span_problems(grounded, document, f"{where}:{doc_id}"))
        out[doc_id] = grounded
    if problems:
        raise InputError(problems)
    return out, GroundingCounts(**counts)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(str(path), None, f"cannot read: {exc}")) from None
    except json.JSONDecodeError as exc:
        raise InputError(Problem(str(path), exc.lineno, f"not valid JSON: {exc.msg}")) from None


__all__ = [
    "GroundingCounts",
    "ScoredPredictions",
    "ground_predictions",
    "load_predictions",
    "read_jsonl",
    "score_predictions",
]
