"""The Gantt chart's traces and shapes, one small builder each.

Each builder takes the schedule as the chart draws it (:class:`Steps`) and
returns a list of plotly trace dicts (empty when it has nothing to draw), so
:func:`careerlib.charts.gantt` is a list of the layers it stacks. This is the
house pattern for charts: small named builders over shared style.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from careerlib._text import clip, plural
from careerlib.charts._style import (
    COLORS,
    DAY_MS,
    ONE_DAY,
    as_day,
    band,
    escape_text,
    fmt,
    iso,
    legend_only,
    palette,
)
from careerlib.scheduling.scheduler import Schedule
from careerlib.scheduling.status import StatusSchedule

__all__ = [
    "Days",
    "Steps",
    "checkpoint_traces",
    "closed_days",
    "closed_legend",
    "deadline_trace",
    "dependency_trace",
    "group_of",
    "milestone_trace",
    "slack_trace",
    "step_traces",
    "too_late_trace",
]


def group_of(result: Schedule, group_by: str) -> list[str | None]:
    """The goal or route of each step (``None`` for steps of no goal or every route)."""
    if group_by == "goal":
        return [s.goal for s in result.steps]
    if group_by == "route":
        return [s.route for s in result.steps]
    return [None] * len(result)


def _hover_texts(result: Schedule) -> np.ndarray:
    """For each step: its title and id, dates, duration, slack, deadline, goal and route."""
    plan = result.plan
    goal_titles = {g.id: g.title for g in plan.goals}
    route_titles = {r.id: r.title for r in plan.routes}
    starts, finishes, earliest = iso(result.start), iso(result.finish), iso(result.early_start)
    out = []
    for k, step in enumerate(result.steps):
        slack = int(result.slack_days[k])
        lines = [f"<b>{escape_text(step.title or step.id)}</b> ({escape_text(step.id)})"]
        if result.milestone[k]:
            lines.append(f"Milestone on {fmt(starts[k])}")
        else:
            lines.append(f"{fmt(starts[k])} → {fmt(finishes[k])}")
            lines.append(f"Duration: {plural(int(result.duration_days[k]), 'working day')}")
        lines.append(
            f"Slack: {plural(slack, 'working day')}"
            + (" (critical)" if result.critical[k] else "")
            + (f"; could start {fmt(earliest[k])}" if slack > 0 else "")
        )
        if step.deadline is not None:
            lines.append(f"Deadline: {fmt(step.deadline)}")
        if step.goal:
            lines.append(f"Goal: {escape_text(goal_titles.get(step.goal, step.goal))}")
        route_name = route_titles.get(step.route, step.route) if step.route else "every route"
        lines.append(f"Route: {escape_text(route_name)}")
        if result.buffer_days[k]:
            lines.append(f"Buffer after it: {plural(int(result.buffer_days[k]), 'working day')}")
        out.append("<br>".join(lines))
    return np.asarray(out, dtype=object)


@dataclass(frozen=True)
class Days:
    """Where each step is drawn on the date axis (``datetime64[D]`` arrays, one a step).

    ``start`` and ``end`` (the day after the last: bars end there) are the
    step's bar: the latest dates of the plan as written, or on a status date
    the dates to aim for, or for a done step when it was done. ``early`` is
    the earliest start (the forward pass, or the forecast): the slack is drawn
    from there. ``done`` marks the steps drawn as done, and ``done_start`` /
    ``done_end`` the part drawn as done (the whole bar of a done step, the
    share done of a step in progress, before the status date; ``NaT`` otherwise).
    """

    start: np.ndarray
    end: np.ndarray
    early: np.ndarray
    done: np.ndarray
    done_start: np.ndarray
    done_end: np.ndarray

    @classmethod
    def as_written(cls, result: Schedule) -> Days:
        """The plan as written: every bar at its latest dates, nothing done."""
        nat = np.full(len(result), np.datetime64("NaT"), dtype="datetime64[D]")
        return cls(
            start=result.start.astype("datetime64[D]"),
            end=result.finish.astype("datetime64[D]") + ONE_DAY,
            early=result.early_start.astype("datetime64[D]"),
            done=np.zeros(len(result), dtype=bool),
            done_start=nat,
            done_end=nat.copy(),
        )


@dataclass(frozen=True)
class Steps:
    """The schedule's arrays as the Gantt chart draws them (days, rows, hover text)."""

    result: Schedule
    y: np.ndarray
    hover: np.ndarray
    ids: np.ndarray
    start: np.ndarray  # first working day
    end: np.ndarray  # the day after the finish: bars end there
    early: np.ndarray  # the forward pass's start
    milestone: np.ndarray
    critical: np.ndarray
    done: np.ndarray  # drawn as done (no slack, no criticality)
    done_start: np.ndarray  # the part drawn as done (NaT: none)
    done_end: np.ndarray

    @classmethod
    def of(
        cls, result: Schedule, y: np.ndarray, days: Days | None = None, hover: Any = None
    ) -> Steps:
        days = days if days is not None else Days.as_written(result)
        return cls(
            result=result,
            y=y,
            hover=_hover_texts(result) if hover is None else np.asarray(hover, dtype=object),
            ids=np.asarray(result.ids, dtype=object),
            start=days.start,
            end=days.end,
            early=days.early,
            milestone=result.milestone.astype(bool),
            critical=result.critical.astype(bool) & ~days.done,
            done=days.done,
            done_start=days.done_start,
            done_end=days.done_end,
        )

    def bars(self, idx: np.ndarray, a: np.ndarray, z: np.ndarray, **kw: Any) -> dict[str, Any]:
        """Horizontal bars over the days ``[a, z)`` of the steps ``idx``."""
        length = (z[idx] - a[idx]).astype("timedelta64[D]").astype("int64") * DAY_MS
        return {
            "type": "bar",
            "orientation": "h",
            "base": iso(a[idx]),
            "x": length.tolist(),
            "y": self.y[idx].tolist(),
            "customdata": self.ids[idx].tolist(),
            "hovertext": self.hover[idx].tolist(),
            "hovertemplate": "%{hovertext}<extra></extra>",
            "width": 0.62,
            **kw,
        }


def slack_trace(s: Steps) -> list[dict[str, Any]]:
    """Pale bars from each step's earliest start to its latest start."""
    idx = np.flatnonzero(s.result.slack_days > 0)
    if not idx.size:
        return []
    until = np.where(s.milestone, s.start + ONE_DAY, s.start)
    note = "<br><i>Pale bar: from the earliest start the work allows</i>"
    return [
        s.bars(
            idx,
            s.early,
            until,
            name="Slack: how much earlier it could start",
            marker={"color": COLORS["slack"], "line": {"width": 0}},
            hovertext=[h + note for h in s.hover[idx]],
            legendrank=300,
        )
    ]


def step_traces(s: Steps, color_by: str) -> list[dict[str, Any]]:
    """The bars of the steps that take time, one trace per colour."""
    result, plan = s.result, s.result.plan
    bar = ~s.milestone & ~s.done
    crit = s.critical
    if color_by == "criticality":
        series = [
            ("Critical step: a delay moves the target", crit & bar, COLORS["critical"]),
            ("Step with slack", ~crit & bar, COLORS["step"]),
        ]
    else:
        own = group_of(result, color_by)
        kinds = plan.goals if color_by == "goal" else plan.routes
        names = {k.id: k.title for k in kinds}
        order = [k.id for k in kinds if k.id in set(own)]
        colors = palette(order)
        series = [
            (clip(names[g], 40), np.array([o == g for o in own]) & bar, colors[g]) for g in order
        ]
        if None in own:
            other = "No goal" if color_by == "goal" else "Every route"
            series.insert(0, (other, np.array([o is None for o in own]) & bar, COLORS["no_group"]))
    traces = []
    for rank, (name, mask, color) in enumerate(series):
        idx = np.flatnonzero(mask)
        if not idx.size:
            continue
        line: dict[str, Any] = {"width": 0}
        if color_by != "criticality":  # critical steps are outlined
            line = {
                "color": np.where(crit[idx], COLORS["outline"], COLORS["none"]).tolist(),
                "width": np.where(crit[idx], 2, 0).tolist(),
            }
        marker = {"color": color, "line": line}
        traces.append(s.bars(idx, s.start, s.end, name=name, marker=marker, legendrank=100 + rank))
    if color_by != "criticality" and (crit & bar).any():
        outlined = {"color": "white", "line": {"color": COLORS["outline"], "width": 2}}
        traces.append(
            legend_only("Critical step (outlined): a delay moves the target", outlined, 200)
        )
    return traces


def too_late_trace(s: Steps) -> list[dict[str, Any]]:
    """For a plan that is not feasible: the part of the work before the start, hatched amber."""
    first = as_day(s.result.first_day)
    idx = np.flatnonzero(~s.milestone & (s.start < first))
    if not idx.size:
        return []
    marker = {
        "color": COLORS["late"],
        "pattern": {"shape": "/", "fgcolor": COLORS["veil"], "solidity": 0.3},
        "line": {"color": COLORS["critical"], "width": 1},
    }
    name = "Too late: would have to happen before the start"
    return [
        s.bars(idx, s.start, np.minimum(s.end, first), name=name, marker=marker, legendrank=250)
    ]


def dependency_trace(s: Steps) -> list[dict[str, Any]]:
    """One trace of elbow arrows: from the end of a step to the start of each step after it.

    One trace keeps the chart fast with hundreds of links and lets a click in
    the legend hide them all.
    """
    xs: list[str | None] = []
    ys: list[float | None] = []
    sizes: list[int] = []
    head = 0.36  # the arrow stops at the edge of the bar, not its middle
    for k, preds in enumerate(s.result.predecessors):
        x1 = str(s.end[k]) if s.milestone[k] else str(s.start[k])
        y1 = float(s.y[k])
        for p in preds:
            x0, y0 = str(s.end[p]), float(s.y[p])
            if y0 == y1:
                xs += [x0, x1, None]
                ys += [y0, y1, None]
                sizes += [0, 9, 0]
            else:
                toward = head if y1 > y0 else -head
                xs += [x0, x1, x1, None]
                ys += [y0, y0, y1 - toward, None]
                sizes += [0, 0, 9, 0]
    if not xs:
        return []
    return [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": xs,
            "y": ys,
            "name": "Dependency: must finish first",
            "line": {"color": COLORS["dependency"], "width": 1},
            "marker": {
                "symbol": "arrow",
                "angleref": "previous",
                "size": sizes,
                "color": COLORS["dependency"],
            },
            "hoverinfo": "skip",
            "opacity": 0.8,
            "legendrank": 400,
        }
    ]


def milestone_trace(s: Steps) -> list[dict[str, Any]]:
    """Gold diamonds at the end of each milestone's day; critical ones ringed in red."""
    idx = np.flatnonzero(s.milestone & ~s.done)
    if not idx.size:
        return []
    crit = s.critical[idx]
    return [
        {
            "type": "scatter",
            "mode": "markers",
            "x": iso(s.end[idx]),
            "y": s.y[idx].tolist(),
            "customdata": s.ids[idx].tolist(),
            "hovertext": s.hover[idx].tolist(),
            "hovertemplate": "%{hovertext}<extra></extra>",
            "name": "Milestone",
            "marker": {
                "symbol": "diamond",
                "size": 15,
                "color": COLORS["milestone"],
                "line": {
                    "color": np.where(crit, COLORS["critical"], COLORS["outline"]).tolist(),
                    "width": np.where(crit, 3, 1.5).tolist(),
                },
            },
            "cliponaxis": False,
            "legendrank": 500,
        }
    ]


def deadline_trace(s: Steps) -> list[dict[str, Any]]:
    """A purple tick at the end of each deadline day, on the step's row."""
    steps = s.result.steps
    idx = np.asarray([k for k, step in enumerate(steps) if step.deadline is not None], dtype=int)
    if not idx.size:
        return []
    days = np.array([steps[k].deadline for k in idx], dtype="datetime64[D]")
    return [
        {
            "type": "scatter",
            "mode": "markers",
            "x": iso(days + ONE_DAY),
            "y": s.y[idx].tolist(),
            "customdata": s.ids[idx].tolist(),
            "hovertext": [
                f"<b>Deadline</b> of {escape_text(steps[k].title or steps[k].id)}: "
                f"{fmt(steps[k].deadline)}"
                for k in idx
            ],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "name": "Deadline",
            "marker": {
                "symbol": "line-ns",
                "size": 18,
                "line": {"color": COLORS["deadline"], "width": 3},
            },
            "cliponaxis": False,
            "legendrank": 550,
        }
    ]


def checkpoint_traces(result: Schedule) -> list[dict[str, Any]]:
    """Review dates of the cadence, and reviews held, as ticks along the bottom.

    They are drawn on a hidden 0..1 axis (``y2``) over the rows. On a status
    date the reviews to come run from the resume day to the target (or the
    forecast finish, when later), and the check-ins held are those counted.
    """
    cp = result.plan.checkpoints
    if isinstance(result, StatusSchedule):
        last = max(result.target_day, result.earliest_finish)
        days = _checkpoint_days(result, last)
        days = days[days >= as_day(result.resume)]
        held = np.array(result.checkin_days, dtype="datetime64[D]")
    else:
        days = _checkpoint_days(result, result.target_day)
        reviews = [] if cp is None else cp.reviews
        held = np.array(sorted(r.date for r in reviews), dtype="datetime64[D]")
    if cp is None or not (days.size or held.size):
        return []

    def ticks(x: np.ndarray, name: str, marker: dict[str, Any], rank: int) -> dict[str, Any]:
        return {
            "type": "scatter",
            "mode": "markers",
            "x": iso(x),
            "y": [0.0] * x.size,
            "yaxis": "y2",
            "name": name,
            "marker": {"symbol": "triangle-up", **marker},
            "hovertemplate": f"{name} %{{x|%a %d %b %Y}}<extra></extra>",
            "cliponaxis": False,
            "legendrank": rank,
        }

    out = []
    if days.size:
        out.append(
            ticks(
                days,
                f"Checkpoint review ({cp.cadence})",
                {"size": 9, "color": COLORS["checkpoint"]},
                600,
            )
        )
    if held.size:
        marker = {"size": 11, "color": COLORS["target"], "line": {"color": "white", "width": 1}}
        name = "Check-in held" if isinstance(result, StatusSchedule) else "Review held"
        out.append(ticks(held, name, marker, 610))
    return out


def closed_days(
    result: Schedule, lo: np.datetime64, hi: np.datetime64
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Shaded bands for blackouts and holidays in ``[lo, hi]``, and the blackouts' labels.

    Shapes stay out of the legend; :func:`closed_legend` gives them one entry.
    A blackout is labelled with its reason above its band.
    """
    plan = result.plan
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    blackout_days: set[Any] = set()
    for b in plan.calendar.blackouts:
        a, z = as_day(b.start), as_day(b.end)
        blackout_days.update(np.arange(a, z + ONE_DAY).tolist())
        if z < lo or a > hi:
            continue
        name = f"Blackout: {b.reason}" if b.reason else "Blackout"
        shapes.append(band(a, z + ONE_DAY, name))
        notes.append(
            {
                "xref": "x",
                "yref": "paper",
                "x": str(a + (z + ONE_DAY - a) // 2),
                "y": 1,
                "yanchor": "bottom",
                "text": f"<i>{escape_text(b.reason or 'blackout')}</i>",
                "showarrow": False,
                "font": {"size": 10, "color": COLORS["note"]},
                "bgcolor": COLORS["veil"],
                "name": name,
            }
        )
    # Holidays: workdays of the week that are not working days, outside blackouts.
    span = np.arange(lo, hi + ONE_DAY, dtype="datetime64[D]")
    if span.size:
        weekday = (span.view("int64") - 4) % 7  # 1970-01-01 was a Thursday
        on_weekday = np.asarray(result.calendar.weekmask, dtype=bool)[weekday]
        working = np.asarray(result.calendar.is_working_day(span), dtype=bool)
        for d in span[on_weekday & ~working].tolist():
            if d not in blackout_days:
                day = np.datetime64(d, "D")
                shapes.append(band(day, day + ONE_DAY, f"Holiday {d}"))
    return shapes, notes


def closed_legend() -> dict[str, Any]:
    """The legend entry of the shaded blackouts and holidays."""
    marker = {"color": COLORS["closed"], "line": {"width": 0}}
    return legend_only("Blackout or holiday", marker, 900)


def _checkpoint_days(result: Schedule, until: Any) -> np.ndarray:
    """Review dates from the cadence, from the first day to ``until`` (working days)."""
    cp = result.plan.checkpoints
    first, last = as_day(result.first_day), as_day(until)
    if cp is None:
        return np.array([], dtype="datetime64[D]")
    if cp.cadence == "daily":
        return np.asarray(result.calendar.working_days(first, last), dtype="datetime64[D]")
    if cp.cadence in ("weekly", "biweekly"):
        step = 7 if cp.cadence == "weekly" else 14
        days = np.arange(first, last + ONE_DAY, step, dtype="datetime64[D]")
    else:  # monthly: the same day of each month, or the month's last day
        months = np.arange(_month(first), _month(last) + 1)
        offset = first - first.astype("datetime64[M]").astype("datetime64[D]")
        month_end = (months + 1).astype("datetime64[D]") - ONE_DAY
        days = np.minimum(months.astype("datetime64[D]") + offset, month_end)
    days = np.asarray(result.calendar.roll_forward(days), dtype="datetime64[D]")
    return np.unique(days[(days >= first) & (days <= last)])


def _month(day: np.datetime64) -> np.datetime64:
    return day.astype("datetime64[M]")
