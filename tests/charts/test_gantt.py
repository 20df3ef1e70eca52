"""The Gantt chart: every step, milestone, dependency and marker is drawn."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import numpy as np
import pytest

import careerlib
from careerlib.charts import gantt
from careerlib.models import Plan
from tests.charts.helpers import (
    DATA,
    ONE_DAY,
    SAMPLES,
    big_plan,
    date_of,
    one,
    schedule_of,
    traces,
)

# --- bars, milestones, deadlines ------------------------------------------------


def test_every_step_is_a_bar_from_its_start_to_the_end_of_its_finish_day() -> None:
    result = schedule_of("career-change.yaml")
    fig = gantt(result)
    seen: dict[str, tuple[dt.date, dt.date]] = {}
    for trace in fig.data:
        if trace.type == "bar" and trace.name.startswith(("Critical step", "Step with slack")):
            for sid, base, length in zip(trace.customdata, trace.base, trace.x, strict=True):
                seen[sid] = (date_of(base), date_of(base) + dt.timedelta(milliseconds=length))
    bars = {sid for sid, ms in zip(result.ids, result.milestone, strict=True) if not ms}
    assert set(seen) == bars
    for sid in bars:
        start, finish = result.step_dates(sid)
        assert seen[sid] == (start, finish + ONE_DAY), sid


def test_milestones_are_diamonds_at_the_end_of_their_day() -> None:
    result = schedule_of("career-change.yaml")
    trace = one(gantt(result), "Milestone")
    assert trace.mode == "markers" and trace.marker.symbol == "diamond"
    got = {sid: date_of(x) for sid, x in zip(trace.customdata, trace.x, strict=True)}
    assert set(got) == {"kickoff", "portfolio-done", "offer"}
    for sid, day in got.items():
        assert day == result.step_dates(sid)[0] + ONE_DAY
    # a milestone is never a zero-width bar (only its slack is a bar)
    for t in gantt(result).data:
        if t.type == "bar" and not t.name.startswith("Slack"):
            assert not set(t.customdata or ()) & set(got)


def test_deadlines_are_markers_on_their_step_row() -> None:
    result = schedule_of("career-change.yaml")
    fig = gantt(result)
    trace = one(fig, "Deadline")
    got = {sid: date_of(x) for sid, x in zip(trace.customdata, trace.x, strict=True)}
    assert got == {"course": dt.date(2027, 7, 1), "offer": dt.date(2027, 9, 25)}
    bar_rows = {}
    for t in fig.data:
        if t.customdata is not None and t.name != "Deadline":
            bar_rows.update(zip(t.customdata, t.y, strict=True))
    for sid, row in zip(trace.customdata, trace.y, strict=True):
        assert row == bar_rows[sid]


def test_slack_runs_from_the_earliest_start_to_the_latest_start() -> None:
    result = schedule_of("career-change.yaml")
    trace = one(gantt(result), "Slack")
    for sid, base, length in zip(trace.customdata, trace.base, trace.x, strict=True):
        i = result.position(sid)
        assert date_of(base) == result.early_start[i].astype(object)
        end = date_of(base) + dt.timedelta(milliseconds=length)
        expected = result.start[i].astype(object) + (
            ONE_DAY if result.milestone[i] else dt.timedelta(0)
        )
        assert end == expected
    assert set(trace.customdata) == {
        s for s, k in zip(result.ids, result.slack_days, strict=True) if k > 0
    }
    assert not traces(gantt(result, show_slack=False), "Slack")


def test_hover_text_names_step_dates_duration_slack_goal_and_route() -> None:
    result = schedule_of("career-change.yaml")
    trace = one(gantt(result), "Step with slack")
    text = dict(zip(trace.customdata, trace.hovertext, strict=True))["resume"]
    for part in (
        "Rewrite the resume for design roles",
        "(resume)",
        "2 Aug 2027 → 13 Aug 2027",
        "Duration: 10 working days",
        "Slack: 122 working days",
        "Goal: Work as an instructional designer",
        "Route: every route",
    ):
        assert part in text, part


# --- dependencies -----------------------------------------------------------------


def _segments(trace) -> list[list[tuple[object, object]]]:
    out, current = [], []
    for x, y in zip(trace.x, trace.y, strict=True):
        if x is None:
            out.append(current)
            current = []
        else:
            current.append((x, y))
    return out


def test_every_dependency_is_an_arrow_from_the_finish_to_the_next_start() -> None:
    result = schedule_of("career-change.yaml")
    fig = gantt(result, group_by="none", sort="plan")
    trace = one(fig, "Dependency")
    segments = _segments(trace)
    edges = [(p, k) for k, ps in enumerate(result.predecessors) for p in ps]
    assert len(segments) == len(edges) == 8
    for (p, k), seg in zip(edges, segments, strict=True):
        # rows are in plan order here
        assert seg[0][1] == p and abs(seg[-1][1] - k) < 0.5
        begins = result.finish[p].astype(object) + ONE_DAY
        assert date_of(seg[0][0]) == begins
        ends = result.start[k].astype(object) + (
            ONE_DAY if result.milestone[k] else dt.timedelta(0)
        )
        assert date_of(seg[-1][0]) == ends
    # an arrowhead at the end of each segment, none elsewhere
    assert sum(1 for s in trace.marker.size if s) == len(edges)
    assert trace.marker.symbol == "arrow"


def test_dependencies_can_be_left_out() -> None:
    fig = gantt(schedule_of("career-change.yaml"), show_dependencies=False)
    assert not traces(fig, "Dependency")


# --- lines, shading, checkpoints ----------------------------------------------------


def _shape(fig, name: str):
    found = [s for s in fig.layout.shapes if s.name == name]
    assert len(found) == 1, [s.name for s in fig.layout.shapes]
    return found[0]


def test_start_and_target_are_labelled_lines_on_the_date_axis() -> None:
    fig = gantt(schedule_of("career-change.yaml"))
    start = _shape(fig, "Start 4 Jan 2027")
    assert (start.type, date_of(start.x0), date_of(start.x1), start.yref) == (
        "line",
        dt.date(2027, 1, 4),
        dt.date(2027, 1, 4),
        "paper",
    )
    target = _shape(fig, "Target 30 Sep 2027")
    assert date_of(target.x0) == dt.date(2027, 10, 1)  # the end of the target day
    labels = {a.name: a for a in fig.layout.annotations}
    assert "Start 4 Jan 2027" in labels["Start 4 Jan 2027"].text
    assert date_of(labels["Target 30 Sep 2027"].x) == dt.date(2027, 10, 1)


def test_today_line_when_asked() -> None:
    fig = gantt(schedule_of("career-change.yaml"), today=dt.date(2027, 3, 1))
    assert date_of(_shape(fig, "Today 1 Mar 2027").x0) == dt.date(2027, 3, 1)


def test_blackouts_and_holidays_are_shaded() -> None:
    fig = gantt(schedule_of("career-change.yaml"))
    blackout = [s for s in fig.layout.shapes if s.name == "Blackout: summer camp"]
    assert len(blackout) == 1
    assert (date_of(blackout[0].x0), date_of(blackout[0].x1)) == (
        dt.date(2027, 7, 5),
        dt.date(2027, 7, 17),
    )
    holidays = {date_of(s.x0) for s in fig.layout.shapes if s.name and s.name.startswith("Holiday")}
    assert holidays == {dt.date(2027, 4, 2), dt.date(2027, 5, 31)}
    assert "Blackout or holiday" in {t.name for t in fig.data}
    none = gantt(schedule_of("career-change.yaml"), show_closed_days=False)
    assert not [
        s for s in none.layout.shapes if s.name and s.name.startswith(("Holiday", "Blackout"))
    ]
    assert "Blackout or holiday" not in {t.name for t in none.data}


def test_country_holidays_are_shaded_too() -> None:
    plan = Plan.model_validate(
        {
            "title": "US plan",
            "start": "2027-06-28",
            "target": "2027-07-09",
            "calendar": {"holidays": {"country": "US"}},
            "steps": [{"id": "a", "duration": 3}],
        }
    )
    fig = gantt(careerlib.schedule(plan))
    assert dt.date(2027, 7, 5) in {
        date_of(s.x0) for s in fig.layout.shapes if s.name and "Holiday" in s.name
    }


def test_checkpoints_are_ticks_at_the_cadence() -> None:
    fig = gantt(schedule_of("career-change.yaml"))
    ticks = one(fig, "Checkpoint review (monthly)")
    days = [date_of(x) for x in ticks.x]
    assert days[0] == dt.date(2027, 1, 4) and days[-1] == dt.date(2027, 9, 6)
    assert len(days) == 9 and all(d.weekday() < 5 for d in days)
    assert [date_of(x) for x in one(fig, "Review held").x] == [dt.date(2027, 2, 4)]
    assert not traces(gantt(schedule_of("too-late.yaml")), "Checkpoint")


@pytest.mark.parametrize(
    ("cadence", "count"),
    [
        pytest.param("weekly", 5, id="weekly"),
        pytest.param("biweekly", 3, id="biweekly"),
        pytest.param("daily", 23, id="daily"),
    ],
)
def test_checkpoint_cadences(cadence: str, count: int) -> None:
    plan = Plan.model_validate(
        {
            "title": "p",
            "start": "2027-03-01",
            "target": "2027-03-31",
            "steps": [{"id": "a", "duration": 3}],
            "checkpoints": {"cadence": cadence},
        }
    )
    assert len(one(gantt(careerlib.schedule(plan)), "Checkpoint").x) == count


# --- infeasible plans, titles, colours, groups ------------------------------------


def test_an_infeasible_plan_shows_the_part_before_the_start_and_the_verdict() -> None:
    result = schedule_of("too-late.yaml")
    assert not result.feasible
    fig = gantt(result)
    late = one(fig, "Too late")
    assert list(late.customdata) == ["learn"]
    assert date_of(late.base[0]) == dt.date(2027, 2, 15)
    assert date_of(late.base[0]) + dt.timedelta(milliseconds=late.x[0]) == dt.date(2027, 3, 1)
    assert "Not feasible: late by 10 working days" in fig.layout.title.subtitle.text
    assert "the earliest realistic target is 23 Apr 2027" in fig.layout.title.subtitle.text
    realistic = _shape(fig, "Earliest realistic target 23 Apr 2027")
    assert date_of(realistic.x0) == dt.date(2027, 4, 24)  # the end of that day
    assert date_of(fig.layout.xaxis.range[1]) > dt.date(2027, 4, 24)
    feasible = gantt(schedule_of("career-change.yaml"))
    assert not traces(feasible, "Too late")
    assert not [s for s in feasible.layout.shapes if s.name and "realistic" in s.name]


def test_title_names_the_plan_owner_and_route() -> None:
    fig = gantt(schedule_of("two-routes.yaml", route="evening"))
    assert "Two ways into data science" in fig.layout.title.text
    assert "Dana Cho" in fig.layout.title.subtitle.text
    assert "Route: Evening courses while employed" in fig.layout.title.subtitle.text


@pytest.mark.parametrize(
    ("color_by", "names"),
    [
        pytest.param(
            "criticality",
            {"Critical step: a delay moves the target", "Step with slack"},
            id="criticality",
        ),
        pytest.param(
            "goal",
            {"Work as an instructional designer", "A portfolio that gets interviews"},
            id="goal",
        ),
    ],
)
def test_color_by(color_by: str, names: set[str]) -> None:
    fig = gantt(schedule_of("career-change.yaml"), color_by=color_by)
    assert names <= {t.name for t in fig.data}


def test_color_by_route_outlines_the_critical_steps() -> None:
    fig = gantt(schedule_of("two-routes.yaml"), color_by="route")
    names = {t.name for t in fig.data}
    assert {"Every route", "Full-time bootcamp", "Evening courses while employed"} <= names
    evening = one(fig, "Evening courses while employed")
    assert list(evening.marker.line.width) == [2]  # the critical evening course


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        pytest.param(
            {"color_by": "colour"},
            "unknown color_by 'colour'; valid: criticality, goal, route",
            id="color_by",
        ),
        pytest.param(
            {"group_by": "goals"},
            "unknown group_by 'goals'; valid: auto, goal, route, none",
            id="group_by",
        ),
        pytest.param({"sort": "finish"}, "unknown sort 'finish'", id="sort"),
    ],
)
def test_bad_keywords_name_the_valid_ones(kwargs: dict[str, str], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        gantt(schedule_of("career-change.yaml"), **kwargs)  # type: ignore[arg-type]


def test_rows_are_grouped_under_a_header_per_route() -> None:
    fig = gantt(schedule_of("two-routes.yaml"))
    text = list(fig.layout.yaxis.ticktext)
    assert text[0] == "<b>Common to every route</b>"
    assert text.index("<b>Route: Full-time bootcamp</b>") < text.index("Bootcamp")
    assert text.index("<b>Route: Evening courses while employed</b>") < text.index(
        "Evening courses"
    )
    assert len(text) == 6 + 3


def test_rows_are_grouped_by_goal_when_asked() -> None:
    fig = gantt(schedule_of("career-change.yaml"), group_by="goal")
    text = list(fig.layout.yaxis.ticktext)
    assert "<b>Work as an instructional designer</b>" in text
    assert "<b>A portfolio that gets interviews</b>" in text


def test_the_left_margin_is_set_to_the_labels_beforehand() -> None:
    # automargin would find it too, but redrawing to do so doubles the image time
    fig = gantt(schedule_of("career-change.yaml"))
    assert fig.layout.yaxis.automargin is True
    assert 200 < fig.layout.margin.l < 320  # "Research the field and talk to 5 designers"


def test_height_grows_with_the_steps_and_big_plans_build_fast() -> None:
    small = gantt(schedule_of("career-change.yaml"))
    result = careerlib.schedule(big_plan(200))
    began = time.perf_counter()
    big = gantt(result)
    took = time.perf_counter() - began
    assert big.layout.height > 200 * 18 > small.layout.height
    bars = {
        s
        for t in big.data
        if t.type == "bar" and t.customdata is not None and not t.name.startswith("Slack")
        for s in t.customdata
    }
    assert len(bars) == 180
    assert len(one(big, "Milestone").x) == 20
    assert len(_segments(one(big, "Dependency"))) == sum(len(p) for p in result.predecessors)
    assert took < 2.0  # the benchmark holds the real target (0.5 s)


@pytest.mark.parametrize(
    "path", sorted(DATA.glob("*.yaml")) + sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_sample_plan_draws(path: Path) -> None:
    result = careerlib.schedule(careerlib.load_plan(path))
    fig = gantt(result)
    drawn = {s for t in fig.data if t.customdata is not None for s in t.customdata}
    assert drawn == set(result.ids)
    assert np.isfinite(fig.layout.height)


def test_date_labels_get_their_own_lane_in_a_narrow_chart() -> None:
    """The coach console draws at 960 px, the legend beside the plot: labels must not collide."""
    import datetime as dt

    from careerlib import load_plan, schedule
    from careerlib.whatif import with_target
    from tests.conftest import SAMPLE_PLANS

    plan = with_target(load_plan(SAMPLE_PLANS / "it-director-to-cio.yaml"), dt.date(2027, 6, 30))
    fig = gantt(schedule(plan, route="external"), width=960)
    assert fig.layout.width == 960
    shifts = {
        a.text.split()[0].strip("<b>"): a.yshift
        for a in fig.layout.annotations
        if a.text and a.text.startswith("<b>") and ("Start" in a.text or "Target" in a.text)
    }
    assert shifts["Start"] != shifts["Target"], "Start and Target labels share a lane and overlap"


def test_legend_below_leaves_the_plot_the_whole_width() -> None:
    result = schedule_of("career-change.yaml")
    right = gantt(result, width=960)
    below = gantt(result, width=960, legend="bottom")
    assert right.layout.legend.orientation == "v" and below.layout.legend.orientation == "h"
    assert below.layout.margin.b > right.layout.margin.b  # room for the legend's rows
    assert [t.name for t in below.data] == [t.name for t in right.data]
    with pytest.raises(ValueError, match="legend must be 'right' or 'bottom'"):
        gantt(result, legend="top")  # type: ignore[arg-type]


def test_long_step_titles_wrap_and_are_never_cut() -> None:
    """On paper there is no hover: every title is there in full, on as many lines as it needs."""
    result = careerlib.schedule(careerlib.load_plan(SAMPLES / "it-director-to-cio.yaml"))
    fig = gantt(result)
    text = list(fig.layout.yaxis.ticktext)
    assert not any("…" in t for t in text)
    lines = [t.replace("<b>", "").replace("</b>", "").split("<br>") for t in text]
    assert all(len(line) <= 42 for label in lines for line in label)
    shown = {" ".join(label) for label in lines}
    assert {s.title for s in result.steps} <= shown
    assert "First 100 days: IT strategy presented to<br>the board" in text
    # a row holds its two lines: the figure is taller than one line a row would need
    assert fig.layout.height >= 120 + 60 + len(text) * 36
    narrow = gantt(result, label_width=20)
    assert max(t.count("<br>") for t in narrow.layout.yaxis.ticktext) >= 2
    assert narrow.layout.margin.l < fig.layout.margin.l
