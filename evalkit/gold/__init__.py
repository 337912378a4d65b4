"""Gold annotations: load, validate, resolve offsets, publish the format's schema.

``load_gold`` is the one entry point the rest of evalkit uses; it validates as it loads and
raises :class:`~evalkit.errors.GoldError` listing every problem in every file. It reads gold
YAML files and folders of them, and the corpus files ``evalkit export`` writes
(``*.jsonl``, ``*.parquet``), so every command that takes ``--gold`` takes those too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..errors import GoldError, Problem
from ..model import GoldDocument
from .corpus_file import CORPUS_SUFFIXES, check_num_proc, is_corpus_file, load_corpus_file
from .loader import FORMAT, load_gold_file

GOLD_SUFFIXES = (".yaml", ".yml")


def gold_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders into a sorted file list.

    Files are taken as given (gold YAML or an exported corpus file). A folder stands for the ``*.yaml``/``*.yml`` files directly in it, not in its subfolders:
    a corpus folder can then keep other annotations of the same documents beside it (a second
    annotator's in ``gold/second/``, for ``evalkit agree``) without their ids clashing.
    """
    out: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.iterdir() if f.suffix in GOLD_SUFFIXES and f.is_file())
            if not found:
                problems.append(Problem(str(path), None, "no gold files (*.yaml) in this folder"))
            out.extend(found)
        elif path.exists():
            out.append(path)
        else:
            problems.append(Problem(str(path), None, "no such file or folder"))
    if problems:
        raise GoldError(problems)
    seen: dict[Path, None] = {}
    for f in out:
        seen.setdefault(f, None)
    return list(seen)


def load_gold(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, num_proc: int | None = None) -> list[GoldDocument]:
    """Load every gold file under ``paths``; all problems of all files are raised together.

    ``num_proc`` > 1 proves the rows of each corpus file in that many processes (see
    :func:`~evalkit.gold.corpus_file.load_corpus_file`); the result is the same as without it.
    """
    check_num_proc(num_proc)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    docs: list[GoldDocument] = []
    problems: list[Problem] = []
    for f in gold_files(paths):
        try:
            if is_corpus_file(f):
                docs.extend(load_corpus_file(f, num_proc=num_proc))
            else:
                docs.append(load_gold_file(f))
        except GoldError as exc:
            problems.extend(exc.problems)
    first: dict[str, str] = {}
    for d in docs:
        if d.document.id in first:
            problems.append(Problem(d.path, None, f"document id {d.document.id!r} is also used by {first[d.document.id]}"))
        else:
            first[d.document.id] = d.path
    if problems:
        raise GoldError(problems)
    return docs


__all__ = ["CORPUS_SUFFIXES", "FORMAT", "GoldDocument", "gold_files", "load_corpus_file", "load_gold", "load_gold_file"]
