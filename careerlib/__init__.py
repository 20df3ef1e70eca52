"""careerlib: plan a client's next career move backwards from the target date.

The data flows one way: plan file -> models -> calendar -> schedule ->
analyses -> charts and exports -> notebooks, widgets, batch runs and the CLI.

>>> import careerlib
>>> plan = careerlib.load_plan("data/plans/same-sector-move.yaml")  # doctest: +SKIP
>>> careerlib.schedule(plan).to_frame()                             # doctest: +SKIP

Names from modules that pull in heavy libraries (pandas, plotly) are loaded on
first use, so ``careerlib schedule`` starts quickly.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from careerlib.calendars import WorkCalendar
from careerlib.capacity import Allocation, WeeklyLoad
from careerlib.exceptions import CalendarError, CareerlibError, CycleError, PlanError
from careerlib.models import Plan, Step
from careerlib.planfile import load_plan, parse_plan
from careerlib.scheduler import Schedule, schedule, schedule_routes

__version__ = "0.1.0"

__all__ = [
    "Allocation",
    "CalendarError",
    "CareerlibError",
    "CycleError",
    "Plan",
    "PlanError",
    "Schedule",
    "Step",
    "WeeklyLoad",
    "WorkCalendar",
    "__version__",
    "load_plan",
    "parse_plan",
    "schedule",
    "schedule_routes",
    "weekly_load_chart",
]

# name -> module, for names whose modules import heavy libraries
_LAZY: dict[str, str] = {"weekly_load_chart": "careerlib.charts"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'careerlib' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
