"""Tables for readers: the one place careerlib turns an analysis frame into a table.

The analyses return DataFrames made for code (``slack_days``, tuples of step
ids, shares between 0 and 1, ``NaN`` for "not rated"). A client reads a table:
words for column names, dates as dates, shares as percentages, levels with one
decimal, lists as comma-separated names, no index numbers, yes/no for
booleans and a colour for a status. Each function here picks the columns a
reader needs from one analysis and returns a :class:`Table`, which a notebook
shows as HTML (pandas' ``Styler``, no scripts), the report document embeds,
and ``repr`` prints as plain text.

Every cell is text made here: a value a client typed (a note, a step title)
is escaped when the table becomes HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from careerlib._text import day_text

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

    from careerlib.gaps import Progress, TimeGap
    from careerlib.roster_status import Roster
    from careerlib.scheduling.scheduler import Schedule
    from careerlib.tracking import Tracking
    from careerlib.tracking.baseline import BaselineStep
    from careerlib.tracking.diff import PlanDiff
    from careerlib.tradeoff import CheapestWay

__all__ = [
    "EMPTY",
    "Table",
    "assessment_changes_table",
    "assessment_table",
    "fmt_date",
    "fmt_list",
    "frame_table",
    "obstacles_table",
    "occupations_table",
    "options_table",
    "peers_table",
    "plan_diff_table",
    "progress_table",
    "reader_table",
    "reassessment_table",
    "roadmap_table",
    "roster_table",
    "shrink_table",
    "skills_table",
    "tracking_table",
]

#: What an empty cell shows: a dash, never ``NaN``, ``None`` or ``()``.
EMPTY = "–"

#: Background colours of status cells, by the words the cells show.
STATUS_COLORS: dict[str, str] = {
    "met": "#D5F5E3",
    "on track": "#D5F5E3",
    "top quartile": "#D5F5E3",
    "above median": "#E9F7EF",
    "addressed": "#FDEBD0",
    "below median": "#FDEBD0",
    "unaddressed": "#F5B7B1",
    "not rated: ask the client": "#EAECEE",
    "behind": "#F5B7B1",
    "done": "#D5F5E3",
    "ahead": "#D5F5E3",
    "in progress": "#E9F7EF",
    "bottom quartile": "#F5B7B1",
    "critical": "#F5B7B1",
    "no contingency": "#F5B7B1",
    "not enough alone": "#F5B7B1",
}

_CSS = [
    {
        "selector": "",
        "props": "border-collapse: collapse; font-size: 0.92em; margin: 0.5em 0 1em 0;",
    },
    {
        "selector": "th",
        "props": "text-align: left !important; background: #EEF2F5; color: #2B2D42; "
        "padding: 4px 8px; "
        "border-bottom: 2px solid #AAB7B8; vertical-align: bottom;",
    },
    {
        "selector": "td",
        "props": "text-align: left !important; padding: 4px 8px; "
        "border-bottom: 1px solid #E5E8EB; vertical-align: top;",
    },
    {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: bold;"},
]


def fmt_date(value: Any) -> str:
    """A day as a reader writes it: ``3 Mar 2027``; empty for a missing day."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return EMPTY
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return EMPTY
        value = pd.Timestamp(value)
    if value is pd.NaT:
        return EMPTY
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return day_text(value)


def fmt_list(value: Any, names: Mapping[str, str] | None = None) -> str:
    """A tuple or list as comma-separated names (looked up in ``names``); a dash when empty."""
    if _missing(value):
        return EMPTY
    items = [value] if isinstance(value, str) else list(value)
    if names is not None:
        items = [names.get(str(i), str(i)) for i in items]
    return ", ".join(str(i) for i in items) or EMPTY


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str:
    if isinstance(value, tuple | list):  # never a tuple's repr in front of a reader
        return fmt_list(value)
    return EMPTY if _missing(value) else str(value)


def _number(digits: int, suffix: str = "") -> Callable[[Any], str]:
    def show(value: Any) -> str:
        return EMPTY if _missing(value) else f"{float(value):,.{digits}f}{suffix}"

    return show


def _share(value: Any) -> str:
    """A share between 0 and 1 as a whole percentage."""
    return EMPTY if _missing(value) else f"{100 * float(value):.0f}%"


def _percent(value: Any) -> str:
    """A value already in percent (0-100) as a whole percentage."""
    return EMPTY if _missing(value) else f"{float(value):.0f}%"


def _integer(value: Any) -> str:
    return EMPTY if _missing(value) else f"{int(value):,}"


def _yes_no(value: Any) -> str:
    return EMPTY if _missing(value) else ("yes" if bool(value) else "no")


#: How a kind of column is shown (the ``kinds`` of :func:`reader_table`).
FORMATS: dict[str, Callable[[Any], str]] = {
    "text": _text,
    "date": fmt_date,
    "list": fmt_list,
    "share": _share,
    "percent": _percent,
    "level": _number(1),
    "number": _number(2),
    "integer": _integer,
    "yes/no": _yes_no,
}


@dataclass(frozen=True)
class Table:
    """A table for readers: every cell already text, and which columns carry a status.

    In a notebook it shows as HTML (:meth:`to_html`); ``repr`` is plain text;
    :attr:`cells` is the table as a DataFrame of strings.
    """

    cells: pd.DataFrame
    status: tuple[str, ...] = ()
    caption: str | None = None
    nowrap: tuple[str, ...] = ()
    #: Strong colours (white text) for the status words, instead of :data:`STATUS_COLORS`.
    status_palette: Mapping[str, str] | None = None
    #: ``(heading, css of each row)``: a cell's own style (a stale check-in in red).
    cell_css: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: What an empty table says instead of "(none)" (why there is nothing to list).
    empty: str | None = None

    def styler(self) -> Styler:
        """The pandas ``Styler``: no index, status cells in colour, values escaped."""
        styler = self.cells.style.hide(axis="index").set_table_styles(_CSS)
        # ids from the content, not random: the same table gives the same HTML
        styler = styler.set_uuid(hashlib.sha1(self.cells.to_csv().encode()).hexdigest()[:10])
        styler = styler.format(escape="html")
        present = [c for c in self.status if c in self.cells.columns]
        if present:
            css = _status_css if self.status_palette is None else _strong_css(self.status_palette)
            styler = styler.map(css, subset=present)
        for heading, row_css in self.cell_css:
            styler = styler.apply(lambda _, css=row_css: list(css), subset=[heading])
        short = [c for c in self.nowrap if c in self.cells.columns]
        if short:
            # dates and numbers stay on one line; titles and notes wrap
            styler = styler.set_properties(subset=short, **{"white-space": "nowrap"})
        if self.caption:
            styler = styler.set_caption(html.escape(self.caption))
        return styler

    def to_html(self) -> str:
        """The table as one HTML ``<table>`` with its styles: no scripts."""
        if self.cells.empty and self.empty is not None:
            return f'<p class="empty-table">{html.escape(self.empty)}</p>'
        if self.cells.empty:
            return f'<p class="empty-table">{html.escape(self.caption or "")} (none)</p>'
        return str(self.styler().to_html(doctype_html=False))

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        if self.cells.empty and self.empty is not None:
            return self.empty
        if self.cells.empty:
            return f"{self.caption or 'table'}: none"
        return str(self.cells.to_string(index=False))

    def __len__(self) -> int:
        return len(self.cells)


def _status_css(value: str) -> str:
    colour = STATUS_COLORS.get(str(value).lower())
    return f"background-color: {colour}; font-weight: bold;" if colour else ""


def _strong_css(palette: Mapping[str, str]) -> Callable[[str], str]:
    def css(value: str) -> str:
        colour = palette.get(str(value))
        return f"background-color: {colour}; color: white; font-weight: 600" if colour else ""

    return css


#: Kinds of column whose cells may wrap onto several lines (the others stay on one).
_WRAPPING = frozenset({"text", "list", "steps", "kind"})


def reader_table(
    frame: pd.DataFrame,
    columns: Mapping[str, tuple[str, str]],
    *,
    index: tuple[str, str] | None = None,
    status: Iterable[str] = (),
    caption: str | None = None,
    formats: Mapping[str, Callable[[Any], str]] | None = None,
) -> Table:
    """``frame`` as a :class:`Table` for readers.

    Parameters
    ----------
    frame
        Any analysis frame.
    columns
        ``{column: (heading, kind)}`` in the order to show, where ``kind`` is a
        key of :data:`FORMATS` (``"date"``, ``"share"``, ``"level"``...).
    index
        ``(heading, kind)`` to show the index as the first column (its labels
        are names, such as a skill); by default the index is left out.
    status
        Headings of columns whose words get a background colour (:data:`STATUS_COLORS`).
    formats
        Extra formatters by kind, for a kind only this table has.
    """
    kinds = {**FORMATS, **(formats or {})}
    out: dict[str, list[str]] = {}
    nowrap = [h for h, k in columns.values() if k not in _WRAPPING]
    if index is not None:
        heading, kind = index
        out[heading] = [kinds[kind](v) for v in frame.index]
    for column, (heading, kind) in columns.items():
        out[heading] = [kinds[kind](v) for v in frame[column].tolist()]
    cells = pd.DataFrame(out, columns=list(out), dtype=object)
    return Table(cells.reset_index(drop=True), tuple(status), caption, tuple(nowrap))


def frame_table(frame: pd.DataFrame, *, status: Iterable[str] = ()) -> Table:
    """A frame whose columns are already words (``gaps.occupations_table``) as a :class:`Table`.

    Headings start with a capital; decimals show one digit, whole numbers none,
    a missing value a dash; the index is left out.
    """
    columns: dict[str, tuple[str, str]] = {}
    for name in frame.columns:
        dtype = frame[name].dtype
        kind = (
            "integer"
            if pd.api.types.is_integer_dtype(dtype)
            else "level"
            if pd.api.types.is_float_dtype(dtype)
            else "yes/no"
            if pd.api.types.is_bool_dtype(dtype)
            else "text"
        )
        heading = str(name)
        columns[name] = (heading[:1].upper() + heading[1:], kind)
    return reader_table(frame, columns, status=status)


# --- one table per analysis ------------------------------------------------------


def assessment_table(
    assessment: pd.DataFrame, kinds: Sequence[str] = ("interest", "value")
) -> Table:
    """The client's ratings against the target role's profile (``gaps.self_assessment``).

    Rows of the given ``kinds``, the largest shortfall first.
    """
    rows = assessment[assessment["kind"].isin(list(kinds))].sort_values("difference")
    kind_names = {"interest": "interest", "value": "motivating force", "talent": "talent"}
    return reader_table(
        rows,
        {
            "name": ("Scale", "text"),
            "kind": ("Kind", "kind"),
            "rating": ("Client (1-7)", "level"),
            "role": ("Target role (1-7)", "level"),
            "difference": ("Difference", "signed"),
            "note": ("Note", "text"),
        },
        formats={
            "kind": lambda v: kind_names.get(str(v), _text(v)),
            "signed": _signed,
        },
    )


def reassessment_table(changes: pd.DataFrame) -> Table:
    """The newest assessments against the previous ones (``gaps.reassessment``), the
    biggest move of each kind first."""
    order = changes.assign(size=changes["change"].abs()).sort_values(
        ["kind", "size"], ascending=[True, False], na_position="last", kind="stable"
    )
    kind_names = {"interest": "interest", "value": "work value", "skill": "skill"}
    return reader_table(
        order.drop(columns="size"),
        {
            "kind": ("Kind", "kind"),
            "name": ("Scale or skill", "text"),
            "before": ("Before", "level"),
            "after": ("Now", "level"),
            "change": ("Change", "signed"),
            "before_from": ("Before, from", "text"),
            "after_from": ("Now, from", "text"),
        },
        formats={"kind": lambda v: kind_names.get(str(v), _text(v)), "signed": _signed},
    )


def assessment_changes_table(changes: pd.DataFrame) -> Table:
    """The self-assessment then and now (``gaps.assessment_changes``): each factor's
    ratings and the change, a dash where a factor was not rated."""
    kind_names = {
        "interest": "interest (1-7)",
        "value": "motivating force (1-7)",
        "talent": "talent (1-5)",
        "marketability": "marketability (1-5)",
    }
    return reader_table(
        changes,
        {
            "name": ("Factor", "text"),
            "kind": ("Kind", "kind"),
            "then": ("Then", "level"),
            "now": ("Now", "level"),
            "change": ("Change", "signed"),
            "note": ("Note", "text"),
        },
        formats={
            "kind": lambda v: kind_names.get(str(v), _text(v)),
            "signed": _signed,
        },
    )


def _signed(value: Any) -> str:
    """A difference with its sign and one decimal; none (``0.0``) without a sign."""
    if _missing(value):
        return EMPTY
    return "0.0" if abs(float(value)) < 0.05 else f"{float(value):+.1f}"


def obstacles_table(risks: pd.DataFrame, schedule: Schedule | None = None) -> Table:
    """Obstacles with their risk, mitigation and contingency (``gaps.obstacles``).

    Step ids become step titles when the ``schedule`` is given.
    """
    names = _step_titles(schedule)
    frame = risks.assign(
        _contingency=[
            "no contingency" if _missing(c) else str(c) for c in risks["contingency"].tolist()
        ]
    )
    return reader_table(
        frame,
        {
            "title": ("Obstacle", "text"),
            "likelihood": ("Likelihood (1-5)", "integer"),
            "impact": ("Impact (1-5)", "integer"),
            "risk": ("Risk", "integer"),
            "mitigation": ("Lower the risk by", "text"),
            "_contingency": ("If it happens", "text"),
            "critical_steps": ("Critical steps it hits", "steps"),
            "missing": ("Missing", "text"),
        },
        status=("If it happens",),
        formats={"steps": lambda v: fmt_list(v, names)},
    )


def roadmap_table(result: Schedule) -> Table:
    """Every step of a schedule: its dates, length, slack, and whether it is critical.

    On a status date (a :class:`~careerlib.scheduling.status.StatusSchedule`)
    each step's state, the dates to aim for and the working days left: a done
    step has no dates.
    """
    from careerlib.scheduling.status import StatusSchedule

    if isinstance(result, StatusSchedule):
        return _status_roadmap(result)
    frame = result.to_frame()
    frame = frame.assign(
        _title=_milestone_titles(frame),
        _kind=["critical" if c else "" for c in frame["critical"].tolist()],
    )
    return reader_table(
        frame,
        {
            "_title": ("Step (◆ milestone)", "text"),
            "start": ("Latest start", "date"),
            "finish": ("Finish", "date"),
            "duration_days": ("Working days", "integer"),
            "slack_days": ("Slack (working days)", "integer"),
            "_kind": ("Critical", "text"),
            "deadline": ("Deadline", "date"),
        },
        status=("Critical",),
    )


def _milestone_titles(frame: pd.DataFrame) -> list[str]:
    return [
        f"◆ {t}" if m else t
        for t, m in zip(frame["title"].tolist(), frame["milestone"].tolist(), strict=True)
    ]


def _status_roadmap(result: Any) -> Table:
    """The plan on its status date, one row a step (see :func:`roadmap_table`)."""
    frame = result.to_frame()
    missed = {m.step: m for m in result.deadlines_missed}
    states = [
        f"{100 * d:.0f}% done" if s == "in progress" else s
        for s, d in zip(frame["state"].tolist(), frame["done"].tolist(), strict=True)
    ]
    deadlines = [
        EMPTY
        if _missing(d)
        else fmt_date(d) + (f" (missed by {missed[i].late_by_days})" if i in missed else "")
        for i, d in zip(frame.index.tolist(), frame["deadline"].tolist(), strict=True)
    ]
    frame = frame.assign(
        _title=_milestone_titles(frame),
        _state=states,
        _left=[
            None if s == "done" else int(r)
            for s, r in zip(frame["state"], frame["remaining_days"], strict=True)
        ],
        _kind=["critical" if c else "" for c in frame["critical"].tolist()],
        _deadline=deadlines,
    )
    return reader_table(
        frame,
        {
            "_title": ("Step (◆ milestone)", "text"),
            "_state": ("State", "text"),
            "aim_start": ("Aim to start", "date"),
            "aim_finish": ("Aim to finish", "date"),
            "_left": ("Working days left", "integer"),
            "slack_days": ("Slack (working days; below 0: late)", "integer"),
            "_kind": ("Critical", "text"),
            "_deadline": ("Deadline", "text"),
        },
        status=("State", "Critical"),
    )


def shrink_table(critical: pd.DataFrame | TimeGap) -> Table:
    """The critical steps of a time gap, and how much each could and would have to shrink.

    Given the time gap itself (a :class:`~careerlib.gaps.TimeGap`), a date the
    work misses that has already passed (the target, or a step's deadline)
    leaves nothing to shrink: the table is empty and says why.
    """
    if not isinstance(critical, pd.DataFrame):
        passed = critical.dates_passed
        if passed:
            dates = " and ".join(
                f"the deadline of {what} ({day_text(day)})"
                if what != "the target"
                else f"the target ({day_text(day)})"
                for what, day in passed
            )
            empty = pd.DataFrame(columns=["Critical step"], dtype=object)
            return Table(
                empty,
                empty=f"No shrinking can meet a date that has passed: {dates}. Agree a new "
                "date, or another route.",
            )
        critical = critical.critical
    frame = critical.assign(
        _alone=[
            EMPTY if s == 0 else ("enough alone" if e else "not enough alone")
            for s, e in zip(
                critical["shrink_days"].tolist(), critical["enough_alone"].tolist(), strict=True
            )
        ]
    )
    return reader_table(
        frame,
        {
            "title": ("Critical step", "text"),
            "start": ("Start", "date"),
            "finish": ("Finish", "date"),
            "duration_days": ("Working days", "integer"),
            "slack_days": ("Slack (working days)", "integer"),
            "can_shrink_days": ("Could shrink by (working days)", "integer"),
            "shrink_days": ("Must shrink by (working days)", "integer"),
            "_alone": ("Shrinking it alone", "text"),
        },
        status=("Shrinking it alone",),
    )


def options_table(options: CheapestWay) -> Table:
    """The alternatives of the cheapest way to the target: what to take, the days it
    changes and its price; the last row is the total."""
    rows = [
        {
            "step": c.step_title,
            "take": c.title,
            "days": f"{c.days:+d}" if c.days else "0",
            "hours": EMPTY if c.hours_per_week is None else f"{c.hours_per_week:g}",
            "cost": options.money(c.cost),
        }
        for c in options.chosen
    ]
    if rows:
        total = options.money(options.cost)
        rows.append({"step": "Total", "take": "", "days": "", "hours": "", "cost": total})
    frame = pd.DataFrame(rows, columns=["step", "take", "days", "hours", "cost"])
    return reader_table(
        frame,
        {
            "step": ("Step", "text"),
            "take": ("Take instead", "plain"),
            "days": ("Working days", "plain"),
            "hours": ("Hours a week while it runs", "plain"),
            "cost": ("Cost", "plain"),
        },
        caption="Alternatives to take",
        formats={"plain": str},
    )


def skills_table(
    skills: pd.DataFrame, schedule: Schedule | None = None, *, rows: int = 15
) -> Table:
    """The skills gap (``report.skills``): the ``rows`` largest weighted gaps first, then
    what the client has not rated ("not rated: ask the client": no level, no gap)."""
    names = _step_titles(schedule)
    statuses = {
        "met": "met",
        "addressed": "addressed",
        "unaddressed": "unaddressed",
        "not rated": "not rated: ask the client",
    }
    return reader_table(
        skills.head(rows),
        {
            "kind": ("Kind", "text"),
            "required": ("Role needs (0-7)", "level"),
            "client": ("Client (0-7)", "level"),
            "gap": ("Gap", "gap"),
            "weight": ("Importance", "share"),
            "steps": ("Plan steps that close it", "steps"),
            "status": ("Status", "status"),
        },
        index=("Skill or knowledge", "text"),
        status=("Status",),
        formats={
            "steps": lambda v: fmt_list(v, names),
            "status": lambda v: statuses.get(str(v), _text(v)),
            "gap": _gap,
        },
    )


def _gap(value: Any) -> str:
    """A gap with one decimal; a gap too small for it still shows as one ("< 0.1")."""
    if _missing(value):
        return EMPTY
    return "< 0.1" if 0 < float(value) < 0.05 else f"{float(value):.1f}"


def peers_table(peers: pd.DataFrame) -> Table:
    """The organization's metrics against the peer group (``report.peers``)."""
    frame = peers.assign(
        _value=[
            f"{_plain(v)} {u}".strip() for v, u in zip(peers["value"], peers["unit"], strict=True)
        ],
        _better=[f"{b} is better" for b in peers["better"].tolist()],
    )
    return reader_table(
        frame,
        {
            "label": ("Metric", "text"),
            "_value": ("Organization", "text"),
            "q1": ("Peers, lower quartile", "plain"),
            "median": ("Peers, median", "plain"),
            "q3": ("Peers, upper quartile", "plain"),
            "_better": ("Direction", "text"),
            "better_than": ("Better than", "percent"),
            "standing": ("Standing", "text"),
        },
        status=("Standing",),
        formats={"plain": _plain},
    )


def _plain(value: Any) -> str:
    """A metric's value with as few decimals as it needs (at most two)."""
    if _missing(value):
        return EMPTY
    number = float(value)
    if number == int(number):
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0")


def progress_table(progress: Progress) -> Table:
    """Every step's share reported at the review, and its state (``report.progress``)."""
    return reader_table(
        progress.steps,
        {
            "title": ("Step", "text"),
            "actual": ("Reported", "share"),
            "state": ("State", "text"),
        },
        status=("State",),
    )


def tracking_table(track: Tracking) -> Table:
    """Every step at the check-in (``report.tracking``): its state, the share done against
    the baseline's planned shares, its latest start and the forecast finish."""
    frame = track.steps_frame()
    states = [
        "behind" if b else ("ahead" if a else s)
        for s, b, a in zip(frame["state"], frame["behind"], frame["ahead"], strict=True)
    ]
    titles = [
        t + (" (new)" if n else "") for t, n in zip(frame["title"], frame["new"], strict=True)
    ]
    return reader_table(
        frame.assign(_state=states, _title=titles),
        {
            "_title": ("Step", "text"),
            "_state": ("State", "text"),
            "actual": ("Done", "share"),
            "planned_late": ("Planned by now (latest)", "share"),
            "planned_early": ("Planned by now (earliest)", "share"),
            "latest_start": ("Latest start", "date"),
            "days_to_latest_start": ("Working days to it", "integer"),
            "forecast_finish": ("Forecast finish", "date"),
        },
        status=("State",),
    )


def _length(step: BaselineStep | None) -> str:
    """A step's length as written: ``20 days``, ``12 h`` or ``milestone``."""
    if step is None:
        return EMPTY
    if step.milestone:
        return "milestone"
    if step.effort_hours is not None:
        return f"{step.effort_hours:g} h"
    days = step.duration_days if step.duration_days is not None else step.work_days
    return f"{days:g} day{'s' if days != 1 else ''}"


def _done(step: BaselineStep | None) -> str:
    if step is None:
        return EMPTY
    return "done" if step.done >= 1 else _percent(100 * step.done)


def _moved(days: int | None) -> str:
    if days is None or days == 0:
        return EMPTY
    return f"{days:+d}".replace("-", "−")


def plan_diff_table(diff: PlanDiff, *, changed_only: bool = True) -> Table:
    """What changed for each step between two versions of a plan: the change in words, its
    length, the share done and its latest start in each, and how far that start moved
    (working days, + later). ``changed_only`` leaves out the steps that did not change."""
    rows = []
    for s in diff.changed_steps if changed_only else diff.steps:
        rows.append(
            [
                s.title,
                s.described,
                _length(s.old),
                _length(s.new),
                _done(s.old),
                _done(s.new),
                fmt_date(None if s.old is None else s.old.start),
                fmt_date(None if s.new is None else s.new.start),
                _moved(s.start_moved_days),
            ]
        )
    cells = pd.DataFrame(rows, columns=list(PLAN_DIFF_COLUMNS), dtype=object)
    return Table(
        cells,
        caption=None,
        nowrap=tuple(PLAN_DIFF_COLUMNS[2:]),
    )


#: The headings of :func:`plan_diff_table`.
PLAN_DIFF_COLUMNS: tuple[str, ...] = (
    "Step",
    "What changed",
    "Length before",
    "Length after",
    "Done before",
    "Done after",
    "Latest start before",
    "Latest start after",
    "Moved (working days)",
)


def occupations_table(occupations: pd.DataFrame) -> Table:
    """O*NET occupations worth considering (``report.occupations``), best first: the
    transferability score out of 100 and why, what the client brings to each, its
    largest gaps, what to ask the client (what it asks that the client has not
    rated) and the education it usually asks for."""
    titles = [f"{t} ({c})" for t, c in zip(occupations["title"], occupations["code"], strict=True)]
    return reader_table(
        occupations.assign(_occupation=titles),
        {
            "_occupation": ("Occupation (O*NET code)", "text"),
            "score": ("Score (of 100)", "level"),
            "reason": ("Why", "text"),
            "transferable": ("Brings", "list"),
            "largest_gaps": ("Largest gaps", "list"),
            "ask_client": ("Ask the client about", "list"),
            "education": ("Typical education", "text"),
        },
    )


def _step_titles(schedule: Schedule | None) -> dict[str, str]:
    if schedule is None:
        return {}
    return {
        sid: (step.title or sid) for sid, step in zip(schedule.ids, schedule.steps, strict=True)
    }


def roster_table(result: Roster) -> Table:
    """The practice roster as a reader sees it: one row a client, attention first.

    Columns: Client, Status (in its colour), Target role, Target, Forecast
    finish, Slack or late (working days: after the target, or the deadline
    missed named by its step's title with its own figure), Last check-in (``stale`` marked in
    red), Next latest start within two weeks (step and date; ``passed`` when
    it was before the day), Gaps no step addresses.
    """
    from careerlib.charts.roster import STATUS_COLORS as ROSTER_COLORS

    rows = []
    for r in result.frame.itertuples(index=False):
        slack = _slack_or_late(r)
        checkin = "none yet" if pd.isna(r.last_checkin) else fmt_date(r.last_checkin)
        if r.stale:
            checkin += f" (stale, {r.cadence})"
        if isinstance(r.next_step, str):
            when = fmt_date(r.next_latest_start)
            nxt = f"{r.next_step_title} by {when}" + (" (passed)" if r.next_days_left < 0 else "")
        else:
            nxt = "none"
        gaps = "" if pd.isna(r.unaddressed_gaps) else str(int(r.unaddressed_gaps))
        if not pd.isna(r.not_rated_skills) and r.not_rated_skills:
            gaps = f"{gaps} ({int(r.not_rated_skills)} not rated)".lstrip()
        rows.append([r.client, str(r.status), r.target_role, fmt_date(r.target)])
        rows[-1] += [fmt_date(r.forecast_finish), slack, checkin, nxt, gaps]
    cells = pd.DataFrame(rows, columns=list(ROSTER_COLUMNS), dtype=object)
    stale = tuple("color: #C0392B; font-weight: 600" if s else "" for s in result.frame["stale"])
    return Table(
        cells,
        status=("Status",),
        nowrap=("Status", "Target", "Forecast finish"),
        status_palette=ROSTER_COLORS,
        cell_css=(("Last check-in", stale),),
    )


def _slack_or_late(r: Any) -> str:
    """A roster row's slack, or how late: the target's figure, and a deadline missed by
    its step's title with its own (never a deadline's figure as the target's)."""
    from careerlib._text import plural

    deadline = ""
    if isinstance(r.missed_deadline, str):
        deadline = (
            f"'{r.missed_deadline}' deadline {plural(int(r.missed_deadline_days), 'day')} late"
        )
        more = int(r.deadlines_missed) - 1
        deadline += f" (+{more} more)" if more > 0 else ""
    if r.days_late:
        late = f"{plural(int(r.days_late), 'day')} late"
        return f"{late}; {deadline}" if deadline else late
    return deadline or f"{plural(int(r.slack_left_days), 'day')} slack"


#: The headings of :func:`roster_table`.
ROSTER_COLUMNS: tuple[str, ...] = (
    "Client",
    "Status",
    "Target role",
    "Target",
    "Forecast finish",
    "Slack or late",
    "Last check-in",
    "Next latest start (2 weeks)",
    "Gaps no step addresses",
)
