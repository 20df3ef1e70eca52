"""The old import paths a coach's notebook may use still work, and say where things went."""

from __future__ import annotations

import datetime as dt
import importlib
import sys

import pytest

import careerlib


@pytest.mark.parametrize(
    ("old", "name", "new"),
    [
        pytest.param("careerlib.widgets", "PlanExplorer", "careerlib.console.explorers"),
        pytest.param("careerlib.checkin_panel", "CheckinPanel", "careerlib.console.checkin_panel"),
        pytest.param("careerlib.practice", "read_roster", "careerlib.roster_status"),
        pytest.param("careerlib.practice_files", "write_roster", "careerlib.roster_files"),
        pytest.param("careerlib.scheduler", "schedule", "careerlib.scheduling.scheduler"),
        pytest.param("careerlib.calendars", "WorkCalendar", "careerlib.scheduling.calendars"),
        pytest.param("careerlib.capacity", "WeeklyLoad", "careerlib.scheduling.capacity"),
    ],
)
def test_an_old_path_warns_and_gives_the_same_object(old: str, name: str, new: str) -> None:
    sys.modules.pop(old, None)
    with pytest.warns(FutureWarning, match=rf"{old} is deprecated .* moved to {new}"):
        module = importlib.import_module(old)
    assert getattr(module, name) is getattr(importlib.import_module(new), name)
    assert getattr(module, name) is getattr(careerlib, name)


def test_the_old_roster_tables_still_render() -> None:
    from tests.conftest import DATA

    sys.modules.pop("careerlib.practice_files", None)
    with pytest.warns(FutureWarning):
        old = importlib.import_module("careerlib.practice_files")
    result = careerlib.read_roster(DATA / "roster", dt.date(2026, 2, 2))
    assert list(old.display_table(result)["Client"])[0] == "Lee Late"
    assert "Lee Late" in old.styled_table(result).to_html()
