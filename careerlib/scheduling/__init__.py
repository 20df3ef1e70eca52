"""The scheduling engine: the working calendar, the client's hours, and the passes.

- :mod:`~careerlib.scheduling.calendars`: :class:`WorkCalendar`, working days
  with holidays and blackouts (numpy business-day functions);
- :mod:`~careerlib.scheduling.capacity`: the client's hours a week and the
  weekly load (:class:`Allocation`, :class:`WeeklyLoad`);
- :mod:`~careerlib.scheduling.scheduler`: :func:`schedule` (spec rules 1-9, as
  late as possible from the target) and its result :class:`Schedule`;
- :mod:`~careerlib.scheduling.status`: the plan on a status date
  (``docs/status-date.md``): :func:`schedule_as_of` and its result
  :class:`StatusSchedule`, whose verdict is a
  :class:`~careerlib.scheduling.verdict.StatusVerdict`;
- private: ``_passes`` (the backward and forward passes over durations),
  ``_placement`` and ``_capacity_grid`` (steps given in hours placed within
  the client's hours).

The package is named ``scheduling`` so that ``careerlib.schedule`` stays the
function.
"""

from careerlib.scheduling.calendars import WorkCalendar, calendar_for
from careerlib.scheduling.capacity import Allocation, WeeklyLoad
from careerlib.scheduling.scheduler import Schedule, schedule, schedule_routes, select_steps
from careerlib.scheduling.status import StatusSchedule, latest_progress, schedule_as_of
from careerlib.scheduling.verdict import DeadlineMiss, StatusVerdict

__all__ = [
    "Allocation",
    "DeadlineMiss",
    "Schedule",
    "StatusSchedule",
    "StatusVerdict",
    "WeeklyLoad",
    "WorkCalendar",
    "calendar_for",
    "latest_progress",
    "schedule",
    "schedule_as_of",
    "schedule_routes",
    "select_steps",
]
