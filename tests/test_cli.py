"""The command line: readable table, verdict, exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib.cli import EXIT_INFEASIBLE, EXIT_INVALID, EXIT_OK, cli
from tests.conftest import CONFORMANCE, SAMPLE_PLANS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_table_and_verdict_for_a_feasible_plan() -> None:
    code, out, err = run("schedule", str(CONFORMANCE / "01-spec-example.yaml"))
    assert code == EXIT_OK and err == ""
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("step"))
    assert header.split() == ["step", "title", "start", "finish", "slack", "critical"]
    assess = next(line for line in lines if line.startswith("assess"))
    assert "19 Jul 2027" in assess and "23 Jul 2027" in assess and assess.rstrip().endswith("*")
    resume = next(line for line in lines if line.startswith("resume "))
    assert not resume.rstrip().endswith("*")
    assert lines[-1].startswith("Feasible: the target 31 Dec 2027 can be met")


def test_verdict_for_a_late_plan() -> None:
    code, out, _ = run("schedule", str(CONFORMANCE / "04-infeasible.yaml"))
    assert code == EXIT_INFEASIBLE
    assert (
        out.splitlines()[-1]
        == "Not feasible: late by 10 working days; the earliest realistic target is 12 Feb 2027."
    )


def test_route_option() -> None:
    code, out, _ = run("schedule", str(CONFORMANCE / "06-routes.yaml"), "--route", "evening")
    assert code == EXIT_OK and "(route evening)" in out and "camp" not in out


@pytest.mark.parametrize(
    ("args", "match"),
    [
        pytest.param(
            ["schedule", "missing.yaml"], "careerlib: missing.yaml: no such file", id="missing"
        ),
        pytest.param(
            ["schedule", str(CONFORMANCE / "06-routes.yaml"), "--route", "bootcmp"],
            "did you mean 'bootcamp'",
            id="route",
        ),
    ],
)
def test_errors_are_one_line_with_exit_2(args: list[str], match: str) -> None:
    code, out, err = run(*args)
    assert code == EXIT_INVALID
    assert out == ""
    assert match in err and err.count("\n") == 1 and "Traceback" not in err


def test_invalid_plan_in_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: T\ntarget: 2027-01-15\nstart: 2027-01-04\n"
        "steps:\n  - {id: a, duration: 1, after: [b]}\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "careerlib", "schedule", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_INVALID
    assert done.stdout == ""
    assert done.stderr == f"careerlib: {bad}:5: step 'a': unknown step 'b' in after of 'a'\n"


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).with_name("careerlib")
    done = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "schedule" in done.stdout


def test_demo_schedules_every_sample_plan_and_route() -> None:
    code, out, _ = run("demo", "--no-notebooks")
    assert code == EXIT_OK
    for plan in SAMPLE_PLANS.glob("*.yaml"):
        assert f"=== {plan.name}" in out
    assert "(route bootcamp)" in out and "(route masters)" in out


def test_demo_runs_every_notebook_for_every_sample_client(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The wiring only: the notebooks themselves run in tests/test_notebooks.py."""
    import careerlib.batch._batch
    from careerlib.batch import BatchResult, JobResult

    seen = {}

    def fake_run_batch(notebooks, clients, out_dir, **kwargs):  # type: ignore[no-untyped-def]
        seen.update(
            notebooks=[p.name for p in notebooks], clients=[p.name for p in clients], out=out_dir
        )
        html = str(tmp_path / "r" / "x.html")
        return BatchResult(
            (JobResult("n", "c", "ok", 1.0, "o", html),), tmp_path / "manifest.json", 1.0, 2
        )

    # where run_samples finds it
    monkeypatch.setattr(careerlib.batch._batch, "run_batch", fake_run_batch)
    code, out, _ = run("demo", "--out", str(tmp_path / "r"))
    assert code == EXIT_OK
    assert seen["notebooks"] == sorted(
        p.name for p in (SAMPLE_PLANS.parent.parent / "notebooks").glob("[0-9][0-9]-*.ipynb")
    )
    assert seen["clients"] == ["jordan-lee.yaml", "marcus-brown.yaml", "priya-nair.yaml"]
    assert seen["out"] == tmp_path / "r"
    assert "Open the reports in a browser" in out


def test_report_writes_one_document(tmp_path: Path) -> None:
    client = SAMPLE_PLANS.parent / "clients" / "priya-nair.yaml"
    out = tmp_path / "priya.html"
    result = CliRunner().invoke(
        cli,
        ["report", str(client), "-o", str(out), "--as-of", "2026-11-23", "--coach", "R. Okafor"],
    )
    assert result.exit_code == EXIT_OK, result.output
    assert result.output == f"wrote {out}\n"
    page = out.read_text()
    assert "<h1>Priya Nair</h1>" in page and "R. Okafor" in page and "23 Nov 2026" in page


def test_report_for_the_client_or_the_coach(tmp_path: Path) -> None:
    client = SAMPLE_PLANS.parent / "clients" / "priya-nair.yaml"
    pages = {}
    for edition in ("client", "coach", None):
        out = tmp_path / f"priya-{edition}.html"
        args = ["report", str(client), "-o", str(out), "--as-of", "2026-11-23"]
        result = CliRunner().invoke(cli, args + (["--for", edition] if edition else []))
        assert result.exit_code == EXIT_OK, result.output
        pages[edition] = out.read_text()
    assert "Coach&#x27;s edition" in pages["coach"] and "Appendix</h2>" not in pages["coach"]
    assert "Coach&#x27;s edition" not in pages["client"] and "Appendix</h2>" in pages["client"]
    assert pages[None] == pages["coach"]  # an HTML page is the coach's unless asked
    result = CliRunner().invoke(
        cli, ["report", str(client), "-o", str(tmp_path / "x.pdf"), "--for", "boss"]
    )
    assert result.exit_code == EXIT_INVALID
    assert "'boss' is not one of 'client', 'coach'" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_report_for_several_clients_writes_a_folder_with_one_browser(tmp_path: Path) -> None:
    """A cohort: one report a client in the folder, named after the client's file, the
    client's edition for a PDF; the PDFs are printed by one browser (write_reports)."""
    from tests.conftest import need_browser
    from tests.test_report import need_poppler, pdf_text

    need_browser()
    need_poppler()
    clients = SAMPLE_PLANS.parent / "clients"
    names = ["marcus-brown", "priya-nair"]
    out = tmp_path / "cohort"
    args = ["report", *(str(clients / f"{n}.yaml") for n in names), "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, "--as-of", "2026-11-23"])
    assert result.exit_code == EXIT_OK, result.output
    assert result.output.splitlines() == [f"wrote {out / n}.pdf" for n in names]
    assert "Marcus Brown" in pdf_text(out / "marcus-brown.pdf")
    priya = pdf_text(out / "priya-nair.pdf")
    assert "Priya Nair" in priya and "Appendix" in priya  # the client's edition
    html = CliRunner().invoke(cli, [*args, "--format", "html", "--as-of", "2026-11-23"])
    assert html.exit_code == EXIT_OK, html.output
    assert "Coach&#x27;s edition" in (out / "priya-nair.html").read_text()


def test_report_for_several_clients_needs_a_folder_of_distinct_names(tmp_path: Path) -> None:
    clients = SAMPLE_PLANS.parent / "clients"
    two = [str(clients / "marcus-brown.yaml"), str(clients / "priya-nair.yaml")]
    result = CliRunner().invoke(cli, ["report", *two, "-o", str(tmp_path / "both.pdf")])
    assert result.exit_code == EXIT_INVALID
    assert result.output.strip().splitlines() == [
        "careerlib: 2 clients are written into a folder, not into 'both.pdf': give -o FOLDER"
    ]
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "priya-nair.yaml").write_text((clients / "priya-nair.yaml").read_text())
    same = [two[1], str(other / "priya-nair.yaml")]
    result = CliRunner().invoke(cli, ["report", *same, "-o", str(tmp_path / "out")])
    assert result.exit_code == EXIT_INVALID
    assert "would both be written to priya-nair.pdf" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists() and not (tmp_path / "both.pdf").exists()
    missing = [two[0], str(tmp_path / "nobody.yaml")]
    result = CliRunner().invoke(cli, ["report", *missing, "-o", str(tmp_path / "out")])
    assert result.exit_code == EXIT_INVALID
    assert result.output.strip().splitlines() == [
        f"careerlib: {tmp_path / 'nobody.yaml'}: no such file"
    ]
    assert not (tmp_path / "out").exists()  # checked before the first report is written


def test_report_to_another_format_is_one_line_with_exit_2(tmp_path: Path) -> None:
    client = SAMPLE_PLANS.parent / "clients" / "priya-nair.yaml"
    result = CliRunner().invoke(cli, ["report", str(client), "-o", str(tmp_path / "p.docx")])
    assert result.exit_code == EXIT_INVALID
    assert result.output.strip().splitlines() == [
        "careerlib: cannot write a report to 'p.docx'; valid suffixes: .html, .pdf"
    ]
