"""The Gantt chart of a plan on its status date: what is done, and the dates to aim for.

:func:`careerlib.charts.gantt` draws a
:class:`~careerlib.scheduling.status.StatusSchedule` with the builders here:

* :func:`status_days`: where each step is drawn. A done step ends the working
  day before the check-in that reported it done (before the status date when
  no check-in says when) and keeps its length as written; a step in progress
  has its share done drawn just before the status date and the rest at its
  dates to aim for; any other step sits at its dates to aim for, with its
  slack from the forecast start;
* :func:`status_hover`: what each step's bar says on hover, in words and dates;
* :func:`done_traces`: the work done, in its own colour;
* :func:`baseline_trace`: the baseline's bars (the plan as written, or a
  saved baseline), thin and grey beneath each step, labelled as such;
* :func:`behind_traces`: the outline of the steps behind their baseline.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from careerlib._text import day_text, plural
from careerlib.charts._gantt_traces import Days, Steps
from careerlib.charts._style import (
    COLORS,
    ONE_DAY,
    TRACKING_COLORS,
    as_day,
    escape_text,
    legend_only,
)
from careerlib.models import Step
from careerlib.scheduling.scheduler import Schedule
from careerlib.scheduling.status import StatusSchedule

__all__ = [
    "BaselineBars",
    "baseline_bars",
    "baseline_trace",
    "behind_traces",
    "done_traces",
    "new_step_titles",
    "status_days",
    "status_hover",
]


@dataclass(frozen=True)
class BaselineBars:
    """A baseline as the chart draws it: each step's latest dates (steps done on the
    baseline day have none), the ids it holds, and its name in the legend."""

    dates: dict[str, tuple[Any, Any]]
    ids: frozenset[str]
    name: str


def written_days(step: Step, result: Schedule) -> int:
    """A step's length as written [working days]: its duration, or its effort over an
    even working day's hours (at least 1); 0 for a milestone."""
    plan = result.plan
    if step.milestone:
        return 0
    if step.duration is not None:
        return max(1, step.duration.working_days(plan.workdays_per_week))
    hours = plan.calendar.hours_per_week or 0.0
    per_day = hours / max(plan.workdays_per_week, 1)
    return max(1, math.ceil(float(step.effort or 0.0) / per_day)) if per_day else 1


def status_days(result: StatusSchedule) -> Days:
    """Where each step is drawn on its status date (see the module)."""
    cal = result.calendar
    n = len(result)
    nat = np.datetime64("NaT", "D")
    start, end = result.aim_start.copy(), result.aim_finish + ONE_DAY
    early = np.where(np.isnat(result.early_start), start, result.early_start)
    done_start = np.full(n, nat, dtype="datetime64[D]")
    done_end = done_start.copy()
    resume = as_day(result.resume)
    done_on = result.done_on
    for k, step in enumerate(result.steps):
        length = written_days(step, result)
        if result.is_done[k]:
            when = done_on.get(step.id, result.as_of)
            last = as_day(cal.previous_working_day(when))
            first = last if step.milestone else as_day(cal.add(last, -(length - 1)))
            start[k], end[k], early[k] = first, last + ONE_DAY, first
            done_start[k], done_end[k] = first, last + ONE_DAY
        elif result.states[k] == "in progress":
            worked = round(float(result.done[k]) * length)
            if worked > 0:
                done_start[k], done_end[k] = as_day(cal.add(resume, -worked)), resume
    return Days(
        start=start,
        end=end,
        early=early.astype("datetime64[D]"),
        done=result.is_done.copy(),
        done_start=done_start,
        done_end=done_end,
    )


def status_hover(result: StatusSchedule) -> list[str]:
    """For each step: its title, its state, the dates to aim for, the forecast, the latest
    dates and the slack, its deadline (and by how much the forecast misses it)."""
    plan = result.plan
    goals = {g.id: g.title for g in plan.goals}
    routes = {r.id: r.title for r in plan.routes}
    missed = {m.step: m for m in result.deadlines_missed}
    done_on = result.done_on
    out = []
    for k, step in enumerate(result.steps):
        lines = [f"<b>{escape_text(step.title or step.id)}</b>"]
        if result.is_done[k]:
            when = done_on.get(step.id)
            lines.append("Done" + (f" (reported on {day_text(when)})" if when else ""))
        else:
            lines += _left_lines(result, k)
        if step.deadline is not None:
            late = missed.get(step.id)
            lines.append(
                f"Deadline: {day_text(step.deadline)}"
                + (f", missed by {plural(late.late_by_days, 'working day')}" if late else "")
            )
        if step.goal:
            lines.append(f"Goal: {escape_text(goals.get(step.goal, step.goal))}")
        if step.route:
            lines.append(f"Route: {escape_text(routes.get(step.route, step.route))}")
        out.append("<br>".join(lines))
    return out


def _left_lines(result: StatusSchedule, k: int) -> list[str]:
    """The hover lines of a step not done: state, aim, forecast, latest dates, slack."""

    def day(values: np.ndarray) -> str:
        return day_text(values[k].astype(object))

    state = result.states[k]
    share = float(result.done[k])
    lines = [f"In progress, {100 * share:.0f}% done" if state == "in progress" else "Not started"]
    if result.milestone[k]:
        lines.append(f"Aim for: {day(result.aim_finish)}")
    else:
        lines.append(f"Aim for: {day(result.aim_start)} → {day(result.aim_finish)}")
        lines.append(f"Working days left: {int(result.remaining_days[k])}")
    lines.append(f"Forecast: {day(result.early_start)} → {day(result.early_finish)}")
    slack = int(result.slack_days[k])
    if slack < 0:
        lines.append(f"Latest start {day(result.start)} has passed")
    else:
        lines.append(f"Latest: {day(result.start)} → {day(result.finish)}")
    lines.append(
        f"Slack: {plural(slack, 'working day')}"
        + (" (critical: a delay moves the finish)" if result.critical[k] else "")
    )
    return lines


def done_traces(s: Steps) -> list[dict[str, Any]]:
    """The work done: done steps' bars and the share done of steps in progress, before
    the status date; done milestones as diamonds in the same colour."""
    out: list[dict[str, Any]] = []
    color = TRACKING_COLORS["done"]
    bar = ~np.isnat(s.done_start) & ~s.milestone
    idx = np.flatnonzero(bar)
    if idx.size:
        marker = {"color": color, "line": {"width": 0}}
        out.append(s.bars(idx, s.done_start, s.done_end, name="Done", marker=marker, legendrank=90))
    ms = np.flatnonzero(s.done & s.milestone)
    if ms.size:
        out.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [str(d) for d in s.end[ms]],
                "y": s.y[ms].tolist(),
                "customdata": s.ids[ms].tolist(),
                "hovertext": s.hover[ms].tolist(),
                "hovertemplate": "%{hovertext}<extra></extra>",
                "name": "Milestone reached",
                "marker": {
                    "symbol": "diamond",
                    "size": 13,
                    "color": color,
                    "line": {"color": COLORS["outline"], "width": 1},
                },
                "cliponaxis": False,
                "legendrank": 95,
            }
        )
    return out


def baseline_bars(baseline: Any) -> BaselineBars:
    """The latest dates of a baseline by step id, and its legend entry.

    ``baseline`` is a :class:`~careerlib.scheduling.scheduler.Schedule` (the
    plan as written) or a saved :class:`~careerlib.tracking.Baseline`.
    """
    if isinstance(baseline, Schedule) and not isinstance(baseline, StatusSchedule):
        dates = {
            sid: (a, z)
            for sid, a, z in zip(
                baseline.ids, baseline.start.tolist(), baseline.finish.tolist(), strict=True
            )
        }
        return BaselineBars(dates, frozenset(baseline.ids), "Plan as written (latest dates)")
    steps = getattr(baseline, "steps", None)
    name = getattr(baseline, "name", None)
    if steps is None or name is None:
        raise TypeError(
            "baseline must be the plan as written (careerlib.schedule(plan)) or a saved "
            f"baseline (careerlib.tracking.Baseline), not a {type(baseline).__name__}"
        )
    dates = {b.id: (b.start, b.finish) for b in steps if b.start is not None}
    label = str(baseline.label)
    label = "Plan as written" if name == "plan as written" else label[:1].upper() + label[1:]
    return BaselineBars(dates, frozenset(b.id for b in steps), f"{label} (latest dates)")


def baseline_trace(s: Steps, bars: BaselineBars) -> list[dict[str, Any]]:
    """Thin grey bars beneath each step: its latest dates in the baseline."""
    dates, name = bars.dates, bars.name
    idx = [k for k, sid in enumerate(s.ids.tolist()) if sid in dates and not s.milestone[k]]
    if not idx:
        return []
    first = np.array([dates[s.ids[k]][0] for k in idx], dtype="datetime64[D]")
    last = np.array([dates[s.ids[k]][1] for k in idx], dtype="datetime64[D]") + ONE_DAY
    length = (last - first).astype("int64") * 86_400_000
    return [
        {
            "type": "bar",
            "orientation": "h",
            "base": [str(d) for d in first],
            "x": length.tolist(),
            "y": (s.y[idx] + 0.36).tolist(),
            "width": 0.14,
            "name": name,
            "marker": {"color": TRACKING_COLORS["baseline"], "line": {"width": 0}},
            "hoverinfo": "skip",
            "legendrank": 700,
        }
    ]


def behind_traces(s: Steps, behind: Collection[str]) -> list[dict[str, Any]]:
    """A red outline around the steps behind their baseline, and its legend entry."""
    idx = np.array([k for k, sid in enumerate(s.ids.tolist()) if sid in behind], dtype=int)
    if not idx.size:
        return []
    start = np.where(np.isnat(s.done_start[idx]), s.start[idx], s.done_start[idx])
    first = s.start.copy()
    first[idx] = start
    line = {"color": TRACKING_COLORS["behind"], "width": 2.5}
    outline = s.bars(
        idx,
        first,
        s.end,
        name="Behind its baseline (outlined)",
        marker={"color": COLORS["none"], "line": line},
        hoverinfo="skip",
        hovertemplate=None,
        showlegend=False,
        legendrank=260,
    )
    entry = legend_only("Behind its baseline (outlined)", {"color": "white", "line": line}, 260)
    return [outline, entry]


def new_step_titles(result: Schedule, bars: BaselineBars | None) -> Mapping[str, str]:
    """Titles marked ``(new)`` for the steps a baseline does not have."""
    if bars is None:
        return {}
    return {
        sid: f"{step.title or sid} (new)"
        for sid, step in zip(result.ids, result.steps, strict=True)
        if sid not in bars.ids
    }
