"""The plan on a status date: what is done, the work left, its latest and forecast dates.

This is ``docs/status-date.md``, the one computation behind every page
that shows a plan with check-ins (:func:`schedule_as_of`):

* **progress on day D** (:func:`latest_progress`): a check-in dated *D* is the
  state at the start of *D*; only check-ins on or before *D* count, and for
  each step the latest that names it wins (same date: the one written last);
* **the work left** (:func:`remaining_plan`): a done step (share 1) holds
  nothing back (what waited on it waits on what it waited on that is not
  done); a step in progress keeps ``max(1, ceil(n * (1 - share)))`` of its *n*
  working days (an effort step that share of its hours) and no longer waits
  on anything; any other step keeps its duration and its dependencies;
* **scheduling it** from the resume day *S* (the first working day on or after
  *D* and the plan's start): latest dates back-scheduled from the target, which
  never moves (after it has passed, slack is negative), forecast dates as soon
  as possible from *S*, the forecast finish, slack, criticality, feasibility
  (rule 8 with *S*), the target lateness and each deadline missed;
* **the dates to aim for**: each step's latest dates, or its forecast dates
  where its latest start is before *S* (and, so that they keep every
  dependency, never before what they wait on is released).

The result is a :class:`StatusSchedule`: a :class:`~careerlib.scheduling.scheduler.Schedule`
over every scheduled step in plan order, whose done steps have no dates, with
the status fields and one :class:`~careerlib.scheduling.verdict.StatusVerdict`
that every output prints from.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from careerlib._graph import find_cycle, topological_order
from careerlib.exceptions import CycleError, UsageError
from careerlib.limits import date_problem
from careerlib.models import Plan, Review, Span, Step
from careerlib.scheduling.calendars import WorkCalendar, calendar_for
from careerlib.scheduling.capacity import Allocation, WeeklyLoad
from careerlib.scheduling.scheduler import Schedule, schedule, select_steps
from careerlib.scheduling.verdict import DeadlineMiss, StatusVerdict, verdict_of, working_days_after

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SHARE_TOLERANCE",
    "StatusSchedule",
    "done_dates",
    "latest_progress",
    "plan_reviews",
    "remaining_plan",
    "schedule_as_of",
]

#: Shares within this of 1 count as done, of 0 as not started; and the days
#: left of a step in progress are rounded up with this tolerance (0.5 of 4
#: days leaves exactly 2).
SHARE_TOLERANCE = 1e-9

_NAT = np.datetime64("NaT", "D")


# -- progress on a day ----------------------------------------------------------


def latest_progress(reviews: Iterable[Review], on: dt.date) -> dict[str, float]:
    """Each step's share (0-1) on day ``on``: the latest check-in on or before it that names it.

    A check-in dated ``on`` is the state at the start of that day, so it
    counts. Of two check-ins on the same date, the one given later wins (the
    order is kept: pass them in the order they were written).
    """
    out: dict[str, float] = {}
    for review in sorted(reviews, key=lambda r: r.date):  # stable: same date, order written
        if review.date <= on:
            out.update(review.progress)
    return out


def done_dates(reviews: Iterable[Review], ids: Iterable[str]) -> dict[str, dt.date]:
    """For each of ``ids`` that the check-ins report done: the day of the check-in from
    which it has stayed done (a step reported done, then reopened, counts from the
    later check-in that reported it done again)."""
    wanted = set(ids)
    since: dict[str, dt.date] = {}
    for review in sorted(reviews, key=lambda r: r.date):  # stable: same date, order written
        for sid, share in review.progress.items():
            if sid not in wanted:
                continue
            if _is_done(_share(share)):
                since.setdefault(sid, review.date)
            else:
                since.pop(sid, None)
    return since


def plan_reviews(plan: Plan) -> list[Review]:
    """The plan's own ``checkpoints.reviews``, in the order written."""
    return list(plan.checkpoints.reviews) if plan.checkpoints is not None else []


def _share(value: object) -> float:
    return min(1.0, max(0.0, float(value)))  # type: ignore[arg-type]


def _is_done(share: float) -> bool:
    return share >= 1.0 - SHARE_TOLERANCE


def _days_left(days: int, share: float) -> int:
    """Working days a step in progress keeps (rule 2) [working days]."""
    return max(1, math.ceil(days * (1.0 - share) - SHARE_TOLERANCE))


# -- the work left ----------------------------------------------------------------


def remaining_plan(
    plan: Plan,
    progress: Mapping[str, float],
    as_of: dt.date,
    *,
    route: str | None = None,
) -> Plan | None:
    """The work left on ``as_of`` as a plan that starts that day (see the module).

    Only the steps of ``route`` (and those common to every route) are kept,
    so the result has no routes. Its ``start`` is the later of ``as_of`` and
    the plan's start; its target is the plan's own, even when it has passed
    (the target never moves). ``None`` when every step is done. The plan is
    copied, not validated again, and the original is not changed.
    """
    steps = [plan.steps[i] for i in select_steps(plan, route)]
    share = [_share(progress.get(s.id, 0.0)) for s in steps]
    if all(_is_done(p) for p in share):
        return None
    left = _steps_left(steps, share, plan.workdays_per_week)
    return plan.model_copy(
        update={
            "steps": left,
            "routes": [],
            "start": max(plan.first_day, as_of),
            "checkpoints": None,
        }
    )


def _steps_left(steps: Sequence[Step], share: Sequence[float], per_week: int) -> list[Step]:
    """The steps not done, changed as rules 1 to 3 say, in plan order."""
    waits = _open_dependencies(steps, share)
    left = []
    for k, step in enumerate(steps):
        p = share[k]
        if _is_done(p):
            continue
        update: dict[str, Any] = {"route": None, "after": waits[k]}
        if p > SHARE_TOLERANCE and not step.milestone:  # in progress: it has started
            update["after"] = []
            if step.duration is not None:
                days = _days_left(step.duration.working_days(per_week), p)
                update["duration"] = Span(days, "d")
            elif step.effort is not None:
                update["effort"] = step.effort * (1.0 - p)
        left.append(step.model_copy(update=update))
    return left


def _open_dependencies(steps: Sequence[Step], share: Sequence[float]) -> list[list[str]]:
    """What each step waits on that is not done, looking through done steps (rule 1).

    ``after`` entries naming steps that are not scheduled (another route) are
    left out. Done steps are resolved once each, in dependency order.
    """
    row = {s.id: k for k, s in enumerate(steps)}
    preds = [[row[a] for a in s.after if a in row] for s in steps]
    order = topological_order(preds)
    if order is None:  # validated plans have no cycle; a hand-built one may
        raise CycleError([steps[k].id for k in find_cycle(preds)], where="steps")
    done = [_is_done(p) for p in share]
    through: list[list[int]] = [[] for _ in steps]  # a done step: what it waited on, open
    for k in order:
        open_ = []
        for p in preds[k]:
            open_.extend(through[p] if done[p] else [p])
        through[k] = list(dict.fromkeys(open_))
    return [[steps[p].id for p in through[k]] for k in range(len(steps))]


# -- the result -------------------------------------------------------------------


@dataclass(frozen=True, eq=False, kw_only=True)
class StatusSchedule(Schedule):
    """A plan scheduled on a status date (``docs/status-date.md``).

    Arrays are aligned with ``ids``: every scheduled step in plan order, done
    or not. What :class:`~careerlib.scheduling.scheduler.Schedule` holds keeps
    its meaning for the work left, and a done step has none of it:

    * ``start``/``finish``/``release``: the latest dates, back-scheduled from
      the target (which never moves); ``early_start``/``early_finish``: the
      forecast dates, as soon as possible from ``resume``. ``NaT`` for a done step;
    * ``slack_days``: working days from forecast start to latest start,
      float with ``NaN`` for a done step; ``critical``: the smallest slack of
      the steps left (``False`` for a done step);
    * ``predecessors``: the dependencies of the work left (rules 1 and 2: a
      step in progress and a done step have none);
    * ``duration_days``: working days each step left occupies at its latest
      dates (0 for a done step);
    * ``feasible``/``late_by_days``: rule 8 with ``resume`` in place of the start;
    * ``earliest_finish``: the forecast finish; when ``complete``, the last
      working day before ``resume`` (see :attr:`forecast_finish`, ``None`` then);
    * ``first_day``: the plan's first working day, as written;
    * ``allocation``, ``load``, ``extra_hours_per_week``: those of the work left.

    Attributes
    ----------
    as_of
        The status date *D* (the state at its start).
    resume
        The resume day *S*: the first working day on or after *D* and the start.
    done
        Each step's share done, 0 to 1.
    remaining_days
        Working days left: from forecast start to forecast finish; 0 for a
        done step or a milestone [working days].
    aim_start, aim_finish
        The dates to aim for (``NaT`` for a done step): see :meth:`aim_dates`.
    target_late_by_days
        Working days from the target's working day to the forecast finish; 0
        when on time [working days].
    deadlines_missed
        Each step left whose forecast finish is after its deadline, in plan order.
    complete
        Whether every step is done.
    work_left
        The engine's schedule of the work left alone (its own rows; ``None``
        when complete).
    reviews
        The check-ins the progress was read from, dated on or before
        ``as_of``, in the order written (empty when the shares were given).
    """

    as_of: dt.date
    resume: dt.date
    done: np.ndarray
    remaining_days: np.ndarray
    aim_start: np.ndarray
    aim_finish: np.ndarray
    target_late_by_days: int
    deadlines_missed: tuple[DeadlineMiss, ...]
    complete: bool
    work_left: Schedule | None
    reviews: tuple[Review, ...] = ()

    # -- reading the result ---------------------------------------------------

    @property
    def is_done(self) -> np.ndarray:
        """Whether each step is done (share 1)."""
        return self.done >= 1.0 - SHARE_TOLERANCE

    @property
    def states(self) -> tuple[str, ...]:
        """Each step's state: ``done``, ``in progress`` or ``not started`` (a milestone
        not reached is not started, whatever share was reported: rule 3)."""
        out = []
        for share, ms in zip(self.done.tolist(), self.milestone.tolist(), strict=True):
            if _is_done(share):
                out.append("done")
            elif share > SHARE_TOLERANCE and not ms:
                out.append("in progress")
            else:
                out.append("not started")
        return tuple(out)

    @property
    def ids_left(self) -> tuple[str, ...]:
        """Ids of the steps not done, in plan order."""
        return tuple(s for s, d in zip(self.ids, self.is_done.tolist(), strict=True) if not d)

    @property
    def forecast_finish(self) -> dt.date | None:
        """The forecast finish (last release day of the work left); ``None`` when complete."""
        return None if self.complete else self.earliest_finish

    @property
    def slack_from_today(self) -> int | None:
        """The smallest slack of the steps left, negative when late; ``None`` when complete."""
        return None if self.complete else int(np.nanmin(self.slack_days))

    def aim_dates(self, step_id: str) -> tuple[dt.date, dt.date] | None:
        """The dates to aim for of a step: ``(start, finish)``, ``None`` for a done step.

        Its latest dates, or its forecast dates where its latest start is
        before the resume day; never before what it waits on is released
        (so they respect every dependency), and never before the resume day.
        """
        i = self.position(step_id)
        if self.is_done[i]:
            return None
        return self.aim_start[i].astype(object), self.aim_finish[i].astype(object)

    @property
    def done_on(self) -> dict[str, dt.date]:
        """The check-in that reported each done step done (the state at the start of
        that day); a step whose shares were given without check-ins is missing."""
        return done_dates(self.reviews, self.ids_done)

    @property
    def ids_done(self) -> tuple[str, ...]:
        """Ids of the done steps, in plan order."""
        return tuple(s for s, d in zip(self.ids, self.is_done.tolist(), strict=True) if d)

    @property
    def checkin_days(self) -> tuple[dt.date, ...]:
        """The days of the check-ins counted, oldest first, each once."""
        return tuple(sorted({r.date for r in self.reviews}))

    def missed_deadlines(self) -> list[str]:
        """Ids of the steps whose deadline the forecast misses, in plan order."""
        return [m.step for m in self.deadlines_missed]

    @cached_property
    def status_verdict(self) -> StatusVerdict:
        """The verdict as facts, for every page to print from (see :class:`StatusVerdict`)."""
        return verdict_of(self)

    @property
    def verdict(self) -> str:
        """The verdict in plain words (:attr:`StatusVerdict.sentence`)."""
        return self.status_verdict.sentence

    def __repr__(self) -> str:
        route = f", route={self.route!r}" if self.route else ""
        left = len(self.ids_left)
        return (
            f"<StatusSchedule {self.title!r}{route} on {self.as_of}: {left} of {len(self)} "
            f"steps left, {self.status_verdict.state}>"
        )

    def _repr_html_(self) -> str:
        """In a notebook: the verdict above the table of steps."""
        import html

        cols = ["title", "state", "remaining_days", "early_start", "early_finish", "start"]
        frame = self.to_frame()[[*cols, "finish", "slack_days", "critical"]]
        for col in ("early_start", "early_finish", "start", "finish"):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d").fillna("")
        return f"<p><b>{html.escape(self.verdict)}</b></p>" + frame.to_html(escape=True)

    def to_frame(self) -> pd.DataFrame:
        """One row a step (done ones too), in plan order, indexed by step id.

        The columns of :meth:`Schedule.to_frame` (dates ``NaT`` and
        ``slack_days`` missing for a done step; ``after`` the dependencies of
        the work left), and ``done`` (share), ``state``, ``remaining_days``
        [working days], ``aim_start`` and ``aim_finish`` (the dates to aim for).
        """
        import pandas as pd

        frame = super().to_frame()
        frame["slack_days"] = pd.array(
            [None if math.isnan(s) else int(s) for s in self.slack_days.tolist()], dtype="Int64"
        )
        frame["done"] = self.done
        frame["state"] = list(self.states)
        frame["remaining_days"] = self.remaining_days
        frame["aim_start"] = self.aim_start.astype("datetime64[s]")
        frame["aim_finish"] = self.aim_finish.astype("datetime64[s]")
        return frame

    def to_dict(self) -> dict[str, Any]:
        """The spec's JSON object of ``careerlib schedule PLAN --as-of D --json``.

        A plan with effort steps also gets ``extra_hours_per_week`` and the
        ``load`` of the work left, as without a status date.
        """
        out: dict[str, Any] = {
            "title": self.title,
            "target": self.target.isoformat(),
            "as_of": self.as_of.isoformat(),
            "resume": self.resume.isoformat(),
            "feasible": self.feasible,
            "late_by_days": self.late_by_days,
            "earliest_finish": None if self.complete else self.earliest_finish.isoformat(),
            "target_late_by_days": self.target_late_by_days,
            "deadlines_missed": [m.to_dict() for m in self.deadlines_missed],
            "complete": self.complete,
            "steps": self._status_steps(),
        }
        if self.load is not None:
            out["extra_hours_per_week"] = self.extra_hours_per_week
            out["load"] = [
                {"week": w, "planned_hours": p, "capacity_hours": c}
                for w, p, c in self._load_rows()
            ]
        return out

    def _status_steps(self) -> list[dict[str, Any]]:
        def iso(values: np.ndarray) -> list[str | None]:
            text = np.datetime_as_string(values, unit="D").tolist()
            return [None if t == "NaT" else t for t in text]

        columns = zip(
            self.ids,
            iso(self.start),
            iso(self.finish),
            self.slack_days.tolist(),
            self.critical.tolist(),
            self.milestone.tolist(),
            self.done.tolist(),
            self.remaining_days.tolist(),
            iso(self.early_start),
            iso(self.early_finish),
            strict=True,
        )
        return [
            {
                "id": sid,
                "start": a,
                "finish": b,
                "slack_days": None if math.isnan(s) else int(s),
                "critical": bool(c),
                "milestone": bool(m),
                "done": float(d),
                "remaining_days": int(r),
                "early_start": es,
                "early_finish": ef,
            }
            for sid, a, b, s, c, m, d, r, es, ef in columns
        ]

    def to_json(self) -> str:
        """The spec's JSON, indented by 2."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


# -- scheduling on a status date ----------------------------------------------------


def schedule_as_of(
    plan: Plan,
    as_of: dt.date,
    *,
    route: str | None = None,
    progress: Mapping[str, float] | None = None,
    reviews: Iterable[Review] | None = None,
) -> StatusSchedule:
    """The plan on its status date ``as_of`` (``docs/status-date.md``).

    Parameters
    ----------
    plan
        A validated plan.
    as_of
        The status date *D*: the state at its start.
    route
        Schedule only this route's steps and the steps common to every route.
    progress
        Step id -> share done (0-1) on ``as_of``; default the plan's own
        ``checkpoints.reviews`` read on ``as_of`` (:func:`latest_progress`).
        Shares of steps that are not scheduled are ignored.
    reviews
        The check-ins to read the progress from instead (a client's: the
        plan's own, the client file's and the journal's, in the order
        written); the result keeps those dated on or before ``as_of``, for
        the day each step was reported done. Not with ``progress``.

    Returns
    -------
    StatusSchedule
        Done, in progress and not started steps, the latest and forecast dates
        of the work left, slack, feasibility, the target lateness, the
        deadlines missed and the dates to aim for.

    Raises
    ------
    UsageError
        For a status date that is not a date, or outside the dates careerlib works with.
    PlanError, CycleError
        As :func:`~careerlib.scheduling.scheduler.schedule`.
    """
    day = _status_date(as_of)
    if progress is not None and reviews is not None:
        raise UsageError("give the progress or the check-ins to read it from, not both")
    steps = [plan.steps[i] for i in select_steps(plan, route)]
    counted: tuple[Review, ...] = ()
    if progress is None:
        every = plan_reviews(plan) if reviews is None else list(reviews)
        counted = tuple(r for r in every if r.date <= day)
        progress = latest_progress(counted, day)
    share = np.array([_share(progress.get(s.id, 0.0)) for s in steps], dtype=float)
    left = remaining_plan(plan, progress, day, route=route)
    if left is None:
        result = _complete(plan, route, steps, share, day)
    else:
        result = _status_result(plan, route, steps, share, day, schedule(left))
    return replace(result, reviews=counted) if counted else result


def _status_date(as_of: Any) -> dt.date:
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    if not isinstance(as_of, dt.date):
        raise UsageError(f"the status date must be a date, got {as_of!r}")
    problem = date_problem(as_of)
    if problem is not None:
        raise UsageError(f"the status date {problem}")
    return as_of


def _spread(n: int, rows: np.ndarray, values: np.ndarray, fill: Any, dtype: Any) -> np.ndarray:
    """Values of the steps left placed at their rows among all ``n`` steps."""
    out = np.full(n, fill, dtype=dtype)
    out[rows] = values
    return out


def _status_result(
    plan: Plan,
    route: str | None,
    steps: list[Step],
    share: np.ndarray,
    as_of: dt.date,
    rest: Schedule,
) -> StatusSchedule:
    """The status schedule from the schedule of the work left (rows spread to every step)."""
    n = len(steps)
    rows = np.flatnonzero(share < 1.0 - SHARE_TOLERANCE)
    cal = rest.calendar
    resume = rest.first_day
    dates: dict[str, Any] = {
        name: _spread(n, rows, getattr(rest, name), _NAT, "datetime64[D]")
        for name in ("start", "finish", "release", "early_start", "early_finish")
    }
    aim_s, aim_f = _aim_dates(rest, resume)
    left_days = np.where(
        rest.milestone, 0, np.asarray(cal.count(rest.early_start, rest.early_finish)) + 1
    )
    row_of = rows.tolist()
    preds: list[tuple[int, ...]] = [()] * n
    for j, ps in enumerate(rest.predecessors):
        preds[row_of[j]] = tuple(row_of[p] for p in ps)
    extra: dict[str, Any] = {}
    if rest.allocation is not None:
        alloc = rest.allocation
        extra = {
            "allocation": Allocation(step=rows[alloc.step], day=alloc.day, hours=alloc.hours),
            "load": rest.load,
            "extra_hours_per_week": rest.extra_hours_per_week,
        }
    return StatusSchedule(
        plan=plan,
        route=route,
        calendar=cal,
        ids=tuple(s.id for s in steps),
        steps=tuple(steps),
        **dates,
        slack_days=_spread(n, rows, rest.slack_days, np.nan, float),
        critical=_spread(n, rows, rest.critical, False, bool),
        milestone=np.array([s.milestone for s in steps], dtype=bool),
        duration_days=_spread(n, rows, rest.duration_days, 0, np.int64),
        buffer_days=_buffers(plan, steps),
        predecessors=tuple(preds),
        first_day=cal.roll_forward(plan.first_day),
        target_day=rest.target_day,
        feasible=rest.feasible,
        late_by_days=rest.late_by_days,
        earliest_finish=rest.earliest_finish,
        **extra,
        as_of=as_of,
        resume=resume,
        done=share,
        remaining_days=_spread(n, rows, left_days, 0, np.int64),
        aim_start=_spread(n, rows, aim_s, _NAT, "datetime64[D]"),
        aim_finish=_spread(n, rows, aim_f, _NAT, "datetime64[D]"),
        target_late_by_days=working_days_after(cal, rest.target_day, rest.earliest_finish),
        deadlines_missed=_deadlines_missed(rest, cal),
        complete=False,
        work_left=rest,
    )


def _complete(
    plan: Plan, route: str | None, steps: list[Step], share: np.ndarray, as_of: dt.date
) -> StatusSchedule:
    """Every step done: no forecast, nothing late, no dates."""
    n = len(steps)
    cal = calendar_for(plan.calendar)
    resume = cal.roll_forward(max(plan.first_day, as_of))
    nat = np.full(n, _NAT, dtype="datetime64[D]")
    extra: dict[str, Any] = {}
    if any(s.effort is not None for s in steps):  # the JSON keeps its shape: nothing left
        none = np.empty(0)
        extra = {
            "allocation": Allocation(step=np.empty(0, np.int64), day=nat[:0], hours=none),
            "load": WeeklyLoad(week=nat[:0], planned_hours=none, capacity_hours=none),
            "extra_hours_per_week": 0.0,
        }
    return StatusSchedule(
        plan=plan,
        route=route,
        calendar=cal,
        ids=tuple(s.id for s in steps),
        steps=tuple(steps),
        start=nat,
        finish=nat,
        release=nat,
        early_start=nat,
        early_finish=nat,
        slack_days=np.full(n, np.nan),
        critical=np.zeros(n, dtype=bool),
        milestone=np.array([s.milestone for s in steps], dtype=bool),
        duration_days=np.zeros(n, dtype=np.int64),
        buffer_days=_buffers(plan, steps),
        predecessors=((),) * n,
        first_day=cal.roll_forward(plan.first_day),
        target_day=cal.roll_backward(plan.target),
        feasible=True,
        late_by_days=0,
        earliest_finish=cal.previous_working_day(resume),
        **extra,
        as_of=as_of,
        resume=resume,
        done=share,
        remaining_days=np.zeros(n, dtype=np.int64),
        aim_start=nat,
        aim_finish=nat,
        target_late_by_days=0,
        deadlines_missed=(),
        complete=True,
        work_left=None,
    )


def _buffers(plan: Plan, steps: Sequence[Step]) -> np.ndarray:
    per_week = plan.workdays_per_week
    return np.array([s.buffer.working_days(per_week) for s in steps], dtype=np.int64)


def _deadlines_missed(rest: Schedule, cal: WorkCalendar) -> tuple[DeadlineMiss, ...]:
    """Each step left whose forecast finish is after its deadline's working day."""
    out = []
    for j, step in enumerate(rest.steps):
        if step.deadline is None:
            continue
        finish = rest.early_finish[j].astype(object)
        late = working_days_after(cal, cal.roll_backward(step.deadline), finish)
        if late > 0:
            out.append(DeadlineMiss(step.id, step.title or step.id, step.deadline, finish, late))
    return tuple(out)


def _aim_dates(rest: Schedule, resume: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """The dates to aim for of the steps left (rows of ``rest``).

    The latest dates, or the forecast dates where the latest start is before
    ``resume``. A late step's forecast can run past the latest start of a step
    after it; that step then moves (its length kept) to start after the late
    step's release, so the dates to aim for keep every dependency.
    """
    cal = rest.calendar
    s = np.datetime64(resume, "D")

    def number(days: np.ndarray) -> np.ndarray:
        return np.asarray(cal.count(np.full(days.shape, s), days), dtype=np.int64)

    ls, lf = number(rest.start), number(rest.finish)
    late = ls < 0
    start = np.where(late, number(rest.early_start), ls)
    finish = np.where(late, number(rest.early_finish), lf)
    if late.any():
        gate = (~rest.milestone).astype(np.int64).tolist()
        buf = rest.buffer_days.tolist()
        a, b = start.tolist(), finish.tolist()
        for k in topological_order(rest.predecessors) or ():
            need = max((b[p] + buf[p] + gate[k] for p in rest.predecessors[k]), default=a[k])
            if need > a[k]:
                a[k], b[k] = need, b[k] + need - a[k]
        start, finish = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    days = np.asarray(cal.day(np.concatenate([start, finish]), s), dtype="datetime64[D]")
    return days[: len(start)], days[len(start) :]
