"""A client file's tracking: its plan and route, its reviews and check-in journal,
the newest baseline, and the one-call status a practice roster asks of every client.

:func:`track_client` reads a client file with its plan, its check-in journal
and the plan's baselines and hands them to :func:`~careerlib.tracking.track.track`;
:func:`status` is the short answer a practice roster asks of every client
(plain Python and numpy, no pandas).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerlib.models import Plan, Review
from careerlib.scheduling.status import StatusSchedule, schedule_as_of
from careerlib.scheduling.verdict import DeadlineMiss
from careerlib.tracking.baseline import Baseline, baselines_path, load_baselines
from careerlib.tracking.journal import journal_path, read_journal
from careerlib.tracking.track import Tracking, UpcomingStart, track

__all__ = [
    "ClientStatus",
    "client_and_plan",
    "client_reviews",
    "pick_baseline",
    "schedule_client",
    "status",
    "track_client",
]


def client_and_plan(client: Any, plan: Plan | None = None) -> tuple[Any, Plan, Path]:
    """The client (read from its file when a path is given), its plan and the plan's path."""
    from careerlib.clients import load_client
    from careerlib.exceptions import ClientError
    from careerlib.planfile import load_plan

    if isinstance(client, str | Path):
        client = load_client(client, check=False)
    if client.plan is None:
        where = client.path or "<client>"
        raise ClientError(f"{where}: the client file names no plan to track (add plan: ...)")
    plan_path = Path(os.path.normpath(client.resolve(client.plan)))
    return client, plan if plan is not None else load_plan(plan_path), plan_path


def client_reviews(client: Any, plan: Plan) -> list[Review]:
    """Every check-in of a client: the plan's reviews, the client file's, then the
    journal beside the client file, each in the order written (on one date, the
    one written last wins)."""
    own = list(plan.checkpoints.reviews) if plan.checkpoints is not None else []
    journal = read_journal(journal_path(client.path)) if client.path is not None else []
    return [*own, *client.reviews, *(c.review() for c in journal)]


def schedule_client(
    client: Any,
    as_of: dt.date | None = None,
    *,
    route: str | None = None,
    plan: Plan | None = None,
) -> StatusSchedule:
    """A client's plan on a status date: its route, with the progress of every check-in.

    Parameters
    ----------
    client
        A :class:`~careerlib.clients.Client` or a path to a client file.
    as_of
        The status date; default today.
    route
        The route to schedule; default the client's.
    plan
        The client's plan, when already read.

    Returns
    -------
    StatusSchedule
        :func:`careerlib.scheduling.status.schedule_as_of` with the progress of
        :func:`client_reviews` on ``as_of``: the schedule the client's tracking
        (:func:`track_client`) and every page of the client show.
    """
    client, plan, _ = client_and_plan(client, plan)
    day = as_of if as_of is not None else dt.date.today()
    return schedule_as_of(
        plan, day, route=route or client.route, reviews=client_reviews(client, plan)
    )


def pick_baseline(
    baselines: Sequence[Baseline], route: str | None, name: str | None
) -> Baseline | None:
    """The newest baseline of ``route`` (named ``name`` when given), or ``None``."""
    from careerlib.exceptions import CheckinError
    from careerlib.models import suggest

    mine = [b for b in baselines if b.route == route]
    if name is not None:
        named = [b for b in mine if b.name == name]
        if not named:
            known = sorted({b.name for b in mine})
            raise CheckinError(
                f"no baseline named {name!r}{suggest(name, known)}"
                + (f" (baselines: {', '.join(known)})" if known else " (none saved yet)")
            )
        return named[-1]
    return mine[-1] if mine else None


def track_client(
    client: Any,
    as_of: dt.date | None = None,
    *,
    baseline: str | None = None,
    plan: Plan | None = None,
) -> Tracking:
    """:func:`track` for a client: its plan and route, reviews, journal and newest baseline.

    ``client`` is a :class:`~careerlib.clients.Client` or a path to a client
    file; ``baseline`` names a saved baseline (default the newest of the
    client's route); ``plan`` is the client's plan when the caller has read
    it already (a roster whose clients share plan files reads each once).
    """
    client, plan, plan_path = client_and_plan(client, plan)
    reviews: list[Review] = list(client.reviews)
    if client.path is not None:
        reviews += [c.review() for c in read_journal(journal_path(client.path))]
    chosen = pick_baseline(load_baselines(baselines_path(plan_path)), client.route, baseline)
    return track(
        plan,
        as_of,
        reviews=reviews,
        route=client.route,
        baseline=chosen,
        cadence=client.cadence,
        plan_path=plan_path,
    )


@dataclass(frozen=True)
class ClientStatus:
    """One client's line in a practice roster (see :func:`status`).

    ``slack_left_days`` is negative when late [working days];
    ``target_late_by_days`` how many working days the forecast finish is after
    the target (never a deadline's figure) and ``deadlines_missed`` each missed
    deadline with its own; ``upcoming`` lists the steps not started whose
    latest start is within two weeks (ten working days) or has passed;
    ``plan_changed`` says when the plan changed after the baseline (``None``
    while the baseline still describes it).
    """

    client: str
    path: Path | None
    as_of: dt.date
    status: str
    forecast_finish: dt.date
    target: dt.date
    slack_left_days: int
    earned_pct: float
    slip_days: float
    last_checkin: dt.date | None
    days_since_checkin: int
    cadence: str
    stale: bool
    upcoming: tuple[UpcomingStart, ...]
    verdict: str
    target_late_by_days: int = 0
    deadlines_missed: tuple[DeadlineMiss, ...] = ()
    plan_changed: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "client": self.client,
            "path": None if self.path is None else str(self.path),
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "forecast_finish": self.forecast_finish.isoformat(),
            "target": self.target.isoformat(),
            "slack_left_days": self.slack_left_days,
            "target_late_by_days": self.target_late_by_days,
            "deadlines_missed": [{**m.to_dict(), "title": m.title} for m in self.deadlines_missed],
            "earned_pct": round(self.earned_pct, 1),
            "slip_days": round(self.slip_days, 1),
            "last_checkin": None if self.last_checkin is None else self.last_checkin.isoformat(),
            "days_since_checkin": self.days_since_checkin,
            "cadence": self.cadence,
            "stale": self.stale,
            "upcoming": [u.to_dict() for u in self.upcoming],
            "verdict": self.verdict,
            "plan_changed": self.plan_changed,
        }


def status(client: Any, as_of: dt.date | None = None, *, plan: Plan | None = None) -> ClientStatus:
    """Where one client stands: the status, forecast finish, slack and the next latest starts.

    Parameters
    ----------
    client
        A :class:`~careerlib.clients.Client` or a path to a client file (read
        without checking the role or peers, for speed).
    as_of
        The day of the question; default today.
    plan
        The client's plan, when already read (see :func:`track_client`).
    """
    from careerlib.clients import load_client

    c = load_client(client, check=False) if isinstance(client, str | Path) else client
    tr = track_client(c, as_of, plan=plan)
    return ClientStatus(
        client=c.name,
        path=c.path,
        as_of=tr.as_of,
        status=tr.status,
        forecast_finish=tr.forecast.finish,
        target=tr.plan.target,
        slack_left_days=tr.forecast.slack_left_days,
        earned_pct=100 * tr.earned.earned,
        slip_days=tr.earned.slip_days,
        last_checkin=tr.last_checkin,
        days_since_checkin=tr.days_since_checkin,
        cadence=tr.cadence,
        stale=tr.stale,
        upcoming=tr.upcoming(),
        verdict=tr.verdict,
        target_late_by_days=tr.forecast.target_late_by_days,
        deadlines_missed=tr.forecast.deadlines_missed,
        plan_changed=None if tr.plan_change is None else tr.plan_change.sentence,
    )
