"""Progress at a checkpoint: what was reported for each step, and how old the report is.

And whether the reviews have "gathered dust": a review older than the
cadence allows (:data:`CADENCE_DAYS`). Nothing here is measured against a
plan: progress against the baseline (earned against planned, the slip) and
the forecast are :mod:`careerlib.tracking`'s, read from the one status-date
schedule, so that no page shows a second "planned" figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from careerlib._text import day_text
from careerlib.gaps._common import EPS, records
from careerlib.models import Review, suggest
from careerlib.scheduling.scheduler import Schedule

# each step's latest reported share: one definition, the status date's
from careerlib.scheduling.status import latest_progress as reported_progress
from careerlib.tracking.track import CADENCE_DAYS

__all__ = ["CADENCE_DAYS", "Progress", "progress_at", "reported_progress"]


@dataclass(frozen=True)
class Progress:
    """What was reported at one checkpoint, step by step, and how old it is.

    Attributes
    ----------
    as_of
        The day of the question.
    review_date
        The review used: the latest on or before ``as_of`` (None when there is none:
        every step then counts as not started).
    steps
        Indexed by step id: ``title``, ``milestone``, ``actual`` (the latest
        share reported for it on or before the review, 0 if never, 0-1) and
        ``state`` (``done``, ``in progress`` or ``not started``).
    last_review, days_since_review, cadence, stale, message
        The newest review on or before ``as_of``, its age [calendar days], the
        plan's review cadence and whether the age exceeds it (the strategy has
        "gathered dust"), with a sentence for the coach.
    """

    as_of: dt.date
    review_date: dt.date | None
    steps: pd.DataFrame
    last_review: dt.date | None
    days_since_review: int
    cadence: str
    stale: bool
    message: str

    @property
    def counts(self) -> dict[str, int]:
        """How many steps are ``done``, ``in progress`` and ``not started``."""
        got = self.steps["state"].value_counts()
        return {s: int(got.get(s, 0)) for s in ("done", "in progress", "not started")}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "as_of": self.as_of.isoformat(),
            "review_date": None if self.review_date is None else self.review_date.isoformat(),
            "counts": self.counts,
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
    """What was reported at a checkpoint, and whether the reviews have gathered dust.

    Parameters
    ----------
    sched
        A schedule of the plan: its steps (and route) are the rows.
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
    shares = reported_progress(past, on)
    actual = [float(shares.get(s, 0.0)) for s in sched.ids]
    milestone = [bool(m) for m in sched.milestone.tolist()]
    frame = pd.DataFrame(
        {
            "title": [s.title or s.id for s in sched.steps],
            "milestone": milestone,
            "actual": actual,
            "state": [_state(a, m) for a, m in zip(actual, milestone, strict=True)],
        },
        index=pd.Index(list(sched.ids), name="step"),
    )
    last = past[-1].date if past else None
    since = (as_of - (last if last is not None else sched.first_day)).days
    return Progress(
        as_of=as_of,
        review_date=review_date,
        steps=frame,
        last_review=last,
        days_since_review=since,
        cadence=cadence,
        stale=since > CADENCE_DAYS[cadence],
        message=_review_message(last, since, cadence, sched.first_day),
    )


def _state(share: float, milestone: bool) -> str:
    """``done``, ``in progress`` or ``not started`` (a milestone is reached or not)."""
    if share >= 1.0 - EPS:
        return "done"
    return "in progress" if share > EPS and not milestone else "not started"


def _review_message(last: dt.date | None, since: int, cadence: str, first_day: dt.date) -> str:
    """The sentence for the coach on the age of the last review against the cadence."""
    allowed = CADENCE_DAYS[cadence]
    if last is None:
        if since > allowed:
            return (
                f"No review yet, {since} days after the plan's first day: "
                f"a {cadence} plan wants one every {allowed} days."
            )
        return f"No review yet; the first is due within {allowed} days of {day_text(first_day)}."
    if since > allowed:
        return (
            f"The last review ({day_text(last)}) is {since} days old; a {cadence} cadence "
            f"allows {allowed}: the strategy has gathered dust. Review it now."
        )
    return (
        f"The last review ({day_text(last)}) is {since} days old, "
        f"within the {cadence} cadence ({allowed} days)."
    )
