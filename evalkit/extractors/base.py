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

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Protocol, TypeVar, runtime_checkable

from ..model import Document, ExtractorInfo, StructuredSummary, Usage

ENTRY_POINT_GROUP = "evalkit.extractors"


@runtime_checkable
class Extractor(Protocol):
    """Anything with ``info`` and ``extract`` is an extractor."""

    info: ExtractorInfo

    def extract(self, document: Document) -> StructuredSummary:
        """Return the structured summary of ``document``; raise on failure (the runner isolates it)."""
        ...


@dataclass(frozen=True)
class Extraction:
    """An output together with what producing it cost.

    ``extract`` may return this instead of a bare summary; back-ends that pay per token (the
    OpenAI-compatible one) do, so the cost is kept per document, in the cache and in reports.
    """

    summary: StructuredSummary
    usage: Usage


@dataclass(frozen=True)
class Pricing:
    """Prices per million prompt (``price_in``) and completion (``price_out``) tokens.

    Not part of :class:`ExtractorInfo`: a new price list must not invalidate cached outputs;
    the cost is computed from the stored token counts whenever a report is built.
    """

    price_in: float
    price_out: float


ExtractorFactory = Callable[[str | None, Mapping[str, str]], Extractor]
_Factory = TypeVar("_Factory", bound=Callable[..., Any])


def declare(factory: _Factory, *, describe: str | None = None, options: Mapping[str, str] | None = None) -> _Factory:
    """Set the ``describe`` line and the accepted ``options`` that the registry reads off a factory
    (see :mod:`evalkit.extractors.registry`); a third-party factory may set the two attributes itself."""
    if describe is not None:
        factory.describe = describe  # type: ignore[attr-defined]  # attributes on a function object cannot be declared to mypy
    if options is not None:
        factory.options = options  # type: ignore[attr-defined]  # attributes on a function object cannot be declared to mypy
    return factory


# --- Optional capabilities -------------------------------------------------------------------
#
# Besides ``info`` and ``extract``, an extractor may carry these attributes; the runner reads
# them with :func:`capabilities` and falls back to the defaults shown.
#
# ``mode: str = "process"``
#     How the runner executes it. ``"process"``: in worker processes (``--workers N``), each
#     document under the per-document timeout, the worker killed and replaced when it hangs or
#     crashes — the safe default for Python code (CPU-bound, may hang). ``"thread"``: in
#     threads of the main process, for back-ends that wait on I/O and bound their own calls
#     (a subprocess with its own timeout, an HTTP request). ``"inline"``: in the main process,
#     one document at a time, for trusted, instant back-ends (calibration).
# ``concurrency: int | None = None``
#     For ``"thread"`` mode, how many documents may be in flight at once (an HTTP back-end's
#     request concurrency); ``None`` means the run's ``--workers``.
# ``cacheable: bool = True``
#     ``False`` keeps the output cache away (outputs that depend on more than the document and
#     the info, e.g. on the gold).
# ``pricing: Pricing | None = None``
#     Prices per million tokens; with them, reports show the cost of the tokens that the
#     back-end's :class:`Extraction` results report.
# ``bind_gold(gold: Mapping[str, StructuredSummary]) -> None``
#     Called by the runner before the first document with the gold of every document of the
#     corpus, keyed by document id (calibration back-ends echo or perturb it).
#
# A factory may carry ``describe: str`` (one line for ``evalkit list``; default: the first line
# of its docstring) and ``options: Mapping[str, str]`` (every option it accepts → one line of
# help). When ``options`` is declared, the registry rejects any other option with a
# did-you-mean; when it is absent, every option is passed through.

EXECUTION_MODES: tuple[str, ...] = ("process", "thread", "inline")


@dataclass(frozen=True)
class Capabilities:
    """The optional attributes of an extractor, with their defaults applied and checked."""

    mode: str = "process"
    concurrency: int | None = None
    cacheable: bool = True


def capabilities(extractor: Any) -> Capabilities:
    """Read an extractor's optional attributes; an invalid value raises ``ValueError``."""
    mode = getattr(extractor, "mode", "process")
    if mode not in EXECUTION_MODES:
        raise ValueError(f"mode must be one of {', '.join(EXECUTION_MODES)}, not {mode!r}")
    concurrency = getattr(extractor, "concurrency", None)
    if concurrency is not None and (isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1):
        raise ValueError(f"concurrency must be a positive integer or None, not {concurrency!r}")
    return Capabilities(mode, concurrency, bool(getattr(extractor, "cacheable", True)))


class ExtractionFailed(Exception):
    """One document failed in a way the back-end understands; the runner records it.

    ``kind`` classifies the failure for reports (see :data:`evalkit.runner.ERROR_KINDS`:
    ``"timeout"``, ``"exit"``, ``"output"``, ``"schema"``…); ``stderr_tail`` is the last part of
    what an external program wrote to stderr, kept for the report.
    """

    def __init__(self, message: str, *, kind: str = "exception", stderr_tail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.stderr_tail = stderr_tail

    def __reduce__(self) -> Any:
        return (_rebuild_failure, (self.message, self.kind, self.stderr_tail))


def _rebuild_failure(message: str, kind: str, stderr_tail: str) -> ExtractionFailed:
    return ExtractionFailed(message, kind=kind, stderr_tail=stderr_tail)


__all__ = [
    "ENTRY_POINT_GROUP",
    "Capabilities",
    "Extraction",
    "ExtractionFailed",
    "Extractor",
    "ExtractorFactory",
    "ExtractorInfo",
    "Pricing",
    "capabilities",
    "declare",
]
