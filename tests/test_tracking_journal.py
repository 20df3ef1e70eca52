"""The check-in journal: append-only, two writers, malformed lines, refused input."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from careerlib import load_plan
from careerlib.exceptions import CheckinError, DataError
from careerlib.tracking import (
    checkin,
    journal_path,
    parse_share,
    read_journal,
    record_checkin,
    track_client,
)
from tests.conftest import tracking_client

DATA = Path(__file__).parent / "data" / "tracking"
D = dt.date


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return tracking_client(tmp_path)


def test_journal_sits_beside_the_client_file() -> None:
    assert journal_path("data/clients/jordan-lee.yaml") == Path(
        "data/clients/jordan-lee.checkins.jsonl"
    )


def test_checkins_leave_the_yaml_byte_identical(client: Path) -> None:
    plan_file = client.parent / "two-steps.yaml"
    before = (client.read_bytes(), plan_file.read_bytes())
    for i, day in enumerate([D(2026, 1, 6), D(2026, 1, 8), D(2026, 1, 12)]):
        checkin(client, {"a": 0.2 * (i + 1)}, day, note=f"week {i}")
    assert (client.read_bytes(), plan_file.read_bytes()) == before
    entries = read_journal(journal_path(client))
    assert [e.date for e in entries] == [D(2026, 1, 6), D(2026, 1, 8), D(2026, 1, 12)]
    assert entries[-1].progress == {"a": pytest.approx(0.6)}
    assert entries[0].note == "week 0"
    # and the journal is what tracking reads
    assert track_client(client, D(2026, 1, 12)).progress == {"a": pytest.approx(0.6)}


_WRITER = """
import datetime as dt, sys
from careerlib.tracking import checkin
for i in range(40):
    checkin(sys.argv[1], {sys.argv[2]: 0.5}, dt.date(2026, 1, 6), note=f"{sys.argv[2]} {i}")
"""


def test_two_concurrent_writers_both_survive(client: Path) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(client), step]) for step in ("a", "b")
    ]
    for p in procs:
        assert p.wait(timeout=120) == 0
    entries = read_journal(journal_path(client))
    notes = sorted(e.note or "" for e in entries)
    assert len(entries) == 80
    assert notes == sorted([f"a {i}" for i in range(40)] + [f"b {i}" for i in range(40)])


def test_malformed_line_names_file_and_line(client: Path) -> None:
    checkin(client, {"a": 0.2}, D(2026, 1, 6))
    journal = journal_path(client)
    with journal.open("a") as out:
        out.write('{"date": "2026-01-07", "progress": {"a": 0.3\n')
    with pytest.raises(DataError, match=r"client\.checkins\.jsonl:2: malformed check-in entry"):
        read_journal(journal)


def test_invalid_entry_names_file_line_and_field(client: Path) -> None:
    journal = journal_path(client)
    journal.write_text('\n{"date": "2026-01-07", "progress": {"a": 3}}\n')
    with pytest.raises(DataError, match=r":2: malformed check-in entry: progress\.a"):
        read_journal(journal)


def test_a_torn_last_line_does_not_swallow_the_next_entry(client: Path) -> None:
    journal = journal_path(client)
    journal.write_text('{"date": "2026-01-07", "progr')
    plan = load_plan(client.parent / "two-steps.yaml")
    record_checkin(journal, plan, D(2026, 1, 8), {"a": 0.3})
    with pytest.raises(DataError, match=":1: malformed"):
        read_journal(journal)
    assert journal.read_text().splitlines()[1].startswith('{"date": "2026-01-08"')


@pytest.mark.parametrize(
    ("progress", "day", "message"),
    [
        pytest.param({"aa": 0.5}, D(2026, 1, 6), "unknown step 'aa'; did you mean 'a'?", id="step"),
        pytest.param({"a": 1.5}, D(2026, 1, 6), "share 1.5 is outside 0..1", id="share"),
        pytest.param({"a": -0.1}, D(2026, 1, 6), "outside 0..1", id="negative"),
        pytest.param(
            {"a": 0.5}, D(2025, 12, 1), "before the plan's start 2026-01-05", id="early-date"
        ),
        pytest.param({}, D(2026, 1, 6), "at least one STEP=SHARE", id="nothing"),
    ],
)
def test_bad_checkin_writes_nothing(
    client: Path, progress: dict[str, float], day: dt.date, message: str
) -> None:
    with pytest.raises(CheckinError, match=message.replace("?", r"\?").replace(".", r"\.")):
        checkin(client, progress, day)
    assert not journal_path(client).exists()
    assert not (client.parent / "two-steps.baselines.jsonl").exists()


def test_step_of_another_route_is_refused(tmp_path: Path) -> None:
    plan = load_plan(Path(__file__).parent.parent / "data/plans/it-director-to-cio.yaml")
    with pytest.raises(CheckinError, match="step 'network' is on route 'external'"):
        record_checkin(
            tmp_path / "j.jsonl", plan, D(2026, 11, 2), {"network": 0.5}, route="internal"
        )
    assert not (tmp_path / "j.jsonl").exists()


@pytest.mark.parametrize(
    ("text", "share"),
    [("0.4", 0.4), ("40%", 0.4), ("done", 1.0), ("DONE", 1.0), ("0", 0.0), ("1", 1.0)],
)
def test_parse_share(text: str, share: float) -> None:
    assert parse_share("a", text) == pytest.approx(share)


@pytest.mark.parametrize(
    ("text", "message"),
    [("140%", "outside 0..1"), ("2", "outside 0..1"), ("half", "not a share"), ("nan", "0..1")],
)
def test_parse_share_refuses(text: str, message: str) -> None:
    with pytest.raises(CheckinError, match=message):
        parse_share("a", text)
