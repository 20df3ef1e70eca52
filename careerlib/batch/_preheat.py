"""What a preheated kernel runs before its notebook: imports, and where its images go.

This module runs *inside* the kernel (see :mod:`careerlib.batch._kernels`), or
in the template the kernels are forked from. It binds no name in the notebook's
namespace and loads no client's data: only modules, the public O*NET tables
shipped with careerlib, and the address of its batch's image service
(:mod:`careerlib.batch._images`).
"""

from __future__ import annotations

import contextlib
import importlib
import os

__all__ = ["chdir", "preheat", "use_image_service"]


def preheat(modules: list[str], *, in_kernel: bool = True, forked: bool = False) -> None:
    """Import ``modules`` and draw the first outputs once, so the run's cells do not wait.

    Outside a kernel (the fork server's template), plotly's renderers are left
    alone: plotly picks its default renderer when they are imported, from the
    IPython shell it finds then, and the template has none yet. A ``forked``
    kernel has what the template prepared (its imports, the O*NET title index,
    pandas' templates): it only draws its first chart.
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
    if forked:
        return
    if "pandas" in modules:
        import pandas as pd

        frame = pd.DataFrame({"a": [1]})
        frame._repr_html_()
        # the Styler's templates (careerlib.tables draws every reader table with it)
        frame.style.to_html()
    if "careerlib.onet" in modules:
        from careerlib.onet import load_onet
        from careerlib.titles import match_title

        # the public O*NET tables shipped with careerlib, and the index of their
        # titles that free-text roles are matched against (cached for the process)
        with contextlib.suppress(Exception):
            match_title("Project Manager", data=load_onet())


def use_image_service(path: str, authkey: str) -> None:
    """Send this kernel's images to its batch's image service (hex ``authkey``)."""
    from careerlib import _image_service

    _image_service.connect(path, bytes.fromhex(authkey))


def chdir(path: str) -> None:
    """Run the notebook in its own folder, as papermill does (relative paths in cells)."""
    os.chdir(path)
