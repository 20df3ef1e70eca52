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
from careerlib.clients import Client, load_client
from careerlib.exceptions import (
    BatchError,
    CalendarError,
    CareerlibError,
    CheckinError,
    ClientError,
    CycleError,
    DataError,
    ExportError,
    InputError,
    OutputError,
    PlanError,
    UnknownStepError,
    UsageError,
    WorkspaceError,
)
from careerlib.models import Plan, Step
from careerlib.planfile import load_plan, parse_plan
from careerlib.scheduler import Schedule, schedule, schedule_routes

__version__ = "0.1.0"

__all__ = [
    "Allocation",
    "BatchError",
    "BatchResult",
    "CalendarError",
    "CareerlibError",
    "CheckinError",
    "CheckinPanel",
    "Client",
    "ClientError",
    "ClientStatus",
    "CycleError",
    "DataError",
    "ExportError",
    "GapExplorer",
    "GapReport",
    "InputError",
    "OutputError",
    "Plan",
    "PlanError",
    "PlanExplorer",
    "Roster",
    "Schedule",
    "Step",
    "Tracking",
    "UnknownStepError",
    "UsageError",
    "WeeklyLoad",
    "WorkCalendar",
    "WorkspaceError",
    "__version__",
    "analyse",
    "assessment_chart",
    "checkin",
    "current_occupation",
    "export",
    "find_occupation",
    "find_occupations",
    "find_routes",
    "gantt",
    "goal_alignment",
    "goal_tree_chart",
    "init_workspace",
    "level_anchors",
    "load_client",
    "load_onet",
    "load_plan",
    "match_title",
    "new_client",
    "obstacles_chart",
    "occupations_chart",
    "occupations_table",
    "parse_plan",
    "peer_benchmark",
    "peer_chart",
    "progress_at",
    "progress_chart",
    "progress_over_time_chart",
    "read_roster",
    "role_profile",
    "roster",
    "roster_chart",
    "routes_chart",
    "run_batch",
    "schedule",
    "schedule_routes",
    "skills_chart",
    "skills_gap",
    "time_gap",
    "track_client",
    "tracking_gantt",
    "weekly_load_chart",
    "write_report",
    "write_roster",
]

# name -> module, for names whose modules import heavy libraries
_LAZY: dict[str, str] = {
    "BatchResult": "careerlib.batch",
    "GapExplorer": "careerlib.widgets",
    "GapReport": "careerlib.gaps",
    "analyse": "careerlib.gaps",
    "assessment_chart": "careerlib.charts",
    "current_occupation": "careerlib.gaps",
    "export": "careerlib.exports",
    "find_occupation": "careerlib.onet",
    "find_occupations": "careerlib.gaps",
    "find_routes": "careerlib.gaps",
    "gantt": "careerlib.charts",
    "init_workspace": "careerlib.workspace",
    "goal_alignment": "careerlib.gaps",
    "goal_tree_chart": "careerlib.charts",
    "level_anchors": "careerlib.onet",
    "load_onet": "careerlib.onet",
    "match_title": "careerlib.onet",
    "new_client": "careerlib.newclient",
    "obstacles_chart": "careerlib.charts",
    "occupations_table": "careerlib.gaps",
    "occupations_chart": "careerlib.charts",
    "peer_benchmark": "careerlib.gaps",
    "peer_chart": "careerlib.charts",
    "PlanExplorer": "careerlib.widgets",
    "progress_at": "careerlib.gaps",
    "progress_chart": "careerlib.charts",
    "role_profile": "careerlib.onet",
    "Roster": "careerlib.practice",
    "read_roster": "careerlib.practice",
    "roster": "careerlib.practice",
    "roster_chart": "careerlib.charts",
    "routes_chart": "careerlib.charts",
    "run_batch": "careerlib.batch",
    "skills_chart": "careerlib.charts",
    "skills_gap": "careerlib.gaps",
    "time_gap": "careerlib.gaps",
    "weekly_load_chart": "careerlib.charts",
    "write_roster": "careerlib.practice_files",
    "checkin": "careerlib.tracking",
    "CheckinPanel": "careerlib.checkin_panel",
    "ClientStatus": "careerlib.tracking",
    "progress_over_time_chart": "careerlib.charts",
    "track_client": "careerlib.tracking",
    "Tracking": "careerlib.tracking",
    "tracking_gantt": "careerlib.charts",
    "write_report": "careerlib.report",
}


# top-level name -> its name in its module
_RENAMED: dict[str, str] = {"routes_chart": "routes"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'careerlib' has no attribute {name!r}")
    value = getattr(import_module(module), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
