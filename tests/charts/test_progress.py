"""The progress chart: the share reported for each step, by state."""

from __future__ import annotations

from careerlib.charts import progress_chart


def test_progress_chart(report):
    fig = progress_chart(report.progress)
    # what was reported, by state; the old "planned" bars (the plan's latest dates,
    # a second measure beside the baseline's) are gone
    assert {t.name for t in fig.data} <= {"done", "in progress", "not started"}
    assert "planned" not in {t.name for t in fig.data}
    assert fig.layout.title.text.startswith("Reported on 20 Nov 2026: ")
