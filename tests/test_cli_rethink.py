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
