"""The weekly load: hours planned each week against the client's capacity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from careerlib._text import plural
from careerlib.charts._style import LOAD_COLORS, TEMPLATE
from careerlib.scheduling.scheduler import Schedule

__all__ = ["LOAD_COLORS", "weekly_load_chart"]


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
    if frame.empty:
        return _nothing_to_weigh(title, height)
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
    subtitle = f"{plural(n_over, 'week')} over capacity" if n_over else "within capacity"
    fig.update_layout(
        template=TEMPLATE,
        title={"text": f"{title or 'Weekly load'}<br><sup>{subtitle}</sup>"},
        barmode="stack",
        height=height,
        xaxis_title="week (Monday)",
        yaxis_title="hours",
        legend={"orientation": "h", "y": -0.2},
        bargap=0.15,
    )
    return fig


def _nothing_to_weigh(title: str | None, height: int) -> go.Figure:
    """A chart that says in words that no step has hours to weigh (rather than empty axes)."""
    fig = go.Figure()
    fig.add_annotation(
        text="No step of this plan has hours (effort) to weigh against the week.",
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 14},
    )
    fig.update_layout(
        template=TEMPLATE,
        title=title or "Weekly load",
        height=height,
        xaxis={"visible": False},
        yaxis={"visible": False},
    )
    return fig
