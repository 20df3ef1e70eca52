"""Re-planning from a status date: a new version of a client's plan, scheduled at once.

:func:`replan` takes the client's plan as it stands on day *D* (the progress of
every check-in on that day, :func:`~careerlib.scheduling.status.latest_progress`)
and writes a new plan file next to the old one, never over it:

* the same steps, calendar, goals, obstacles and routes, and the plan's own
  reviews; the new target (``target``, else the old one, which must not have
  passed);
* one review dated *D* that records the state of every step that day: 1 for
  a step done, the share for a step in progress. Scheduled on *D* or later
  (``shared/spec/status-date.md``), a done step holds nothing back and a step
  in progress keeps exactly the working days it has left and no longer waits
  on anything, so the re-plan's work left is the old plan's work left on *D*.
  The steps keep their length as agreed (a comment on each step's line says
  what is left): the shares the client reported in the journal stay shares of
  the same steps, so no check-in, before or after the re-plan, is counted twice;
* a comment at the top saying what it re-plans and when.

The re-plan is then scheduled on *D* (the one status-date computation), a
baseline named ``replan-D`` is saved beside it, after copies of the old plan's
baselines (so the two newest baselines compare the plan before and after),
and, with ``switch``, the client file is pointed at it
(:func:`careerlib.clients.set_client_plan`: only its ``plan:`` value is rewritten).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerlib._input_log import note_input
from careerlib.exceptions import OutputError, UsageError
from careerlib.models import Plan, Review
from careerlib.scheduling.scheduler import select_steps
from careerlib.scheduling.status import StatusSchedule, latest_progress, schedule_as_of
from careerlib.tracking.baseline import (
    Baseline,
    baselines_path,
    freeze_baseline,
    load_baselines,
    save_baseline,
)
from careerlib.tracking.client import client_and_plan, client_reviews, pick_baseline
from careerlib.tracking.diff import PlanDiff, PlanVersion, compare_versions

__all__ = ["Replan", "replan", "replan_path", "replanned_plan"]

_EPS = 1e-9


@dataclass(frozen=True)
class Replan:
    """What :func:`replan` wrote and found.

    Attributes
    ----------
    as_of
        The re-plan's status date *D*.
    source
        The old plan file (left as it was).
    path, plan
        The new plan file and the plan in it.
    route
        The route scheduled and baselined (the client's, unless another was asked).
    schedule
        The new plan on *D* (:class:`~careerlib.scheduling.status.StatusSchedule`).
    baseline, baselines
        The baseline saved (``replan-D``) and its file, beside the new plan.
    previous
        The old plan's newest baseline of the route (the plan as written on its
        first day when it had none): what the client was measured against.
    diff
        What changed from ``previous`` to ``baseline``.
    switched
        Whether the client file now points at the new plan.
    client_path
        The client file.
    """

    as_of: dt.date
    source: Path
    path: Path
    plan: Plan
    route: str | None
    schedule: StatusSchedule
    baseline: Baseline
    baselines: Path
    previous: Baseline
    diff: PlanDiff
    switched: bool
    client_path: Path

    @property
    def verdict(self) -> str:
        """The new plan's verdict on *D*, in plain words."""
        return str(self.schedule.status_verdict.sentence)

    @property
    def counts(self) -> dict[str, int]:
        """How many steps are done, in progress and not started on *D*."""
        states = list(self.schedule.states)
        return {s: states.count(s) for s in ("done", "in progress", "not started")}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: the files, the counts, the verdict and the diff."""
        return {
            "as_of": self.as_of.isoformat(),
            "source": str(self.source),
            "plan": str(self.path),
            "route": self.route,
            "target": self.plan.target.isoformat(),
            "baseline": self.baseline.name,
            "baselines": str(self.baselines),
            "previous_baseline": self.previous.name,
            "steps": self.counts,
            "switched": self.switched,
            "client": str(self.client_path),
            "verdict": self.verdict,
            "schedule": self.schedule.to_dict(),
            "diff": self.diff.to_dict(),
        }


def replan(
    client: Any,
    as_of: dt.date | None = None,
    *,
    target: dt.date | None = None,
    route: str | None = None,
    output: str | os.PathLike[str] | None = None,
    switch: bool = False,
    saved: dt.datetime | None = None,
) -> Replan:
    """Re-plan a client's plan from ``as_of`` (see the module).

    Parameters
    ----------
    client
        A :class:`~careerlib.clients.Client` loaded from a file, or a path to one.
    as_of
        The status date *D*; default today.
    target
        The new target; default the plan's (refused when it has passed by *D*).
    route
        The route to schedule and baseline; default the client's.
    output
        The new plan file, or a folder to write ``PLAN-replan-D.yaml`` in;
        default that name beside the old plan (``-2``, ``-3`` ... when taken).
        An existing file is never replaced.
    switch
        Point the client file at the new plan (only its ``plan:`` value is
        rewritten); refused when ``route`` is not the client's route.
    saved
        When the baseline is saved (default now, UTC).

    Raises
    ------
    UsageError
        For a target that has passed by *D* (or a new one before *D*), or
        ``switch`` with another route than the client's.
    OutputError
        When ``output`` (or its baselines file) exists already.
    PlanError, ClientError
        For a plan or client file that cannot be read, or an unknown route.
    """
    loaded, old, source = client_and_plan(client)
    if loaded.path is None:
        raise UsageError("a re-plan is written beside a client file: load the client from one")
    day = as_of if as_of is not None else dt.date.today()
    chosen = route if route is not None else loaded.route
    select_steps(old, chosen)  # an unknown route is refused here, before anything is written
    _check_switch(switch, chosen, loaded.route)
    progress = latest_progress(client_reviews(loaded, old), day)
    new = replanned_plan(old, progress, day, target=target, source=source.name)
    path = _free_path(source, day, output)
    sched = schedule_as_of(new, day, route=chosen, progress=progress)
    previous = _previous_baseline(old, source, chosen, progress)
    _write_plan(path, new, sched, source, day)
    baseline, where = _save_baselines(source, path, new, previous, (day, chosen, progress, saved))
    switched = False
    if switch:
        from careerlib.clients import set_client_plan

        set_client_plan(loaded.path, path, check=False)
        switched = True
    diff = compare_versions(
        PlanVersion("baseline", previous.name, previous, old, str(source)),
        PlanVersion("baseline", baseline.name, baseline, new, str(path)),
    )
    return Replan(
        as_of=day,
        source=source,
        path=path,
        plan=new,
        route=chosen,
        schedule=sched,
        baseline=baseline,
        baselines=where,
        previous=previous,
        diff=diff,
        switched=switched,
        client_path=Path(loaded.path),
    )


def _check_switch(switch: bool, route: str | None, client_route: str | None) -> None:
    if switch and route != client_route:
        raise UsageError(
            f"--switch rewrites only the client file's plan: line, and the client follows "
            f"route {client_route!r}, not {route!r}: re-plan without --switch, or set "
            f"route: {route} in the client file first"
        )


def replanned_plan(
    plan: Plan,
    progress: Mapping[str, float],
    as_of: dt.date,
    *,
    target: dt.date | None = None,
    source: str | None = None,
) -> Plan:
    """The new version of ``plan`` on ``as_of`` (see the module); nothing is written.

    ``progress`` is each step's share on ``as_of`` (steps of every route);
    ``source`` names the old plan file in the review's note.

    Raises
    ------
    UsageError
        For a target that has passed by ``as_of`` when no new one is given,
        or a new target before ``as_of``.
    """
    from careerlib.planfile import parse_plan, plan_to_yaml

    new_target = _new_target(plan, as_of, target)
    shares = {
        s.id: min(1.0, float(progress[s.id]))
        for s in plan.steps
        if s.id in progress and float(progress[s.id]) > _EPS
    }
    reviews = list(plan.checkpoints.reviews) if plan.checkpoints is not None else []
    cadence = plan.checkpoints.cadence if plan.checkpoints is not None else "monthly"
    what = f"re-plan of {source}" if source else "re-plan"
    if shares:
        note = f"{what} on {as_of}: the state of every step that day"
        reviews.append(Review(date=as_of, progress=shares, note=note))
    checkpoints = {"cadence": cadence, "reviews": [r.model_dump(mode="python") for r in reviews]}
    data = plan.model_dump(mode="python", by_alias=True)
    data.update(target=new_target, checkpoints=checkpoints)
    # through the YAML that will be written: the plan returned is the plan in the file
    return parse_plan(plan_to_yaml(Plan.model_validate(data)))


def _new_target(plan: Plan, as_of: dt.date, target: dt.date | None) -> dt.date:
    if target is None:
        if plan.target < as_of:
            raise UsageError(
                f"the target {plan.target} has passed by {as_of}: a re-plan needs a new one "
                "(--target DATE)"
            )
        return plan.target
    if target < as_of:
        raise UsageError(f"the new target {target} is before the re-plan day {as_of}")
    return target


def replan_path(source: str | os.PathLike[str], as_of: dt.date) -> Path:
    """``PLAN-replan-D.yaml`` beside ``source``, or ``-2``, ``-3`` ...: the first name free,
    with its baselines file free too."""
    p = Path(source)
    suffix = p.suffix or ".yaml"
    n = 1
    while True:
        tail = "" if n == 1 else f"-{n}"
        candidate = p.with_name(f"{p.stem}-replan-{as_of.isoformat()}{tail}{suffix}")
        if not candidate.exists() and not baselines_path(candidate).exists():
            return candidate
        n += 1


def _free_path(source: Path, day: dt.date, output: str | os.PathLike[str] | None) -> Path:
    if output is None:
        return replan_path(source, day)
    path = Path(output)
    if path.is_dir():
        return replan_path(path / source.name, day)
    for taken in (path, baselines_path(path)):
        if taken.exists():
            raise OutputError(
                f"{taken} exists already; a re-plan never replaces a file: choose another -o"
            )
    return path


def _previous_baseline(
    old: Plan, source: Path, route: str | None, progress: Mapping[str, float]
) -> Baseline:
    """The old plan's newest baseline of the route, or the plan as written on its first day."""
    saved = pick_baseline(load_baselines(baselines_path(source)), route, None)
    if saved is not None:
        return saved
    first = old.first_day
    early = {k: v for k, v in latest_progress(_own_reviews(old), first).items()}
    return freeze_baseline(
        old,
        first,
        name=f"{source.stem} as written",
        route=route,
        progress=early,
        saved=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    )


def _own_reviews(plan: Plan) -> list[Review]:
    return list(plan.checkpoints.reviews) if plan.checkpoints is not None else []


# --- writing -------------------------------------------------------------------------

_STEP_LINE = re.compile(r"^\s*- \{id: (?P<id>[^,}\s]+)[,}].*$")
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):")


def _write_plan(path: Path, plan: Plan, sched: StatusSchedule, source: Path, day: dt.date) -> None:
    """The new plan's YAML, with a header and a comment on each step done or in progress."""
    from careerlib._atomic import write_new
    from careerlib.planfile import plan_to_yaml

    notes = _step_notes(sched, day)
    lines = []
    section = None
    for line in plan_to_yaml(plan).splitlines():
        top = _TOP_KEY.match(line)
        if top:
            section = top.group(1)
        m = _STEP_LINE.match(line)
        sid = m.group("id").strip("'\"") if m else None
        if section == "steps" and sid in notes:
            line = f"{line}  # {notes[sid]}"
        lines.append(line)
    header = [
        f"# Re-plan of {source.name} on {day} (careerlib replan): the same steps, calendar,",
        "# goals, obstacles and routes; the review dated that day records what was done, and",
        "# the comments below say what each step in progress has left.",
    ]
    try:
        write_new(path, "\n".join([*header, *lines]) + "\n")
    except FileExistsError:
        raise OutputError(
            f"{path} exists already; a re-plan never replaces a file: choose another -o"
        ) from None


def _step_notes(sched: StatusSchedule, day: dt.date) -> dict[str, str]:
    out = {}
    for k, sid in enumerate(sched.ids):
        state = sched.states[k]
        if state == "done":
            out[sid] = f"done by {day}"
        elif state == "in progress":
            left = int(sched.remaining_days[k])
            out[sid] = (
                f"{100 * float(sched.done[k]):.0f}% done on {day}: "
                f"{left} working day{'s' if left != 1 else ''} left"
            )
    return out


def _save_baselines(
    source: Path,
    path: Path,
    plan: Plan,
    previous: Baseline,
    when: tuple[dt.date, str | None, Mapping[str, float], dt.datetime | None],
) -> tuple[Baseline, Path]:
    """Copy the old plan's baselines beside the new plan, then save the re-plan's own.

    When the old plan had none, ``previous`` (the plan as written, which
    tracking measured against) starts the file instead.
    """
    from careerlib._atomic import write_new

    day, route, progress, saved = when
    where = baselines_path(path)
    old = baselines_path(source)
    history = ""
    if old.exists():
        history = old.read_bytes().decode("utf-8")
        note_input(old, "baseline")
    if history and not history.endswith("\n"):
        history += "\n"
    try:
        write_new(where, history)
    except FileExistsError:
        raise OutputError(f"{where} exists already; a re-plan never replaces a file") from None
    if not history.strip():
        save_baseline(previous, where)
    baseline = freeze_baseline(
        plan, day, name=f"replan-{day.isoformat()}", route=route, progress=progress, saved=saved
    )
    save_baseline(baseline, where)
    return baseline, where
