"""Calibration back-ends: extractors whose scores are known before scoring.

``gold``
    Echoes each document's gold: every F1 must be 1.0. A scorer that gives less is wrong.
``empty``
    Returns nothing: recall must be 0 wherever the gold has something to find.
``noisy``
    The gold damaged at a known rate (:mod:`evalkit.extractors.noise`): F1 must fall as the
    rate rises. Options ``rate`` (default 0.2, applies to every operation), one option per
    operation to override it (``drop``, ``shift``, ``retype``, ``value``, ``content``,
    ``source``, ``summary``) and ``seed`` (default 0). ROUGE falls with the ``summary`` rate.

``gold`` and ``noisy`` need the gold: the runner hands it over through ``bind_gold`` before
the first document. They run in the main process (``mode = "inline"``: instant and trusted)
and are never cached (their output depends on the gold, not only on the document).
"""

from __future__ import annotations

from typing import Mapping

from ..errors import InputError
from ..model import Document, StructuredSummary
from .base import ExtractionFailed, ExtractorInfo, declare
from .noise import OPERATIONS, NoiseRates, perturb

VERSION = "1"


class _GoldBound:
    """Holds the gold the runner binds; fails a document that has none."""

    mode = "inline"
    concurrency: int | None = None
    cacheable = False
    info: ExtractorInfo  # set by each subclass

    def __init__(self) -> None:
        self._gold: Mapping[str, StructuredSummary] | None = None

    def bind_gold(self, gold: Mapping[str, StructuredSummary]) -> None:
        self._gold = dict(gold)

    def gold_of(self, document: Document) -> StructuredSummary:
        if self._gold is None:
            raise ExtractionFailed(f"{self.info.name!r} needs the gold, but the runner gave none", kind="exception")
        try:
            return self._gold[document.id]
        except KeyError:
            raise ExtractionFailed(f"no gold for document {document.id!r}", kind="exception") from None


class GoldExtractor(_GoldBound):
    """Returns the gold unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.info = ExtractorInfo("gold", None, VERSION, {})

    def extract(self, document: Document) -> StructuredSummary:
        return self.gold_of(document)


class EmptyExtractor:
    """Returns the empty summary."""

    mode = "inline"
    concurrency: int | None = None
    cacheable = False

    def __init__(self) -> None:
        self.info = ExtractorInfo("empty", None, VERSION, {})

    def extract(self, document: Document) -> StructuredSummary:
        return StructuredSummary()


class NoisyExtractor(_GoldBound):
    """Returns the gold perturbed at the configured rates."""

    def __init__(self, rates: NoiseRates, seed: int, options: Mapping[str, str]) -> None:
        super().__init__()
        self.rates = rates
        self.seed = seed
        self.info = ExtractorInfo("noisy", None, VERSION, dict(options))

    def extract(self, document: Document) -> StructuredSummary:
        return perturb(self.gold_of(document), document, self.rates, self.seed)


def _no_arg(name: str, arg: str | None) -> None:
    if arg is not None:
        raise InputError(f"extractor {name!r} takes no argument (got {arg!r})")


def _rate(name: str, key: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise InputError(f"extractor {name!r}: option {key} must be a number between 0 and 1, not {text!r}")
    return value


def create_gold(arg: str | None, options: Mapping[str, str]) -> GoldExtractor:
    """Echo the gold (calibration: every F1 must be 1.0)."""
    _no_arg("gold", arg)
    return GoldExtractor()


def create_empty(arg: str | None, options: Mapping[str, str]) -> EmptyExtractor:
    """Predict nothing (calibration: recall must be 0)."""
    _no_arg("empty", arg)
    return EmptyExtractor()


def create_noisy(arg: str | None, options: Mapping[str, str]) -> NoisyExtractor:
    """The gold perturbed at a seeded rate (calibration: F1 must fall as the rate rises)."""
    _no_arg("noisy", arg)
    base = _rate("noisy", "rate", options.get("rate", "0.2"))
    rates = NoiseRates(**{op: _rate("noisy", op, options[op]) if op in options else base for op in OPERATIONS})
    try:
        seed = int(options.get("seed", "0"))
    except ValueError:
        raise InputError(f"extractor 'noisy': option seed must be an integer, not {options['seed']!r}") from None
    return NoisyExtractor(rates, seed, options)


declare(create_gold, options={})
declare(create_empty, options={})
declare(
    create_noisy,
    options={
        "rate": "probability of every operation per item (default 0.2)",
        "seed": "random seed (default 0); the output is a pure function of seed, rates and document",
        **{op: f"probability of the {op!r} operation (default: rate)" for op in OPERATIONS},
    },
)
