"""The skills chart: unaddressed gaps flagged, O*NET credited."""

from __future__ import annotations

import plotly.graph_objects as go

from careerlib.charts import skills_chart
from tests.charts.helpers import annotation_texts


def test_skills_chart_flags_unaddressed_gaps_and_credits_onet(report):
    fig = skills_chart(report.skills)
    assert isinstance(fig, go.Figure)
    names = {t.name for t in fig.data}
    assert {"required (unaddressed)", "client"} <= names
    assert "O*NET 29.0 Database" in annotation_texts(fig) and "CC BY 4.0" in annotation_texts(fig)
    unaddressed = next(t for t in fig.data if t.name == "required (unaddressed)")
    assert all(str(y).endswith(" !") for y in unaddressed.y)


def test_a_skill_not_rated_is_grey_with_a_question_mark_and_no_diamond():
    from careerlib.gaps import skills_gap
    from careerlib.onet import role_profile

    fig = skills_chart(skills_gap(role_profile("11-3021.00"), {"Critical Thinking": 3}), top=None)
    unknown = next(t for t in fig.data if t.name == "required (not rated: ask the client)")
    assert all(str(y).endswith(" ?") for y in unknown.y)
    assert "not rated: ask the client" in unknown.hovertext[0]
    client = next(t for t in fig.data if t.name == "client")
    assert sum(x == x for x in client.x) == 1  # one diamond: the one skill rated
