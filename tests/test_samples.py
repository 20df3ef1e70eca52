"""The sample plans in data/plans are valid, realistic and different."""

from __future__ import annotations

import pytest

from careerlib import load_plan, schedule
from tests.conftest import SAMPLE_PLANS

PLANS = sorted(SAMPLE_PLANS.glob("*.yaml"))


def test_there_are_three_kinds_of_plan() -> None:
    names = {p.stem for p in PLANS}
    assert {"same-sector-move", "radical-change", "it-director-to-cio"} <= names


@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_every_sample_plan_loads_and_schedules(path: object) -> None:
    plan = load_plan(path)  # type: ignore[arg-type]
    result = schedule(plan)
    assert len(result) == len(plan.steps)
    assert plan.owner and plan.start and plan.obstacles
    assert all(o.contingency for o in plan.obstacles), "every obstacle has a contingency"
    for route in plan.routes:
        assert schedule(plan, route=route.id).ids


def test_same_sector_move_takes_months() -> None:
    plan = load_plan(SAMPLE_PLANS / "same-sector-move.yaml")
    assert plan.start is not None
    assert 60 <= (plan.target - plan.start).days <= 240
    assert schedule(plan).feasible


def test_radical_change_compares_two_routes() -> None:
    plan = load_plan(SAMPLE_PLANS / "radical-change.yaml")
    assert plan.start is not None
    assert 365 <= (plan.target - plan.start).days <= 2 * 366
    assert len(plan.routes) == 2
    verdicts = {r.id: schedule(plan, route=r.id).feasible for r in plan.routes}
    assert verdicts == {"bootcamp": True, "masters": False}, (
        "one route fits, the other is late: a real choice"
    )


def test_cio_path_has_first_100_days_milestones_blackout_and_buffers() -> None:
    plan = load_plan(SAMPLE_PLANS / "it-director-to-cio.yaml")
    assert sum("100 days" in (s.title or "") for s in plan.steps) >= 3
    assert sum(s.milestone for s in plan.steps) >= 3
    assert any("family" in (b.reason or "") for b in plan.calendar.blackouts)
    assert any(s.buffer.amount for s in plan.steps)
    assert {g.level for g in plan.goals} == {
        "personal",
        "professional",
        "department",
        "organizational",
    }
    result = schedule(plan)
    assert result.feasible
    for b in plan.calendar.blackouts:  # no work inside the family trip
        inside = (result.start <= b.end) & (result.finish >= b.start) & (result.duration_days == 1)
        assert not inside.any()
