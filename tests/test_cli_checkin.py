"""`careerlib checkin` and `careerlib baseline`, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib.cli import cli
from careerlib.tracking import baselines_path, journal_path, load_baselines, read_journal
from tests.conftest import tracking_client

DATA = Path(__file__).parent / "data" / "tracking"


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return tracking_client(tmp_path)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_checkin_records_and_prints_the_verdict(client: Path) -> None:
    before = client.read_bytes()
    result = run("checkin", str(client), "--date", "2026-01-12", "a=60%", "--note", "slow week")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"recorded the check-in of 12 Jan 2026 in {journal_path(client)}: a 60%"
    assert lines[1].startswith("saved baseline 'baseline-2026-01-05'")
    # the status verdict, then the progress against the baseline, each named
    assert lines[2].startswith("On track: the work left ends on 20 Jan 2026")
    assert "On plan against the baseline of 5 Jan 2026" in lines[2]
    (entry,) = read_journal(journal_path(client))
    assert (entry.progress, entry.note) == ({"a": 0.6}, "slow week")
    result = run("checkin", str(client), "--date", "2026-01-14", "a=done", "b=0.1")
    assert result.exit_code == 0, result.output
    assert "a done, b 10%" in result.output
    assert len(read_journal(journal_path(client))) == 2
    assert client.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["aa=0.5"], "careerlib: unknown step 'aa'; did you mean 'a'?", id="step"),
        pytest.param(["a=1.5"], "careerlib: step 'a': share 1.5 is outside 0..1", id="share"),
        pytest.param(["a=half"], "careerlib: step 'a': 'half' is not a share", id="word"),
        pytest.param(["a"], "careerlib: expected STEP=SHARE", id="no-equals"),
        pytest.param(
            ["--date", "2025-12-01", "a=1"],
            "careerlib: the check-in date 2025-12-01 is before the plan's start 2026-01-05",
            id="date",
        ),
    ],
)
def test_bad_checkin_is_one_line_and_writes_nothing(
    client: Path, args: list[str], message: str
) -> None:
    result = run("checkin", str(client), *args)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(message)
    assert not journal_path(client).exists()
    assert not baselines_path(client.parent / "two-steps.yaml").exists()


def test_baseline_of_a_client_and_of_a_plan(client: Path) -> None:
    plan = client.parent / "two-steps.yaml"
    before = plan.read_bytes()
    result = run("baseline", str(client), "--date", "2026-01-05", "--name", "first")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"saved baseline 'first' of 2026-01-05 in {baselines_path(plan)}"
    )
    assert "earliest finish 2026-01-16, 5 working days of slack" in result.output
    result = run("baseline", str(plan), "--date", "2026-01-12")
    assert result.exit_code == 0, result.output
    names = [b.name for b in load_baselines(baselines_path(plan))]
    assert names == ["first", "baseline-2026-01-12"]
    assert plan.read_bytes() == before


def test_backdate_list_and_withdraw(client: Path) -> None:
    assert (
        run("checkin", str(client), "--date", "2026-01-08", "a=40%", "--note", "week 1").exit_code
        == 0
    )
    assert run("checkin", str(client), "--date", "2026-01-12", "a=done", "b=0.2").exit_code == 0
    journal = journal_path(client)
    before = journal.read_bytes()
    refused = run("checkin", str(client), "--date", "2026-01-09", "a=0.6")
    assert refused.exit_code == 2
    assert refused.output.splitlines() == [
        "careerlib: the check-in date 2026-01-09 is before the newest check-in recorded "
        "(2026-01-12); to record it as entered late, pass --backdate (backdate=True)"
    ]
    assert journal.read_bytes() == before
    late = run("checkin", str(client), "--date", "2026-01-09", "a=0.6", "--backdate")
    assert late.exit_code == 0, late.output
    assert late.output.startswith("recorded the check-in of 9 Jan 2026 (back-dated: entered late)")
    gone = run("checkin", str(client), "--withdraw", "2", "--note", "wrong client")
    assert gone.exit_code == 0, gone.output
    lines = gone.output.splitlines()
    assert lines[0].startswith("withdrew check-in 2 of 2026-01-12 (recorded ")
    # the verdict on the newest check-in that counts: Fri 9, a at 60%
    assert lines[1].startswith(
        "On track: the work left ends on 19 Jan 2026, 4 working days before the target 23 Jan 2026."
    )
    listed = run("checkin", str(client), "--list")
    assert listed.exit_code == 0, listed.output
    rows = listed.output.splitlines()
    assert rows[0].split() == ["#", "date", "what", "changed", "note", "recorded", "(UTC)"]
    assert rows[2].split()[:4] == ["1", "2026-01-08", "a", "40%"]
    struck = "".join(ch + "\u0336" for ch in "2026-01-12")
    assert rows[3].split()[:2] == ["2", struck]
    assert rows[3].endswith(": wrong client") and "WITHDRAWN" in rows[3]
    assert rows[4].split()[:4] == ["3", "2026-01-09", "a", "40%→60%"]
    assert rows[4].endswith("late: back-dated")
    assert rows[-1] == (
        "3 check-ins: 1 withdrawn (struck; the forecast ignores them), 1 entered late (back-dated)."
    )
    as_json = run("checkin", str(client), "--list", "--json")
    got = json.loads(as_json.output)
    assert [(e["number"], e["backdated"], e["withdrawn"] is None) for e in got] == [
        (1, False, True),
        (2, False, False),
        (3, True, True),
    ]
    assert got[1]["withdrawn"]["note"] == "wrong client"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--list", "a=1"], "careerlib: --list records no check-in", id="list-and-share"
        ),
        pytest.param(
            ["--withdraw", "1", "--date", "2026-01-08"],
            "careerlib: --withdraw records no",
            id="withdraw-date",
        ),
        pytest.param(
            ["--list", "--withdraw", "1"], "careerlib: give --list or --withdraw N", id="both"
        ),
        pytest.param(["--json", "a=1"], "careerlib: --json goes with --list", id="json"),
        pytest.param(["--withdraw", "0"], "careerlib: Invalid value for '--withdraw'", id="zero"),
        pytest.param(
            ["--withdraw", "1"], "careerlib: client.checkins.jsonl holds no check-in", id="empty"
        ),
    ],
)
def test_bad_list_or_withdraw_is_one_line(client: Path, args: list[str], message: str) -> None:
    result = run("checkin", str(client), *args)
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(message)
    assert not journal_path(client).exists()


def test_list_of_a_client_without_checkins(client: Path) -> None:
    result = run("checkin", str(client), "--list")
    assert (result.exit_code, result.output) == (0, "No check-in recorded yet.\n")


def test_a_checkin_says_when_the_plan_changed_after_the_baseline(client: Path) -> None:
    assert run("checkin", str(client), "--date", "2026-01-08", "a=40%").exit_code == 0
    plan = client.parent / "two-steps.yaml"
    plan.write_text(plan.read_text().replace("target: 2026-01-23", "target: 2026-01-30"))
    result = run("checkin", str(client), "--date", "2026-01-09", "a=60%")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("The plan changed on ")
    assert result.output.rstrip().endswith(
        "after the baseline 'baseline-2026-01-05' (of 2026-01-05): re-baseline or re-plan."
    )
    assert run("baseline", str(client), "--date", "2026-01-09").exit_code == 0
    result = run("checkin", str(client), "--date", "2026-01-12", "a=done")
    assert "re-baseline or re-plan" not in result.output
