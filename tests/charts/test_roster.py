"""The roster chart: each client's target against the forecast, coloured by status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from careerlib.charts import STATUS_COLORS, roster_chart
from careerlib.roster_status import roster

FOLDER = Path(__file__).resolve().parents[1] / "data" / "roster"
DAY = dt.date(2026, 2, 2)


def test_one_row_a_client_in_attention_order() -> None:
    frame = roster(FOLDER, as_of=DAY)
    fig = roster_chart(frame)
    assert list(fig.layout.yaxis.categoryarray) == [
        "Ada Ahead",
        "Olga On-Plan",
        "Sam Slack",
        "<i>Stu Stale *</i>",  # stale: in italics, marked
        "Ben Behind",
        "Lee Late",  # the first to attend to, at the top
    ]
    assert fig.layout.yaxis.type == "category"
    assert fig.layout.title.text == "The practice on 2 Feb 2026: 6 clients"
    assert "* 1 stale" in fig.layout.title.subtitle.text


def test_forecast_dots_and_lines_in_the_status_colour() -> None:
    frame = roster(FOLDER, as_of=DAY)
    fig = roster_chart(frame)
    dots = {t.name: t for t in fig.data if t.mode == "markers" and t.name != "target"}
    assert list(dots) == [f"{s} ({n})" for s, n in zip(STATUS_COLORS, [1, 1, 2, 1, 1], strict=True)]
    late = dots["late (1)"]
    assert late.marker.color == STATUS_COLORS["late"]
    assert list(late.x) == [pd.Timestamp("2026-03-04")] and list(late.y) == ["Lee Late"]
    lines = [t for t in fig.data if t.mode == "lines"]
    slack = lines[list(STATUS_COLORS).index("using slack")]
    assert slack.line.color == STATUS_COLORS["using slack"]
    # each client a segment from the target to the forecast, apart by None
    assert list(slack.x) == [
        pd.Timestamp("2026-02-27"),
        pd.Timestamp("2026-02-26"),
        None,
        pd.Timestamp("2026-02-27"),
        pd.Timestamp("2026-02-13"),
        None,
    ]
    target = next(t for t in fig.data if t.name == "target")
    assert len(target.x) == 6 and target.marker.symbol == "line-ns"


def test_the_day_is_a_line_and_hover_says_it_all() -> None:
    frame = roster(FOLDER, as_of=DAY)
    fig = roster_chart(frame)
    assert [s.x0 for s in fig.layout.shapes] == ["2026-02-02"]
    assert "today 2 Feb 2026" in fig.layout.annotations[0].text
    late = next(t for t in fig.data if t.name == "late (1)")
    hover = late.hovertext[0]
    assert "<b>Lee Late</b>: late" in hover
    assert "3 working days late" in hover
    assert "next latest start: SQL course, 09 Feb 2026" in hover


def test_an_empty_roster_draws_an_empty_chart(tmp_path: Path) -> None:
    fig = roster_chart(roster(tmp_path, as_of=DAY))
    assert fig.layout.title.text == "The practice on 2 Feb 2026: 0 clients"
    assert all(len([x for x in t.x if x is not None]) == 0 for t in fig.data)
