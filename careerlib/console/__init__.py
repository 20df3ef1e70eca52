"""The coach console: the notebook a coach works in with the client, and its server.

- :mod:`~careerlib.console.server` starts Voilà or JupyterLab on 127.0.0.1
  behind a random token (``careerlib console``);
- :mod:`~careerlib.console.explorers`: :class:`PlanExplorer` (what-if on the
  back-schedule) and :class:`GapExplorer` (skills and peers);
- :mod:`~careerlib.console.builder`: :class:`PlanBuilder` (build a plan
  backwards, step by step, over :class:`careerlib.PlanDraft`);
- :mod:`~careerlib.console.checkin_panel`: :class:`CheckinPanel` (a check-in
  in one click), with :mod:`~careerlib.console.replan_panel`'s
  :class:`ReplanPanel` ("Save as re-plan") beneath;
- :mod:`~careerlib.console.assessments`: :class:`AssessmentPanel` with
  :class:`InterestProfiler`, :class:`ValuesCardSort` and :class:`SkillRatings`
  (assessments the client takes in the session);
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
    from careerlib.console.assessments import (
        AssessmentPanel,
        InterestProfiler,
        SkillRatings,
        ValuesCardSort,
    )
    from careerlib.console.builder import PlanBuilder
    from careerlib.console.checkin_panel import CheckinPanel
    from careerlib.console.explorers import GapExplorer, PlanExplorer
    from careerlib.console.replan_panel import ReplanPanel

__all__ = [
    "CONSOLE_NOTEBOOK",
    "AssessmentPanel",
    "CheckinPanel",
    "Console",
    "GapExplorer",
    "InterestProfiler",
    "PlanBuilder",
    "PlanExplorer",
    "ReplanPanel",
    "SkillRatings",
    "ValuesCardSort",
    "console_command",
    "console_notebook",
    "run_console",
]

_LAZY = {
    "AssessmentPanel": "careerlib.console.assessments",
    "InterestProfiler": "careerlib.console.assessments",
    "SkillRatings": "careerlib.console.assessments",
    "ValuesCardSort": "careerlib.console.assessments",
    "CheckinPanel": "careerlib.console.checkin_panel",
    "GapExplorer": "careerlib.console.explorers",
    "PlanBuilder": "careerlib.console.builder",
    "PlanExplorer": "careerlib.console.explorers",
    "ReplanPanel": "careerlib.console.replan_panel",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'careerlib.console' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
