"""Working-day arithmetic, checked against dates counted by hand and against a plain loop."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerlib import CalendarError, WorkCalendar

D = dt.date.fromisoformat
CAL = WorkCalendar(holidays=["2026-12-25", "2027-01-01"], blackouts=[("2027-01-11", "2027-01-13")])


@pytest.mark.parametrize(
    ("method", "day", "expected"),
    [
        pytest.param(
            "roll_forward", "2026-12-25", "2026-12-28", id="forward-over-holiday-and-weekend"
        ),
        pytest.param("roll_forward", "2026-12-28", "2026-12-28", id="forward-on-working-day"),
        pytest.param("roll_backward", "2027-01-03", "2026-12-31", id="backward-over-new-year"),
        pytest.param("next_working_day", "2026-12-24", "2026-12-28", id="next"),
        pytest.param("next_working_day", "2027-01-08", "2027-01-14", id="next-over-blackout"),
        pytest.param(
            "previous_working_day", "2027-01-14", "2027-01-08", id="previous-over-blackout"
        ),
        pytest.param(
            "previous_working_day", "2027-01-02", "2026-12-31", id="previous-from-saturday"
        ),
    ],
)
def test_single_day_questions(method: str, day: str, expected: str) -> None:
    assert getattr(CAL, method)(D(day)) == D(expected)


def test_scalar_questions_give_dates() -> None:
    for answer in (
        CAL.add(D("2026-12-29"), -3),
        CAL.add(D("2026-12-29"), 3),
        CAL.roll_forward(D("2026-12-26")),
        CAL.roll_backward(D("2026-12-26")),
        CAL.day(-1, D("2027-01-04")),
    ):
        assert type(answer) is dt.date


def test_add() -> None:
    assert CAL.add(D("2026-12-23"), 3) == D("2026-12-29")  # 24, 28, 29
    assert CAL.add(D("2026-12-29"), -3) == D("2026-12-23")
    assert CAL.add(D("2026-12-26"), 1) == D("2026-12-28")  # from a Saturday
    assert CAL.add(D("2026-12-26"), -1) == D("2026-12-24")
    assert CAL.add(D("2026-12-26"), 0) == D("2026-12-28")


def test_count_by_hand() -> None:
    # [Dec 21, Jan 18): Dec 21-24 (4), Dec 28-31 (4), Jan 4-8 (5), Jan 14-15 (2);
    # the 11th to the 13th is a blackout
    assert CAL.count(D("2026-12-21"), D("2027-01-18")) == 15
    assert CAL.count(D("2027-01-18"), D("2026-12-21")) == -15
    assert len(CAL.working_days(D("2026-12-21"), D("2027-01-17"))) == 15


def test_vectorised_questions_take_arrays() -> None:
    days = np.array(["2026-12-24", "2026-12-25", "2027-01-12"], dtype="datetime64[D]")
    assert CAL.is_working_day(days).tolist() == [True, False, False]
    assert CAL.roll_forward(days).tolist() == [D("2026-12-24"), D("2026-12-28"), D("2027-01-14")]
    assert CAL.add(days, np.array([1, 1, -1])).tolist() == [
        D("2026-12-28"),
        D("2026-12-28"),
        D("2027-01-08"),
    ]


def test_index_and_day_are_inverse() -> None:
    anchor = D("2027-01-04")
    days = CAL.working_days(D("2026-11-01"), D("2027-03-01"))
    index = CAL.index(days, anchor)
    assert index[days == np.datetime64(anchor)].tolist() == [0]
    assert (np.diff(index) == 1).all()
    assert (CAL.day(index, anchor) == days).all()  # the table path (many positions)
    assert CAL.day(-1, anchor) == D("2026-12-31")  # the direct path


def test_index_needs_a_working_anchor() -> None:
    with pytest.raises(CalendarError, match="not a working day"):
        CAL.index(D("2027-01-05"), D("2027-01-09"))


def test_bad_calendars() -> None:
    with pytest.raises(CalendarError, match="unknown weekday 'funday'"):
        WorkCalendar(workdays=["mon", "funday"])
    with pytest.raises(CalendarError, match="at least one workday"):
        WorkCalendar(workdays=[])
    with pytest.raises(CalendarError, match="is after its end"):
        WorkCalendar(blackouts=[("2027-02-01", "2027-01-01")])


def test_country_holidays_widen_to_the_years_asked() -> None:
    cal = WorkCalendar(countries=[("US", None)])
    assert not cal.is_working_day(D("2027-07-05"))  # Independence Day observed
    assert not cal.is_working_day(D("2035-07-04"))  # a year far from the first question
    assert cal.add(D("2031-01-02"), -1) == D("2030-12-31")  # New Year 2031


weekdays = st.lists(
    st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), min_size=1, unique=True
)
days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2028, 12, 31))


@settings(max_examples=60, deadline=None)
@given(workdays=weekdays, holidays=st.lists(days, max_size=15), day=days, n=st.integers(-60, 60))
def test_add_and_count_agree_with_walking_day_by_day(
    workdays: list[str], holidays: list[dt.date], day: dt.date, n: int
) -> None:
    cal = WorkCalendar(workdays=workdays, holidays=holidays)
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    def works(d: dt.date) -> bool:
        return names[d.weekday()] in workdays and d not in holidays

    # walk by hand: n working days from `day`, as `add` documents it
    d = day
    if n > 0:
        while not works(d):
            d -= dt.timedelta(days=1)
        for _ in range(n):
            d += dt.timedelta(days=1)
            while not works(d):
                d += dt.timedelta(days=1)
    else:
        while not works(d):
            d += dt.timedelta(days=1)
        for _ in range(-n):
            d -= dt.timedelta(days=1)
            while not works(d):
                d -= dt.timedelta(days=1)
    assert cal.add(day, n) == d
    lo, hi = sorted([day, d])
    walked = sum(works(lo + dt.timedelta(days=k)) for k in range((hi - lo).days))
    assert cal.count(lo, hi) == walked
