"""The Gantt chart of a schedule: one row a step, under a header per goal or route.

:func:`gantt` stacks the layers built in :mod:`careerlib.charts._gantt_traces`
(slack, bars, dependencies, milestones, deadlines, checkpoints) over rows laid
out here, with the lines of the start and the target above the plot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import plotly.graph_objects as go

from careerlib._text import day_text, plural
from careerlib.charts._gantt_status import (
    BaselineBars,
    baseline_bars,
    baseline_trace,
    behind_traces,
    done_traces,
    new_step_titles,
    status_days,
    status_hover,
)
from careerlib.charts._gantt_traces import (
    Days,
    Steps,
    checkpoint_traces,
    closed_days,
    closed_legend,
    deadline_trace,
    dependency_trace,
    group_of,
    milestone_trace,
    slack_trace,
    step_traces,
    too_late_trace,
)
from careerlib.charts._style import (
    COLORS,
    LANE_PX,
    LEGEND_ENTRY_PX,
    ONE_DAY,
    PLOT_PX,
    TRACKING_COLORS,
    as_day,
    base_layout,
    date_line,
    days_between,
    escape_text,
    fmt,
    label_lanes,
    legend_below,
    text_px,
    wrap_label,
)
from careerlib.charts._style import legend as style_legend
from careerlib.scheduling.scheduler import Schedule
from careerlib.scheduling.status import StatusSchedule

__all__ = ["COLOR_BY", "GROUP_BY", "gantt"]

ColorBy = Literal["criticality", "goal", "route"]
GroupBy = Literal["auto", "goal", "route", "none"]

#: Valid values of ``gantt(color_by=...)``.
COLOR_BY: tuple[str, ...] = ("criticality", "goal", "route")
#: Valid values of ``gantt(group_by=...)``.
GROUP_BY: tuple[str, ...] = ("auto", "goal", "route", "none")

#: Width the legend at the right of the Gantt chart takes [px].
_LEGEND_PX = 290


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


def _rows(days: Days, groups: list[str | None], sort: str) -> list[tuple[str | None, list[int]]]:
    """Steps in display order: groups in plan order (common steps first), steps by date."""
    order: list[str | None] = []
    if None in groups:
        order.append(None)
    for g in groups:
        if g not in order:
            order.append(g)
    start = days.start.astype("int64")
    finish = days.end.astype("int64")
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

    @property
    def lines(self) -> int:
        """The most lines any row label takes."""
        return max((t.count("<br>") + 1 for t in self.ticktext), default=1)


def _layout_rows(
    result: Schedule,
    days: Days,
    kind: str,
    sort: str,
    label_width: int,
    labels: Mapping[str, str],
) -> _Rows:
    """One row per step, plus a header row per group when there are several groups.

    ``labels`` replaces the titles of some steps (a step new since the baseline).
    """
    titles = _group_titles(result, kind)
    grouped = _rows(days, group_of(result, kind), sort)
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
            ticktext.append(f"<b>{wrap_label(label, label_width)}</b>")
        for k in members:
            y[k] = len(tickvals)
            tickvals.append(len(tickvals))
            label = labels.get(result.ids[k]) or result.steps[k].title or result.ids[k]
            ticktext.append(wrap_label(label, label_width))
    return _Rows(y, tickvals, ticktext, headers)


def _lines(label: str) -> list[str]:
    """A tick label's lines, each bold when the label is (for :func:`text_px`)."""
    bold = "<b>" if label.startswith("<b>") else ""
    return [bold + part for part in label.split("<br>")]


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


def _gantt_title(result: Schedule, title: str | None, verdict: str | None) -> tuple[str, str]:
    """The title, and under it: owner, route, steps, dates, and the verdict in colour.

    On a status date the verdict is the status verdict's sentence (``verdict``
    when given, e.g. the tracking's, which adds the progress against the
    baseline); either is wrapped so that it fits a page.
    """
    plan = result.plan
    owner = f"{escape_text(plan.owner)} · " if plan.owner else ""
    route = ""
    if result.route is not None:
        names = {r.id: r.title for r in plan.routes}
        route = f"Route: {escape_text(names.get(result.route, result.route))} · "
    color = COLORS["target"] if result.feasible else COLORS["critical"]
    heading = escape_text(title if title is not None else plan.title)
    if isinstance(result, StatusSchedule):
        done = int(result.is_done.sum())
        facts = (
            f"{plural(len(result), 'step')} ({done} done), as of {day_text(result.as_of)} → "
            f"target {fmt(plan.target)}"
        )
    else:
        facts = (
            f"{plural(len(result), 'step')}, {fmt(result.first_day)} → target {fmt(plan.target)}"
        )
    text = wrap_label(verdict if verdict is not None else result.verdict, 120)
    subtitle = f"{owner}{route}{facts}<br><span style='color:{color}'>{text}</span>"
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
    baseline: Any = None,
    behind: Collection[str] = (),
    verdict: str | None = None,
    title: str | None = None,
    label_width: int = 42,
    width: int | None = None,
    legend: Literal["right", "bottom"] = "right",
) -> go.Figure:
    """The Gantt chart of a plan, as written or on its status date, to read at a glance.

    Each step is a bar over its working days, from its latest start to its
    finish; critical steps stand out. On a status date (a
    :class:`~careerlib.scheduling.status.StatusSchedule`, e.g.
    ``careerlib.schedule_client(client)``) the work done is drawn as done,
    before the status date, and the rest at its dates to aim for, with a line
    for the status date and one for the forecast finish; the slack runs from
    the forecast start. Slack is drawn as a faint extension from
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
        Also draw a "Today" line on this date (for a review of a running plan);
        on a status date, default the status date.
    baseline
        Draw the baseline beneath each step, thin and grey, labelled as such:
        the plan as written (``careerlib.schedule(plan)``) or a saved
        :class:`~careerlib.tracking.Baseline`. Steps the baseline does not
        have are marked "(new)".
    behind
        Ids of the steps behind their baseline: outlined red.
    verdict
        The sentence under the title; default the schedule's verdict.
    title
        The chart title; default: the plan's title. The verdict is always under it.
    label_width
        Step titles on the y axis wrap onto lines of at most this many
        characters; they are never cut (a picture or a page has no hover).
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
    _check_options(color_by, sort, legend)
    result = schedule
    bars = baseline_bars(baseline) if baseline is not None else None
    days, hover = Days.as_written(result), None
    if isinstance(result, StatusSchedule):
        today = result.as_of if today is None else today
        days, hover = status_days(result), status_hover(result)
    kind = _resolve_group_by(result, group_by, color_by)
    rows = _layout_rows(result, days, kind, sort, label_width, new_step_titles(result, bars))
    s = Steps.of(result, rows.y, days, hover)
    traces = _traces(s, color_by, bars, behind, show_slack, show_dependencies, show_checkpoints)

    lo, hi = _date_range(s, today)
    pad = max(np.timedelta64(2, "D"), (hi - lo) // 40)
    shapes = _group_bands(rows)
    notes: list[dict[str, Any]] = []
    if show_closed_days:
        closed, labels = closed_days(result, lo - pad, hi + pad)
        shapes += closed
        notes += labels
        if closed:
            traces.append(closed_legend())
    font_px = 12 if rows.count <= 60 else 11
    left = int(max((text_px(x, font_px) for t in rows.ticktext for x in _lines(t)), default=0))
    left += 16
    # the plot area the date labels share: the figure less the row labels and the legend
    beside = _LEGEND_PX if legend == "right" else 0
    plot_px = PLOT_PX if width is None else max(width - left - beside - 10, 200)
    lanes = _add_date_lines(result, today, shapes, notes, (lo - pad, hi + pad), plot_px)

    heading, subtitle = _gantt_title(result, title, verdict)
    # room for the verdict's lines under the title (one line: 120 px in all)
    top = 120 + 16 * max(0, subtitle.count("<br>") - 1) + LANE_PX * lanes
    bottom, height = _bottom_and_height(rows, traces, top, left, width, legend)
    layout = base_layout(heading, height, subtitle)
    layout.update(
        margin={"t": top, "b": bottom, "l": left, "r": 10, "autoexpand": True},
        legend=style_legend() if legend == "right" else legend_below(),
        shapes=shapes,
        annotations=notes,
        showlegend=True,
    )
    if width is not None:
        layout["width"] = width
    layout["xaxis"]["range"] = [str(lo - pad), str(hi + pad)]
    layout.update(_y_axes(rows, font_px))
    return go.Figure(data=traces, layout=layout)


def _check_options(color_by: str, sort: str, legend: str) -> None:
    if color_by not in COLOR_BY:
        raise ValueError(f"unknown color_by {color_by!r}; valid: {', '.join(COLOR_BY)}")
    if sort not in ("start", "plan"):
        raise ValueError(f"unknown sort {sort!r}; valid: start, plan")
    if legend not in ("right", "bottom"):
        raise ValueError(f"legend must be 'right' or 'bottom', got {legend!r}")


def _traces(
    s: Steps,
    color_by: str,
    bars: BaselineBars | None,
    behind: Collection[str],
    show_slack: bool,
    show_dependencies: bool,
    show_checkpoints: bool,
) -> list[dict[str, Any]]:
    """The chart's layers, bottom to top."""
    traces = baseline_trace(s, bars) if bars is not None else []
    traces += slack_trace(s) if show_slack else []
    traces += done_traces(s)
    traces += step_traces(s, color_by)
    traces += behind_traces(s, behind)
    traces += too_late_trace(s)
    traces += dependency_trace(s) if show_dependencies else []
    traces += milestone_trace(s)
    traces += deadline_trace(s)
    traces += checkpoint_traces(s.result) if show_checkpoints else []
    return traces


def _y_axes(rows: _Rows, font_px: int) -> dict[str, Any]:
    """The rows' axis (labels from the top down), and a hidden 0..1 axis for the checkpoints."""
    return {
        "yaxis": {
            "range": [rows.count - 0.5, -0.5],
            "tickvals": rows.tickvals,
            "ticktext": rows.ticktext,
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "fixedrange": True,
            "ticks": "",
            "tickfont": {"size": font_px},
        },
        "yaxis2": {"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True},
    }


def _date_range(s: Steps, today: dt.date | None) -> tuple[np.datetime64, np.datetime64]:
    """The days drawn: from the earliest step to the target, the deadlines, the
    realistic target (or forecast finish) and today."""
    result = s.result
    first = as_day(result.first_day)
    target = as_day(result.plan.target)
    deadlines = [as_day(st.deadline) + ONE_DAY for st in result.steps if st.deadline is not None]
    marks = [] if today is None else [as_day(today) + ONE_DAY]
    lo = min(s.start.min(), s.early.min(), first)
    hi = max(s.end.max(), target + ONE_DAY, *deadlines, *_realistic_target(result), *marks)
    return lo, hi


def _realistic_target(result: Schedule) -> list[np.datetime64]:
    """The day after the forecast finish (on a status date, when not complete), or for a
    late plan as written the day after the earliest target the work allows."""
    if isinstance(result, StatusSchedule):
        return [] if result.complete else [as_day(result.earliest_finish) + ONE_DAY]
    if not result.feasible and result.earliest_finish > result.target_day:
        return [as_day(result.earliest_finish) + ONE_DAY]
    return []


def _add_date_lines(
    result: Schedule,
    today: dt.date | None,
    shapes: list[dict[str, Any]],
    notes: list[dict[str, Any]],
    span: tuple[np.datetime64, np.datetime64],
    plot_px: float,
) -> int:
    """Add the labelled lines of the start, the target (and today, the realistic target).

    ``notes`` holds the blackouts' labels. Each label (the blackouts' first)
    takes the lowest lane above the plot where it overlaps no label placed
    before it. Returns the highest lane.
    """
    first = as_day(result.first_day)
    target = as_day(result.plan.target)
    start_label = "Start" if result.plan.start is not None else "Today"
    lines = [
        (first, f"{start_label} {fmt(first)}", COLORS["start"], "dash", "right"),
        (target + ONE_DAY, f"Target {fmt(target)}", COLORS["target"], "solid", "left"),
    ]
    status = isinstance(result, StatusSchedule)
    for realistic in _realistic_target(result):
        if status:
            color = TRACKING_COLORS["forecast"] if result.feasible else COLORS["critical"]
            label = f"Forecast finish {fmt(result.earliest_finish)}"
            lines.append((realistic, label, color, "dash", "left"))
        else:
            label = f"Earliest realistic target {fmt(result.earliest_finish)}"
            lines.append((realistic, label, COLORS["late"], "dot", "left"))
    if today is not None and as_day(today) != first:
        word = "Today" if not status or today == dt.date.today() else "As of"
        color = TRACKING_COLORS["today"] if status else COLORS["late"]
        lines.append((as_day(today), f"{word} {fmt(today)}", color, "dot", "right"))
    # the blackouts' labels first (each over its band), then the dates' labels:
    # each takes the lowest lane where it overlaps none placed before it
    blackouts = [_blackout_side(n, span, plot_px) for n in notes]
    labels = blackouts + [(d, lab, side) for d, lab, _, _, side in lines]
    lanes = label_lanes([], labels, *span, plot_px)
    for note, lane in zip(notes, lanes, strict=False):
        note["yshift"] = LANE_PX * lane
    for (when, label, color, dash, side), lane in zip(lines, lanes[len(blackouts) :], strict=True):
        line, note = date_line(when, label, color, dash=dash, side=side, lane=lane)
        shapes.append(line)
        notes.append(note)
    return max(lanes)


def _blackout_side(
    note: dict[str, Any], span: tuple[np.datetime64, np.datetime64], plot_px: float
) -> tuple[np.datetime64, str, str]:
    """A blackout's label as :func:`label_lanes` takes it: over the middle of its band,
    or ending there (starting there) when it would run past the plot's right (left) edge.
    """
    when = as_day(note["x"])
    lo, hi = span
    x = int(days_between(lo, when)) / max(int(days_between(lo, hi)), 1) * plot_px
    half = (text_px(note["text"], 12) * 1.1 + 8) / 2
    side = "left" if x + half > plot_px else "right" if x - half < 0 else "middle"
    note["xanchor"] = {"left": "right", "right": "left"}.get(side, "center")
    return when, note["text"], side


#: The plot width [px] a figure of unknown width is taken to have for its legend's rows.
_WIDE_PX = 900


def _bottom_and_height(
    rows: _Rows, traces: list[dict[str, Any]], top: int, left: int, width: int | None, legend: str
) -> tuple[int, int]:
    """The bottom margin and the figure's height [px]: rows, and room for the legend."""
    row_px = 30 if rows.count <= 20 else 24 if rows.count <= 60 else 20
    # a wrapped label needs its lines' height (and a little air) in its row
    row_px = max(row_px, 15 * rows.lines + 6)
    bottom = 60
    entries = sum(1 for t in traces if t.get("showlegend", True))
    if legend == "bottom":
        # entries side by side across the plot area, in columns as wide as the widest
        # (its symbol, about 40 px, and its name), never less than 290 px on an unknown width
        names = [str(t.get("name") or "") for t in traces if t.get("showlegend", True)]
        entry_px = max([40 + text_px(n, 12) for n in names] or [290])
        if width is None:
            entry_px = max(entry_px, 290)
        per_row = max(1, int(((width or (_WIDE_PX + left)) - left) // entry_px))
        bottom += LEGEND_ENTRY_PX * -(-entries // per_row) + 10
        return bottom, top + bottom + max(rows.count * row_px, 120)
    return bottom, top + bottom + max(rows.count * row_px, entries * LEGEND_ENTRY_PX, 120)
