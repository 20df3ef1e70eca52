"""One story on any date: every page, file and command for a client gives the same numbers.

The sample clients are copied into a temporary folder and given check-ins with
`careerlib checkin` (the journal beside each client file, the first baseline
beside the plan). On several dates (months into the plan, and after a target
has passed), the forecast finish, the target lateness and the deadlines missed
must be the same in `careerlib schedule CLIENT --as-of D --json`, `careerlib
gaps --json` (its ``status``, the client's route under ``time`` and the
tracking), the report's text, the roster and notebook 04's record; the
calendar file (`careerlib export CLIENT -o x.ics --as-of D`) is parsed and its
check-in recurrence expanded with its EXDATEs: no occurrence on a holiday or
in a blackout, no done step, no event before the status date.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import icalendar
import numpy as np
import pytest
from click.testing import CliRunner

from careerlib import load_client, schedule_client
from careerlib._text import day_text
from careerlib.cli import cli
from tests.conftest import ROOT

CHECKINS: dict[str, list[tuple[str, list[str]]]] = {
    "jordan-lee": [
        ("2027-02-01", ["board-course=1", "hipaa=0.6", "mentor=0.25"]),
        ("2027-05-03", ["budget=0.3", "ehr-council=0.2", "mentor=0.4"]),
    ],
    "priya-nair": [
        ("2026-12-15", ["budget-course=0.6", "shadow=done", "quality-project=0.2"]),
        ("2027-03-01", ["budget-course=done", "quality-project=0.5", "cnml-prep=0.3"]),
    ],
    "marcus-brown": [
        ("2027-01-15", ["stats=done", "sql=0.8"]),
        ("2027-06-01", ["sql=done", "bootcamp-course=0.3", "school-project=0.5"]),
    ],
}
#: Months into the plans, and after every target has passed (Priya's on 30 Apr 2027,
#: Jordan's on 28 Apr 2028, Marcus's on 30 Jun 2028).
DATES = [dt.date(2027, 3, 15), dt.date(2027, 6, 7), dt.date(2028, 9, 1)]
CASES = [pytest.param(name, day, id=f"{name}-{day}") for name in sorted(CHECKINS) for day in DATES]


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def practice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data in a temporary folder, with check-ins recorded by `careerlib checkin`."""
    data = tmp_path_factory.mktemp("practice") / "data"
    for part in ("clients", "plans", "roles", "peers"):
        shutil.copytree(ROOT / "data" / part, data / part)
    for name, checkins in CHECKINS.items():
        for day, shares in checkins:
            done = run("checkin", str(data / "clients" / f"{name}.yaml"), "--date", day, *shares)
            assert done.exit_code == 0, done.output
    return data / "clients"


def story(obj: dict[str, Any]) -> tuple[Any, int, list[tuple[str, int]]]:
    """The forecast finish, the target lateness and each deadline missed (id, days)."""
    return (
        obj["earliest_finish"],
        obj["target_late_by_days"],
        [(m["id"], m["late_by_days"]) for m in obj["deadlines_missed"]],
    )


@pytest.mark.parametrize(("name", "day"), CASES)
def test_schedule_gaps_and_roster_tell_one_story(practice: Path, name: str, day: dt.date) -> None:
    from careerlib.roster_status import read_roster
    from careerlib.tables import roster_table

    client = practice / f"{name}.yaml"
    done = run("schedule", str(client), "--as-of", day.isoformat(), "--json")
    assert done.exit_code in (0, 3), done.output
    want = story(json.loads(done.output))

    gaps = run("gaps", str(client), "--as-of", day.isoformat(), "--json")
    assert gaps.exit_code == 0, gaps.output
    report = json.loads(gaps.output)
    assert story(report["status"]) == want
    route = load_client(client).route
    (mine,) = [t for t in report["time"] if t["route"] == route]
    assert story(mine) == want
    forecast = report["tracking"]["forecast"]
    assert forecast["target_late_by_days"] == want[1]
    assert [(m["id"], m["late_by_days"]) for m in forecast["deadlines_missed"]] == want[2]
    assert "planned_pct" not in json.dumps(report["progress"])  # the old measure is gone

    roster = read_roster([client], day)
    row = roster.frame.iloc[0]
    finish = row["forecast_finish"].date().isoformat()
    assert finish == (want[0] or finish)  # when complete, the roster keeps the last day
    assert int(row["days_late"]) == want[1]
    assert int(row["deadlines_missed"]) == len(want[2])
    cell = roster_table(roster).cells.iloc[0]["Slack or late"]
    if want[1]:
        assert cell.startswith(f"{want[1]} day")
    elif want[2]:  # a deadline-only miss: its step's title and its own figure
        worst = max(json.loads(done.output)["deadlines_missed"], key=lambda m: m["late_by_days"])
        sched = schedule_client(client, day)
        title = sched.steps[sched.position(worst["id"])].title
        assert cell.startswith(f"'{title}' deadline {worst['late_by_days']} day")


@pytest.mark.parametrize(("name", "day"), CASES)
def test_the_report_prints_the_one_verdict(practice: Path, name: str, day: dt.date) -> None:
    from careerlib.report import gather, report_html

    client = practice / f"{name}.yaml"
    sched = schedule_client(client, day)
    facts = sched.status_verdict
    page = report_html(gather(client, day), chart_mode="plotly")
    visible = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", visible))
    text = re.sub(r"\s+", " ", text).replace("\\", "")
    cover = html.unescape(re.search(r"<div class='verdict[^>]*>(.*?)</div>", page).group(1))
    cover = re.sub(r"<[^>]+>", "", cover)
    # the cover, the time of the client's route and the check-in all say the sentence
    assert facts.sentence in cover
    assert text.count(facts.sentence) >= 3
    # never two figures for the target: every "after the target" of the client's
    # verdict is the target lateness, every deadline its own figure
    for n in re.findall(r"(\d+) working days? after (?:the target|it)", cover):
        assert int(n) == facts.target_late_by_days
    missed = re.findall(r"'([^']+)' misses its deadline \([^)]*\) by (\d+)", cover)
    assert missed == [(m.title, str(m.late_by_days)) for m in facts.deadlines_missed]
    if facts.forecast_finish is not None:
        assert day_text(facts.forecast_finish) in cover
    # one measure at a time: "on plan" only says against what, never the bare old words
    assert "Not feasible" not in text and "Feasible:" not in text
    for found in re.finditer(r"[Oo]n plan", cover):
        assert cover[found.end() : found.end() + 8] == " against"
    if facts.target_passed:
        assert "passed" in cover
    # no ISO date in what the client reads
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), re.search(
        r".{60}\b20\d\d-\d\d-\d\d\b", text
    )


@pytest.mark.parametrize(("name", "day"), CASES)
def test_the_calendar_file_is_the_living_plan(
    practice: Path, tmp_path: Path, name: str, day: dt.date
) -> None:
    from dateutil.rrule import rruleset, rrulestr

    client = practice / f"{name}.yaml"
    out = tmp_path / "plan.ics"
    done = run("export", str(client), "--as-of", day.isoformat(), "-o", str(out))
    assert done.exit_code == 0, done.output
    sched = schedule_client(client, day)
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    ids = {str(e["uid"]).split("@")[0] for e in events}
    steps = {i for i in ids if i in {s.id for s in sched.plan.steps}}
    # nothing done, only the client's route, nothing before the status date
    assert steps == set(sched.ids_left)
    for ev in events:
        assert ev.decoded("dtstart") >= sched.resume, str(ev["summary"])
        description = str(ev.get("description", ""))
        assert "careerlib " not in description  # no command line in a client's calendar
        assert not re.search(r"\b20\d\d-\d\d-\d\d\b", description)
        for sid in sched.ids:  # titles, never ids
            assert f"After: {sid}" not in description and f", {sid}." not in description
    (checkins,) = [e for e in events if str(e["uid"]).startswith("checkins@")]
    start = dt.datetime.combine(checkins.decoded("dtstart"), dt.time())
    rules = rruleset()
    rules.rrule(rrulestr(checkins["rrule"].to_ical().decode(), dtstart=start))
    exdates = checkins.get("exdate", [])
    for exdate in exdates if isinstance(exdates, list) else [exdates]:
        for d in exdate.dts:
            rules.exdate(dt.datetime.combine(d.dt, dt.time()))
    occurrences = np.array([d.date() for d in rules], dtype="datetime64[D]")
    assert occurrences.size and occurrences[0] >= np.datetime64(sched.resume, "D")
    assert np.asarray(sched.calendar.is_working_day(occurrences), dtype=bool).all()


def test_notebook_04_records_the_same_story(practice: Path, tmp_path: Path) -> None:
    from careerlib.batch import run_batch

    day = dt.date(2027, 6, 7)
    notebook = ROOT / "notebooks" / "04-checkpoint-review.ipynb"
    clients = sorted(practice.glob("*.yaml"))
    result = run_batch(
        [notebook],
        clients,
        tmp_path,
        jobs=1,
        parameters={"as_of": day.isoformat()},
        progress=False,
    )
    assert result.ok, result.summary()
    for client in clients:
        got = json.loads((tmp_path / client.stem / "04-checkpoint-review.json").read_text())
        sched = schedule_client(client, day)
        finish = sched.forecast_finish
        assert got["forecast_finish"] == (None if finish is None else finish.isoformat())
        assert got["target_late_by_days"] == sched.target_late_by_days
        assert got["deadlines_missed"] == [m.to_dict() for m in sched.deadlines_missed]
        assert got["verdict"].startswith(sched.verdict)
