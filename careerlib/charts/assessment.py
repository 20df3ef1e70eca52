"""Know where you are: the self-assessment against the target role, and the obstacles."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from careerlib.charts._style import COLORS, RISK_SCALE, TEMPLATE, attribution

__all__ = ["assessment_chart", "obstacles_chart"]


def assessment_chart(
    assessment: pd.DataFrame,
    *,
    role_title: str | None = None,
    title: str = "Where the client stands",
) -> go.Figure:
    """The self-assessment at a glance (from :func:`careerlib.gaps.self_assessment`).

    Two radar charts set the client's interests (RIASEC) and work values against
    the target occupation's O*NET profile (1-7); below them, talents and
    marketability factors as bars (1-5). The attribution is shown when the
    occupation's scores are drawn.
    """
    fig = make_subplots(
        rows=2,
        cols=2,
        specs=[[{"type": "polar"}, {"type": "polar"}], [{"type": "xy"}, {"type": "xy"}]],
        subplot_titles=(
            "Interests (RIASEC, 1-7)",
            "Motivating forces: work values (1-7)",
            "Talents (1-5)",
            "Marketability (1-5)",
        ),
        vertical_spacing=0.16,
        horizontal_spacing=0.28,  # room for the right-hand bars' labels
        row_heights=[0.58, 0.42],
    )
    has_role = _add_radars(fig, assessment, role_title)
    for col, kind in ((1, "talent"), (2, "marketability")):
        part = assessment[assessment["kind"] == kind]
        fig.add_trace(
            go.Bar(
                x=part["rating"],
                y=part["name"],
                orientation="h",
                marker_color=COLORS[kind],
                name=kind,
                showlegend=False,
                hovertext=part["note"].fillna(""),
            ),
            row=2,
            col=col,
        )
        fig.update_xaxes(range=[0, 5], row=2, col=col)
        fig.update_yaxes(autorange="reversed", row=2, col=col)
    # the scale's numbers run up between two areas, clear of the labels on the right
    fig.update_polars(
        radialaxis={"range": [0, 7], "angle": 90, "tickangle": 90, "tickfont": {"size": 8}}
    )
    fig.update_layout(
        title=title, height=820, template=TEMPLATE, legend={"orientation": "h", "y": 1.08}
    )
    if has_role:
        attribution(fig)
    return fig


def _add_radars(fig: go.Figure, assessment: pd.DataFrame, role_title: str | None) -> bool:
    """Radars of the interests and the values, client and role; True when the role's are drawn."""
    has_role = False
    for col, kind in ((1, "interest"), (2, "value")):
        part = assessment[assessment["kind"] == kind]
        if part.empty:
            continue
        names = [*part["name"], part["name"].iloc[0]]  # closed: back to the first
        fig.add_trace(
            go.Scatterpolar(
                r=[*part["rating"], part["rating"].iloc[0]],
                theta=names,
                name="Client",
                legendgroup="client",
                showlegend=col == 1,
                fill="toself",
                line={"color": COLORS["client_profile"]},
                hovertext=[*part["note"].fillna(""), ""],
            ),
            row=1,
            col=col,
        )
        if part["role"].notna().any():
            has_role = True
            fig.add_trace(
                go.Scatterpolar(
                    r=[*part["role"], part["role"].iloc[0]],
                    theta=names,
                    name=role_title or "Target role",
                    legendgroup="role",
                    showlegend=col == 1,
                    line={"color": COLORS["role"], "dash": "dash"},
                ),
                row=1,
                col=col,
            )
    return has_role


def obstacles_chart(
    obstacles: pd.DataFrame, *, title: str = "Obstacles: likelihood and impact"
) -> go.Figure:
    """A risk matrix of the plan's obstacles (from :func:`careerlib.gaps.obstacles`).

    Each obstacle is a marker at (likelihood, impact), sized and coloured by
    risk; hover shows its mitigation and contingency.
    """
    frame = obstacles.reset_index()
    jitter = frame.groupby(["likelihood", "impact"]).cumcount() * 0.12
    hover = [
        f"<b>{r.title}</b><br>risk {r.risk}<br>mitigation: {r.mitigation or '-'}"
        f"<br>contingency: {r.contingency or '-'}"
        for r in frame.itertuples()
    ]
    fig = go.Figure(
        go.Scatter(
            x=frame["likelihood"] + jitter,
            y=frame["impact"] + jitter,
            mode="markers+text",
            text=frame["id"],
            textposition="top center",
            hovertext=hover,
            hoverinfo="text",
            marker={
                "size": 12 + 2 * frame["risk"],
                "color": frame["risk"],
                "colorscale": RISK_SCALE,
                "cmin": 1,
                "cmax": 25,
                "showscale": True,
                "colorbar": {"title": "risk"},
            },
            name="obstacles",
        )
    )
    fig.update_xaxes(title="likelihood (1-5)", range=[0.5, 5.8], dtick=1)
    fig.update_yaxes(title="impact (1-5)", range=[0.5, 5.8], dtick=1)
    fig.update_layout(title=title, height=480, template=TEMPLATE)
    return fig
