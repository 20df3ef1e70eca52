"""Charts of a plan for the client: the Gantt chart of a schedule, the routes compared.

Every chart is a flat keyword function that returns a
:class:`plotly.graph_objects.Figure`, so a notebook can restyle it before showing
or exporting it (:mod:`careerlib.exports` writes HTML, PNG, SVG and PDF).

The shared pieces come first (colours, date helpers, the lines for the start and
the target, layout defaults); charts added later reuse them. Dates on the x axis
are days: a step occupies its working days from the start of its first day to
the end of its last, and a milestone sits at the end of its day (spec rule 3 and
"a milestone is reached at the end of its day").
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import plotly.graph_objects as go

from careerlib.scheduler import Schedule, schedule_routes

if TYPE_CHECKING:
    from careerlib.models import Plan

__all__ = ["COLORS", "COLOR_BY", "GROUP_BY", "gantt", "routes", "routes_chart"]

ColorBy = Literal["criticality", "goal", "route"]
GroupBy = Literal["auto", "goal", "route", "none"]

#: Valid values of ``gantt(color_by=...)``.
COLOR_BY: tuple[str, ...] = ("criticality", "goal", "route")
#: Valid values of ``gantt(group_by=...)``.
GROUP_BY: tuple[str, ...] = ("auto", "goal", "route", "none")

# --- shared: colours ---------------------------------------------------------

#: Named colours used by every chart; change them here to restyle all charts.
COLORS: dict[str, str] = {
    "critical": "#C0392B",  # deep red: any delay moves the target
    "step": "#3D7EAA",  # calm blue: a step with room to move
    "slack": "#D5DEE7",  # pale grey-blue: how much earlier a step could start
    "late": "#F39C12",  # amber: work that would have to happen before the start
    "milestone": "#F6C945",  # gold diamond
    "outline": "#1B2631",  # dark outline of critical bars and milestones
    "deadline": "#8E44AD",  # purple: a step's own deadline
    "dependency": "#7F8C8D",
    "start": "#2B2D42",
    "target": "#1E8449",
    "closed": "rgba(120, 130, 140, 0.16)",  # blackouts and holidays
    "group": "rgba(61, 126, 170, 0.07)",  # band behind a group's header row
    "checkpoint": "#5D6D7E",
    "text": "#2B2D42",
    "grid": "#E5E8EB",
}

#: Colours of goals and routes, in the order they appear in the plan
#: (colour-blind-friendly, after Okabe and Ito, and the Tableau 10 palette).
_PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#8C6D31",
    "#7F3C8D",
    "#11A579",
    "#3969AC",
)
_NO_GROUP_COLOR = "#95A5A6"

_DAY_MS = 86_400_000
_ONE_DAY = np.timedelta64(1, "D")


def _palette(keys: Sequence[str]) -> dict[str, str]:
    """A colour for each key, cycling through the palette."""
    return {k: _PALETTE[i % len(_PALETTE)] for i, k in enumerate(keys)}


# --- shared: dates -----------------------------------------------------------


def _iso(days: np.ndarray) -> list[str]:
    """``datetime64[D]`` values as ISO date strings."""
    return np.datetime_as_string(np.asarray(days, dtype="datetime64[D]"), unit="D").tolist()


def _day(value: Any) -> np.datetime64:
    """A date, ``datetime64`` or ISO string as ``datetime64[D]``."""
    return np.datetime64(value, "D")


def _fmt(value: Any) -> str:
    """A date as a client reads it: ``Mon 23 Nov 2026``."""
    day = dt.date.fromisoformat(str(_day(value)))
    return day.strftime("%a %d %b %Y")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if abs(n) == 1 else 's'}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- shared: layout pieces ---------------------------------------------------


def _date_line(
    day: np.datetime64, label: str, color: str, *, dash: str = "solid", side: str = "left"
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A vertical line at the start of ``day`` with a label above the plot.

    Drawn as a shape and an annotation: ``add_vline(annotation_text=...)`` fails
    on date axes (plotly issue 3065). ``side`` is where the label sits.
    """
    x = str(day)
    shape = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": color, "width": 2, "dash": dash},
        "layer": "above",
        "name": label,
    }
    note = {
        "xref": "x",
        "yref": "paper",
        "x": x,
        "y": 1,
        "yanchor": "bottom",
        "xanchor": "right" if side == "left" else "left",
        "text": f"<b>{html.escape(label)}</b>",
        "showarrow": False,
        "font": {"color": color, "size": 12},
        "name": label,
    }
    return shape, note


def _closed_days(result: Schedule, lo: np.datetime64, hi: np.datetime64) -> list[dict[str, Any]]:
    """Shaded bands for blackouts (named by their reason) and holidays in ``[lo, hi]``.

    Shapes stay out of the legend; :func:`_closed_legend` gives them one entry.
    """
    plan = result.plan
    shapes: list[dict[str, Any]] = []
    blackout_days: set[Any] = set()
    for b in plan.calendar.blackouts:
        a, z = _day(b.start), _day(b.end)
        blackout_days.update(np.arange(a, z + _ONE_DAY).tolist())
        if z < lo or a > hi:
            continue
        shapes.append(_band(a, z + _ONE_DAY, f"Blackout: {b.reason}" if b.reason else "Blackout"))
    # Holidays: workdays of the week that are not working days, outside blackouts.
    span = np.arange(lo, hi + _ONE_DAY, dtype="datetime64[D]")
    if span.size:
        weekday = (span.view("int64") - 4) % 7  # 1970-01-01 was a Thursday
        on_weekday = np.asarray(result.calendar.weekmask, dtype=bool)[weekday]
        working = np.asarray(result.calendar.is_working_day(span), dtype=bool)
        for d in span[on_weekday & ~working].tolist():
            if d not in blackout_days:
                day = np.datetime64(d, "D")
                shapes.append(_band(day, day + _ONE_DAY, f"Holiday {d}"))
    return shapes


def _closed_legend() -> dict[str, Any]:
    """A legend entry for the shaded blackouts and holidays (an empty trace)."""
    return {
        "type": "bar",
        "orientation": "h",
        "x": [None],
        "y": [None],
        "name": "Blackout or holiday",
        "marker": {"color": COLORS["closed"], "line": {"width": 0}},
        "hoverinfo": "skip",
        "legendrank": 900,
    }


def _band(a: np.datetime64, z: np.datetime64, name: str) -> dict[str, Any]:
    """A shaded band over the days ``[a, z)``, behind the bars."""
    return {
        "type": "rect",
        "xref": "x",
        "yref": "paper",
        "x0": str(a),
        "x1": str(z),
        "y0": 0,
        "y1": 1,
        "fillcolor": COLORS["closed"],
        "line": {"width": 0},
        "layer": "below",
        "name": name,
    }


def _checkpoint_days(result: Schedule) -> np.ndarray:
    """Review dates from the cadence, from the first day to the target (working days)."""
    cp = result.plan.checkpoints
    first, last = _day(result.first_day), _day(result.target_day)
    if cp is None:
        return np.array([], dtype="datetime64[D]")
    if cp.cadence == "daily":
        return np.asarray(result.calendar.working_days(first, last), dtype="datetime64[D]")
    if cp.cadence in ("weekly", "biweekly"):
        step = 7 if cp.cadence == "weekly" else 14
        days = np.arange(first, last + _ONE_DAY, step, dtype="datetime64[D]")
    else:  # monthly: the same day of each month, or the month's last day
        months = np.arange(_month(first), _month(last) + 1)
        offset = first - first.astype("datetime64[M]").astype("datetime64[D]")
        month_end = (months + 1).astype("datetime64[D]") - _ONE_DAY
        days = np.minimum(months.astype("datetime64[D]") + offset, month_end)
    days = np.asarray(result.calendar.roll_forward(days), dtype="datetime64[D]")
    return np.unique(days[(days >= first) & (days <= last)])


def _month(day: np.datetime64) -> np.datetime64:
    return day.astype("datetime64[M]")


def _base_layout(title: str, height: int, subtitle: str = "") -> dict[str, Any]:
    """Layout defaults shared by the charts: white, a light grid, dates on x.

    The title sits at the top left, ``subtitle`` (lines joined by ``<br>``) under it.
    """
    return {
        "title": {
            "text": title,
            "subtitle": {"text": subtitle, "font": {"size": 13, "color": COLORS["text"]}},
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "yref": "container",
            "y": 1 - 12 / height,
            "yanchor": "top",
            "font": {"size": 20, "color": COLORS["text"]},
        },
        "height": height,
        "template": "plotly_white",
        "font": {"family": "Helvetica, Arial, sans-serif", "size": 12, "color": COLORS["text"]},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "barmode": "overlay",
        "bargap": 0.3,
        "hoverlabel": {"align": "left"},
        "xaxis": {
            "type": "date",
            "showgrid": True,
            "gridcolor": COLORS["grid"],
            "linecolor": "#AAB7B8",
            "ticks": "outside",
            "hoverformat": "%a %d %b %Y",
        },
    }


def _legend() -> dict[str, Any]:
    """A legend at the top right of the plot, one entry a line (it fits any width)."""
    return {
        "orientation": "v",
        "yref": "paper",
        "y": 1,
        "yanchor": "top",
        "x": 1.01,
        "xanchor": "left",
        "font": {"size": 12},
        "traceorder": "normal",
        "bgcolor": "rgba(255,255,255,0.9)",
        "tracegroupgap": 4,
    }


#: Height of one legend entry [px], to make a short chart tall enough for its legend.
_LEGEND_ENTRY_PX = 24


# --- the Gantt chart -----------------------------------------------------------


def _group_of(result: Schedule, group_by: str) -> list[str | None]:
    if group_by == "goal":
        return [s.goal for s in result.steps]
    if group_by == "route":
        return [s.route for s in result.steps]
    return [None] * len(result)


def _resolve_group_by(result: Schedule, group_by: str, color_by: str) -> str:
    if group_by not in GROUP_BY:
        raise ValueError(f"unknown group_by {group_by!r}; valid: {', '.join(GROUP_BY)}")
    if group_by != "auto":
        return group_by
    if color_by in ("goal", "route"):
        return color_by
    if result.route is None and len({s.route for s in result.steps if s.route}) > 1:
        return "route"
    if len({s.goal for s in result.steps if s.goal}) > 1:
        return "goal"
    return "none"


def _group_titles(result: Schedule, kind: str) -> dict[str | None, str]:
    plan = result.plan
    if kind == "goal":
        titles: dict[str | None, str] = {g.id: g.title for g in plan.goals}
        titles[None] = (
            "Steps toward every goal" if any(s.goal is None for s in result.steps) else ""
        )
    elif kind == "route":
        titles = {r.id: f"Route: {r.title}" for r in plan.routes}
        titles[None] = "Common to every route"
    else:
        titles = {None: ""}
    return titles


def _rows(
    result: Schedule, groups: list[str | None], sort: str
) -> list[tuple[str | None, list[int]]]:
    """Steps in display order: groups in plan order (common steps first), steps by date."""
    order: list[str | None] = []
    if None in groups:
        order.append(None)
    for g in groups:
        if g not in order:
            order.append(g)
    start = result.start.astype("int64")
    finish = result.finish.astype("int64")
    out = []
    for g in order:
        members = [k for k, x in enumerate(groups) if x == g]
        if sort == "start":
            members.sort(key=lambda k: (start[k], finish[k], k))
        out.append((g, members))
    return out


def gantt(
    schedule: Schedule,
    *,
    color_by: ColorBy = "criticality",
    group_by: GroupBy = "auto",
    show_dependencies: bool = True,
    show_slack: bool = True,
    show_closed_days: bool = True,
    show_checkpoints: bool = True,
    sort: Literal["start", "plan"] = "start",
    today: dt.date | None = None,
    title: str | None = None,
    label_width: int = 42,
) -> go.Figure:
    """The Gantt chart of a back-scheduled plan, for the client to read at a glance.

    Each step is a bar over its working days, from its latest start to its
    finish; critical steps stand out. Slack is drawn as a faint extension from
    the step's earliest possible start (the forward pass). Milestones are gold
    diamonds at the end of their day; deadlines are purple ticks. Arrows join
    each step to the steps after it. Lines mark the start (or today) and the
    target; blackouts and holidays are shaded; checkpoint reviews are ticks
    along the bottom when the plan has a cadence. For a plan that is not
    feasible, the part of the work that would have to happen before the start
    is amber and the verdict is in the title.

    Parameters
    ----------
    schedule
        A result of :func:`careerlib.schedule`.
    color_by
        ``"criticality"`` (critical steps red, the others blue), ``"goal"`` or
        ``"route"`` (a colour each, critical steps outlined in black).
    group_by
        Rows grouped under a header per ``"goal"`` or ``"route"``, or
        ``"none"``. ``"auto"`` follows ``color_by`` when it is a goal or route,
        else groups by route when the chart shows several routes, by goal when
        the steps serve several goals, and not at all otherwise.
    show_dependencies
        Draw an arrow from each step to each step that waits for it (one legend
        entry, so they can also be hidden by a click in the legend).
    show_slack, show_closed_days, show_checkpoints
        Draw the slack extensions, the shaded blackouts and holidays, the
        checkpoint ticks.
    sort
        Within a group, steps by ``"start"`` date (a waterfall) or in ``"plan"`` order.
    today
        Also draw a "Today" line on this date (for a review of a running plan).
    title
        The chart title; default: the plan's title, with the verdict below it.
    label_width
        Step titles on the y axis are clipped to this many characters.

    Returns
    -------
    plotly.graph_objects.Figure
        Height grows with the number of steps [px]; the width follows the page.
    """
    if color_by not in COLOR_BY:
        raise ValueError(f"unknown color_by {color_by!r}; valid: {', '.join(COLOR_BY)}")
    if sort not in ("start", "plan"):
        raise ValueError(f"unknown sort {sort!r}; valid: start, plan")
    result = schedule
    plan = result.plan
    n = len(result)
    kind = _resolve_group_by(result, group_by, color_by)
    groups = _group_of(result, kind)
    titles = _group_titles(result, kind)
    layout_rows = _rows(result, groups, sort)
    show_headers = kind != "none" and len(layout_rows) > 1

    # y positions: one row per step, plus one header row per group
    y = np.zeros(n, dtype=float)
    tickvals: list[float] = []
    ticktext: list[str] = []
    header_rows: list[tuple[float, str]] = []
    row = 0
    for g, members in layout_rows:
        if show_headers:
            header_rows.append((row, titles.get(g) or str(g)))
            tickvals.append(row)
            ticktext.append(f"<b>{html.escape(_clip(titles.get(g) or str(g), label_width))}</b>")
            row += 1
        for k in members:
            y[k] = row
            tickvals.append(row)
            ticktext.append(html.escape(_clip(result.steps[k].title or result.ids[k], label_width)))
            row += 1
    n_rows = max(row, 1)

    start = result.start.astype("datetime64[D]")
    finish = result.finish.astype("datetime64[D]")
    early = result.early_start.astype("datetime64[D]")
    first = _day(result.first_day)
    target = _day(result.plan.target)
    is_ms = result.milestone.astype(bool)
    crit = result.critical.astype(bool)
    slack = result.slack_days.astype(int)
    bar = ~is_ms

    # --- hover text, one per step
    goal_titles = {g.id: g.title for g in plan.goals}
    route_titles = {r.id: r.title for r in plan.routes}
    s_iso, f_iso = _iso(start), _iso(finish)
    e_iso = _iso(early)
    hover = []
    for k, step in enumerate(result.steps):
        lines = [f"<b>{html.escape(step.title or step.id)}</b> ({html.escape(step.id)})"]
        if is_ms[k]:
            lines.append(f"Milestone on {_fmt(s_iso[k])}")
        else:
            lines.append(f"{_fmt(s_iso[k])} → {_fmt(f_iso[k])}")
            lines.append(f"Duration: {_plural(int(result.duration_days[k]), 'working day')}")
        lines.append(
            f"Slack: {_plural(int(slack[k]), 'working day')}"
            + (" (critical)" if crit[k] else "")
            + (f"; could start {_fmt(e_iso[k])}" if slack[k] > 0 else "")
        )
        if step.deadline is not None:
            lines.append(f"Deadline: {_fmt(step.deadline)}")
        if step.goal:
            lines.append(f"Goal: {html.escape(goal_titles.get(step.goal, step.goal))}")
        route_name = route_titles.get(step.route, step.route) if step.route else "every route"
        lines.append(f"Route: {html.escape(route_name)}")
        if result.buffer_days[k]:
            lines.append(f"Buffer after it: {_plural(int(result.buffer_days[k]), 'working day')}")
        hover.append("<br>".join(lines))
    hover_arr = np.asarray(hover, dtype=object)

    traces: list[dict[str, Any]] = []

    def bar_trace(idx: np.ndarray, a: np.ndarray, z: np.ndarray, **kw: Any) -> dict[str, Any]:
        """Horizontal bars over the days ``[a, z)`` of the steps ``idx``."""
        length = (z[idx] - a[idx]).astype("timedelta64[D]").astype("int64") * _DAY_MS
        return {
            "type": "bar",
            "orientation": "h",
            "base": _iso(a[idx]),
            "x": length.tolist(),
            "y": y[idx].tolist(),
            "customdata": np.asarray(result.ids, dtype=object)[idx].tolist(),
            "hovertext": hover_arr[idx].tolist(),
            "hovertemplate": "%{hovertext}<extra></extra>",
            "width": 0.62,
            **kw,
        }

    # slack: from the earliest start to the latest start
    if show_slack:
        idx = np.flatnonzero(slack > 0)
        if idx.size:
            slack_end = np.where(is_ms, start + _ONE_DAY, start)
            traces.append(
                bar_trace(
                    idx,
                    early,
                    slack_end,
                    name="Slack: how much earlier it could start",
                    marker={"color": COLORS["slack"], "line": {"width": 0}},
                    width=0.62,
                    hovertext=[
                        f"{h}<br><i>Pale bar: the earliest start the work allows</i>"
                        for h in hover_arr[idx]
                    ],
                    legendrank=300,
                )
            )

    # the bars, in one trace per colour
    end = finish + _ONE_DAY
    if color_by == "criticality":
        series = [
            ("Critical step: a delay moves the target", crit & bar, COLORS["critical"]),
            ("Step with slack", ~crit & bar, COLORS["step"]),
        ]
        outline = False
    else:
        keys = [g for g in dict.fromkeys(_group_of(result, color_by)) if g is not None]
        order = [k.id for k in (plan.goals if color_by == "goal" else plan.routes) if k.id in keys]
        colors = _palette(order)
        names = goal_titles if color_by == "goal" else route_titles
        own = _group_of(result, color_by)
        series = [
            (_clip(names.get(g, g), 40), np.array([o == g for o in own]) & bar, colors[g])
            for g in order
        ]
        if any(o is None for o in own):
            other = "No goal" if color_by == "goal" else "Every route"
            series.insert(0, (other, np.array([o is None for o in own]) & bar, _NO_GROUP_COLOR))
        outline = True
    for rank, (name, mask, color) in enumerate(series):
        idx = np.flatnonzero(mask)
        if not idx.size:
            continue
        line = (
            {
                "color": np.where(crit[idx], COLORS["outline"], "rgba(0,0,0,0)").tolist(),
                "width": np.where(crit[idx], 2, 0).tolist(),
            }
            if outline
            else {"width": 0}
        )
        traces.append(
            bar_trace(
                idx,
                start,
                end,
                name=name,
                marker={"color": color, "line": line},
                legendrank=100 + rank,
            )
        )
    if outline and (crit & bar).any():
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": [None],
                "y": [None],
                "name": "Critical step (outlined): a delay moves the target",
                "marker": {"color": "white", "line": {"color": COLORS["outline"], "width": 2}},
                "hoverinfo": "skip",
                "legendrank": 200,
            }
        )

    # the part of the work before the start, for a plan that is not feasible
    early_part = bar & (start < first)
    if early_part.any():
        idx = np.flatnonzero(early_part)
        traces.append(
            bar_trace(
                idx,
                start,
                np.minimum(end, first),
                name="Too late: would have to happen before the start",
                marker={
                    "color": COLORS["late"],
                    "pattern": {"shape": "/", "fgcolor": "rgba(255,255,255,0.7)", "solidity": 0.3},
                    "line": {"color": COLORS["critical"], "width": 1},
                },
                legendrank=250,
            )
        )

    # dependencies: one trace of elbow arrows, finish of a step -> start of the next
    if show_dependencies:
        xs: list[str | None] = []
        ys: list[float | None] = []
        sizes: list[int] = []
        head = 0.36
        for k, preds in enumerate(result.predecessors):
            for p in preds:
                x0 = (
                    str(start[p] + (_ONE_DAY if is_ms[p] else _ONE_DAY))
                    if is_ms[p]
                    else str(end[p])
                )
                x1 = str(start[k] + _ONE_DAY) if is_ms[k] else str(start[k])
                y0, y1 = float(y[p]), float(y[k])
                toward = head if y1 > y0 else -head
                if y0 == y1:
                    xs += [x0, x1, None]
                    ys += [y0, y1, None]
                    sizes += [0, 9, 0]
                else:
                    xs += [x0, x1, x1, None]
                    ys += [y0, y0, y1 - toward, None]
                    sizes += [0, 0, 9, 0]
        if xs:
            traces.append(
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
            )

    # milestones: diamonds at the end of their day
    idx = np.flatnonzero(is_ms)
    if idx.size:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": _iso(start[idx] + _ONE_DAY),
                "y": y[idx].tolist(),
                "customdata": np.asarray(result.ids, dtype=object)[idx].tolist(),
                "hovertext": hover_arr[idx].tolist(),
                "hovertemplate": "%{hovertext}<extra></extra>",
                "name": "Milestone",
                "marker": {
                    "symbol": "diamond",
                    "size": 15,
                    "color": COLORS["milestone"],
                    "line": {
                        "color": np.where(
                            crit[idx], COLORS["critical"], COLORS["outline"]
                        ).tolist(),
                        "width": np.where(crit[idx], 3, 1.5).tolist(),
                    },
                },
                "cliponaxis": False,
                "legendrank": 500,
            }
        )

    # deadlines: a tick at the end of the deadline day
    with_deadline = [k for k, s in enumerate(result.steps) if s.deadline is not None]
    if with_deadline:
        idx = np.asarray(with_deadline)
        days = np.array([result.steps[k].deadline for k in with_deadline], dtype="datetime64[D]")
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": _iso(days + _ONE_DAY),
                "y": y[idx].tolist(),
                "customdata": [result.ids[k] for k in with_deadline],
                "hovertext": [
                    f"<b>Deadline</b> of {html.escape(result.steps[k].title or result.ids[k])}: "
                    f"{_fmt(result.steps[k].deadline)}"
                    for k in with_deadline
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
        )

    # checkpoints: ticks along the bottom of the plot, on a hidden 0..1 axis
    checkpoint_days = (
        _checkpoint_days(result) if show_checkpoints else np.array([], "datetime64[D]")
    )
    cp = plan.checkpoints
    if checkpoint_days.size and cp is not None:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": _iso(checkpoint_days),
                "y": [0.0] * checkpoint_days.size,
                "yaxis": "y2",
                "name": f"Checkpoint review ({cp.cadence})",
                "marker": {"symbol": "triangle-up", "size": 9, "color": COLORS["checkpoint"]},
                "hovertemplate": "Checkpoint review %{x|%a %d %b %Y}<extra></extra>",
                "cliponaxis": False,
                "legendrank": 600,
            }
        )
        held = np.array(sorted(r.date for r in cp.reviews), dtype="datetime64[D]")
        if held.size:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "x": _iso(held),
                    "y": [0.0] * held.size,
                    "yaxis": "y2",
                    "name": "Review held",
                    "marker": {
                        "symbol": "triangle-up",
                        "size": 11,
                        "color": COLORS["target"],
                        "line": {"color": "white", "width": 1},
                    },
                    "hovertemplate": "Review held %{x|%a %d %b %Y}<extra></extra>",
                    "cliponaxis": False,
                    "legendrank": 610,
                }
            )

    # --- x range: from the earliest thing drawn to a little past the target
    lo = min(start.min(), early.min(), first)
    hi = max(end.max(), target + _ONE_DAY)
    if with_deadline:
        hi = max(hi, max(_day(result.steps[k].deadline) for k in with_deadline) + _ONE_DAY)
    pad = max(np.timedelta64(2, "D"), (hi - lo) // 40)
    x_range = [str(lo - pad), str(hi + pad)]

    # --- shapes and annotations
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for r, _label in header_rows:
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": r - 0.5,
                "y1": r + 0.5,
                "fillcolor": COLORS["group"],
                "line": {"width": 0},
                "layer": "below",
                "name": f"group {_label}",
            }
        )
    if show_closed_days:
        closed = _closed_days(result, lo - pad, hi + pad)
        if closed:
            shapes += closed
            traces.append(_closed_legend())
    start_label = f"Start {_fmt(first)}" if plan.start is not None else f"Today {_fmt(first)}"
    line, note = _date_line(first, start_label, COLORS["start"], dash="dash", side="right")
    shapes.append(line)
    notes.append(note)
    line, note = _date_line(
        target + _ONE_DAY, f"Target {_fmt(target)}", COLORS["target"], side="left"
    )
    shapes.append(line)
    notes.append(note)
    if today is not None and _day(today) != first:
        line, note = _date_line(
            _day(today), f"Today {_fmt(today)}", COLORS["late"], dash="dot", side="right"
        )
        shapes.append(line)
        notes.append(note)

    # --- title with the verdict; the verdict in warning colour when late
    owner = f"{html.escape(plan.owner)} · " if plan.owner else ""
    route = ""
    if result.route is not None:
        route = f"Route: {html.escape(route_titles.get(result.route, result.route))} · "
    verdict_color = COLORS["target"] if result.feasible else COLORS["critical"]
    heading = html.escape(title if title is not None else plan.title)
    subtitle = (
        f"{owner}{route}{_plural(n, 'step')}, {_fmt(first)} → target {_fmt(target)}"
        f"<br><span style='color:{verdict_color}'>{html.escape(result.verdict)}</span>"
    )

    row_px = 30 if n_rows <= 20 else 24 if n_rows <= 60 else 20
    top, bottom = 120, 60
    entries = sum(1 for t in traces if t.get("showlegend", True))
    plot_px = max(n_rows * row_px, entries * _LEGEND_ENTRY_PX)
    height = top + bottom + plot_px
    layout = _base_layout(f"<b>{heading}</b>", height, subtitle)
    layout.update(
        margin={"t": top, "b": bottom, "l": 10, "r": 10, "autoexpand": True},
        legend=_legend(),
        shapes=shapes,
        annotations=notes,
        showlegend=True,
    )
    layout["xaxis"]["range"] = x_range
    layout["yaxis"] = {
        "range": [n_rows - 0.5, -0.5],
        "tickvals": tickvals,
        "ticktext": ticktext,
        "showgrid": False,
        "zeroline": False,
        "automargin": True,
        "fixedrange": True,
        "ticks": "",
        "tickfont": {"size": 12 if n_rows <= 60 else 11},
    }
    layout["yaxis2"] = {"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True}
    fig = go.Figure(data=traces, layout=layout)
    return fig


# --- routes compared -----------------------------------------------------------


def routes(plan: Plan, *, title: str | None = None) -> go.Figure:
    """The plan's routes side by side, one row each, to compare them.

    Each row shows a route's critical steps (the chain that decides its date)
    as labelled bars, a pale span from its latest start to the target, and a
    diamond at its earliest finish (the earliest target the work alone allows);
    the row's label says whether the route is feasible and how much slack it
    has. A plan without routes gets one row for the whole plan.

    Parameters
    ----------
    plan
        A validated plan.
    title
        The chart title; default "Routes compared: <plan title>".

    Returns
    -------
    plotly.graph_objects.Figure
    """
    all_results = schedule_routes(plan)
    results: list[tuple[str, Schedule]] = []
    if plan.routes:
        for r in plan.routes:
            results.append((r.title, all_results[r.id]))
    else:
        results.append(("Whole plan", all_results[None]))
    colors = _palette([r.id for r in plan.routes] or ["plan"])
    first = _day(results[0][1].first_day)
    target = _day(plan.target)

    traces: list[dict[str, Any]] = []
    ticktext: list[str] = []
    lo, hi = first, target + _ONE_DAY
    span_x: list[int] = []
    span_base: list[str] = []
    span_hover: list[str] = []
    ef_x: list[str] = []
    ef_hover: list[str] = []
    for row, (name, res) in enumerate(results):
        color = list(colors.values())[row % len(colors)]
        start = res.start.astype("datetime64[D]")
        finish = res.finish.astype("datetime64[D]")
        s0 = start.min()
        lo = min(lo, s0)
        hi = max(hi, _day(res.earliest_finish) + _ONE_DAY)
        done = _day(res.earliest_finish) + _ONE_DAY
        span_base.append(str(first))
        span_x.append(int((done - first).astype("timedelta64[D]").astype("int64")) * _DAY_MS)
        slack = int(res.slack_days.min())
        state = (
            "feasible" if res.feasible else f"late by {_plural(res.late_by_days, 'working day')}"
        )
        span_hover.append(
            f"<b>{html.escape(name)}</b><br>Started now, the work alone is done by "
            f"{_fmt(res.earliest_finish)}<br>Latest start {_fmt(s0)}<br>{html.escape(res.verdict)}"
        )
        ticktext.append(
            f"<b>{html.escape(_clip(name, 36))}</b><br>"
            f"<span style='font-size:11px'>{state}, slack {_plural(slack, 'working day')}<br>"
            f"earliest finish {_fmt(res.earliest_finish)}</span>"
        )
        ef_x.append(str(_day(res.earliest_finish) + _ONE_DAY))
        ef_hover.append(
            f"<b>{html.escape(name)}</b><br>Earliest finish: {_fmt(res.earliest_finish)}"
            f"<br>(the work alone, starting {_fmt(res.first_day)})"
        )
        idx = np.flatnonzero(res.critical & ~res.milestone)
        if idx.size:
            length = ((finish[idx] + _ONE_DAY) - start[idx]).astype("timedelta64[D]").astype(
                "int64"
            ) * _DAY_MS
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "base": _iso(start[idx]),
                    "x": length.tolist(),
                    "y": [row] * idx.size,
                    "name": f"{_clip(name, 30)}: critical steps, as late as possible",
                    "text": [html.escape(res.steps[k].title or res.ids[k]) for k in idx],
                    "textposition": "inside",
                    "insidetextanchor": "middle",
                    "textfont": {"color": "white", "size": 12},
                    "textangle": 0,
                    "customdata": [res.ids[k] for k in idx],
                    "hovertext": [
                        f"<b>{html.escape(res.steps[k].title or res.ids[k])}</b> ({res.ids[k]})<br>"
                        f"{_fmt(start[k])} → {_fmt(finish[k])}<br>"
                        f"{_plural(int(res.duration_days[k]), 'working day')}, critical"
                        for k in idx
                    ],
                    "hovertemplate": "%{hovertext}<extra></extra>",
                    "marker": {"color": color, "line": {"color": "white", "width": 1}},
                    "width": 0.5,
                    "legendrank": 100 + row,
                }
            )
    n = len(results)
    traces.insert(
        0,
        {
            "type": "bar",
            "orientation": "h",
            "base": span_base,
            "x": span_x,
            "y": list(range(n)),
            "name": "Started now, done by the diamond",
            "marker": {"color": COLORS["dependency"], "line": {"width": 0}},
            "width": 0.12,
            "hovertext": span_hover,
            "hovertemplate": "%{hovertext}<extra></extra>",
            "legendrank": 50,
        },
    )
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": ef_x,
            "y": list(range(n)),
            "name": "Earliest finish (the work alone, started now)",
            "marker": {
                "symbol": "diamond",
                "size": 14,
                "color": COLORS["milestone"],
                "line": {"color": COLORS["outline"], "width": 1.5},
            },
            "hovertext": ef_hover,
            "hovertemplate": "%{hovertext}<extra></extra>",
            "cliponaxis": False,
            "legendrank": 500,
        }
    )
    pad = max(np.timedelta64(2, "D"), (hi - lo) // 40)
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    start_label = f"Start {_fmt(first)}" if plan.start is not None else f"Today {_fmt(first)}"
    for day, label, color, dash, side in (
        (first, start_label, COLORS["start"], "dash", "right"),
        (target + _ONE_DAY, f"Target {_fmt(target)}", COLORS["target"], "solid", "left"),
    ):
        line, note = _date_line(day, label, color, dash=dash, side=side)
        shapes.append(line)
        notes.append(note)
    heading = html.escape(title if title is not None else f"Routes compared: {plan.title}")
    top, bottom, row_px = 90, 60, 90
    height = top + bottom + max(n * row_px, len(traces) * _LEGEND_ENTRY_PX)
    layout = _base_layout(f"<b>{heading}</b>", height)
    layout.update(
        margin={"t": top, "b": bottom, "l": 10, "r": 10},
        legend=_legend(),
        shapes=shapes,
        annotations=notes,
        bargap=0.2,
        uniformtext={"mode": "hide", "minsize": 10},
    )
    layout["xaxis"]["range"] = [str(lo - pad), str(hi + pad)]
    layout["yaxis"] = {
        "range": [n - 0.5, -0.5],
        "tickvals": list(range(n)),
        "ticktext": ticktext,
        "automargin": True,
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
    }
    return go.Figure(data=traces, layout=layout)


#: ``careerlib.routes_chart``: :func:`routes` under a name that says it draws.
routes_chart = routes
