"""The fingerprint of a plan as scheduled, and the warning when it changed after a baseline.

A baseline records the fingerprint of the plan it froze (``"fingerprint"`` in
its record). A page that measures progress against the baseline compares it
with the plan as it stands: when they differ, the baseline no longer
describes the plan, and the page says "the plan changed on ... after the
baseline: re-baseline or re-plan" (:class:`PlanChange`).

What the fingerprint covers is what the schedule depends on, for the steps of
the baseline's route (and the steps common to every route):

* the plan's ``start`` (as written) and ``target``;
* the calendar: workdays, holidays (dates and countries), blackouts, hours a
  week, hours a day and commitments;
* each step, in plan order: its id, its length (a duration in working days,
  an effort in hours, or a milestone), the steps it comes after (as a set),
  its deadline, its buffer in working days and its route;
* the route followed.

Titles, notes, goals and what a step develops, obstacles, the plan's owner
and its check-ins are left out: editing them changes no date, so the
baseline still holds. A duration written ``2w`` or ``10d`` is the same.

The fingerprint is ``v1:`` and the first 16 hexadecimal digits of the
SHA-256 of that content as canonical JSON (sorted keys, no spaces). A
baseline saved before fingerprints existed has none, and no warning is given
for it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerlib.models import Plan
from careerlib.scheduling.scheduler import select_steps

__all__ = ["FINGERPRINT_VERSION", "PlanChange", "plan_change", "plan_content", "plan_fingerprint"]

FINGERPRINT_VERSION = "v1"
"""The recipe of :func:`plan_fingerprint`; a fingerprint of another recipe is not compared."""


def plan_content(plan: Plan, route: str | None = None) -> dict[str, Any]:
    """What the fingerprint covers (see the module), as a JSON-ready dict."""
    per_week = plan.workdays_per_week
    cal = plan.calendar
    steps = []
    for i in select_steps(plan, route):
        s = plan.steps[i]
        if s.milestone:
            length: dict[str, Any] = {"milestone": True}
        elif s.duration is not None:
            length = {"days": s.duration.working_days(per_week)}
        else:
            length = {"hours": s.effort}
        steps.append(
            {
                "id": s.id,
                **length,
                "after": sorted(s.after),
                "deadline": _iso(s.deadline),
                "buffer_days": s.buffer.working_days(per_week),
                "route": s.route,
            }
        )
    return {
        "start": _iso(plan.start),
        "target": plan.target.isoformat(),
        "route": route,
        "calendar": {
            "workdays": list(cal.workdays),
            "holidays": sorted(d.isoformat() for d in cal.holiday_dates),
            "countries": sorted([h.country, h.subdiv or ""] for h in cal.country_holidays),
            "blackouts": sorted([b.start.isoformat(), b.end.isoformat()] for b in cal.blackouts),
            "hours_per_week": cal.hours_per_week,
            "hours_per_day": cal.hours_per_day,
            "commitments": sorted(
                [c.start.isoformat(), c.end.isoformat(), c.hours_per_week] for c in cal.commitments
            ),
        },
        "steps": steps,
    }


def plan_fingerprint(plan: Plan, route: str | None = None) -> str:
    """A stable hash of the plan as scheduled for ``route``: ``v1:`` and 16 hex digits."""
    text = json.dumps(plan_content(plan, route), sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{FINGERPRINT_VERSION}:{digest}"


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


@dataclass(frozen=True)
class PlanChange:
    """The plan no longer matches the baseline measured against.

    Attributes
    ----------
    baseline
        The baseline's name.
    baseline_date
        The baseline's day.
    changed_on
        The day the plan file was last written, when that is after the
        baseline was saved (see :func:`plan_change`); ``None`` when unknown.
    """

    baseline: str
    baseline_date: dt.date
    changed_on: dt.date | None

    @property
    def sentence(self) -> str:
        """``The plan changed on 2027-03-02 after the baseline 'agreed' (of 2026-10-05): ...``"""
        return self.message()

    def message(self, fmt: Callable[[dt.date], str] = dt.date.isoformat) -> str:
        """:attr:`sentence` with the days written by ``fmt`` (a report's ``3 Mar 2027``)."""
        when = f" on {fmt(self.changed_on)}" if self.changed_on is not None else ""
        return (
            f"The plan changed{when} after the baseline '{self.baseline}' "
            f"(of {fmt(self.baseline_date)}): re-baseline or re-plan."
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "baseline": self.baseline,
            "baseline_date": self.baseline_date.isoformat(),
            "changed_on": _iso(self.changed_on),
            "message": self.sentence,
        }


def plan_change(
    plan: Plan,
    baseline: Any,
    *,
    route: str | None = None,
    plan_path: str | os.PathLike[str] | None = None,
) -> PlanChange | None:
    """How the plan changed after ``baseline`` (a :class:`~careerlib.tracking.Baseline`).

    ``None`` when the plan still has the baseline's fingerprint, or the
    baseline has none (saved before fingerprints existed, or another recipe).

    The day of the change is the day the plan file was last written (its
    modification time, local day), when ``plan_path`` is given and that time
    is after the baseline was saved: the plan as it stands dates from then.
    A file whose time is older than the baseline (a copy that kept its time)
    gives no day.
    """
    mark = getattr(baseline, "fingerprint", None)
    if mark is None or not mark.startswith(f"{FINGERPRINT_VERSION}:"):
        return None
    if mark == plan_fingerprint(plan, route):
        return None
    return PlanChange(baseline.name, baseline.date, _written_after(plan_path, baseline.saved))


def _written_after(plan_path: str | os.PathLike[str] | None, saved: str) -> dt.date | None:
    if plan_path is None:
        return None
    try:
        mtime = Path(plan_path).stat().st_mtime
        stamp = dt.datetime.fromisoformat(saved)
    except (OSError, ValueError):
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    if mtime <= stamp.timestamp():
        return None
    return dt.datetime.fromtimestamp(mtime).date()
