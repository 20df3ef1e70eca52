"""What changed between two versions of a plan: two hand-made plans, baselines, a status date.

tests/data/rethink/old.yaml and new.yaml differ in exactly these ways (their
comments say how); the latest starts below are worked by hand, back from the
targets Friday 2026-03-27 (old) and Friday 2026-04-03 (new), on a Monday to
Friday week:

* old: m and d end on 03-27 (d from Wed 03-25); b (10 days) and c (5) end on
  Tue 03-24, from Wed 03-11 and Wed 03-18; a ends 03-10, from Wed 03-04; x
  (2 days) from Thu 03-26; old-only (4 days) from Tue 03-24;
* new: d from Wed 04-01; b (8 days) and e (2) end on Tue 03-31, from Fri
  03-20 and Mon 03-30; c (7 days) ends Fri 03-27, from Thu 03-19; a ends
  Wed 03-18, from Thu 03-12; x from Thu 04-02.

So in working days: a +6, b +7, c +1, d +5, m +5 (its day), x +5, the target +5.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from careerlib.exceptions import CheckinError
from careerlib.tracking import checkin, save_plan_baseline
from careerlib.tracking.diff import last_change, plan_diff, plan_version
from tests.conftest import tracking_client

D = dt.date
DATA = Path(__file__).parent / "data" / "rethink"


@pytest.fixture(scope="module")
def diff():  # type: ignore[no-untyped-def]
    return plan_diff(DATA / "old.yaml", DATA / "new.yaml")


def test_two_hand_made_plans_list_exactly_their_changes(diff) -> None:  # type: ignore[no-untyped-def]
    assert {s.id: s.changes for s in diff.steps} == {
        "a": ("later",),
        "b": ("shortened", "later"),
        "c": ("lengthened", "later"),
        "e": ("added",),
        "d": ("links", "later"),
        "m": ("goal", "later"),
        "x": ("later",),
        "old-only": ("removed",),
    }
    moved = {s.id: s.start_moved_days for s in diff.steps}
    assert moved == {"a": 6, "b": 7, "c": 1, "e": None, "d": 5, "m": 5, "x": 5, "old-only": None}
    old = {s.id: s.old.start for s in diff.steps if s.old is not None}
    new = {s.id: s.new.start for s in diff.steps if s.new is not None}
    assert old == {
        "a": D(2026, 3, 4),
        "b": D(2026, 3, 11),
        "c": D(2026, 3, 18),
        "d": D(2026, 3, 25),
        "m": D(2026, 3, 27),
        "x": D(2026, 3, 26),
        "old-only": D(2026, 3, 24),
    }
    assert new == {
        "a": D(2026, 3, 12),
        "b": D(2026, 3, 20),
        "c": D(2026, 3, 19),
        "e": D(2026, 3, 30),
        "d": D(2026, 4, 1),
        "m": D(2026, 4, 3),
        "x": D(2026, 4, 2),
    }
    assert diff.target_moved_days == 5
    assert (diff.goals_added, diff.goals_removed, diff.goals_changed) == (
        ("health",),
        (),
        ("family",),
    )
    assert (diff.routes_added, diff.routes_removed, diff.routes_renamed) == (
        ("part",),
        (),
        ("slow",),
    )
    assert not diff.route_changed and not diff.unchanged


def test_the_sentences_say_each_change_once(diff) -> None:  # type: ignore[no-untyped-def]
    assert diff.sentences() == [
        "The target moved from 2026-03-27 to 2026-04-03 (5 working days later).",
        "Steps added: e.",
        "Steps removed: old-only.",
        "Shortened: b.",
        "Lengthened: c.",
        "Dependencies changed: d.",
        "Serving another goal: m.",
        "Latest starts later: b (7 working days), a (6 working days), d (5 working days), "
        "m (5 working days), x (5 working days), c (1 working day).",
        "Goals added: health.",
        "Goals changed: family.",
        "Routes added: part.",
        "Routes renamed: slow.",
    ]


def test_a_plan_against_itself_is_unchanged() -> None:
    same = plan_diff(DATA / "old.yaml", DATA / "old.yaml")
    assert same.unchanged and not same.changed_steps
    assert same.sentences() == ["The target is unchanged (2026-03-27).", "Nothing else changed."]


def test_json_lists_the_changes_by_kind(diff) -> None:  # type: ignore[no-untyped-def]
    got = json.loads(json.dumps(diff.to_dict()))
    assert got["target"] == {"old": "2026-03-27", "new": "2026-04-03", "moved_days": 5}
    assert got["steps"] == {
        "added": ["e"],
        "removed": ["old-only"],
        "shortened": ["b"],
        "lengthened": ["c"],
        "links": ["d"],
        "goal": ["m"],
        "later": ["a", "b", "c", "d", "m", "x"],
    }
    assert got["goals"] == {"added": ["health"], "removed": [], "changed": ["family"]}
    assert got["routes"] == {"added": ["part"], "removed": [], "renamed": ["slow"]}
    assert (got["old"]["kind"], got["new"]["label"]) == ("plan", "new.yaml as written")


def test_two_baselines_and_the_status_date(tmp_path: Path) -> None:
    client = tracking_client(tmp_path)
    plan = tmp_path / "two-steps.yaml"
    save_plan_baseline(client, D(2026, 1, 5), name="agreed")
    checkin(client, {"a": 0.4}, D(2026, 1, 8))
    text = plan.read_text().replace("duration: 5d, after: a", "duration: 3d, after: a")
    plan.write_text(text)
    save_plan_baseline(client, D(2026, 1, 8), name="after the edit")
    d = plan_diff(f"{client}@agreed", f"{client}@after the edit")
    assert (d.old.label, d.new.label) == (
        "baseline 'agreed' of 2026-01-05",
        "baseline 'after the edit' of 2026-01-08",
    )
    assert {s.id: s.changes for s in d.steps} == {
        "a": ("progressed", "later"),
        "b": ("shortened", "later"),
    }
    # agreed: b 01-19 to 01-23, a from 01-12; after the edit (3 days of a left on
    # Thu 8, b 3 days): b from Wed 01-21, a from Fri 01-16
    assert {s.id: s.start_moved_days for s in d.steps} == {"a": 4, "b": 2}
    # '@' alone: the newest; the client file alone: its plan on the status date
    today = plan_diff(f"{client}@", client, as_of=D(2026, 1, 12))
    assert today.old.name == "after the edit" and today.new.label == "the plan on 2026-01-12"
    # on Mon 12, 3 days of a are left (Mon-Wed), then b's 3 days: Thu 15, Fri 16, Mon 19
    assert today.new.baseline.finish == D(2026, 1, 19)
    assert last_change(client) is not None
    assert last_change(client).new.name == "after the edit"  # type: ignore[union-attr]


def test_a_missing_baseline_names_the_known_ones(tmp_path: Path) -> None:
    client = tracking_client(tmp_path)
    save_plan_baseline(client, D(2026, 1, 5), name="agreed")
    with pytest.raises(CheckinError, match="no baseline named 'agred'; did you mean 'agreed'"):
        plan_version(f"{client}@agred")
    shutil.copy(DATA / "old.yaml", tmp_path / "old.yaml")
    with pytest.raises(CheckinError, match="old.yaml has no baseline yet"):
        plan_version(f"{tmp_path / 'old.yaml'}@")
    assert last_change(client) is None


def test_a_plan_file_against_a_client_takes_the_clients_route(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1] / "data"
    for part in ("clients", "plans"):
        shutil.copytree(root / part, tmp_path / part)
    client = tmp_path / "clients" / "jordan-lee.yaml"
    plan = tmp_path / "plans" / "it-director-to-cio.yaml"
    d = plan_diff(f"{client}@", plan)
    assert (d.old.baseline.route, d.new.baseline.route) == ("internal", "internal")
    assert not d.route_changed and not d.having("added")  # not the external route's steps
    # a plan's baseline by name, whatever its route; '@' alone: the newest
    assert plan_version(f"{plan}@baseline-2026-10-05").baseline.route == "internal"
    assert plan_version(f"{plan}@").name == "baseline-2026-10-05"
    # asked for explicitly, another route is compared as asked
    other = plan_diff(plan, plan, route="external")
    assert other.old.baseline.route == "external" and other.unchanged


def test_a_target_moved_earlier_is_said_in_plain_words() -> None:
    d = plan_diff(DATA / "new.yaml", DATA / "old.yaml")
    assert d.target_moved_days == -5
    assert d.sentences()[0] == (
        "The target moved from 2026-04-03 to 2026-03-27 (5 working days earlier)."
    )
    assert {s.id: s.changes for s in d.steps}["e"] == ("removed",)
