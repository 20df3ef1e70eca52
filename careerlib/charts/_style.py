"""What every chart shares: the colours, the ``careerlib`` plotly template, layout and date helpers.

The chart modules declare charts; this module holds the machinery they share
(as :mod:`plotly.express` keeps ``_chart_types`` apart from ``_core``). Every
chart starts from the registered template :data:`TEMPLATE` and takes its
colours by meaning from :data:`COLORS`, so changing a colour here restyles
every chart.

Dates on the x axis are days: a step occupies its working days from the start
of its first day to the end of its last, and a milestone sits at the end of its
day (spec rule 3 and "a milestone is reached at the end of its day").
"""

from __future__ import annotations

import datetime as dt
import html
import re
import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from careerlib._speedups import skip_slow_optional_imports

# A figure shown in a notebook imports nbformat -> jsonschema: keep the slow
# optional part of that out (see careerlib._speedups).
skip_slow_optional_imports()


def escape_text(text: str) -> str:
    """``text`` for plotly's labels: ``<``, ``>`` and ``&`` escaped, quotes left as they are.

    plotly.js reads ``&lt;``, ``&gt;`` and ``&amp;`` (and numeric references)
    but not ``&quot;``: ``html.escape``'s quotes would show as ``&quot;`` in
    SVG, PNG and PDF images.
    """
    return html.escape(text, quote=False)


def wrap_label(text: str, width: int) -> str:
    """``text`` escaped, in lines of at most ``width`` characters: never cut (there is
    no hover on paper), a word longer than a line keeps its line to itself."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(escape_text(line) for line in lines or [text])


# --- colours -------------------------------------------------------------------

#: Named colours used by every chart; change them here to restyle all charts.
COLORS: dict[str, str] = {
    "critical": "#C0392B",  # deep red: any delay moves the target; a problem
    "step": "#3D7EAA",  # calm blue: a step with room to move
    "done": "#6FA287",  # muted green: work reported done
    "not_started": "#AAB7B8",  # grey: a step nobody has reported on yet
    "slack": "#D5DEE7",  # pale grey-blue: how much earlier a step could start
    "late": "#F39C12",  # amber: work that would have to happen before the start
    "milestone": "#F6C945",  # gold diamond
    "outline": "#1B2631",  # dark outline of critical bars and milestones
    "deadline": "#8E44AD",  # purple: a step's own deadline
    "dependency": "#7F8C8D",
    "start": "#2B2D42",
    "target": "#1E8449",  # green: the target; all is well
    "closed": "rgba(120, 130, 140, 0.16)",  # blackouts and holidays
    "group": "rgba(61, 126, 170, 0.07)",  # band behind a group's header row
    "checkpoint": "#5D6D7E",
    "text": "#2B2D42",
    "note": "#5D6D7E",  # small print: labels of blackouts, attributions
    "grid": "#E5E8EB",
    "axis": "#AAB7B8",
    "veil": "rgba(255,255,255,0.7)",  # behind a label, over a hatched bar
    "no_group": "#95A5A6",  # steps of no goal, or of every route
    "none": "rgba(0,0,0,0)",  # no colour: a line that is not drawn
    # the gap analyses
    "met": "#1E8449",  # a requirement the client meets
    "addressed": "#F39C12",  # a gap a step of the plan develops
    "unaddressed": "#C0392B",  # a gap no step develops
    "not rated": "#AAB7B8",  # a requirement the client has not rated: unknown, no gap
    "client": "#1B2631",  # the client's own level or value, as a marker
    # the parts of an occupation's transferability score (Okabe and Ito)
    "skills_points": "#0072B2",
    "interest_points": "#009E73",
    "zone_points": "#E69F00",
    "ladder_points": "#D55E00",
    "related_points": "#CC79A7",
    "client_profile": "#3D7EAA",  # the client's profile, as an area
    "role": "#E69F00",  # the target role's profile
    "peers": "#95A5A6",  # each peer, as a dot
    "peer_spread": "#3D7EAA",  # the peers' quartiles
    "planned": "#A9CCE3",  # progress the plan expects by now
    "capacity": "#2B2D42",  # the client's hours a week
    "talent": "#009E73",
    "marketability": "#7F3C8D",
}

#: Colours of goals and routes, in the order they appear in the plan
#: (colour-blind-friendly, after Okabe and Ito, and the Tableau 10 palette).
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#8C6D31",
    "#7F3C8D",
    "#11A579",
    "#3969AC",
)

#: Colours of the weekly load chart: hours within capacity, hours over it, capacity.
LOAD_COLORS: dict[str, str] = {
    "planned": COLORS["step"],
    "over": COLORS["critical"],
    "capacity": COLORS["capacity"],
}

#: Colours of the goal tree's levels.
LEVEL_COLORS: dict[str, str] = {
    "organizational": PALETTE[0],
    "department": PALETTE[2],
    "professional": PALETTE[1],
    "personal": PALETTE[3],
    "step": COLORS["slack"],
}

#: Colour scale of an obstacle's risk (likelihood x impact, 1-25): low green, high red.
RISK_SCALE: list[list[Any]] = [
    [0, COLORS["met"]],
    [0.5, COLORS["milestone"]],
    [1, COLORS["critical"]],
]

#: Colours of the tracking charts (:mod:`careerlib.charts.tracking`; the others: :data:`COLORS`).
TRACKING_COLORS: dict[str, str] = {
    "remaining": "#9DC3E0",  # the forecast of the work left
    "done": "#6FA287",  # the work reported done (COLORS["done"])
    "behind": "#C0392B",  # outline of a step behind its latest plan
    "baseline": "#A6ACAF",  # the baseline's bar, beneath
    "early": "#2E86C1",
    "late": "#C0392B",
    "envelope": "rgba(46, 134, 193, 0.12)",
    "earned": "#1B2631",
    "today": "#2B2D42",
    "forecast": "#E67E22",
    "clear": "rgba(0,0,0,0)",  # no outline
}

#: The colours of the plan diff chart (:mod:`careerlib.charts.changes`): the older version,
#: the newer, a newer latest start that came earlier (less time to start), both targets.
CHANGE_COLORS: dict[str, str] = {
    "old": TRACKING_COLORS["baseline"],
    "new": COLORS["step"],
    "earlier": COLORS["critical"],
    "old_target": "#7F8C8D",
    "new_target": COLORS["target"],
}

#: The colour of each status of the practice roster (:mod:`careerlib.charts.roster`), worst first.
STATUS_COLORS: dict[str, str] = {
    "late": COLORS["critical"],  # red: the forecast misses the target
    "behind": "#E67E22",  # orange: below the latest plan
    "using slack": "#D4AC0D",  # dark gold: on time, the slack shrinking
    "on plan": COLORS["step"],  # calm blue
    "ahead": COLORS["met"],  # green
}

#: Colour scale of an occupation's job zone (the preparation it needs, 1-5).
ZONE_SCALE = "Viridis"


def palette(keys: Sequence[str]) -> dict[str, str]:
    """A colour for each key, cycling through the palette."""
    return {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}


# --- the template ----------------------------------------------------------------

#: The name of the plotly template every chart starts from.
TEMPLATE = "careerlib"
FONT = "Helvetica, Arial, sans-serif"


#: The trace types careerlib's charts draw that ``plotly_white`` styles (the
#: others it draws, box, icicle and sunburst, have no defaults there). The
#: template keeps only their defaults: the other 21 of ``plotly_white`` change
#: nothing in a careerlib chart, yet plotly validated them again for every
#: figure (about 20 ms each: most of a console redraw, see benchmarks/builder.py).
TEMPLATE_TRACES: tuple[str, ...] = ("bar", "scatter", "scatterpolar")


def _template() -> go.layout.Template:
    """``plotly_white`` with careerlib's font, text colour, grid and colour cycle.

    Its trace defaults are those of :data:`TEMPLATE_TRACES` only.
    """
    white = pio.templates["plotly_white"]
    template = go.layout.Template(
        layout=white.layout,
        data={name: white.data[name] for name in TEMPLATE_TRACES},
    )
    axis = {
        "gridcolor": COLORS["grid"],
        "linecolor": COLORS["axis"],
        "zerolinecolor": COLORS["grid"],
    }
    template.layout.update(
        font={"family": FONT, "size": 12, "color": COLORS["text"]},
        title={"font": {"size": 20, "color": COLORS["text"]}},
        colorway=list(PALETTE),
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel={"align": "left"},
        xaxis=axis,
        yaxis=axis,
    )
    return template


pio.templates[TEMPLATE] = _template()


# --- dates -------------------------------------------------------------------------

DAY_MS = 86_400_000
ONE_DAY = np.timedelta64(1, "D")


def iso(days: np.ndarray) -> list[str]:
    """``datetime64[D]`` values as ISO date strings."""
    return np.datetime_as_string(np.asarray(days, dtype="datetime64[D]"), unit="D").tolist()


def as_day(value: Any) -> np.datetime64:
    """A date, ``datetime64`` or ISO string as ``datetime64[D]``."""
    return np.datetime64(value, "D")


def fmt(value: Any) -> str:
    """A date as a client reads it, as in every table and sentence: ``23 Nov 2026``."""
    day = dt.date.fromisoformat(str(as_day(value)))
    return f"{day.day} {day:%b %Y}"


def days_between(a: np.ndarray | np.datetime64, z: np.ndarray | np.datetime64) -> Any:
    """The days from ``a`` to ``z`` as integers (an array for arrays)."""
    return (z - a).astype("timedelta64[D]").astype("int64")


# --- layout pieces -------------------------------------------------------------------

_NARROW = frozenset("iljtfrI.,:;|!'()[] ")
_WIDE = frozenset("mwMW@%")


def text_px(text: str, size: float) -> float:
    """About how wide ``text`` is in Helvetica/Arial at ``size`` px (bold when in ``<b>``).

    Used to set the left margin of a chart to its labels beforehand: plotly's
    ``automargin`` then has nothing to redo, which halves the time an image of a
    200-step chart takes to render. Errs on the wide side.
    """
    bold = text.startswith("<b>")
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    em = 0.0
    for ch in plain:
        if ch in _NARROW:
            em += 0.3
        elif ch in _WIDE:
            em += 0.9
        elif ch.isupper():
            em += 0.7
        else:
            em += 0.56
    return em * size * (1.1 if bold else 1.0)


def date_line(
    when: np.datetime64,
    label: str,
    color: str,
    *,
    dash: str = "solid",
    side: str = "left",
    lane: int = 0,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A vertical line at the start of ``when`` with a label above the plot.

    Drawn as a shape and an annotation: ``add_vline(annotation_text=...)`` fails
    on date axes (plotly issue 3065). ``side`` is where the label sits; ``lane``
    1 raises it one line, clear of the labels of lane 0.
    """
    x = str(when)
    shape = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": color, "width": 2, "dash": dash},
        "layer": "above",
        "name": label,
    }
    note = {
        "xref": "x",
        "yref": "paper",
        "x": x,
        "y": 1,
        "yanchor": "bottom",
        "xanchor": "right" if side == "left" else "left",
        "yshift": LANE_PX * lane,
        "text": f"<b>{escape_text(label)}</b>",
        "showarrow": False,
        "font": {"color": color, "size": 12},
        "name": label,
    }
    return shape, note


#: Height of one lane of labels above the plot [px].
LANE_PX = 16
#: The plot width [px] that label collisions are judged on when the figure's width
#: is not known: that of a notebook's output with the legend beside the plot, so
#: that the labels are clear there and, all the more, in a wider image.
PLOT_PX = 480
#: Height of one legend entry [px], to make a short chart tall enough for its legend.
LEGEND_ENTRY_PX = 24


def label_lanes(
    fixed: list[tuple[np.datetime64, str, str]],
    labels: list[tuple[np.datetime64, str, str]],
    lo: np.datetime64,
    hi: np.datetime64,
    plot_px: float = PLOT_PX,
) -> list[int]:
    """A lane (0, 1, 2...: a line higher each) for each label above the plot, so none overlap.

    ``fixed`` labels stay in lane 0; each of ``labels`` takes the lowest lane
    where it overlaps nothing. A label is ``(day, text, side)``, ``side`` being
    where the text sits: ``"left"``, ``"right"`` of the day, or ``"middle"``.
    """
    days = max(int(days_between(lo, hi)), 1)

    def span(when: np.datetime64, text: str, side: str) -> tuple[float, float]:
        x = int(days_between(lo, when)) / days * plot_px
        w = text_px(text, 12) * 1.1 + 8
        return {"left": (x - w, x), "right": (x, x + w)}.get(side, (x - w / 2, x + w / 2))

    taken: list[tuple[int, float, float]] = [(0, *span(*f)) for f in fixed]
    out = []
    for label in labels:
        a, b = span(*label)
        lane = 0
        while any(t == lane and a < z and y < b for t, y, z in taken):
            lane += 1
        taken.append((lane, a, b))
        out.append(lane)
    return out


def legend_only(name: str, marker: dict[str, Any], rank: int) -> dict[str, Any]:
    """An empty trace that only puts an entry in the legend."""
    return {
        "type": "bar",
        "orientation": "h",
        "x": [None],
        "y": [None],
        "name": name,
        "marker": marker,
        "hoverinfo": "skip",
        "legendrank": rank,
    }


def band(a: np.datetime64, z: np.datetime64, name: str) -> dict[str, Any]:
    """A shaded band over the days ``[a, z)``, behind the bars."""
    return {
        "type": "rect",
        "xref": "x",
        "yref": "paper",
        "x0": str(a),
        "x1": str(z),
        "y0": 0,
        "y1": 1,
        "fillcolor": COLORS["closed"],
        "line": {"width": 0},
        "layer": "below",
        "name": name,
    }


def base_layout(title: str, height: int, subtitle: str = "") -> dict[str, Any]:
    """Layout of the charts over dates: the template, a light grid, dates on x.

    The title sits at the top left, ``subtitle`` (lines joined by ``<br>``) under it.
    """
    return {
        "title": {
            "text": title,
            "subtitle": {"text": subtitle, "font": {"size": 13, "color": COLORS["text"]}},
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "yref": "container",
            "y": 1 - 12 / height,
            "yanchor": "top",
            "font": {"size": 20, "color": COLORS["text"]},
        },
        "height": height,
        "template": TEMPLATE,
        "font": {"family": FONT, "size": 12, "color": COLORS["text"]},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "barmode": "overlay",
        "bargap": 0.3,
        "hoverlabel": {"align": "left"},
        "xaxis": {
            "type": "date",
            "showgrid": True,
            "gridcolor": COLORS["grid"],
            "linecolor": COLORS["axis"],
            "ticks": "outside",
            "hoverformat": "%a %d %b %Y",
        },
    }


def legend() -> dict[str, Any]:
    """A legend at the top right of the plot, one entry a line (it fits any width)."""
    return {
        "orientation": "v",
        "yref": "paper",
        "y": 1,
        "yanchor": "top",
        "x": 1.01,
        "xanchor": "left",
        "font": {"size": 12},
        "traceorder": "normal",
        "bgcolor": "rgba(255,255,255,0.9)",
        "tracegroupgap": 4,
    }


def legend_below() -> dict[str, Any]:
    """A legend in rows under the plot, below the date axis."""
    return {
        "orientation": "h",
        "yref": "container",
        "y": 0,
        "yanchor": "bottom",
        "x": 0,
        "xanchor": "left",
        "font": {"size": 12},
        "traceorder": "normal",
        "bgcolor": "rgba(255,255,255,0.9)",
    }


#: Room at the top of a chart with :func:`legend_above` [px]: the title, then up to
#: two rows of legend entries.
ABOVE_PX = 112


def title_at_top(text: str, height: int) -> dict[str, Any]:
    """A chart's title at its top left, clear of a legend under it (:func:`legend_above`)."""
    return {
        "text": text,
        "x": 0.01,
        "xanchor": "left",
        "xref": "container",
        "yref": "container",
        "y": 1 - 14 / height,
        "yanchor": "top",
    }


def legend_above(height: int) -> dict[str, Any]:
    """A legend in rows between the title and the plot (the gap charts).

    The chart keeps :data:`ABOVE_PX` at its top (``margin.t``) and its title in
    :func:`title_at_top`: two rows of entries fit under the title at any width.
    """
    return {
        "orientation": "h",
        "yref": "container",
        "y": 1 - 50 / height,
        "yanchor": "top",
        "x": 0,
        "xanchor": "left",
        "traceorder": "normal",
    }


def attribution(fig: go.Figure) -> go.Figure:
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
        font={"size": 9, "color": COLORS["note"]},
    )
    fig.update_layout(margin={"b": 90})
    return fig
