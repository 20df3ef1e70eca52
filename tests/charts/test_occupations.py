"""The occupations chart: one dot an occupation, O*NET credited."""

from __future__ import annotations

from careerlib.charts import occupations_chart
from tests.charts.helpers import annotation_texts


def test_occupations_chart_credits_onet(report):
    fig = occupations_chart(report.occupations)
    assert len(fig.data[0].x) == len(report.occupations)
    assert "USDOL/ETA" in annotation_texts(fig)
