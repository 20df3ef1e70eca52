"""The progress chart: planned against reported."""

from __future__ import annotations

from careerlib.charts import progress_chart


def test_progress_chart(report):
    fig = progress_chart(report.progress)
    assert [t.name for t in fig.data] == ["planned", "reported (red: behind the plan)"]
    assert "Progress at 20 Nov 2026" in fig.layout.title.text
    # the steps by their titles (in lines), never by their ids
    titles = [str(t).replace("<br>", " ") for t in fig.data[0].y]
    assert set(titles) == set(report.progress.steps["title"])
