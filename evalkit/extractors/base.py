"""The extractor protocol: one small interface every back-end implements.

An extractor turns a :class:`~evalkit.model.Document` into a
:class:`~evalkit.model.StructuredSummary` (spans optional). Back-ends are registered under the
entry-point group ``evalkit.extractors`` — the built-ins exactly as third parties do — as a
*factory*: ``factory(arg, options) -> Extractor`` where ``arg`` is the part of the spec string
after the first colon (``spacy:en_core_web_sm`` → ``"en_core_web_sm"``, ``command:./x --json``
→ ``"./x --json"``, ``None`` when absent) and ``options`` the ``key=value`` options given on the
command line or in configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol, runtime_checkable

from ..model import Document, StructuredSummary

ENTRY_POINT_GROUP = "evalkit.extractors"


@dataclass(frozen=True)
class ExtractorInfo:
    """What identifies an extractor's outputs: the output cache keys on all of it.

    ``name`` is the registry name, ``arg`` the spec argument, ``version`` the back-end's own
    version (and, where it matters, its model's), ``options`` every option that can change
    the output. Two extractors with equal info must give equal outputs for the same document.
    """

    name: str
    arg: str | None = None
    version: str = "0"
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The spec string users wrote, used as the extractor's name in reports."""
        return self.name if self.arg is None else f"{self.name}:{self.arg}"


@runtime_checkable
class Extractor(Protocol):
    """Anything with ``info`` and ``extract`` is an extractor."""

    info: ExtractorInfo

    def extract(self, document: Document) -> StructuredSummary:
        """Return the structured summary of ``document``; raise on failure (the runner isolates it)."""
        ...


ExtractorFactory = Callable[[str | None, Mapping[str, str]], Extractor]
