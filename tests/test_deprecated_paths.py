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


@pytest.mark.parametrize("module", ["careerlib", "careerlib.gaps"])
def test_the_old_name_of_the_occupations_breakdown_warns(module: str) -> None:
    # gaps.occupations_table was renamed: tables.occupations_table is the report's table
    found = importlib.import_module(module)
    with pytest.warns(FutureWarning, match=rf"{module}.occupations_table is deprecated"):
        old = found.occupations_table
    assert old is careerlib.gaps.occupations_breakdown
    assert careerlib.tables.occupations_table is not old
    with pytest.raises(AttributeError):
        found.no_such_name  # noqa: B018


def test_the_onet_data_dir_is_the_one_of_paths() -> None:
    from careerlib import _paths, onet

    assert onet.data_dir is _paths.data_dir
