"""The "Build the plan" tab without a browser: the controls build a plan backwards."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest

from careerlib import PlanBuilder, PlanDraft, charts, load_client, load_plan
from careerlib.console.builder import CLIENT_PLAN
from tests.conftest import ROOT, SAMPLE_PLANS

D = dt.date


def _rows(builder: PlanBuilder) -> list[str]:
    return [str(t) for t in builder.figure.layout.yaxis.ticktext or ()]


def _started(tmp_path: Path) -> PlanBuilder:
    builder = PlanBuilder(folder=tmp_path)
    builder.destination_field.value = "Senior PM at a fintech"
    builder.target_picker.value = D(2027, 6, 30)
    builder.start_picker.value = D(2027, 1, 4)
    assert builder.start()
    return builder


def _add_before(builder: PlanBuilder, title: str, amount: float, unit: str) -> bool:
    builder.new_title.value = title
    builder.new_length.amount.value = amount
    builder.new_length.unit.value = unit
    builder.add_before_button.click()
    return "#b42318" not in builder.message.value


@pytest.fixture()
def jordan(tmp_path: Path) -> Path:
    """A copy of Jordan Lee's client file with what it refers to."""
    for part in ("clients", "plans", "roles", "peers"):
        shutil.copytree(ROOT / "data" / part, tmp_path / "data" / part)
    return tmp_path / "data" / "clients" / "jordan-lee.yaml"


def test_the_destination_and_the_target_come_first(tmp_path: Path) -> None:
    builder = PlanBuilder(folder=tmp_path)
    assert builder.draft is None and builder.schedule is None
    # only the start rows: the steps, forms and chart are made when the plan starts
    assert builder._work is None and builder.figure is None
    assert "Start the plan" in builder.verdict.value
    builder.start_button.click()
    assert "Name the destination and choose the target date first" in builder.message.value
    assert builder.draft is None
    builder.destination_field.value = "Senior PM at a fintech"
    builder.target_picker.value = D(2027, 6, 30)
    builder.start_picker.value = D(2027, 1, 4)
    builder.start_button.click()
    assert builder.draft is not None and builder._work in builder.widget.children
    assert builder.draft.step_ids == ["destination"]
    assert builder.step_list.value == "destination"
    assert builder.step_list.options == (("◆ 30 Jun 2027 · Senior PM at a fintech", "destination"),)
    assert builder.add_before_button.description == "Add before this milestone"
    assert "what has to happen just before the destination?" in builder.message.value
    assert 'data-feasible="true"' in builder.verdict.value
    assert builder.start_button.description == "Start again"


def test_adding_two_steps_backwards_moves_the_chart_and_the_verdict(tmp_path: Path) -> None:
    builder = _started(tmp_path)
    before = _rows(builder)
    assert _add_before(builder, "Interviews: three rounds", 3, "w")
    assert "Added 'Interviews: three rounds' before 'Senior PM at a fintech'." in (
        builder.message.value
    )
    assert builder.step_list.value == "interviews-three-rounds"  # the new step, to go on from
    assert builder.new_title.value == ""
    assert _add_before(builder, "Revise the resume", 5, "d")
    draft = builder.draft
    assert draft is not None
    assert draft.step_ids == ["revise-the-resume", "interviews-three-rounds", "destination"]
    assert draft.step("interviews-three-rounds").after == ["revise-the-resume"]
    rows = _rows(builder)
    assert len(rows) == len(before) + 2 and any("Revise the resume" in r for r in rows)
    fresh = charts.gantt(draft.schedule(), width=960)
    assert [t.name for t in builder.figure.data] == [t.name for t in fresh.data]
    assert builder.figure.layout.xaxis.type == "date"
    assert [label for label, _ in builder.step_list.options] == [
        "3 to 9 Jun 2027 · Revise the resume",
        "10 to 30 Jun 2027 · Interviews: three rounds",
        "◆ 30 Jun 2027 · Senior PM at a fintech",
    ]
    # three steps now: the verdict counts them
    assert "3 steps" in builder.verdict.value


def test_an_invalid_change_is_a_message_and_the_plan_stays(tmp_path: Path) -> None:
    builder = _started(tmp_path)
    _add_before(builder, "Interviews", 15, "d")
    plan = builder.draft.plan if builder.draft else None
    # a step given in hours needs the client's hours a week
    builder.step_form.length.unit.value = "h"
    builder.step_form.length.amount.value = 20
    assert not builder.apply_step_form()
    assert "has an effort of 20h but the calendar gives no hours_per_week" in builder.message.value
    assert builder.draft is not None and builder.draft.plan is plan
    assert builder.step_form.length.unit.value == "d"  # the form shows the step as it is again
    # with the hours it is fine
    builder.hours_field.value = 6
    builder.step_list.value = "interviews"
    builder.step_form.length.unit.value = "h"
    builder.step_form.length.amount.value = 20
    assert builder.apply_step_form()
    assert "Changed the duration and effort of 'Interviews'." in builder.message.value
    assert builder.draft.step("interviews").effort == 20.0
    # the form's "comes after" offers no step that waits on this one (a loop)
    builder.step_list.value = "interviews"
    assert [v for _, v in builder.step_form.after.options] == []
    builder.step_list.value = "destination"
    assert [v for _, v in builder.step_form.after.options] == ["interviews"]
    # nothing typed: nothing to add
    builder.add_before_button.click()
    assert "type its title" in builder.message.value


def test_the_step_form_changes_only_what_was_changed(tmp_path: Path) -> None:
    builder = _started(tmp_path)
    _add_before(builder, "Interviews", 15, "d")
    assert not builder.apply_step_form()
    assert "Nothing to change" in builder.message.value
    builder.step_form.title.value = "Interviews with three banks"
    builder.step_form.buffer.value = 2
    builder.step_form.deadline.value = D(2027, 6, 18)
    assert builder.apply_step_form()
    assert "Changed the title, deadline and buffer of 'Interviews'." in builder.message.value
    step = builder.draft.step("interviews") if builder.draft else None
    assert step is not None and step.title == "Interviews with three banks"
    assert str(step.buffer) == "2d" and step.deadline == D(2027, 6, 18)
    assert builder.schedule is not None
    assert builder.schedule.step_dates("interviews")[1] == D(2027, 6, 18)  # its deadline


def test_undo_and_remove(tmp_path: Path) -> None:
    builder = _started(tmp_path)
    assert builder.undo_button.disabled  # nothing to undo yet
    _add_before(builder, "Interviews", 15, "d")
    _add_before(builder, "Resume", 5, "d")
    draft = builder.draft
    assert draft is not None
    assert not builder.undo_button.disabled
    builder.step_list.value = "interviews"
    builder.remove_button.click()
    assert draft.step_ids == ["resume", "destination"]
    assert "now comes after" in builder.message.value
    builder.undo_button.click()
    assert draft.step_ids == ["resume", "interviews", "destination"]
    assert "Undone: Removed" in builder.message.value


def test_goals_obstacles_and_routes_beside_the_steps(tmp_path: Path) -> None:
    builder = _started(tmp_path)
    _add_before(builder, "Interviews", 15, "d")
    goals = builder.panels["goals"]
    goals.fields[0].widget.value = "Senior PM role"
    goals.fields[1].widget.value = "professional"
    goals.add_button.click()
    goals.fields[0].widget.value = "Evenings free"
    goals.fields[1].widget.value = "personal"
    goals.fields[2].widget.value = ("senior-pm-role",)
    goals.add_button.click()
    draft = builder.draft
    assert draft is not None
    assert [(g.id, g.level, g.supports) for g in draft.plan.goals] == [
        ("senior-pm-role", "professional", []),
        ("evenings-free", "personal", ["senior-pm-role"]),
    ]
    assert goals.items.value == "evenings-free"
    goals.fields[3].widget.value = "home by six"
    goals.change_button.click()
    assert draft.plan.goals[1].measure == "home by six"
    assert "Changed the measure of the goal" in builder.message.value
    # the step form offers the goals
    builder.step_list.value = "interviews"
    builder.step_form.goal.value = "senior-pm-role"
    builder.apply_step_form()
    assert draft.step("interviews").goal == "senior-pm-role"

    obstacles = builder.panels["obstacles"]
    obstacles.fields[0].widget.value = "Hiring freeze"
    obstacles.fields[1].widget.value = 4
    obstacles.fields[2].widget.value = 5
    obstacles.fields[4].widget.value = "contract roles"
    obstacles.fields[5].widget.value = ("interviews",)
    obstacles.add_button.click()
    obstacle = draft.plan.obstacles[0]
    assert (obstacle.likelihood, obstacle.impact, obstacle.contingency, obstacle.affects) == (
        4,
        5,
        "contract roles",
        ["interviews"],
    )

    routes = builder.panels["routes"]
    routes.fields[0].widget.value = "Stay in fintech"
    routes.add_button.click()
    builder.step_list.value = "interviews"
    assert builder.step_form.route.disabled is False
    routes.remove_button.click()
    assert not draft.plan.routes
    goals.items.value = "senior-pm-role"
    goals.remove_button.click()
    assert draft.step("interviews").goal is None
    assert "No goal for 'Interviews'" in builder.message.value


def test_save_writes_a_new_file_that_loads_as_shown(tmp_path: Path) -> None:
    builder = _started(tmp_path)
    _add_before(builder, "Interviews", 3, "w")
    _add_before(builder, "Revise the resume", 5, "d")
    assert builder.save_name.value == "senior-pm-at-a-fintech.yaml"
    builder.save_button.click()
    first = tmp_path / "senior-pm-at-a-fintech.yaml"
    assert builder.saved == [first]
    assert f"Saved as {first}." in builder.message.value
    assert builder.draft is not None
    assert load_plan(first) == builder.draft.plan
    assert PlanDraft.open(first).schedule().to_json() == builder.draft.schedule().to_json()
    assert builder.save_name.value == "senior-pm-at-a-fintech-2.yaml"  # a fresh name
    # a name that exists is refused, the file is kept
    text = first.read_text()
    builder.save_name.value = "senior-pm-at-a-fintech"
    builder.save_button.click()
    assert "Not saved" in builder.message.value and "exists already" in builder.message.value
    assert first.read_text() == text and len(builder.saved) == 1
    # opening the saved file in the builder changes nothing
    again = PlanBuilder.from_file(first)
    assert again.draft is not None and again.draft.plan == builder.draft.plan
    assert again.save_name.value == "senior-pm-at-a-fintech-built.yaml"
    assert [t.name for t in again.figure.data] == [t.name for t in builder.figure.data]
    assert again.verdict.value == builder.verdict.value


def test_a_client_file_points_at_the_plan_only_when_asked(jordan: Path) -> None:
    builder = PlanBuilder.for_client(jordan, open_plan=True)
    assert builder.folder == jordan.parent.parent / "plans"
    assert builder.point_button.layout.display != "none" and builder.point_button.disabled
    builder.step_list.value = "offer"
    assert _add_before(builder, "Interview with the hospital board", 10, "d")
    draft = builder.draft
    assert draft is not None and "interview-with-the-hospital" in draft.step("offer").after
    assert draft.step("interview-with-the-hospital").route is None  # 'offer' is on every route
    before = jordan.read_bytes()
    saved = builder.save()
    assert saved == jordan.parent.parent / "plans" / "it-director-to-cio-built.yaml"
    assert jordan.read_bytes() == before  # saving leaves the client file alone
    assert not builder.point_button.disabled
    builder.point_button.click()
    assert "only its plan: line changed" in builder.message.value
    changed = {
        (a, b)
        for a, b in zip(before.decode().splitlines(), jordan.read_text().splitlines(), strict=True)
        if a != b
    }
    assert changed == {
        ("plan: ../plans/it-director-to-cio.yaml", "plan: ../plans/it-director-to-cio-built.yaml")
    }
    assert load_client(jordan).plan == "../plans/it-director-to-cio-built.yaml"
    assert ("Jordan Lee's plan (it-director-to-cio-built.yaml)", CLIENT_PLAN) in (
        builder.origin_picker.options
    )


def test_a_plan_the_client_cannot_use_is_not_pointed_at(jordan: Path) -> None:
    builder = PlanBuilder.for_client(jordan)
    builder.destination_field.value = "CIO of a health system"
    builder.target_picker.value = D(2028, 4, 28)
    builder.start_picker.value = D(2026, 10, 5)
    builder.start()
    assert builder.draft is not None and builder.draft.plan.owner == "Jordan Lee"
    before = jordan.read_bytes()
    assert builder.save() is not None
    builder.point_button.click()
    # Jordan's client file follows the route 'internal', which this plan does not have
    assert "The client file was not changed" in builder.message.value
    assert "route 'internal'" in builder.message.value
    assert jordan.read_bytes() == before


@pytest.mark.parametrize("template", ["same-sector", "radical-change", "promotion"])
def test_the_templates_of_new_client_open_in_the_builder(template: str, tmp_path: Path) -> None:
    builder = PlanBuilder(folder=tmp_path)
    builder.origin_picker.value = f"template:{template}"
    builder.start_picker.value = D(2027, 1, 4)
    assert builder.start(), builder.message.value
    draft = builder.draft
    assert draft is not None and len(draft.plan.steps) > 5
    assert f"Started from the template '{template}'." in builder.message.value
    assert len(builder.step_list.options) == len(draft.plan.steps)
    assert builder.panels["obstacles"].items.options
    saved = builder.save()
    assert saved is not None and load_plan(saved) == draft.plan


def test_a_clients_plan_and_a_template_for_the_client(jordan: Path) -> None:
    builder = PlanBuilder.for_client(jordan)
    assert CLIENT_PLAN in [v for _, v in builder.origin_picker.options]
    builder.origin_picker.value = CLIENT_PLAN
    builder.start()
    assert builder.draft is not None
    assert builder.draft.plan == load_plan(SAMPLE_PLANS / "it-director-to-cio.yaml")
    assert builder.save_name.value == "it-director-to-cio-built.yaml"
    builder.origin_picker.value = "template:promotion"
    builder.start()
    assert builder.draft.plan.owner == "Jordan Lee"
    assert "Jordan Lee" in builder.draft.plan.title
    assert "Started again from the template" in builder.message.value
    builder.undo_button.click()  # starting again is undone like any change
    assert builder.draft.plan == load_plan(SAMPLE_PLANS / "it-director-to-cio.yaml")
    opened = PlanBuilder.for_client(jordan, open_plan=True)
    assert opened.draft is not None and opened.draft.plan == builder.draft.plan


def test_changing_the_target_date_redraws(tmp_path: Path) -> None:
    builder = PlanBuilder.from_file(SAMPLE_PLANS / "same-sector-move.yaml", folder=tmp_path)
    assert builder.draft is not None
    bases = [tuple(t.base) for t in builder.figure.data if t.type == "bar" and t.base]
    builder.target_picker.value = D(2026, 11, 13)
    assert builder.draft.plan.target == D(2026, 11, 13)
    assert "Not feasible" in builder.verdict.value
    assert [tuple(t.base) for t in builder.figure.data if t.type == "bar" and t.base] != bases
    builder.target_picker.value = D(2026, 1, 1)  # before the start: refused
    assert "before the start" in builder.message.value
    assert builder.target_picker.value == D(2026, 11, 13)


def test_dates_read_as_a_client_reads_them() -> None:
    from careerlib.console._builder_forms import short_range

    assert short_range(D(2027, 6, 3), D(2027, 6, 3)) == "3 Jun 2027"
    assert short_range(D(2027, 6, 3), D(2027, 6, 9)) == "3 to 9 Jun 2027"
    assert short_range(D(2027, 6, 29), D(2027, 7, 1)) == "29 Jun to 1 Jul 2027"
    assert short_range(D(2027, 12, 1), D(2028, 1, 5)) == "1 Dec 2027 to 5 Jan 2028"


def test_a_builder_opened_on_a_plan_starts_with_its_chart() -> None:
    builder = PlanBuilder.from_file(SAMPLE_PLANS / "it-director-to-cio.yaml")
    assert builder.draft is not None and builder._work in builder.widget.children
    assert builder.figure.data and builder.figure.layout.xaxis.type == "date"
    assert builder.folder == SAMPLE_PLANS
    assert builder.save_name.value == "it-director-to-cio-built.yaml"


def test_the_chart_appears_with_the_plan_and_is_drawn_anew_at_each_change(
    tmp_path: Path,
) -> None:
    from careerlib.console._common import PLOTLY_MIMETYPE

    builder = PlanBuilder.from_file(SAMPLE_PLANS / "same-sector-move.yaml", folder=tmp_path)
    assert builder.chart is not None and builder.chart.widget in builder._work.children
    before_shown = builder.figure
    builder.target_picker.value = D(2027, 3, 31)  # changed before it is shown
    assert builder.figure is not before_shown
    builder._repr_mimebundle_()
    view, shown = builder.chart.widget, builder.figure
    builder.target_picker.value = D(2027, 1, 29)  # too early: the verdict and marks change
    assert builder.figure is not shown and builder.chart.widget is view
    assert builder._work is not None and list(builder._work.children).count(view) == 1
    assert builder.schedule is not None
    assert _figure_json(builder.figure) == _figure_json(builder._chart(builder.schedule))
    (output,) = view.outputs
    assert (
        output["data"][PLOTLY_MIMETYPE]["layout"]["title"]
        == json.loads(_figure_json(builder.figure))["layout"]["title"]
    )

    empty = PlanBuilder(folder=tmp_path)
    empty._repr_mimebundle_()
    assert empty.chart is None and empty.figure is None
    empty.destination_field.value = "Somewhere"
    empty.target_picker.value = D(2027, 6, 30)
    empty.start()
    # the chart appears with the plan, made with its data
    assert empty.chart is not None and empty.figure is not None and empty.figure.data
    assert empty.chart.widget in empty._work.children


def _figure_json(figure: go.Figure) -> str:
    data = figure.to_plotly_json()
    for trace in data["data"]:
        trace.pop("uid", None)
    return json.dumps(data, sort_keys=True, default=str)
