"""Baselines: frozen, stored append-only beside the plan, named, new steps shown apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from careerlib import load_plan
from careerlib.exceptions import CheckinError, DataError
from careerlib.tracking import (
    baselines_path,
    checkin,
    freeze_baseline,
    load_baselines,
    save_plan_baseline,
    track,
    track_client,
)
from tests.conftest import tracking_client

DATA = Path(__file__).parent / "data" / "tracking"
D = dt.date


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return tracking_client(tmp_path)


def test_freeze_by_hand() -> None:
    plan = load_plan(DATA / "two-steps.yaml")
    b = freeze_baseline(plan, D(2026, 1, 1))
    a, bb = b.steps
    assert (a.early_start, a.early_finish, a.start, a.finish) == (
        D(2026, 1, 5),
        D(2026, 1, 9),
        D(2026, 1, 12),
        D(2026, 1, 16),
    )
    assert (bb.early_start, bb.early_finish, bb.start, bb.finish) == (
        D(2026, 1, 12),
        D(2026, 1, 16),
        D(2026, 1, 19),
        D(2026, 1, 23),
    )
    assert (a.duration_days, a.work_days, b.slack_days, b.finish) == (5, 5.0, 5, D(2026, 1, 16))
    assert b.name == "baseline-2026-01-01"


def test_mid_plan_baseline_counts_forward_from_its_day() -> None:
    plan = load_plan(DATA / "two-steps.yaml")
    b = freeze_baseline(plan, D(2026, 1, 8), progress={"a": 0.4})
    a = b.steps[0]
    # 3 days of a left from Thu 8: Thu, Fri, Mon
    assert (a.done, a.early_start, a.early_finish) == (0.4, D(2026, 1, 8), D(2026, 1, 12))
    assert b.steps[1].early_start == D(2026, 1, 13)


def test_first_checkin_saves_a_baseline_and_the_plan_file_is_untouched(client: Path) -> None:
    plan_file = client.parent / "two-steps.yaml"
    before = plan_file.read_bytes()
    done = checkin(client, {"a": 0.4}, D(2026, 1, 8))
    assert done.baseline is not None and done.baselines == baselines_path(plan_file)
    assert done.baseline.date == D(2026, 1, 5)
    again = checkin(client, {"a": 0.6}, D(2026, 1, 9))
    assert again.baseline is None
    assert len(load_baselines(baselines_path(plan_file))) == 1
    assert plan_file.read_bytes() == before


def test_named_baselines_and_the_newest_wins(client: Path) -> None:
    plan_file = client.parent / "two-steps.yaml"
    save_plan_baseline(client, D(2026, 1, 5), name="original")
    save_plan_baseline(client, D(2026, 1, 12), name="replan")
    assert [b.name for b in load_baselines(baselines_path(plan_file))] == ["original", "replan"]
    assert track_client(client, D(2026, 1, 12)).baseline.name == "replan"
    assert track_client(client, D(2026, 1, 12), baseline="original").baseline.name == "original"
    with pytest.raises(CheckinError, match="no baseline named 'orignal'; did you mean 'original'"):
        track_client(client, D(2026, 1, 12), baseline="orignal")


def test_steps_added_after_the_baseline_are_shown_as_such(tmp_path: Path) -> None:
    plan = load_plan(DATA / "two-steps.yaml")
    base = freeze_baseline(plan, plan.first_day)
    grown = plan.model_validate(
        {
            **plan.model_dump(by_alias=True),
            "steps": [
                *plan.model_dump(by_alias=True)["steps"],
                {"id": "c", "duration": "2d", "after": ["b"]},
            ],
        }
    )
    t = track(grown, D(2026, 1, 8), baseline=base)
    assert t.new_steps == ("c",)
    assert [s.new for s in t.steps] == [False, False, True]
    assert any("added since the baseline" in p for p in t.rethink_prompts())


def test_malformed_baseline_line(tmp_path: Path) -> None:
    path = tmp_path / "p.baselines.jsonl"
    path.write_text('{"name": "x"}\n')
    with pytest.raises(DataError, match=r"p\.baselines\.jsonl:1: malformed baseline entry"):
        load_baselines(path)
