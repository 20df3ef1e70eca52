"""`careerlib checkin` and `careerlib baseline`, through click's CliRunner."""

from __future__ import annotations

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
    assert lines[0] == f"recorded the check-in of 2026-01-12 in {journal_path(client)}: a 60%"
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
