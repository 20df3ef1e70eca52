"""The skills gap: the level the target role requires against the client's, skill by skill."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from careerlib.charts._style import COLORS, TEMPLATE, attribution, legend_above

__all__ = ["skills_chart"]

#: The statuses of a skill gap, in the order they are drawn.
_STATUSES = ("met", "addressed", "unaddressed")


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

    Notes
    -----
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
    hover = _hover(frame)
    fig = go.Figure()
    for status in _STATUSES:
        mask = (frame["status"] == status).to_numpy()
        if not mask.any():
            continue
        fig.add_trace(
            go.Bar(
                y=np.asarray(names)[mask],
                x=frame["required"].to_numpy()[mask],
                orientation="h",
                name=f"required ({status})",
                marker_color=COLORS[status],
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
            marker={"symbol": "diamond", "size": 10, "color": COLORS["client"]},
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        barmode="overlay",
        xaxis={"title": "level (O*NET level scale 0-7)", "range": [0, 7]},
        yaxis={"categoryorder": "array", "categoryarray": names},
        height=max(350, 24 * len(frame) + 150),
        legend=legend_above(),
    )
    return _attribution(fig) if attribution else fig


_attribution = attribution  # the keyword ``attribution`` hides the helper in skills_chart


def _hover(frame: pd.DataFrame) -> list[str]:
    """Each skill's levels, importance, weighted gap and the steps that develop it."""
    return [
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
