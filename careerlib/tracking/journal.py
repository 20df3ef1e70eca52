"""The check-in journal: dated progress, recorded without touching the client's YAML.

``careerlib checkin CLIENT hipaa=0.5 board-course=done`` appends one line to
``CLIENT.checkins.jsonl`` beside the client file (``jordan-lee.yaml`` ->
``jordan-lee.checkins.jsonl``)::

    {"date": "2026-11-27", "progress": {"hipaa": 0.5, "board-course": 1.0},
     "note": null, "recorded": "2026-11-27T17:02:11+00:00"}

(one line in the file; wrapped here).

The journal is only ever appended to, under a lock (two check-ins saved at the
same moment both land); the client file and the plan file are never written.
Entries are read back as :class:`~careerlib.models.Review` objects and join
the ``reviews:`` of the plan and the client file, so both ways of recording
progress keep working. See ``docs/tracking-files.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from careerlib._jsonl import append_record, read_models
from careerlib.exceptions import CheckinError
from careerlib.models import Plan, Review, suggest
from careerlib.scheduling.scheduler import select_steps

__all__ = [
    "CheckIn",
    "journal_path",
    "parse_progress",
    "parse_share",
    "read_journal",
    "record_checkin",
    "validate_checkin",
]

_SHARE_WORDS = {"done": 1.0, "finished": 1.0, "complete": 1.0, "started": None, "todo": 0.0}
_PERCENT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*%\s*$")


class CheckIn(BaseModel):
    """One journal entry: the state of the steps at the start of ``date``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date
    progress: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)
    note: str | None = None
    recorded: str | None = None

    def review(self) -> Review:
        """This check-in as a plan :class:`~careerlib.models.Review`."""
        return Review(date=self.date, progress=dict(self.progress), note=self.note)


def journal_path(client_path: str | Path) -> Path:
    """Where a client's check-ins live: ``NAME.checkins.jsonl`` beside the client file."""
    p = Path(client_path)
    return p.with_name(f"{p.stem}.checkins.jsonl")


def parse_share(step: str, text: str) -> float:
    """A share as written on the command line: ``0.4``, ``40%`` or ``done``.

    Raises
    ------
    CheckinError
        For anything else, or a share outside 0..1.
    """
    word = text.strip().lower()
    if word in _SHARE_WORDS and _SHARE_WORDS[word] is not None:
        return float(_SHARE_WORDS[word])  # type: ignore[arg-type]
    m = _PERCENT.match(word)
    try:
        value = float(m.group(1)) / 100.0 if m else float(word)
    except ValueError:
        raise CheckinError(
            f"step {step!r}: {text!r} is not a share; write 0.4, 40% or done"
        ) from None
    if not 0.0 <= value <= 1.0 or value != value:
        shown = f"{text} ({value:g})" if m else text
        raise CheckinError(
            f"step {step!r}: share {shown} is outside 0..1 (0 not started, 1 or 'done' finished)"
        )
    return value


def parse_progress(pairs: Sequence[str]) -> dict[str, float]:
    """``["hipaa=0.4", "resume=done"]`` as ``{"hipaa": 0.4, "resume": 1.0}``.

    Raises
    ------
    CheckinError
        For an argument without ``=``, a step named twice, or a bad share.
    """
    out: dict[str, float] = {}
    for pair in pairs:
        step, sep, share = pair.partition("=")
        step = step.strip()
        if not sep or not step:
            raise CheckinError(f"expected STEP=SHARE (e.g. hipaa=0.4 or resume=done), got {pair!r}")
        if step in out:
            raise CheckinError(f"step {step!r} is given twice")
        out[step] = parse_share(step, share)
    return out


def validate_checkin(
    plan: Plan,
    day: dt.date,
    progress: Mapping[str, float],
    *,
    route: str | None = None,
) -> dict[str, float]:
    """Check a check-in against the plan and return its progress (step -> share).

    Raises
    ------
    CheckinError
        For no step at all, an unknown step (naming the nearest id), a step of
        another route, a share outside 0..1, or a day before the plan's start.
    """
    if not progress:
        raise CheckinError(
            "a check-in needs at least one STEP=SHARE (e.g. hipaa=0.5 or resume=done)"
        )
    if day < plan.first_day:
        raise CheckinError(f"the check-in date {day} is before the plan's start {plan.first_day}")
    on_route = {plan.steps[i].id for i in select_steps(plan, route)}
    every = [s.id for s in plan.steps]
    out: dict[str, float] = {}
    for step, share in progress.items():
        if step not in on_route:
            if step in every:
                raise CheckinError(
                    f"step {step!r} is on route {plan.step(step).route!r}, "
                    f"not on the client's route {route!r}"
                )
            raise CheckinError(f"unknown step {step!r}{suggest(step, every)}")
        value = float(share)
        if not 0.0 <= value <= 1.0:
            raise CheckinError(f"step {step!r}: share {share!r} is outside 0..1")
        out[step] = value
    return out


def record_checkin(
    journal: str | Path,
    plan: Plan,
    day: dt.date,
    progress: Mapping[str, float],
    *,
    note: str | None = None,
    route: str | None = None,
    recorded: dt.datetime | None = None,
) -> CheckIn:
    """Check a check-in (see :func:`validate_checkin`), append it to ``journal`` and return it.

    Nothing is written when the check-in is refused.
    """
    shares = validate_checkin(plan, day, progress, route=route)
    stamp = recorded or dt.datetime.now(dt.UTC).replace(microsecond=0)
    entry = CheckIn(date=day, progress=shares, note=note or None, recorded=stamp.isoformat())
    append_record(Path(journal), entry.model_dump(mode="json"))
    return entry


def read_journal(journal: str | Path) -> list[CheckIn]:
    """Every check-in in the journal, in the order recorded (empty when there is none).

    Raises
    ------
    DataError
        For a malformed line, naming the file and the line.
    """
    return read_models(journal, CheckIn, "check-in")


def as_reviews(checkins: Sequence[CheckIn]) -> list[Review]:
    """Check-ins as plan reviews, in the order recorded."""
    return [c.review() for c in checkins]
