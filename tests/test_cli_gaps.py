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
    # direction up from an IT manager: every step up O*NET's ladder has (fewer than 10)
    from careerlib.gaps import ladder_steps

    ups = ladder_steps("11-3021.00")["step"].eq("up").sum()
    assert len(data["occupations"]) == min(10, ups) and ups >= 5
    assert {o["step"] for o in data["occupations"]} == {"up"}
    assert data["skills"]["not_rated"] == []  # Jordan rated every skill of the role
    assert "CC BY 4.0" in data["attribution"]


def test_gaps_text():
    result = run("gaps", str(DATA / "clients" / "priya-nair.yaml"), "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert "Gap analyses for Priya Nair, as of 23 Nov 2026" in result.output
    assert "NO STEP ADDRESSES THIS GAP" in result.output
    assert "gathered dust" in result.output  # biweekly cadence, last review 2026-10-30
    assert "O*NET 29.0 Database" in result.output


def test_gaps_json_occupations_say_why():
    result = run(
        "gaps", str(DATA / "clients" / "priya-nair.yaml"), "--as-of", "2026-11-23", "--json"
    )
    data = json.loads(result.output)
    first = data["occupations"][0]
    assert first["code"] == "29-1141.04"  # Clinical Nurse Specialists: advanced practice
    assert first["score"] == pytest.approx(
        first["skills_points"]
        + first["interest_points"]
        + first["ladder_points"]
        + first["related_points"],
        abs=0.21,
    )
    assert first["zone_points"] is None  # direction up: the ladder, not the job zone
    assert first["transferable"] and first["largest_gaps"] and first["reason"]
    assert first["relation"] == "target #2 (Primary-Short)"
    assert (first["step"], first["ladder"]) == ("up", "advanced practice")
    assert "a step up: advanced practice in the same field" in first["reason"]
    assert first["ask_client"] and 0 < first["rated_share"] < 1
    basis = data["occupations_basis"]
    assert basis["current_role"] == "Registered Nurse"
    assert basis["current_occupation"]["code"] == "29-1141.00"
    assert (
        basis["current_occupation"]["described"]
        == "O*NET 29-1141.00 Registered Nurses (by its title)"
    )
    assert basis["target"] == {
        "code": "11-9111.00",
        "title": "Nurse Manager, inpatient unit",
        "occupation": "Medical and Health Services Managers",
    }
    assert basis["direction"] == "up"


@pytest.mark.parametrize(
    ("args", "count", "zones"),
    [
        # the three best, then the target with its own rank (4th)
        pytest.param(["--occupations", "3"], 4, {4, 5}, id="fewer"),
        pytest.param(["--occupations", "25"], 25, {4, 5}, id="more"),
        pytest.param(["--direction", "down"], 10, {3, 4}, id="down"),
        pytest.param(["--direction", "any", "--occupations", "30"], 30, {3, 4, 5}, id="any"),
    ],
)
def test_gaps_occupations_and_direction(args: list[str], count: int, zones: set[int]):
    path = str(DATA / "clients" / "priya-nair.yaml")
    result = run("gaps", path, "--as-of", "2026-11-23", "--json", *args)
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)["occupations"]
    assert len(found) == count
    assert {o["job_zone"] for o in found} == zones
    assert found[-1]["rank"] == (4 if count == 4 else count)


def test_gaps_text_lists_the_occupations_with_their_parts():
    result = run("gaps", str(DATA / "clients" / "jordan-lee.yaml"), "--as-of", "2026-11-23")
    out = result.output
    assert (
        "current role 'IT Director' taken as O*NET 11-3021.00 Computer and Information "
        "Systems Managers (by its short title 'IT Director'), job zone 4"
    ) in out
    assert "(score 0-100 = skills + interests + ladder + related)" in out
    assert "1. Medical and Health Services Managers (11-9111.00): 72 = 39 + 19 + 15 + 0" in out
    assert "a step up: broader management — Leadership 4.8/5 (now 4.2)" in out
    assert "brings Computers and Electronics, Critical Thinking, Speaking" in out
    assert "ask the client about Administrative, Instructing, Mathematics (knowledge)" in out


def test_gaps_bad_direction_is_a_usage_error():
    result = run("gaps", str(DATA / "clients" / "jordan-lee.yaml"), "--direction", "lateral")
    assert result.exit_code == 2
    assert "'lateral' is not one of 'up', 'sideways', 'down', 'any'" in result.output


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
