"""The forecast: the work left scheduled forward from a check-in, checked against passes by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from careerlib import load_plan
from careerlib.tracking import forecast, remaining_plan

DATA = Path(__file__).parent / "data" / "tracking"
D = dt.date


def test_diamond_forward_pass_by_hand() -> None:
    # On Wed 2026-01-14: a done, b half done (2 of 4 days left), c not started.
    # b: 14-15; c: 14-15, buffer 1 day -> released Mon 19 (Fri 16 is a holiday);
    # d waits for both: Tue 20.
    plan = load_plan(DATA / "diamond.yaml")
    f = forecast(plan, {"a": 1.0, "b": 0.5}, D(2026, 1, 14))
    assert f.forecast_dates("a") is None
    assert f.forecast_dates("b") == (D(2026, 1, 14), D(2026, 1, 15))
    assert f.forecast_dates("c") == (D(2026, 1, 14), D(2026, 1, 15))
    assert f.forecast_dates("d") == (D(2026, 1, 20), D(2026, 1, 20))
    assert f.finish == D(2026, 1, 20)
    # from Tue 20 to the target Fri 2026-02-27: 28 working days after the finish
    assert f.slack_left_days == 28
    assert f.on_time


def test_started_step_is_scheduled_from_the_checkin_whatever_it_waited_on() -> None:
    # b reports progress although a does not: b starts on the check-in day
    plan = load_plan(DATA / "diamond.yaml")
    f = forecast(plan, {"b": 0.25}, D(2026, 1, 5))
    assert f.forecast_dates("b") == (D(2026, 1, 5), D(2026, 1, 7))
    assert f.forecast_dates("a") == (D(2026, 1, 5), D(2026, 1, 7))


def test_effort_step_uses_the_hours_left() -> None:
    # 5 of 10 hours left at 2 hours a day from Mon 12: Mon-Wed, then f on Thu 15
    plan = load_plan(DATA / "effort.yaml")
    f = forecast(plan, {"e": 0.5}, D(2026, 1, 12))
    assert f.forecast_dates("e") == (D(2026, 1, 12), D(2026, 1, 14))
    assert f.finish == D(2026, 1, 15)


@pytest.mark.parametrize(
    ("day", "progress", "finish", "slack"),
    [
        pytest.param(D(2026, 1, 12), {"a": 0.6}, D(2026, 1, 20), 3, id="using-slack"),
        pytest.param(D(2026, 1, 19), {"a": 0.6}, D(2026, 1, 27), -2, id="late"),
        pytest.param(D(2026, 1, 7), {"a": 1.0}, D(2026, 1, 13), 8, id="ahead"),
        pytest.param(D(2026, 1, 3), {}, D(2026, 1, 16), 5, id="before-the-start"),
    ],
)
def test_two_steps(day: dt.date, progress: dict[str, float], finish: dt.date, slack: int) -> None:
    f = forecast(load_plan(DATA / "two-steps.yaml"), progress, day)
    assert (f.finish, f.slack_left_days) == (finish, slack)
    assert f.late_days == max(0, -slack)


def test_late_verdict_names_the_days() -> None:
    f = forecast(load_plan(DATA / "two-steps.yaml"), {"a": 0.6}, D(2026, 1, 19))
    # the status verdict's words: plain dates, the target lateness only
    assert f.verdict == (
        "Late: the work left ends on 27 Jan 2026, 2 working days after the target 23 Jan 2026."
    )
    assert f.verdict == f.schedule.status_verdict.sentence


def test_all_done() -> None:
    f = forecast(load_plan(DATA / "two-steps.yaml"), {"a": 1, "b": 1}, D(2026, 1, 14))
    assert f.remaining is None
    assert f.finish == D(2026, 1, 13)
    assert f.slack_left_days == 8
    assert f.verdict == "Complete: every step is done (as of 14 Jan 2026)."


def test_remaining_plan_leaves_the_original_alone() -> None:
    plan = load_plan(DATA / "two-steps.yaml")
    before = plan.model_dump()
    left = remaining_plan(plan, {"a": 1.0}, D(2026, 1, 8))
    assert left is not None
    assert [s.id for s in left.steps] == ["b"]
    assert left.steps[0].after == []
    assert left.start == D(2026, 1, 8)
    assert plan.model_dump() == before
