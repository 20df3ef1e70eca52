"""Reassessment: this assessment against the previous one, and what moved most."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from careerlib import charts, load_client, summaries, tables
from careerlib.assessments import record_assessment, skills_assessment, values_assessment
from careerlib.gaps import moved_most, reassessment
from careerlib.interests import interest_assessment, load_interest_items
from tests.conftest import DATA, sample_client

D = dt.date
FIRST = ["Achievement", "Recognition", "Independence", "Relationships", "Working Conditions"]
FIRST.append("Support")
SECOND = ["Independence", "Achievement", "Recognition", "Support", "Relationships"]
SECOND.append("Working Conditions")


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return sample_client(tmp_path)


def test_no_assessment_nothing_to_compare(client: Path) -> None:
    changes = reassessment(load_client(client))
    assert changes.empty
    assert "No assessment taken yet" in summaries.reassessment_summary(changes).data
    fig = charts.reassessment_chart(changes)
    assert "No assessment to compare yet" in fig.layout.annotations[0].text


def test_the_first_assessment_is_set_against_the_client_file(client: Path) -> None:
    record_assessment(client, values_assessment(FIRST, D(2026, 10, 5)))
    changes = reassessment(load_client(client)).set_index("name")
    # Jordan's file: Achievement 6, Recognition 5, Independence 5, Relationships 4, Support 3,
    # Working Conditions 4; the card sort: 7, 5.8, 4.6, 3.4, 2.2, 1 in FIRST's order
    assert changes.at["Achievement", "before"] == 6 and changes.at["Achievement", "after"] == 7
    assert changes.at["Support", "change"] == pytest.approx(1.0 - 3.0)
    assert set(changes["before_from"]) == {"client file"}
    assert set(changes["after_from"]) == {"work values card sort of 5 Oct 2026"}


def test_the_newest_against_the_previous_and_what_moved_most(client: Path) -> None:
    record_assessment(client, values_assessment(FIRST, D(2026, 10, 5)))
    record_assessment(client, values_assessment(SECOND, D(2026, 12, 3)))
    record_assessment(client, skills_assessment({"Writing": 4.5}, D(2026, 10, 5)))
    record_assessment(
        client,
        skills_assessment(
            {"Writing": 5.5, "Persuasion": 5, "Law and Government": 2.5}, D(2026, 12, 3)
        ),
    )
    changes = reassessment(load_client(client))
    values = changes[changes["kind"] == "value"].set_index("name")
    # Independence: 3rd (4.6) -> 1st (7); Working Conditions: 5th (2.2) -> 6th (1)
    assert values.at["Independence", "change"] == pytest.approx(2.4)
    assert values.at["Working Conditions", "change"] == pytest.approx(-1.2)
    assert set(values["before_from"]) == {"work values card sort of 5 Oct 2026"}
    skills = changes[changes["kind"] == "skill"].set_index("name")
    # Writing: the earlier assessment's 4.5; Persuasion: the client file's 3.5;
    # Law and Government: the client file's 2.5, unchanged
    assert skills.at["Writing", "before"] == 4.5 and skills.at["Writing", "after"] == 5.5
    assert skills.at["Writing", "before_from"] == "skill self-ratings of 5 Oct 2026"
    assert skills.at["Persuasion", "before"] == 3.5
    assert skills.at["Persuasion", "before_from"] == "client file"
    most = moved_most(changes, 3)
    # Independence and Support +2.4 each, Persuasion +1.5 (3.5 -> 5), the rest 1.2 or less
    assert most["name"].tolist() == ["Independence", "Support", "Persuasion"]
    assert "Law and Government" not in set(moved_most(changes, 20)["name"])  # did not move
    text = summaries.reassessment_summary(changes).data
    assert "**Independence +2.4** (4.6 → 7)" in text
    assert "since the work values card sort of 5 Oct 2026" in text
    table = tables.reassessment_table(changes).cells
    assert table.columns.tolist() == [
        "Kind", "Scale or skill", "Before", "Now", "Change", "Before, from", "Now, from",
    ]  # fmt: skip
    assert table.iloc[0]["Scale or skill"] == "Persuasion"  # the skills' biggest move first
    fig = charts.reassessment_chart(changes)
    names = {t.name for t in fig.data}
    assert names == {"before", "now"}
    assert len([t for t in fig.data if t.type == "scatterpolar"]) == 2  # values only
    assert any("Skills that moved" in a.text for a in fig.layout.annotations)


def test_an_interest_profiler_first_and_again(client: Path) -> None:
    items = load_interest_items(DATA / "interest-items-60.yaml")
    record_assessment(client, interest_assessment(items, [2] * 60, D(2026, 10, 5)))
    answers = [4 if k % 6 == 4 else 2 for k in range(60)]  # Enterprising all Strongly like
    record_assessment(client, interest_assessment(items, answers, D(2026, 12, 3)))
    changes = reassessment(load_client(client))
    most = moved_most(changes, 1).iloc[0]
    assert (most["name"], most["before"], most["after"]) == ("Enterprising", 4.0, 7.0)
    assert most["before_from"] == "interest profiler of 5 Oct 2026"
