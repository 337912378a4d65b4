"""Gold YAML (format ``evalkit-gold/1``) to :class:`~evalkit.model.GoldDocument`.

The loader is also the validator: it proves every span against the text, checks the hash,
ids, references, tag sets and numeric fields, and collects *every* problem with the YAML line
of the offending node before raising one :class:`~evalkit.errors.GoldError`. The format is
documented in docs/gold-format.md and published as a JSON Schema (``evalkit schema gold``).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GoldError, Problem
from ..fields import Presence, Shape, parts, present_fields, wire_fields
from ..model import (
    NUMBER_KINDS,
    Attribution,
    Document,
    Entity,
    GoldDocument,
    NumberFact,
    Span,
    StructuredSummary,
    sha256_text,
)
from ..numparse.timex import calendar_problem
from .source import MAX_GOLD_BYTES, MAX_TEXT_BYTES, line_of, parse_yaml, read_text_file

FORMAT = "evalkit-gold/1"
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
#: Kinds whose value must be a number (dates and times may be TIMEX3-like strings).
NUMERIC_KINDS = frozenset(NUMBER_KINDS) - {"date", "time", "identifier"}
TIMEX_RE = re.compile(
    r"^(?:[0-9X]{4}(?:-(?:[0-9X]{2}(?:-[0-9X]{2})?|W[0-9X]{2}(?:-[1-7])?|SP|SU|FA|WI|Q[1-4]|H[12]))?"
    r"(?:T\d{2}(?::\d{2}){0,2})?|T\d{2}(?::\d{2}){0,2}|T(?:MO|AF|EV|NI))$"
)

TOP_KEYS = ("format", "document", *(name for name, _ in parts(StructuredSummary)), "summaries")
DOC_KEYS = ("id", "text", "sha256", "metadata")
SPAN_KEYS = ("text", "start", "end", "occurrence", "after")
SUMMARY_KEYS = ("id", "text")


def project_root(start: Path) -> Path:
    """The folder gold paths may not escape: the nearest ancestor holding a project marker."""
    for folder in (start, *start.parents):
        if any((folder / m).exists() for m in (".git", "pyproject.toml", "evalkit.toml")):
            return folder
    return start.parent


@dataclass(frozen=True)
class SpanRef:
    """Where a span came from in the YAML, so ``gold resolve`` can write offsets back."""

    node: Any
    owner: Any
    key: Any
    start: int
    end: int


class _Checker:
    """Walks one gold file, collecting located problems."""

    def __init__(self, shown: str, default_line: int | None = None) -> None:
        self.shown = shown
        #: Where a problem is reported when its node has no line of its own (in-memory records,
        #: such as a corpus row, are located by their row).
        self.default_line = default_line
        self.problems: list[Problem] = []
        self.resolved: list[SpanRef] = []
        self.text = ""

    def fail(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.shown, line if line is not None else self.default_line, message))

    # -- generic shapes ------------------------------------------------------------------------

    def mapping(self, node: Any, where: str, line: int | None, keys: tuple[str, ...]) -> Mapping[str, Any] | None:
        if not isinstance(node, Mapping):
            self.fail(line, f"{where} must be a mapping, not {_kind(node)}")
            return None
        for key in node:
            if key not in keys:
                self.fail(line_of(node, key), f"{where}: unknown field {str(key)!r} (expected one of {', '.join(keys)})")
        return node

    def sequence(self, parent: Mapping[str, Any], key: str, where: str) -> list[Any]:
        node = parent.get(key)
        if node is None:
            return []
        if not isinstance(node, list):
            self.fail(line_of(parent, key), f"{where}.{key} must be a list, not {_kind(node)}")
            return []
        return node

    def string(self, node: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                self.fail(line_of(node) if key not in node else line_of(node, key), f"{where}: {key} is required")
            return None
        if not isinstance(value, str) or isinstance(value, bool):
            self.fail(line_of(node, key), f"{where}: {key} must be a string, not {_kind(value)}")
            return None
        if required and not value.strip():
            self.fail(line_of(node, key), f"{where}: {key} is empty")
            return None
        return str(value)

    def ident(self, node: Mapping[str, Any], where: str, seen: dict[str, int | None]) -> str | None:
        value = self.string(node, "id", where)
        if value is None:
            return None
        line = line_of(node, "id")
        if not ID_RE.match(value):
            self.fail(line, f"{where}: id {value!r} must match {ID_RE.pattern}")
        if value in seen:
            first = seen[value]
            self.fail(line, f"{where}: duplicate id {value!r}" + (f" (first used on line {first})" if first else ""))
        else:
            seen[value] = line
        return value

    def records(
        self, top: Mapping[str, Any], key: str, keys: tuple[str, ...], ids: dict[str, int | None], label: str
    ) -> Iterator[tuple[Mapping[str, Any], str | None, str]]:
        """Each well-shaped record of list ``key`` with its checked id and a name for messages."""
        for i, node in enumerate(self.sequence(top, key, "gold")):
            where = f"{key}[{i}]"
            m = self.mapping(node, where, line_of(top[key], i), keys)
            if m is None:
                continue
            rid = self.ident(m, where, ids)
            yield m, rid, (f"{label} {rid!r}" if rid else where)

    def choice(self, node: Mapping[str, Any], key: str, where: str, allowed: tuple[str, ...], *, required: bool = True) -> str | None:
        value = self.string(node, key, where, required=required)
        if value is not None and value not in allowed:
            self.fail(line_of(node, key), f"{where}: {key} {value!r} is not one of {', '.join(allowed)}")
            return None
        return value

    # -- declared fields -----------------------------------------------------------------------

    def fields(self, cls: type, node: Mapping[str, Any], where: str, rid: str | None) -> dict[str, Any]:
        """Every declared field of one record, checked by its shape (:mod:`evalkit.fields`);
        a field with a problem reads as ``None``. The id was checked by :meth:`records`."""
        values: dict[str, Any] = {}
        for f in present_fields(cls, "gold"):
            key, shape, item = f.name, f.wire.shape, f.wire.item
            required = f.wire.gold is Presence.REQUIRED
            value: Any = None
            if shape is Shape.ID:
                value = rid
            elif shape is Shape.LABEL:
                value = self.choice(node, key, where, f.wire.choices, required=required)
            elif shape is Shape.TEXT:
                value = self.string(node, key, where, required=required)
            elif shape is Shape.TEXTS:
                texts = []
                for j, a in enumerate(self.sequence(node, key, where)):
                    if isinstance(a, str) and a.strip():
                        texts.append(str(a))
                    else:
                        self.fail(line_of(node[key], j), f"{where}: {item} {j + 1} must be a non-empty string")
                value = tuple(texts)
            elif shape is Shape.REFS:
                refs = []
                for j, ref in enumerate(self.sequence(node, key, where)):
                    if isinstance(ref, str):
                        refs.append(str(ref))
                    else:
                        self.fail(line_of(node[key], j), f"{where}: {item} {j + 1} must be an id")
                value = tuple(refs)
            elif shape is Shape.SPANS:
                nodes = self.sequence(node, key, where)
                if required and not nodes:
                    self.fail(line_of(node), f"{where}: needs at least one {item}")
                spans = [self.span(m, f"{where} {item} {j + 1}", line_of(node[key], j), node[key], j) for j, m in enumerate(nodes)]
                value = tuple(s for s in spans if s is not None)
                if len(set(value)) != len(value):
                    self.fail(line_of(node, key), f"{where}: the same {item} is listed twice")
            elif shape is Shape.SPAN:
                if node.get(key) is not None:
                    value = self.span(node[key], f"{where} {key}", line_of(node, key), node, key)
                elif required:
                    self.fail(line_of(node), f"{where}: {key} is required")
                elif f.wire.gold is Presence.PRESENT and key not in node:
                    self.fail(line_of(node), f"{where}: {key} is required (write {key}: null when there is none)")
            else:
                value = _number(node.get(key))
                if value is None:
                    if required:
                        self.fail(line_of(node), f"{where}: {key} is required")
                elif isinstance(value, bool) or not isinstance(value, (int, float, str)):
                    self.fail(line_of(node, key), f"{where}: {key} must be a number or a string")
                    value = None
                elif isinstance(value, float) and not math.isfinite(value):
                    self.fail(line_of(node, key), f"{where}: {key} must be finite")
                    value = None
            values[key] = value
        return values

    def build(self, cls: type, values: dict[str, Any]) -> Any:
        """The record, or ``None`` when a field its type requires is missing (already reported)."""
        if any(values[f.name] is None for f in wire_fields(cls) if not f.optional):
            return None
        return cls(**values)

    # -- spans ---------------------------------------------------------------------------------

    def span(self, node: Any, where: str, line: int | None, owner: Any = None, key: Any = None) -> Span | None:
        """Prove a span against the text; resolve it when only its surface is given."""
        if isinstance(node, str):
            node_map: Mapping[str, Any] = {"text": node}
        else:
            m = self.mapping(node, where, line, SPAN_KEYS)
            if m is None:
                return None
            node_map = m
            line = line_of(node) or line
        text = node_map.get("text")
        if not isinstance(text, str) or not text:
            self.fail(line, f"{where}: span text is required (a non-empty string)")
            return None
        text = str(text)
        start, end = node_map.get("start"), node_map.get("end")
        if start is not None or end is not None:
            for name, off in (("start", start), ("end", end)):
                if off is None or isinstance(off, bool) or not isinstance(off, int) or off < 0:
                    self.fail(line, f"{where}: {name} must be a non-negative integer, not {off!r}")
                    return None
            assert isinstance(start, int) and isinstance(end, int)
            if end > len(self.text):
                self.fail(line, f"{where}: {text!r} [{start}:{end}] lies outside the text ({len(self.text)} characters)")
                return None
            found = self.text[start:end]
            if found != text:
                self.fail(line, f"{where}: {text!r} [{start}:{end}] does not match the text ({found!r}){self._hint(text, start)}")
                return None
            return Span(start, end, text)
        at = self._resolve(node_map, text, where, line)
        if at is None:
            return None
        self.resolved.append(SpanRef(node, owner, key, at, at + len(text)))
        return Span(at, at + len(text), text)

    def _hint(self, text: str, near: int) -> str:
        hits = _occurrences(self.text, text)
        if not hits:
            return "; the text does not contain it"
        best = min(hits, key=lambda h: abs(h - near))
        return f"; nearest occurrence is [{best}:{best + len(text)}]"

    def _resolve(self, m: Mapping[str, Any], text: str, where: str, line: int | None) -> int | None:
        """Where the surface ``text`` starts, chosen by ``occurrence``/``after``; ``None`` (reported) when unclear."""
        hits = _occurrences(self.text, text)
        occurrence, after = m.get("occurrence"), m.get("after")
        if not hits:
            self.fail(line, f"{where}: {text!r} does not occur in the text")
            return None
        if occurrence is not None and after is not None:
            self.fail(line, f"{where}: give occurrence or after, not both")
            return None
        if occurrence is not None:
            if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
                self.fail(line, f"{where}: occurrence must be a positive integer, not {occurrence!r}")
                return None
            if occurrence > len(hits):
                self.fail(line, f"{where}: {text!r} occurs {len(hits)} time(s), not {occurrence}")
                return None
            start = hits[occurrence - 1]
        elif after is not None:
            if not isinstance(after, str) or not after:
                self.fail(line, f"{where}: after must be a non-empty string")
                return None
            matches = [h for h in hits if self.text[:h].endswith(str(after))]
            if not matches:
                self.fail(line, f"{where}: no occurrence of {text!r} follows {str(after)!r}")
                return None
            start = matches[0]
        elif len(hits) == 1:
            start = hits[0]
        else:
            self.fail(line, f"{where}: {text!r} occurs {len(hits)} times; give start/end, occurrence or after")
            return None
        return start


def _occurrences(text: str, needle: str) -> list[int]:
    """Start of every (possibly overlapping) case-sensitive occurrence of ``needle``."""
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return type(value).__name__


def _is_year(value: int | float) -> bool:
    """A whole number of at most four digits: a year a date may be given as (``1901``)."""
    return float(value).is_integer() and 0 <= value <= 9999


def _number(value: Any) -> Any:
    """Plain Python value from a ruamel scalar (ScalarFloat → float, etc.); anything that is
    not a scalar comes back unchanged, for the caller to reject."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


def load_gold_file(path: str | os.PathLike[str], *, root: Path | None = None) -> GoldDocument:
    """Load and validate one gold file; raise :class:`GoldError` listing every problem."""
    doc, _, _ = load_with_tree(Path(path), root=root)
    return doc


def load_with_tree(path: Path, *, root: Path | None = None) -> tuple[GoldDocument, Any, list[SpanRef]]:
    """Load one gold file and also return its YAML tree and the spans resolved from surfaces."""
    shown = str(path)
    raw = read_text_file(path, limit=MAX_GOLD_BYTES, what="gold file", shown=shown)
    if not raw.strip():
        raise GoldError(Problem(shown, 1, "gold file is empty"))
    data = parse_yaml(raw, shown)
    if data is None:
        raise GoldError(Problem(shown, 1, "gold file is empty (only comments or blank lines)"))
    c = _Checker(shown)
    top = c.mapping(data, "gold file", line_of(data) or 1, TOP_KEYS)
    if top is None:
        raise GoldError(c.problems)
    fmt = top.get("format", FORMAT)
    if fmt != FORMAT:
        c.fail(line_of(top, "format"), f"format {fmt!r} is not supported (expected {FORMAT!r})")

    # document -------------------------------------------------------------------------------
    dnode = top.get("document")
    if dnode is None:
        c.fail(1, "document is required")
        raise GoldError(c.problems)
    d = c.mapping(dnode, "document", line_of(top, "document"), DOC_KEYS)
    if d is None:
        raise GoldError(c.problems)
    doc_id = c.string(d, "id", "document")
    text_path = c.string(d, "text", "document")
    sha = c.string(d, "sha256", "document")
    metadata = d.get("metadata") or {}
    if not isinstance(metadata, Mapping):
        c.fail(line_of(d, "metadata"), f"document: metadata must be a mapping, not {_kind(metadata)}")
        metadata = {}
    try:
        metadata = _plain(metadata)
    except _TooLarge:
        c.fail(line_of(d, "metadata"), f"document: metadata expands to more than {MAX_METADATA_NODES} values")
        metadata = {}
    if text_path is None or doc_id is None:
        raise GoldError(c.problems)
    text_line = line_of(d, "text")
    base = path.resolve().parent
    limit_root = (root or project_root(base)).resolve()
    if os.path.isabs(text_path):
        c.fail(text_line, f"document: text path {text_path!r} must be relative to the gold file")
        raise GoldError(c.problems)
    target = (base / text_path).resolve()
    if not target.is_relative_to(limit_root):
        c.fail(text_line, f"document: text path {text_path!r} escapes the project folder")
        raise GoldError(c.problems)
    try:
        text = read_text_file(target, limit=MAX_TEXT_BYTES, what=f"text {text_path!r}", shown=shown)
    except GoldError as exc:
        # Located at the YAML line that names the text, not at a line of the text.
        c.problems.extend(Problem(shown, text_line, p.message) for p in exc.problems)
        raise GoldError(c.problems) from None
    c.text = text
    actual = sha256_text(text)
    if sha is not None and sha != actual:
        c.fail(line_of(d, "sha256"), f"document: sha256 {sha} does not match the text {text_path!r} ({actual})")

    gold = _check_parts(c, top)
    if c.problems:
        raise GoldError(c.problems)
    document = Document(doc_id, text, actual, dict(metadata))
    return GoldDocument(document, gold, shown), data, c.resolved


def document_from_mapping(data: Any, text: str, *, shown: str, line: int | None, path: str) -> GoldDocument:
    """Validate an in-memory gold record against ``text`` with every check a gold file gets.

    ``data`` has the YAML file's shape, except that ``document`` carries no ``text`` path (the
    text is given). Records that come from elsewhere than a YAML file (a corpus row, an
    imported annotation) are proven by the same rules, so nothing loaded by evalkit escapes
    validation; every problem is located at ``shown:line`` (a row number, say).
    """
    c = _Checker(shown, default_line=line)
    c.text = text
    top = c.mapping(data, "record", line, TOP_KEYS)
    if top is None:
        raise GoldError(c.problems)
    fmt = top.get("format", FORMAT)
    if fmt != FORMAT:
        c.fail(line, f"format {fmt!r} is not supported (expected {FORMAT!r})")
    d = c.mapping(top.get("document"), "document", line, ("id", "sha256", "metadata"))
    if d is None:
        raise GoldError(c.problems)
    doc_id = c.string(d, "id", "document")
    if doc_id is not None and not ID_RE.match(doc_id):
        c.fail(line, f"document: id {doc_id!r} must match {ID_RE.pattern}")
    sha = c.string(d, "sha256", "document", required=False)
    actual = sha256_text(text)
    if sha and sha != actual:
        c.fail(line, f"document: sha256 {sha} does not match the text ({actual})")
    metadata = d.get("metadata") or {}
    if not isinstance(metadata, Mapping):
        c.fail(line, f"document: metadata must be a mapping, not {_kind(metadata)}")
        metadata = {}
    gold = _check_parts(c, top)
    if c.problems or doc_id is None:
        raise GoldError(c.problems)
    return GoldDocument(Document(doc_id, text, actual, dict(metadata)), gold, path)


def _check_parts(c: _Checker, top: Mapping[str, Any]) -> StructuredSummary:
    """Check entities, numbers, attributions and summaries against ``c.text``; problems go to ``c``."""
    ids: dict[str, int | None] = {}

    # entities, numbers, attributions: declared fields, then the rules no shape states --------
    records: dict[str, list[Any]] = {}
    entity_ids: set[str] = set()
    for name, p in parts(StructuredSummary):
        keys = tuple(f.name for f in present_fields(p.record, "gold"))
        found = records[name] = []
        for node, rid, where in c.records(top, name, keys, ids, p.item):
            values = c.fields(p.record, node, where, rid)
            if p.record is NumberFact:
                _number_rules(c, node, where, values)
            elif p.record is Attribution:
                _attribution_rules(c, node, where, values, entity_ids, ids)
            record = c.build(p.record, values)
            if record is not None:
                found.append(record)
        if p.record is Entity:
            entity_ids = {e.id for e in found}

    # summaries ------------------------------------------------------------------------------
    summaries: list[str] = []
    for i, node in enumerate(c.sequence(top, "summaries", "gold")):
        where = f"summaries[{i}]"
        line = line_of(top["summaries"], i)
        if isinstance(node, str):
            if node.strip():
                summaries.append(str(node))
            else:
                c.fail(line, f"{where}: summary is empty")
            continue
        s = c.mapping(node, where, line, SUMMARY_KEYS)
        if s is None:
            continue
        if "id" in s:
            c.ident(s, where, ids)
        text_value = c.string(s, "text", where)
        if text_value:
            summaries.append(text_value)

    return StructuredSummary(**{name: tuple(found) for name, found in records.items()}, summaries=tuple(summaries))


def _number_rules(c: _Checker, n: Mapping[str, Any], where: str, values: dict[str, Any]) -> None:
    """What a number's value may be given its kind: numbers for counts, TIMEX3 for dates…"""
    kind, value, value_max = values["kind"], values["value"], values["value_max"]
    for key in (f.name for f in wire_fields(NumberFact) if f.wire.shape is Shape.VALUE):
        v = values[key]
        if v is None:
            continue
        if kind in NUMERIC_KINDS and isinstance(v, str):
            c.fail(line_of(n, key), f"{where}: a {kind} needs a numeric {key}, not the string {v!r}")
        elif kind in ("date", "time") and isinstance(v, str) and not TIMEX_RE.match(v):
            c.fail(line_of(n, key), f"{where}: {key} {v!r} is not a TIMEX3-like {kind} value (e.g. XXXX-08, XXXX-WXX-3, T05:30)")
        elif kind == "date" and isinstance(v, str) and calendar_problem(v):
            c.fail(line_of(n, key), f"{where}: {key} {v!r} is not a calendar date ({calendar_problem(v)})")
        elif kind in ("date", "time") and isinstance(v, (int, float)) and not (kind == "date" and _is_year(v)):
            c.fail(line_of(n, key), f"{where}: a {kind} given as a number must be a year (e.g. 1901 or \"1901\"), not {v!r}")
    if kind == "ordinal" and not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        c.fail(line_of(n, "value"), f"{where}: an ordinal needs a positive integer value, not {value!r}")
    if kind in ("count", "duration", "percent", "money", "quantity") and isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        c.fail(line_of(n, "value"), f"{where}: a {kind} cannot be negative ({value})")
    if kind == "money" and not n.get("unit"):
        c.fail(line_of(n), f"{where}: money needs a currency unit (e.g. USD)")
    if isinstance(value, (int, float)) and isinstance(value_max, (int, float)) and value_max < value:
        c.fail(line_of(n, "value_max"), f"{where}: value_max {value_max} is below value {value}")


def _attribution_rules(
    c: _Checker, a: Mapping[str, Any], where: str, values: dict[str, Any], entity_ids: set[str], ids: Mapping[str, Any]
) -> None:
    """References: every source entity is an entity of this file, and has a source span."""
    refs: list[str] = []
    listed = a.get("source_entities")
    for j, ref in enumerate(listed if isinstance(listed, list) else ()):
        if not isinstance(ref, str):
            continue
        line = line_of(a["source_entities"], j)
        if ref in entity_ids:
            refs.append(ref)
        elif ref in ids:
            c.fail(line, f"{where}: source entity {ref!r} is not an entity")
        else:
            c.fail(line, f"{where}: source entity {ref!r} is not defined")
    values["source_entities"] = tuple(refs)
    if refs and values["source"] is None and "source" in a and a.get("source") is None:
        c.fail(line_of(a, "source"), f"{where}: source entities are given but the source span is null")


#: Most values metadata may expand to. YAML aliases can make a small file expand
#: exponentially ("billion laughs"); metadata is the one free-form field that is copied whole.
MAX_METADATA_NODES = 10_000


class _TooLarge(Exception):
    pass


def _plain(value: Any, budget: list[int] | None = None) -> Any:
    """ruamel containers and scalars to plain Python, so metadata is JSON/Arrow-able."""
    if budget is None:
        budget = [MAX_METADATA_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    if isinstance(value, Mapping):
        return {str(k): _plain(v, budget) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, budget) for v in value]
    return _number(value)
