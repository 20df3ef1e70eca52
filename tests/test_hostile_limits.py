"""Issue 16, small files asking for unbounded work: each documented limit, named when refused."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib import PlanError, load_plan
from careerlib.cli import cli
from careerlib.limits import MAX_DEPTH, MAX_FILE_BYTES

HEAD = "title: T\nstart: 2026-10-01\ntarget: 2027-04-30\n"


def plan(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def one_line(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    err = result.stderr
    assert err.startswith("careerlib: ") and err.count("\n") == 1, err
    assert "Traceback" not in result.output
    return result.exit_code, err


@pytest.mark.parametrize(
    ("body", "match"),
    [
        pytest.param(
            "steps:\n  - {id: a, duration: 5001}\n",
            r"step 'a', duration: .*at most 5,000 working days",
            id="duration-days",
        ),
        pytest.param(
            "steps:\n  - {id: a, duration: 1001w}\n",
            r"duration: .*at most 1,000 weeks",
            id="duration-weeks",
        ),
        pytest.param(
            "steps:\n  - {id: a, duration: 3d, buffer: 5000000}\n",
            r"step 'a', buffer: .*at most 5,000 working days",
            id="buffer",
        ),
        pytest.param(
            "steps:\n  - {id: a, duration: " + "9" * 5000 + "}\n",
            r"step 'a', duration: .*at most 5,000",
            id="duration-5000-digits",
        ),
        pytest.param(
            "calendar: {hours_per_week: 5}\nsteps:\n  - {id: a, effort: 10001h}\n",
            r"step 'a', effort: an effort is at most 10,000 hours",
            id="effort",
        ),
        pytest.param(
            "calendar: {hours_per_week: 5}\nsteps:\n  - {id: a, effort: 1.0e+300}\n",
            r"effort: an effort is at most 10,000 hours",
            id="effort-1e300",
        ),
        pytest.param(
            "calendar:\n  blackouts: [{from: 0001-01-01, to: 9999-12-31}]\n"
            "steps:\n  - {id: a, duration: 3d}\n",
            r"blackouts\[0\], from: 0001-01-01 is outside the dates .*1900-01-01 to 2199-12-31",
            id="blackout-millennia",
        ),
        pytest.param(
            "calendar:\n  holidays: [2500-01-01]\nsteps:\n  - {id: a, duration: 3d}\n",
            r"holidays\[0\]: 2500-01-01 is outside",
            id="holiday",
        ),
        pytest.param(
            "steps:\n  - {id: a, duration: 3d, deadline: 1899-12-31}\n",
            r"step 'a', deadline: 1899-12-31 is outside",
            id="deadline",
        ),
    ],
)
def test_limits_are_named(tmp_path: Path, body: str, match: str) -> None:
    path = plan(tmp_path, HEAD + body)
    started = time.perf_counter()
    with pytest.raises(PlanError, match=match):
        load_plan(path)
    code, err = one_line(["schedule", str(path)])
    assert code == 2
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    ("dates", "match"),
    [
        ("start: 9999-12-01\ntarget: 9999-12-31\n", "start: 9999-12-01 is outside"),
        ("start: 0001-01-01\ntarget: 0001-01-05\n", "start: 0001-01-01 is outside"),
        ("start: 2026-10-01\ntarget: 2200-01-01\n", "target: 2200-01-01 is outside"),
    ],
)
def test_plan_dates_stay_in_the_window(tmp_path: Path, dates: str, match: str) -> None:
    path = plan(tmp_path, "title: T\n" + dates + "steps:\n  - {id: a, duration: 300d}\n")
    code, err = one_line(["schedule", str(path)])
    assert code == 2 and match in err


def test_a_schedule_that_leaves_the_window_is_refused(tmp_path: Path) -> None:
    steps = "".join(
        f"  - {{id: s{i}, duration: 5000d{f', after: [s{i - 1}]' if i else ''}}}\n"
        for i in range(40)
    )
    path = plan(tmp_path, HEAD + "steps:\n" + steps)
    code, err = one_line(["schedule", str(path)])
    assert code == 2 and "before 1900-01-01" in err
    late = plan(
        tmp_path,
        "title: T\nstart: 2199-12-01\ntarget: 2199-12-31\nsteps:\n  - {id: a, duration: 300d}\n",
        "late.yaml",
    )
    code, err = one_line(["schedule", str(late)])
    assert code == 2 and "after 2199-12-31" in err


def test_tiny_hours_per_week_do_not_exhaust_memory(tmp_path: Path) -> None:
    path = plan(
        tmp_path,
        HEAD + "calendar: {hours_per_week: 0.0001}\nsteps:\n  - {id: a, effort: 10000h}\n",
    )
    started = time.perf_counter()
    code, err = one_line(["schedule", str(path)])
    assert code == 2 and "cannot find 10000 hours" in err
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 200, 999])
def test_nesting_depth(tmp_path: Path, depth: int) -> None:
    path = plan(
        tmp_path,
        HEAD + "steps:\n  - {id: a, duration: 3d, title: " + "[" * depth + "]" * depth + "}\n",
    )
    code, err = one_line(["schedule", str(path)])
    assert code == 2 and f"more than {MAX_DEPTH} levels" in err


def test_block_nesting_depth(tmp_path: Path) -> None:
    deep = "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "x: 1\n"
    code, err = one_line(["schedule", str(plan(tmp_path, "extra:\n" + deep))])
    assert code == 2 and f"more than {MAX_DEPTH} levels" in err


def test_files_that_are_not_regular_files(tmp_path: Path) -> None:
    code, err = one_line(["schedule", "/dev/zero"])
    assert code == 2 and "not a regular file" in err
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    started = time.perf_counter()
    code, err = one_line(["schedule", str(fifo)])  # would block forever if opened
    assert code == 2 and "not a regular file" in err
    assert time.perf_counter() - started < 5
    code, err = one_line(["gaps", "/dev/urandom"])
    assert code == 2 and "not a regular file" in err


def test_file_size(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as out:
        out.write(HEAD.encode())
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    code, err = one_line(["schedule", str(path)])
    assert code == 2 and f"at most {MAX_FILE_BYTES:,} bytes" in err


def test_alias_bomb_stays_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    code, err = one_line(["schedule", str(plan(tmp_path, "\n".join(lines) + "\n"))])
    assert code == 2 and "alias bomb" in err
