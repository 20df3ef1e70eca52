"""The practice roster as files: an HTML page (table and chart, offline), CSV and Excel.

:func:`write_roster` picks the format from the file's suffix. The HTML page
inlines plotly.js (it opens without a network). The CSV holds the roster's
columns under their short names (:data:`careerlib.roster_status.COLUMNS`, ISO
dates) for programs; the workbook is for people: headers in words, dates as
dates, yes/no, and a sheet that says what each column means
(:data:`ROSTER_SHEET`). Neither has a text cell a spreadsheet would run as a
formula (the same helpers as every careerlib spreadsheet,
:mod:`careerlib._spreadsheet`).
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from careerlib._spreadsheet import Column
from careerlib._text import day_text
from careerlib.exceptions import UsageError
from careerlib.roster_status import Roster
from careerlib.tables import roster_table

__all__ = [
    "ROSTER_SHEET",
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


#: The roster workbook's columns, in order (the CSV keeps the names,
#: :data:`careerlib.roster_status.COLUMNS`).
ROSTER_SHEET: tuple[Column, ...] = (
    Column("client", "Client", "text", "The client's name.", 24),
    Column(
        "status",
        "Status",
        "text",
        "ahead, on plan, using slack, behind or late: the forecast at the last check-in "
        "against the plan.",
        11,
    ),
    Column("target_role", "Target role", "text", "The role the client is moving to.", 32),
    Column("target", "Target date", "date", "The day the client wants to be in the new role."),
    Column(
        "forecast_finish",
        "Forecast finish",
        "date",
        "When the work left would be done, scheduled forward from the last check-in.",
    ),
    Column(
        "slack_left_days",
        "Slack left (working days)",
        "integer",
        "Working days the forecast finish is before the target (0 when late).",
    ),
    Column(
        "days_late",
        "Late by (working days)",
        "integer",
        "Working days the forecast finish is after the target (0 when on time).",
    ),
    Column(
        "missed_deadline",
        "Deadline missed most",
        "text",
        "The step whose own deadline the forecast misses by the most working days.",
        32,
    ),
    Column(
        "missed_deadline_days",
        "It is missed by (working days)",
        "integer",
        "Working days that step's forecast finish is after its deadline.",
    ),
    Column(
        "deadlines_missed",
        "Deadlines missed",
        "integer",
        "How many steps' deadlines the forecast misses.",
        11,
    ),
    Column(
        "earned_pct",
        "Work done",
        "percent",
        "The share of the plan's work done at the last check-in, each step weighted by "
        "its working days.",
        11,
    ),
    Column("last_checkin", "Last check-in", "date", "The day of the latest check-in."),
    Column(
        "days_since_checkin",
        "Days since the last check-in",
        "integer",
        "Calendar days from the last check-in to the roster's day.",
    ),
    Column("cadence", "Check-in every", "text", "How often the client checks in.", 12),
    Column(
        "stale",
        "Check-in overdue",
        "yes/no",
        "yes: the last check-in is older than the cadence allows.",
        11,
    ),
    Column(
        "plan_changed",
        "Plan changed",
        "yes/no",
        "yes: the plan file changed after the baseline the progress is measured against.",
        11,
    ),
    Column(
        "next_step_title",
        "Next step to start",
        "text",
        "The step not started whose latest start comes soonest, within two weeks.",
        32,
    ),
    Column(
        "next_latest_start",
        "Its latest start",
        "date",
        "The last day that step can start without moving the target.",
    ),
    Column(
        "next_days_left",
        "Working days before it must start",
        "integer",
        "Working days from the roster's day to that latest start (negative: it has passed).",
    ),
    Column(
        "unaddressed_gaps",
        "Skill gaps no step addresses",
        "integer",
        "Skills of the target role where the client falls short and no step of the plan "
        "develops them.",
    ),
    Column(
        "not_rated_skills",
        "Skills not rated yet",
        "integer",
        "Skills of the target role the client has not rated: no gap can be told there yet "
        "(ask the client).",
    ),
    Column("route", "Route", "text", "The route of the plan the client follows (its id).", 20),
    Column("verdict", "Verdict", "text", "One sentence: can the target still be met.", 60),
    Column("note", "Note", "text", "Why a value is missing, when one is.", 30),
    Column(
        "next_step",
        "Next step's id",
        "text",
        "The next step's short name in the plan file (for `careerlib checkin`).",
        16,
    ),
    Column("file", "Client file", "text", "The client's profile file.", 40),
)

_PROBLEMS_SHEET = (
    Column("file", "Client file", "text", "A client file that could not be read.", 40),
    Column("message", "What went wrong", "text", "Why it could not be read.", 100),
)


def roster_xlsx(result: Roster) -> bytes:
    """The roster as an Excel workbook for people.

    Sheet ``Roster`` (one row a client, attention first: headers in words with
    units, dates as dates, yes/no, the work done as a percentage, the status
    cell in its colour, the header row and the names frozen), ``Problems`` for
    client files not read, and ``About the columns`` (what each means, and its
    CSV column). No cell is a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from careerlib._spreadsheet import (
        about_sheet,
        people_sheet,
        secure_workbook,
        workbook_bytes,
    )
    from careerlib.charts.roster import STATUS_COLORS

    frame = _flat(result)
    frame["earned_pct"] = frame["earned_pct"] / 100  # a share: Excel shows it as a percentage
    book = Workbook()
    book.remove(book.active)
    sheet = people_sheet(book, "Roster", frame, ROSTER_SHEET, row_name="client")
    status_col = [c.name for c in ROSTER_SHEET].index("status") + 1
    for row, status in enumerate(frame["status"].tolist(), start=2):
        color = STATUS_COLORS.get(status)
        if color:
            cell = sheet.cell(row=row, column=status_col)
            cell.fill = PatternFill("solid", fgColor=color.lstrip("#"))
            cell.font = Font(color="FFFFFF", bold=True)
    if result.problems:
        problems = pd.DataFrame(
            {
                "file": [str(p) for p, _ in result.problems],
                "message": [m for _, m in result.problems],
            }
        )
        people_sheet(book, "Problems", problems, _PROBLEMS_SHEET)
    about_sheet(book, ROSTER_SHEET)
    # no cell is a formula: text a spreadsheet would run gets Excel's quote prefix
    secure_workbook(book)
    return workbook_bytes(book)


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #2B2D42;
       margin: 24px 32px; }
h1 { font-size: 24px; margin: 0 0 4px; }
p.summary { margin: 0 0 16px; color: #5D6D7E; }
table.roster { border-collapse: collapse; font-size: 14px; margin-bottom: 24px; }
table.roster th { text-align: left; background: #F2F4F4; border-bottom: 2px solid #AAB7B8;
                  padding: 6px 10px; vertical-align: bottom; }
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
    title = f"The practice on {day_text(result.as_of)}"
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
