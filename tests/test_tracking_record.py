"""A trustworthy check-in record: back-dated check-ins, withdrawals, the numbered list,
and what each does to the forecast (worked by hand on the two-step plan)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from careerlib.exceptions import CheckinError, DataError
from careerlib.tracking import (
    checkin,
    checkins,
    journal_entries,
    journal_path,
    read_journal,
    track_client,
    withdraw,
)
from tests.conftest import tracking_client

D = dt.date

# The two-step plan: a (5 working days) then b (5), from Mon 2026-01-05 to the
# target Fri 2026-01-23. A step in progress keeps ceil(5 * (1 - share)) days
# and starts again on the check-in day.


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return tracking_client(tmp_path)


def finish(client: Path, day: dt.date) -> dt.date:
    return track_client(client, day).forecast.finish


def test_a_checkin_before_the_newest_is_refused_and_writes_nothing(client: Path) -> None:
    checkin(client, {"a": 0.4}, D(2026, 1, 8))
    checkin(client, {"a": 1.0, "b": 0.2}, D(2026, 1, 12))
    journal = journal_path(client)
    before = journal.read_bytes()
    with pytest.raises(
        CheckinError,
        match=r"the check-in date 2026-01-09 is before the newest check-in recorded "
        r"\(2026-01-12\); to record it as entered late, pass --backdate",
    ):
        checkin(client, {"a": 0.6}, D(2026, 1, 9))
    assert journal.read_bytes() == before
    # the same day as the newest is not "before" it
    checkin(client, {"b": 0.3}, D(2026, 1, 12))
    assert [c.backdated for c in read_journal(journal)] == [False, False, False]


def test_a_backdated_checkin_is_marked_and_changes_history_only(client: Path) -> None:
    checkin(client, {"a": 0.4}, D(2026, 1, 8))
    checkin(client, {"a": 1.0, "b": 0.2}, D(2026, 1, 12))
    # on Fri 9 with a at 40%: 3 days of a (Fri 9, Mon 12, Tue 13), b Wed 14 - Tue 20
    assert finish(client, D(2026, 1, 9)) == D(2026, 1, 20)
    done = checkin(client, {"a": 0.6}, D(2026, 1, 9), backdate=True, note="forgot Friday")
    assert done.checkin is not None and done.checkin.backdated
    line = journal_path(client).read_text().splitlines()[-1]
    assert json.loads(line)["backdated"] is True
    # on Fri 9 with a at 60%: 2 days of a (Fri 9, Mon 12), b Tue 13 - Mon 19
    assert finish(client, D(2026, 1, 9)) == D(2026, 1, 19)
    # on Mon 12 the check-in of that day still wins: a done, b at 20% -> 4 days, Mon 12 - Thu 15
    assert finish(client, D(2026, 1, 12)) == D(2026, 1, 15)
    # and the earned history has a point on its day
    assert D(2026, 1, 9) in [h.day for h in track_client(client, D(2026, 1, 12)).history]


def test_backdate_on_a_checkin_in_order_marks_nothing(client: Path) -> None:
    checkin(client, {"a": 0.4}, D(2026, 1, 8))
    done = checkin(client, {"a": 0.6}, D(2026, 1, 9), backdate=True)
    assert done.checkin is not None and not done.checkin.backdated
    assert "backdated" not in json.loads(journal_path(client).read_text().splitlines()[-1])


def test_a_withdrawn_checkin_stays_in_the_journal_and_the_forecast_ignores_it(
    client: Path,
) -> None:
    checkin(client, {"a": 0.4}, D(2026, 1, 8), note="first week")
    checkin(client, {"a": 1.0, "b": 0.2}, D(2026, 1, 12), note="wrong client")
    assert finish(client, D(2026, 1, 12)) == D(2026, 1, 15)
    journal = journal_path(client)
    lines = journal.read_text().splitlines()
    entry = withdraw(client, 2, note="typed for the wrong client")
    assert (entry.number, entry.checkin.date, entry.withdrawn is not None) == (
        2,
        D(2026, 1, 12),
        True,
    )
    # append-only: the old lines are untouched, one record added
    after = journal.read_text().splitlines()
    assert after[:2] == lines and len(after) == 3
    assert json.loads(after[2])["withdraws"] == 2
    # on Mon 12 with a at 40% again: 3 days of a (Mon 12 - Wed 14), b Thu 15 - Wed 21
    assert finish(client, D(2026, 1, 12)) == D(2026, 1, 21)
    assert [c.note for c in read_journal(journal)] == ["first week"]
    listed = checkins(client)
    assert [(e.number, e.counts) for e in listed] == [(1, True), (2, False)]
    assert listed[1].withdrawn is not None
    assert listed[1].withdrawn.note == "typed for the wrong client"
    # and the last check-in that counts is the first one again
    assert track_client(client, D(2026, 1, 12)).last_checkin == D(2026, 1, 8)


def test_a_withdrawn_checkin_no_longer_blocks_an_earlier_date(client: Path) -> None:
    checkin(client, {"a": 0.4}, D(2026, 1, 8))
    checkin(client, {"a": 0.9}, D(2026, 1, 20))  # the wrong year's date, say
    withdraw(client, 2)
    done = checkin(client, {"a": 0.6}, D(2026, 1, 9))
    assert done.checkin is not None and not done.checkin.backdated


@pytest.mark.parametrize(
    ("number", "message"),
    [
        pytest.param(3, "there is no check-in 3: client.checkins.jsonl holds check-ins 1 to 2"),
        pytest.param(1, r"check-in 1 \(of 2026-01-08\) was withdrawn already"),
    ],
)
def test_a_bad_withdrawal_is_refused_and_writes_nothing(
    client: Path, number: int, message: str
) -> None:
    checkin(client, {"a": 0.4}, D(2026, 1, 8))
    checkin(client, {"a": 0.6}, D(2026, 1, 9))
    withdraw(client, 1)
    before = journal_path(client).read_bytes()
    with pytest.raises(CheckinError, match=message):
        withdraw(client, number)
    assert journal_path(client).read_bytes() == before


def test_nothing_to_withdraw_creates_no_journal(client: Path) -> None:
    with pytest.raises(CheckinError, match="holds no check-in to withdraw"):
        withdraw(client, 1)
    assert not journal_path(client).exists()


def test_a_withdrawal_that_no_longer_matches_its_checkin_is_an_error(client: Path) -> None:
    checkin(client, {"a": 0.4}, D(2026, 1, 8))
    checkin(client, {"a": 0.6}, D(2026, 1, 9))
    withdraw(client, 2)
    journal = journal_path(client)
    lines = journal.read_text().splitlines()
    journal.write_text("\n".join([lines[1], lines[2]]) + "\n")  # line 1 deleted by hand
    with pytest.raises(DataError, match=r":2: the withdrawal names check-in 2, but only 1"):
        read_journal(journal)
    journal.write_text("\n".join([lines[1], lines[0], lines[2]]) + "\n")  # lines swapped
    with pytest.raises(DataError, match=r":3: the withdrawal of check-in 2 \(of 2026-01-09\)"):
        journal_entries(journal)


def test_a_journal_of_format_1_still_loads(client: Path) -> None:
    journal = journal_path(client)
    journal.write_text(
        '{"date": "2026-01-08", "progress": {"a": 0.4}, "note": null, '
        '"recorded": "2026-01-08T17:00:00+00:00"}\n'
    )
    (entry,) = journal_entries(journal)
    assert (entry.number, entry.checkin.backdated, entry.counts) == (1, False, True)
    assert track_client(client, D(2026, 1, 8)).progress == {"a": pytest.approx(0.4)}
