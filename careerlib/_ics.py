"""The schedule as an iCalendar file (private: :func:`careerlib.exports.to_ics` is its entry)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from careerlib._ics_checkins import checkin_event, start_alarm

if TYPE_CHECKING:
    from careerlib.scheduling.scheduler import Schedule

__all__ = ["to_ics"]


def _uid_prefix(schedule: Schedule) -> str:
    """A digest of the plan's title and owner: the same plan, the same UIDs."""
    plan = schedule.plan
    key = f"{plan.title}\n{plan.owner or ''}".encode()
    return hashlib.sha256(key).hexdigest()[:16]


def _step_description(
    schedule: Schedule, k: int, goals: dict[str, str], routes: dict[str, str]
) -> str:
    """What an event says about step ``k``: dates, slack, predecessors, goal and route."""
    plan = schedule.plan
    step = schedule.steps[k]
    first = schedule.start[k].astype(object)
    last = schedule.finish[k].astype(object)
    facts = [f"Step {step.id} of the plan '{plan.title}'."]
    if schedule.milestone[k]:
        facts.append(f"Milestone on {first}.")
    else:
        days = int(schedule.duration_days[k])
        facts.append(f"{days} working days, {first} to {last} (latest start and finish).")
    facts.append(
        f"Slack: {int(schedule.slack_days[k])} working days"
        + (" (critical: a delay moves the target)." if schedule.critical[k] else ".")
    )
    if step.after:
        facts.append("After: " + ", ".join(step.after) + ".")
    if step.goal:
        facts.append(f"Goal: {goals.get(step.goal, step.goal)}.")
    if step.route:
        facts.append(f"Route: {routes.get(step.route, step.route)}.")
    return "\n".join(facts)


def _calendar(schedule: Schedule, routes: dict[str, str]) -> Any:
    """The empty ``VCALENDAR``: product, version, the plan's name and the verdict."""
    import icalendar

    plan = schedule.plan
    cal = icalendar.Calendar()
    cal.add("prodid", "-//careerlib//career plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = plan.title + (
        f" ({routes.get(schedule.route, schedule.route)})" if schedule.route else ""
    )
    # the X-WR- properties are written unescaped: a line break in a title
    # would end the line (and could start a property of its own)
    cal.add("x-wr-calname", " ".join(name.split()))
    cal.add("x-wr-caldesc", " ".join(schedule.verdict.split()))
    return cal


def to_ics(
    schedule: Schedule,
    *,
    reminder_days: int = 7,
    stamp: dt.datetime | None = None,
    cadence: str | None = None,
    start_alarm_days: int = 2,
) -> bytes:
    """The schedule as an iCalendar file to import into any calendar.

    Every step that takes time is an all-day event from its start to the day
    after its finish (``DTEND`` is exclusive, RFC 5545 section 3.6.1). A
    milestone is an all-day event on its day, and a step's deadline an event on
    the deadline; both carry a reminder ``reminder_days`` before, at 09:00.

    The UID of each event is made from the plan's title and owner and the step
    id, so importing the file of an updated plan updates the events instead of
    adding copies. ``SEQUENCE`` grows with the time of export, so a calendar
    that compares it keeps the newest version.

    Parameters
    ----------
    schedule
        A result of :func:`careerlib.schedule`.
    reminder_days
        How long before a milestone or deadline the reminder goes off [days].
    stamp
        The time of export (``DTSTAMP``); default now, in UTC.
    cadence
        The check-in cadence (``daily``, ``weekly``, ``biweekly``,
        ``monthly``): one recurring event from the first day to the target
        (see :func:`careerlib._ics_checkins.checkin_event`); default the plan's
        ``checkpoints.cadence``, else monthly.
    start_alarm_days
        Every step that takes time gets an alarm this many days before its
        latest start, at 09:00 [days].
    """
    import icalendar

    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    sequence = max(0, int((stamp - dt.datetime(2020, 1, 1, tzinfo=dt.UTC)).total_seconds() // 60))
    plan = schedule.plan
    prefix = _uid_prefix(schedule)
    goals = {g.id: g.title for g in plan.goals}
    routes = {r.id: r.title for r in plan.routes}

    cal = _calendar(schedule, routes)

    def event(uid: str, summary: str, first: dt.date, end: dt.date, description: str) -> Any:
        ev = icalendar.Event()
        ev.add("uid", f"{uid}@{prefix}.careerlib")
        ev.add("dtstamp", stamp)
        ev.add("sequence", sequence)
        ev.add("summary", summary)
        ev.add("dtstart", first)
        ev.add("dtend", end)
        ev.add("description", description)
        ev.add("transp", "TRANSPARENT")
        return ev

    def reminder(ev: Any, what: str) -> None:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", what)
        alarm.add("trigger", dt.timedelta(days=-reminder_days, hours=9))
        ev.add_component(alarm)

    one_day = dt.timedelta(days=1)
    for k, step in enumerate(schedule.steps):
        first = schedule.start[k].astype(object)
        last = schedule.finish[k].astype(object)
        title = step.title or step.id
        description = _step_description(schedule, k, goals, routes)
        if schedule.milestone[k]:
            ev = event(step.id, f"◆ {title}", first, first + one_day, description)
            reminder(ev, f"Milestone in {reminder_days} days: {title}")
        else:
            ev = event(step.id, title, first, last + one_day, description)
            start_alarm(ev, title, first, start_alarm_days)
        if step.goal:
            ev.add("categories", [goals.get(step.goal, step.goal)])
        cal.add_component(ev)
        if step.deadline is not None:
            due = step.deadline
            dl = event(
                f"{step.id}.deadline",
                f"Deadline: {title}",
                due,
                due + one_day,
                f"'{title}' must be finished by {due}.\n{description}",
            )
            reminder(dl, f"Deadline in {reminder_days} days: {title}")
            cal.add_component(dl)
    cal.add_component(
        checkin_event(schedule, prefix, cadence=cadence, stamp=stamp, sequence=sequence)
    )
    return bytes(cal.to_ical())
