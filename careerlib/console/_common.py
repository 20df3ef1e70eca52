"""What the console's panels share: a message under the controls, a figure redrawn in place."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from careerlib._text import plural

if TYPE_CHECKING:
    from careerlib.scheduling.scheduler import Schedule

__all__ = ["LABEL", "copy_figure", "error_text", "message_html", "verdict_html"]

#: Widget labels as wide as their text.
LABEL = {"description_width": "initial"}


def copy_figure(target: go.FigureWidget, source: go.Figure) -> None:
    """Redraw ``target`` as ``source``: its traces and layout, in one batch.

    A ``FigureWidget`` whose timeline traces are replaced resets a date axis
    to linear in the browser (bars drawn from 1970), so the axis type is set
    again after the batch; the y range comes with the new layout (the charts
    set it), as plotly.js would not re-fit it when the rows change.
    """
    with target.batch_update():
        target.update(data=source.data, layout=source.layout, overwrite=True)
    kind = source.layout.xaxis.type
    if kind not in (None, "-"):
        target.layout.xaxis.type = "-"
        target.layout.xaxis.type = kind


def message_html(text: str, *, error: bool) -> str:
    colour = "#b42318" if error else "#475467"
    return f'<span style="color: {colour}">{html.escape(text, quote=False)}</span>'


def error_text(exc: Exception) -> str:
    return str(exc).strip() or type(exc).__name__


def verdict_html(result: Schedule, where: str) -> str:
    """The schedule's verdict in green or red, then ``(where, N steps)`` in grey.

    The bold part has the CSS class ``careerlib-verdict-text`` and
    ``data-feasible="true"`` or ``"false"``, for the browser tests.
    """
    colour = "#067647" if result.feasible else "#b42318"
    return (
        f'<b style="color: {colour}" data-feasible="{str(result.feasible).lower()}"'
        f' class="careerlib-verdict-text">{html.escape(result.verdict, quote=False)}</b>'
        f' <span style="color: #475467">({html.escape(where, quote=False)}, '
        f"{plural(len(result), 'step')})</span>"
    )
