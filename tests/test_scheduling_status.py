"""The plan on a status date (shared/spec/status-date.md): each rule worked by hand.

The plans start on Monday 2027-01-04 with a Monday-to-Friday week and no
holidays, so the working days are easy to count: Jan 4-8, 11-15, 18-22,
25-29, Feb 1-5, ...
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import careerlib
from careerlib import Plan, StatusSchedule, parse_plan, schedule
from careerlib.exceptions import UsageError
from careerlib.models import Review
from careerlib.scheduling.status import latest_progress, schedule_as_of
from tests.test_properties import plans

D = dt.date

CHAIN = """
title: A chain
start: 2027-01-04
target: 2027-01-29
steps:
  - {id: a, title: Step A, duration: 3d}
  - {id: b, title: Step B, duration: 2d, after: [a]}
  - {id: c, title: Step C, duration: 4d, after: [b]}
"""


def same_days(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal day arrays (``NaT`` where the other has ``NaT``)."""
    return bool(np.all((a == b) | (np.isnat(a) & np.isnat(b))))


def dates(result: StatusSchedule, step: str) -> dict[str, Any]:
    """The spec's JSON entry of one step."""
    (entry,) = [s for s in result.to_dict()["steps"] if s["id"] == step]
    return entry


# -- progress on a day -------------------------------------------------------------


def test_a_checkin_is_the_state_at_the_start_of_its_day_and_the_last_written_wins() -> None:
    reviews = [
        Review(date=D(2027, 1, 6), progress={"a": 0.5, "b": 0.2}),
        Review(date=D(2027, 1, 11), progress={"a": 1.0}),
        Review(date=D(2027, 1, 6), progress={"a": 0.7}),  # same date, written later: wins
        Review(date=D(2027, 1, 20), progress={"b": 1.0}),  # after the day: does not count
    ]
    assert latest_progress(reviews, D(2027, 1, 5)) == {}
    assert latest_progress(reviews, D(2027, 1, 6)) == {"a": 0.7, "b": 0.2}
    assert latest_progress(reviews, D(2027, 1, 11)) == {"a": 1.0, "b": 0.2}


def test_without_a_status_date_the_plan_is_scheduled_as_written() -> None:
    plan = parse_plan(CHAIN)
    plain = schedule(plan)
    assert type(plain) is careerlib.Schedule
    # before the start with nothing done, the status date changes no date
    early = schedule(plan, as_of=D(2026, 12, 1))
    assert isinstance(early, StatusSchedule)
    for name in ("start", "finish", "early_start", "early_finish"):
        assert np.array_equal(getattr(plain, name), getattr(early, name))
    assert early.resume == D(2027, 1, 4)
    with pytest.raises(UsageError, match="as_of"):
        schedule(plan, progress={"a": 1.0})


def test_a_status_date_that_is_not_a_date_is_refused() -> None:
    with pytest.raises(UsageError, match="must be a date"):
        schedule_as_of(parse_plan(CHAIN), "2027-01-04")  # type: ignore[arg-type]


# -- rule 1: a done step holds nothing back -----------------------------------------


def test_a_step_done_out_of_order() -> None:
    # b is reported done before a has started: c now waits on a (what b waited on).
    # From Wed 6: a 6-8 Jan, c 11-14 Jan. Latest: c 26-29, a Thu 21 - Mon 25.
    result = schedule(parse_plan(CHAIN), as_of=D(2027, 1, 6), progress={"b": 1.0})
    assert result.states == ("not started", "done", "not started")
    assert result.predecessors == ((), (), (0,))
    assert dates(result, "b") == {
        "id": "b",
        "start": None,
        "finish": None,
        "slack_days": None,
        "critical": False,
        "milestone": False,
        "done": 1.0,
        "remaining_days": 0,
        "early_start": None,
        "early_finish": None,
    }
    a, c = dates(result, "a"), dates(result, "c")
    assert (a["early_start"], a["early_finish"]) == ("2027-01-06", "2027-01-08")
    assert (c["early_start"], c["early_finish"]) == ("2027-01-11", "2027-01-14")
    assert (a["start"], a["finish"]) == ("2027-01-21", "2027-01-25")
    assert (c["start"], c["finish"]) == ("2027-01-26", "2027-01-29")
    # slack: Wed 6 -> Thu 21 and Mon 11 -> Tue 26, both 11 working days: both critical
    assert (a["slack_days"], c["slack_days"]) == (11, 11)
    assert result.critical_ids == ["a", "c"]
    assert (a["remaining_days"], c["remaining_days"]) == (3, 4)
    assert result.forecast_finish == D(2027, 1, 14)
    assert (result.feasible, result.late_by_days, result.target_late_by_days) == (True, 0, 0)


# -- rule 2: a step in progress ------------------------------------------------------


def test_a_step_in_progress_whose_predecessor_is_not_done() -> None:
    # On Mon 11: b half done (1 of 2 days left) though a has not started. b no
    # longer waits on a, and a need not finish before b: a only has the target.
    result = schedule(parse_plan(CHAIN), as_of=D(2027, 1, 11), progress={"b": 0.5})
    assert result.states == ("not started", "in progress", "not started")
    assert result.predecessors == ((), (), (1,))
    a, b, c = (dates(result, s) for s in "abc")
    assert (b["early_start"], b["early_finish"], b["remaining_days"]) == (
        "2027-01-11",
        "2027-01-11",
        1,
    )
    assert (a["early_start"], a["early_finish"]) == ("2027-01-11", "2027-01-13")
    assert (c["early_start"], c["early_finish"]) == ("2027-01-12", "2027-01-15")
    # latest: a ends on the target (Wed 27 - Fri 29); b Mon 25, just before c (26-29)
    assert (a["start"], a["finish"]) == ("2027-01-27", "2027-01-29")
    assert (b["start"], b["finish"]) == ("2027-01-25", "2027-01-25")
    assert (a["slack_days"], b["slack_days"], c["slack_days"]) == (12, 10, 10)
    assert result.critical_ids == ["b", "c"]
    assert result.forecast_finish == D(2027, 1, 15)


@pytest.mark.parametrize(
    ("share", "left"),
    [
        pytest.param(0.5, 2, id="half-of-4-leaves-exactly-2"),
        pytest.param(0.3, 3, id="rounded-up"),
        pytest.param(0.99, 1, id="at-least-1"),
        pytest.param(0.75, 1, id="quarter"),
    ],
)
def test_days_left_of_a_step_in_progress(share: float, left: int) -> None:
    result = schedule(parse_plan(CHAIN), as_of=D(2027, 1, 4), progress={"c": share})
    assert dates(result, "c")["remaining_days"] == left


# -- milestones ------------------------------------------------------------------------

MILESTONE = """
title: A course, an exam, an application
start: 2027-01-04
target: 2027-01-29
steps:
  - {id: course, title: Course, duration: 5d}
  - {id: exam, title: Exam passed, milestone: true, after: [course]}
  - {id: apply, title: Apply, duration: 3d, after: [exam]}
"""


def test_a_milestone_reached() -> None:
    result = schedule(
        parse_plan(MILESTONE), as_of=D(2027, 1, 11), progress={"course": 1, "exam": 1}
    )
    assert result.states == ("done", "done", "not started")
    exam, apply = dates(result, "exam"), dates(result, "apply")
    assert (exam["start"], exam["milestone"], exam["remaining_days"]) == (None, True, 0)
    # nothing holds apply back: Mon 11 - Wed 13; latest Wed 27 - Fri 29
    assert (apply["early_start"], apply["early_finish"]) == ("2027-01-11", "2027-01-13")
    assert (apply["start"], apply["slack_days"]) == ("2027-01-27", 12)


def test_a_milestone_partly_reported_is_not_reached() -> None:
    # rule 3: a milestone is reached or not; 0.5 keeps it (and its dependencies)
    # in the work left. Its predecessors are done, so it is reached at the end
    # of Mon 11 and apply starts on Tue 12.
    result = schedule(
        parse_plan(MILESTONE), as_of=D(2027, 1, 11), progress={"course": 1, "exam": 0.5}
    )
    assert result.states == ("done", "not started", "not started")
    exam, apply = dates(result, "exam"), dates(result, "apply")
    assert (exam["early_start"], exam["remaining_days"], exam["done"]) == ("2027-01-11", 0, 0.5)
    assert (apply["early_start"], apply["early_finish"]) == ("2027-01-12", "2027-01-14")


# -- the target never moves ---------------------------------------------------------------

TWO = """
title: Two steps
start: 2027-01-04
target: 2027-01-15
steps:
  - {id: a, title: Step A, duration: 5d}
  - {id: b, title: Step B, duration: 5d, after: [a]}
"""


def test_a_passed_target_stays_where_it_is() -> None:
    # On Mon 1 Feb, a is done; b (5 days) runs Feb 1-5. Its latest dates stay
    # back-scheduled from the target Fri 15 Jan: Jan 11-15, 15 working days ago.
    result = schedule(parse_plan(TWO), as_of=D(2027, 2, 1), progress={"a": 1})
    b = dates(result, "b")
    assert (b["start"], b["finish"]) == ("2027-01-11", "2027-01-15")
    assert (b["early_start"], b["early_finish"]) == ("2027-02-01", "2027-02-05")
    assert b["slack_days"] == -15
    data = result.to_dict()
    assert data["target"] == "2027-01-15"
    assert (data["feasible"], data["late_by_days"], data["target_late_by_days"]) == (False, 15, 15)
    # the dates to aim for are the forecast: never in the past
    assert result.aim_dates("b") == (D(2027, 2, 1), D(2027, 2, 5))
    assert result.aim_dates("a") is None
    facts = result.status_verdict
    assert (facts.state, facts.target_passed, facts.target_passed_days) == ("late", True, 17)
    assert result.verdict == (
        "Late: the target 15 Jan 2027 passed 2 weeks ago; at this pace the work left ends on "
        "5 Feb 2027, 15 working days after it."
    )


def test_latest_dates_do_not_drift_between_checkins() -> None:
    plan = parse_plan(TWO)
    one = schedule(plan, as_of=D(2027, 2, 1), progress={"a": 1})
    two = schedule(plan, as_of=D(2027, 3, 1), progress={"a": 1})
    assert same_days(one.start, two.start)
    assert same_days(one.finish, two.finish)
    # a month later the same work is 20 working days later still
    assert two.late_by_days == one.late_by_days + 20


# -- deadlines -------------------------------------------------------------------------------

DEADLINE = """
title: A deadline before the target
start: 2027-01-04
target: 2027-01-29
steps:
  - {id: a, title: Win a sponsor, duration: 5d, deadline: 2027-01-08}
  - {id: b, title: Step B, duration: 2d, after: [a]}
"""


def test_a_deadline_missed_while_the_target_holds() -> None:
    # On Mon 11, a is 40% done: 3 days left, Jan 11-13, 3 working days after its
    # deadline Fri 8 (Fri 8, Mon 11, Tue 12). b: Jan 14-15, 10 working days
    # before the target.
    result = schedule(parse_plan(DEADLINE), as_of=D(2027, 1, 11), progress={"a": 0.4})
    data = result.to_dict()
    assert data["deadlines_missed"] == [
        {"id": "a", "deadline": "2027-01-08", "finish": "2027-01-13", "late_by_days": 3}
    ]
    assert (data["feasible"], data["late_by_days"], data["target_late_by_days"]) == (False, 3, 0)
    assert data["earliest_finish"] == "2027-01-15"
    (miss,) = result.deadlines_missed
    assert (miss.title, miss.late_by_days) == ("Win a sponsor", 3)
    assert result.verdict == (
        "Late: the work left ends on 15 Jan 2027, 10 working days before the target "
        "29 Jan 2027, but 'Win a sponsor' misses its deadline (8 Jan 2027) by 3 working days."
    )


def test_a_deadline_lateness_is_never_given_as_the_targets() -> None:
    # On Mon 18 Jan with nothing done, the target Fri 15 Jan has passed too:
    # a runs Jan 18-22, b Jan 25-26. The target is missed by 7 working days,
    # the deadline (Fri 8) by 10: each has its own figure.
    plan = parse_plan(DEADLINE.replace("2027-01-29", "2027-01-15"))
    result = schedule(plan, as_of=D(2027, 1, 18), progress={})
    facts = result.status_verdict
    assert (facts.target_late_by_days, [m.late_by_days for m in facts.deadlines_missed]) == (
        7,
        [10],
    )
    assert result.late_by_days == 10
    assert "7 working days after it" in result.verdict
    assert "'Win a sponsor' misses its deadline (8 Jan 2027) by 10 working days" in result.verdict


def test_the_tightest_deadline_is_named_with_its_own_room() -> None:
    plan = parse_plan(DEADLINE.replace("2027-01-08", "2027-01-13"))
    result = schedule(plan, as_of=D(2027, 1, 4), progress={})
    # a: Jan 4-8, 3 working days before its deadline Wed 13; the work ends Tue 12
    assert result.status_verdict.tightest == ("a", "Win a sponsor", D(2027, 1, 13), 3)
    assert result.verdict == (
        "On track: the work left ends on 12 Jan 2027, 13 working days before the target "
        "29 Jan 2027; the tightest deadline, 'Win a sponsor' by 13 Jan 2027, leaves 3 working "
        "days of slack."
    )


# -- complete ----------------------------------------------------------------------------------


def test_everything_done_is_complete() -> None:
    result = schedule(parse_plan(TWO), as_of=D(2027, 2, 1), progress={"a": 1, "b": 1.0})
    data = result.to_dict()
    assert (data["complete"], data["feasible"], data["late_by_days"]) == (True, True, 0)
    assert (data["earliest_finish"], data["target_late_by_days"], data["deadlines_missed"]) == (
        None,
        0,
        [],
    )
    assert all(s["start"] is None and s["slack_days"] is None for s in data["steps"])
    assert result.forecast_finish is None and result.slack_from_today is None
    assert result.verdict == "Complete: every step is done (as of 1 Feb 2027)."
    assert result.status_verdict.state == "complete"


# -- effort ------------------------------------------------------------------------------------

EFFORT = """
title: Effort
start: 2027-01-04
target: 2027-03-26
calendar: {hours_per_week: 10}
steps:
  - {id: e, title: Study, effort: 10h}
  - {id: f, title: Exam, duration: 1d, after: [e]}
"""


def test_an_effort_step_in_progress_keeps_the_share_of_its_hours() -> None:
    # 5 of 10 hours left at 2 hours a day from Mon 11: Mon 11 - Wed 13 (2, 2, 1), f on Thu 14
    result = schedule(parse_plan(EFFORT), as_of=D(2027, 1, 11), progress={"e": 0.5})
    e = dates(result, "e")
    assert (e["early_start"], e["early_finish"], e["remaining_days"]) == (
        "2027-01-11",
        "2027-01-13",
        3,
    )
    assert result.forecast_finish == D(2027, 1, 14)
    data = result.to_dict()
    assert sum(w["planned_hours"] for w in data["load"]) == pytest.approx(5.0)
    assert data["extra_hours_per_week"] == 0.0
    alloc = result.allocation_frame()
    assert set(alloc["step"]) == {"e"} and alloc["hours"].sum() == pytest.approx(5.0)


# -- routes and the result's shape ------------------------------------------------------------

ROUTES = """
title: Two routes
start: 2027-01-04
target: 2027-03-26
routes: [{id: x, title: X}, {id: y, title: Y}]
steps:
  - {id: a, duration: 5d}
  - {id: bx, duration: 5d, after: [a], route: x}
  - {id: by, duration: 10d, after: [a], route: y}
  - {id: c, duration: 2d, after: [bx, by]}
"""


def test_shares_of_another_route_are_ignored() -> None:
    plan = parse_plan(ROUTES)
    one = schedule(plan, "x", as_of=D(2027, 1, 11), progress={"a": 1, "by": 0.5})
    two = schedule(plan, "x", as_of=D(2027, 1, 11), progress={"a": 1})
    assert one.ids == ("a", "bx", "c")
    assert one.to_json() == two.to_json()


def test_the_frame_and_the_json_agree() -> None:
    result = schedule(parse_plan(CHAIN), as_of=D(2027, 1, 11), progress={"a": 1, "b": 0.5})
    frame = result.to_frame()
    assert list(frame.index) == ["a", "b", "c"]
    assert frame.loc["a", "state"] == "done" and frame["slack_days"].isna().tolist() == [
        True,
        False,
        False,
    ]
    assert frame["remaining_days"].tolist() == [0, 1, 4]
    assert frame["slack_days"].dtype == "Int64"
    assert {"done", "aim_start", "aim_finish"} <= set(frame.columns)
    assert json.loads(result.to_json()) == result.to_dict()
    assert "2 of 3 steps left, on track" in repr(result)
    assert result.status_verdict.to_dict()["deadlines_missed"] == []
    html = result._repr_html_()
    assert "On track" in html and "NaT" not in html


# -- the dates to aim for --------------------------------------------------------------------------

PUSHED = """
title: A late step before one that is not late
start: 2027-01-04
target: 2027-01-22
steps:
  - {id: a, duration: 10d}
  - {id: b, duration: 1d, after: [a]}
"""


def test_the_dates_to_aim_for_keep_every_dependency() -> None:
    # From Mon 11: a's latest start (Fri 8) has passed, so it aims at its
    # forecast, Jan 11-22; b's latest date (Fri 22) has not, but a ends that
    # day: b aims at Mon 25, the day after.
    result = schedule(parse_plan(PUSHED), as_of=D(2027, 1, 11), progress={})
    assert result.aim_dates("a") == (D(2027, 1, 11), D(2027, 1, 22))
    assert result.step_dates("b") == (D(2027, 1, 22), D(2027, 1, 22))
    assert result.aim_dates("b") == (D(2027, 1, 25), D(2027, 1, 25))


def test_the_dates_to_aim_for_are_the_latest_dates_when_on_track() -> None:
    result = schedule(parse_plan(CHAIN), as_of=D(2027, 1, 6), progress={"b": 1.0})
    keep = ~result.is_done
    assert np.array_equal(result.aim_start[keep], result.start[keep])
    assert np.array_equal(result.aim_finish[keep], result.finish[keep])


# -- properties over random plans ----------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(plan=plans(), days=st.integers(-10, 160), data=st.data())
def test_status_schedule_properties(plan: Plan, days: int, data: st.DataObject) -> None:
    as_of = D(2027, 1, 4) + dt.timedelta(days=days)
    shares = st.sampled_from([0.0, 0.25, 0.5, 0.9, 1.0])
    progress = {s.id: data.draw(shares) for s in plan.steps}
    result = schedule(plan, as_of=as_of, progress=progress)
    facts = result.status_verdict
    # feasible exactly when the target and every deadline are met (spec)
    assert result.feasible == (result.target_late_by_days == 0 and not result.deadlines_missed)
    assert facts.feasible == result.feasible
    if result.complete:
        return
    cal = result.calendar
    left = np.flatnonzero(~result.is_done)
    s = np.datetime64(result.resume, "D")
    # no date to aim for is in the past, and they keep every dependency of the work left
    assert bool(np.all(result.aim_start[left] >= s))
    for k in left:
        for p in result.predecessors[k]:
            release = cal.add(result.aim_finish[p], int(result.buffer_days[p]))
            if result.buffer_days[p] == 0:
                release = result.aim_finish[p].astype(object)
            after = release if result.milestone[k] else cal.next_working_day(release)
            assert result.aim_start[k].astype(object) >= after
    # the latest dates do not depend on the status date (the target never moves)
    later = schedule(plan, as_of=as_of + dt.timedelta(days=30), progress=progress)
    assert same_days(result.start, later.start)
    assert same_days(result.finish, later.finish)
