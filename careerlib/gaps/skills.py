"""The skills gap: the client's level of each skill the target role needs.

A skill the client has not rated is **not rated**: unknown, never level 0. It
is not a gap, counts in no gap total or mean, and is listed apart as a
question for the next session (:func:`ask_client`).

Levels are on O*NET's level scale 0-7, importance on its 1-5 scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from careerlib._text import name_key
from careerlib.models import Plan
from careerlib.onet import level_anchors

__all__ = [
    "MET_WITHIN",
    "NOT_RATED",
    "STATUSES",
    "ask_client",
    "focus_anchors",
    "skills_gap",
    "unaddressed_skills",
    "weighted_mean_gap",
]

NOT_RATED = "not rated"
"""The status of a skill the client has not rated: unknown, not a gap."""

STATUSES: tuple[str, ...] = ("met", "addressed", "unaddressed", NOT_RATED)
"""The statuses of a skill in :func:`skills_gap`."""

MET_WITHIN = 0.1
"""A gap smaller than this [level points] is met: O*NET gives levels to two
decimals and a client rates in whole or half levels, so a client at 5.5 for a
role that asks 5.52 has no gap to close (the gap itself is still reported)."""


def skills_gap(
    requirements: pd.DataFrame | Any,
    levels: Mapping[str, float],
    plan: Plan | None = None,
    *,
    route: str | None = None,
    unrated_level: float | None = None,
) -> pd.DataFrame:
    """Where the client stands on each skill the target role needs.

    Parameters
    ----------
    requirements
        A :class:`~careerlib.onet.RoleProfile` or its ``requirements`` frame
        (indexed by skill name, with ``level`` 0-7, ``importance`` 1-5 and
        ``weight`` 0-1).
    levels
        The client's level of each skill on O*NET's level scale [0-7]; names
        match the requirements' whatever their case.
    plan
        The plan, whose steps say which skills they ``develop``.
    route
        Count only the steps of this route (and those common to all routes).
    unrated_level
        Assume this level [0-7] for a skill the client did not rate (a
        what-if); by default such a skill is not rated: no gap, status
        ``not rated``.

    Returns
    -------
    pandas.DataFrame
        Indexed by skill ``name``, most weighted gap first, then the skills
        not rated by importance: ``element_id``, ``kind``, ``required``
        [0-7], ``importance`` [1-5], ``weight`` (``(importance - 1) / 4``,
        0-1), ``client`` [0-7, NaN if not rated], ``rated``, ``gap``
        (``max(0, required - client)`` [level points]; NaN if not rated),
        ``weighted_gap`` (``gap * weight`` [level points]; NaN if not
        rated), ``steps`` (ids of the steps that develop it, a tuple),
        ``status``: ``met`` (no gap, or one under :data:`MET_WITHIN`),
        ``addressed`` (a gap some step develops), ``unaddressed`` (a gap no
        step develops: the plan leaves it open) or ``not rated`` (unknown:
        ask the client).
    """
    req = getattr(requirements, "requirements", requirements)
    client, gap, steps = _gaps(req, levels, plan, route, unrated_level)
    rated = {name_key(k) for k in levels}
    required = req["level"].to_numpy(dtype=float)
    weight = req["weight"].to_numpy(dtype=float)
    status = np.where(
        gap < MET_WITHIN, "met", np.where([bool(s) for s in steps], "addressed", "unaddressed")
    ).astype(object)
    status[np.isnan(gap)] = NOT_RATED
    frame = pd.DataFrame(
        {
            "element_id": req["element_id"].to_numpy(),
            "kind": req["kind"].to_numpy(),
            "required": required,
            "importance": req["importance"].to_numpy(dtype=float),
            "weight": weight,
            "client": client,
            "rated": [name_key(n) in rated for n in req.index],
            "gap": gap.round(4),
            "weighted_gap": (gap * weight).round(4),
            "steps": steps,
            "status": status,
        },
        index=pd.Index(list(req.index), name="name"),
    )
    return frame.sort_values(
        ["weighted_gap", "importance"], ascending=[False, False], kind="stable", na_position="last"
    )


def _gaps(
    req: pd.DataFrame,
    levels: Mapping[str, float],
    plan: Plan | None,
    route: str | None,
    unrated_level: float | None,
) -> tuple[np.ndarray, np.ndarray, list[tuple[str, ...]]]:
    """The client's levels and the gaps (NaN if not rated, unless ``unrated_level`` is
    assumed) and the steps developing each skill."""
    mine = {name_key(k): float(v) for k, v in levels.items()}
    developed: dict[str, list[str]] = {}
    if plan is not None:
        for step in plan.steps:
            if route is not None and step.route not in (None, route):
                continue
            for name in step.develops:
                developed.setdefault(name_key(name), []).append(step.id)
    keys = [name_key(n) for n in req.index]
    client = np.array([mine.get(k, np.nan) for k in keys], dtype=float)
    if unrated_level is not None:
        client = np.where(np.isnan(client), float(unrated_level), client)
    required = req["level"].to_numpy(dtype=float)
    gap = np.maximum(0.0, required - client)  # NaN stays NaN: not rated
    return client, gap, [tuple(developed.get(k, ())) for k in keys]


def unaddressed_skills(
    requirements: pd.DataFrame | Any,
    levels: Mapping[str, float],
    plan: Plan | None = None,
    *,
    route: str | None = None,
    unrated_level: float | None = None,
) -> list[str]:
    """The skills with a gap no step of the plan develops, in the role's order.

    The rows of :func:`skills_gap` whose ``status`` is ``unaddressed``, without
    building its frame (a practice roster asks this of every client). The
    parameters are those of :func:`skills_gap`.
    """
    req = getattr(requirements, "requirements", requirements)
    _, gap, steps = _gaps(req, levels, plan, route, unrated_level)
    return [n for n, g, s in zip(req.index, gap, steps, strict=True) if g >= MET_WITHIN and not s]


def ask_client(gaps: pd.DataFrame) -> list[str]:
    """The skills of a :func:`skills_gap` frame the client has not rated, most important first.

    These are not gaps: nobody knows the client's level yet. They are the
    questions for the next session (rate them with O*NET's level anchors:
    ``careerlib assess CLIENT skills``).
    """
    unknown = gaps[gaps["status"] == NOT_RATED]
    unknown = unknown.sort_values(["importance", "required"], ascending=False, kind="stable")
    return [str(n) for n in unknown.index]


def weighted_mean_gap(gaps: pd.DataFrame) -> float:
    """``sum(weight * gap) / sum(weight)`` over the rated skills of a :func:`skills_gap` frame
    [level points, 0-7]; 0 when the client rated none of them."""
    rated = gaps[gaps["weighted_gap"].notna()]
    total = float(rated["weight"].sum())
    return float(rated["weighted_gap"].sum() / total) if total > 0 else 0.0


def focus_anchors(gaps: pd.DataFrame, limit: int = 3) -> dict[str, pd.DataFrame]:
    """The skills to read O*NET's level anchors for with the client, and those anchors.

    Among the skills of a :func:`skills_gap` frame that are O*NET elements
    (they have anchors; a role's own skills do not): those with a gap no step
    addresses, else the rated ones, else all of them (none is rated yet); the
    first ``limit`` in the frame's order (the largest weighted gap first).

    Returns
    -------
    dict
        Skill name -> :func:`careerlib.onet.level_anchors` (``level``,
        ``description``), in that order; empty when no skill is an O*NET element.
    """
    onet = gaps[gaps["element_id"].notna()]
    unaddressed = onet[onet["status"] == "unaddressed"]
    rated = onet[onet["status"] != NOT_RATED]
    focus = unaddressed if len(unaddressed) else (rated if len(rated) else onet)
    return {str(name): level_anchors(str(name)) for name in focus.index[: max(0, limit)]}
