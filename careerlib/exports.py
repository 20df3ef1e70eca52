"""Write a plan's chart and schedule in the forms people use outside a notebook.

One registry, :data:`FORMATS`, maps a file suffix to the :class:`Format` that
writes it; :func:`export` picks the format from the file name:

====== ======= ===============================================================
suffix kind    what is written
====== ======= ===============================================================
.html  chart   one self-contained page, plotly.js inlined: it opens offline
.png   chart   an image, rendered by kaleido in Chrome or Chromium
.svg   chart   a vector image, likewise
.pdf   chart   a PDF page, likewise
.ics   table   iCalendar: each step an all-day event, milestones and deadlines
               with a reminder, UIDs stable across exports
.csv   table   the schedule table (:func:`table`)
.xlsx  table   the schedule table and a sheet about the plan, for Excel
====== ======= ===============================================================

A *chart* format writes a :class:`plotly.graph_objects.Figure` (given, or the
:func:`careerlib.charts.gantt` of a schedule); a *table* format writes a
:class:`~careerlib.scheduling.scheduler.Schedule`.

Every file is written atomically: the bytes go to a temporary file in the same
folder, which then replaces the target (``os.replace``). A failed export never
leaves half a file, nor destroys the previous one.

Images need a Chrome or Chromium (kaleido 1.x has none of its own). careerlib
uses ``BROWSER_PATH`` when it is set, else ``/usr/bin/chromium``, else the first
of ``chromium``, ``chromium-browser``, ``google-chrome`` on ``PATH``; it never
downloads one. Starting the browser takes a few seconds per image; inside
``with image_server():`` it is started once and each image then takes well
under a second. In a batch run, the worker's browser draws them
(:mod:`careerlib._image_service`).
"""

from __future__ import annotations

import html
import io
import logging
import os
import re
import shutil
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from careerlib import _image_service
from careerlib._atomic import write_bytes
from careerlib._ics import to_ics
from careerlib.exceptions import ExportError, OutputError, UsageError
from careerlib.scheduling.scheduler import Schedule

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

__all__ = [
    "FORMATS",
    "Format",
    "atomic_write",
    "export",
    "find_browser",
    "format_for",
    "image_server",
    "table",
    "to_csv",
    "to_html",
    "to_ics",
    "to_image",
    "to_xlsx",
]

#: Default size of an exported image [px]; the height follows the chart.
IMAGE_WIDTH = 1400
_FALLBACK_HEIGHT = 700
_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_DEBIAN_CHROMIUM = "/usr/bin/chromium"
_INSTALL_HINT = (
    "install Chromium with `apt-get install -y chromium` (Debian, Ubuntu) or set "
    "BROWSER_PATH to the executable of a Chrome or Chromium"
)


# --- writing files atomically --------------------------------------------------


def atomic_write(path: str | os.PathLike[str], data: bytes | Callable[[IO[bytes]], None]) -> Path:
    """Write ``data`` to ``path`` all at once, or not at all.

    Parameters
    ----------
    path
        The file to write; its folder must exist.
    data
        The bytes, or a function that writes them into the binary file it is given.

    Returns
    -------
    Path
        ``path``. The bytes went to a temporary file beside it first, which then
        replaced it (keeping its mode); if anything fails, the temporary file is
        removed and an existing file at ``path`` is left as it was.
    """
    target = Path(path)
    if not target.parent.is_dir():
        for folder in target.parents:
            if folder.exists() and not folder.is_dir():
                raise OutputError(f"cannot write {target}: {folder} is a file, not a folder")
        raise OutputError(f"cannot write {target}: the folder {target.parent} does not exist")
    return write_bytes(target, data)


# --- chart formats -------------------------------------------------------------


def to_html(
    fig: go.Figure, *, include_plotlyjs: bool | str = True, title: str | None = None
) -> bytes:
    """The figure as one HTML page that opens offline.

    Parameters
    ----------
    fig
        The chart.
    include_plotlyjs
        ``True`` (default) inlines plotly.js (about 5 MB) so the page needs no
        network; ``"cdn"`` links it instead, as ``Figure.to_html`` does.
    title
        The page title shown by the browser; default: the plan's title if the
        figure's title starts with it, else "careerlib chart".
    """
    page = fig.to_html(
        include_plotlyjs=include_plotlyjs,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
    )
    if title is None:
        text = fig.layout.title.text or ""
        title = _strip_tags(text.split("<br>")[0]) or "careerlib chart"
    page = page.replace("<head>", f"<head><title>{html.escape(title)}</title>", 1)
    return page.encode("utf-8")


def _strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def find_browser() -> str:
    """The Chrome or Chromium that renders images; never downloads one.

    Returns
    -------
    str
        ``BROWSER_PATH`` when set, else ``/usr/bin/chromium``, else the first
        of chromium, chromium-browser, google-chrome on ``PATH``.

    Raises
    ------
    ExportError
        When ``BROWSER_PATH`` names no executable, or no browser is found; the
        message says how to install one.
    """
    given = os.environ.get("BROWSER_PATH")
    if given:
        if os.path.isfile(given) and os.access(given, os.X_OK):
            return given
        raise ExportError(f"BROWSER_PATH={given!r} is not an executable file; {_INSTALL_HINT}")
    if os.access(_DEBIAN_CHROMIUM, os.X_OK):
        return _DEBIAN_CHROMIUM
    for name in _BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ExportError(
        f"PNG, SVG and PDF export need Chrome or Chromium and none was found; {_INSTALL_HINT}"
    )


class _QuietPipeNoise(logging.Filter):
    """Drops choreographer's "JSONError decoding message. Ignoring" tracebacks.

    choreographer (kaleido's browser driver) logs one now and then, with a full
    traceback on standard error, when a message from chromium arrives in pieces;
    it ignores the piece and the image is written all the same. A coach running
    ``careerlib gantt`` should not see a traceback for it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("JSONError decoding message")


def _quiet_browser_driver() -> None:
    pipe = logging.getLogger("choreographer.channels.pipe")
    if not any(isinstance(f, _QuietPipeNoise) for f in pipe.filters):
        pipe.addFilter(_QuietPipeNoise())


@contextmanager
def image_server() -> Iterator[None]:
    """Keep one browser running for the image exports made inside the block.

    Each image then takes well under a second instead of a few seconds. When a
    kaleido server is already running, it is used and left running.

    Raises
    ------
    ExportError
        When no browser is found (see :func:`find_browser`).
    """
    import kaleido

    # kaleido's public API has no "is it running?": start_sync_server does
    # nothing but warn "Server already open" when a server runs, so that
    # warning says the server is someone else's to stop.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        kaleido.start_sync_server(path=find_browser(), mathjax=False)
    ours = not any("already open" in str(w.message) for w in caught)
    try:
        yield
    finally:
        if ours:
            kaleido.stop_sync_server(silence_warnings=True)


def to_image(
    fig: go.Figure,
    image_format: Literal["png", "svg", "pdf"] = "png",
    *,
    width: int | None = None,
    height: int | None = None,
    scale: float = 1.0,
) -> bytes:
    """The figure as a PNG, SVG or PDF, rendered by kaleido in Chromium.

    Parameters
    ----------
    fig
        The chart.
    image_format
        ``"png"``, ``"svg"`` or ``"pdf"``.
    width, height
        Size [px]; default 1400 wide and the figure's own height (kaleido
        ignores the figure's height unless it is passed, so it always is).
    scale
        Multiplies the pixels of a PNG (2 for a sharp picture on a retina screen).

    Raises
    ------
    ExportError
        When no browser is found, or the browser fails to render.
    """
    if image_format not in ("png", "svg", "pdf"):
        raise ExportError(f"unknown image format {image_format!r}; valid: png, svg, pdf")
    opts = {
        "format": image_format,
        "width": int(width or fig.layout.width or IMAGE_WIDTH),
        "height": int(height or fig.layout.height or _FALLBACK_HEIGHT),
        "scale": scale,
    }
    figure = fig.to_dict()
    # a batch worker's browser, already running (careerlib._image_service)
    drawn = _image_service.render(figure, opts)
    if drawn is not None:
        return drawn
    import kaleido
    from choreographer.errors import ChromeNotFoundError

    _quiet_browser_driver()
    try:
        kopts = {"path": find_browser(), "mathjax": False}
        with warnings.catch_warnings():
            # A running server (image_server) renders and ignores kopts, which
            # only start the one-shot browser when no server runs.
            warnings.filterwarnings("ignore", "The kopts argument is ignored", UserWarning)
            data = kaleido.calc_fig_sync(figure, opts=opts, kopts=kopts)
    except ChromeNotFoundError as exc:
        raise ExportError(f"the browser could not be started ({exc}); {_INSTALL_HINT}") from None
    if isinstance(data, str):
        data = data.encode("utf-8")
    return bytes(data)


# --- table formats ---------------------------------------------------------------

_DATE_COLUMNS = ("start", "finish", "release", "early_start", "early_finish", "deadline")


#: On a status date, the columns a reader wants first: what is done, and when to aim for.
_STATUS_FIRST = ("title", "state", "done", "remaining_days", "aim_start", "aim_finish")


def table(schedule: Schedule) -> pd.DataFrame:
    """The schedule table written to CSV and Excel: :meth:`Schedule.to_frame`, flat.

    The same rows and columns, with ``after`` as one string of ids separated by
    spaces, and ``goal`` and ``route`` empty strings where the step has none.
    On a status date (:meth:`StatusSchedule.to_frame
    <careerlib.scheduling.status.StatusSchedule.to_frame>`) the state, the
    share done, the working days left and the dates to aim for come first;
    a done step has no dates.
    """
    from careerlib.scheduling.status import StatusSchedule

    frame = schedule.to_frame()
    frame["after"] = [" ".join(a) for a in frame["after"]]
    frame["goal"] = frame["goal"].fillna("").astype(str)
    frame["route"] = frame["route"].fillna("").astype(str)
    if isinstance(schedule, StatusSchedule):
        rest = [c for c in frame.columns if c not in _STATUS_FIRST]
        frame = frame[[*_STATUS_FIRST, *rest]]
    return frame


def to_csv(schedule: Schedule) -> bytes:
    """The schedule table as CSV (UTF-8, dates ``YYYY-MM-DD``, one row a step).

    Text a spreadsheet would evaluate (``=...``, ``+...``, ``-...``, ``@...``)
    starts with ``'`` (see :mod:`careerlib._spreadsheet`).
    """
    from careerlib._spreadsheet import safe_frame

    text = safe_frame(table(schedule)).to_csv(date_format="%Y-%m-%d", lineterminator="\n")
    return text.encode("utf-8")


def to_xlsx(schedule: Schedule) -> bytes:
    """The schedule as an Excel workbook: sheet ``Schedule`` (the table) and ``Plan``.

    Dates are Excel dates; critical steps are shaded; the header row and the
    step ids stay in view when scrolling. No cell is a formula: text a
    spreadsheet would evaluate is stored as text with a leading ``'``, and a
    text over Excel's 32,767 characters is refused (an :class:`ExportError`).
    """
    import pandas as pd
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from careerlib._spreadsheet import check_cell_lengths, secure_workbook

    frame = table(schedule)
    about = _about(schedule)
    check_cell_lengths(frame, "Schedule")
    check_cell_lengths(about, "Plan")
    buffer = io.BytesIO()
    with pd.ExcelWriter(
        buffer, engine="openpyxl", date_format="yyyy-mm-dd", datetime_format="yyyy-mm-dd"
    ) as writer:
        frame.to_excel(writer, sheet_name="Schedule")
        about.to_excel(writer, sheet_name="Plan")
        sheet = writer.sheets["Schedule"]
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = sheet.dimensions
        widths = {"step": 14, "title": 40, "after": 24}
        for col, name in enumerate(["step", *frame.columns], start=1):
            sheet.column_dimensions[get_column_letter(col)].width = widths.get(name, 13)
        shade = PatternFill("solid", fgColor="FADBD8")
        for row, critical in enumerate(frame["critical"].tolist(), start=2):
            if critical:
                for cell in sheet[row]:
                    cell.fill = shade
        info = writer.sheets["Plan"]
        info.column_dimensions["A"].width = 16
        info.column_dimensions["B"].width = 90
        for cell in info["A"]:
            cell.font = Font(bold=True)
        secure_workbook(writer.book)
    return buffer.getvalue()


def _about(schedule: Schedule) -> pd.DataFrame:
    """The sheet about the plan: one row a fact, and the verdict (on a status date: the
    status date, the forecast finish, the target lateness and each deadline missed)."""
    import pandas as pd

    from careerlib.scheduling.status import StatusSchedule

    plan = schedule.plan
    facts: dict[str, Any] = {
        "title": plan.title,
        "owner": plan.owner or "",
        "route": schedule.route or "(whole plan)",
        "first_day": schedule.first_day,
        "target": plan.target,
        "feasible": bool(schedule.feasible),
        "late_by_days": int(schedule.late_by_days),
        "earliest_finish": schedule.earliest_finish,
    }
    if isinstance(schedule, StatusSchedule):
        facts.update(
            as_of=schedule.as_of,
            resume=schedule.resume,
            earliest_finish=schedule.forecast_finish or "",
            target_late_by_days=schedule.target_late_by_days,
            deadlines_missed="; ".join(m.sentence for m in schedule.deadlines_missed),
            complete=schedule.complete,
        )
    facts["verdict"] = schedule.verdict
    return pd.DataFrame({"value": list(facts.values())}, index=pd.Index(list(facts), name="field"))


# --- the registry -----------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    """A file format careerlib writes.

    Attributes
    ----------
    suffix
        The file suffix that selects it, with its dot (``".png"``).
    description
        What the file holds, for messages and ``--help``.
    kind
        ``"chart"``: rendered from a figure (or the Gantt of a schedule);
        ``"table"``: written from a schedule.
    render
        Returns the file's bytes from the figure or schedule and the options.
    options
        Keyword options ``render`` takes; :func:`export` passes the others to
        :func:`careerlib.charts.gantt` when it draws the chart itself.
    """

    suffix: str
    description: str
    kind: Literal["chart", "table"]
    render: Callable[..., bytes]
    options: tuple[str, ...] = ()


def _image(fmt: Literal["png", "svg", "pdf"]) -> Callable[..., bytes]:
    def render(fig: go.Figure, **options: Any) -> bytes:
        return to_image(fig, fmt, **options)

    return render


#: The formats careerlib writes, by file suffix.
FORMATS: dict[str, Format] = {
    f.suffix: f
    for f in (
        Format(
            ".html",
            "a web page with the chart, opens offline",
            "chart",
            to_html,
            ("include_plotlyjs", "title"),
        ),
        Format(
            ".png", "a PNG image of the chart", "chart", _image("png"), ("width", "height", "scale")
        ),
        Format(
            ".svg",
            "an SVG image of the chart",
            "chart",
            _image("svg"),
            ("width", "height", "scale"),
        ),
        Format(".pdf", "a PDF of the chart", "chart", _image("pdf"), ("width", "height", "scale")),
        Format(
            ".ics",
            "iCalendar events of the steps",
            "table",
            to_ics,
            ("reminder_days", "stamp", "cadence", "start_alarm_days"),
        ),
        Format(".csv", "the schedule table as CSV", "table", to_csv),
        Format(".xlsx", "the schedule table as an Excel workbook", "table", to_xlsx),
    )
}


def format_for(path: str | os.PathLike[str], kind: str | None = None) -> Format:
    """The format a file name asks for (by its suffix, any case).

    Raises
    ------
    ExportError
        For an unknown suffix, or one of another ``kind``; the message lists the
        known suffixes.
    """
    suffix = Path(path).suffix.lower()
    known = [f for f in FORMATS.values() if kind is None or f.kind == kind]
    names = ", ".join(f.suffix for f in known)
    fmt = FORMATS.get(suffix)
    if fmt is None:
        got = f"the suffix {suffix!r} is not a known format" if suffix else "the name has no suffix"
        raise ExportError(f"cannot write {os.fspath(path)}: {got}; known: {names}")
    if fmt not in known:
        raise ExportError(
            f"cannot write {os.fspath(path)}: {suffix} writes a {fmt.kind}, not a {kind}; "
            f"known {kind} formats: {names}"
        )
    return fmt


def export(
    source: Schedule | go.Figure,
    path: str | os.PathLike[str],
    *,
    kind: Literal["chart", "table"] | None = None,
    **options: Any,
) -> Path:
    """Write a schedule or a chart to ``path``, in the format its suffix names.

    Parameters
    ----------
    source
        A :class:`~careerlib.scheduling.scheduler.Schedule` (any format: chart formats draw
        its :func:`~careerlib.charts.gantt`) or a plotly figure (chart formats only).
    path
        The file to write, atomically (see :func:`atomic_write`).
    kind
        Only accept formats of this kind (``"chart"`` or ``"table"``).
    **options
        Options of the format (``width``, ``height``, ``scale`` for images,
        ``reminder_days`` for ``.ics``...); for a schedule written as a chart,
        the other options go to :func:`~careerlib.charts.gantt` (``color_by``...).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ExportError
        For an unknown suffix (the message lists the known ones), a figure asked
        for as a table, or no browser for an image.
    UsageError
        For an option the format does not take (the message lists those it does).
    """
    fmt = format_for(path, kind)
    try:
        return _export(fmt, source, path, options)
    except OSError as exc:
        # a writer's own temporary files (openpyxl's) fail without a name:
        # name the file asked for
        if exc.filename is None and exc.errno is not None:
            raise type(exc)(exc.errno, exc.strerror, os.fspath(path)) from None
        raise


def _export(
    fmt: Format, source: Schedule | go.Figure, path: str | os.PathLike[str], options: dict[str, Any]
) -> Path:
    own = {k: v for k, v in options.items() if k in fmt.options}
    rest = {k: v for k, v in options.items() if k not in fmt.options}
    if fmt.kind == "chart":
        if isinstance(source, Schedule):
            from careerlib.charts import gantt

            figure = gantt(source, **rest)
        else:
            if rest:
                raise _unexpected(fmt, rest)
            figure = source
        data = fmt.render(figure, **own)
    else:
        if not isinstance(source, Schedule):
            charts = ", ".join(f.suffix for f in FORMATS.values() if f.kind == "chart")
            raise ExportError(
                f"cannot write a chart as {fmt.suffix}; a chart is written as {charts}"
            )
        if rest:
            raise _unexpected(fmt, rest)
        data = fmt.render(source, **own)
    return atomic_write(path, data)


def _unexpected(fmt: Format, rest: dict[str, Any]) -> UsageError:
    valid = ", ".join(sorted(fmt.options)) or "none"
    return UsageError(
        f"unexpected options for {fmt.suffix}: {', '.join(sorted(rest))}; valid: {valid}"
    )
