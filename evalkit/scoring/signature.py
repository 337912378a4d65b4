"""The signature: one compact string that says what a number was computed against and how.

As sacrebleu does for BLEU, every :class:`~evalkit.scoring.result.Result` carries a signature,
and two results are comparable only when their signatures are identical::

    evalkit:0.1.0|gold:3f2a9c01b7de|norm:default|match:hungarian|num-tol:written|content:token_f1@0.5|rouge:1,2,L,Lsum+stem|bs:1000|seed:12345|unit:document

Fields, in order (docs/scoring.md):

``evalkit``  the evalkit version (scoring rules may change between versions);
``gold``     the first 12 hex digits of a SHA-256 over every gold document's id, text hash
             (``sha256``) and gold content (the canonical JSON of its structured summary),
             in document-id order — any change to the texts or to the gold changes it;
``norm``     the text normalisation profile (``exact``/``default``/``loose``);
``match``    the alignment (``hungarian``: optimal one-to-one);
``overlap``  only when set: the minimum overlap of two mention spans, in percent of the gold
             span (``config.min_overlap_percentage``);
``num-tol``  the relative tolerance for numbers, or ``written`` when numbers compare as the
             gold writes them (rounding only where it says about/nearly);
``content``  the attribution content similarity and its threshold;
``rouge``    the ROUGE variants, ``+stem`` when tokens are stemmed;
``bs``       bootstrap resamples; ``seed`` the random seed;
``unit``     the resampling unit of intervals and paired tests (``document``, ``sentence``,
             ``item``; ``auto`` is resolved before it is written);
``ci``       only when the confidence level is not the default 95%.

The extractor's identity is deliberately not part of it: comparing two extractors is the point.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Callable, Iterable, Sequence

from ..fields import Shape, parts, wire_fields
from ..model import GoldDocument, Span, StructuredSummary
from .config import ScoringConfig

#: The fields, in the order they are written.
FIELDS: tuple[str, ...] = (
    "evalkit",
    "gold",
    "norm",
    "match",
    "overlap",
    "num-tol",
    "content",
    "rouge",
    "bs",
    "seed",
    "unit",
    "ci",
)


def gold_hash(gold: Iterable[GoldDocument]) -> str:
    """First 12 hex digits of a SHA-256 over the gold documents' ids, text hashes and content."""
    return hash_entries(gold_entry(g) for g in gold)


def gold_entry(g: GoldDocument) -> tuple[str, bytes]:
    """What :func:`gold_hash` takes of one gold document: its id, and the UTF-8 bytes it
    hashes for it. A scorer reading documents one at a time keeps these, not the documents."""
    content = json.dumps(summary_content(g.gold), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    data = b"\x00".join(part.encode("utf-8") for part in (g.document.id, g.document.sha256, content))
    return g.document.id, data + b"\x00"


def hash_entries(entries: Iterable[tuple[str, bytes]]) -> str:
    """:func:`gold_hash` from :func:`gold_entry` values, in document-id order."""
    h = hashlib.sha256()
    for _, data in sorted(entries, key=lambda e: e[0]):
        h.update(data)
    return h.hexdigest()[:12]


def summary_content(summary: StructuredSummary) -> dict[str, Any]:
    """The summary as :func:`evalkit.serialize.summary_to_dict` writes it, up to key order and
    tuples for lists (both invisible once encoded with sorted keys): the gold content the
    signature hashes, built with one precompiled writer per record class."""
    out: dict[str, Any] = {name: [_writer(type(r))(r) for r in getattr(summary, name)] for name in _PARTS}
    out["summaries"] = summary.summaries
    return out


_PARTS = tuple(name for name, _ in parts(StructuredSummary))


_WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _writer(cls: type) -> Callable[[Any], dict[str, Any]]:
    """A function writing one record of ``cls`` as ``record_to_dict`` does (spans as
    ``{start, end, text}``), made once per class."""
    found = _WRITERS.get(cls)
    if found is None:
        found = _WRITERS[cls] = _make_writer(cls)
    return found


def _make_writer(cls: type) -> Callable[[Any], dict[str, Any]]:
    plain = tuple(f.name for f in wire_fields(cls) if f.wire.shape not in (Shape.SPAN, Shape.SPANS))
    single = tuple(f.name for f in wire_fields(cls) if f.wire.shape is Shape.SPAN)
    many = tuple(f.name for f in wire_fields(cls) if f.wire.shape is Shape.SPANS)

    def write(record: Any) -> dict[str, Any]:
        out = {name: getattr(record, name) for name in plain}
        for name in single:
            out[name] = _span(getattr(record, name))
        for name in many:
            out[name] = [_span(s) for s in getattr(record, name)]
        return out

    return write


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def _rouge(config: ScoringConfig) -> str:
    names = ",".join(t[len("rouge"):] if t.startswith("rouge") else t for t in config.rouge_types)
    return names + ("+stem" if config.use_stemmer else "")


def _number(x: float) -> str:
    return format(x, "g")


def make_signature(gold: Sequence[GoldDocument], config: ScoringConfig) -> str:
    """The signature of scoring ``gold`` with ``config`` (see the module docstring)."""
    return signature_from_hash(gold_hash(gold), len(gold), config)


def signature_from_hash(digest: str, documents: int, config: ScoringConfig) -> str:
    """The signature of scoring ``documents`` gold documents whose :func:`gold_hash` is
    ``digest`` with ``config``: what a scorer that reads the gold once as a stream signs."""
    from .. import __version__
    from .units import resolve_unit

    fields = [
        ("evalkit", __version__),
        ("gold", digest),
        ("norm", config.profile),
        ("match", "hungarian"),
        *([("overlap", _number(config.min_overlap_percentage))] if config.min_overlap_percentage is not None else []),
        ("num-tol", "written" if config.number_rel_tol is None else _number(config.number_rel_tol)),
        ("content", f"{config.content_metric}@{_number(config.content_threshold)}"),
        ("rouge", _rouge(config)),
        ("bs", str(config.bootstrap)),
        ("seed", str(config.seed)),
        ("unit", resolve_unit(config.unit, documents, config.alpha)),
    ]
    if config.alpha != 0.05:
        fields.append(("ci", _number(round(100 * (1 - config.alpha), 6))))
    return "|".join(f"{k}:{v}" for k, v in fields)


def parse_signature(signature: str) -> dict[str, str]:
    """The signature's fields as a dict, in order (raises ``ValueError`` if it is not one)."""
    out: dict[str, str] = {}
    for part in signature.split("|"):
        key, sep, value = part.partition(":")
        if not sep or not key:
            raise ValueError(f"not an evalkit signature field: {part!r}")
        out[key] = value
    if "evalkit" not in out or "gold" not in out:
        raise ValueError(f"not an evalkit signature: {signature!r}")
    return out


def comparable(a: str, b: str) -> bool:
    """True when results with signatures ``a`` and ``b`` may be compared: they are identical.

    Every field records something that changes a number, so no field may differ.
    """
    return a == b


def differences(a: str, b: str) -> list[str]:
    """The fields on which two signatures differ, as ``field: a != b`` lines (empty if none)."""
    fa, fb = parse_signature(a), parse_signature(b)
    out = []
    for key in [*FIELDS, *sorted((set(fa) | set(fb)) - set(FIELDS))]:
        va, vb = fa.get(key), fb.get(key)
        if va != vb:
            out.append(f"{key}: {va if va is not None else '(absent)'} != {vb if vb is not None else '(absent)'}")
    return out


__all__ = [
    "FIELDS",
    "comparable",
    "differences",
    "gold_entry",
    "gold_hash",
    "hash_entries",
    "make_signature",
    "parse_signature",
    "signature_from_hash",
    "summary_content",
]
