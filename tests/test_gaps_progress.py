"""Progress at a checkpoint against hand-computed values."""

from __future__ import annotations

import datetime as dt

import pytest

from careerlib import parse_plan, schedule
from careerlib.gaps import progress_at
from careerlib.models import Review

D = dt.date

# --- progress -------------------------------------------------------------------------------

TEN_DAYS = (
    "title: t\nstart: 2027-01-04\ntarget: 2027-01-15\n{extra}steps:\n  - {{id: a, duration: 10}}\n"
)


def test_checkpoint_halfway_through_a_step():
    # what was reported, step by step; measuring it against a plan is the
    # tracking's (the old planned share at the latest dates is gone)
    plan = parse_plan(TEN_DAYS.format(extra=""))
    p = progress_at(
        schedule(plan), [Review(date=D(2027, 1, 8), progress={"a": 0.3})], cadence="weekly"
    )
    row = p.steps.loc["a"]
    assert row["actual"] == pytest.approx(0.3)
    assert row["state"] == "in progress"
    assert p.counts == {"done": 0, "in progress": 1, "not started": 0}
    assert not hasattr(p, "planned_pct") and "planned" not in p.steps.columns
    assert not hasattr(p, "projected_finish")
    assert not p.stale


def test_progress_before_and_after_a_step():
    plan = parse_plan(TEN_DAYS.format(extra=""))
    before = progress_at(schedule(plan), [Review(date=D(2027, 1, 1), progress={})])
    assert before.steps.at["a", "state"] == "not started"
    after = progress_at(schedule(plan), [Review(date=D(2027, 1, 20), progress={"a": 1.0})])
    assert after.steps.at["a", "state"] == "done"
    assert "planned_pct" not in after.to_dict()


def test_progress_carries_the_latest_report_forward():
    plan = parse_plan(TEN_DAYS.format(extra=""))
    reviews = [
        Review(date=D(2027, 1, 6), progress={"a": 0.4}),
        Review(date=D(2027, 1, 8), progress={}),
    ]
    p = progress_at(schedule(plan), reviews)
    assert p.review_date == D(2027, 1, 8)
    assert p.steps.at["a", "actual"] == 0.4


@pytest.mark.parametrize(
    ("as_of", "stale"),
    [
        pytest.param(D(2027, 1, 15), False, id="7-days-weekly"),
        pytest.param(D(2027, 1, 16), True, id="8-days-weekly"),
    ],
)
def test_stale_review(as_of, stale):
    plan = parse_plan(
        TEN_DAYS.format(
            extra="checkpoints:\n  cadence: weekly\n  reviews:\n"
            "    - {date: 2027-01-08, progress: {a: 0.5}}\n"
        )
    )
    p = progress_at(schedule(plan), as_of=as_of)
    assert p.last_review == D(2027, 1, 8)
    assert p.stale is stale
    assert ("gathered dust" in p.message) is stale


def test_no_review_at_all_gathers_dust():
    plan = parse_plan(TEN_DAYS.format(extra=""))
    p = progress_at(schedule(plan), as_of=D(2027, 3, 1), cadence="monthly")
    assert p.review_date is None
    assert p.stale
    assert p.days_since_review == (D(2027, 3, 1) - D(2027, 1, 4)).days


def test_progress_value_outside_0_1_is_refused():
    with pytest.raises(ValueError, match="less than or equal to 1"):
        Review(date=D(2027, 1, 8), progress={"a": 1.5})
