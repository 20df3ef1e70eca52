"""Every plan in shared/conformance gives exactly its expected JSON and exit status.

Run through the installed ``careerlib`` command (a real process, as a user runs
it) and in-process through click's runner. The status-date cases
(``shared/conformance/status/NN-name.asof-YYYY-MM-DD[.route-R].json``) are
``careerlib schedule NN-name.yaml --as-of YYYY-MM-DD [--route R] --json``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib.cli import cli
from tests.conftest import CONFORMANCE


def cases() -> list[object]:
    out = []
    for plan in sorted(CONFORMANCE.glob("*.yaml")):
        for expected in sorted(CONFORMANCE.glob(f"{plan.stem}*.json")):
            rest = expected.name[len(plan.stem) : -len(".json")]
            route = rest.removeprefix(".route-") if rest.startswith(".route-") else None
            if rest and route is None:
                continue
            out.append(pytest.param(plan, route, expected, id=expected.stem))
    return out


CASES = cases()


def test_the_conformance_folder_is_there() -> None:
    assert len(CASES) >= 8, f"expected the shared conformance plans in {CONFORMANCE}"


def exit_status(expected: Path) -> int:
    return 0 if json.loads(expected.read_text())["feasible"] else 3


@pytest.mark.parametrize(("plan", "route", "expected"), CASES)
def test_command_prints_exactly_the_expected_json(
    plan: Path, route: str | None, expected: Path
) -> None:
    args = [sys.executable, "-m", "careerlib", "schedule", str(plan), "--json"]
    if route:
        args += ["--route", route]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    assert done.stderr == ""
    assert json.loads(done.stdout) == json.loads(expected.read_text())
    assert done.returncode == exit_status(expected)


@pytest.mark.parametrize(("plan", "route", "expected"), CASES)
def test_in_process_runner_gives_the_same(plan: Path, route: str | None, expected: Path) -> None:
    args = ["schedule", str(plan), "--json", *(["--route", route] if route else [])]
    result = CliRunner().invoke(cli, args)
    assert json.loads(result.output) == json.loads(expected.read_text())
    assert result.exit_code == exit_status(expected)


def test_infeasible_conformance_plan_exits_3() -> None:
    result = CliRunner().invoke(
        cli, ["schedule", str(CONFORMANCE / "04-infeasible.yaml"), "--json"]
    )
    assert result.exit_code == 3


# -- the plan on a status date (shared/spec/status-date.md) ---------------------------

STATUS = CONFORMANCE / "status"
_STATUS_NAME = re.compile(r"(?P<plan>.+)\.asof-(?P<day>\d{4}-\d\d-\d\d)(?:\.route-(?P<route>.+))?$")


def status_cases() -> list[object]:
    out = []
    for expected in sorted(STATUS.glob("*.asof-*.json")):
        m = _STATUS_NAME.match(expected.name[: -len(".json")])
        assert m is not None, expected.name
        args = ["schedule", str(STATUS / f"{m['plan']}.yaml"), "--as-of", m["day"], "--json"]
        args += ["--route", m["route"]] if m["route"] else []
        out.append(pytest.param(args, expected, id=expected.stem))
    return out


STATUS_CASES = status_cases()


def status_exit(expected: Path) -> int:
    data = json.loads(expected.read_text())
    return 0 if data["feasible"] or data["complete"] else 3


def test_the_status_cases_are_there() -> None:
    assert len(STATUS_CASES) >= 21, f"expected the status-date cases in {STATUS}"


@pytest.mark.parametrize(("args", "expected"), STATUS_CASES)
def test_status_date_command_prints_exactly_the_expected_json(
    args: list[str], expected: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "careerlib", *args], capture_output=True, text=True, check=False
    )
    assert done.stderr == ""
    assert json.loads(done.stdout) == json.loads(expected.read_text())
    assert done.returncode == status_exit(expected)


@pytest.mark.parametrize(("args", "expected"), STATUS_CASES)
def test_status_date_in_process_gives_the_same(args: list[str], expected: Path) -> None:
    result = CliRunner().invoke(cli, args)
    assert json.loads(result.output) == json.loads(expected.read_text())
    assert result.exit_code == status_exit(expected)
