"""What a command is given: a plan file or a client file, and its schedule.

Every command that shows a plan takes either file: a client file brings its
plan, its route and its check-ins (the plan's reviews, the client file's and
the journal beside it). :func:`schedule_file` is the schedule such a command
shows: the plan as written, or the plan on a status date
(:func:`careerlib.scheduling.status.schedule_as_of`); a client is always
scheduled on a status date, today unless another is given.

The tracking package is imported only for a client file, so scheduling a plan
file stays as quick to start as it was.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from careerlib.models import Plan
from careerlib.planfile import plan_from_data, read_text, read_yaml
from careerlib.scheduling import scheduler

__all__ = ["baseline_file", "is_client_data", "read_plan_or_client", "schedule_file"]


def is_client_data(data: Any) -> bool:
    """Whether parsed YAML is a client file: a mapping with a ``plan`` key and no ``steps``."""
    return isinstance(data, dict) and "steps" not in data and "plan" in data


def read_plan_or_client(path: str | Path) -> tuple[Plan, Any, Path]:
    """A plan file or a client file: ``(plan, client or None, plan path)``.

    A client file (:func:`is_client_data`) is read with its plan; anything
    else is read as a plan (and refused as one, with the plan's messages).
    A plan file is parsed once.
    """
    source = Path(path)
    text = read_text(source)
    data = read_yaml(text, path=source)
    if is_client_data(data):
        from careerlib.tracking.client import client_and_plan

        client, plan, plan_path = client_and_plan(source)
        return plan, client, plan_path
    return plan_from_data(data, path=source, text=text), None, source


def schedule_file(
    path: str | Path, as_of: dt.date | None = None, *, route: str | None = None
) -> scheduler.Schedule:
    """The schedule of a plan file or of a client file, as ``careerlib schedule`` shows it.

    Parameters
    ----------
    path
        A plan file or a client file.
    as_of
        The status date. For a client file default today; for a plan file
        default none: the plan as written.
    route
        The route to schedule; for a client file default the client's.

    Returns
    -------
    Schedule
        With a status date (always, for a client file) a
        :class:`~careerlib.scheduling.status.StatusSchedule`.
    """
    plan, client, _ = read_plan_or_client(path)
    if client is not None:
        from careerlib.tracking.client import schedule_client

        return schedule_client(client, as_of, route=route, plan=plan)
    return scheduler.schedule(plan, route, as_of=as_of)


def baseline_file(path: str | Path, result: scheduler.Schedule) -> Any:
    """The baseline to draw beneath the plan on a status date, labelled as such.

    For a client file: the newest baseline saved for the client's route
    (``PLAN.baselines.jsonl``), else the plan as written. For a plan file on
    a status date: the plan as written. ``None`` for the plan as written
    itself (it is its own baseline).
    """
    from careerlib.scheduling.status import StatusSchedule

    if not isinstance(result, StatusSchedule):
        return None
    _, client, plan_path = read_plan_or_client(path)
    if client is not None:
        from careerlib.tracking import baselines_path, load_baselines, pick_baseline

        saved = pick_baseline(load_baselines(baselines_path(plan_path)), result.route, None)
        if saved is not None:
            return saved
    return scheduler.schedule(result.plan, result.route)
