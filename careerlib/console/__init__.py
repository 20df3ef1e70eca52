"""The coach console: the notebook a coach works in with the client, and its server.

- :mod:`~careerlib.console.server` starts Voilà or JupyterLab on 127.0.0.1
  behind a random token (``careerlib console``);
- :mod:`~careerlib.console.explorers`: :class:`PlanExplorer` (what-if on the
  back-schedule) and :class:`GapExplorer` (skills and peers);
- :mod:`~careerlib.console.builder`: :class:`PlanBuilder` (build a plan
  backwards, step by step, over :class:`careerlib.PlanDraft`);
- :mod:`~careerlib.console.checkin_panel`: :class:`CheckinPanel` (a check-in
  in one click);
- :mod:`~careerlib.console._common`: what the panels share.

Only this package imports ipywidgets. The panels are loaded on first use, so
starting the server imports neither ipywidgets nor plotly.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from careerlib.console.server import (
    CONSOLE_NOTEBOOK,
    Console,
    console_command,
    console_notebook,
    run_console,
)

if TYPE_CHECKING:
    from careerlib.console.builder import PlanBuilder
    from careerlib.console.checkin_panel import CheckinPanel
    from careerlib.console.explorers import GapExplorer, PlanExplorer

__all__ = [
    "CONSOLE_NOTEBOOK",
    "CheckinPanel",
    "Console",
    "GapExplorer",
    "PlanBuilder",
    "PlanExplorer",
    "console_command",
    "console_notebook",
    "run_console",
]

_LAZY = {
    "CheckinPanel": "careerlib.console.checkin_panel",
    "GapExplorer": "careerlib.console.explorers",
    "PlanBuilder": "careerlib.console.builder",
    "PlanExplorer": "careerlib.console.explorers",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'careerlib.console' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
