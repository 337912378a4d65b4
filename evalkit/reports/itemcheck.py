"""Plain-Python checks of the report's repeated items, equal to the JSON Schema's rules.

A report holds, per extractor and document, tens of metrics and explanations — hundreds of
thousands of small objects for a few hundred documents, where a generic JSON Schema validator
spends seconds. :func:`validate_report` therefore checks the frame of the report with the
schema and these two item shapes here, with the same rules as :mod:`evalkit.reports.schema`
(tests compare the two on generated objects). Each check returns ``None`` or the first
problem as ``"json.path: message"``.
"""

from __future__ import annotations

from typing import Any

_BUCKETS = ("matched", "partial", "wrong_type", "missed", "spurious")
_EXPLANATION_REQUIRED = ("part", "bucket", "gold", "pred", "gold_text", "pred_text", "reason")
_EXPLANATION_KEYS = frozenset(
    (*_EXPLANATION_REQUIRED, "gold_span", "pred_span", "type_gold", "type_pred", "similarity", "contribution")
)
_METRIC_KEYS = frozenset(("kind", "counts", "values", "units"))
_COUNTS = {"prf": ("tp", "fp", "fn"), "mean": ("total", "n")}
_VALUES = {"prf": ("precision", "recall", "f1"), "mean": ("value",)}


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _integer(v: Any) -> bool:
    return _number(v) and (isinstance(v, int) or float(v).is_integer())


def _str_or_null(v: Any) -> bool:
    return v is None or isinstance(v, str)


def _exact_numbers(obj: Any, keys: tuple[str, ...], path: str, nullable: bool = False) -> str | None:
    if not isinstance(obj, dict):
        return f"{path}: must be an object"
    for k in keys:
        if k not in obj:
            return f"{path}: {k!r} is a required property"
        if not (_number(obj[k]) or (nullable and obj[k] is None)):
            return f"{path}.{k}: {obj[k]!r} is not of type {'number or null' if nullable else 'number'}"
    extra = sorted(set(obj) - set(keys))
    if extra:
        return f"{path}: unexpected property {extra[0]!r}"
    return None


def check_document_metric(m: Any, path: str) -> str | None:
    """A per-document metric: ``{kind, counts, values[, units]}`` with point values (``null``
    where undefined)."""
    if not isinstance(m, dict):
        return f"{path}: must be an object"
    if "kind" not in m:
        return f"{path}: 'kind' is a required property"
    kind = m["kind"]
    if not (isinstance(kind, str) and kind in ("prf", "mean")):
        return f"{path}.kind: {kind!r} is not 'prf' or 'mean'"
    for k in ("counts", "values"):
        if k not in m:
            return f"{path}: {k!r} is a required property"
    extra = sorted(set(m) - _METRIC_KEYS)
    if extra:
        return f"{path}: unexpected property {extra[0]!r}"
    problem = _exact_numbers(m["counts"], _COUNTS[kind], f"{path}.counts") or _exact_numbers(
        m["values"], _VALUES[kind], f"{path}.values", nullable=True
    )
    if problem:
        return problem
    if "units" in m and not (_integer(m["units"]) and m["units"] >= 0):
        return f"{path}.units: must be a non-negative integer"
    return None


def _span(v: Any) -> bool:
    if v is None:
        return True
    return isinstance(v, list) and len(v) == 2 and all(_integer(x) and x >= 0 for x in v)


def check_explanation(x: Any, path: str) -> str | None:
    """One explanation: the fields of :class:`~evalkit.scoring.base.Explanation` as plain data."""
    if not isinstance(x, dict):
        return f"{path}: must be an object"
    for k in _EXPLANATION_REQUIRED:
        if k not in x:
            return f"{path}: {k!r} is a required property"
    extra = sorted(set(x) - _EXPLANATION_KEYS)
    if extra:
        return f"{path}: unexpected property {extra[0]!r}"
    if not isinstance(x["part"], str):
        return f"{path}.part: must be a string"
    if not (isinstance(x["bucket"], str) and x["bucket"] in _BUCKETS):
        return f"{path}.bucket: {x['bucket']!r} is not one of {list(_BUCKETS)}"
    if not isinstance(x["reason"], str):
        return f"{path}.reason: must be a string"
    for k in ("gold", "pred", "gold_text", "pred_text", "type_gold", "type_pred"):
        if k in x and not _str_or_null(x[k]):
            return f"{path}.{k}: must be a string or null"
    for k in ("gold_span", "pred_span"):
        if k in x and not _span(x[k]):
            return f"{path}.{k}: must be null or [start, end] of non-negative integers"
    if "similarity" in x and not (x["similarity"] is None or _number(x["similarity"])):
        return f"{path}.similarity: must be a number or null"
    if "contribution" in x:
        c = x["contribution"]
        if not isinstance(c, dict):
            return f"{path}.contribution: must be an object"
        for k, v in c.items():
            if k not in ("tp", "fp", "fn"):
                return f"{path}.contribution: unexpected property {k!r}"
            if not _number(v):
                return f"{path}.contribution.{k}: must be a number"
    return None


def check_items(data: dict[str, Any]) -> str | None:
    """The first problem among every extractor's per-document metrics and explanations."""
    for i, e in enumerate(data.get("extractors", [])):
        for j, d in enumerate(e.get("documents", [])):
            base = f"$.extractors[{i}].documents[{j}]"
            for name, m in d.get("metrics", {}).items():
                problem = check_document_metric(m, f"{base}.metrics[{name!r}]")
                if problem:
                    return problem
            for k, x in enumerate(d.get("explanations", [])):
                problem = check_explanation(x, f"{base}.explanations[{k}]")
                if problem:
                    return problem
    return None


__all__ = ["check_document_metric", "check_explanation", "check_items"]
