"""careerlib assess CLIENT interests|values|skills: one question at a time, resumable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib import load_client
from careerlib.assessments import assessments_path, draft_path, read_assessments
from careerlib.cli import EXIT_INVALID, EXIT_OK, cli
from tests.conftest import DATA, sample_client

ITEMS = DATA / "interest-items-60.yaml"


def run(*args: str, input: str = "") -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, prog_name="careerlib")
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return sample_client(tmp_path)


def test_values_one_card_at_a_time_stopped_and_resumed(client: Path) -> None:
    before = client.read_bytes()
    # Working Conditions (2nd of the six), then Independence (5th of the five left), then stop
    code, out, err = run("assess", str(client), "values", "--date", "2026-12-03", input="2\n5\nq\n")
    assert code == EXIT_OK, err
    assert out.count("Which of these matters most to you in work?") == 3
    assert "1. Achievement: Occupations that satisfy this work value" in out
    assert "stopped after 2 of 5; the answers are kept" in out
    assert json.loads(draft_path(client, "values").read_text())["order"] == [
        "Working Conditions",
        "Independence",
    ]
    assert not assessments_path(client).exists()
    # go on where it stopped: b takes back Independence, then four picks
    code, out, err = run(
        "assess", str(client), "values", "--date", "2026-12-03", input="b\n5\n1\n1\n2\n1\n"
    )
    assert code == EXIT_OK, err
    assert "(2 of 6)" in out and "(1 of 6)" not in out  # resumed at the second card
    assert not draft_path(client, "values").exists()
    (result,) = read_assessments(assessments_path(client))
    assert result.order == [
        "Working Conditions",
        "Independence",
        "Achievement",
        "Recognition",
        "Support",
        "Relationships",
    ]
    assert result.scores["Working Conditions"] == 7.0 and result.taken_in == "terminal"
    assert "recorded the work values card sort of 3 Dec 2026" in out
    # set against the client file: Working Conditions 4 -> 7
    assert "moved most since the client file: Working Conditions +3.0 (4 -> 7)" in out
    assert client.read_bytes() == before


def test_interests_with_the_practices_items(client: Path) -> None:
    answers = "".join(f"{4 if k % 6 == 0 else 2}\n" for k in range(60))  # R Like, others Dislike
    code, out, err = run(
        "assess", str(client), "interests", "--items", str(ITEMS), "--date", "2026-12-03",
        input="x\n" + answers,
    )  # fmt: skip
    assert code == EXIT_OK, err
    assert "type a number from 1 to 5, b or q" in out  # "x" is asked again
    assert "SAMPLE ITEMS: not the O*NET Interest Profiler" in out
    assert "[60/60] Conventional test activity 10" in out
    (result,) = read_assessments(assessments_path(client))
    # R: 10 x Like (3) = 30 -> 1 + 6 * 30/40 = 5.5; the others 10 x Dislike (1) = 10 -> 2.5
    assert result.totals == {
        "Realistic": 30,
        "Investigative": 10,
        "Artistic": 10,
        "Social": 10,
        "Enterprising": 10,
        "Conventional": 10,
    }
    assert result.scores["Realistic"] == 5.5 and result.scores["Social"] == 2.5
    assert "  Realistic                             5.5 (total 30)" in out
    assert load_client(client).interest_scores() == result.scores  # the newest is used


def test_an_unfinished_profiler_with_other_items_is_refused(client: Path) -> None:
    run("assess", str(client), "interests", "--items", str(ITEMS), input="3\nq\n")
    code, _, err = run("assess", str(client), "interests", input="3\n")
    assert code == EXIT_INVALID and "the unfinished profiler used other items" in err
    code, out, err = run("assess", str(client), "interests", "--restart", input="q\n")
    assert code == EXIT_OK and "careerlib sample interest items" in out


def test_skills_with_anchors_skips_and_a_bad_level(client: Path) -> None:
    # 31 skills for the healthcare CIO: rate the first, skip the second, 9 is refused
    lines = "5\n\n9\n4.5\n" + "\n" * 29
    code, out, err = run("assess", str(client), "skills", "--date", "2026-12-03", input=lines)
    assert code == EXIT_OK, err
    assert "[1/31] Computers and Electronics (knowledge)" in out
    assert "level 6: Create a program to scan a computer for viruses" in out
    assert "type a level from 0 to 7" in out
    (result,) = read_assessments(assessments_path(client))
    assert result.scores == {
        "Computers and Electronics": 5.0,
        "Healthcare IT regulation and compliance": 4.5,
    }
    assert "Board and executive communication" in result.skipped
    assert len(result.skipped) == 29
    assert "not rated: Board and executive communication" in out
    # a skipped skill keeps the client file's level: a skip is not an answer
    assert load_client(client).skill_levels()["Board and executive communication"] == 2.5


def test_a_bad_client_is_one_line() -> None:
    code, out, err = run("assess", "nobody.yaml", "values")
    assert code == EXIT_INVALID and out == ""
    assert err.startswith("careerlib: ") and err.count("\n") == 1


# --- new client: an ambiguous role ---------------------------------------------------------------


def test_new_client_says_which_occupation_a_role_was_taken_as(tmp_path: Path) -> None:
    code, out, err = run("new", "client", "Jane", "--role", "CIO", "--dir", str(tmp_path))
    assert code == EXIT_OK, err
    assert (
        "the role 'CIO' was taken as O*NET 11-1011.00 Chief Executives (its short title 'CIO')"
        in out
    )
    assert "it could also be: 11-3021.00 Computer and Information Systems Managers" in out
    assert "give --role CODE to take another" in out
    text = (tmp_path / "data" / "clients" / "jane.yaml").read_text()
    assert "# 'CIO' could also be: 11-3021.00 Computer and Information Systems Managers." in text


def test_new_client_asks_in_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from careerlib.cli import workspace

    monkeypatch.setattr(workspace, "_interactive", lambda: True)
    code, out, err = run(
        "new", "client", "Jane", "--role", "CIO", "--dir", str(tmp_path), input="2\n"
    )
    assert code == EXIT_OK, err
    assert "The role 'CIO' could be one of these O*NET occupations:" in out
    assert "  1. O*NET 11-1011.00 Chief Executives (its short title 'CIO')" in out
    assert "  2. O*NET 11-3021.00 Computer and Information Systems Managers" in out
    assert "target role: Computer and Information Systems Managers (O*NET 11-3021.00)" in out
    text = (tmp_path / "data" / "clients" / "jane.yaml").read_text()
    assert "target_role: 11-3021.00" in text
    # a tie is asked too, instead of refused
    code, out, err = run(
        "new", "client", "Dee", "--role", "Data Analyst", "--dir", str(tmp_path), input="5\n"
    )
    assert code == EXIT_OK, err
    assert "target role: Business Intelligence Analysts (O*NET 15-2051.01)" in out


def test_new_client_takes_a_code(tmp_path: Path) -> None:
    code, out, err = run("new", "client", "Jo", "--role", "11-3021.00", "--dir", str(tmp_path))
    assert code == EXIT_OK, err
    assert "taken as O*NET 11-3021.00 Computer and Information Systems Managers (its code)" in out
    assert "could also be" not in out
