"""The gap-analysis charts: each returns a plotly Figure, O*NET charts carry the attribution."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import plotly.graph_objects as go
import pytest

from careerlib.charts import (
    goal_tree_chart,
    occupations_chart,
    peer_chart,
    progress_chart,
    skills_chart,
)
from careerlib.gaps import analyse
from careerlib.peers import load_peers

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def report():
    return analyse(DATA / "clients" / "jordan-lee.yaml", dt.date(2026, 11, 23))


def _texts(fig: go.Figure) -> str:
    return " ".join(a.text for a in fig.layout.annotations)


def test_skills_chart_flags_unaddressed_gaps_and_credits_onet(report):
    fig = skills_chart(report.skills)
    assert isinstance(fig, go.Figure)
    names = {t.name for t in fig.data}
    assert {"required (unaddressed)", "client"} <= names
    assert "O*NET 29.0 Database" in _texts(fig) and "CC BY 4.0" in _texts(fig)
    unaddressed = next(t for t in fig.data if t.name == "required (unaddressed)")
    assert all(str(y).endswith(" !") for y in unaddressed.y)


def test_peer_chart_marks_the_client_on_each_metric(report):
    fig = peer_chart(
        report.peers, load_peers(DATA / "peers" / "healthcare-it.csv"), client_name="Mercy"
    )
    boxes = [t for t in fig.data if isinstance(t, go.Box)]
    marks = [t for t in fig.data if t.name == "Mercy"]
    assert len(boxes) == len(marks) == len(report.peers)
    assert marks[0].y[0] == report.peers.iloc[0]["value"]


def test_progress_chart(report):
    fig = progress_chart(report.progress)
    assert [t.name for t in fig.data] == ["planned", "reported"]
    assert "Progress at 2026-11-20" in fig.layout.title.text


@pytest.mark.parametrize("kind", ["sunburst", "icicle"])
def test_goal_tree_chart(report, kind):
    fig = goal_tree_chart(report.alignment, kind=kind)
    trace = fig.data[0]
    assert trace.type == kind
    assert "goal:balance" in list(trace.ids)
    assert any("(no step)" in label for label in trace.labels)


def test_goal_tree_chart_bad_kind(report):
    with pytest.raises(ValueError, match="kind must be 'sunburst' or 'icicle'"):
        goal_tree_chart(report.alignment, kind="pie")


def test_occupations_chart_credits_onet(report):
    fig = occupations_chart(report.occupations)
    assert len(fig.data[0].x) == len(report.occupations)
    assert "USDOL/ETA" in _texts(fig)


def test_assessment_chart_sets_client_against_role(report):
    from careerlib.charts import assessment_chart
    from careerlib.gaps import self_assessment

    frame = self_assessment(report.client, report.role)
    fig = assessment_chart(frame, role_title=report.role.title)
    polar = [t for t in fig.data if t.type == "scatterpolar"]
    assert {t.name for t in polar} == {"Client", report.role.title}
    client_interests = next(t for t in polar if t.name == "Client" and "Enterprising" in t.theta)
    assert list(client_interests.theta)[0] == list(client_interests.theta)[-1]  # closed shape
    bars = [t for t in fig.data if t.type == "bar"]
    assert "Calm in a crisis" in list(bars[0].y)
    assert any("O*NET" in (a.text or "") for a in fig.layout.annotations)


def test_obstacles_chart_places_each_obstacle(report):
    from careerlib.charts import obstacles_chart
    from careerlib.gaps import obstacles

    frame = obstacles(report.plan, report.schedule)
    fig = obstacles_chart(frame)
    trace = fig.data[0]
    assert sorted(trace.text) == sorted(frame.index)
    assert max(trace.x) <= 5.5 and min(trace.y) >= 1
