"""The back-scheduler: spec rules 1 to 9, as late as possible from the target.

Working days are numbered from the first working day on or after the plan's
start (day 0; earlier working days are negative), so both passes are integer
arithmetic over the steps in topological order, in O(steps + dependencies):

* a step of duration *n* finishing on day *f* starts on *f - n + 1*; a
  milestone starts and finishes on its day;
* its release day is *f + buffer*;
* a step that is not a milestone starts after the release day of each step in
  its ``after`` list; a milestone's day is on or after it (a "gate" of 1 or 0);
* backward pass: each step finishes on the latest day that its successors, the
  target (less its buffer) and its deadline allow;
* forward pass: each step starts on the earliest day that its predecessors and
  day 0 allow.

A plan with steps that have an ``effort`` (hours) is placed by
:mod:`careerlib.scheduling.capacity` instead, within the client's hours per week: the same
rules, with an effort step's start and finish its first and last day with
hours. Its schedule also carries the hours of every step and day
(:attr:`Schedule.allocation`), the weekly load (:meth:`Schedule.load_frame`)
and, when late, the extra hours a week that would make the target.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from careerlib._graph import find_cycle, successors, topological_order
from careerlib._text import day_text, plural
from careerlib.exceptions import CycleError, PlanError, UnknownStepError, UsageError
from careerlib.limits import EARLIEST_DATE, LATEST_DATE
from careerlib.models import Plan, Step, suggest
from careerlib.scheduling._passes import duration_passes, step_lengths
from careerlib.scheduling._placement import Network, extra_hours_per_week, schedule_capacity
from careerlib.scheduling.calendars import WorkCalendar, calendar_for
from careerlib.scheduling.capacity import Allocation, WeeklyLoad, weekly_load

if TYPE_CHECKING:
    import pandas as pd

    from careerlib.scheduling.status import StatusSchedule

__all__ = ["Schedule", "schedule", "schedule_routes", "select_steps"]


@dataclass(frozen=True, eq=False)
class Schedule:
    """A back-scheduled plan: for every step, its latest start and finish.

    Arrays are aligned with ``ids`` (the plan's steps in file order, less those
    of other routes when a route was chosen). Dates are ``datetime64[D]``.

    Attributes
    ----------
    plan
        The plan that was scheduled.
    route
        The route chosen, or ``None`` for the whole plan.
    calendar
        The working calendar used.
    first_day
        The first working day on or after the plan's start.
    target_day
        The last working day on or before the target.
    feasible
        Whether no step has to start before ``first_day`` (rule 8).
    late_by_days
        Working days by which the earliest start comes before ``first_day``
        [working days]; 0 when feasible.
    earliest_finish
        The latest release day of the forward pass: the earliest target the
        work itself allows (rule 7).
    allocation
        For a plan with effort steps, the hours of each effort step on each
        working day of the back-schedule; ``None`` otherwise.
    load
        For a plan with effort steps, the hours planned and the capacity of
        every week (see :meth:`load_frame`); ``None`` otherwise.
    extra_hours_per_week
        For a plan with effort steps: 0 when feasible, else the fewest extra
        hours a week (in steps of 0.5) that would make the target, or ``None``
        when no number of hours would [hours/week]. ``None`` for other plans.
    """

    plan: Plan
    route: str | None
    calendar: WorkCalendar
    ids: tuple[str, ...]
    steps: tuple[Step, ...]
    start: np.ndarray
    finish: np.ndarray
    release: np.ndarray
    early_start: np.ndarray
    early_finish: np.ndarray
    slack_days: np.ndarray
    critical: np.ndarray
    milestone: np.ndarray
    duration_days: np.ndarray
    buffer_days: np.ndarray
    predecessors: tuple[tuple[int, ...], ...]
    first_day: dt.date
    target_day: dt.date
    feasible: bool
    late_by_days: int
    earliest_finish: dt.date
    _positions: Mapping[str, int] = field(init=False, repr=False)
    allocation: Allocation | None = None
    load: WeeklyLoad | None = None
    extra_hours_per_week: float | None = None

    def __post_init__(self) -> None:
        # The row of each id, built once with the schedule and read-only after.
        positions = MappingProxyType({s: i for i, s in enumerate(self.ids)})
        object.__setattr__(self, "_positions", positions)

    # -- reading the result ----------------------------------------------------

    @property
    def title(self) -> str:
        """The plan's title."""
        return self.plan.title

    @property
    def target(self) -> dt.date:
        """The plan's target as written (it may not be a working day)."""
        return self.plan.target

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        route = f", route={self.route!r}" if self.route else ""
        return (
            f"<Schedule {self.title!r}{route}: {len(self)} steps, target {self.target}, "
            f"{'feasible' if self.feasible else f'late by {self.late_by_days} working days'}>"
        )

    def _repr_html_(self) -> str:
        """In a notebook: the verdict above the table of steps."""
        import html

        frame = self.to_frame()[["title", "start", "finish", "slack_days", "critical", "milestone"]]
        for col in ("start", "finish"):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
        return f"<p><b>{html.escape(self.verdict)}</b></p>" + frame.to_html(escape=True)

    def position(self, step_id: str) -> int:
        """Row of a step in the arrays.

        Raises
        ------
        UnknownStepError
            No step has this id (the message names the nearest one); it is a ``KeyError``.
        """
        try:
            return self._positions[step_id]
        except KeyError:
            raise UnknownStepError(
                f"no step {step_id!r} in this schedule{suggest(step_id, self.ids)}"
            ) from None

    def step_dates(self, step_id: str) -> tuple[dt.date, dt.date]:
        """``(start, finish)`` of one step."""
        i = self.position(step_id)
        return self.start[i].astype(object), self.finish[i].astype(object)

    @property
    def critical_ids(self) -> list[str]:
        """Ids of the critical steps, in plan order."""
        return [s for s, c in zip(self.ids, self.critical, strict=True) if c]

    @property
    def verdict(self) -> str:
        """One line a coach can read out: feasible, or late and the earliest realistic target.

        Dates as a reader writes them and steps by their titles, as in the
        status verdict: "Feasible: the target 28 Apr 2028 can be met; the
        critical steps have 12 working days of slack (the work alone could be
        done by 19 Feb 2027)." / "Not feasible: late by 3 working days: the
        deadline of 'Budget approved' cannot be met."
        """
        if self.feasible:
            slack = int(self.slack_days.min()) if len(self) else 0
            return (
                f"Feasible: the target {day_text(self.target)} can be met; the critical steps "
                f"have {plural(slack, 'working day')} of slack "
                f"(the work alone could be done by {day_text(self.earliest_finish)})."
            )
        text = f"Not feasible: late by {plural(self.late_by_days, 'working day')}"
        if self.earliest_finish > self.target_day:
            text = f"{text}; the earliest realistic target is {day_text(self.earliest_finish)}"
        elif missed := self.missed_deadlines():
            titles = {s.id: s.title or s.id for s in self.steps}
            names = ", ".join(f"'{titles[m]}'" for m in missed)
            text = f"{text}: the deadline of {names} cannot be met"
        if self.load is None:
            return f"{text}."
        extra = self.extra_hours_per_week
        if extra is None:
            return f"{text}; more hours a week alone would not make the target."
        return f"{text}; {extra:g} more hours a week would make the target."

    def missed_deadlines(self) -> list[str]:
        """Ids of the steps whose deadline the forward pass (as soon as possible) misses."""
        out = []
        for i, step in enumerate(self.steps):
            if step.deadline is not None:
                last = self.calendar.roll_backward(step.deadline)
                if self.early_finish[i] > np.datetime64(last, "D"):
                    out.append(step.id)
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row a step, in plan order, indexed by step id.

        Columns: ``title``, ``start``, ``finish``, ``release``, ``early_start``,
        ``early_finish``, ``slack_days`` [working days], ``critical``,
        ``milestone``, ``duration_days`` [working days], ``buffer_days``
        [working days], ``deadline``, ``goal``, ``route``, ``after`` (tuple of ids).
        """
        import pandas as pd

        frame = pd.DataFrame(
            {
                "title": [s.title for s in self.steps],
                "start": self.start.astype("datetime64[s]"),
                "finish": self.finish.astype("datetime64[s]"),
                "release": self.release.astype("datetime64[s]"),
                "early_start": self.early_start.astype("datetime64[s]"),
                "early_finish": self.early_finish.astype("datetime64[s]"),
                "slack_days": self.slack_days,
                "critical": self.critical,
                "milestone": self.milestone,
                "duration_days": self.duration_days,
                "buffer_days": self.buffer_days,
                "deadline": pd.to_datetime([s.deadline for s in self.steps]),
                "goal": [s.goal for s in self.steps],
                "route": [s.route for s in self.steps],
                "after": [tuple(self.ids[p] for p in ps) for ps in self.predecessors],
            },
            index=pd.Index(list(self.ids), name="step"),
        )
        return frame

    def load_frame(self) -> pd.DataFrame:
        """The weekly load: one row a week (Monday to Sunday), indexed by its Monday.

        Columns: ``planned_hours`` [hours] placed that week, ``capacity_hours``
        [hours] the client has for the plan that week (none before the start),
        ``left_hours`` [hours] capacity less planned (negative when over) and
        ``over`` (more planned than capacity). Empty for a plan without effort
        steps.
        """
        import pandas as pd

        load = self.load
        if load is None:
            week = np.empty(0, dtype="datetime64[D]")
            planned = capacity = np.empty(0)
        else:
            week, planned, capacity = load.week, load.planned_hours, load.capacity_hours
        return pd.DataFrame(
            {
                "planned_hours": planned,
                "capacity_hours": capacity,
                "left_hours": np.round(capacity - planned, 6),
                "over": planned > capacity + 1e-6,
            },
            index=pd.Index(week.astype("datetime64[s]"), name="week"),
        )

    def allocation_frame(self) -> pd.DataFrame:
        """The hours of the back-schedule: one row per effort step and working day.

        Columns: ``step`` (id), ``day``, ``hours`` [hours]. Empty for a plan
        without effort steps.
        """
        import pandas as pd

        alloc = self.allocation
        if alloc is None:
            empty = np.empty(0)
            return pd.DataFrame({"step": [], "day": empty.astype("datetime64[s]"), "hours": empty})
        ids = np.asarray(self.ids, dtype=object)
        day = alloc.day.astype("datetime64[s]")
        return pd.DataFrame({"step": ids[alloc.step], "day": day, "hours": alloc.hours})

    def _load_rows(self) -> list[tuple[str, float, float]]:
        load = self.load
        if load is None:
            return []
        weeks = np.datetime_as_string(load.week, unit="D").tolist()
        planned, capacity = load.planned_hours.tolist(), load.capacity_hours.tolist()
        return list(zip(weeks, planned, capacity, strict=True))

    def to_dict(self) -> dict[str, Any]:
        """The result as the spec's JSON object (dates as ISO strings).

        A plan with effort steps also gets ``extra_hours_per_week`` and a
        ``load`` list (``week``, ``planned_hours``, ``capacity_hours``).
        """
        out = self._steps_dict()
        if self.load is not None:
            out["extra_hours_per_week"] = self.extra_hours_per_week
            out["load"] = [
                {"week": w, "planned_hours": p, "capacity_hours": c}
                for w, p, c in self._load_rows()
            ]
        return out

    def _steps_dict(self) -> dict[str, Any]:
        starts = np.datetime_as_string(self.start, unit="D")
        finishes = np.datetime_as_string(self.finish, unit="D")
        return {
            "title": self.title,
            "target": self.target.isoformat(),
            "feasible": self.feasible,
            "late_by_days": self.late_by_days,
            "earliest_finish": self.earliest_finish.isoformat(),
            "steps": [
                {
                    "id": sid,
                    "start": str(a),
                    "finish": str(b),
                    "slack_days": int(s),
                    "critical": bool(c),
                    "milestone": bool(m),
                }
                for sid, a, b, s, c, m in zip(
                    self.ids,
                    starts,
                    finishes,
                    self.slack_days,
                    self.critical,
                    self.milestone,
                    strict=True,
                )
            ],
        }

    def to_json(self) -> str:
        """The spec's JSON, laid out as ``json.dumps(self.to_dict(), indent=2)`` would.

        Built line by line with the C string encoder, which is several times
        faster than the indenting encoder on plans of 100,000 steps.
        """
        enc = json.encoder.encode_basestring
        starts = np.datetime_as_string(self.start, unit="D").tolist()
        finishes = np.datetime_as_string(self.finish, unit="D").tolist()
        slack = self.slack_days.tolist()
        flags = {True: "true", False: "false"}
        rows = [
            "    {\n"
            f'      "id": {enc(sid)},\n'
            f'      "start": "{a}",\n'
            f'      "finish": "{b}",\n'
            f'      "slack_days": {s},\n'
            f'      "critical": {flags[c]},\n'
            f'      "milestone": {flags[m]}\n'
            "    }"
            for sid, a, b, s, c, m in zip(
                self.ids,
                starts,
                finishes,
                slack,
                self.critical.tolist(),
                self.milestone.tolist(),
                strict=True,
            )
        ]
        head = (
            "{\n"
            f'  "title": {enc(self.title)},\n'
            f'  "target": "{self.target.isoformat()}",\n'
            f'  "feasible": {flags[self.feasible]},\n'
            f'  "late_by_days": {self.late_by_days},\n'
            f'  "earliest_finish": "{self.earliest_finish.isoformat()}",\n'
        )
        body = '  "steps": [\n' + ",\n".join(rows) + "\n  ]" if rows else '  "steps": []'
        if self.load is None:
            return head + body + "\n}"
        extra = json.dumps(self.extra_hours_per_week)
        weeks = [
            "    {\n"
            f'      "week": "{w}",\n'
            f'      "planned_hours": {json.dumps(p)},\n'
            f'      "capacity_hours": {json.dumps(c)}\n'
            "    }"
            for w, p, c in self._load_rows()
        ]
        load = '  "load": [\n' + ",\n".join(weeks) + "\n  ]" if weeks else '  "load": []'
        return head + body + f',\n  "extra_hours_per_week": {extra},\n' + load + "\n}"


def select_steps(plan: Plan, route: str | None = None) -> list[int]:
    """Positions of the steps scheduled for ``route`` (all steps for ``None``).

    A route selects its own steps and the steps that belong to every route.
    """
    if route is None:
        return list(range(len(plan.steps)))
    known = [r.id for r in plan.routes]
    if route not in known:
        valid = ", ".join(known) if known else "none: the plan has no routes"
        raise PlanError(
            f"unknown route {route!r} (routes: {valid}){suggest(route, known)}", where="--route"
        )
    chosen = [i for i, s in enumerate(plan.steps) if s.route is None or s.route == route]
    if not any(plan.steps[i].route == route for i in chosen):
        raise PlanError(f"route {route!r} selects no step of its own", where="--route")
    return chosen


@overload
def schedule(
    plan: Plan, route: str | None = None, *, as_of: None = None, progress: None = None
) -> Schedule: ...


@overload
def schedule(
    plan: Plan,
    route: str | None = None,
    *,
    as_of: dt.date,
    progress: Mapping[str, float] | None = None,
) -> StatusSchedule: ...


@overload
def schedule(
    plan: Plan,
    route: str | None = None,
    *,
    as_of: dt.date | None = None,
    progress: Mapping[str, float] | None = None,
) -> Schedule: ...


def schedule(
    plan: Plan,
    route: str | None = None,
    *,
    as_of: dt.date | None = None,
    progress: Mapping[str, float] | None = None,
) -> Schedule:
    """Back-schedule a plan from its target (spec rules 1 to 9), or on a status date.

    Parameters
    ----------
    plan
        A validated plan.
    route
        Schedule only this route's steps and the steps common to every route;
        ``after`` entries naming steps of other routes are left out.
    as_of
        A status date: schedule the work left on that day
        (``docs/status-date.md``, :func:`careerlib.scheduling.status.schedule_as_of`)
        and return a :class:`~careerlib.scheduling.status.StatusSchedule`.
        Default: the plan as written.
    progress
        With ``as_of``: step id -> share done on that day; default the
        plan's own ``checkpoints.reviews``.

    Returns
    -------
    Schedule
        The latest start and finish of every step, the forward pass, slack,
        critical steps and the verdict. An infeasible plan is a result
        (``feasible`` is False), not an error.

    Raises
    ------
    PlanError
        For an unknown route, or a route that selects no step of its own.
    CycleError
        When steps wait on each other in a loop.
    UsageError
        For ``progress`` without ``as_of``, or a status date that is not a date.
    """
    if as_of is not None:
        from careerlib.scheduling.status import schedule_as_of

        return schedule_as_of(plan, as_of, route=route, progress=progress)
    if progress is not None:
        raise UsageError(
            "progress is read on a status date: pass as_of=... too (the plan as written "
            "has no progress)"
        )
    chosen = select_steps(plan, route)
    steps = [plan.steps[i] for i in chosen]
    row = {s.id: k for k, s in enumerate(steps)}
    per_week = plan.workdays_per_week

    if route is None:
        preds = [tuple(map(row.__getitem__, s.after)) for s in steps]
    else:  # `after` entries naming steps of other routes are left out
        preds = [tuple(row[a] for a in s.after if a in row) for s in steps]
    succ = successors(preds)
    order = topological_order(preds, succ)
    if order is None:  # validated plans have no cycle; a hand-built one may
        raise CycleError([steps[k].id for k in find_cycle(preds)], where="steps")

    cal = calendar_for(plan.calendar)
    first = cal.roll_forward(plan.first_day)
    last = cal.roll_backward(plan.target)
    target_ix = cal.index(last, first)

    dur, buf, is_ms, deadline = step_lengths(steps, per_week, cal, first)

    # A step occupies `span` days before its finish; a successor that is not a
    # milestone must start at least `gate` = 1 day after a release day.
    span = np.where(is_ms, 0, dur - 1).tolist()
    gate = (~is_ms).astype(np.int64).tolist()
    bufl = buf.tolist()

    if any(s.effort is not None for s in steps):
        return _schedule_effort(
            plan, route, cal, steps, preds, order, succ, dur, buf, is_ms, deadline, first, last
        )

    cap = np.minimum(target_ix - buf, deadline).tolist()
    ls, lf, es, ef = duration_passes(order, preds, succ, span, gate, bufl, cap)
    return _result(plan, route, cal, steps, preds, ls, lf, es, ef, dur, buf, is_ms, first, last)


def _schedule_effort(
    plan: Plan,
    route: str | None,
    cal: WorkCalendar,
    steps: list[Step],
    preds: list[tuple[int, ...]],
    order: list[int],
    succ: list[list[int]],
    dur: np.ndarray,
    buf: np.ndarray,
    is_ms: np.ndarray,
    deadline: np.ndarray,
    first: dt.date,
    last: dt.date,
) -> Schedule:
    """Rules 1 to 9 for a plan with effort steps, placed by :mod:`careerlib.scheduling.capacity`.

    Rules 7 to 9 keep their meaning with the capacity-aware passes: the
    forward pass places every step as early as possible from ``first`` within
    the same capacity; ``earliest_finish`` is its latest release day;
    ``feasible`` and ``late_by_days`` look at the back-schedule's earliest
    start; slack is back-scheduled start less forward start.
    """
    n = len(steps)
    effort = [float(s.effort) if s.effort is not None else 0.0 for s in steps]
    span = [0 if (is_ms[k] or effort[k] > 0) else int(dur[k]) - 1 for k in range(n)]
    net = Network(
        preds=preds,
        succ=succ,
        order=order,
        span=span,
        buffer=buf.tolist(),
        gate=(~is_ms).astype(np.int64).tolist(),
        deadline=deadline.tolist(),
        effort=effort,
        target=int(cal.index(last, first)),
    )
    late, early = schedule_capacity(net, plan.calendar, cal, first)
    ls, lf, es, ef = late.start, late.finish, early.start, early.finish
    dur = np.where(np.asarray(effort) > 0, lf - ls + 1, dur)
    alloc_days = cal.day(late.days, first)
    load = weekly_load(alloc_days, late.hours, plan.calendar, cal, first, last)
    feasible = int(ls.min()) >= 0
    extra = 0.0 if feasible else extra_hours_per_week(net, plan.calendar, cal, first, late=True)
    return _result(
        plan,
        route,
        cal,
        steps,
        preds,
        ls,
        lf,
        es,
        ef,
        dur,
        buf,
        is_ms,
        first,
        last,
        allocation=Allocation(step=late.rows, day=alloc_days, hours=late.hours),
        load=load,
        extra_hours_per_week=extra,
    )


def _check_window(
    lo: int, hi: int, first: dt.date, *, too_early: bool = False, too_late: bool = False
) -> None:
    """Refuse a schedule that reaches outside the window of dates (see :mod:`careerlib.limits`).

    ``lo`` and ``hi`` are the first and last working-day numbers from ``first``.
    """
    if too_early:
        raise PlanError(
            f"the steps would have to start {-lo:,} working days before {first}, "
            f"before {EARLIEST_DATE} (the earliest date careerlib works with); "
            "shorten the durations or buffers",
            where="steps",
        )
    if too_late:
        raise PlanError(
            f"the steps would end {hi:,} working days after {first}, "
            f"after {LATEST_DATE} (the latest date careerlib works with); "
            "shorten the durations or buffers, or move the target",
            where="steps",
        )


def _result(
    plan: Plan,
    route: str | None,
    cal: WorkCalendar,
    steps: list[Step],
    preds: list[tuple[int, ...]],
    ls: np.ndarray,
    lf: np.ndarray,
    es: np.ndarray,
    ef: np.ndarray,
    dur: np.ndarray,
    buf: np.ndarray,
    is_ms: np.ndarray,
    first: dt.date,
    last: dt.date,
    **extra: Any,
) -> Schedule:
    """The Schedule of both passes, given in working-day numbers from ``first``.

    Slack, criticality, feasibility and ``late_by_days`` follow spec rules 8
    and 9; the numbers become dates through one table lookup.
    """
    n = len(steps)
    slack = ls - es
    min_start = int(ls.min())
    feasible = min_start >= 0
    ix = np.concatenate([ls, lf, lf + buf, es, ef, [int((ef + buf).max())]])
    lo, hi = int(ix.min()), int(ix.max())
    # a working day is at least a calendar day: this bounds the days looked up
    _check_window(lo, hi, first, too_early=lo < -(first - EARLIEST_DATE).days)
    _check_window(lo, hi, first, too_late=hi > (LATEST_DATE - first).days)
    days = np.asarray(cal.day(ix, first), dtype="datetime64[D]")
    _check_window(lo, hi, first, too_early=bool(days.min() < np.datetime64(EARLIEST_DATE)))
    _check_window(lo, hi, first, too_late=bool(days.max() > np.datetime64(LATEST_DATE)))
    start_d, finish_d, release_d, es_d, ef_d, ending = np.split(days, np.cumsum([n] * 5))
    return Schedule(
        plan=plan,
        route=route,
        calendar=cal,
        ids=tuple(s.id for s in steps),
        steps=tuple(steps),
        start=start_d,
        finish=finish_d,
        release=release_d,
        early_start=es_d,
        early_finish=ef_d,
        slack_days=slack,
        critical=slack == slack.min(),
        milestone=is_ms,
        duration_days=dur,
        buffer_days=buf,
        predecessors=tuple(preds),
        first_day=first,
        target_day=last,
        feasible=feasible,
        late_by_days=0 if feasible else -min_start,
        earliest_finish=ending[0].astype(object),
        **extra,
    )


def schedule_routes(plan: Plan) -> dict[str | None, Schedule]:
    """The whole plan (key ``None``) and each route on its own, by route id."""
    out: dict[str | None, Schedule] = {None: schedule(plan)}
    for r in plan.routes:
        out[r.id] = schedule(plan, route=r.id)
    return out
