"""The JSON Schema of ``report.json`` (``evalkit schema report``), and validation against it.

Readers check a report against this schema before trusting it, so a missing, truncated or
foreign JSON file is refused with one located line instead of a ``KeyError`` deep inside a
renderer.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError, Problem

#: Incremented on any change a reader must know about; documented in docs/reports.md. The
#: report's typed values (:mod:`evalkit.reports.model`) are read and written against this
#: schema, so they import it; this module imports nothing of the report model.
REPORT_VERSION = 2

_NUM = {"type": "number"}
#: A value: ``null`` when undefined (nothing in gold, nothing predicted) or, for interval
#: ends, when no interval exists.
_VALUE = {"type": ["number", "null"]}
_STR_OR_NULL = {"type": ["string", "null"]}
_SPAN_PAIR = {
    "type": ["array", "null"],
    "items": {"type": "integer", "minimum": 0},
    "minItems": 2,
    "maxItems": 2,
}
_ESTIMATE = {
    "type": "object",
    "required": ["point", "low", "high"],
    "properties": {"point": _VALUE, "low": _VALUE, "high": _VALUE},
    "additionalProperties": False,
}


def _metric(corpus: bool) -> dict[str, Any]:
    value = _ESTIMATE if corpus else _VALUE
    prf: dict[str, Any] = {
        "type": "object",
        "required": ["kind", "counts", "values"],
        "properties": {
            "kind": {"const": "prf"},
            "counts": {
                "type": "object",
                "required": ["tp", "fp", "fn"],
                "properties": {"tp": _NUM, "fp": _NUM, "fn": _NUM},
                "additionalProperties": False,
            },
            "values": {
                "type": "object",
                "required": ["precision", "recall", "f1"],
                "properties": {"precision": value, "recall": value, "f1": value},
                "additionalProperties": False,
            },
            "units": {"type": "integer", "minimum": 0},
        },
        "additionalProperties": False,
    }
    mean: dict[str, Any] = {
        "type": "object",
        "required": ["kind", "counts", "values"],
        "properties": {
            "kind": {"const": "mean"},
            "counts": {
                "type": "object",
                "required": ["total", "n"],
                "properties": {"total": _NUM, "n": _NUM},
                "additionalProperties": False,
            },
            "values": {
                "type": "object",
                "required": ["value"],
                "properties": {"value": value},
                "additionalProperties": False,
            },
            "units": {"type": "integer", "minimum": 0},
        },
        "additionalProperties": False,
    }
    if corpus:
        for shape in (prf, mean):
            shape["required"] = [*shape["required"], "units"]
            shape["properties"]["reason"] = {"type": "string", "description": "why there is no interval"}
    # dispatch on "kind" with if/then/else rather than oneOf: one branch is checked, not both
    # (several times faster on large reports) and an error names the branch that applies
    return {
        "type": "object",
        "required": ["kind"],
        "if": {"properties": {"kind": {"const": "prf"}}},
        "then": prf,
        "else": mean,
    }


_ERROR = {
    "type": "object",
    "required": ["document", "kind", "message", "stderr_tail"],
    "properties": {
        "document": {"type": "string"},
        "kind": {"type": "string"},
        "message": {"type": "string"},
        "stderr_tail": {"type": "string"},
    },
    "additionalProperties": False,
}

_COUNT = {"type": "integer", "minimum": 0}
_USAGE_FIELDS = {"requests": _COUNT, "prompt_tokens": _COUNT, "completion_tokens": _COUNT}
_DOCUMENT_USAGE = {
    "type": "object",
    "required": list(_USAGE_FIELDS),
    "properties": _USAGE_FIELDS,
    "additionalProperties": False,
    "description": "what producing this output cost, as the back-end's service counted it",
}
_PRICE = {"type": ["number", "null"], "minimum": 0}
_EXTRACTOR_USAGE = {
    "type": "object",
    "required": [*_USAGE_FIELDS, "total_tokens", "price_in", "price_out", "cost"],
    "properties": {**_USAGE_FIELDS, "total_tokens": _COUNT, "price_in": _PRICE, "price_out": _PRICE, "cost": _PRICE},
    "additionalProperties": False,
    "description": "usage summed over the documents; cost at price_in/price_out per million tokens (null without prices)",
}

_EXPLANATION = {
    "type": "object",
    "required": ["part", "bucket", "gold", "pred", "gold_text", "pred_text", "reason"],
    "properties": {
        "part": {"type": "string"},
        "bucket": {"enum": ["matched", "partial", "wrong_type", "missed", "spurious"]},
        "gold": _STR_OR_NULL,
        "pred": _STR_OR_NULL,
        "gold_text": _STR_OR_NULL,
        "pred_text": _STR_OR_NULL,
        "reason": {"type": "string"},
        "gold_span": _SPAN_PAIR,
        "pred_span": _SPAN_PAIR,
        "type_gold": _STR_OR_NULL,
        "type_pred": _STR_OR_NULL,
        "similarity": {"type": ["number", "null"]},
        "contribution": {
            "type": "object",
            "properties": {"tp": _NUM, "fp": _NUM, "fn": _NUM},
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}


def report_schema(*, items: bool = True) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every ``report.json`` of this version satisfies.

    Structured summaries (gold and predictions) are kept open here: their own schema is
    ``evalkit schema prediction``, and :func:`~evalkit.serialize.summary_from_dict` checks them
    when a report is read. ``items=False`` leaves the per-document metrics and explanations
    open: :mod:`evalkit.reports.itemcheck` checks those, with the same rules, much faster.
    """
    document_metric = _metric(corpus=False) if items else {}
    explanation = _EXPLANATION if items else {}
    summary = {"type": "object", "description": "a structured summary (evalkit schema prediction)"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://evalkit.dev/schemas/report-1.json",
        "title": "evalkit report",
        "description": (
            "Canonical scores of one run: per extractor, corpus metrics with bootstrap confidence "
            "intervals, per-document counts, explanations and error records. Byte-identical for "
            "identical inputs; run time and host are in metadata.json beside it."
        ),
        "type": "object",
        "required": ["report_version", "evalkit_version", "signature", "config", "documents", "extractors"],
        "properties": {
            "report_version": {
                "const": REPORT_VERSION,
                "description": "format version; readers refuse versions they do not know",
            },
            "evalkit_version": {"type": "string"},
            "signature": {"type": "string", "description": "scoring signature: numbers compare only under equal signatures"},
            "config": {"type": "object", "description": "the scoring settings behind the signature"},
            "documents": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "sha256", "text", "gold"],
                    "properties": {
                        "id": {"type": "string"},
                        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                        "path": {"type": "string"},
                        "text": {"type": "string"},
                        "gold": summary,
                    },
                    "additionalProperties": False,
                },
            },
            "extractors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["label", "info", "headlines", "metrics", "documents", "errors"],
                    "properties": {
                        "label": {"type": "string"},
                        "info": {
                            "type": "object",
                            "required": ["name", "arg", "version", "options"],
                            "properties": {
                                "name": {"type": "string"},
                                "arg": _STR_OR_NULL,
                                "version": {"type": "string"},
                                "options": {"type": "object"},
                            },
                            "additionalProperties": False,
                        },
                        "headlines": {
                            "type": "object",
                            "additionalProperties": {"type": "string"},
                            "description": "part -> the metric shown first and gated by default",
                        },
                        "metrics": {"type": "object", "additionalProperties": _metric(corpus=True)},
                        "documents": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["id", "status", "metrics", "explanations", "prediction", "error"],
                                "properties": {
                                    "id": {"type": "string"},
                                    "status": {"enum": ["scored", "error"]},
                                    "metrics": {"type": "object", "additionalProperties": document_metric},
                                    "explanations": {"type": "array", "items": explanation},
                                    "prediction": {"oneOf": [summary, {"type": "null"}]},
                                    "error": {"oneOf": [_ERROR, {"type": "null"}]},
                                    "usage": _DOCUMENT_USAGE,
                                },
                                "additionalProperties": False,
                            },
                        },
                        "errors": {"type": "array", "items": _ERROR},
                        "usage": _EXTRACTOR_USAGE,
                    },
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
    }


def validate_report(data: Any, where: str = "report.json") -> None:
    """Raise :class:`InputError` (one located line) unless ``data`` satisfies the schema.

    The version is checked first so a report from another evalkit says so plainly; then the
    frame with the schema, then the many small items with :mod:`evalkit.reports.itemcheck`.
    """
    if not isinstance(data, dict):
        raise InputError(Problem(where, None, f"not an evalkit report (a JSON {type(data).__name__}, expected an object)"))
    if "report_version" not in data:
        raise InputError(Problem(where, None, "not an evalkit report (no report_version)"))
    if data["report_version"] != REPORT_VERSION:
        raise InputError(
            Problem(where, None, f"report_version {data['report_version']!r} is not supported (this evalkit reads {REPORT_VERSION})")
        )
    import jsonschema

    from .itemcheck import check_items

    validator = jsonschema.Draft202012Validator(_frame_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise InputError(Problem(where, None, f"not a valid evalkit report: {error.json_path}: {_short(error.message)}"))
    problem = check_items(data)
    if problem is not None:
        raise InputError(Problem(where, None, f"not a valid evalkit report: {_short(problem)}"))


def _short(message: str, limit: int = 160) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


_SCHEMA_CACHE: dict[str, dict[str, Any]] = {}


def _frame_schema() -> dict[str, Any]:
    if "frame" not in _SCHEMA_CACHE:
        _SCHEMA_CACHE["frame"] = report_schema(items=False)
    return _SCHEMA_CACHE["frame"]


__all__ = ["REPORT_VERSION", "report_schema", "validate_report"]
