"""Progress at a checkpoint: planned against reported, step by step.

And whether the reviews have "gathered dust": a review older than the
cadence allows (:data:`CADENCE_DAYS`). When the plan will end is not
projected here (a pace over the working days since the first day means
nothing for a back-scheduled plan with slack): the one forecast is
:func:`careerlib.tracking.forecast`, which schedules what is left forward.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from careerlib.gaps._common import EPS, records
from careerlib.models import Review, suggest
from careerlib.scheduling.scheduler import Schedule

# each step's latest reported share: one definition, the status date's
from careerlib.scheduling.status import latest_progress as reported_progress
from careerlib.tracking.track import CADENCE_DAYS

__all__ = ["CADENCE_DAYS", "Progress", "progress_at", "reported_progress"]


@dataclass(frozen=True)
class Progress:
    """Planned against reported progress at one checkpoint.

    Attributes
    ----------
    as_of
        The day of the question.
    review_date
        The review used: the latest on or before ``as_of`` (None when there is none:
        every step then counts as not started).
    steps
        Indexed by step id: ``title``, ``start``, ``finish`` (back-scheduled),
        ``duration_days`` [working days], ``planned`` (share of the step the
        schedule has done by the end of the review day, 0-1: working days of
        the step elapsed / its duration; a milestone is 1 from its date on),
        ``actual`` (the latest progress reported for it on or before the review,
        0 if never), ``behind`` (actual < planned), ``behind_days``
        (``(planned - actual) * duration`` [working days]).
    planned_pct, actual_pct
        Progress of the whole plan [%], each step weighted by its duration
        (a milestone by 1 day).
    last_review, days_since_review, cadence, stale, message
        The newest review on or before ``as_of``, its age [calendar days], the
        plan's review cadence and whether the age exceeds it (the strategy has
        "gathered dust"), with a sentence for the coach.
    """

    as_of: dt.date
    review_date: dt.date | None
    steps: pd.DataFrame
    planned_pct: float
    actual_pct: float
    behind: tuple[str, ...]
    last_review: dt.date | None
    days_since_review: int
    cadence: str
    stale: bool
    message: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "as_of": self.as_of.isoformat(),
            "review_date": None if self.review_date is None else self.review_date.isoformat(),
            "planned_pct": round(self.planned_pct, 2),
            "actual_pct": round(self.actual_pct, 2),
            "behind": list(self.behind),
            "last_review": None if self.last_review is None else self.last_review.isoformat(),
            "days_since_review": self.days_since_review,
            "cadence": self.cadence,
            "stale": self.stale,
            "message": self.message,
            "steps": records(self.steps, "step"),
        }


def progress_at(
    sched: Schedule,
    reviews: Sequence[Review] = (),
    as_of: dt.date | None = None,
    *,
    cadence: str | None = None,
) -> Progress:
    """Planned against reported progress at a checkpoint.

    Parameters
    ----------
    sched
        The back-schedule (planned dates).
    reviews
        Dated reviews with each step's reported progress (0-1); the plan's own
        ``checkpoints.reviews`` when not given.
    as_of
        The day of the question; default the newest review's date, else the
        schedule's first day.
    cadence
        ``daily``, ``weekly``, ``biweekly`` or ``monthly``; default the plan's
        ``checkpoints.cadence``, else monthly. A review older than
        :data:`CADENCE_DAYS` calendar days is stale.
    """
    plan = sched.plan
    if not reviews and plan.checkpoints is not None:
        reviews = plan.checkpoints.reviews
    ordered = sorted(reviews, key=lambda r: r.date)
    if cadence is None:
        cadence = plan.checkpoints.cadence if plan.checkpoints is not None else "monthly"
    if cadence not in CADENCE_DAYS:
        raise ValueError(
            f"unknown cadence {cadence!r}{suggest(cadence, CADENCE_DAYS)}; "
            f"valid: {', '.join(CADENCE_DAYS)}"
        )
    if as_of is None:
        as_of = ordered[-1].date if ordered else sched.first_day
    past = [r for r in ordered if r.date <= as_of]
    review_date = past[-1].date if past else None
    on = review_date if review_date is not None else as_of
    actual_map = reported_progress(past, on)

    cal = sched.calendar
    day_end = np.datetime64(on, "D") + 1
    dur = sched.duration_days.astype(float)
    elapsed = cal.count(sched.start, np.full(len(sched), day_end)).astype(float)
    planned = np.where(
        sched.milestone,
        (sched.finish <= np.datetime64(on, "D")).astype(float),
        np.clip(elapsed / np.maximum(dur, 1), 0.0, 1.0),
    )
    planned = np.where(sched.start >= day_end, 0.0, planned)
    actual = np.array([float(actual_map.get(s, 0.0)) for s in sched.ids])
    weight = np.maximum(dur, 1.0)
    behind = actual + EPS < planned
    frame = pd.DataFrame(
        {
            "title": [s.title for s in sched.steps],
            "start": sched.start.astype("datetime64[s]"),
            "finish": sched.finish.astype("datetime64[s]"),
            "duration_days": sched.duration_days,
            "planned": planned.round(4),
            "actual": actual,
            "behind": behind,
            "behind_days": np.where(behind, (planned - actual) * weight, 0.0).round(2),
        },
        index=pd.Index(list(sched.ids), name="step"),
    )
    total = float(weight.sum())
    planned_pct = 100.0 * float((planned * weight).sum()) / total
    actual_pct = 100.0 * float((actual * weight).sum()) / total

    last = past[-1].date if past else None
    since = (as_of - (last if last is not None else sched.first_day)).days
    allowed = CADENCE_DAYS[cadence]
    stale = since > allowed
    message = _review_message(last, since, cadence, sched.first_day)
    return Progress(
        as_of=as_of,
        review_date=review_date,
        steps=frame,
        planned_pct=planned_pct,
        actual_pct=actual_pct,
        behind=tuple(s for s, b in zip(sched.ids, behind, strict=True) if b),
        last_review=last,
        days_since_review=since,
        cadence=cadence,
        stale=stale,
        message=message,
    )


def _review_message(last: dt.date | None, since: int, cadence: str, first_day: dt.date) -> str:
    """The sentence for the coach on the age of the last review against the cadence."""
    allowed = CADENCE_DAYS[cadence]
    if last is None:
        if since > allowed:
            return (
                f"No review yet, {since} days after the plan's first day: "
                f"a {cadence} plan wants one every {allowed} days."
            )
        return f"No review yet; the first is due within {allowed} days of {first_day}."
    if since > allowed:
        return (
            f"The last review ({last}) is {since} days old; a {cadence} cadence allows {allowed}: "
            "the strategy has gathered dust. Review it now."
        )
    return (
        f"The last review ({last}) is {since} days old, "
        f"within the {cadence} cadence ({allowed} days)."
    )
