"""The skills chart: unaddressed gaps flagged, O*NET credited."""

from __future__ import annotations

import plotly.graph_objects as go

from careerlib.charts import skills_chart
from tests.charts.helpers import annotation_texts


def test_skills_chart_flags_unaddressed_gaps_and_credits_onet(report):
    fig = skills_chart(report.skills)
    assert isinstance(fig, go.Figure)
    names = {t.name for t in fig.data}
    unaddressed_name = "level required: no step develops it (!)"
    assert {unaddressed_name, "the client's level"} <= names
    assert "O*NET 29.0 Database" in annotation_texts(fig) and "CC BY 4.0" in annotation_texts(fig)
    unaddressed = next(t for t in fig.data if t.name == unaddressed_name)
    assert all(str(y).endswith(" !") for y in unaddressed.y)
