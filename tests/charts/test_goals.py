"""The goal tree chart: a sunburst or an icicle of the goals."""

from __future__ import annotations

import pytest

from careerlib.charts import goal_tree_chart


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
