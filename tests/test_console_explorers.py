"""The coach console without a browser: a control's value changes the plan, chart and verdict."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from careerlib import load_plan, schedule, whatif
from careerlib.console.explorers import GapExplorer, PlanExplorer
from careerlib.planfile import plan_to_yaml
from tests.conftest import CONFORMANCE, ROOT, SAMPLE_PLANS

INFEASIBLE = CONFORMANCE / "04-infeasible.yaml"
CIO = SAMPLE_PLANS / "it-director-to-cio.yaml"
EFFORT = SAMPLE_PLANS / "same-sector-move.yaml"
JORDAN = ROOT / "data" / "clients" / "jordan-lee.yaml"


def _bars(explorer: PlanExplorer) -> dict[str, tuple[object, ...]]:
    """The bars of the chart: trace name -> its bases (the start dates)."""
    return {t.name: tuple(t.base) for t in explorer.figure.data if t.type == "bar" and t.base}


def _rows(explorer: PlanExplorer) -> set[str]:
    return {str(y) for t in explorer.figure.data if t.type == "bar" for y in (t.y or ())}


def _verdict(explorer: PlanExplorer) -> str:
    return str(explorer.verdict.value)


@pytest.fixture()
def infeasible() -> PlanExplorer:
    return PlanExplorer(load_plan(INFEASIBLE), path=INFEASIBLE)


def test_the_explorer_starts_with_the_plans_schedule(infeasible: PlanExplorer) -> None:
    assert infeasible.target_picker.value == dt.date(2027, 1, 29)
    assert not infeasible.schedule.feasible and infeasible.schedule.late_by_days == 10
    assert "late by 10 working days" in _verdict(infeasible)
    assert "12 Feb 2027" in _verdict(infeasible)
    assert 'data-feasible="false"' in _verdict(infeasible)
    assert "careerlib-verdict" in infeasible.verdict._dom_classes
    assert infeasible.figure.layout.xaxis.type == "date"
    assert infeasible.hours_slider is None  # no step has an effort
    assert infeasible.route_picker is None  # no routes
    assert infeasible.step_picker.options == (
        ("Learn the basics (learn)", "learn"),
        ("Build a portfolio (portfolio)", "portfolio"),
        ("Apply (apply)", "apply"),
        ("Update LinkedIn (side)", "side"),
    )
    assert infeasible.duration_field.value == 15


def test_moving_the_target_later_makes_the_plan_feasible(infeasible: PlanExplorer) -> None:
    before = _bars(infeasible)
    infeasible.target_picker.value = dt.date(2027, 2, 12)
    assert infeasible.plan.target == dt.date(2027, 2, 12)
    assert infeasible.schedule.feasible
    assert _verdict(infeasible).count("Feasible: the target 12 Feb 2027 can be met") == 1
    assert 'data-feasible="true"' in _verdict(infeasible)
    assert _bars(infeasible) != before
    assert infeasible.figure.layout.xaxis.type == "date"  # set again after the batch
    # the original is kept for a reset
    assert infeasible.original.target == dt.date(2027, 1, 29)


def test_the_figure_is_the_gantt_of_the_current_schedule(infeasible: PlanExplorer) -> None:
    from careerlib import charts

    infeasible.target_picker.value = dt.date(2027, 3, 1)
    fresh = charts.gantt(schedule(infeasible.plan))
    assert [t.name for t in infeasible.figure.data] == [t.name for t in fresh.data]
    assert infeasible.figure.layout.yaxis.range == fresh.layout.yaxis.range
    assert infeasible.figure.layout.title.text == fresh.layout.title.text


def test_a_target_before_the_start_is_a_message_not_a_traceback(infeasible: PlanExplorer) -> None:
    infeasible.target_picker.value = dt.date(2026, 1, 1)
    assert "before the start" in infeasible.message.value
    assert infeasible.plan.target == dt.date(2027, 1, 29)
    assert infeasible.target_picker.value == dt.date(2027, 1, 29)  # the control shows the plan
    infeasible.target_picker.value = None
    assert "Choose a target date" in infeasible.message.value


def test_changing_a_duration(infeasible: PlanExplorer) -> None:
    infeasible.step_picker.value = "learn"
    assert infeasible.duration_field.value == 15
    before = _bars(infeasible)
    infeasible.duration_field.value = 5
    assert infeasible.plan.step("learn").duration is not None
    assert infeasible.plan.step("learn").duration.amount == 5  # type: ignore[union-attr]
    assert infeasible.schedule.feasible
    assert "Feasible" in _verdict(infeasible)
    assert _bars(infeasible) != before
    assert "'learn' now takes 5 working days" in infeasible.message.value
    infeasible.step_picker.value = "apply"
    assert infeasible.duration_field.value == 5  # shows the picked step's days


def test_adding_and_removing_a_blackout(infeasible: PlanExplorer) -> None:
    infeasible.blackout_from.value = dt.date(2027, 1, 11)
    infeasible.blackout_to.value = dt.date(2027, 1, 15)
    infeasible.blackout_reason.value = "ski week"
    infeasible.blackout_add.click()
    blackouts = infeasible.plan.calendar.blackouts
    assert [(b.start, b.end, b.reason) for b in blackouts] == [
        (dt.date(2027, 1, 11), dt.date(2027, 1, 15), "ski week")
    ]
    assert infeasible.schedule.late_by_days == 15  # five more working days lost
    assert "late by 15 working days" in _verdict(infeasible)
    assert infeasible.blackout_picker.options == (("2027-01-11 to 2027-01-15 (ski week)", 0),)
    assert infeasible.blackout_from.value is None  # ready for the next one
    infeasible.blackout_remove.click()
    assert infeasible.plan.calendar.blackouts == []
    assert infeasible.schedule.late_by_days == 10
    assert infeasible.blackout_remove.disabled


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        pytest.param(
            dt.date(2027, 2, 1),
            dt.date(2027, 1, 1),
            "blackout 'from' 2027-02-01 is after",
            id="order",
        ),
        pytest.param(None, dt.date(2027, 1, 1), "Choose both dates", id="missing"),
    ],
)
def test_a_bad_blackout_is_a_message(
    infeasible: PlanExplorer, start: dt.date | None, end: dt.date, message: str
) -> None:
    infeasible.blackout_from.value = start
    infeasible.blackout_to.value = end
    infeasible.blackout_add.click()
    assert message in infeasible.message.value
    assert infeasible.plan.calendar.blackouts == []
    assert "late by 10 working days" in _verdict(infeasible)


def test_the_route_selector_changes_the_steps() -> None:
    explorer = PlanExplorer(load_plan(CIO), path=CIO, route="internal")
    assert explorer.route_picker is not None
    assert explorer.route_picker.options[0] == ("whole plan", "")
    assert "succession" in explorer.schedule.ids and "network" not in explorer.schedule.ids
    internal = _rows(explorer)
    explorer.route_picker.value = "external"
    assert explorer.route == "external" and explorer.schedule.route == "external"
    assert "network" in explorer.schedule.ids and "succession" not in explorer.schedule.ids
    assert _rows(explorer) != internal
    assert "route external" in _verdict(explorer)
    assert "network" in [v for _, v in explorer.step_picker.options]
    explorer.route_picker.value = ""
    assert explorer.route is None
    assert len(explorer.schedule) == len(explorer.plan.steps)
    assert "whole plan" in _verdict(explorer)


def test_the_hours_slider_shows_for_effort_plans() -> None:
    explorer = PlanExplorer(load_plan(EFFORT), path=EFFORT)
    assert explorer.hours_slider is not None
    before = explorer.schedule.duration_days.copy()
    explorer.hours_slider.value = explorer.hours_slider.value * 2
    assert explorer.plan.calendar.hours_per_week == explorer.hours_slider.value
    assert (explorer.schedule.duration_days <= before).all()
    assert (explorer.schedule.duration_days < before).any()


def test_reset_goes_back_to_the_plan_as_loaded() -> None:
    explorer = PlanExplorer(load_plan(CIO), path=CIO, route="internal")
    first = _bars(explorer)
    explorer.target_picker.value = dt.date(2027, 12, 31)
    assert explorer.route_picker is not None
    explorer.route_picker.value = "external"
    explorer.reset_button.click()
    assert explorer.plan is explorer.original
    assert explorer.route == "internal" and explorer.route_picker.value == "internal"
    assert explorer.target_picker.value == dt.date(2028, 4, 28)
    assert _bars(explorer) == first


def test_save_as_writes_a_new_file_that_loads_back_equal(tmp_path: Path) -> None:
    original = tmp_path / "plan.yaml"
    shutil.copy(INFEASIBLE, original)
    text = original.read_text()
    explorer = PlanExplorer.from_file(original)
    explorer.target_picker.value = dt.date(2027, 2, 12)
    explorer.step_picker.value = "side"
    explorer.duration_field.value = 3
    first = explorer.save()
    assert first == tmp_path / "plan-whatif-1.yaml"
    assert str(first) in explorer.message.value
    assert load_plan(first) == explorer.plan
    assert plan_to_yaml(load_plan(first)) == plan_to_yaml(explorer.plan)
    explorer.save_button.click()  # never over a file: the next number
    assert explorer.saved == [first, tmp_path / "plan-whatif-2.yaml"]
    assert original.read_text() == text


def test_save_without_a_file_says_so() -> None:
    explorer = PlanExplorer(load_plan(INFEASIBLE))
    assert explorer.save() is None
    assert "no file" in explorer.message.value


def test_apply_takes_any_whatif_change(infeasible: PlanExplorer) -> None:
    assert infeasible.apply(lambda p: whatif.with_start(p, dt.date(2026, 12, 14)), "earlier")
    assert infeasible.schedule.feasible and infeasible.target_picker.value == dt.date(2027, 1, 29)
    assert not infeasible.apply(lambda p: whatif.with_duration(p, "lern", 3))
    assert "did you mean 'learn'" in infeasible.message.value


def test_the_explorer_displays_as_its_widget(infeasible: PlanExplorer) -> None:
    bundle = infeasible._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == (
        infeasible.widget.model_id
    )


# --- GapExplorer ---------------------------------------------------------------------


@pytest.fixture()
def gap() -> GapExplorer:
    return GapExplorer(JORDAN)


def test_gap_explorer_redraws_the_skills_chart(gap: GapExplorer) -> None:
    skill = "Law and Government"
    gap.skill_picker.value = skill
    assert gap.level_slider.value == 2.5
    before_gap = float(gap.skills.at[skill, "gap"])
    before = [list(t.x) for t in gap.skills_figure.data if t.x is not None]
    summary = gap.summary.value
    gap.level_slider.value = 7.0
    assert gap.levels[skill] == 7.0
    assert float(gap.skills.at[skill, "gap"]) == 0.0 < before_gap
    assert gap.skills.at[skill, "status"] == "met"
    assert [list(t.x) for t in gap.skills_figure.data if t.x is not None] != before
    assert gap.summary.value != summary
    gap.reset()
    assert gap.levels == gap.client.skill_levels()
    assert gap.level_slider.value == 2.5


def test_gap_explorer_peer_group_picker(gap: GapExplorer, tmp_path: Path) -> None:
    assert gap.peer_picker is not None and gap.peer_figure is not None
    assert [label for label, _ in gap.peer_picker.options] == ["healthcare-it"]  # not metrics.csv
    assert gap.peers is not None
    before = gap.peers["better_than"].copy()
    smaller = tmp_path / "small.csv"
    lines = (ROOT / "data" / "peers" / "healthcare-it.csv").read_text().splitlines()
    smaller.write_text("\n".join(lines[:4]) + "\n")
    assert gap.set_peer_group(smaller)
    assert gap.peers is not None and (gap.peers["n"] == 3).all()
    assert not gap.peers["better_than"].equals(before)
    bad = tmp_path / "bad.csv"
    bad.write_text("organization\n")
    assert not gap.set_peer_group(bad)
    assert gap.peers["n"].max() == 3  # the last good group stays
    assert "careerlib-message" in gap.message._dom_classes and gap.message.value


def test_gap_explorer_refuses_a_level_off_the_scale(gap: GapExplorer) -> None:
    gap.set_level("Writing", 9)
    assert "0-7" in gap.message.value


def test_the_chart_keeps_its_width_across_redraws(infeasible: PlanExplorer) -> None:
    assert infeasible.figure.layout.width == 960
    infeasible.target_picker.value = dt.date(2027, 3, 1)
    assert infeasible.figure.layout.width == 960
    narrow = PlanExplorer(load_plan(INFEASIBLE), width=None)
    assert narrow.figure.layout.width is None


def test_a_change_draws_the_chart_anew_from_its_data_in_the_same_place(
    infeasible: PlanExplorer,
) -> None:
    # a chart edited in place was seen to keep its first drawing in Voila: each
    # change replaces the chart's output with the new figure, drawn from its data
    from careerlib.console._common import PLOTLY_MIMETYPE

    old, view = infeasible.figure, infeasible.chart.widget
    at = infeasible.widget.children.index(view)
    infeasible.target_picker.value = dt.date(2027, 2, 12)
    assert infeasible.figure is not old and infeasible.widget.children[at] is view
    (output,) = view.outputs
    shown = output["data"][PLOTLY_MIMETYPE]
    assert len(shown["data"]) == len(infeasible.figure.data) > 0
    assert shown["layout"]["title"]["text"] == infeasible.figure.layout.title.text
    assert shown["layout"]["xaxis"]["type"] == "date"
    assert output["data"]["text/plain"].strip()  # where no plotly renderer is: the title


def test_a_change_sends_the_figure_not_plotly_js(
    infeasible: PlanExplorer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a plotly FigureWidget carries plotly.js (5 MB) in its state: a new one at
    # each change sent it again. A change now opens no widget and sends the figure.
    import json

    import comm

    opened: list[dict[str, Any]] = []
    create = comm.create_comm

    def spy(**kwargs: Any) -> Any:
        opened.append(kwargs["data"]["state"])
        return create(**kwargs)

    monkeypatch.setattr(comm, "create_comm", spy)
    infeasible.target_picker.value = dt.date(2027, 2, 12)
    assert not [state for state in opened if "_esm" in state]
    assert len(json.dumps(infeasible.chart.widget.get_state())) < 200_000
