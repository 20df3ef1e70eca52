"""An executed notebook as a self-contained HTML report without its code."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["notebook_to_html"]

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
    """
    import copy

    import plotly.io as pio
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
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
                fig = pio.from_json(json.dumps(data[_PLOTLY_MIME]), skip_invalid=True)
                data["text/html"] = pio.to_html(
                    fig,
                    include_plotlyjs=first,
                    full_html=False,
                    div_id=f"careerlib-chart-{count}",
                    config={"displaylogo": False},
                )
                first = False
    exporter = HTMLExporter(
        extra_loaders=[DictLoader({"careerlib-report.html.j2": _REPORT_TEMPLATE})],
        template_file="careerlib-report.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return str(body)
