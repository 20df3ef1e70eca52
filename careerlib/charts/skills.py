"""The skills gap: the level the target role requires against the client's, skill by skill."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from careerlib.charts._style import COLORS, TEMPLATE, attribution, legend_above

__all__ = ["skills_chart"]

#: The statuses of a skill gap, in the order they are drawn, and their legend names.
_STATUSES = {
    "met": "required (met)",
    "addressed": "required (addressed)",
    "unaddressed": "required (unaddressed)",
    "not rated": "required (not rated: ask the client)",
}


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
    by a step, unaddressed (no step develops it: flagged in red and with a
    "!" after the name), or not rated (grey, "?" after the name: nobody knows
    the client's level yet, so it is no gap); the diamonds are the client's
    level.
    """
    frame = gaps if top is None else gaps.head(top)
    frame = frame.iloc[::-1]  # plotly draws the first category at the bottom
    marks = {"unaddressed": " !", "not rated": " ?"}
    names = [f"{n}{marks.get(s, '')}" for n, s in zip(frame.index, frame["status"], strict=True)]
    hover = _hover(frame)
    fig = go.Figure()
    for status, legend in _STATUSES.items():
        mask = (frame["status"] == status).to_numpy()
        if not mask.any():
            continue
        fig.add_trace(
            go.Bar(
                y=np.asarray(names)[mask],
                x=frame["required"].to_numpy()[mask],
                orientation="h",
                name=legend,
                marker_color=COLORS[status],
                opacity=0.55,
                hovertext=np.asarray(hover)[mask],
                hoverinfo="text",
            )
        )
    if frame["client"].notna().any():  # no diamond to show before anything is rated
        _client_markers(fig, names, frame["client"], hover)
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


def _client_markers(fig: go.Figure, names: list[str], levels: pd.Series, hover: list[str]) -> None:
    """The client's levels as diamonds."""
    fig.add_trace(
        go.Scatter(
            y=names,
            x=levels,
            mode="markers",
            name="client",
            marker={"symbol": "diamond", "size": 10, "color": COLORS["client"]},
            hovertext=hover,
            hoverinfo="text",
        )
    )


_attribution = attribution  # the keyword ``attribution`` hides the helper in skills_chart


def _hover(frame: pd.DataFrame) -> list[str]:
    """Each skill's levels, importance, weighted gap and the steps that develop it."""
    return [
        f"{n}<br>required {r:.2f}, client "
        f"{'not rated: ask the client' if pd.isna(c) else f'{c:.2f}'}<br>"
        f"importance {i:.2f}, weighted gap {'unknown' if pd.isna(w) else f'{w:.2f}'}<br>"
        f"steps: {', '.join(st) or 'none'}"
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
