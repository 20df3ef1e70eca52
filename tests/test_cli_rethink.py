"""`careerlib diff` through click's CliRunner: the table, JSON, the chart, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib.cli import cli
from careerlib.tracking import save_plan_baseline
from tests.conftest import tracking_client

DATA = Path(__file__).parent / "data" / "rethink"
OLD, NEW = str(DATA / "old.yaml"), str(DATA / "new.yaml")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_diff_of_two_plans_as_a_table() -> None:
    result = run("diff", OLD, NEW)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"before: old.yaml as written  ({OLD})"
    assert lines[3] == "target        2026-03-27  ->  2026-04-03  (+5 working days)"
    rows = {line.split()[0]: line for line in lines[9:17]}
    assert list(rows) == ["a", "b", "c", "e", "d", "m", "x", "old-only"]
    assert rows["b"].split()[1:3] == ["shortened,", "latest"]
    assert "10 days -> 8 days" in rows["b"] and rows["b"].endswith("+7")
    assert rows["old-only"].split()[1] == "removed"
    assert "Routes renamed: slow." in lines


def test_diff_as_json_and_a_chart(tmp_path: Path) -> None:
    chart = tmp_path / "diff.html"
    result = CliRunner().invoke(cli, ["diff", OLD, NEW, "--json", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got["steps"]["added"] == ["e"] and got["target"]["moved_days"] == 5
    assert chart.read_text().count("plotly") > 10
    assert result.stderr.strip() == f"wrote {chart}"


def test_diff_of_a_baseline_and_the_status_date(tmp_path: Path) -> None:
    client = tracking_client(tmp_path)
    save_plan_baseline(client, dt.date(2026, 1, 5), name="agreed")
    result = run("diff", f"{client}@agreed", str(client), "--as-of", "2026-01-12")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"before: baseline 'agreed' of 2026-01-05  ({client}@agreed)\n"
        f"after:  the plan on 2026-01-12  ({client})\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["nothere.yaml", NEW], "careerlib: nothere.yaml: no such file", id="missing"),
        pytest.param(
            [f"{OLD}@", NEW], f"careerlib: {OLD}@: old.yaml has no baseline yet", id="no-baseline"
        ),
        pytest.param(
            [OLD, NEW, "--route", "fat"], "careerlib: --route: unknown route 'fat'", id="route"
        ),
        pytest.param(
            [OLD, NEW, "--chart", "d.txt"], "careerlib: cannot write d.txt", id="chart-suffix"
        ),
        pytest.param([OLD, NEW, "--chart", OLD], "careerlib: cannot write", id="chart-a-plan-file"),
    ],
)
def test_bad_diff_is_one_line(args: list[str], message: str) -> None:
    result = run("diff", *args)
    assert result.exit_code in (1, 2), result.output
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(message)


@pytest.fixture
def diamond(tmp_path: Path) -> Path:
    import shutil

    from careerlib.tracking import checkin

    shutil.copy(Path(__file__).parent / "data" / "tracking" / "diamond.yaml", tmp_path)
    client = tmp_path / "client.yaml"
    client.write_text(
        "name: Test Client\ncurrent_role: Analyst\ntarget_role: Data Scientists\n"
        "plan: diamond.yaml\ncadence: weekly\n"
    )
    checkin(client, {"a": 1.0, "b": 0.5}, dt.date(2026, 1, 8))
    return client


def test_replan_prints_what_it_wrote_and_the_verdict(diamond: Path) -> None:
    result = run("replan", str(diamond), "--as-of", "2026-01-12", "--target", "2026-01-30")
    assert result.exit_code == 0, result.output
    new = diamond.parent / "diamond-replan-2026-01-12.yaml"
    assert result.output.splitlines()[:3] == [
        f"wrote {new}: the work left on 2026-01-12 (1 done, 1 in progress, 2 not started), "
        "target 2026-02-27 -> 2026-01-30",
        f"saved baseline 'replan-2026-01-12' in {new.parent / (new.stem + '.baselines.jsonl')} "
        "(after the baselines of diamond.yaml)",
        "On track: the work left ends on 15 Jan 2026, 10 working days before the target "
        "30 Jan 2026.",
    ]
    assert result.output.splitlines()[-1] == (
        f"{diamond} still uses diamond.yaml; to move the client to the re-plan: "
        f"careerlib switch {diamond} {new}"
    )
    switched = run("switch", str(diamond), str(new))
    assert switched.exit_code == 0, switched.output
    assert "plan: diamond-replan-2026-01-12.yaml\n" in diamond.read_text()


def test_replan_late_exits_3_and_json(diamond: Path) -> None:
    # the target Tue 01-13: the work left (to Thu 01-15) misses it by 2 working days
    result = CliRunner().invoke(
        cli,
        ["replan", str(diamond), "--as-of", "2026-01-12", "--target", "2026-01-13", "--json"],
    )
    assert result.exit_code == 3, result.output
    got = json.loads(result.stdout)
    assert got["schedule"]["target_late_by_days"] == 2
    assert got["steps"] == {"done": 1, "in progress": 1, "not started": 2}
    assert got["baseline"] == "replan-2026-01-12" and got["switched"] is False


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(
            ["--as-of", "2026-03-02"], 2, "careerlib: the target 2026-02-27 has passed", id="passed"
        ),
        pytest.param(
            ["-o", "diamond.yaml"], 1, "careerlib: diamond.yaml exists already", id="exists"
        ),
        pytest.param(["--route", "x"], 2, "careerlib: --route: unknown route 'x'", id="route"),
        pytest.param(
            ["--target", "20260130"], 2, "careerlib: Invalid value for '--target'", id="day"
        ),
    ],
)
def test_bad_replan_is_one_line_and_writes_nothing(
    diamond: Path, args: list[str], status: int, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(diamond.parent)
    before = sorted(p.name for p in diamond.parent.iterdir())
    result = run("replan", str(diamond), "--as-of", "2026-01-12", *args)
    assert result.exit_code == status, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(message)
    assert sorted(p.name for p in diamond.parent.iterdir()) == before


def test_switch_to_a_plan_without_the_clients_route_changes_nothing(tmp_path: Path) -> None:
    import shutil

    root = Path(__file__).resolve().parents[1] / "data"
    for part in ("clients", "plans"):
        shutil.copytree(root / part, tmp_path / part)
    client = tmp_path / "clients" / "jordan-lee.yaml"
    before = client.read_bytes()
    result = run("switch", str(client), str(tmp_path / "plans" / "same-sector-move.yaml"))
    assert result.exit_code == 2
    assert "the new plan has no route 'internal'" in result.output
    assert client.read_bytes() == before
