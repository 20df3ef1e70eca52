"""The command line, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib.cli import cli

DATA = Path(__file__).resolve().parents[1] / "data"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_gaps_json_has_one_key_per_analysis():
    result = run(
        "gaps", str(DATA / "clients" / "jordan-lee.yaml"), "--as-of", "2026-11-23", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"skills", "peers", "time", "progress", "alignment", "occupations"} <= set(data)
    assert data["as_of"] == "2026-11-23"
    assert data["skills"]["onet_code"] == "11-3021.00"
    assert "Personnel and Human Resources" in data["skills"]["unaddressed"]
    assert len(data["peers"]) == 9
    assert [t["route"] for t in data["time"]] == ["internal", "external"]
    assert data["progress"]["review_date"] == "2026-11-20"
    assert data["alignment"]["unserved_goals"] == ["balance"]
    assert len(data["occupations"]) == 10
    assert "CC BY 4.0" in data["attribution"]


def test_gaps_text():
    result = run("gaps", str(DATA / "clients" / "priya-nair.yaml"), "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert "Gap analyses for Priya Nair, as of 2026-11-23" in result.output
    assert "NO STEP ADDRESSES THIS GAP" in result.output
    assert "gathered dust" in result.output  # biweekly cadence, last review 2026-10-30
    assert "O*NET 29.0 Database" in result.output


@pytest.mark.parametrize(
    ("text", "match"),
    [
        pytest.param(
            "name: X\ncurrent_role: A\ntarget_role: ../roles/nope.yaml\n",
            "target_role: no role file",
            id="role",
        ),
        pytest.param(
            "name: X\ncurrent_role: A\ntarget_role: IT Director\nplan: nope.yaml\n",
            "no plan file",
            id="plan",
        ),
        pytest.param(
            "name: X\ncurrent_role: A\ntarget_role: IT Director\npeers: nope.csv\n",
            "no peer file",
            id="peers",
        ),
    ],
)
def test_gaps_bad_client_is_one_line_and_exit_2(tmp_path: Path, text: str, match: str):
    path = tmp_path / "client.yaml"
    path.write_text(text)
    result = run("gaps", str(path))
    assert result.exit_code == 2
    assert match in result.output
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_gaps_bad_date():
    result = run("gaps", str(DATA / "clients" / "jordan-lee.yaml"), "--as-of", "23/11/2026")
    assert result.exit_code == 2
    assert "--as-of" in result.output
