"""``command:PROGRAM ARGS…`` — any external program as an extractor.

The protocol is one process per document: the document goes in on stdin as one JSON object
``{"id", "text", "sha256", "metadata"}``; the program prints the structured summary on stdout
as JSON in evalkit's wire format (:mod:`evalkit.serialize`) and exits 0. Anything else is a
located error for that document only:

* it runs longer than ``timeout`` seconds → its whole process group is killed;
* it prints more than ``max_output`` bytes → it is killed as soon as the cap is passed (stdout
  is read in chunks, so memory stays bounded by the cap);
* it exits non-zero or is killed by a signal; stdout is not UTF-8, not JSON, or not the schema.

The last part of stderr is kept for the report. The program is started with
:func:`shlex.split` of the argument, without a shell, in its own session (POSIX).

The extractor's version — part of the output cache key — hashes the contents of every
argument that names an existing file (the program, a script it runs), plus the ``version``
option, so editing the program invalidates its cached outputs.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import selectors
import shlex
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Mapping

from ..errors import InputError, PredictionError
from ..model import Document, StructuredSummary
from ..serialize import summary_from_dict
from .base import ExtractionFailed, ExtractorInfo, declare

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024
#: How much of stderr is kept (the end of it).
STDERR_TAIL = 8 * 1024
_CHUNK = 64 * 1024
#: Options that change whether a document fails, never what a successful output is: kept out
#: of the cache key.
RUNTIME_OPTIONS = ("timeout", "max_output")

_SIZE = {"": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024**2, "mb": 1024**2, "mib": 1024**2, "g": 1024**3, "gb": 1024**3, "gib": 1024**3}


def parse_size(text: str, where: str) -> int:
    """``"16M"``/``"16MiB"``/``"1048576"`` → bytes (binary units)."""
    t = text.strip().lower()
    digits = t.rstrip("kmgib")
    unit = t[len(digits):]
    try:
        value = float(digits)
    except ValueError:
        value = -1.0
    if unit not in _SIZE or value <= 0:
        raise InputError(f"{where}: max_output must be a positive size such as 16M or 1048576, not {text!r}")
    return int(value * _SIZE[unit])


def parse_seconds(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise InputError(f"{where}: timeout must be a positive number of seconds, not {text!r}")
    return value


def _program_version(argv: list[str], declared: str | None) -> str:
    digest = hashlib.sha256()
    for i, token in enumerate(argv):
        path = Path(token) if i else Path(shutil.which(token) or token)
        try:
            if path.is_file() and path.stat().st_size <= 64 * 1024 * 1024:
                digest.update(token.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            continue
    files = digest.hexdigest()[:16]
    return f"{declared}+{files}" if declared else files


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        try:
            proc.kill()
        except OSError:
            pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL cannot be ignored
        pass


#: Programs running right now. They run in sessions of their own, so an interrupt of evalkit
#: does not reach them: they are killed when evalkit exits instead of outliving it.
_LIVE: set["subprocess.Popen[bytes]"] = set()
_LIVE_LOCK = threading.Lock()


@atexit.register
def _kill_live() -> None:
    with _LIVE_LOCK:
        live = list(_LIVE)
    for proc in live:
        if proc.poll() is None:
            _kill_group(proc)


def _tail(data: bytes | bytearray) -> str:
    return data[-STDERR_TAIL:].decode("utf-8", errors="replace")


class CommandExtractor:
    """Runs ``argv`` once per document; see the module docstring for the protocol."""

    mode = "thread"
    concurrency: int | None = None
    cacheable = True

    def __init__(self, arg: str | None, options: Mapping[str, str]) -> None:
        where = f"command {arg!r}" if arg else "command"
        if not arg:
            raise InputError(f"{where}: give the program to run, e.g. command:./my-extractor --json")
        try:
            argv = shlex.split(arg)
        except ValueError as exc:
            raise InputError(f"{where}: cannot split the command line: {exc}") from None
        if not argv:
            raise InputError(f"{where}: give the program to run")
        program = argv[0]
        found = shutil.which(program) if os.sep not in program else (program if os.access(program, os.X_OK) and Path(program).is_file() else None)
        if found is None:
            raise InputError(f"{where}: program {program!r} not found or not executable")
        self.argv = argv
        self.where = where
        self.timeout = parse_seconds(options["timeout"], where) if "timeout" in options else DEFAULT_TIMEOUT
        self.max_output = parse_size(options["max_output"], where) if "max_output" in options else DEFAULT_MAX_OUTPUT
        kept = {k: v for k, v in options.items() if k not in RUNTIME_OPTIONS}
        self.info = ExtractorInfo("command", arg, _program_version(argv, options.get("version")), kept)

    def _payload(self, document: Document) -> bytes:
        return json.dumps(
            {"id": document.id, "text": document.text, "sha256": document.sha256, "metadata": dict(document.metadata)},
            ensure_ascii=False,
            default=str,
        ).encode("utf-8")

    def _communicate(self, payload: bytes) -> tuple[int, bytes, bytes]:
        """Feed stdin and drain stdout/stderr together, within the deadline and the cap."""
        deadline = time.monotonic() + self.timeout
        try:
            proc = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as exc:
            raise ExtractionFailed(f"cannot start {self.argv[0]!r}: {exc.strerror or exc}", kind="exit") from None
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        with _LIVE_LOCK:
            _LIVE.add(proc)
        out = bytearray()
        err = bytearray()
        sent = 0
        view = memoryview(payload)
        sel = selectors.DefaultSelector()
        try:
            os.set_blocking(proc.stdin.fileno(), False)
            sel.register(proc.stdin, selectors.EVENT_WRITE)
            sel.register(proc.stdout, selectors.EVENT_READ)
            sel.register(proc.stderr, selectors.EVENT_READ)
            if not payload:
                sel.unregister(proc.stdin)
                proc.stdin.close()
            while sel.get_map():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    _kill_group(proc)
                    raise ExtractionFailed(f"timed out after {self.timeout:g} s (process group killed)", kind="timeout", stderr_tail=_tail(err))
                for key, _ in sel.select(remaining):
                    stream = key.fileobj
                    if stream is proc.stdin:
                        try:
                            sent += os.write(proc.stdin.fileno(), view[sent : sent + _CHUNK])
                        except BrokenPipeError:
                            sent = len(payload)  # it stopped reading: its output decides
                        if sent >= len(payload):
                            sel.unregister(proc.stdin)
                            proc.stdin.close()
                        continue
                    chunk = os.read(key.fd, _CHUNK)
                    if not chunk:
                        sel.unregister(stream)
                    elif stream is proc.stdout:
                        out += chunk
                        if len(out) > self.max_output:
                            _kill_group(proc)
                            raise ExtractionFailed(
                                f"stdout exceeds max_output ({self.max_output} bytes); the program was killed",
                                kind="output",
                                stderr_tail=_tail(err),
                            )
                    else:
                        err += chunk
                        if len(err) > 2 * STDERR_TAIL:
                            del err[:-STDERR_TAIL]
            try:
                code = proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                raise ExtractionFailed(
                    f"timed out after {self.timeout:g} s (it closed its output but did not exit; process group killed)",
                    kind="timeout",
                    stderr_tail=_tail(err),
                ) from None
        except BaseException:
            if proc.poll() is None:
                _kill_group(proc)
            raise
        finally:
            with _LIVE_LOCK:
                _LIVE.discard(proc)
            sel.close()
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                try:
                    stream.close()
                except OSError:
                    pass
        return code, bytes(out), bytes(err)

    def extract(self, document: Document) -> StructuredSummary:
        code, out, err = self._communicate(self._payload(document))
        tail = _tail(err)
        if code < 0:
            raise ExtractionFailed(f"killed by {_signal_name(-code)}", kind="exit", stderr_tail=tail)
        if code != 0:
            raise ExtractionFailed(f"exited with status {code}", kind="exit", stderr_tail=tail)
        try:
            text = out.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ExtractionFailed(f"stdout is not UTF-8: {exc}", kind="output", stderr_tail=tail) from None
        if not text.strip():
            raise ExtractionFailed("stdout is empty (expected a JSON object)", kind="output", stderr_tail=tail)
        try:
            data: Any = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ExtractionFailed(
                f"stdout is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", kind="output", stderr_tail=tail
            ) from None
        try:
            return summary_from_dict(data, where="stdout")
        except PredictionError as exc:
            problems = "; ".join(p.message for p in exc.problems[:5])
            more = f" (and {len(exc.problems) - 5} more)" if len(exc.problems) > 5 else ""
            raise ExtractionFailed(f"stdout does not fit the schema: {problems}{more}", kind="schema", stderr_tail=tail) from None


def create(arg: str | None, options: Mapping[str, str]) -> CommandExtractor:
    """Run an external program per document: JSON document on stdin, JSON summary on stdout."""
    return CommandExtractor(arg, options)


declare(
    create,
    describe="Run an external program per document: JSON document on stdin, JSON summary on stdout.",
    options={
        "timeout": f"seconds per document before the process group is killed (default {DEFAULT_TIMEOUT:g}; --timeout sets it)",
        "max_output": "stdout cap in bytes, K/M/G suffixes allowed (default 16M)",
        "version": "a version label of the program, part of the cache key",
    },
)
