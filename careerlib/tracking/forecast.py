"""One forecast: what is left of the plan, scheduled forward from a check-in.

At a check-in on day *D* the shares reported so far say what is done. What is
left is scheduled forward from *D* (TaskJuggler's rule for a task with
actuals), with the plan's calendar, dependencies, buffers and, for effort
steps, the client's hours a week:

* a step reported done (share 1) is left out; the steps after it wait on what
  it waited on that is not done yet;
* a step in progress (0 < share < 1) keeps ``ceil(days * (1 - share))`` working
  days (or that share of its effort) and starts on *D*, whatever it waited on:
  it has started, so its predecessors no longer hold it back;
* a step not started keeps its duration and its dependencies.

A check-in is the state at the start of its day: work resumes on *D* (rolled
forward to a working day, and never before the plan's first day). The
forward pass of this remaining plan gives the forecast finish; its backward
pass from the target gives each step's latest start, so the slack left is the
schedule's own (deadlines included).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from careerlib.models import Plan, Span
from careerlib.scheduling.calendars import WorkCalendar, calendar_for
from careerlib.scheduling.scheduler import Schedule, schedule, select_steps

__all__ = ["Forecast", "forecast", "remaining_plan"]

_EPS = 1e-9


def remaining_plan(
    plan: Plan,
    progress: Mapping[str, float],
    as_of: dt.date,
    *,
    route: str | None = None,
) -> Plan | None:
    """The work left on ``as_of`` as a plan that starts that day (see the module).

    Only the steps of ``route`` (and those common to every route) are kept,
    so the result has no routes. ``None`` when every step is done. The plan
    is copied, not validated again, and the original is not changed.
    """
    chosen = select_steps(plan, route)
    steps = [plan.steps[i] for i in chosen]
    kept = {s.id for s in steps}
    share = {s.id: min(1.0, max(0.0, float(progress.get(s.id, 0.0)))) for s in steps}
    done = {sid for sid, p in share.items() if p >= 1.0 - _EPS}
    if len(done) == len(steps):
        return None
    after_of = {s.id: [a for a in s.after if a in kept] for s in steps}

    def waits_on(refs: list[str], seen: set[str]) -> list[str]:
        out: list[str] = []
        for ref in refs:
            if ref in done:
                if ref not in seen:
                    seen.add(ref)
                    out.extend(waits_on(after_of[ref], seen))
            else:
                out.append(ref)
        return list(dict.fromkeys(out))

    per_week = plan.workdays_per_week
    left = []
    for step in steps:
        if step.id in done:
            continue
        p = share[step.id]
        update: dict[str, Any] = {"route": None}
        if p > _EPS and not step.milestone:
            update["after"] = []
            if step.duration is not None:
                days = step.duration.working_days(per_week)
                update["duration"] = Span(max(1, math.ceil(days * (1.0 - p) - _EPS)), "d")
            elif step.effort is not None:
                update["effort"] = step.effort * (1.0 - p)
        else:
            update["after"] = waits_on(after_of[step.id], set())
        left.append(step.model_copy(update=update))
    start = max(plan.first_day, as_of)
    return plan.model_copy(
        update={
            "steps": left,
            "routes": [],
            "start": start,
            "target": max(plan.target, start),
            "checkpoints": None,
        }
    )


@dataclass(frozen=True)
class Forecast:
    """The forecast at a check-in: when the work left ends, against the target.

    Attributes
    ----------
    as_of
        The check-in day (the state at the start of that day).
    resume
        The first working day of the work left (``as_of`` rolled forward,
        never before the plan's first day).
    finish
        The forecast finish: the last release day (finish plus buffer) of the
        forward pass of the work left; the last working day before ``as_of``
        when everything is done.
    target, target_day
        The plan's target as written, and the last working day on or before it.
    slack_left_days
        Working days of slack left [working days]: the remaining schedule's
        smallest slack (so a deadline counts too); negative when late.
    late_days
        ``max(0, -slack_left_days)`` [working days].
    target_slack_days
        Working days from the forecast finish to the target day, deadlines
        aside [working days]; negative when after it.
    tightest_deadline
        ``(step id, deadline)`` of the step deadline that leaves less slack
        than the target does (``None`` when the target is the tightest).
    missed_deadlines
        Steps whose deadline the forecast misses.
    remaining
        The schedule of the work left (``None`` when all is done): its
        ``early_start``/``early_finish`` are the forecast dates of each step,
        its ``start``/``finish`` the latest dates.
    calendar
        The plan's working calendar.
    """

    as_of: dt.date
    resume: dt.date
    finish: dt.date
    target: dt.date
    target_day: dt.date
    slack_left_days: int
    missed_deadlines: tuple[str, ...]
    remaining: Schedule | None
    calendar: WorkCalendar
    target_slack_days: int = 0
    tightest_deadline: tuple[str, dt.date] | None = None

    @property
    def late_days(self) -> int:
        """Working days the forecast finish is late by (0 when on time) [working days]."""
        return max(0, -self.slack_left_days)

    @property
    def on_time(self) -> bool:
        """Whether the forecast meets the target and every deadline."""
        return self.slack_left_days >= 0

    @property
    def verdict(self) -> str:
        """The one sentence every page shows."""
        days = abs(self.slack_left_days)
        unit = f"working day{'s' if days != 1 else ''}"
        if self.remaining is None:
            return f"Done: every step was reported finished by {self.as_of}."
        head = f"Forecast from {self.as_of}: the work left ends on {self.finish}"
        if self.slack_left_days >= 0 and self.tightest_deadline is not None:
            step, due = self.tightest_deadline
            ahead = self.target_slack_days
            return (
                f"{head}, {ahead} working day{'s' if ahead != 1 else ''} before the target "
                f"{self.target}; the tightest deadline ('{step}' by {due}) leaves {days} {unit} "
                "of slack."
            )
        if self.slack_left_days >= 0:
            return f"{head}; the target {self.target} is met with {days} {unit} of slack left."
        if self.missed_deadlines and self.finish <= self.target_day:
            names = ", ".join(repr(m) for m in self.missed_deadlines)
            return f"{head}, but the deadline of {names} is missed by {days} {unit}."
        return f"{head}: {days} {unit} after the target {self.target}."

    def forecast_dates(self, step_id: str) -> tuple[dt.date, dt.date] | None:
        """Forecast ``(start, finish)`` of a step that is not done (``None`` when done)."""
        if self.remaining is None or step_id not in self.remaining.ids:
            return None
        i = self.remaining.position(step_id)
        return (
            self.remaining.early_start[i].astype(object),
            self.remaining.early_finish[i].astype(object),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings)."""
        return {
            "as_of": self.as_of.isoformat(),
            "resume": self.resume.isoformat(),
            "finish": self.finish.isoformat(),
            "target": self.target.isoformat(),
            "slack_left_days": self.slack_left_days,
            "late_days": self.late_days,
            "on_time": self.on_time,
            "target_slack_days": self.target_slack_days,
            "tightest_deadline": None
            if self.tightest_deadline is None
            else {"step": self.tightest_deadline[0], "date": self.tightest_deadline[1].isoformat()},
            "missed_deadlines": list(self.missed_deadlines),
            "verdict": self.verdict,
        }


def forecast(
    plan: Plan,
    progress: Mapping[str, float],
    as_of: dt.date,
    *,
    route: str | None = None,
) -> Forecast:
    """Schedule what is left forward from ``as_of`` (see the module).

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
    left = remaining_plan(plan, progress, as_of, route=route)
    cal = calendar_for(plan.calendar)
    target_day = cal.roll_backward(plan.target)
    resume = cal.roll_forward(max(plan.first_day, as_of))
    if left is None:
        finish = cal.previous_working_day(resume)
        slack = int(cal.count(finish, target_day))
        return Forecast(
            as_of=as_of,
            resume=resume,
            finish=finish,
            target=plan.target,
            target_day=target_day,
            slack_left_days=slack,
            missed_deadlines=(),
            remaining=None,
            calendar=cal,
            target_slack_days=slack,
        )
    rest = schedule(left)
    slack = int(np.min(rest.slack_days))
    end = rest.earliest_finish
    to_target = (
        int(cal.count(end, target_day)) if end <= target_day else -int(cal.count(target_day, end))
    )
    slack = min(slack, to_target)
    tightest = None
    if slack < to_target:
        dated = [k for k, st in enumerate(rest.steps) if st.deadline is not None]
        if dated:
            k = min(dated, key=lambda j: int(rest.slack_days[j]))
            due = rest.steps[k].deadline
            assert due is not None
            tightest = (rest.ids[k], due)
    return Forecast(
        as_of=as_of,
        resume=resume,
        finish=rest.earliest_finish,
        target=plan.target,
        target_day=target_day,
        slack_left_days=slack,
        missed_deadlines=tuple(rest.missed_deadlines()),
        remaining=rest,
        calendar=cal,
        target_slack_days=to_target,
        tightest_deadline=tightest,
    )
