"""The plan diff chart: old and new bars side by side per step, and both targets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from careerlib.charts import CHANGE_COLORS, plan_diff_chart
from careerlib.tracking.diff import plan_diff
from tests.charts.helpers import annotation_texts

DATA = Path(__file__).resolve().parents[1] / "data" / "rethink"


def _diff():  # type: ignore[no-untyped-def]
    return plan_diff(DATA / "old.yaml", DATA / "new.yaml")


def test_old_and_new_bars_for_each_step() -> None:
    fig = plan_diff_chart(_diff())
    before, after = (t for t in fig.data if t.type == "bar" and t.x[0] is not None)
    assert before.name == "Before: old.yaml as written (latest dates)"
    assert after.name == "After: new.yaml as written (latest dates)"
    # rows: a b c e d m x old-only; old bars above (-0.19), new below (+0.19)
    assert [round(y, 2) for y in before.y] == [-0.19, 0.81, 1.81, 3.81, 5.81, 6.81]
    assert [round(y, 2) for y in after.y] == [0.19, 1.19, 2.19, 3.19, 4.19, 6.19]
    # b: Wed 03-11 for 10 working days (to Tue 03-24) before, Fri 03-20 to Tue 03-31 after
    assert pd.Timestamp(before.base[1]) == pd.Timestamp("2026-03-11")
    assert before.x[1] == 14 * 86_400_000
    assert pd.Timestamp(after.base[1]) == pd.Timestamp("2026-03-20")
    assert after.x[1] == 12 * 86_400_000
    assert set(after.marker.color) == {CHANGE_COLORS["new"]}
    labels = list(fig.layout.yaxis.ticktext)
    assert labels[3] == "e (added)" and labels[7] == "old-only (removed)"


def test_milestones_and_both_targets() -> None:
    fig = plan_diff_chart(_diff())
    marks = [t for t in fig.data if t.type == "scatter"]
    assert [t.name for t in marks] == ["Milestone, before", "Milestone, after"]
    assert [list(t.x) for t in marks] == [["2026-03-27"], ["2026-04-03"]]
    notes = annotation_texts(fig)
    assert "Old target 27 Mar 2026" in notes and "New target 3 Apr 2026" in notes
    assert "The target moved from 27 Mar 2026 to 3 Apr 2026" in fig.layout.title.subtitle.text


def test_changed_only_leaves_out_the_unchanged_steps() -> None:
    same = plan_diff(DATA / "old.yaml", DATA / "old.yaml")
    assert len(plan_diff_chart(same, changed_only=True).layout.yaxis.ticktext) == 7
    diff = _diff()
    assert len(plan_diff_chart(diff, changed_only=True).layout.yaxis.ticktext) == 8
