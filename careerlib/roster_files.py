"""The practice roster as files: an HTML page (table and chart, offline), CSV and Excel.

:func:`write_roster` picks the format from the file's suffix. The HTML page
inlines plotly.js (it opens without a network); the CSV and the workbook hold
the roster's columns (:data:`careerlib.roster_status.COLUMNS`) with dates as dates,
and no text cell a spreadsheet would run as a formula (the same helpers as
every careerlib spreadsheet, :mod:`careerlib._spreadsheet`).
"""

from __future__ import annotations

import html
import io
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from careerlib.exceptions import UsageError
from careerlib.roster_status import Roster
from careerlib.tables import roster_table

__all__ = [
    "ROSTER_SUFFIXES",
    "roster_csv",
    "roster_html",
    "roster_xlsx",
    "spreadsheet_safe",
    "write_roster",
]


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells a spreadsheet shows as text, never runs.

    :func:`careerlib._spreadsheet.safe_frame`, as every careerlib CSV: a text
    starting with ``= + - @``, a tab or a line break gets a leading ``'``
    (OWASP's rule), in the cells, the index and the column names.
    """
    from careerlib._spreadsheet import safe_frame

    return safe_frame(frame)


def _flat(result: Roster) -> pd.DataFrame:
    """The roster for a file: status as text, one row a client, no index."""
    frame = result.frame.copy()
    frame["status"] = frame["status"].astype(str)
    return frame


def roster_csv(result: Roster) -> bytes:
    """The roster as CSV (UTF-8, dates ``YYYY-MM-DD``, one row a client)."""
    text = spreadsheet_safe(_flat(result)).to_csv(
        index=False, date_format="%Y-%m-%d", lineterminator="\n"
    )
    return text.encode("utf-8")


def roster_xlsx(result: Roster) -> bytes:
    """The roster as an Excel workbook: sheet ``Roster``, and ``Problems`` for files not read.

    Dates are Excel dates; the status cell takes the status colour; the
    header row and the client names stay in view when scrolling.
    """
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from careerlib._spreadsheet import check_cell_lengths, secure_workbook
    from careerlib.charts.roster import STATUS_COLORS

    frame = _flat(result)
    problems = pd.DataFrame(
        {"file": [str(p) for p, _ in result.problems], "message": [m for _, m in result.problems]}
    )
    check_cell_lengths(frame.set_index("client"), "Roster")
    buffer = io.BytesIO()
    with pd.ExcelWriter(
        buffer, engine="openpyxl", date_format="yyyy-mm-dd", datetime_format="yyyy-mm-dd"
    ) as writer:
        frame.to_excel(writer, sheet_name="Roster", index=False)
        sheet = writer.sheets["Roster"]
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = sheet.dimensions
        widths = {"client": 22, "target_role": 36, "verdict": 60, "file": 40, "note": 30}
        for col, name in enumerate(frame.columns, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = widths.get(name, 13)
        status_col = list(frame.columns).index("status") + 1
        for row, status in enumerate(frame["status"].tolist(), start=2):
            color = STATUS_COLORS.get(status)
            if color:
                cell = sheet.cell(row=row, column=status_col)
                cell.fill = PatternFill("solid", fgColor=color.lstrip("#"))
                cell.font = Font(color="FFFFFF", bold=True)
        if len(problems):
            problems.to_excel(writer, sheet_name="Problems", index=False)
            info = writer.sheets["Problems"]
            info.column_dimensions["A"].width = 40
            info.column_dimensions["B"].width = 100
        # no cell is a formula: text a spreadsheet would run gets Excel's quote prefix
        secure_workbook(writer.book)
    return buffer.getvalue()


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #2B2D42;
       margin: 24px 32px; }
h1 { font-size: 24px; margin: 0 0 4px; }
p.summary { margin: 0 0 16px; color: #5D6D7E; }
table.roster { border-collapse: collapse; font-size: 14px; margin-bottom: 24px; }
table.roster th { text-align: left; background: #F2F4F4; border-bottom: 2px solid #AAB7B8;
                  padding: 6px 10px; white-space: nowrap; }
table.roster td { border-bottom: 1px solid #E5E8EB; padding: 6px 10px; vertical-align: top; }
table.roster td.num { text-align: right; }
table.roster td.date { white-space: nowrap; }
span.status { display: inline-block; padding: 2px 8px; border-radius: 10px; color: white;
              font-weight: 600; white-space: nowrap; }
td.stale { color: #C0392B; font-weight: 600; }
ul.problems { color: #C0392B; }
"""


def roster_html(result: Roster, *, include_plotlyjs: bool | str = True) -> bytes:
    """The roster as one HTML page that opens offline: the summary, the table, the chart.

    Parameters
    ----------
    result
        The roster (:func:`careerlib.read_roster`).
    include_plotlyjs
        ``True`` (default) inlines plotly.js so the page needs no network;
        ``"cdn"`` links it instead.
    """
    from careerlib.charts.roster import STATUS_COLORS, roster_chart

    table = roster_table(result).cells
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
    body = []
    for (_, row), stale in zip(table.iterrows(), result.frame["stale"], strict=True):
        cells = []
        for col in table.columns:
            text = html.escape(str(row[col]))
            if col == "Status":
                color = STATUS_COLORS.get(row[col], "#7F8C8D")
                cells.append(
                    f'<td><span class="status" style="background:{color}">{text}</span></td>'
                )
            elif col == "Last check-in" and stale:
                cells.append(f'<td class="stale">{text}</td>')
            elif col in ("Target", "Forecast finish", "Slack or late"):
                cells.append(f'<td class="date">{text}</td>')
            elif col == "Gaps no step addresses":
                cells.append(f'<td class="num">{text}</td>')
            else:
                cells.append(f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    problems = ""
    if result.problems:
        items = "".join(f"<li>{html.escape(str(message))}</li>" for _, message in result.problems)
        problems = f'<h2>Client files not read</h2><ul class="problems">{items}</ul>'
    chart = ""
    if len(result.frame):
        fig = roster_chart(result.frame, as_of=result.as_of)
        chart = fig.to_html(
            include_plotlyjs=include_plotlyjs,
            full_html=False,
            config={"displaylogo": False, "responsive": True},
        )
    title = f"The practice on {result.as_of}"
    summary = f"{result.summary} Clients who need attention come first."
    rows = "".join(body)
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f'<p class="summary">{html.escape(summary)}</p>'
        f'<table class="roster"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        f"{problems}{chart}</body></html>\n"
    )
    return page.encode("utf-8")


#: The roster's file formats, by suffix.
ROSTER_SUFFIXES: dict[str, Callable[[Roster], bytes]] = {
    ".html": roster_html,
    ".csv": roster_csv,
    ".xlsx": roster_xlsx,
}


def write_roster(result: Roster, path: str | os.PathLike[str]) -> Path:
    """Write the roster to ``path`` (``.html``, ``.csv`` or ``.xlsx``), all at once.

    Raises
    ------
    UsageError
        For another suffix, naming the valid ones.
    ExportError
        When the folder does not exist.
    """
    from careerlib.exports import atomic_write

    target = Path(path)
    render = ROSTER_SUFFIXES.get(target.suffix.lower())
    if render is None:
        raise UsageError(
            f"cannot write a roster as {target.suffix or target.name!r}; "
            f"valid: {', '.join(ROSTER_SUFFIXES)}"
        )
    return atomic_write(target, render(result))
