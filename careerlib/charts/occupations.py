"""Occupations worth considering (O*NET): the transferability score, its four parts stacked."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from careerlib._text import clip
from careerlib.charts._style import COLORS, attribution, base_layout
from careerlib.gaps.occupations import POINTS

__all__ = ["occupations_chart"]

#: Each part's column in the occupations frame (and its colour in ``COLORS``)
#: and its key in ``POINTS``.
_PARTS = {
    "skills": ("skills_points", "skills"),
    "interests": ("interest_points", "interests"),
    "step up": ("ladder_points", "ladder"),
    "job zone": ("zone_points", "job_zone"),
    "related": ("related_points", "related"),
}


def _part_hover(part: str, row: Any) -> str:
    if part == "skills":
        if pd.isna(row["coverage"]):
            return "nothing it asks is rated"
        return (
            f"brings {row['coverage']:.0%} of what it asks, "
            f"{row['over']:.0%} above it where it matters "
            f"(judged on the {row['rated_share']:.0%} the client rated)"
        )
    if part == "step up":
        return f"{row['ladder'] or 'no step up'} (job zone {row['job_zone']})"
    if part == "interests":
        return "interest fit n/a" if pd.isna(row["fit"]) else f"interest fit {row['fit']:.2f}"
    if part == "job zone":
        step = row["zone_step"]
        where = "" if pd.isna(step) else f" ({int(step):+d} from the current)"
        return f"job zone {row['job_zone']}{where}"
    return row["relation"] or "not among O*NET's related occupations"


def occupations_chart(
    occupations: pd.DataFrame,
    *,
    title: str = "Occupations worth considering",
    subtitle: str = "",
) -> go.Figure:
    """The transferability score of each occupation, its four parts stacked.

    Parameters
    ----------
    occupations
        A :func:`careerlib.gaps.find_occupations` frame (best first).
    subtitle
        A line under the title, e.g. the current and target occupations.

    Notes
    -----
    One bar per occupation, best at the top, split into the points of its
    skills match, interest fit, step up the ladder (direction up) or job zone
    (the other directions) and O*NET relatedness (0-100 in all), the score at
    the end of the bar. "★" marks the target, "◆" an
    occupation O*NET relates to the current or target occupation. The hover
    text gives the reason, the client's transferable skills and the largest
    gaps. Carries O*NET's attribution.
    """
    frame = occupations.iloc[::-1]  # plotly draws the first category at the bottom
    labels = []
    for rank, row in frame.iterrows():
        mark = " ★" if row["relation"] == "the target" else (" ◆" if row["related"] else "")
        labels.append(f"{rank}. {clip(str(row['title']), 48)}{mark}")
    details = [
        f"<b>#{rank} {html.escape(str(row['title']))}</b> ({row['code']})<br>"
        f"score {row['score']:.0f}/100: {html.escape(str(row['reason']))}<br>"
        f"brings: {html.escape(', '.join(row['transferable']) or '-')}<br>"
        f"largest gaps: {html.escape(', '.join(row['largest_gaps']) or 'none')}<br>"
        f"ask the client about: {html.escape(', '.join(row['ask_client']) or '-')}"
        for rank, row in frame.iterrows()
    ]
    fig = go.Figure()
    for part, (column, key) in _PARTS.items():
        points = frame[column]
        if points.isna().all():
            continue
        fig.add_trace(
            go.Bar(
                y=labels,
                x=points.fillna(0.0),
                orientation="h",
                name=f"{part} (up to {POINTS[key]:.0f})",
                marker_color=COLORS[column],
                hovertext=[
                    f"{d}<br>{part}: {p:.1f} points, {html.escape(_part_hover(part, row))}"
                    for d, p, (_, row) in zip(
                        details, points.fillna(0.0), frame.iterrows(), strict=True
                    )
                ],
                hoverinfo="text",
            )
        )
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=frame["score"],
            mode="text",
            text=[f" {s:.0f}" for s in frame["score"]],
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    height = 190 + 34 * max(len(frame), 6)  # room under the axis for the attribution
    marks = "★ the target, ◆ related by O*NET to the current or target occupation"
    layout = base_layout(title, height, f"{subtitle}<br>{marks}" if subtitle else marks)
    layout.update(
        barmode="stack",
        bargap=0.25,
        xaxis={
            "title": None,
            "range": [0, 108],
            "showgrid": True,
            "gridcolor": COLORS["grid"],
            "dtick": 20,
        },
        yaxis={"automargin": True},
        legend={
            "orientation": "h",
            "traceorder": "normal",
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            "xanchor": "left",
            "title": {"text": "points (0-100):"},
        },
        margin={"t": 130 if subtitle else 105, "l": 10, "r": 20},
    )
    fig.update_layout(layout)
    return attribution(fig)
