"""Every notebook in notebooks/, executed for every sample client, as a coach's batch would.

The notebooks run through papermill (``careerlib.run_batch``) into a temporary
folder; the tests read what each run recorded (``<notebook>.json``) and check it
against the library's own answers for the same client and date. nbval then
runs each notebook top to bottom with its default parameters, on copies in a
temporary folder so nothing is written into the checkout.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from careerlib import analyse, load_client, load_plan, schedule
from careerlib.batch import notebook_parameters, run_batch
from careerlib.gaps import obstacles, weighted_mean_gap
from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
#: The notebooks run once for the whole practice (they declare ``clients``, not ``client``).
PRACTICE = [nb for nb in NOTEBOOKS if "client" not in notebook_parameters(nb)]
PER_CLIENT = [nb for nb in NOTEBOOKS if nb not in PRACTICE]
CLIENTS = sorted((ROOT / "data" / "clients").glob("*.yaml"))
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    result = run_batch(
        NOTEBOOKS, CLIENTS, out, jobs=2, parameters={"as_of": AS_OF.isoformat()}, progress=False
    )
    assert result.ok, result.summary()
    return out


def shows(text: str, page: str) -> bool:
    """Whether ``text`` is in the page, its quotes written as they are or as entities."""
    return any(
        text.replace("'", quote) in page for quote in ("'", "&#39;", "&#x27;", "&apos;", "’")
    )


def recorded(out: Path, client: Path, notebook: str) -> dict[str, object]:
    return json.loads((out / client.stem / notebook / f"{notebook}.json").read_text())  # type: ignore[no-any-return]


def test_every_notebook_is_a_template_without_outputs() -> None:
    assert {p.stem for p in NOTEBOOKS} >= {
        "00-coach-session",
        "01-assessment",
        "02-roadmap",
        "03-gap-analysis",
        "04-checkpoint-review",
        "05-practice",
        "06-rethink",
    }
    assert [nb.stem for nb in PRACTICE] == ["05-practice"]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        first = nb.cells[0]
        assert first.cell_type == "code" and "parameters" in first.metadata.get("tags", []), (
            path.name
        )
        # careerlib run loads its clients as profiles before any kernel starts
        assert nb.metadata.get("careerlib") == {"client_profiles": True}, path.name
        who = "clients" if path in PRACTICE else "client"
        for name in (who, "as_of", "out_dir"):
            assert f"\n{name} =" in "\n" + first.source, (path.name, name)
        assert all(
            not c.get("outputs") and not c.get("execution_count")
            for c in nb.cells
            if c.cell_type == "code"
        )
        assert any(c.cell_type == "markdown" and "coach" in c.source.lower() for c in nb.cells), (
            path.name
        )


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_every_run_writes_a_report_without_code(runs: Path, client: Path) -> None:
    for nb in PER_CLIENT:
        html = (runs / client.stem / nb.stem / f"{nb.stem}.html").read_text()
        assert "careerlib-chart-1" in html, (client.stem, nb.stem)
        assert "import careerlib" not in html
        assert "PosixPath(" not in html, "a cell shows a bare return value to the client"


#: What a client must never read in a report: code's words in a cell, a tuple, a
#: traceback, a Python repr, or print() output in a monospace block.
CODE_TEXT = [
    r"<td[^>]*>\s*(nan|NaN|None|NaT|&lt;NA&gt;|True|False|\(\))\s*</td>",
    r"\(['\w-]+,\)",
    r"Traceback \(most recent call last\)",
    r"&lt;[\w.]+ (object )?at 0x[0-9a-f]+&gt;",
    r'class="jp-RenderedText[^"]*"[^>]*data-mime-type="text/plain"',  # print() or a bare repr
    r'class="dataframe"',
    r'<th[^>]*class="[^"]*(row_heading|blank level0)',
]


@pytest.mark.slow
def test_every_report_prints_to_pdf_and_is_screenshot(runs: Path) -> None:
    """``careerlib run --pdf`` on the real reports; their first pages land in tests/artifacts/."""
    from careerlib.report.pdf import finish_reports
    from tests.conftest import need_browser

    need_browser()
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        pytest.fail("this test needs poppler-utils (pdftotext, pdftoppm)")
    reports = sorted(runs.glob("*/*/[0-9][0-9]-*.html"))
    assert len(reports) == len(PER_CLIENT) * len(CLIENTS) + len(PRACTICE)
    assert finish_reports(reports, runs, pdf=True, jobs=2) == {}
    artifacts = ROOT / "tests" / "artifacts" / "notebooks"
    artifacts.mkdir(parents=True, exist_ok=True)
    for report in reports:
        pdf = report.with_suffix(".pdf")
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        who = report.parent.parent.name
        if who == "practice":  # the whole practice: every client is named
            names = [load_client(c).name for c in CLIENTS]
        else:
            names = [load_client(ROOT / "data" / "clients" / f"{who}.yaml").name]
        assert all(n in text for n in names) and "Page 1 of" in text, report
        assert "Traceback" not in text and "NaN" not in text, report
        shot = artifacts / f"{who}-{report.stem}"
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(pdf), str(shot)],
            check=True,
        )
        assert list(artifacts.glob(f"{shot.name}-*.png"))


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_every_report_reads_as_words_for_a_client(runs: Path, client: Path) -> None:
    pages = [runs / client.stem / nb.stem / f"{nb.stem}.html" for nb in PER_CLIENT]
    pages += [runs / "practice" / nb.stem / f"{nb.stem}.html" for nb in PRACTICE]
    for nb in pages:
        page = nb.read_text()
        visible = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.DOTALL)
        for pattern in CODE_TEXT:
            found = re.search(pattern, visible)
            assert found is None, (client.stem, nb.stem, found.group(0)[:200] if found else "")


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_coach_session_records_the_verdict(runs: Path, client: Path) -> None:
    from careerlib import schedule_client

    got = recorded(runs, client, "00-coach-session")
    profile = load_client(client)
    # the session starts from its date, with the check-ins (no longer the plan as written)
    sched = schedule_client(profile, AS_OF)
    assert got["client"] == profile.name and got["route"] == profile.route
    assert got["verdict"] == sched.verdict and got["feasible"] == sched.feasible
    assert got["late_by_days"] == sched.late_by_days
    finish = sched.forecast_finish
    assert got["earliest_finish"] == (None if finish is None else finish.isoformat())
    assert got["target_late_by_days"] == sched.target_late_by_days
    assert got["saved"] == [] and got["built"] == []  # a batch run writes no plan file
    report = analyse(client, AS_OF)
    assert got["weighted_mean_gap"] == round(weighted_mean_gap(report.skills), 4)
    html = (runs / client.stem / "00-coach-session" / "00-coach-session.html").read_text()
    assert "VBox(children" not in html  # the controls need a kernel: not in the report
    assert shows(sched.verdict, html)


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_roadmap_records_the_cheapest_way_to_the_target(runs: Path, client: Path) -> None:
    from careerlib import cheapest_way_client

    got = recorded(runs, client, "02-roadmap")
    best = cheapest_way_client(client, AS_OF)
    assert got["alternatives_to_take"] == best.choice
    assert got["alternatives_cost"] == best.cost
    html = (runs / client.stem / "02-roadmap" / "02-roadmap.html").read_text()
    assert "Buying time" in html


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_assessment_records_the_role_and_obstacles(runs: Path, client: Path) -> None:
    got = recorded(runs, client, "01-assessment")
    profile = load_client(client)
    plan = load_plan(profile.resolve(profile.plan))  # type: ignore[arg-type]
    assert got["client"] == profile.name and got["as_of"] == AS_OF.isoformat()
    assert got["obstacles"] == obstacles(plan, schedule(plan, route=profile.route)).index.tolist()
    assert got["obstacles_without_contingency"] == []
    assert got["job_zone"] in {1, 2, 3, 4, 5}
    assert set(got["interests"]) == set(profile.self_assessment.interests)  # type: ignore[arg-type]
    found = analyse(client, AS_OF).occupations
    assert got["top_occupations"] == found["title"].head(3).tolist()


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_gap_analysis_agrees_with_the_library(runs: Path, client: Path) -> None:
    got = recorded(runs, client, "03-gap-analysis")
    report = analyse(client, AS_OF).to_dict()
    assert got["unaddressed"] == report["skills"]["unaddressed"]
    assert got["weighted_mean_gap"] == report["skills"]["weighted_mean_gap"]
    assert got["unserved_goals"] == report["alignment"]["unserved_goals"]
    assert got["top_occupations"] == [o["title"] for o in report["occupations"][:3]]


def test_gap_analysis_for_jordan_by_hand(runs: Path) -> None:
    got = recorded(runs, ROOT / "data" / "clients" / "jordan-lee.yaml", "03-gap-analysis")
    assert len(got["peer_metrics"]) == 9  # type: ignore[arg-type]
    assert got["unserved_goals"] == ["balance"]  # no step serves the personal goal yet


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_checkpoint_review_agrees_with_the_library(runs: Path, client: Path) -> None:
    from careerlib.tracking import track_client

    got = recorded(runs, client, "04-checkpoint-review")
    track = track_client(client, AS_OF)
    assert got["status"] == track.status
    assert got["forecast_finish"] == track.forecast.finish.isoformat()
    assert got["slack_left_days"] == track.forecast.slack_left_days
    assert got["stale"] == track.stale
    assert got["prompts"] == track.rethink_prompts()
    # one story: a late status and a forecast that misses the target go together,
    # and `careerlib gaps --json` says the same
    assert (got["status"] == "late") == (track.forecast.slack_left_days < 0)
    gaps_json = analyse(client, AS_OF).to_dict()["tracking"]
    assert gaps_json["status"] == got["status"]
    assert gaps_json["forecast"]["finish"] == got["forecast_finish"]


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_rethink_agrees_with_the_library(runs: Path, client: Path) -> None:
    from careerlib.tracking import baselines_path, load_baselines, schedule_client, track_client
    from careerlib.tracking.fingerprint import plan_fingerprint

    got = recorded(runs, client, "06-rethink")
    track = track_client(client, AS_OF)
    assert got["status"] == track.status and got["baseline"] == track.baseline.name
    assert got["strategy_age_days"] == (AS_OF - track.baseline.date).days
    assert got["done"] == [s.id for s in track.steps if s.state == "done"]
    assert got["in_progress"] == [s.id for s in track.steps if s.state == "in progress"]
    assert got["prompts"] == track.rethink_prompts()
    # the re-plan went to the run's folder, never beside the client's own plan
    new = runs / client.stem / "06-rethink" / str(got["replan"])
    assert new.is_file() and not list((ROOT / "data" / "plans").glob("*-replan-*"))
    profile = load_client(client)
    saved = load_baselines(baselines_path(new))
    assert saved[-1].name == got["replan_baseline"] == f"replan-{AS_OF.isoformat()}"
    assert saved[-1].fingerprint == plan_fingerprint(load_plan(new), profile.route)
    # same target: the re-plan on the session day is the client's plan on that day
    assert got["replan_verdict"] == schedule_client(client, AS_OF).status_verdict.sentence
    assert got["replan_target"] == load_plan(profile.resolve(profile.plan)).target.isoformat()  # type: ignore[arg-type]


def test_rethink_compares_the_self_assessment_then_and_now(tmp_path: Path) -> None:
    client = ROOT / "data" / "clients" / "jordan-lee.yaml"
    then = tmp_path / "jordan-lee-then.yaml"
    text = client.read_text().replace("Enterprising: {rating: 6,", "Enterprising: {rating: 4,")
    then.write_text(text.replace("../", str(ROOT / "data") + "/"))
    notebook = ROOT / "notebooks" / "06-rethink.ipynb"
    parameters = {"as_of": AS_OF.isoformat(), "client_then": str(then), "new_target": "2028-06-30"}
    result = run_batch(
        [notebook], [client], tmp_path / "out", jobs=1, parameters=parameters, progress=False
    )
    assert result.ok, result.summary()
    got = recorded(tmp_path / "out", client, "06-rethink")
    assert got["replan_target"] == "2028-06-30"
    # Fri 28 Apr, the 23 weekdays of May and the 21 of June before Fri 30: 45 working days
    moved = "The target moved from 2028-04-28 to 2028-06-30 (45 working days later)."
    assert moved in got["changes"]  # type: ignore[operator]
    html = (tmp_path / "out" / "jordan-lee" / "06-rethink" / "06-rethink.html").read_text()
    assert "since the client file then (jordan-lee-then.yaml)" in html
    assert "<strong>Enterprising +2.0</strong> (4 → 6)" in html  # rated 4 then, 6 now


def test_practice_review_agrees_with_the_library(runs: Path) -> None:
    from careerlib.roster_status import read_roster

    got = json.loads((runs / "practice" / "05-practice" / "05-practice.json").read_text())
    want = read_roster(CLIENTS, AS_OF)
    assert got["as_of"] == AS_OF.isoformat()
    assert got["clients"] == want.frame["client"].tolist()
    assert got["statuses"] == want.frame["status"].astype(str).tolist()
    assert got["counts"] == want.counts
    assert got["stale"] == want.frame.loc[want.frame["stale"], "client"].tolist()
    assert got["problems"] == []
    assert got["calls"] == [client for client, _ in want.calls()]
    html = (runs / "practice" / "05-practice" / "05-practice.html").read_text()
    assert "careerlib-chart-1" in html and "import careerlib" not in html
    assert "Priya Nair" in html
    written = [Path(p).name for p in got["written"]]
    assert written == ["roster.html", "roster.xlsx"]
    assert all((runs / "practice" / "05-practice" / name).is_file() for name in written)
    # run once for the practice, not once a client
    assert not any((runs / c.stem / "05-practice").exists() for c in CLIENTS)


def test_nbval_runs_each_notebook_with_its_defaults(tmp_path: Path) -> None:
    (tmp_path / "notebooks").mkdir()
    for nb in NOTEBOOKS:
        shutil.copy(nb, tmp_path / "notebooks" / nb.name)
    os.symlink(ROOT / "data", tmp_path / "data")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "-p",
            "no:cacheprovider",
            "-q",
            "-W",
            "ignore",
            "notebooks",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and " failed" not in done.stdout  # nbval: one test a cell
    assert (
        tmp_path / "reports" / "jordan-lee"
    ).is_dir()  # the defaults wrote there, not into the checkout
    assert (tmp_path / "reports" / "practice" / "roster.html").is_file()  # notebook 05


#: What the client edition of a notebook report never shows.
COACH_ONLY = ["*Ask", "Ask:", "For the coach", "Re-think the strategy", "careerlib checkin"]


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_the_client_edition_of_every_report_leaves_the_coach_out(runs: Path, client: Path) -> None:
    """``careerlib run --for client``: the same executed notebooks, reported for the client."""
    from careerlib.batch import notebook_to_html

    for nb in PER_CLIENT:
        executed = nbformat.read(runs / client.stem / nb.stem / f"{nb.stem}.ipynb", as_version=4)
        executed.metadata.setdefault("papermill", {}).setdefault("parameters", {})
        executed.metadata["papermill"]["parameters"]["edition"] = "client"
        page = notebook_to_html(executed)
        visible = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.DOTALL)
        text = re.sub(r"<[^>]+>", " ", visible)
        for words in COACH_ONLY:
            assert words not in text, (client.stem, nb.stem, words)
        iso = re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)
        assert iso is None, (client.stem, nb.stem, text[max(0, iso.start() - 80) : iso.end()])
        coach = (runs / client.stem / nb.stem / f"{nb.stem}.html").read_text()
        assert "Ask:" in coach or "For the coach" in coach, nb.stem  # the coach's has them


def test_every_note_for_the_coach_is_a_cell_tagged_coach() -> None:
    """What the client edition leaves out is marked in the notebooks themselves."""
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert "\nedition =" in "\n" + nb.cells[0].source, path.name
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            tagged = "coach" in cell.metadata.get("tags", [])
            if re.search(r"\*(Ask|For the coach)\b", cell.source):
                assert tagged, (path.name, cell.source)
