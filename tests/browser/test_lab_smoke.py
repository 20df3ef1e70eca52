"""The browser harness itself: JupyterLab runs a notebook and draws its plotly chart."""

from __future__ import annotations

from pathlib import Path

import nbformat

from tests.browser.conftest import PANEL, open_and_run, serve


def _notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "import plotly.graph_objects as go\nmessage = 'hello from the kernel'\nmessage"
            ),
            nbformat.v4.new_code_cell("go.Figure(go.Bar(x=['a', 'b'], y=[1, 2]))"),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


def test_jupyterlab_runs_a_notebook_and_shows_the_chart(
    browser: object, tmp_path: Path, artifacts: Path
) -> None:
    root = tmp_path / "root"
    root.mkdir()
    _notebook(root / "smoke.ipynb")
    with serve("lab", root, tmp_path / "home") as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        # kernel idle, Run All taken, the chart drawn: each waited for, the page
        # opened again when the machine was too busy
        open_and_run(
            page,
            server.page_url("/lab/tree/smoke.ipynb?reset"),
            f"{PANEL} .js-plotly-plot",
            artifacts=artifacts,
            server=server,
        )
        assert "hello from the kernel" in page.inner_text(PANEL)
        bars = page.evaluate(f"() => document.querySelector('{PANEL} .js-plotly-plot').data[0].y")
        assert bars == [1, 2]
        page.screenshot(path=str(artifacts / "smoke.png"))
        page.close()
    # autosave is off: the source notebook was not rewritten with outputs
    assert all(
        not c.get("outputs") for c in nbformat.read(root / "smoke.ipynb", as_version=4).cells
    )
