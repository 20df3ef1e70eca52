"""Baselines: the plan frozen on a day, to measure progress against.

A baseline keeps the plan's fingerprint (a hash of the plan as scheduled:
:mod:`careerlib.tracking.fingerprint`), so a page can say when the plan
changed after it, and, for every step of the plan (or of the client's route): its
latest start and finish (the back-schedule from the target), its earliest
start and finish counted forward from the baseline day, its length in working
days or its effort in hours, its weight in the plan's progress, and the share
already done on the baseline day. It is the plan on the baseline day as the status date
schedules it (:func:`careerlib.scheduling.status.schedule_as_of`, the same
schedule as the forecast), so a baseline taken mid-plan keeps what was done by
then and plans only what was left.

Baselines are stored append-only, one JSON object a line, in
``PLAN.baselines.jsonl`` beside the plan file (``it-director-to-cio.yaml`` ->
``it-director-to-cio.baselines.jsonl``); the plan file itself is never
written. Several named baselines live in one file; saving a name again adds a
newer version, and the newest record of a name wins. See
``docs/tracking-files.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from careerlib._jsonl import append_record, read_models
from careerlib.models import Plan
from careerlib.tracking.fingerprint import plan_fingerprint
from careerlib.tracking.forecast import forecast

__all__ = [
    "Baseline",
    "BaselineGoal",
    "BaselineRoute",
    "BaselineStep",
    "baselines_path",
    "freeze_baseline",
    "load_baselines",
    "save_baseline",
    "step_weights",
]

FORMAT = 2
"""Version of the baseline record written (``"format"`` in each line): 2 adds the
plan's ``fingerprint``, its ``goals`` and ``routes``, and each step's ``after``
and ``goal`` (what a diff of two baselines compares); records of format 1 load
as before, without them (``None``: not recorded)."""

AS_WRITTEN = "plan as written"
"""The name of the baseline tracking uses when none is saved: the plan frozen on its first day."""


class BaselineStep(BaseModel):
    """One step of a baseline (dates ``None`` for a step done on the baseline day).

    ``work_days`` is the step's weight in the plan's progress [working days]:
    its duration, or for an effort step its hours over the hours of an even
    working day (``hours_per_week / workdays``); 0 for a milestone.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    milestone: bool = False
    duration_days: int | None = Field(default=None, ge=0)
    effort_hours: float | None = Field(default=None, gt=0)
    work_days: float = Field(ge=0)
    done: float = Field(default=0.0, ge=0, le=1)
    start: dt.date | None = None
    finish: dt.date | None = None
    early_start: dt.date | None = None
    early_finish: dt.date | None = None
    after: tuple[str, ...] | None = None
    """The steps it comes after, as written (``None``: not recorded, format 1)."""
    goal: str | None = None
    """The goal it serves (always ``None`` in format 1, which did not record it)."""


class BaselineGoal(BaseModel):
    """A goal of the plan when the baseline was saved."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    level: str


class BaselineRoute(BaseModel):
    """A route of the plan when the baseline was saved."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str


class Baseline(BaseModel):
    """A plan frozen on ``date`` under ``name`` (see the module).

    ``first_day`` is the plan's first working day (the origin of the planned
    curves), ``resume`` the first working day planned from (``date`` rolled
    forward, not before ``first_day``), ``finish`` the earliest finish of the
    work then left and ``slack_days`` its slack against the target and the
    deadlines [working days].
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int = FORMAT
    name: str = Field(min_length=1)
    date: dt.date
    saved: str
    plan_title: str
    route: str | None = None
    target: dt.date
    first_day: dt.date
    resume: dt.date
    finish: dt.date
    slack_days: int
    steps: tuple[BaselineStep, ...]
    fingerprint: str | None = None
    """The plan's fingerprint when frozen (:mod:`careerlib.tracking.fingerprint`);
    ``None`` in a baseline saved before fingerprints existed."""
    goals: tuple[BaselineGoal, ...] | None = None
    """The plan's goals (``None``: not recorded, format 1)."""
    routes: tuple[BaselineRoute, ...] | None = None
    """The plan's routes (``None``: not recorded, format 1)."""

    @property
    def label(self) -> str:
        """What the baseline is, for a sentence: ``the plan as written``, ``the baseline
        of 5 Oct 2026`` (a name careerlib gave it; ``the re-plan of ...`` for a re-plan's)
        or ``the baseline 'agreed' of 5 Oct 2026``."""
        if self.name == AS_WRITTEN:
            return "the plan as written"
        when = f"{self.date.day} {self.date:%b %Y}"
        if self.name == f"baseline-{self.date.isoformat()}":
            return f"the baseline of {when}"
        if self.name == f"replan-{self.date.isoformat()}":  # careerlib replan's baseline
            return f"the re-plan of {when}"
        return f"the baseline '{self.name}' of {when}"

    def step(self, step_id: str) -> BaselineStep | None:
        """The baseline of one step, or ``None`` when it was added after the baseline."""
        for s in self.steps:
            if s.id == step_id:
                return s
        return None

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the baselined steps, in plan order."""
        return tuple(s.id for s in self.steps)


def baselines_path(plan_path: str | Path) -> Path:
    """Where the baselines of a plan file live: ``NAME.baselines.jsonl`` beside it."""
    p = Path(plan_path)
    return p.with_name(f"{p.stem}.baselines.jsonl")


def step_weights(plan: Plan, ids: list[str] | tuple[str, ...]) -> dict[str, float]:
    """Each step's weight in the plan's progress [working days] (see :class:`BaselineStep`)."""
    per_week = plan.workdays_per_week
    hours = plan.calendar.hours_per_week
    day_hours = hours / per_week if hours else None
    wanted = set(ids)
    out: dict[str, float] = {}
    for s in plan.steps:
        if s.id not in wanted:
            continue
        if s.milestone:
            out[s.id] = 0.0
        elif s.duration is not None:
            out[s.id] = float(s.duration.working_days(per_week))
        else:
            assert s.effort is not None and day_hours is not None  # checked by the plan
            out[s.id] = float(s.effort) / day_hours
    return out


def freeze_baseline(
    plan: Plan,
    as_of: dt.date,
    *,
    name: str | None = None,
    route: str | None = None,
    progress: Mapping[str, float] | None = None,
    saved: dt.datetime | None = None,
) -> Baseline:
    """Freeze the plan on ``as_of`` (nothing is written; see :func:`save_baseline`).

    Parameters
    ----------
    plan
        The plan as it stands.
    as_of
        The baseline day; the early dates are counted forward from it (from
        the plan's first day when that is later).
    name
        The baseline's name; default ``baseline-YYYY-MM-DD`` (its day).
    route
        The client's route (``None``: the whole plan).
    progress
        Step id -> share done on ``as_of`` (default nothing done).
    saved
        When it was saved (default now, UTC).
    """
    fc = forecast(plan, dict(progress or {}), as_of, route=route)
    sched = fc.schedule
    weights = step_weights(plan, sched.ids)
    steps = []
    for k, s in enumerate(sched.steps):
        row: dict[str, Any] = {
            "id": s.id,
            "title": s.title or s.id,
            "milestone": s.milestone,
            "duration_days": s.duration.working_days(plan.workdays_per_week)
            if s.duration is not None
            else None,
            "effort_hours": s.effort,
            "work_days": round(weights[s.id], 6),
            "done": float(sched.done[k]),
            "after": tuple(s.after),
            "goal": s.goal,
        }
        if not sched.is_done[k]:
            row.update(
                start=sched.start[k].astype(object),
                finish=sched.finish[k].astype(object),
                early_start=sched.early_start[k].astype(object),
                early_finish=sched.early_finish[k].astype(object),
            )
        steps.append(BaselineStep(**row))
    stamp = saved or dt.datetime.now(dt.UTC).replace(microsecond=0)
    return Baseline(
        name=name or f"baseline-{as_of.isoformat()}",
        date=as_of,
        saved=stamp.isoformat(),
        plan_title=plan.title,
        route=route,
        target=plan.target,
        first_day=sched.first_day,
        resume=sched.resume,
        finish=fc.finish,
        slack_days=fc.slack_left_days,
        steps=tuple(steps),
        fingerprint=plan_fingerprint(plan, route),
        goals=tuple(BaselineGoal(id=g.id, title=g.title, level=g.level) for g in plan.goals),
        routes=tuple(BaselineRoute(id=r.id, title=r.title) for r in plan.routes),
    )


def save_baseline(baseline: Baseline, path: str | Path) -> Path:
    """Append ``baseline`` to the baselines file ``path`` and return the path.

    The file is only ever appended to (one line, under a lock): see
    :mod:`careerlib._jsonl`.
    """
    p = Path(path)
    append_record(p, baseline.model_dump(mode="json"))
    return p


def load_baselines(path: str | Path) -> list[Baseline]:
    """Every baseline in the file, oldest first (empty when there is no file).

    Raises
    ------
    DataError
        For a line that is not a valid baseline, naming the file and the line.
    """
    return read_models(path, Baseline, "baseline", whole="record")
