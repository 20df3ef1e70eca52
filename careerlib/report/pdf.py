"""HTML pages to PDF with Debian's Chromium, and the post-processing of batch reports.

Why Chromium's own print (``Page.printToPDF``) and not typst or WeasyPrint:
Chromium is already what careerlib needs for chart images (kaleido drives it),
so the PDF needs nothing more installed and nothing downloaded. It prints the
very HTML page a client opens on screen, so the two never drift apart; it runs
the plotly charts of a notebook report as they are (WeasyPrint runs no
JavaScript, typst would need a second layout of every table and text); its
text is real text (selectable, searchable, ``pdftotext`` reads it) in the
system's fonts; and since Chromium 131 it draws CSS page-margin boxes, which
give the page numbers in the footer. One browser prints all the PDFs of a
batch run (:class:`careerlib._printer.Printer`).

:func:`finish_report` is what ``careerlib run --pdf --shared-js`` does to each
finished HTML report: the batch code calls it in one place.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import html
import os
import re
from collections.abc import Sequence
from pathlib import Path

from careerlib._atomic import write_text
from careerlib._printer import Printer
from careerlib.exceptions import ExportError

__all__ = [
    "PLOTLY_JS",
    "PRINT_CSS",
    "finish_report",
    "finish_reports",
    "html_to_pdf",
    "share_plotly_js",
]

#: The shared plotly.js file written once per output folder by ``--shared-js``.
PLOTLY_JS = "plotly.min.js"

#: Added to a notebook report when it is printed: A4, page numbers, no cut charts.
PRINT_CSS = """<style media="print">
@page { size: A4; margin: 14mm 12mm 16mm 12mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
                  font: 8.5pt "DejaVu Sans", Arial, sans-serif; color: #5D6D7E; } }
/* the page as drawn on a screen as wide as the window (plotly lays its charts out
   there, legend beside the plot), shrunk to the paper's width */
html { zoom: 0.75; }
.modebar-container { display: none; }
.plotly-graph-div, tr { break-inside: avoid; }
h1, h2, h3 { break-after: avoid; }
</style>
"""


def html_to_pdf(
    page: str | os.PathLike[str],
    pdf: str | os.PathLike[str],
    *,
    printer: Printer | None = None,
) -> Path:
    """Print the HTML file ``page`` to ``pdf`` with Chromium; the PDF is written atomically.

    Plotly charts drawn by the page's own scripts get up to 30 s to draw, then
    the page is printed as the page's ``@page`` rules say. ``printer`` is a
    running browser to print with (one is started when none is given).

    Raises
    ------
    ExportError
        When no browser is found, or it fails or takes too long.
    """
    if printer is not None:
        return printer.print_pdf(page, pdf, wait_for_charts=True)
    with Printer(charts=False) as own:
        return own.print_pdf(page, pdf, wait_for_charts=True)


# the bundle plotly.io.to_html(include_plotlyjs=True) inlines: one script starting "/** plotly.js v"
_INLINE_PLOTLY = re.compile(r"<script[^>]*>\s*/\*\*\s*\* plotly\.js v.*?</script>", re.DOTALL)


def share_plotly_js(page: str, folder: Path, report: Path) -> str:
    """``page`` with its inlined plotly.js replaced by ``<folder>/plotly.min.js``.

    The file is written once (when missing) and referred to relative to ``report``.
    A page without an inlined plotly.js is returned as it is.
    """
    if not _INLINE_PLOTLY.search(page):
        return page
    from plotly.offline import get_plotlyjs

    shared = folder / PLOTLY_JS
    if not shared.is_file():
        write_text(shared, get_plotlyjs())
    src = os.path.relpath(shared, report.parent).replace(os.sep, "/")
    tag = f'<script charset="utf-8" src="{html.escape(src)}"></script>'
    return _INLINE_PLOTLY.sub(lambda _: tag, page, count=1)


def finish_report(
    report: str | os.PathLike[str],
    *,
    pdf: bool = False,
    shared_js: Path | None = None,
    printer: Printer | None = None,
) -> list[Path]:
    """Post-process one finished HTML report of a batch run; returns the files written.

    Parameters
    ----------
    report
        The HTML report (``OUT/<client>/<notebook>/<notebook>.html``).
    pdf
        Also print it to ``<notebook>.pdf`` beside it, with page numbers.
    shared_js
        The output folder: plotly.js goes there once (``plotly.min.js``) and
        the report refers to it instead of holding its own copy (about 4.6 MB).
    printer
        The running browser that prints the PDF (see :func:`html_to_pdf`).
    """
    path = Path(report)
    written: list[Path] = []
    if shared_js is not None:
        page = path.read_text(encoding="utf-8")
        shared = share_plotly_js(page, Path(shared_js), path)
        if shared != page:
            write_text(path, shared)
            written += [path, Path(shared_js) / PLOTLY_JS]
    if pdf:
        page = path.read_text(encoding="utf-8")
        printable = page.replace("</head>", PRINT_CSS + "</head>", 1)
        # printed from the report's own folder, so a shared plotly.js is found
        temp = path.with_name(f".{path.stem}.print.html")
        write_text(temp, printable)
        try:
            written.append(html_to_pdf(temp, path.with_suffix(".pdf"), printer=printer))
        finally:
            temp.unlink(missing_ok=True)
    return written


def finish_reports(
    reports: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    pdf: bool = False,
    shared_js: bool = False,
    jobs: int = 1,
) -> dict[Path, str]:
    """:func:`finish_report` for every report of a batch run into ``out_dir``.

    ``jobs`` reports at a time; the PDFs are printed by one browser, started
    once for all of them. Returns the reports that could not be finished, with
    the reason; the others are done.
    """
    if not (pdf or shared_js) or not reports:
        return {}
    folder = Path(out_dir) if shared_js else None
    if folder is not None:
        # written once before the workers start, so none of them races to write it
        from plotly.offline import get_plotlyjs

        write_text(folder / PLOTLY_JS, get_plotlyjs())
    failed: dict[Path, str] = {}
    with Printer(charts=False) if pdf else contextlib.nullcontext() as printer:
        with cf.ThreadPoolExecutor(max(1, jobs)) as pool:
            futures = {
                pool.submit(finish_report, r, pdf=pdf, shared_js=folder, printer=printer): Path(r)
                for r in reports
            }
            for future in cf.as_completed(futures):
                try:
                    future.result()
                except (ExportError, OSError) as exc:
                    failed[futures[future]] = str(exc)
    return failed
