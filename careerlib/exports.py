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
.xlsx  table   the schedule for people (headers in words, yes/no, dates),
               a sheet about the plan and one about the columns
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
import os
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from careerlib import _image_service
from careerlib._atomic import write_bytes
from careerlib._browser import INSTALL_HINT as _INSTALL_HINT
from careerlib._browser import find_browser
from careerlib._browser import quiet_browser_driver as _quiet_browser_driver
from careerlib._ics import to_ics
from careerlib._spreadsheet import Column
from careerlib.exceptions import ExportError, OutputError, UsageError
from careerlib.scheduling.scheduler import Schedule

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

__all__ = [
    "FORMATS",
    "SCHEDULE_COLUMNS",
    "STATUS_COLUMNS",
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


#: The schedule workbook's columns, in order (the CSV keeps the names, :func:`table`).
SCHEDULE_COLUMNS: tuple[Column, ...] = (
    Column("step", "Step id", "text", "The step's short name in the plan file.", 16),
    Column("title", "Step", "text", "What the step is.", 44),
    Column("start", "Start", "date", "The day the step starts, as late as the target allows."),
    Column("finish", "Finish", "date", "The day the step is done, as late as the target allows."),
    Column(
        "critical",
        "Critical",
        "yes/no",
        "yes: a day lost on this step moves the target (it has no slack).",
        10,
    ),
    Column(
        "milestone", "Milestone", "yes/no", "yes: a moment (an offer, a first day), not work.", 11
    ),
    Column(
        "slack_days",
        "Slack (working days)",
        "integer",
        "How many working days the step could start earlier than its start.",
    ),
    Column("duration_days", "Duration (working days)", "integer", "Working days the step takes."),
    Column(
        "buffer_days",
        "Buffer (working days)",
        "integer",
        "Working days of margin kept after the step (part of its duration).",
    ),
    Column(
        "early_start",
        "Earliest start",
        "date",
        "The earliest day the step can start, when every step before it starts as early as it can.",
    ),
    Column("early_finish", "Earliest finish", "date", "The step's finish if it starts earliest."),
    Column(
        "release",
        "Not before",
        "date",
        "The step cannot start before this day (the plan's start, or a date of its own).",
    ),
    Column("deadline", "Deadline", "date", "The day the step must be done by, when it has one."),
    Column("goal", "Goal", "text", "The goal the step serves.", 30),
    Column("route", "Route", "text", "The route the step belongs to (empty: every route).", 24),
    Column(
        "after", "Comes after", "text", "The steps that must be done before this one starts.", 36
    ),
)

#: On a status date, the columns after the step's title: what is done, what to aim for.
STATUS_COLUMNS: tuple[Column, ...] = (
    Column("state", "State", "text", "done, in progress or not started, on the status date.", 13),
    Column("done", "Done", "percent", "The share of the step's work done on the status date.", 9),
    Column(
        "remaining_days",
        "Left (working days)",
        "integer",
        "The working days of the step's work still to do.",
    ),
    Column(
        "aim_start",
        "Aim to start",
        "date",
        "The day to aim to start (or go on with) the step: its latest start, or its "
        "earliest one when the latest has passed; empty when done.",
    ),
    Column(
        "aim_finish",
        "Aim to finish",
        "date",
        "The day to aim to finish the step, with the same rule; empty when done.",
    ),
)

#: The rows of the workbook's ``Plan`` sheet: field, heading, kind.
_PLAN_ROWS: tuple[tuple[str, str, str], ...] = (
    ("title", "Plan", "text"),
    ("owner", "Owner", "text"),
    ("route", "Route", "text"),
    ("first_day", "First day", "date"),
    ("target", "Target", "date"),
    ("feasible", "Can the target be met", "yes/no"),
    ("late_by_days", "Late by (working days)", "integer"),
    ("earliest_finish", "Earliest finish of the work", "date"),
    ("verdict", "Verdict", "text"),
)


def _people_schedule(schedule: Schedule) -> pd.DataFrame:
    """:func:`table` with the goal and route by their titles and "comes after" as step titles."""
    plan = schedule.plan
    frame = schedule.to_frame().reset_index()
    titles = {s.id: s.title or s.id for s in plan.steps}
    goals = {g.id: g.title for g in plan.goals}
    routes = {r.id: r.title for r in plan.routes}
    frame["goal"] = [goals.get(g, g) if isinstance(g, str) else "" for g in frame["goal"]]
    frame["route"] = [routes.get(r, r) if isinstance(r, str) else "" for r in frame["route"]]
    frame["after"] = ["; ".join(titles.get(a, a) for a in after) for after in frame["after"]]
    frame["title"] = [t or i for t, i in zip(frame["title"], frame["step"], strict=True)]
    return frame


def to_xlsx(schedule: Schedule) -> bytes:
    """The schedule as an Excel workbook for people: ``Schedule``, ``Plan``, ``About the columns``.

    Headers in words with units, yes/no, dates as Excel dates (``6 Dec 2026``),
    goals, routes and the steps a step comes after by their titles, critical
    steps shaded, the header row and the step ids frozen; the last sheet says
    what each column means and which CSV column holds it (:data:`SCHEDULE_COLUMNS`).
    No cell is a formula: text a spreadsheet would evaluate is stored as text
    with a leading ``'``, and a text over Excel's 32,767 characters is refused
    (an :class:`ExportError`).
    """
    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    from careerlib._spreadsheet import (
        about_sheet,
        people_sheet,
        secure_workbook,
        workbook_bytes,
    )

    frame = _people_schedule(schedule)
    columns = schedule_columns(schedule)
    book = Workbook()
    book.remove(book.active)
    sheet = people_sheet(book, "Schedule", frame, columns, frozen=2, row_name="step")
    shade = PatternFill("solid", fgColor="FADBD8")
    for row, critical in enumerate(frame["critical"].tolist(), start=2):
        if critical:
            for cell in sheet[row]:
                cell.fill = shade
    rows = _plan_rows(schedule)
    about = pd.DataFrame({"field": [h for h, _, _ in rows], "value": [v for _, v, _ in rows]})
    _plan_sheet(book, about, [kind for _, _, kind in rows])
    about_sheet(book, columns)
    secure_workbook(book)
    return workbook_bytes(book)


def schedule_columns(schedule: Schedule) -> tuple[Column, ...]:
    """The workbook's columns for ``schedule``: :data:`SCHEDULE_COLUMNS`, and on a status
    date :data:`STATUS_COLUMNS` right after the step's title (what is done, what to aim for)."""
    from careerlib.scheduling.status import StatusSchedule

    if not isinstance(schedule, StatusSchedule):
        return SCHEDULE_COLUMNS
    return (*SCHEDULE_COLUMNS[:2], *STATUS_COLUMNS, *SCHEDULE_COLUMNS[2:])


def _plan_rows(schedule: Schedule) -> list[tuple[str, Any, str]]:
    """The rows of the ``Plan`` sheet: heading, value, kind (on a status date also the
    status date, the day work resumes, the forecast finish and each deadline missed)."""
    from careerlib.scheduling.status import StatusSchedule

    plan = schedule.plan
    route = next((r.title for r in plan.routes if r.id == schedule.route), schedule.route)
    values: dict[str, Any] = {
        "title": plan.title,
        "owner": plan.owner or "",
        "route": route or "the whole plan",
        "first_day": schedule.first_day,
        "target": plan.target,
        "feasible": bool(schedule.feasible),
        "late_by_days": int(schedule.late_by_days),
        "earliest_finish": schedule.earliest_finish,
        "verdict": schedule.verdict,
    }
    rows = [(heading, values[f], kind) for f, heading, kind in _PLAN_ROWS]
    if isinstance(schedule, StatusSchedule):
        status = [
            ("Status date", schedule.as_of, "date"),
            ("Work resumes", schedule.resume, "date"),
            ("Forecast finish", schedule.forecast_finish, "date"),
            ("Target late by (working days)", int(schedule.target_late_by_days), "integer"),
            (
                "Deadlines missed",
                "; ".join(m.sentence for m in schedule.deadlines_missed) or "none",
                "text",
            ),
            ("All done", bool(schedule.complete), "yes/no"),
        ]
        rows[3:3] = status
        rows = [r for r in rows if r[0] != "Earliest finish of the work"]
    return rows


def _plan_sheet(book: Any, about: pd.DataFrame, kinds: list[str]) -> None:
    """The ``Plan`` sheet: one field a row, its value formatted as its kind says."""
    from openpyxl.styles import Alignment, Font

    from careerlib._spreadsheet import CELL_FORMATS, cell_value, check_cell_lengths

    check_cell_lengths(about.set_index("field"), "Plan")
    info = book.create_sheet("Plan")
    for (field, value), kind in zip(about.itertuples(index=False), kinds, strict=True):
        info.append([field, cell_value(value, kind)])
        cell = info.cell(row=info.max_row, column=2)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if kind in CELL_FORMATS:
            cell.number_format = CELL_FORMATS[kind]
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 90
    for cell in info["A"]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")


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
