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
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from careerlib import analyse, load_client, load_plan, schedule
from careerlib.batch import run_batch
from careerlib.gaps import obstacles, weighted_mean_gap
from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
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


def recorded(out: Path, client: Path, notebook: str) -> dict[str, object]:
    return json.loads((out / client.stem / f"{notebook}.json").read_text())  # type: ignore[no-any-return]


def test_every_notebook_is_a_template_without_outputs() -> None:
    assert {p.stem for p in NOTEBOOKS} >= {
        "00-coach-session",
        "01-assessment",
        "02-roadmap",
        "03-gap-analysis",
        "04-checkpoint-review",
    }
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        first = nb.cells[0]
        assert first.cell_type == "code" and "parameters" in first.metadata.get("tags", []), (
            path.name
        )
        for name in ("client", "as_of", "out_dir"):
            assert f"{name} =" in first.source, (path.name, name)
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
    for nb in NOTEBOOKS:
        html = (runs / client.stem / f"{nb.stem}.html").read_text()
        assert "careerlib-chart-1" in html, (client.stem, nb.stem)
        assert "import careerlib" not in html
        assert "PosixPath(" not in html, "a cell shows a bare return value to the client"


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_coach_session_records_the_verdict(runs: Path, client: Path) -> None:
    got = recorded(runs, client, "00-coach-session")
    profile = load_client(client)
    plan = load_plan(profile.resolve(profile.plan))  # type: ignore[arg-type]
    sched = schedule(plan, route=profile.route)
    assert got["client"] == profile.name and got["route"] == profile.route
    assert got["verdict"] == sched.verdict and got["feasible"] == sched.feasible
    assert got["late_by_days"] == sched.late_by_days
    assert got["earliest_finish"] == sched.earliest_finish.isoformat()
    assert got["saved"] == []  # a batch run writes no plan file
    report = analyse(client, AS_OF)
    assert got["weighted_mean_gap"] == round(weighted_mean_gap(report.skills), 4)
    html = (runs / client.stem / "00-coach-session.html").read_text()
    assert "VBox(children" not in html  # the controls need a kernel: not in the report
    assert sched.verdict in html


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
    got = recorded(runs, client, "04-checkpoint-review")
    progress = analyse(client, AS_OF).progress
    assert progress is not None
    assert got["stale"] == progress.stale
    assert got["behind"] == list(progress.behind)
    assert got["planned_pct"] == round(progress.planned_pct, 1)
    assert bool(got["prompts"]) == (
        progress.stale
        or bool(progress.behind)
        or not got["feasible"]
        or (progress.projected_late_days or 0) > 0
    )


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
