"""JSON Schema (draft 2020-12) of the gold format ``evalkit-gold/1``.

The schema states the shape; the loader proves what a schema cannot (spans against the
text, the hash, unique ids, references). Editors can use it for completion and checking.
"""

from __future__ import annotations

from typing import Any

from ..model import ATTRIBUTION_KINDS, ENTITY_TYPES, NUMBER_KINDS, QUALIFIERS
from .loader import FORMAT, ID_RE


def gold_schema() -> dict[str, Any]:
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
    ident = {"type": "string", "pattern": ID_RE.pattern}
    value = {"oneOf": [{"type": "number"}, {"type": "string", "minLength": 1}]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://evalkit.dev/schemas/gold-1.json",
        "title": "evalkit gold annotation (evalkit-gold/1)",
        "type": "object",
        "additionalProperties": False,
        "required": ["document"],
        "$defs": {"span": span},
        "properties": {
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
            "entities": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "type", "name", "mentions"],
                    "properties": {
                        "id": ident,
                        "type": {"enum": list(ENTITY_TYPES)},
                        "name": {"type": "string", "minLength": 1},
                        "aliases": {"type": "array", "items": {"type": "string", "minLength": 1}},
                        "mentions": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/span"}},
                    },
                },
            },
            "numbers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "span", "value", "kind"],
                    "properties": {
                        "id": ident,
                        "span": {"$ref": "#/$defs/span"},
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
                    "required": ["id", "kind", "cue", "content"],
                    "properties": {
                        "id": ident,
                        "kind": {"enum": list(ATTRIBUTION_KINDS)},
                        "source": {"oneOf": [{"$ref": "#/$defs/span"}, {"type": "null"}]},
                        "source_entities": {"type": "array", "items": ident},
                        "cue": {"oneOf": [{"$ref": "#/$defs/span"}, {"type": "null"}]},
                        "content": {"$ref": "#/$defs/span"},
                    },
                },
            },
            "summaries": {
                "type": "array",
                "items": {
                    "oneOf": [
                        {"type": "string", "minLength": 1},
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["text"],
                            "properties": {"id": ident, "text": {"type": "string", "minLength": 1}},
                        },
                    ]
                },
            },
        },
    }
