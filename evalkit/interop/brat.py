"""brat standoff (``DOC.txt`` + ``DOC.ann``) ↔ :class:`~evalkit.interop.base.ToolDocument`.

The format (brat.nlplab.org/standoff.html), one annotation per line, tab-separated:

* ``T1<TAB>PERSON 0 8<TAB>Pinochet`` — a text-bound annotation; a span that crosses line
  breaks is written as fragments (``0 5;6 12``) and read back as one span when only line breaks
  lie between the fragments;
* ``E1<TAB>Attribution:T5 Content:T6 Source:T7 Entity:T1 Entity2:T9`` — an event: an
  attribution with its cue as trigger (a brat event needs a trigger, so an attribution without
  a cue is written as ``R`` relations instead);
* ``R1<TAB>source Arg1:T6 Arg2:T7`` — a binary relation;
* ``*<TAB>Equiv T1 T3 T8`` — equivalence: the mentions of one entity;
* ``A1<TAB>kind T6 value`` — an attribute (values without spaces);
* ``#1<TAB>AnnotatorNotes T1<TAB>name=Augusto Pinochet`` — a note, for attribute values with
  spaces.

brat has no place for reference summaries or document metadata (listed on export).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import GoldError, Problem
from .base import (
    COREF,
    CUE,
    SOURCE,
    SOURCE_ENTITY,
    Capabilities,
    Link,
    Loss,
    Region,
    ToolDocument,
    document_id,
    read_text,
)

NAME = "brat"
CAPABILITIES = Capabilities(links=True, attributes=True, summaries=False, metadata=False)
#: brat event type of an attribution (its trigger is the cue) and the argument roles.
EVENT_TYPE = "Attribution"
ROLES = {"Content": None, "Source": SOURCE, "Entity": SOURCE_ENTITY}
_ROLE_RE = re.compile(r"^([A-Za-z_-]+?)(\d*)$")
_NOTE_KEY_RE = re.compile(r"^([a-z_]+)=(.*)$", re.S)


def read(path: Path, loss: list[Loss]) -> Iterator[ToolDocument]:
    """The document of one ``.ann`` file (its text from the ``.txt`` beside it)."""
    ann = path if path.suffix == ".ann" else path.with_suffix(".ann")
    txt = ann.with_suffix(".txt")
    for f in (ann, txt):
        if not f.is_file():
            raise GoldError(Problem(str(f), None, "no such file (brat needs DOC.ann and DOC.txt side by side)"))
    # \r\n kept as written: brat offsets count every character of the text.
    text = read_text(txt, keep_newlines=True)
    lines = [line.removesuffix("\r") for line in read_text(ann, keep_newlines=True).split("\n")]
    td = ToolDocument(document_id(ann.stem, "document"), text, where=str(ann))
    triggers: dict[str, str] = {}  # T id of an attribution trigger → its event id
    events: list[tuple[int, str, list[tuple[str, str]]]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{ann}:{number}"
        ident, _, rest = line.partition("\t")
        if not rest:
            raise GoldError(Problem(str(ann), number, "expected ID<TAB>annotation"))
        head = ident[:1]
        if head == "T":
            td.regions.append(_text_bound(ident, rest, text, str(ann), number))
        elif head == "E":
            parts = rest.split()
            etype, _, trigger = parts[0].partition(":")
            event_args = [p.split(":", 1) for p in parts[1:]]
            if etype != EVENT_TYPE or not trigger or any(len(a) != 2 for a in event_args):
                loss.append(Loss(where, f"event {etype!r} is not an attribution ({EVENT_TYPE}:TRIGGER Content:T…)", f"event {etype}"))
                continue
            triggers[trigger] = ident
            events.append((number, trigger, [(a[0], a[1]) for a in event_args]))
        elif head == "R":
            parts = rest.split()
            rel_args = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
            if len(parts) != 3 or set(rel_args) != {"Arg1", "Arg2"}:
                raise GoldError(Problem(str(ann), number, "expected a relation TYPE Arg1:ID Arg2:ID"))
            td.links.append(Link(parts[0], rel_args["Arg1"], rel_args["Arg2"]))
        elif ident == "*":
            parts = rest.split()
            if parts and parts[0] == "Equiv":
                td.links.extend(Link("equiv", t, parts[1]) for t in parts[2:])
            else:
                loss.append(Loss(where, f"relation {parts[0] if parts else ''!r} has no evalkit meaning", "relations"))
        elif head in ("A", "M"):
            parts = rest.split()
            if len(parts) not in (2, 3):
                raise GoldError(Problem(str(ann), number, "expected an attribute NAME ID [VALUE]"))
            target = parts[1]
            td.attributes.setdefault(target, {})[parts[0]] = parts[2] if len(parts) == 3 else "true"
        elif head == "#":
            parts = rest.split("\t", 1)
            kind_target = parts[0].split()
            note = parts[1] if len(parts) == 2 else ""
            m = _NOTE_KEY_RE.match(note)
            if len(kind_target) == 2 and kind_target[0] == "AnnotatorNotes" and m:
                td.attributes.setdefault(kind_target[1], {})[m.group(1)] = m.group(2)
            else:
                loss.append(Loss(where, f"note {note!r} has no evalkit meaning", "notes"))
        elif head == "N":
            loss.append(Loss(where, "normalisation (N) annotations have no evalkit meaning", "normalisations"))
        else:
            raise GoldError(Problem(str(ann), number, f"unknown annotation id {ident!r}"))
    # attributes and notes on an event belong to its trigger's attribution content
    for ev_number, trigger, args in events:
        contents = [t for role, t in args if _role(role) == "Content"]
        if len(contents) != 1:
            raise GoldError(Problem(str(ann), ev_number, "an attribution event needs exactly one Content argument"))
        content = contents[0]
        td.links.append(Link(CUE, content, trigger))
        for role, t in args:
            name = _role(role)
            if name == "Content":
                continue
            if name in ROLES and ROLES[name] is not None:
                td.links.append(Link(str(ROLES[name]), content, t))
            else:
                loss.append(Loss(f"{ann}:{ev_number}", f"event argument role {role!r} has no evalkit meaning", f"role {role}"))
    event_of = {v: k for k, v in triggers.items()}
    for eid in list(td.attributes):
        if eid in event_of:
            loss.append(Loss(str(ann), f"attributes on event {eid} have no evalkit meaning (attributes go on the content's T)", "event attributes"))
            del td.attributes[eid]
    td.regions = [Region(r.id, r.start, r.end, r.text, CUE) if r.id in triggers else r for r in td.regions]
    return iter([td])


def _role(role: str) -> str:
    m = _ROLE_RE.match(role)
    return m.group(1) if m else role


def _text_bound(ident: str, rest: str, text: str, shown: str, number: int) -> Region:
    try:
        head, surface = rest.split("\t", 1)
        label, ranges = head.split(" ", 1)
        fragments = [tuple(int(x) for x in frag.split()) for frag in ranges.split(";")]
    except ValueError:
        raise GoldError(Problem(shown, number, "expected ID<TAB>TYPE START END<TAB>TEXT")) from None
    if any(len(f) != 2 for f in fragments):
        raise GoldError(Problem(shown, number, "expected START END offsets"))
    for s, e in fragments:
        if not 0 <= s < e <= len(text):
            raise GoldError(Problem(shown, number, f"offsets [{s}:{e}] do not lie inside the text ({len(text)} characters)"))
    start, end = fragments[0][0], fragments[-1][1]
    gaps = [text[fragments[i][1] : fragments[i + 1][0]] for i in range(len(fragments) - 1)]
    if any(g.strip("\n") or not g for g in gaps):
        raise GoldError(Problem(shown, number, "a discontinuous span (gold spans are continuous; only line breaks may separate fragments)"))
    joined = " ".join(text[s:e] for s, e in fragments)
    if surface != joined:
        raise GoldError(Problem(shown, number, f"{surface!r} [{start}:{end}] does not match the text ({joined!r})"))
    return Region(ident, start, end, text[start:end], label)


def write(docs: Sequence[ToolDocument], folder: Path) -> list[Loss]:
    """``DOC.txt`` and ``DOC.ann`` per document, and an ``annotation.conf`` for the collection;
    returns what the ``.ann`` syntax could not hold."""
    losses: list[Loss] = []
    folder.mkdir(parents=True, exist_ok=True)
    labels: set[str] = set()
    relations: set[str] = set()
    attribute_names: set[str] = set()
    for td in docs:
        (folder / f"{td.id}.txt").write_bytes(td.text.encode("utf-8"))
        lines, used = _ann_lines(td, losses)
        labels |= used[0]
        relations |= used[1]
        attribute_names |= used[2]
        (folder / f"{td.id}.ann").write_bytes("".join(line + "\n" for line in lines).encode("utf-8"))
    (folder / "annotation.conf").write_text(_conf(sorted(labels), sorted(relations), sorted(attribute_names)), encoding="utf-8")
    return losses


def _fragments(text: str, start: int, end: int) -> str:
    """``START END`` ranges of a span, split at line breaks as brat writes them."""
    out, s = [], start
    for i in range(start, end + 1):
        if i == end or text[i] == "\n":
            if i > s:
                out.append(f"{s} {i}")
            s = i + 1
    return ";".join(out)


def _ann_lines(td: ToolDocument, losses: list[Loss]) -> tuple[list[str], tuple[set[str], set[str], set[str]]]:
    tid = {r.id: f"T{i}" for i, r in enumerate(td.regions, start=1)}
    cue_links = {link.head: link.tail for link in td.links if link.label == CUE}
    triggers = set(cue_links.values())
    labels: set[str] = set()
    lines: list[str] = []
    for r in td.regions:
        label = EVENT_TYPE if r.id in triggers else r.label
        labels.add(label)
        if r.text.startswith("\n") or r.text.endswith("\n"):
            losses.append(Loss(td.id, f"{r.text!r} [{r.start}:{r.end}] begins or ends with a line break, which brat fragments leave out", "line-break edges"))
        surface = " ".join(frag for frag in r.text.split("\n") if frag)
        lines.append(f"{tid[r.id]}\t{label} {_fragments(td.text, r.start, r.end)}\t{surface}")
    equiv: dict[str, list[str]] = {}
    relations: set[str] = set()
    rel_lines: list[str] = []
    args_of: dict[str, list[tuple[str, str]]] = {}
    for link in td.links:
        if link.label == COREF:
            equiv.setdefault(link.tail, [link.tail]).append(link.head)
        elif link.head in cue_links and link.label in (SOURCE, SOURCE_ENTITY):
            args_of.setdefault(link.head, []).append((link.label, link.tail))
        elif link.label != CUE:
            relations.add(link.label)
            rel_lines.append(f"R{len(rel_lines) + 1}\t{link.label} Arg1:{tid[link.head]} Arg2:{tid[link.tail]}")
    for group in equiv.values():
        lines.append("*\tEquiv " + " ".join(tid[g] for g in group))
    for n, (content, cue) in enumerate(cue_links.items(), start=1):
        counts: dict[str, int] = {}
        args = [f"Content:{tid[content]}"]
        for label, tail in args_of.get(content, []):
            role = "Source" if label == SOURCE else "Entity"
            counts[role] = counts.get(role, 0) + 1
            args.append(f"{role}{counts[role] if counts[role] > 1 else ''}:{tid[tail]}")
        lines.append(f"E{n}\t{EVENT_TYPE}:{tid[cue]} " + " ".join(args))
    lines.extend(rel_lines)
    names: set[str] = set()
    a = note = 0
    for r in td.regions:
        for key, value in td.attributes.get(r.id, {}).items():
            names.add(key)
            if value and not any(c.isspace() for c in value):
                a += 1
                lines.append(f"A{a}\t{key} {tid[r.id]} {value}")
            elif "\n" in value or "\r" in value:
                losses.append(Loss(td.id, f"{r.text!r} [{r.start}:{r.end}]: {key} {value!r} holds a line break, which a brat note cannot", f"multi-line {key}"))
            else:
                note += 1
                lines.append(f"#{note}\tAnnotatorNotes {tid[r.id]}\t{key}={value}")
    return lines, (labels, relations, names)


def _conf(labels: Sequence[str], relations: Sequence[str], attributes: Sequence[str]) -> str:
    entities = [label for label in labels if label != EVENT_TYPE]
    out = ["# Types written by evalkit gold export (docs/interop.md).", "[entities]", *entities, "", "[relations]"]
    out += [f"{r} Arg1:<ANY>, Arg2:<ANY>" for r in relations]
    out += ["<OVERLAP> Arg1:<ANY>, Arg2:<ANY>, <OL-TYPE>:<ANY>", "", "[events]"]
    out += [f"{EVENT_TYPE} Content:<ENTITY>, Source?:source, Entity*:<ENTITY>", "", "[attributes]"]
    out += [f"{name} Arg:<ANY>, Value:<ANY>" for name in attributes]
    return "\n".join(out) + "\n"
