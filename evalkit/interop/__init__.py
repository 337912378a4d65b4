"""Gold to and from annotation tools: Label Studio, brat, doccano (both ways), CoNLL and spaCy
(import). One module per tool translates its file syntax; :mod:`.base` maps that to gold.

``import_files`` returns validated gold documents and the list of what could not be carried;
``write_gold`` writes them as ``evalkit-gold/1`` files with their texts; ``export_documents``
writes gold in a tool's format and returns what that format cannot hold. See docs/interop.md.
"""

from __future__ import annotations

import importlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Iterable, Sequence

from ..errors import GoldError, InputError, Problem
from ..model import GoldDocument
from .base import LabelMap, Loss, decode, encode

#: Tool name → module (in this package).
TOOLS: dict[str, str] = {
    "labelstudio": "labelstudio",
    "brat": "brat",
    "doccano": "doccano",
    "conll": "conll",
    "spacy": "spacy_docbin",
}
IMPORT_TOOLS: tuple[str, ...] = tuple(TOOLS)
EXPORT_TOOLS: tuple[str, ...] = ("labelstudio", "brat", "doccano")
#: What a folder given to ``import`` stands for, per tool.
FOLDER_SUFFIX = {"labelstudio": ".json", "brat": ".ann", "doccano": ".jsonl", "conll": ".conll", "spacy": ".spacy"}


def tool_module(name: str) -> ModuleType:
    """The module of tool ``name``."""
    if name not in TOOLS:
        raise InputError(f"unknown annotation tool {name!r} (known: {', '.join(TOOLS)})")
    return importlib.import_module(f"{__name__}.{TOOLS[name]}")


@dataclass(frozen=True)
class ImportResult:
    documents: list[GoldDocument]
    losses: list[Loss]


def _expand(tool: str, files: Iterable[str | os.PathLike[str]]) -> list[Path]:
    out: list[Path] = []
    for f in files:
        p = Path(f)
        if p.is_dir():
            found = sorted(x for x in p.iterdir() if x.suffix == FOLDER_SUFFIX[tool] and x.is_file())
            if not found:
                raise InputError(Problem(str(p), None, f"no {FOLDER_SUFFIX[tool]} files in this folder"))
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(Problem(str(p), None, "no such file or folder"))
    return out


def import_files(tool: str, files: Iterable[str | os.PathLike[str]], labels: LabelMap | None = None) -> ImportResult:
    """Gold documents from a tool's files, each proven by the gold validator.

    Raises :class:`GoldError` with every located problem (bad syntax, offsets that do not
    match the text, duplicate document ids); what is well-formed but has no place in gold is
    returned in ``losses`` instead.
    """
    module = tool_module(tool)
    labels = labels or LabelMap()
    docs: list[GoldDocument] = []
    losses: list[Loss] = []
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for path in _expand(tool, files):
        try:
            for td in module.read(path, losses):
                gold, lost = decode(td, labels, tool, shown=td.where)
                losses.extend(lost)
                if gold.document.id in first:
                    problems.append(Problem(td.where, None, f"document id {gold.document.id!r} is also used by {first[gold.document.id]}"))
                    continue
                first[gold.document.id] = td.where
                docs.append(gold)
        except GoldError as exc:
            problems.extend(exc.problems)
    if problems:
        raise GoldError(problems)
    return ImportResult(docs, losses)


def write_gold(docs: Sequence[GoldDocument], out_dir: Path, texts_dir: Path, *, source: str, force: bool = False) -> list[Path]:
    """Write ``docs`` as gold files in ``out_dir`` and their texts in ``texts_dir``; return the
    gold files. Existing files with other content are left alone (an error) unless ``force``;
    what is written is loaded back through the validator before this returns."""
    from ..fileio import atomic_write
    from ..gold import load_gold
    from ..gold.loader import project_root
    from ..gold.writer import dump_gold

    out_dir.mkdir(parents=True, exist_ok=True)
    texts_dir.mkdir(parents=True, exist_ok=True)
    root = project_root(out_dir.resolve())
    if not texts_dir.resolve().is_relative_to(root):
        raise InputError(Problem(str(texts_dir), None, f"texts must lie inside the project folder {root} (the gold loader refuses paths that escape it)"))
    planned: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for d in docs:
        text_file = texts_dir / f"{d.document.id}.txt"
        gold_file = out_dir / f"{d.document.id}.yaml"
        rel = os.path.relpath(text_file.resolve(), out_dir.resolve()).replace(os.sep, "/")
        header = f"Gold imported from {source} by `evalkit gold import` (docs/interop.md)."
        for path, content in ((text_file, d.document.text), (gold_file, dump_gold(d, rel, header))):
            if path.exists() and not force and _read(path) != content:
                problems.append(Problem(str(path), None, "exists with other content (use --force to replace it)"))
            planned.append((path, content))
    if problems:
        raise InputError(problems)
    for path, content in planned:
        atomic_write(path, content)
    written = [out_dir / f"{d.document.id}.yaml" for d in docs]
    load_gold(written)
    return written


def _read(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError):
        return None


def export_documents(tool: str, docs: Sequence[GoldDocument], output: Path) -> list[Loss]:
    """Write ``docs`` in ``tool``'s format at ``output`` (a folder for brat, else a file) and
    return everything the format cannot hold."""
    if tool not in EXPORT_TOOLS:
        raise InputError(f"cannot export to {tool!r} (export supports {', '.join(EXPORT_TOOLS)})")
    module = tool_module(tool)
    losses: list[Loss] = []
    tool_docs = []
    for d in docs:
        td, lost = encode(d, module.CAPABILITIES, tool)
        tool_docs.append(td)
        losses.extend(lost)
    try:
        losses.extend(module.write(tool_docs, output))
    except OSError as exc:
        raise InputError(Problem(str(output), None, f"cannot write: {exc.strerror or exc}")) from None
    return losses


def loss_summary(losses: Sequence[Loss]) -> str:
    """``not carried: 3 × aliases, 1 × label MISC`` — counts per kind, most frequent first
    (``nothing`` if none), then the notices to check, if any."""
    lost = Counter(loss.kind for loss in losses if not loss.notice)
    noticed = Counter(loss.kind for loss in losses if loss.notice)

    def counts(c: Counter[str]) -> str:
        return ", ".join(f"{n} × {kind}" for kind, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))

    out = f"not carried: {counts(lost) if lost else 'nothing'}"
    return out + (f"; to check: {counts(noticed)}" if noticed else "")


__all__ = [
    "EXPORT_TOOLS",
    "IMPORT_TOOLS",
    "ImportResult",
    "LabelMap",
    "Loss",
    "export_documents",
    "import_files",
    "loss_summary",
    "write_gold",
]
