"""The instructions and the JSON schema that LLM back-ends send.

The model is asked for evalkit's prediction wire format (:mod:`evalkit.serialize`) with every
span given as text only, copied verbatim from the article: models cannot count characters,
so offsets are found afterwards by grounding (:mod:`evalkit.grounding`). The schema suits
OpenAI's strict structured outputs (every object closed, every property required, nullable
fields typed with ``null``); servers without structured outputs get the same shape described
in the instructions.

:func:`prompt_fingerprint` hashes instructions and schema; it is part of the extractor's
identity, so changing the prompt invalidates cached outputs. Users may replace the instructions
with a template of their own (``-o prompt=@FILE``, placeholders in :data:`PLACEHOLDERS`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pathlib import Path

from ..errors import InputError
from ..fields import Shape, WireField, object_schema, parts
from ..model import ATTRIBUTION_KINDS, ENTITY_TYPES, NUMBER_KINDS, QUALIFIERS, Document, StructuredSummary

SCHEMA_NAME = "structured_summary"

#: The instructions evalkit sends unless the user gives a prompt of their own (``-o prompt=@FILE``).
#: A prompt is a template: each placeholder in :data:`PLACEHOLDERS` is replaced by its value, and
#: every other character (JSON braces included) is sent as written.
DEFAULT_TEMPLATE = """\
You extract a structured summary from a news article and answer with one JSON object only.

The object has four fields:
- "entities": every named entity, one object per real-world referent:
  {"id": short lowercase id such as "e1", "type": one of {entity_types} (OntoNotes name types),
   "name": its longest name in the article, "aliases": other names for it,
   "mentions": every mention in the article in order of appearance, each copied exactly as written
   (repeat a string once per occurrence; no leading "the", no possessive 's, no titles such as "President")}.
  Nationality and group adjectives (Russian, Ukrainian) are NORP. Pronouns and common nouns are not mentions.
  Dates, times, amounts and other numbers are not entities.
- "numbers": every numeric expression, each occurrence separately:
  {"span": the expression copied exactly (qualifier included, counted noun excluded, e.g. "at least 25"),
   "value": the number (digits, "three" -> 3, "sixth" -> 6, "halve" -> 0.5), or a TimeML value string for
   dates and times ("XXXX-WXX-3" for a Wednesday, "XXXX-08" for August, "T05:30" for 5.30am),
   "value_max": upper end of a range or null, "kind": one of {number_kinds},
   "unit": the counted noun in the singular ("person", "child") or a currency code, or null,
   "qualifier": one of {qualifiers} or null, "quantifies": a few words on what it measures, or null}.
- "attributions": every report of what someone said, wrote, claimed, denied or urged:
  {"kind": "direct" (the content is a quotation), "indirect" (reported speech) or "mixed" (paraphrase with quoted
   fragments), "source": the speaker's name or pronoun copied exactly, or null when unnamed,
   "source_entities": ids of the entities the source refers to, "cue": the reporting verb copied exactly
   (e.g. "said", "wrote on X"), or null,
   "content": what was said, copied exactly; for a quotation the text between the quotation marks}.
- "summary": a neutral summary of the article in two to four sentences, in your own words.

Copy every mention, span, source, cue and content character for character from the article, including
curly quotes and apostrophes. Output JSON only, with no commentary and no code fences.
"""


def _placeholders() -> dict[str, str]:
    import json as _json

    return {
        "{schema}": _json.dumps(response_schema(), indent=2, ensure_ascii=False),
        "{entity_types}": ", ".join(ENTITY_TYPES),
        "{number_kinds}": ", ".join(NUMBER_KINDS),
        "{qualifiers}": ", ".join(QUALIFIERS),
        "{attribution_kinds}": ", ".join(ATTRIBUTION_KINDS),
    }


#: What a prompt template may contain, and what each stands for.
PLACEHOLDERS: dict[str, str] = {
    "{schema}": "the JSON Schema of the answer",
    "{entity_types}": "the entity types, comma-separated",
    "{number_kinds}": "the number kinds, comma-separated",
    "{qualifiers}": "the number qualifiers, comma-separated",
    "{attribution_kinds}": "the attribution kinds, comma-separated",
}


def render_prompt(template: str) -> str:
    """``template`` with every placeholder replaced (see :data:`PLACEHOLDERS`)."""
    out = template
    for name, value in _placeholders().items():
        out = out.replace(name, value)
    return out


def load_prompt(value: str, where: str) -> str:
    """The system prompt a ``prompt`` option names: ``@FILE`` reads a template file (UTF-8),
    anything else is the template itself. Raises :class:`InputError` naming the option."""
    template = value
    if value.startswith("@"):
        path = Path(value[1:])
        try:
            template = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{where}: option prompt={value}: cannot read {path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{where}: option prompt={value}: {path} is not UTF-8 (byte {exc.start})") from None
    if not template.strip():
        raise InputError(f"{where}: option prompt={value}: the prompt is empty")
    return render_prompt(template)


def _property_schema(f: WireField, nullable: bool) -> dict[str, Any]:
    """The answer's JSON Schema of one field: spans are text only (grounding finds offsets)."""
    shape = f.wire.shape
    if shape is Shape.LABEL:
        if nullable:
            return {"type": ["string", "null"], "enum": [*f.wire.choices, None]}
        return {"type": "string", "enum": list(f.wire.choices)}
    if shape is Shape.VALUE:
        return {"type": ["number", "string", "null"] if nullable else ["number", "string"]}
    if shape in (Shape.TEXTS, Shape.REFS, Shape.SPANS):
        return {"type": "array", "items": {"type": "string"}}
    # ID, TEXT and SPAN are strings.
    return {"type": ["string", "null"] if nullable else "string"}


def response_schema() -> dict[str, Any]:
    """The JSON schema of the answer (OpenAI strict structured-output dialect), derived from the
    model's field declarations; one ``summary`` string stands for the reference summaries."""
    properties: dict[str, Any] = {
        name: {"type": "array", "items": object_schema(p.record, "llm", _property_schema, describe=False)}
        for name, p in parts(StructuredSummary)
    }
    properties["summary"] = {"type": "string"}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [*properties],
        "properties": properties,
    }


#: The instructions sent by default: :data:`DEFAULT_TEMPLATE` rendered.
SYSTEM_PROMPT = render_prompt(DEFAULT_TEMPLATE)


def response_format(mode: str) -> dict[str, Any] | None:
    """The ``response_format`` request field for a structured-output mode (``None`` for ``none``)."""
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": response_schema()},
        }
    if mode == "json_object":
        return {"type": "json_object"}
    if mode == "none":
        return None
    raise ValueError(f"unknown structured-output mode {mode!r}")


def messages(document: Document, system_prompt: str | None = None) -> list[dict[str, str]]:
    """The chat messages for one article: the instructions, then the article itself."""
    return [
        {"role": "system", "content": SYSTEM_PROMPT if system_prompt is None else system_prompt},
        {
            "role": "user",
            "content": f"Article (id {document.id}):\n\n{document.text}\n\nAnswer with the JSON object.",
        },
    ]


def prompt_fingerprint(system_prompt: str | None = None) -> str:
    """Short hash of the instructions and the schema (part of the extractor's version, so of
    the cache key and of the report's extractor identity)."""
    system = SYSTEM_PROMPT if system_prompt is None else system_prompt
    blob = json.dumps({"system": system, "schema": response_schema()}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


__all__ = [
    "DEFAULT_TEMPLATE",
    "PLACEHOLDERS",
    "SCHEMA_NAME",
    "SYSTEM_PROMPT",
    "load_prompt",
    "messages",
    "prompt_fingerprint",
    "render_prompt",
    "response_format",
    "response_schema",
]
