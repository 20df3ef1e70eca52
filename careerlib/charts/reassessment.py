"""Reassessment: the newest assessments against the previous ones, then and now."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from careerlib.charts._style import COLORS, TEMPLATE

__all__ = ["reassessment_chart"]

#: The radar charts, in the order drawn: the frame's kind and the chart's title.
_RADARS = {"interest": "Interests (RIASEC, 1-7)", "value": "Work values (1-7)"}

#: How many skills the chart shows at most (those that moved most).
SKILLS_SHOWN = 15


def _when(part: pd.DataFrame) -> str:
    """ "before: client file; now: interest profiler of 3 Dec 2026" for one kind's rows."""
    before = ", ".join(sorted({b for b in part["before_from"] if b})) or "nothing"
    return f"before: {before}<br>now: {part['after_from'].iloc[0]}"


def reassessment_chart(
    changes: pd.DataFrame, *, title: str = "What changed since the last assessment"
) -> go.Figure:
    """Radars of the interests and the work values then and now, and the skills that moved.

    Parameters
    ----------
    changes
        A :func:`careerlib.gaps.reassessment` frame.

    The radars draw the previous ratings (grey, dashed) and the newest (blue,
    filled) on O*NET's 1-7 scales; the skills are drawn as arrows from the
    previous level to the newest (0-7), those that moved most at the top (at
    most :data:`SKILLS_SHOWN`; those that did not move are left out). A kind
    the client has not reassessed is left out; with nothing to compare the
    chart says so.
    """
    radars = [k for k in _RADARS if k in set(changes["kind"])]
    skills = changes[
        (changes["kind"] == "skill") & changes["change"].notna() & (changes["change"].abs() > 1e-9)
    ]
    rows = (1 if radars else 0) + (1 if len(skills) else 0)
    if rows == 0:
        return _empty(title)
    specs: list[list[dict[str, Any] | None]] = []
    titles: list[str] = []
    if radars:
        specs.append([{"type": "polar"} for _ in radars] + [None] * (len(radars) == 1))
        for kind in radars:
            part = changes[changes["kind"] == kind]
            titles.append(f"{_RADARS[kind]}<br><sup>{_when(part)}</sup>")
    if len(skills):
        specs.append([{"type": "xy", "colspan": 2}, None])
        titles.append(f"Skills that moved (level 0-7)<br><sup>{_when(skills)}</sup>")
    fig = make_subplots(
        rows=rows,
        cols=2,
        specs=specs,
        subplot_titles=titles,
        vertical_spacing=0.2,
        horizontal_spacing=0.3,  # room for the angular labels of both radars
        row_heights=[0.55, 0.45] if rows == 2 else None,
    )
    for col, kind in enumerate(radars, start=1):
        _add_radar(fig, changes[changes["kind"] == kind], col, legend=col == 1)
    if len(skills):
        _add_skills(fig, skills, row=rows)
    height = (470 if radars else 0) + (
        140 + 30 * min(len(skills), SKILLS_SHOWN) if len(skills) else 0
    )
    # the scale's numbers run up between two areas, clear of the labels on the right
    fig.update_polars(
        radialaxis={"range": [0, 7], "angle": 90, "tickangle": 90, "tickfont": {"size": 8}}
    )
    total = max(height + 150, 400)
    fig.update_layout(
        title=title,
        template=TEMPLATE,
        height=total,
        # under the title, above the subplot titles: placed in the figure's pixels
        legend={
            "orientation": "h",
            "xref": "container",
            "yref": "container",
            "x": 0.05,
            "xanchor": "left",
            "y": 1 - 92 / total,
            "yanchor": "top",
        },
        margin={"t": 165},
    )
    fig.update_annotations(font_size=13)
    return fig


def _add_radar(fig: go.Figure, part: pd.DataFrame, col: int, *, legend: bool) -> None:
    names = [*part["name"], part["name"].iloc[0]]  # closed: back to the first
    if part["before"].notna().any():
        fig.add_trace(
            go.Scatterpolar(
                r=[*part["before"], part["before"].iloc[0]],
                theta=names,
                name="before",
                legendgroup="before",
                showlegend=legend,
                line={"color": COLORS["note"], "dash": "dash"},
                hovertext=[*part["before_from"], ""],
            ),
            row=1,
            col=col,
        )
    fig.add_trace(
        go.Scatterpolar(
            r=[*part["after"], part["after"].iloc[0]],
            theta=names,
            name="now",
            legendgroup="now",
            showlegend=legend,
            fill="toself",
            line={"color": COLORS["client_profile"]},
            hovertext=[*part["after_from"], ""],
        ),
        row=1,
        col=col,
    )


def _add_skills(fig: go.Figure, skills: pd.DataFrame, *, row: int) -> None:
    """Each skill as an arrow from its previous level to its newest, the biggest move on top."""
    order = skills["change"].abs().sort_values(ascending=False, kind="stable").index
    shown = skills.loc[order].head(SKILLS_SHOWN).iloc[::-1]  # plotly draws the first at the bottom
    labels = [f"{n} ({c:+.1f})" for n, c in zip(shown["name"], shown["change"], strict=True)]
    fig.add_trace(
        go.Scatter(
            x=shown["before"],
            y=labels,
            mode="markers",
            name="before",
            legendgroup="before",
            showlegend=False,
            marker={"color": COLORS["note"], "size": 9, "symbol": "circle-open"},
        ),
        row=row,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=shown["after"],
            y=labels,
            mode="markers",
            name="now",
            legendgroup="now",
            showlegend=False,
            marker={"color": COLORS["client_profile"], "size": 11},
        ),
        row=row,
        col=1,
    )
    for label, before, after in zip(labels, shown["before"], shown["after"], strict=True):
        fig.add_annotation(
            x=after,
            y=label,
            ax=before,
            ay=label,
            xref="x",  # the one cartesian subplot (polar ones take no x axis)
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=2,
            arrowcolor=COLORS["client_profile"],
            text="",
        )
    fig.update_xaxes(range=[0, 7], dtick=1, title="level (O*NET level scale 0-7)", row=row, col=1)
    fig.update_yaxes(automargin=True, row=row, col=1)


def _empty(title: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(
        text="No assessment to compare yet: the client has taken none, or only once "
        "without ratings in the client file.",
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
    )
    fig.update_layout(
        title=title,
        template=TEMPLATE,
        height=260,
        xaxis={"visible": False},
        yaxis={"visible": False},
    )
    return fig
