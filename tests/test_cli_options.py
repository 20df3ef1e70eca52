"""``careerlib options``: the choice, the cost, the verdict, the dates; JSON; exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from careerlib.cli import EXIT_INFEASIBLE, EXIT_INVALID, EXIT_OK, cli
from tests.conftest import ROOT
from tests.test_tradeoff import CHAIN

MARCUS = ROOT / "data" / "clients" / "marcus-brown.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def chain_file(folder: Path, target: str = "2027-04-09") -> Path:
    path = folder / "chain.yaml"
    path.write_text(CHAIN.format(target=target), encoding="utf-8")
    return path


def test_the_choice_the_cost_the_verdict_and_the_dates(tmp_path: Path) -> None:
    code, out, err = run("options", str(chain_file(tmp_path)))
    assert code == EXIT_OK and err == ""
    assert "as written: late by 20 working days" in out
    assert (
        "To meet the target: take Intensive A for “Course A” (-10 working days, 1,000 EUR)" in out
    )
    assert "Intensive B" in out and "total" in out and "2,100 EUR" in out
    assert "New verdict: Feasible" in out
    moved = out[out.index("Dates that move") :].splitlines()
    assert moved[1].split()[:3] == ["step", "latest", "start"]
    assert [line.split()[0] for line in moved[3:5]] == ["a", "b"]


def test_no_set_is_enough_exits_3_with_the_least_late(tmp_path: Path) -> None:
    code, out, _ = run("options", str(chain_file(tmp_path, "2027-03-05")), "--json")
    assert code == EXIT_INFEASIBLE
    data = json.loads(out)
    assert (data["feasible"], data["late_by_days"], data["cost"]) == (False, 5, 5100)
    assert [(c["step"], c["alternative"]) for c in data["chosen"]] == [
        ("a", "a-fast"),
        ("b", "b-fast"),
        ("c", "c-big"),
    ]


def test_a_budget(tmp_path: Path) -> None:
    code, out, _ = run("options", str(chain_file(tmp_path)), "--budget", "1500", "--json")
    data = json.loads(out)
    assert code == EXIT_INFEASIBLE and data["budget"] == 1500
    assert (data["cost"], data["late_by_days"]) == (1200, 5)


def test_the_json_is_the_same_text_every_time(tmp_path: Path) -> None:
    plan = str(chain_file(tmp_path))
    assert run("options", plan, "--json")[1] == run("options", plan, "--json")[1]


def test_the_json_on_a_real_stdout_is_json_alone(tmp_path: Path) -> None:
    """HiGHS prints a banner from C++ the first time; it must not reach standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "careerlib", "options", str(chain_file(tmp_path)), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert json.loads(done.stdout)["cost"] == 2100
    assert "HiGHS" not in done.stdout + done.stderr


def test_a_client_file_takes_the_clients_route_on_a_status_date() -> None:
    code, out, _ = run("options", str(MARCUS), "--as-of", "2026-11-23")
    assert code == EXIT_OK
    assert "(route bootcamp)" in out and "on 23 Nov 2026: feasible" in out
    assert "meets its target without alternatives" in out
    code, out, _ = run(
        "options", str(MARCUS), "--route", "masters", "--as-of", "2026-11-23", "--json"
    )
    data = json.loads(out)
    assert code == EXIT_OK and data["route"] == "masters" and data["currency"] == "USD"
    assert data["as_of"] == "2026-11-23"
    assert data["without_alternatives"]["late_by_days"] == 72  # the work left on that day
    assert [(c["step"], c["alternative"]) for c in data["chosen"]] == [
        ("masters-course", "accelerated")
    ]
    # without --as-of a client is seen today, as `careerlib schedule` sees it
    assert json.loads(run("options", str(MARCUS), "--json")[1])["as_of"] is not None


def test_a_plan_file_on_a_status_date(tmp_path: Path) -> None:
    path = tmp_path / "reviewed.yaml"
    text = CHAIN.format(target="2027-04-09").replace("cost: 1000}", "cost: 10}")
    text += "checkpoints:\n  reviews:\n    - {date: 2027-02-15, progress: {a: 1.0, b: 0.5}}\n"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run("options", str(path), "--as-of", "2027-02-15", "--json")
    data = json.loads(out)
    assert code == EXIT_OK and data["as_of"] == "2027-02-15"
    assert [c["step"] for c in data["chosen"]] == ["c"]  # A is done: its alternative is not
    code, out, _ = run("options", str(path), "--json")
    assert json.loads(out)["as_of"] is None and json.loads(out)["chosen"][0]["step"] == "a"


def test_bad_input_is_one_line(tmp_path: Path) -> None:
    plan = str(chain_file(tmp_path))
    for args, says in [
        ((plan, "--budget", "-5"), "a budget is an amount of 0 or more, got -5"),
        ((plan, "--route", "x"), "unknown route 'x'"),
        ((str(tmp_path / "none.yaml"),), "no such file"),
        ((plan, "--as-of", "1800-01-01"), "--as-of"),
    ]:
        code, out, err = run("options", *args)
        assert code == EXIT_INVALID and out == "", args
        assert err.startswith("careerlib: ") and says in err and err.count("\n") == 1, err
