"""Every chart of every sample client is clean at print size, on screen and as an export.

Each chart the report, the notebooks and the command line draw for a sample
client (and the Gantt and routes charts of every test and sample plan) is
drawn to SVG by kaleido in Debian's Chromium at three sizes: as the PDF report
draws it (820 px wide, the report's variants: legend under the plot), as a
notebook shows it (1000 px) and as a PNG/SVG export (1400 px, or the chart's
own width); then measured in Chromium (:mod:`tests.charts.layout`): no two
texts overlap, no marker covers a text, no text runs out of the figure, no
label is cut short. A PNG of each lands in ``tests/artifacts/charts/`` for a
person to look at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import careerlib
from careerlib import charts, exports
from careerlib.report import gather
from careerlib.report.document import CHART_PX
from careerlib.scheduling.scheduler import schedule_routes
from tests.charts.helpers import DATA, DATA_ROOT
from tests.charts.layout import measure, problems
from tests.conftest import ROOT, need_browser

CLIENTS = sorted((DATA_ROOT / "clients").glob("*.yaml"))
PLANS = sorted(DATA.glob("*.yaml")) + sorted((DATA_ROOT / "plans").glob("*.yaml"))
AS_OF = dt.date(2026, 11, 23)
ARTIFACTS = ROOT / "tests" / "artifacts" / "charts"
#: The sizes a chart is drawn at [px]: None is the export's own (1400 or the chart's width).
SIZES = {"print": CHART_PX, "notebook": 1000, "export": None}

Figure = Any
#: A chart by name, drawn for a size: the report's variant for "print".
Charts = dict[str, Callable[[str], Figure]]


def client_charts(client: Path) -> Charts:
    """Every chart drawn for ``client`` by the report, the notebooks and the command line."""
    c = gather(client, AS_OF)
    r = c.report
    out: Charts = {
        "assessment": lambda size: charts.assessment_chart(c.assessment, role_title=c.role.title),
        "skills": lambda size: charts.skills_chart(
            r.skills, title=f"Skills against {c.role.title}"
        ),
        "occupations": lambda size: charts.occupations_chart(
            r.occupations, subtitle=f"{c.profile.current_role} → {c.role.title}"
        ),
    }
    if not c.reassessment.empty:
        out["reassessment"] = lambda size: charts.reassessment_chart(c.reassessment)
    if c.risks is not None and len(c.risks):
        out["obstacles"] = lambda size: charts.obstacles_chart(c.risks)
    if c.roadmap is not None:
        roadmap = c.roadmap
        track = c.checkin.tracking
        # the report's roadmap: the plan on its date, the baseline beneath
        on_the_day = {
            "baseline": None if track is None else track.baseline,
            "behind": () if track is None else track.behind_steps,
        }
        out["gantt"] = lambda size: (
            charts.gantt(roadmap, legend="bottom", width=CHART_PX, **on_the_day)
            if size == "print"
            else charts.gantt(roadmap, **on_the_day)
        )
        out["load"] = lambda size: charts.weekly_load_chart(roadmap)
    if c.plan is not None and c.plan.routes:
        from careerlib.gaps import all_reviews, status_schedules

        out.update(plan_charts(c.plan, gantt=False))
        now = status_schedules(c.plan, all_reviews(c.plan, c.profile), c.as_of)
        out["routes-now"] = lambda size: (
            charts.routes(now, legend="bottom", width=CHART_PX)
            if size == "print"
            else charts.routes(now)
        )
    if c.change is not None:
        change = c.change
        out["changes"] = lambda size: charts.plan_diff_chart(change, changed_only=True)
    if r.peers is not None:
        org = c.profile.organization.name if c.profile.organization else "The organization"
        out["peers"] = lambda size: charts.peer_chart(r.peers, r.peer_group, client_name=org)
    if r.alignment is not None:
        out["goals"] = lambda size: charts.goal_tree_chart(r.alignment)
    if r.tracking is not None:
        out["tracking"] = lambda size: (
            charts.tracking_gantt(r.tracking, legend="bottom", width=CHART_PX)
            if size == "print"
            else charts.tracking_gantt(r.tracking)
        )
        out["progress-over-time"] = lambda size: charts.progress_over_time_chart(r.tracking)
    if r.progress is not None:
        out["progress"] = lambda size: charts.progress_chart(r.progress)
    return out


def plan_charts(plan: Any, *, gantt: bool = True) -> Charts:
    """The Gantt chart and the routes compared of ``plan`` (``careerlib gantt``, notebook 02)."""
    out: Charts = {}
    if gantt:
        roadmap = careerlib.schedule(plan)
        out["gantt"] = lambda size: (
            charts.gantt(roadmap, legend="bottom", width=CHART_PX)
            if size == "print"
            else charts.gantt(roadmap)
        )
    if plan.routes:
        routes = schedule_routes(plan)
        out["routes"] = lambda size: (
            charts.routes(routes, legend="bottom", width=CHART_PX)
            if size == "print"
            else charts.routes(routes)
        )
    return out


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    need_browser()
    with exports.image_server():
        tab = browser.new_page()
        try:
            yield tab
        finally:
            tab.close()


def flaws(name: str, drawn_charts: Charts, page: Any) -> dict[str, list[str]]:
    """Each chart's flaws at each size (none: an empty dict); a PNG of each in ARTIFACTS."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str]] = {}
    for chart, draw in drawn_charts.items():
        for size, width in SIZES.items():
            fig = draw(size)
            px = width or int(fig.layout.width or exports.IMAGE_WIDTH)
            svg = exports.to_image(fig, "svg", width=px).decode("utf-8")
            png = exports.to_image(fig, "png", width=px)
            (ARTIFACTS / f"{name}-{chart}-{size}.png").write_bytes(png)
            drawn = measure(page, svg)
            assert drawn.texts, (chart, size)  # the chart has its words
            if seen := problems(drawn):
                found[f"{chart} at {px} px"] = seen
    return found


@pytest.mark.slow
@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_every_chart_of_a_sample_client_is_clean(client: Path, page: Any) -> None:
    assert flaws(client.stem, client_charts(client), page) == {}


@pytest.mark.slow
@pytest.mark.parametrize("plan", PLANS, ids=[p.stem for p in PLANS])
def test_the_gantt_and_routes_of_every_plan_are_clean(plan: Path, page: Any) -> None:
    drawn = plan_charts(careerlib.load_plan(plan))
    assert flaws(f"plan-{plan.stem}", drawn, page) == {}


def test_the_checker_sees_overlaps_markers_cuts_and_overflow() -> None:
    from tests.charts.layout import Box, Drawn

    drawn = Drawn(
        200,
        100,
        (
            Box.of("text", "family time", 10, 10, 80, 24),
            Box.of("text", "move into the new house", 70, 12, 190, 26),  # overlaps the first
            Box.of("text", "Budget", 10, 50, 50, 64),
            Box.of("marker", "", 30, 52, 42, 62),  # over "Budget"
            Box.of("text", "Part-time master's in data sc…: critical", 60, 50, 150, 64),
            Box.of("text", "Target", 170, 80, 230, 94),  # past the right edge
            Box.of("text", "Line one", 10, 70, 60, 84),
            Box.of("text", "Line two", 10, 82, 60, 96),  # touches the line above: fine
            Box.of("marker", "", 160, 55, 190, 75),
            Box.of("text", "3", 170, 58, 178, 72),  # a marker's own number, inside it
        ),
    )
    found = problems(drawn)
    assert any("'family time' overlaps text 'move into the new house'" in p for p in found)
    assert any("marker" in p and "'Budget'" in p for p in found)
    assert any("data sc…: critical" in p and "is cut short" in p for p in found)
    assert any("'Target' runs out of the 200x100 figure" in p for p in found)
    assert not any("Line one" in p or "'3'" in p for p in found), found
    assert len(found) == 4, found


def test_turned_labels_are_measured_as_turned_boxes() -> None:
    from tests.charts.layout import Box

    # two labels turned 45 degrees, side by side: their upright boxes would overlap
    first = Box("text", "a", ((0.0, 40.0), (40.0, 0.0), (50.0, 10.0), (10.0, 50.0)))
    second = Box("text", "b", ((20.0, 60.0), (60.0, 20.0), (70.0, 30.0), (30.0, 70.0)))
    assert first.overlap(second) == (0.0, 0.0)
    crossing = Box("text", "c", ((0.0, 0.0), (50.0, 50.0), (44.0, 56.0), (-6.0, 6.0)))
    along, across = first.overlap(crossing)
    assert along > 5 and across > 5
