"""What the console's panels share: a message under the controls, a chart redrawn."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio

from careerlib._text import plural

if TYPE_CHECKING:
    from careerlib.scheduling.scheduler import Schedule

__all__ = [
    "LABEL",
    "PLOTLY_MIMETYPE",
    "Chart",
    "error_text",
    "message_html",
    "plotly_output",
    "verdict_html",
]

#: Widget labels as wide as their text.
LABEL = {"description_width": "initial"}


#: The output type of plotly's own renderer for JupyterLab and Voila (``fig.show()``).
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"


class Chart:
    """A plotly chart in the console, drawn anew from its data at every change.

    :attr:`widget` is an ``Output`` widget holding the figure as plotly's own
    output (``application/vnd.plotly.v1+json``, what ``fig.show()`` gives in
    JupyterLab), drawn in the page by plotly's renderer for JupyterLab and Voila
    (the ``jupyterlab-plotly`` extension, installed with plotly), which loads
    plotly.js once for the page. :meth:`show` replaces the output: one message
    with the new figure (about 50 kB for a 50-step Gantt chart), drawn as a new
    chart in one step.

    It is not a ``FigureWidget``: changed in place, that reached the browser as
    a chain of edits that Voila lost (a route change in the coach console: the
    verdict said 16 steps, the chart still showed 15); made anew at each change,
    it sent plotly.js itself (5 MB, its widget code) with every chart.

    Attributes
    ----------
    widget
        The ``Output`` widget (CSS class ``careerlib-chart``); it stays in its place.
    figure
        The figure shown, a ``plotly.graph_objects.Figure``.
    """

    def __init__(self, figure: go.Figure) -> None:
        self.widget = widgets.Output().add_class("careerlib-chart")
        self.figure = figure
        self.show(figure)

    def show(self, figure: go.Figure) -> None:
        """Show ``figure`` in place of the chart shown."""
        self.figure = figure
        self.widget.outputs = (plotly_output(figure),)


def plotly_output(figure: go.Figure) -> dict[str, Any]:
    """``figure`` as a notebook output drawn by plotly's renderer (text: its title)."""
    bundle = pio.renderers["plotly_mimetype"].to_mimebundle(figure.to_dict())
    title = figure.layout.title.text or "A chart"
    return {
        "output_type": "display_data",
        "data": {**bundle, "text/plain": re.sub(r"<[^>]+>", " ", str(title))},
        "metadata": {},
    }


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
