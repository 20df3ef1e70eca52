"""What-if changes to a plan, as a coach tries them with the client.

Each function returns a new, validated :class:`~careerlib.models.Plan` and
leaves the original alone, so a session can always go back. They are plain
functions over models: the coach console (:mod:`careerlib.console.explorers`) calls them,
and so can a notebook cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from careerlib.exceptions import PlanError
from careerlib.models import Plan, suggest
from careerlib.planfile import plan_from_data

__all__ = [
    "with_alternatives",
    "with_blackout",
    "with_duration",
    "with_effort",
    "with_hours_per_week",
    "with_start",
    "with_target",
    "without_blackout",
]


def _changed(plan: Plan, change: Callable[[dict[str, Any]], None]) -> Plan:
    data = plan.model_dump(mode="python", by_alias=True, exclude_defaults=True)
    change(data)
    return plan_from_data(data)


def with_target(plan: Plan, target: dt.date) -> Plan:
    """The plan with another target date."""
    return _changed(plan, lambda d: d.__setitem__("target", target))


def with_start(plan: Plan, start: dt.date) -> Plan:
    """The plan with another first day of work (e.g. the date of a review)."""
    return _changed(plan, lambda d: d.__setitem__("start", start))


def with_hours_per_week(plan: Plan, hours: float) -> Plan:
    """The plan with another weekly capacity [hours/week]."""
    return _changed(
        plan, lambda d: d.setdefault("calendar", {}).__setitem__("hours_per_week", hours)
    )


def with_duration(plan: Plan, step_id: str, duration: int | str) -> Plan:
    """The plan with one step taking ``duration`` (``12``, ``12d``, ``3w``) instead.

    Raises
    ------
    PlanError
        For an unknown step or a milestone (which takes no time).
    """
    ids = [s.id for s in plan.steps]
    if step_id not in ids:
        raise PlanError(f"unknown step {step_id!r}{suggest(step_id, ids)}")

    def change(data: dict[str, Any]) -> None:
        step = data["steps"][ids.index(step_id)]
        if step.get("milestone"):
            raise PlanError(f"step {step_id!r} is a milestone: it takes no time")
        step.pop("effort", None)
        step["duration"] = duration

    return _changed(plan, change)


def with_effort(plan: Plan, step_id: str, effort: float | str) -> Plan:
    """The plan with one step taking ``effort`` hours (``20``, ``"20h"``) of the client's time.

    Raises
    ------
    PlanError
        For an unknown step or a milestone, or a plan without ``hours_per_week``.
    """
    index = _step_index(plan, step_id)

    def change(data: dict[str, Any]) -> None:
        step = data["steps"][index]
        if step.get("milestone"):
            raise PlanError(f"step {step_id!r} is a milestone: it takes no time")
        step.pop("duration", None)
        step["effort"] = effort

    return _changed(plan, change)


def with_alternatives(plan: Plan, choice: Mapping[str, str]) -> Plan:
    """The plan with the alternatives taken that ``choice`` names: ``{step id: alternative id}``.

    Each chosen step takes its alternative's ``duration`` or ``effort`` in place
    of its own; its title, dependencies, buffer, deadline and its list of
    alternatives stay as written, so another alternative can be taken later
    (each one replaces the step's way, it does not add to it). This is the one
    place where alternatives change a plan: :func:`careerlib.schedule` on the
    result schedules the plan with those alternatives, and a plan scheduled
    without this call takes none.

    Raises
    ------
    PlanError
        For an unknown step or alternative (the message names the nearest one).
    """
    if not choice:
        return plan
    taken = {}
    for step_id, alt_id in choice.items():
        step = plan.steps[_step_index(plan, step_id)]
        known = [a.id for a in step.alternatives]
        if alt_id not in known:
            listed = f" (alternatives: {', '.join(known)})" if known else " (it has none)"
            raise PlanError(
                f"step {step_id!r} has no alternative {alt_id!r}{listed}{suggest(alt_id, known)}"
            )
        taken[step_id] = step.alternatives[known.index(alt_id)]

    def change(data: dict[str, Any]) -> None:
        for row in data["steps"]:
            alt = taken.get(row["id"])
            if alt is None:
                continue
            row.pop("duration", None)
            row.pop("effort", None)
            if alt.duration is not None:
                row["duration"] = alt.duration
            else:
                row["effort"] = alt.effort

    return _changed(plan, change)


def _step_index(plan: Plan, step_id: str) -> int:
    ids = [s.id for s in plan.steps]
    if step_id not in ids:
        raise PlanError(f"unknown step {step_id!r}{suggest(step_id, ids)}")
    return ids.index(step_id)


def with_blackout(plan: Plan, start: dt.date, end: dt.date, reason: str | None = None) -> Plan:
    """The plan with one more blackout (inclusive days with no work)."""

    def change(data: dict[str, Any]) -> None:
        blackouts = data.setdefault("calendar", {}).setdefault("blackouts", [])
        item: dict[str, Any] = {"from": start, "to": end}
        if reason:
            item["reason"] = reason
        blackouts.append(item)

    return _changed(plan, change)


def without_blackout(plan: Plan, index: int) -> Plan:
    """The plan without its blackout number ``index`` (0 is the first)."""
    count = len(plan.calendar.blackouts)
    if not 0 <= index < count:
        raise PlanError(f"no blackout #{index}; the plan has {count}")
    return _changed(plan, lambda d: d["calendar"]["blackouts"].pop(index))
