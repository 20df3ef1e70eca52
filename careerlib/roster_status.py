"""The practice at a glance: one row a client, the clients who need attention first.

:func:`read_roster` asks :func:`careerlib.tracking.status` about every client
file of a practice and adds what a coach reads beside it: the target role, the
next latest start within two weeks and the count of skill gaps no step of the
plan addresses (:func:`careerlib.gaps.skills_gap`). A client file that cannot
be read (or names a plan that cannot be) is set aside with one message; the
others are still shown. :func:`roster` is the same as a DataFrame.

Clients who share a plan file (a practice's plan templates) or a target role
are read once per roster.

The order, attention first: the status (``late``, ``behind``, ``using slack``,
``on plan``, ``ahead``), then a stale client (no check-in within the cadence)
before a fresh one, then the soonest next latest start, then the least slack
left, then the name.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from careerlib._text import day_text
from careerlib.exceptions import CareerlibError
from careerlib.tracking import (
    STATUSES,
    Baseline,
    Tracking,
    baselines_path,
    freeze_baseline,
    journal_path,
    latest_progress,
    load_baselines,
    pick_baseline,
    read_journal,
    track,
)

__all__ = ["ATTENTION", "COLUMNS", "Roster", "client_files", "read_roster", "roster"]

#: The statuses in the order a coach attends to them (worst first).
ATTENTION: tuple[str, ...] = tuple(reversed(STATUSES))

#: The roster's columns, in order (see :func:`roster`).
COLUMNS: tuple[str, ...] = (
    "client",
    "status",
    "target_role",
    "target",
    "forecast_finish",
    "slack_left_days",
    "days_late",
    "missed_deadline",
    "missed_deadline_days",
    "deadlines_missed",
    "earned_pct",
    "last_checkin",
    "days_since_checkin",
    "cadence",
    "stale",
    "plan_changed",
    "next_step",
    "next_step_title",
    "next_latest_start",
    "next_days_left",
    "unaddressed_gaps",
    "not_rated_skills",
    "route",
    "verdict",
    "note",
    "file",
)

_DATES = ("target", "forecast_finish", "last_checkin", "next_latest_start")
_INTS = (
    "slack_left_days",
    "days_late",
    "missed_deadline_days",
    "deadlines_missed",
    "days_since_checkin",
    "next_days_left",
    "unaddressed_gaps",
    "not_rated_skills",
)
_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Roster:
    """Every client of a practice on one day (see :func:`read_roster`).

    Attributes
    ----------
    as_of
        The day of the question.
    frame
        One row a client, attention first (columns :data:`COLUMNS`, see :func:`roster`).
    problems
        ``(file, message)`` for each client file that could not be read or tracked.
    """

    as_of: dt.date
    frame: pd.DataFrame
    problems: tuple[tuple[Path, str], ...]

    @property
    def counts(self) -> dict[str, int]:
        """How many clients have each status, worst first (every status, zeros too)."""
        got = self.frame["status"].value_counts()
        return {s: int(got.get(s, 0)) for s in ATTENTION}

    @property
    def summary(self) -> str:
        """``3 clients on 30 Nov 2026: 1 late, 0 behind, ... ; 1 stale; 1 file not read.``"""
        n = len(self.frame)
        parts = [f"{count} {label}" for label, count in self.counts.items()]
        stale = int(self.frame["stale"].sum()) if n else 0
        head = f"{n} client{'s' if n != 1 else ''} on {day_text(self.as_of)}: " + ", ".join(parts)
        tail = f"; {stale} stale (no check-in within the cadence)"
        if self.problems:
            k = len(self.problems)
            tail += f"; {k} client file{'s' if k != 1 else ''} not read"
        return head + tail + "."

    def calls(self) -> list[tuple[str, str]]:
        """The clients to call this week, attention first: ``(client: reasons, verdict)``.

        A client is on the list when late or behind, stale (no check-in within
        the cadence), with a plan changed after its baseline, or with a step to
        start within two weeks (or whose latest start has passed).
        """
        out = []
        for row in self.frame.itertuples(index=False):
            reasons = [str(row.status)] if row.status in ("late", "behind") else []
            if row.stale:
                since = (
                    f"no check-in for {row.days_since_checkin} days"
                    if not pd.isna(row.last_checkin)
                    else "no check-in yet"
                )
                reasons.append(f"{since} ({row.cadence})")
            if row.plan_changed:
                reasons.append("the plan changed after its baseline")
            if isinstance(row.next_step, str):
                when = day_text(row.next_latest_start.date())
                reasons.append(
                    f"'{row.next_step_title}' should have started by {when}"
                    if row.next_days_left < 0
                    else f"'{row.next_step_title}' must start by {when}"
                )
            if reasons:
                out.append((f"{row.client}: {'; '.join(reasons)}", str(row.verdict)))
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: the day, the counts, one object a client, the problems."""
        rows = []
        for rec in self.frame.to_dict(orient="records"):
            row: dict[str, Any] = {}
            for key, value in rec.items():
                if value is None or value is pd.NA or value is pd.NaT:
                    row[key] = None
                elif isinstance(value, float) and value != value:  # NaN
                    row[key] = None
                elif isinstance(value, pd.Timestamp):
                    row[key] = value.date().isoformat()
                elif hasattr(value, "item"):  # numpy scalars
                    row[key] = value.item()
                else:
                    row[key] = value
            rows.append(row)
        return {
            "as_of": self.as_of.isoformat(),
            "counts": self.counts,
            "clients": rows,
            "problems": [{"file": str(p), "message": m} for p, m in self.problems],
        }


def client_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None,
) -> list[Path]:
    """The client files a roster reads, in order, each once.

    ``None`` is the sample clients (``data/clients/``); a folder gives its
    ``*.yaml`` and ``*.yml`` files (not its subfolders), sorted by name; a file
    is taken as given (one that does not exist is reported by the roster, not here).
    """
    if paths is None:
        from careerlib._paths import data_dir

        items: list[Path] = [data_dir() / "clients"]
    elif isinstance(paths, str | os.PathLike):
        items = [Path(paths)]
    else:
        items = [Path(p) for p in paths]
    out: list[Path] = []
    seen: set[Path] = set()
    for item in items:
        found = (
            sorted(p for p in item.iterdir() if p.suffix in _SUFFIXES and p.is_file())
            if item.is_dir()
            else [item]
        )
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out


#: When the default baseline (the plan as written) was "saved", as tracking freezes it.
_AS_WRITTEN_SAVED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class _Cache:
    """What clients share, read or computed once per roster.

    Plans and their saved baselines by resolved plan path, target roles by
    role file or name, and the default baseline (the plan frozen on its first
    day, as :func:`careerlib.tracking.track` makes it) by plan, route and the
    progress reported by that day.
    """

    def __init__(self) -> None:
        self.plans: dict[Path, Any] = {}
        self.roles: dict[str, Any] = {}
        self.saved: dict[Path, list[Baseline]] = {}
        self.as_written: dict[tuple[Path, str | None, tuple[tuple[str, float], ...]], Baseline] = {}

    def baseline(
        self, plan: Any, plan_path: Path, route: str | None, reviews: list[Any]
    ) -> Baseline:
        """The newest saved baseline of the route, else the plan as written."""
        if plan_path not in self.saved:
            self.saved[plan_path] = load_baselines(baselines_path(plan_path))
        chosen = pick_baseline(self.saved[plan_path], route, None)
        if chosen is not None:
            return chosen
        own = list(plan.checkpoints.reviews) if plan.checkpoints is not None else []
        progress = latest_progress([*own, *reviews], plan.first_day)
        key = (plan_path, route, tuple(sorted(progress.items())))
        if key not in self.as_written:
            self.as_written[key] = freeze_baseline(
                plan,
                plan.first_day,
                name="plan as written",
                route=route,
                progress=progress,
                saved=_AS_WRITTEN_SAVED,
            )
        return self.as_written[key]

    def plan(self, path: Path) -> Any:
        from careerlib.planfile import load_plan

        if path not in self.plans:
            self.plans[path] = load_plan(path)
        return self.plans[path]

    def role(self, client: Any) -> Any:
        from careerlib.gaps import target_role

        key = str(client.resolve(client.target_role)) if client.role_is_file else client.target_role
        if key not in self.roles:
            try:
                self.roles[key] = target_role(client)
            except CareerlibError as err:
                self.roles[key] = err
        got = self.roles[key]
        if isinstance(got, CareerlibError):
            raise got
        return got


def _tracking(path: Path, day: dt.date, cache: _Cache) -> tuple[Any, Any, Tracking]:
    """The client, its plan and :func:`careerlib.tracking.track_client`'s answer.

    The same steps as ``track_client``, with the plan, its baselines and the
    default baseline shared through ``cache`` (freezing a baseline schedules
    the whole plan: a third of a client's time when done for each).
    """
    from careerlib.clients import load_client
    from careerlib.exceptions import ClientError

    client = load_client(path, check=False)
    if client.plan is None:
        raise ClientError(f"{path}: the client file names no plan to track (add plan: ...)")
    plan_path = Path(os.path.normpath(client.resolve(client.plan)))
    plan = cache.plan(plan_path)
    reviews = list(client.reviews)
    reviews += [c.review() for c in read_journal(journal_path(client.path or path))]
    baseline = cache.baseline(plan, plan_path, client.route, reviews)
    tr = track(
        plan,
        day,
        reviews=reviews,
        route=client.route,
        baseline=baseline,
        cadence=client.cadence,
        plan_path=plan_path,
    )
    return client, plan, tr


def _row(path: Path, day: dt.date, cache: _Cache) -> dict[str, Any]:
    from careerlib.gaps import unaddressed_skills

    client, plan, tr = _tracking(path, day, cache)
    # the status stands without the gap count: a target role that cannot be
    # profiled (an O*NET occupation without ratings) leaves only the count empty
    try:
        role = cache.role(client)
    except CareerlibError as err:
        title, unaddressed, unknown, note = (
            client.target_role,
            None,
            None,
            f"gaps not counted: {err}",
        )
    else:
        levels = client.skill_levels()
        rated = {k.casefold() for k in levels}
        needed = [str(n) for n in role.requirements.index]
        unknown = sum(n.casefold() not in rated for n in needed)
        title, note = role.title, ""
        if unknown < len(needed):
            unaddressed = len(unaddressed_skills(role, levels, plan, route=client.route))
        else:  # nothing rated is nothing known: not "no gaps"
            unaddressed = None
            note = "gaps not counted: no skill of the target role is rated yet (ask the client)"
    upcoming = tr.upcoming()
    nxt = upcoming[0] if upcoming else None
    slack = tr.forecast.slack_left_days
    # late: the target lateness, never a deadline's figure (a deadline missed
    # while the target holds makes the status late with 0 days past the target;
    # the deadline missed by the most is named, with its own figure)
    misses = sorted(tr.forecast.deadlines_missed, key=lambda m: -m.late_by_days)
    worst = misses[0] if misses else None
    return {
        "client": client.name,
        "status": tr.status,
        "target_role": title,
        "target": tr.plan.target,
        "forecast_finish": tr.forecast.finish,
        "slack_left_days": max(0, slack),
        "days_late": tr.forecast.target_late_by_days,
        "missed_deadline": None if worst is None else worst.title,
        "missed_deadline_days": None if worst is None else worst.late_by_days,
        "deadlines_missed": len(misses),
        "earned_pct": round(100 * tr.earned.earned, 1),
        "last_checkin": tr.last_checkin,
        "days_since_checkin": tr.days_since_checkin,
        "cadence": tr.cadence,
        "stale": tr.stale,
        "plan_changed": tr.plan_change is not None,
        "next_step": None if nxt is None else nxt.step,
        "next_step_title": None if nxt is None else nxt.title,
        "next_latest_start": None if nxt is None else nxt.latest_start,
        "next_days_left": None if nxt is None else nxt.days_left,
        "unaddressed_gaps": unaddressed,
        "not_rated_skills": unknown,
        "route": client.route,
        "verdict": tr.verdict,
        "note": note,
        "file": str(path),
    }


def _frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(COLUMNS))
    for col in _DATES:
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[s]")
    for col in _INTS:
        frame[col] = frame[col].astype("Int64")
    frame["stale"] = frame["stale"].astype(bool)
    frame["plan_changed"] = frame["plan_changed"].astype(bool)
    frame["earned_pct"] = frame["earned_pct"].astype(float)
    frame["status"] = pd.Categorical(frame["status"], categories=list(ATTENTION), ordered=True)
    if frame.empty:
        return frame
    order = frame.assign(
        _rank=frame["status"].cat.codes,
        _fresh=~frame["stale"],
        _next=frame["next_days_left"].astype("Float64").fillna(float("inf")),
        _slack=frame["slack_left_days"] - frame["days_late"],
        _name=frame["client"].str.lower(),
    ).sort_values(["_rank", "_fresh", "_next", "_slack", "_name"], kind="stable")
    return frame.loc[order.index].reset_index(drop=True)


def read_roster(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
    as_of: dt.date | None = None,
) -> Roster:
    """Every client's status on ``as_of``, attention first, and the files that could not be read.

    Parameters
    ----------
    paths
        Client files and folders of client files (see :func:`client_files`);
        default the sample clients in ``data/clients/``.
    as_of
        The day of the question; default today.

    Returns
    -------
    Roster
        The frame (see :func:`roster`) and one message a client file that
        could not be read or tracked (a YAML error, a missing plan, ...).
    """
    day = as_of if as_of is not None else dt.date.today()
    cache = _Cache()
    rows: list[dict[str, Any]] = []
    problems: list[tuple[Path, str]] = []
    for path in client_files(paths):
        try:
            rows.append(_row(path, day, cache))
        except CareerlibError as err:
            message = str(err)
            problems.append((path, message if str(path) in message else f"{path}: {message}"))
    return Roster(as_of=day, frame=_frame(rows), problems=tuple(problems))


def roster(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """Every client of a practice on ``as_of``: one row a client, attention first.

    Parameters
    ----------
    paths
        Client files and folders of client files; default ``data/clients/``.
    as_of
        The day of the question; default today.

    Returns
    -------
    pandas.DataFrame
        One row a client, sorted with the clients who need attention first
        (see the module). Columns: ``client`` (name), ``status`` (ordered
        categorical, :data:`ATTENTION`), ``target_role`` (title), ``target``
        and ``forecast_finish`` (dates), ``slack_left_days`` (0 when late) and
        ``days_late`` (working days the forecast finish is after the target,
        never a deadline's lateness; 0 when on time) [working days],
        ``missed_deadline`` and ``missed_deadline_days`` (the title of the
        step whose deadline the forecast misses by the most, and by how many
        working days; missing when none is) and ``deadlines_missed`` (how
        many are), ``earned_pct`` [%],
        ``last_checkin`` (date, NaT before the first), ``days_since_checkin``
        [calendar days], ``cadence``, ``stale`` (older than the cadence
        allows), ``plan_changed`` (the plan changed after the baseline
        measured against: re-baseline or re-plan), ``next_step``,
        ``next_step_title``, ``next_latest_start`` and
        ``next_days_left`` [working days, negative when passed] for the step
        not started whose latest start is soonest within two weeks (missing
        when none is), ``unaddressed_gaps`` (skills of the target role with a
        gap no step develops; missing, with a ``note``, when the target role
        cannot be profiled or the client rated none of its skills),
        ``not_rated_skills`` (skills of the target role the client has not
        rated: no gap, a question for the client), ``route``, ``verdict`` (one sentence), ``note``
        and ``file``. ``frame.attrs`` holds ``as_of`` and ``problems``, the
        ``(file, message)`` of each client file that could not be read.
    """
    result = read_roster(paths, as_of)
    frame = result.frame
    frame.attrs["as_of"] = result.as_of
    frame.attrs["problems"] = list(result.problems)
    return frame
