"""The progress chart: planned against reported."""

from __future__ import annotations

from careerlib.charts import progress_chart


def test_progress_chart(report):
    fig = progress_chart(report.progress)
    assert [t.name for t in fig.data] == ["planned", "reported"]
    assert "Progress at 2026-11-20" in fig.layout.title.text
