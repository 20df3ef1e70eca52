"""The peer benchmark: the organization's metrics against its peer group."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from careerlib.exceptions import DataError
from careerlib.models import suggest

__all__ = ["peer_benchmark"]


def peer_benchmark(
    metrics: Mapping[str, float],
    peers: pd.DataFrame,
    definitions: pd.DataFrame,
) -> pd.DataFrame:
    """The organization against its peer group, metric by metric.

    Parameters
    ----------
    metrics
        The organization's value of each metric (ids as in ``definitions``).
    peers
        One row per peer organization, one column per metric (see
        :func:`careerlib.peers.load_peers`); NaN cells are left out.
    definitions
        Indexed by metric: ``label``, ``unit``, ``better`` (``higher`` or
        ``lower``); see :func:`careerlib.peers.load_metrics`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``metric``: ``label``, ``unit``, ``better``, ``value``,
        ``n`` (peers with a value), ``mean``, ``std`` (sample, ddof=1), ``q1``,
        ``median``, ``q3`` (linear interpolation, as numpy), ``percentile``
        (percentile rank of the value among the peers, 0-100: the share of
        peers below it plus half the share equal to it), ``better_than``
        (the same in the direction that counts as better: the share of peers
        the organization beats, 0-100), ``z`` (``(value - mean) / std``; NaN
        for fewer than 2 peers or no spread), ``top_quartile`` (``q3`` when
        higher is better, ``q1`` when lower is), ``to_median`` and
        ``to_top_quartile`` (the change of the value that would reach the
        median or the top quartile, in the metric's unit; 0 when already
        there), ``standing`` (top quartile, above median, below median,
        bottom quartile, in the better direction).

    Raises
    ------
    DataError
        For a metric missing from the definitions or the peer file, and an
        empty peer group.
    """
    rows = []
    for metric, value in metrics.items():
        data = _peer_values(metric, peers, definitions)
        better = str(definitions.at[metric, "better"])
        x = float(value)
        n = data.size
        below = float(np.sum(data < x))
        equal = float(np.sum(data == x))
        above = n - below - equal
        percentile = 100.0 * (below + 0.5 * equal) / n
        better_than = percentile if better == "higher" else 100.0 * (above + 0.5 * equal) / n
        mean = float(data.mean())
        std = float(data.std(ddof=1)) if n > 1 else float("nan")
        z = (x - mean) / std if n > 1 and std > 0 else float("nan")
        q1, median, q3 = (float(q) for q in np.quantile(data, [0.25, 0.5, 0.75]))
        top, to_median, to_top, standing = _standing(x, q1, median, q3, better)
        rows.append(
            {
                "metric": metric,
                "label": definitions.at[metric, "label"],
                "unit": definitions.at[metric, "unit"],
                "better": better,
                "value": x,
                "n": n,
                "mean": mean,
                "std": std,
                "q1": q1,
                "median": median,
                "q3": q3,
                "percentile": percentile,
                "better_than": better_than,
                "z": z,
                "top_quartile": top,
                "to_median": to_median,
                "to_top_quartile": to_top,
                "standing": standing,
            }
        )
    columns = [
        "label", "unit", "better", "value", "n", "mean", "std", "q1", "median", "q3",
        "percentile", "better_than", "z", "top_quartile", "to_median", "to_top_quartile",
        "standing",
    ]  # fmt: skip
    if not rows:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="metric"))
    return pd.DataFrame(rows).set_index("metric")[columns]


def _peer_values(metric: str, peers: pd.DataFrame, definitions: pd.DataFrame) -> np.ndarray:
    """The peers' values of ``metric`` (NaN left out), after checking the metric and its values."""
    if metric not in definitions.index:
        raise DataError(
            f"unknown metric {metric!r}{suggest(metric, definitions.index)}; "
            f"defined: {', '.join(definitions.index)}"
        )
    if metric not in peers.columns:
        raise DataError(
            f"the metric {metric!r} is missing from the peer file{suggest(metric, peers.columns)}"
        )
    col = pd.to_numeric(peers[metric], errors="coerce")
    if col.isna().sum() > peers[metric].isna().sum():
        bad = peers[metric][col.isna() & peers[metric].notna()].iloc[0]
        raise DataError(f"the peer file's metric {metric!r} holds {bad!r}, which is not a number")
    data = col.dropna().to_numpy(dtype=float)
    if data.size == 0:
        raise DataError(f"the peer group is empty for the metric {metric!r}: no peer has a value")
    return data


def _standing(
    x: float, q1: float, median: float, q3: float, better: str
) -> tuple[float, float, float, str]:
    """Where ``x`` stands among the peers' quartiles, in the direction that counts as better.

    Returns the top quartile, the changes of ``x`` that would reach the median
    and the top quartile (0 when already there), and the standing.
    """
    if better == "higher":
        top = q3
        to_median = max(0.0, median - x)
        to_top = max(0.0, q3 - x)
        standing = (
            "top quartile"
            if x >= q3
            else "above median"
            if x >= median
            else "below median"
            if x >= q1
            else "bottom quartile"
        )
    else:
        top = q1
        to_median = min(0.0, median - x)
        to_top = min(0.0, q1 - x)
        standing = (
            "top quartile"
            if x <= q1
            else "above median"
            if x <= median
            else "below median"
            if x <= q3
            else "bottom quartile"
        )
    return top, to_median, to_top, standing
