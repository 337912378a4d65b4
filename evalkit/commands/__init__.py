"""CLI commands, one module each.

Every module defines ``add_parser(subparsers)`` (cheap: no heavy imports at module level) and
sets ``func`` on its parser to a ``run(args) -> int`` that imports what it needs. The CLI only
wraps the public Python API; no command computes anything itself.
"""

from __future__ import annotations

#: Command modules in the order ``evalkit --help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "validate",
    "gold",
    "schema",
    "export",
    "run",
    "score",
    "agree",
    "list",
    "cache",
    "report",
    "compare",
    "check",
    "completion",
)
