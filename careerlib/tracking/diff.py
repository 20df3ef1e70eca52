"""What changed between two versions of a plan: the target, the steps, the latest starts,
the goals and the routes.

A version is a plan frozen as a :class:`~careerlib.tracking.baseline.Baseline`,
so every kind of source is compared the same way (:func:`plan_version`):

* a **plan file** (``PLAN.yaml``): the plan as written, frozen on its first
  day with the progress its own reviews report by then;
* a **saved baseline** (``CLIENT.yaml@NAME`` or ``PLAN.yaml@NAME``; ``@``
  alone: the newest baseline of the client's route, or of the whole plan);
* a **client file** (``CLIENT.yaml``): the client's plan on the status date
  (``as_of``, default today), frozen with the progress reported by then, as
  a baseline saved that day would be: the work left and its dates.

:func:`compare_versions` lists the differences; :func:`plan_diff` reads both
sources and compares them. Working days are counted on the calendar of the
newer version's plan.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerlib.models import Plan
from careerlib.scheduling.calendars import WorkCalendar, calendar_for
from careerlib.scheduling.status import latest_progress, plan_reviews
from careerlib.tracking.baseline import (
    Baseline,
    BaselineStep,
    baselines_path,
    freeze_baseline,
    load_baselines,
)

__all__ = [
    "CHANGE_WORDS",
    "PlanDiff",
    "PlanVersion",
    "StepChange",
    "compare_versions",
    "last_change",
    "plan_diff",
    "plan_version",
]

CHANGE_WORDS: dict[str, str] = {
    "added": "added",
    "removed": "removed",
    "shortened": "shortened",
    "lengthened": "lengthened",
    "kind": "length changed kind (days, hours or milestone)",
    "finished": "finished",
    "progressed": "progressed",
    "reopened": "less done than before",
    "links": "comes after other steps",
    "goal": "serves another goal",
    "later": "latest start later",
    "earlier": "latest start earlier",
    "renamed": "renamed",
}
"""Each kind of step change and how a reader says it."""

_EPS = 1e-9


DateFormat = Callable[[dt.date], str]


@dataclass(frozen=True)
class PlanVersion:
    """One side of a comparison: a plan frozen as a baseline, and the plan file now.

    ``kind`` is ``"plan"`` (a plan file as written), ``"baseline"`` (a saved
    baseline) or ``"status"`` (a client's plan on a status date); ``name`` the
    file's or the baseline's name. ``plan`` is the plan file as it stands now
    (for a saved baseline, the plan it was taken of may have changed since:
    the baseline's own record is compared, the plan gives only the calendar).
    """

    kind: str
    name: str
    baseline: Baseline
    plan: Plan
    source: str

    @property
    def label(self) -> str:
        """``baseline 'agreed' of 2026-10-05``, ``plan.yaml as written``, ``the plan on ...``."""
        return self.describe()

    def describe(self, fmt: DateFormat = dt.date.isoformat) -> str:
        """:attr:`label` with the day written by ``fmt`` (a report's ``5 Oct 2026``)."""
        if self.kind == "baseline":
            return f"baseline '{self.name}' of {fmt(self.baseline.date)}"
        if self.kind == "status":
            return f"the plan on {fmt(self.baseline.date)}"
        return f"{self.name} as written"


@dataclass(frozen=True)
class StepChange:
    """One step in two versions.

    ``changes`` holds keys of :data:`CHANGE_WORDS` (empty when nothing
    changed); ``start_moved_days`` and ``finish_moved_days`` are how far its
    latest start and finish moved, in working days (positive: later), when
    both versions schedule it.
    """

    id: str
    title: str
    old: BaselineStep | None
    new: BaselineStep | None
    changes: tuple[str, ...]
    start_moved_days: int | None
    finish_moved_days: int | None

    @property
    def described(self) -> str:
        """The changes as a reader says them (``shortened, latest start later``)."""
        return ", ".join(CHANGE_WORDS[c] for c in self.changes) or "unchanged"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "id": self.id,
            "title": self.title,
            "changes": list(self.changes),
            "old": None if self.old is None else self.old.model_dump(mode="json"),
            "new": None if self.new is None else self.new.model_dump(mode="json"),
            "start_moved_days": self.start_moved_days,
            "finish_moved_days": self.finish_moved_days,
        }


@dataclass(frozen=True)
class PlanDiff:
    """What changed from ``old`` to ``new`` (see the module).

    Attributes
    ----------
    old, new
        The two versions.
    target_moved_days, finish_moved_days
        How far the target and the earliest finish moved [working days,
        positive: later].
    steps
        One :class:`StepChange` a step of either version: the newer
        version's steps in its order, then the steps removed.
    goals_added, goals_removed, goals_changed
        Goal ids (``goals_changed``: title or level); empty when either
        version did not record its goals (``goals_known`` False).
    routes_added, routes_removed, routes_renamed
        Route ids, likewise (``routes_known``).
    calendar
        The calendar the working days are counted on (the newer plan's).
    """

    old: PlanVersion
    new: PlanVersion
    target_moved_days: int
    finish_moved_days: int
    steps: tuple[StepChange, ...]
    goals_known: bool
    goals_added: tuple[str, ...]
    goals_removed: tuple[str, ...]
    goals_changed: tuple[str, ...]
    routes_known: bool
    routes_added: tuple[str, ...]
    routes_removed: tuple[str, ...]
    routes_renamed: tuple[str, ...]
    calendar: WorkCalendar = field(repr=False)

    def having(self, change: str) -> tuple[str, ...]:
        """Ids of the steps with ``change`` (a key of :data:`CHANGE_WORDS`)."""
        return tuple(s.id for s in self.steps if change in s.changes)

    @property
    def changed_steps(self) -> tuple[StepChange, ...]:
        """The steps with at least one change."""
        return tuple(s for s in self.steps if s.changes)

    @property
    def route_changed(self) -> bool:
        """Whether the versions follow different routes."""
        return self.old.baseline.route != self.new.baseline.route

    @property
    def unchanged(self) -> bool:
        """Whether nothing at all changed."""
        return not (
            self.target_moved_days
            or self.old.baseline.target != self.new.baseline.target
            or self.changed_steps
            or self.goals_added
            or self.goals_removed
            or self.goals_changed
            or self.routes_added
            or self.routes_removed
            or self.routes_renamed
            or self.route_changed
        )

    def sentences(self, fmt: DateFormat = dt.date.isoformat) -> list[str]:
        """The changes in a few sentences, the target first, days written by ``fmt``."""
        return _sentences(self, fmt)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: both versions, the moves, the steps, the goals and routes."""
        o, n = self.old.baseline, self.new.baseline
        return {
            "old": _version_dict(self.old),
            "new": _version_dict(self.new),
            "target": {
                "old": o.target.isoformat(),
                "new": n.target.isoformat(),
                "moved_days": self.target_moved_days,
            },
            "finish": {
                "old": o.finish.isoformat(),
                "new": n.finish.isoformat(),
                "moved_days": self.finish_moved_days,
            },
            "slack_days": {"old": o.slack_days, "new": n.slack_days},
            "route": {"old": o.route, "new": n.route},
            "steps": {key: list(self.having(key)) for key in CHANGE_WORDS if self.having(key)},
            "step_changes": [s.to_dict() for s in self.steps],
            "goals": None
            if not self.goals_known
            else {
                "added": list(self.goals_added),
                "removed": list(self.goals_removed),
                "changed": list(self.goals_changed),
            },
            "routes": None
            if not self.routes_known
            else {
                "added": list(self.routes_added),
                "removed": list(self.routes_removed),
                "renamed": list(self.routes_renamed),
            },
            "unchanged": self.unchanged,
            "summary": self.sentences(),
        }

    def to_frame(self) -> Any:
        """One row a step (index ``step``): its changes, lengths, shares done and latest dates."""
        import pandas as pd

        rows = []
        for s in self.steps:
            rows.append(
                {
                    "step": s.id,
                    "title": s.title,
                    "change": s.described,
                    "old_days": None if s.old is None else s.old.work_days,
                    "new_days": None if s.new is None else s.new.work_days,
                    "old_done": None if s.old is None else s.old.done,
                    "new_done": None if s.new is None else s.new.done,
                    "old_latest_start": None if s.old is None else s.old.start,
                    "new_latest_start": None if s.new is None else s.new.start,
                    "start_moved_days": s.start_moved_days,
                }
            )
        frame = pd.DataFrame(rows).set_index("step")
        frame["start_moved_days"] = frame["start_moved_days"].astype("Int64")
        return frame


def _version_dict(v: PlanVersion) -> dict[str, Any]:
    b = v.baseline
    return {
        "kind": v.kind,
        "label": v.label,
        "source": v.source,
        "name": b.name,
        "date": b.date.isoformat(),
        "route": b.route,
        "fingerprint": b.fingerprint,
    }


# --- comparing ----------------------------------------------------------------------


def compare_versions(old: PlanVersion, new: PlanVersion) -> PlanDiff:
    """Every difference from ``old`` to ``new`` (see :class:`PlanDiff`)."""
    cal = calendar_for(new.plan.calendar)
    o, n = old.baseline, new.baseline
    goals = _compare_named(o.goals, n.goals, lambda g: (g.title, g.level))
    routes = _compare_named(o.routes, n.routes, lambda r: r.title)
    return PlanDiff(
        old=old,
        new=new,
        target_moved_days=_moved(cal, o.target, n.target),
        finish_moved_days=_moved(cal, o.finish, n.finish),
        steps=tuple(_step_changes(o, n, cal)),
        goals_known=goals is not None,
        goals_added=goals[0] if goals else (),
        goals_removed=goals[1] if goals else (),
        goals_changed=goals[2] if goals else (),
        routes_known=routes is not None,
        routes_added=routes[0] if routes else (),
        routes_removed=routes[1] if routes else (),
        routes_renamed=routes[2] if routes else (),
        calendar=cal,
    )


def _moved(cal: WorkCalendar, old: dt.date | None, new: dt.date | None) -> int:
    """Working days from ``old`` to ``new`` (negative when earlier; 0 when either is missing)."""
    if old is None or new is None:
        return 0
    return int(cal.count(old, new))


def _compare_named(
    old: Sequence[Any] | None, new: Sequence[Any] | None, key: Any
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    if old is None or new is None:
        return None
    before = {x.id: key(x) for x in old}
    after = {x.id: key(x) for x in new}
    return (
        tuple(i for i in after if i not in before),
        tuple(i for i in before if i not in after),
        tuple(i for i in after if i in before and after[i] != before[i]),
    )


def _step_changes(o: Baseline, n: Baseline, cal: WorkCalendar) -> list[StepChange]:
    before = {s.id: s for s in o.steps}
    after = {s.id: s for s in n.steps}
    order = [*after, *(i for i in before if i not in after)]
    out = []
    for sid in order:
        a, b = before.get(sid), after.get(sid)
        start = finish = None
        if a is not None and b is not None:
            start = _moved(cal, a.start, b.start) if a.start and b.start else None
            finish = _moved(cal, a.finish, b.finish) if a.finish and b.finish else None
        shown = b if b is not None else a
        assert shown is not None
        out.append(
            StepChange(
                id=sid,
                title=shown.title,
                old=a,
                new=b,
                changes=_what_changed(a, b, start),
                start_moved_days=start,
                finish_moved_days=finish,
            )
        )
    return out


def _what_changed(
    a: BaselineStep | None, b: BaselineStep | None, start_moved: int | None
) -> tuple[str, ...]:
    if a is None:
        return ("added",)
    if b is None:
        return ("removed",)
    out = []
    if a.title != b.title:
        out.append("renamed")
    out += _length_change(a, b)
    if b.done >= 1 - _EPS and a.done < 1 - _EPS:
        out.append("finished")
    elif b.done > a.done + _EPS:
        out.append("progressed")
    elif b.done < a.done - _EPS:
        out.append("reopened")
    if a.after is not None and b.after is not None and set(a.after) != set(b.after):
        out.append("links")
    if a.after is not None and b.after is not None and a.goal != b.goal:
        out.append("goal")  # format 1 records no goal: compared only when both record links
    if start_moved:
        out.append("later" if start_moved > 0 else "earlier")
    return tuple(out)


def _length_change(a: BaselineStep, b: BaselineStep) -> list[str]:
    def kind(s: BaselineStep) -> str:
        return "milestone" if s.milestone else "hours" if s.effort_hours is not None else "days"

    if kind(a) != kind(b):
        return ["kind"]
    if kind(a) == "milestone":
        return []
    old, new = (
        (a.effort_hours, b.effort_hours)
        if kind(a) == "hours"
        else (a.duration_days, b.duration_days)
    )
    assert old is not None and new is not None
    if new < old - _EPS:
        return ["shortened"]
    if new > old + _EPS:
        return ["lengthened"]
    return []


def _sentences(d: PlanDiff, fmt: DateFormat) -> list[str]:
    o, n = d.old.baseline, d.new.baseline
    out = []
    if o.target != n.target:
        way = "later" if n.target > o.target else "earlier"
        out.append(
            f"The target moved from {fmt(o.target)} to {fmt(n.target)} "
            f"({_days(abs(d.target_moved_days))} {way})."
        )
    else:
        out.append(f"The target is unchanged ({fmt(n.target)}).")
    if d.route_changed:
        out.append(f"The route followed changed from {o.route or 'none'} to {n.route or 'none'}.")
    labels = {
        "added": "Steps added",
        "removed": "Steps removed",
        "shortened": "Shortened",
        "lengthened": "Lengthened",
        "kind": "Length changed kind",
        "finished": "Finished since",
        "links": "Dependencies changed",
        "goal": "Serving another goal",
    }
    for key, label in labels.items():
        ids = d.having(key)
        if ids:
            out.append(f"{label}: {', '.join(ids)}.")
    for way in ("later", "earlier"):
        moved = sorted(
            (s for s in d.steps if way in s.changes),
            key=lambda s: -abs(s.start_moved_days or 0),
        )
        if moved:
            parts = [f"{s.id} ({_days(abs(s.start_moved_days or 0))})" for s in moved[:6]]
            more = f" and {len(moved) - 6} more" if len(moved) > 6 else ""
            out.append(f"Latest starts {way}: {', '.join(parts)}{more}.")
    for what, known, groups in (
        ("Goals", d.goals_known, (d.goals_added, d.goals_removed, d.goals_changed)),
        ("Routes", d.routes_known, (d.routes_added, d.routes_removed, d.routes_renamed)),
    ):
        if not known:
            out.append(
                f"{what} were not recorded with the older version (a baseline saved before "
                "careerlib kept them), so their changes are not shown."
            )
            continue
        verbs = ("added", "removed", "changed" if what == "Goals" else "renamed")
        for verb, ids in zip(verbs, groups, strict=True):
            if ids:
                out.append(f"{what} {verb}: {', '.join(ids)}.")
    if d.unchanged:
        out.append("Nothing else changed.")
    return out


def _days(n: int) -> str:
    return f"{n} working day{'s' if n != 1 else ''}"


# --- reading the sources ------------------------------------------------------------


def plan_version(
    source: str | os.PathLike[str],
    *,
    as_of: dt.date | None = None,
    route: str | None = None,
    route_hint: str | None = None,
) -> PlanVersion:
    """One side of a comparison from its source (see the module for the forms).

    A client file (and its baselines) uses the client's route. For a plan
    file, ``route`` is the route to schedule; without it, ``route_hint`` (the
    other side's route, when this plan has it), else the whole plan; and
    ``PLAN@NAME`` is the newest baseline of that name whatever its route.
    ``as_of`` is the status date of a bare client file (default today).

    Raises
    ------
    CheckinError
        For a baseline name the file does not hold (naming the nearest).
    ClientError, PlanError, DataError
        For a file that cannot be read.
    """
    from careerlib.inputs import read_plan_or_client

    text = os.fspath(source)
    path, name = Path(text), None
    if not path.exists() and "@" in text:
        head, _, name = text.rpartition("@")
        path = Path(head)
    plan, client, plan_path = read_plan_or_client(path)
    chosen = route
    if client is not None:
        chosen = client.route
    elif chosen is None and route_hint in {r.id for r in plan.routes}:
        chosen = route_hint
    if name is not None:
        any_route = client is None and chosen is None
        return _saved(plan, Path(plan_path), chosen, name, text, any_route=any_route)
    if client is None:
        return _as_written(plan, Path(plan_path), chosen, text)
    return _on_status_date(client, plan, chosen, as_of, text)


def _saved(
    plan: Plan, plan_path: Path, route: str | None, name: str, text: str, *, any_route: bool
) -> PlanVersion:
    from careerlib.exceptions import CheckinError
    from careerlib.tracking.client import pick_baseline

    saved = load_baselines(baselines_path(plan_path))
    if any_route:  # a plan file without --route: its baselines of every route
        named = [b for b in saved if not name or b.name == name]
        chosen = named[-1] if named else None
        if chosen is None and name:
            chosen = pick_baseline(saved, None, name)  # raises, naming the known ones
    else:
        chosen = pick_baseline(saved, route, name or None)
    if chosen is None:
        raise CheckinError(
            f"{text}: {plan_path.name} has no baseline"
            + (f" of route {route!r}" if route else "")
            + " yet (careerlib baseline saves one)"
        )
    return PlanVersion("baseline", chosen.name, chosen, plan, text)


def _as_written(plan: Plan, plan_path: Path, route: str | None, text: str) -> PlanVersion:
    frozen = freeze_baseline(
        plan,
        plan.first_day,
        name=plan_path.name,
        route=route,
        progress=latest_progress(plan_reviews(plan), plan.first_day),
        saved=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    )
    return PlanVersion("plan", plan_path.name, frozen, plan, text)


def _on_status_date(
    client: Any, plan: Plan, route: str | None, as_of: dt.date | None, text: str
) -> PlanVersion:
    """The client's plan on the status date, frozen as a baseline of that day would be."""
    from careerlib.tracking.client import client_reviews

    day = as_of if as_of is not None else dt.date.today()
    frozen = freeze_baseline(
        plan,
        day,
        name=f"status-{day.isoformat()}",
        route=route,
        progress=latest_progress(client_reviews(client, plan), day),
        saved=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    )
    return PlanVersion("status", frozen.name, frozen, plan, text)


def plan_diff(
    old: str | os.PathLike[str] | PlanVersion,
    new: str | os.PathLike[str] | PlanVersion,
    *,
    as_of: dt.date | None = None,
    route: str | None = None,
) -> PlanDiff:
    """What changed from ``old`` to ``new``: each a source (see :func:`plan_version`) or a version.

    Without ``route``, a plan file compared with a client's version is taken
    on the client's route (when it has it).

    >>> plan_diff("jordan-lee.yaml@agreed", "jordan-lee.yaml")   # doctest: +SKIP
    """
    a = old if isinstance(old, PlanVersion) else plan_version(old, as_of=as_of, route=route)
    hint = a.baseline.route
    b = (
        new
        if isinstance(new, PlanVersion)
        else plan_version(new, as_of=as_of, route=route, route_hint=hint)
    )
    if not isinstance(old, PlanVersion) and route is None and hint is None and b.baseline.route:
        # a plan file against a client's version: the plan on the client's route too
        a = plan_version(old, as_of=as_of, route_hint=b.baseline.route)
    return compare_versions(a, b)


def last_change(client: Any) -> PlanDiff | None:
    """What changed between the two newest baselines of a client's plan and route.

    ``None`` when there are fewer than two (a plan never re-baselined). A
    re-plan's baselines file starts with the baselines of the plan it
    re-plans, so after a re-plan this is the old plan against the new one.
    ``client`` is a :class:`~careerlib.clients.Client` or a path to a client file.
    """
    from careerlib.tracking.client import client_and_plan

    loaded, plan, plan_path = client_and_plan(client)
    mine = [b for b in load_baselines(baselines_path(plan_path)) if b.route == loaded.route]
    if len(mine) < 2:
        return None
    source = str(plan_path)
    return compare_versions(
        PlanVersion("baseline", mine[-2].name, mine[-2], plan, source),
        PlanVersion("baseline", mine[-1].name, mine[-1], plan, source),
    )
