"""The schedule as an iCalendar file (private: :func:`careerlib.exports.to_ics` is its entry).

The plan as written puts each step at its latest dates. The plan on a status
date (a :class:`~careerlib.scheduling.status.StatusSchedule`, what a client's
calendar is made from) is the living plan: a done step has no event, each
step left sits at its dates to aim for (never in the past), a deadline that
has passed has no event of its own, and the check-ins recur from the status
date. Events speak in step titles and plain dates: no step ids, no commands.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from careerlib._ics_checkins import checkin_event, start_alarm
from careerlib._text import day_text, plural
from careerlib.scheduling.status import StatusSchedule

if TYPE_CHECKING:
    from careerlib.scheduling.scheduler import Schedule

__all__ = ["to_ics"]

_ONE_DAY = dt.timedelta(days=1)


def _uid_prefix(schedule: Schedule) -> str:
    """A digest of the plan's title and owner: the same plan, the same UIDs."""
    plan = schedule.plan
    key = f"{plan.title}\n{plan.owner or ''}".encode()
    return hashlib.sha256(key).hexdigest()[:16]


def _day(values: Any, k: int) -> dt.date:
    return values[k].astype(object)


def event_dates(schedule: Schedule, k: int) -> tuple[dt.date, dt.date]:
    """The first and last day of step ``k``'s event: its dates to aim for on a status
    date, its latest dates in the plan as written."""
    if isinstance(schedule, StatusSchedule):
        return _day(schedule.aim_start, k), _day(schedule.aim_finish, k)
    return _day(schedule.start, k), _day(schedule.finish, k)


def _when(schedule: Schedule, k: int) -> str:
    """When step ``k`` happens, in words."""
    first, last = event_dates(schedule, k)
    status = isinstance(schedule, StatusSchedule)
    if schedule.milestone[k]:
        return (
            f"Milestone: aim for {day_text(first)}."
            if status
            else f"Milestone on {day_text(first)}."
        )
    if not status:
        days = int(schedule.duration_days[k])
        return (
            f"{plural(days, 'working day')}, {day_text(first)} to {day_text(last)} "
            "(latest start and finish)."
        )
    assert isinstance(schedule, StatusSchedule)
    left = int(schedule.remaining_days[k])
    done = float(schedule.done[k])
    text = f"Aim to start on {day_text(first)} and finish by {day_text(last)}"
    text += f" ({plural(left, 'working day')} of work left"
    text += f", {100 * done:.0f}% done)." if done > 0 else ")."
    return text


def _deadline_fact(schedule: Schedule, k: int) -> str | None:
    """The step's deadline: met, missed by the forecast (and by how much), or passed."""
    due = schedule.steps[k].deadline
    if due is None:
        return None
    if isinstance(schedule, StatusSchedule):
        missed = {m.step: m for m in schedule.deadlines_missed}.get(schedule.ids[k])
        if due < schedule.resume:
            return f"Its deadline ({day_text(due)}) has passed."
        if missed is not None:
            return (
                f"Deadline: {day_text(due)}; at this pace it is missed by "
                f"{plural(missed.late_by_days, 'working day')}."
            )
    return f"Deadline: {day_text(due)}."


def _step_description(
    schedule: Schedule, k: int, goals: dict[str, str], routes: dict[str, str]
) -> str:
    """What an event says about step ``k``: when, slack, what comes first, deadline,
    goal and route, by title (never an id)."""
    plan = schedule.plan
    step = schedule.steps[k]
    facts = [f"A step of the plan '{plan.title}'.", _when(schedule, k)]
    slack = int(schedule.slack_days[k])
    critical = " (critical: a delay moves the finish)" if schedule.critical[k] else ""
    if slack < 0:
        facts.append(f"Its latest start passed {plural(-slack, 'working day')} ago{critical}.")
    else:
        facts.append(f"Slack: {plural(slack, 'working day')}{critical}.")
    before = [schedule.steps[p].title or schedule.ids[p] for p in schedule.predecessors[k]]
    if before:
        facts.append("After: " + ", ".join(before) + ".")
    deadline = _deadline_fact(schedule, k)
    if deadline:
        facts.append(deadline)
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


def _steps_drawn(schedule: Schedule) -> list[int]:
    """The steps that get an event: every step, or on a status date those not done."""
    if isinstance(schedule, StatusSchedule):
        return [k for k, done in enumerate(schedule.is_done.tolist()) if not done]
    return list(range(len(schedule)))


def _deadline_due(schedule: Schedule, k: int) -> dt.date | None:
    """Step ``k``'s deadline when it gets an event (on a status date: not passed)."""
    due = schedule.steps[k].deadline
    if due is None:
        return None
    if isinstance(schedule, StatusSchedule) and due < schedule.resume:
        return None
    return due


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
    On a status date (a :class:`~careerlib.scheduling.status.StatusSchedule`)
    the steps left are at their dates to aim for, done steps and deadlines
    already passed have no event, and the check-ins start on the resume day.

    The UID of each event is made from the plan's title and owner and the step
    id, so importing the file of an updated plan updates the events instead of
    adding copies. ``SEQUENCE`` grows with the time of export, so a calendar
    that compares it keeps the newest version.

    Parameters
    ----------
    schedule
        A result of :func:`careerlib.schedule` (with or without ``as_of``) or
        :func:`careerlib.schedule_client`.
    reminder_days
        How long before a milestone or deadline the reminder goes off [days].
    stamp
        The time of export (``DTSTAMP``); default now, in UTC.
    cadence
        The check-in cadence (``daily``, ``weekly``, ``biweekly``,
        ``monthly``): one recurring event until the target, with no
        occurrence on a holiday or in a blackout (see
        :func:`careerlib._ics_checkins.checkin_event`); default the plan's
        ``checkpoints.cadence``, else monthly.
    start_alarm_days
        Every step that takes time gets an alarm this many days before its
        start (its latest start, or on a status date the start to aim for),
        at 09:00 [days].
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
    status = isinstance(schedule, StatusSchedule)

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

    for k in _steps_drawn(schedule):
        step = schedule.steps[k]
        first, last = event_dates(schedule, k)
        title = step.title or step.id
        description = _step_description(schedule, k, goals, routes)
        if schedule.milestone[k]:
            ev = event(step.id, f"◆ {title}", first, first + _ONE_DAY, description)
            reminder(ev, f"Milestone in {reminder_days} days: {title}")
        else:
            ev = event(step.id, title, first, last + _ONE_DAY, description)
            what = "Start to aim for" if status else "Latest start"
            start_alarm(ev, title, first, start_alarm_days, what=what)
        if step.goal:
            ev.add("categories", [goals.get(step.goal, step.goal)])
        cal.add_component(ev)
        due = _deadline_due(schedule, k)
        if due is not None:
            dl = event(
                f"{step.id}.deadline",
                f"Deadline: {title}",
                due,
                due + _ONE_DAY,
                f"'{title}' must be finished by {day_text(due)}.\n{description}",
            )
            reminder(dl, f"Deadline in {reminder_days} days: {title}")
            cal.add_component(dl)
    cal.add_component(
        checkin_event(schedule, prefix, cadence=cadence, stamp=stamp, sequence=sequence)
    )
    return bytes(cal.to_ical())
