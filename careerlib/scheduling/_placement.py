"""Placing effort steps within the client's hours (private: see :mod:`.capacity`).

Placement is serial list scheduling over working-day numbers (those of
:mod:`careerlib.scheduling.scheduler`). Backwards, a step is placed once everything after
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from careerlib.scheduling._capacity_grid import CapacityGrid
from careerlib.scheduling.calendars import WorkCalendar
from careerlib.scheduling.capacity import day_limit, weekly_hours

if TYPE_CHECKING:
    from careerlib.models import Calendar

__all__ = [
    "Network",
    "Placement",
    "extra_hours_per_week",
    "place_backward",
    "place_forward",
    "schedule_capacity",
]

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


def _justify(net: Network, late: Placement, grid: Callable[[], CapacityGrid]) -> Placement:
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
    net: Network, calendar: Calendar, cal: WorkCalendar, first: dt.date, *, extra: float = 0.0
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
    net: Network, late: Placement, forward: list[Placement], grid: Callable[[], CapacityGrid]
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
    net: Network, calendar: Calendar, cal: WorkCalendar, first: dt.date, extra: float
) -> int:
    return int(schedule_capacity(net, calendar, cal, first, extra=extra)[0].start.min())


def extra_hours_per_week(
    net: Network,
    calendar: Calendar,
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
    most = max(1, math.ceil((top - weekly_hours(calendar)) / step))
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
