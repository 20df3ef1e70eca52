"""`careerlib schedule` on a client file and on a status date (shared/spec/status-date.md).

The tracking tests' client follows two steps of five working days (a, then b)
from Monday 2026-01-05 to the target Friday 2026-01-23.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib.cli import cli
from careerlib.roster_status import read_roster
from careerlib.tracking import schedule_client, status, track_client
from tests.conftest import DATA, ROOT, tracking_client

D = dt.date


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return tracking_client(tmp_path)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_a_client_with_a_journal(client: Path) -> None:
    assert run("checkin", str(client), "--date", "2026-01-12", "a=60%").exit_code == 0
    # On Mon 19 a has 2 of 5 days left (19-20), b runs 21-27: 2 working days
    # after the target (Fri 23, Mon 26).
    result = run("schedule", str(client), "--as-of", "2026-01-19", "--json")
    assert result.exit_code == 3, result.output
    data = json.loads(result.output)
    assert (data["as_of"], data["resume"], data["earliest_finish"]) == (
        "2026-01-19",
        "2026-01-19",
        "2026-01-27",
    )
    assert (data["target_late_by_days"], data["late_by_days"], data["feasible"]) == (2, 2, False)
    assert [(s["id"], s["done"], s["remaining_days"]) for s in data["steps"]] == [
        ("a", 0.6, 2),
        ("b", 0.0, 5),
    ]
    text = run("schedule", str(client), "--as-of", "2026-01-19")
    assert text.exit_code == 3
    assert "status on 19 Jan 2026 (work resumes 19 Jan 2026)" in text.output
    assert text.output.rstrip().endswith(
        "Late: the work left ends on 27 Jan 2026, 2 working days after the target 23 Jan 2026."
    )
    # one computation: the tracking pages and the roster line give the same numbers
    tr = track_client(client, D(2026, 1, 19))
    assert (tr.forecast.finish.isoformat(), tr.forecast.target_late_by_days) == (
        data["earliest_finish"],
        data["target_late_by_days"],
    )
    line = status(client, D(2026, 1, 19))
    assert (line.forecast_finish, line.target_late_by_days, line.status) == (
        D(2026, 1, 27),
        2,
        "late",
    )


def test_a_done_step_is_shown_as_done(client: Path) -> None:
    assert run("checkin", str(client), "--date", "2026-01-14", "a=done").exit_code == 0
    result = run("schedule", str(client), "--as-of", "2026-01-14")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("a "))
    assert row.split()[:4] == ["a", "Step", "A", "done"]
    assert "On track: the work left ends on 20 Jan 2026, 3 working days before the target" in (
        result.output
    )


def test_a_complete_client_exits_0(client: Path) -> None:
    assert run("checkin", str(client), "--date", "2026-01-16", "a=done", "b=done").exit_code == 0
    result = run("schedule", str(client), "--as-of", "2026-01-19", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["complete"], data["earliest_finish"]) == (True, None)


def test_a_client_is_scheduled_on_today_by_default(client: Path) -> None:
    result = run("schedule", str(client), "--json")
    assert json.loads(result.output)["as_of"] == dt.date.today().isoformat()


def test_a_plan_file_without_a_status_date_is_the_plan_as_written() -> None:
    result = run("schedule", str(DATA / "tracking" / "two-steps.yaml"), "--json")
    assert result.exit_code == 0
    assert "as_of" not in json.loads(result.output)


def test_the_load_of_the_work_left() -> None:
    plan = DATA / "tracking" / "effort.yaml"
    result = run("schedule", str(plan), "--as-of", "2026-01-12", "--load")
    assert result.exit_code == 0, result.output
    assert "Weekly load, hours (10 h/week)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--as-of", "2026-02-30"],
            "careerlib: Invalid value for '--as-of': '2026-02-30' does not match",
            id="not-a-date",
        ),
        pytest.param(
            ["--as-of", "1850-01-01"],
            "careerlib: Invalid value for --as-of: 1850-01-01 is outside the dates",
            id="out-of-range",
        ),
        pytest.param(["--route", "x"], "careerlib: --route: unknown route 'x'", id="route"),
    ],
)
def test_bad_input_is_one_line_with_exit_2(client: Path, args: list[str], message: str) -> None:
    result = run("schedule", str(client), *args)
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert len(result.output.strip().splitlines()) == 1


def test_a_client_whose_plan_is_missing(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(
        "name: C\ncurrent_role: Analyst\ntarget_role: Data Scientists\nplan: nowhere.yaml\n"
    )
    result = run("schedule", str(tmp_path / "c.yaml"))
    assert result.exit_code == 2
    assert result.output.startswith("careerlib: ") and "nowhere.yaml" in result.output


JORDAN = ROOT / "data" / "clients" / "jordan-lee.yaml"


@pytest.mark.parametrize("day", [D(2026, 12, 1), D(2027, 6, 7), D(2028, 6, 1)])
def test_the_sample_client_tells_one_story(day: dt.date) -> None:
    """The schedule, the tracking, the roster status and the roster row agree."""
    sched = schedule_client(JORDAN, day)
    data = json.loads(run("schedule", str(JORDAN), "--as-of", day.isoformat(), "--json").output)
    assert data == sched.to_dict()
    fc = track_client(JORDAN, day).forecast
    line = status(JORDAN, day)
    row = read_roster([JORDAN], day).frame.iloc[0]
    finish = sched.earliest_finish
    assert fc.finish == line.forecast_finish == row["forecast_finish"].date() == finish
    assert fc.target_late_by_days == line.target_late_by_days == row["days_late"]
    assert fc.target_late_by_days == sched.target_late_by_days
    assert fc.deadlines_missed == line.deadlines_missed == sched.deadlines_missed
    assert (line.status == "late") == (not sched.feasible)


def test_the_sample_client_on_the_issues_day() -> None:
    # issue 22: on 2027-06-07 the work left ends 24 working days after the
    # target; 58 is how late the budget step's own deadline is.
    sched = schedule_client(JORDAN, D(2027, 6, 7))
    assert (sched.earliest_finish, sched.target_late_by_days) == (D(2028, 6, 1), 24)
    assert [(m.step, m.late_by_days) for m in sched.deadlines_missed] == [
        ("budget", 58),
        ("offer", 40),
    ]
    verdict = track_client(JORDAN, D(2027, 6, 7)).verdict
    # the status verdict's words (the tracking's legacy ISO wording is gone)
    assert "24 working days after the target 28 Apr 2028" in verdict
    assert "58 working days after" not in verdict
    assert (
        "'Build and defend the FY2028 IT budget' misses its deadline (28 May 2027) by 58" in verdict
    )
