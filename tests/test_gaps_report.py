"""analyse, the GapReport and its JSON, the re-think prompts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from careerlib import parse_plan, schedule
from careerlib.gaps import analyse, progress_at, time_gap
from careerlib.models import Review

D = dt.date
DATA = Path(__file__).resolve().parents[1] / "data"


def test_analyse_a_sample_client():
    report = analyse(DATA / "clients" / "marcus-brown.yaml", D(2026, 11, 23))
    assert set(report.time) == {"bootcamp", "masters"}
    assert report.time["bootcamp"].feasible
    assert not report.time["masters"].feasible
    assert report.progress is not None and report.progress.review_date == D(2026, 11, 14)
    assert report.alignment is not None and report.alignment.steps_without_goal == ("tutoring",)
    assert report.peers is None
    data = report.to_dict()
    assert {"skills", "peers", "time", "progress", "alignment", "occupations"} <= set(data)
    assert "routes" not in data  # renamed to "occupations" (README, "Gap analyses")
    assert data["occupations"][0]["rank"] == 1


def test_old_routes_names_are_deprecated_aliases():
    path = DATA / "clients" / "marcus-brown.yaml"
    report = analyse(path, D(2026, 11, 23), top_occupations=3)
    assert len(report.occupations) == 3
    with pytest.deprecated_call(match="GapReport.occupations"):
        old = report.routes
    assert old is report.occupations
    with pytest.deprecated_call(match="top_occupations"):
        older = analyse(path, D(2026, 11, 23), top_routes=2)
    assert older.occupations["code"].tolist() == report.occupations["code"].head(2).tolist()


def test_occupations_are_ranked_from_the_current_role_toward_the_target(tmp_path: Path):
    report = analyse(DATA / "clients" / "marcus-brown.yaml", D(2026, 11, 23))
    assert report.current_occupation is not None
    assert report.current_occupation.code == "25-2031.00"
    # a teacher becoming a data analyst: the client file asks for moves at the same level
    assert report.direction == "sideways"
    assert (report.occupations["step"] == "sideways").all()
    assert report.occupations.loc[1, "relation"] == "the target"  # 15-2051.01 in the role file
    # a client file may ask for another direction; the argument wins over it
    text = (DATA / "clients" / "marcus-brown.yaml").read_text()
    text = text.replace("direction: sideways", "direction: down")
    for name in ("plans", "roles", "peers"):
        (tmp_path / name).symlink_to(DATA / name)
    (tmp_path / "clients").mkdir()
    path = tmp_path / "clients" / "marcus-brown.yaml"
    path.write_text(text)
    down = analyse(path, D(2026, 11, 23))
    assert down.direction == "down" and (down.occupations["job_zone"] <= 4).all()
    assert set(down.occupations["job_zone"]) != set(report.occupations["job_zone"])
    up = analyse(path, D(2026, 11, 23), direction="up")
    assert up.direction == "up" and (up.occupations["step"] == "up").all()
    # up for a teacher: instructional coordination (advanced practice) or school leadership
    assert {"25-9031.00", "11-9032.00"} & set(up.occupations["code"].head(10))
    assert down.to_dict()["occupations_basis"]["direction"] == "down"


def test_a_free_text_role_that_matches_nothing_leaves_the_direction_open(tmp_path: Path):
    path = tmp_path / "client.yaml"
    path.write_text("name: X\ncurrent_role: Qzxv Blorp\ntarget_role: 11-9111.00\n")
    report = analyse(path, D(2026, 11, 23), top_occupations=5)
    assert report.current_occupation is None
    assert report.to_dict()["occupations_basis"]["current_occupation"] is None
    assert len(report.occupations) == 5
    assert report.occupations["zone_step"].isna().all()


def test_rethink_prompts_for_a_stale_late_plan_and_none_on_track() -> None:
    from careerlib.gaps import rethink_prompts

    plan = parse_plan(
        "title: T\nstart: 2027-01-04\ntarget: 2027-01-29\ncheckpoints: {cadence: weekly}\n"
        "steps:\n  - {id: a, duration: 30}\n"
    )
    sched = schedule(plan)
    old = [Review(date=D(2027, 1, 5), progress={"a": 0.1})]
    prompts = rethink_prompts(time_gap(sched), progress_at(sched, old, D(2027, 1, 29)))
    text = " ".join(prompts)
    assert "longer than a weekly cadence allows" in text
    # the target lateness in plain words (the old sentence gave the rule-8 figure)
    assert "The work ends 10 working days after the target (on 12 Feb 2027)" in text

    easy = parse_plan(
        "title: T\nstart: 2027-01-04\ntarget: 2027-03-26\nsteps:\n  - {id: a, duration: 5}\n"
    )
    sched = schedule(easy)
    fresh = [Review(date=D(2027, 1, 8), progress={"a": 0.5})]
    assert (
        rethink_prompts(time_gap(sched), progress_at(sched, fresh, D(2027, 1, 8), cadence="weekly"))
        == []
    )


def test_all_reviews_joins_the_plan_and_the_client() -> None:
    from careerlib.clients import load_client
    from careerlib.gaps import all_reviews
    from careerlib.planfile import load_plan
    from careerlib.tracking import journal_path, read_journal

    client = load_client(DATA / "clients" / "jordan-lee.yaml")
    plan = load_plan(client.resolve(client.plan))  # type: ignore[arg-type]
    reviews = all_reviews(plan, client)
    assert reviews[: len(plan.checkpoints.reviews)] == plan.checkpoints.reviews  # type: ignore[union-attr]
    own = len(plan.checkpoints.reviews) + len(client.reviews)  # type: ignore[union-attr]
    assert reviews[len(plan.checkpoints.reviews) : own] == client.reviews  # type: ignore[union-attr]
    # then the check-ins of the journal beside the client file
    journal = [c.review() for c in read_journal(journal_path(client.path))]  # type: ignore[arg-type]
    assert journal and reviews[own:] == journal
    assert all_reviews(plan) == plan.checkpoints.reviews  # type: ignore[union-attr]


def test_jordan_lee_one_verdict_across_gaps_json_text_and_console() -> None:
    """`careerlib gaps --json`, the terminal report and the console's panel say the same."""
    import datetime as dt
    import html
    import json

    from click.testing import CliRunner

    from careerlib.cli import cli
    from careerlib.console.checkin_panel import CheckinPanel
    from careerlib.tracking import track_client

    client = DATA / "clients" / "jordan-lee.yaml"
    day = "2026-11-30"
    track = track_client(client, dt.date(2026, 11, 30))
    result = CliRunner().invoke(cli, ["gaps", str(client), "--as-of", day, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["tracking"]
    assert data["status"] == track.status
    assert data["verdict"] == track.verdict
    assert data["forecast"]["finish"] == track.forecast.finish.isoformat()
    assert data["forecast"]["slack_left_days"] == track.forecast.slack_left_days
    # the client's route in the time section is the same forecast
    (internal,) = [t for t in json.loads(result.output)["time"] if t["route"] == "internal"]
    assert internal["earliest_finish"] == track.forecast.finish.isoformat()
    assert internal["late_by_days"] == max(0, -track.forecast.slack_left_days)
    # no pace projection that could contradict it
    assert "projected_finish" not in json.loads(result.output)["progress"]
    text = CliRunner().invoke(cli, ["gaps", str(client), "--as-of", day]).output
    assert track.verdict in text
    assert "projected" not in text
    panel = CheckinPanel(client, as_of=dt.date(2026, 11, 30))
    assert html.escape(track.verdict) in panel.verdict.value
