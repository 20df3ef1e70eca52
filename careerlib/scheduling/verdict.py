"""The verdict of a plan on its status date: the facts every page prints, and the words.

:class:`StatusVerdict` holds what a coach and a client read about a plan on a
day (``docs/status-date.md``): on track, late or complete, the target
lateness, each deadline missed with its own figure, the slack from today and
whether the target has passed. :attr:`StatusVerdict.sentence` says it in plain
words, and never gives a deadline's lateness as the target's: "the work left
ends N working days after the target" always uses the target lateness.

The status schedule (:class:`~careerlib.scheduling.status.StatusSchedule`)
builds it; every output prints from it, so that two pages cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careerlib._text import day_text, plural

if TYPE_CHECKING:
    from careerlib.scheduling.calendars import WorkCalendar
    from careerlib.scheduling.status import StatusSchedule

__all__ = ["DeadlineMiss", "StatusVerdict", "time_ago", "verdict_of", "working_days_after"]

#: The three states of a plan on its status date.
STATES: tuple[str, ...] = ("on track", "late", "complete")


def _days(n: int) -> str:
    return plural(n, "working day")


def time_ago(days: int) -> str:
    """A number of calendar days as a reader says it: ``5 days``, ``3 weeks``, ``4 months``."""
    if days < 14:
        return plural(days, "day")
    if days < 9 * 7:
        return plural(days // 7, "week")
    if days < 730:
        return plural(round(days / 30.44), "month")
    return plural(int(days / 365.25), "year")


@dataclass(frozen=True)
class DeadlineMiss:
    """A step left whose forecast finish is after its own deadline.

    Attributes
    ----------
    step, title
        The step's id and title.
    deadline
        The deadline as written (it may not be a working day).
    finish
        The step's forecast finish.
    late_by_days
        Working days from the deadline's working day (the last on or before
        it) to the forecast finish; a finish on the next working day is 1
        [working days].
    """

    step: str
    title: str
    deadline: dt.date
    finish: dt.date
    late_by_days: int

    @property
    def sentence(self) -> str:
        """``'Win a sponsor' misses its deadline (4 Jul 2027) by 14 working days``."""
        return (
            f"'{self.title}' misses its deadline ({day_text(self.deadline)}) "
            f"by {_days(self.late_by_days)}"
        )

    def to_dict(self) -> dict[str, Any]:
        """The spec's entry of ``deadlines_missed``: ``id``, ``deadline``, ``finish`` and
        ``late_by_days``."""
        return {
            "id": self.step,
            "deadline": self.deadline.isoformat(),
            "finish": self.finish.isoformat(),
            "late_by_days": self.late_by_days,
        }


@dataclass(frozen=True)
class StatusVerdict:
    """Where a plan stands on its status date, as facts (see the module).

    Attributes
    ----------
    state
        ``"on track"`` (the forecast meets the target and every deadline),
        ``"late"`` or ``"complete"`` (every step done).
    as_of, resume
        The status date (the state at its start) and the resume day *S*, the
        first working day of the work left.
    target, target_day
        The target as written, and its working day *T* (never moved).
    forecast_finish
        The last release day of the forecast of the work left; ``None`` when complete.
    target_late_by_days
        Working days from *T* to the forecast finish, 0 when on time [working days].
    target_margin_days
        Working days from the forecast finish to *T* (0 when late, ``None``
        when complete) [working days].
    deadlines_missed
        Each deadline the forecast misses, with its own lateness, in plan order.
    slack_days
        The smallest slack of the steps left, from the resume day: negative
        when late (then ``-late_by_days``); ``None`` when complete [working days].
    late_by_days
        Working days the work left must shrink to meet every date (rule 8
        with *S*), 0 when on track [working days].
    tightest
        The step with a deadline that leaves less slack than the target does,
        with that slack: ``(step, title, deadline, slack_days)``; ``None``
        when the target is the tightest date.
    """

    state: str
    as_of: dt.date
    resume: dt.date
    target: dt.date
    target_day: dt.date
    forecast_finish: dt.date | None
    target_late_by_days: int
    target_margin_days: int | None
    deadlines_missed: tuple[DeadlineMiss, ...]
    slack_days: int | None
    late_by_days: int
    tightest: tuple[str, str, dt.date, int] | None = None

    @property
    def feasible(self) -> bool:
        """Whether the work left meets the target and every deadline (or all is done)."""
        return self.state != "late"

    @property
    def complete(self) -> bool:
        """Whether every step is done."""
        return self.state == "complete"

    @property
    def target_passed(self) -> bool:
        """Whether the target's working day is before the resume day (nothing can meet it now)."""
        return self.target_day < self.resume

    @property
    def target_passed_days(self) -> int:
        """Calendar days from the target to the status date, 0 when it has not passed [days]."""
        return max(0, (self.as_of - self.target).days) if self.target_passed else 0

    @property
    def sentence(self) -> str:
        """The verdict in plain words, with each figure for what it measures.

        Examples: "On track: the work left ends on 28 Sep 2027, 66 working
        days before the target 31 Dec 2027." / "Late: the work left ends on
        3 Mar 2028, 24 working days after the target 28 Apr 2028; 'Budget
        approved' misses its deadline (1 Oct 2027) by 58 working days." /
        "Late: the target 31 Dec 2027 passed 8 weeks ago; at this pace the
        work left ends on 4 Apr 2028, 67 working days after it."
        """
        if self.forecast_finish is None:
            return f"Complete: every step is done (as of {day_text(self.as_of)})."
        text = self._finish_clause(self.forecast_finish)
        if self.deadlines_missed:
            # a deadline missed while the target holds: "..., but 'X' misses ..."
            joiner = "; " if self.target_late_by_days > 0 else ", but "
            text += joiner + "; ".join(m.sentence for m in self.deadlines_missed)
        elif self.state == "on track" and self.tightest is not None:
            _, title, due, slack = self.tightest
            text += (
                f"; the tightest deadline, '{title}' by {day_text(due)}, leaves {_days(slack)} "
                "of slack"
            )
        head = "On track" if self.state == "on track" else "Late"
        return f"{head}: {text}."

    def _finish_clause(self, finish: dt.date) -> str:
        """When the work left ends, against the target (its lateness only)."""
        target = day_text(self.target)
        ends = f"the work left ends on {day_text(finish)}"
        if self.target_passed:
            ago = self.target_passed_days
            when = f"passed {time_ago(ago)} ago" if ago > 0 else "has no working day left"
            return (
                f"the target {target} {when}; at this pace {ends}, "
                f"{_days(self.target_late_by_days)} after it"
            )
        if self.target_late_by_days > 0:
            return f"{ends}, {_days(self.target_late_by_days)} after the target {target}"
        margin = self.target_margin_days or 0
        if margin == 0:
            return f"{ends}, just in time for the target {target}"
        return f"{ends}, {_days(margin)} before the target {target}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with the spec's key names (dates as ISO strings)."""
        tightest: dict[str, Any] | None = None
        if self.tightest is not None:
            step, title, due, slack = self.tightest
            tightest = {"id": step, "title": title, "deadline": due.isoformat()}
            tightest["slack_days"] = slack
        finish = self.forecast_finish
        return {
            "state": self.state,
            "as_of": self.as_of.isoformat(),
            "resume": self.resume.isoformat(),
            "target": self.target.isoformat(),
            "earliest_finish": None if finish is None else finish.isoformat(),
            "feasible": self.feasible,
            "late_by_days": self.late_by_days,
            "target_late_by_days": self.target_late_by_days,
            "target_margin_days": self.target_margin_days,
            "target_passed": self.target_passed,
            "deadlines_missed": [{**m.to_dict(), "title": m.title} for m in self.deadlines_missed],
            "slack_days": self.slack_days,
            "tightest_deadline": tightest,
            "complete": self.complete,
            "verdict": self.sentence,
        }


def working_days_after(cal: WorkCalendar, due: dt.date, finish: dt.date) -> int:
    """Working days ``finish`` is after the working day ``due``: 1 for the next one; 0 when
    on or before it [working days]."""
    return int(cal.count(due, finish)) if finish > due else 0


def verdict_of(result: StatusSchedule) -> StatusVerdict:
    """The facts of the verdict of a status schedule (its ``status_verdict``)."""
    common: dict[str, Any] = {
        "as_of": result.as_of,
        "resume": result.resume,
        "target": result.target,
        "target_day": result.target_day,
    }
    if result.complete:
        return StatusVerdict(
            state="complete",
            **common,
            forecast_finish=None,
            target_late_by_days=0,
            target_margin_days=None,
            deadlines_missed=(),
            slack_days=None,
            late_by_days=0,
        )
    cal = result.calendar
    finish = result.earliest_finish
    margin = working_days_after(cal, finish, result.target_day)
    return StatusVerdict(
        state="on track" if result.feasible else "late",
        **common,
        forecast_finish=finish,
        target_late_by_days=result.target_late_by_days,
        target_margin_days=margin,
        deadlines_missed=result.deadlines_missed,
        slack_days=result.slack_from_today,
        late_by_days=result.late_by_days,
        tightest=_tightest_deadline(result, margin),
    )


def _tightest_deadline(result: StatusSchedule, margin: int) -> tuple[str, str, dt.date, int] | None:
    """The deadline met with the least room, when it has less than the target:
    ``(step, title, deadline, working days to spare)``."""
    cal = result.calendar
    best: tuple[str, str, dt.date, int] | None = None
    for k, step in enumerate(result.steps):
        if step.deadline is None or result.is_done[k]:
            continue
        finish = result.early_finish[k].astype(object)
        room = working_days_after(cal, finish, cal.roll_backward(step.deadline))
        if finish <= cal.roll_backward(step.deadline) and (best is None or room < best[3]):
            best = (step.id, step.title or step.id, step.deadline, room)
    return best if best is not None and best[3] < margin else None
