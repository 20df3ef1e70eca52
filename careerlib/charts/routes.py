"""The plan's routes compared: one row a route, its critical chain and its earliest finish.

The chart takes the schedules of the routes (:func:`careerlib.schedule_routes`);
it does not schedule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import plotly.graph_objects as go

from careerlib._text import clip, plural
from careerlib.charts._style import (
    COLORS,
    DAY_MS,
    LEGEND_ENTRY_PX,
    ONE_DAY,
    as_day,
    base_layout,
    date_line,
    days_between,
    escape_text,
    fmt,
    iso,
    legend_below,
    palette,
)
from careerlib.charts._style import legend as legend_right
from careerlib.scheduling.scheduler import Schedule
from careerlib.scheduling.status import StatusSchedule

__all__ = ["routes"]


def routes(
    schedules: Mapping[str | None, Schedule],
    *,
    title: str | None = None,
    legend: Literal["right", "bottom"] = "right",
    width: int | None = None,
) -> go.Figure:
    """The plan's routes side by side, one row each, to compare them.

    Each row shows a route's critical steps (the chain that decides its date)
    as labelled bars, a pale span from the start to its earliest finish, and a
    diamond at its earliest finish (the earliest target the work alone allows);
    the row's label says whether the route is feasible and how much slack it
    has. A plan without routes gets one row for the whole plan.

    Parameters
    ----------
    schedules
        The schedules of the routes by route id, as
        :func:`careerlib.schedule_routes` returns them; for a plan without
        routes, the whole plan's schedule under the key ``None``. The rows
        follow the plan's order of its routes.
    title
        The chart title; default "Routes compared: <plan title>".
    legend
        ``"right"`` (one entry a line beside the plot) or ``"bottom"`` (in rows
        under the date axis: the plot keeps the page's width, as in a report).
    width
        The figure's width [px]; default: the width it is shown at.

    Returns
    -------
    plotly.graph_objects.Figure

    Raises
    ------
    TypeError
        When given a plan (schedule it first: ``schedule_routes(plan)``).
    ValueError
        When ``schedules`` holds no route of the plan nor the whole plan, or
        ``legend`` is neither ``"right"`` nor ``"bottom"``.
    """
    if legend not in ("right", "bottom"):
        raise ValueError(f"legend must be 'right' or 'bottom', got {legend!r}")
    rows = _rows(schedules)
    plan = rows[0][2].plan
    status = isinstance(rows[0][2], StatusSchedule)
    first = as_day(_origin(rows[0][2]))
    target = as_day(plan.target)
    colors = palette([key or "plan" for key, _, _ in rows])
    row_info = [_RouteRow.of(name, res, first) for _, name, res in rows]
    traces = [_span_trace(row_info)]
    for n, (key, name, res) in enumerate(rows):
        traces += _critical_bars(n, name, res, colors[key or "plan"])
    traces.append(_finish_trace(row_info))

    lo = min(first, *(r.latest_start for r in row_info))
    hi = max(target + ONE_DAY, *(r.done for r in row_info))
    pad = max(np.timedelta64(2, "D"), (hi - lo) // 40)
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    start_label = f"Start {fmt(first)}" if plan.start is not None else f"Today {fmt(first)}"
    if status:
        start_label = f"As of {fmt(rows[0][2].as_of)}"  # type: ignore[attr-defined]
    for when, label, color, dash, side in (
        (first, start_label, COLORS["start"], "dash", "right"),
        (target + ONE_DAY, f"Target {fmt(target)}", COLORS["target"], "solid", "left"),
    ):
        line, note = date_line(when, label, color, dash=dash, side=side)
        shapes.append(line)
        notes.append(note)
    heading = escape_text(title if title is not None else f"Routes compared: {plan.title}")
    n = len(rows)
    top, bottom, row_px = 90, 60, 90
    if legend == "bottom":
        # one entry a row: the critical steps' entries name their routes
        bottom += LEGEND_ENTRY_PX * len(traces) + 10
        height = top + bottom + n * row_px
    else:
        height = top + bottom + max(n * row_px, len(traces) * LEGEND_ENTRY_PX)
    layout = base_layout(f"<b>{heading}</b>", height)
    layout.update(
        margin={"t": top, "b": bottom, "l": 10, "r": 10},
        legend=legend_right() if legend == "right" else legend_below(),
        shapes=shapes,
        annotations=notes,
        bargap=0.2,
        uniformtext={"mode": "hide", "minsize": 10},
    )
    if width is not None:
        layout["width"] = width
    layout["xaxis"]["range"] = [str(lo - pad), str(hi + pad)]
    layout["yaxis"] = {
        "range": [n - 0.5, -0.5],
        "tickvals": list(range(n)),
        "ticktext": [r.label for r in row_info],
        "automargin": True,
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
    }
    return go.Figure(data=traces, layout=layout)


def _rows(schedules: Mapping[str | None, Schedule]) -> list[tuple[str | None, str, Schedule]]:
    """``(route id, name, schedule)`` of each row: the plan's routes in order, or the whole plan."""
    if not isinstance(schedules, Mapping):
        raise TypeError(
            "routes takes the schedules of the routes, e.g. careerlib.schedule_routes(plan), "
            f"not a {type(schedules).__name__}"
        )
    if not schedules:
        raise ValueError("routes needs at least one schedule; got an empty mapping")
    plan = next(iter(schedules.values())).plan
    rows: list[tuple[str | None, str, Schedule]] = [
        (r.id, r.title, schedules[r.id]) for r in plan.routes if r.id in schedules
    ]
    if rows:
        return rows
    if None in schedules:
        return [(None, "Whole plan", schedules[None])]
    known = ", ".join(repr(k) for k in schedules)
    valid = ", ".join(r.id for r in plan.routes) or "None (the whole plan)"
    raise ValueError(f"no route of the plan among the schedules ({known}); valid keys: {valid}")


@dataclass(frozen=True)
class _RouteRow:
    """What a route's row says: its label, its latest start and its earliest finish."""

    name: str
    schedule: Schedule
    label: str
    latest_start: np.datetime64
    done: np.datetime64  # the day after the earliest finish

    @classmethod
    def of(cls, name: str, res: Schedule, first: np.datetime64) -> _RouteRow:
        if isinstance(res, StatusSchedule):
            return cls._on_status_date(name, res)
        slack = int(res.slack_days.min())
        state = "feasible" if res.feasible else f"late by {plural(res.late_by_days, 'working day')}"
        label = (
            f"<b>{escape_text(clip(name, 36))}</b><br>"
            f"<span style='font-size:11px'>{state}, slack {plural(slack, 'working day')}<br>"
            f"earliest finish {fmt(res.earliest_finish)}</span>"
        )
        start = res.start.astype("datetime64[D]").min()
        return cls(name, res, label, start, as_day(res.earliest_finish) + ONE_DAY)

    @classmethod
    def _on_status_date(cls, name: str, res: StatusSchedule) -> _RouteRow:
        """A route on a status date: its verdict in the status verdict's figures."""
        facts = res.status_verdict
        if facts.complete:
            state = "complete"
        elif facts.target_late_by_days:
            state = f"{plural(facts.target_late_by_days, 'working day')} after the target"
        elif facts.deadlines_missed:
            state = f"misses {plural(len(facts.deadlines_missed), 'deadline')}"
        else:
            state = f"on track, {plural(facts.target_margin_days or 0, 'working day')} to spare"
        finish = res.earliest_finish
        label = (
            f"<b>{escape_text(clip(name, 36))}</b><br>"
            f"<span style='font-size:11px'>{state}<br>forecast finish {fmt(finish)}</span>"
        )
        return cls(name, res, label, as_day(res.resume), as_day(finish) + ONE_DAY)


def _origin(res: Schedule) -> Any:
    """Where a route's row starts: the plan's first day, or the resume day on a status date."""
    return res.resume if isinstance(res, StatusSchedule) else res.first_day


def _span_trace(rows: list[_RouteRow]) -> dict[str, Any]:
    """A thin bar per route from the plan's first day (or the status date) to its finish."""
    first = as_day(_origin(rows[0].schedule))
    return {
        "type": "bar",
        "orientation": "h",
        "base": [str(first)] * len(rows),
        "x": [int(days_between(first, r.done)) * DAY_MS for r in rows],
        "y": list(range(len(rows))),
        "name": "From the status date to the diamond"
        if isinstance(rows[0].schedule, StatusSchedule)
        else "From the plan's start to the diamond",
        "marker": {"color": COLORS["dependency"], "line": {"width": 0}},
        "width": 0.12,
        "hovertext": [
            f"<b>{escape_text(r.name)}</b><br>From {fmt(_origin(r.schedule))}, "
            "the work alone is done by "
            f"{fmt(r.schedule.earliest_finish)}<br>Latest start {fmt(r.latest_start)}"
            f"<br>{escape_text(r.schedule.verdict)}"
            for r in rows
        ],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "legendrank": 50,
    }


def _critical_bars(row: int, name: str, res: Schedule, color: str) -> list[dict[str, Any]]:
    """The route's critical steps as labelled bars, as late as possible."""
    idx = np.flatnonzero(res.critical & ~res.milestone)
    if not idx.size:
        return []
    if isinstance(res, StatusSchedule):  # the dates to aim for, never in the past
        start, finish = res.aim_start, res.aim_finish
    else:
        start = res.start.astype("datetime64[D]")
        finish = res.finish.astype("datetime64[D]")
    length = days_between(start[idx], finish[idx] + ONE_DAY) * DAY_MS
    titles = [res.steps[k].title or res.ids[k] for k in idx]
    return [
        {
            "type": "bar",
            "orientation": "h",
            "base": iso(start[idx]),
            "x": length.tolist(),
            "y": [row] * idx.size,
            "name": f"{clip(name, 30)}: critical steps, "
            + (
                "at the dates to aim for"
                if isinstance(res, StatusSchedule)
                else "as late as possible"
            ),
            "text": [escape_text(t) for t in titles],
            "textposition": "inside",
            "insidetextanchor": "middle",
            "textfont": {"color": "white", "size": 12},
            "textangle": 0,
            "customdata": [res.ids[k] for k in idx],
            "hovertext": [
                f"<b>{escape_text(t)}</b> ({res.ids[k]})<br>"
                f"{fmt(start[k])} → {fmt(finish[k])}<br>"
                f"{plural(int(res.duration_days[k]), 'working day')}, critical"
                for t, k in zip(titles, idx, strict=True)
            ],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "marker": {"color": color, "line": {"color": "white", "width": 1}},
            "width": 0.5,
            "legendrank": 100 + row,
        }
    ]


def _finish_trace(rows: list[_RouteRow]) -> dict[str, Any]:
    """A gold diamond per route at its earliest finish."""
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [str(r.done) for r in rows],
        "y": list(range(len(rows))),
        "name": "Forecast finish (the work left, from the status date)"
        if isinstance(rows[0].schedule, StatusSchedule)
        else "Earliest finish (the work alone, from the plan's start)",
        "marker": {
            "symbol": "diamond",
            "size": 14,
            "color": COLORS["milestone"],
            "line": {"color": COLORS["outline"], "width": 1.5},
        },
        "hovertext": [
            f"<b>{escape_text(r.name)}</b><br>Earliest finish: {fmt(r.schedule.earliest_finish)}"
            f"<br>(the work alone, starting {fmt(_origin(r.schedule))})"
            for r in rows
        ],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "cliponaxis": False,
        "legendrank": 500,
    }
