"""Capacity-aware scheduling of effort steps (issue 7): careerlib/capacity.py.

Hand-made plans whose hours are worked out below each test, then properties
over random plans (hypothesis): never over capacity in a week or on a day,
never a broken dependency, exactly each effort, nothing after the target or a
deadline, and the exact latest schedule for a single chain.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import careerlib
from careerlib.cli import cli
from careerlib.models import Plan
from careerlib.scheduling.calendars import calendar_for
from careerlib.scheduling.capacity import day_limit, week_capacity, week_key, week_monday
from careerlib.scheduling.scheduler import Schedule, schedule
from tests.conftest import DATA as TEST_DATA

D = dt.date


def plan_of(steps: list[dict[str, Any]], **calendar: Any) -> Plan:
    """A plan starting Monday 2026-11-23, target Friday 2026-12-18, 6 h/week by default."""
    calendar.setdefault("hours_per_week", 6)
    data = {
        "title": "t",
        "start": calendar.pop("start", "2026-11-23"),
        "target": calendar.pop("target", "2026-12-18"),
        "calendar": calendar,
        "steps": steps,
    }
    return Plan.model_validate(data)


def day64(value: Any) -> np.datetime64:
    """A date, a 0-d array or a ``datetime64`` as a ``datetime64[D]`` scalar."""
    return np.asarray(value, dtype="datetime64[D]")[()]


def hours_of(result: Schedule) -> dict[str, dict[dt.date, float]]:
    out: dict[str, dict[dt.date, float]] = {}
    frame = result.allocation_frame()
    for step, day, hours in frame.itertuples(index=False):
        out.setdefault(step, {})[day.date()] = round(hours, 9)
    return out


# --- checking a schedule against the rules -------------------------------------


def check(result: Schedule) -> None:
    """Every capacity and dependency rule of issue 7, on any schedule with effort."""
    plan, cal = result.plan, result.calendar
    alloc = result.allocation
    assert alloc is not None
    days = alloc.day
    assert np.all(cal.is_working_day(days)) if days.size else True
    # a day holds at most its limit, a week at most its capacity
    per_day: dict[Any, float] = {}
    for d, h in zip(days.tolist(), alloc.hours.tolist(), strict=True):
        assert h > 0
        per_day[d] = per_day.get(d, 0.0) + h
    limit = day_limit(plan.calendar)
    assert all(v <= limit + 1e-6 for v in per_day.values()), (limit, per_day)
    if days.size:
        keys = week_key(days)
        k, inverse = np.unique(keys, return_inverse=True)
        sums = np.bincount(inverse, weights=alloc.hours)
        caps = week_capacity(plan.calendar, cal, week_monday(k))
        assert np.all(sums <= caps + 1e-6), (sums, caps)
    last = np.datetime64(result.target_day, "D")
    for i, step in enumerate(result.steps):
        start, finish, release = result.start[i], result.finish[i], result.release[i]
        assert start <= finish
        assert release <= last
        assert release == day64(cal.add(finish, int(result.buffer_days[i]))) or (
            result.buffer_days[i] == 0 and release == finish
        )
        if step.deadline is not None:
            assert finish <= day64(cal.roll_backward(step.deadline))
        mine = alloc.step == i
        if step.effort is not None:
            assert alloc.hours[mine].sum() == pytest.approx(step.effort, abs=1e-6)
            assert days[mine].min() == start and days[mine].max() == finish
        else:
            assert not mine.any()
            if step.milestone:
                assert start == finish and cal.is_working_day(start)
            else:
                assert cal.count(start, finish) + 1 == result.duration_days[i]
        for p in result.predecessors[i]:
            if step.milestone:
                assert start >= result.release[p]
            else:
                assert start > result.release[p]
    # rule 8 on the back-schedule
    first = np.datetime64(result.first_day, "D")
    assert result.feasible == bool(result.start.min() >= first)
    if not result.feasible:
        assert result.late_by_days == cal.count(result.start.min(), first)


# --- the calendar fields -------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "match"),
    [
        pytest.param({"hours_per_week": 5, "hours_per_day": 0}, "greater than 0", id="day-zero"),
        pytest.param(
            {"hours_per_week": 5, "hours_per_day": 25}, "less than or equal to 24", id="day-25"
        ),
        pytest.param(
            {
                "hours_per_week": 5,
                "commitments": [{"from": "2027-01-02", "to": "2027-01-01", "hours_per_week": 1}],
            },
            "commitment 'from' 2027-01-02 is after its 'to' 2027-01-01",
            id="commitment-order",
        ),
        pytest.param(
            {
                "hours_per_week": 5,
                "commitments": [{"from": "2027-01-01", "to": "2027-01-02", "hours_per_week": -1}],
            },
            "greater than or equal to 0",
            id="commitment-negative",
        ),
        pytest.param(
            {
                "hours_per_week": 5,
                "commitments": [{"from": "2027-01-01", "to": "2027-01-02", "hours": 1}],
            },
            "unknown key 'hours'",
            id="commitment-key",
        ),
        pytest.param(
            {"hours_per_day": 2},
            "calendar.hours_per_day needs calendar.hours_per_week",
            id="day-alone",
        ),
    ],
)
def test_calendar_capacity_fields_are_validated(calendar: dict[str, Any], match: str) -> None:
    data = {
        "title": "t",
        "start": "2026-11-23",
        "target": "2026-12-18",
        "calendar": calendar,
        "steps": [{"id": "a", "duration": 1}],
    }
    with pytest.raises((ValueError, careerlib.PlanError), match=match):
        Plan.model_validate(data)


def test_effort_without_hours_per_week_names_the_step() -> None:
    text = (
        "title: t\nstart: 2026-11-23\ntarget: 2026-12-18\n"
        "steps:\n  - {id: a, duration: 1}\n  - {id: b, effort: 4h}\n"
    )
    with pytest.raises(
        careerlib.PlanError, match="step 'b' has an effort of 4h .* add calendar.hours_per_week"
    ) as info:
        careerlib.parse_plan(text, path="p.yaml")
    assert info.value.line == 6


def test_commitments_are_prorated_by_working_days() -> None:
    # 10 h/week; a 5 h/week course Wed 2026-12-09 .. Tue 2026-12-15:
    # week of 12-07 covers Wed-Fri = 3 of 5 working days -> 10 - 3 = 7;
    # week of 12-14 covers Mon-Tue = 2 of 5 -> 10 - 2 = 8;
    # with a holiday on Mon 12-14 it covers 1 (Tue) of 4 -> 10 - 1.25 = 8.75.
    plan = plan_of(
        [{"id": "a", "effort": 1}],
        hours_per_week=10,
        commitments=[
            {"from": "2026-12-09", "to": "2026-12-15", "hours_per_week": 5, "reason": "course"}
        ],
    )
    cal = calendar_for(plan.calendar)
    weeks = np.array(["2026-11-30", "2026-12-07", "2026-12-14"], dtype="datetime64[D]")
    assert week_capacity(plan.calendar, cal, weeks).tolist() == [10, 7, 8]
    plan.calendar.holidays.append(D(2026, 12, 14))
    cal = calendar_for(plan.calendar)
    assert week_capacity(plan.calendar, cal, weeks).tolist() == [10, 7, 8.75]


def test_commitments_never_take_a_week_below_zero() -> None:
    plan = plan_of(
        [{"id": "a", "effort": 1}],
        hours_per_week=4,
        commitments=[
            {"from": "2026-12-01", "to": "2026-12-31", "hours_per_week": 3},
            {"from": "2026-12-07", "to": "2026-12-13", "hours_per_week": 3},
        ],
    )
    cal = calendar_for(plan.calendar)
    weeks = np.array(["2026-11-30", "2026-12-07"], dtype="datetime64[D]")
    assert week_capacity(plan.calendar, cal, weeks).tolist() == [pytest.approx(4 - 3 * 4 / 5), 0]


# --- hand-made plans -----------------------------------------------------------


def test_single_effort_step_fills_the_last_days_at_the_even_share() -> None:
    # 6 h/week over 5 days = 1.2 h/day; 5 h back from Fri 12-18:
    # Fri, Thu, Wed, Tue 1.2 each = 4.8, Mon 12-14 0.2.
    result = schedule(plan_of([{"id": "a", "effort": "5h"}]))
    got = hours_of(result)["a"]
    assert got == {
        D(2026, 12, 14): pytest.approx(0.2),
        D(2026, 12, 15): 1.2,
        D(2026, 12, 16): 1.2,
        D(2026, 12, 17): 1.2,
        D(2026, 12, 18): 1.2,
    }
    assert result.step_dates("a") == (D(2026, 12, 14), D(2026, 12, 18))
    assert result.duration_days.tolist() == [5]
    check(result)


def test_weekly_limit_binds_when_hours_per_day_is_set() -> None:
    # 6 h/week, 3 h/day: a 10 h step takes Fri 3 + Thu 3 (week of 12-14 full),
    # then Fri 12-11 3 + Thu 12-10 1.
    result = schedule(plan_of([{"id": "a", "effort": 10}], hours_per_day=3))
    assert hours_of(result)["a"] == {
        D(2026, 12, 10): 1,
        D(2026, 12, 11): 3,
        D(2026, 12, 17): 3,
        D(2026, 12, 18): 3,
    }
    check(result)


def test_chain_with_buffer_and_commitment() -> None:
    # 6 h/week, 2 h/day; a 5 h/week course Wed 12-09 .. Fri 12-11 leaves the
    # week of 12-07 with 6 - 5 * 3/5 = 3 h.
    # b (7 h) back from Fri 12-18: Fri, Thu, Wed 2 h (week full), then Fri 12-11 1 h.
    # a (4 h, buffer 1d) releases before b starts on 12-11: finishes by Wed 12-09;
    # week of 12-07 has 2 h left: Wed 12-09 2 h; then Fri 12-04 2 h.
    plan = plan_of(
        [{"id": "a", "effort": 4, "buffer": 1}, {"id": "b", "effort": 7, "after": ["a"]}],
        hours_per_day=2,
        commitments=[{"from": "2026-12-09", "to": "2026-12-11", "hours_per_week": 5}],
    )
    result = schedule(plan)
    assert hours_of(result) == {
        "b": {D(2026, 12, 11): 1, D(2026, 12, 16): 2, D(2026, 12, 17): 2, D(2026, 12, 18): 2},
        "a": {D(2026, 12, 4): 2, D(2026, 12, 9): 2},
    }
    assert result.release[0] == np.datetime64("2026-12-10")
    check(result)
    load = result.load_frame()
    assert load["planned_hours"].tolist() == [0, 2, 3, 6]
    assert load["capacity_hours"].tolist() == [6, 6, 3, 6]
    assert not load["over"].any()


def test_parallel_effort_steps_share_the_week() -> None:
    # two 3 h steps before a milestone on the target, 6 h/week (1.2 h/day):
    # together they need 6 h = the whole week of 12-14, one after the other.
    plan = plan_of(
        [
            {"id": "a", "effort": 3},
            {"id": "b", "effort": 3},
            {"id": "done", "milestone": True, "after": ["a", "b"]},
        ]
    )
    result = schedule(plan)
    check(result)
    total = result.load_frame().loc["2026-12-14", "planned_hours"]
    assert total == pytest.approx(6)
    assert result.start.min() == np.datetime64("2026-12-14")
    assert result.feasible


def test_longest_chain_claims_the_hours_before_a_short_branch() -> None:
    # a (5 h) -> b (13 h) -> c (3 h), and `side` (3 h) on its own; 10 h/week,
    # 2 h/day, target Fri 12-18. The 24 h fill every hour from Thu 12-03 on
    # (Thu-Fri 4 h, then two weeks of 10 h), so no plan can start later.
    # c: Fri 12-18 2 h, Thu 12-17 1 h. Placing `side` next, because its finish
    # is later than b's, would take the rest of Thu 12-17 and Wed 12-16 from
    # the chain: b would start on Mon 12-07 and a on Wed 12-02. b goes first
    # instead (it has the most work before it): Wed 12-16 back to 1 h on Tue
    # 12-08; side takes 1 h on Thu 12-17, Tue 12-08 and Mon 12-07; a takes the
    # last hour of Mon 12-07 and Thu-Fri 12-03..04.
    plan = plan_of(
        [
            {"id": "a", "effort": 5},
            {"id": "b", "effort": 13, "after": "a"},
            {"id": "c", "effort": 3, "after": "b"},
            {"id": "side", "effort": 3},
        ],
        hours_per_week=10,
    )
    result = schedule(plan)
    check(result)
    hours = hours_of(result)
    assert hours["c"] == {D(2026, 12, 17): 1, D(2026, 12, 18): 2}
    assert hours["a"] == {D(2026, 12, 3): 2, D(2026, 12, 4): 2, D(2026, 12, 7): 1}
    assert result.step_dates("b") == (D(2026, 12, 8), D(2026, 12, 16))
    assert result.start.min() == np.datetime64("2026-12-03")
    assert result.feasible


def test_duration_steps_and_milestones_take_no_hours() -> None:
    # c (2 d) occupies Thu-Fri 12-17..18; b (3 h) must finish by Wed 12-16:
    # Wed, Tue 1.2 h, Mon 0.6 h; m is on b's finish; a (2 d) ends Fri 12-11.
    plan = plan_of(
        [
            {"id": "a", "duration": 2},
            {"id": "b", "effort": 3, "after": "a"},
            {"id": "m", "milestone": True, "after": "b"},
            {"id": "c", "duration": 2, "after": "m"},
        ]
    )
    result = schedule(plan)
    check(result)
    assert hours_of(result) == {
        "b": {D(2026, 12, 14): pytest.approx(0.6), D(2026, 12, 15): 1.2, D(2026, 12, 16): 1.2}
    }
    assert [result.step_dates(s) for s in "abmc"] == [
        (D(2026, 12, 10), D(2026, 12, 11)),
        (D(2026, 12, 14), D(2026, 12, 16)),
        (D(2026, 12, 16), D(2026, 12, 16)),
        (D(2026, 12, 17), D(2026, 12, 18)),
    ]


def test_deadline_holds_an_effort_step_back() -> None:
    # deadline Sunday 12-06 -> Fri 12-04; 2 h at 1.2 h/day: Fri 1.2, Thu 0.8.
    result = schedule(plan_of([{"id": "a", "effort": 2, "deadline": "2026-12-06"}]))
    assert hours_of(result)["a"] == {D(2026, 12, 3): pytest.approx(0.8), D(2026, 12, 4): 1.2}
    check(result)


def test_infeasible_plan_reports_the_extra_hours_and_over_committed_weeks() -> None:
    # 30 h by Fri 12-18 from Mon 12-14 at 5 h/week (1 h/day): 30 working days,
    # 25 before the start. 30 h in the 5 days of that week needs 30 h/week:
    # 25 more hours a week.
    plan = plan_of([{"id": "a", "effort": 30}], hours_per_week=5, start="2026-12-14")
    result = schedule(plan)
    check(result)
    assert not result.feasible
    assert result.late_by_days == 25
    assert result.extra_hours_per_week == 25
    load = result.load_frame()
    assert load["over"].sum() == 5  # five weeks of work before the start, with no capacity
    assert load.loc["2026-12-14", "planned_hours"] == 5
    assert "25 more hours a week would make the target" in result.verdict
    # the forward pass finishes 25 working days late
    assert result.earliest_finish == D(2027, 1, 22)


def test_extra_hours_are_none_when_a_duration_holds_the_plan_back() -> None:
    plan = plan_of([{"id": "a", "duration": 30}, {"id": "b", "effort": 1, "after": "a"}])
    result = schedule(plan)
    assert not result.feasible
    assert result.extra_hours_per_week is None
    assert "more hours a week alone would not make the target" in result.verdict


def test_hours_per_day_limits_what_extra_hours_can_do() -> None:
    # 10 h in the 5 days of 12-14..18 with at most 1 h a day: impossible at any h/week
    plan = plan_of(
        [{"id": "a", "effort": 10}], hours_per_week=5, hours_per_day=1, start="2026-12-14"
    )
    assert schedule(plan).extra_hours_per_week is None


def test_json_has_load_only_for_effort_plans() -> None:
    plain = schedule(plan_of([{"id": "a", "duration": 2}]))
    assert "load" not in plain.to_dict()
    assert "extra_hours_per_week" not in plain.to_json()
    assert json.loads(plain.to_json()) == plain.to_dict()
    result = schedule(plan_of([{"id": "a", "effort": 7}]))
    data = json.loads(result.to_json())
    assert data == result.to_dict()
    assert data["load"][-2:] == [
        {"week": "2026-12-07", "planned_hours": 1.0, "capacity_hours": 6.0},
        {"week": "2026-12-14", "planned_hours": 6.0, "capacity_hours": 6.0},
    ]
    assert data["extra_hours_per_week"] == 0
    assert data["load"][0]["week"] == "2026-11-23"


def test_cli_load_prints_the_weekly_table(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "title: t\nstart: 2026-12-14\ntarget: 2026-12-18\ncalendar: {hours_per_week: 5}\n"
        "steps:\n  - {id: a, effort: 8h}\n"
    )
    out = CliRunner().invoke(cli, ["schedule", str(path), "--load"])
    assert out.exit_code == 3
    assert "week of       planned  capacity     left" in out.output
    assert "7 Dec 2026        3.0       0.0     -3.0  !" in out.output
    assert "14 Dec 2026       5.0       5.0      0.0" in out.output
    assert "3 more hours a week would make the target." in out.output
    data = json.loads(CliRunner().invoke(cli, ["schedule", str(path), "--json"]).output)
    assert data["load"] == [
        {"week": "2026-12-07", "planned_hours": 3.0, "capacity_hours": 0.0},
        {"week": "2026-12-14", "planned_hours": 5.0, "capacity_hours": 5.0},
    ]


def test_cli_load_on_a_plan_without_effort(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "title: t\nstart: 2026-12-14\ntarget: 2026-12-18\nsteps:\n  - {id: a, duration: 2}\n"
    )
    out = CliRunner().invoke(cli, ["schedule", str(path), "--load"])
    assert out.exit_code == 0
    assert "no weekly load" in out.output


def test_capacity_names_are_exported() -> None:
    assert careerlib.__all__ == sorted(careerlib.__all__)
    for name in ("Allocation", "WeeklyLoad", "weekly_load_chart"):
        assert name in careerlib.__all__
        assert getattr(careerlib, name).__name__ == name


def test_weekly_load_chart_marks_over_committed_weeks() -> None:
    from careerlib.charts import weekly_load_chart

    plan = plan_of([{"id": "a", "effort": 8}], hours_per_week=5, start="2026-12-14")
    fig = weekly_load_chart(schedule(plan))
    names = [t.name for t in fig.data]
    assert names == ["planned", "over capacity", "capacity"]
    assert list(fig.data[1].y) == [3.0, 0.0]
    assert "1 week over capacity" in fig.layout.title.text
    frame = schedule(plan).load_frame()
    assert len(weekly_load_chart(frame=frame, title="x").data) == 3


# --- properties over random plans ----------------------------------------------


WORKDAY_SETS = [
    ["mon", "tue", "wed", "thu", "fri"],
    ["mon", "wed", "fri"],
    ["sat", "sun"],
    ["mon", "tue", "wed", "thu"],
]


@st.composite
def effort_plans(draw: st.DrawFn, *, chain: bool = False) -> Plan:
    start = D(2026, 11, 2) + dt.timedelta(days=draw(st.integers(0, 30)))
    target = start + dt.timedelta(days=draw(st.integers(0, 150)))
    n = draw(st.integers(1, 3 if chain else 8))
    steps: list[dict[str, Any]] = []
    for i in range(n):
        kind = draw(st.sampled_from(["effort"] * 4 + ["duration", "milestone"]))
        step: dict[str, Any] = {"id": f"s{i}"}
        if kind == "effort" or i == 0:
            step["effort"] = draw(st.sampled_from([0.5, 1, 2, 3, 5, 7.5, 12, 20, 40]))
        elif kind == "duration":
            step["duration"] = draw(st.integers(1, 6))
        else:
            step["milestone"] = True
        if chain:
            if i:
                step["after"] = [f"s{i - 1}"]
        elif i:
            step["after"] = draw(
                st.lists(st.sampled_from([f"s{j}" for j in range(i)]), max_size=3, unique=True)
            )
        if draw(st.booleans()):
            step["buffer"] = draw(st.integers(0, 3))
        if draw(st.integers(0, 4)) == 0:
            step["deadline"] = (target - dt.timedelta(days=draw(st.integers(0, 40)))).isoformat()
        steps.append(step)
    calendar: dict[str, Any] = {
        "workdays": draw(st.sampled_from(WORKDAY_SETS)),
        "hours_per_week": draw(st.sampled_from([1, 2.5, 4, 6, 7, 10, 15])),
    }
    if draw(st.booleans()):
        calendar["hours_per_day"] = draw(st.sampled_from([0.5, 1, 2, 3, 8]))
    offsets = st.integers(-120, 150)
    calendar["holidays"] = [
        (target - dt.timedelta(days=o)).isoformat() for o in draw(st.lists(offsets, max_size=4))
    ]
    blackouts = []
    for o, length in draw(st.lists(st.tuples(offsets, st.integers(0, 12)), max_size=2)):
        a = target - dt.timedelta(days=o)
        blackouts.append({"from": a.isoformat(), "to": (a + dt.timedelta(days=length)).isoformat()})
    calendar["blackouts"] = blackouts
    commitments = []
    for o, length, h in draw(
        st.lists(
            st.tuples(offsets, st.integers(0, 40), st.sampled_from([0, 1, 2.5, 4, 20])), max_size=3
        )
    ):
        a = target - dt.timedelta(days=o)
        commitments.append(
            {
                "from": a.isoformat(),
                "to": (a + dt.timedelta(days=length)).isoformat(),
                "hours_per_week": h,
            }
        )
    calendar["commitments"] = commitments
    data = {
        "title": "random",
        "start": start.isoformat(),
        "target": target.isoformat(),
        "calendar": calendar,
        "steps": steps,
    }
    return Plan.model_validate(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(effort_plans())
def test_random_plans_keep_every_rule(plan: Plan) -> None:
    result = schedule(plan)
    check(result)
    assert json.loads(result.to_json()) == result.to_dict()
    load = result.load
    assert load is not None
    assert load.planned_hours.sum() == pytest.approx(
        sum(s.effort or 0 for s in plan.steps), abs=1e-5
    )
    # the forward pass keeps the same rules from the start on
    cal, first = result.calendar, np.datetime64(result.first_day, "D")
    assert result.early_start.min() >= first
    for i, step in enumerate(result.steps):
        for p in result.predecessors[i]:
            gate = 0 if step.milestone else 1
            released = cal.add(result.early_finish[p], int(result.buffer_days[p]) + gate)
            assert result.early_start[i] >= day64(released)
    extra = result.extra_hours_per_week
    assert (extra == 0) == result.feasible
    # the two passes agree (rules 7 and 8), and slack is negative only when late (rule 9)
    meets = result.earliest_finish <= result.target_day and not result.missed_deadlines()
    assert result.feasible == meets
    if result.feasible:
        assert result.slack_days.min() >= 0


def _date(value: Any) -> dt.date:
    return np.asarray(value, dtype="datetime64[D]").item()


def _latest_chain_starts(plan: Plan) -> list[dt.date]:
    """Reference for a chain: each step from its latest finish back, day by day (plain Python)."""
    cal = calendar_for(plan.calendar)
    limit = day_limit(plan.calendar)
    week_left: dict[int, float] = {}
    day_left: dict[dt.date, float] = {}

    def week_of(day: dt.date) -> int:
        return (day - D(1969, 12, 29)).days // 7

    def capacity(day: dt.date) -> float:
        w = week_of(day)
        if w not in week_left:
            week_left[w] = float(week_capacity(plan.calendar, cal, week_monday([w]))[0])
        return min(day_left.get(day, limit), week_left[w])

    per_week = plan.workdays_per_week
    bound = _date(cal.roll_backward(plan.target))
    starts: list[dt.date] = []
    next_gate = 0  # what the step after the current one demands
    for step in reversed(plan.steps):
        back = step.buffer.working_days(per_week) + next_gate
        f = _date(cal.add(bound, -back)) if back else bound
        if step.deadline is not None:
            f = min(f, _date(cal.roll_backward(step.deadline)))
        start = f
        if step.duration is not None:
            start = _date(cal.add(f, -(step.duration.working_days(per_week) - 1)))
        elif step.effort is not None:
            need, day = float(step.effort), f
            while need > 1e-9:
                take = min(capacity(day), need)
                if take > 1e-9:
                    day_left[day] = day_left.get(day, limit) - take
                    week_left[week_of(day)] -= take
                    need -= take
                    start = day
                day = _date(cal.add(day, -1))
        starts.insert(0, start)
        bound, next_gate = start, 0 if step.milestone else 1
    return starts


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(effort_plans(chain=True))
def test_single_chain_is_the_exact_latest_schedule(plan: Plan) -> None:
    result = schedule(plan)
    check(result)
    assert result.start.tolist() == _latest_chain_starts(plan)
    # and it could not be later: every working day from just after an effort
    # step's start to its latest finish is used up (the day or its week is full)
    cal, limit = result.calendar, day_limit(plan.calendar)
    alloc = result.allocation
    assert alloc is not None
    day_used: dict[dt.date, float] = {}
    week_used: dict[int, float] = {}
    for d, h in zip(alloc.day.tolist(), alloc.hours.tolist(), strict=True):
        day_used[d] = day_used.get(d, 0.0) + h
        week_used[int(week_key(d))] = week_used.get(int(week_key(d)), 0.0) + h
    per_week = plan.workdays_per_week
    for i, step in enumerate(result.steps):
        if step.effort is None:
            continue
        back = step.buffer.working_days(per_week)
        bound = _date(cal.add(result.target_day, -back)) if back else result.target_day
        if i + 1 < len(result.steps):
            gate = 0 if result.steps[i + 1].milestone else 1
            nxt = result.start[i + 1].astype(object)
            bound = min(bound, _date(cal.add(nxt, -(back + gate))) if back + gate else nxt)
        if step.deadline is not None:
            bound = min(bound, _date(cal.roll_backward(step.deadline)))
        start = result.start[i].astype(object)
        for d in cal.working_days(start + dt.timedelta(days=1), bound).astype(object):
            w = int(week_key(d))
            cap = week_capacity(plan.calendar, cal, week_monday([w]))[0]
            assert day_used.get(d, 0) >= limit - 1e-6 or week_used.get(w, 0) >= cap - 1e-6, d


def test_capacity_of_a_calendar_without_weekly_hours_is_a_usage_error() -> None:
    from careerlib.exceptions import UsageError
    from careerlib.scheduling.capacity import weekly_hours

    plan = careerlib.load_plan(TEST_DATA / "charts" / "too-late.yaml")  # no step with an effort
    assert plan.calendar.hours_per_week is None
    with pytest.raises(UsageError, match="the calendar has no hours_per_week"):
        weekly_hours(plan.calendar)
