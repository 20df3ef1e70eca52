"""Tracking a plan: baselines, check-ins, planned against earned progress, one forecast.

* :mod:`~careerlib.tracking.baseline`: freezing the plan on a day, stored
  append-only beside the plan file;
* :mod:`~careerlib.tracking.journal`: the append-only check-in journal beside
  the client file;
* :mod:`~careerlib.tracking.earned`: the early and late planned curves,
  earned progress and the slip by earned schedule;
* :mod:`~careerlib.tracking.forecast`: the plan on the check-in day, read from
  the one status-date schedule (:mod:`careerlib.scheduling.status`);
* :mod:`~careerlib.tracking.track`: all of it as one :class:`Tracking` and one
  status per client (:func:`status`, for a practice roster);
* :mod:`~careerlib.tracking.record`: recording a check-in or a baseline;
* :mod:`~careerlib.tracking.fingerprint`: the plan's fingerprint in a baseline,
  and when the plan changed after it;
* :mod:`~careerlib.tracking.diff`: what changed between two versions of a plan;
* :mod:`~careerlib.tracking.replan`: a new version of a client's plan from a
  status date, scheduled, baselined and (when asked) switched to.

The file formats are described in ``docs/tracking-files.md``.
"""

from careerlib.scheduling.status import latest_progress
from careerlib.tracking.baseline import (
    Baseline,
    BaselineStep,
    baselines_path,
    freeze_baseline,
    load_baselines,
    save_baseline,
)
from careerlib.tracking.client import (
    ClientStatus,
    client_reviews,
    pick_baseline,
    schedule_client,
    status,
    track_client,
)
from careerlib.tracking.diff import (
    PlanDiff,
    PlanVersion,
    StepChange,
    compare_versions,
    last_change,
    plan_diff,
    plan_version,
)
from careerlib.tracking.earned import Curves, Earned, earned_schedule, measure, planned_curves
from careerlib.tracking.forecast import Forecast, forecast, remaining_plan
from careerlib.tracking.journal import (
    CheckIn,
    JournalEntry,
    Withdrawal,
    journal_entries,
    journal_path,
    parse_progress,
    parse_share,
    read_journal,
    record_checkin,
    validate_checkin,
    withdraw_entry,
)
from careerlib.tracking.record import Recorded, checkin, checkins, save_plan_baseline, withdraw
from careerlib.tracking.replan import Replan, replan, replan_path, replanned_plan
from careerlib.tracking.track import (
    CADENCE_DAYS,
    STATUSES,
    StepTrack,
    Tracking,
    UpcomingStart,
    track,
)

__all__ = [
    "CADENCE_DAYS",
    "STATUSES",
    "Baseline",
    "BaselineStep",
    "CheckIn",
    "ClientStatus",
    "Curves",
    "Earned",
    "Forecast",
    "JournalEntry",
    "PlanDiff",
    "PlanVersion",
    "Recorded",
    "Replan",
    "StepChange",
    "StepTrack",
    "Tracking",
    "UpcomingStart",
    "Withdrawal",
    "baselines_path",
    "checkin",
    "checkins",
    "client_reviews",
    "compare_versions",
    "earned_schedule",
    "forecast",
    "freeze_baseline",
    "journal_entries",
    "journal_path",
    "last_change",
    "latest_progress",
    "load_baselines",
    "measure",
    "parse_progress",
    "parse_share",
    "plan_diff",
    "plan_version",
    "pick_baseline",
    "planned_curves",
    "read_journal",
    "record_checkin",
    "remaining_plan",
    "replan",
    "replan_path",
    "replanned_plan",
    "save_baseline",
    "save_plan_baseline",
    "schedule_client",
    "status",
    "track",
    "track_client",
    "validate_checkin",
    "withdraw",
    "withdraw_entry",
]
