"""The weekly load chart: hours within capacity, hours over it, the capacity line.

Its behaviour on a scheduled plan is tested with the capacity scheduler
(tests/test_capacity.py); here: a frame built by hand, in the shared colours.
"""

from __future__ import annotations

import pandas as pd

from careerlib.charts import LOAD_COLORS, weekly_load_chart


def test_weekly_load_chart_of_a_frame_in_the_load_colours() -> None:
    weeks = pd.to_datetime(["2026-11-23", "2026-11-30", "2026-12-07"])
    frame = pd.DataFrame(
        {"planned_hours": [4.0, 9.0, 12.5], "capacity_hours": [8.0, 8.0, 10.0]}, index=weeks
    )
    fig = weekly_load_chart(frame=frame, title="Load")
    planned, over, capacity = fig.data
    assert list(planned.y) == [4.0, 8.0, 10.0]
    assert list(over.y) == [0.0, 1.0, 2.5]
    assert list(over.text) == ["", "+1 h", "+2.5 h"]
    assert list(capacity.y) == [8.0, 8.0, 10.0]
    assert planned.marker.color == LOAD_COLORS["planned"]
    assert over.marker.color == LOAD_COLORS["over"]
    assert capacity.line.color == LOAD_COLORS["capacity"]
    assert fig.layout.title.text == "Load<br><sup>2 weeks over capacity</sup>"
