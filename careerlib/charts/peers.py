"""The organization against its peers: one small panel per metric."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from careerlib.charts._style import COLORS, TEMPLATE

__all__ = ["peer_chart"]


def peer_chart(
    benchmark: pd.DataFrame,
    peers: pd.DataFrame,
    *,
    title: str = "The organization against its peers",
    client_name: str = "client",
    columns: int = 3,
) -> go.Figure:
    """One small panel per metric: the peers' distribution with the client marked.

    Parameters
    ----------
    benchmark
        A :func:`careerlib.gaps.peer_benchmark` frame.
    peers
        The peer table it was computed from (one column per metric).
    client_name
        Label of the client's marker.
    columns
        Panels per row.

    Notes
    -----
    Each panel shows every peer as a dot over a box (quartiles and median),
    the client as a diamond, and in its title the client's percentile in
    the direction that counts as better.
    """
    metrics = list(benchmark.index)
    rows = max(1, -(-len(metrics) // columns))
    titles = [
        f"{benchmark.at[m, 'label']} ({benchmark.at[m, 'better']} is better)<br>"
        f"<sup>better than {benchmark.at[m, 'better_than']:.0f}% of peers</sup>"
        for m in metrics
    ]
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=titles, vertical_spacing=0.12)
    for k, metric in enumerate(metrics):
        r, c = divmod(k, columns)
        values = pd.to_numeric(peers[metric], errors="coerce").dropna()
        fig.add_trace(
            go.Box(
                y=values,
                name="peers",
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                marker={"color": COLORS["peers"], "size": 5},
                line={"color": COLORS["peer_spread"]},
                showlegend=k == 0,
                legendgroup="peers",
                hovertext=list(values.index),
            ),
            row=r + 1,
            col=c + 1,
        )
        fig.add_trace(
            go.Scatter(
                x=["peers"],
                y=[benchmark.at[metric, "value"]],
                mode="markers",
                name=client_name,
                marker={"symbol": "diamond", "size": 14, "color": COLORS["client"]},
                showlegend=k == 0,
                legendgroup="client",
                hovertext=(
                    f"{client_name}: {benchmark.at[metric, 'value']} {benchmark.at[metric, 'unit']}"
                ),
                hoverinfo="text",
            ),
            row=r + 1,
            col=c + 1,
        )
        fig.update_yaxes(title_text=str(benchmark.at[metric, "unit"]), row=r + 1, col=c + 1)
    fig.update_xaxes(showticklabels=False)
    fig.update_layout(template=TEMPLATE, title=title, height=320 * rows + 80, showlegend=True)
    fig.update_annotations(font_size=11)
    return fig
