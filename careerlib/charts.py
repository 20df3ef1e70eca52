"""Charts: flat keyword functions that return a ``plotly.graph_objects.Figure``.

Each takes a result of :mod:`careerlib.gaps` (a tidy frame or a small result
object) and returns a figure a notebook can restyle before showing or
exporting it. A chart drawn from O*NET data carries the attribution O*NET
requires.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

__all__ = [
    "assessment_chart",
    "goal_tree_chart",
    "obstacles_chart",
    "peer_chart",
    "progress_chart",
    "routes_chart",
    "skills_chart",
]


# --- gap analyses ---------------------------------------------------------------

_STATUS_COLORS = {"met": "#2ca02c", "addressed": "#ff7f0e", "unaddressed": "#d62728"}
_LEVEL_COLORS = {
    "organizational": "#1f77b4",
    "department": "#2ca02c",
    "professional": "#ff7f0e",
    "personal": "#9467bd",
    "step": "#c7c7c7",
}


def _attribution(fig: go.Figure) -> go.Figure:
    """Add O*NET's attribution under the plot."""
    from careerlib.onet import SHORT_ATTRIBUTION

    fig.add_annotation(
        text=SHORT_ATTRIBUTION,
        xref="paper",
        yref="paper",
        x=0,
        y=-0.12,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 9, "color": "#666666"},
    )
    fig.update_layout(margin={"b": 90})
    return fig


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
    hover = [
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
    fig = go.Figure()
    for status, color in _STATUS_COLORS.items():
        mask = (frame["status"] == status).to_numpy()
        if not mask.any():
            continue
        fig.add_trace(
            go.Bar(
                y=np.asarray(names)[mask],
                x=frame["required"].to_numpy()[mask],
                orientation="h",
                name=f"required ({status})",
                marker_color=color,
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
            marker={"symbol": "diamond", "size": 10, "color": "black"},
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.update_layout(
        title=title,
        barmode="overlay",
        xaxis={"title": "level (O*NET level scale 0-7)", "range": [0, 7]},
        yaxis={"categoryorder": "array", "categoryarray": names},
        height=max(350, 24 * len(frame) + 150),
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
    )
    return _attribution(fig) if attribution else fig


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

    Each panel shows every peer as a dot over a box (quartiles and median),
    the client as a red diamond, and in its title the client's percentile in
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
                marker={"color": "#7f7f7f", "size": 5},
                line={"color": "#1f77b4"},
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
                marker={"symbol": "diamond", "size": 14, "color": "#d62728"},
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
    fig.update_layout(title=title, height=320 * rows + 80, showlegend=True)
    fig.update_annotations(font_size=11)
    return fig


def progress_chart(progress: Any, *, title: str | None = None) -> go.Figure:
    """Planned against reported progress per step at a checkpoint.

    Parameters
    ----------
    progress
        A :class:`careerlib.gaps.Progress`.

    Steps behind plan are marked red. The title gives the overall planned and
    actual percent and says when the reviews have gathered dust.
    """
    frame = progress.steps.iloc[::-1]
    ids = list(frame.index)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=ids, x=frame["planned"] * 100, orientation="h", name="planned", marker_color="#aec7e8"
        )
    )
    fig.add_trace(
        go.Bar(
            y=ids,
            x=frame["actual"] * 100,
            orientation="h",
            name="reported",
            marker_color=np.where(frame["behind"], "#d62728", "#1f77b4").tolist(),
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
        title=heading,
        barmode="group",
        xaxis={"title": "progress of the step [%]", "range": [0, 100]},
        height=max(300, 40 * len(ids) + 150),
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
    )
    return fig


def goal_tree_chart(
    alignment: Any, *, kind: str = "sunburst", title: str = "Goal alignment"
) -> go.Figure:
    """The goal tree as a sunburst (or icicle): organizational goals at the centre, steps outside.

    Parameters
    ----------
    alignment
        A :class:`careerlib.gaps.Alignment`.
    kind
        ``"sunburst"`` or ``"icicle"``.

    Goals are coloured by level; orphan and unserved goals get a "(orphan)" or
    "(no step)" label, and steps that serve no goal sit at the root level.
    """
    tree = alignment.tree
    labels = []
    for node_id, label, node_kind in zip(tree["id"], tree["label"], tree["kind"], strict=True):
        text = str(label)
        if node_kind == "goal":
            gid = node_id.split(":", 1)[1]
            if gid in alignment.orphan_goals:
                text += " (orphan)"
            if gid in alignment.unserved_goals:
                text += " (no step)"
        elif not tree.loc[tree["id"] == node_id, "parent"].iloc[0]:
            text += " (no goal)"
        labels.append(text)
    colors = [_LEVEL_COLORS.get(level, "#c7c7c7") for level in tree["level"]]
    common = {
        "ids": tree["id"],
        "parents": tree["parent"],
        "labels": labels,
        "marker": {"colors": colors},
        "hovertext": [f"{lv}: {lb}" for lv, lb in zip(tree["level"], labels, strict=True)],
        "hoverinfo": "text",
    }
    if kind == "sunburst":
        trace: Any = go.Sunburst(**common)
    elif kind == "icicle":
        trace = go.Icicle(**common)
    else:
        raise ValueError(f"kind must be 'sunburst' or 'icicle', got {kind!r}")
    fig = go.Figure(trace)
    fig.update_layout(title=title, height=600, margin={"t": 60, "l": 10, "r": 10, "b": 10})
    return fig


def routes_chart(routes: pd.DataFrame, *, title: str = "Routes worth considering") -> go.Figure:
    """The route finder's occupations: weighted skills gap against interest fit.

    Parameters
    ----------
    routes
        A :func:`careerlib.gaps.find_routes` frame.

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
                "colorscale": "Viridis",
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
        title=title,
        xaxis={"title": "interest fit (RIASEC correlation, -1 to 1)"},
        yaxis={"title": "weighted skills gap [level points]"},
        height=500,
    )
    return _attribution(fig)


# --- know where you are: self-assessment and obstacles -------------------------


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
        row_heights=[0.58, 0.42],
    )
    has_role = False
    for col, kind in ((1, "interest"), (2, "value")):
        part = assessment[assessment["kind"] == kind]
        if part.empty:
            continue
        names = [*part["name"], part["name"].iloc[0]]
        fig.add_trace(
            go.Scatterpolar(
                r=[*part["rating"], part["rating"].iloc[0]],
                theta=names,
                name="Client",
                legendgroup="client",
                showlegend=col == 1,
                fill="toself",
                line={"color": "#1f77b4"},
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
                    line={"color": "#ff7f0e", "dash": "dash"},
                ),
                row=1,
                col=col,
            )
    for col, kind, color in ((1, "talent", "#2ca02c"), (2, "marketability", "#9467bd")):
        part = assessment[assessment["kind"] == kind]
        fig.add_trace(
            go.Bar(
                x=part["rating"],
                y=part["name"],
                orientation="h",
                marker_color=color,
                name=kind,
                showlegend=False,
                hovertext=part["note"].fillna(""),
            ),
            row=2,
            col=col,
        )
        fig.update_xaxes(range=[0, 5], row=2, col=col)
        fig.update_yaxes(autorange="reversed", row=2, col=col)
    fig.update_polars(radialaxis={"range": [0, 7]})
    fig.update_layout(
        title=title, height=820, template="plotly_white", legend={"orientation": "h", "y": 1.08}
    )
    if has_role:
        _attribution(fig)
    return fig


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
                "colorscale": [[0, "#2ca02c"], [0.5, "#ffbf00"], [1, "#d62728"]],
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
    fig.update_layout(title=title, height=480, template="plotly_white")
    return fig
