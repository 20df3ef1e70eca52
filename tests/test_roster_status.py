"""The practice roster: every client's status on one day, attention first.

The clients under tests/data/roster follow one plan, a chain of three steps
(a 10, b 10, c 5 working days from Monday 2026-01-05; target Friday
2026-02-27, the 40th working day: 15 days of slack). On Monday 2026-02-02
(working day 20) the earliest plan has a and b done (80% of the 25 days of
work) and the latest plan 5 days of a (20%). Each client's reported progress
gives, by hand:

* Ada (a, b done, c half): 90% earned > 80%: ahead; c's 2.5 days end on
  Wednesday 02-04, 17 days before the target;
* Olga (a, b done): 80%, not above the earliest plan, c ends 02-06 with the
  baseline's 15 days of slack intact: on plan;
* Sam (a done, b half): 60%, 10 days left end 02-13: 10 days of slack < 15: using slack;
* Lee (a 20%): 8 + 10 + 5 = 23 days left end on 03-04 (working day 42), 3
  days after the target: late; b's latest start is day 25 (02-09), 5 working days away;
* Stu (a 60% on 01-16, nothing since): 19 days left end 02-26, one day of
  slack: using slack; a weekly client 17 days without a check-in: stale;
  b's latest start 02-09 too;
* Ben (a 10%) follows the same chain with the target moved four weeks later
  (03-27), measured against the baseline saved before the move: 4% earned is
  below the baseline's latest plan (20%): behind, though the forecast (24
  days left, ending 03-05) still meets the new target with 16 days of slack.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import careerlib
from careerlib.gaps import skills_gap, target_role
from careerlib.roster_status import ATTENTION, COLUMNS, client_files, read_roster, roster
from careerlib.tracking import status
from tests.conftest import DATA, ROOT

FOLDER = DATA / "roster"
DAY = dt.date(2026, 2, 2)
SAMPLES = ROOT / "data" / "clients"


@pytest.fixture(scope="module")
def practice():
    return read_roster(FOLDER, DAY)


def _by_client(frame: pd.DataFrame) -> dict[str, dict[str, object]]:
    return {r["client"]: r for r in frame.to_dict(orient="records")}


@pytest.mark.parametrize(
    ("client", "state", "finish", "slack", "late"),
    [
        pytest.param("Ada Ahead", "ahead", "2026-02-04", 17, 0, id="ahead"),
        pytest.param("Olga On-Plan", "on plan", "2026-02-06", 15, 0, id="on-plan"),
        pytest.param("Sam Slack", "using slack", "2026-02-13", 10, 0, id="using-slack"),
        pytest.param("Lee Late", "late", "2026-03-04", 0, 3, id="late"),
        pytest.param("Stu Stale", "using slack", "2026-02-26", 1, 0, id="stale"),
        pytest.param("Ben Behind", "behind", "2026-03-05", 16, 0, id="behind"),
    ],
)
def test_statuses_worked_by_hand(practice, client, state, finish, slack, late) -> None:
    row = _by_client(practice.frame)[client]
    assert row["status"] == state
    assert row["forecast_finish"] == pd.Timestamp(finish)
    assert (row["slack_left_days"], row["days_late"]) == (slack, late)


def test_attention_first(practice) -> None:
    # late, behind, then the two using slack with the stale one first, on plan, ahead
    assert practice.frame["client"].tolist() == [
        "Lee Late",
        "Ben Behind",
        "Stu Stale",
        "Sam Slack",
        "Olga On-Plan",
        "Ada Ahead",
    ]
    assert practice.counts == {"late": 1, "behind": 1, "using slack": 2, "on plan": 1, "ahead": 1}
    assert list(practice.frame.columns) == list(COLUMNS)
    assert list(practice.frame["status"].cat.categories) == list(ATTENTION)


def test_a_stale_client(practice) -> None:
    rows = _by_client(practice.frame)
    stu = rows["Stu Stale"]
    assert stu["stale"] and stu["cadence"] == "weekly"
    assert stu["last_checkin"] == pd.Timestamp("2026-01-16")
    assert stu["days_since_checkin"] == 17  # calendar days, more than the 7 a weekly plan allows
    assert [name for name, r in rows.items() if r["stale"]] == ["Stu Stale"]
    assert "1 stale" in practice.summary


def test_a_checkin_behind_plan(practice) -> None:
    ben = _by_client(practice.frame)["Ben Behind"]
    assert ben["status"] == "behind"
    assert ben["earned_pct"] == 4.0
    assert "4.0 working days behind its latest dates" in str(ben["verdict"])
    # the two measures, each named: behind the baseline, the forecast on track
    assert str(ben["verdict"]).startswith("On track: ")
    assert "but the forecast still meets the target" in str(ben["verdict"])
    assert ben["target"] == pd.Timestamp("2026-03-27")


def test_next_latest_start_within_two_weeks(practice) -> None:
    rows = _by_client(practice.frame)
    for name in ("Lee Late", "Stu Stale"):
        assert rows[name]["next_step"] == "b"
        assert rows[name]["next_step_title"] == "SQL course"
        assert rows[name]["next_latest_start"] == pd.Timestamp("2026-02-09")
        assert rows[name]["next_days_left"] == 5
    # c's latest start is day 35 (02-23), 15 working days away: not within two weeks
    for name in ("Sam Slack", "Olga On-Plan"):
        assert pd.isna(rows[name]["next_step"]) and pd.isna(rows[name]["next_latest_start"])


def test_calls_to_make_this_week(practice) -> None:
    assert [line for line, _ in practice.calls()] == [
        "Lee Late: late; 'SQL course' must start by 9 Feb 2026",
        "Ben Behind: behind",
        "Stu Stale: no check-in for 17 days (weekly); 'SQL course' must start by 9 Feb 2026",
    ]
    assert practice.calls()[1][1].startswith("On track: the work left ends on")
    later = read_roster(FOLDER / "late.yaml", dt.date(2026, 2, 11))
    # a week on, b's latest start has passed and Lee's check-in has gone stale
    assert [line for line, _ in later.calls()] == [
        "Lee Late: late; no check-in for 12 days (weekly); "
        "'SQL course' should have started by 9 Feb 2026"
    ]


def test_a_broken_client_file_among_good_ones(practice) -> None:
    assert len(practice.frame) == 6  # the good ones are all there
    problems = {p.name: m for p, m in practice.problems}
    assert set(problems) == {"broken.yaml", "no-plan.yaml"}
    assert "broken.yaml:3: this is not valid YAML" in problems["broken.yaml"]
    assert "plans/missing.yaml: no such file" in problems["no-plan.yaml"]
    assert practice.summary.endswith("; 2 client files not read.")


def test_a_missing_file_is_one_message_not_an_error() -> None:
    got = read_roster([FOLDER / "ahead.yaml", FOLDER / "nobody.yaml"], DAY)
    assert got.frame["client"].tolist() == ["Ada Ahead"]
    assert [m for _, m in got.problems] == [f"{FOLDER / 'nobody.yaml'}: no such file"]


def test_the_gap_count_is_the_skills_gap_count(practice) -> None:
    from careerlib import load_client, load_plan

    for row in practice.frame.to_dict(orient="records"):
        client = load_client(row["file"], check=False)
        plan = load_plan(client.resolve(client.plan))
        gaps = skills_gap(target_role(client), client.skill_levels(), plan, route=client.route)
        unaddressed = gaps.index[gaps["status"] == "unaddressed"]
        assert row["unaddressed_gaps"] == len(unaddressed)
        # what the client did not rate is counted apart, never as a gap
        assert row["not_rated_skills"] == (gaps["status"] == "not rated").sum()
        # the plan's steps develop Mathematics and Programming: never counted
        assert "Mathematics" not in unaddressed and "Programming" not in unaddressed


def test_every_row_agrees_with_tracking_status(practice) -> None:
    """The roster shares plans and baselines between clients; the answer must not change."""
    for row in practice.frame.to_dict(orient="records"):
        one = status(row["file"], DAY)
        assert row["status"] == one.status
        assert row["forecast_finish"] == pd.Timestamp(one.forecast_finish)
        assert row["slack_left_days"] - row["days_late"] == one.slack_left_days
        assert row["verdict"] == one.verdict
        assert row["stale"] == one.stale
        nxt = one.upcoming[0].step if one.upcoming else None
        assert (row["next_step"] if isinstance(row["next_step"], str) else None) == nxt


def test_sample_clients() -> None:
    got = read_roster(None, dt.date(2026, 11, 30))
    assert not got.problems
    rows = _by_client(got.frame)
    # hand-checked against the files: targets from the plans, last check-ins from
    # the reviews (Jordan's from the journal), cadences from the client or plan
    assert {n: (str(r["status"]), r["target"].date().isoformat()) for n, r in rows.items()} == {
        "Priya Nair": ("using slack", "2027-04-30"),
        "Jordan Lee": ("using slack", "2028-04-28"),
        "Marcus Brown": ("on plan", "2028-06-30"),
    }
    assert rows["Priya Nair"]["last_checkin"] == pd.Timestamp("2026-10-30")
    assert rows["Priya Nair"]["stale"]  # 31 days, biweekly allows 14
    assert rows["Jordan Lee"]["last_checkin"] == pd.Timestamp("2026-11-27")
    assert not rows["Jordan Lee"]["stale"]  # 3 days, monthly
    assert rows["Marcus Brown"]["days_since_checkin"] == 16 and not rows["Marcus Brown"]["stale"]
    # the stale one of the two using slack comes first
    assert got.frame["client"].tolist() == ["Priya Nair", "Jordan Lee", "Marcus Brown"]
    for row in rows.values():
        one = status(row["file"], dt.date(2026, 11, 30))
        assert row["status"] == one.status and row["verdict"] == one.verdict


def test_a_client_who_rated_nothing_has_no_gap_count_but_a_note(tmp_path) -> None:
    import shutil

    from careerlib import load_client

    folder = tmp_path / "roster"
    shutil.copytree(FOLDER, folder)
    text = (folder / "late.yaml").read_text()
    (folder / "late.yaml").write_text(re.sub(r"(?m)^skills: .*\n", "", text))
    row = read_roster(folder / "late.yaml", DAY).frame.iloc[0]
    role = target_role(load_client(folder / "late.yaml", check=False))
    assert pd.isna(row["unaddressed_gaps"])
    assert row["not_rated_skills"] == len(role.requirements)  # every skill of the role
    assert row["note"] == (
        "gaps not counted: no skill of the target role is rated yet (ask the client)"
    )


def test_roster_returns_a_frame_with_the_problems_in_attrs() -> None:
    frame = careerlib.roster(FOLDER, as_of=DAY)
    assert isinstance(frame, pd.DataFrame) and len(frame) == 6
    assert frame.attrs["as_of"] == DAY
    assert [p.name for p, _ in frame.attrs["problems"]] == ["broken.yaml", "no-plan.yaml"]
    assert frame["target"].dtype == "datetime64[s]"
    assert frame["unaddressed_gaps"].dtype == "Int64"


def test_an_unprofiled_role_leaves_the_gap_count_empty_with_a_note() -> None:
    frame = roster(DATA / "tracking" / "client.yaml", as_of=dt.date(2026, 1, 14))
    row = frame.iloc[0]
    assert row["client"] == "Test Client"  # tracked all the same
    assert pd.isna(row["unaddressed_gaps"])
    assert row["note"].startswith("gaps not counted: the O*NET occupation 15-2051.00")
    assert row["target_role"] == "Data Scientists"


def test_json_is_plain(practice) -> None:
    data = json.loads(json.dumps(practice.to_dict()))
    assert data["as_of"] == "2026-02-02"
    first = data["clients"][0]
    assert first["client"] == "Lee Late" and first["next_latest_start"] == "2026-02-09"
    assert first["days_late"] == 3 and first["stale"] is False
    assert data["clients"][1]["next_step"] is None
    assert [p["file"].rsplit("/", 1)[-1] for p in data["problems"]] == [
        "broken.yaml",
        "no-plan.yaml",
    ]


def test_client_files(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "notes.txt"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.yaml").write_text("x")
    assert [p.name for p in client_files(tmp_path)] == ["a.yml", "b.yaml"]
    # each once, in the order given
    got = client_files([tmp_path / "b.yaml", tmp_path, tmp_path / "sub" / "c.yaml"])
    assert [p.name for p in got] == ["b.yaml", "a.yml", "c.yaml"]
    assert client_files(None) == sorted(SAMPLES.glob("*.yaml"))


def test_an_empty_folder_is_an_empty_roster(tmp_path: Path) -> None:
    got = read_roster(tmp_path, DAY)
    assert got.frame.empty and list(got.frame.columns) == list(COLUMNS)
    assert got.summary.startswith("0 clients on 2 Feb 2026")


def test_clients_sharing_a_plan_read_it_once(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(FOLDER, tmp_path / "roster")
    import careerlib.planfile as planfile

    calls: list[Path] = []
    real = planfile.load_plan

    def counting(path, *args, **kwargs):
        calls.append(Path(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(planfile, "load_plan", counting)
    got = read_roster(tmp_path / "roster", DAY)
    assert len(got.frame) == 6
    assert sorted(p.name for p in calls) == ["chain.yaml", "missing.yaml", "moved.yaml"]


def test_a_plan_changed_after_its_baseline_is_a_call(tmp_path: Path) -> None:
    from careerlib.tracking import checkin
    from tests.conftest import tracking_client

    client = tracking_client(tmp_path)
    checkin(client, {"a": 0.4}, dt.date(2026, 1, 8))  # saves the first baseline
    assert not read_roster(client, dt.date(2026, 1, 8)).frame["plan_changed"].item()
    plan = tmp_path / "two-steps.yaml"
    plan.write_text(plan.read_text().replace("target: 2026-01-23", "target: 2026-01-30"))
    got = read_roster(client, dt.date(2026, 1, 8))
    assert got.frame["plan_changed"].item()
    assert got.calls()[0][0] == "Test Client: the plan changed after its baseline"
