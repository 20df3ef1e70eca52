"""The plan's fingerprint in a baseline, and the warning when the plan changed after it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from careerlib import parse_plan, summaries
from careerlib.tracking import (
    baselines_path,
    checkin,
    load_baselines,
    save_plan_baseline,
    status,
    track_client,
)
from careerlib.tracking.fingerprint import plan_change, plan_fingerprint
from tests.conftest import tracking_client

D = dt.date
DATA = Path(__file__).parent / "data" / "tracking"
PLAN = (DATA / "two-steps.yaml").read_text()


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return tracking_client(tmp_path)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("title: Two steps", "title: Two steps, renamed", id="plan-title"),
        pytest.param("title: Step A,", "title: The first step,", id="step-title"),
        pytest.param("duration: 5d}", "duration: 1w}", id="same-length"),
        pytest.param("cadence: weekly", "cadence: monthly", id="cadence"),
    ],
)
def test_edits_that_change_no_date_keep_the_fingerprint(old: str, new: str) -> None:
    assert old in PLAN
    edited = parse_plan(PLAN.replace(old, new, 1))
    assert plan_fingerprint(edited) == plan_fingerprint(parse_plan(PLAN))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("target: 2026-01-23", "target: 2026-01-30", id="target"),
        pytest.param("start: 2026-01-05", "start: 2026-01-06", id="start"),
        pytest.param("duration: 5d, after: a", "duration: 6d, after: a", id="duration"),
        pytest.param(", after: a}", "}", id="link"),
        pytest.param("duration: 5d}", "duration: 5d, deadline: 2026-01-16}", id="deadline"),
        pytest.param("duration: 5d}", "duration: 5d, buffer: 1d}", id="buffer"),
        pytest.param("steps:", "calendar: {holidays: [2026-01-12]}\nsteps:", id="holiday"),
        pytest.param("steps:", "calendar: {workdays: [mon, tue, wed, thu]}\nsteps:", id="days"),
        pytest.param(
            "checkpoints:", "  - {id: c, duration: 1d, after: b}\ncheckpoints:", id="step-added"
        ),
    ],
)
def test_edits_that_move_dates_change_the_fingerprint(old: str, new: str) -> None:
    assert old in PLAN
    edited = parse_plan(PLAN.replace(old, new, 1))
    assert plan_fingerprint(edited) != plan_fingerprint(parse_plan(PLAN))


def test_the_fingerprint_has_a_recipe_and_sixteen_digits() -> None:
    mark = plan_fingerprint(parse_plan(PLAN))
    assert mark.startswith("v1:") and len(mark) == 19
    assert plan_fingerprint(parse_plan(PLAN)) == mark  # stable


def test_a_baseline_records_the_fingerprint(client: Path) -> None:
    done = save_plan_baseline(client, D(2026, 1, 5))
    assert done.baseline is not None
    assert done.baseline.fingerprint == plan_fingerprint(parse_plan(PLAN))
    (stored,) = load_baselines(baselines_path(client.parent / "two-steps.yaml"))
    assert (stored.format, stored.fingerprint) == (2, done.baseline.fingerprint)


def test_the_warning_appears_after_a_plan_edit_and_goes_after_a_rebaseline(client: Path) -> None:
    plan_file = client.parent / "two-steps.yaml"
    checkin(client, {"a": 0.4}, D(2026, 1, 8))  # saves the first baseline
    assert track_client(client, D(2026, 1, 8)).plan_change is None
    plan_file.write_text(PLAN.replace("duration: 5d, after: a", "duration: 7d, after: a"))
    saved = load_baselines(baselines_path(plan_file))[0].saved
    later = dt.datetime.fromisoformat(saved).timestamp() + 86400 * 3
    os.utime(plan_file, (later, later))
    tr = track_client(client, D(2026, 1, 8))
    assert tr.plan_change is not None
    day = dt.datetime.fromtimestamp(later).date()
    assert tr.plan_change.changed_on == day
    sentence = (
        f"The plan changed on {day} after the baseline 'baseline-2026-01-05' "
        "(of 2026-01-05): re-baseline or re-plan."
    )
    assert tr.plan_change.sentence == sentence
    assert tr.rethink_prompts()[0].startswith(sentence)
    assert r"re\-baseline or re\-plan" in str(summaries.tracking_summary(tr).data)
    assert tr.to_dict()["plan_changed"]["changed_on"] == day.isoformat()
    assert status(client, D(2026, 1, 8)).plan_changed == sentence
    save_plan_baseline(client, D(2026, 1, 8), name="after the edit")
    tr = track_client(client, D(2026, 1, 8))
    assert tr.plan_change is None
    assert not any("re-baseline or re-plan" in p for p in tr.rethink_prompts())
    assert status(client, D(2026, 1, 8)).plan_changed is None


def test_a_plan_file_older_than_the_baseline_gives_no_day(client: Path) -> None:
    plan_file = client.parent / "two-steps.yaml"
    save_plan_baseline(client, D(2026, 1, 5))
    plan_file.write_text(PLAN.replace("target: 2026-01-23", "target: 2026-02-06"))
    os.utime(plan_file, (0, 0))  # a copy that kept an old time
    change = track_client(client, D(2026, 1, 8)).plan_change
    assert change is not None and change.changed_on is None
    assert change.sentence.startswith("The plan changed after the baseline 'baseline-2026-01-05'")


def test_a_baseline_of_format_1_loads_and_gives_no_warning(client: Path) -> None:
    plan_file = client.parent / "two-steps.yaml"
    save_plan_baseline(client, D(2026, 1, 5))
    where = baselines_path(plan_file)
    old = where.read_text().replace('"format": 2', '"format": 1')
    old = old[: old.index(', "fingerprint"')] + "}\n"
    where.write_text(old)
    (b,) = load_baselines(where)
    assert (b.format, b.fingerprint) == (1, None)
    plan_file.write_text(PLAN.replace("target: 2026-01-23", "target: 2026-02-06"))
    assert plan_change(parse_plan(plan_file.read_text()), b) is None
    assert track_client(client, D(2026, 1, 8)).plan_change is None
