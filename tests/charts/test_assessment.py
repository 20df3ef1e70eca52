"""The self-assessment and obstacles charts."""

from __future__ import annotations


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
    # one numbered marker an obstacle, its title (never its id) in the legend
    assert [t.text[0] for t in fig.data] == [str(k + 1) for k in range(len(frame))]
    names = [t.name.replace("<br>", " ") for t in fig.data]
    assert names == [f"{k + 1}. {title}" for k, title in enumerate(frame["title"])]
    xs = [t.x[0] for t in fig.data]
    ys = [t.y[0] for t in fig.data]
    assert max(xs) <= 5.5 and min(ys) >= 0.5
    # obstacles sharing a cell sit apart, around its centre
    assert len({(x, y) for x, y in zip(xs, ys, strict=True)}) == len(frame)
