"""What changed between two versions of a plan, as a chart: old and new bars side by side.

:func:`plan_diff_chart` draws a :class:`~careerlib.tracking.diff.PlanDiff`:
for each step its latest start to latest finish in the older version (grey,
above) and in the newer one (blue, below), so a step that moved, grew or
shrank shows at a glance. Steps added or removed have one bar; a step done in
a version has no bar there (its row says so). Vertical lines mark the old and
the new target.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

import numpy as np
import plotly.graph_objects as go

from careerlib.charts._style import (
    CHANGE_COLORS,
    COLORS,
    DAY_MS,
    base_layout,
    date_line,
    legend_below,
    wrap_label,
)

if TYPE_CHECKING:
    from careerlib.tracking.baseline import BaselineStep
    from careerlib.tracking.diff import PlanDiff, StepChange

__all__ = ["CHANGE_COLORS", "plan_diff_chart"]


def _day(day: dt.date) -> str:
    """A day as a client reads it: ``28 Apr 2028``."""
    return f"{day.day} {day:%b %Y}"


def _span(a: dt.date, b: dt.date) -> int:
    """Calendar days from the start of ``a`` to the end of ``b``, as milliseconds."""
    return ((b - a).days + 1) * DAY_MS


def _row_label(s: StepChange) -> str:
    marks = []
    if "added" in s.changes:
        marks.append("added")
    if "removed" in s.changes:
        marks.append("removed")
    if s.new is not None and s.new.done >= 1 and s.new.start is None:
        marks.append("done")
    return f"{s.title} ({', '.join(marks)})" if marks else s.title


def _facts(s: StepChange, side: str, step: BaselineStep) -> str:
    lines = [f"<b>{html.escape(s.title)}</b> ({html.escape(s.id)}): {side}"]
    if step.start is not None and step.finish is not None:
        lines.append(f"latest: {_day(step.start)} to {_day(step.finish)}")
    if step.milestone:
        lines.append("milestone")
    elif step.effort_hours is not None:
        lines.append(f"effort {step.effort_hours:g} hours")
    elif step.duration_days is not None:
        lines.append(f"{step.duration_days} working days")
    if step.done:
        lines.append(f"{100 * step.done:.0f}% done")
    if side == "after":
        lines.append(html.escape(s.described))
        if s.start_moved_days:
            n = s.start_moved_days
            lines.append(f"latest start {abs(n)} working days {'later' if n > 0 else 'earlier'}")
    return "<br>".join(lines)


def _bars(
    diff: PlanDiff, y: np.ndarray, side: str, offset: float
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The bar trace and the milestone trace of one version."""
    base, length, rows, hover, colors = [], [], [], [], []
    ms_x, ms_y, ms_hover = [], [], []
    for k, s in enumerate(diff.steps):
        step = s.old if side == "before" else s.new
        if step is None or step.start is None or step.finish is None:
            continue
        if step.milestone:
            ms_x.append(step.finish.isoformat())
            ms_y.append(y[k] + offset)
            ms_hover.append(_facts(s, side, step))
            continue
        base.append(step.start.isoformat())
        length.append(_span(step.start, step.finish))
        rows.append(y[k] + offset)
        hover.append(_facts(s, side, step))
        earlier = side == "after" and "earlier" in s.changes
        colors.append(CHANGE_COLORS["earlier" if earlier else "new" if side == "after" else "old"])
    label = (diff.old if side == "before" else diff.new).describe(_day)
    bars = None
    if rows:
        bars = {
            "type": "bar",
            "name": f"{side.capitalize()}: {label} (latest dates)",
            "orientation": "h",
            "y": rows,
            "base": base,
            "x": length,
            "width": 0.34,
            "marker": {"color": colors, "line": {"width": 0}},
            "hovertext": hover,
            "hoverinfo": "text",
        }
    marks = None
    if ms_x:
        marks = {
            "type": "scatter",
            "name": f"Milestone, {side}",
            "mode": "markers",
            "x": ms_x,
            "y": ms_y,
            "marker": {
                "symbol": "diamond",
                "size": 11,
                "color": CHANGE_COLORS["old"] if side == "before" else COLORS["milestone"],
                "line": {"color": COLORS["outline"], "width": 1},
            },
            "hovertext": ms_hover,
            "hoverinfo": "text",
        }
    return bars, marks


def plan_diff_chart(
    diff: PlanDiff, *, title: str | None = None, changed_only: bool = False
) -> go.Figure:
    """Old and new bars side by side for each step of a plan diff (see the module).

    Parameters
    ----------
    diff
        A result of :func:`careerlib.tracking.diff.plan_diff`.
    title
        Default ``What changed``, with both versions named beneath.
    changed_only
        Draw only the steps with a change (a long plan re-planned lightly; every
        step when none changed).
    """
    if changed_only and diff.changed_steps:
        from dataclasses import replace

        diff = replace(diff, steps=diff.changed_steps)
    n = len(diff.steps)
    y = np.arange(n, dtype=float)
    fig = go.Figure()
    old_bars, old_marks = _bars(diff, y, "before", -0.19)
    new_bars, new_marks = _bars(diff, y, "after", 0.19)
    for trace in (old_bars, new_bars, old_marks, new_marks):
        if trace is not None:
            fig.add_trace(trace)
    if any("earlier" in s.changes for s in diff.steps):
        fig.add_trace(
            go.Bar(
                name="After: latest start earlier than before",
                x=[None],
                y=[None],
                orientation="h",
                marker={"color": CHANGE_COLORS["earlier"]},
                hoverinfo="skip",
            )
        )
    shapes, notes = _targets(diff)
    labels = [wrap_label(_row_label(s), 40) for s in diff.steps]
    per_row = max([t.count("<br>") + 1 for t in labels] or [1])
    height = max(380, max(40, 15 * per_row + 14) * n + 300)
    subtitle = "<br>".join(
        [
            wrap_label(
                f"Before: {diff.old.describe(_day)}. After: {diff.new.describe(_day)}.", 110
            ),
            *(wrap_label(line, 110) for line in diff.sentences(_day)[:3]),
        ]
    )
    fig.update_layout(
        **base_layout(html.escape(title or "What changed"), height, subtitle),
        margin={"t": 175, "l": 10, "r": 10, "b": 90},
        legend=legend_below(),
        shapes=shapes,
        annotations=notes,
    )
    fig.update_yaxes(
        tickvals=y.tolist(),
        ticktext=labels,
        autorange="reversed",
        showgrid=False,
        range=[n - 0.4, -0.7],
    )
    return fig


def _targets(diff: PlanDiff) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    old, new = diff.old.baseline.target, diff.new.baseline.target
    if old == new:
        shape, note = date_line(
            np.datetime64(new, "D") + np.timedelta64(1, "D"),
            f"Target {_day(new)}",
            CHANGE_COLORS["new_target"],
        )
        return [shape], [note]
    first, second = sorted([(old, "old"), (new, "new")])
    out: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for day, which, side in ((first[0], first[1], "left"), (second[0], second[1], "right")):
        out.append(
            date_line(
                np.datetime64(day, "D") + np.timedelta64(1, "D"),
                f"{'Old' if which == 'old' else 'New'} target {_day(day)}",
                CHANGE_COLORS[f"{which}_target"],
                dash="dash" if which == "old" else "solid",
                side=side,
            )
        )
    return [s for s, _ in out], [n for _, n in out]
