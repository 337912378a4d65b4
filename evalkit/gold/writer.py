"""Write a gold document as an ``evalkit-gold/1`` YAML file.

Gold is mostly written by hand; this writer exists for gold that arrives from elsewhere
(``evalkit gold import`` from annotation tools). It writes the same layout the hand-written
files use — spans as one-line ``{text, start, end}`` mappings, optional fields left out — so an
imported file reads like a hand-written one and can be edited and resolved the same way.
What it writes is loaded back by :mod:`evalkit.gold.loader` to the same
:class:`~evalkit.model.GoldDocument` (tests/test_interop_roundtrip.py states this as a property).
"""

from __future__ import annotations

import io
from typing import Any, Mapping

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..model import GoldDocument, Span
from .loader import FORMAT
from .source import make_yaml


def _span(s: Span) -> CommentedMap:
    node = CommentedMap([("text", s.text), ("start", s.start), ("end", s.end)])
    node.fa.set_flow_style()
    return node


def _flow_list(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _plain(value: Any) -> Any:
    """Metadata (any JSON-like value) as ruamel containers, block style."""
    if isinstance(value, Mapping):
        return CommentedMap((str(k), _plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return CommentedSeq(_plain(v) for v in value)
    return value


def gold_tree(doc: GoldDocument, text_path: str) -> CommentedMap:
    """The YAML tree of ``doc`` with its text at ``text_path`` (relative to the gold file)."""
    g = doc.gold
    document = CommentedMap([("id", doc.document.id), ("text", text_path), ("sha256", doc.document.sha256)])
    if doc.document.metadata:
        document["metadata"] = _plain(doc.document.metadata)
    entities = CommentedSeq()
    for e in g.entities:
        entities.append(
            CommentedMap(
                [
                    ("id", e.id),
                    ("type", e.type),
                    ("name", e.name),
                    ("aliases", _flow_list(list(e.aliases))),
                    ("mentions", CommentedSeq(_span(m) for m in e.mentions)),
                ]
            )
        )
    numbers = CommentedSeq()
    for n in g.numbers:
        node = CommentedMap([("id", n.id)])
        if n.span is not None:
            node["span"] = _span(n.span)
        node["value"] = n.value
        if n.value_max is not None:
            node["value_max"] = n.value_max
        node["kind"] = n.kind
        for key in ("unit", "qualifier", "quantifies"):
            if getattr(n, key) is not None:
                node[key] = getattr(n, key)
        numbers.append(node)
    attributions = CommentedSeq()
    for a in g.attributions:
        node = CommentedMap([("id", a.id), ("kind", a.kind)])
        if a.source is not None:
            node["source"] = _span(a.source)
        if a.source_entities:
            node["source_entities"] = _flow_list(list(a.source_entities))
        node["cue"] = _span(a.cue) if a.cue is not None else None
        node["content"] = _span(a.content)
        attributions.append(node)
    return CommentedMap(
        [
            ("format", FORMAT),
            ("document", document),
            ("entities", entities),
            ("numbers", numbers),
            ("attributions", attributions),
            ("summaries", CommentedSeq(g.summaries)),
        ]
    )


def dump_gold(doc: GoldDocument, text_path: str, header: str = "") -> str:
    """``doc`` as the text of a gold YAML file; ``header`` becomes leading ``#`` comment lines."""
    out = io.StringIO()
    for line in header.splitlines():
        out.write(f"# {line}".rstrip() + "\n")
    make_yaml().dump(gold_tree(doc, text_path), out)
    return out.getvalue()
