"""Tracking charts: the plan at a check-in, and progress over time.

* :func:`tracking_gantt`: the Gantt chart of the plan on the check-in day
  (:func:`careerlib.charts.gantt` of the tracking's status schedule: the work
  done drawn as done, the rest at its dates to aim for, lines for the check-in
  day, the forecast finish and the target) with the baseline's bars beneath
  and the steps behind it outlined: one chart, drawn in one place;
* :func:`progress_over_time_chart`: earned progress at each check-in against
  the baseline's early and late planned curves (the band between them is the
  slack), with the forecast finish and the target.
"""

from __future__ import annotations

import plotly.graph_objects as go

from careerlib._text import day_text
from careerlib.charts._style import (
    COLORS,
    TRACKING_COLORS,
    as_day,
    base_layout,
    date_line,
    escape_text,
    label_lanes,
    legend_below,
    wrap_label,
)
from careerlib.charts.gantt import gantt
from careerlib.tracking import Tracking

__all__ = ["TRACKING_COLORS", "progress_over_time_chart", "tracking_gantt"]


def tracking_gantt(tracking: Tracking, *, title: str | None = None, **options: object) -> go.Figure:
    """The plan at a check-in: :func:`careerlib.charts.gantt` of the tracking's schedule.

    The work done is drawn as done, the rest at the dates to aim for (its
    slack from the forecast start); the baseline the progress is measured
    against is drawn beneath each step (steps added since are marked "new"),
    and a step behind its latest dates in the baseline is outlined red. The
    verdict under the title is the tracking's: the forecast, then the
    progress against the baseline, each named.

    Parameters
    ----------
    tracking
        A result of :func:`careerlib.tracking.track` or :func:`~careerlib.tracking.track_client`.
    title
        Default: the plan's title and the check-in day.
    **options
        Passed to :func:`careerlib.charts.gantt` (``width``, ``legend``, ``color_by``...).
    """
    tr = tracking
    return gantt(
        tr.forecast.schedule,
        baseline=tr.baseline,
        behind=tr.behind_steps,
        verdict=tr.verdict,
        title=title or f"{tr.plan.title}: check-in of {day_text(tr.as_of)}",
        **options,  # type: ignore[arg-type]
    )


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
                f"{day_text(h.day)}: {100 * h.earned:.0f}% done, {h.classification}"
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
        (
            as_day(tr.as_of),
            f"Check-in {day_text(tr.as_of)}",
            TRACKING_COLORS["today"],
            "dot",
            "right",
        ),
        (as_day(fc.target_day), f"Target {day_text(fc.target)}", COLORS["target"], "solid", "left"),
    ]
    span = (as_day(days[0]), max(as_day(days[-1]), as_day(fc.finish)))
    lanes = label_lanes([], [(d, label, side) for d, label, _, _, side in lines], *span)
    drawn = [
        date_line(d, label, color, dash=dash, side=side, lane=lane)
        for (d, label, color, dash, side), lane in zip(lines, lanes, strict=True)
    ]
    subtitle = wrap_label(tr.progress_sentence, 110)
    heading = escape_text(title or f"{tr.plan.title}: progress over time")
    fig.update_layout(
        **base_layout(heading, 520, subtitle),
        margin={"t": 150, "l": 10, "r": 10, "b": 90},
        legend=legend_below(),
        shapes=[line for line, _ in drawn],
        annotations=[note for _, note in drawn],
    )
    fig.update_yaxes(title="share of the work [%]", range=[0, 105], ticksuffix="%")
    return fig
