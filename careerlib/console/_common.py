"""What the console's panels share: a message under the controls, a figure redrawn."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets
import plotly.graph_objects as go

from careerlib._text import plural

if TYPE_CHECKING:
    from careerlib.scheduling.scheduler import Schedule

__all__ = [
    "LABEL",
    "FigureWidgetWithData",
    "error_text",
    "message_html",
    "new_figure_in",
    "verdict_html",
]

#: Widget labels as wide as their text.
LABEL = {"description_width": "initial"}


class FigureWidgetWithData(go.FigureWidget):
    """A ``FigureWidget`` whose first message to the browser already holds its data.

    plotly's opens its channel (the comm) while its traces and layout are still
    empty and sends them in a second message; a view the browser makes in
    between is drawn empty and stays so (a chart shown after the page was: in
    Voila, an empty grid from -1 to 6 in place of the Gantt chart). Here the
    channel opens once the figure is built.
    """

    def __init__(self, figure: go.Figure) -> None:
        self._careerlib_built = False
        # ``figure`` was validated when it was built: not again (half the time of a redraw)
        super().__init__(figure, _validate=False)
        self._careerlib_built = True
        self.open()

    def open(self) -> None:
        if self._careerlib_built:
            super().open()


def new_figure_in(box: widgets.Box, old: go.FigureWidget, source: go.Figure) -> go.FigureWidget:
    """A new ``FigureWidget`` of ``source`` in ``box`` where ``old`` was; ``old`` is closed.

    Redrawn in place (``figure.update(data=..., layout=..., overwrite=True)``),
    a chart reaches the browser as a chain of edits (delete the traces, add the
    new ones, replace the layout; a date axis then needed its type set again),
    each an asynchronous plotly.js call on the same chart; in Voila the chart
    kept its first drawing while the verdict beside it moved on (a route change
    in the coach console: the verdict said 16 steps, the chart still showed 15
    after 90 s). A new widget (:class:`FigureWidgetWithData`) is drawn by the
    browser from its own data, in one step, like the chart first shown.
    """
    figure = FigureWidgetWithData(source)
    box.children = tuple(figure if child is old else child for child in box.children)
    old.close()
    return figure


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
