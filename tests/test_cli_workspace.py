"""careerlib init, careerlib new client and careerlib --version on the command line."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib.cli import EXIT_INVALID, EXIT_OK, cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), prog_name="careerlib")
    return result.exit_code, result.stdout, result.stderr


def test_version_comes_from_the_installed_metadata() -> None:
    code, out, _ = run("--version")
    assert code == EXIT_OK and out.strip() == f"careerlib, version {version('careerlib')}"


def test_init_then_new_client_then_schedule_and_gaps(tmp_path: Path) -> None:
    code, out, err = run("init", str(tmp_path / "ws"))
    written = sum(1 for p in (tmp_path / "ws").rglob("*") if p.is_file())
    assert code == EXIT_OK and err == "" and f"wrote {written} files into" in out
    assert written > 30 and (tmp_path / "ws" / "docs" / "index.md").is_file()
    code, out, err = run(
        "new", "client", "Ana Gomez", "--role", "Nurse Manager", "--template", "radical-change",
        "--target", "2028-06-30", "--current", "Registered Nurse", "--dir", str(tmp_path / "ws"),
    )  # fmt: skip
    assert code == EXIT_OK and err == "", err
    assert "target role: Medical and Health Services Managers (O*NET 11-9111.00)" in out
    assert "target 2028-06-30" in out
    client = tmp_path / "ws" / "data" / "clients" / "ana-gomez.yaml"
    assert 'current_role: "Registered Nurse"' in client.read_text()
    code, out, _ = run("schedule", str(tmp_path / "ws" / "data" / "plans" / "ana-gomez.yaml"))
    assert code == EXIT_OK and "Certification exam passed" in out
    code, out, _ = run("gaps", str(client))
    assert code == EXIT_OK and "Skills against Medical and Health Services Managers" in out


def test_new_client_writes_here_by_default(tmp_path: Path) -> None:
    code, _, err = run("new", "client", "Bo", "--role", "CIO")
    assert code == EXIT_OK, err
    assert (tmp_path / "data" / "clients" / "bo.yaml").is_file()
    assert (tmp_path / "data" / "plans" / "bo.yaml").is_file()


@pytest.mark.parametrize(
    ("args", "match"),
    [
        pytest.param(["--role", "Data Analyst"], "is ambiguous: it matches 8", id="ambiguous"),
        pytest.param(["--role", "xyzzy plumber"], "no O*NET occupation matches", id="unknown"),
        pytest.param(
            ["--role", "CIO", "--template", "promo"], "did you mean 'promotion'", id="tpl"
        ),
        pytest.param(
            ["--role", "CIO", "--template", "none.yaml"], "none.yaml: no such file", id="file"
        ),
        pytest.param(["--role", "CIO", "--target", "2027-02-30"], "is not a date", id="date"),
        pytest.param(
            ["--role", "CIO", "--target", "2001-01-01"], "is not after the start", id="past"
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], match: str) -> None:
    code, out, err = run("new", "client", "Bo", *args)
    assert code == EXIT_INVALID and out == ""
    assert err.startswith("careerlib: ") and match in err and err.count("\n") == 1
    assert not Path("data").exists()


def test_files_in_the_way(tmp_path: Path) -> None:
    assert run("new", "client", "Bo", "--role", "CIO")[0] == EXIT_OK
    code, _, err = run("new", "client", "Bo", "--role", "CIO")
    assert code == EXIT_INVALID and "2 files are in the way" in err and err.count("\n") == 1
    assert run("init", ".")[0] == EXIT_OK
    made = sum(1 for p in (tmp_path / "docs").rglob("*") if p.is_file()) + sum(
        1 for p in (tmp_path / "notebooks").iterdir()
    )
    code, _, err = run("init", ".")
    assert code == EXIT_INVALID and "files are in the way" in err and "nothing was written" in err
    in_way = int(err.split("careerlib: ")[1].split(" files")[0])
    assert in_way > made  # the docs, the notebooks, the README and the sample data


def test_init_into_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    code, _, err = run("init", "f")
    assert (
        code == EXIT_INVALID
        and err == "careerlib: f is a file, not a folder; choose a folder for the workspace\n"
    )


def test_new_client_into_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    code, _, err = run("new", "client", "Bo", "--role", "CIO", "--dir", "f")
    assert code == EXIT_INVALID
    assert err == "careerlib: f is a file, not a folder; give the workspace folder\n"
