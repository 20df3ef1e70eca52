"""careerlib roster, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from careerlib.cli import cli
from tests.conftest import DATA

FOLDER = DATA / "roster"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_text_attention_first_with_a_message_per_broken_file():
    result = run("roster", str(FOLDER), "--as-of", "2026-02-02")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "The practice on 2 Feb 2026"
    rows = lines[4:10]
    assert [r.split("  ")[0] for r in rows] == [
        "Lee Late",
        "Ben Behind",
        "Stu Stale",
        "Sam Slack",
        "Olga On-Plan",
        "Ada Ahead",
    ]
    assert "3 days late" in rows[0] and "SQL course by 9 Feb 2026" in rows[0]
    assert "16 Jan 2026 (stale, weekly)" in rows[2]
    assert "6 clients on 2 Feb 2026: 1 late, 1 behind, 2 using slack, 1 on plan, 1 ahead" in (
        result.stdout
    )
    notes = [line for line in lines if line.startswith("not read: ")]
    assert len(notes) == 2 and "broken.yaml:3: this is not valid YAML" in notes[0]
    assert "Traceback" not in result.output


def test_files_given_one_by_one():
    result = run(
        "roster", str(FOLDER / "ahead.yaml"), str(FOLDER / "late.yaml"), "--as-of", "2026-02-02"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.index("Lee Late") < result.stdout.index("Ada Ahead")
    assert "not read" not in result.stdout


def test_json_and_messages_on_stderr():
    result = run("roster", str(FOLDER), "--as-of", "2026-02-02", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["status"] for c in data["clients"]] == [
        "late",
        "behind",
        "using slack",
        "using slack",
        "on plan",
        "ahead",
    ]
    assert len(data["problems"]) == 2
    assert result.stderr.count("careerlib: not read: ") == 2


def test_default_is_the_sample_clients():
    result = run("roster", "--as-of", "2026-11-30", "--json")
    assert result.exit_code == 0, result.output
    names = [c["client"] for c in json.loads(result.stdout)["clients"]]
    assert names == ["Priya Nair", "Jordan Lee", "Marcus Brown"]


def test_output_files(tmp_path: Path):
    for name in ("roster.html", "roster.xlsx", "roster.csv"):
        out = tmp_path / name
        result = run("roster", str(FOLDER), "--as-of", "2026-02-02", "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.is_file()
        assert f"wrote {out}: 6 clients on 2 Feb 2026" in result.stdout
        assert result.stderr.count("careerlib: not read: ") == 2
    book = openpyxl.load_workbook(tmp_path / "roster.xlsx")
    assert book["Roster"]["A2"].value == "Lee Late"


def test_unknown_output_format_is_a_usage_error(tmp_path: Path):
    result = run("roster", str(FOLDER), "-o", str(tmp_path / "roster.pdf"))
    assert result.exit_code == 2
    assert "cannot write a roster as '.pdf'; valid: .html, .csv, .xlsx" in result.output
    assert not (tmp_path / "roster.pdf").exists()


def test_a_missing_path_is_a_message_and_exit_0():
    result = run("roster", "no-such-client.yaml", "--as-of", "2026-02-02")
    assert result.exit_code == 0, result.output
    assert "0 clients on 2 Feb 2026" in result.stdout
    assert "not read: no-such-client.yaml: no such file" in result.stdout
