"""JSON Schema (draft 2020-12) of the gold format ``evalkit-gold/1``.

The schema states the shape; the loader proves what a schema cannot (spans against the
text, the hash, unique ids, references). Editors can use it for completion and checking.
"""

from __future__ import annotations

from typing import Any

from ..fields import Presence, Shape, WireField, object_schema, parts
from ..model import StructuredSummary
from .loader import FORMAT, ID_RE

_SPAN = {"$ref": "#/$defs/span"}
_IDENT = {"type": "string", "pattern": ID_RE.pattern}


def _property_schema(f: WireField, nullable: bool) -> dict[str, Any]:
    """The gold format's JSON Schema of one field (see :mod:`evalkit.fields`)."""
    shape, required = f.wire.shape, f.wire.gold is Presence.REQUIRED
    if shape is Shape.ID:
        return dict(_IDENT)
    if shape is Shape.LABEL:
        return {"enum": [*f.wire.choices, None] if nullable else list(f.wire.choices)}
    if shape is Shape.TEXT:
        if required:
            return {"type": "string", "minLength": 1}
        return {"type": ["string", "null"] if nullable else "string"}
    if shape is Shape.TEXTS:
        return {"type": "array", "items": {"type": "string", "minLength": 1}}
    if shape is Shape.REFS:
        return {"type": "array", "items": dict(_IDENT)}
    if shape is Shape.SPAN:
        return {"oneOf": [_SPAN, {"type": "null"}]} if nullable else dict(_SPAN)
    if shape is Shape.SPANS:
        return {"type": "array", "minItems": 1, "items": _SPAN} if required else {"type": "array", "items": _SPAN}
    # A gold value is written or left out, never null.
    return {"oneOf": [{"type": "number"}, {"type": "string", "minLength": 1}]}


def gold_schema() -> dict[str, Any]:
    """The schema of a gold file; the record parts derive from the model's field declarations."""
    span = {
        "description": "A stretch of the text: surface text with offsets, or surface text alone "
        "(optionally with occurrence or after) to be resolved by `evalkit gold resolve`.",
        "oneOf": [
            {"type": "string", "minLength": 1},
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["text"],
                "properties": {
                    "text": {"type": "string", "minLength": 1},
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 0},
                    "occurrence": {"type": "integer", "minimum": 1},
                    "after": {"type": "string", "minLength": 1},
                },
                "dependentRequired": {"start": ["end"], "end": ["start"]},
            },
        ],
    }
    properties: dict[str, Any] = {
        "format": {"const": FORMAT},
        "document": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "text", "sha256"],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "text": {"type": "string", "description": "path of the article text, relative to the gold file"},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "metadata": {"type": "object"},
            },
        },
    }
    for name, p in parts(StructuredSummary):
        properties[name] = {"type": "array", "items": object_schema(p.record, "gold", _property_schema)}
    properties["summaries"] = {
        "type": "array",
        "items": {
            "oneOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["text"],
                    "properties": {"id": dict(_IDENT), "text": {"type": "string", "minLength": 1}},
                },
            ]
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://evalkit.dev/schemas/gold-1.json",
        "title": "evalkit gold annotation (evalkit-gold/1)",
        "type": "object",
        "additionalProperties": False,
        "required": ["document"],
        "$defs": {"span": span},
        "properties": properties,
    }
