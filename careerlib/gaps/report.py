"""Everything for a client: :class:`GapReport`, :func:`analyse` and the re-think prompts."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from careerlib._text import day_text, plural
from careerlib.gaps._common import records
from careerlib.gaps.goals import Alignment, goal_alignment
from careerlib.gaps.occupations import current_occupation, find_occupations
from careerlib.gaps.peers import peer_benchmark
from careerlib.gaps.progress import Progress, progress_at
from careerlib.gaps.skills import ask_client, skills_gap, weighted_mean_gap
from careerlib.gaps.time_left import TimeGap, time_gap
from careerlib.models import Plan, Review
from careerlib.onet import TitleMatch, load_onet
from careerlib.scheduling.scheduler import schedule
from careerlib.scheduling.status import StatusSchedule, schedule_as_of
from careerlib.scheduling.verdict import StatusVerdict
from careerlib.tracking import Tracking, track_client
from careerlib.tracking.journal import journal_path, read_journal

__all__ = [
    "GapReport",
    "all_reviews",
    "analyse",
    "rethink_prompts",
    "status_schedules",
    "target_role",
    "time_gaps",
]


@dataclass(frozen=True)
class GapReport:
    """All the analyses for one client (see :func:`analyse`).

    ``time`` has one entry per route of the plan (key ``None`` for a plan
    without routes), each the work left on ``as_of``; ``schedule`` is the
    client's plan on ``as_of`` (its route, with every check-in: the
    :class:`~careerlib.scheduling.status.StatusSchedule` every page shows,
    and :attr:`status` its verdict); ``peers`` (the benchmark) and ``peer_group`` (the peers'
    own values) are None without a peer group, and ``progress``,
    ``tracking`` and ``alignment`` without a plan. ``tracking`` holds the one
    verdict (:func:`careerlib.tracking.track_client`: the forecast, progress
    against the baseline, the status) that every page shows. ``occupations``
    are the O*NET occupations worth considering (:func:`find_occupations`;
    ``routes`` is its deprecated old name, not the plan's routes), ranked
    relative to ``current_occupation`` (the :class:`~careerlib.onet.TitleMatch`
    the client's ``current_role`` was taken as, None when nothing matched) and
    the target role in ``direction``.
    """

    client: Any
    as_of: dt.date
    role: Any
    skills: pd.DataFrame
    peers: pd.DataFrame | None
    time: dict[str | None, TimeGap]
    progress: Progress | None
    alignment: Alignment | None
    occupations: pd.DataFrame
    plan: Plan | None = None
    schedule: StatusSchedule | None = None
    notes: list[str] = field(default_factory=list)
    peer_group: pd.DataFrame | None = None
    current_occupation: TitleMatch | None = None
    direction: str = "up"
    tracking: Tracking | None = None

    @property
    def status(self) -> StatusVerdict | None:
        """The verdict of the client's plan on ``as_of`` (``None`` without a plan)."""
        return None if self.schedule is None else self.schedule.status_verdict

    @property
    def routes(self) -> pd.DataFrame:
        """Deprecated: the O*NET occupations, now :attr:`occupations`."""
        warnings.warn(
            "GapReport.routes is deprecated and will be removed in the next release; "
            "use GapReport.occupations (the plan's own routes are Plan.routes)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.occupations

    def to_dict(self) -> dict[str, Any]:
        """One key per analysis.

        ``status`` (the verdict of the client's plan on the day, with the
        status-date spec's key names: ``earliest_finish``,
        ``target_late_by_days``, ``deadlines_missed``...), ``skills``,
        ``peers``, ``time``, ``progress`` (what was reported, and its age),
        ``tracking`` (the forecast, progress against the baseline and the
        status: the one verdict), ``alignment`` and ``occupations`` (the O*NET occupations
        worth considering), with ``occupations_basis``: what they were ranked
        against (the current role and the occupation it was taken as, the
        target, the direction).
        """
        from careerlib.onet import ATTRIBUTION

        unaddressed = self.skills.index[self.skills["status"] == "unaddressed"].tolist()
        return {
            "client": self.client.name,
            "as_of": self.as_of.isoformat(),
            "status": None if self.status is None else self.status.to_dict(),
            "skills": {
                "role": self.role.title,
                "onet_code": self.role.code,
                "weighted_mean_gap": round(weighted_mean_gap(self.skills), 4),
                "unaddressed": unaddressed,
                "not_rated": ask_client(self.skills),
                "items": records(self.skills, "name"),
            },
            "peers": None if self.peers is None else records(self.peers, "metric"),
            "time": [t.to_dict() for t in self.time.values()],
            "progress": None if self.progress is None else self.progress.to_dict(),
            "tracking": None if self.tracking is None else self.tracking.to_dict(),
            "alignment": None if self.alignment is None else self.alignment.to_dict(),
            "occupations": records(self.occupations, "rank"),
            "occupations_basis": self.occupations_basis(),
            "attribution": ATTRIBUTION,
        }

    @property
    def occupations_note(self) -> str:
        """One line: what the occupations were ranked against (current, target, direction)."""
        cur = self.current_occupation
        role = self.client.current_role
        took = (
            f"current role {role!r} taken as {cur.describe()}, job zone {cur.job_zone}"
            if cur is not None
            else f"current role {role!r} matches no O*NET occupation"
        )
        same = (
            " (the same O*NET occupation: every move is judged against it)"
            if cur is not None and cur.code == self.role.code
            else ""
        )
        return (
            f"{took}; target {self.role.title} "
            f"(O*NET {self.role.code} {load_onet().title(self.role.code)}){same}; "
            f"direction {self.direction}"
        )

    def occupations_basis(self) -> dict[str, Any]:
        """What the occupations were ranked against, JSON-ready."""
        cur = self.current_occupation
        return {
            "current_role": self.client.current_role,
            "current_occupation": None
            if cur is None
            else {
                "code": cur.code,
                "title": cur.title,
                "matched": cur.matched,
                "kind": cur.kind,
                "score": cur.score,
                "job_zone": cur.job_zone,
                "described": cur.describe(),
            },
            "target": {
                "code": self.role.code,
                "title": self.role.title,
                "occupation": load_onet().title(self.role.code),
            },
            "direction": self.direction,
        }


def all_reviews(plan: Plan, client: Any = None) -> list[Review]:
    """The checkpoint reviews of the plan, of the client profile, and the client's
    check-in journal (:mod:`careerlib.tracking.journal`), in that order."""
    reviews = list(plan.checkpoints.reviews) if plan.checkpoints is not None else []
    reviews += list(getattr(client, "reviews", []) or [])
    path = getattr(client, "path", None)
    if path is not None:
        reviews += [c.review() for c in read_journal(journal_path(path))]
    return reviews


def status_schedules(
    plan: Plan, reviews: Iterable[Review], as_of: dt.date
) -> dict[str | None, StatusSchedule]:
    """The plan on ``as_of`` for the whole plan (key ``None``, a plan without routes)
    or each of its routes, with the progress of ``reviews``
    (:func:`careerlib.scheduling.status.schedule_as_of`)."""
    every = list(reviews)
    routes: list[str | None] = [None] if not plan.routes else [r.id for r in plan.routes]
    return {r: schedule_as_of(plan, as_of, route=r, reviews=every) for r in routes}


def time_gaps(plan: Plan, reviews: Iterable[Review], as_of: dt.date) -> dict[str | None, TimeGap]:
    """The time gap at ``as_of`` for the whole plan or each of its routes.

    Each is the work left on the status date ``as_of`` with the progress of
    ``reviews`` (:func:`status_schedules`): the same schedule, forecast and
    verdict as the client's tracking, so the client's route here and the
    forecast agree; the key is the route id, or None for a plan without routes.
    """
    return {r: time_gap(s) for r, s in status_schedules(plan, reviews, as_of).items()}


def target_role(client: Any) -> Any:
    """The client's target role as a :class:`~careerlib.onet.RoleProfile`.

    ``target_role`` in the client file is a role file (relative to the client
    file), an O*NET code, or a title looked up in O*NET.
    """
    from careerlib.onet import role_profile

    return role_profile(
        client.resolve(client.target_role) if client.role_is_file else client.target_role
    )


def analyse(
    client: Any,
    as_of: dt.date | None = None,
    *,
    top_occupations: int = 10,
    direction: str | None = None,
    top_routes: int | None = None,
) -> GapReport:
    """Run every analysis for a client profile (a :class:`~careerlib.clients.Client` or a path).

    Everything about the plan is the plan on the status date ``as_of``
    (default today) with every check-in made by then: the time gap of each
    route, the client's schedule and its tracking. Progress is what the
    newest review on or before ``as_of`` reported.
    ``top_occupations`` is how many O*NET occupations to suggest
    (:func:`find_occupations`; ``top_routes`` is its deprecated old name), in
    ``direction`` (up, sideways, down or any; default the client file's ``direction``,
    else up) from the client's ``current_role``, matched to O*NET by title
    (:func:`current_occupation`), toward the target role.
    """
    if top_routes is not None:
        warnings.warn(
            "analyse(top_routes=...) is deprecated and will be removed in the next release; "
            "use top_occupations=...",
            DeprecationWarning,
            stacklevel=2,
        )
        top_occupations = top_routes
    from careerlib.clients import load_client
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
    tracked = None
    if plan is not None:
        reviews = all_reviews(plan, client)
        every = status_schedules(plan, reviews, day)
        times = {r: time_gap(s) for r, s in every.items()}
        sched = every.get(route) or schedule_as_of(plan, day, route=route, reviews=reviews)
        cadence = client.cadence or (plan.checkpoints.cadence if plan.checkpoints else "monthly")
        progress = progress_at(schedule(plan, route=route), reviews, day, cadence=cadence)
        alignment = goal_alignment(plan)
        tracked = track_client(client, day, plan=plan)

    current = current_occupation(client.current_role)
    move = direction if direction is not None else client.direction
    occupations = find_occupations(
        client.skill_levels(),
        client.interest_scores(),
        current=None if current is None else current.code,
        target=role.code,
        direction=move,
        top=top_occupations,
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
        occupations=occupations,
        plan=plan,
        schedule=sched,
        peer_group=group,
        current_occupation=current,
        direction=move,
        tracking=tracked,
    )


def rethink_prompts(
    time: TimeGap | None, progress: Progress | None, tracking: Tracking | None = None
) -> list[str]:
    """Questions for the coach when the strategy needs re-thinking.

    With ``tracking`` (a :class:`~careerlib.tracking.Tracking`, as
    :func:`analyse` gives in ``report.tracking``), the questions come from the
    forecast, the staleness of the check-ins and the slip
    (:meth:`~careerlib.tracking.Tracking.rethink_prompts`). Without it: when
    the last review is older than the cadence allows ("it has gathered dust"),
    and when the plan misses its target or a deadline (each with its own
    figure). Returns an empty list when none of that holds.
    """
    if tracking is not None:
        return tracking.rethink_prompts()
    prompts: list[str] = []
    if progress is not None and progress.stale:
        prompts.append(
            f"The last review was {progress.days_since_review} days ago, "
            f"longer than a {progress.cadence} "
            "cadence allows: is the destination still the one the client wants? Have the talents, "
            "interests or the market changed since the plan was made?"
        )
    if time is not None and time.target_late_by_days > 0:
        prompts.append(
            f"The work ends {plural(time.target_late_by_days, 'working day')} after the target "
            f"(on {day_text(time.earliest_finish)}): move the target, shorten a critical step "
            "(outside help, a faster course), or switch to another route?"
        )
    for miss in () if time is None else time.deadlines_missed:
        prompts.append(
            f"'{miss.title}' misses its deadline ({day_text(miss.deadline)}) by "
            f"{plural(miss.late_by_days, 'working day')}: can the deadline move, or the step "
            "start sooner?"
        )
    return prompts
