"""The peer chart: the client marked on each metric."""

from __future__ import annotations

import plotly.graph_objects as go

from careerlib.charts import peer_chart
from careerlib.peers import load_peers
from tests.charts.helpers import DATA_ROOT


def test_peer_chart_marks_the_client_on_each_metric(report):
    fig = peer_chart(
        report.peers, load_peers(DATA_ROOT / "peers" / "healthcare-it.csv"), client_name="Mercy"
    )
    boxes = [t for t in fig.data if isinstance(t, go.Box)]
    marks = [t for t in fig.data if t.name == "Mercy"]
    assert len(boxes) == len(marks) == len(report.peers)
    assert marks[0].y[0] == report.peers.iloc[0]["value"]
