"""One forecast: the plan on a check-in day, as the status date schedules it.

At a check-in on day *D* the shares reported so far say what is done, and the
work left is scheduled on that status date by
:func:`careerlib.scheduling.status.schedule_as_of` (``docs/status-date.md``):
forward from the resume day for the forecast, backward from the target (which
never moves) for the latest dates. :class:`Forecast` reads that one status
schedule for the tracking pages; it computes nothing of its own, so the
forecast finish, the target lateness and the deadlines missed are the same
numbers on every page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from careerlib.models import Plan
from careerlib.scheduling.calendars import WorkCalendar
from careerlib.scheduling.scheduler import Schedule
from careerlib.scheduling.status import StatusSchedule, remaining_plan, schedule_as_of
from careerlib.scheduling.verdict import DeadlineMiss

__all__ = ["Forecast", "forecast", "remaining_plan"]


@dataclass(frozen=True)
class Forecast:
    """The forecast at a check-in: when the work left ends, against the target.

    Every figure is read from :attr:`schedule`, the plan on the check-in day.

    Attributes
    ----------
    schedule
        The status schedule on the check-in day
        (:class:`~careerlib.scheduling.status.StatusSchedule`).
    """

    schedule: StatusSchedule

    @property
    def as_of(self) -> dt.date:
        """The check-in day (the state at the start of that day)."""
        return self.schedule.as_of

    @property
    def resume(self) -> dt.date:
        """The first working day of the work left (never before the plan's first day)."""
        return self.schedule.resume

    @property
    def finish(self) -> dt.date:
        """The forecast finish: the last release day of the work left; the last working
        day before :attr:`resume` when every step is done."""
        return self.schedule.earliest_finish

    @property
    def target(self) -> dt.date:
        """The plan's target as written."""
        return self.schedule.target

    @property
    def target_day(self) -> dt.date:
        """The last working day on or before the target (it never moves)."""
        return self.schedule.target_day

    @property
    def calendar(self) -> WorkCalendar:
        """The plan's working calendar."""
        return self.schedule.calendar

    @property
    def remaining(self) -> Schedule | None:
        """The engine's schedule of the work left alone (``None`` when all is done)."""
        return self.schedule.work_left

    @property
    def slack_left_days(self) -> int:
        """Working days of slack left: the smallest slack of the steps left (a deadline
        counts too), negative when late; when all is done, the working days the finish
        came before the target (never negative: nothing is late) [working days]."""
        slack = self.schedule.slack_from_today
        if slack is None:
            return max(0, self.target_slack_days)
        return slack

    @property
    def target_slack_days(self) -> int:
        """Working days from the forecast finish to the target day, deadlines aside;
        negative when after it [working days]."""
        finish, day = self.finish, self.target_day
        if finish <= day:
            return int(self.calendar.count(finish, day))
        return -int(self.calendar.count(day, finish))

    @property
    def target_late_by_days(self) -> int:
        """Working days the forecast finish is after the target (0 when on time) [working days]."""
        return self.schedule.target_late_by_days

    @property
    def late_days(self) -> int:
        """The target lateness (:attr:`target_late_by_days`), never a deadline's [working days]."""
        return self.schedule.target_late_by_days

    @property
    def deadlines_missed(self) -> tuple[DeadlineMiss, ...]:
        """Each deadline the forecast misses, with its own lateness."""
        return self.schedule.deadlines_missed

    @property
    def missed_deadlines(self) -> tuple[str, ...]:
        """Ids of the steps whose deadline the forecast misses."""
        return tuple(self.schedule.missed_deadlines())

    @property
    def tightest_deadline(self) -> tuple[str, dt.date] | None:
        """``(step id, deadline)`` of the deadline met with less room than the target leaves."""
        tight = self.schedule.status_verdict.tightest
        return None if tight is None else (tight[0], tight[2])

    @property
    def on_time(self) -> bool:
        """Whether the forecast meets the target and every deadline (or all is done)."""
        return self.schedule.feasible

    @property
    def verdict(self) -> str:
        """The verdict in plain words: the status verdict's sentence
        (:attr:`careerlib.scheduling.verdict.StatusVerdict.sentence`), the same on every page.

        "N working days after the target" is the target lateness only; each
        deadline missed is named by its step's title with its own figure.
        """
        return self.schedule.status_verdict.sentence

    def forecast_dates(self, step_id: str) -> tuple[dt.date, dt.date] | None:
        """Forecast ``(start, finish)`` of a step that is not done (``None`` when done)."""
        s = self.schedule
        if step_id not in s.ids or s.is_done[s.position(step_id)]:
            return None
        i = s.position(step_id)
        return s.early_start[i].astype(object), s.early_finish[i].astype(object)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings); ``target_late_by_days`` and
        ``deadlines_missed`` carry the spec's names and figures."""
        tight = self.tightest_deadline
        return {
            "as_of": self.as_of.isoformat(),
            "resume": self.resume.isoformat(),
            "finish": self.finish.isoformat(),
            "target": self.target.isoformat(),
            "slack_left_days": self.slack_left_days,
            "late_days": self.late_days,
            "on_time": self.on_time,
            "target_slack_days": self.target_slack_days,
            "target_late_by_days": self.target_late_by_days,
            "tightest_deadline": None
            if tight is None
            else {"step": tight[0], "date": tight[1].isoformat()},
            "missed_deadlines": list(self.missed_deadlines),
            "deadlines_missed": [{**m.to_dict(), "title": m.title} for m in self.deadlines_missed],
            "verdict": self.verdict,
        }


def forecast(
    plan: Plan,
    progress: Mapping[str, float],
    as_of: dt.date,
    *,
    route: str | None = None,
) -> Forecast:
    """The plan on ``as_of`` with this progress (see the module).

    Parameters
    ----------
    plan
        The plan as it stands now.
    progress
        Step id -> share done (0-1), the latest reported for each step.
    as_of
        The check-in day.
    route
        The route the client follows (``None``: the whole plan).
    """
    return Forecast(schedule_as_of(plan, as_of, route=route, progress=progress))
