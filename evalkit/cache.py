"""A content-addressed cache of extractor outputs.

An output is stored under a key that hashes everything that can change it: the extractor's
:class:`~evalkit.extractors.base.ExtractorInfo` (name, arg, version, options), the wire-format
version of the stored JSON, and the SHA-256 of the document text — never the document id
alone, so an edited article or a new model version misses the cache instead of returning a
stale answer. Only successful outputs are stored; errors are always retried.

Layout: ``<root>/<extractor name>/<key>.json``, one file per output, written to a temporary
file in the same folder and renamed into place (:func:`evalkit.fileio.atomic_write`), so a reader sees either the
whole entry or none, even with several runs writing at once. An unreadable or mismatched
entry is treated as a miss and rewritten by the next successful extraction. A hit refreshes
the entry's modification time, so ``prune(older_than_days=N)`` drops entries unused for N days.

The root is ``$EVALKIT_CACHE_DIR`` when set, else ``.evalkit-cache`` in the working directory.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .errors import PredictionError
from .fileio import atomic_write
from .model import Document, ExtractorInfo, StructuredSummary, Usage
from .serialize import summary_from_dict, summary_to_dict

#: Version of the stored output format (:mod:`evalkit.serialize`'s wire format plus the entry
#: envelope). Bump it whenever either changes: every old entry then misses.
WIRE_FORMAT_VERSION = 1

ENV_VAR = "EVALKIT_CACHE_DIR"
DEFAULT_DIR = ".evalkit-cache"

_SAFE = re.compile(r"[^A-Za-z0-9_.+-]")
_TMP_PREFIX = ".tmp-"
#: The name of an entry file: its key. Nothing else under the root is ever read or removed.
_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
#: The files that mark the root as a cache (written when the cache creates its folder).
_MARKERS = ("CACHEDIR.TAG", ".gitignore")


def default_cache_dir() -> Path:
    """``$EVALKIT_CACHE_DIR`` if set, else ``./.evalkit-cache``."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_DIR)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def key_material(info: ExtractorInfo, document_sha256: str) -> dict[str, Any]:
    """Everything the key hashes, as plain JSON data (also stored in the entry, for ``cache info``)."""
    return {
        "wire_format": WIRE_FORMAT_VERSION,
        "extractor": {
            "name": info.name,
            "arg": info.arg,
            "version": str(info.version),
            "options": _plain(dict(info.options)),
        },
        "document_sha256": document_sha256,
    }


def cache_key(info: ExtractorInfo, document_sha256: str) -> str:
    """SHA-256 (hex) of the canonical JSON of :func:`key_material`."""
    canonical = json.dumps(key_material(info, document_sha256), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheHit:
    """A stored output, and what producing it cost when the back-end reported it."""

    summary: StructuredSummary
    usage: Usage | None = None


def _usage_from_dict(data: Any) -> Usage | None:
    """The usage stored with an entry; a malformed one makes the entry corrupt (``ValueError``)."""
    if data is None:
        return None
    if not isinstance(data, dict) or set(data) != {f.name for f in dataclasses.fields(Usage)}:
        raise ValueError("malformed usage")
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in data.values()):
        raise ValueError("malformed usage")
    return Usage(**data)


@dataclass(frozen=True)
class CacheStats:
    """What ``evalkit cache info`` shows."""

    root: Path
    entries: int
    bytes: int
    oldest: float | None
    newest: float | None
    by_extractor: Mapping[str, int] = field(default_factory=dict)


@dataclass
class CacheCounters:
    """Hits, misses and corrupt entries seen by one :class:`OutputCache` object."""

    hits: int = 0
    misses: int = 0
    corrupt: int = 0
    writes: int = 0


class OutputCache:
    """The output cache under ``root`` (default :func:`default_cache_dir`); created on first write."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = Path(root) if root is not None else default_cache_dir()
        self.counters = CacheCounters()

    def _folder(self, info: ExtractorInfo) -> Path:
        return self.root / (_SAFE.sub("_", info.name) or "_")

    def get(self, info: ExtractorInfo, document: Document) -> StructuredSummary | None:
        """The stored output, or ``None`` on a miss; a corrupt entry counts as a miss and is removed."""
        hit = self.lookup(info, document)
        return None if hit is None else hit.summary

    def lookup(self, info: ExtractorInfo, document: Document) -> "CacheHit | None":
        """The stored output with the usage recorded when it was produced, or ``None`` on a miss."""
        key = cache_key(info, document.sha256)
        path = self._folder(info) / f"{key}.json"
        try:
            raw = path.read_bytes()
        except OSError:
            self.counters.misses += 1
            return None
        try:
            entry = json.loads(raw.decode("utf-8"))
            if not isinstance(entry, dict) or entry.get("key") != key or entry.get("wire_format") != WIRE_FORMAT_VERSION:
                raise ValueError("entry does not belong to this key")
            summary = summary_from_dict(entry["output"], where=str(path))
            usage = _usage_from_dict(entry.get("usage"))
        except (ValueError, KeyError, TypeError, PredictionError):
            self.counters.corrupt += 1
            self.counters.misses += 1
            try:
                path.unlink()
            except OSError:
                pass
            return None
        try:
            os.utime(path)
        except OSError:
            pass
        self.counters.hits += 1
        return CacheHit(summary, usage)

    def put(self, info: ExtractorInfo, document: Document, summary: StructuredSummary, *, usage: Usage | None = None) -> Path:
        """Store ``summary`` (and what producing it cost) atomically; returns the entry's path."""
        key = cache_key(info, document.sha256)
        folder = self._folder(info)
        self._ensure_root()
        folder.mkdir(parents=True, exist_ok=True)
        entry = {
            "key": key,
            **key_material(info, document.sha256),
            "document_id": document.id,
            "created": time.time(),
            "output": summary_to_dict(summary),
        }
        if usage is not None:
            entry["usage"] = dataclasses.asdict(usage)
        data = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8")
        path = folder / f"{key}.json"
        atomic_write(path, data, tmp_prefix=_TMP_PREFIX)
        self.counters.writes += 1
        return path

    def _ensure_root(self) -> None:
        if self.root.is_dir():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / _MARKERS[0]).write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This file marks evalkit's output cache (see https://bford.info/cachedir/).\n",
            encoding="utf-8",
        )
        (self.root / _MARKERS[1]).write_text("*\n", encoding="utf-8")

    def _entries(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.glob("*/*.json") if _ENTRY.fullmatch(p.name))

    def _temporaries(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        # ``.tmp`` is what atomic_write leaves; ``.json`` what earlier versions left.
        return sorted(p for p in self.root.glob(f"*/{_TMP_PREFIX}*") if p.suffix in (".tmp", ".json"))

    def info(self) -> CacheStats:
        """Entry count, size, age range and entries per extractor name."""
        entries, size = 0, 0
        oldest: float | None = None
        newest: float | None = None
        by: dict[str, int] = {}
        for p in self._entries():
            try:
                st = p.stat()
            except OSError:
                continue
            entries += 1
            size += st.st_size
            oldest = st.st_mtime if oldest is None else min(oldest, st.st_mtime)
            newest = st.st_mtime if newest is None else max(newest, st.st_mtime)
            by[p.parent.name] = by.get(p.parent.name, 0) + 1
        return CacheStats(self.root, entries, size, oldest, newest, dict(sorted(by.items())))

    def prune(self, *, older_than_days: float | None = None, everything: bool = False, now: float | None = None) -> int:
        """Remove entries; returns how many.

        ``everything`` empties the cache (and removes its folder when nothing else is in it);
        ``older_than_days`` removes entries not written or hit for that many days; with
        neither, only what can never be used is removed: unreadable entries and temporary
        files left by interrupted writes (an hour old, so writes in progress are left alone).
        Only files named as entries or temporary files are touched, so a root pointed at the
        wrong folder loses nothing else.
        """
        if everything:
            return self._empty()
        now = time.time() if now is None else now
        removed = 0
        for tmp in self._temporaries():
            try:
                if now - tmp.stat().st_mtime > 3600:
                    tmp.unlink()
            except OSError:
                pass
        for p in self._entries():
            try:
                if older_than_days is not None:
                    drop = now - p.stat().st_mtime > older_than_days * 86400
                else:
                    drop = not _readable(p)
                if drop:
                    p.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    def _empty(self) -> int:
        entries = self._entries()
        removed = 0
        for p in entries + self._temporaries():
            try:
                p.unlink()
            except OSError:
                continue
            removed += p in entries
        for folder in sorted({p.parent for p in entries}):
            try:
                folder.rmdir()  # only when nothing else is in it
            except OSError:
                pass
        if self.root.is_dir() and {p.name for p in self.root.iterdir()} <= set(_MARKERS):
            for name in _MARKERS:
                (self.root / name).unlink(missing_ok=True)
            self.root.rmdir()
        return removed


def _readable(path: Path) -> bool:
    try:
        entry = json.loads(path.read_bytes().decode("utf-8"))
        summary_from_dict(entry["output"], where=str(path))
        return bool(entry.get("wire_format") == WIRE_FORMAT_VERSION and entry.get("key") == path.stem)
    except (OSError, ValueError, KeyError, TypeError, PredictionError):
        return False


__all__ = [
    "CacheHit",
    "CacheCounters",
    "CacheStats",
    "DEFAULT_DIR",
    "ENV_VAR",
    "OutputCache",
    "WIRE_FORMAT_VERSION",
    "cache_key",
    "default_cache_dir",
    "key_material",
]
