"""doccano's JSONL export ↔ :class:`~evalkit.interop.base.ToolDocument`.

doccano exports one JSON object per line. A sequence-labeling project writes
``{"id": 1, "text": "…", "label": [[start, end, "LABEL"], …]}``; a project with relation
labeling writes ``{"id": 1, "text": "…", "entities": [{"id", "label", "start_offset",
"end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}``. Both are read; export
writes the second (it holds coreference and attribution links). doccano holds no attributes,
reference summaries or metadata, so entity names and aliases, number values and ids are
listed as not carried; a number's value comes back from its span text. Any further keys of a
line (doccano keeps the columns of an imported file) are ignored except ``doc_id``, which
names the document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from ..errors import GoldError, Problem
from .base import Capabilities, Link, Loss, Region, ToolDocument, document_id, read_text, region_span

NAME = "doccano"
CAPABILITIES = Capabilities(links=True, attributes=False, summaries=False, metadata=False)


def read(path: Path, loss: list[Loss]) -> Iterator[ToolDocument]:
    """Every line of a doccano JSONL export."""
    shown = str(path)
    lines = read_text(path).split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(Problem(shown, number, f"not JSON: {exc.msg}")) from None
        if not isinstance(row, Mapping):
            raise GoldError(Problem(shown, number, "a line must be a JSON object"))
        yield _document(row, shown, number, path.stem, loss)


def _document(row: Mapping[str, Any], shown: str, number: int, stem: str, loss: list[Loss]) -> ToolDocument:
    where = f"{shown}:{number}"
    text = row.get("text")
    if not isinstance(text, str):
        raise GoldError(Problem(shown, number, "text is required (a string)"))
    wanted = row["doc_id"] if isinstance(row.get("doc_id"), str) else f"{stem}-{row.get('id', number)}"
    td = ToolDocument(document_id(str(wanted), f"{stem}-{number}"), text, where=where)
    if "entities" in row:
        ents = row.get("entities")
        if not isinstance(ents, list):
            raise GoldError(Problem(shown, number, "entities must be a list"))
        for j, e in enumerate(ents):
            if not isinstance(e, Mapping) or not isinstance(e.get("label"), str):
                raise GoldError(Problem(shown, number, f"entities[{j}] must be an object with a label"))
            start, end = region_span(text, e.get("start_offset"), e.get("end_offset"), None, f"{where} entities[{j}]")
            td.regions.append(Region(str(e.get("id", f"e{j}")), start, end, text[start:end], e["label"]))
        rels = row.get("relations") or []
        if not isinstance(rels, list):
            raise GoldError(Problem(shown, number, "relations must be a list"))
        for j, r in enumerate(rels):
            if not isinstance(r, Mapping) or not isinstance(r.get("type"), str):
                raise GoldError(Problem(shown, number, f"relations[{j}] must be an object with a type"))
            td.links.append(Link(r["type"], str(r.get("from_id")), str(r.get("to_id"))))
    else:
        spans = row.get("label", row.get("labels", []))
        if not isinstance(spans, list):
            raise GoldError(Problem(shown, number, "label must be a list of [start, end, label]"))
        for j, item in enumerate(spans):
            if not (isinstance(item, list) and len(item) == 3 and isinstance(item[2], str)):
                raise GoldError(Problem(shown, number, f"label[{j}] must be [start, end, \"LABEL\"]"))
            start, end = region_span(text, item[0], item[1], None, f"{where} label[{j}]")
            td.regions.append(Region(f"s{j}", start, end, text[start:end], item[2]))
    return td


def write(docs: Sequence[ToolDocument], path: Path) -> list[Loss]:
    """A doccano JSONL export (relation-labeling flavour) of ``docs``."""
    lines = []
    next_id = 1
    for number, td in enumerate(docs, start=1):
        ids: dict[str, int] = {}
        entities = []
        for r in td.regions:
            ids[r.id] = next_id
            entities.append({"id": next_id, "label": r.label, "start_offset": r.start, "end_offset": r.end})
            next_id += 1
        relations = []
        for link in td.links:
            relations.append({"id": next_id, "from_id": ids[link.head], "to_id": ids[link.tail], "type": link.label})
            next_id += 1
        row = {"id": number, "text": td.text, "entities": entities, "relations": relations, "doc_id": td.id}
        lines.append(json.dumps(row, ensure_ascii=False))
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return []
