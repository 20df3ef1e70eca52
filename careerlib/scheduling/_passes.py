"""The two passes over a plan whose steps all have a duration (private).

Steps are numbered rows and days are working-day numbers from the plan's first
working day (see :mod:`careerlib.scheduling.calendars`);
:func:`careerlib.scheduling.scheduler.schedule` turns the results into dates.
Steps with an effort in hours are placed by
:mod:`careerlib.scheduling._placement` instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from careerlib.models import Step
    from careerlib.scheduling.calendars import WorkCalendar

__all__ = ["NO_DEADLINE", "duration_passes", "step_lengths"]

#: The deadline of a step without one (far beyond any target) [working days].
NO_DEADLINE = np.iinfo(np.int64).max // 4


def step_lengths(
    steps: Sequence[Step], per_week: int, cal: WorkCalendar, first: dt.date
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Duration, buffer, milestone flag and deadline of each step.

    Durations and buffers are in working days (an effort step counts 1 until
    it is placed), deadlines are working-day numbers from ``first``.
    """
    n = len(steps)
    dur = np.empty(n, dtype=np.int64)
    buf = np.empty(n, dtype=np.int64)
    is_ms = np.zeros(n, dtype=bool)
    deadline = np.full(n, NO_DEADLINE, dtype=np.int64)
    with_deadline: list[int] = []
    for k, s in enumerate(steps):
        if s.milestone:
            is_ms[k] = True
            dur[k] = 0
        elif s.duration is not None:
            dur[k] = s.duration.working_days(per_week)
        else:
            dur[k] = 1  # an effort step: replaced by its placed length below
        buf[k] = s.buffer.working_days(per_week)
        if s.deadline is not None:
            with_deadline.append(k)
    if with_deadline:
        days = np.array([steps[k].deadline for k in with_deadline], dtype="datetime64[D]")
        deadline[with_deadline] = cal.index(cal.roll_backward(days), first)

    return dur, buf, is_ms, deadline


def duration_passes(
    order: Sequence[int],
    preds: Sequence[Sequence[int]],
    succ: Sequence[Sequence[int]],
    span: Sequence[int],
    gate: Sequence[int],
    bufl: Sequence[int],
    cap: Sequence[int],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Latest start and finish (backward pass) and earliest start and finish (forward pass).

    Parameters
    ----------
    order
        The rows in dependency order.
    preds, succ
        Each row's predecessors and successors.
    span
        Days a step occupies before its finish (0 for a milestone) [working days].
    gate
        1 when a step must start the day after a predecessor's release, 0 for a milestone.
    bufl
        Each step's buffer after its finish [working days].
    cap
        The latest finish the target and the step's deadline allow [working day].
    """
    n = len(order)
    # backward pass: latest finish
    late_start = [0] * n
    late_finish = [0] * n
    for k in reversed(order):
        f = cap[k]
        b = bufl[k]
        for t in succ[k]:
            v = late_start[t] - gate[t] - b
            if v < f:
                f = v
        late_finish[k] = f
        late_start[k] = f - span[k]

    # forward pass: earliest start
    early_start = [0] * n
    early_finish = [0] * n
    for k in order:
        e = 0
        g = gate[k]
        for p in preds[k]:
            v = early_finish[p] + bufl[p] + g
            if v > e:
                e = v
        early_start[k] = e
        early_finish[k] = e + span[k]

    ls = np.asarray(late_start, dtype=np.int64)
    lf = np.asarray(late_finish, dtype=np.int64)
    es = np.asarray(early_start, dtype=np.int64)
    ef = np.asarray(early_finish, dtype=np.int64)
    return ls, lf, es, ef
