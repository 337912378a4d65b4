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
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral
from typing import TYPE_CHECKING, Mapping

from .errors import InputError

if TYPE_CHECKING:  # numpy is imported lazily: `evalkit --help` never loads it
    import numpy as np

#: Statistic names per kind, in the order reported.
KIND_VALUES: Mapping[str, tuple[str, ...]] = {
    "prf": ("precision", "recall", "f1"),
    "mean": ("value",),
}
#: Columns of the per-unit statistics per kind.
KIND_COLUMNS: Mapping[str, int] = {"prf": 3, "mean": 2}
METHODS: tuple[str, ...] = ("bootstrap", "randomisation")

#: Largest number of weight-matrix cells generated at once (bounds memory to ~32 MB).
_BLOCK_CELLS = 1 << 22
_TIE_RTOL = 1e-12


@dataclass(frozen=True)
class Interval:
    """A point estimate with the low and high ends of its confidence interval."""

    point: float
    low: float
    high: float


@dataclass(frozen=True)
class CI:
    """Confidence intervals of one metric: ``precision``/``recall``/``f1`` for ``kind="prf"``,
    ``value`` for ``kind="mean"``."""

    kind: str
    values: Mapping[str, Interval]


@dataclass(frozen=True)
class PairedResult:
    """A paired comparison of system B against system A over the same units.

    ``deltas`` are ``metric(B) − metric(A)`` on the full sample; ``p_values`` the two-sided
    p-values of the named ``method`` with ``n`` resamples or trials drawn from ``seed``.
    """

    kind: str
    method: str
    n: int
    seed: int
    deltas: Mapping[str, float]
    p_values: Mapping[str, float]


def metric_values(sums: "np.ndarray", kind: str) -> "np.ndarray":
    """The statistic(s) of summed counts, with the zero-denominator rules of ``base``.

    ``sums`` has shape ``(..., 3)`` for ``"prf"`` and returns ``(..., 3)`` (precision, recall,
    F1: all 1.0 when ``tp = fp = fn = 0``, else 0.0 on a zero denominator, like
    :class:`~evalkit.scoring.base.Counts`); shape ``(..., 2)`` for ``"mean"`` returns ``(..., 1)``
    (``total / count``, 0.0 when ``count = 0``, like :class:`~evalkit.scoring.base.Mean`).
    """
    import numpy as np

    sums = np.asarray(sums, dtype=float)
    if kind == "mean":
        total, count = sums[..., 0], sums[..., 1]
        return _safe_div(total, count, np)[..., None]
    tp, fp, fn = sums[..., 0], sums[..., 1], sums[..., 2]
    empty = (tp == 0) & (fp == 0) & (fn == 0)
    out = np.stack(
        [
            _safe_div(tp, tp + fp, np),
            _safe_div(tp, tp + fn, np),
            _safe_div(2 * tp, 2 * tp + fp + fn, np),
        ],
        axis=-1,
    )
    out[empty] = 1.0
    return out


def bootstrap_ci(
    stats: "np.ndarray",
    kind: str,
    n: int = 1000,
    seed: int = 12345,
    alpha: float = 0.05,
) -> CI:
    """Percentile bootstrap confidence intervals of a metric over ``units``.

    ``stats`` is ``(units, 3)`` of ``(tp, fp, fn)`` for ``kind="prf"`` or ``(units, 2)`` of
    ``(total, count)`` for ``kind="mean"``; a unit is whatever was sampled independently
    (documents of a corpus, items of a document). With no units the interval is the point.
    """
    import numpy as np

    arr = _check_stats(stats, kind, "stats")
    _check_resampling(n, seed, alpha)
    point = metric_values(arr.sum(axis=0), kind)
    names = KIND_VALUES[kind]
    if arr.shape[0] == 0:
        return CI(kind, {k: Interval(float(v), float(v), float(v)) for k, v in zip(names, point)})
    rng = np.random.default_rng(seed)
    sampled = np.concatenate(
        [metric_values(w @ arr, kind) for w in bootstrap_weights(rng, arr.shape[0], n)]
    )
    low, high = np.quantile(sampled, [alpha / 2, 1 - alpha / 2], axis=0)
    return CI(
        kind,
        {
            k: Interval(float(point[i]), float(low[i]), float(high[i]))
            for i, k in enumerate(names)
        },
    )


def paired_test(
    stats_a: "np.ndarray",
    stats_b: "np.ndarray",
    kind: str,
    method: str = "bootstrap",
    n: int = 1000,
    seed: int = 12345,
) -> PairedResult:
    """Two-sided paired test of "B and A score the same" over the same units.

    ``stats_a[i]`` and ``stats_b[i]`` must be the same unit (document or item) scored for
    systems A and B. ``method`` is ``"bootstrap"`` (paired bootstrap) or ``"randomisation"``
    (approximate randomisation); see the module docstring for the exact formulations.
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
    _check_resampling(n, seed)
    names = KIND_VALUES[kind]
    observed = metric_values(b.sum(axis=0), kind) - metric_values(a.sum(axis=0), kind)
    rng = np.random.default_rng(seed)
    units = a.shape[0]
    if units == 0:
        counts = np.full(len(names), n)  # nothing to resample: every trial ties
    elif method == "bootstrap":
        counts = _bootstrap_exceedances(rng, a, b, kind, n, observed)
    else:
        counts = _randomisation_exceedances(rng, a, b, kind, n, observed)
    return PairedResult(
        kind=kind,
        method=method,
        n=n,
        seed=seed,
        deltas={k: float(observed[i]) for i, k in enumerate(names)},
        p_values={k: (int(counts[i]) + 1) / (n + 1) for i, k in enumerate(names)},
    )


def _bootstrap_exceedances(rng, a, b, kind, n, observed):
    import numpy as np

    deltas = np.concatenate(
        [
            metric_values(w @ b, kind) - metric_values(w @ a, kind)
            for w in bootstrap_weights(rng, a.shape[0], n)
        ]
    )
    centred = np.abs(deltas - deltas.mean(axis=0))
    return count_at_least(centred, np.abs(observed))


def _randomisation_exceedances(rng, a, b, kind, n, observed):
    import numpy as np

    total_a, total_b = a.sum(axis=0), b.sum(axis=0)
    diff = b - a
    deltas = []
    for rows in row_blocks(a.shape[0], n):
        swap = (rng.random((rows, a.shape[0])) < 0.5).astype(float)
        moved = swap @ diff  # what swapping moves from B's total to A's
        deltas.append(
            metric_values(total_b - moved, kind) - metric_values(total_a + moved, kind)
        )
    return count_at_least(np.abs(np.concatenate(deltas)), np.abs(observed))


def count_at_least(values, threshold):
    """Per column, how many ``values`` reach ``threshold`` (ties within 1e-12 relative count)."""
    import numpy as np

    tol = _TIE_RTOL * np.maximum(1.0, threshold)
    return (values >= threshold - tol).sum(axis=0)


def bootstrap_weights(rng, units: int, n: int):
    """Yield ``(rows, units)`` blocks of multinomial resampling weights, ``n`` rows in all.

    Row ``i`` holds how many times each unit is drawn in resample ``i``; the rows drawn do not
    depend on the block size, so results are reproducible whatever the memory bound.
    """
    import numpy as np

    pvals = np.full(units, 1.0 / units)
    for rows in row_blocks(units, n):
        yield rng.multinomial(units, pvals, size=rows).astype(float)


def row_blocks(units: int, n: int):
    """Yield block sizes summing to ``n``: how many resamples (rows of ``units`` cells) to draw at
    once so that a block stays within the memory bound."""
    per_block = max(1, _BLOCK_CELLS // max(units, 1))
    done = 0
    while done < n:
        rows = min(per_block, n - done)
        yield rows
        done += rows


def _safe_div(num, den, np):
    out = np.zeros(np.broadcast(num, den).shape)
    np.divide(num, den, out=out, where=den != 0)
    return out


def _check_stats(stats, kind: str, name: str):
    import numpy as np

    if kind not in KIND_COLUMNS:
        raise InputError(f"kind: unknown {kind!r}; expected one of {', '.join(KIND_COLUMNS)}")
    try:
        arr = np.asarray(stats, dtype=float)
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
    "KIND_VALUES",
    "METHODS",
    "PairedResult",
    "bootstrap_ci",
    "bootstrap_weights",
    "count_at_least",
    "metric_values",
    "paired_test",
    "row_blocks",
]
