"""The routes chart: one row a route, drawn from the routes' schedules."""

from __future__ import annotations

import pytest

import careerlib
from careerlib.charts import routes
from tests.charts.helpers import DATA, ONE_DAY, date_of, one


def test_routes_side_by_side_one_row_each() -> None:
    plan = careerlib.load_plan(DATA / "two-routes.yaml")
    fig = routes(careerlib.schedule_routes(plan))
    rows = list(fig.layout.yaxis.ticktext)
    assert len(rows) == 2
    assert "Full-time bootcamp" in rows[0] and "Evening courses while employed" in rows[1]
    finish = one(fig, "Earliest finish")
    schedules = careerlib.schedule_routes(plan)
    assert [date_of(x) for x in finish.x] == [
        schedules["bootcamp"].earliest_finish + ONE_DAY,
        schedules["evening"].earliest_finish + ONE_DAY,
    ]
    bootcamp = one(fig, "Full-time bootcamp: critical steps")
    assert set(bootcamp.customdata) == set(schedules["bootcamp"].critical_ids) - {"offer"}
    assert "Bootcamp" in bootcamp.text


def test_routes_of_a_plan_without_routes_is_one_row() -> None:
    fig = routes(careerlib.schedule_routes(careerlib.load_plan(DATA / "too-late.yaml")))
    assert len(fig.layout.yaxis.ticktext) == 1
    assert "late by 10 working days" in fig.layout.yaxis.ticktext[0]


def test_routes_takes_schedules_not_a_plan() -> None:
    plan = careerlib.load_plan(DATA / "two-routes.yaml")
    with pytest.raises(TypeError, match=r"schedule_routes\(plan\), not a Plan"):
        routes(plan)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="valid keys: bootcamp, evening"):
        routes({"nope": careerlib.schedule(plan)})


def test_routes_draws_the_routes_it_is_given_in_plan_order() -> None:
    plan = careerlib.load_plan(DATA / "two-routes.yaml")
    schedules = careerlib.schedule_routes(plan)
    fig = routes({"evening": schedules["evening"], "bootcamp": schedules["bootcamp"]})
    rows = list(fig.layout.yaxis.ticktext)
    assert "Full-time bootcamp" in rows[0] and "Evening courses while employed" in rows[1]
    only = routes({"evening": schedules["evening"]})
    assert len(only.layout.yaxis.ticktext) == 1


def test_routes_legend_below_keeps_the_plot_the_width_of_the_page() -> None:
    schedules = careerlib.schedule_routes(careerlib.load_plan(DATA / "two-routes.yaml"))
    beside = routes(schedules)
    below = routes(schedules, legend="bottom", width=820)
    assert beside.layout.legend.orientation == "v" and beside.layout.legend.x > 1
    assert below.layout.legend.orientation == "h" and below.layout.legend.yref == "container"
    assert below.layout.width == 820 and beside.layout.width is None
    # the rows keep their height; the legend's entries get theirs under the axis
    entries = sum(1 for t in below.data if t.showlegend is not False)
    assert below.layout.margin.b >= 60 + 24 * entries
    assert below.layout.height == 90 + below.layout.margin.b + 2 * 90
    with pytest.raises(ValueError, match="legend must be 'right' or 'bottom', got 'left'"):
        routes(schedules, legend="left")  # type: ignore[arg-type]
