"""The practice roster: every client's target against the forecast on one time axis."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from careerlib._text import day_text
from careerlib.charts._style import COLORS, STATUS_COLORS, base_layout, date_line, legend

__all__ = ["STATUS_COLORS", "roster_chart"]

_ROW_PX = 34


def _hover(row: Any) -> str:
    lines = [
        f"<b>{html.escape(str(row.client))}</b>: {html.escape(str(row.status))}",
        f"{html.escape(str(row.target_role))}",
        f"target {row.target:%d %b %Y}, forecast {row.forecast_finish:%d %b %Y}",
        (
            f"{row.days_late} working days late"
            if row.days_late
            else f"{row.slack_left_days} working days of slack left"
        ),
    ]
    if pd.isna(row.last_checkin):
        lines.append("no check-in yet" + (" (stale)" if row.stale else ""))
    else:
        lines.append(
            f"last check-in {row.last_checkin:%d %b %Y}" + (" (stale)" if row.stale else "")
        )
    if isinstance(row.next_step, str):
        lines.append(
            f"next latest start: {html.escape(str(row.next_step_title))}, "
            f"{row.next_latest_start:%d %b %Y}"
        )
    return "<br>".join(lines)


def roster_chart(
    frame: pd.DataFrame, *, as_of: dt.date | None = None, title: str | None = None
) -> go.Figure:
    """Each client's target against the forecast finish, one row a client, coloured by status.

    Parameters
    ----------
    frame
        A roster (:func:`careerlib.roster`, in :mod:`careerlib.roster_status`),
        drawn in its order (the clients who need attention at the top).
    as_of
        The day of the roster, drawn as a line; default ``frame.attrs["as_of"]``.
    title
        Default: "The practice on DATE: N clients".

    Notes
    -----
    A line joins each client's target (a black tick) to the forecast finish
    (a dot in the status colour): to the right of the tick the forecast is
    late, to the left the gap is the slack. A stale client's name is in italics
    and marked with a ``*``.
    """
    day = as_of if as_of is not None else frame.attrs.get("as_of")
    rows = list(frame.itertuples(index=False))
    labels = [
        f"<i>{html.escape(str(r.client))} *</i>" if r.stale else html.escape(str(r.client))
        for r in rows
    ]
    fig = go.Figure()
    for status, color in STATUS_COLORS.items():
        mine = [i for i, r in enumerate(rows) if r.status == status]
        xs: list[Any] = []
        ys: list[Any] = []
        for i in mine:
            xs += [rows[i].target, rows[i].forecast_finish, None]
            ys += [labels[i], labels[i], None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": color, "width": 4},
                legendgroup=status,
                showlegend=False,
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                # an empty status keeps its legend entry: one point at no place
                x=[rows[i].forecast_finish for i in mine] or [None],
                y=[labels[i] for i in mine] or [None],  # type: ignore[list-item]
                mode="markers",
                name=f"{status} ({len(mine)})",
                legendgroup=status,
                marker={"color": color, "size": 13, "line": {"color": "white", "width": 1.5}},
                hovertext=[_hover(rows[i]) for i in mine],
                hoverinfo="text",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[r.target for r in rows],
            y=labels,
            mode="markers",
            name="target",
            marker={
                "symbol": "line-ns",
                "size": 22,
                "line": {"color": COLORS["outline"], "width": 3},
            },
            hovertext=[f"{html.escape(str(r.client))}: target {r.target:%d %b %Y}" for r in rows],
            hoverinfo="text",
        )
    )
    n = len(rows)
    stale = sum(bool(r.stale) for r in rows)
    clients = f"{n} client{'s' if n != 1 else ''}"
    heading = title or (f"The practice on {day_text(day)}: {clients}" if day else "The practice")
    subtitle = "Target (black tick) against the forecast finish (dot), coloured by status"
    if stale:
        subtitle += f"; * {stale} stale: no check-in within the cadence"
    height = max(320, _ROW_PX * n + 170)
    layout = base_layout(heading, height, subtitle)
    layout.update(
        legend=legend(),
        margin={"l": 10, "r": 10, "t": 110, "b": 50},
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels[::-1],
            "automargin": True,
            "showgrid": True,
            "gridcolor": COLORS["grid"],
        },
        hovermode="closest",
    )
    fig.update_layout(**layout)
    if day is not None:
        shape, note = date_line(
            np.datetime64(day, "D"), f"today {day_text(day)}", COLORS["start"], dash="dot"
        )
        fig.add_shape(**shape)
        fig.add_annotation(**note)
    return fig
