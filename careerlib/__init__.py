"""careerlib: plan a client's next career move backwards from the target date.

The data flows one way: plan file -> models -> calendar -> schedule ->
analyses -> charts and exports -> notebooks, widgets, batch runs and the CLI.

>>> import careerlib
>>> plan = careerlib.load_plan("data/plans/same-sector-move.yaml")  # doctest: +SKIP
>>> careerlib.schedule(plan).to_frame()                             # doctest: +SKIP

Every name but the exceptions is loaded on first use, so ``careerlib
schedule`` starts quickly and imports neither pandas nor plotly.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from careerlib.exceptions import (
    AssessmentError,
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

if TYPE_CHECKING:  # the lazy names below (_LAZY), for type checkers and editors
    from careerlib.batch import BatchResult, run_batch
    from careerlib.charts import (
        assessment_chart,
        goal_tree_chart,
        obstacles_chart,
        occupations_chart,
        peer_chart,
        plan_diff_chart,
        progress_chart,
        progress_over_time_chart,
        reassessment_chart,
        roster_chart,
        skills_chart,
        tracking_gantt,
        weekly_load_chart,
    )
    from careerlib.charts.gantt import gantt
    from careerlib.charts.routes import routes as routes_chart
    from careerlib.clients import Client, load_client
    from careerlib.console.assessments import (
        AssessmentPanel,
        InterestProfiler,
        SkillRatings,
        ValuesCardSort,
    )
    from careerlib.console.builder import PlanBuilder
    from careerlib.console.checkin_panel import CheckinPanel
    from careerlib.console.explorers import GapExplorer, PlanExplorer
    from careerlib.draft import PlanDraft
    from careerlib.exports import export
    from careerlib.gaps import (
        GapReport,
        analyse,
        current_occupation,
        find_occupations,
        find_routes,
        goal_alignment,
        occupations_breakdown,
        peer_benchmark,
        progress_at,
        reassessment,
        skills_gap,
        time_gap,
    )
    from careerlib.models import Plan, Step
    from careerlib.newclient import new_client
    from careerlib.onet import find_occupation, level_anchors, load_onet, match_title, role_profile
    from careerlib.planfile import load_plan, parse_plan
    from careerlib.report import write_report, write_reports
    from careerlib.roster_files import write_roster
    from careerlib.roster_status import Roster, read_roster, roster
    from careerlib.scheduling.calendars import WorkCalendar
    from careerlib.scheduling.capacity import Allocation, WeeklyLoad
    from careerlib.scheduling.scheduler import Schedule, schedule, schedule_routes
    from careerlib.scheduling.status import StatusSchedule
    from careerlib.scheduling.verdict import StatusVerdict
    from careerlib.tracking import (
        ClientStatus,
        PlanDiff,
        Tracking,
        checkin,
        plan_diff,
        schedule_client,
        track_client,
    )
    from careerlib.tracking.replan import Replan, replan
    from careerlib.tradeoff import CheapestWay, cheapest_way, cheapest_way_client
    from careerlib.workspace import init_workspace

__version__ = "0.1.0"

__all__ = [
    "Allocation",
    "AssessmentError",
    "AssessmentPanel",
    "BatchError",
    "BatchResult",
    "CalendarError",
    "CareerlibError",
    "CheapestWay",
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
    "InterestProfiler",
    "OutputError",
    "Plan",
    "PlanBuilder",
    "PlanDiff",
    "PlanDraft",
    "PlanError",
    "PlanExplorer",
    "Replan",
    "Roster",
    "Schedule",
    "SkillRatings",
    "StatusSchedule",
    "StatusVerdict",
    "Step",
    "Tracking",
    "UnknownStepError",
    "UsageError",
    "ValuesCardSort",
    "WeeklyLoad",
    "WorkCalendar",
    "WorkspaceError",
    "__version__",
    "analyse",
    "assessment_chart",
    "cheapest_way",
    "cheapest_way_client",
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
    "occupations_breakdown",
    "occupations_chart",
    "parse_plan",
    "peer_benchmark",
    "peer_chart",
    "plan_diff",
    "plan_diff_chart",
    "progress_at",
    "progress_chart",
    "progress_over_time_chart",
    "read_roster",
    "reassessment",
    "reassessment_chart",
    "replan",
    "role_profile",
    "roster",
    "roster_chart",
    "routes_chart",
    "run_batch",
    "schedule",
    "schedule_client",
    "schedule_routes",
    "skills_chart",
    "skills_gap",
    "time_gap",
    "track_client",
    "tracking_gantt",
    "weekly_load_chart",
    "write_report",
    "write_reports",
    "write_roster",
]

# name -> module. Every name but the exceptions is loaded on first use, so that
# each command of the CLI imports only what it needs (`careerlib schedule` does
# not load the client-profile models, `import careerlib.cli` neither pandas,
# plotly nor the O*NET tables).
_LAZY: dict[str, str] = {
    "Allocation": "careerlib.scheduling.capacity",
    "AssessmentPanel": "careerlib.console.assessments",
    "InterestProfiler": "careerlib.console.assessments",
    "reassessment": "careerlib.gaps",
    "reassessment_chart": "careerlib.charts",
    "SkillRatings": "careerlib.console.assessments",
    "ValuesCardSort": "careerlib.console.assessments",
    "analyse": "careerlib.gaps",
    "assessment_chart": "careerlib.charts",
    "BatchResult": "careerlib.batch",
    "CheapestWay": "careerlib.tradeoff",
    "cheapest_way": "careerlib.tradeoff",
    "cheapest_way_client": "careerlib.tradeoff",
    "Client": "careerlib.clients",
    "current_occupation": "careerlib.gaps",
    "export": "careerlib.exports",
    "find_occupation": "careerlib.onet",
    "find_occupations": "careerlib.gaps",
    "find_routes": "careerlib.gaps",
    "gantt": "careerlib.charts",
    "init_workspace": "careerlib.workspace",
    "GapExplorer": "careerlib.console.explorers",
    "GapReport": "careerlib.gaps",
    "goal_alignment": "careerlib.gaps",
    "goal_tree_chart": "careerlib.charts",
    "level_anchors": "careerlib.onet",
    "load_client": "careerlib.clients",
    "load_onet": "careerlib.onet",
    "load_plan": "careerlib.planfile",
    "match_title": "careerlib.onet",
    "new_client": "careerlib.newclient",
    "obstacles_chart": "careerlib.charts",
    "occupations_breakdown": "careerlib.gaps",
    "occupations_chart": "careerlib.charts",
    "parse_plan": "careerlib.planfile",
    "peer_benchmark": "careerlib.gaps",
    "peer_chart": "careerlib.charts",
    "Plan": "careerlib.models",
    "PlanBuilder": "careerlib.console.builder",
    "PlanDraft": "careerlib.draft",
    "PlanDiff": "careerlib.tracking",
    "Replan": "careerlib.tracking.replan",
    "replan": "careerlib.tracking.replan",
    "plan_diff": "careerlib.tracking",
    "plan_diff_chart": "careerlib.charts",
    "PlanExplorer": "careerlib.console.explorers",
    "progress_at": "careerlib.gaps",
    "progress_chart": "careerlib.charts",
    "role_profile": "careerlib.onet",
    "Roster": "careerlib.roster_status",
    "read_roster": "careerlib.roster_status",
    "roster": "careerlib.roster_status",
    "roster_chart": "careerlib.charts",
    "routes_chart": "careerlib.charts",
    "run_batch": "careerlib.batch",
    "Schedule": "careerlib.scheduling.scheduler",
    "schedule": "careerlib.scheduling.scheduler",
    "schedule_routes": "careerlib.scheduling.scheduler",
    "schedule_client": "careerlib.tracking",
    "StatusSchedule": "careerlib.scheduling.status",
    "StatusVerdict": "careerlib.scheduling.verdict",
    "skills_chart": "careerlib.charts",
    "skills_gap": "careerlib.gaps",
    "Step": "careerlib.models",
    "time_gap": "careerlib.gaps",
    "weekly_load_chart": "careerlib.charts",
    "write_roster": "careerlib.roster_files",
    "checkin": "careerlib.tracking",
    "CheckinPanel": "careerlib.console.checkin_panel",
    "ClientStatus": "careerlib.tracking",
    "progress_over_time_chart": "careerlib.charts",
    "track_client": "careerlib.tracking",
    "Tracking": "careerlib.tracking",
    "tracking_gantt": "careerlib.charts",
    "write_report": "careerlib.report",
    "write_reports": "careerlib.report",
    "WeeklyLoad": "careerlib.scheduling.capacity",
    "WorkCalendar": "careerlib.scheduling.calendars",
}


# top-level name -> its name in its module
_RENAMED: dict[str, str] = {"routes_chart": "routes"}


def __getattr__(name: str) -> Any:
    if name == "occupations_table":  # its old name, kept for notebooks already written
        from careerlib._deprecated import renamed

        renamed(
            "careerlib.occupations_table",
            "careerlib.occupations_breakdown",
            "careerlib.tables.occupations_table is the report's shorter table",
        )
        name = "occupations_breakdown"
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'careerlib' has no attribute {name!r}")
    value = getattr(import_module(module), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
