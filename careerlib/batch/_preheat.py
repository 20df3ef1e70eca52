"""What a preheated kernel runs before its notebook: imports, and a warm image server.

This module runs *inside* the kernel (see :mod:`careerlib.batch._kernels`), or
in the template the kernels are forked from. It binds no name in the notebook's
namespace and loads no client's data: only modules, the public O*NET tables
shipped with careerlib, and a browser.
"""

from __future__ import annotations

import contextlib
import importlib
import os

__all__ = ["chdir", "preheat", "start_image_server"]


def preheat(modules: list[str], images: bool = False, *, in_kernel: bool = True) -> None:
    """Import ``modules`` and draw the first outputs once, so the run's cells do not wait.

    With ``images``, also start kaleido's image server (see
    :func:`start_image_server`). Outside a kernel (the fork server's template),
    plotly's renderers are left alone: plotly picks its default renderer when
    they are imported, from the IPython shell it finds then, and the template
    has none yet.
    """
    from careerlib._speedups import skip_slow_optional_imports

    skip_slow_optional_imports()
    for name in modules:
        importlib.import_module(name)
    if "plotly.graph_objects" in modules:
        if in_kernel:
            import plotly.graph_objects as go

            # the first chart shown in a kernel loads the renderers and their imports
            go.Figure()._repr_mimebundle_()
        else:
            importlib.import_module("plotly.io._base_renderers")
            importlib.import_module("IPython.display")
    if "pandas" in modules:
        import pandas as pd

        pd.DataFrame({"a": [1]})._repr_html_()
    if "careerlib.onet" in modules:
        from careerlib.onet import load_onet

        # the public O*NET tables shipped with careerlib (cached for the process)
        with contextlib.suppress(Exception):
            load_onet()
    if images:
        start_image_server()


def start_image_server() -> bool:
    """Start kaleido's persistent image server (one Chromium) and load plotly.js in it.

    careerlib's image exports in this kernel then use it (a running server
    renders every ``kaleido.calc_fig_sync``). Returns False, and starts
    nothing, when no browser is found: the notebook's own export then says how
    to install one.
    """
    import warnings

    import kaleido
    import plotly.graph_objects as go

    from careerlib.exceptions import ExportError
    from careerlib.exports import _quiet_browser_driver, find_browser

    try:
        path = find_browser()
    except ExportError:
        return False
    _quiet_browser_driver()
    # kaleido's public API has no "is it running?": start_sync_server warns
    # "Server already open" and does nothing when one runs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        kaleido.start_sync_server(path=path, mathjax=False)
    if not any("already open" in str(w.message) for w in caught):
        # the first image loads plotly.js into the page (about 2-3 s): do it now
        kaleido.calc_fig_sync(
            go.Figure().to_dict(), opts={"format": "png", "width": 16, "height": 16, "scale": 1}
        )
    return True


def chdir(path: str) -> None:
    """Run the notebook in its own folder, as papermill does (relative paths in cells)."""
    os.chdir(path)
