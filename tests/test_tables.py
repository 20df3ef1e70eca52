"""Tables for readers: every analysis of every sample client, and the formats one by one."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import careerlib
from careerlib import analyse, gaps, load_client, tables
from careerlib.tables import EMPTY, Table, fmt_date, fmt_list, reader_table
from tests.conftest import ROOT

CLIENTS = sorted((ROOT / "data" / "clients").glob("*.yaml"))
AS_OF = dt.date(2026, 11, 23)

#: What a cell for readers never shows: code's way of saying nothing, true or a tuple.
CODE_CELL = re.compile(r"^(nan|NaN|None|NaT|<NA>|True|False|\(\)|\(.*,\)|\[.*\]|\(['\"].*['\"]\))$")


def every_table(client: Path) -> dict[str, Table]:
    profile = load_client(client)
    report = analyse(profile, AS_OF)
    role = gaps.target_role(profile)
    assert report.plan is not None and report.schedule is not None
    out = {
        "assessment": tables.assessment_table(gaps.self_assessment(profile, role)),
        "obstacles": tables.obstacles_table(
            gaps.obstacles(report.plan, report.schedule), report.schedule
        ),
        "roadmap": tables.roadmap_table(report.schedule),
        "skills": tables.skills_table(report.skills, report.schedule),
        "occupations": tables.occupations_table(report.occupations),
    }
    for route, gap in report.time.items():
        out[f"shrink-{route}"] = tables.shrink_table(gap.critical)
    if report.peers is not None:
        out["peers"] = tables.peers_table(report.peers)
    if report.progress is not None:
        out["progress"] = tables.progress_table(report.progress)
    return out


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_every_table_of_every_sample_client_reads_as_words(client: Path) -> None:
    found = every_table(client)
    assert {"assessment", "roadmap", "skills", "progress"} <= set(found)
    for name, table in found.items():
        cells = table.cells
        assert all(re.fullmatch(r"[A-Z][^_]*", str(c)) for c in cells.columns), (
            name,
            cells.columns,
        )
        bad = [v for v in cells.to_numpy().ravel() if CODE_CELL.match(str(v))]
        assert bad == [], (name, bad)
        # no float with more than two decimals, no raw ISO timestamp
        assert not any(re.search(r"\d\.\d{3,}", str(v)) for v in cells.to_numpy().ravel()), name
        assert not any(re.search(r"\d{4}-\d\d-\d\d", str(v)) for v in cells.to_numpy().ravel())
        page = table.to_html()
        assert "<script" not in page and "<table" in page
        assert "row_heading" not in page and "index_name" not in page, name  # no index


def test_jordan_lee_by_hand() -> None:
    found = every_table(ROOT / "data" / "clients" / "jordan-lee.yaml")
    skills = found["skills"].cells.set_index("Skill or knowledge")
    row = skills.loc["Management of Financial Resources"]
    assert row["Role needs (0-7)"] == "5.0" and row["Client (0-7)"] == "3.0"
    assert row["Importance"] == "88%"
    assert row["Plan steps that close it"] == (
        "Board-level finance course (CHIME CIO Boot Camp), Build and defend the FY2028 IT budget"
    )
    assert skills.loc["Personnel and Human Resources", "Plan steps that close it"] == EMPTY
    # the report's roadmap is the plan on the report's date: the assessment is done
    roadmap = found["roadmap"].cells.set_index("Step (◆ milestone)")
    row = roadmap.loc["Reassess talents and motivators with the coach"]
    assert (row["State"], row["Aim to start"]) == ("done", EMPTY)
    assert roadmap.loc["Lead the HIPAA security risk assessment", "State"] == "35% done"
    assert roadmap.loc["◆ CIO offer accepted", "Critical"] == EMPTY
    peers = found["peers"].cells.set_index("Metric")
    assert peers.loc["IT spend per employee", "Organization"] == "5,200 USD"
    assert peers.loc["IT spend per employee", "Better than"] == "78%"
    assert peers.loc["IT spend per employee", "Direction"] == "lower is better"


def test_a_small_gap_is_not_shown_as_none() -> None:
    report = analyse(ROOT / "data" / "clients" / "priya-nair.yaml", AS_OF)
    skills = tables.skills_table(report.skills, rows=40).cells.set_index("Skill or knowledge")
    row = skills.loc["Customer and Personal Service"]  # needs 5.52, the client says 5.5
    # the gap is shown as it is, and within gaps.MET_WITHIN it is met, not a gap to close
    assert (row["Gap"], row["Status"]) == ("< 0.1", "met")
    assert "Customer and Personal Service" not in report.to_dict()["skills"]["unaddressed"]
    profile = load_client(ROOT / "data" / "clients" / "jordan-lee.yaml")
    table = tables.assessment_table(gaps.self_assessment(profile, gaps.target_role(profile)))
    differences = table.cells.set_index("Scale")["Difference"]
    assert (differences["Independence"], differences["Social"]) == ("0.0", "+1.6")


def test_status_cells_are_coloured_and_text_is_escaped() -> None:
    frame = pd.DataFrame(
        {"title": ["<script>alert('x')</script>", "Fine & dandy"], "status": ["unaddressed", "met"]}
    )
    table = reader_table(
        frame, {"title": ("Title", "text"), "status": ("Status", "text")}, status=("Status",)
    )
    page = table.to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page and "Fine &amp; dandy" in page
    assert "#F5B7B1" in page and "#D5F5E3" in page  # red for unaddressed, green for met
    assert table.to_html() == table.to_html()  # ids from the content: the same HTML each time
    assert "Fine & dandy" in repr(table)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param(dt.date(2027, 3, 1), "1 Mar 2027", id="date"),
        pytest.param(np.datetime64("2027-12-15T00:00:00"), "15 Dec 2027", id="datetime64"),
        pytest.param(pd.Timestamp("2028-04-28"), "28 Apr 2028", id="timestamp"),
        pytest.param("2027-01-05", "5 Jan 2027", id="iso text"),
        pytest.param(None, EMPTY, id="none"),
        pytest.param(np.datetime64("NaT"), EMPTY, id="nat"),
        pytest.param(float("nan"), EMPTY, id="nan"),
    ],
)
def test_dates_read_as_dates(value: object, shown: str) -> None:
    assert fmt_date(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param(("a", "b"), "Alpha, b", id="tuple, looked up"),
        pytest.param((), EMPTY, id="empty tuple"),
        pytest.param(None, EMPTY, id="none"),
        pytest.param("a", "Alpha", id="one name"),
    ],
)
def test_lists_read_as_names(value: object, shown: str) -> None:
    assert fmt_list(value, {"a": "Alpha"}) == shown


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        pytest.param("share", 0.875, "88%", id="share"),
        pytest.param("percent", 15.0, "15%", id="percent"),
        pytest.param("level", 2.1875, "2.2", id="level"),
        pytest.param("number", 1778.955884, "1,778.96", id="number"),
        pytest.param("integer", 12, "12", id="integer"),
        pytest.param("yes/no", True, "yes", id="true"),
        pytest.param("yes/no", False, "no", id="false"),
        pytest.param("level", float("nan"), EMPTY, id="missing level"),
    ],
)
def test_numbers_read_as_a_reader_writes_them(kind: str, value: object, shown: str) -> None:
    table = reader_table(pd.DataFrame({"x": [value]}), {"x": ("X", kind)})
    assert table.cells.iloc[0, 0] == shown


def test_an_empty_table_says_so() -> None:
    table = reader_table(pd.DataFrame({"x": []}), {"x": ("X", "text")}, caption="Obstacles")
    assert "(none)" in table.to_html() and "none" in repr(table)


def test_options_table_lists_what_to_take_and_the_total() -> None:
    from careerlib import cheapest_way, parse_plan
    from tests.test_tradeoff import CHAIN

    table = tables.options_table(cheapest_way(parse_plan(CHAIN.format(target="2027-04-09"))))
    assert table.cells.to_dict("records") == [
        {
            "Step": "Course A",
            "Take instead": "Intensive A",
            "Working days": "-10",
            "Hours a week while it runs": EMPTY,
            "Cost": "1,000 EUR",
        },
        {
            "Step": "Course B",
            "Take instead": "Intensive B",
            "Working days": "-10",
            "Hours a week while it runs": EMPTY,
            "Cost": "1,100 EUR",
        },
        {
            "Step": "Total",
            "Take instead": "",
            "Working days": "",
            "Hours a week while it runs": "",
            "Cost": "2,100 EUR",
        },
    ]
    nothing = tables.options_table(cheapest_way(parse_plan(CHAIN.format(target="2027-06-30"))))
    assert len(nothing) == 0 and "(none)" in nothing.to_html()


def test_the_skills_table_says_ask_the_client_for_a_skill_not_rated() -> None:
    from careerlib.gaps import skills_gap
    from careerlib.onet import role_profile

    skills = skills_gap(role_profile("11-3021.00"), {"Critical Thinking": 3})
    cells = tables.skills_table(skills, rows=40).cells.set_index("Skill or knowledge")
    assert cells.at["Critical Thinking", "Status"] == "unaddressed"
    row = cells.loc["Writing"]
    assert row["Status"] == "not rated: ask the client"
    assert row["Client (0-7)"] == tables.EMPTY and row["Gap"] == tables.EMPTY
    assert "nan" not in tables.skills_table(skills).to_html()


# --- one format per kind of value ---------------------------------------------------


def _jordan() -> careerlib.GapReport:
    return analyse(ROOT / "data" / "clients" / "jordan-lee.yaml", AS_OF)


def test_every_figure_of_a_peer_row_carries_its_unit_and_the_same_decimals() -> None:
    report = _jordan()
    cells = tables.peers_table(report.peers).cells
    figures = ["Organization", "Peers, lower quartile", "Peers, median", "Peers, upper quartile"]
    for (_, row), unit in zip(cells.iterrows(), report.peers["unit"], strict=True):
        shown = [row[c] for c in figures]
        assert all(s.endswith(unit) for s in shown), shown  # "2.4 %" never beside "2.73"
        numbers = [s.removesuffix(unit).strip() for s in shown]
        decimals = {len(n.split(".")[1]) if "." in n else 0 for n in numbers}
        assert len(decimals) == 1, shown
    first = cells.iloc[0]
    assert first["Organization"] == "2.40%" and first["Peers, lower quartile"] == "2.73%"
    spend = cells[cells["Metric"] == "IT spend per employee"].iloc[0]
    assert spend["Organization"] == "5,200 USD"  # no decimals on thousands


@pytest.mark.parametrize(
    ("score", "shown"), [(86.5, "87"), (86.49, "86"), (87.8, "88"), (0.4, "0"), (None, EMPTY)]
)
def test_a_score_is_rounded_one_way(score: float | None, shown: str) -> None:
    assert tables.fmt_score(score) == shown


def test_the_occupation_scores_read_the_same_in_the_table_the_chart_and_the_terminal() -> None:
    from careerlib.charts import occupations_chart
    from careerlib.terminal import occupations_text

    report = _jordan()
    table = tables.occupations_table(report.occupations).cells["Score (of 100)"].tolist()
    chart = occupations_chart(report.occupations).data[-1].text[::-1]  # drawn bottom up
    text = "\n".join(occupations_text(report))
    assert table == [t.strip() for t in chart]
    for score in table:
        assert re.fullmatch(r"\d{1,3}", score)
        assert f": {score} = " in text


def test_the_occupations_reasons_name_the_target_once_in_the_caption() -> None:
    report = _jordan()
    frame = report.occupations.copy()
    target = "Computer and Information Systems Managers"
    frame["reason"] = [
        f"O*NET: one of the 10 closest to the target {target} (#{k}); same job zone; "
        f"interest fit 0.{90 - 10 * k}"
        for k in range(1, len(frame) + 1)
    ]
    table = tables.occupations_table(frame)
    assert table.caption is not None and f"the target is {target}" in table.caption
    reasons = table.cells["Why"].tolist()
    assert reasons[0] == (
        "one of the 10 closest to the target (#1); same job zone; "
        "a close fit to the client's interests"
    )
    assert not [r for r in reasons if target in r or "O*NET:" in r or "interest fit" in r]
    # the sample's own reasons: never an interest fit as a bare number
    shown = tables.occupations_table(report.occupations).cells["Why"].tolist()
    assert shown and not [r for r in shown if "interest fit 0." in r]


def test_no_shrinking_meets_a_date_that_has_passed() -> None:
    # on 7 Jun 2027 the budget's deadline (28 May 2027) has passed: no shrink list
    report = analyse(ROOT / "data" / "clients" / "jordan-lee.yaml", dt.date(2027, 6, 7))
    gap = report.time["internal"]
    assert gap.dates_passed == (("'Build and defend the FY2028 IT budget'", dt.date(2027, 5, 28)),)
    table = tables.shrink_table(gap)
    assert len(table) == 0
    assert repr(table).startswith(
        "No shrinking can meet a date that has passed: the deadline of 'Build and defend"
    )
    assert "&#x27;Build and defend" in table.to_html()  # a title is escaped in HTML
    # months earlier every date is ahead: the critical steps and what they could give
    early = analyse(ROOT / "data" / "clients" / "jordan-lee.yaml", dt.date(2026, 11, 23))
    assert len(tables.shrink_table(early.time["internal"])) == len(early.time["internal"].critical)


def test_plan_diff_table_reads_as_words() -> None:
    from careerlib.tracking.diff import plan_diff

    data = ROOT / "tests" / "data" / "rethink"
    table = tables.plan_diff_table(plan_diff(data / "old.yaml", data / "new.yaml"))
    cells = table.cells
    assert list(cells.columns) == list(tables.PLAN_DIFF_COLUMNS)
    by_step = {row[0]: row for row in cells.itertuples(index=False)}
    assert list(by_step["b"]) == [
        "b",
        "shortened, latest start later",
        "10 days",
        "8 days",
        "0%",
        "0%",
        "11 Mar 2026",
        "20 Mar 2026",
        "+7",
    ]
    assert list(by_step["e"])[2:4] == [EMPTY, "2 days"]
    assert list(by_step["m"])[2:4] == ["milestone", "milestone"]
    assert not any(CODE_CELL.match(str(v)) for v in cells.to_numpy().ravel())
    assert len(tables.plan_diff_table(plan_diff(data / "old.yaml", data / "old.yaml"))) == 0
