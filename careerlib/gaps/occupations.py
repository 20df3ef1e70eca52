"""The occupation finder: O*NET occupations worth considering.

The occupations with the smallest weighted skills gap and a good interest fit
(these are O*NET occupations, not the plan's routes: ``Plan.routes``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from careerlib.gaps._common import EPS

__all__ = ["find_occupations", "find_routes"]


def find_occupations(
    levels: Mapping[str, float],
    interests: Mapping[str, float] | None = None,
    *,
    data: Any = None,
    top: int = 10,
    min_fit: float = 0.5,
    max_job_zone: int | None = None,
    min_job_zone: int | None = None,
    surplus_weight: float = 0.5,
    exclude: Iterable[str] = (),
    unrated_level: float = 0.0,
) -> pd.DataFrame:
    """O*NET occupations worth considering: smallest weighted skills gap, good interest fit.

    For every O*NET occupation with skill ratings, the weighted mean gap over
    its 35 skills and 33 knowledge areas is ``sum(w * max(0, required -
    client)) / sum(w)`` with ``w = (importance - 1) / 4`` [level points, 0-7].
    The weighted surplus is the same sum over ``max(0, client - required)``:
    how far the client is above what the occupation asks, where it matters to
    it. Ranking by the gap alone would put every occupation that asks little
    on top, so the ``score`` is ``weighted_gap + surplus_weight * surplus``
    [level points]: the smallest for an occupation whose important elements
    sit close to the client's levels. The interest fit is the Pearson
    correlation between the client's RIASEC ratings and the occupation's
    RIASEC scores (-1 to 1; NaN when the client rated fewer than 3 scales).
    Occupations with a fit below ``min_fit`` are left out (unless the fit is
    NaN); the rest are ranked by score, then fit.

    Parameters
    ----------
    levels
        The client's skill and knowledge levels [0-7] by O*NET element name;
        names that are not O*NET elements are ignored.
    interests
        RIASEC scale -> rating [1-7].
    data
        The O*NET tables (default :func:`careerlib.onet.load_onet`).
    top
        How many occupations to return.
    max_job_zone, min_job_zone
        Leave out occupations that need more, or less, preparation (job zone 1-5).
    surplus_weight
        Weight of the surplus in the score (0 ranks by the gap alone).
    exclude
        O*NET codes to leave out (the current occupation).
    unrated_level
        The level assumed for an element the client did not rate [0-7].

    Returns
    -------
    pandas.DataFrame
        Indexed by ``rank`` from 1: ``code``, ``title``, ``score``,
        ``weighted_gap``, ``surplus`` [level points], ``fit`` [-1, 1],
        ``job_zone`` (1-5), ``job_zone_name``,
        ``education`` (the most frequent required level) and ``education_pct``
        [% of respondents], ``interest_code`` (the occupation's three highest
        RIASEC scales, e.g. "ECI"), ``largest_gaps`` (its three largest weighted gaps).
    """
    from careerlib.onet import RIASEC, importance_weight, load_onet

    onet = data if data is not None else load_onet()
    lv = onet.level.to_numpy(dtype=float)
    w = importance_weight(onet.importance.to_numpy(dtype=float))
    client = np.full(lv.shape[1], float(unrated_level))
    for name, value in levels.items():
        eid = onet.element_id(name)
        if eid is not None:
            client[onet.level.columns.get_loc(eid)] = float(value)
    gap = np.maximum(0.0, lv - client) * w
    weighted = gap.sum(axis=1) / w.sum(axis=1)
    surplus = (np.maximum(0.0, client - lv) * w).sum(axis=1) / w.sum(axis=1)
    codes = onet.level.index
    occ = onet.occupations.loc[codes]
    fit = _interest_fit(interests, occ)
    riasec = occ[list(RIASEC)].to_numpy(dtype=float)
    order3 = np.argsort(-riasec, axis=1, kind="stable")[:, :3]
    letters = np.array([n[0] for n in RIASEC])
    frame = pd.DataFrame(
        {
            "code": codes,
            "title": occ["title"].to_numpy(),
            "weighted_gap": weighted.round(4),
            "surplus": surplus.round(4),
            "score": (weighted + surplus_weight * surplus).round(4),
            "fit": np.round(fit, 4),
            "job_zone": occ["job_zone"].to_numpy(),
            "education": occ["education"].to_numpy(),
            "education_pct": occ["education_pct"].to_numpy(),
            "interest_code": ["".join(row) for row in letters[order3]],
        }
    )
    keep = ~frame["code"].isin(list(exclude))
    keep &= ~(frame["fit"] < min_fit)
    if max_job_zone is not None:
        keep &= frame["job_zone"].fillna(0) <= max_job_zone
    if min_job_zone is not None:
        keep &= frame["job_zone"].fillna(0) >= min_job_zone
    frame = frame[keep.to_numpy()]
    frame = frame.sort_values(["score", "fit"], ascending=[True, False], na_position="last").head(
        top
    )
    names = onet.level.columns.map(onet.elements["name"]).to_numpy()
    largest = [_largest_gaps(gap[r], names) for r in frame.index.to_numpy()]
    frame = frame.assign(
        largest_gaps=largest,
        job_zone_name=frame["job_zone"].map(
            lambda z: onet.job_zones["name"].get(z) if pd.notna(z) else None
        ),
    )
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="rank")
    return frame[
        [
            "code",
            "title",
            "score",
            "weighted_gap",
            "surplus",
            "fit",
            "job_zone",
            "job_zone_name",
            "education",
            "education_pct",
            "interest_code",
            "largest_gaps",
        ]
    ]


def _interest_fit(interests: Mapping[str, float] | None, occ: pd.DataFrame) -> np.ndarray:
    """Pearson correlation of the client's RIASEC ratings with each occupation's [-1, 1].

    NaN for every occupation when the client rated fewer than 3 scales, and
    for an occupation (or a client) without spread.
    """
    from careerlib.onet import RIASEC

    fit = np.full(len(occ), np.nan)
    if interests:
        names = [n for n in RIASEC if n in interests]
        if len(names) >= 3:
            mine = np.array([float(interests[n]) for n in names])
            theirs = occ[names].to_numpy(dtype=float)
            a = mine - mine.mean()
            b = theirs - theirs.mean(axis=1, keepdims=True)
            denom = np.sqrt((a**2).sum()) * np.sqrt((b**2).sum(axis=1))
            with np.errstate(invalid="ignore", divide="ignore"):
                fit = np.where(denom > 0, (b @ a) / denom, np.nan)
    return fit


def _largest_gaps(gap: np.ndarray, names: np.ndarray) -> str:
    """The names of an occupation's three largest weighted gaps, largest first."""
    idx = np.argsort(-gap, kind="stable")[:3]
    return ", ".join(str(names[i]) for i in idx if gap[i] > EPS)


def find_routes(*args: Any, **kwargs: Any) -> pd.DataFrame:
    """Deprecated: :func:`find_occupations` under its old name (removed in the next release)."""
    warnings.warn(
        "find_routes is deprecated and will be removed in the next release; "
        "use find_occupations (the plan's own routes are Plan.routes)",
        DeprecationWarning,
        stacklevel=2,
    )
    return find_occupations(*args, **kwargs)
