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

Placement is serial list scheduling over working-day numbers (those of
:mod:`careerlib.scheduler`). Backwards, a step is placed once everything after
it is placed, on the latest finish its successors, the target and its deadline
allow, taking each working day's hours from that day backwards (as many as the
day and its week still have) until its effort is met. The ready step with the
latest finish goes first; ties go to the step with more work before it. When a
plan has several effort branches, a pass that takes the ready step with the
most work before it first whatever its finish (the critical-path order) and
rounds of forward-backward justification are tried too, and the schedule that
lets the client start latest is kept. For a single chain of steps this is the exact latest schedule.

The forward pass (spec rule 7) is the mirror image: from day 0, each ready
step as early as its predecessors allow, its hours from that day onwards.
The two passes are made to agree (feasible exactly when the forward pass
meets the target and deadlines; no negative slack in a feasible plan), see
:func:`schedule_capacity`.

The grid of hours left is held in numpy arrays over a range of working days
that grows as needed; filling a step works on whole windows of days at once.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from careerlib.calendars import WorkCalendar
from careerlib.exceptions import CalendarError

__all__ = [
    "Allocation",
    "CapacityGrid",
    "Network",
    "Placement",
    "WeeklyLoad",
    "day_limit",
    "extra_hours_per_week",
    "place_backward",
    "place_forward",
    "schedule_capacity",
    "week_capacity",
    "week_key",
    "week_monday",
    "weekly_load",
]

#: Hours below this are nothing (float sums of shares such as 6 / 5).
EPS = 1e-9
# A step whose hours cannot be found within this many working days is refused:
# only a calendar with (almost) no capacity gets there.
_MAX_REACH = 200 * 366


def week_key(days: Any) -> np.ndarray:
    """The number of the Monday-to-Sunday week of each day (1970-01-01 is in week 0)."""
    return (np.asarray(days, dtype="datetime64[D]").astype(np.int64) + 3) // 7


def week_monday(keys: Any) -> np.ndarray:
    """The Monday of each week number (``datetime64[D]``)."""
    return (np.asarray(keys, dtype=np.int64) * 7 - 3).astype("datetime64[D]")


def day_limit(calendar: Any, extra: float = 0.0) -> float:
    """Most hours a single working day can hold [hours/day].

    ``calendar.hours_per_day`` when set, else the even share of
    ``hours_per_week`` (plus ``extra``) over the workdays of a week.
    """
    if calendar.hours_per_day is not None:
        return float(calendar.hours_per_day)
    return (float(calendar.hours_per_week) + extra) / len(calendar.workdays)


def week_capacity(calendar: Any, cal: WorkCalendar, mondays: Any, extra: float = 0.0) -> np.ndarray:
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

    A commitment that covers only some of a week's working days takes that
    share of its ``hours_per_week``; a week with no working day keeps its full
    capacity (it cannot be used anyway).
    """
    mon = np.asarray(mondays, dtype="datetime64[D]")
    cap = np.full(mon.shape, float(calendar.hours_per_week) + extra)
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
        self, calendar: Any, cal: WorkCalendar, first: dt.date, extra: float = 0.0
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


# --- placing a plan ----------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Network:
    """A plan's steps as the scheduler numbers them.

    Attributes
    ----------
    preds, succ
        Rows of each step's predecessors and successors.
    order
        A topological order of the rows.
    span
        Working days a duration step occupies before its finish (duration - 1);
        0 for milestones and effort steps.
    buffer
        Buffer after each step [working days].
    gate
        1 for a step that is not a milestone (it starts after its
        predecessors' release day), 0 for a milestone.
    deadline
        Latest finish of each step from its deadline [working-day number]
        (very large when it has none).
    effort
        Hours of each effort step; 0 for the others [hours].
    target
        Working-day number of the target.
    """

    preds: Sequence[Sequence[int]]
    succ: Sequence[Sequence[int]]
    order: Sequence[int]
    span: Sequence[int]
    buffer: Sequence[int]
    gate: Sequence[int]
    deadline: Sequence[int]
    effort: Sequence[float]
    target: int

    def __len__(self) -> int:
        return len(self.span)


@dataclass(frozen=True, eq=False)
class Placement:
    """Where one pass put every step: working-day numbers and the hours taken."""

    start: np.ndarray
    finish: np.ndarray
    rows: np.ndarray  # step row of each allocated (day, hours)
    days: np.ndarray  # working-day number
    hours: np.ndarray


def _work(net: Network, k: int, per_day: float) -> float:
    """Hours of step ``k``: its effort, or its working days at the daily limit."""
    return net.effort[k] if net.effort[k] > 0 else (net.span[k] + net.gate[k]) * per_day


def _work_before(net: Network, per_day: float) -> list[float]:
    """Hours of the longest path of work that must come before each step (buffers count)."""
    head = [0.0] * len(net)
    for k in net.order:
        h = 0.0
        for p in net.preds[k]:
            v = head[p] + _work(net, p, per_day) + net.buffer[p] * per_day
            if v > h:
                h = v
        head[k] = h
    return head


def _work_after(net: Network, per_day: float) -> list[float]:
    """Hours of the longest path of work that must come after each step."""
    tail = [0.0] * len(net)
    for k in reversed(net.order):
        t = 0.0
        for s in net.succ[k]:
            v = tail[s] + _work(net, s, per_day)
            if v > t:
                t = v
        tail[k] = t + net.buffer[k] * per_day
    return tail


def _collect(
    n: int, start: list[int], finish: list[int], pieces: list[tuple[int, np.ndarray, np.ndarray]]
) -> Placement:
    if pieces:
        rows = np.concatenate([np.full(ix.size, k, dtype=np.int64) for k, ix, _ in pieces])
        days = np.concatenate([ix for _, ix, _ in pieces]).astype(np.int64)
        hours = np.concatenate([h for _, _, h in pieces])
    else:
        rows = days = np.empty(0, dtype=np.int64)
        hours = np.empty(0)
    return Placement(
        np.asarray(start, dtype=np.int64), np.asarray(finish, dtype=np.int64), rows, days, hours
    )


def place_backward(
    net: Network, grid: CapacityGrid, priority: Sequence[float], *, by_bound: bool = True
) -> Placement:
    """Place every step as late as possible (serial list scheduling, backwards).

    A step is ready once all its successors are placed; its latest finish is
    then fixed (successors' starts less gate and buffer, the target less its
    buffer, its deadline). The ready step with the latest finish is placed
    first, ties broken by the larger ``priority``; with ``by_bound=False`` the
    ready step with the larger ``priority`` goes first whatever its finish (to
    replay a given order, as justification does).
    """
    n = len(net)
    start = [0] * n
    finish = [0] * n
    waiting = [len(s) for s in net.succ]
    pieces: list[tuple[int, np.ndarray, np.ndarray]] = []
    heap: list[tuple[int, float, int]] = []

    def bound(k: int) -> int:
        b = net.buffer[k]
        f = min(net.target - b, net.deadline[k])
        for s in net.succ[k]:
            v = start[s] - net.gate[s] - b
            if v < f:
                f = v
        return f

    for k in range(n):
        if waiting[k] == 0:
            heapq.heappush(heap, (-bound(k) if by_bound else 0, -priority[k], k))
    while heap:
        _, _, k = heapq.heappop(heap)
        f = bound(k)
        if net.effort[k] > 0:
            ix, hrs = grid.take(f, net.effort[k], backward=True)
            pieces.append((k, ix, hrs))
            start[k], finish[k] = int(ix[0]), int(ix[-1])
        else:
            start[k], finish[k] = f - net.span[k], f
        for p in net.preds[k]:
            waiting[p] -= 1
            if waiting[p] == 0:
                heapq.heappush(heap, (-bound(p) if by_bound else 0, -priority[p], p))
    return _collect(n, start, finish, pieces)


def place_forward(
    net: Network,
    grid: CapacityGrid,
    priority: Sequence[float],
    *,
    by_bound: bool = True,
    origin: int = 0,
) -> Placement:
    """Place every step as early as possible from day 0 (the forward pass).

    The mirror of :func:`place_backward`: a step is ready once its predecessors
    are placed; the ready step with the earliest start goes first, ties broken
    by the larger ``priority`` (``by_bound=False``: by ``priority`` alone).
    Nothing starts before working day ``origin``. Deadlines and the target
    are not looked at.
    """
    n = len(net)
    start = [0] * n
    finish = [0] * n
    waiting = [len(p) for p in net.preds]
    pieces: list[tuple[int, np.ndarray, np.ndarray]] = []
    heap: list[tuple[int, float, int]] = []

    def bound(k: int) -> int:
        e = origin
        g = net.gate[k]
        for p in net.preds[k]:
            v = finish[p] + net.buffer[p] + g
            if v > e:
                e = v
        return e

    for k in range(n):
        if waiting[k] == 0:
            heapq.heappush(heap, (bound(k) if by_bound else 0, -priority[k], k))
    while heap:
        _, _, k = heapq.heappop(heap)
        e = bound(k)
        if net.effort[k] > 0:
            ix, hrs = grid.take(e, net.effort[k], backward=False)
            pieces.append((k, ix, hrs))
            start[k], finish[k] = int(ix[0]), int(ix[-1])
        else:
            start[k], finish[k] = e, e + net.span[k]
        for s in net.succ[k]:
            waiting[s] -= 1
            if waiting[s] == 0:
                heapq.heappush(heap, (bound(s) if by_bound else 0, -priority[s], s))
    return _collect(n, start, finish, pieces)


def _several_branches(net: Network) -> bool:
    """Whether two effort steps could run side by side (neither waits on the other)."""
    effort_rows = [k for k in range(len(net)) if net.effort[k] > 0]
    if len(effort_rows) < 2:
        return False
    # a chain: every step has at most one predecessor and one successor, one source
    return (
        any(len(p) > 1 for p in net.preds)
        or any(len(s) > 1 for s in net.succ)
        or (sum(1 for p in net.preds if not p) > 1)
    )


def _later(a: Placement, b: Placement) -> bool:
    """Whether ``a`` lets the client start later than ``b`` (then: later starts overall)."""
    return (int(a.start.min()), int(a.start.sum())) > (int(b.start.min()), int(b.start.sum()))


#: Rounds of forward-backward justification tried on plans with parallel effort
#: (they stop as soon as a round brings nothing).
JUSTIFY_ROUNDS = 3


def _justify(net: Network, late: Placement, grid: Any) -> Placement:
    """Rounds of forward-backward justification of a back-schedule, kept while they help.

    Each round left-justifies the schedule from its own first day in the order
    of its starts, then right-justifies that in the order of its finishes.
    """
    for _ in range(JUSTIFY_ROUNDS):
        # lexicographic keys as one number: working-day numbers stay far below 1e6
        order = (-(late.start * 1e6 + late.finish)).tolist()
        left = place_forward(net, grid(), order, by_bound=False, origin=int(late.start.min()))
        right = place_backward(
            net, grid(), (left.finish * 1e6 + left.start).tolist(), by_bound=False
        )
        if not _later(right, late):
            break
        late = right
    return late


def schedule_capacity(
    net: Network, calendar: Any, cal: WorkCalendar, first: dt.date, *, extra: float = 0.0
) -> tuple[Placement, Placement]:
    """The back-schedule and the forward pass of a plan with effort steps.

    Returns ``(late, early)``: the back-schedule and the forward schedule from
    day 0, chosen so that rules 7 to 9 hold together (see :func:`_agree`).

    For a plan with parallel effort the back-schedule is the best (latest
    earliest start, then latest starts overall) of two backward passes and
    of rounds of forward-backward justification of the better one
    (:func:`_justify`):

    * the ready step with the latest finish first, ties to the most work
      before it;
    * the ready step with the most work before it first, whatever its finish
      (the critical-path order: a short branch with a later finish does not
      take the hours the longest chain needs, and leave it a partly used day
      at a link, which rule 4 cannot give to the next step of the chain).

    (A pass with ties to the forward schedule's finishes, tried before the
    critical-path pass existed, never did better than these two on 1,540
    random plans of 4-24 and 150-250 steps, so it is no longer run.)

    The forward schedule is the first to finish of the pass ordered by work
    after each step and the back-schedule left-justified from day 0.
    """

    def grid() -> CapacityGrid:
        return CapacityGrid(calendar, cal, first, extra)

    per_day = day_limit(calendar, extra)
    head = _work_before(net, per_day)
    early = place_forward(net, grid(), _work_after(net, per_day))
    late = place_backward(net, grid(), head)
    forward = [early]
    if _several_branches(net):
        other = place_backward(net, grid(), head, by_bound=False)
        if _later(other, late):
            late = other
        late = _justify(net, late, grid)
        # The back-schedule left-justified from day 0 in the order of its
        # starts is a forward schedule too, one that keeps its order.
        order = (-(late.start * 1e6 + late.finish)).tolist()
        forward.append(place_forward(net, grid(), order, by_bound=False))
    return _agree(net, late, forward, grid)


def _release(net: Network, placed: Placement) -> int:
    """The latest release day of a schedule [working-day number]."""
    return int((placed.finish + np.asarray(net.buffer, dtype=np.int64)).max())


def _meets_target(net: Network, placed: Placement) -> bool:
    """Whether a schedule releases everything by the target and meets every deadline."""
    deadline = np.asarray(net.deadline, dtype=np.int64)
    return _release(net, placed) <= net.target and bool(np.all(placed.finish <= deadline))


def _agree(
    net: Network, late: Placement, forward: list[Placement], grid: Any
) -> tuple[Placement, Placement]:
    """Choose the forward schedule so that rules 7 to 9 hold together.

    With parallel effort the two passes are list schedules and could
    disagree; this keeps them consistent:

    * when the back-schedule starts on or after day 0 (feasible), the forward
      schedule is the candidate that finishes first among those that meet the
      target and deadlines and start no step after its back-scheduled start
      (so no slack is negative), or else the back-schedule itself, which is a
      schedule from day 0 too;
    * otherwise it is the candidate that finishes first; if that one meets the
      target after all, the back-schedule is justified from it (placed as late
      as possible in the order of its finishes) or replaced by it, and the plan
      is feasible.
    """
    if int(late.start.min()) >= 0:
        good = [f for f in forward if _meets_target(net, f) and bool(np.all(f.start <= late.start))]
        return late, (min(good, key=lambda f: _release(net, f)) if good else late)
    early = min(forward, key=lambda f: _release(net, f))
    if not _meets_target(net, early):
        return late, early
    order = (early.finish * 1e6 + early.start).tolist()
    right = place_backward(net, grid(), order, by_bound=False)
    if int(right.start.min()) < 0:
        return early, early
    return right, (early if bool(np.all(early.start <= right.start)) else right)


def _latest_start(
    net: Network, calendar: Any, cal: WorkCalendar, first: dt.date, extra: float
) -> int:
    return int(schedule_capacity(net, calendar, cal, first, extra=extra)[0].start.min())


def extra_hours_per_week(
    net: Network,
    calendar: Any,
    cal: WorkCalendar,
    first: dt.date,
    *,
    step: float = 0.5,
    late: bool | None = None,
) -> float | None:
    """Fewest extra hours a week (a multiple of ``step``) that make the target [hours/week].

    The extra hours are added to ``hours_per_week`` (and so to the even daily
    share, unless ``hours_per_day`` is set); commitments stay as they are.
    Returns 0 when the plan is feasible as it is, and ``None`` when even 168
    hours a week would not do (durations, deadlines or ``hours_per_day`` hold
    the plan back). Pass ``late=True`` when the plan is known to be late.

    The search doubles the extra hours until the target is met, then halves
    the interval, so a small answer costs a few schedules.
    """

    def enough(k: int) -> bool:
        return _latest_start(net, calendar, cal, first, k * step) >= 0

    if not late and enough(0):
        return 0.0
    top = 168.0 + sum(c.hours_per_week for c in calendar.commitments)
    most = max(1, math.ceil((top - float(calendar.hours_per_week)) / step))
    lo, hi = 0, 1  # lo is not enough; find an hi that is
    while not enough(hi):
        if hi == most:
            return None
        lo, hi = hi, min(2 * hi, most)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if enough(mid):
            hi = mid
        else:
            lo = mid
    return hi * step


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
    calendar: Any,
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
