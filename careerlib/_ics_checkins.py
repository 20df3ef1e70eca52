"""The check-ins and latest starts of a plan in its iCalendar file (private).

:func:`careerlib.exports.to_ics` adds :func:`checkin_event`, the plan's check-in
cadence as one recurring event, and :func:`start_alarm`, an alarm before each
step's latest start.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from careerlib.exceptions import ExportError

if TYPE_CHECKING:
    from careerlib.scheduling.scheduler import Schedule

__all__ = ["checkin_event", "start_alarm"]


def start_alarm(ev: Any, title: str, latest_start: dt.date, days: int) -> None:
    """An alarm ``days`` before a step's latest start, at 09:00."""
    import icalendar

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add(
        "description",
        f"Latest start in {days} day{'s' if days != 1 else ''} ({latest_start}): {title}",
    )
    alarm.add("trigger", dt.timedelta(days=-days, hours=9))
    ev.add_component(alarm)


_RRULES: dict[str, dict[str, Any]] = {
    "daily": {"freq": "DAILY"},
    "weekly": {"freq": "WEEKLY"},
    "biweekly": {"freq": "WEEKLY", "interval": 2},
    "monthly": {"freq": "MONTHLY"},
}
_ICS_DAYS = {
    "mon": "MO",
    "tue": "TU",
    "wed": "WE",
    "thu": "TH",
    "fri": "FR",
    "sat": "SA",
    "sun": "SU",
}


def checkin_event(
    schedule: Schedule,
    uid_prefix: str,
    *,
    cadence: str | None = None,
    stamp: dt.datetime | None = None,
    sequence: int = 0,
) -> Any:
    """The plan's check-ins as one recurring all-day event (an ``icalendar.Event``).

    It starts on the plan's first working day and repeats at the cadence
    (``RRULE``: ``FREQ=DAILY`` on the plan's workdays, ``WEEKLY``, ``WEEKLY``
    with ``INTERVAL=2``, or ``MONTHLY``) until the target, with an alarm at
    09:00 on the day. Its UID is ``checkins@UID_PREFIX.careerlib`` (the
    prefix made from the plan's title and owner), so it stays the same from
    one export to the next.
    """
    import icalendar

    plan = schedule.plan
    if cadence is None:
        cadence = plan.checkpoints.cadence if plan.checkpoints is not None else "monthly"
    if cadence not in _RRULES:
        raise ExportError(f"unknown cadence {cadence!r}; valid: {', '.join(_RRULES)}")
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    rule = dict(_RRULES[cadence])
    if cadence == "daily":
        rule["byday"] = [_ICS_DAYS[d] for d in plan.calendar.workdays]
    rule["until"] = plan.target
    first = schedule.first_day
    ev = icalendar.Event()
    ev.add("uid", f"checkins@{uid_prefix}.careerlib")
    ev.add("dtstamp", stamp)
    ev.add("sequence", sequence)
    ev.add("summary", f"Check-in: {plan.title}")
    ev.add("dtstart", first)
    ev.add("dtend", first + dt.timedelta(days=1))
    ev.add("rrule", rule)
    ev.add(
        "description",
        f"The {cadence} check-in of the plan '{plan.title}' until its target {plan.target}: "
        "report each step's progress (careerlib checkin CLIENT STEP=SHARE ...).",
    )
    ev.add("transp", "TRANSPARENT")
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Check-in today: {plan.title}")
    alarm.add("trigger", dt.timedelta(hours=9))
    ev.add_component(alarm)
    return ev
