"""Number-level scoring: the right value, of the right kind, with the right unit and qualifier.

Values (docs/scoring.md): a missing value is read from the number's span text, and a string
value that is not a TIMEX string (``"twenty-five"``, ``"halve"``, ``"20 to 30"``,
``"7-9 December"``, ``"25%"``) is read with :func:`evalkit.numparse.parse_number`, which gives
a range's upper end and a unit the number does not state. Gold and predicted values then agree
(:func:`values_agree`) when equal *as written*: with ``config.number_rel_tol`` set, within
that relative tolerance; otherwise exactly (up to binary-float noise), except that a gold
number qualified ``about``/``nearly`` accepts half a unit in its last written decimal and a
fraction or multiplier written as a rounded decimal equals the simple fraction it rounds
(``0.333`` = 1/3). TIMEX strings compare with unwritten digits as wildcards, and a year
``1901`` equals ``"1901"``. A range must match at both ends.

Levels, each an optimal one-to-one alignment:

* ``numbers.value``: the values agree;
* ``numbers.lenient``: the values agree and the kinds are *compatible* (equal, or in one of
  :data:`KIND_GROUPS`: ``count``/``quantity``; ``fraction``/``percent``/``multiplier``;
  ``date``/``time``); a missing kind is compatible with nothing;
* ``numbers.strict``: the values agree, the kinds are equal, the units mean the same
  (:func:`evalkit.numparse.canonical_unit`: ``%`` = ``percent``, ``$`` = ``USD``, ``men`` =
  ``person``), the qualifiers agree (absent = ``exact``), and — when both the prediction and
  the gold have offsets — the spans overlap;
* ``numbers.strict/<kind>``: strict, with gold and predicted numbers of that kind only.

Between equally many matches the alignment prefers more agreeing attributes (kind, unit,
qualifier, span), then the larger span overlap — which is what tells apart two gold facts
with the same value ("25 killed" reported twice).

Repeats (:func:`_repeat_mask`): a prediction with offsets that repeats an earlier one verbatim
(everything but its id) is credited at most as often as the gold repeats that very number;
without offsets, the *k*-th record of one value is an occurrence while at least *k* gold
numbers have that value, and a duplicate beyond.

Items explain the strict alignment: ``matched`` pairs; leftovers paired by the lenient rule are
``partial`` (the reason lists what differs); leftovers paired by value alone are ``wrong_type``
(kinds incompatible); the rest are ``missed`` and ``spurious``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..fields import Shape, wire_fields
from ..model import Document, NumberFact, NumberValue, StructuredSummary
from ..numparse import lexicon as lx
from ..numparse import canonical_unit, canonical_value, is_timex, parse_number, values_equal
from .align import REPEAT_REASON, AlignmentUnits, pair_counts, span_iou
from .base import Counts, Explanation, PartScore
from .config import ScoringConfig
from .explained import Explained

if TYPE_CHECKING:
    import numpy as np

    from .align import Alignment

#: Kinds that may stand for one another at the lenient level.
KIND_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"count", "quantity"}),
    frozenset({"fraction", "percent", "multiplier"}),
    frozenset({"date", "time"}),
)
def kinds_compatible(a: str, b: str) -> bool:
    """Equal non-empty kinds, or kinds in one of :data:`KIND_GROUPS`."""
    if not a or not b:
        return False
    return a == b or any(a in g and b in g for g in KIND_GROUPS)


def unit_key(unit: str | None) -> tuple[str, ...]:
    """A unit's comparison form: the words of its canonical unit
    (:func:`evalkit.numparse.canonical_unit`: ``%`` = ``percent``, ``$`` = ``dollars`` =
    ``USD``, ``yd`` = ``yard``, ``men`` = ``people`` = ``person``), ``()`` when there is none."""
    canonical = canonical_unit(unit)
    return tuple(canonical.split()) if canonical else ()


def qualifier_key(qualifier: str | None, profile: str) -> str:
    """A qualifier's comparison form; absent means ``exact``."""
    from ..normalise import normalise_text

    q = normalise_text(qualifier or "", profile)
    return q or "exact"


#: Qualifiers that say the text rounds: only then does a gold value stand for every value
#: that rounds to it (docs/scoring.md, "Values").
ROUNDING_QUALIFIERS = frozenset({"about", "nearly"})
#: Kinds whose decimals may be a rounded simple fraction (``0.333`` for *a third*).
FRACTION_KINDS = frozenset({"fraction", "multiplier"})
#: Largest denominator of a "simple fraction" (:func:`simple_fraction`).
MAX_DENOMINATOR = 12


@dataclass(frozen=True)
class _Value:
    """A number's value as compared: both ends of a range, after reading any words, with the
    kind, qualifier and unit that decide how it compares (the unit read from the value or span
    text when the number gives none)."""

    value: NumberValue | None
    value_max: NumberValue | None
    kind: str = ""
    qualifier: str | None = None
    unit: str | None = None


def resolve_value(fact: NumberFact) -> _Value:
    """The value to compare. A missing value is read from the span text, and a string value
    that is not a TIMEX string (``"twenty-five"``, ``"20 to 30"``, ``"7-9 December"``,
    ``"25%"``) is read with ``parse_number``, which also yields a range's upper end and a unit
    (``"25%"`` -> percent) the number does not state itself. TIMEX strings are left for
    ``values_equal``."""
    value, value_max, unit = fact.value, fact.value_max, fact.unit
    if value is None:
        text = fact.span.text if fact.span is not None else None
    elif isinstance(value, str) and not is_timex(value):
        text = value
    else:
        text = None
    if text is not None:
        parsed = parse_number(text)
        if parsed is not None:
            value = parsed.value
            if value_max is None:
                value_max = parsed.value_max
            if unit is None:
                unit = parsed.unit
    return _Value(value, value_max, fact.kind, fact.qualifier, unit)


def written_tolerance(value: NumberValue) -> float | None:
    """Half a unit in the last written decimal of a non-integral number (``4.3`` → 0.05);
    ``None`` for integers, integral floats and non-numbers."""
    if isinstance(value, bool) or not isinstance(value, float) or not math.isfinite(value):
        return None
    if value.is_integer():
        return None
    exponent = Decimal(repr(value)).as_tuple().exponent
    return 0.5 * 10.0 ** exponent if isinstance(exponent, int) and exponent < 0 else None


def simple_fraction(value: float | int) -> Fraction | None:
    """The fraction with denominator at most :data:`MAX_DENOMINATOR` that ``value`` is a
    written rounding of (``0.333`` → 1/3, ``0.5`` → 1/2, ``0.67`` → 2/3), or ``None`` (``0.45``)."""
    if isinstance(value, bool) or not math.isfinite(value):
        return None
    f = Fraction(value).limit_denominator(MAX_DENOMINATOR)
    tol = written_tolerance(float(value)) or 0.0
    return f if abs(float(f) - value) <= tol * (1 + 1e-9) + 1e-12 else None


def _is_number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _rounds(qualifier: str | None) -> bool:
    """The qualifier says the text rounds (``about``, ``around``, ``nearly``, ``almost``...)."""
    q = " ".join((qualifier or "").lower().split())
    return lx.QUALIFIERS.get(tuple(q.split()), q) in ROUNDING_QUALIFIERS


#: Integers below this in magnitude differ by more than the float noise ``_same`` allows
#: (1e-9 relative), and no rounding or fraction rule applies to them.
_EXACT = 10**9


def _equal(gold: NumberValue, pred: NumberValue, kind: str, qualifier: str | None, rel_tol: float | None) -> bool:
    return _same(canonical_value(gold), canonical_value(pred), kind, _rounds(qualifier), rel_tol)


def _same(g: Any, p: Any, kind: str, rounds: bool, rel_tol: float | None) -> bool:
    """:func:`_equal` of two canonical values (``rounds``: the gold qualifier rounds)."""
    if rel_tol is None and type(g) is int and type(p) is int and -_EXACT < g < _EXACT and -_EXACT < p < _EXACT:
        return g == p  # two small integers: no tolerance below makes unequal ones agree
    if rel_tol is not None or not (_is_number(g) and _is_number(p)):
        return bool(values_equal(g, p, rel_tol=rel_tol))
    if isinstance(g, float) and isinstance(p, float) and math.isnan(g) and math.isnan(p):
        return True
    if not (math.isfinite(g) and math.isfinite(p)):
        return bool(g == p)
    if math.isclose(g, p, rel_tol=1e-9, abs_tol=1e-12):
        return True  # as written, up to the noise of binary floats
    if rounds:
        tol = written_tolerance(float(g))
        if tol is not None:
            return bool(abs(g - p) <= tol * (1 + 1e-9))
    if kind in FRACTION_KINDS:
        fg, fp = simple_fraction(g), simple_fraction(p)
        return fg is not None and fg == fp
    return False


def values_agree(gold: _Value, pred: _Value, rel_tol: float | None) -> bool:
    """Both ends agree; a missing value agrees with nothing.

    With ``rel_tol`` given, ``values_equal(gold, pred, rel_tol)``. Without it, numbers must be
    equal as written (gold 3.5 does not accept 3.54, nor 0.5 accept 0.45), except that a gold
    number with a rounding qualifier (``about``, ``nearly``) accepts half a unit in its last
    written decimal (``about 4.3`` accepts 4.25 to 4.35), and a fraction or multiplier
    written as a rounded decimal equals the simple fraction it rounds (``0.333`` = 1/3).
    Strings follow ``values_equal`` (TIMEX with unwritten digits as wildcards; a year ``1901``
    = ``"1901"``).
    """
    if gold.value is None or pred.value is None:
        return False
    if (gold.value_max is None) != (pred.value_max is None):
        return False
    if not _equal(gold.value, pred.value, gold.kind, gold.qualifier, rel_tol):
        return False
    if gold.value_max is None or pred.value_max is None:
        return True  # neither is a range (one alone was refused above)
    return _equal(gold.value_max, pred.value_max, gold.kind, gold.qualifier, rel_tol)


def _agreement(gold: Sequence[_Value], pred: Sequence[_Value], rel_tol: float | None) -> list[list[bool]]:
    """:func:`values_agree` of every (gold, prediction) pair, each value made canonical once."""

    def forms(v: _Value) -> tuple[Any, Any, bool] | None:
        if v.value is None:
            return None
        top = None if v.value_max is None else canonical_value(v.value_max)
        return canonical_value(v.value), top, v.value_max is not None

    p_forms = [forms(v) for v in pred]
    out = []
    for g in gold:
        gf = forms(g)
        if gf is None:
            out.append([False] * len(pred))
            continue
        low, high, ranged = gf
        kind, rounds = g.kind, _rounds(g.qualifier)
        row = []
        for pf in p_forms:
            row.append(
                pf is not None
                and pf[2] == ranged
                and _same(low, pf[0], kind, rounds, rel_tol)
                and (not ranged or _same(high, pf[1], kind, rounds, rel_tol))
            )
        out.append(row)
    return out


class _Pairs:
    """Per-pair agreement of value, kind, unit, qualifier and span."""

    def __init__(self, gold: Sequence[NumberFact], pred: Sequence[NumberFact], config: ScoringConfig) -> None:
        import numpy as np

        n, m = len(gold), len(pred)
        gv = [resolve_value(f) for f in gold]
        pv = [resolve_value(f) for f in pred]
        agree = np.array(_agreement(gv, pv, config.number_rel_tol), bool).reshape(n, m)
        allowed, self.repeat = _repeat_mask(gold, pred, agree)
        self.value = agree & allowed
        self.compatible = np.array([[kinds_compatible(g.kind, p.kind) for p in pred] for g in gold], bool).reshape(n, m)
        self.kind = np.array([[bool(g.kind) and g.kind == p.kind for p in pred] for g in gold], bool).reshape(n, m)
        gu = [unit_key(v.unit) for v in gv]
        pu = [unit_key(v.unit) for v in pv]
        self.unit = np.array([[a == b for b in pu] for a in gu], bool).reshape(n, m)
        gq = [qualifier_key(g.qualifier, config.profile) for g in gold]
        pq = [qualifier_key(p.qualifier, config.profile) for p in pred]
        self.qualifier = np.array([[a == b for b in pq] for a in gq], bool).reshape(n, m)
        self.span = np.ones((n, m), bool)
        self.iou = np.zeros((n, m))
        for i, g in enumerate(gold):
            for j, p in enumerate(pred):
                gs, ps = g.span, p.span
                if (
                    gs is not None and ps is not None
                    and gs.start is not None and gs.end is not None
                    and ps.start is not None and ps.end is not None
                ):
                    self.span[i, j] = gs.overlaps(ps)
                    self.iou[i, j] = span_iou(gs.start, gs.end, ps.start, ps.end)
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


#: Every declared field of a number but its id and span (:mod:`evalkit.fields`).
_KEY_FIELDS = tuple(f.name for f in wire_fields(NumberFact) if f.wire.shape not in (Shape.ID, Shape.SPAN))


def _key(f: NumberFact) -> tuple[Any, ...]:
    """Everything about a number but its id: what makes two numbers verbatim repeats. A span
    without offsets is left out: it cannot tell two occurrences of one value apart."""
    span = f.span if f.span is not None and f.span.grounded else None
    return (span, *(getattr(f, name) for name in _KEY_FIELDS))


def _repeat_mask(gold: Sequence[NumberFact], pred: Sequence[NumberFact], agree: "np.ndarray") -> tuple["np.ndarray", "np.ndarray"]:
    """Which pairs a repeated prediction may take: ``(allowed, repeated)``.

    With offsets, a verbatim repeat (same span, value, kind...) is credited at most as often as
    the gold repeats that very number (:func:`.align.repeat_candidates`). Without offsets,
    two records of one value are how an extractor reports two occurrences (gold/GUIDELINES.md
    G-N1: four ``Wednesday``s are four records), so the *k*-th copy is a candidate only while at
    least *k* gold numbers have its value (``agree``): copies beyond that are duplicates.
    """
    from collections import Counter

    from .align import repeat_candidates

    keys = [_key(f) for f in pred]
    allowed, repeated = repeat_candidates([_key(f) for f in gold], keys)
    seen: Counter[tuple[Any, ...]] = Counter()
    for j, key in enumerate(keys):
        if key[0] is not None:
            continue  # grounded: the verbatim rule above
        seen[key] += 1
        allowed[:, j] = seen[key] <= int(agree[:, j].sum())
    return allowed, repeated


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
    strict = pairs.align("strict")
    for level in ("value", "lenient"):
        metrics[f"numbers.{level}"] = pair_counts(pairs.align(level))
    metrics["numbers.strict"] = pair_counts(strict)
    g_kinds = np.array([f.kind for f in g], dtype=object)
    p_kinds = np.array([f.kind for f in p], dtype=object)
    for kind in sorted({f.kind for f in g} | {f.kind for f in p}):
        name = f"numbers.strict/{kind or 'UNKINDED'}"
        sub = pairs.align("strict", np.flatnonzero(g_kinds == kind), np.flatnonzero(p_kinds == kind))
        metrics[name] = pair_counts(sub)
    return PartScore(
        part="numbers",
        headline="numbers.strict",
        metrics=metrics,
        items=Explained(partial(_explanations, gold, pred, config)),
        units=AlignmentUnits(metrics),
    )


def _explanations(gold: StructuredSummary, pred: StructuredSummary, config: ScoringConfig) -> Iterable[Explanation]:
    """The explanations of one document, worked out again when asked for (nothing is held)."""
    pairs = _Pairs(gold.numbers, pred.numbers, config)
    return _explain(pairs.align("strict"), pairs, gold.numbers, pred.numbers)


def _explain(strict: "Alignment", pairs: _Pairs, gold: Sequence[NumberFact], pred: Sequence[NumberFact]) -> Iterable[Explanation]:
    import numpy as np

    def text(f: NumberFact | None) -> str | None:
        if f is None:
            return None
        return f.span.text if f.span is not None else str(f.value)

    def span(f: NumberFact | None) -> tuple[int, int] | None:
        if f is None or f.span is None or f.span.start is None or f.span.end is None:
            return None
        return (f.span.start, f.span.end)

    def item(bucket: str, gi: int | None, pj: int | None, reason: str, contribution: Counts) -> Explanation:
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
    "ROUNDING_QUALIFIERS",
    "kinds_compatible",
    "qualifier_key",
    "resolve_value",
    "score_numbers",
    "simple_fraction",
    "unit_key",
    "values_agree",
]
