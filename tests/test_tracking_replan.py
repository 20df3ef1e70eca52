"""Re-planning from a status date: dates worked by hand, files never replaced, the
baseline of the new plan, the client switched by its plan: line only.

The diamond plan (tests/data/tracking/diamond.yaml): a 3 days, then b (4 days)
and c (2 days, then a day of buffer) side by side, then d (1 day); a holiday on
Friday 2026-01-16; target 2026-02-27. A check-in on Thursday 01-08 reports a
done and b half done. Re-planned on Monday 01-12 with the target Friday 01-30:

* the work left: b keeps ceil(4 x 0.5) = 2 days and no longer waits on a; c
  waits on nothing (a is done); d waits on b and c;
* forecast from Mon 12: b Mon 12 - Tue 13, c Mon 12 - Tue 13 and its buffer day
  Wed 14, so d on Thu 15: the work left ends on 01-15;
* latest, back from Fri 30: d on 01-30; b ends Thu 29, from Wed 28; c's buffer
  day is Thu 29, so c ends Wed 28, from Tue 27.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pytest

from careerlib import load_plan, schedule
from careerlib.exceptions import OutputError, UsageError
from careerlib.tracking import (
    baselines_path,
    checkin,
    load_baselines,
    schedule_client,
    track_client,
)
from careerlib.tracking.fingerprint import plan_fingerprint
from careerlib.tracking.replan import replan

D = dt.date
DATA = Path(__file__).parent / "data" / "tracking"
ROOT = Path(__file__).resolve().parents[1]

CLIENT = """# a client of the diamond plan
name: Test Client
current_role: Analyst
target_role: Data Scientists
plan: diamond.yaml   # kept as written
cadence: weekly
"""


@pytest.fixture
def client(tmp_path: Path) -> Path:
    shutil.copy(DATA / "diamond.yaml", tmp_path / "diamond.yaml")
    path = tmp_path / "client.yaml"
    path.write_text(CLIENT)
    checkin(path, {"a": 1.0, "b": 0.5}, D(2026, 1, 8))
    return path


def dates(sched, sid: str) -> tuple[dt.date | None, ...]:  # type: ignore[no-untyped-def]
    k = sched.position(sid)
    out = []
    for arr in (sched.early_start, sched.early_finish, sched.start, sched.finish):
        out.append(None if np.isnat(arr[k]) else arr[k].astype(object))
    return tuple(out)


def test_a_half_done_plan_replans_to_the_dates_worked_by_hand(client: Path) -> None:
    done = replan(client, D(2026, 1, 12), target=D(2026, 1, 30))
    sched = done.schedule
    assert done.path == client.parent / "diamond-replan-2026-01-12.yaml"
    assert list(sched.states) == ["done", "in progress", "not started", "not started"]
    assert dates(sched, "a") == (None, None, None, None)
    assert dates(sched, "b") == (D(2026, 1, 12), D(2026, 1, 13), D(2026, 1, 28), D(2026, 1, 29))
    assert dates(sched, "c") == (D(2026, 1, 12), D(2026, 1, 13), D(2026, 1, 27), D(2026, 1, 28))
    assert dates(sched, "d") == (D(2026, 1, 15), D(2026, 1, 15), D(2026, 1, 30), D(2026, 1, 30))
    assert sched.forecast_finish == D(2026, 1, 15) and sched.feasible
    assert done.counts == {"done": 1, "in progress": 1, "not started": 2}
    assert done.verdict == (
        "On track: the work left ends on 15 Jan 2026, 10 working days before the target "
        "30 Jan 2026."
    )
    # the file says what was done and what is left, and reads back as the same plan
    text = done.path.read_text()
    assert text.startswith("# Re-plan of diamond.yaml on 2026-01-12 (careerlib replan)")
    assert "- {id: a, duration: 3d}  # done by 2026-01-12\n" in text
    assert (
        "- {id: b, duration: 4d, after: [a]}  # 50% done on 2026-01-12: 2 working days left\n"
        in text
    )
    assert load_plan(done.path) == done.plan
    assert done.plan.target == D(2026, 1, 30)
    (review,) = done.plan.checkpoints.reviews  # type: ignore[union-attr]
    assert (review.date, review.progress) == (D(2026, 1, 12), {"a": 1.0, "b": 0.5})


def test_without_a_new_target_the_replan_is_the_old_plan_on_that_day(client: Path) -> None:
    done = replan(client, D(2026, 1, 12))
    old = schedule_client(client, D(2026, 1, 12))
    new = done.schedule
    for arr in ("early_start", "early_finish", "start", "finish"):
        assert np.array_equal(getattr(old, arr), getattr(new, arr), equal_nan=True), arr
    assert new.status_verdict.sentence == old.status_verdict.sentence


def test_nothing_is_ever_replaced(client: Path) -> None:
    folder = client.parent
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    first = replan(client, D(2026, 1, 12), target=D(2026, 1, 30))
    second = replan(client, D(2026, 1, 12), target=D(2026, 2, 6))
    assert second.path.name == "diamond-replan-2026-01-12-2.yaml"
    assert first.path.read_text() != second.path.read_text()
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name in before} == before
    with pytest.raises(OutputError, match="diamond.yaml exists already; a re-plan never replaces"):
        replan(client, D(2026, 1, 12), output=folder / "diamond.yaml")
    (folder / "mine.baselines.jsonl").write_text("")
    with pytest.raises(OutputError, match="mine.baselines.jsonl exists already"):
        replan(client, D(2026, 1, 12), output=folder / "mine.yaml")
    assert not (folder / "mine.yaml").exists()
    # a folder: the first free name in it
    (folder / "out").mkdir()
    third = replan(client, D(2026, 1, 12), output=folder / "out")
    assert third.path == folder / "out" / "diamond-replan-2026-01-12.yaml"


def test_the_baseline_is_the_new_plans_after_the_old_ones(client: Path) -> None:
    done = replan(client, D(2026, 1, 12), target=D(2026, 1, 30))
    assert done.baselines == baselines_path(done.path)
    old_lines = baselines_path(client.parent / "diamond.yaml").read_text().splitlines()
    new_lines = done.baselines.read_text().splitlines()
    assert new_lines[:-1] == old_lines  # the history, copied as it was
    saved = load_baselines(done.baselines)
    assert [b.name for b in saved] == ["baseline-2026-01-05", "replan-2026-01-12"]
    assert saved[-1] == done.baseline and done.baseline.date == D(2026, 1, 12)
    assert done.baseline.fingerprint == plan_fingerprint(done.plan)
    assert done.baseline.target == D(2026, 1, 30)
    assert done.previous.name == "baseline-2026-01-05"
    assert done.diff.target_moved_days == -20
    assert done.diff.having("finished") == ("a",)


def test_switch_rewrites_only_the_plan_line(client: Path) -> None:
    before = client.read_text()
    done = replan(client, D(2026, 1, 12), target=D(2026, 1, 30), switch=True)
    after = client.read_text()
    assert after == before.replace(
        "plan: diamond.yaml   # kept as written",
        "plan: diamond-replan-2026-01-12.yaml   # kept as written",
    )
    assert done.switched
    tr = track_client(client, D(2026, 1, 12))
    assert tr.baseline.name == "replan-2026-01-12" and tr.plan_change is None
    assert tr.forecast.finish == D(2026, 1, 15)
    # later check-ins count against the re-plan as shares of the same steps:
    # on Tue 13 b at 75%: ceil(4 x 0.25) = 1 day left
    checkin(client, {"b": 0.75}, D(2026, 1, 13))
    assert schedule_client(client, D(2026, 1, 13)).remaining_days.tolist() == [0, 1, 2, 1]


def test_a_checkin_on_the_replan_day_is_not_counted_twice(client: Path) -> None:
    checkin(client, {"b": 0.5, "c": 0.5}, D(2026, 1, 12))
    done = replan(client, D(2026, 1, 12), switch=True)
    # b and c half done: 2 and 1 days left, as the journal and the re-plan's review both say
    assert done.schedule.remaining_days.tolist() == [0, 2, 1, 1]
    assert schedule_client(client, D(2026, 1, 12)).remaining_days.tolist() == [0, 2, 1, 1]


@pytest.mark.parametrize(
    ("day", "kwargs", "message"),
    [
        pytest.param(
            D(2026, 3, 2),
            {},
            r"the target 2026-02-27 has passed by 2026-03-02: a re-plan",
            id="passed",
        ),
        pytest.param(
            D(2026, 1, 12),
            {"target": D(2026, 1, 9)},
            "the new target 2026-01-09 is before the re-plan day 2026-01-12",
            id="early-target",
        ),
    ],
)
def test_a_refused_replan_writes_nothing(
    client: Path, day: dt.date, kwargs: dict[str, object], message: str
) -> None:
    before = sorted(p.name for p in client.parent.iterdir())
    with pytest.raises(UsageError, match=message):
        replan(client, day, **kwargs)  # type: ignore[arg-type]
    assert sorted(p.name for p in client.parent.iterdir()) == before


def test_another_route_is_replanned_but_not_switched_to(tmp_path: Path) -> None:
    for part in ("clients", "plans"):
        shutil.copytree(ROOT / "data" / part, tmp_path / part)
    client = tmp_path / "clients" / "jordan-lee.yaml"
    before = client.read_bytes()
    with pytest.raises(UsageError, match="--switch rewrites only the client file's plan: line"):
        replan(client, D(2026, 12, 7), route="external", switch=True)
    assert client.read_bytes() == before
    done = replan(client, D(2026, 12, 7), route="external")
    assert done.route == "external" and done.baseline.route == "external"
    assert [r.id for r in done.plan.routes] == ["internal", "external"]
    assert (
        schedule(done.plan, "external").ids
        == schedule(load_plan(tmp_path / "plans" / "it-director-to-cio.yaml"), "external").ids
    )
