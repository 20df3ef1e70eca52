"""Goal alignment: the goal tree from personal goals up to organizational ones.

And its loose ends: orphan goals, goals no step serves, steps serving no goal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from careerlib.gaps._common import gap_records
from careerlib.models import GOAL_LEVELS, Plan

__all__ = ["Alignment", "goal_alignment"]


@dataclass(frozen=True)
class Alignment:
    """The goal tree and what hangs loose in it.

    Attributes
    ----------
    goals
        Indexed by goal id, in level order (organizational first): ``title``,
        ``level``, ``supports`` (tuple of ids), ``steps`` (ids of the steps
        that name the goal), ``served_directly`` (some step names it),
        ``served`` (some step names it or a goal below it that is served),
        ``orphan`` (not organizational and supports no goal: it serves nothing
        above it), ``unserved`` (not served), ``points_down`` (it supports a
        goal at the same or a lower level: a professional goal that pays for
        a personal one, say; valid, and worth a word with the client).
    orphan_goals, unserved_goals, steps_without_goal
        The ids, in plan order.
    points_down
        ``(goal, supported goal)`` for each support at the same or a lower
        level, in plan order.
    tree
        For a sunburst or icicle chart: ``id``, ``parent`` ("" for a root),
        ``label``, ``kind`` (goal or step), ``level``, ``value`` (1 per node).
        A goal that supports several goals hangs under the first.
    """

    goals: pd.DataFrame
    orphan_goals: tuple[str, ...]
    unserved_goals: tuple[str, ...]
    steps_without_goal: tuple[str, ...]
    tree: pd.DataFrame
    points_down: tuple[tuple[str, str], ...] = ()

    @property
    def aligned(self) -> bool:
        """No orphan goal, no unserved goal and no step without a goal."""
        return not (self.orphan_goals or self.unserved_goals or self.steps_without_goal)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "aligned": self.aligned,
            "orphan_goals": list(self.orphan_goals),
            "unserved_goals": list(self.unserved_goals),
            "steps_without_goal": list(self.steps_without_goal),
            "points_down": [{"goal": g, "supports": s} for g, s in self.points_down],
            "goals": gap_records(self.goals, "goal"),
        }


def goal_alignment(plan: Plan) -> Alignment:
    """The tree from personal goals up to organizational ones, and its loose ends."""
    steps_of: dict[str, list[str]] = {g.id: [] for g in plan.goals}
    no_goal = []
    for step in plan.steps:
        if step.goal is None:
            no_goal.append(step.id)
        else:
            steps_of[step.goal].append(step.id)
    served = {g.id: bool(steps_of[g.id]) for g in plan.goals}
    # a goal is served when a goal that supports it is: spread until nothing
    # changes (supports may point down, so level order alone is not enough;
    # the plan has no cycle among goals)
    changed = True
    while changed:
        changed = False
        for g in plan.goals:
            if served[g.id]:
                for up in g.supports:
                    if not served[up]:
                        served[up] = changed = True
    level = {g.id: GOAL_LEVELS.index(g.level) for g in plan.goals}
    down = tuple((g.id, up) for g in plan.goals for up in g.supports if level[up] <= level[g.id])
    goals = pd.DataFrame(
        {
            "title": [g.title for g in plan.goals],
            "level": [g.level for g in plan.goals],
            "supports": [tuple(g.supports) for g in plan.goals],
            "steps": [tuple(steps_of[g.id]) for g in plan.goals],
            "served_directly": [bool(steps_of[g.id]) for g in plan.goals],
            "served": [served[g.id] for g in plan.goals],
            "orphan": [g.level != "organizational" and not g.supports for g in plan.goals],
            "points_down": [any(d[0] == g.id for d in down) for g in plan.goals],
        },
        index=pd.Index([g.id for g in plan.goals], name="goal"),
    )
    goals["unserved"] = ~goals["served"]
    rank = goals["level"].map({lvl: -i for i, lvl in enumerate(GOAL_LEVELS)})
    goals = goals.iloc[np.argsort(rank.to_numpy(), kind="stable")]
    nodes = [
        {
            "id": f"goal:{g.id}",
            "parent": f"goal:{g.supports[0]}" if g.supports else "",
            "label": g.title,
            "kind": "goal",
            "level": g.level,
            "value": 1,
        }
        for g in plan.goals
    ]
    nodes += [
        {
            "id": f"step:{s.id}",
            "parent": f"goal:{s.goal}" if s.goal else "",
            "label": s.title or s.id,
            "kind": "step",
            "level": "step",
            "value": 1,
        }
        for s in plan.steps
    ]
    tree = pd.DataFrame(nodes, columns=["id", "parent", "label", "kind", "level", "value"])
    return Alignment(
        goals=goals,
        orphan_goals=tuple(
            g.id for g in plan.goals if g.level != "organizational" and not g.supports
        ),
        unserved_goals=tuple(g.id for g in plan.goals if not served[g.id]),
        steps_without_goal=tuple(no_goal),
        tree=tree,
        points_down=down,
    )
