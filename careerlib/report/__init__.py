"""The client's report: one document (HTML or PDF) joining every analysis, and
the post-processing of batch reports (PDF beside the HTML, a shared plotly.js).

:func:`write_report` is what ``careerlib report CLIENT -o FILE`` calls;
:func:`~careerlib.report.pdf.finish_report` what ``careerlib run --pdf
--shared-js`` does to each report. The layout is in :mod:`.document`, the
printing (Chromium's own print, and why) in :mod:`.pdf`, the browser kept
running for it in :mod:`careerlib._printer`, and where the cover's verdict
comes from in :mod:`.checkin`.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from careerlib._atomic import write_text
from careerlib._printer import Printer
from careerlib.clients import Client
from careerlib.exceptions import UsageError
from careerlib.report.checkin import CheckinVerdict, latest_checkin
from careerlib.report.document import ReportContent, gather, report_html
from careerlib.report.editions import EDITIONS, Edition, edition_for
from careerlib.report.pdf import finish_report, html_to_pdf, share_plotly_js

__all__ = [
    "EDITIONS",
    "CheckinVerdict",
    "Edition",
    "Printer",
    "ReportContent",
    "finish_report",
    "gather",
    "html_to_pdf",
    "latest_checkin",
    "report_html",
    "share_plotly_js",
    "write_report",
    "write_reports",
]

_SUFFIXES = (".html", ".pdf")


def write_report(
    client: str | os.PathLike[str] | Client,
    output: str | os.PathLike[str],
    *,
    as_of: dt.date | None = None,
    coach: str | None = None,
    printer: Printer | None = None,
    edition: Edition | None = None,
) -> Path:
    """Write the client's document to ``output``: ``.html`` or ``.pdf`` by its suffix.

    The HTML has live charts with plotly.js inlined (it opens offline); the PDF
    is the same document with the charts drawn as SVG, printed by Chromium
    with a cover page and page numbers.

    Parameters
    ----------
    edition
        ``"client"`` (plain words, no ids nor prompts for the coach, the long
        tables in an appendix) or ``"coach"``; by default the client's for a
        PDF and the coach's for an HTML page (:mod:`careerlib.report.editions`).
    printer
        The browser that draws the charts and prints the PDF, kept for several
        documents (see :func:`write_reports`); by default one is started for
        this document, in the background while the analyses run.

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
    chosen = edition_for(edition, target)
    if suffix == ".html":
        content = _gather(client, as_of, coach)
        return write_text(target, report_html(content, chart_mode="plotly", edition=chosen))
    if printer is None:
        with Printer() as own:  # starts now: the browser comes up while the analyses run
            return _write_pdf(_gather(client, as_of, coach), target, own, chosen)
    return _write_pdf(_gather(client, as_of, coach), target, printer, chosen)


def write_reports(
    jobs: Sequence[tuple[str | os.PathLike[str] | Client, str | os.PathLike[str]]],
    *,
    as_of: dt.date | None = None,
    coach: str | None = None,
    edition: Edition | None = None,
) -> list[Path]:
    """:func:`write_report` for several ``(client, output)`` pairs, with one browser.

    The browser starts once and keeps plotly.js compiled for all the PDFs; it
    prints one PDF while the next client's analyses run. Returns the files, in
    the order of ``jobs``.
    """
    if not any(Path(out).suffix.lower() == ".pdf" for _, out in jobs):
        return [write_report(c, out, as_of=as_of, coach=coach, edition=edition) for c, out in jobs]
    written: list[Path] = []
    printing: list[tuple[cf.Future[Path], Path]] = []
    with Printer() as printer:
        try:
            for client, output in jobs:
                target = Path(output)
                if target.suffix.lower() != ".pdf":
                    written.append(
                        write_report(client, target, as_of=as_of, coach=coach, edition=edition)
                    )
                    continue
                chosen = edition_for(edition, target)
                page = report_html(
                    _gather(client, as_of, coach), chart_mode="svg", printer=printer, edition=chosen
                )
                temp = write_text(target.with_name(f".{target.stem}.print.html"), page)
                printing.append((printer.start_print(temp, target), temp))
                written.append(target)
            for future, _ in printing:
                future.result()
        finally:
            for future, temp in printing:
                with contextlib.suppress(Exception):
                    future.result()  # the page stays until it is printed
                temp.unlink(missing_ok=True)
    return written


def _gather(
    client: str | os.PathLike[str] | Client, as_of: dt.date | None, coach: str | None
) -> ReportContent:
    return gather(client if isinstance(client, Client) else Path(client), as_of, coach=coach)


def _write_pdf(content: ReportContent, target: Path, printer: Printer, edition: Edition) -> Path:
    page = report_html(content, chart_mode="svg", printer=printer, edition=edition)
    temp = target.with_name(f".{target.stem}.print.html")
    write_text(temp, page)
    try:
        return printer.print_pdf(temp, target)
    finally:
        temp.unlink(missing_ok=True)
