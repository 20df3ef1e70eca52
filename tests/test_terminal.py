"""Terminal tables (careerlib/text.py): the schedule table with its verdict, the weekly load."""

from __future__ import annotations

import careerlib
from careerlib.terminal import load_table, schedule_table
from tests.conftest import DATA, ROOT

CHARTS = DATA / "charts"


def _schedule(name: str) -> careerlib.Schedule:
    return careerlib.schedule(careerlib.load_plan(CHARTS / name))


def test_schedule_table_has_a_row_per_step_and_the_verdict() -> None:
    result = _schedule("career-change.yaml")
    lines = schedule_table(result).splitlines()
    assert lines[0] == "From teacher to instructional designer"
    assert lines[1] == "start 4 Jan 2027   target 30 Sep 2027   owner Sam Rivera"
    assert lines[3].split() == ["step", "title", "start", "finish", "slack", "critical"]
    rows = lines[5 : 5 + len(result)]
    assert [r.split()[0] for r in rows] == list(result.ids)
    assert rows[-1].split()[-8:] == ["24", "Sep", "2027", "24", "Sep", "2027", "57", "*"]
    assert lines[-1] == result.verdict


def test_long_titles_are_clipped_to_the_title_width() -> None:
    text = schedule_table(_schedule("career-change.yaml"), title_width=20)
    assert "kickoff         ◆ Plan agreed with …  24 Mar 2027" in text
    assert "resume          Rewrite the resume …  2 Aug 2027   13 Aug 2027    122" in text


def test_load_table_totals_the_weeks() -> None:
    lines = load_table(_schedule("career-change.yaml")).splitlines()
    assert lines[0] == "Weekly load, hours (8 h/week)"
    assert "2 Aug 2027        8.0       8.0      0.0" in lines
    assert lines[-1] == "total            16.0     291.2    275.2"


def test_load_table_without_effort_says_so() -> None:
    assert load_table(_schedule("too-late.yaml")) == (
        "No step has an effort in hours: there is no weekly load to show."
    )


def test_roster_text_attention_first_then_the_summary_and_the_files_not_read() -> None:
    import datetime as dt

    from careerlib.roster_status import read_roster
    from careerlib.terminal import roster_text

    lines = roster_text(read_roster(DATA / "roster", dt.date(2026, 2, 2))).splitlines()
    assert lines[0] == "The practice on 2 Feb 2026"
    assert lines[2].split("  ")[0] == "Client" and set(lines[3]) == {"-"}
    # one gap no step addresses (Critical Thinking); what the client did not rate is no gap
    assert lines[4].startswith("Lee Late") and lines[4].rstrip().endswith("1 (19 not rated)")
    assert lines[-3].startswith("6 clients on 2 Feb 2026: 1 late")
    assert lines[-2].startswith("not read: ") and "broken.yaml" in lines[-2]
    assert lines[-1].startswith("not read: ") and "no-plan.yaml" in lines[-1]


def test_a_peer_z_score_is_positive_when_the_organization_does_better() -> None:
    import datetime as dt
    import re

    from careerlib.terminal import report_text

    report = careerlib.analyse(ROOT / "data" / "clients" / "jordan-lee.yaml", dt.date(2026, 11, 23))
    text = report_text(report)
    assert "z: standard deviations from the peers' mean, positive when better" in text
    for line in text.splitlines():
        found = re.search(r"z ([+-]\d\.\d\d)\s+(top quartile|bottom quartile)$", line)
        if found:  # a top-quartile metric never reads with a negative z, and the reverse
            assert (found.group(1)[0] == "+") == (found.group(2) == "top quartile"), line
    spend = next(line for line in text.splitlines() if "IT spend per employee" in line)
    assert "5,200 USD" in spend and "6,775 USD" in spend  # the unit on every figure
