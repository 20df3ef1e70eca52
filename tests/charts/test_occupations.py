"""The occupations chart: one bar an occupation, the score's parts stacked, O*NET credited."""

from __future__ import annotations

import numpy as np

from careerlib.charts import occupations_chart
from careerlib.charts._style import COLORS
from careerlib.gaps import find_occupations
from careerlib.onet import load_onet
from tests.charts.helpers import annotation_texts, one


def test_occupations_chart_stacks_the_four_parts(report):
    occ = report.occupations
    fig = occupations_chart(occ, subtitle="Jordan Lee: IT Director → CIO")
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == [
        "skills (up to 50)",
        "interests (up to 20)",
        "step up (up to 15)",  # direction up: the ladder in place of the job zone
        "related (up to 15)",
    ]
    assert fig.layout.barmode == "stack"
    # best at the top: plotly draws the first category at the bottom
    assert bars[0].y[-1] == "1. Medical and Health Services Managers"
    total = np.sum([np.asarray(t.x, dtype=float) for t in bars], axis=0)
    np.testing.assert_allclose(total[::-1], occ["score"], atol=0.21)
    assert one(fig, "skills").marker.color == COLORS["skills_points"]
    labels = fig.data[-1]
    assert labels.mode == "text" and labels.text[-1].strip() == f"{occ.loc[1, 'score']:.0f}"
    assert "USDOL/ETA" in annotation_texts(fig)
    assert "★ the target" in fig.layout.title.subtitle.text


def test_hover_explains_the_line(report):
    fig = occupations_chart(report.occupations)
    hover = one(fig, "related").hovertext[-1]
    assert "Medical and Health Services Managers" in hover
    assert "a step up: broader management — Leadership 4.8/5 (now 4.2)" in hover
    assert "brings: Computers and Electronics" in hover
    assert "largest gaps:" in hover and "ask the client about: Administrative" in hover
    step = one(fig, "step up").hovertext[-1]
    assert "step up: 15.0 points, broader management (job zone 4)" in step
    skills = one(fig, "skills").hovertext[-1]
    assert "(judged on the 75% the client rated)" in skills


def test_the_target_is_starred_and_parts_left_out_are_not_drawn():
    onet = load_onet()
    code = "29-1141.00"
    levels = {str(onet.elements.at[e, "name"]): float(v) for e, v in onet.level.loc[code].items()}
    found = find_occupations(levels, target=code, top=3)
    fig = occupations_chart(found)
    names = [t.name for t in fig.data if t.type == "bar"]
    # no interests rated: that part is left out
    assert names == ["skills (up to 50)", "job zone (up to 15)", "related (up to 15)"]
    assert fig.data[0].y[-1] == "1. Registered Nurses ★"
    assert fig.layout.height == 190 + 34 * 6  # at least six rows high
