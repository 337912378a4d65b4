"""Find extractor back-ends by name and build extractors from spec strings.

Every back-end — built-in or third-party — is a factory registered under the entry-point
group ``evalkit.extractors`` (see :mod:`evalkit.extractors.base`). A *spec* names one and
optionally gives it an argument: ``rules``, ``spacy:en_core_web_sm``,
``command:./my-extractor --json`` (name, then everything after the first colon).

A factory may describe itself for ``evalkit list`` with two attributes: ``describe`` (one
line; default: the first line of its docstring) and ``options`` (option name → one line of
help, naming the default). Declaring ``options`` makes the registry reject any other option,
with a did-you-mean, before anything runs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Mapping

from ..errors import InputError
from .base import ENTRY_POINT_GROUP, Extractor, ExtractorFactory, capabilities

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]*\Z")


@dataclass(frozen=True)
class Backend:
    """One registered back-end as ``evalkit list`` shows it.

    ``options`` is ``None`` when the factory does not declare what it accepts; ``error`` says
    why the factory could not be loaded (the rest of the registry still works).
    """

    name: str
    description: str
    options: Mapping[str, str] | None
    target: str
    distribution: str | None = None
    error: str | None = None


def parse_spec(spec: str) -> tuple[str, str | None]:
    """Split ``name[:arg]`` at the first colon: ``"command:./x --json"`` → ``("command", "./x --json")``.

    Raises :class:`~evalkit.errors.InputError` for an empty spec, a malformed name or an empty
    argument after the colon.
    """
    text = spec.strip()
    name, colon, arg = text.partition(":")
    name = name.strip()
    if not name:
        raise InputError(f"extractor spec {spec!r} has no name (expected NAME or NAME:ARG)")
    if not _NAME.match(name):
        raise InputError(f"extractor spec {spec!r}: {name!r} is not a valid extractor name")
    if colon and not arg.strip():
        raise InputError(f"extractor spec {spec!r} has an empty argument after the colon")
    return name, (arg.strip() if colon else None)


def _entry_points() -> dict[str, metadata.EntryPoint]:
    """Registered entry points by name; the first one found wins when a name repeats."""
    found: dict[str, metadata.EntryPoint] = {}
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(ep.name, ep)
    return found


def names() -> list[str]:
    """Names of every registered back-end, sorted."""
    return sorted(_entry_points())


def _unknown(name: str, known: list[str]) -> InputError:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        hint = f" (did you mean {close[0]!r}?)"
    elif known:
        hint = f" (available: {', '.join(known)})"
    else:
        hint = " (no extractors are registered: is evalkit installed?)"
    return InputError(f"unknown extractor {name!r}{hint}")


def load_factory(name: str) -> ExtractorFactory:
    """The factory registered as ``name``; an unknown name raises with a did-you-mean."""
    eps = _entry_points()
    if name not in eps:
        raise _unknown(name, sorted(eps))
    ep = eps[name]
    try:
        factory = ep.load()
    except Exception as exc:  # a broken plugin must not look like a traceback
        raise InputError(f"extractor {name!r}: cannot load {ep.value}: {type(exc).__name__}: {exc}") from None
    if not callable(factory):
        raise InputError(f"extractor {name!r}: {ep.value} is not callable")
    checked: ExtractorFactory = factory  # an entry point loads as Any; a plugin promises the factory signature
    return checked


def declared_options(factory: Any) -> Mapping[str, str] | None:
    """The ``options`` a factory declares (name → help), or ``None`` if it declares none."""
    options = getattr(factory, "options", None)
    if not isinstance(options, Mapping):
        return None
    return {str(k): str(v) for k, v in options.items()}


def description_of(factory: Any) -> str:
    """The factory's ``describe`` line, else the first line of its docstring."""
    text = getattr(factory, "describe", None)
    if not isinstance(text, str) or not text.strip():
        text = (getattr(factory, "__doc__", None) or "").strip()
    return text.strip().splitlines()[0] if text.strip() else ""


def check_options(name: str, factory: Any, options: Mapping[str, str]) -> None:
    """Reject options the factory does not declare (no check when it declares none)."""
    accepted = declared_options(factory)
    if accepted is None:
        return
    problems: list[str] = []
    for key in options:
        if key in accepted:
            continue
        close = difflib.get_close_matches(key, list(accepted), n=1, cutoff=0.6)
        if close:
            hint = f" (did you mean {close[0]!r}?)"
        elif accepted:
            hint = f" (accepted: {', '.join(sorted(accepted))})"
        else:
            hint = " (it takes no options)"
        problems.append(f"extractor {name!r}: unknown option {key!r}{hint}")
    if problems:
        raise InputError("\n".join(problems))


def describe(name: str) -> Backend:
    """One back-end's description; a factory that fails to load is described by its error."""
    eps = _entry_points()
    if name not in eps:
        raise _unknown(name, sorted(eps))
    ep = eps[name]
    dist = getattr(ep, "dist", None)
    distribution = f"{dist.metadata['Name']} {dist.version}" if dist is not None else None
    try:
        factory = load_factory(name)
    except InputError as exc:
        return Backend(name, "", None, ep.value, distribution, str(exc))
    return Backend(name, description_of(factory), declared_options(factory), ep.value, distribution)


def available() -> list[Backend]:
    """Every registered back-end, sorted by name, with its description and options."""
    return [describe(n) for n in names()]


def create(spec: str, options: Mapping[str, str] | None = None) -> Extractor:
    """Build the extractor a spec names: ``create("spacy:en_core_web_sm", {"batch": "8"})``.

    Errors the user can fix — unknown name (with a did-you-mean), unknown option, an argument
    the back-end rejects — are raised as :class:`~evalkit.errors.InputError`; so is any other
    failure of the factory, located by the spec, so the CLI never shows a traceback for it.
    """
    name, arg = parse_spec(spec)
    options = dict(options or {})
    factory = load_factory(name)
    check_options(name, factory, options)
    try:
        extractor = factory(arg, options)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"extractor {spec.strip()!r}: {type(exc).__name__}: {exc}") from None
    if not isinstance(extractor, Extractor):
        raise InputError(f"extractor {spec.strip()!r}: the factory returned {type(extractor).__name__}, which has no info/extract")
    try:
        capabilities(extractor)
    except ValueError as exc:
        raise InputError(f"extractor {spec.strip()!r}: {exc}") from None
    return extractor


__all__ = [
    "Backend",
    "available",
    "check_options",
    "create",
    "declared_options",
    "describe",
    "description_of",
    "load_factory",
    "names",
    "parse_spec",
]
