"""Writing files so that a crash or a concurrent reader never sees half of one.

One helper serves every file evalkit writes — gold files rewritten by ``gold resolve``, cache
entries and reports — so they all keep the same promises: the new bytes go to a temporary file
in the target's folder, are flushed and fsynced, and replace the target with :func:`os.replace`
(atomic on POSIX and Windows); the folder is fsynced so the rename survives a crash too. The
target keeps its permission bits (``mkstemp`` would otherwise leave an owner-only 0600 file);
a new file gets what ``open()`` would give under the current umask.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError, Problem


def atomic_write(path: str | os.PathLike[str], data: bytes | str, *, tmp_prefix: str | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the file's permission bits.

    ``str`` data is written as UTF-8 (code points that cannot be encoded, lone surrogates, are
    replaced rather than refused: a report must never fail on hostile text). ``tmp_prefix``
    names the temporary file (default ``.<name>.``) so that a cleaner can recognise leftovers.
    A file that cannot be written raises :class:`~evalkit.errors.InputError` naming ``path``.
    """
    target = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8", errors="replace")
    try:
        _replace(target, data, tmp_prefix if tmp_prefix is not None else f".{target.name}.")
    except OSError as exc:
        raise InputError(Problem(str(target), None, f"cannot write: {exc.strerror or exc}")) from None
    _fsync_dir(target.parent)


def _replace(target: Path, data: bytes, prefix: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = file_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def file_mode(target: Path) -> int:
    """``target``'s permission bits, or ``0o666`` less the umask for a file not yet there."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


__all__ = ["atomic_write", "file_mode"]
