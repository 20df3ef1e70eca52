"""The time gap and the remaining plan against hand-computed values."""

from __future__ import annotations

import datetime as dt

from careerlib import parse_plan, schedule
from careerlib.gaps import time_gap
from careerlib.scheduling.status import remaining_plan

D = dt.date


def test_time_gap_feasible():
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-01-15\nsteps:\n  - {id: a, duration: 5}\n"
    )
    t = time_gap(schedule(plan))
    assert (t.days_left, t.days_needed, t.spare_days) == (10, 5, 5)
    assert t.feasible and t.late_by_days == 0
    assert t.critical["shrink_days"].tolist() == [0]


def test_time_gap_late_names_the_steps_to_shrink():
    # 8 + 5 working days from Mon 4 Jan 2027; 10 working days to Fri 15 Jan: 3 days short.
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-01-15\nsteps:\n"
        "  - {id: a, duration: 8}\n  - {id: b, duration: 5, after: [a]}\n  - {id: c, duration: 1}\n"
    )
    t = time_gap(schedule(plan))
    assert (t.days_left, t.days_needed, t.spare_days) == (10, 13, -3)
    assert not t.feasible
    assert t.late_by_days == 3
    assert t.earliest_finish == D(2027, 1, 20)
    assert list(t.critical.index) == ["a", "b"]
    assert t.critical.loc["a", "can_shrink_days"] == 7
    assert t.critical["shrink_days"].tolist() == [3, 3]
    assert t.critical["enough_alone"].all()


def test_remaining_plan_counts_progress():
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-01-15\nsteps:\n"
        "  - {id: a, duration: 8, deadline: 2027-01-06}\n  - {id: b, duration: 5, after: [a]}\n"
    )
    left = remaining_plan(plan, {"a": 1.0, "b": 0.5}, D(2027, 1, 11))
    assert left is not None
    assert left.start == D(2027, 1, 11)
    assert [s.id for s in left.steps] == ["b"]  # a is done
    assert left.steps[0].after == []
    assert left.steps[0].duration.amount == 3  # ceil(5 * 0.5)
    t = time_gap(schedule(left))
    assert (t.days_left, t.days_needed) == (5, 3)
    assert t.feasible


def test_remaining_plan_keeps_the_order_through_done_steps():
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-02-15\nsteps:\n"
        "  - {id: a, duration: 2}\n  - {id: b, duration: 2, after: [a]}\n"
        "  - {id: c, duration: 2, after: [b]}\n"
    )
    left = remaining_plan(plan, {"b": 1.0}, plan.first_day)
    assert left is not None
    assert [(s.id, s.after) for s in left.steps] == [("a", []), ("c", ["a"])]
    # every step done: no work left (gaps kept its own copy that made the last step
    # a milestone; the status date's one computation says so with None)
    assert remaining_plan(plan, {"a": 1, "b": 1, "c": 1}, plan.first_day) is None
