"""Charts for the client: the Gantt chart of a schedule, the routes compared, the gaps.

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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from careerlib._speedups import skip_slow_optional_imports
from careerlib.scheduler import Schedule, schedule_routes

# A figure shown in a notebook imports nbformat -> jsonschema: keep the slow
# optional part of that out (see careerlib._speedups).
skip_slow_optional_imports()

if TYPE_CHECKING:
    from careerlib.models import Plan

__all__ = [
    "COLORS",
    "COLOR_BY",
    "GROUP_BY",
    "LOAD_COLORS",
    "assessment_chart",
    "gantt",
    "goal_tree_chart",
    "obstacles_chart",
    "occupations_chart",
    "peer_chart",
    "progress_chart",
    "routes",
    "routes_chart",
    "skills_chart",
    "weekly_load_chart",
]

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

_NARROW = frozenset("iljtfrI.,:;|!'()[] ")
_WIDE = frozenset("mwMW@%")


def _text_px(text: str, size: float) -> float:
    """About how wide ``text`` is in Helvetica/Arial at ``size`` px (bold when in ``<b>``).

    Used to set the left margin of a chart to its labels beforehand: plotly's
    ``automargin`` then has nothing to redo, which halves the time an image of a
    200-step chart takes to render. Errs on the wide side.
    """
    bold = text.startswith("<b>")
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    em = 0.0
    for ch in plain:
        if ch in _NARROW:
            em += 0.3
        elif ch in _WIDE:
            em += 0.9
        elif ch.isupper():
            em += 0.7
        else:
            em += 0.56
    return em * size * (1.1 if bold else 1.0)


def _date_line(
    day: np.datetime64,
    label: str,
    color: str,
    *,
    dash: str = "solid",
    side: str = "left",
    lane: int = 0,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A vertical line at the start of ``day`` with a label above the plot.

    Drawn as a shape and an annotation: ``add_vline(annotation_text=...)`` fails
    on date axes (plotly issue 3065). ``side`` is where the label sits; ``lane``
    1 raises it one line, clear of the labels of lane 0.
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
        "yshift": 16 * lane,
        "text": f"<b>{html.escape(label)}</b>",
        "showarrow": False,
        "font": {"color": color, "size": 12},
        "name": label,
    }
    return shape, note


_LANE_PX = 16
#: The plot width [px] that label collisions are judged on (a 1400 px image).
_PLOT_PX = 900
#: Width the legend at the right of the Gantt chart takes [px].
_LEGEND_PX = 290


def _label_lanes(
    fixed: list[tuple[np.datetime64, str, str]],
    labels: list[tuple[np.datetime64, str, str]],
    lo: np.datetime64,
    hi: np.datetime64,
    plot_px: float = 900,
) -> list[int]:
    """A lane (0, 1, 2...: a line higher each) for each label above the plot, so none overlap.

    ``fixed`` labels stay in lane 0; each of ``labels`` takes the lowest lane
    where it overlaps nothing. A label is ``(day, text, side)``, ``side`` being
    where the text sits: ``"left"``, ``"right"`` of the day, or ``"middle"``.
    """
    days = max(int((hi - lo).astype("timedelta64[D]").astype("int64")), 1)

    def span(day: np.datetime64, text: str, side: str) -> tuple[float, float]:
        x = int((day - lo).astype("timedelta64[D]").astype("int64")) / days * plot_px
        w = _text_px(text, 12) * 1.1 + 8
        return {"left": (x - w, x), "right": (x, x + w)}.get(side, (x - w / 2, x + w / 2))

    taken: list[tuple[int, float, float]] = [(0, *span(*f)) for f in fixed]
    out = []
    for label in labels:
        a, b = span(*label)
        lane = 0
        while any(t == lane and a < z and y < b for t, y, z in taken):
            lane += 1
        taken.append((lane, a, b))
        out.append(lane)
    return out


def _closed_days(
    result: Schedule, lo: np.datetime64, hi: np.datetime64
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Shaded bands for blackouts and holidays in ``[lo, hi]``, and the blackouts' labels.

    Shapes stay out of the legend; :func:`_closed_legend` gives them one entry.
    A blackout is labelled with its reason above its band.
    """
    plan = result.plan
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    blackout_days: set[Any] = set()
    for b in plan.calendar.blackouts:
        a, z = _day(b.start), _day(b.end)
        blackout_days.update(np.arange(a, z + _ONE_DAY).tolist())
        if z < lo or a > hi:
            continue
        name = f"Blackout: {b.reason}" if b.reason else "Blackout"
        shapes.append(_band(a, z + _ONE_DAY, name))
        notes.append(
            {
                "xref": "x",
                "yref": "paper",
                "x": str(a + (z + _ONE_DAY - a) // 2),
                "y": 1,
                "yanchor": "bottom",
                "text": f"<i>{html.escape(b.reason or 'blackout')}</i>",
                "showarrow": False,
                "font": {"size": 10, "color": "#5D6D7E"},
                "bgcolor": "rgba(255,255,255,0.7)",
                "name": name,
            }
        )
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
    return shapes, notes


def _legend_only(name: str, marker: dict[str, Any], rank: int) -> dict[str, Any]:
    """An empty trace that only puts an entry in the legend."""
    return {
        "type": "bar",
        "orientation": "h",
        "x": [None],
        "y": [None],
        "name": name,
        "marker": marker,
        "hoverinfo": "skip",
        "legendrank": rank,
    }


def _closed_legend() -> dict[str, Any]:
    """The legend entry of the shaded blackouts and holidays."""
    marker = {"color": COLORS["closed"], "line": {"width": 0}}
    return _legend_only("Blackout or holiday", marker, 900)


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


def _legend_below() -> dict[str, Any]:
    """A legend in rows under the plot, below the date axis."""
    return {
        "orientation": "h",
        "yref": "container",
        "y": 0,
        "yanchor": "bottom",
        "x": 0,
        "xanchor": "left",
        "font": {"size": 12},
        "traceorder": "normal",
        "bgcolor": "rgba(255,255,255,0.9)",
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


@dataclass(frozen=True)
class _Rows:
    """Where each step is drawn: ``y[k]`` is the row of step ``k`` (0 at the top)."""

    y: np.ndarray
    tickvals: list[float]
    ticktext: list[str]
    headers: list[tuple[int, str]]

    @property
    def count(self) -> int:
        return max(len(self.tickvals), 1)


def _layout_rows(result: Schedule, kind: str, sort: str, label_width: int) -> _Rows:
    """One row per step, plus a header row per group when there are several groups."""
    titles = _group_titles(result, kind)
    grouped = _rows(result, _group_of(result, kind), sort)
    show_headers = kind != "none" and len(grouped) > 1
    y = np.zeros(len(result), dtype=float)
    tickvals: list[float] = []
    ticktext: list[str] = []
    headers: list[tuple[int, str]] = []
    for g, members in grouped:
        if show_headers:
            label = titles.get(g) or str(g)
            headers.append((len(tickvals), label))
            tickvals.append(len(tickvals))
            ticktext.append(f"<b>{html.escape(_clip(label, label_width))}</b>")
        for k in members:
            y[k] = len(tickvals)
            tickvals.append(len(tickvals))
            ticktext.append(html.escape(_clip(result.steps[k].title or result.ids[k], label_width)))
    return _Rows(y, tickvals, ticktext, headers)


def _hover_texts(result: Schedule) -> np.ndarray:
    """For each step: its title and id, dates, duration, slack, deadline, goal and route."""
    plan = result.plan
    goal_titles = {g.id: g.title for g in plan.goals}
    route_titles = {r.id: r.title for r in plan.routes}
    starts, finishes, earliest = _iso(result.start), _iso(result.finish), _iso(result.early_start)
    out = []
    for k, step in enumerate(result.steps):
        slack = int(result.slack_days[k])
        lines = [f"<b>{html.escape(step.title or step.id)}</b> ({html.escape(step.id)})"]
        if result.milestone[k]:
            lines.append(f"Milestone on {_fmt(starts[k])}")
        else:
            lines.append(f"{_fmt(starts[k])} → {_fmt(finishes[k])}")
            lines.append(f"Duration: {_plural(int(result.duration_days[k]), 'working day')}")
        lines.append(
            f"Slack: {_plural(slack, 'working day')}"
            + (" (critical)" if result.critical[k] else "")
            + (f"; could start {_fmt(earliest[k])}" if slack > 0 else "")
        )
        if step.deadline is not None:
            lines.append(f"Deadline: {_fmt(step.deadline)}")
        if step.goal:
            lines.append(f"Goal: {html.escape(goal_titles.get(step.goal, step.goal))}")
        route_name = route_titles.get(step.route, step.route) if step.route else "every route"
        lines.append(f"Route: {html.escape(route_name)}")
        if result.buffer_days[k]:
            lines.append(f"Buffer after it: {_plural(int(result.buffer_days[k]), 'working day')}")
        out.append("<br>".join(lines))
    return np.asarray(out, dtype=object)


@dataclass(frozen=True)
class _Steps:
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

    @classmethod
    def of(cls, result: Schedule, y: np.ndarray) -> _Steps:
        return cls(
            result=result,
            y=y,
            hover=_hover_texts(result),
            ids=np.asarray(result.ids, dtype=object),
            start=result.start.astype("datetime64[D]"),
            end=result.finish.astype("datetime64[D]") + _ONE_DAY,
            early=result.early_start.astype("datetime64[D]"),
            milestone=result.milestone.astype(bool),
            critical=result.critical.astype(bool),
        )

    def bars(self, idx: np.ndarray, a: np.ndarray, z: np.ndarray, **kw: Any) -> dict[str, Any]:
        """Horizontal bars over the days ``[a, z)`` of the steps ``idx``."""
        length = (z[idx] - a[idx]).astype("timedelta64[D]").astype("int64") * _DAY_MS
        return {
            "type": "bar",
            "orientation": "h",
            "base": _iso(a[idx]),
            "x": length.tolist(),
            "y": self.y[idx].tolist(),
            "customdata": self.ids[idx].tolist(),
            "hovertext": self.hover[idx].tolist(),
            "hovertemplate": "%{hovertext}<extra></extra>",
            "width": 0.62,
            **kw,
        }


def _slack_trace(s: _Steps) -> list[dict[str, Any]]:
    """Pale bars from each step's earliest start to its latest start."""
    idx = np.flatnonzero(s.result.slack_days > 0)
    if not idx.size:
        return []
    until = np.where(s.milestone, s.start + _ONE_DAY, s.start)
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


def _step_traces(s: _Steps, color_by: str) -> list[dict[str, Any]]:
    """The bars of the steps that take time, one trace per colour."""
    result, plan = s.result, s.result.plan
    bar = ~s.milestone
    crit = s.critical
    if color_by == "criticality":
        series = [
            ("Critical step: a delay moves the target", crit & bar, COLORS["critical"]),
            ("Step with slack", ~crit & bar, COLORS["step"]),
        ]
    else:
        own = _group_of(result, color_by)
        kinds = plan.goals if color_by == "goal" else plan.routes
        names = {k.id: k.title for k in kinds}
        order = [k.id for k in kinds if k.id in set(own)]
        colors = _palette(order)
        series = [
            (_clip(names[g], 40), np.array([o == g for o in own]) & bar, colors[g]) for g in order
        ]
        if None in own:
            other = "No goal" if color_by == "goal" else "Every route"
            series.insert(0, (other, np.array([o is None for o in own]) & bar, _NO_GROUP_COLOR))
    traces = []
    for rank, (name, mask, color) in enumerate(series):
        idx = np.flatnonzero(mask)
        if not idx.size:
            continue
        line: dict[str, Any] = {"width": 0}
        if color_by != "criticality":  # critical steps are outlined
            line = {
                "color": np.where(crit[idx], COLORS["outline"], "rgba(0,0,0,0)").tolist(),
                "width": np.where(crit[idx], 2, 0).tolist(),
            }
        marker = {"color": color, "line": line}
        traces.append(s.bars(idx, s.start, s.end, name=name, marker=marker, legendrank=100 + rank))
    if color_by != "criticality" and (crit & bar).any():
        outlined = {"color": "white", "line": {"color": COLORS["outline"], "width": 2}}
        traces.append(
            _legend_only("Critical step (outlined): a delay moves the target", outlined, 200)
        )
    return traces


def _too_late_trace(s: _Steps) -> list[dict[str, Any]]:
    """For a plan that is not feasible: the part of the work before the start, hatched amber."""
    first = _day(s.result.first_day)
    idx = np.flatnonzero(~s.milestone & (s.start < first))
    if not idx.size:
        return []
    marker = {
        "color": COLORS["late"],
        "pattern": {"shape": "/", "fgcolor": "rgba(255,255,255,0.7)", "solidity": 0.3},
        "line": {"color": COLORS["critical"], "width": 1},
    }
    name = "Too late: would have to happen before the start"
    return [
        s.bars(idx, s.start, np.minimum(s.end, first), name=name, marker=marker, legendrank=250)
    ]


def _dependency_trace(s: _Steps) -> list[dict[str, Any]]:
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


def _milestone_trace(s: _Steps) -> list[dict[str, Any]]:
    """Gold diamonds at the end of each milestone's day; critical ones ringed in red."""
    idx = np.flatnonzero(s.milestone)
    if not idx.size:
        return []
    crit = s.critical[idx]
    return [
        {
            "type": "scatter",
            "mode": "markers",
            "x": _iso(s.end[idx]),
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


def _deadline_trace(s: _Steps) -> list[dict[str, Any]]:
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
            "x": _iso(days + _ONE_DAY),
            "y": s.y[idx].tolist(),
            "customdata": s.ids[idx].tolist(),
            "hovertext": [
                f"<b>Deadline</b> of {html.escape(steps[k].title or steps[k].id)}: "
                f"{_fmt(steps[k].deadline)}"
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


def _checkpoint_traces(result: Schedule) -> list[dict[str, Any]]:
    """Review dates of the cadence, and reviews held, as ticks along the bottom.

    They are drawn on a hidden 0..1 axis (``y2``) over the rows.
    """
    cp = result.plan.checkpoints
    days = _checkpoint_days(result)
    if cp is None or not days.size:
        return []

    def ticks(x: np.ndarray, name: str, marker: dict[str, Any], rank: int) -> dict[str, Any]:
        return {
            "type": "scatter",
            "mode": "markers",
            "x": _iso(x),
            "y": [0.0] * x.size,
            "yaxis": "y2",
            "name": name,
            "marker": {"symbol": "triangle-up", **marker},
            "hovertemplate": f"{name} %{{x|%a %d %b %Y}}<extra></extra>",
            "cliponaxis": False,
            "legendrank": rank,
        }

    out = [
        ticks(
            days,
            f"Checkpoint review ({cp.cadence})",
            {"size": 9, "color": COLORS["checkpoint"]},
            600,
        )
    ]
    held = np.array(sorted(r.date for r in cp.reviews), dtype="datetime64[D]")
    if held.size:
        marker = {"size": 11, "color": COLORS["target"], "line": {"color": "white", "width": 1}}
        out.append(ticks(held, "Review held", marker, 610))
    return out


def _group_bands(rows: _Rows) -> list[dict[str, Any]]:
    """A faint band across the chart behind each group's header row."""
    return [
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
            "name": f"group {label}",
        }
        for r, label in rows.headers
    ]


def _gantt_title(result: Schedule, title: str | None) -> tuple[str, str]:
    """The title, and under it: owner, route, steps, dates, and the verdict in colour."""
    plan = result.plan
    owner = f"{html.escape(plan.owner)} · " if plan.owner else ""
    route = ""
    if result.route is not None:
        names = {r.id: r.title for r in plan.routes}
        route = f"Route: {html.escape(names.get(result.route, result.route))} · "
    color = COLORS["target"] if result.feasible else COLORS["critical"]
    heading = html.escape(title if title is not None else plan.title)
    subtitle = (
        f"{owner}{route}{_plural(len(result), 'step')}, {_fmt(result.first_day)} → "
        f"target {_fmt(plan.target)}"
        f"<br><span style='color:{color}'>{html.escape(result.verdict)}</span>"
    )
    return f"<b>{heading}</b>", subtitle


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
    width: int | None = None,
    legend: Literal["right", "bottom"] = "right",
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
    is hatched amber and the verdict is under the title.

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
        entry, so a click in the legend hides them too).
    show_slack, show_closed_days, show_checkpoints
        Draw the slack extensions, the shaded blackouts and holidays, the
        checkpoint ticks.
    sort
        Within a group, steps by ``"start"`` date (a waterfall) or in ``"plan"`` order.
    today
        Also draw a "Today" line on this date (for a review of a running plan).
    title
        The chart title; default: the plan's title. The verdict is always under it.
    label_width
        Step titles on the y axis are clipped to this many characters.
    width
        The figure's width [px]; by default plotly's (the page's). Given, the
        labels of the date lines are laid out for the plot area that is left.
    legend
        ``"right"`` (one entry a line beside the plot) or ``"bottom"`` (in rows
        under it, leaving the plot the whole width: for narrow figures).

    Returns
    -------
    plotly.graph_objects.Figure
        Its height grows with the number of steps [px]; its width follows the page.

    Raises
    ------
    ValueError
        For an unknown ``color_by``, ``group_by`` or ``sort`` (the message lists the valid ones).
    """
    if color_by not in COLOR_BY:
        raise ValueError(f"unknown color_by {color_by!r}; valid: {', '.join(COLOR_BY)}")
    if sort not in ("start", "plan"):
        raise ValueError(f"unknown sort {sort!r}; valid: start, plan")
    result = schedule
    rows = _layout_rows(result, _resolve_group_by(result, group_by, color_by), sort, label_width)
    s = _Steps.of(result, rows.y)

    traces = _slack_trace(s) if show_slack else []
    traces += _step_traces(s, color_by)
    traces += _too_late_trace(s)
    traces += _dependency_trace(s) if show_dependencies else []
    traces += _milestone_trace(s)
    traces += _deadline_trace(s)
    traces += _checkpoint_traces(result) if show_checkpoints else []

    # x range: from the earliest thing drawn to a little past the target and deadlines
    first = _day(result.first_day)
    target = _day(result.plan.target)
    deadlines = [_day(st.deadline) + _ONE_DAY for st in result.steps if st.deadline is not None]
    # a late plan also shows the earliest target the work allows
    realistic = _day(result.earliest_finish) + _ONE_DAY
    show_realistic = not result.feasible and result.earliest_finish > result.target_day
    lo = min(s.start.min(), s.early.min(), first)
    hi = max(s.end.max(), target + _ONE_DAY, *deadlines, *([realistic] if show_realistic else []))
    pad = max(np.timedelta64(2, "D"), (hi - lo) // 40)

    shapes = _group_bands(rows)
    notes: list[dict[str, Any]] = []
    if show_closed_days:
        closed, labels = _closed_days(result, lo - pad, hi + pad)
        shapes += closed
        notes += labels
        if closed:
            traces.append(_closed_legend())
    start_label = "Start" if result.plan.start is not None else "Today"
    lines = [
        (first, f"{start_label} {_fmt(first)}", COLORS["start"], "dash", "right"),
        (target + _ONE_DAY, f"Target {_fmt(target)}", COLORS["target"], "solid", "left"),
    ]
    if show_realistic:
        label = f"Earliest realistic target {_fmt(result.earliest_finish)}"
        lines.append((realistic, label, COLORS["late"], "dot", "left"))
    if today is not None and _day(today) != first:
        lines.append((_day(today), f"Today {_fmt(today)}", COLORS["late"], "dot", "right"))
    row_px = 30 if rows.count <= 20 else 24 if rows.count <= 60 else 20
    font_px = 12 if rows.count <= 60 else 11
    left = int(max((_text_px(t, font_px) for t in rows.ticktext), default=0)) + 16
    # the plot area the date labels share: the figure less the row labels and the legend
    if legend not in ("right", "bottom"):
        raise ValueError(f"legend must be 'right' or 'bottom', got {legend!r}")
    beside = _LEGEND_PX if legend == "right" else 0
    plot_px = _PLOT_PX if width is None else max(width - left - beside - 10, 200)
    taken = [(_day(n["x"]), n["text"], "middle") for n in notes]  # blackout labels
    lanes = _label_lanes(
        taken, [(d, lab, side) for d, lab, _, _, side in lines], lo - pad, hi + pad, plot_px
    )
    for (day, label, color, dash, side), lane in zip(lines, lanes, strict=True):
        line, note = _date_line(day, label, color, dash=dash, side=side, lane=lane)
        shapes.append(line)
        notes.append(note)

    top, bottom = 120 + _LANE_PX * max(lanes), 60
    entries = sum(1 for t in traces if t.get("showlegend", True))
    if legend == "bottom":
        # entries are up to about 290 px wide, side by side across the plot area
        per_row = max(1, int(((width or (_PLOT_PX + left)) - left) // 290))
        bottom += _LEGEND_ENTRY_PX * -(-entries // per_row) + 10
        height = top + bottom + max(rows.count * row_px, 120)
    else:
        height = top + bottom + max(rows.count * row_px, entries * _LEGEND_ENTRY_PX, 120)
    heading, subtitle = _gantt_title(result, title)
    layout = _base_layout(heading, height, subtitle)
    layout.update(
        margin={"t": top, "b": bottom, "l": left, "r": 10, "autoexpand": True},
        legend=_legend() if legend == "right" else _legend_below(),
        shapes=shapes,
        annotations=notes,
        showlegend=True,
    )
    if width is not None:
        layout["width"] = width
    layout["xaxis"]["range"] = [str(lo - pad), str(hi + pad)]
    layout["yaxis"] = {
        "range": [rows.count - 0.5, -0.5],
        "tickvals": rows.tickvals,
        "ticktext": rows.ticktext,
        "showgrid": False,
        "zeroline": False,
        "automargin": True,
        "fixedrange": True,
        "ticks": "",
        "tickfont": {"size": font_px},
    }
    layout["yaxis2"] = {"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True}
    return go.Figure(data=traces, layout=layout)


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


# --- gap analyses ---------------------------------------------------------------

_STATUS_COLORS = {"met": "#2ca02c", "addressed": "#ff7f0e", "unaddressed": "#d62728"}
_LEVEL_COLORS = {
    "organizational": "#1f77b4",
    "department": "#2ca02c",
    "professional": "#ff7f0e",
    "personal": "#9467bd",
    "step": "#c7c7c7",
}


def _attribution(fig: go.Figure) -> go.Figure:
    """Add O*NET's attribution under the plot."""
    from careerlib.onet import SHORT_ATTRIBUTION

    fig.add_annotation(
        text=SHORT_ATTRIBUTION,
        xref="paper",
        yref="paper",
        x=0,
        y=-0.12,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 9, "color": "#666666"},
    )
    fig.update_layout(margin={"b": 90})
    return fig


def skills_chart(
    gaps: pd.DataFrame,
    *,
    title: str = "Skills gap against the target role",
    top: int | None = 25,
    attribution: bool = True,
) -> go.Figure:
    """Required level against the client's level for each skill, most weighted gap first.

    Parameters
    ----------
    gaps
        A :func:`careerlib.gaps.skills_gap` frame.
    top
        Show this many skills (by weighted gap); None for all.
    attribution
        Show O*NET's attribution (leave it on when the requirements come from O*NET).

    The bars are the required level (0-7), coloured by status: met, addressed
    by a step, or unaddressed (no step develops it: flagged in red and with a
    "!" after the name); the diamonds are the client's level.
    """
    frame = gaps if top is None else gaps.head(top)
    frame = frame.iloc[::-1]  # plotly draws the first category at the bottom
    names = [
        f"{n} !" if s == "unaddressed" else str(n)
        for n, s in zip(frame.index, frame["status"], strict=True)
    ]
    hover = [
        f"{n}<br>required {r:.2f}, client {'n/a' if pd.isna(c) else f'{c:.2f}'}<br>"
        f"importance {i:.2f}, weighted gap {w:.2f}<br>steps: {', '.join(st) or 'none'}"
        for n, r, c, i, w, st in zip(
            frame.index,
            frame["required"],
            frame["client"],
            frame["importance"],
            frame["weighted_gap"],
            frame["steps"],
            strict=True,
        )
    ]
    fig = go.Figure()
    for status, color in _STATUS_COLORS.items():
        mask = (frame["status"] == status).to_numpy()
        if not mask.any():
            continue
        fig.add_trace(
            go.Bar(
                y=np.asarray(names)[mask],
                x=frame["required"].to_numpy()[mask],
                orientation="h",
                name=f"required ({status})",
                marker_color=color,
                opacity=0.55,
                hovertext=np.asarray(hover)[mask],
                hoverinfo="text",
            )
        )
    fig.add_trace(
        go.Scatter(
            y=names,
            x=frame["client"],
            mode="markers",
            name="client",
            marker={"symbol": "diamond", "size": 10, "color": "black"},
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.update_layout(
        title=title,
        barmode="overlay",
        xaxis={"title": "level (O*NET level scale 0-7)", "range": [0, 7]},
        yaxis={"categoryorder": "array", "categoryarray": names},
        height=max(350, 24 * len(frame) + 150),
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
    )
    return _attribution(fig) if attribution else fig


def peer_chart(
    benchmark: pd.DataFrame,
    peers: pd.DataFrame,
    *,
    title: str = "The organization against its peers",
    client_name: str = "client",
    columns: int = 3,
) -> go.Figure:
    """One small panel per metric: the peers' distribution with the client marked.

    Parameters
    ----------
    benchmark
        A :func:`careerlib.gaps.peer_benchmark` frame.
    peers
        The peer table it was computed from (one column per metric).
    client_name
        Label of the client's marker.
    columns
        Panels per row.

    Each panel shows every peer as a dot over a box (quartiles and median),
    the client as a red diamond, and in its title the client's percentile in
    the direction that counts as better.
    """
    metrics = list(benchmark.index)
    rows = max(1, -(-len(metrics) // columns))
    titles = [
        f"{benchmark.at[m, 'label']} ({benchmark.at[m, 'better']} is better)<br>"
        f"<sup>better than {benchmark.at[m, 'better_than']:.0f}% of peers</sup>"
        for m in metrics
    ]
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=titles, vertical_spacing=0.12)
    for k, metric in enumerate(metrics):
        r, c = divmod(k, columns)
        values = pd.to_numeric(peers[metric], errors="coerce").dropna()
        fig.add_trace(
            go.Box(
                y=values,
                name="peers",
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                marker={"color": "#7f7f7f", "size": 5},
                line={"color": "#1f77b4"},
                showlegend=k == 0,
                legendgroup="peers",
                hovertext=list(values.index),
            ),
            row=r + 1,
            col=c + 1,
        )
        fig.add_trace(
            go.Scatter(
                x=["peers"],
                y=[benchmark.at[metric, "value"]],
                mode="markers",
                name=client_name,
                marker={"symbol": "diamond", "size": 14, "color": "#d62728"},
                showlegend=k == 0,
                legendgroup="client",
                hovertext=(
                    f"{client_name}: {benchmark.at[metric, 'value']} {benchmark.at[metric, 'unit']}"
                ),
                hoverinfo="text",
            ),
            row=r + 1,
            col=c + 1,
        )
        fig.update_yaxes(title_text=str(benchmark.at[metric, "unit"]), row=r + 1, col=c + 1)
    fig.update_xaxes(showticklabels=False)
    fig.update_layout(title=title, height=320 * rows + 80, showlegend=True)
    fig.update_annotations(font_size=11)
    return fig


def progress_chart(progress: Any, *, title: str | None = None) -> go.Figure:
    """Planned against reported progress per step at a checkpoint.

    Parameters
    ----------
    progress
        A :class:`careerlib.gaps.Progress`.

    Steps behind plan are marked red. The title gives the overall planned and
    actual percent and says when the reviews have gathered dust.
    """
    frame = progress.steps.iloc[::-1]
    ids = list(frame.index)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=ids, x=frame["planned"] * 100, orientation="h", name="planned", marker_color="#aec7e8"
        )
    )
    fig.add_trace(
        go.Bar(
            y=ids,
            x=frame["actual"] * 100,
            orientation="h",
            name="reported",
            marker_color=np.where(frame["behind"], "#d62728", "#1f77b4").tolist(),
        )
    )
    when = progress.review_date or progress.as_of
    heading = title or (
        f"Progress at {when}: planned {progress.planned_pct:.0f}%, "
        f"reported {progress.actual_pct:.0f}%"
    )
    if progress.stale:
        heading += " (stale: the plan has gathered dust)"
    fig.update_layout(
        title=heading,
        barmode="group",
        xaxis={"title": "progress of the step [%]", "range": [0, 100]},
        height=max(300, 40 * len(ids) + 150),
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
    )
    return fig


def goal_tree_chart(
    alignment: Any, *, kind: str = "sunburst", title: str = "Goal alignment"
) -> go.Figure:
    """The goal tree as a sunburst (or icicle): organizational goals at the centre, steps outside.

    Parameters
    ----------
    alignment
        A :class:`careerlib.gaps.Alignment`.
    kind
        ``"sunburst"`` or ``"icicle"``.

    Goals are coloured by level; orphan and unserved goals get a "(orphan)" or
    "(no step)" label, and steps that serve no goal sit at the root level.
    """
    tree = alignment.tree
    labels = []
    for node_id, label, node_kind in zip(tree["id"], tree["label"], tree["kind"], strict=True):
        text = str(label)
        if node_kind == "goal":
            gid = node_id.split(":", 1)[1]
            if gid in alignment.orphan_goals:
                text += " (orphan)"
            if gid in alignment.unserved_goals:
                text += " (no step)"
        elif not tree.loc[tree["id"] == node_id, "parent"].iloc[0]:
            text += " (no goal)"
        labels.append(text)
    colors = [_LEVEL_COLORS.get(level, "#c7c7c7") for level in tree["level"]]
    common = {
        "ids": tree["id"],
        "parents": tree["parent"],
        "labels": labels,
        "marker": {"colors": colors},
        "hovertext": [f"{lv}: {lb}" for lv, lb in zip(tree["level"], labels, strict=True)],
        "hoverinfo": "text",
    }
    if kind == "sunburst":
        trace: Any = go.Sunburst(**common)
    elif kind == "icicle":
        trace = go.Icicle(**common)
    else:
        raise ValueError(f"kind must be 'sunburst' or 'icicle', got {kind!r}")
    fig = go.Figure(trace)
    fig.update_layout(title=title, height=600, margin={"t": 60, "l": 10, "r": 10, "b": 10})
    return fig


def occupations_chart(
    routes: pd.DataFrame, *, title: str = "Occupations worth considering"
) -> go.Figure:
    """The route finder's occupations: weighted skills gap against interest fit.

    Parameters
    ----------
    routes
        A :func:`careerlib.gaps.find_routes` frame.

    Each occupation is a dot (size: job zone, the preparation it needs) with
    its typical education in the hover text; the best routes sit low and to
    the right. Carries O*NET's attribution.
    """
    fit = routes["fit"].fillna(0.0)
    zone = routes["job_zone"].fillna(3).astype(float)
    fig = go.Figure(
        go.Scatter(
            x=fit,
            y=routes["weighted_gap"],
            mode="markers+text",
            text=[str(r) for r in routes.index],
            textposition="top center",
            marker={
                "size": 8 + 4 * zone,
                "color": zone,
                "colorscale": "Viridis",
                "showscale": True,
                "colorbar": {"title": "job zone"},
            },
            hovertext=[
                f"#{rank} {t} ({c})<br>gap {g:.2f}, fit {'n/a' if pd.isna(f) else f'{f:.2f}'}<br>"
                f"job zone {z}, {e}"
                for rank, t, c, g, f, z, e in zip(
                    routes.index,
                    routes["title"],
                    routes["code"],
                    routes["weighted_gap"],
                    routes["fit"],
                    routes["job_zone"],
                    routes["education"],
                    strict=True,
                )
            ],
            hoverinfo="text",
        )
    )
    fig.update_layout(
        title=title,
        xaxis={"title": "interest fit (RIASEC correlation, -1 to 1)"},
        yaxis={"title": "weighted skills gap [level points]"},
        height=500,
    )
    return _attribution(fig)


# --- know where you are: self-assessment and obstacles -------------------------


def assessment_chart(
    assessment: pd.DataFrame,
    *,
    role_title: str | None = None,
    title: str = "Where the client stands",
) -> go.Figure:
    """The self-assessment at a glance (from :func:`careerlib.gaps.self_assessment`).

    Two radar charts set the client's interests (RIASEC) and work values against
    the target occupation's O*NET profile (1-7); below them, talents and
    marketability factors as bars (1-5). The attribution is shown when the
    occupation's scores are drawn.
    """
    fig = make_subplots(
        rows=2,
        cols=2,
        specs=[[{"type": "polar"}, {"type": "polar"}], [{"type": "xy"}, {"type": "xy"}]],
        subplot_titles=(
            "Interests (RIASEC, 1-7)",
            "Motivating forces: work values (1-7)",
            "Talents (1-5)",
            "Marketability (1-5)",
        ),
        vertical_spacing=0.16,
        horizontal_spacing=0.28,  # room for the right-hand bars' labels
        row_heights=[0.58, 0.42],
    )
    has_role = False
    for col, kind in ((1, "interest"), (2, "value")):
        part = assessment[assessment["kind"] == kind]
        if part.empty:
            continue
        names = [*part["name"], part["name"].iloc[0]]
        fig.add_trace(
            go.Scatterpolar(
                r=[*part["rating"], part["rating"].iloc[0]],
                theta=names,
                name="Client",
                legendgroup="client",
                showlegend=col == 1,
                fill="toself",
                line={"color": "#1f77b4"},
                hovertext=[*part["note"].fillna(""), ""],
            ),
            row=1,
            col=col,
        )
        if part["role"].notna().any():
            has_role = True
            fig.add_trace(
                go.Scatterpolar(
                    r=[*part["role"], part["role"].iloc[0]],
                    theta=names,
                    name=role_title or "Target role",
                    legendgroup="role",
                    showlegend=col == 1,
                    line={"color": "#ff7f0e", "dash": "dash"},
                ),
                row=1,
                col=col,
            )
    for col, kind, color in ((1, "talent", "#2ca02c"), (2, "marketability", "#9467bd")):
        part = assessment[assessment["kind"] == kind]
        fig.add_trace(
            go.Bar(
                x=part["rating"],
                y=part["name"],
                orientation="h",
                marker_color=color,
                name=kind,
                showlegend=False,
                hovertext=part["note"].fillna(""),
            ),
            row=2,
            col=col,
        )
        fig.update_xaxes(range=[0, 5], row=2, col=col)
        fig.update_yaxes(autorange="reversed", row=2, col=col)
    fig.update_polars(radialaxis={"range": [0, 7]})
    fig.update_layout(
        title=title, height=820, template="plotly_white", legend={"orientation": "h", "y": 1.08}
    )
    if has_role:
        _attribution(fig)
    return fig


def obstacles_chart(
    obstacles: pd.DataFrame, *, title: str = "Obstacles: likelihood and impact"
) -> go.Figure:
    """A risk matrix of the plan's obstacles (from :func:`careerlib.gaps.obstacles`).

    Each obstacle is a marker at (likelihood, impact), sized and coloured by
    risk; hover shows its mitigation and contingency.
    """
    frame = obstacles.reset_index()
    jitter = frame.groupby(["likelihood", "impact"]).cumcount() * 0.12
    hover = [
        f"<b>{r.title}</b><br>risk {r.risk}<br>mitigation: {r.mitigation or '-'}"
        f"<br>contingency: {r.contingency or '-'}"
        for r in frame.itertuples()
    ]
    fig = go.Figure(
        go.Scatter(
            x=frame["likelihood"] + jitter,
            y=frame["impact"] + jitter,
            mode="markers+text",
            text=frame["id"],
            textposition="top center",
            hovertext=hover,
            hoverinfo="text",
            marker={
                "size": 12 + 2 * frame["risk"],
                "color": frame["risk"],
                "colorscale": [[0, "#2ca02c"], [0.5, "#ffbf00"], [1, "#d62728"]],
                "cmin": 1,
                "cmax": 25,
                "showscale": True,
                "colorbar": {"title": "risk"},
            },
            name="obstacles",
        )
    )
    fig.update_xaxes(title="likelihood (1-5)", range=[0.5, 5.8], dtick=1)
    fig.update_yaxes(title="impact (1-5)", range=[0.5, 5.8], dtick=1)
    fig.update_layout(title=title, height=480, template="plotly_white")
    return fig


# --- weekly load ---

#: Colours of the weekly load chart: hours within capacity, hours over it, capacity.
LOAD_COLORS = {"planned": "#4C78A8", "over": "#E45756", "capacity": "#333333"}


def weekly_load_chart(
    schedule: Schedule | None = None,
    *,
    frame: pd.DataFrame | None = None,
    title: str | None = None,
    height: int = 420,
) -> go.Figure:
    """Hours planned each week against the client's capacity, over-committed weeks marked.

    Parameters
    ----------
    schedule
        A schedule of a plan with effort steps (its :meth:`Schedule.load_frame`
        is drawn).
    frame
        Or a tidy frame indexed by week (Monday) with ``planned_hours`` and
        ``capacity_hours`` [hours], e.g. a what-if built by hand.
    title
        Chart title; by default the plan's title.
    height
        Figure height [px].

    Returns
    -------
    plotly.graph_objects.Figure
        Stacked bars: the hours within capacity (``planned``) and the hours
        beyond it (``over capacity``, in red, with the excess written on the
        bar), and the capacity as a stepped line (``capacity``).
    """
    if frame is None:
        if schedule is None:
            raise TypeError("weekly_load_chart needs a schedule or a frame")
        frame = schedule.load_frame()
        if title is None:
            title = f"{schedule.title}: weekly load"
    weeks = frame.index.to_numpy()
    planned = frame["planned_hours"].to_numpy(dtype=float)
    capacity = frame["capacity_hours"].to_numpy(dtype=float)
    within = np.minimum(planned, capacity)
    over = np.round(np.maximum(planned - capacity, 0.0), 6)
    over_text = [f"+{h:g} h" if h > 1e-6 else "" for h in over]
    hover = "week of %{x|%Y-%m-%d}<br>%{y:.1f} h<extra>%{fullData.name}</extra>"
    fig = go.Figure(
        [
            go.Bar(
                x=weeks,
                y=within,
                name="planned",
                marker_color=LOAD_COLORS["planned"],
                hovertemplate=hover,
            ),
            go.Bar(
                x=weeks,
                y=over,
                name="over capacity",
                marker_color=LOAD_COLORS["over"],
                text=over_text,
                textposition="outside",
                hovertemplate=hover,
            ),
            go.Scatter(
                x=weeks,
                y=capacity,
                name="capacity",
                mode="lines",
                line={"shape": "hvh", "color": LOAD_COLORS["capacity"], "dash": "dash"},
                hovertemplate=hover,
            ),
        ]
    )
    n_over = int((over > 1e-6).sum())
    subtitle = (
        f"{n_over} week{'s' if n_over != 1 else ''} over capacity" if n_over else "within capacity"
    )
    fig.update_layout(
        title={"text": f"{title or 'Weekly load'}<br><sup>{subtitle}</sup>"},
        barmode="stack",
        height=height,
        xaxis_title="week (Monday)",
        yaxis_title="hours",
        legend={"orientation": "h", "y": -0.2},
        bargap=0.15,
    )
    return fig
