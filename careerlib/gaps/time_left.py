"""The time gap: working days the work needs against working days left to the target.

Days are working days of the plan's calendar. On a status date (a
:class:`~careerlib.scheduling.status.StatusSchedule`) the work is the work
left, counted from the resume day, and the verdict is the status verdict's:
the target lateness and each deadline missed, with its own figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from careerlib.gaps._common import records
from careerlib.scheduling.scheduler import Schedule
from careerlib.scheduling.status import StatusSchedule
from careerlib.scheduling.verdict import DeadlineMiss, working_days_after

if TYPE_CHECKING:
    from careerlib.scheduling.verdict import StatusVerdict

__all__ = ["TimeGap", "time_gap"]


@dataclass(frozen=True)
class TimeGap:
    """Working days the work needs against the working days left.

    Attributes
    ----------
    as_of
        The day the count starts from: the schedule's first working day (on a
        status date, the resume day).
    target
        The plan's target as written; ``target_day`` the last working day on or before it.
    days_left
        Working days from ``as_of`` through ``target_day``; 0 once it has
        passed [working days].
    days_needed
        Working days from ``as_of`` through the earliest (forecast) finish of
        the work, buffers included; 0 when every step is done [working days].
    spare_days
        Working days the finish comes before the target; negative, the target
        lateness (``-target_late_by_days``) [working days].
    feasible, late_by_days
        Whether the work meets the target and every deadline, and otherwise by
        how many working days it would have to shrink to (spec rule 8) [working days].
    earliest_finish
        The (forecast) finish of the work.
    target_late_by_days
        Working days the finish is after the target's working day (0 when on
        time): the only figure for "N working days after the target" [working days].
    deadlines_missed
        Each step whose deadline the finish misses, with its own lateness.
    complete
        Whether every step is done (on a status date).
    verdict
        In plain words (on a status date the status verdict's sentence).
    critical
        The critical steps, indexed by step id: ``title``, ``start``, ``finish``
        (on a status date: the dates to aim for), ``duration_days``,
        ``buffer_days``, ``slack_days`` [working days], ``can_shrink_days``
        (``duration - 1 + buffer``: what the step could give up and still take
        a day), ``shrink_days`` (how much it would have to shrink to meet
        every date on its own: ``min(late_by_days, can_shrink_days)``; 0 when
        feasible) and ``enough_alone`` (whether shrinking it alone would do).
    route
        The route scheduled, or None for the whole plan.
    status
        The status verdict on a status date (``None`` for the plan as written).
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
    target_late_by_days: int = 0
    deadlines_missed: tuple[DeadlineMiss, ...] = ()
    complete: bool = False
    status: StatusVerdict | None = None

    @property
    def dates_passed(self) -> tuple[tuple[str, dt.date], ...]:
        """The dates the work misses that are already before ``as_of``: ``("the target",
        day)`` and ``("'Title'", deadline)``. No shrinking of the work can meet them."""
        out: list[tuple[str, dt.date]] = []
        if self.target_late_by_days and self.target_day < self.as_of:
            out.append(("the target", self.target))
        out += [
            (f"'{m.title}'", m.deadline) for m in self.deadlines_missed if m.deadline < self.as_of
        ]
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings); ``earliest_finish``,
        ``target_late_by_days`` and ``deadlines_missed`` carry the status-date
        spec's names (``earliest_finish`` is ``null`` when every step is done)."""
        return {
            "route": self.route,
            "as_of": self.as_of.isoformat(),
            "target": self.target.isoformat(),
            "days_left": self.days_left,
            "days_needed": self.days_needed,
            "spare_days": self.spare_days,
            "feasible": self.feasible,
            "late_by_days": self.late_by_days,
            "earliest_finish": None if self.complete else self.earliest_finish.isoformat(),
            "target_late_by_days": self.target_late_by_days,
            "deadlines_missed": [{**m.to_dict(), "title": m.title} for m in self.deadlines_missed],
            "complete": self.complete,
            "verdict": self.verdict,
            "critical": records(self.critical, "step"),
        }


def _critical(sched: Schedule) -> pd.DataFrame:
    """The critical steps and how much each could, and would have to, shrink."""
    frame = sched.to_frame()
    if isinstance(sched, StatusSchedule):  # the dates the client aims for, never in the past
        frame["start"], frame["finish"] = frame["aim_start"], frame["aim_finish"]
    crit = frame[frame["critical"]].copy()
    crit["can_shrink_days"] = (
        np.where(crit["milestone"], 0, crit["duration_days"] - 1) + crit["buffer_days"]
    )
    late = sched.late_by_days
    crit["shrink_days"] = np.minimum(late, crit["can_shrink_days"]) if late else 0
    crit["enough_alone"] = crit["can_shrink_days"] >= late
    columns = ["title", "start", "finish", "duration_days", "buffer_days", "slack_days"]
    return crit[[*columns, "can_shrink_days", "shrink_days", "enough_alone"]]


def time_gap(sched: Schedule) -> TimeGap:
    """Working days the work needs against the working days left to the target.

    For the plan as written the count starts on the schedule's ``first_day``;
    on a status date (:class:`~careerlib.scheduling.status.StatusSchedule`,
    which :func:`careerlib.gaps.analyse` uses) on its resume day, with the
    work left, and the verdict is the status verdict.
    """
    cal = sched.calendar
    if isinstance(sched, StatusSchedule):
        return _status_gap(sched)
    first = np.datetime64(sched.first_day, "D")
    end = np.datetime64(sched.target_day, "D") + 1
    days_left = int(cal.count(first, end)) if end > first else 0
    days_needed = int(cal.count(first, np.datetime64(sched.earliest_finish, "D") + 1))
    misses = []
    for k in range(len(sched)):
        step = sched.steps[k]
        if step.deadline is not None:
            finish = sched.early_finish[k].astype(object)
            late = working_days_after(cal, cal.roll_backward(step.deadline), finish)
            if late > 0:
                misses.append(
                    DeadlineMiss(step.id, step.title or step.id, step.deadline, finish, late)
                )
    return TimeGap(
        as_of=sched.first_day,
        target=sched.target,
        target_day=sched.target_day,
        days_left=days_left,
        days_needed=days_needed,
        spare_days=days_left - days_needed,
        feasible=sched.feasible,
        late_by_days=sched.late_by_days,
        earliest_finish=sched.earliest_finish,
        verdict=sched.verdict,
        critical=_critical(sched),
        route=sched.route,
        target_late_by_days=working_days_after(cal, sched.target_day, sched.earliest_finish),
        deadlines_missed=tuple(misses),
    )


def _status_gap(sched: StatusSchedule) -> TimeGap:
    """The time gap of the work left on a status date (see :func:`time_gap`)."""
    cal = sched.calendar
    facts = sched.status_verdict
    resume = np.datetime64(sched.resume, "D")
    end = np.datetime64(sched.target_day, "D") + 1
    days_left = int(cal.count(resume, end)) if end > resume else 0
    finish = sched.forecast_finish
    days_needed = 0 if finish is None else int(cal.count(resume, np.datetime64(finish, "D") + 1))
    return TimeGap(
        as_of=sched.resume,
        target=sched.target,
        target_day=sched.target_day,
        days_left=days_left,
        days_needed=days_needed,
        spare_days=(facts.target_margin_days or 0) - facts.target_late_by_days,
        feasible=sched.feasible,
        late_by_days=sched.late_by_days,
        earliest_finish=sched.earliest_finish,
        verdict=facts.sentence,
        critical=_critical(sched),
        route=sched.route,
        target_late_by_days=facts.target_late_by_days,
        deadlines_missed=facts.deadlines_missed,
        complete=facts.complete,
        status=facts,
    )
