"""``evalkit gold resolve``: write resolved offsets back into a gold file.

Annotators may write a span as its surface text alone (optionally with ``occurrence`` or
``after``); resolving replaces those hints with ``start``/``end`` in place, keeping comments,
key order and quoting (ruamel.yaml round trip), and replaces the file atomically, keeping its
permissions (:func:`evalkit.fileio.atomic_write`).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ..fileio import atomic_write
from .loader import SpanRef, load_with_tree
from .source import make_yaml


def _apply(ref: SpanRef) -> None:
    node = ref.node
    if isinstance(node, CommentedMap):
        for hint in ("occurrence", "after"):
            if hint in node:
                del node[hint]
        pos = list(node.keys()).index("text") + 1
        node.insert(pos, "start", ref.start)
        node.insert(pos + 1, "end", ref.end)
        return
    new = CommentedMap([("text", str(node)), ("start", ref.start), ("end", ref.end)])
    new.fa.set_flow_style()
    ref.owner[ref.key] = new


def resolve_file(path: str | os.PathLike[str], *, dry_run: bool = False) -> tuple[int, str]:
    """Resolve every offset-less span of one gold file.

    Returns the number of spans resolved and the new file text. The file is validated first
    (a file with problems is not touched) and replaced only when something changed.
    """
    path = Path(path)
    _, tree, refs = load_with_tree(path)
    for ref in refs:
        _apply(ref)
    out = io.StringIO()
    make_yaml().dump(tree, out)
    text = out.getvalue()
    if refs and not dry_run:
        atomic_write(path, text)
    return len(refs), text
