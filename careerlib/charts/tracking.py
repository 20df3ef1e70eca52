"""Tracking charts: the tracking Gantt and progress over time of a check-in.

* :func:`tracking_gantt`: for every step the current bar (what was done as
  reported, then the forecast of what is left) with the share done filled in,
  the baseline's bar beneath it, a line for the check-in day, the forecast
  finish and the target;
* :func:`progress_over_time_chart`: earned progress at each check-in against
  the baseline's early and late planned curves (the band between them is the
  slack), with the forecast finish and the target.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import numpy as np
import plotly.graph_objects as go

from careerlib.charts._style import (
    COLORS,
    DAY_MS,
    TRACKING_COLORS,
    base_layout,
    legend_below,
    wrap_label,
)
from careerlib.tracking import Tracking

__all__ = ["TRACKING_COLORS", "progress_over_time_chart", "tracking_gantt"]


def _ms(days: int) -> int:
    return days * DAY_MS


def _span(a: dt.date, b: dt.date) -> int:
    """Calendar days from the start of ``a`` to the end of ``b``, as milliseconds."""
    return _ms((b - a).days + 1)


def _vline(day: dt.date, label: str, color: str, dash: str, lane: int) -> dict[str, Any]:
    return {
        "shape": {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": day.isoformat(),
            "x1": day.isoformat(),
            "y0": 0,
            "y1": 1,
            "line": {"color": color, "width": 2, "dash": dash},
            "layer": "above",
        },
        "note": {
            "xref": "x",
            "yref": "paper",
            "x": day.isoformat(),
            "y": 1,
            "yanchor": "bottom",
            "xanchor": "left" if lane % 2 else "right",
            "yshift": 2 + 16 * (lane // 2),
            "text": f"<b>{html.escape(label)}</b>",
            "showarrow": False,
            "font": {"color": color, "size": 12},
        },
    }


def _layout(fig: go.Figure, title: str, subtitle: str, height: int) -> None:
    fig.update_layout(
        **base_layout(html.escape(title), height, subtitle),
        margin={"t": 150, "l": 10, "r": 10, "b": 90},
        legend=legend_below(),
    )


def _done_dates(tr: Tracking) -> dict[str, dt.date]:
    """The check-in that first reported each finished step done."""
    out: dict[str, dt.date] = {}
    for review in sorted(tr.reviews, key=lambda r: r.date):
        if review.date > tr.as_of:
            break
        for sid, share in review.progress.items():
            if share >= 1.0 and sid not in out:
                out[sid] = review.date
    return out


def tracking_gantt(tracking: Tracking, *, title: str | None = None) -> go.Figure:
    """The tracking Gantt of a check-in (see the module).

    Parameters
    ----------
    tracking
        A result of :func:`careerlib.tracking.track` or :func:`~careerlib.tracking.track_client`.
    title
        Default: the plan's title and the check-in day.

    Notes
    -----
    Each step's current bar runs from where its done share places it (for a
    step in progress: that many working days before the check-in; for a step
    done: ending the working day before the check-in that first reported it
    done) to its forecast finish; the share done is filled in dark. The thin
    grey bar beneath is the baseline's latest start to latest finish. A step
    behind its latest plan is outlined red.
    """
    tr = tracking
    cal = tr.forecast.calendar
    done_on = _done_dates(tr)
    steps = list(tr.steps)
    n = len(steps)
    labels, hover = [], []
    cur_base: list[str] = []
    cur_len: list[int] = []
    fill_len: list[int] = []
    base_base: list[str | None] = []
    base_len: list[int | None] = []
    behind, milestone = [], []
    for s in steps:
        labels.append(f"{s.title} (new)" if s.new else s.title)
        dur = 0 if s.milestone else max(1, int(round(_work_days(tr, s.id))))
        if s.state == "done":
            end = cal.previous_working_day(done_on.get(s.id, tr.as_of))
            start = end if s.milestone else cal.add(end, -(dur - 1))
        elif s.state == "in progress":
            done_days = int(round(s.actual * dur))
            start = cal.add(tr.forecast.resume, -done_days) if done_days else tr.forecast.resume
            end = s.forecast_finish or tr.forecast.resume
        else:
            start = s.forecast_start or tr.forecast.resume
            end = s.forecast_finish or start
        cur_base.append(start.isoformat())
        cur_len.append(_span(start, end) if not s.milestone else _ms(1))
        fill_len.append(
            cur_len[-1] if s.state == "done" else int(s.actual * cur_len[-1]) if s.actual else 0
        )
        if s.baseline_start is not None and s.baseline_finish is not None:
            base_base.append(s.baseline_start.isoformat())
            base_len.append(_span(s.baseline_start, s.baseline_finish))
        else:
            base_base.append(None)
            base_len.append(None)
        behind.append(s.behind)
        milestone.append(s.milestone)
        facts = [
            f"<b>{html.escape(s.title)}</b> ({html.escape(s.id)})",
            f"{s.state}, {100 * s.actual:.0f}% reported",
        ]
        if s.forecast_finish is not None:
            facts.append(f"forecast: {s.forecast_start} to {s.forecast_finish}")
        if s.latest_start is not None:
            facts.append(f"latest: {s.latest_start} to {s.latest_finish}")
        if s.baseline_start is not None:
            facts.append(f"baseline (latest): {s.baseline_start} to {s.baseline_finish}")
        if s.new:
            facts.append("<i>added after the baseline</i>")
        if s.behind:
            facts.append(f"<b>behind</b>: planned at least {100 * (s.planned_late or 0):.0f}%")
        hover.append("<br>".join(facts))

    y = np.arange(n, dtype=float)
    fig = go.Figure()
    has_base = [b is not None for b in base_base]
    if any(has_base):
        idx = [i for i in range(n) if has_base[i] and not milestone[i]]
        fig.add_trace(
            go.Bar(
                name=f"Baseline '{tr.baseline.name}' (latest dates)",
                orientation="h",
                y=y[idx] + 0.3,
                base=[base_base[i] for i in idx],
                x=[base_len[i] for i in idx],
                width=0.16,
                marker={"color": TRACKING_COLORS["baseline"], "line": {"width": 0}},
                hoverinfo="skip",
            )
        )
    bars = [i for i in range(n) if not milestone[i]]
    fig.add_trace(
        go.Bar(
            name="Current: as reported, then the forecast",
            orientation="h",
            y=y[bars] - 0.05,
            base=[cur_base[i] for i in bars],
            x=[cur_len[i] for i in bars],
            width=0.5,
            marker={
                "color": TRACKING_COLORS["remaining"],
                "line": {
                    "color": [
                        TRACKING_COLORS["behind"] if behind[i] else TRACKING_COLORS["clear"]
                        for i in bars
                    ],
                    "width": [2.5 if behind[i] else 0 for i in bars],
                },
            },
            hovertext=[hover[i] for i in bars],
            hoverinfo="text",
        )
    )
    filled = [i for i in bars if fill_len[i]]
    if filled:
        fig.add_trace(
            go.Bar(
                name="Done (share reported)",
                orientation="h",
                y=y[filled] - 0.05,
                base=[cur_base[i] for i in filled],
                x=[fill_len[i] for i in filled],
                width=0.5,
                marker={"color": TRACKING_COLORS["done"], "line": {"width": 0}},
                hovertext=[hover[i] for i in filled],
                hoverinfo="text",
            )
        )
    ms = [i for i in range(n) if milestone[i]]
    if ms:
        fig.add_trace(
            go.Scatter(
                name="Milestone",
                mode="markers",
                x=[cur_base[i] for i in ms],
                y=y[ms] - 0.05,
                marker={
                    "symbol": "diamond",
                    "size": 13,
                    "color": [
                        TRACKING_COLORS["done"] if steps[i].state == "done" else COLORS["milestone"]
                        for i in ms
                    ],
                    "line": {"color": COLORS["outline"], "width": 1},
                },
                hovertext=[hover[i] for i in ms],
                hoverinfo="text",
            )
        )
    if any(behind):
        fig.add_trace(
            go.Bar(
                name="Behind its latest plan (outlined)",
                x=[None],
                y=[None],
                orientation="h",
                marker={"color": "white", "line": {"color": TRACKING_COLORS["behind"], "width": 2}},
                visible="legendonly",
                showlegend=True,
            )
        )
    fc = tr.forecast
    lines = [
        _vline(tr.as_of, f"Check-in {tr.as_of}", TRACKING_COLORS["today"], "dot", 0),
        _vline(
            fc.finish,
            f"Forecast {fc.finish}",
            TRACKING_COLORS["forecast"] if fc.on_time else COLORS["critical"],
            "dash",
            1 if fc.finish >= fc.target_day else 0,
        ),
        _vline(fc.target_day, f"Target {fc.target}", COLORS["target"], "solid", 3),
    ]
    ticktext = [wrap_label(label, 38) for label in labels]
    # a wrapped title needs its lines' height (and a little air) in its row
    lines_per_row = max([t.count("<br>") + 1 for t in ticktext] or [1])
    height = max(380, max(34, 15 * lines_per_row + 8) * n + 260)
    # wrapped: an image or a page has no room for a line wider than the plot
    subtitle = (
        f"<b>{html.escape(tr.status.capitalize())}</b>. "
        + wrap_label(fc.verdict, 100)
        + "<br>"
        + wrap_label(tr.progress_sentence, 110)
    )
    _layout(fig, title or f"{tr.plan.title}: tracking at {tr.as_of}", subtitle, height)
    fig.update_layout(
        barmode="overlay",
        shapes=[line["shape"] for line in lines],
        annotations=[line["note"] for line in lines],
    )
    fig.update_yaxes(
        tickvals=y.tolist(),
        ticktext=ticktext,
        autorange="reversed",
        showgrid=False,
        range=[n - 0.4, -0.7],
    )
    return fig


def _work_days(tr: Tracking, step_id: str) -> float:
    w = tr.curves.weights.get(step_id)
    if w is not None and w > 0:
        return w
    step = tr.plan.step(step_id)
    if step.duration is not None:
        return float(step.duration.working_days(tr.plan.workdays_per_week))
    return 1.0


def progress_over_time_chart(tracking: Tracking, *, title: str | None = None) -> go.Figure:
    """Earned progress at each check-in against the baseline's early and late curves.

    The band between the curves is the slack: above it the client is ahead
    of the earliest plan, below it behind the latest one. Lines mark the
    forecast finish and the target.
    """
    tr = tracking
    curves = tr.curves_frame()
    days = [d.date().isoformat() for d in curves.index]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            name="Planned, latest dates (below it: behind)",
            x=days,
            y=curves["late_pct"].round(2),
            mode="lines",
            line={"color": TRACKING_COLORS["late"], "width": 2},
            hovertemplate="%{x|%d %b %Y}: latest plan %{y:.0f}%<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            name="Planned, earliest dates (above it: ahead)",
            x=days,
            y=curves["early_pct"].round(2),
            mode="lines",
            fill="tonexty",
            fillcolor=TRACKING_COLORS["envelope"],
            line={"color": TRACKING_COLORS["early"], "width": 2},
            hovertemplate="%{x|%d %b %Y}: earliest plan %{y:.0f}%<extra></extra>",
        )
    )
    hist = tr.history
    fig.add_trace(
        go.Scatter(
            name="Earned at each check-in",
            x=[h.day.isoformat() for h in hist],
            y=[round(100 * h.earned, 2) for h in hist],
            mode="lines+markers",
            line={"color": TRACKING_COLORS["earned"], "width": 2},
            marker={
                "size": 10,
                "color": [
                    TRACKING_COLORS["late"]
                    if h.classification == "behind"
                    else TRACKING_COLORS["early"]
                    if h.classification == "ahead"
                    else TRACKING_COLORS["earned"]
                    for h in hist
                ],
            },
            hovertext=[
                f"{h.day}: earned {100 * h.earned:.0f}%, {h.classification}"
                + (f", slip {h.slip_days:.1f} working days" if h.slip_days else "")
                for h in hist
            ],
            hoverinfo="text",
        )
    )
    fc = tr.forecast
    fig.add_trace(
        go.Scatter(
            name="Forecast finish",
            x=[fc.finish.isoformat()],
            y=[100],
            mode="markers",
            marker={
                "symbol": "star",
                "size": 16,
                "color": TRACKING_COLORS["forecast"] if fc.on_time else COLORS["critical"],
            },
            hovertext=[fc.verdict],
            hoverinfo="text",
        )
    )
    lines = [
        _vline(tr.as_of, f"Check-in {tr.as_of}", TRACKING_COLORS["today"], "dot", 0),
        _vline(fc.target_day, f"Target {fc.target}", COLORS["target"], "solid", 1),
    ]
    subtitle = wrap_label(tr.progress_sentence, 110)
    _layout(fig, title or f"{tr.plan.title}: progress over time", subtitle, 520)
    fig.update_layout(
        shapes=[line["shape"] for line in lines],
        annotations=[line["note"] for line in lines],
    )
    fig.update_yaxes(title="share of the work [%]", range=[0, 105], ticksuffix="%")
    return fig
