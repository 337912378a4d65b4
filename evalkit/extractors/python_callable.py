"""``python:package.module:function`` — any importable callable as an extractor.

The callable takes the :class:`~evalkit.model.Document` (or, with ``input=text``, its text)
and returns a :class:`~evalkit.model.StructuredSummary` or a dict in the wire format of
:mod:`evalkit.serialize`. ``input=auto`` (the default) passes the text when the first
parameter is annotated ``str`` and the document otherwise. The attribute after the colon may
be dotted (``pkg.mod:Extractor.run``).

It runs in the runner's worker processes (``mode = "process"``), so a callable that hangs or
crashes the interpreter costs its document only. The version — part of the cache key — is
the module's ``__version__`` (if any), a hash of the module's source file, and the
``version`` option.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import sys
from pathlib import Path
from typing import Any, Callable, Mapping

from ..errors import InputError
from ..model import Document, StructuredSummary
from ..serialize import summary_from_dict
from .base import ExtractionFailed, ExtractorInfo, declare

INPUTS = ("auto", "document", "text")


def _resolve(arg: str, where: str) -> Callable[..., Any]:
    module_name, colon, attr = arg.partition(":")
    if not colon or not module_name or not attr:
        raise InputError(f"{where}: expected python:package.module:function")
    try:
        target: Any = importlib.import_module(module_name)
    except Exception as exc:
        raise InputError(f"{where}: cannot import {module_name!r}: {type(exc).__name__}: {exc}") from None
    for part in attr.split("."):
        try:
            target = getattr(target, part)
        except AttributeError:
            raise InputError(f"{where}: module {module_name!r} has no attribute {attr!r}") from None
    if not callable(target):
        raise InputError(f"{where}: {attr!r} in {module_name!r} is not callable")
    function: Callable[..., Any] = target  # an imported attribute is Any; it is callable, checked above
    return function


def _wants_text(fn: Callable[..., Any]) -> bool:
    try:
        params = list(inspect.signature(fn, eval_str=True).parameters.values())
    except (TypeError, ValueError, NameError):
        try:
            params = list(inspect.signature(fn).parameters.values())
        except (TypeError, ValueError):
            return False
    if not params:
        return False
    annotation = params[0].annotation
    return annotation is str or annotation == "str"


def _version(fn: Callable[..., Any], declared: str | None) -> str:
    module = sys.modules.get(getattr(fn, "__module__", "") or "")
    parts: list[str] = []
    if declared:
        parts.append(declared)
    module_version = getattr(module, "__version__", None)
    if isinstance(module_version, str):
        parts.append(module_version)
    source = getattr(module, "__file__", None)
    if source:
        try:
            parts.append(hashlib.sha256(Path(source).read_bytes()).hexdigest()[:16])
        except OSError:
            pass
    return "+".join(parts) or "0"


class PythonCallableExtractor:
    """Calls a Python function per document; see the module docstring."""

    mode = "process"
    concurrency: int | None = None
    cacheable = True

    def __init__(self, arg: str | None, options: Mapping[str, str]) -> None:
        where = f"python {arg!r}" if arg else "python"
        if not arg:
            raise InputError(f"{where}: give the callable, e.g. python:mypackage.extract:run")
        given = options.get("input", "auto")
        if given not in INPUTS:
            raise InputError(f"{where}: input must be one of {', '.join(INPUTS)}, not {given!r}")
        self.fn = _resolve(arg, where)
        self.text_input = given == "text" or (given == "auto" and _wants_text(self.fn))
        self.info = ExtractorInfo("python", arg, _version(self.fn, options.get("version")), dict(options))

    def extract(self, document: Document) -> StructuredSummary:
        result = self.fn(document.text if self.text_input else document)
        if isinstance(result, StructuredSummary):
            return result
        if isinstance(result, Mapping):
            return summary_from_dict(result, where="return value")
        raise ExtractionFailed(
            f"returned {type(result).__name__}; expected a StructuredSummary or a dict in the wire format", kind="schema"
        )


def create(arg: str | None, options: Mapping[str, str]) -> PythonCallableExtractor:
    """Call a Python function per document: python:package.module:function."""
    return PythonCallableExtractor(arg, options)


declare(
    create,
    describe="Call an importable Python function per document: python:package.module:function.",
    options={
        "input": "what the function receives: auto (default: text if its first parameter is annotated str), document, text",
        "version": "a version label of the function, part of the cache key",
    },
)
