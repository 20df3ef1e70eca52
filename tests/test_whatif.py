"""What-if changes give new, valid plans and leave the original alone."""

from __future__ import annotations

import datetime as dt

import pytest

from careerlib import PlanError, load_plan, schedule
from careerlib.planfile import parse_plan
from careerlib.whatif import (
    with_alternatives,
    with_blackout,
    with_duration,
    with_effort,
    with_hours_per_week,
    with_start,
    with_target,
    without_blackout,
)
from tests.conftest import CONFORMANCE

D = dt.date.fromisoformat
INFEASIBLE = CONFORMANCE / "04-infeasible.yaml"


def test_moving_the_target_makes_a_late_plan_feasible() -> None:
    plan = load_plan(INFEASIBLE)
    later = with_target(plan, D("2027-02-12"))  # its earliest realistic target
    assert schedule(later).feasible
    assert not schedule(plan).feasible and plan.target == D("2027-01-29")


def test_shorter_step_shrinks_the_lateness() -> None:
    plan = load_plan(INFEASIBLE)
    faster = with_duration(plan, "learn", "5d")  # outside help: 15 days become 5
    assert schedule(faster).feasible
    assert plan.step("learn").duration is not None and plan.step("learn").duration.amount == 15


def test_blackout_pushes_work_earlier_and_can_be_removed() -> None:
    plan = load_plan(INFEASIBLE)
    trip = with_blackout(plan, D("2027-01-25"), D("2027-01-29"), "family trip")
    assert schedule(trip).late_by_days == schedule(plan).late_by_days + 5
    assert trip.calendar.blackouts[-1].reason == "family trip"
    back = without_blackout(trip, len(trip.calendar.blackouts) - 1)
    assert schedule(back).to_dict() == schedule(plan).to_dict()


def test_start_and_hours() -> None:
    plan = load_plan(INFEASIBLE)
    assert with_start(plan, D("2026-12-21")).start == D("2026-12-21")
    assert with_hours_per_week(plan, 8).calendar.hours_per_week == 8


@pytest.mark.parametrize(
    ("call", "match"),
    [
        pytest.param(
            lambda p: with_duration(p, "lern", 3),
            r"unknown step 'lern'; did you mean 'learn'\?",
            id="unknown-step",
        ),
        pytest.param(lambda p: with_duration(p, "learn", 0), r"at least 1 working day", id="zero"),
        pytest.param(
            lambda p: with_target(p, D("2026-01-01")), r"before the start", id="target-before-start"
        ),
        pytest.param(lambda p: without_blackout(p, 3), r"no blackout #3", id="no-blackout"),
        pytest.param(
            lambda p: with_blackout(p, D("2027-02-02"), D("2027-02-01")),
            r"after its 'to'",
            id="backwards",
        ),
    ],
)
def test_bad_changes_are_plan_errors(call: object, match: str) -> None:
    with pytest.raises(PlanError, match=match):
        call(load_plan(INFEASIBLE))  # type: ignore[operator]


TWO_WAYS = """title: T
start: 2027-01-04
target: 2027-03-26
calendar: {hours_per_week: 5}
steps:
  - id: course
    duration: 60d
    alternatives:
      - {id: bootcamp, title: Bootcamp, duration: 20d, cost: 9000}
      - {id: self-study, title: Self-study, effort: 40h, cost: 0}
  - {id: apply, duration: 10d, after: [course]}
"""


def test_taking_an_alternative_replaces_the_steps_way_and_keeps_the_rest() -> None:
    plan = parse_plan(TWO_WAYS)
    taken = with_alternatives(plan, {"course": "bootcamp"})
    step = taken.step("course")
    assert step.duration is not None and step.duration.amount == 20 and step.effort is None
    assert [a.id for a in step.alternatives] == ["bootcamp", "self-study"]  # still listed
    assert taken.step("apply") == plan.step("apply")
    assert schedule(taken).feasible and not schedule(plan).feasible
    # another alternative replaces the step's way again (an effort, this time)
    other = with_alternatives(taken, {"course": "self-study"}).step("course")
    assert other.effort == 40 and other.duration is None
    # the original is left alone, and no choice is the plan itself
    assert plan.step("course").duration is not None and plan.step("course").duration.amount == 60
    assert with_alternatives(plan, {}) is plan


@pytest.mark.parametrize(
    ("choice", "match"),
    [
        ({"cours": "bootcamp"}, "unknown step 'cours'; did you mean 'course'"),
        ({"course": "bootcmp"}, "no alternative 'bootcmp' .*did you mean 'bootcamp'"),
        ({"apply": "x"}, "step 'apply' has no alternative 'x' \\(it has none\\)"),
    ],
)
def test_unknown_alternatives_are_refused(choice: dict[str, str], match: str) -> None:
    with pytest.raises(PlanError, match=match):
        with_alternatives(parse_plan(TWO_WAYS), choice)


def test_with_effort_turns_a_step_into_hours() -> None:
    plan = with_effort(parse_plan(TWO_WAYS), "apply", "12h")
    assert plan.step("apply").effort == 12 and plan.step("apply").duration is None
