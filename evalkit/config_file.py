"""Project configuration: ``[tool.evalkit]`` in ``pyproject.toml``, or an ``evalkit.toml``.

The file is looked for in the working directory and then its parents; the first directory that
holds an ``evalkit.toml`` or a ``pyproject.toml`` ends the search (``evalkit.toml`` wins when
both are there), so a project's settings never leak into another project below it. In
``evalkit.toml`` the tables may be written at top level (``[extractors.rules]``) or under
``[tool.evalkit]``, as in ``pyproject.toml``.

This module reads the tables the runner uses and leaves the rest of ``[tool.evalkit]`` to
the commands that own it (``Config.section``):

``[tool.evalkit.extractors.<name>]``
    Options for every extractor with registry name ``<name>`` (strings, numbers or booleans;
    the command line overrides them).
``[tool.evalkit.run]``
    Defaults for ``evalkit run``: ``extractors`` (list of specs), ``gold`` (list of paths),
    ``workers``, ``timeout`` (seconds), ``cache`` (bool), ``cache_dir``.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .errors import InputError, Problem

CONFIG_NAMES: tuple[str, ...] = ("evalkit.toml", "pyproject.toml")

#: Keys of ``[tool.evalkit.run]`` and the types they take.
RUN_KEYS: Mapping[str, tuple[type, ...]] = {
    "extractors": (list,),
    "gold": (list, str),
    "workers": (int,),
    "timeout": (int, float),
    "cache": (bool,),
    "cache_dir": (str,),
}


@dataclass(frozen=True)
class RunDefaults:
    """``[tool.evalkit.run]``: what ``evalkit run`` does when the command line does not say."""

    extractors: tuple[str, ...] = ()
    gold: tuple[str, ...] = ()
    workers: int | None = None
    timeout: float | None = None
    cache: bool | None = None
    cache_dir: str | None = None


@dataclass(frozen=True)
class Config:
    """The project's evalkit settings; ``path`` is ``None`` when no file was found."""

    path: Path | None = None
    extractor_options: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    run: RunDefaults = field(default_factory=RunDefaults)
    table: Mapping[str, Any] = field(default_factory=dict)

    def options_for(self, name: str) -> dict[str, str]:
        """Options configured for the extractor with registry name ``name`` (a fresh dict)."""
        return dict(self.extractor_options.get(name, {}))

    def section(self, name: str) -> Mapping[str, Any]:
        """The raw ``[tool.evalkit.<name>]`` table, for commands that own it (empty if absent)."""
        value = self.table.get(name, {})
        return value if isinstance(value, Mapping) else {}


def _toml_load(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as f:
            table: dict[str, Any] = tomllib.load(f)  # tomli (3.10) ships no types to mypy here
            return table
    except OSError as exc:
        raise InputError(Problem(str(path), None, f"cannot read: {exc.strerror or exc}")) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(Problem(str(path), None, f"not valid TOML: {exc}")) from None


def find_config(start: Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        found = [folder / n for n in CONFIG_NAMES if (folder / n).is_file()]
        if found:
            return found[0]
    return None


def option_value(value: Any, where: str) -> str:
    """A TOML scalar as the string an extractor option takes (``true``/``false`` for booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    raise InputError(Problem(where, None, f"must be a string, number or boolean, not {type(value).__name__}"))


def _evalkit_table(path: Path, data: Mapping[str, Any]) -> tuple[Mapping[str, Any], str]:
    """The evalkit settings of a parsed file, and the prefix that names their tables."""
    tool = data.get("tool", {})
    nested = tool.get("evalkit") if isinstance(tool, Mapping) else None
    if nested is not None:
        if not isinstance(nested, Mapping):
            raise InputError(Problem(str(path), None, "[tool.evalkit] must be a table"))
        return nested, "tool.evalkit."
    if path.name == "evalkit.toml":
        return {k: v for k, v in data.items() if k != "tool"}, ""
    return {}, ""


def _read_extractor_options(path: Path, prefix: str, table: Any) -> dict[str, dict[str, str]]:
    where = f"{path}: [{prefix}extractors]"
    if not isinstance(table, Mapping):
        raise InputError(Problem(where, None, "must be a table of tables, one per extractor name"))
    out: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for name, options in table.items():
        if not isinstance(options, Mapping):
            problems.append(Problem(f"{path}: [{prefix}extractors.{name}]", None, "must be a table of options"))
            continue
        out[name] = {}
        for key, value in options.items():
            try:
                out[name][key] = option_value(value, f"{path}: [{prefix}extractors.{name}] {key}")
            except InputError as exc:
                problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return out


def _read_run(path: Path, prefix: str, table: Any) -> RunDefaults:
    where = f"{path}: [{prefix}run]"
    if not isinstance(table, Mapping):
        raise InputError(Problem(where, None, "must be a table"))
    problems: list[Problem] = []
    for key, value in table.items():
        if key not in RUN_KEYS:
            close = difflib.get_close_matches(key, RUN_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(RUN_KEYS)})"
            problems.append(Problem(where, None, f"unknown key {key!r}{hint}"))
        elif not isinstance(value, RUN_KEYS[key]) or (isinstance(value, bool) and bool not in RUN_KEYS[key]):
            kinds = " or ".join(t.__name__ for t in RUN_KEYS[key])
            problems.append(Problem(where, None, f"{key} must be {kinds}, not {type(value).__name__}"))
    if problems:
        raise InputError(problems)
    extractors = table.get("extractors", [])
    if not all(isinstance(s, str) for s in extractors):
        problems.append(Problem(where, None, "extractors must be a list of spec strings"))
    gold = table.get("gold", [])
    gold = [gold] if isinstance(gold, str) else gold
    if not all(isinstance(s, str) for s in gold):
        problems.append(Problem(where, None, "gold must be a path or a list of paths"))
    if problems:
        raise InputError(problems)
    workers = table.get("workers")
    if workers is not None and workers < 1:
        raise InputError(Problem(where, None, f"workers must be at least 1, not {workers}"))
    timeout = table.get("timeout")
    if timeout is not None and timeout <= 0:
        raise InputError(Problem(where, None, f"timeout must be positive, not {timeout}"))
    return RunDefaults(
        extractors=tuple(extractors),
        gold=tuple(gold),
        workers=workers,
        timeout=None if timeout is None else float(timeout),
        cache=table.get("cache"),
        cache_dir=table.get("cache_dir"),
    )


def load_config(path: str | Path | None = None, *, start: Path | None = None) -> Config:
    """Read the configuration at ``path``, or the one :func:`find_config` finds from ``start``.

    Problems are raised as :class:`~evalkit.errors.InputError` located by file and table. A
    ``pyproject.toml`` without ``[tool.evalkit]`` gives the empty configuration.
    """
    found = Path(path) if path is not None else find_config(start)
    if found is None:
        return Config()
    if not found.is_file():
        raise InputError(Problem(str(found), None, "no such configuration file"))
    data = _toml_load(found)
    table, prefix = _evalkit_table(found, data)
    return Config(
        path=found,
        extractor_options=_read_extractor_options(found, prefix, table.get("extractors", {})),
        run=_read_run(found, prefix, table.get("run", {})),
        table=table,
    )


__all__ = ["CONFIG_NAMES", "Config", "RunDefaults", "find_config", "load_config", "option_value"]
