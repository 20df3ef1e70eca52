"""The scheduling rules of the spec, one or more tests each, dates worked out by hand.

January 2027 starts on a Friday: Mon 4 .. Fri 8, Mon 11 .. Fri 15, Mon 18 .. Fri 22.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from careerlib import CycleError, Plan, PlanError, load_plan, schedule
from careerlib.models import Step
from tests.conftest import SAMPLE_PLANS


def plan(
    *steps: dict[str, Any], start: str = "2027-01-04", target: str = "2027-01-15", **extra: Any
) -> Plan:
    return Plan.model_validate(
        {"title": "t", "start": start, "target": target, "steps": list(steps), **extra}
    )


def dates(result: Any, step_id: str) -> tuple[str, str]:
    start, finish = result.step_dates(step_id)
    return start.isoformat(), finish.isoformat()


D = dt.date.fromisoformat


# --- rule 1: working days --------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "expected_start"),
    [
        pytest.param({}, "2027-01-13", id="mon-fri"),
        pytest.param({"workdays": ["mon", "wed", "fri"]}, "2027-01-11", id="three-day-week"),
        pytest.param({"holidays": ["2027-01-14"]}, "2027-01-12", id="holiday"),
        pytest.param(
            {"blackouts": [{"from": "2027-01-11", "to": "2027-01-13"}]}, "2027-01-08", id="blackout"
        ),
        pytest.param(
            {"holidays": ["2027-01-14"], "blackouts": [{"from": "2027-01-12", "to": "2027-01-12"}]},
            "2027-01-11",
            id="both",
        ),
    ],
)
def test_rule1_three_days_before_the_target_skip_closed_days(
    calendar: dict[str, Any], expected_start: str
) -> None:
    result = schedule(plan({"id": "a", "duration": 3}, calendar=calendar))
    assert dates(result, "a") == (expected_start, "2027-01-15")


def test_rule1_target_on_a_sunday_means_the_friday_before_but_json_keeps_it() -> None:
    result = schedule(plan({"id": "a", "duration": 1}, target="2027-01-17"))
    assert dates(result, "a") == ("2027-01-15", "2027-01-15")
    assert result.to_dict()["target"] == "2027-01-17"


def test_rule1_deadline_on_a_saturday_means_the_friday_before() -> None:
    result = schedule(plan({"id": "a", "duration": 2, "deadline": "2027-01-09"}))
    assert dates(result, "a") == ("2027-01-07", "2027-01-08")


def test_rule1_country_holidays_from_the_holidays_package() -> None:
    # Martin Luther King Jr. Day is Monday 2027-01-18.
    result = schedule(
        plan(
            {"id": "a", "duration": 2},
            target="2027-01-19",
            calendar={"holidays": {"country": "US"}},
        )
    )
    assert dates(result, "a") == ("2027-01-15", "2027-01-19")


def test_rule1_country_holidays_include_observed_days() -> None:
    # Christmas 2027 is a Saturday, observed on Friday 2027-12-24.
    result = schedule(
        plan(
            {"id": "a", "duration": 2},
            start="2027-12-01",
            target="2027-12-27",
            calendar={"holidays": [{"country": "US"}, "2027-12-20"]},
        )
    )
    assert dates(result, "a") == ("2027-12-23", "2027-12-27")


def test_rule1_country_holidays_are_found_for_years_far_before_the_target() -> None:
    # An infeasible plan reaches back a year before its start: New Year 2026 is a holiday there.
    result = schedule(
        plan(
            {"id": "a", "duration": 270},
            start="2027-01-04",
            target="2027-01-29",
            calendar={"holidays": {"country": "US"}},
        )
    )
    start, _ = result.step_dates("a")
    assert result.calendar.count(start, dt.date(2027, 1, 30)) == 270
    assert not result.calendar.is_working_day(dt.date(2026, 1, 1))


# --- rule 2: a duration is consecutive working days ------------------------------------


@pytest.mark.parametrize(
    ("duration", "workdays", "expected_start"),
    [
        pytest.param("5", None, "2027-01-11", id="plain-number"),
        pytest.param("5d", None, "2027-01-11", id="days"),
        pytest.param("1w", None, "2027-01-11", id="week-of-five"),
        pytest.param(
            "2w", ["mon", "tue", "wed", "thu"], "2027-01-04", id="weeks-of-four"
        ),  # Mon 4 .. Thu 7, Mon 11 .. Thu 14
    ],
)
def test_rule2_duration_forms(
    duration: str, workdays: list[str] | None, expected_start: str
) -> None:
    cal = {"workdays": workdays} if workdays else {}
    target = "2027-01-14" if workdays else "2027-01-15"
    result = schedule(plan({"id": "a", "duration": duration}, target=target, calendar=cal))
    assert dates(result, "a") == (expected_start, target)


# --- rule 3: milestones -------------------------------------------------------------------


def test_rule3_milestone_takes_no_day_and_leaves_its_neighbours_as_a_direct_link() -> None:
    with_ms = schedule(
        plan(
            {"id": "a", "duration": 2},
            {"id": "m", "milestone": True, "after": ["a"]},
            {"id": "b", "duration": 1, "after": ["m"]},
        )
    )
    direct = schedule(plan({"id": "a", "duration": 2}, {"id": "b", "duration": 1, "after": ["a"]}))
    assert dates(with_ms, "a") == dates(direct, "a") == ("2027-01-13", "2027-01-14")
    assert dates(with_ms, "b") == dates(direct, "b") == ("2027-01-15", "2027-01-15")
    assert dates(with_ms, "m") == ("2027-01-14", "2027-01-14")
    assert with_ms.to_dict()["steps"][1]["milestone"] is True


def test_rule3_milestone_date_is_a_working_day() -> None:
    result = schedule(plan({"id": "m", "milestone": True, "deadline": "2027-01-10"}))
    assert dates(result, "m") == ("2027-01-08", "2027-01-08")


def test_kickoff_milestone_costs_its_day() -> None:
    result = schedule(
        plan({"id": "k", "milestone": True}, {"id": "a", "duration": 1, "after": ["k"]})
    )
    frame = result.to_frame()
    assert frame.loc["k", "early_start"].date() == D("2027-01-04")
    assert frame.loc["a", "early_start"].date() == D("2027-01-05")
    assert result.earliest_finish == D("2027-01-05")
    assert dates(result, "k") == ("2027-01-14", "2027-01-14")
    assert int(frame.loc["a", "slack_days"]) == 8


# --- rule 4: release days and buffers --------------------------------------------------


def test_rule4_buffer_keeps_days_free_before_the_successor() -> None:
    result = schedule(
        plan({"id": "a", "duration": 2, "buffer": "2d"}, {"id": "b", "duration": 1, "after": ["a"]})
    )
    assert dates(result, "b") == ("2027-01-15", "2027-01-15")
    assert dates(result, "a") == ("2027-01-11", "2027-01-12")
    assert result.to_frame().loc["a", "release"].date() == D("2027-01-14")


def test_rule4_buffer_keeps_days_free_before_the_target() -> None:
    result = schedule(plan({"id": "a", "duration": 1, "buffer": 3}))
    assert dates(result, "a") == ("2027-01-12", "2027-01-12")


def test_rule4_milestone_buffer_moves_the_milestone_not_its_successor() -> None:
    result = schedule(
        plan(
            {"id": "m", "milestone": True, "buffer": "1d"},
            {"id": "b", "duration": 1, "after": ["m"]},
        )
    )
    assert dates(result, "b") == ("2027-01-15", "2027-01-15")
    assert dates(result, "m") == ("2027-01-13", "2027-01-13")


def test_rule4_milestone_after_milestone_may_share_the_day() -> None:
    result = schedule(
        plan({"id": "m1", "milestone": True}, {"id": "m2", "milestone": True, "after": ["m1"]})
    )
    assert dates(result, "m1") == dates(result, "m2") == ("2027-01-15", "2027-01-15")


def test_rule4_zero_buffer_is_allowed() -> None:
    result = schedule(plan({"id": "a", "duration": 1, "buffer": 0}))
    assert dates(result, "a") == ("2027-01-15", "2027-01-15")


# --- rule 5: the target and deadlines --------------------------------------------------


def test_rule5_a_deadline_pulls_the_step_and_its_predecessors_earlier() -> None:
    result = schedule(
        plan(
            {"id": "a", "duration": 1},
            {"id": "b", "duration": 1, "after": ["a"], "deadline": "2027-01-08"},
        )
    )
    assert dates(result, "b") == ("2027-01-08", "2027-01-08")
    assert dates(result, "a") == ("2027-01-07", "2027-01-07")


def test_rule5_a_deadline_after_the_target_changes_nothing() -> None:
    result = schedule(plan({"id": "a", "duration": 1, "deadline": "2027-02-01"}))
    assert dates(result, "a") == ("2027-01-15", "2027-01-15")


# --- rule 6: as late as possible --------------------------------------------------------


def test_rule6_each_branch_finishes_as_late_as_its_successor_allows() -> None:
    result = schedule(
        plan(
            {"id": "a", "duration": 1},
            {"id": "b", "duration": 3},
            {"id": "c", "duration": 1, "after": ["a", "b"]},
        )
    )
    assert dates(result, "c") == ("2027-01-15", "2027-01-15")
    assert dates(result, "a") == ("2027-01-14", "2027-01-14")
    assert dates(result, "b") == ("2027-01-12", "2027-01-14")


# --- rule 7: forward pass and earliest_finish ------------------------------------------


def test_rule7_forward_pass_from_a_weekend_start() -> None:
    result = schedule(
        plan(
            {"id": "a", "duration": 3},
            {"id": "b", "duration": 2, "after": ["a"], "buffer": 2},
            start="2027-01-09",
            target="2027-01-29",
        )
    )
    frame = result.to_frame()
    assert result.first_day == D("2027-01-11")
    assert (frame.loc["a", "early_start"].date(), frame.loc["a", "early_finish"].date()) == (
        D("2027-01-11"),
        D("2027-01-13"),
    )
    assert (frame.loc["b", "early_start"].date(), frame.loc["b", "early_finish"].date()) == (
        D("2027-01-14"),
        D("2027-01-15"),
    )
    assert result.earliest_finish == D(
        "2027-01-19"
    )  # the release day of b: two working days after Fri 15


# --- rule 8: feasibility ------------------------------------------------------------------


def test_rule8_late_by_counts_working_days_before_the_first_day() -> None:
    result = schedule(plan({"id": "a", "duration": 7}, start="2027-01-11"))
    assert dates(result, "a") == ("2027-01-07", "2027-01-15")
    assert not result.feasible
    assert result.late_by_days == 2
    assert result.earliest_finish == D("2027-01-19")
    assert result.verdict == (
        "Not feasible: late by 2 working days; the earliest realistic target is 19 Jan 2027."
    )


def test_rule8_a_plan_that_starts_exactly_on_the_first_day_is_feasible() -> None:
    result = schedule(plan({"id": "a", "duration": 10}))
    assert dates(result, "a") == ("2027-01-04", "2027-01-15")
    assert result.feasible and result.late_by_days == 0


def test_rule8_deadline_that_cannot_be_met_is_named_in_the_verdict() -> None:
    result = schedule(
        plan({"id": "a", "title": "Budget approved", "duration": 5, "deadline": "2027-01-06"})
    )
    assert not result.feasible and result.late_by_days == 2
    # named by its title, as the status verdict names it
    assert "the deadline of 'Budget approved' cannot be met" in result.verdict
    assert "'a'" not in result.verdict


def test_rule8_a_feasible_verdict_speaks_in_plain_dates() -> None:
    result = schedule(plan({"id": "a", "duration": 1}, target="2027-01-05"))
    assert result.feasible
    assert result.verdict == (
        "Feasible: the target 5 Jan 2027 can be met; the critical steps have "
        "1 working day of slack (the work alone could be done by 4 Jan 2027)."
    )


# --- rule 9: slack and critical steps -------------------------------------------------


def test_rule9_slack_and_critical() -> None:
    result = schedule(
        plan(
            {"id": "a", "duration": 1},
            {"id": "b", "duration": 3},
            {"id": "c", "duration": 1, "after": ["a", "b"]},
        )
    )
    frame = result.to_frame()
    assert frame["slack_days"].to_dict() == {"a": 8, "b": 6, "c": 6}
    assert result.critical_ids == ["b", "c"]


def test_rule9_negative_slack_when_late() -> None:
    result = schedule(
        plan({"id": "a", "duration": 7}, {"id": "b", "duration": 1}, start="2027-01-11")
    )
    assert result.to_frame()["slack_days"].to_dict() == {"a": -2, "b": 4}
    assert result.critical_ids == ["a"]


# --- routes ---------------------------------------------------------------------------------


ROUTES = {
    "routes": [{"id": "r1", "title": "one"}, {"id": "r2", "title": "two"}],
}


def test_route_keeps_its_steps_and_common_ones_and_drops_links_to_other_routes() -> None:
    p = plan(
        {"id": "x", "duration": 2, "route": "r1"},
        {"id": "y", "duration": 4, "route": "r2"},
        {"id": "z", "duration": 1, "after": ["x", "y"]},
        **ROUTES,
    )
    whole = schedule(p)
    assert whole.ids == ("x", "y", "z")
    r1 = schedule(p, route="r1")
    assert r1.ids == ("x", "z")
    assert r1.to_frame().loc["z", "after"] == ("x",)
    assert dates(r1, "x") == ("2027-01-13", "2027-01-14")


@pytest.mark.parametrize(
    ("route", "match"),
    [
        pytest.param("r3", r"unknown route 'r3'.*routes: r1, r2", id="unknown"),
        pytest.param("r", r"unknown route 'r'", id="misspelt"),
    ],
)
def test_bad_route(route: str, match: str) -> None:
    p = plan({"id": "x", "duration": 2, "route": "r1"}, **ROUTES)
    with pytest.raises(PlanError, match=match):
        schedule(p, route=route)


def test_route_that_selects_no_step_of_its_own_is_invalid() -> None:
    p = plan({"id": "x", "duration": 2, "route": "r1"}, **ROUTES)
    with pytest.raises(PlanError, match="route 'r2' selects no step of its own"):
        schedule(p, route="r2")


# --- the result object ---------------------------------------------------------------------


def test_to_json_is_exactly_the_indented_json_of_to_dict() -> None:
    result = schedule(
        plan(
            {"id": "a", "duration": 2, "title": 'quote " and ü'},
            {"id": "m", "milestone": True, "after": ["a"]},
        )
    )
    text = result.to_json()
    assert text == json.dumps(result.to_dict(), indent=2)
    assert list(json.loads(text)) == [
        "title",
        "target",
        "feasible",
        "late_by_days",
        "earliest_finish",
        "steps",
    ]
    assert list(json.loads(text)["steps"][0]) == [
        "id",
        "start",
        "finish",
        "slack_days",
        "critical",
        "milestone",
    ]


def test_to_frame_has_one_row_a_step_in_plan_order() -> None:
    result = schedule(
        plan({"id": "b", "duration": 2}, {"id": "a", "duration": 1, "after": ["b"], "goal": None})
    )
    frame = result.to_frame()
    assert list(frame.index) == ["b", "a"]
    assert {"start", "finish", "slack_days", "critical", "milestone", "title", "after"} <= set(
        frame.columns
    )
    assert frame.loc["a", "after"] == ("b",)
    assert frame.loc["b", "duration_days"] == 2


def test_hand_built_cycle_is_reported_with_its_steps() -> None:
    p = plan({"id": "a", "duration": 1}, {"id": "b", "duration": 1, "after": ["a"]})
    p.steps[0] = Step(id="a", duration=1, after=["b"])  # bypasses validation on purpose
    with pytest.raises(CycleError, match="a -> b -> a"):
        schedule(p)


def test_plan_method_calls_the_scheduler() -> None:
    p = plan({"id": "a", "duration": 1})
    assert p.schedule().to_dict() == schedule(p).to_dict()


def test_repr_and_notebook_view() -> None:
    result = schedule(plan({"id": "a", "duration": 7}, start="2027-01-11"))
    assert repr(result) == "<Schedule 't': 1 steps, target 2027-01-15, late by 2 working days>"
    view = result._repr_html_()
    assert (
        "Not feasible: late by 2 working days" in view and "<table" in view and "2027-01-07" in view
    )


@pytest.mark.parametrize("lookup", ["plan", "schedule"])
def test_an_unknown_step_id_is_a_careerlib_error_and_a_key_error(lookup: str) -> None:
    from careerlib.exceptions import CareerlibError, UnknownStepError

    plan = load_plan(SAMPLE_PLANS / "it-director-to-cio.yaml")
    find = plan.step if lookup == "plan" else schedule(plan).position
    with pytest.raises(UnknownStepError, match=r"^no step 'kickof'") as info:
        find("kickof")
    assert isinstance(info.value, CareerlibError) and isinstance(info.value, KeyError)


def test_a_schedule_knows_its_rows_from_the_start_and_they_cannot_change() -> None:
    result = schedule(load_plan(SAMPLE_PLANS / "it-director-to-cio.yaml"))
    assert [result.position(s) for s in result.ids] == list(range(len(result)))
    with pytest.raises(TypeError):
        result._positions[result.ids[0]] = 5  # type: ignore[index]
