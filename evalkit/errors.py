"""One exception hierarchy; every message carries its location.

The CLI catches :class:`EvalkitError` once and turns it into an exit code, so no user ever sees
a traceback for bad input. A location is ``path:line`` for files, or a JSON path such as
``prediction.entities[3].mentions[0]`` for data that came from an extractor.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Exit codes, documented in README.md.
EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_RUN_FAILED = 3


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: ``path:line: message`` when printed."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class EvalkitError(Exception):
    """Base class: an error the user can act on. ``exit_code`` says how the CLI ends."""

    exit_code = EXIT_BAD_INPUT


class InputError(EvalkitError):
    """Bad input or usage (exit 2): one or more located problems."""

    def __init__(self, problems: "list[Problem] | Problem | str") -> None:
        if isinstance(problems, str):
            problems = [Problem("", None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class GoldError(InputError):
    """Gold files that fail validation."""


class PredictionError(InputError):
    """An extractor's output that does not fit the structured-summary schema."""


class RunError(EvalkitError):
    """The run itself failed or had nothing to do (exit 3)."""

    exit_code = EXIT_RUN_FAILED

