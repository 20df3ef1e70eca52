"""The time gap: working days the plan needs against working days left.

Days are working days of the plan's calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from careerlib.gaps._common import records
from careerlib.scheduling.scheduler import Schedule

__all__ = ["TimeGap", "time_gap"]


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
    day, schedule the work left then (which :func:`careerlib.gaps.analyse` does).
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
