"""How the fields of the structured-summary model are declared, so every format derives from them.

The data model (:mod:`evalkit.model`) is written down once: each field of a record (an entity,
a number fact, an attribution) carries a :class:`Wire` in its dataclass metadata saying what
*shape* its value has and whether the gold format, the prediction format and the LLM answer
require it. Every reader, writer and schema — the prediction wire format and its JSON Schema
(:mod:`evalkit.serialize`), the gold loader and its JSON Schema (:mod:`evalkit.gold`), the LLM
response schema (:mod:`evalkit.extractors.prompt`) and the Arrow features of a corpus
(:mod:`evalkit.corpus`) — maps shapes to its own representation and walks :func:`wire_fields`.
A new field of an existing shape is then one line in ``model.py``.

What no shape can state stays by hand in the format that needs it: spans proved against the
text, the document hash, references between records, value rules that depend on the kind.

This module imports nothing from evalkit: the model imports it.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Mapping, Union


class Shape(Enum):
    """What a field's value looks like, independent of any format."""

    #: The record's identifier (unique in a gold file; generated when a prediction leaves it out).
    ID = "id"
    #: One of a closed set of labels (:attr:`Wire.choices`).
    LABEL = "label"
    #: A free string.
    TEXT = "text"
    #: A list of free strings.
    TEXTS = "texts"
    #: A list of ids of other records.
    REFS = "refs"
    #: A stretch of the document (:class:`~evalkit.model.Span`).
    SPAN = "span"
    #: A list of spans.
    SPANS = "spans"
    #: A number, or a string where a number cannot say it (TIMEX3 dates, identifiers).
    VALUE = "value"


class Presence(Enum):
    """Whether a format requires a field."""

    #: The field may be left out (or written null when its type allows).
    OPTIONAL = "optional"
    #: The field must be written, and may be null when its type allows.
    PRESENT = "present"
    #: The field must be written and hold a value (a list at least one item).
    REQUIRED = "required"
    #: The format has no such field.
    OMITTED = "omitted"


@dataclass(frozen=True)
class Wire:
    """The declaration of one field, kept in its dataclass field's metadata under ``"wire"``."""

    shape: Shape
    gold: Presence = Presence.OPTIONAL
    prediction: Presence = Presence.OPTIONAL
    llm: Presence = Presence.PRESENT
    #: The allowed labels of a :attr:`Shape.LABEL` field.
    choices: tuple[str, ...] = ()
    #: How a prediction's label is case-folded before it is checked (``"upper"``/``"lower"``).
    case: str | None = None
    #: What one item of a list field is called in messages (``"alias"``, ``"mention"``).
    item: str = ""
    #: Every format writes this field right after the named one (dataclass order otherwise):
    #: the constructor keeps its historical argument order, the formats read naturally.
    after: str | None = None
    #: One line for the JSON Schemas.
    doc: str = ""


def wire(shape: Shape, **kwargs: Any) -> dict[str, Any]:
    """Dataclass field metadata declaring a field: ``field(metadata=wire(Shape.TEXT))``."""
    return {"wire": Wire(shape, **kwargs)}


@dataclass(frozen=True)
class WireField:
    """One declared field as the formats see it: its name, declaration and whether its Python
    type admits ``None`` (a nullable field may be written as null where it is not required)."""

    name: str
    wire: Wire
    optional: bool

    def nullable(self, presence: Presence) -> bool:
        """True when a format with ``presence`` for this field accepts null for it."""
        return self.optional and presence is not Presence.REQUIRED


_DECLARED: dict[type, tuple[WireField, ...]] = {}


def wire_fields(cls: type) -> tuple[WireField, ...]:
    """The declared fields of a record class in the order every format writes them."""
    if cls not in _DECLARED:
        hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
        declared = [
            WireField(f.name, f.metadata["wire"], _admits_none(hints[f.name]))
            for f in dataclasses.fields(cls)
            if "wire" in f.metadata
        ]
        ordered = [w for w in declared if w.wire.after is None]
        for w in declared:
            if w.wire.after is not None:
                ordered.insert([o.name for o in ordered].index(w.wire.after) + 1, w)
        _DECLARED[cls] = tuple(ordered)
    return _DECLARED[cls]


def present_fields(cls: type, fmt: str) -> tuple[WireField, ...]:
    """The fields format ``fmt`` (``gold``, ``prediction``, ``llm``) has."""
    return tuple(f for f in wire_fields(cls) if getattr(f.wire, fmt) is not Presence.OMITTED)


@dataclass(frozen=True)
class Part:
    """A record list of :class:`~evalkit.model.StructuredSummary` (``entities``, ``numbers``…)."""

    record: type
    #: What one record is called in messages; its first letter prefixes generated ids.
    item: str


def part(record: type, item: str) -> dict[str, Any]:
    """Dataclass field metadata declaring a part of the structured summary."""
    return {"part": Part(record, item)}


def parts(cls: type) -> tuple[tuple[str, Part], ...]:
    """``(field name, Part)`` for every record list of ``cls``, in declaration order."""
    return tuple((f.name, f.metadata["part"]) for f in dataclasses.fields(cls) if "part" in f.metadata)


def object_schema(
    cls: type, fmt: str, property_schema: Callable[[WireField, bool], dict[str, Any]], *, describe: bool = True
) -> dict[str, Any]:
    """The closed JSON Schema object of record ``cls`` in format ``fmt``.

    ``property_schema(field, nullable)`` gives the format's schema of one field's shape; the
    object lists the fields the format has, requires those it requires (a field that must be
    written but may be null is required and nullable), and describes each with its ``doc``.
    """
    fields = present_fields(cls, fmt)
    properties = {}
    for f in fields:
        presence = getattr(f.wire, fmt)
        schema = property_schema(f, f.nullable(presence))
        if describe and f.wire.doc:
            schema = {"description": f.wire.doc, **schema}
        properties[f.name] = schema
    required = [f.name for f in fields if getattr(f.wire, fmt) in (Presence.REQUIRED, Presence.PRESENT)]
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties}


def _admits_none(hint: Any) -> bool:
    if hint is type(None):
        return True
    origin = typing.get_origin(hint)
    if origin is Union or (sys.version_info >= (3, 10) and origin is types.UnionType):
        return any(_admits_none(a) for a in typing.get_args(hint))
    return False


def field_map(obj: Any) -> Mapping[str, Any]:
    """A record's declared fields by name (its values, unconverted)."""
    return {f.name: getattr(obj, f.name) for f in wire_fields(type(obj))}


__all__ = [
    "Part",
    "Presence",
    "Shape",
    "Wire",
    "WireField",
    "field_map",
    "object_schema",
    "part",
    "parts",
    "present_fields",
    "wire",
    "wire_fields",
]
