"""Bootstrap confidence intervals and paired significance tests over per-unit counts.

Every evalkit metric is a sum of per-unit statistics (see :mod:`evalkit.scoring.base`): a P/R/F1
metric sums ``(tp, fp, fn)``, a mean metric sums ``(total, count)``. So resampling never touches
text: a resample is a vector of integer weights over units (how often each unit was drawn), and
the resampled statistic is ``weights @ stats`` — one matrix product for all resamples at once,
no Python loop over resamples (the sacrebleu recipe, vectorised further).

Reproducibility: all randomness comes from ``numpy.random.default_rng(seed)``, never from a
global RNG, and resamples are generated in row blocks whose draws do not depend on the block
size, so the same ``(stats, n, seed)`` always gives the same numbers.

The formulations:

* **Bootstrap CI** — percentile interval (Efron): resample units with replacement, recompute the
  statistic from the summed counts, take the ``alpha/2`` and ``1 − alpha/2`` quantiles (linear
  interpolation, as ``numpy.quantile`` and ``scipy.stats.bootstrap(method="percentile")``).
  ``point`` is the statistic of the original sample.
* **Paired bootstrap test** (Koehn 2004; Berg-Kirkpatrick et al. 2012; sacrebleu's
  ``paired-bs``): resample units jointly for both systems, compute ``δ* = m(B*) − m(A*)`` per
  resample, shift the bootstrap distribution to the null hypothesis by centring it on its mean,
  and count ``c = #{|δ* − mean(δ*)| ≥ |δ|}`` — two-sided. Berg-Kirkpatrick's one-sided
  count ``δ* > 2δ`` is the same shift (``δ* − δ > δ``) on one side. Two deliberate differences from
  sacrebleu: the signed deltas are centred (sacrebleu centres ``|δ*|``, which is a valid null
  shift only while the deltas keep one sign), and ties count (``≥``), so two identical systems
  give ``p = 1`` rather than ``1/(n+1)``.
* **Approximate randomisation** (Noreen 1989; Riezler & Maxwell 2005; sacrebleu's ``paired-ar``):
  swap each unit's A and B statistics with probability 0.5, count ``c = #{|δ*| ≥ |δ|}``.

Both tests report ``p = (c + 1) / (n + 1)`` (the add-one estimate that keeps the test's false
rejection rate at or below its level). Ties are judged with a relative tolerance of 1e-12 so
that summing the same counts in a different order cannot decide a tie.

Two rules keep small or empty samples from misleading:

* **Undefined is undefined.** A P/R/F1 metric with ``tp = fp = fn = 0`` (nothing in gold,
  nothing predicted) and a mean over no units have no value: ``None`` (NaN inside the arrays),
  never 1.0. Resamples in which the statistic is undefined are left out of the quantiles and
  of the test's count (the interval and p-value are conditional on the statistic existing);
  ``n`` then counts the defined resamples only.
* **Not enough units.** With ``units < min_units(alpha)`` no interval and no test is computed:
  the interval ends and the p-value are ``None`` with ``reason`` saying so. The threshold is
  the smallest number of units at which even an exact two-sided sign-flip (randomisation)
  test could reach ``p < alpha`` at all — ``2 / 2**units < alpha``, so 6 units at
  ``alpha = 0.05`` — because below it any "significant" answer is an artefact of resampling
  too few units (a paired bootstrap over two documents reports ``p = 0.001`` where the exact
  test says 0.5), and a bootstrap interval over so few units is far narrower than the truth.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Integral
from typing import TYPE_CHECKING, Iterator, Mapping

from .errors import InputError

if TYPE_CHECKING:  # numpy is imported lazily: `evalkit --help` never loads it
    import numpy as np
    import numpy.typing as npt

    #: Counts, statistics and resampling weights: float arrays throughout.
    FloatArray = npt.NDArray[np.float64]

# The metric kinds, declared once: scoring, reports (``report.json`` names its counts and
# values with these), comparisons and the gate all read them from here.
#: Statistic names per kind, in the order reported.
KIND_VALUES: Mapping[str, tuple[str, ...]] = {
    "prf": ("precision", "recall", "f1"),
    "mean": ("value",),
}
#: Names of the per-unit statistics (the counts a metric is computed from) per kind.
KIND_COUNTS: Mapping[str, tuple[str, ...]] = {"prf": ("tp", "fp", "fn"), "mean": ("total", "n")}
#: Columns of the per-unit statistics per kind.
KIND_COLUMNS: Mapping[str, int] = {kind: len(names) for kind, names in KIND_COUNTS.items()}
#: The statistic a metric is shown first, ranked and gated on: F1, or the mean's value.
PRIMARY_VALUE: Mapping[str, str] = {"prf": "f1", "mean": "value"}
METHODS: tuple[str, ...] = ("bootstrap", "randomisation")

#: Largest number of weight-matrix cells generated at once (bounds memory to ~32 MB).
_BLOCK_CELLS = 1 << 22
_TIE_RTOL = 1e-12


#: Why an interval or a p-value is ``None`` although the statistic exists.
NOT_ENOUGH_UNITS = "not enough units"


def min_units(alpha: float = 0.05) -> int:
    """Fewest resampling units on which intervals and paired tests are computed at ``alpha``.

    The smallest ``u`` with ``2 / 2**u < alpha``: below it not even an exact two-sided
    sign-flip test over ``u`` paired units can reach significance (6 at ``alpha = 0.05``).
    """
    return int(math.floor(math.log2(2.0 / alpha))) + 1


def not_enough_units(units: int, alpha: float) -> str | None:
    """``"not enough units (2 < 6)"`` when ``units`` is below :func:`min_units`, else ``None``."""
    need = min_units(alpha)
    return f"{NOT_ENOUGH_UNITS} ({units} < {need})" if units < need else None


@dataclass(frozen=True)
class Interval:
    """A point estimate with the low and high ends of its confidence interval.

    ``point`` is ``None`` when the statistic is undefined; ``low``/``high`` are ``None`` when
    no interval could be computed (see ``CI.reason``).
    """

    point: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class CI:
    """Confidence intervals of one metric: ``precision``/``recall``/``f1`` for ``kind="prf"``,
    ``value`` for ``kind="mean"``, over ``units`` resampling units.

    ``reason`` says why the ends are ``None`` (``"not enough units (1 < 6)"``, ``"undefined"``).
    """

    kind: str
    values: Mapping[str, Interval]
    units: int = 0
    reason: str | None = None


@dataclass(frozen=True)
class PairedResult:
    """A paired comparison of system B against system A over the same units.

    ``deltas`` are ``metric(B) − metric(A)`` on the full sample (``None`` when either side is
    undefined); ``p_values`` the two-sided p-values of the named ``method`` with ``n``
    resamples or trials drawn from ``seed`` — ``None``, with ``reason``, when the test cannot
    be run (too few units, an undefined statistic). ``units`` is the number of paired units.
    """

    kind: str
    method: str
    n: int
    seed: int
    deltas: Mapping[str, float | None]
    p_values: Mapping[str, float | None]
    units: int = 0
    reason: str | None = None


def optional(x: float) -> float | None:
    """``None`` for NaN (an undefined statistic), else the value as a Python float."""
    x = float(x)
    return None if math.isnan(x) else x


def metric_values(sums: npt.ArrayLike, kind: str) -> FloatArray:
    """The statistic(s) of summed counts, with the zero-denominator rules of ``base``.

    ``sums`` has shape ``(..., 3)`` for ``"prf"`` and returns ``(..., 3)`` (precision, recall,
    F1: all NaN — undefined — when ``tp = fp = fn = 0``, else 0.0 on a zero denominator, like
    :class:`~evalkit.scoring.base.Counts`); shape ``(..., 2)`` for ``"mean"`` returns ``(..., 1)``
    (``total / count``, NaN when ``count = 0``, like :class:`~evalkit.scoring.base.Mean`).
    """
    import numpy as np

    arr = np.asarray(sums, dtype=np.float64)
    if kind == "mean":
        total, count = arr[..., 0], arr[..., 1]
        out = _safe_div(total, count)
        out[count == 0] = np.nan
        return out[..., None]
    tp, fp, fn = arr[..., 0], arr[..., 1], arr[..., 2]
    empty = (tp == 0) & (fp == 0) & (fn == 0)
    out = np.stack(
        [
            _safe_div(tp, tp + fp),
            _safe_div(tp, tp + fn),
            _safe_div(2 * tp, 2 * tp + fp + fn),
        ],
        axis=-1,
    )
    out[empty] = np.nan
    return out


def bootstrap_ci(
    stats: npt.ArrayLike,
    kind: str,
    n: int = 1000,
    seed: int = 12345,
    alpha: float = 0.05,
) -> CI:
    """Percentile bootstrap confidence intervals of a metric over ``units``.

    ``stats`` is ``(units, 3)`` of ``(tp, fp, fn)`` for ``kind="prf"`` or ``(units, 2)`` of
    ``(total, count)`` for ``kind="mean"``; a unit is whatever was sampled independently
    (documents of a corpus, sentences or items). Below :func:`min_units` units, or when the
    statistic is undefined, the ends are ``None`` and ``reason`` says why.
    """
    import numpy as np

    arr = _check_stats(stats, kind, "stats")
    _check_resampling(n, seed, alpha)
    point = metric_values(arr.sum(axis=0), kind)
    rng = np.random.default_rng(seed)
    sampled: FloatArray | None = None
    if not_enough_units(arr.shape[0], alpha) is None and not np.isnan(point).all():
        sampled = np.concatenate(
            [metric_values(w @ arr, kind) for w in bootstrap_weights(rng, arr.shape[0], n)]
        )
    return interval_from_draws(kind, point, sampled, arr.shape[0], alpha)


def interval_from_draws(kind: str, point: FloatArray, sampled: FloatArray | None, units: int, alpha: float) -> CI:
    """The :class:`CI` of ``point`` from bootstrap ``sampled`` values ``(n, values)``, NaN
    draws (undefined resamples) left out; ``sampled=None`` when none were drawn."""
    import numpy as np

    names = KIND_VALUES[kind]
    reason = not_enough_units(units, alpha)
    if reason is None and np.isnan(point).all():
        reason = "undefined"
    if sampled is None or reason is not None:
        return CI(kind, {k: Interval(optional(point[i]), None, None) for i, k in enumerate(names)}, units, reason)
    values: dict[str, Interval] = {}
    for i, k in enumerate(names):
        col = sampled[:, i]
        col = col[~np.isnan(col)]
        if np.isnan(point[i]) or col.size == 0:
            values[k] = Interval(optional(point[i]), None, None)
            continue
        low, high = np.quantile(col, [alpha / 2, 1 - alpha / 2])
        values[k] = Interval(float(point[i]), float(low), float(high))
    return CI(kind, values, units, None)


def paired_test(
    stats_a: npt.ArrayLike,
    stats_b: npt.ArrayLike,
    kind: str,
    method: str = "bootstrap",
    n: int = 1000,
    seed: int = 12345,
    alpha: float = 0.05,
) -> PairedResult:
    """Two-sided paired test of "B and A score the same" over the same units.

    ``stats_a[i]`` and ``stats_b[i]`` must be the same unit (document or item) scored for
    systems A and B. ``method`` is ``"bootstrap"`` (paired bootstrap) or ``"randomisation"``
    (approximate randomisation); see the module docstring for the exact formulations, and
    for the ``None`` answers below :func:`min_units` units or on undefined statistics.
    """
    import numpy as np

    a = _check_stats(stats_a, kind, "stats_a")
    b = _check_stats(stats_b, kind, "stats_b")
    if a.shape != b.shape:
        raise InputError(
            f"stats_b: shape {b.shape} differs from stats_a {a.shape}; "
            "a paired test needs the same units for both systems"
        )
    if method not in METHODS:
        raise InputError(f"method: unknown {method!r}; expected one of {', '.join(METHODS)}")
    _check_resampling(n, seed, alpha)
    observed = metric_values(b.sum(axis=0), kind) - metric_values(a.sum(axis=0), kind)
    rng = np.random.default_rng(seed)
    deltas: FloatArray | None = None
    if not_enough_units(a.shape[0], alpha) is None and not np.isnan(observed).all():
        if method == "bootstrap":
            deltas = _bootstrap_deltas(rng, a, b, kind, n)
        else:
            deltas = _randomisation_deltas(rng, a, b, kind, n)
    return paired_from_draws(kind, method, n, seed, observed, deltas, a.shape[0], alpha)


def paired_from_draws(
    kind: str, method: str, n: int, seed: int, observed: FloatArray, deltas: FloatArray | None, units: int, alpha: float
) -> PairedResult:
    """The :class:`PairedResult` of ``observed`` deltas given the resampled ``deltas``
    ``(n, values)`` of ``method`` (``None`` when none were drawn); NaN draws are left out."""
    import numpy as np

    names = KIND_VALUES[kind]
    reason = not_enough_units(units, alpha)
    if reason is None and np.isnan(observed).all():
        reason = "undefined"
    p_values: dict[str, float | None] = {}
    for i, k in enumerate(names):
        if deltas is None or reason is not None or np.isnan(observed[i]):
            p_values[k] = None
            continue
        col = deltas[:, i]
        col = col[~np.isnan(col)]
        if col.size == 0:
            p_values[k] = None
            continue
        if method == "bootstrap":
            col = np.abs(col - col.mean())
        else:
            col = np.abs(col)
        c = int(count_at_least(col[:, None], np.abs(observed[i : i + 1]))[0])
        p_values[k] = (c + 1) / (col.size + 1)
    return PairedResult(
        kind=kind,
        method=method,
        n=n,
        seed=seed,
        deltas={k: optional(observed[i]) for i, k in enumerate(names)},
        p_values=p_values,
        units=units,
        reason=reason,
    )


def _bootstrap_deltas(rng: np.random.Generator, a: FloatArray, b: FloatArray, kind: str, n: int) -> FloatArray:
    """``(n, values)`` resampled deltas ``m(B*) − m(A*)`` (centred by the caller)."""
    import numpy as np

    return np.concatenate(
        [
            metric_values(w @ b, kind) - metric_values(w @ a, kind)
            for w in bootstrap_weights(rng, a.shape[0], n)
        ]
    )


def _randomisation_deltas(rng: np.random.Generator, a: FloatArray, b: FloatArray, kind: str, n: int) -> FloatArray:
    """``(n, values)`` deltas after swapping each unit's A and B with probability 0.5."""
    import numpy as np

    total_a, total_b = a.sum(axis=0), b.sum(axis=0)
    diff = b - a
    deltas: list[FloatArray] = []
    for rows in row_blocks(a.shape[0], n):
        swap = (rng.random((rows, a.shape[0])) < 0.5).astype(float)
        moved = swap @ diff  # what swapping moves from B's total to A's
        deltas.append(
            metric_values(total_b - moved, kind) - metric_values(total_a + moved, kind)
        )
    return np.concatenate(deltas)


def count_at_least(values: FloatArray, threshold: FloatArray) -> npt.NDArray[np.intp]:
    """Per column, how many ``values`` reach ``threshold`` (ties within 1e-12 relative count)."""
    import numpy as np

    tol = _TIE_RTOL * np.maximum(1.0, threshold)
    counts: npt.NDArray[np.intp] = (values >= threshold - tol).sum(axis=0)  # numpy types a boolean sum as Any
    return counts


def bootstrap_weights(rng: np.random.Generator, units: int, n: int) -> Iterator[FloatArray]:
    """Yield ``(rows, units)`` blocks of multinomial resampling weights, ``n`` rows in all.

    Row ``i`` holds how many times each unit is drawn in resample ``i``; the rows drawn do not
    depend on the block size, so results are reproducible whatever the memory bound.
    """
    import numpy as np

    pvals = np.full(units, 1.0 / units)
    for rows in row_blocks(units, n):
        yield rng.multinomial(units, pvals, size=rows).astype(float)


def row_blocks(units: int, n: int) -> Iterator[int]:
    """Yield block sizes summing to ``n``: how many resamples (rows of ``units`` cells) to draw at
    once so that a block stays within the memory bound."""
    per_block = max(1, _BLOCK_CELLS // max(units, 1))
    done = 0
    while done < n:
        rows = min(per_block, n - done)
        yield rows
        done += rows


def _safe_div(num: FloatArray, den: FloatArray) -> FloatArray:
    """``num / den`` element-wise, 0.0 where ``den`` is 0 (the callers mark undefined cells)."""
    import numpy as np

    out = np.zeros(np.broadcast(num, den).shape)
    np.divide(num, den, out=out, where=den != 0)
    return out


def _check_stats(stats: npt.ArrayLike, kind: str, name: str) -> FloatArray:
    import numpy as np

    if kind not in KIND_COLUMNS:
        raise InputError(f"kind: unknown {kind!r}; expected one of {', '.join(KIND_COLUMNS)}")
    try:
        arr = np.asarray(stats, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name}: not a numeric array ({exc})") from None
    cols = KIND_COLUMNS[kind]
    if arr.ndim == 1 and arr.size == 0:
        arr = arr.reshape(0, cols)
    if arr.ndim != 2 or arr.shape[1] != cols:
        raise InputError(
            f"{name}: expected shape (units, {cols}) for kind {kind!r}, got {arr.shape}"
        )
    if not np.isfinite(arr).all():
        raise InputError(f"{name}: contains a non-finite value")
    counts = arr if kind == "prf" else arr[:, 1:]
    if (counts < 0).any():
        raise InputError(f"{name}: contains a negative count")
    return arr


def _check_resampling(n: int, seed: int, alpha: float = 0.05) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(f"n: the number of resamples must be a positive integer, not {n!r}")
    if isinstance(seed, bool) or not isinstance(seed, Integral) or seed < 0:
        raise InputError(f"seed: must be a non-negative integer, not {seed!r}")
    if not 0 < alpha < 1:
        raise InputError(f"alpha: must be between 0 and 1, not {alpha!r}")


__all__ = [
    "CI",
    "Interval",
    "KIND_COLUMNS",
    "KIND_COUNTS",
    "KIND_VALUES",
    "METHODS",
    "NOT_ENOUGH_UNITS",
    "PRIMARY_VALUE",
    "PairedResult",
    "bootstrap_ci",
    "bootstrap_weights",
    "count_at_least",
    "interval_from_draws",
    "metric_values",
    "min_units",
    "not_enough_units",
    "optional",
    "paired_from_draws",
    "paired_test",
    "row_blocks",
]
