"""The grid of hours left on each working day and in each week (private).

Used by :mod:`careerlib.scheduling._placement` to take a step's hours from the days and
weeks that still have them. The grid is held in numpy arrays over a range of
working days that grows as needed; filling a step works on whole windows of
days at once.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import numpy as np

from careerlib.exceptions import CalendarError
from careerlib.scheduling.calendars import WorkCalendar
from careerlib.scheduling.capacity import day_limit, week_capacity, week_key, week_monday

if TYPE_CHECKING:
    from careerlib.models import Calendar

__all__ = ["EPS", "CapacityGrid"]

#: Hours below this are nothing (float sums of shares such as 6 / 5).
EPS = 1e-9
# A step whose hours cannot be found within this many working days is refused:
# only a calendar with (almost) no capacity gets there.
_MAX_REACH = 200 * 366


class CapacityGrid:
    """Hours left on each working day and in each week, over a growing range.

    Working days are numbered from ``first`` as in :meth:`WorkCalendar.index`.

    Parameters
    ----------
    calendar
        The plan's :class:`careerlib.models.Calendar` (``hours_per_week`` set).
    cal
        Its working calendar.
    first
        The working day numbered 0.
    extra
        Hours added to ``hours_per_week`` [hours/week] (what-if).
    """

    def __init__(
        self, calendar: Calendar, cal: WorkCalendar, first: dt.date, extra: float = 0.0
    ) -> None:
        self.calendar = calendar
        self.cal = cal
        self.first = first
        self.extra = extra
        self.per_day = day_limit(calendar, extra)
        self.lo = 0
        self.hi = -1
        self.left = np.empty(0)
        self.week = np.empty(0, dtype=np.int64)  # index into week_left
        self.wk_lo = 0
        self.week_left = np.empty(0)
        self.dates = np.empty(0, dtype="datetime64[D]")
        # Skip pointers over used-up days (a union-find with path compression):
        # a day with hours left points to itself, a used-up one to its
        # neighbour in the direction of filling. One grid fills one way.
        self._skip = np.empty(0, dtype=np.int64)
        self._backward: bool | None = None

    def _grow(self, lo: int, hi: int) -> None:
        """Cover working days ``lo..hi`` (inclusive), keeping what is taken."""
        if self.hi < self.lo:  # empty
            new_lo, new_hi = lo, hi
        else:
            new_lo, new_hi = min(lo, self.lo), max(hi, self.hi)
            if new_lo == self.lo and new_hi == self.hi:
                return
        ix = np.arange(new_lo, new_hi + 1)
        dates = np.asarray(self.cal.day(ix, self.first), dtype="datetime64[D]")
        keys = week_key(dates)
        k_lo, k_hi = int(keys[0]), int(keys[-1])
        if self.week_left.size:
            old_lo, old_hi = self.wk_lo, self.wk_lo + self.week_left.size - 1
            before = np.arange(k_lo, old_lo)
            after = np.arange(old_hi + 1, k_hi + 1)
            self.week_left = np.concatenate(
                [
                    week_capacity(self.calendar, self.cal, week_monday(before), self.extra),
                    self.week_left,
                    week_capacity(self.calendar, self.cal, week_monday(after), self.extra),
                ]
            )
            self.wk_lo = min(k_lo, old_lo)
        else:
            self.week_left = week_capacity(
                self.calendar, self.cal, week_monday(np.arange(k_lo, k_hi + 1)), self.extra
            )
            self.wk_lo = k_lo
        left = np.full(ix.size, self.per_day)
        skip = np.arange(ix.size, dtype=np.int64)
        if self.left.size:
            shift = self.lo - new_lo
            left[shift : shift + self.left.size] = self.left
            skip[shift : shift + self.left.size] = self._skip + shift
        self.left = left
        self._skip = skip
        self.week = keys - self.wk_lo
        self.dates = dates
        self.lo, self.hi = new_lo, new_hi

    def _cover(self, lo: int, hi: int) -> None:
        """Cover ``lo..hi``, growing by at least the range's own size (so O(log) rebuilds)."""
        if self.hi < self.lo:
            self._grow(lo, hi)
            return
        span = max(64, self.hi - self.lo + 1)
        new_lo = min(lo, self.lo - span) if lo < self.lo else self.lo
        new_hi = max(hi, self.hi + span) if hi > self.hi else self.hi
        if (new_lo, new_hi) != (self.lo, self.hi):
            self._grow(new_lo, new_hi)

    def take(self, day: int, hours: float, *, backward: bool) -> tuple[np.ndarray, np.ndarray]:
        """Take ``hours`` from working day ``day`` backwards (or forwards), greedily.

        Each day gives as many hours as it and its week still hold. Returns the
        working-day numbers that got hours (ascending) and their hours, which
        add up to ``hours``.

        Raises
        ------
        CalendarError
            When the hours cannot be found within 200 years.
        """
        if self._backward is None:
            self._backward = backward
        elif self._backward != backward:
            raise ValueError("a CapacityGrid fills in one direction only")
        need = float(hours)
        got_ix: list[np.ndarray] = []
        got_h: list[np.ndarray] = []
        # never wider than the reach: a tiny hours_per_week must not ask for
        # an array of billions of days
        width = min(max(256, 4 * math.ceil(need / self.per_day)), _MAX_REACH + 1)
        step = -1 if backward else 1
        edge = day
        while need > EPS:
            if abs(edge - day) > _MAX_REACH:
                raise CalendarError(
                    f"cannot find {hours:g} hours within {_MAX_REACH} working days of "
                    f"{self.cal.day(day, self.first)}: the calendar has (almost) no capacity"
                )
            self._cover(edge, edge)
            free = self._free(edge - self.lo)
            if not 0 <= free < self.left.size:  # used up to the end of the grid
                edge = self.lo - 1 if backward else self.hi + 1
                continue
            edge = free + self.lo
            a, b = (edge - width + 1, edge) if backward else (edge, edge + width - 1)
            self._cover(a, b)
            o = np.arange(a - self.lo, b - self.lo + 1)
            if backward:
                o = o[::-1]
            window = o
            take = _greedy(self.left[o], self.week[o], self.week_left)
            total = np.cumsum(take)
            if total[-1] >= need - EPS:
                cut = int(np.searchsorted(total, need - EPS))
                take = take[: cut + 1].copy()
                take[cut] -= total[cut] - need
                o = o[: cut + 1]
            keep = take > EPS
            o, take = o[keep], take[keep]
            self.left[o] -= take
            np.subtract.at(self.week_left, self.week[o], take)
            need -= float(take.sum())
            got_ix.append(o + self.lo)
            got_h.append(take)
            used_up = (self.left[window] <= EPS) | (self.week_left[self.week[window]] <= EPS)
            mark = window[used_up]
            mark = mark[self._skip[mark] == mark]
            self._skip[mark] = mark + step
            edge = a - 1 if backward else b + 1
            width *= 2
        ix = np.concatenate(got_ix) if got_ix else np.empty(0, dtype=np.int64)
        hrs = np.concatenate(got_h) if got_h else np.empty(0)
        order = np.argsort(ix, kind="stable")
        return ix[order], hrs[order]

    def _free(self, i: int) -> int:
        """The nearest day at or beyond offset ``i`` (in the filling direction) with hours left.

        Returns an offset, -1 or ``len`` when every day to the grid's end is used up.
        """
        skip = self._skip
        n = skip.size
        root = i
        while 0 <= root < n:
            nxt = int(skip[root])
            if nxt == root:
                break
            root = nxt
        while 0 <= i < n and i != root:
            nxt = int(skip[i])
            skip[i] = root
            i = nxt
        return root


def _greedy(left: np.ndarray, week: np.ndarray, week_left: np.ndarray) -> np.ndarray:
    """Hours each day gives when days are taken in this order, as many as possible.

    ``week`` must be grouped (all days of a week together, as in date order or
    its reverse). A day gives ``min(its hours left, its week's hours left less
    what the days before it in this order took)``.
    """
    n = left.size
    if n == 0:
        return left.copy()
    change = np.empty(n, dtype=bool)
    change[0] = True
    change[1:] = week[1:] != week[:-1]
    cs = np.cumsum(left)
    group = np.cumsum(change) - 1
    before = (cs - left)[change]
    within = np.minimum(cs - before[group], np.maximum(week_left[week], 0.0))
    prev = np.empty(n)
    prev[0] = 0.0
    prev[1:] = within[:-1]
    prev[change] = 0.0
    return np.maximum(within - prev, 0.0)
