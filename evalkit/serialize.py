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
from typing import Any, Iterable, Mapping

from .errors import PredictionError, Problem
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


def summary_to_dict(summary: StructuredSummary) -> dict[str, Any]:
    """A JSON-able dict; :func:`summary_from_dict` reads it back to an equal value."""
    return {
        "entities": [
            {
                "id": e.id,
                "type": e.type,
                "name": e.name,
                "aliases": list(e.aliases),
                "mentions": [span_to_dict(m) for m in e.mentions],
            }
            for e in summary.entities
        ],
        "numbers": [
            {
                "id": n.id,
                "span": span_to_dict(n.span),
                "value": n.value,
                "kind": n.kind,
                "unit": n.unit,
                "qualifier": n.qualifier,
                "quantifies": n.quantifies,
                "value_max": n.value_max,
            }
            for n in summary.numbers
        ],
        "attributions": [
            {
                "id": a.id,
                "kind": a.kind,
                "source": span_to_dict(a.source),
                "source_entities": list(a.source_entities),
                "cue": span_to_dict(a.cue),
                "content": span_to_dict(a.content),
            }
            for a in summary.attributions
        ],
        "summaries": list(summary.summaries),
    }


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
    known = {"entities", "numbers", "attributions", "summaries", "summary"}
    for key in data:
        if key not in known:
            r.fail(str(key), f"unknown field (expected one of {', '.join(sorted(known))})")

    entities: list[Entity] = []
    for i, e in enumerate(r.items(data, "entities", "")):
        path = f"entities[{i}]"
        if not isinstance(e, Mapping):
            r.fail(path, "must be an object")
            continue
        name = r.string(e, "name", path, required=False)
        mentions = [
            r.span(m, f"{path}.mentions[{j}]", required=True)
            for j, m in enumerate(r.items(e, "mentions", path))
        ]
        good = tuple(m for m in mentions if m is not None)
        if name is None:
            name = good[0].text if good else None
            if name is None:
                r.fail(path, "needs a name or at least one mention")
                continue
        aliases = [a for a in r.items(e, "aliases", path) if isinstance(a, str)]
        entities.append(
            Entity(
                id=r.string(e, "id", path, required=False) or f"e{i + 1}",
                type=_mapped((r.string(e, "type", path, required=False) or "").upper(), type_map),
                name=name,
                aliases=tuple(aliases),
                mentions=good,
            )
        )

    numbers: list[NumberFact] = []
    for i, n in enumerate(r.items(data, "numbers", "")):
        path = f"numbers[{i}]"
        if not isinstance(n, Mapping):
            r.fail(path, "must be an object")
            continue
        value = _number_or_string(r, n.get("value"), f"{path}.value")
        span = r.span(n.get("span"), f"{path}.span", required=False)
        if span is None and value is None:
            r.fail(path, "needs a value or a span")
            continue
        numbers.append(
            NumberFact(
                id=r.string(n, "id", path, required=False) or f"n{i + 1}",
                span=span,
                value=value,
                kind=(r.string(n, "kind", path, required=False) or "").lower(),
                unit=r.string(n, "unit", path, required=False),
                qualifier=r.string(n, "qualifier", path, required=False),
                quantifies=r.string(n, "quantifies", path, required=False),
                value_max=_number_or_string(r, n.get("value_max"), f"{path}.value_max"),
            )
        )

    attributions: list[Attribution] = []
    for i, a in enumerate(r.items(data, "attributions", "")):
        path = f"attributions[{i}]"
        if not isinstance(a, Mapping):
            r.fail(path, "must be an object")
            continue
        content = r.span(a.get("content"), f"{path}.content", required=True)
        kind = (r.string(a, "kind", path, required=False) or "").lower()
        if kind and kind not in ATTRIBUTION_KINDS:
            r.fail(f"{path}.kind", f"must be one of {', '.join(ATTRIBUTION_KINDS)}, not {kind!r}")
        refs = [s for s in r.items(a, "source_entities", path) if isinstance(s, str)]
        source = r.span(a.get("source"), f"{path}.source", required=False)
        cue = r.span(a.get("cue"), f"{path}.cue", required=False)
        if content is None:
            continue
        attributions.append(
            Attribution(
                id=r.string(a, "id", path, required=False) or f"a{i + 1}",
                kind=kind,
                content=content,
                source=source,
                source_entities=tuple(refs),
                cue=cue,
            )
        )

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
    summary = StructuredSummary(
        entities=tuple(entities),
        numbers=tuple(numbers),
        attributions=tuple(attributions),
        summaries=tuple(summaries),
    )
    problems = schema_problems(summary, where)
    if problems:
        raise PredictionError(problems)
    return summary


def _mapped(label: str, type_map: Mapping[str, str]) -> str:
    return type_map.get(label, label)


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
        for key in ("value", "value_max"):
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
    """Every span in ``summary`` with its JSON path, in document order of the fields."""
    for i, e in enumerate(summary.entities):
        for j, m in enumerate(e.mentions):
            yield f"entities[{i}].mentions[{j}]", m
    for i, n in enumerate(summary.numbers):
        if n.span is not None:
            yield f"numbers[{i}].span", n.span
    for i, a in enumerate(summary.attributions):
        for part in ("source", "cue", "content"):
            s = getattr(a, part)
            if s is not None:
                yield f"attributions[{i}].{part}", s


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


def prediction_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the prediction wire format read by :func:`summary_from_dict`.

    Strict enough for an LLM's structured-output mode (every object closed); the reader itself
    is more lenient (bare-string spans, a single ``summary``).
    """
    from .model import ENTITY_TYPES, NUMBER_KINDS, QUALIFIERS

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
    nullable_span = {"oneOf": [{"$ref": "#/$defs/span"}, {"type": "null"}]}
    value = {"type": ["number", "string", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://evalkit.dev/schemas/prediction-1.json",
        "title": "evalkit structured summary (prediction wire format)",
        "type": "object",
        "additionalProperties": False,
        "$defs": {"span": span},
        "properties": {
            "entities": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name", "type"],
                    "properties": {
                        "id": {"type": "string"},
                        "type": {"enum": list(ENTITY_TYPES)},
                        "name": {"type": "string"},
                        "aliases": {"type": "array", "items": {"type": "string"}},
                        "mentions": {"type": "array", "items": {"$ref": "#/$defs/span"}},
                    },
                },
            },
            "numbers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["value", "kind"],
                    "properties": {
                        "id": {"type": "string"},
                        "span": nullable_span,
                        "value": value,
                        "value_max": value,
                        "kind": {"enum": list(NUMBER_KINDS)},
                        "unit": {"type": ["string", "null"]},
                        "qualifier": {"enum": [*QUALIFIERS, None]},
                        "quantifies": {"type": ["string", "null"]},
                    },
                },
            },
            "attributions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["content"],
                    "properties": {
                        "id": {"type": "string"},
                        "kind": {"enum": list(ATTRIBUTION_KINDS)},
                        "source": nullable_span,
                        "source_entities": {"type": "array", "items": {"type": "string"}},
                        "cue": nullable_span,
                        "content": {"$ref": "#/$defs/span"},
                    },
                },
            },
            "summaries": {"type": "array", "items": {"type": "string"}},
            "summary": {"type": ["string", "null"]},
        },
    }
