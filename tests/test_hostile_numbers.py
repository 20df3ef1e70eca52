"""Issue 16, non-finite numbers: ``nan`` and ``inf`` are errors naming the place; JSON is JSON."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib import ClientError, DataError, PlanError, load_plan
from careerlib._text import json_ready
from careerlib.cli import cli
from careerlib.peers import load_peers
from tests.conftest import ROOT

HEAD = "title: T\nstart: 2026-10-01\ntarget: 2027-04-30\n"
NON_FINITE = [".nan", ".NaN", ".inf", "-.inf", ".Inf"]


@pytest.mark.parametrize("value", NON_FINITE)
@pytest.mark.parametrize(
    ("template", "place"),
    [
        (
            "calendar: {{hours_per_week: 5}}\nsteps:\n  - {{id: a, effort: {v}}}\n",
            "step 'a', effort",
        ),
        (
            "calendar: {{hours_per_week: {v}}}\nsteps:\n  - {{id: a, duration: 3d}}\n",
            "calendar, hours_per_week",
        ),
        (
            "calendar: {{hours_per_week: 5, hours_per_day: {v}}}\n"
            "steps:\n  - {{id: a, effort: 3h}}\n",
            "calendar, hours_per_day",
        ),
        (
            "calendar:\n  hours_per_week: 5\n  commitments: [{{from: 2026-10-01, to: 2026-12-01, "
            "hours_per_week: {v}}}]\nsteps:\n  - {{id: a, effort: 3h}}\n",
            "commitments[0], hours_per_week",
        ),
        (
            "steps:\n  - {{id: a, duration: 3d}}\ncheckpoints:\n  reviews:\n"
            "    - {{date: 2026-11-01, progress: {{a: {v}}}}}\n",
            "progress, a",
        ),
    ],
)
def test_plan_numbers_must_be_finite(tmp_path: Path, template: str, place: str, value: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(HEAD + template.format(v=value))
    with pytest.raises(PlanError, match="finite") as info:
        load_plan(path)
    assert place in str(info.value)
    result = CliRunner().invoke(cli, ["schedule", str(path), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("careerlib: ") and result.stderr.count("\n") == 1


@pytest.fixture()
def client_dir(tmp_path: Path) -> Path:
    """A copy of the sample data, for hostile edits of a client and its peer file."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("onet"))
    (folder / "onet").symlink_to(ROOT / "data" / "onet")
    return folder


def _edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize("value", NON_FINITE)
@pytest.mark.parametrize(
    ("old", "new", "place"),
    [
        ("it_capex_share_pct: 18", "it_capex_share_pct: {v}", "metrics, it_capex_share_pct"),
        ("Critical Thinking: 5", "Critical Thinking: {v}", "skills, 'Critical Thinking'"),
        ("Realistic: 3", "Realistic: {v}", "interests, Realistic"),
    ],
)
def test_client_numbers_must_be_finite(
    client_dir: Path, old: str, new: str, place: str, value: str
) -> None:
    client = _edit(client_dir / "clients" / "jordan-lee.yaml", old, new.format(v=value))
    result = CliRunner().invoke(cli, ["gaps", str(client), "--as-of", "2026-11-23", "--json"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    err = result.stderr
    assert err.startswith("careerlib: ") and err.count("\n") == 1
    assert "finite" in err and place in err
    from careerlib.clients import load_client

    with pytest.raises(ClientError, match="finite"):
        load_client(client)


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "NaN", "Infinity", "1e999"])
def test_peer_numbers_must_be_finite(client_dir: Path, value: str) -> None:
    peers = _edit(
        client_dir / "peers" / "healthcare-it.csv",
        "Lakeview Regional Medical Center,21700",
        f"Lakeview Regional Medical Center,{value}",
    )
    with pytest.raises(DataError, match=r"healthcare-it.csv:3: column 'employees' .* not a finite"):
        load_peers(peers)
    client = client_dir / "clients" / "jordan-lee.yaml"
    result = CliRunner().invoke(cli, ["gaps", str(client), "--as-of", "2026-11-23"])
    assert result.exit_code == 2
    assert "healthcare-it.csv:3" in result.stderr and result.stderr.count("\n") == 1


def test_blank_peer_cells_stay_missing_values_and_json_stays_json(client_dir: Path) -> None:
    _edit(
        client_dir / "peers" / "healthcare-it.csv",
        "Lakeview Regional Medical Center,21700",
        "Lakeview Regional Medical Center,",
    )
    client = client_dir / "clients" / "jordan-lee.yaml"
    result = CliRunner().invoke(cli, ["gaps", str(client), "--as-of", "2026-11-23", "--json"])
    assert result.exit_code == 0, result.stderr
    assert "NaN" not in result.stdout and "Infinity" not in result.stdout
    json.loads(result.stdout, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))


def test_json_ready() -> None:
    data = {"a": math.nan, "b": [math.inf, 1.5, {"c": -math.inf}], "d": "nan", "e": 3}
    assert json_ready(data) == {"a": None, "b": [None, 1.5, {"c": None}], "d": "nan", "e": 3}
    json.dumps(json_ready(data), allow_nan=False)


def test_schedule_json_is_json_for_every_sample(tmp_path: Path) -> None:
    for plan in sorted((ROOT / "data" / "plans").glob("*.yaml")):
        result = CliRunner().invoke(cli, ["schedule", str(plan), "--json", "--load"])
        assert result.exit_code in (0, 3)
        json.loads(result.stdout, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))
