"""The time gap: working days the plan needs against working days left.

Days are working days of the plan's calendar.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from careerlib.gaps._common import EPS, records
from careerlib.models import Plan, Span
from careerlib.scheduler import Schedule

__all__ = ["TimeGap", "remaining_plan", "time_gap"]


def remaining_plan(plan: Plan, progress: Mapping[str, float], as_of: dt.date | None = None) -> Plan:
    """The plan as it stands on ``as_of``: what is left of each step, starting that day.

    A step reported done (progress 1) is left out, and the steps after it wait
    on its own predecessors instead (so the order of what is left is kept). A
    step partly done keeps ``ceil(days * (1 - progress))`` working days (or
    that share of its effort). The start becomes ``as_of`` when it is later than
    the plan's start. When every step is done, the last one is kept as a
    milestone. The plan is copied, not validated again.
    """
    per_week = plan.workdays_per_week
    done = {s.id for s in plan.steps if float(progress.get(s.id, 0.0)) >= 1.0 - EPS}
    if len(done) == len(plan.steps):
        last = plan.steps[-1].model_copy(
            update={
                "milestone": True,
                "duration": None,
                "effort": None,
                "deadline": None,
                "after": [],
            }
        )
        return plan.model_copy(
            update={"steps": [last], "start": max(as_of or plan.first_day, plan.first_day)}
        )
    after_of = {s.id: list(s.after) for s in plan.steps}

    def expand(refs: list[str], seen: set[str]) -> list[str]:
        out: list[str] = []
        for ref in refs:
            if ref in done:
                if ref not in seen:
                    seen.add(ref)
                    out.extend(expand(after_of.get(ref, []), seen))
            else:
                out.append(ref)
        return list(dict.fromkeys(out))

    steps = []
    for step in plan.steps:
        if step.id in done:
            continue
        update: dict[str, Any] = {}
        if any(a in done for a in step.after):
            update["after"] = expand(list(step.after), set())
        share = float(progress.get(step.id, 0.0))
        if share > EPS and not step.milestone:
            if step.duration is not None:
                days = step.duration.working_days(per_week)
                update["duration"] = Span(max(1, math.ceil(days * (1.0 - share) - EPS)), "d")
            elif step.effort is not None:
                update["effort"] = step.effort * (1.0 - share)
        steps.append(step.model_copy(update=update) if update else step)
    changes: dict[str, Any] = {"steps": steps}
    if as_of is not None and as_of > plan.first_day:
        changes["start"] = as_of
    return plan.model_copy(update=changes)


@dataclass(frozen=True)
class TimeGap:
    """Working days the plan needs against the working days left.

    Attributes
    ----------
    as_of
        The day the count starts from (the schedule's first working day).
    target
        The plan's target as written; ``target_day`` the last working day on or before it.
    days_left
        Working days from ``as_of`` through ``target_day`` [working days].
    days_needed
        Working days from ``as_of`` through the earliest finish of the work
        (the forward pass, buffers included) [working days].
    spare_days
        ``days_left - days_needed`` [working days]; negative when short.
    feasible, late_by_days, earliest_finish, verdict
        From the schedule (spec rules 7 and 8): ``late_by_days`` [working
        days] by which the work would have to start before ``as_of``, and
        the earliest realistic target.
    critical
        The critical steps, indexed by step id: ``title``, ``start``, ``finish``,
        ``duration_days``, ``buffer_days``, ``slack_days`` [working days],
        ``can_shrink_days`` (``duration - 1 + buffer``: what the step could give
        up and still take a day), ``shrink_days`` (how much it would have to
        shrink to meet the target on its own: ``min(late_by_days,
        can_shrink_days)``; 0 when feasible) and ``enough_alone`` (whether
        shrinking it alone would do).
    route
        The route scheduled, or None for the whole plan.
    """

    as_of: dt.date
    target: dt.date
    target_day: dt.date
    days_left: int
    days_needed: int
    spare_days: int
    feasible: bool
    late_by_days: int
    earliest_finish: dt.date
    verdict: str
    critical: pd.DataFrame
    route: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings)."""
        return {
            "route": self.route,
            "as_of": self.as_of.isoformat(),
            "target": self.target.isoformat(),
            "days_left": self.days_left,
            "days_needed": self.days_needed,
            "spare_days": self.spare_days,
            "feasible": self.feasible,
            "late_by_days": self.late_by_days,
            "earliest_finish": self.earliest_finish.isoformat(),
            "verdict": self.verdict,
            "critical": records(self.critical, "step"),
        }


def time_gap(sched: Schedule) -> TimeGap:
    """Working days the plan needs from its first day against the working days left.

    The count starts on the schedule's ``first_day``: to measure from another
    day, schedule :func:`remaining_plan` (which :func:`analyse` does).
    """
    cal = sched.calendar
    first = np.datetime64(sched.first_day, "D")
    end = np.datetime64(sched.target_day, "D") + 1
    days_left = int(cal.count(first, end)) if end > first else 0
    days_needed = int(cal.count(first, np.datetime64(sched.earliest_finish, "D") + 1))
    frame = sched.to_frame()
    crit = frame[frame["critical"]].copy()
    crit["can_shrink_days"] = (
        np.where(crit["milestone"], 0, crit["duration_days"] - 1) + crit["buffer_days"]
    )
    late = sched.late_by_days
    crit["shrink_days"] = np.minimum(late, crit["can_shrink_days"]) if late else 0
    crit["enough_alone"] = crit["can_shrink_days"] >= late
    crit = crit[
        [
            "title",
            "start",
            "finish",
            "duration_days",
            "buffer_days",
            "slack_days",
            "can_shrink_days",
            "shrink_days",
            "enough_alone",
        ]
    ]
    return TimeGap(
        as_of=sched.first_day,
        target=sched.target,
        target_day=sched.target_day,
        days_left=days_left,
        days_needed=days_needed,
        spare_days=days_left - days_needed,
        feasible=sched.feasible,
        late_by_days=late,
        earliest_finish=sched.earliest_finish,
        verdict=sched.verdict,
        critical=crit,
        route=sched.route,
    )
