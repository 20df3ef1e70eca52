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
from careerlib.tracking.journal import (
    CheckIn,
    JournalEntry,
    journal_entries,
    journal_path,
    newest_checkin,
    record_checkin,
    withdraw_entry,
)

__all__ = ["Recorded", "checkin", "checkins", "save_plan_baseline", "withdraw"]


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
    backdate: bool = False,
) -> Recorded:
    """Record a check-in for a client: append it to the journal beside the client file.

    A check-in dated before the newest one recorded is refused unless
    ``backdate`` is true, and is then marked as entered late (see
    :func:`~careerlib.tracking.journal.record_checkin`).

    The first check-in of a client's route also saves a baseline of the plan
    as written (frozen on the plan's first day, with the progress reported
    before then) when the plan has none, so later check-ins have something to
    be measured against.

    Raises
    ------
    CheckinError
        For an unknown step, a share outside 0..1, a day before the plan's
        start, or a day before the newest check-in without ``backdate``;
        nothing is written then.
    """
    from careerlib.tracking.journal import validate_checkin

    client, plan, plan_path = client_and_plan(client)
    _has_file(client)
    when = day if day is not None else dt.date.today()
    validate_checkin(plan, when, progress, route=client.route)
    _check_order(journal_path(client.path), when, backdate)
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
        backdate=backdate,
    )
    return Recorded(
        checkin=entry,
        journal=journal_path(client.path),
        baseline=saved,
        baselines=where if saved is not None else None,
    )


def _has_file(client: Any) -> Path:
    """The client's file (the journal lives beside it)."""
    if client.path is None:
        from careerlib.exceptions import CheckinError

        raise CheckinError("a check-in is recorded beside a client file: load the client from one")
    return Path(client.path)


def _check_order(journal: Path, day: dt.date, backdate: bool) -> None:
    """Refuse a back-dated check-in before the first baseline is saved on its way.

    :func:`record_checkin` checks again under the journal's lock.
    """
    if backdate:
        return
    newest = newest_checkin(journal)
    if newest is not None and day < newest:
        from careerlib.exceptions import CheckinError

        raise CheckinError(
            f"the check-in date {day} is before the newest check-in recorded ({newest}); "
            "to record it as entered late, pass --backdate (backdate=True)"
        )


def checkins(client: Any) -> list[JournalEntry]:
    """Every check-in in a client's journal, numbered, withdrawn ones too (``--list``).

    ``client`` is a :class:`~careerlib.clients.Client` loaded from a file or
    a path to one.
    """
    from careerlib.clients import load_client

    loaded = load_client(client, check=False) if isinstance(client, str | Path) else client
    return journal_entries(journal_path(_has_file(loaded)))


def withdraw(
    client: Any,
    number: int,
    *,
    note: str | None = None,
    recorded: dt.datetime | None = None,
) -> JournalEntry:
    """Withdraw check-in ``number`` of a client's journal (1: the first recorded).

    A record saying so is appended (the journal stays append-only); the
    forecast and every page ignore the check-in from then on. Returns the
    check-in with the withdrawal.

    Raises
    ------
    CheckinError
        For a number that is no check-in, or one withdrawn already.
    """
    from careerlib.clients import load_client

    loaded = load_client(client, check=False) if isinstance(client, str | Path) else client
    where = journal_path(_has_file(loaded))
    return withdraw_entry(where, number, note=note, recorded=recorded)


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
