"""The console's alternatives: toggles with prices and the cheapest way to the target."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlib import schedule
from careerlib.console.alternatives import AS_PLANNED
from careerlib.console.explorers import PlanExplorer
from careerlib.planfile import load_plan
from tests.conftest import CONFORMANCE, SAMPLE_PLANS
from tests.test_tradeoff import CHAIN

MARCUS_PLAN = SAMPLE_PLANS / "radical-change.yaml"


@pytest.fixture()
def late(tmp_path: Path) -> PlanExplorer:
    path = tmp_path / "chain.yaml"
    path.write_text(CHAIN.format(target="2027-04-09"), encoding="utf-8")
    return PlanExplorer.from_file(path)


def test_each_step_with_alternatives_gets_toggles_with_prices(late: PlanExplorer) -> None:
    panel = late.alternatives
    assert panel is not None and panel.widget in late.widget.children
    assert list(panel.toggles) == ["a", "b", "c", "e"]
    c = panel.toggles["c"]
    assert c.description == "Course C"
    assert [label for label, _ in c.options] == [
        AS_PLANNED,
        "Hire a tutor for C · 3,000 EUR",
        "Skip the optional module of C · 200 EUR",
    ]
    assert all(t.value == "" for t in panel.toggles.values())
    assert PlanExplorer(load_plan(CONFORMANCE / "04-infeasible.yaml")).alternatives is None


def test_a_toggle_takes_an_alternative_and_takes_it_back(late: PlanExplorer) -> None:
    panel = late.alternatives
    assert panel is not None
    assert late.schedule.late_by_days == 20
    panel.toggles["c"].value = "c-big"
    assert late.schedule.late_by_days == 0 and panel.taken == {"c": "c-big"}
    assert late.plan.step("c").duration is not None and late.plan.step("c").duration.amount == 10
    assert "Course C: Hire a tutor for C (3,000 EUR)." in late.message.value
    assert "Taken: 1 alternative, 3,000 EUR in all." in panel.cost.value
    panel.toggles["c"].value = "c-small"  # another alternative of the same step: replaces it
    assert late.schedule.late_by_days == 15 and panel.taken == {"c": "c-small"}
    panel.toggles["c"].value = ""  # as planned
    assert late.schedule.late_by_days == 20 and panel.taken == {}
    assert late.plan.step("c") == late.original.step("c")


def test_the_cheapest_way_button(late: PlanExplorer) -> None:
    panel = late.alternatives
    assert panel is not None
    panel.toggles["c"].value = "c-big"  # a dear choice first: the button starts from the plan
    panel.cheapest_button.click()
    assert panel.taken == {"a": "a-fast", "b": "b-fast"}
    assert {k: t.value for k, t in panel.toggles.items()} == {
        "a": "a-fast",
        "b": "b-fast",
        "c": "",
        "e": "",
    }
    assert late.schedule.feasible and late.plan.step("c") == late.original.step("c")
    assert "To meet the target: take Intensive A" in late.message.value
    assert "2,100 EUR in all" in panel.cost.value
    assert 'data-feasible="true"' in late.verdict.value
    late.reset()
    assert panel.taken == {} and all(t.value == "" for t in panel.toggles.values())


def test_other_what_ifs_keep_the_alternative_taken(late: PlanExplorer) -> None:
    panel = late.alternatives
    assert panel is not None
    panel.toggles["a"].value = "a-fast"
    late.target_picker.value = late.plan.target.replace(day=16)
    assert panel.taken == {"a": "a-fast"} and panel.toggles["a"].value == "a-fast"
    late.step_picker.value = "a"
    late.duration_field.value = 12  # the step's own working days: no longer the alternative
    assert panel.taken == {} and panel.toggles["a"].value == ""


def test_effort_steps_go_back_to_their_hours() -> None:
    explorer = PlanExplorer.from_file(MARCUS_PLAN)
    panel = explorer.alternatives
    assert panel is not None
    panel.toggles["sql"].value = "weekend-course"  # 50 hours become a 4-day course
    assert explorer.plan.step("sql").effort is None
    panel.toggles["sql"].value = ""
    assert explorer.plan.step("sql").effort == 50
    assert schedule(explorer.plan).to_json() == schedule(explorer.original).to_json()
