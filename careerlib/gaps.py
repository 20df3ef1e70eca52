"""Gap analyses: what stands between the client and the target.

Five answers and a route finder, each a plain function returning a pandas
DataFrame or a small frozen dataclass of frames and scalars:

1. :func:`skills_gap`: the client's level of each skill the target role needs
   against the required level, weighted by importance, and the plan steps that
   develop it (a gap no step addresses is flagged ``unaddressed``);
2. :func:`peer_benchmark`: the organization's metrics against a peer group
   (median, quartiles, percentile rank, z-score, distance to the median and to
   the top quartile, in the direction that counts as better);
3. :func:`time_gap`: working days the plan needs against working days left;
4. :func:`progress_at`: planned against reported progress at a checkpoint,
   the pace so far, and whether the reviews have "gathered dust";
5. :func:`goal_alignment`: the goal tree, orphan goals, steps serving no goal
   and goals no step serves;

and :func:`find_routes`, the O*NET occupations with the smallest weighted
skills gap and a good interest fit. :func:`analyse` runs them all for a client
file (``careerlib gaps``).

Units: skill levels are on O*NET's level scale 0-7 and importance on its
1-5 scale; days are working days of the plan's calendar unless said otherwise.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from careerlib.exceptions import CareerlibError, DataError
from careerlib.models import GOAL_LEVELS, Plan, Review, Span, suggest
from careerlib.scheduler import Schedule, schedule

__all__ = [
    "CADENCE_DAYS",
    "Alignment",
    "GapReport",
    "Progress",
    "TimeGap",
    "analyse",
    "find_routes",
    "goal_alignment",
    "peer_benchmark",
    "progress_at",
    "remaining_plan",
    "report_text",
    "reported_progress",
    "skills_gap",
    "time_gap",
    "weighted_mean_gap",
]

CADENCE_DAYS: dict[str, int] = {"daily": 1, "weekly": 7, "biweekly": 14, "monthly": 31}
"""Calendar days a review may be old before the plan has "gathered dust" [days]."""

_WORDS = re.compile(r"[^a-z0-9]+")
_EPS = 1e-9


def _key(name: str) -> str:
    return _WORDS.sub(" ", str(name).lower()).strip()


def _day(value: Any) -> dt.date:
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[D]").astype(object)
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# --- 1. skills ---------------------------------------------------------------------


def skills_gap(
    requirements: pd.DataFrame | Any,
    levels: Mapping[str, float],
    plan: Plan | None = None,
    *,
    route: str | None = None,
    unrated_level: float = 0.0,
) -> pd.DataFrame:
    """Where the client stands on each skill the target role needs.

    Parameters
    ----------
    requirements
        A :class:`~careerlib.onet.RoleProfile` or its ``requirements`` frame
        (indexed by skill name, with ``level`` 0-7, ``importance`` 1-5 and
        ``weight`` 0-1).
    levels
        The client's level of each skill on O*NET's level scale [0-7]; names
        match the requirements' whatever their case.
    plan
        The plan, whose steps say which skills they ``develop``.
    route
        Count only the steps of this route (and those common to all routes).
    unrated_level
        The level assumed for a skill the client did not rate [0-7].

    Returns
    -------
    pandas.DataFrame
        Indexed by skill ``name``, most weighted gap first: ``element_id``,
        ``kind``, ``required`` [0-7], ``importance`` [1-5], ``weight``
        (``(importance - 1) / 4``, 0-1), ``client`` [0-7, NaN if unrated],
        ``rated``, ``gap`` (``max(0, required - client)`` [level points]),
        ``weighted_gap`` (``gap * weight`` [level points]), ``steps`` (ids of
        the steps that develop it, a tuple), ``status``: ``met`` (no gap),
        ``addressed`` (a gap some step develops) or ``unaddressed`` (a gap no
        step develops: the plan leaves it open).
    """
    req = getattr(requirements, "requirements", requirements)
    mine = {_key(k): float(v) for k, v in levels.items()}
    developed: dict[str, list[str]] = {}
    if plan is not None:
        for step in plan.steps:
            if route is not None and step.route not in (None, route):
                continue
            for name in step.develops:
                developed.setdefault(_key(name), []).append(step.id)
    keys = [_key(n) for n in req.index]
    client = np.array([mine.get(k, np.nan) for k in keys], dtype=float)
    rated = ~np.isnan(client)
    required = req["level"].to_numpy(dtype=float)
    gap = np.maximum(0.0, required - np.where(rated, client, unrated_level))
    weight = req["weight"].to_numpy(dtype=float)
    steps = [tuple(developed.get(k, ())) for k in keys]
    status = np.where(
        gap <= _EPS, "met", np.where([bool(s) for s in steps], "addressed", "unaddressed")
    )
    frame = pd.DataFrame(
        {
            "element_id": req["element_id"].to_numpy(),
            "kind": req["kind"].to_numpy(),
            "required": required,
            "importance": req["importance"].to_numpy(dtype=float),
            "weight": weight,
            "client": client,
            "rated": rated,
            "gap": gap.round(4),
            "weighted_gap": (gap * weight).round(4),
            "steps": steps,
            "status": status,
        },
        index=pd.Index(list(req.index), name="name"),
    )
    return frame.sort_values(
        ["weighted_gap", "importance"], ascending=[False, False], kind="stable"
    )


def weighted_mean_gap(gaps: pd.DataFrame) -> float:
    """``sum(weight * gap) / sum(weight)`` of a :func:`skills_gap` frame [level points, 0-7]."""
    total = float(gaps["weight"].sum())
    return float(gaps["weighted_gap"].sum() / total) if total > 0 else 0.0


# --- 2. peers ------------------------------------------------------------------------


def peer_benchmark(
    metrics: Mapping[str, float],
    peers: pd.DataFrame,
    definitions: pd.DataFrame,
) -> pd.DataFrame:
    """The organization against its peer group, metric by metric.

    Parameters
    ----------
    metrics
        The organization's value of each metric (ids as in ``definitions``).
    peers
        One row per peer organization, one column per metric (see
        :func:`careerlib.peers.load_peers`); NaN cells are left out.
    definitions
        Indexed by metric: ``label``, ``unit``, ``better`` (``higher`` or
        ``lower``); see :func:`careerlib.peers.load_metrics`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``metric``: ``label``, ``unit``, ``better``, ``value``,
        ``n`` (peers with a value), ``mean``, ``std`` (sample, ddof=1), ``q1``,
        ``median``, ``q3`` (linear interpolation, as numpy), ``percentile``
        (percentile rank of the value among the peers, 0-100: the share of
        peers below it plus half the share equal to it), ``better_than``
        (the same in the direction that counts as better: the share of peers
        the organization beats, 0-100), ``z`` (``(value - mean) / std``; NaN
        for fewer than 2 peers or no spread), ``top_quartile`` (``q3`` when
        higher is better, ``q1`` when lower is), ``to_median`` and
        ``to_top_quartile`` (the change of the value that would reach the
        median or the top quartile, in the metric's unit; 0 when already
        there), ``standing`` (top quartile, above median, below median,
        bottom quartile, in the better direction).

    Raises
    ------
    DataError
        For a metric missing from the definitions or the peer file, and an
        empty peer group.
    """
    rows = []
    for metric, value in metrics.items():
        if metric not in definitions.index:
            raise DataError(
                f"unknown metric {metric!r}{suggest(metric, definitions.index)}; "
                f"defined: {', '.join(definitions.index)}"
            )
        if metric not in peers.columns:
            raise DataError(
                f"the metric {metric!r} is missing from the peer file"
                f"{suggest(metric, peers.columns)}"
            )
        col = pd.to_numeric(peers[metric], errors="coerce")
        if col.isna().sum() > peers[metric].isna().sum():
            bad = peers[metric][col.isna() & peers[metric].notna()].iloc[0]
            raise DataError(
                f"the peer file's metric {metric!r} holds {bad!r}, which is not a number"
            )
        data = col.dropna().to_numpy(dtype=float)
        if data.size == 0:
            raise DataError(
                f"the peer group is empty for the metric {metric!r}: no peer has a value"
            )
        better = str(definitions.at[metric, "better"])
        x = float(value)
        n = data.size
        below = float(np.sum(data < x))
        equal = float(np.sum(data == x))
        above = n - below - equal
        percentile = 100.0 * (below + 0.5 * equal) / n
        better_than = percentile if better == "higher" else 100.0 * (above + 0.5 * equal) / n
        mean = float(data.mean())
        std = float(data.std(ddof=1)) if n > 1 else float("nan")
        z = (x - mean) / std if n > 1 and std > 0 else float("nan")
        q1, median, q3 = (float(q) for q in np.quantile(data, [0.25, 0.5, 0.75]))
        if better == "higher":
            top = q3
            to_median = max(0.0, median - x)
            to_top = max(0.0, q3 - x)
            standing = (
                "top quartile"
                if x >= q3
                else "above median"
                if x >= median
                else "below median"
                if x >= q1
                else "bottom quartile"
            )
        else:
            top = q1
            to_median = min(0.0, median - x)
            to_top = min(0.0, q1 - x)
            standing = (
                "top quartile"
                if x <= q1
                else "above median"
                if x <= median
                else "below median"
                if x <= q3
                else "bottom quartile"
            )
        rows.append(
            {
                "metric": metric,
                "label": definitions.at[metric, "label"],
                "unit": definitions.at[metric, "unit"],
                "better": better,
                "value": x,
                "n": n,
                "mean": mean,
                "std": std,
                "q1": q1,
                "median": median,
                "q3": q3,
                "percentile": percentile,
                "better_than": better_than,
                "z": z,
                "top_quartile": top,
                "to_median": to_median,
                "to_top_quartile": to_top,
                "standing": standing,
            }
        )
    columns = [
        "label", "unit", "better", "value", "n", "mean", "std", "q1", "median", "q3",
        "percentile", "better_than", "z", "top_quartile", "to_median", "to_top_quartile",
        "standing",
    ]  # fmt: skip
    if not rows:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="metric"))
    return pd.DataFrame(rows).set_index("metric")[columns]


# --- 3. time ---------------------------------------------------------------------------


def remaining_plan(plan: Plan, progress: Mapping[str, float], as_of: dt.date | None = None) -> Plan:
    """The plan as it stands on ``as_of``: what is left of each step, starting that day.

    A step reported done (progress 1) is left out, and the steps after it wait
    on its own predecessors instead (so the order of what is left is kept). A
    step partly done keeps ``ceil(days * (1 - progress))`` working days (or
    that share of its effort). The start becomes ``as_of`` when it is later than
    the plan's start. When every step is done, the last one is kept as a
    milestone. The plan is copied, not validated again.
    """
    per_week = plan.workdays_per_week
    done = {s.id for s in plan.steps if float(progress.get(s.id, 0.0)) >= 1.0 - _EPS}
    if len(done) == len(plan.steps):
        last = plan.steps[-1].model_copy(
            update={
                "milestone": True,
                "duration": None,
                "effort": None,
                "deadline": None,
                "after": [],
            }
        )
        return plan.model_copy(
            update={"steps": [last], "start": max(as_of or plan.first_day, plan.first_day)}
        )
    after_of = {s.id: list(s.after) for s in plan.steps}

    def expand(refs: list[str], seen: set[str]) -> list[str]:
        out: list[str] = []
        for ref in refs:
            if ref in done:
                if ref not in seen:
                    seen.add(ref)
                    out.extend(expand(after_of.get(ref, []), seen))
            else:
                out.append(ref)
        return list(dict.fromkeys(out))

    steps = []
    for step in plan.steps:
        if step.id in done:
            continue
        update: dict[str, Any] = {}
        if any(a in done for a in step.after):
            update["after"] = expand(list(step.after), set())
        share = float(progress.get(step.id, 0.0))
        if share > _EPS and not step.milestone:
            if step.duration is not None:
                days = step.duration.working_days(per_week)
                update["duration"] = Span(max(1, math.ceil(days * (1.0 - share) - _EPS)), "d")
            elif step.effort is not None:
                update["effort"] = step.effort * (1.0 - share)
        steps.append(step.model_copy(update=update) if update else step)
    changes: dict[str, Any] = {"steps": steps}
    if as_of is not None and as_of > plan.first_day:
        changes["start"] = as_of
    return plan.model_copy(update=changes)


@dataclass(frozen=True)
class TimeGap:
    """Working days the plan needs against the working days left.

    Attributes
    ----------
    as_of
        The day the count starts from (the schedule's first working day).
    target
        The plan's target as written; ``target_day`` the last working day on or before it.
    days_left
        Working days from ``as_of`` through ``target_day`` [working days].
    days_needed
        Working days from ``as_of`` through the earliest finish of the work
        (the forward pass, buffers included) [working days].
    spare_days
        ``days_left - days_needed`` [working days]; negative when short.
    feasible, late_by_days, earliest_finish, verdict
        From the schedule (spec rules 7 and 8): ``late_by_days`` [working
        days] by which the work would have to start before ``as_of``, and
        the earliest realistic target.
    critical
        The critical steps, indexed by step id: ``title``, ``start``, ``finish``,
        ``duration_days``, ``buffer_days``, ``slack_days`` [working days],
        ``can_shrink_days`` (``duration - 1 + buffer``: what the step could give
        up and still take a day), ``shrink_days`` (how much it would have to
        shrink to meet the target on its own: ``min(late_by_days,
        can_shrink_days)``; 0 when feasible) and ``enough_alone`` (whether
        shrinking it alone would do).
    route
        The route scheduled, or None for the whole plan.
    """

    as_of: dt.date
    target: dt.date
    target_day: dt.date
    days_left: int
    days_needed: int
    spare_days: int
    feasible: bool
    late_by_days: int
    earliest_finish: dt.date
    verdict: str
    critical: pd.DataFrame
    route: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings)."""
        return {
            "route": self.route,
            "as_of": self.as_of.isoformat(),
            "target": self.target.isoformat(),
            "days_left": self.days_left,
            "days_needed": self.days_needed,
            "spare_days": self.spare_days,
            "feasible": self.feasible,
            "late_by_days": self.late_by_days,
            "earliest_finish": self.earliest_finish.isoformat(),
            "verdict": self.verdict,
            "critical": _records(self.critical, "step"),
        }


def time_gap(sched: Schedule) -> TimeGap:
    """Working days the plan needs from its first day against the working days left.

    The count starts on the schedule's ``first_day``: to measure from another
    day, schedule :func:`remaining_plan` (which :func:`analyse` does).
    """
    cal = sched.calendar
    first = np.datetime64(sched.first_day, "D")
    end = np.datetime64(sched.target_day, "D") + 1
    days_left = int(cal.count(first, end)) if end > first else 0
    days_needed = int(cal.count(first, np.datetime64(sched.earliest_finish, "D") + 1))
    frame = sched.to_frame()
    crit = frame[frame["critical"]].copy()
    crit["can_shrink_days"] = (
        np.where(crit["milestone"], 0, crit["duration_days"] - 1) + crit["buffer_days"]
    )
    late = sched.late_by_days
    crit["shrink_days"] = np.minimum(late, crit["can_shrink_days"]) if late else 0
    crit["enough_alone"] = crit["can_shrink_days"] >= late
    crit = crit[
        [
            "title",
            "start",
            "finish",
            "duration_days",
            "buffer_days",
            "slack_days",
            "can_shrink_days",
            "shrink_days",
            "enough_alone",
        ]
    ]
    return TimeGap(
        as_of=sched.first_day,
        target=sched.target,
        target_day=sched.target_day,
        days_left=days_left,
        days_needed=days_needed,
        spare_days=days_left - days_needed,
        feasible=sched.feasible,
        late_by_days=late,
        earliest_finish=sched.earliest_finish,
        verdict=sched.verdict,
        critical=crit,
        route=sched.route,
    )


# --- 4. progress ---------------------------------------------------------------------------


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
    pace
        Step-days done per working day elapsed since the plan's first day
        [working days/working day]; NaN before any working day.
    projected_finish
        The review day plus the remaining step-days at that pace (None when
        nothing is done yet).
    projected_late_days
        Working days from the target day to ``projected_finish`` (negative when early).
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
    pace: float
    projected_finish: dt.date | None
    projected_late_days: int | None
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
            "pace": None if math.isnan(self.pace) else round(self.pace, 4),
            "projected_finish": None
            if self.projected_finish is None
            else self.projected_finish.isoformat(),
            "projected_late_days": self.projected_late_days,
            "last_review": None if self.last_review is None else self.last_review.isoformat(),
            "days_since_review": self.days_since_review,
            "cadence": self.cadence,
            "stale": self.stale,
            "message": self.message,
            "steps": _records(self.steps, "step"),
        }


def reported_progress(reviews: Iterable[Review], on: dt.date) -> dict[str, float]:
    """Each step's latest reported progress (0-1) in the reviews on or before ``on``."""
    out: dict[str, float] = {}
    for review in sorted(reviews, key=lambda r: r.date):
        if review.date <= on:
            out.update(review.progress)
    return out


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
    behind = actual + _EPS < planned
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
    first = np.datetime64(sched.first_day, "D")
    worked = float(cal.count(first, day_end)) if day_end > first else 0.0
    done = float((actual * weight).sum())
    remaining = total - done
    pace = done / worked if worked > 0 else float("nan")
    projected: dt.date | None = None
    projected_late: int | None = None
    if remaining <= _EPS:
        projected = on
    elif worked > 0 and done > 0:
        projected = cal.add(cal.roll_backward(on), math.ceil(remaining / pace - _EPS))
    if projected is not None:
        target = np.datetime64(sched.target_day, "D")
        p = np.datetime64(projected, "D")
        projected_late = int(cal.count(target, p)) if p >= target else -int(cal.count(p, target))

    last = past[-1].date if past else None
    since = (as_of - (last if last is not None else sched.first_day)).days
    allowed = CADENCE_DAYS[cadence]
    stale = since > allowed
    if last is None:
        message = (
            f"No review yet, {since} days after the plan's first day: "
            f"a {cadence} plan wants one every {allowed} days."
            if stale
            else f"No review yet; the first is due within {allowed} days of {sched.first_day}."
        )
    elif stale:
        message = (
            f"The last review ({last}) is {since} days old; a {cadence} cadence allows {allowed}: "
            "the strategy has gathered dust. Review it now."
        )
    else:
        message = (
            f"The last review ({last}) is {since} days old, "
            f"within the {cadence} cadence ({allowed} days)."
        )
    return Progress(
        as_of=as_of,
        review_date=review_date,
        steps=frame,
        planned_pct=planned_pct,
        actual_pct=actual_pct,
        behind=tuple(s for s, b in zip(sched.ids, behind, strict=True) if b),
        pace=pace,
        projected_finish=projected,
        projected_late_days=projected_late,
        last_review=last,
        days_since_review=since,
        cadence=cadence,
        stale=stale,
        message=message,
    )


# --- 5. goal alignment -------------------------------------------------------------------------


@dataclass(frozen=True)
class Alignment:
    """The goal tree and what hangs loose in it.

    Attributes
    ----------
    goals
        Indexed by goal id, in level order (organizational first): ``title``,
        ``level``, ``supports`` (tuple of ids), ``steps`` (ids of the steps
        that name the goal), ``served_directly`` (some step names it),
        ``served`` (some step names it or a goal below it that is served),
        ``orphan`` (not organizational and supports no goal: it serves nothing
        above it), ``unserved`` (not served).
    orphan_goals, unserved_goals, steps_without_goal
        The ids, in plan order.
    tree
        For a sunburst or icicle chart: ``id``, ``parent`` ("" for a root),
        ``label``, ``kind`` (goal or step), ``level``, ``value`` (1 per node).
        A goal that supports several goals hangs under the first.
    """

    goals: pd.DataFrame
    orphan_goals: tuple[str, ...]
    unserved_goals: tuple[str, ...]
    steps_without_goal: tuple[str, ...]
    tree: pd.DataFrame

    @property
    def aligned(self) -> bool:
        """No orphan goal, no unserved goal and no step without a goal."""
        return not (self.orphan_goals or self.unserved_goals or self.steps_without_goal)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "aligned": self.aligned,
            "orphan_goals": list(self.orphan_goals),
            "unserved_goals": list(self.unserved_goals),
            "steps_without_goal": list(self.steps_without_goal),
            "goals": _records(self.goals, "goal"),
        }


def goal_alignment(plan: Plan) -> Alignment:
    """The tree from personal goals up to organizational ones, and its loose ends."""
    steps_of: dict[str, list[str]] = {g.id: [] for g in plan.goals}
    no_goal = []
    for step in plan.steps:
        if step.goal is None:
            no_goal.append(step.id)
        else:
            steps_of[step.goal].append(step.id)
    served = {g.id: bool(steps_of[g.id]) for g in plan.goals}
    # a goal is served when a goal that supports it is; walk up from the lowest level
    by_level = sorted(plan.goals, key=lambda g: GOAL_LEVELS.index(g.level))
    for _ in range(len(GOAL_LEVELS) + 1):
        for g in by_level:
            if served[g.id]:
                for up in g.supports:
                    served[up] = True
    goals = pd.DataFrame(
        {
            "title": [g.title for g in plan.goals],
            "level": [g.level for g in plan.goals],
            "supports": [tuple(g.supports) for g in plan.goals],
            "steps": [tuple(steps_of[g.id]) for g in plan.goals],
            "served_directly": [bool(steps_of[g.id]) for g in plan.goals],
            "served": [served[g.id] for g in plan.goals],
            "orphan": [g.level != "organizational" and not g.supports for g in plan.goals],
        },
        index=pd.Index([g.id for g in plan.goals], name="goal"),
    )
    goals["unserved"] = ~goals["served"]
    rank = goals["level"].map({lvl: -i for i, lvl in enumerate(GOAL_LEVELS)})
    goals = goals.iloc[np.argsort(rank.to_numpy(), kind="stable")]
    nodes = [
        {
            "id": f"goal:{g.id}",
            "parent": f"goal:{g.supports[0]}" if g.supports else "",
            "label": g.title,
            "kind": "goal",
            "level": g.level,
            "value": 1,
        }
        for g in plan.goals
    ]
    nodes += [
        {
            "id": f"step:{s.id}",
            "parent": f"goal:{s.goal}" if s.goal else "",
            "label": s.title or s.id,
            "kind": "step",
            "level": "step",
            "value": 1,
        }
        for s in plan.steps
    ]
    tree = pd.DataFrame(nodes, columns=["id", "parent", "label", "kind", "level", "value"])
    return Alignment(
        goals=goals,
        orphan_goals=tuple(
            g.id for g in plan.goals if g.level != "organizational" and not g.supports
        ),
        unserved_goals=tuple(g.id for g in plan.goals if not served[g.id]),
        steps_without_goal=tuple(no_goal),
        tree=tree,
    )


# --- route finder --------------------------------------------------------------------------------


def find_routes(
    levels: Mapping[str, float],
    interests: Mapping[str, float] | None = None,
    *,
    data: Any = None,
    top: int = 10,
    min_fit: float = 0.5,
    max_job_zone: int | None = None,
    min_job_zone: int | None = None,
    surplus_weight: float = 0.5,
    exclude: Iterable[str] = (),
    unrated_level: float = 0.0,
) -> pd.DataFrame:
    """O*NET occupations worth considering: smallest weighted skills gap, good interest fit.

    For every O*NET occupation with skill ratings, the weighted mean gap over
    its 35 skills and 33 knowledge areas is ``sum(w * max(0, required -
    client)) / sum(w)`` with ``w = (importance - 1) / 4`` [level points, 0-7].
    The weighted surplus is the same sum over ``max(0, client - required)``:
    how far the client is above what the occupation asks, where it matters to
    it. Ranking by the gap alone would put every occupation that asks little
    on top, so the ``score`` is ``weighted_gap + surplus_weight * surplus``
    [level points]: the smallest for an occupation whose important elements
    sit close to the client's levels. The interest fit is the Pearson
    correlation between the client's RIASEC ratings and the occupation's
    RIASEC scores (-1 to 1; NaN when the client rated fewer than 3 scales).
    Occupations with a fit below ``min_fit`` are left out (unless the fit is
    NaN); the rest are ranked by score, then fit.

    Parameters
    ----------
    levels
        The client's skill and knowledge levels [0-7] by O*NET element name;
        names that are not O*NET elements are ignored.
    interests
        RIASEC scale -> rating [1-7].
    data
        The O*NET tables (default :func:`careerlib.onet.load_onet`).
    top
        How many occupations to return.
    max_job_zone, min_job_zone
        Leave out occupations that need more, or less, preparation (job zone 1-5).
    surplus_weight
        Weight of the surplus in the score (0 ranks by the gap alone).
    exclude
        O*NET codes to leave out (the current occupation).
    unrated_level
        The level assumed for an element the client did not rate [0-7].

    Returns
    -------
    pandas.DataFrame
        Indexed by ``rank`` from 1: ``code``, ``title``, ``score``,
        ``weighted_gap``, ``surplus`` [level points], ``fit`` [-1, 1],
        ``job_zone`` (1-5), ``job_zone_name``,
        ``education`` (the most frequent required level) and ``education_pct``
        [% of respondents], ``interest_code`` (the occupation's three highest
        RIASEC scales, e.g. "ECI"), ``largest_gaps`` (its three largest weighted gaps).
    """
    from careerlib.onet import RIASEC, importance_weight, load_onet

    onet = data if data is not None else load_onet()
    lv = onet.level.to_numpy(dtype=float)
    w = importance_weight(onet.importance.to_numpy(dtype=float))
    client = np.full(lv.shape[1], float(unrated_level))
    for name, value in levels.items():
        eid = onet.element_id(name)
        if eid is not None:
            client[onet.level.columns.get_loc(eid)] = float(value)
    gap = np.maximum(0.0, lv - client) * w
    weighted = gap.sum(axis=1) / w.sum(axis=1)
    surplus = (np.maximum(0.0, client - lv) * w).sum(axis=1) / w.sum(axis=1)
    codes = onet.level.index
    occ = onet.occupations.loc[codes]
    fit = np.full(len(codes), np.nan)
    if interests:
        names = [n for n in RIASEC if n in interests]
        if len(names) >= 3:
            mine = np.array([float(interests[n]) for n in names])
            theirs = occ[names].to_numpy(dtype=float)
            a = mine - mine.mean()
            b = theirs - theirs.mean(axis=1, keepdims=True)
            denom = np.sqrt((a**2).sum()) * np.sqrt((b**2).sum(axis=1))
            with np.errstate(invalid="ignore", divide="ignore"):
                fit = np.where(denom > 0, (b @ a) / denom, np.nan)
    riasec = occ[list(RIASEC)].to_numpy(dtype=float)
    order3 = np.argsort(-riasec, axis=1, kind="stable")[:, :3]
    letters = np.array([n[0] for n in RIASEC])
    frame = pd.DataFrame(
        {
            "code": codes,
            "title": occ["title"].to_numpy(),
            "weighted_gap": weighted.round(4),
            "surplus": surplus.round(4),
            "score": (weighted + surplus_weight * surplus).round(4),
            "fit": np.round(fit, 4),
            "job_zone": occ["job_zone"].to_numpy(),
            "education": occ["education"].to_numpy(),
            "education_pct": occ["education_pct"].to_numpy(),
            "interest_code": ["".join(row) for row in letters[order3]],
        }
    )
    keep = ~frame["code"].isin(list(exclude))
    keep &= ~(frame["fit"] < min_fit)
    if max_job_zone is not None:
        keep &= frame["job_zone"].fillna(0) <= max_job_zone
    if min_job_zone is not None:
        keep &= frame["job_zone"].fillna(0) >= min_job_zone
    frame = frame[keep.to_numpy()]
    frame = frame.sort_values(["score", "fit"], ascending=[True, False], na_position="last").head(
        top
    )
    rows = frame.index.to_numpy()
    names_ = onet.level.columns.map(onet.elements["name"]).to_numpy()
    largest = []
    for r in rows:
        idx = np.argsort(-gap[r], kind="stable")[:3]
        largest.append(", ".join(str(names_[i]) for i in idx if gap[r, i] > _EPS))
    frame = frame.assign(
        largest_gaps=largest,
        job_zone_name=frame["job_zone"].map(
            lambda z: onet.job_zones["name"].get(z) if pd.notna(z) else None
        ),
    )
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="rank")
    return frame[
        [
            "code",
            "title",
            "score",
            "weighted_gap",
            "surplus",
            "fit",
            "job_zone",
            "job_zone_name",
            "education",
            "education_pct",
            "interest_code",
            "largest_gaps",
        ]
    ]


# --- everything for a client ---------------------------------------------------------------------


@dataclass(frozen=True)
class GapReport:
    """All the analyses for one client (see :func:`analyse`).

    ``time`` has one entry per route of the plan (key ``None`` for a plan
    without routes); ``peers`` (the benchmark) and ``peer_group`` (the peers'
    own values) are None without a peer group, and ``progress`` and
    ``alignment`` without a plan.
    """

    client: Any
    as_of: dt.date
    role: Any
    skills: pd.DataFrame
    peers: pd.DataFrame | None
    time: dict[str | None, TimeGap]
    progress: Progress | None
    alignment: Alignment | None
    routes: pd.DataFrame
    plan: Plan | None = None
    schedule: Schedule | None = None
    notes: list[str] = field(default_factory=list)
    peer_group: pd.DataFrame | None = None

    def to_dict(self) -> dict[str, Any]:
        """One key per analysis.

        ``skills``, ``peers``, ``time``, ``progress``, ``alignment`` and ``routes``.
        """
        from careerlib.onet import ATTRIBUTION

        unaddressed = self.skills.index[self.skills["status"] == "unaddressed"].tolist()
        return {
            "client": self.client.name,
            "as_of": self.as_of.isoformat(),
            "skills": {
                "role": self.role.title,
                "onet_code": self.role.code,
                "weighted_mean_gap": round(weighted_mean_gap(self.skills), 4),
                "unaddressed": unaddressed,
                "items": _records(self.skills, "name"),
            },
            "peers": None if self.peers is None else _records(self.peers, "metric"),
            "time": [t.to_dict() for t in self.time.values()],
            "progress": None if self.progress is None else self.progress.to_dict(),
            "alignment": None if self.alignment is None else self.alignment.to_dict(),
            "routes": _records(self.routes, "rank"),
            "attribution": ATTRIBUTION,
        }


def all_reviews(plan: Plan, client: Any = None) -> list[Review]:
    """The checkpoint reviews of the plan and of the client profile, plan's first."""
    reviews = list(plan.checkpoints.reviews) if plan.checkpoints is not None else []
    return reviews + list(getattr(client, "reviews", []) or [])


def time_gaps(plan: Plan, reviews: Iterable[Review], as_of: dt.date) -> dict[str | None, TimeGap]:
    """The time gap at ``as_of`` for the whole plan or each of its routes.

    What is left of each step after the progress reported by ``as_of``
    (:func:`remaining_plan`) is scheduled from ``as_of``; the key is the route
    id, or None for a plan without routes.
    """
    left = remaining_plan(plan, reported_progress(reviews, as_of), as_of)
    routes: list[str | None] = [None] if not plan.routes else [r.id for r in plan.routes]
    return {r: time_gap(schedule(left, route=r)) for r in routes}


def target_role(client: Any) -> Any:
    """The client's target role as a :class:`~careerlib.onet.RoleProfile`.

    ``target_role`` in the client file is a role file (relative to the client
    file), an O*NET code, or a title looked up in O*NET.
    """
    from careerlib.onet import role_profile

    return role_profile(
        client.resolve(client.target_role) if client.role_is_file else client.target_role
    )


def analyse(client: Any, as_of: dt.date | None = None, *, top_routes: int = 10) -> GapReport:
    """Run every analysis for a client profile (a :class:`~careerlib.clients.Client` or a path).

    The time gap counts from ``as_of`` (default today) with what is left of
    each step after the progress reported by then (:func:`remaining_plan`);
    progress is judged at the newest review on or before ``as_of``.
    """
    from careerlib.clients import load_client
    from careerlib.onet import load_onet, occupation_code
    from careerlib.peers import load_metrics, load_peers
    from careerlib.planfile import load_plan

    if isinstance(client, str | Path):
        client = load_client(client)
    day = as_of if as_of is not None else dt.date.today()
    role = target_role(client)
    plan = load_plan(client.resolve(client.plan)) if client.plan is not None else None
    route = getattr(client, "route", None)
    skills = skills_gap(role, client.skill_levels(), plan, route=route)

    peers = None
    group = None
    if client.peers is not None and client.organization is not None:
        defs = load_metrics(client.metrics_path)
        group = load_peers(client.resolve(client.peers))
        peers = peer_benchmark(client.organization.metrics, group, defs)

    times: dict[str | None, TimeGap] = {}
    progress = None
    alignment = None
    sched = None
    if plan is not None:
        reviews = all_reviews(plan, client)
        times = time_gaps(plan, reviews, day)
        sched = schedule(plan, route=route)
        cadence = client.cadence or (plan.checkpoints.cadence if plan.checkpoints else "monthly")
        progress = progress_at(sched, reviews, day, cadence=cadence)
        alignment = goal_alignment(plan)

    exclude = []
    min_zone = None
    try:
        current = occupation_code(client.current_role)
    except CareerlibError:  # the current role may be free text
        current = None
    if current is not None:
        exclude.append(current)
        zone = load_onet().occupations.at[current, "job_zone"]
        min_zone = None if pd.isna(zone) else int(zone)
    routes = find_routes(
        client.skill_levels(),
        client.interest_scores(),
        top=top_routes,
        exclude=exclude,
        min_job_zone=min_zone,
    )
    return GapReport(
        client=client,
        as_of=day,
        role=role,
        skills=skills,
        peers=peers,
        time=times,
        progress=progress,
        alignment=alignment,
        routes=routes,
        plan=plan,
        schedule=sched,
        peer_group=group,
    )


def _records(frame: pd.DataFrame, index_name: str) -> list[dict[str, Any]]:
    """A frame as JSON-ready records: dates as ISO strings, NaN as None, tuples as lists."""
    out = []
    for key, row in frame.iterrows():
        rec: dict[str, Any] = {index_name: key if not isinstance(key, np.integer) else int(key)}
        for col, value in row.items():
            rec[str(col)] = _plain(value)
        out.append(rec)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else round(float(value), 4)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    return value


def report_text(report: GapReport) -> str:
    """A plain-text summary of a :class:`GapReport` for the terminal."""
    lines = [f"Gap analyses for {report.client.name}, as of {report.as_of}", ""]
    skills = report.skills
    lines.append(
        f"Skills against {report.role.title} (O*NET {report.role.code}): "
        f"weighted mean gap {weighted_mean_gap(skills):.2f} level points"
    )
    for name, row in skills[skills["gap"] > 0].head(10).iterrows():
        steps = ", ".join(row["steps"]) or "NO STEP ADDRESSES THIS GAP"
        mine = "unrated" if pd.isna(row["client"]) else f"{row['client']:.1f}"
        lines.append(
            f"  {name:<42} required {row['required']:.1f}  client {mine:>7}  "
            f"weighted gap {row['weighted_gap']:.2f}  <- {steps}"
        )
    unaddressed = skills.index[skills["status"] == "unaddressed"].tolist()
    if unaddressed:
        lines.append(f"  Unaddressed gaps: {', '.join(unaddressed)}")
    if report.peers is not None:
        lines += ["", "Peers (better-than share in the better direction):"]
        for _, row in report.peers.iterrows():
            lines.append(
                f"  {row['label']:<42} {row['value']:>10g} {row['unit']:<9} "
                f"median {row['median']:>9g}  "
                f"better than {row['better_than']:>3.0f}%  z {row['z']:+.2f}  {row['standing']}"
            )
    for route, t in report.time.items():
        name = f" (route {route})" if route else ""
        lines += [
            "",
            f"Time{name}: {t.days_needed} working days needed, {t.days_left} left "
            f"to {t.target}. {t.verdict}",
        ]
        if not t.feasible:
            for sid, row in t.critical.iterrows():
                if row["shrink_days"] > 0:
                    alone = "enough alone" if row["enough_alone"] else "not enough alone"
                    lines.append(f"  shrink {sid} by {row['shrink_days']} working days ({alone})")
    if report.progress is not None:
        p = report.progress
        lines += [
            "",
            f"Progress at {p.review_date or p.as_of}: planned {p.planned_pct:.0f}%, "
            f"reported {p.actual_pct:.0f}%"
            + (f"; behind: {', '.join(p.behind)}" if p.behind else ""),
            "  projected finish at the pace so far: "
            f"{p.projected_finish or 'n/a (nothing done yet)'}",
            f"  {p.message}",
        ]
    if report.alignment is not None:
        a = report.alignment
        lines += ["", "Goal alignment: " + ("aligned" if a.aligned else "loose ends")]
        if a.orphan_goals:
            lines.append(f"  goals serving nothing above them: {', '.join(a.orphan_goals)}")
        if a.unserved_goals:
            lines.append(f"  goals no step serves: {', '.join(a.unserved_goals)}")
        if a.steps_without_goal:
            lines.append(f"  steps serving no goal: {', '.join(a.steps_without_goal)}")
    lines += ["", "Routes worth considering:"]
    for rank, row in report.routes.iterrows():
        fit = "n/a" if pd.isna(row["fit"]) else f"{row['fit']:.2f}"
        lines.append(
            f"  {rank:>2}. {row['title']} ({row['code']}): "
            f"gap {row['weighted_gap']:.2f}, fit {fit}, "
            f"job zone {row['job_zone']}, {row['education']}"
        )
    from careerlib.onet import ATTRIBUTION

    lines += ["", ATTRIBUTION]
    return "\n".join(lines)


# --- know where you are: the self-assessment, due diligence, obstacles ------------


def self_assessment(client: Any, role: Any | None = None) -> pd.DataFrame:
    """The client's self-assessment as one tidy table, beside the target role's profile.

    Parameters
    ----------
    client
        A :class:`~careerlib.clients.Client`.
    role
        The target role's :class:`~careerlib.onet.RoleProfile`; its O*NET
        occupation gives the interest (RIASEC) and work-value scores the client's
        ratings are set against.

    Returns
    -------
    pandas.DataFrame
        One row a factor: ``kind`` (``talent``, ``interest``, ``value``,
        ``marketability``), ``name``, ``rating`` (talents and marketability 1-5;
        interests and values 1-7), ``role`` (the occupation's score on the same
        scale, for interests and values; NaN otherwise), ``difference``
        (``rating - role``), ``note``.
    """
    from careerlib.onet import load_onet

    occupation = None
    if role is not None:
        occupations = load_onet().occupations
        if role.code in occupations.index:
            occupation = occupations.loc[role.code]
    sa = client.self_assessment
    rows: list[dict[str, Any]] = []
    for item in sa.talents:
        rows.append(
            {"kind": "talent", "name": item.name, "rating": float(item.rating), "note": item.note}
        )
    for kind, scores in (("interest", sa.interests), ("value", sa.values)):
        for name, score in scores.items():
            theirs = (
                float(occupation[name]) if occupation is not None and name in occupation else np.nan
            )
            rows.append(
                {
                    "kind": kind,
                    "name": name,
                    "rating": float(score.rating),
                    "role": theirs,
                    "note": score.note,
                }
            )
    for item in sa.marketability:
        rows.append(
            {
                "kind": "marketability",
                "name": item.name,
                "rating": float(item.rating),
                "note": item.note,
            }
        )
    frame = pd.DataFrame(rows, columns=["kind", "name", "rating", "role", "note"])
    frame["role"] = frame["role"].astype(float)
    frame["difference"] = frame["rating"] - frame["role"]
    return frame


def due_diligence(role: Any) -> dict[str, Any]:
    """What the target role asks for before the client commits: the due diligence.

    Returns the O*NET occupation's ``code`` and ``title``, its ``job_zone``
    (1-5) with O*NET's description of the ``experience``, ``education`` and
    ``training`` that zone means, the most common required ``typical_education``
    and the share of incumbents who report it [%], and the ``questions`` a coach
    asks about the economy and the education required.
    """
    from careerlib.onet import load_onet

    data = load_onet()
    out: dict[str, Any] = {"code": role.code, "title": role.title}
    if role.code in data.occupations.index:
        occ = data.occupations.loc[role.code]
        zone = None if pd.isna(occ["job_zone"]) else int(occ["job_zone"])
        out.update(
            occupation=str(occ["title"]),
            job_zone=zone,
            typical_education=None if pd.isna(occ["education"]) else str(occ["education"]),
            education_pct=None if pd.isna(occ["education_pct"]) else float(occ["education_pct"]),
        )
        if zone is not None and zone in data.job_zones.index:
            ref = data.job_zones.loc[zone]
            out.update(
                job_zone_name=str(ref["name"]),
                experience=str(ref["experience"]),
                education=str(ref["education"]),
                training=str(ref["training"]),
            )
    out["questions"] = [
        f"How many {role.title} openings are there within commuting distance, "
        "and is that number growing?",
        "Which employers are hiring, and which are cutting back? "
        "How exposed is the sector to the economy?",
        f"What education and certification do postings for {role.title} ask for, "
        "and what do they pay?",
        "How long, and at what cost, would the missing education or certification take?",
        "Who in the network holds this role today and could describe a real week of it?",
    ]
    return out


def obstacles(plan: Plan, sched: Schedule | None = None) -> pd.DataFrame:
    """The plan's obstacles, the riskiest first, each with its contingency.

    Returns
    -------
    pandas.DataFrame
        Indexed by obstacle id: ``title``, ``likelihood`` and ``impact`` (1-5),
        ``risk`` (their product, 1-25), ``mitigation``, ``contingency``,
        ``affects`` (step ids), ``critical_steps`` (those of ``affects`` that are
        critical in ``sched``, when a schedule is given), and ``missing``
        (what a coach should still ask for: a mitigation, a contingency).
    """
    critical = set(sched.critical_ids) if sched is not None else set()
    rows = []
    for ob in plan.obstacles:
        missing = [k for k in ("mitigation", "contingency") if not getattr(ob, k)]
        rows.append(
            {
                "id": ob.id,
                "title": ob.title,
                "likelihood": ob.likelihood,
                "impact": ob.impact,
                "risk": ob.likelihood * ob.impact,
                "mitigation": ob.mitigation,
                "contingency": ob.contingency,
                "affects": tuple(ob.affects),
                "critical_steps": tuple(s for s in ob.affects if s in critical),
                "missing": ", ".join(missing),
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "title",
            "likelihood",
            "impact",
            "risk",
            "mitigation",
            "contingency",
            "affects",
            "critical_steps",
            "missing",
        ],
    )
    return frame.set_index("id").sort_values(["risk", "impact"], ascending=False, kind="stable")


def rethink_prompts(time: TimeGap | None, progress: Progress | None) -> list[str]:
    """Questions for the coach when the strategy needs re-thinking.

    A strategy needs a fresh look when the last review is older than the
    cadence allows ("it has gathered dust"), when the plan can no longer make
    its target, when the pace so far projects a late finish, or when steps are
    behind. Returns an empty list when none of that holds.
    """
    prompts: list[str] = []
    if progress is not None and progress.stale:
        prompts.append(
            f"The last review was {progress.days_since_review} days ago, "
            f"longer than a {progress.cadence} "
            "cadence allows: is the destination still the one the client wants? Have the talents, "
            "interests or the market changed since the plan was made?"
        )
    if time is not None and not time.feasible:
        prompts.append(
            f"The plan is late by {time.late_by_days} working days: move the target to "
            f"{time.earliest_finish}, shorten a critical step (outside help, a faster course), or "
            "switch to another route?"
        )
    if (
        progress is not None
        and progress.projected_late_days is not None
        and progress.projected_late_days > 0
    ):
        prompts.append(
            f"At the pace so far the work ends {progress.projected_late_days} working days "
            f"after the target ({progress.projected_finish}): what is taking longer than "
            "planned, and what can "
            "the client say no to?"
        )
    if progress is not None and progress.behind:
        names = ", ".join(progress.behind[:5])
        prompts.append(
            f"Behind plan: {names}. Which obstacle hit them, and is its contingency needed now?"
        )
    return prompts
