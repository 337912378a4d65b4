"""Label Studio's JSON export (a list of tasks) ↔ :class:`~evalkit.interop.base.ToolDocument`.

The format (labelstud.io/guide/task_format): each task has ``data`` (the text under ``text``)
and ``annotations`` and/or ``predictions``, each with a ``result`` list. evalkit reads and
writes these result types:

* ``labels`` — a text region: ``value: {start, end, text, labels: [LABEL]}``;
* ``relation`` — ``from_id``/``to_id`` (region ids), ``direction``, ``labels: [LABEL]``;
* ``textarea`` with the id of a region (a per-region TextArea) — an attribute named by
  ``from_name`` (``name``, ``value``, ``unit``…), ``value.text`` holding the value;
* ``textarea`` without a region (from_name ``summary``) — the reference summaries.

Document id and metadata travel in ``data`` (``doc_id``, ``metadata``). Label Studio can thus
hold everything gold holds. A task's first annotation that was not cancelled is imported (its
first prediction when it has no annotation); further ones are listed, not merged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from ..errors import GoldError, Problem
from .base import Capabilities, Link, Loss, Region, ToolDocument, document_id, region_span

NAME = "labelstudio"
CAPABILITIES = Capabilities(links=True, attributes=True, summaries=True, metadata=True)
#: Names used in the labeling config that :func:`labeling_config` writes.
LABEL_CONTROL, TEXT_OBJECT, SUMMARY_CONTROL = "label", "text", "summary"


def read(path: Path, loss: list[Loss]) -> Iterator[ToolDocument]:
    """Every task of a Label Studio JSON export (a list of tasks, or one task)."""
    shown = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise GoldError(Problem(shown, None, "not UTF-8 text")) from None
    except json.JSONDecodeError as exc:
        raise GoldError(Problem(shown, exc.lineno, f"not JSON: {exc.msg}")) from None
    tasks = data if isinstance(data, list) else [data]
    for i, task in enumerate(tasks, start=1):
        where = f"{shown} task {i}"
        if not isinstance(task, Mapping):
            raise GoldError(Problem(where, None, "a task must be a JSON object"))
        yield _task(task, where, path.stem, i, loss)


def _task(task: Mapping[str, Any], where: str, stem: str, number: int, loss: list[Loss]) -> ToolDocument:
    data = task.get("data")
    if not isinstance(data, Mapping):
        raise GoldError(Problem(where, None, "task has no data object"))
    text = data.get("text")
    if not isinstance(text, str):
        strings = [v for v in data.values() if isinstance(v, str)]
        if len(strings) != 1:
            raise GoldError(Problem(where, None, "data has no text field (and not exactly one string field to take instead)"))
        text = strings[0]
    wanted = data.get("doc_id") if isinstance(data.get("doc_id"), str) else f"{stem}-{task.get('id', number)}"
    td = ToolDocument(document_id(str(wanted), f"{stem}-{number}"), text, where=where)
    if isinstance(data.get("metadata"), Mapping):
        td.metadata = dict(data["metadata"])
    completions = [a for a in task.get("annotations") or [] if isinstance(a, Mapping) and not a.get("was_cancelled")]
    source = "annotation"
    if not completions:
        completions = [p for p in task.get("predictions") or [] if isinstance(p, Mapping)]
        source = "prediction"
    if not completions:
        loss.append(Loss(where, "task has no annotation or prediction; imported with no annotations", "empty tasks"))
        return td
    if len(completions) > 1:
        loss.append(Loss(where, f"{len(completions)} {source}s; the first is imported", f"further {source}s"))
    result = completions[0].get("result") or []
    if not isinstance(result, list):
        raise GoldError(Problem(where, None, f"{source} result must be a list"))
    regions: dict[str, Region] = {}
    for j, item in enumerate(result):
        item_where = f"{where} result {j + 1}"
        if not isinstance(item, Mapping):
            raise GoldError(Problem(item_where, None, "a result must be a JSON object"))
        kind = item.get("type")
        raw_value = item.get("value")
        value: Mapping[str, Any] = raw_value if isinstance(raw_value, Mapping) else {}
        if kind == "labels":
            labels = value.get("labels") or []
            if not isinstance(labels, list) or not labels:
                raise GoldError(Problem(item_where, None, "labels result without labels"))
            surface = value.get("text") if isinstance(value.get("text"), str) else None
            start, end = region_span(text, value.get("start"), value.get("end"), surface, item_where)
            rid = str(item.get("id", f"result-{j + 1}"))
            for k, label in enumerate(labels):
                region = Region(rid if k == 0 else f"{rid}#{k}", start, end, text[start:end], str(label))
                regions[region.id] = region
                td.regions.append(region)
        elif kind == "relation":
            labels = item.get("labels") or []
            if not labels:
                loss.append(Loss(item_where, "relation without a label", "unlabelled relations"))
            for label in labels:
                head, tail = str(item.get("from_id")), str(item.get("to_id"))
                if item.get("direction") == "left":
                    head, tail = tail, head
                td.links.append(Link(str(label), head, tail))
        elif kind == "textarea":
            texts = value.get("text")
            texts = [texts] if isinstance(texts, str) else [t for t in texts or [] if isinstance(t, str)]
            rid = str(item.get("id"))
            name = str(item.get("from_name", ""))
            if rid in regions:
                td.attributes.setdefault(rid, {})[name] = "\n".join(texts)
            elif name == SUMMARY_CONTROL:
                td.summaries.extend(texts)
            else:
                loss.append(Loss(item_where, f"text area {name!r} belongs to no region and is not a summary", f"text area {name}"))
        else:
            loss.append(Loss(item_where, f"result type {kind!r} has no evalkit meaning", f"result type {kind}"))
    return td


def write(docs: Sequence[ToolDocument], path: Path) -> list[Loss]:
    """A Label Studio JSON export holding ``docs`` as annotated tasks (nothing is lost)."""
    tasks = [_task_json(i, td) for i, td in enumerate(docs, start=1)]
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return []


def _task_json(number: int, td: ToolDocument) -> dict[str, Any]:
    result: list[dict[str, Any]] = []
    regions = {r.id: r for r in td.regions}
    for r in td.regions:
        result.append(
            {
                "id": r.id,
                "from_name": LABEL_CONTROL,
                "to_name": TEXT_OBJECT,
                "type": "labels",
                "origin": "manual",
                "value": {"start": r.start, "end": r.end, "text": r.text, "labels": [r.label]},
            }
        )
        for key, value in td.attributes.get(r.id, {}).items():
            result.append(
                {
                    "id": r.id,
                    "from_name": key,
                    "to_name": TEXT_OBJECT,
                    "type": "textarea",
                    "origin": "manual",
                    "value": {"start": r.start, "end": r.end, "text": [value]},
                }
            )
    for link in td.links:
        assert link.head in regions and link.tail in regions
        result.append({"from_id": link.head, "to_id": link.tail, "type": "relation", "direction": "right", "labels": [link.label]})
    if td.summaries:
        result.append(
            {
                "id": "summaries",
                "from_name": SUMMARY_CONTROL,
                "to_name": TEXT_OBJECT,
                "type": "textarea",
                "origin": "manual",
                "value": {"text": list(td.summaries)},
            }
        )
    data: dict[str, Any] = {"text": td.text, "doc_id": td.id}
    if td.metadata:
        data["metadata"] = td.metadata
    return {
        "id": number,
        "data": data,
        "annotations": [{"id": number, "result": result, "was_cancelled": False, "ground_truth": True}],
        "predictions": [],
    }


def evalkit_labeling_config() -> str:
    """The labeling config for tasks exported by :func:`write`: every entity type, number kind
    and attribution part as a label, the link labels, the attribute text areas (one config
    serves every export, since it lists every label evalkit writes)."""
    from ..model import ATTRIBUTION_KINDS, ENTITY_TYPES, NUMBER_KINDS
    from .base import CONTENT_ATTRS, CONTENT_PREFIX, COREF, CUE, ENTITY_ATTRS, NUMBER_ATTRS, NUMBER_PREFIX, SOURCE, SOURCE_ENTITY

    labels = [*ENTITY_TYPES, *(NUMBER_PREFIX + k for k in NUMBER_KINDS), *(CONTENT_PREFIX + k for k in ATTRIBUTION_KINDS), CUE, SOURCE]
    attributes = list(dict.fromkeys((*ENTITY_ATTRS, *NUMBER_ATTRS, *CONTENT_ATTRS)))
    return labeling_config(labels, [COREF, CUE, SOURCE, SOURCE_ENTITY], attributes)


def labeling_config(labels: Sequence[str], relations: Sequence[str], attributes: Sequence[str]) -> str:
    """A Label Studio labeling config (XML) under which the exported tasks open for editing."""
    from xml.sax.saxutils import quoteattr

    lines = ["<View>", "  <Relations>"]
    lines += [f"    <Relation value={quoteattr(r)}/>" for r in relations]
    lines += ["  </Relations>", f'  <Labels name="{LABEL_CONTROL}" toName="{TEXT_OBJECT}">']
    lines += [f"    <Label value={quoteattr(label)}/>" for label in labels]
    lines += ["  </Labels>", f'  <Text name="{TEXT_OBJECT}" value="$text"/>']
    lines += [
        f'  <TextArea name={quoteattr(a)} toName="{TEXT_OBJECT}" perRegion="true" editable="true" placeholder={quoteattr(a)}/>'
        for a in attributes
    ]
    lines += [f'  <TextArea name="{SUMMARY_CONTROL}" toName="{TEXT_OBJECT}" editable="true" placeholder="reference summary"/>', "</View>"]
    return "\n".join(lines) + "\n"
