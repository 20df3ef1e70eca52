"""Progress at a checkpoint: planned against reported, step by step."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from careerlib.charts._style import (
    ABOVE_PX,
    COLORS,
    TEMPLATE,
    escape_text,
    fmt,
    legend_above,
    title_at_top,
    wrap_label,
)

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
    names = [
        wrap_label(str(t) if isinstance(t, str) and t else str(i), 40)
        for i, t in zip(frame.index, frame["title"], strict=True)
    ]
    reported = np.where(frame["behind"], COLORS["critical"], COLORS["step"]).tolist()
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=names,
            x=frame["planned"] * 100,
            orientation="h",
            name="planned",
            marker_color=COLORS["planned"],
        )
    )
    fig.add_trace(
        go.Bar(
            y=names,
            x=frame["actual"] * 100,
            orientation="h",
            name="reported (red: behind the plan)",
            marker_color=reported,
        )
    )
    when = progress.review_date or progress.as_of
    heading = title or (
        f"Progress at {fmt(when)}: planned {progress.planned_pct:.0f}%, "
        f"reported {progress.actual_pct:.0f}%"
    )
    if progress.stale:
        heading += " (stale: the plan has gathered dust)"
    height = max(300, 40 * len(names) + 90 + ABOVE_PX)
    fig.update_layout(
        template=TEMPLATE,
        title=title_at_top(escape_text(heading), height),
        barmode="group",
        xaxis={"title": "progress of the step [%]", "range": [0, 100]},
        yaxis={"categoryorder": "array", "categoryarray": names},
        height=height,
        margin={"t": ABOVE_PX},
        legend=legend_above(height),
    )
    return fig
