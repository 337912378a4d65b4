"""Bootstrap intervals and paired tests for many metrics at once, from one draw of resamples.

:mod:`evalkit.stats` defines the statistics (percentile bootstrap; paired bootstrap and
approximate randomisation with ``p = (c + 1) / (n + 1)``) one metric at a time. A result has
dozens of metrics over the same units, and each call would draw the same resampling weights
again from the same seed; drawing them once and multiplying every metric's per-unit counts by
them gives the same numbers (the tests hold it to ``stats.bootstrap_ci`` and
``stats.paired_test`` metric by metric) at a fraction of the cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    import numpy as np

    from ..stats import CI, PairedResult


def _groups(stats: Mapping[str, tuple[str, "np.ndarray"]]) -> dict[str, tuple[list[str], "np.ndarray"]]:
    """Metrics grouped by kind, each group stacked to ``(units, metrics, columns)``."""
    import numpy as np

    from ..stats import KIND_COLUMNS

    by_kind: dict[str, list[str]] = {}
    for name, (kind, _) in stats.items():
        by_kind.setdefault(kind, []).append(name)
    out = {}
    for kind, names in by_kind.items():
        arrays = [np.asarray(stats[k][1], dtype=float).reshape(-1, KIND_COLUMNS[kind]) for k in names]
        out[kind] = (names, np.stack(arrays, axis=1))
    return out


def _check_units(stats: Mapping[str, tuple[str, "np.ndarray"]]) -> int:
    sizes = {len(arr) for _, arr in stats.values()}
    if len(sizes) > 1:
        raise ValueError(f"every metric must have the same units; got unit counts {sorted(sizes)}")
    return sizes.pop() if sizes else 0


def bootstrap_cis(
    stats: Mapping[str, tuple[str, "np.ndarray"]],
    n: int = 1000,
    seed: int = 12345,
    alpha: float = 0.05,
) -> dict[str, "CI"]:
    """``stats.bootstrap_ci`` for every metric: ``stats`` maps a name to ``(kind, per-unit array)``.

    All metrics must be over the same units (rows).
    """
    import numpy as np

    from ..stats import bootstrap_weights, interval_from_draws, metric_values, not_enough_units

    units = _check_units(stats)
    groups = _groups(stats)
    points = {kind: metric_values(arr.sum(axis=0), kind) for kind, (_, arr) in groups.items()}
    draws: dict[str, "np.ndarray | None"] = {kind: None for kind in groups}
    if stats and not_enough_units(units, alpha) is None:
        rng = np.random.default_rng(seed)
        sampled: dict[str, list[np.ndarray]] = {kind: [] for kind in groups}
        for w in bootstrap_weights(rng, units, n):
            for kind, (_, arr) in groups.items():
                sampled[kind].append(metric_values(np.einsum("ru,umc->rmc", w, arr), kind))
        draws = {kind: np.concatenate(sampled[kind]) for kind in groups}  # (n, metrics, values)
    out: dict[str, CI] = {}
    for kind, (names, _) in groups.items():
        for m, name in enumerate(names):
            d = draws[kind]
            out[name] = interval_from_draws(kind, points[kind][m], None if d is None else d[:, m], units, alpha)
    return {name: out[name] for name in stats}


def paired_tests(
    stats_a: Mapping[str, tuple[str, "np.ndarray"]],
    stats_b: Mapping[str, tuple[str, "np.ndarray"]],
    method: str = "bootstrap",
    n: int = 1000,
    seed: int = 12345,
    alpha: float = 0.05,
) -> dict[str, "PairedResult"]:
    """``stats.paired_test`` for every metric of ``stats_a`` (``stats_b`` has the same names)."""
    import numpy as np

    from ..stats import METHODS, bootstrap_weights, metric_values, not_enough_units, paired_from_draws, row_blocks

    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    if set(stats_a) != set(stats_b):
        raise ValueError("both systems must have the same metrics")
    units = _check_units({**{f"a:{k}": v for k, v in stats_a.items()}, **{f"b:{k}": v for k, v in stats_b.items()}})
    ga, gb = _groups(stats_a), _groups({k: stats_b[k] for k in stats_a})
    observed = {
        kind: metric_values(gb[kind][1].sum(axis=0), kind) - metric_values(ga[kind][1].sum(axis=0), kind)
        for kind in ga
    }
    draws: dict[str, "np.ndarray | None"] = {kind: None for kind in ga}
    if stats_a and not_enough_units(units, alpha) is None:
        rng = np.random.default_rng(seed)
        deltas: dict[str, list[np.ndarray]] = {kind: [] for kind in ga}
        if method == "bootstrap":
            for w in bootstrap_weights(rng, units, n):
                for kind in ga:
                    sb = metric_values(np.einsum("ru,umc->rmc", w, gb[kind][1]), kind)
                    sa = metric_values(np.einsum("ru,umc->rmc", w, ga[kind][1]), kind)
                    deltas[kind].append(sb - sa)
        else:
            totals = {kind: (ga[kind][1].sum(axis=0), gb[kind][1].sum(axis=0)) for kind in ga}
            diffs = {kind: gb[kind][1] - ga[kind][1] for kind in ga}
            for rows in row_blocks(units, n):
                swap = (rng.random((rows, units)) < 0.5).astype(float)
                for kind in ga:
                    moved = np.einsum("ru,umc->rmc", swap, diffs[kind])
                    ta, tb = totals[kind]
                    deltas[kind].append(metric_values(tb - moved, kind) - metric_values(ta + moved, kind))
        draws = {kind: np.concatenate(deltas[kind]) for kind in ga}
    out: dict[str, PairedResult] = {}
    for kind, (names, _) in ga.items():
        for m, name in enumerate(names):
            d = draws[kind]
            out[name] = paired_from_draws(kind, method, n, seed, observed[kind][m], None if d is None else d[:, m], units, alpha)
    return {name: out[name] for name in stats_a}


__all__ = ["bootstrap_cis", "paired_tests"]
