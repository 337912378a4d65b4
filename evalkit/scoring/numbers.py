"""Number-level scoring: the right value, of the right kind, with the right unit and qualifier.

Values (docs/scoring.md): a number written in words (``"twenty-five"``, ``"halve"``,
``"20 to 30"``), gold or predicted, is read with :func:`evalkit.numparse.parse_number`, and a
missing value is read from the number's span text; other strings (TIMEX values,
``"Wednesday"``) are canonicalised by ``values_equal`` itself. Gold and predicted values are then compared with
:func:`evalkit.numparse.values_equal`: with ``config.number_rel_tol`` as its relative tolerance
when set; otherwise the tolerance comes from the precision the gold value is written with (half
a unit in its last decimal: gold ``4.3`` accepts 4.25 to 4.35; integral gold must be met
exactly). A range must match at both ends: the values agree only when both ``value_max`` are
absent or both agree.

Levels, each an optimal one-to-one alignment:

* ``numbers.value``: the values agree;
* ``numbers.lenient``: the values agree and the kinds are *compatible* (equal, or in one of
  :data:`KIND_GROUPS`: ``count``/``quantity``; ``fraction``/``percent``/``multiplier``;
  ``date``/``time``); a missing kind is compatible with nothing;
* ``numbers.strict``: the values agree, the kinds are equal, the units agree (both absent,
  or equal after normalisation and singularisation: ``people`` = ``person``), the qualifiers
  agree (absent = ``exact``), and — when both the prediction and the gold have offsets — the
  spans overlap;
* ``numbers.strict/<kind>``: strict, with gold and predicted numbers of that kind only.

Between equally many matches the alignment prefers more agreeing attributes (kind, unit,
qualifier, span), then the larger span overlap — which is what tells apart two gold facts
with the same value ("25 killed" reported twice).

A prediction that repeats an earlier one verbatim (everything but its id) is credited at most
as often as the gold repeats that very number (:func:`.align.repeat_candidates`).

Items explain the strict alignment: ``matched`` pairs; leftovers paired by the lenient rule are
``partial`` (the reason lists what differs); leftovers paired by value alone are ``wrong_type``
(kinds incompatible); the rest are ``missed`` and ``spurious``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from ..model import Document, NumberFact, NumberValue, StructuredSummary
from ..numparse import canonical_value, parse_number, values_equal
from .align import REPEAT_REASON, alignment_counts, span_iou
from .base import Counts, Explanation, PartScore
from .config import ScoringConfig

if TYPE_CHECKING:
    import numpy as np

    from .align import Alignment

#: Kinds that may stand for one another at the lenient level.
KIND_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"count", "quantity"}),
    frozenset({"fraction", "percent", "multiplier"}),
    frozenset({"date", "time"}),
)
#: Irregular plurals the unit comparison folds (regular ones are handled by stemming).
_IRREGULAR_PLURALS = {
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
}


def kinds_compatible(a: str, b: str) -> bool:
    """Equal non-empty kinds, or kinds in one of :data:`KIND_GROUPS`."""
    if not a or not b:
        return False
    return a == b or any(a in g and b in g for g in KIND_GROUPS)


@lru_cache(maxsize=4096)
def unit_key(unit: str | None) -> tuple[str, ...]:
    """A unit's comparison form: stemmed tokens with irregular plurals folded (``()`` if none)."""
    if unit is None:
        return ()
    from ..tokenize import tokenize

    words = [_IRREGULAR_PLURALS.get(w, w) for w in tokenize(unit)]
    return tuple(tokenize(" ".join(words), use_stemmer=True))


def qualifier_key(qualifier: str | None, profile: str) -> str:
    """A qualifier's comparison form; absent means ``exact``."""
    from ..normalise import normalise_text

    q = normalise_text(qualifier or "", profile)
    return q or "exact"


@dataclass(frozen=True)
class _Value:
    """A number's value as compared: both ends of a range, after reading any words."""

    value: NumberValue | None
    value_max: NumberValue | None


def resolve_value(fact: NumberFact) -> _Value:
    """The value to compare: numbers written in words and missing values are read with
    ``parse_number`` (which also yields a range's upper end: ``"20 to 30"``); TIMEX strings
    (``XXXX-12-07``) and other strings are left for ``values_equal`` to canonicalise."""
    value, value_max = fact.value, fact.value_max
    if value is None:
        text = fact.span.text if fact.span is not None else None
    elif isinstance(value, str) and not isinstance(canonical_value(value), str):
        text = value  # a number in words
    else:
        text = None
    if text is not None:
        parsed = parse_number(text)
        if parsed is not None:
            value = parsed.value
            if value_max is None:
                value_max = parsed.value_max
    return _Value(value, value_max)


def written_tolerance(value: NumberValue) -> float | None:
    """Half a unit in the last written decimal of a non-integral number (``4.3`` → 0.05);
    ``None`` for integers, integral floats and non-numbers."""
    if isinstance(value, bool) or not isinstance(value, float) or not math.isfinite(value):
        return None
    if value.is_integer():
        return None
    exponent = Decimal(repr(value)).as_tuple().exponent
    return 0.5 * 10.0 ** exponent if isinstance(exponent, int) and exponent < 0 else None


def _equal(gold: NumberValue, pred: NumberValue, rel_tol: float | None) -> bool:
    if rel_tol is None:
        g, p = canonical_value(gold), canonical_value(pred)
        tol = written_tolerance(g)
        if tol is not None and isinstance(p, (int, float)) and not isinstance(p, bool):
            scale = max(abs(g), abs(p))
            return bool(values_equal(g, p, rel_tol=(tol * (1 + 1e-9)) / scale))
    return bool(values_equal(gold, pred, rel_tol=rel_tol))


def values_agree(gold: _Value, pred: _Value, rel_tol: float | None) -> bool:
    """Both ends agree; a missing value agrees with nothing.

    With ``rel_tol`` given, ``values_equal(gold, pred, rel_tol)``. Without it, a non-integral
    gold number allows half a unit in its last written decimal (gold ``4.3`` accepts 4.25 to
    4.35, whatever precision the prediction is written with); otherwise ``values_equal``'s own
    rule applies (integers equal exactly; TIMEX strings with unwritten digits as wildcards).
    """
    if gold.value is None or pred.value is None:
        return False
    if (gold.value_max is None) != (pred.value_max is None):
        return False
    if not _equal(gold.value, pred.value, rel_tol):
        return False
    return gold.value_max is None or _equal(gold.value_max, pred.value_max, rel_tol)  # type: ignore[arg-type]


class _Pairs:
    """Per-pair agreement of value, kind, unit, qualifier and span."""

    def __init__(self, gold: Sequence[NumberFact], pred: Sequence[NumberFact], config: ScoringConfig) -> None:
        import numpy as np

        from .align import repeat_candidates

        n, m = len(gold), len(pred)
        gv = [resolve_value(f) for f in gold]
        pv = [resolve_value(f) for f in pred]
        self.value = np.zeros((n, m), bool)
        # a verbatim repeat (all but the id) is credited at most as often as gold repeats it
        allowed, self.repeat = repeat_candidates([_key(f) for f in gold], [_key(f) for f in pred])
        for i in range(n):
            for j in range(m):
                self.value[i, j] = allowed[i, j] and values_agree(gv[i], pv[j], config.number_rel_tol)
        self.compatible = np.array([[kinds_compatible(g.kind, p.kind) for p in pred] for g in gold], bool).reshape(n, m)
        self.kind = np.array([[bool(g.kind) and g.kind == p.kind for p in pred] for g in gold], bool).reshape(n, m)
        gu = [unit_key(g.unit) for g in gold]
        pu = [unit_key(p.unit) for p in pred]
        self.unit = np.array([[a == b for b in pu] for a in gu], bool).reshape(n, m)
        gq = [qualifier_key(g.qualifier, config.profile) for g in gold]
        pq = [qualifier_key(p.qualifier, config.profile) for p in pred]
        self.qualifier = np.array([[a == b for b in pq] for a in gq], bool).reshape(n, m)
        self.span = np.ones((n, m), bool)
        self.iou = np.zeros((n, m))
        for i, g in enumerate(gold):
            for j, p in enumerate(pred):
                if g.span is not None and p.span is not None and g.span.grounded and p.span.grounded:
                    self.span[i, j] = g.span.overlaps(p.span)
                    self.iou[i, j] = span_iou(g.span.start, g.span.end, p.span.start, p.span.end)  # type: ignore[arg-type]
        self.strict_ok = self.value & self.kind & self.unit & self.qualifier & self.span
        self.lenient_ok = self.value & self.compatible
        self.agreeing = self.kind.astype(int) + self.unit + self.qualifier + self.span

    def align(self, level: str, rows: "np.ndarray | None" = None, cols: "np.ndarray | None" = None) -> "Alignment":
        import numpy as np

        from .align import align_levels

        mats = {
            "value": ([self.value, self.compatible, self.agreeing, self.iou], [1, 1, 4, 1]),
            "lenient": ([self.lenient_ok, self.agreeing, self.iou], [1, 4, 1]),
            "strict": ([self.strict_ok, self.iou], [1, 1]),
        }[level]
        levels, maxima = mats
        if rows is not None and cols is not None:
            ix = np.ix_(rows, cols)
            levels = [x[ix] for x in levels]
        return align_levels(levels, maxima, candidates=levels[0])

    def differences(self, i: int, j: int, gold: NumberFact, pred: NumberFact) -> list[str]:
        out = []
        if not self.kind[i, j]:
            out.append(f"kind {pred.kind or 'none'} instead of {gold.kind}")
        if not self.unit[i, j]:
            out.append(f"unit {pred.unit!r} instead of {gold.unit!r}")
        if not self.qualifier[i, j]:
            out.append(f"qualifier {pred.qualifier!r} instead of {gold.qualifier!r}")
        if not self.span[i, j]:
            out.append("span does not overlap the gold span")
        return out


def _key(f: NumberFact) -> tuple:
    """Everything about a number but its id: what makes two numbers verbatim repeats."""
    return (f.span, f.value, f.value_max, f.kind, f.unit, f.qualifier, f.quantifies)


def score_numbers(
    gold: StructuredSummary,
    pred: StructuredSummary,
    doc: Document,
    config: ScoringConfig,
) -> PartScore:
    """``numbers.value``, ``numbers.lenient``, ``numbers.strict`` (headline) and
    ``numbers.strict/<kind>`` for every kind in gold or prediction."""
    import numpy as np

    g, p = gold.numbers, pred.numbers
    pairs = _Pairs(g, p, config)
    metrics: dict[str, Counts] = {}
    units: dict[str, tuple[tuple[float, ...], ...]] = {}
    strict = pairs.align("strict")
    for level in ("value", "lenient"):
        metrics[f"numbers.{level}"], units[f"numbers.{level}"] = alignment_counts(pairs.align(level))
    metrics["numbers.strict"], units["numbers.strict"] = alignment_counts(strict)
    g_kinds = np.array([f.kind for f in g], dtype=object)
    p_kinds = np.array([f.kind for f in p], dtype=object)
    for kind in sorted({f.kind for f in g} | {f.kind for f in p}):
        name = f"numbers.strict/{kind or 'UNKINDED'}"
        sub = pairs.align("strict", np.flatnonzero(g_kinds == kind), np.flatnonzero(p_kinds == kind))
        metrics[name], units[name] = alignment_counts(sub)
    return PartScore(
        part="numbers",
        headline="numbers.strict",
        metrics=metrics,
        items=tuple(_explain(strict, pairs, g, p)),
        units=units,
    )


def _explain(strict: "Alignment", pairs: _Pairs, gold: Sequence[NumberFact], pred: Sequence[NumberFact]) -> Iterable[Explanation]:
    import numpy as np

    def text(f: NumberFact | None) -> str | None:
        if f is None:
            return None
        return f.span.text if f.span is not None else str(f.value)

    def span(f: NumberFact | None) -> tuple[int, int] | None:
        if f is None or f.span is None or not f.span.grounded:
            return None
        return (f.span.start, f.span.end)  # type: ignore[return-value]

    def item(bucket, gi, pj, reason, contribution):
        gf = gold[gi] if gi is not None else None
        pf = pred[pj] if pj is not None else None
        return Explanation(
            part="numbers",
            bucket=bucket,
            gold=gf.id if gf else None,
            pred=pf.id if pf else None,
            gold_text=text(gf),
            pred_text=text(pf),
            reason=reason,
            gold_span=span(gf),
            pred_span=span(pf),
            type_gold=gf.kind if gf else None,
            type_pred=pf.kind if pf else None,
            similarity=float(pairs.iou[gi, pj]) if gf and pf else None,
            contribution=contribution,
        )

    for gi, pj in strict.pairs:
        yield item("matched", gi, pj, f"value {gold[gi].value!r}, kind, unit and qualifier agree", Counts(1, 0, 0))
    rows = np.array(strict.unmatched_gold, dtype=int)
    cols = np.array(strict.unmatched_pred, dtype=int)
    lenient = pairs.align("lenient", rows, cols)
    for r, c in lenient.pairs:
        gi, pj = int(rows[r]), int(cols[c])
        reason = "value agrees; " + "; ".join(pairs.differences(gi, pj, gold[gi], pred[pj]))
        yield item("partial", gi, pj, reason, Counts(0, 1, 1))
    rows = rows[list(lenient.unmatched_gold)]
    cols = cols[list(lenient.unmatched_pred)]
    value = pairs.align("value", rows, cols)
    for r, c in value.pairs:
        gi, pj = int(rows[r]), int(cols[c])
        reason = f"value agrees, but kind {pred[pj].kind or 'none'} is not compatible with {gold[gi].kind}"
        yield item("wrong_type", gi, pj, reason, Counts(0, 1, 1))
    for r in value.unmatched_gold:
        yield item("missed", int(rows[r]), None, "no unmatched prediction has this value", Counts(0, 0, 1))
    for c in value.unmatched_pred:
        pj = int(cols[c])
        reason = REPEAT_REASON if pairs.repeat[pj] else "no unmatched gold number has this value"
        yield item("spurious", None, pj, reason, Counts(0, 1, 0))


__all__ = [
    "KIND_GROUPS",
    "kinds_compatible",
    "qualifier_key",
    "resolve_value",
    "score_numbers",
    "unit_key",
    "values_agree",
]
