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

Keeping the record trustworthy:

* check-ins are numbered 1, 2, ... in the order recorded
  (:func:`journal_entries`; ``careerlib checkin CLIENT --list``);
* a check-in dated before the newest one recorded changes history, so it is
  refused unless the caller says it was entered late (``backdate=True``,
  ``--backdate``); it is then stored with ``"backdated": true``;
* a check-in entered by mistake is withdrawn by appending a
  :class:`Withdrawal` record naming its number (:func:`withdraw_entry`);
  :func:`read_journal`, which every reader of the journal goes through, leaves
  withdrawn check-ins out, so the forecast and every page ignore them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from careerlib._jsonl import (
    Records,
    append_record,
    parse_records,
    read_records,
    validate_record,
)
from careerlib.exceptions import CheckinError, DataError
from careerlib.models import Plan, Review, suggest
from careerlib.scheduling.scheduler import select_steps

__all__ = [
    "CheckIn",
    "JournalEntry",
    "Withdrawal",
    "journal_entries",
    "journal_path",
    "newest_checkin",
    "parse_progress",
    "parse_share",
    "read_journal",
    "record_checkin",
    "validate_checkin",
    "withdraw_entry",
]

_KIND = "check-in"

_SHARE_WORDS = {"done": 1.0, "finished": 1.0, "complete": 1.0, "started": None, "todo": 0.0}
_PERCENT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*%\s*$")


class CheckIn(BaseModel):
    """One journal entry: the state of the steps at the start of ``date``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date
    progress: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)
    note: str | None = None
    recorded: str | None = None
    backdated: bool = False
    """Entered late: dated before a check-in already recorded when it was saved."""

    def review(self) -> Review:
        """This check-in as a plan :class:`~careerlib.models.Review`."""
        return Review(date=self.date, progress=dict(self.progress), note=self.note)


class Withdrawal(BaseModel):
    """A journal record that withdraws check-in number ``withdraws`` (1: the first recorded).

    ``checkin_date`` and ``checkin_recorded`` repeat the withdrawn check-in's
    ``date`` and ``recorded``, so a journal whose lines were deleted by hand
    (which shifts the numbers) is caught rather than withdrawing another entry.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    withdraws: int = Field(ge=1)
    checkin_date: dt.date
    checkin_recorded: str | None = None
    note: str | None = None
    recorded: str


@dataclass(frozen=True)
class JournalEntry:
    """One check-in of the journal as ``careerlib checkin --list`` shows it.

    ``number`` counts the check-ins in the order recorded (withdrawal records
    are not counted), ``line`` is its line in the file, ``withdrawn`` the
    record that withdrew it (``None`` while it counts).
    """

    number: int
    line: int
    checkin: CheckIn
    withdrawn: Withdrawal | None = None

    @property
    def counts(self) -> bool:
        """Whether the check-in counts (it was not withdrawn)."""
        return self.withdrawn is None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: the number, the check-in's fields and the withdrawal."""
        return {
            "number": self.number,
            **self.checkin.model_dump(mode="json"),
            "withdrawn": None if self.withdrawn is None else self.withdrawn.model_dump(mode="json"),
        }


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
    backdate: bool = False,
) -> CheckIn:
    """Check a check-in (see :func:`validate_checkin`), append it to ``journal`` and return it.

    A check-in dated before the newest one in the journal (withdrawn ones
    aside) is refused unless ``backdate`` is true; it is then stored marked
    ``backdated``. The check and the append happen under the journal's lock.
    Nothing is written when the check-in is refused.
    """
    shares = validate_checkin(plan, day, progress, route=route)
    stamp = _stamp(recorded)
    path = Path(journal)
    chosen: list[CheckIn] = []

    def entry(records: Records) -> dict[str, Any]:
        newest = _newest(records, path)
        late = newest is not None and day < newest
        if late and not backdate:
            raise CheckinError(
                f"the check-in date {day} is before the newest check-in recorded ({newest}); "
                "to record it as entered late, pass --backdate (backdate=True)"
            )
        made = CheckIn(date=day, progress=shares, note=note or None, recorded=stamp, backdated=late)
        chosen.append(made)
        # a check-in on time is written as in format 1 (no "backdated" key)
        return made.model_dump(mode="json", exclude={"backdated"} if not late else None)

    # a damaged line (a writer killed mid-line) does not stop a check-in: the
    # readers report it, with its line number, and the order is checked on the rest
    append_record(path, entry, kind=_KIND, lenient=True)
    return chosen[0]


def withdraw_entry(
    journal: str | Path,
    number: int,
    *,
    note: str | None = None,
    recorded: dt.datetime | None = None,
) -> JournalEntry:
    """Append a record withdrawing check-in ``number`` (1: the first) and return that entry.

    The check-in stays in the journal (it is append-only) and ``--list``
    shows it struck; :func:`read_journal` leaves it out, so the forecast and
    every page ignore it.

    Raises
    ------
    CheckinError
        For a number that is no check-in of the journal, or one withdrawn already.
    """
    path = Path(journal)
    if not path.exists():
        raise CheckinError(f"{path.name} holds no check-in to withdraw (none recorded yet)")
    stamp = _stamp(recorded)
    found: list[JournalEntry] = []

    def withdrawal(records: Records) -> dict[str, Any]:
        entries = _entries(records, path)
        if not entries:
            raise CheckinError(f"{path.name} holds no check-in to withdraw")
        if not 1 <= number <= len(entries):
            raise CheckinError(
                f"there is no check-in {number}: {path.name} holds check-ins 1 to {len(entries)} "
                "(see careerlib checkin CLIENT --list)"
            )
        entry = entries[number - 1]
        if entry.withdrawn is not None:
            raise CheckinError(
                f"check-in {number} (of {entry.checkin.date}) was withdrawn already, "
                f"on {entry.withdrawn.recorded[:10]}"
            )
        gone = Withdrawal(
            withdraws=number,
            checkin_date=entry.checkin.date,
            checkin_recorded=entry.checkin.recorded,
            note=note or None,
            recorded=stamp,
        )
        found.append(JournalEntry(entry.number, entry.line, entry.checkin, gone))
        return gone.model_dump(mode="json")

    append_record(path, withdrawal, kind=_KIND)
    return found[0]


def newest_checkin(journal: str | Path) -> dt.date | None:
    """The date of the newest check-in that counts (a damaged line left out), or ``None``."""
    path = Path(journal)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return _newest(list(parse_records(raw, path, _KIND, lenient=True)), path)


def _newest(records: Records, path: Path) -> dt.date | None:
    """The date of the newest check-in that counts, from the records that can be read."""
    try:
        entries = _entries(records, path)
    except DataError:  # a damaged record: judge by the check-ins that can be read
        readable = []
        for line, record in records:
            if "withdraws" not in record:
                try:
                    readable.append(validate_record(path, line, record, CheckIn, _KIND, "entry"))
                except DataError:
                    continue
        return max((c.date for c in readable), default=None)
    return max((e.checkin.date for e in entries if e.counts), default=None)


def _stamp(recorded: dt.datetime | None) -> str:
    return (recorded or dt.datetime.now(dt.UTC).replace(microsecond=0)).isoformat()


def journal_entries(journal: str | Path) -> list[JournalEntry]:
    """Every check-in of the journal, numbered, with the record that withdrew it if any.

    Raises
    ------
    DataError
        For a malformed line, or a withdrawal that names no earlier check-in
        (or one whose date no longer matches: lines deleted by hand), naming
        the file and the line.
    """
    path = Path(journal)
    return _entries(list(read_records(path, _KIND)), path)


def _entries(records: Records, path: Path) -> list[JournalEntry]:
    entries: list[JournalEntry] = []
    for line, record in records:
        if "withdraws" not in record:
            found = validate_record(path, line, record, CheckIn, _KIND, "entry")
            entries.append(JournalEntry(len(entries) + 1, line, found))
            continue
        gone = validate_record(path, line, record, Withdrawal, "withdrawal", "entry")
        n = gone.withdraws
        if n > len(entries):
            raise DataError(
                f"{path}:{line}: the withdrawal names check-in {n}, but only "
                f"{len(entries)} came before it"
            )
        target = entries[n - 1]
        if target.checkin.date != gone.checkin_date or (
            gone.checkin_recorded is not None and target.checkin.recorded != gone.checkin_recorded
        ):
            raise DataError(
                f"{path}:{line}: the withdrawal of check-in {n} (of {gone.checkin_date}) does not "
                f"match check-in {n} (of {target.checkin.date}): were lines deleted by hand?"
            )
        if target.withdrawn is not None:
            raise DataError(f"{path}:{line}: check-in {n} is withdrawn twice")
        entries[n - 1] = JournalEntry(target.number, target.line, target.checkin, gone)
    return entries


def read_journal(journal: str | Path) -> list[CheckIn]:
    """The check-ins that count, in the order recorded (empty when there is none).

    Withdrawn check-ins are left out: this is where every reader of the
    journal (tracking, the forecast, the gap analyses, the roster, the
    report) gets its check-ins, so none of them sees one. The whole journal,
    withdrawn entries too, is :func:`journal_entries`.

    Raises
    ------
    DataError
        For a malformed line, naming the file and the line.
    """
    return [e.checkin for e in journal_entries(journal) if e.counts]


def as_reviews(checkins: Sequence[CheckIn]) -> list[Review]:
    """Check-ins as plan reviews, in the order recorded."""
    return [c.review() for c in checkins]
