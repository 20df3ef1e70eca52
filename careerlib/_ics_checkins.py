"""The check-ins and the starts of a plan in its iCalendar file (private).

:func:`careerlib.exports.to_ics` adds :func:`checkin_event`, the plan's check-in
cadence as one recurring event (with an ``EXDATE`` on every holiday and
blackout day it would fall on), and :func:`start_alarm`, an alarm before each
step's start.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from careerlib._text import day_text
from careerlib.exceptions import ExportError

if TYPE_CHECKING:
    from careerlib.scheduling.scheduler import Schedule

__all__ = ["checkin_event", "start_alarm"]


def start_alarm(
    ev: Any, title: str, start: dt.date, days: int, *, what: str = "Latest start"
) -> None:
    """An alarm ``days`` before a step's start (``what`` it is: its latest start, or the
    start to aim for), at 09:00."""
    import icalendar

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add(
        "description",
        f"{what} in {days} day{'s' if days != 1 else ''} ({day_text(start)}): {title}",
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

    It starts on the plan's first working day (on a status date, the resume
    day) and repeats at the cadence (``RRULE``: ``FREQ=DAILY`` on the plan's
    workdays, ``WEEKLY``, ``WEEKLY`` with ``INTERVAL=2``, or ``MONTHLY``)
    until the target (or the forecast finish, when that is later), with an
    alarm at 09:00 on the day. Every occurrence that would fall on a day off
    (a holiday, a blackout, a day that is not a workday) is taken out with an
    ``EXDATE``. Its UID is ``checkins@UID_PREFIX.careerlib`` (the prefix made
    from the plan's title and owner), so it stays the same from one export to
    the next.
    """
    import icalendar

    plan = schedule.plan
    if cadence is None:
        cadence = plan.checkpoints.cadence if plan.checkpoints is not None else "monthly"
    if cadence not in _RRULES:
        raise ExportError(f"unknown cadence {cadence!r}; valid: {', '.join(_RRULES)}")
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    first, until = _span(schedule)
    rule = dict(_RRULES[cadence])
    if cadence == "daily":
        rule["byday"] = [_ICS_DAYS[d] for d in plan.calendar.workdays]
    rule["until"] = until
    ev = icalendar.Event()
    ev.add("uid", f"checkins@{uid_prefix}.careerlib")
    ev.add("dtstamp", stamp)
    ev.add("sequence", sequence)
    ev.add("summary", f"Check-in: {plan.title}")
    ev.add("dtstart", first)
    ev.add("dtend", first + dt.timedelta(days=1))
    ev.add("rrule", rule)
    off = days_off(schedule, first, rule)
    if off:
        ev.add("exdate", off)
    ev.add(
        "description",
        f"The {cadence} check-in of the plan '{plan.title}' until "
        f"{day_text(until)}: say how far each step has come.",
    )
    ev.add("transp", "TRANSPARENT")
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Check-in today: {plan.title}")
    alarm.add("trigger", dt.timedelta(hours=9))
    ev.add_component(alarm)
    return ev


def _span(schedule: Schedule) -> tuple[dt.date, dt.date]:
    """The first check-in and the last day they recur to: from the first day to the
    target; on a status date from the resume day to the target or the forecast finish."""
    from careerlib.scheduling.status import StatusSchedule

    if isinstance(schedule, StatusSchedule):
        last = (
            schedule.target if schedule.complete else max(schedule.target, schedule.earliest_finish)
        )
        return schedule.resume, max(last, schedule.resume)
    return schedule.first_day, schedule.plan.target


def days_off(schedule: Schedule, first: dt.date, rule: dict[str, Any]) -> list[dt.date]:
    """The occurrences of the recurrence ``rule`` from ``first`` that are not working days
    of the plan's calendar (holidays, blackouts, days off of the week)."""
    import numpy as np
    from dateutil.rrule import rrulestr
    from icalendar import vRecur

    text = vRecur(rule).to_ical().decode()
    start = dt.datetime.combine(first, dt.time())
    days = [d.date() for d in rrulestr(text, dtstart=start)]
    if not days:
        return []
    working = np.asarray(
        schedule.calendar.is_working_day(np.array(days, dtype="datetime64[D]")), dtype=bool
    )
    return [d for d, ok in zip(days, working.tolist(), strict=True) if not ok]
