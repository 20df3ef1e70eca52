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
* :mod:`~careerlib.tracking.record`: recording a check-in or a baseline.

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
from careerlib.tracking.earned import Curves, Earned, earned_schedule, measure, planned_curves
from careerlib.tracking.forecast import Forecast, forecast, remaining_plan
from careerlib.tracking.journal import (
    CheckIn,
    journal_path,
    parse_progress,
    parse_share,
    read_journal,
    record_checkin,
    validate_checkin,
)
from careerlib.tracking.record import Recorded, checkin, save_plan_baseline
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
    "Recorded",
    "StepTrack",
    "Tracking",
    "UpcomingStart",
    "baselines_path",
    "checkin",
    "client_reviews",
    "earned_schedule",
    "forecast",
    "freeze_baseline",
    "journal_path",
    "latest_progress",
    "load_baselines",
    "measure",
    "parse_progress",
    "parse_share",
    "pick_baseline",
    "planned_curves",
    "read_journal",
    "record_checkin",
    "remaining_plan",
    "save_baseline",
    "save_plan_baseline",
    "schedule_client",
    "status",
    "track",
    "track_client",
    "validate_checkin",
]
