"""Building a plan with the client in the room, backwards from the destination.

A coach agrees the destination and the target date with the client, then asks
"what has to happen just before that?" again and again. :class:`PlanDraft`
holds the plan while it is built that way: every change (a step added before
another, a duration changed, a goal, an obstacle, a route...) is made on a copy
of the plan's data and validated by the same models as a plan file
(:func:`careerlib.planfile.plan_from_data`), then scheduled. A change that would
make the plan invalid is refused with the message the plan loader gives for
such a file (without the file name and line: there is no file yet), and the
draft stays as it was. Every accepted change can be undone.

>>> draft = PlanDraft.new("Senior PM at a fintech", "2027-06-30", start="2027-01-04")
>>> draft.add_step("interviews", "Interviews", duration="3w", before="destination")
"Added 'Interviews' before 'Senior PM at a fintech'."
>>> draft.add_step("resume", "Revise the resume", duration=5, before="interviews")
"Added 'Revise the resume' before 'Interviews'."
>>> str(draft.schedule().step_dates("resume")[0])
'2027-06-03'
>>> draft.save("senior-pm.yaml")  # doctest: +SKIP

The console's "Build the plan" tab (:class:`careerlib.console.builder.PlanBuilder`)
is this class behind a form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerlib import _plan_edits as edits
from careerlib._plan_edits import UNSET, Data, id_from_title
from careerlib.exceptions import PlanError, UsageError
from careerlib.models import Plan, Step, suggest
from careerlib.planfile import load_plan, plan_from_data, plan_to_yaml, save_plan
from careerlib.scheduling.scheduler import Schedule
from careerlib.scheduling.scheduler import schedule as schedule_plan

if TYPE_CHECKING:
    from careerlib.models import Goal, Obstacle, Route

__all__ = ["UNSET", "Change", "PlanDraft", "id_from_title"]


#: The id :meth:`PlanDraft.new` gives the destination (a milestone on the target).
DESTINATION = "destination"

HEADER = (
    "# Built with careerlib's plan builder (careerlib.PlanDraft).\n"
    "# The format: docs/plan-format.md; change it freely.\n"
)

Ids = str | Sequence[str] | None


@dataclass(frozen=True)
class Change:
    """One accepted change: what it did, and the plan as it was before (for undo)."""

    description: str
    before: Plan


class PlanDraft:
    """A plan being built, change by change, each validated as a plan file would be.

    Make one with :meth:`new` (a destination and a date), :meth:`open` (a plan
    file), :meth:`from_template` (a route template of ``careerlib new client``)
    or ``PlanDraft(plan)``.

    Every ``add_*``, ``edit_*``, ``remove_*``, :meth:`link` and :meth:`unlink`
    call returns one line saying what it did. When the change would make the
    plan invalid it raises :class:`~careerlib.exceptions.PlanError` with the
    message the plan loader gives for such a file (a cycle, an unknown step,
    two kinds of length...), and the draft stays as it was. A call that would
    change nothing raises :class:`~careerlib.exceptions.UsageError`.

    Parameters
    ----------
    plan
        The plan to start from.
    path
        The file it came from, if any (saving never writes over it).

    Attributes
    ----------
    plan
        The plan with every change so far.
    path
        The file the draft was opened from (or last saved to), or None.
    history
        The accepted changes, oldest first (:meth:`undo` takes the last back).
    saved
        The files written by :meth:`save`, oldest first.
    """

    def __init__(self, plan: Plan, *, path: str | Path | None = None) -> None:
        self.plan = plan
        self.path = None if path is None else Path(path)
        self.history: list[Change] = []
        self.saved: list[Path] = []
        self._clean = plan
        self._schedules: dict[tuple[str | None, dt.date | None], Schedule] = {
            (None, None): schedule_plan(plan)
        }

    # -- making one ------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        title: str,
        target: dt.date | str,
        start: dt.date | str | None = None,
        *,
        owner: str | None = None,
        destination: str | None = None,
        destination_id: str = DESTINATION,
        hours_per_week: float | None = None,
    ) -> PlanDraft:
        """A plan with only its destination: a milestone reached on the target date.

        Parameters
        ----------
        title
            The plan's title: where the client wants to arrive.
        target
            The date by which everything is done.
        start
            The first day work may be scheduled; default today (written into
            the plan, so that the saved file schedules as the draft did).
        owner
            The client's name.
        destination, destination_id
            The destination milestone's title (default ``title``) and id.
        hours_per_week
            The hours a week the client can give (needed by steps given in hours) [hours/week].
        """
        data: Data = {"title": title}
        if owner:
            data["owner"] = owner
        data["start"] = dt.date.today() if start is None else start
        data["target"] = target
        if hours_per_week is not None:
            data["calendar"] = {"hours_per_week": hours_per_week}
        data["steps"] = [{"id": destination_id, "title": destination or title, "milestone": True}]
        return cls(plan_from_data(data))

    @classmethod
    def open(cls, path: str | Path) -> PlanDraft:
        """A draft of a plan file (the file is never written over).

        Raises
        ------
        PlanError
            For a file that is not a valid plan, as :func:`careerlib.load_plan`.
        """
        return cls(load_plan(path), path=path)

    @classmethod
    def from_template(
        cls,
        template: str | Path,
        *,
        target: dt.date | None = None,
        start: dt.date | None = None,
        name: str = "the client",
        role: str | Path | None = None,
        current: str | None = None,
        folder: str | Path | None = None,
    ) -> PlanDraft:
        """A draft of a route template (``promotion``, ``same-sector``...), filled in.

        The same plan ``careerlib new client`` writes (see
        :func:`careerlib.newclient.template_plan` for the parameters), nothing written.
        """
        # the templates belong to `careerlib new client`, a layer above: reached
        # only when asked for, as Plan.schedule reaches the scheduler
        from careerlib.newclient import template_plan

        plan = template_plan(
            template,
            name=name,
            role=role,
            current=current,
            start=start,
            target=target,
            folder=folder,
        )
        return cls(plan)

    # -- reading ---------------------------------------------------------------------

    def __repr__(self) -> str:
        return (
            f"PlanDraft({self.plan.title!r}, {len(self.plan.steps)} steps, "
            f"target {self.plan.target}, {len(self.history)} changes)"
        )

    @property
    def step_ids(self) -> list[str]:
        """The steps' ids, in plan order."""
        return [s.id for s in self.plan.steps]

    def step(self, step_id: str) -> Step:
        """The step with this id (an :class:`~careerlib.exceptions.UnknownStepError` if none)."""
        return self.plan.step(step_id)

    def comes_before(self, step_id: str) -> list[str]:
        """Ids of the steps that wait on ``step_id`` (its successors), in plan order."""
        self.step(step_id)
        return [s.id for s in self.plan.steps if step_id in s.after]

    def title_of(self, step_id: str) -> str:
        """A step's title (its id when it has none)."""
        return self.step(step_id).title or step_id

    def free_id(self, title: str, kind: str = "step") -> str:
        """An unused id for a new ``kind`` (step, goal, obstacle, route) with this title.

        See :func:`~careerlib._plan_edits.id_from_title`.
        """
        items: dict[str, Sequence[Step | Goal | Obstacle | Route]] = {
            "step": self.plan.steps,
            "goal": self.plan.goals,
            "obstacle": self.plan.obstacles,
            "route": self.plan.routes,
        }
        return id_from_title(title, (i.id for i in items[kind]))

    @property
    def can_undo(self) -> bool:
        """Whether there is a change to take back."""
        return bool(self.history)

    @property
    def unsaved(self) -> bool:
        """Whether the plan differs from the one opened or last saved."""
        return self.plan is not self._clean and self.plan != self._clean

    def schedule(
        self,
        as_of: dt.date | str | None = None,
        *,
        route: str | None = None,
        progress: Mapping[str, float] | None = None,
    ) -> Schedule:
        """The back-schedule of the plan as it stands: :func:`careerlib.schedule` of :attr:`plan`.

        Parameters
        ----------
        as_of
            A status date (a date or ``"YYYY-MM-DD"``): the plan on that day,
            from its reviews (``shared/spec/status-date.md``), a
            :class:`~careerlib.scheduling.status.StatusSchedule`. ``None``: the
            plan as written, from its start.
        route
            Only this route's steps and the steps common to every route.
        progress
            With ``as_of``: step id -> share done on that day, instead of the
            plan's reviews.

        Raises
        ------
        UsageError
            For an ``as_of`` that is not a date, or ``progress`` without ``as_of``.
        """
        day = _as_date(as_of)
        if progress is not None:
            return schedule_plan(self.plan, route, as_of=day, progress=progress)
        key = (route, day)
        found = self._schedules.get(key)
        if found is None:
            found = schedule_plan(self.plan, route, as_of=day)
            self._schedules[key] = found
        return found

    def to_yaml(self) -> str:
        """The plan file :meth:`save` writes: block style, one field a line."""
        return HEADER + plan_to_yaml(self.plan, one_line_items=False)

    # -- changing --------------------------------------------------------------------

    def _data(self) -> Data:
        data: Data = self.plan.model_dump(mode="python", by_alias=True, exclude_defaults=True)
        for key in ("steps", "goals", "routes", "obstacles"):
            data.setdefault(key, [])
        return data

    def _apply(self, edit: Callable[[Data], str]) -> str:
        """Make a change on a copy of the plan's data; keep it only if the plan stays valid."""
        data = self._data()
        description = edit(data)
        for key in ("goals", "routes", "obstacles"):
            if not data[key]:
                del data[key]
        return self.restart(plan_from_data(data), description)

    def restart(self, plan: Plan, description: str = "Started again.") -> str:
        """Make ``plan`` the draft (a template, a new destination); :meth:`undo` brings back
        the one before. A plan that cannot be scheduled is refused with the message of
        ``careerlib schedule``, and the draft stays as it was."""
        result = schedule_plan(plan)
        self.history.append(Change(description, self.plan))
        self.plan = plan
        self._schedules = {(None, None): result}
        return description

    def undo(self) -> str:
        """Take the last change back; returns what was undone.

        Raises
        ------
        UsageError
            When there is no change to undo.
        """
        if not self.history:
            raise UsageError("nothing to undo: the plan is as it was opened")
        change = self.history.pop()
        self.plan = change.before
        self._schedules = {(None, None): schedule_plan(self.plan)}
        return f"Undone: {change.description}"

    def _known(self, step_id: str) -> Step:
        for step in self.plan.steps:
            if step.id == step_id:
                return step
        raise PlanError(f"unknown step {step_id!r}{suggest(step_id, self.step_ids)}")

    # -- the plan ----------------------------------------------------------------------

    def edit_plan(
        self,
        *,
        title: Any = UNSET,
        owner: Any = UNSET,
        start: Any = UNSET,
        target: Any = UNSET,
        hours_per_week: Any = UNSET,
        workdays: Any = UNSET,
        cadence: Any = UNSET,
    ) -> str:
        """Change the plan's title, owner, start, target, hours a week, workdays or review cadence.

        A field not given stays as it is; ``None`` clears one that may be left
        out (owner, start, hours a week [hours/week], workdays, cadence).
        """
        fields = {
            "title": title,
            "owner": owner,
            "start": start,
            "target": target,
            "hours_per_week": hours_per_week,
            "workdays": workdays,
            "cadence": cadence,
        }
        _some(fields, "edit_plan")
        return self._apply(lambda data: edits.edit_plan(data, fields))

    def add_blackout(
        self, start: dt.date | str, end: dt.date | str, reason: str | None = None
    ) -> str:
        """Add a range of days with no work (inclusive): a vacation, family time."""

        def edit(data: Data) -> str:
            item: Data = {"from": start, "to": end}
            edits.put(item, "reason", reason or None)
            data.setdefault("calendar", {}).setdefault("blackouts", []).append(item)
            return f"Added the blackout {start} to {end}."

        return self._apply(edit)

    def remove_blackout(self, index: int) -> str:
        """Remove the blackout number ``index`` (0 is the first)."""
        count = len(self.plan.calendar.blackouts)
        if not 0 <= index < count:
            raise UsageError(f"no blackout #{index}; the plan has {count}")

        def edit(data: Data) -> str:
            gone = data["calendar"]["blackouts"].pop(index)
            if not data["calendar"]["blackouts"]:
                del data["calendar"]["blackouts"]
            return f"Removed the blackout {gone['from']} to {gone['to']}."

        return self._apply(edit)

    # -- steps ---------------------------------------------------------------------------

    def add_step(
        self,
        id: str,  # noqa: A002 - the plan file's own word
        title: str | None = None,
        duration: int | str | None = None,
        effort: float | str | None = None,
        milestone: bool = False,
        before: Ids = None,
        after: Ids = None,
        *,
        deadline: dt.date | str | None = None,
        buffer: int | str | None = None,
        goal: str | None = None,
        route: str | None = None,
        develops: Sequence[str] | None = None,
    ) -> str:
        """Add a step; ``before`` names the step(s) it must come before: the backwards move.

        Parameters
        ----------
        id, title
            The step's id (letters, digits, ``_`` and ``-``; see :meth:`free_id`)
            and what the client does (default: the id).
        duration, effort, milestone
            Exactly one: working days (``12``, ``"12d"``, ``"3w"``), hours of
            the client's time (``"20h"``; needs the plan's hours a week) or
            ``milestone=True``.
        before
            The step (or steps) that must wait for this one: each gets it in
            its ``after``. The new step goes just before the first of them in the file.
        after
            The steps that must be finished before this one starts.
        deadline, buffer, goal, route, develops
            As in a plan file.
        """
        step: Data = {"id": id}
        for key, value in {
            "title": title,
            "duration": duration,
            "effort": effort,
            "milestone": milestone,
            "after": edits.id_list(after),
            "deadline": deadline,
            "buffer": buffer,
            "goal": goal,
            "route": route,
            "develops": list(develops or []),
        }.items():
            edits.put(step, key, value)
        return self._apply(lambda data: edits.add_step(data, step, edits.id_list(before)))

    def edit_step(
        self,
        step_id: str,
        *,
        title: Any = UNSET,
        duration: Any = UNSET,
        effort: Any = UNSET,
        milestone: Any = UNSET,
        after: Any = UNSET,
        deadline: Any = UNSET,
        buffer: Any = UNSET,
        goal: Any = UNSET,
        route: Any = UNSET,
        develops: Any = UNSET,
    ) -> str:
        """Change fields of a step; a field not given stays as it is, ``None`` clears it.

        A step keeps exactly one kind of length: to turn days into hours give
        ``effort="20h", duration=None`` (giving only the effort is refused, as a
        file with both would be).
        """
        fields = {
            "title": title,
            "duration": duration,
            "effort": effort,
            "milestone": milestone,
            "after": after,
            "deadline": deadline,
            "buffer": buffer,
            "goal": goal,
            "route": route,
            "develops": develops,
        }
        _some(fields, "edit_step")
        return self._apply(lambda data: edits.edit_item(data, "steps", step_id, fields))

    def remove_step(self, step_id: str, *, mend: bool = True) -> str:
        """Remove a step; the returned line says how what it joined was mended.

        With ``mend`` (the default) each step that waited on it waits instead
        on what it waited on, so the order of the others stays; without, those
        links are dropped. Obstacles stop naming it and reviews stop recording
        its progress. Removing the last step is refused (a plan needs one).
        """
        return self._apply(lambda data: edits.remove_step(data, step_id, mend=mend))

    def link(self, first: str, then: str) -> str:
        """Make ``then`` wait on ``first`` (``first`` joins its ``after``)."""
        if first in self._known(then).after:
            raise UsageError(f"{then!r} comes after {first!r} already")
        return self._apply(lambda data: edits.link(data, first, then))

    def unlink(self, first: str, then: str) -> str:
        """Let ``then`` no longer wait on ``first``."""
        if first not in self._known(then).after:
            raise UsageError(f"{then!r} does not come after {first!r}")
        return self._apply(lambda data: edits.unlink(data, first, then))

    # -- goals, obstacles, routes ----------------------------------------------------------

    def add_goal(
        self,
        id: str,  # noqa: A002
        title: str,
        level: str,
        supports: Ids = None,
        measure: str | None = None,
    ) -> str:
        """Add a goal at one of the four levels (``personal``, ``professional``,
        ``department``, ``organizational``), with the ids of the goals it supports."""
        goal = {"id": id, "title": title, "level": level, "supports": supports, "measure": measure}
        return self._apply(lambda data: edits.add_item(data, "goals", goal))

    def edit_goal(
        self,
        goal_id: str,
        *,
        title: Any = UNSET,
        level: Any = UNSET,
        supports: Any = UNSET,
        measure: Any = UNSET,
    ) -> str:
        """Change a goal's title, level, the goals it supports or its measure."""
        fields = {"title": title, "level": level, "supports": supports, "measure": measure}
        _some(fields, "edit_goal")
        return self._apply(lambda data: edits.edit_item(data, "goals", goal_id, fields))

    def remove_goal(self, goal_id: str) -> str:
        """Remove a goal; the steps that served it and the goals that supported it are said."""
        return self._apply(lambda data: edits.remove_goal(data, goal_id))

    def add_obstacle(
        self,
        id: str,  # noqa: A002
        title: str,
        likelihood: int,
        impact: int,
        mitigation: str | None = None,
        contingency: str | None = None,
        affects: Ids = None,
    ) -> str:
        """Add an obstacle: its likelihood and impact (1-5), what makes it less likely
        (``mitigation``), what to do if it happens (``contingency``), the steps it affects."""
        obstacle = {
            "id": id,
            "title": title,
            "likelihood": likelihood,
            "impact": impact,
            "mitigation": mitigation,
            "contingency": contingency,
            "affects": affects,
        }
        return self._apply(lambda data: edits.add_item(data, "obstacles", obstacle))

    def edit_obstacle(
        self,
        obstacle_id: str,
        *,
        title: Any = UNSET,
        likelihood: Any = UNSET,
        impact: Any = UNSET,
        mitigation: Any = UNSET,
        contingency: Any = UNSET,
        affects: Any = UNSET,
    ) -> str:
        """Change an obstacle's fields (``None`` clears mitigation, contingency, affects)."""
        fields = {
            "title": title,
            "likelihood": likelihood,
            "impact": impact,
            "mitigation": mitigation,
            "contingency": contingency,
            "affects": affects,
        }
        _some(fields, "edit_obstacle")
        return self._apply(lambda data: edits.edit_item(data, "obstacles", obstacle_id, fields))

    def remove_obstacle(self, obstacle_id: str) -> str:
        """Remove an obstacle."""
        return self._apply(lambda data: edits.remove_item(data, "obstacles", obstacle_id))

    def add_route(self, id: str, title: str, description: str | None = None) -> str:  # noqa: A002
        """Add a route: another path to the target (its steps name it in ``route``)."""
        route = {"id": id, "title": title, "description": description}
        return self._apply(lambda data: edits.add_item(data, "routes", route))

    def edit_route(self, route_id: str, *, title: Any = UNSET, description: Any = UNSET) -> str:
        """Change a route's title or description."""
        fields = {"title": title, "description": description}
        _some(fields, "edit_route")
        return self._apply(lambda data: edits.edit_item(data, "routes", route_id, fields))

    def remove_route(self, route_id: str) -> str:
        """Remove a route; its steps then belong to every route (said in the returned line)."""
        return self._apply(lambda data: edits.remove_route(data, route_id))

    # -- saving ------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the plan to a new file (block style, one field a line); never over a file.

        Returns the path written. The file loads into the same plan
        (``load_plan(path) == draft.plan``) and schedules as :meth:`schedule` did.

        Raises
        ------
        PlanError
            When ``path`` exists already ("choose a new name").
        """
        written = save_plan(self.plan, path, one_line_items=False, header=HEADER)
        self.saved.append(written)
        self.path = written
        self._clean = self.plan
        return written


def _some(fields: dict[str, Any], method: str) -> None:
    if all(v is UNSET for v in fields.values()):
        raise UsageError(f"{method}: give at least one field to change ({', '.join(fields)})")


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(f"as_of {value!r} is not a date; give it as YYYY-MM-DD") from None
