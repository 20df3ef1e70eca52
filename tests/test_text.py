"""Terminal tables (careerlib/text.py): the schedule table with its verdict, the weekly load."""

from __future__ import annotations

import careerlib
from careerlib.text import load_table, schedule_table
from tests.conftest import DATA

CHARTS = DATA / "charts"


def _schedule(name: str) -> careerlib.Schedule:
    return careerlib.schedule(careerlib.load_plan(CHARTS / name))


def test_schedule_table_has_a_row_per_step_and_the_verdict() -> None:
    result = _schedule("career-change.yaml")
    lines = schedule_table(result).splitlines()
    assert lines[0] == "From teacher to instructional designer"
    assert lines[1] == "start 2027-01-04   target 2027-09-30   owner Sam Rivera"
    assert lines[3].split() == ["step", "title", "start", "finish", "slack", "critical"]
    rows = lines[5 : 5 + len(result)]
    assert [r.split()[0] for r in rows] == list(result.ids)
    assert rows[-1].split()[-4:] == ["2027-09-24", "2027-09-24", "57", "*"]
    assert lines[-1] == result.verdict


def test_long_titles_are_clipped_to_the_title_width() -> None:
    text = schedule_table(_schedule("career-change.yaml"), title_width=20)
    assert "kickoff         ◆ Plan agreed with …  2027-03-24" in text
    assert "resume          Rewrite the resume …  2027-08-02  2027-08-13    122" in text


def test_load_table_totals_the_weeks() -> None:
    lines = load_table(_schedule("career-change.yaml")).splitlines()
    assert lines[0] == "Weekly load, hours (8 h/week)"
    assert "2027-08-02       8.0       8.0      0.0" in lines
    assert lines[-1] == "total           16.0     291.2    275.2"


def test_load_table_without_effort_says_so() -> None:
    assert load_table(_schedule("too-late.yaml")) == (
        "No step has an effort in hours: there is no weekly load to show."
    )
