"""Progress at a checkpoint: planned against reported, step by step."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from careerlib.charts._style import COLORS, TEMPLATE, legend_above

__all__ = ["progress_chart"]


def progress_chart(progress: Any, *, title: str | None = None) -> go.Figure:
    """Planned against reported progress per step at a checkpoint.

    Parameters
    ----------
    progress
        A :class:`careerlib.gaps.Progress`.

    Notes
    -----
    Steps behind plan are marked red. The title gives the overall planned and
    actual percent and says when the reviews have gathered dust.
    """
    frame = progress.steps.iloc[::-1]
    ids = list(frame.index)
    reported = np.where(frame["behind"], COLORS["critical"], COLORS["step"]).tolist()
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=ids,
            x=frame["planned"] * 100,
            orientation="h",
            name="planned",
            marker_color=COLORS["planned"],
        )
    )
    fig.add_trace(
        go.Bar(
            y=ids, x=frame["actual"] * 100, orientation="h", name="reported", marker_color=reported
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
        template=TEMPLATE,
        title=heading,
        barmode="group",
        xaxis={"title": "progress of the step [%]", "range": [0, 100]},
        height=max(300, 40 * len(ids) + 150),
        legend=legend_above(),
    )
    return fig
