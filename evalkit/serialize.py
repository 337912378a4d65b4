"""Structured summaries to and from plain JSON-able data.

This is the wire format of predictions (command and LLM extractors, the output cache, the
corpus) and of the report's item lists. Reading is strict about types and lenient about what
an extractor may leave out: ids are assigned when missing, a span may be a bare string (text
without offsets), and ``summary`` (one string) is accepted beside ``summaries``. Every problem
is reported with its JSON path, all at once.

What a value may be is the schema's (``evalkit schema prediction``), checked by
:func:`schema_problems` for every prediction however it arrives: an entity type outside
:data:`~evalkit.model.ENTITY_TYPES` (``CITY``, CoNLL's ``PER``), a number without a ``kind``
or with one outside :data:`~evalkit.model.NUMBER_KINDS`, a count, percentage or other numeric
kind whose value is no number (``"x"``), a qualifier outside :data:`~evalkit.model.QUALIFIERS` (``approximately``) would
otherwise be scored silently as wrong. Each unknown label is reported once, at its first
item, with how many items carry it and the valid set.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Iterable, Mapping

from .errors import PredictionError, Problem
from .fields import Presence, Shape, WireField, object_schema, parts, wire_fields
from .model import (
    ATTRIBUTION_KINDS,
    ENTITY_TYPES,
    NUMBER_KINDS,
    QUALIFIERS,
    Attribution,
    Document,
    Entity,
    NumberFact,
    Span,
    StructuredSummary,
)

#: CoNLL-2003 labels and what they correspond to here, for the hint in an error message.
CONLL_LABELS: Mapping[str, str] = {
    "PER": "PERSON",
    "LOC": "LOC or GPE (countries, cities)",
    "ORG": "ORG",
    "MISC": "NORP, EVENT, PRODUCT, WORK_OF_ART, LAW or LANGUAGE",
}
#: Qualifiers often written for the ones evalkit knows.
QUALIFIER_HINTS: Mapping[str, str] = {
    "approximately": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "almost": "nearly",
    "over": "more than",
    "under": "less than",
    "minimum": "at least",
    "maximum": "at most",
}


def span_to_dict(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.text}


#: How each shape is written (anything not listed is written as it is).
_WRITE: Mapping[Shape, Callable[[Any], Any]] = {
    Shape.SPAN: span_to_dict,
    Shape.SPANS: lambda spans: [span_to_dict(s) for s in spans],
    Shape.TEXTS: list,
    Shape.REFS: list,
}


def record_to_dict(record: Any) -> dict[str, Any]:
    """One entity, number fact or attribution as JSON-able data, its declared fields in order."""
    return {
        f.name: _WRITE.get(f.wire.shape, _same)(getattr(record, f.name)) for f in wire_fields(type(record))
    }


def _same(value: Any) -> Any:
    return value


def summary_to_dict(summary: StructuredSummary) -> dict[str, Any]:
    """A JSON-able dict; :func:`summary_from_dict` reads it back to an equal value."""
    out: dict[str, Any] = {
        name: [record_to_dict(r) for r in getattr(summary, name)] for name, _ in parts(StructuredSummary)
    }
    out["summaries"] = list(summary.summaries)
    return out


class _Reader:
    """Collects problems while reading, so that all of them are reported at once."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.where, None, f"{path}: {message}"))

    def string(self, obj: Mapping[str, Any], key: str, path: str, *, required: bool) -> str | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "is required")
            return None
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", f"must be a string, not {type(value).__name__}")
            return None
        return value

    def items(self, obj: Mapping[str, Any], key: str, path: str) -> list[Any]:
        value = obj.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"{path}.{key}" if path else key, f"must be a list, not {type(value).__name__}")
            return []
        return value

    def span(self, value: Any, path: str, *, required: bool) -> Span | None:
        if value is None:
            if required:
                self.fail(path, "is required")
            return None
        if isinstance(value, str):
            return Span(None, None, value)
        if not isinstance(value, Mapping):
            self.fail(path, f"must be an object or a string, not {type(value).__name__}")
            return None
        text = self.string(value, "text", path, required=True)
        start, end = value.get("start"), value.get("end")
        for name, off in (("start", start), ("end", end)):
            if off is not None and (isinstance(off, bool) or not isinstance(off, int) or off < 0):
                self.fail(f"{path}.{name}", f"must be a non-negative integer, not {off!r}")
                return None
        if (start is None) != (end is None):
            self.fail(path, "start and end must be given together")
            return None
        if start is not None and end is not None and end < start:
            self.fail(path, f"end {end} is before start {start}")
            return None
        if text is None:
            return None
        return Span(start, end, text)


def _number_or_string(r: _Reader, value: Any, path: str) -> int | float | str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        r.fail(path, f"must be a number or a string, not {type(value).__name__}")
        return None
    if isinstance(value, float) and not math.isfinite(value):
        r.fail(path, f"must be finite, not {value!r}")
        return None
    return value


def summary_from_dict(
    data: Any, *, where: str = "prediction", type_map: Mapping[str, str] | None = None
) -> StructuredSummary:
    """Read a structured summary, raising :class:`PredictionError` listing every problem.

    ``type_map`` renames entity types before they are checked (``{"PER": "PERSON"}``), for
    output written with another label set.
    """
    r = _Reader(where)
    type_map = {k.upper(): v.upper() for k, v in (type_map or {}).items()}
    if not isinstance(data, Mapping):
        raise PredictionError(
            Problem(where, None, f"expected a JSON object, got {type(data).__name__}")
        )
    known = {*(name for name, _ in parts(StructuredSummary)), "summaries", "summary"}
    for key in data:
        if key not in known:
            r.fail(str(key), f"unknown field (expected one of {', '.join(sorted(known))})")

    records: dict[str, tuple[Any, ...]] = {}
    for name, p in parts(StructuredSummary):
        found = []
        for i, node in enumerate(r.items(data, name, "")):
            path = f"{name}[{i}]"
            if not isinstance(node, Mapping):
                r.fail(path, "must be an object")
                continue
            values = read_record(r, p.record, node, path, f"{p.item[0]}{i + 1}")
            if _complete(r, p.record, values, path, type_map):
                found.append(p.record(**values))
        records[name] = tuple(found)

    summaries: list[str] = []
    if "summary" in data and data["summary"] is not None:
        if isinstance(data["summary"], str):
            summaries.append(data["summary"])
        else:
            r.fail("summary", "must be a string")
    for i, s in enumerate(r.items(data, "summaries", "")):
        if isinstance(s, str):
            summaries.append(s)
        else:
            r.fail(f"summaries[{i}]", "must be a string")

    if r.problems:
        raise PredictionError(r.problems)
    summary = StructuredSummary(**records, summaries=tuple(summaries))
    problems = schema_problems(summary, where)
    if problems:
        raise PredictionError(problems)
    return summary


def read_record(r: _Reader, cls: type, node: Mapping[str, Any], path: str, default_id: str) -> dict[str, Any]:
    """Every declared field of one record, read leniently by its shape (a problem is noted and
    the field read as missing); ids left out get ``default_id``."""
    values: dict[str, Any] = {}
    for f in wire_fields(cls):
        key, shape = f.name, f.wire.shape
        value: Any
        if shape is Shape.ID:
            value = r.string(node, key, path, required=False) or default_id
        elif shape is Shape.LABEL:
            value = r.string(node, key, path, required=False)
            if value is None and not f.optional:
                value = ""  # schema_problems names a missing label with the valid set
            if value is not None and f.wire.case:
                value = value.upper() if f.wire.case == "upper" else value.lower()
        elif shape is Shape.TEXT:
            value = r.string(node, key, path, required=False)
        elif shape in (Shape.TEXTS, Shape.REFS):
            value = tuple(v for v in r.items(node, key, path) if isinstance(v, str))
        elif shape is Shape.SPAN:
            value = r.span(node.get(key), f"{path}.{key}", required=f.wire.prediction is Presence.REQUIRED)
        elif shape is Shape.SPANS:
            spans = [r.span(m, f"{path}.{key}[{j}]", required=True) for j, m in enumerate(r.items(node, key, path))]
            value = tuple(s for s in spans if s is not None)
        else:
            value = _number_or_string(r, node.get(key), f"{path}.{key}")
        values[key] = value
    return values


def _complete(
    r: _Reader, cls: type, values: dict[str, Any], path: str, type_map: Mapping[str, str]
) -> bool:
    """The rules of the prediction format no shape states; True when the record can be built."""
    if cls is Entity:
        values["type"] = type_map.get(values["type"], values["type"])
        if values["name"] is None:
            if not values["mentions"]:
                r.fail(path, "needs a name or at least one mention")
                return False
            values["name"] = values["mentions"][0].text
    elif cls is NumberFact:
        if values["span"] is None and values["value"] is None:
            r.fail(path, "needs a value or a span")
            return False
    elif cls is Attribution:
        kind = values["kind"]
        if kind and kind not in ATTRIBUTION_KINDS:
            r.fail(f"{path}.kind", f"must be one of {', '.join(ATTRIBUTION_KINDS)}, not {kind!r}")
    return all(values[f.name] is not None for f in wire_fields(cls) if not f.optional)


def _value_readable(value: Any, kind: str) -> bool:
    """True unless the kind needs a numeric value (a count, a percentage, money…: the kinds
    gold must give as numbers) and the value is a string evalkit cannot read as a number
    (``"x"``; ``"twenty-five"`` reads as 25). Dates, times and identifiers may be any string:
    a wrong one scores as wrong, as any wrong value does."""
    if not isinstance(value, str):
        return True
    from .gold.loader import NUMERIC_KINDS
    from .numparse import parse_number

    return kind not in NUMERIC_KINDS or parse_number(value.strip()) is not None


#: The number fields holding values, checked to be readable for the number's kind.
_VALUE_FIELDS = tuple(f.name for f in wire_fields(NumberFact) if f.wire.shape is Shape.VALUE)


def schema_problems(summary: StructuredSummary, where: str = "prediction") -> list[Problem]:
    """Values outside the prediction schema, located by JSON path (see the module docstring).

    An unknown label is reported once, at its first item, with the number of items carrying it.
    """
    found: dict[tuple[str, str], list[str]] = {}

    def note(field: str, label: str, path: str) -> None:
        found.setdefault((field, label), []).append(path)

    for i, e in enumerate(summary.entities):
        if e.type not in ENTITY_TYPES:
            note("entity type", e.type, f"entities[{i}].type")
    for i, n in enumerate(summary.numbers):
        if n.kind not in NUMBER_KINDS:
            note("number kind", n.kind, f"numbers[{i}].kind")
        if n.qualifier is not None and n.qualifier not in QUALIFIERS:
            note("qualifier", n.qualifier, f"numbers[{i}].qualifier")
        for key in _VALUE_FIELDS:
            v = getattr(n, key)
            if v is not None and not _value_readable(v, n.kind):
                note(f"number {key}", str(v), f"numbers[{i}].{key}")
    problems = []
    for (field, label), paths in found.items():
        more = f" ({len(paths)} items)" if len(paths) > 1 else ""
        problems.append(Problem(where, None, f"{paths[0]}: {_describe(field, label, more)}"))
    conll = sorted(label for field, label in found if field == "entity type" and label in CONLL_LABELS)
    if conll:
        mapping = " ".join(f"--map-type {k}={CONLL_LABELS[k].split()[0]}" for k in conll if k not in ENTITY_TYPES)
        mapping = mapping.replace(",", "")
        problems.append(
            Problem(
                where,
                None,
                f"entity types {', '.join(conll)} look like CoNLL-2003 labels: "
                + "; ".join(f"{k} is {CONLL_LABELS[k]} here" for k in conll)
                + (f" (evalkit score {mapping})" if mapping else ""),
            )
        )
    return problems


def _describe(field: str, label: str, more: str) -> str:
    if field == "entity type":
        if not label:
            return f"an entity needs a type{more}, one of {', '.join(ENTITY_TYPES)}"
        return f"unknown entity type {label!r}{more}; expected one of {', '.join(ENTITY_TYPES)}"
    if field == "number kind":
        if not label:
            return f"a number needs a kind{more}, one of {', '.join(NUMBER_KINDS)}"
        return f"unknown number kind {label!r}{more}; expected one of {', '.join(NUMBER_KINDS)}"
    if field == "qualifier":
        hint = f" (did you mean {QUALIFIER_HINTS[label.lower()]!r}?)" if label.lower() in QUALIFIER_HINTS else ""
        return f"unknown qualifier {label!r}{more}{hint}; expected one of {', '.join(QUALIFIERS)}"
    return f"{field} {label!r}{more} is not a number or number words (e.g. 25, \"twenty-five\")"


def iter_spans(summary: StructuredSummary) -> Iterable[tuple[str, Span]]:
    """Every span in ``summary`` with its JSON path, in the order the fields are written."""
    for name, p in parts(StructuredSummary):
        spanned = [f for f in wire_fields(p.record) if f.wire.shape in (Shape.SPAN, Shape.SPANS)]
        for i, record in enumerate(getattr(summary, name)):
            for f in spanned:
                value = getattr(record, f.name)
                if f.wire.shape is Shape.SPANS:
                    for j, m in enumerate(value):
                        yield f"{name}[{i}].{f.name}[{j}]", m
                elif value is not None:
                    yield f"{name}[{i}].{f.name}", value


def span_problems(summary: StructuredSummary, document: Document, where: str) -> list[Problem]:
    """Problems with grounded spans: outside the text, or not matching it."""
    problems: list[Problem] = []
    n = len(document.text)
    for path, s in iter_spans(summary):
        if not s.grounded:
            continue
        assert s.start is not None and s.end is not None
        if s.end > n:
            problems.append(
                Problem(where, None, f"{path}: [{s.start}:{s.end}] lies outside the text ({n} characters)")
            )
        elif document.text[s.start : s.end] != s.text:
            found = document.text[s.start : s.end]
            problems.append(
                Problem(
                    where,
                    None,
                    f"{path}: {s.text[:60]!r} [{s.start}:{s.end}] does not match the text ({found[:60]!r})",
                )
            )
    return problems


def _property_schema(f: WireField, nullable: bool) -> dict[str, Any]:
    """The prediction format's JSON Schema of one field."""
    shape = f.wire.shape
    if shape is Shape.LABEL:
        return {"enum": [*f.wire.choices, None] if nullable else list(f.wire.choices)}
    if shape in (Shape.ID, Shape.TEXT):
        return {"type": ["string", "null"] if nullable else "string"}
    if shape in (Shape.TEXTS, Shape.REFS):
        return {"type": "array", "items": {"type": "string"}}
    if shape is Shape.SPAN:
        return {"oneOf": [{"$ref": "#/$defs/span"}, {"type": "null"}]} if nullable else {"$ref": "#/$defs/span"}
    if shape is Shape.SPANS:
        return {"type": "array", "items": {"$ref": "#/$defs/span"}}
    return {"type": ["number", "string", "null"] if nullable else ["number", "string"]}


def prediction_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the prediction wire format read by :func:`summary_from_dict`.

    Strict enough for an LLM's structured-output mode (every object closed); the reader itself
    is more lenient (bare-string spans, a single ``summary``).
    """
    span = {
        "type": "object",
        "additionalProperties": False,
        "required": ["text"],
        "properties": {
            "text": {"type": "string"},
            "start": {"type": ["integer", "null"], "minimum": 0},
            "end": {"type": ["integer", "null"], "minimum": 0},
        },
    }
    properties: dict[str, Any] = {
        name: {"type": "array", "items": object_schema(p.record, "prediction", _property_schema)}
        for name, p in parts(StructuredSummary)
    }
    properties["summaries"] = {"type": "array", "items": {"type": "string"}}
    properties["summary"] = {"type": ["string", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://evalkit.dev/schemas/prediction-1.json",
        "title": "evalkit structured summary (prediction wire format)",
        "type": "object",
        "additionalProperties": False,
        "$defs": {"span": span},
        "properties": properties,
    }
