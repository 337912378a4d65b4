"""The shape every annotation tool shares, and gold ↔ that shape, once for all tools.

Label Studio, brat, doccano, CoNLL and spaCy all store the same three things in different
syntax: labelled stretches of text (*regions*), directed labelled *links* between regions
(relations, event arguments, coreference), and — in some tools — free key/value *attributes*
on a region. A tool module only translates its file syntax to and from a
:class:`ToolDocument`; this module does the semantic mapping to evalkit gold, so the rules of
what becomes an entity, a number or an attribution are written once (docs/interop.md):

* a region labelled with an entity type (``PERSON``…) is a mention; mentions joined by
  ``coref`` links are one entity. A document without any coreference link (and without entity
  ``id`` attributes) groups mentions by surface text and type instead (``Kyiv``/GPE twice is
  one entity).
* ``number:<kind>`` (or an OntoNotes numeric label: ``CARDINAL``, ``DATE``…) is a number fact;
  its value comes from the ``value`` attribute, or, in a tool that holds none, from evalkit's
  number parser reading the span (reported, so it can be checked).
* ``content:<direct|indirect|mixed>`` is an attribution's content, linked to its ``cue`` and
  ``source`` regions and, by ``source_entity``, to a mention of its source entity. A ``source``
  link straight to a mention makes that mention the source span and its entity the source.

Nothing is dropped silently: everything a tool cannot hold on export, and everything a file
holds that gold cannot, becomes a :class:`Loss` that the CLI prints.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..errors import GoldError, Problem
from ..gold.loader import FORMAT, document_from_mapping
from ..model import ATTRIBUTION_KINDS, ENTITY_TYPES, NUMBER_KINDS, GoldDocument, Span

#: Labels of attribution parts and of links (lower case, as a tool shows them).
CUE, SOURCE = "cue", "source"
CONTENT_PREFIX, NUMBER_PREFIX = "content:", "number:"
COREF, SOURCE_ENTITY = "coref", "source_entity"
#: Link labels read as coreference (brat's ``Equiv`` arrives as ``equiv``).
COREF_LABELS = frozenset(("coref", "coreference", "same_as", "same-as", "equiv"))

#: Labels other tools use for evalkit's categories, applied unless ``--map`` says otherwise:
#: CoNLL-2003's ``PER`` and OntoNotes' numeric types (spaCy's English pipelines).
DEFAULT_LABEL_MAP: Mapping[str, str] = {
    "PER": "PERSON",
    "CARDINAL": "number:count",
    "ORDINAL": "number:ordinal",
    "DATE": "number:date",
    "TIME": "number:time",
    "PERCENT": "number:percent",
    "MONEY": "number:money",
    "QUANTITY": "number:quantity",
}

#: Attributes a region may carry, per category, in the order they are written.
ENTITY_ATTRS = ("id", "name", "aliases")
NUMBER_ATTRS = ("id", "value", "value_type", "value_max", "value_max_type", "unit", "qualifier", "quantifies")
CONTENT_ATTRS = ("id",)


@dataclass(frozen=True)
class Region:
    """A labelled stretch of the document text (code-point offsets, end exclusive)."""

    id: str
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class Link:
    """A directed, labelled connection from one region to another."""

    label: str
    head: str
    tail: str


@dataclass
class ToolDocument:
    """One document as an annotation tool holds it, whatever its file syntax."""

    id: str
    text: str
    regions: list[Region] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    #: region id → attribute name → value (only in tools that hold attributes)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    summaries: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    #: Where the document is in its file, for messages (``file:line``, ``file task 3``).
    where: str = ""


@dataclass(frozen=True)
class Capabilities:
    """What a tool's format can hold beyond labelled spans."""

    links: bool
    attributes: bool
    summaries: bool
    metadata: bool


@dataclass(frozen=True)
class Loss:
    """Something that could not be carried across, and where it was."""

    where: str
    what: str
    #: A short category for the summary line (``aliases``, ``summaries``, ``label MISC``…).
    kind: str
    #: Not a loss but something made up for what the file lacks, to be checked (a number value
    #: read from the span text).
    notice: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.what}" if self.where else self.what


# -- values ------------------------------------------------------------------------------------

_INT_RE = re.compile(r"[+-]?[0-9]+")
_FLOAT_RE = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][+-]?[0-9]+)?")


def encode_value(value: int | float | str) -> tuple[str, bool]:
    """A number value as attribute text, and whether it needs the ``text`` type mark to be read
    back as the same value (a date written ``"1901"`` is a string, not the integer 1901)."""
    if isinstance(value, bool):  # pragma: no cover - the model never holds one
        raise TypeError("a number value cannot be a boolean")
    text = str(value) if isinstance(value, int) else repr(value) if isinstance(value, float) else value
    back = decode_value(text, None)
    return text, not (type(back) is type(value) and back == value)


def decode_value(text: str, value_type: str | None) -> int | float | str:
    """Attribute text back to a number value (see :func:`encode_value`)."""
    if value_type == "text":
        return text
    if _INT_RE.fullmatch(text):
        return int(text)
    if _FLOAT_RE.fullmatch(text):
        f = float(text)
        if math.isfinite(f):
            return f
    return text


# -- ids ---------------------------------------------------------------------------------------

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str) -> str:
    """An id in gold's alphabet from a name: ``Red Cross`` → ``red-cross``; ``fallback`` when
    nothing of the name survives (a name in a non-Latin script)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    s = _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")[:60].strip("-")
    return s or fallback


class IdMaker:
    """Unique ids within a document: the wanted id, else it with ``-2``, ``-3``…"""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.used:
            n += 1
            candidate = f"{wanted}-{n}"
        self.used.add(candidate)
        return candidate


_DOC_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


def document_id(wanted: str, fallback: str) -> str:
    """``wanted`` when it is a valid gold id, else a slug of it (or ``fallback``)."""
    return wanted if _DOC_ID_RE.match(wanted) else slug(wanted, fallback)


# -- offsets -----------------------------------------------------------------------------------


def utf16_to_code_points(text: str, offset: int) -> int | None:
    """The code-point index of a UTF-16 code-unit ``offset`` into ``text`` (``None`` when it
    falls inside a surrogate pair or past the end). Browser-based tools count in UTF-16."""
    units = 0
    for i, ch in enumerate(text):
        if units == offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > offset:
            return None
    return len(text) if units == offset else None


def region_span(text: str, start: Any, end: Any, surface: str | None, where: str) -> tuple[int, int]:
    """Proven code-point offsets of a region, or a located :class:`GoldError`.

    When the file gives the surface text and it matches the text only when the offsets are read
    as UTF-16 code units (older browser-based exports with emoji before the span), the offsets
    are converted.
    """
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
        raise GoldError(Problem(where, None, f"offsets must be integers, not {start!r}, {end!r}"))
    if not 0 <= start < end <= len(text):
        raise GoldError(Problem(where, None, f"offsets [{start}:{end}] do not lie inside the text ({len(text)} characters)"))
    if surface is None or text[start:end] == surface:
        return start, end
    s16, e16 = utf16_to_code_points(text, start), utf16_to_code_points(text, end)
    if s16 is not None and e16 is not None and text[s16:e16] == surface:
        return s16, e16
    raise GoldError(Problem(where, None, f"{surface!r} [{start}:{end}] does not match the text ({text[start:end]!r})"))


# -- gold → tool -------------------------------------------------------------------------------


def encode(doc: GoldDocument, caps: Capabilities, tool: str) -> tuple[ToolDocument, list[Loss]]:
    """A gold document as regions, links and attributes, and what ``tool`` cannot hold of it."""
    g = doc.gold
    doc_id = doc.document.id
    td = ToolDocument(doc_id, doc.document.text, where=doc_id)
    losses: list[Loss] = []
    counter = itertools.count(1)

    def region(span: Span, label: str) -> str:
        rid = f"r{next(counter)}"
        assert span.start is not None and span.end is not None
        td.regions.append(Region(rid, span.start, span.end, span.text, label))
        return rid

    def attrs(rid: str, values: Sequence[tuple[str, str | None]]) -> None:
        kept = {k: v for k, v in values if v is not None}
        if kept:
            td.attributes[rid] = kept

    first_mention: dict[str, str] = {}
    for e in g.entities:
        ids = [region(m, e.type) for m in e.mentions]
        first_mention[e.id] = ids[0]
        if caps.links:
            td.links.extend(Link(COREF, rid, ids[0]) for rid in ids[1:])
        elif len(e.mentions) > 1 and len({m.text for m in e.mentions}) > 1:
            losses.append(Loss(doc_id, f"entity {e.id!r}: its mentions have different surfaces; {tool} has no coreference links, so they come back as separate entities", "coreference"))
        if caps.attributes:
            attrs(ids[0], [("id", e.id), ("name", e.name), ("aliases", json.dumps(list(e.aliases), ensure_ascii=False) if e.aliases else None)])
        else:
            if e.name != e.mentions[0].text:
                losses.append(Loss(doc_id, f"entity {e.id!r}: name {e.name!r} (comes back as its first mention, {e.mentions[0].text!r})", "entity names"))
            if e.aliases:
                losses.append(Loss(doc_id, f"entity {e.id!r}: aliases {', '.join(e.aliases)}", "aliases"))
    if not caps.links or (not caps.attributes and all(len(e.mentions) == 1 for e in g.entities)):
        # the importer groups by surface and type when a document has no link and no entity id
        _same_surface_losses(g.entities, doc_id, tool, losses)

    for n in g.numbers:
        if n.span is None:  # pragma: no cover - gold numbers always have spans
            losses.append(Loss(doc_id, f"number {n.id!r}: has no span", "numbers"))
            continue
        rid = region(n.span, NUMBER_PREFIX + n.kind)
        if caps.attributes:
            value_text, value_mark = encode_value(n.value) if n.value is not None else (None, False)
            max_text, max_mark = encode_value(n.value_max) if n.value_max is not None else (None, False)
            attrs(
                rid,
                [
                    ("id", n.id),
                    ("value", value_text),
                    ("value_type", "text" if value_mark else None),
                    ("value_max", max_text),
                    ("value_max_type", "text" if max_mark else None),
                    ("unit", n.unit),
                    ("qualifier", n.qualifier),
                    ("quantifies", n.quantifies),
                ],
            )
        else:
            held = [k for k in ("value_max", "unit", "qualifier", "quantifies") if getattr(n, k) is not None]
            losses.append(Loss(doc_id, f"number {n.id!r}: value {n.value!r}{''.join(f', {k}' for k in held)} (the value is read back from the span text)", "number values"))

    for a in g.attributions:
        rid = region(a.content, CONTENT_PREFIX + a.kind)
        if caps.attributes:
            attrs(rid, [("id", a.id)])
        if not caps.links:
            losses.append(Loss(doc_id, f"attribution {a.id!r}: the links from content to cue, source and source entity", "attribution links"))
            continue
        if a.cue is not None:
            td.links.append(Link(CUE, rid, region(a.cue, CUE)))
        if a.source is not None:
            td.links.append(Link(SOURCE, rid, region(a.source, SOURCE)))
        for ref in a.source_entities:
            td.links.append(Link(SOURCE_ENTITY, rid, first_mention[ref]))

    if g.summaries:
        if caps.summaries:
            td.summaries = list(g.summaries)
        else:
            losses.append(Loss(doc_id, f"{len(g.summaries)} reference summar{'y' if len(g.summaries) == 1 else 'ies'}", "summaries"))
    if doc.document.metadata:
        if caps.metadata:
            td.metadata = dict(doc.document.metadata)
        else:
            losses.append(Loss(doc_id, f"metadata ({', '.join(sorted(doc.document.metadata))})", "metadata"))
    return td, losses


def _same_surface_losses(entities: Sequence[Any], doc_id: str, tool: str, losses: list[Loss]) -> None:
    """Two entities sharing a (surface, type) merge when grouped by surface: say so."""
    owner: dict[tuple[str, str], str] = {}
    for e in entities:
        for m in e.mentions:
            key = (m.text, e.type)
            if owner.setdefault(key, e.id) != e.id:
                losses.append(Loss(doc_id, f"entities {owner[key]!r} and {e.id!r} share the mention {m.text!r} ({e.type}); without links {tool} gives them back as one", "coreference"))
                break


# -- tool → gold -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelMap:
    """How a tool's labels map to evalkit's categories (``--map FROM=TO`` on the CLI)."""

    mapping: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_LABEL_MAP))

    def category(self, label: str) -> tuple[str, str] | None:
        """``("entity", TYPE)``, ``("number", kind)``, ``("content", kind)``, ``("cue", "")``,
        ``("source", "")`` or ``None`` for a label evalkit has no place for."""
        label = self.mapping.get(label, label)
        if label in ENTITY_TYPES:
            return "entity", label
        if label.upper() in ENTITY_TYPES and label.upper() not in self.mapping:
            return "entity", label.upper()
        if label.startswith(NUMBER_PREFIX) and label[len(NUMBER_PREFIX) :] in NUMBER_KINDS:
            return "number", label[len(NUMBER_PREFIX) :]
        if label.startswith(CONTENT_PREFIX) and label[len(CONTENT_PREFIX) :] in ATTRIBUTION_KINDS:
            return "content", label[len(CONTENT_PREFIX) :]
        if label.lower() in (CUE, SOURCE):
            return label.lower(), ""
        return None


def parse_label_map(pairs: Sequence[str]) -> LabelMap:
    """``["MISC=NORP", "LOC=GPE"]`` over the defaults; a malformed pair is a usage error."""
    from ..errors import InputError

    mapping = dict(DEFAULT_LABEL_MAP)
    for pair in pairs:
        src, sep, dst = pair.partition("=")
        if not sep or not src or not dst:
            raise InputError(f"--map {pair!r}: expected FROM=TO (e.g. PER=PERSON)")
        if LabelMap({}).category(dst) is None:
            raise InputError(f"--map {pair!r}: {dst!r} is not an entity type, number:<kind>, content:<kind>, cue or source")
        mapping[src] = dst
    return LabelMap(mapping)


def decode(td: ToolDocument, labels: LabelMap, tool: str, *, shown: str) -> tuple[GoldDocument, list[Loss]]:
    """Gold from a tool's document, proven by the gold validator, and what did not fit."""
    losses: list[Loss] = []
    where = td.where or td.id
    text = td.text
    by_id: dict[str, Region] = {}
    category: dict[str, tuple[str, str]] = {}
    for r in td.regions:
        by_id[r.id] = r
        cat = labels.category(r.label)
        if cat is None:
            losses.append(Loss(where, f"{r.text!r} [{r.start}:{r.end}]: label {r.label!r} has no evalkit meaning (map it with --map {r.label}=TYPE)", f"label {r.label}"))
        else:
            category[r.id] = cat
    coref = [link for link in td.links if link.label.lower() in COREF_LABELS]
    links_from: dict[str, list[Link]] = {}
    for link in td.links:
        if link.head not in by_id or link.tail not in by_id:
            losses.append(Loss(where, f"link {link.label!r} names a region that is not in the document", "broken links"))
            continue
        if link.label.lower() not in COREF_LABELS:
            links_from.setdefault(link.head, []).append(link)
    attrs = td.attributes

    # entities: coreference links when the document has any, else same surface and type
    mention_ids = [r.id for r in td.regions if category.get(r.id, ("",))[0] == "entity"]
    parent = {rid: rid for rid in mention_ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    has_entity_ids = any("id" in attrs.get(rid, {}) for rid in mention_ids)
    if coref or has_entity_ids:
        for link in coref:
            if link.head in parent and link.tail in parent:
                a, b = find(link.head), find(link.tail)
                if a != b:
                    # the earlier region stays the root, so groups keep file order
                    first, second = sorted((a, b), key=mention_ids.index)
                    parent[second] = first
            elif link.head in by_id and link.tail in by_id:
                losses.append(Loss(where, f"coreference link between regions that are not entity mentions ({by_id[link.head].text!r}, {by_id[link.tail].text!r})", "broken links"))
    else:
        seen: dict[tuple[str, str], str] = {}
        for rid in mention_ids:
            key = (by_id[rid].text, category[rid][1])
            if key in seen:
                parent[rid] = seen[key]
            else:
                seen[key] = rid
    groups: dict[str, list[str]] = {}
    for rid in mention_ids:
        groups.setdefault(find(rid), []).append(rid)

    ids = IdMaker()
    entity_of: dict[str, str] = {}
    entities: list[dict[str, Any]] = []
    for root, members in groups.items():
        etype = category[root][1]
        mentions: list[dict[str, Any]] = []
        spans_seen: set[tuple[int, int]] = set()
        named = next((attrs[m] for m in members if m in attrs and ("name" in attrs[m] or "id" in attrs[m])), {})
        for m in members:
            r = by_id[m]
            if category[m][1] != etype:
                losses.append(Loss(where, f"mention {r.text!r} [{r.start}:{r.end}] is labelled {category[m][1]} but linked to a {etype} entity; kept as {etype}", "type conflicts"))
            if (r.start, r.end) in spans_seen:
                losses.append(Loss(where, f"mention {r.text!r} [{r.start}:{r.end}] is annotated twice for one entity; kept once", "duplicates"))
                continue
            spans_seen.add((r.start, r.end))
            mentions.append({"text": r.text, "start": r.start, "end": r.end})
        name = named.get("name") or by_id[root].text
        eid = ids.take(named.get("id") or slug(name, "entity"))
        for m in members:
            entity_of[m] = eid
        aliases: list[str] = []
        if named.get("aliases"):
            try:
                parsed = json.loads(named["aliases"])
                aliases = [str(x) for x in parsed] if isinstance(parsed, list) else [str(parsed)]
            except json.JSONDecodeError:
                aliases = [named["aliases"]]
        entities.append({"id": eid, "type": etype, "name": name, "aliases": aliases, "mentions": mentions})

    numbers: list[dict[str, Any]] = []
    derived = 0
    for r in td.regions:
        cat = category.get(r.id)
        if cat is None or cat[0] != "number":
            continue
        number_attrs = attrs.get(r.id, {})
        node: dict[str, Any] = {"span": {"text": r.text, "start": r.start, "end": r.end}, "kind": cat[1]}
        if "value" in number_attrs:
            node["value"] = decode_value(number_attrs["value"], number_attrs.get("value_type"))
            if "value_max" in number_attrs:
                node["value_max"] = decode_value(number_attrs["value_max"], number_attrs.get("value_max_type"))
            for field in ("unit", "qualifier", "quantifies"):
                if field in number_attrs:
                    node[field] = number_attrs[field]
        else:
            read = _read_number(r.text, cat[1])
            if read is not None and not _valid_number({**node, **read}, text):
                read = None
            if read is None:
                losses.append(Loss(where, f"number {r.text!r} [{r.start}:{r.end}] ({cat[1]}): {tool} holds no value and the text does not read as a {cat[1]}", "numbers without a value"))
                continue
            node.update(read)
            derived += 1
        node["id"] = ids.take(number_attrs.get("id") or f"n{len(numbers) + 1}")
        numbers.append(node)
    if derived:
        losses.append(Loss(where, f"{derived} number value{'s' if derived != 1 else ''} read from the span text by evalkit's number parser (the file holds none): check them", "number values read from the text", notice=True))

    attributions: list[dict[str, Any]] = []
    used: set[str] = set()
    for r in td.regions:
        cat = category.get(r.id)
        if cat is None or cat[0] != "content":
            continue
        node = {"kind": cat[1], "cue": None, "content": {"text": r.text, "start": r.start, "end": r.end}}
        sources: list[str] = []
        for link in links_from.get(r.id, []):
            tail = by_id[link.tail]
            role = link.label.lower()
            tcat = category.get(link.tail, ("", ""))[0]
            if role == CUE and tcat == CUE and node["cue"] is None:
                node["cue"] = {"text": tail.text, "start": tail.start, "end": tail.end}
                used.add(link.tail)
            elif role == SOURCE and tcat in (SOURCE, "entity") and "source" not in node:
                # a source link may point at a mention: it is then the source span and its
                # entity the source entity (one link instead of a second region in the tool)
                node["source"] = {"text": tail.text, "start": tail.start, "end": tail.end}
                used.add(link.tail)
                if tcat == "entity" and entity_of[link.tail] not in sources:
                    sources.append(entity_of[link.tail])
            elif role == SOURCE_ENTITY and link.tail in entity_of:
                if entity_of[link.tail] not in sources:
                    sources.append(entity_of[link.tail])
            else:
                losses.append(Loss(where, f"link {link.label!r} from the content {r.text!r} to {tail.text!r} has no evalkit meaning", f"link {link.label}"))
        if sources:
            node["source_entities"] = sources
        node["id"] = ids.take(attrs.get(r.id, {}).get("id") or f"a{len(attributions) + 1}")
        attributions.append(node)
    for r in td.regions:
        cat = category.get(r.id)
        if cat is not None and cat[0] in (CUE, SOURCE) and r.id not in used:
            losses.append(Loss(where, f"{cat[0]} {r.text!r} [{r.start}:{r.end}] is linked to no attribution content", "unlinked attribution parts"))
    for link in td.links:
        if link.label.lower() not in COREF_LABELS and link.head in by_id and link.tail in by_id and category.get(link.head, ("",))[0] != "content":
            losses.append(Loss(where, f"link {link.label!r} from {by_id[link.head].text!r} to {by_id[link.tail].text!r} has no evalkit meaning", f"link {link.label}"))

    record = {
        "format": FORMAT,
        "document": {"id": td.id, "metadata": td.metadata},
        "entities": entities,
        "numbers": numbers,
        "attributions": attributions,
        "summaries": list(td.summaries),
    }
    return document_from_mapping(record, text, shown=shown, line=None, path=shown), losses


def _valid_number(node: dict[str, Any], text: str) -> bool:
    """Whether a number read by the parser passes the gold checks (so one odd reading costs
    that number, listed, rather than the whole document)."""
    try:
        document_from_mapping({"document": {"id": "probe"}, "numbers": [{**node, "id": "probe"}]}, text, shown="", line=None, path="")
    except GoldError:
        return False
    return True


def _read_number(text: str, kind: str) -> dict[str, Any] | None:
    """Value (and unit, qualifier, upper end) of a number span whose file holds only its kind;
    ``None`` when the parser reads nothing, or something another kind's value would be."""
    from ..numparse import parse_number

    parsed = parse_number(text)
    if parsed is None:
        return None
    value = parsed.value
    temporal = kind in ("date", "time")
    if temporal != isinstance(value, str) and not (kind == "date" and isinstance(value, int) and 0 <= value <= 9999):
        return None
    if kind == "identifier" and not isinstance(value, str):
        value = text
    if kind == "ordinal" and not (isinstance(value, int) and value >= 1):
        return None
    if kind == "money" and not parsed.unit:
        return None
    out: dict[str, Any] = {"value": value}
    vmax = parsed.value_max
    # a range's upper end is kept when it has the value's type and, for numbers, is not below it
    if isinstance(vmax, str) and isinstance(value, str):
        out["value_max"] = vmax
    elif vmax is not None and not isinstance(vmax, str) and not isinstance(value, str) and vmax >= value:
        out["value_max"] = vmax
    if parsed.unit and kind in ("money", "quantity", "count", "percent", "duration"):
        out["unit"] = parsed.unit
    if parsed.qualifier:
        out["qualifier"] = parsed.qualifier
    return out


def read_text(path: Path, *, keep_newlines: bool = False) -> str:
    """A tool file's UTF-8 text; anything else is one located error. ``keep_newlines`` keeps
    ``\\r\\n`` as written, for formats whose offsets count every character (brat)."""
    try:
        with path.open(encoding="utf-8", newline="" if keep_newlines else None) as fh:
            return fh.read()
    except UnicodeDecodeError as exc:
        raise GoldError(Problem(str(path), None, f"not UTF-8 text ({exc.reason})")) from None
