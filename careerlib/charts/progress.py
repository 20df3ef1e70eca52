"""Progress at a checkpoint: the share reported for each step."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from careerlib._text import day_text
from careerlib.charts._style import COLORS, TEMPLATE, escape_text, legend_above

__all__ = ["progress_chart"]

#: The colour of each state of a step.
_STATE_COLORS = {
    "done": COLORS["done"],
    "in progress": COLORS["step"],
    "not started": COLORS["not_started"],
}


def progress_chart(progress: Any, *, title: str | None = None) -> go.Figure:
    """The share reported for each step at a checkpoint, by state.

    Parameters
    ----------
    progress
        A :class:`careerlib.gaps.Progress`.

    Notes
    -----
    Bars are coloured by the step's state (done, in progress, not started).
    The title says how many steps are done and when the reviews have gathered
    dust. Progress against the baseline (and behind or ahead of it) is the
    tracking's (:func:`careerlib.charts.progress_over_time_chart`).
    """
    frame = progress.steps.iloc[::-1]
    fig = go.Figure()
    for state, color in _STATE_COLORS.items():
        rows = frame[frame["state"] == state]
        if rows.empty:
            continue
        fig.add_trace(
            go.Bar(
                y=[escape_text(t) for t in rows["title"]],
                x=rows["actual"] * 100,
                orientation="h",
                name=state,
                marker_color=color,
                hovertemplate="%{y}: %{x:.0f}% reported<extra></extra>",
            )
        )
    when = progress.review_date or progress.as_of
    counts = progress.counts
    heading = title or (
        f"Reported on {day_text(when)}: {counts['done']} of {len(frame)} steps done, "
        f"{counts['in progress']} in progress"
    )
    if progress.stale:
        heading += " (stale: the plan has gathered dust)"
    fig.update_layout(
        template=TEMPLATE,
        title=escape_text(heading),
        barmode="overlay",
        xaxis={"title": "share of the step reported done [%]", "range": [0, 100]},
        yaxis={"categoryorder": "array", "categoryarray": [escape_text(t) for t in frame["title"]]},
        height=max(300, 40 * len(frame) + 150),
        legend=legend_above(),
    )
    return fig
