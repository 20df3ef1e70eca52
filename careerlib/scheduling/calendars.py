"""The client's working calendar and working-day arithmetic.

A working day is one of the calendar's workdays that is neither a holiday nor
inside a blackout (spec rule 1). All arithmetic is done by numpy's business-day
functions (``busday_offset``, ``busday_count``, ``is_busday``), so every
function takes a single date or an array of dates and never loops over days in
Python.

Holidays from the ``holidays`` package (``{country: US}``) are generated year by
year, only for the years a question touches; the calendar widens the years it
knows whenever an answer falls outside them and answers again.

Working days can also be numbered: :meth:`WorkCalendar.index` gives a working
day's position counted from an anchor (0 is the anchor, -1 the working day
before it) and :meth:`WorkCalendar.day` goes back. The scheduler works in those
numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from careerlib._fields import WEEKDAYS
from careerlib.exceptions import CalendarError

if TYPE_CHECKING:
    from careerlib.models import Calendar

__all__ = ["WorkCalendar", "calendar_for"]

DateLike = dt.date | np.datetime64 | str


def _as_day(value: Any) -> np.ndarray:
    """Any date-like value or sequence as ``datetime64[D]`` (0-d for a scalar)."""
    return np.asarray(value, dtype="datetime64[D]")


def _out(value: np.ndarray) -> Any:
    """Back to ``datetime.date`` for a scalar, ``datetime64[D]`` array otherwise."""
    if value.ndim == 0:
        return value.astype("datetime64[D]").item()
    return value


class WorkCalendar:
    """Working days: workdays less holidays and blackouts.

    Parameters
    ----------
    workdays
        Weekday names ``mon``..``sun``.
    holidays
        Dates with no work.
    blackouts
        Inclusive ``(from, to)`` date ranges with no work.
    countries
        ``(country, subdiv)`` pairs whose public holidays (from the ``holidays``
        package, observed days included) are days with no work.

    Examples
    --------
    >>> cal = WorkCalendar(holidays=["2026-12-25"])
    >>> cal.add("2026-12-24", 1)
    datetime.date(2026, 12, 28)
    """

    def __init__(
        self,
        workdays: Sequence[str] = WEEKDAYS[:5],
        holidays: Iterable[DateLike] = (),
        blackouts: Iterable[tuple[DateLike, DateLike]] = (),
        countries: Iterable[tuple[str, str | None]] = (),
    ) -> None:
        days = [d.lower() for d in workdays]
        unknown = [d for d in days if d not in WEEKDAYS]
        if unknown:
            raise CalendarError(f"unknown weekday {unknown[0]!r}; valid: {', '.join(WEEKDAYS)}")
        if not days:
            raise CalendarError("a calendar needs at least one workday")
        self.workdays: tuple[str, ...] = tuple(d for d in WEEKDAYS if d in days)
        self.weekmask = [d in self.workdays for d in WEEKDAYS]
        fixed = [_as_day(list(holidays)).ravel()]
        self.blackouts: tuple[tuple[Any, Any], ...] = tuple(
            (_as_day(a)[()], _as_day(b)[()]) for a, b in blackouts
        )
        for a, b in self.blackouts:
            if a > b:
                raise CalendarError(f"blackout from {a} is after its end {b}")
            fixed.append(np.arange(a, b + np.timedelta64(1, "D"), dtype="datetime64[D]"))
        self._fixed = np.unique(np.concatenate(fixed)) if fixed else np.array([], "datetime64[D]")
        self.countries: tuple[tuple[str, str | None], ...] = tuple(countries)
        self._years: tuple[int, int] | None = None
        self._cal = np.busdaycalendar(weekmask=self.weekmask, holidays=self._fixed)

    # -- holidays from the `holidays` package, widened on demand -------------

    def _cover(self, *days: np.ndarray) -> bool:
        """Make sure country holidays are known for every year of ``days``.

        Returns True when the calendar changed (answers must be recomputed).
        """
        if not self.countries:
            return False
        lo = min(int(np.min(d).astype("datetime64[Y]").astype(int)) for d in days if d.size) + 1970
        hi = max(int(np.max(d).astype("datetime64[Y]").astype(int)) for d in days if d.size) + 1970
        if self._years is not None and self._years[0] <= lo and hi <= self._years[1]:
            return False
        if self._years is not None:
            lo, hi = min(lo, self._years[0]), max(hi, self._years[1])
        # widen generously so that a walk a little past the edge does not rebuild
        lo, hi = lo - 1, hi + 1
        import holidays as holidays_pkg

        years = range(lo, hi + 1)
        extra: list[dt.date] = []
        for country, subdiv in self.countries:
            table = holidays_pkg.country_holidays(country, subdiv=subdiv, years=years)
            extra.extend(table.keys())
        public = _as_day(extra).ravel() if extra else np.array([], "datetime64[D]")
        self._years = (lo, hi)
        self._cal = np.busdaycalendar(
            weekmask=self.weekmask, holidays=np.unique(np.concatenate([self._fixed, public]))
        )
        return True

    def _settle(self, compute: Any, *inputs: np.ndarray) -> np.ndarray:
        """Run ``compute()`` until the years it touches are all covered."""
        self._cover(*inputs)
        while True:
            result = compute()
            if result.dtype.kind == "M" and not self._cover(result, *inputs):
                return result
            if result.dtype.kind != "M":
                return result

    @property
    def busdaycalendar(self) -> np.busdaycalendar:
        """The numpy calendar behind this one (holidays known so far)."""
        return self._cal

    # -- questions -------------------------------------------------------------

    def is_working_day(self, days: Any) -> Any:
        """Whether each day is a working day."""
        d = _as_day(days)
        self._cover(d)
        result = np.is_busday(d, busdaycal=self._cal)
        return bool(result) if np.ndim(result) == 0 else result

    def roll_forward(self, days: Any) -> Any:
        """The first working day on or after each day."""
        d = _as_day(days)
        return _out(
            self._settle(lambda: np.busday_offset(d, 0, roll="forward", busdaycal=self._cal), d)
        )

    def roll_backward(self, days: Any) -> Any:
        """The last working day on or before each day."""
        d = _as_day(days)
        return _out(
            self._settle(lambda: np.busday_offset(d, 0, roll="backward", busdaycal=self._cal), d)
        )

    def next_working_day(self, days: Any) -> Any:
        """The first working day strictly after each day."""
        return self.add(days, 1)

    def previous_working_day(self, days: Any) -> Any:
        """The last working day strictly before each day."""
        return self.add(days, -1)

    def add(self, days: Any, n: Any) -> Any:
        """Move ``n`` working days from each day [working days].

        A day that is not a working day first counts as the working day just
        before it (for n > 0) or just after it (for n < 0), so ``add(d, 1)`` is
        always the first working day after ``d`` and ``add(d, -1)`` the last
        one before it. ``add(d, 0)`` rolls forward.
        """
        d = _as_day(days)
        k = np.asarray(n, dtype=np.int64)

        def compute() -> np.ndarray:
            fwd = np.busday_offset(d, k, roll="backward", busdaycal=self._cal)
            if np.all(k > 0):
                return fwd
            bwd = np.busday_offset(d, k, roll="forward", busdaycal=self._cal)
            return np.where(k > 0, fwd, bwd)

        return _out(self._settle(compute, d))

    def count(self, begin: Any, end: Any) -> Any:
        """Working days in ``[begin, end)`` (negative when ``end`` is before ``begin``)."""
        a, b = _as_day(begin), _as_day(end)
        self._cover(a, b)
        result = np.busday_count(a, b, busdaycal=self._cal)
        return int(result) if np.ndim(result) == 0 else result

    def working_days(self, begin: Any, end: Any) -> np.ndarray:
        """Every working day from ``begin`` to ``end``, both inclusive."""
        a, b = _as_day(begin), _as_day(end)
        self._cover(a, b)
        days = int(np.asarray(b - a, dtype="timedelta64[D]").astype(np.int64)) + 1
        span = a + np.arange(max(days, 0)).astype("timedelta64[D]")
        return span[np.is_busday(span, busdaycal=self._cal)]

    # -- numbering working days ------------------------------------------------

    def index(self, days: Any, anchor: Any) -> Any:
        """Position of each working day counted from the working day ``anchor`` [working days].

        ``index(anchor, anchor) == 0``; a day that is not a working day gets the
        position of the next working day.
        """
        a, d = _as_day(anchor), _as_day(days)
        if not self.is_working_day(a):
            raise CalendarError(f"the anchor {a} is not a working day")
        return self.count(a, d)

    def day(self, index: Any, anchor: Any) -> Any:
        """The working day at each position counted from the working day ``anchor``."""
        a = _as_day(anchor)
        k = np.asarray(index, dtype=np.int64)
        if k.size < 64:
            return _out(
                self._settle(lambda: np.busday_offset(a, k, roll="raise", busdaycal=self._cal), a)
            )
        # Many positions: busday_offset costs microseconds per item at large
        # offsets, so find the two ends and look the rest up in the table of
        # working days between them.
        lo, hi = int(k.min()), int(k.max())
        ends = self._settle(
            lambda: np.busday_offset(a, [lo, hi], roll="raise", busdaycal=self._cal), a
        )
        table = self.working_days(ends[0], ends[1])
        return table[k - lo]

    def __repr__(self) -> str:
        parts = [f"workdays={list(self.workdays)!r}", f"{len(self._fixed)} closed days"]
        if self.countries:
            parts.append(f"countries={list(self.countries)!r}")
        return f"WorkCalendar({', '.join(parts)})"


def calendar_for(calendar: Calendar) -> WorkCalendar:
    """The :class:`WorkCalendar` of a plan's :class:`careerlib.models.Calendar`."""
    return WorkCalendar(
        workdays=calendar.workdays,
        holidays=calendar.holiday_dates,
        blackouts=[(b.start, b.end) for b in calendar.blackouts],
        countries=[(c.country, c.subdiv) for c in calendar.country_holidays],
    )
