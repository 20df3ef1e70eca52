"""Recording: a check-in for a client, a baseline for a client or a plan.

Each is one call for the CLI and the coach console. The client's and the
plan's YAML files are never written: check-ins go to the journal beside the
client file and baselines to the baselines file beside the plan file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerlib.inputs import read_plan_or_client
from careerlib.scheduling.status import latest_progress, plan_reviews
from careerlib.tracking.baseline import (
    Baseline,
    baselines_path,
    freeze_baseline,
    load_baselines,
    save_baseline,
)
from careerlib.tracking.client import client_and_plan, client_reviews, pick_baseline
from careerlib.tracking.journal import CheckIn, journal_path, record_checkin

__all__ = ["Recorded", "checkin", "save_plan_baseline"]


@dataclass(frozen=True)
class Recorded:
    """What a recording call wrote: the entry, its file, and a baseline saved on the way."""

    checkin: CheckIn | None
    journal: Path | None
    baseline: Baseline | None
    baselines: Path | None


def checkin(
    client: Any,
    progress: Mapping[str, float],
    day: dt.date | None = None,
    *,
    note: str | None = None,
    recorded: dt.datetime | None = None,
) -> Recorded:
    """Record a check-in for a client: append it to the journal beside the client file.

    The first check-in of a client's route also saves a baseline of the plan
    as written (frozen on the plan's first day, with the progress reported
    before then) when the plan has none, so later check-ins have something to
    be measured against.

    Raises
    ------
    CheckinError
        For an unknown step, a share outside 0..1 or a day before the plan's
        start; nothing is written then.
    """
    from careerlib.tracking.journal import validate_checkin

    client, plan, plan_path = client_and_plan(client)
    if client.path is None:
        from careerlib.exceptions import CheckinError

        raise CheckinError("a check-in is recorded beside a client file: load the client from one")
    when = day if day is not None else dt.date.today()
    validate_checkin(plan, when, progress, route=client.route)
    saved = None
    where = baselines_path(plan_path)
    if pick_baseline(load_baselines(where), client.route, None) is None:
        saved = freeze_baseline(
            plan,
            plan.first_day,
            route=client.route,
            progress=latest_progress(client_reviews(client, plan), plan.first_day),
            saved=recorded,
        )
        save_baseline(saved, where)
    entry = record_checkin(
        journal_path(client.path),
        plan,
        when,
        progress,
        note=note,
        route=client.route,
        recorded=recorded,
    )
    return Recorded(
        checkin=entry,
        journal=journal_path(client.path),
        baseline=saved,
        baselines=where if saved is not None else None,
    )


def save_plan_baseline(
    source: str | Path,
    day: dt.date | None = None,
    *,
    name: str | None = None,
    saved: dt.datetime | None = None,
) -> Recorded:
    """Freeze and save a baseline for a client file (its plan and route, with its
    progress so far) or a plan file, beside the plan.

    ``day`` is the baseline day (default today); ``name`` default
    ``baseline-YYYY-MM-DD``.
    """
    when = day if day is not None else dt.date.today()
    plan, client, plan_path = read_plan_or_client(source)
    if client is not None:
        reviews, route = client_reviews(client, plan), client.route
    else:
        reviews, route = plan_reviews(plan), None
    frozen = freeze_baseline(
        plan,
        when,
        name=name,
        route=route,
        progress=latest_progress(reviews, when),
        saved=saved,
    )
    where = save_baseline(frozen, baselines_path(plan_path))
    return Recorded(checkin=None, journal=None, baseline=frozen, baselines=where)
