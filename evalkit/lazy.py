"""Lazy public names: a package lists them once, as imports in its ``TYPE_CHECKING`` block.

Type checkers and editors read that block; at run time :func:`attach` gives the package a
module ``__getattr__`` (PEP 562) that reads the same block from the package's source and
imports a name's module on first use — the stub-based lazy loading of Scientific Python's
SPEC 1. Importing the package therefore stays light, and there is no second list of names to
keep in step with the first.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any, Callable, MutableMapping


def type_checking_names(package: str, source: str) -> dict[str, str]:
    """Name → defining module of every ``from X import name`` in the ``TYPE_CHECKING``
    block of ``source`` (the file of ``package``), relative modules resolved."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(source).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    return {
        alias.asname or alias.name: importlib.util.resolve_name("." * node.level + (node.module or ""), package)
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def attach(
    package: str, source: str, namespace: MutableMapping[str, Any], public: list[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package``: a public name is imported from its module on
    first use and kept in ``namespace`` (the package's globals); ``public`` is its ``__all__``."""
    names: dict[str, str] = {}

    def __getattr__(name: str) -> Any:
        if not names:
            names.update(type_checking_names(package, source))
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *public})

    return __getattr__, __dir__


__all__ = ["attach", "type_checking_names"]
