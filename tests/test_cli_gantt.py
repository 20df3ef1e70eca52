"""``careerlib gantt`` and ``careerlib export``: one library call each, errors as exit 2."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import icalendar
import pandas as pd
import pytest
from click.testing import CliRunner

from careerlib.cli import cli
from tests.conftest import need_browser

DATA = Path(__file__).parent / "data" / "charts"
PLAN = str(DATA / "career-change.yaml")


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_gantt_writes_html(tmp_path: Path) -> None:
    out = tmp_path / "plan.html"
    result = _run("gantt", PLAN, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}: Feasible")
    assert "Build three portfolio samples" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "present"),
    [
        pytest.param(
            ["--color-by", "goal"], "A portfolio that gets interviews", id="color-by-goal"
        ),
        pytest.param(["--route", "evening"], "Evening courses while employed", id="route"),
        pytest.param(["--group-by", "none", "--no-dependencies"], "Job search", id="no-deps"),
    ],
)
def test_gantt_options(tmp_path: Path, args: list[str], present: str) -> None:
    out = tmp_path / "plan.html"
    plan = str(DATA / ("two-routes.yaml" if "--color-by" not in args else "career-change.yaml"))
    result = _run("gantt", plan, "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert present in page
    if "--no-dependencies" in args:
        assert "Dependency: must finish first" not in page


def test_gantt_writes_png_with_chromium(tmp_path: Path) -> None:
    need_browser()
    out = tmp_path / "plan.png"
    result = _run("gantt", str(DATA / "too-late.yaml"), "-o", str(out), "--width", "900")
    assert result.exit_code == 0, result.output
    assert "Not feasible: late by 10 working days" in result.stdout
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">I", data[16:20])[0] == 900


@pytest.mark.parametrize("suffix", [".ics", ".csv", ".xlsx"])
def test_export_writes_the_format_of_the_suffix(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"plan{suffix}"
    result = _run("export", PLAN, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}: Feasible")
    if suffix == ".ics":
        cal = icalendar.Calendar.from_ical(out.read_bytes())
        assert len(list(cal.walk("VEVENT"))) == 11  # and the recurring check-in
    elif suffix == ".csv":
        assert len(pd.read_csv(out)) == 8
    else:
        assert len(pd.read_excel(out, sheet_name="Schedule")) == 8


def test_export_of_a_route(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    result = _run("export", str(DATA / "two-routes.yaml"), "--route", "bootcamp", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert set(pd.read_csv(out)["step"]) == {"decide", "camp", "camp-project", "search", "offer"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["gantt", PLAN, "-o", "plan.txt"],
            "careerlib: cannot write plan.txt: the suffix '.txt' is not a known format; "
            "known: .html, .png, .svg, .pdf",
            id="gantt-unknown-suffix",
        ),
        pytest.param(
            ["export", PLAN, "-o", "plan.png"],
            "careerlib: cannot write plan.png: .png writes a chart, not a table; "
            "known table formats: .ics, .csv, .xlsx",
            id="export-chart-suffix",
        ),
        pytest.param(
            ["export", PLAN, "-o", "plan.ics", "--route", "fast"],
            "unknown route 'fast'",
            id="unknown-route",
        ),
        pytest.param(
            ["gantt", str(DATA / "missing.yaml"), "-o", "plan.html"],
            "missing.yaml",
            id="missing-plan",
        ),
    ],
)
def test_errors_are_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


def test_no_browser_is_exit_2_with_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "none"))
    result = _run("gantt", PLAN, "-o", str(tmp_path / "plan.png"))
    assert result.exit_code == 2
    assert "apt-get install -y chromium" in result.stderr
    assert not (tmp_path / "plan.png").exists()


def test_the_commands_run_as_a_program(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    done = subprocess.run(
        [sys.executable, "-m", "careerlib", "export", PLAN, "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.exists()


JORDAN = Path(__file__).resolve().parent.parent / "data" / "clients" / "jordan-lee.yaml"


def test_gantt_and_export_of_a_client_on_a_status_date(tmp_path: Path) -> None:
    from careerlib import schedule_client

    sched = schedule_client(JORDAN, pd.Timestamp("2027-06-07").date())
    chart = tmp_path / "now.html"
    result = _run("gantt", str(JORDAN), "--as-of", "2027-06-07", "-o", str(chart))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {chart}: {sched.verdict}\n"  # the status verdict
    page = chart.read_text(encoding="utf-8")
    assert "Forecast finish Thu 01 Jun 2028" in page and "(latest dates)" in page  # baseline
    table = tmp_path / "now.csv"
    result = _run("export", str(JORDAN), "--as-of", "2027-06-07", "-o", str(table))
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(table, index_col="step")
    assert list(frame.columns[:6]) == [
        "title",
        "state",
        "done",
        "remaining_days",
        "aim_start",
        "aim_finish",
    ]
    assert frame.loc["assess", "state"] == "done" and pd.isna(frame.loc["assess", "aim_start"])
    assert set(frame.index) == set(sched.ids)  # the client's route only


def test_a_bad_status_date_is_one_line(tmp_path: Path) -> None:
    result = _run("export", str(JORDAN), "--as-of", "2027-13-01", "-o", str(tmp_path / "x.ics"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output and not (tmp_path / "x.ics").exists()
