"""Capacity: the client's hours for the plan, and effort placed within them.

A step with an ``effort`` (hours) is not a block of days: its hours are spread
over working days, as late as possible, within what the client has:

* a **week** (Monday to Sunday) holds at most its capacity,
  ``hours_per_week`` less the ``commitments`` that overlap it (a commitment
  that covers only some of the week's working days counts for that share of
  them), never below zero;
* a **working day** holds at most ``hours_per_day``, by default the even share
  ``hours_per_week`` / workdays per week;
* steps with an effort may overlap and share these hours; a step's ``start``
  and ``finish`` are its first and last day with hours, and the rules for
  ``after``, buffers, deadlines, milestones and the target are those of
  duration steps (spec rule 4 and 5). Duration steps and milestones take no
  hours.

How the hours are placed (serial list scheduling, forward-backward
justification) is the private :mod:`careerlib.scheduling._placement` over the
grid of hours left in :mod:`careerlib.scheduling._capacity_grid`;
:mod:`careerlib.scheduling.scheduler` calls it. This module holds what the
rules above are made of and what a coach reads:
a week's capacity, a day's limit, the allocation and the weekly load.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from careerlib.exceptions import UsageError
from careerlib.scheduling.calendars import WorkCalendar

if TYPE_CHECKING:
    from careerlib.models import Calendar

__all__ = [
    "Allocation",
    "WeeklyLoad",
    "day_limit",
    "week_capacity",
    "weekly_load",
]


def week_key(days: ArrayLike) -> np.ndarray:
    """The number of the Monday-to-Sunday week of each day (1970-01-01 is in week 0)."""
    return (np.asarray(days, dtype="datetime64[D]").astype(np.int64) + 3) // 7


def week_monday(keys: ArrayLike) -> np.ndarray:
    """The Monday of each week number (``datetime64[D]``)."""
    return (np.asarray(keys, dtype=np.int64) * 7 - 3).astype("datetime64[D]")


def weekly_hours(calendar: Calendar) -> float:
    """The calendar's ``hours_per_week`` [hours/week]; capacity needs it set."""
    if calendar.hours_per_week is None:
        raise UsageError(
            "the calendar has no hours_per_week: capacity is only known "
            "for a plan whose calendar sets hours_per_week (e.g. 10)"
        )
    return float(calendar.hours_per_week)


def day_limit(calendar: Calendar, extra: float = 0.0) -> float:
    """Most hours a single working day can hold [hours/day].

    ``calendar.hours_per_day`` when set, else the even share of
    ``hours_per_week`` (plus ``extra``) over the workdays of a week.
    """
    if calendar.hours_per_day is not None:
        return float(calendar.hours_per_day)
    return (weekly_hours(calendar) + extra) / len(calendar.workdays)


def week_capacity(
    calendar: Calendar, cal: WorkCalendar, mondays: ArrayLike, extra: float = 0.0
) -> np.ndarray:
    """Hours each week holds [hours/week]: ``hours_per_week`` less commitments, at least 0.

    Parameters
    ----------
    calendar
        The plan's :class:`careerlib.models.Calendar`.
    cal
        Its working calendar (which days are working days).
    mondays
        The Monday of each week (``datetime64[D]``).
    extra
        Hours added to ``hours_per_week`` [hours/week] (what-if).

    Notes
    -----
    A commitment that covers only some of a week's working days takes that
    share of its ``hours_per_week``; a week with no working day keeps its full
    capacity (it cannot be used anyway).
    """
    mon = np.asarray(mondays, dtype="datetime64[D]")
    cap = np.full(mon.shape, weekly_hours(calendar) + extra)
    if calendar.commitments and mon.size:
        nxt = mon + np.timedelta64(7, "D")
        total = np.asarray(cal.count(mon, nxt), dtype=np.float64)
        for c in calendar.commitments:
            a = np.maximum(mon, np.datetime64(c.start, "D"))
            b = np.minimum(nxt, np.datetime64(c.end, "D") + np.timedelta64(1, "D"))
            covered = np.where(b > a, np.asarray(cal.count(a, np.maximum(a, b))), 0).astype(
                np.float64
            )
            share = np.divide(covered, total, out=np.zeros_like(total), where=total > 0)
            cap -= c.hours_per_week * share
    return np.maximum(cap, 0.0)


# --- reporting -----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Allocation:
    """The hours of the back-schedule, one entry per step and working day.

    Attributes
    ----------
    step
        Row of the step in the schedule.
    day
        The working day (``datetime64[D]``).
    hours
        Hours of that step on that day [hours].
    """

    step: np.ndarray
    day: np.ndarray
    hours: np.ndarray


@dataclass(frozen=True, eq=False)
class WeeklyLoad:
    """Hours planned and capacity for every week from the first work to the target.

    Attributes
    ----------
    week
        The Monday of each week (``datetime64[D]``).
    planned_hours
        Hours of effort placed in the week [hours].
    capacity_hours
        Hours the client has for the plan that week [hours]: the week's
        capacity (``hours_per_week`` less commitments), at most the day limit
        times its working days, counting only days from the plan's start to
        its target. A week before the start has none, so work the back-schedule
        needs there shows as over capacity.
    """

    week: np.ndarray
    planned_hours: np.ndarray
    capacity_hours: np.ndarray

    @property
    def over(self) -> np.ndarray:
        """Whether each week holds more hours than its capacity."""
        return self.planned_hours > self.capacity_hours + 1e-6


def weekly_load(
    days: np.ndarray,
    hours: np.ndarray,
    calendar: Calendar,
    cal: WorkCalendar,
    first: dt.date,
    last: dt.date,
) -> WeeklyLoad:
    """Weekly hours planned against capacity, from the first work (or ``first``) to ``last``.

    Parameters
    ----------
    days, hours
        Allocated working days (``datetime64[D]``) and their hours.
    calendar, cal
        The plan's calendar model and working calendar.
    first, last
        The first working day of the plan and the target's working day.
    """
    f = np.datetime64(first, "D")
    t = np.datetime64(last, "D")
    lo = min(f, days.min()) if days.size else f
    hi = max(t, days.max()) if days.size else t
    k0, k1 = int(week_key(lo)), int(week_key(hi))
    keys = np.arange(k0, k1 + 1)
    mondays = week_monday(keys)
    planned = (
        np.bincount(week_key(days) - k0, weights=hours, minlength=keys.size)
        if days.size
        else np.zeros(keys.size)
    )
    a = np.maximum(mondays, f)
    b = np.minimum(mondays + np.timedelta64(7, "D"), t + np.timedelta64(1, "D"))
    open_days = np.where(b > a, np.asarray(cal.count(a, np.maximum(a, b))), 0)
    capacity = np.minimum(week_capacity(calendar, cal, mondays), open_days * day_limit(calendar))
    return WeeklyLoad(mondays, np.round(planned, 6), np.round(capacity, 6))
