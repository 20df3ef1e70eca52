"""Occupations worth considering (O*NET): the skills gap against the interest fit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from careerlib.charts._style import TEMPLATE, ZONE_SCALE, attribution

__all__ = ["occupations_chart"]


def occupations_chart(
    routes: pd.DataFrame, *, title: str = "Occupations worth considering"
) -> go.Figure:
    """The route finder's occupations: weighted skills gap against interest fit.

    Parameters
    ----------
    routes
        A :func:`careerlib.gaps.find_occupations` frame.

    Each occupation is a dot (size: job zone, the preparation it needs) with
    its typical education in the hover text; the best routes sit low and to
    the right. Carries O*NET's attribution.
    """
    fit = routes["fit"].fillna(0.0)
    zone = routes["job_zone"].fillna(3).astype(float)
    fig = go.Figure(
        go.Scatter(
            x=fit,
            y=routes["weighted_gap"],
            mode="markers+text",
            text=[str(r) for r in routes.index],
            textposition="top center",
            marker={
                "size": 8 + 4 * zone,
                "color": zone,
                "colorscale": ZONE_SCALE,
                "showscale": True,
                "colorbar": {"title": "job zone"},
            },
            hovertext=[
                f"#{rank} {t} ({c})<br>gap {g:.2f}, fit {'n/a' if pd.isna(f) else f'{f:.2f}'}<br>"
                f"job zone {z}, {e}"
                for rank, t, c, g, f, z, e in zip(
                    routes.index,
                    routes["title"],
                    routes["code"],
                    routes["weighted_gap"],
                    routes["fit"],
                    routes["job_zone"],
                    routes["education"],
                    strict=True,
                )
            ],
            hoverinfo="text",
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        xaxis={"title": "interest fit (RIASEC correlation, -1 to 1)"},
        yaxis={"title": "weighted skills gap [level points]"},
        height=500,
    )
    return attribution(fig)
