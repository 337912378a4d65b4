"""Which extractors a run builds, and with which options.

Options reach an extractor from three places; later ones override earlier ones:

1. the configuration file: ``[tool.evalkit.extractors.<name>]`` applies to every extractor
   with registry name ``<name>``;
2. a qualified option on the command line, ``-o NAME.KEY=VALUE``: every extractor named
   ``NAME``, wherever it stands on the line;
3. a plain option, ``-o KEY=VALUE``: the extractor given just before it.

Option keys never contain a dot, so the two command-line forms cannot be confused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from ..errors import InputError
from .registry import parse_spec


@dataclass(frozen=True)
class ExtractorRequest:
    """One extractor to build: its spec as written, split, and its merged options."""

    spec: str
    name: str
    arg: str | None
    options: Mapping[str, str] = field(default_factory=dict)


def parse_option(text: str) -> tuple[str | None, str, str]:
    """``"rules.lead=3"`` → ``("rules", "lead", "3")``; ``"lead=3"`` → ``(None, "lead", "3")``."""
    key, eq, value = text.partition("=")
    key = key.strip()
    if not eq or not key:
        raise InputError(f"option {text!r} must look like KEY=VALUE or NAME.KEY=VALUE")
    name, dot, bare = key.rpartition(".")
    if dot and (not name or not bare):
        raise InputError(f"option {text!r}: expected NAME.KEY=VALUE")
    return (name or None), (bare if dot else key), value


def resolve(
    plan: Sequence[tuple[str, str]],
    *,
    configured: Mapping[str, Mapping[str, str]] | None = None,
) -> list[ExtractorRequest]:
    """Turn the command line's ordered ``("extractor", SPEC)`` / ``("option", TEXT)`` items into requests.

    ``configured`` maps registry names to their options from the configuration file. A plain
    option before any extractor, or a qualified one naming no extractor of the run, raises
    :class:`~evalkit.errors.InputError`.
    """
    configured = configured or {}
    specs: list[tuple[str, str, str | None]] = []
    plain: list[dict[str, str]] = []
    qualified: list[tuple[str, str, str, str]] = []
    for what, text in plan:
        if what == "extractor":
            name, arg = parse_spec(text)
            specs.append((text.strip(), name, arg))
            plain.append({})
        elif what == "option":
            target, key, value = parse_option(text)
            if target is not None:
                qualified.append((target, key, value, text))
            elif not specs:
                raise InputError(
                    f"option {text!r} comes before any --extractor: put it after the extractor it is for, "
                    "or write it as NAME.KEY=VALUE"
                )
            else:
                plain[-1][key] = value
        else:
            raise ValueError(f"unknown plan item {what!r}")
    used = {name for _, name, _ in specs}
    for name, _key, _value, text in qualified:
        if name not in used:
            listed = ", ".join(sorted(used)) or "none"
            raise InputError(f"option {text!r} is for extractor {name!r}, which is not in this run (extractors: {listed})")
    requests: list[ExtractorRequest] = []
    for (spec, name, arg), own in zip(specs, plain):
        options = dict(configured.get(name, {}))
        for qname, key, value, _ in qualified:
            if qname == name:
                options[key] = value
        options.update(own)
        requests.append(ExtractorRequest(spec, name, arg, options))
    return requests


def with_defaults(request: ExtractorRequest, defaults: Mapping[str, str], accepted: Iterable[str] | None) -> ExtractorRequest:
    """``request`` with ``defaults`` filled in for options it lacks and its back-end accepts.

    ``accepted=None`` (a back-end that declares no options) takes no defaults: nothing is
    passed to a factory that has not said it understands it.
    """
    if accepted is None:
        return request
    allowed = set(accepted)
    extra = {k: v for k, v in defaults.items() if k in allowed and k not in request.options}
    if not extra:
        return request
    return ExtractorRequest(request.spec, request.name, request.arg, {**extra, **request.options})


__all__ = ["ExtractorRequest", "parse_option", "resolve", "with_defaults"]
