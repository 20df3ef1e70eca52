"""The skills gap: the client's level of each skill the target role needs.

Levels are on O*NET's level scale 0-7, importance on its 1-5 scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from careerlib._text import name_key
from careerlib.gaps._common import EPS
from careerlib.models import Plan
from careerlib.onet import level_anchors

__all__ = ["focus_anchors", "skills_gap", "unaddressed_skills", "weighted_mean_gap"]


def skills_gap(
    requirements: pd.DataFrame | Any,
    levels: Mapping[str, float],
    plan: Plan | None = None,
    *,
    route: str | None = None,
    unrated_level: float = 0.0,
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
        The level assumed for a skill the client did not rate [0-7].

    Returns
    -------
    pandas.DataFrame
        Indexed by skill ``name``, most weighted gap first: ``element_id``,
        ``kind``, ``required`` [0-7], ``importance`` [1-5], ``weight``
        (``(importance - 1) / 4``, 0-1), ``client`` [0-7, NaN if unrated],
        ``rated``, ``gap`` (``max(0, required - client)`` [level points]),
        ``weighted_gap`` (``gap * weight`` [level points]), ``steps`` (ids of
        the steps that develop it, a tuple), ``status``: ``met`` (no gap),
        ``addressed`` (a gap some step develops) or ``unaddressed`` (a gap no
        step develops: the plan leaves it open).
    """
    req = getattr(requirements, "requirements", requirements)
    client, gap, steps = _gaps(req, levels, plan, route, unrated_level)
    required = req["level"].to_numpy(dtype=float)
    weight = req["weight"].to_numpy(dtype=float)
    status = np.where(
        gap <= EPS, "met", np.where([bool(s) for s in steps], "addressed", "unaddressed")
    )
    frame = pd.DataFrame(
        {
            "element_id": req["element_id"].to_numpy(),
            "kind": req["kind"].to_numpy(),
            "required": required,
            "importance": req["importance"].to_numpy(dtype=float),
            "weight": weight,
            "client": client,
            "rated": ~np.isnan(client),
            "gap": gap.round(4),
            "weighted_gap": (gap * weight).round(4),
            "steps": steps,
            "status": status,
        },
        index=pd.Index(list(req.index), name="name"),
    )
    return frame.sort_values(
        ["weighted_gap", "importance"], ascending=[False, False], kind="stable"
    )


def _gaps(
    req: pd.DataFrame,
    levels: Mapping[str, float],
    plan: Plan | None,
    route: str | None,
    unrated_level: float,
) -> tuple[np.ndarray, np.ndarray, list[tuple[str, ...]]]:
    """The client's levels (NaN if unrated), the gaps and the steps developing each skill."""
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
    required = req["level"].to_numpy(dtype=float)
    gap = np.maximum(0.0, required - np.where(np.isnan(client), unrated_level, client))
    return client, gap, [tuple(developed.get(k, ())) for k in keys]


def unaddressed_skills(
    requirements: pd.DataFrame | Any,
    levels: Mapping[str, float],
    plan: Plan | None = None,
    *,
    route: str | None = None,
    unrated_level: float = 0.0,
) -> list[str]:
    """The skills with a gap no step of the plan develops, in the role's order.

    The rows of :func:`skills_gap` whose ``status`` is ``unaddressed``, without
    building its frame (a practice roster asks this of every client). The
    parameters are those of :func:`skills_gap`.
    """
    req = getattr(requirements, "requirements", requirements)
    _, gap, steps = _gaps(req, levels, plan, route, unrated_level)
    return [n for n, g, s in zip(req.index, gap, steps, strict=True) if g > EPS and not s]


def weighted_mean_gap(gaps: pd.DataFrame) -> float:
    """``sum(weight * gap) / sum(weight)`` of a :func:`skills_gap` frame [level points, 0-7]."""
    total = float(gaps["weight"].sum())
    return float(gaps["weighted_gap"].sum() / total) if total > 0 else 0.0


def focus_anchors(gaps: pd.DataFrame, limit: int = 3) -> dict[str, pd.DataFrame]:
    """The skills to read O*NET's level anchors for with the client, and those anchors.

    Among the skills of a :func:`skills_gap` frame that are O*NET elements
    (they have anchors; a role's own skills do not): those with a gap no step
    addresses, else all of them; the first ``limit`` in the frame's order
    (the largest weighted gap first).

    Returns
    -------
    dict
        Skill name -> :func:`careerlib.onet.level_anchors` (``level``,
        ``description``), in that order; empty when no skill is an O*NET element.
    """
    onet = gaps[gaps["element_id"].notna()]
    unaddressed = onet[onet["status"] == "unaddressed"]
    focus = unaddressed if len(unaddressed) else onet
    return {str(name): level_anchors(str(name)) for name in focus.index[: max(0, limit)]}
