"""Planned against earned progress, against a baseline, and slip by earned schedule.

Time is counted in working days elapsed since the baseline's ``first_day``:
``t`` is the start of the ``t``-th working day (a check-in on day *D* sits at
``t = working days in [first_day, D)``).

* **Planned progress** is two curves from the baseline. A step's planned share
  at ``t`` is ``done + (1 - done) * clip((t - s) / n, 0, 1)`` for its window
  of ``n`` working days starting at index ``s``: the **early** curve uses its
  earliest dates, the **late** curve its latest (back-scheduled) dates. The
  plan's planned progress is the steps' shares weighted by ``work_days``
  (duration, or effort hours over an even day's hours; a milestone weighs
  nothing). The envelope between the curves is the slack.
* **Earned progress** is the reported shares with the same weights.
* **Classification**: *ahead* above the early curve, *behind* below the late
  curve, *on plan* between them (using slack as it goes).
* **Earned schedule** (Lipke): the time ``ES`` at which a planned curve
  reaches the earned progress, interpolated between working days. The slip is
  ``t - ES_late`` working days when positive (behind the latest plan), the
  lead ``ES_early - t`` when positive (ahead of the earliest plan).

Plain numpy: a roster of a thousand clients runs this a thousand times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from careerlib.scheduling.calendars import WorkCalendar
from careerlib.tracking.baseline import Baseline

__all__ = ["Curves", "Earned", "earned_at", "earned_schedule", "planned_curves"]

_EPS = 1e-9
AHEAD, ON_PLAN, BEHIND = "ahead", "on plan", "behind"


@dataclass(frozen=True)
class Curves:
    """The planned progress of a baseline on every working day.

    ``early[t]`` and ``late[t]`` are the plan's planned share (0-1) at the start
    of working day ``t`` (``t = 0`` is ``first_day``), up to ``t = len - 1``,
    the day after the last planned finish; later days stay at the last value.
    ``weights`` maps the baselined step ids to their weight [working days].
    """

    first_day: dt.date
    early: np.ndarray
    late: np.ndarray
    weights: dict[str, float]
    total: float
    windows: np.ndarray = field(default_factory=lambda: np.zeros((0, 5)))
    """One row a baselined step (in ``weights`` order): early start index and
    length, late start index and length [working days], and the share done."""

    def at(self, t: int) -> tuple[float, float]:
        """``(early, late)`` planned share at working-day index ``t``."""
        k = min(max(t, 0), len(self.early) - 1)
        return float(self.early[k]), float(self.late[k])

    def step_shares(self, t: int) -> dict[str, tuple[float, float]]:
        """Each baselined step's ``(early, late)`` planned share at index ``t``."""
        w = self.windows
        tt = np.array([float(t)])
        early = _shares(tt, w[:, 0], w[:, 1], w[:, 4])[0]
        late = _shares(tt, w[:, 2], w[:, 3], w[:, 4])[0]
        return {
            sid: (float(e), float(v))
            for sid, e, v in zip(self.weights, early.tolist(), late.tolist(), strict=True)
        }


def _shares(t: np.ndarray, start: np.ndarray, length: np.ndarray, done: np.ndarray) -> np.ndarray:
    """Planned share of each step (columns) at each index ``t`` (rows)."""
    frac = np.clip((t[:, None] - start[None, :]) / np.maximum(length, 1)[None, :], 0.0, 1.0)
    frac = np.where(length[None, :] == 0, (t[:, None] > start[None, :]).astype(float), frac)
    return done[None, :] + (1.0 - done[None, :]) * frac


def planned_curves(baseline: Baseline, calendar: WorkCalendar) -> Curves:
    """The early and late planned progress curves of ``baseline`` (see the module)."""
    anchor = baseline.first_day
    steps = baseline.steps
    weights = {s.id: s.work_days for s in steps}
    w = np.array([s.work_days for s in steps], dtype=float)
    total = float(w.sum())
    if total <= _EPS:  # only milestones: each counts alike
        w = np.ones(len(steps))
        total = float(len(steps))
    done = np.array([s.done for s in steps], dtype=float)
    dates = []
    for s in steps:
        if s.start is None or s.finish is None or s.early_start is None or s.early_finish is None:
            dates.append([anchor, anchor, anchor, anchor])  # done on the baseline day
        else:
            dates.append([s.early_start, s.early_finish, s.start, s.finish])
    ix = np.asarray(
        calendar.count(np.datetime64(anchor, "D"), np.array(dates, dtype="datetime64[D]")),
        dtype=np.int64,
    ).reshape(len(steps), 4)
    milestone = np.array([s.milestone for s in steps], dtype=bool)
    e_start, e_len = ix[:, 0], np.where(milestone, 0, ix[:, 1] - ix[:, 0] + 1)
    l_start, l_len = ix[:, 2], np.where(milestone, 0, ix[:, 3] - ix[:, 2] + 1)
    horizon = int(max(ix[:, 1].max(), ix[:, 3].max(), 0)) + 2
    t = np.arange(horizon, dtype=float)
    early = _shares(t, e_start, e_len, done) @ w / total
    late = _shares(t, l_start, l_len, done) @ w / total
    return Curves(
        first_day=anchor,
        early=np.clip(early, 0.0, 1.0),
        late=np.clip(late, 0.0, 1.0),
        weights=weights,
        total=total,
        windows=np.column_stack([e_start, e_len, l_start, l_len, done]).astype(float),
    )


def earned_at(curves: Curves, progress: Mapping[str, float]) -> float:
    """Earned progress (0-1): the reported shares of the baselined steps, weighted."""
    if not curves.weights:
        return 0.0
    w = curves.weights
    total = sum(w.values())
    if total <= _EPS:
        return sum(min(1.0, float(progress.get(s, 0.0))) for s in w) / len(w)
    return sum(v * min(1.0, float(progress.get(s, 0.0))) for s, v in w.items()) / total


def earned_schedule(curve: np.ndarray, earned: float) -> float:
    """The time [working days since ``first_day``] at which ``curve`` reaches ``earned``.

    Linear between working days; the first day the curve reaches its end value
    when ``earned`` is at or above it.
    """
    if earned >= curve[-1] - _EPS:
        return float(np.argmax(curve >= curve[-1] - _EPS))
    j = int(np.searchsorted(curve, earned + _EPS, side="right")) - 1
    if j < 0:
        return 0.0
    rise = float(curve[j + 1] - curve[j])
    return j + (earned - float(curve[j])) / rise if rise > _EPS else float(j)


@dataclass(frozen=True)
class Earned:
    """Planned against earned progress on one day.

    Attributes
    ----------
    day, t
        The day and its working-day index from the baseline's first day.
    earned, planned_early, planned_late
        Shares of the whole plan (0-1).
    classification
        ``"ahead"`` (above the early curve), ``"on plan"`` (between the curves,
        using slack) or ``"behind"`` (below the late curve).
    es_early, es_late
        Earned schedule against each curve [working days since first day].
    slip_days
        ``max(0, t - es_late)``: how far behind the latest plan [working days].
    lead_days
        ``max(0, es_early - t)``: how far ahead of the earliest plan [working days].
    """

    day: dt.date
    t: int
    earned: float
    planned_early: float
    planned_late: float
    classification: str
    es_early: float
    es_late: float
    slip_days: float
    lead_days: float

    def to_dict(self) -> dict[str, object]:
        """JSON-ready dict (shares in percent, days to one decimal)."""
        return {
            "day": self.day.isoformat(),
            "earned_pct": round(100 * self.earned, 1),
            "planned_early_pct": round(100 * self.planned_early, 1),
            "planned_late_pct": round(100 * self.planned_late, 1),
            "classification": self.classification,
            "slip_days": round(self.slip_days, 1),
            "lead_days": round(self.lead_days, 1),
        }


def measure(
    curves: Curves, calendar: WorkCalendar, day: dt.date, progress: Mapping[str, float]
) -> Earned:
    """Planned against earned progress at the start of ``day`` (see the module)."""
    t = max(0, int(calendar.count(curves.first_day, day)))
    ev = earned_at(curves, progress)
    early, late = curves.at(t)
    if ev > early + _EPS:
        cls = AHEAD
    elif ev < late - _EPS:
        cls = BEHIND
    else:
        cls = ON_PLAN
    es_e = earned_schedule(curves.early, ev)
    es_l = earned_schedule(curves.late, ev)
    return Earned(
        day=day,
        t=t,
        earned=ev,
        planned_early=early,
        planned_late=late,
        classification=cls,
        es_early=es_e,
        es_late=es_l,
        slip_days=max(0.0, t - es_l) if cls == BEHIND else 0.0,
        lead_days=max(0.0, es_e - t) if cls == AHEAD else 0.0,
    )
