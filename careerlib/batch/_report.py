"""An executed notebook as a self-contained HTML report without its code."""

from __future__ import annotations

import re
import threading
from typing import Any

__all__ = ["edition_of", "notebook_to_html"]

_PLOTLY_MIME = "application/vnd.plotly.v1+json"
_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# nbconvert's lab template with the blocks that load scripts from CDNs left
# out (require.js, MathJax, mermaid, widgets): a report must open offline.
_REPORT_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""


def notebook_to_html(nb: Any) -> str:
    """An executed notebook as a self-contained HTML report without its code.

    Plotly charts are stored in notebooks as plotly JSON only (small, and
    deterministic for nbval); nbconvert would leave them out. Each one gets an
    HTML rendering here, with plotly.js inlined once, so the report shows every
    chart offline. Widget outputs (the coach console's controls) are left out:
    they need a running kernel.

    The report follows the notebook's ``edition`` parameter (``careerlib run
    --for client``): the client's leaves out the cells tagged ``coach`` (the
    questions to ask, the notes for the coach, the prompts to re-think) and
    puts every date of the text and the charts' titles as ``6 Dec 2026``
    (:class:`careerlib.report.editions.ClientWords`), as the client's edition
    of ``careerlib report`` does.
    """
    import plotly.io as pio

    nb = _outputs_copied(nb)
    nb.metadata.pop("widgets", None)
    if edition_of(nb) == "client":
        _for_the_client(nb)
    first = True
    count = 0
    for cell in nb.cells:
        # interactive widgets (the coach console) need a kernel: not in a report
        if "outputs" in cell:
            cell["outputs"] = [o for o in cell["outputs"] if _WIDGET_MIME not in o.get("data", {})]
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if _PLOTLY_MIME in data and "text/html" not in data:
                count += 1
                # the figure's JSON as the kernel wrote it: plotly made it valid
                # there, so it goes to plotly.js without building a Figure again
                data["text/html"] = pio.to_html(
                    dict(data[_PLOTLY_MIME]),
                    include_plotlyjs=first,
                    full_html=False,
                    div_id=f"careerlib-chart-{count}",
                    config={"displaylogo": False},
                    validate=False,
                )
                first = False
    body, _ = _exporter().from_notebook_node(nb)
    return str(body)


def edition_of(nb: Any) -> str:
    """The edition a run asked for (its ``edition`` parameter), else the coach's."""
    params = nb.metadata.get("papermill", {}).get("parameters", {})
    return "client" if params.get("edition") == "client" else "coach"


_TAGS = re.compile(r"(<[^>]+>)")


def _for_the_client(nb: Any) -> None:
    """Leave out the cells for the coach; the rest in the client's words (in place)."""
    from careerlib.report.editions import ClientWords

    words = ClientWords()
    nb.cells = [c for c in nb.cells if "coach" not in c.get("metadata", {}).get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = words(cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for mime in ("text/markdown", "text/plain"):
                if isinstance(data.get(mime), str):
                    data[mime] = words(data[mime])
            if isinstance(data.get("text/html"), str):
                data["text/html"] = "".join(
                    p if p.startswith("<") else words(p) for p in _TAGS.split(data["text/html"])
                )
            if _PLOTLY_MIME in data:
                _client_figure(data[_PLOTLY_MIME], words)
            if isinstance(out.get("text"), str):  # a stream
                out["text"] = words(out["text"])


def _client_figure(figure: Any, words: Any) -> None:
    """A figure's title, subtitle and notes (plotly JSON) in the client's words."""
    layout = figure.get("layout", {})
    title = layout.get("title")
    if isinstance(title, dict):
        if isinstance(title.get("text"), str):
            title["text"] = words(title["text"])
        sub = title.get("subtitle")
        if isinstance(sub, dict) and isinstance(sub.get("text"), str):
            sub["text"] = words(sub["text"])
    for note in layout.get("annotations", []) or []:
        if isinstance(note, dict) and isinstance(note.get("text"), str):
            note["text"] = words(note["text"])


_LOCAL = threading.local()


def _exporter() -> Any:
    """This thread's HTML exporter: made once, so its templates are compiled once."""
    exporter = getattr(_LOCAL, "exporter", None)
    if exporter is None:
        from jinja2 import DictLoader
        from nbconvert import HTMLExporter

        exporter = HTMLExporter(
            extra_loaders=[DictLoader({"careerlib-report.html.j2": _REPORT_TEMPLATE})],
            template_file="careerlib-report.html.j2",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
        _LOCAL.exporter = exporter
    return exporter


def _outputs_copied(nb: Any) -> Any:
    """A copy of ``nb`` whose metadata, cells, outputs and output data can be changed
    without touching ``nb`` (the rest is shared: a deep copy took a quarter of the time)."""
    from nbformat import NotebookNode

    cells = []
    for cell in nb.cells:
        copied = NotebookNode(cell)
        if "outputs" in cell:
            copied["outputs"] = [
                NotebookNode(out, **({"data": NotebookNode(out["data"])} if "data" in out else {}))
                for out in cell["outputs"]
            ]
        cells.append(copied)
    return NotebookNode(nb, metadata=NotebookNode(nb.metadata), cells=cells)
