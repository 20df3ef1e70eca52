"""The client's report: one document (HTML or PDF) joining every analysis, and
the post-processing of batch reports (PDF beside the HTML, a shared plotly.js).

:func:`write_report` is what ``careerlib report CLIENT -o FILE`` calls;
:func:`~careerlib.report.pdf.finish_report` what ``careerlib run --pdf
--shared-js`` does to each report. The layout is in :mod:`.document`, the
printing (Chromium's own ``--print-to-pdf``, and why) in :mod:`.pdf`, and
where the cover's verdict comes from in :mod:`.checkin`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from careerlib._atomic import write_text
from careerlib.clients import Client
from careerlib.exceptions import UsageError
from careerlib.report.checkin import CheckinVerdict, latest_checkin
from careerlib.report.document import ReportContent, gather, report_html
from careerlib.report.pdf import finish_report, html_to_pdf, share_plotly_js

__all__ = [
    "CheckinVerdict",
    "ReportContent",
    "finish_report",
    "gather",
    "html_to_pdf",
    "latest_checkin",
    "report_html",
    "share_plotly_js",
    "write_report",
]

_SUFFIXES = (".html", ".pdf")


def write_report(
    client: str | os.PathLike[str] | Client,
    output: str | os.PathLike[str],
    *,
    as_of: dt.date | None = None,
    coach: str | None = None,
) -> Path:
    """Write the client's document to ``output``: ``.html`` or ``.pdf`` by its suffix.

    The HTML has live charts with plotly.js inlined (it opens offline); the PDF
    is the same document with the charts drawn as SVG, printed by Chromium
    with a cover page and page numbers.

    Raises
    ------
    UsageError
        For another suffix than ``.html`` or ``.pdf``.
    ExportError
        When Chromium is missing or fails (the PDF and its charts need it).
    """
    target = Path(output)
    suffix = target.suffix.lower()
    if suffix not in _SUFFIXES:
        raise UsageError(
            f"cannot write a report to {target.name!r}; valid suffixes: {', '.join(_SUFFIXES)}"
        )
    content = gather(client if isinstance(client, Client) else Path(client), as_of, coach=coach)
    if suffix == ".html":
        return write_text(target, report_html(content, chart_mode="plotly"))
    page = report_html(content, chart_mode="svg")
    temp = target.with_name(f".{target.stem}.print.html")
    write_text(temp, page)
    try:
        return html_to_pdf(temp, target)
    finally:
        temp.unlink(missing_ok=True)
