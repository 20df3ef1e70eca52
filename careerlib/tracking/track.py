"""Where a client stands at a check-in: one verdict from the forecast, the curves and the slip.

:func:`track` puts the pieces together for a plan and its reviews (a client
file's tracking, :func:`~careerlib.tracking.client.track_client` and
:func:`~careerlib.tracking.client.status`, is in :mod:`careerlib.tracking.client`).

The status, in the order it is decided:

* ``late``: the forecast misses the target (or a deadline);
* ``behind``: earned progress is below the late curve of the baseline;
* ``ahead``: earned progress is above the early curve;
* ``using slack``: between the curves, and the forecast has less slack left
  than the baseline had;
* ``on plan``: between the curves, with the baseline's slack intact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from careerlib._text import day_text, plural
from careerlib.models import Plan, Review
from careerlib.scheduling.status import latest_progress, schedule_as_of
from careerlib.scheduling.verdict import StatusVerdict
from careerlib.tracking.baseline import Baseline, freeze_baseline
from careerlib.tracking.earned import BEHIND, Curves, Earned, measure, planned_curves
from careerlib.tracking.fingerprint import PlanChange, plan_change
from careerlib.tracking.forecast import Forecast

__all__ = [
    "CADENCE_DAYS",
    "STATUSES",
    "StepTrack",
    "Tracking",
    "UpcomingStart",
    "track",
]

CADENCE_DAYS: dict[str, int] = {"daily": 1, "weekly": 7, "biweekly": 14, "monthly": 31}
"""Calendar days a check-in may be old before the plan has "gathered dust" [days]."""

STATUSES: tuple[str, ...] = ("ahead", "on plan", "using slack", "behind", "late")
"""The statuses :func:`status` gives, from best to worst."""

UPCOMING_DAYS = 10
"""Latest starts within this many working days count as upcoming (two weeks) [working days]."""


@dataclass(frozen=True)
class UpcomingStart:
    """A step not started whose latest start is near: the early warning a client can act on.

    ``days_left`` is working days from the check-in day to the latest start
    (0: it must start today; negative: its latest start has passed) [working days].
    """

    step: str
    title: str
    latest_start: dt.date
    days_left: int

    @property
    def sentence(self) -> str:
        """``'Portfolio' must start within 6 working days (by 8 Dec 2026).``"""
        when = day_text(self.latest_start)
        if self.days_left < 0:
            n = -self.days_left
            return f"'{self.title}' should have started {plural(n, 'working day')} ago ({when})."
        if self.days_left == 0:
            return f"'{self.title}' must start today ({when})."
        return (
            f"'{self.title}' must start within {plural(self.days_left, 'working day')} (by {when})."
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "step": self.step,
            "title": self.title,
            "latest_start": self.latest_start.isoformat(),
            "days_left": self.days_left,
        }


@dataclass(frozen=True)
class StepTrack:
    """One step at a check-in.

    ``state`` is ``done``, ``in progress`` or ``not started``; ``actual`` the
    share reported; ``planned_early``/``planned_late`` its baseline's planned
    share that day (``None`` for a step added after the baseline, ``new``);
    ``behind`` below the late share, ``ahead`` above the early share;
    ``latest_start``/``latest_finish`` from the back-schedule of the work left
    and ``days_to_latest_start`` [working days] for a step not started;
    ``forecast_start``/``forecast_finish`` the forecast (``None`` when done);
    ``baseline_start``/``baseline_finish`` its latest dates in the baseline.
    """

    id: str
    title: str
    milestone: bool
    state: str
    actual: float
    planned_early: float | None
    planned_late: float | None
    behind: bool
    ahead: bool
    new: bool
    latest_start: dt.date | None
    latest_finish: dt.date | None
    days_to_latest_start: int | None
    forecast_start: dt.date | None
    forecast_finish: dt.date | None
    baseline_start: dt.date | None
    baseline_finish: dt.date | None
    baseline_early_start: dt.date | None
    baseline_early_finish: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings)."""
        out: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            if isinstance(value, dt.date):
                out[key] = value.isoformat()
            elif isinstance(value, float):
                out[key] = round(value, 4)
            else:
                out[key] = value
        return out


@dataclass(frozen=True)
class Tracking:
    """A plan at a check-in: the baseline, the curves, the forecast and one status.

    Attributes
    ----------
    as_of
        The day of the question (the state at its start).
    plan, route
        The plan as it stands and the route followed.
    baseline
        The baseline measured against; ``baseline_stored`` says whether it
        was saved (otherwise it is the plan frozen on its first day, in memory).
    reviews
        Every review and check-in known, oldest first.
    progress
        Each step's latest reported share on or before ``as_of``.
    earned
        Planned against earned progress at ``as_of`` (:class:`~careerlib.tracking.earned.Earned`).
    history
        The same on each check-in day up to ``as_of``.
    forecast
        The one forecast (:class:`~careerlib.tracking.forecast.Forecast`).
    status
        One of :data:`STATUSES` (see the module).
    last_checkin, days_since_checkin, cadence, stale
        The newest check-in on or before ``as_of``, its age [calendar days],
        the cadence and whether the age exceeds it.
    steps
        One :class:`StepTrack` a step of the plan (route), in plan order.
    new_steps, removed_steps
        Steps added since the baseline (shown apart until the coach
        re-baselines), and baselined steps the plan no longer has.
    curves
        The planned curves (:class:`~careerlib.tracking.earned.Curves`).
    plan_change
        How the plan changed after the baseline (its fingerprint differs),
        or ``None`` while the baseline still describes the plan
        (:mod:`careerlib.tracking.fingerprint`).
    """

    as_of: dt.date
    plan: Plan
    route: str | None
    baseline: Baseline
    baseline_stored: bool
    reviews: tuple[Review, ...]
    progress: dict[str, float]
    earned: Earned
    history: tuple[Earned, ...]
    forecast: Forecast
    status: str
    last_checkin: dt.date | None
    days_since_checkin: int
    cadence: str
    stale: bool
    steps: tuple[StepTrack, ...]
    new_steps: tuple[str, ...]
    removed_steps: tuple[str, ...]
    curves: Curves
    plan_change: PlanChange | None = None

    @property
    def behind_steps(self) -> tuple[str, ...]:
        """Ids of the steps below their late planned share."""
        return tuple(s.id for s in self.steps if s.behind)

    def upcoming(self, within: int = UPCOMING_DAYS) -> tuple[UpcomingStart, ...]:
        """Steps not started whose latest start is within ``within`` working days
        (or has passed), soonest first."""
        out = [
            UpcomingStart(s.id, s.title, s.latest_start, s.days_to_latest_start)
            for s in self.steps
            if s.days_to_latest_start is not None
            and s.latest_start is not None
            and s.days_to_latest_start <= within
        ]
        return tuple(sorted(out, key=lambda u: (u.days_left, u.step)))

    @property
    def baseline_label(self) -> str:
        """What the progress is measured against, for a sentence: ``the plan as written``
        or ``the baseline of 5 Oct 2026`` (:attr:`Baseline.label
        <careerlib.tracking.baseline.Baseline.label>`)."""
        if not self.baseline_stored:
            return "the plan as written"
        return self.baseline.label

    @property
    def progress_sentence(self) -> str:
        """Progress against the baseline, named as such: the share of the work done
        against the shares planned by now, and the slip or lead [working days].

        When the forecast tells another story than the baseline (on plan against
        the baseline, but the forecast misses the target), it says which measure
        is which.
        """
        e, base = self.earned, self.baseline_label
        done = f"{_pct(e.earned)} of the work done, {_planned(e)} planned by now"
        if e.classification == "ahead":
            text = f"Ahead of {base}: {done}, {_days_1(e.lead_days)} ahead of its earliest dates"
        elif e.classification == BEHIND:
            text = f"Behind {base}: {done}, {_days_1(e.slip_days)} behind its latest dates"
        else:
            text = f"On plan against {base}: {done}"
            if self.status == "using slack":
                left = max(0, self.forecast.slack_left_days)
                text += (
                    f", using its slack ({plural(left, 'working day')} left of "
                    f"{self.baseline.slack_days})"
                )
        facts = self.forecast.schedule.status_verdict
        if not facts.feasible and e.classification != BEHIND:
            text += f", but the forecast {_misses(facts)}"
        elif facts.feasible and not facts.complete and e.classification == BEHIND:
            text += ", but the forecast still meets the target and every deadline"
        return text + "."

    @property
    def checkin_sentence(self) -> str:
        """How old the newest check-in is against the cadence."""
        allowed = CADENCE_DAYS[self.cadence]
        if self.last_checkin is None:
            if self.stale:
                return (
                    f"No check-in yet, {self.days_since_checkin} days after the plan's first "
                    f"day: a {self.cadence} plan wants one every {allowed} days."
                )
            return f"No check-in yet; the first is due within {allowed} days of the start."
        last = day_text(self.last_checkin)
        if self.stale:
            return (
                f"The last check-in ({last}) is {self.days_since_checkin} days old; "
                f"a {self.cadence} cadence allows {allowed}: the strategy has gathered dust."
            )
        return (
            f"The last check-in ({last}) is {self.days_since_checkin} days old, "
            f"within the {self.cadence} cadence ({allowed} days)."
        )

    @property
    def status_label(self) -> str:
        """The status in words for the start of a sentence ("On time, using slack")."""
        return {
            "late": "Late",
            "behind": "Behind",
            "ahead": "Ahead",
            "using slack": "On time, using slack",
            "on plan": "On plan",
        }[self.status]

    @property
    def verdict(self) -> str:
        """The one verdict every page shows: the forecast on the check-in day (the status
        verdict's sentence), then the progress against the baseline, each named."""
        facts = self.forecast.schedule.status_verdict
        if facts.complete:
            return facts.sentence
        return f"{facts.sentence} {self.progress_sentence}"

    def _title(self, step_id: str) -> str:
        for s in self.steps:
            if s.id == step_id:
                return s.title
        return step_id

    def rethink_prompts(self) -> list[str]:
        """Questions for the coach, from the forecast, the staleness and the slip."""
        prompts: list[str] = []
        if self.stale:
            prompts.append(
                f"{self.checkin_sentence} Is the destination still the one the client wants? "
                "Have the talents, interests or the market changed since the plan was made?"
            )
        f = self.forecast
        facts = f.schedule.status_verdict
        if f.target_late_by_days > 0:
            passed = (
                f"the target passed on {day_text(f.target)} and " if facts.target_passed else ""
            )
            prompts.append(
                f"The forecast misses the target by {plural(f.target_late_by_days, 'working day')}"
                f" ({passed}the work left ends on {day_text(f.finish)}): move the target, "
                "shorten a critical step (outside help, a faster course), or switch to another "
                "route?"
            )
        for miss in f.deadlines_missed:
            prompts.append(
                f"'{miss.title}' misses its deadline ({day_text(miss.deadline)}) by "
                f"{plural(miss.late_by_days, 'working day')}: can the deadline move, or the "
                "step start sooner?"
            )
        if self.earned.classification == BEHIND:
            names = ", ".join(f"'{self._title(s)}'" for s in self.behind_steps[:5])
            prompts.append(
                f"Behind {self.baseline_label} by {_days_1(self.earned.slip_days)} "
                f"({names or 'the plan as a whole'}): which obstacle hit them, and is its "
                "contingency needed now?"
            )
        overdue = [u for u in self.upcoming(0) if u.days_left < 0]
        if overdue:
            prompts.append(
                "Past their latest start and not started: "
                + ", ".join(f"'{u.title}'" for u in overdue[:5])
                + ". Start them now, or take them out of the plan?"
            )
        if self.plan_change is not None:
            prompts.append(
                f"{self.plan_change.sentence} Progress is measured against a plan that is "
                "no longer the one followed (careerlib baseline, or careerlib replan)."
            )
        if self.new_steps:
            prompts.append(
                f"Steps added since {self.baseline_label}: "
                + ", ".join(f"'{self._title(s)}'" for s in self.new_steps)
                + ". Re-baseline when the plan is agreed (careerlib baseline)."
            )
        return prompts

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: the status, the verdict, the forecast, the curves and each step."""
        return {
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "verdict": self.verdict,
            "forecast": self.forecast.to_dict(),
            "progress": self.earned.to_dict(),
            "history": [h.to_dict() for h in self.history],
            "baseline": {
                "name": self.baseline.name,
                "date": self.baseline.date.isoformat(),
                "stored": self.baseline_stored,
                "slack_days": self.baseline.slack_days,
                "finish": self.baseline.finish.isoformat(),
                "fingerprint": self.baseline.fingerprint,
            },
            "plan_changed": None if self.plan_change is None else self.plan_change.to_dict(),
            "last_checkin": None if self.last_checkin is None else self.last_checkin.isoformat(),
            "days_since_checkin": self.days_since_checkin,
            "cadence": self.cadence,
            "stale": self.stale,
            "checkin_message": self.checkin_sentence,
            "upcoming_latest_starts": [u.to_dict() for u in self.upcoming()],
            "new_steps": list(self.new_steps),
            "removed_steps": list(self.removed_steps),
            "rethink": self.rethink_prompts(),
            "steps": [s.to_dict() for s in self.steps],
        }

    def steps_frame(self) -> Any:
        """The steps as a pandas DataFrame indexed by step id."""
        import pandas as pd

        rows = [s.__dict__ for s in self.steps]
        frame = pd.DataFrame(rows).set_index("id")
        frame.index.name = "step"
        frame["days_to_latest_start"] = frame["days_to_latest_start"].astype("Int64")
        for col in ("actual", "planned_early", "planned_late"):
            frame[col] = frame[col].astype(float).round(2)
        return frame

    def history_frame(self) -> Any:
        """Earned and planned progress [%] at each check-in, one row a check-in day."""
        import pandas as pd

        return pd.DataFrame(
            {
                "earned_pct": [100 * h.earned for h in self.history],
                "planned_early_pct": [100 * h.planned_early for h in self.history],
                "planned_late_pct": [100 * h.planned_late for h in self.history],
                "classification": [h.classification for h in self.history],
                "slip_days": [h.slip_days for h in self.history],
            },
            index=pd.Index(
                pd.to_datetime([h.day for h in self.history]).astype("datetime64[s]"),
                name="day",
            ),
        )

    def curves_frame(self) -> Any:
        """The planned curves [%] on every working day from the first day, indexed by day."""
        import pandas as pd

        cal = self.forecast.calendar
        days = cal.day(np.arange(len(self.curves.early)), self.curves.first_day)
        return pd.DataFrame(
            {"early_pct": 100 * self.curves.early, "late_pct": 100 * self.curves.late},
            index=pd.Index(np.asarray(days).astype("datetime64[s]"), name="day"),
        )


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def _planned(e: Earned) -> str:
    """``26% to 77%`` (latest to earliest plan), or ``26%`` when they agree."""
    late, early = _pct(e.planned_late), _pct(e.planned_early)
    return late if late == early else f"{late} to {early}"


def _days_1(days: float) -> str:
    """Working days with one decimal: ``35.5 working days``, ``1.0 working day``."""
    return f"{days:.1f} working day{'' if round(days, 1) == 1 else 's'}"


def _misses(facts: StatusVerdict) -> str:
    """What the forecast misses, each date with its own figure."""
    parts = []
    if facts.target_late_by_days > 0:
        parts.append(f"misses the target by {plural(facts.target_late_by_days, 'working day')}")
    parts += [
        f"misses the deadline of '{m.title}' by {plural(m.late_by_days, 'working day')}"
        for m in facts.deadlines_missed
    ]
    return " and ".join(parts) or "is late"


def _step_rows(
    plan: Plan,
    route: str | None,
    baseline: Baseline,
    curves: Curves,
    fc: Forecast,
    t: int,
) -> tuple[list[StepTrack], list[str]]:
    """One row a step of the status schedule: its state, shares, latest and forecast dates."""
    sched = fc.schedule
    planned = curves.step_shares(t)
    base = {b.id: b for b in baseline.steps}
    resume = np.datetime64(fc.resume, "D")
    # working days from the check-in to each latest start, negative when past
    # (a done step has none: counted as the resume day, and not shown)
    latest = np.where(np.isnat(sched.start), resume, sched.start)
    to_start = sched.calendar.count(np.full(len(sched), resume), latest).tolist()
    ls_d, lf_d = sched.start.tolist(), sched.finish.tolist()
    fs_d, ff_d = sched.early_start.tolist(), sched.early_finish.tolist()
    rows: list[StepTrack] = []
    new: list[str] = []
    for k, (s, state, actual) in enumerate(
        zip(sched.steps, sched.states, sched.done.tolist(), strict=True)
    ):
        b = base.get(s.id)
        if b is None:
            new.append(s.id)
        early, late = planned.get(s.id, (None, None))
        rows.append(
            StepTrack(
                id=s.id,
                title=s.title or s.id,
                milestone=s.milestone,
                state=state,
                actual=actual,
                planned_early=early,
                planned_late=late,
                behind=late is not None and actual < late - 1e-6,
                ahead=early is not None and actual > early + 1e-6,
                new=b is None,
                latest_start=ls_d[k],
                latest_finish=lf_d[k],
                days_to_latest_start=int(to_start[k]) if state == "not started" else None,
                forecast_start=fs_d[k],
                forecast_finish=ff_d[k],
                baseline_start=None if b is None else b.start,
                baseline_finish=None if b is None else b.finish,
                baseline_early_start=None if b is None else b.early_start,
                baseline_early_finish=None if b is None else b.early_finish,
            )
        )
    return rows, new


def track(
    plan: Plan,
    as_of: dt.date | None = None,
    *,
    reviews: Sequence[Review] = (),
    route: str | None = None,
    baseline: Baseline | None = None,
    cadence: str | None = None,
    plan_path: str | Path | None = None,
) -> Tracking:
    """Where the plan stands at ``as_of``: the curves, the slip, the forecast, one status.

    Parameters
    ----------
    plan
        The plan as it stands.
    as_of
        The day of the question; default today.
    reviews
        The reviews and check-ins (the plan's own ``checkpoints.reviews`` are
        added to them).
    route
        The route the client follows.
    baseline
        The baseline to measure against; default the plan frozen on its first
        day (in memory only).
    cadence
        ``daily``, ``weekly``, ``biweekly`` or ``monthly``; default the plan's.
    plan_path
        The plan's file: its modification day dates a change of the plan
        after the baseline (:func:`~careerlib.tracking.fingerprint.plan_change`).
    """
    day = as_of if as_of is not None else dt.date.today()
    own = list(plan.checkpoints.reviews) if plan.checkpoints is not None else []
    every = sorted([*own, *reviews], key=lambda r: r.date)
    if cadence is None:
        cadence = plan.checkpoints.cadence if plan.checkpoints is not None else "monthly"
    if cadence not in CADENCE_DAYS:
        from careerlib.exceptions import CheckinError
        from careerlib.models import suggest

        raise CheckinError(
            f"unknown cadence {cadence!r}{suggest(cadence, CADENCE_DAYS)}; "
            f"valid: {', '.join(CADENCE_DAYS)}"
        )
    stored = baseline is not None
    if baseline is None:
        baseline = freeze_baseline(
            plan,
            plan.first_day,
            name="plan as written",
            route=route,
            progress=latest_progress(every, plan.first_day),
            saved=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
        )
    progress = latest_progress(every, day)
    fc = Forecast(schedule_as_of(plan, day, route=route, reviews=every))
    curves = planned_curves(baseline, fc.calendar)
    now = measure(curves, fc.calendar, day, progress)
    past = [r for r in every if r.date <= day]
    days = sorted({r.date for r in past})
    history = tuple(
        measure(curves, fc.calendar, d, latest_progress(past, d)) for d in days if d < day
    ) + (now,)
    rows, new = _step_rows(plan, route, baseline, curves, fc, now.t)
    ids = {r.id for r in rows}
    last = days[-1] if days else None
    since = (day - (last if last is not None else plan.first_day)).days
    if not fc.on_time:
        label = "late"
    elif now.classification == BEHIND:
        label = "behind"
    elif now.classification == "ahead":
        label = "ahead"
    elif fc.slack_left_days < baseline.slack_days:
        label = "using slack"
    else:
        label = "on plan"
    return Tracking(
        as_of=day,
        plan=plan,
        route=route,
        baseline=baseline,
        baseline_stored=stored,
        reviews=tuple(every),
        progress=progress,
        earned=now,
        history=history,
        forecast=fc,
        status=label,
        last_checkin=last,
        days_since_checkin=since,
        cadence=cadence,
        stale=since > CADENCE_DAYS[cadence],
        steps=tuple(rows),
        new_steps=tuple(new),
        removed_steps=tuple(b for b in baseline.ids if b not in ids),
        curves=curves,
        plan_change=plan_change(plan, baseline, route=route, plan_path=plan_path),
    )
