"""Issue 16, lost files: no command writes over its inputs or outside its folder.

Also: a parameter a notebook would fail on is refused before any kernel
starts (yesterday's report stays), workers die with their parent (``kill -9``
of ``careerlib run``), a killed run's temporary files are removed by the next
run, and two runs into one folder both keep their pairs in the manifest.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

import nbformat
import psutil
import pytest
from click.testing import CliRunner

from careerlib import BatchError, OutputError
from careerlib._atomic import write_bytes
from careerlib.batch import (
    JobResult,
    clean_stale_temporaries,
    plan_jobs,
    run_batch,
)
from careerlib.batch._manifest import write_manifest
from careerlib.cli import cli
from tests.conftest import DATA, SAMPLE_PLANS

GREET = DATA / "notebooks" / "greet.ipynb"
ADA = DATA / "clients" / "ada.yaml"
PLAN = SAMPLE_PLANS / "same-sector-move.yaml"


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".ics"])
def test_export_never_replaces_its_own_plan(tmp_path: Path, suffix: str) -> None:
    # a plan whose name has an export suffix, exported to itself
    plan = tmp_path / f"plan{suffix}"
    plan.write_bytes(PLAN.read_bytes())
    before = plan.read_bytes()
    code, _, err = _invoke("export", str(plan), "-o", str(plan))
    assert code == 1
    assert err.startswith("careerlib: ") and err.count("\n") == 1
    assert "names the input file" in err
    assert plan.read_bytes() == before


def test_export_to_the_plan_through_another_path_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_bytes(PLAN.read_bytes())
    (tmp_path / "sub").mkdir()
    link = tmp_path / "sub" / "link.csv"
    link.symlink_to(plan)
    code, _, err = _invoke("export", str(plan), "-o", str(tmp_path / "sub" / ".." / "plan.csv"))
    assert code == 1
    code, _, err = _invoke("export", str(plan), "-o", str(link))
    assert code == 1, err
    assert plan.read_bytes() == PLAN.read_bytes()


def test_gantt_never_replaces_its_own_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.html"
    plan.write_bytes(PLAN.read_bytes())
    code, _, err = _invoke("gantt", str(plan), "-o", str(plan))
    assert code == 1
    assert plan.read_bytes() == PLAN.read_bytes()


@pytest.mark.parametrize("name", ["...yaml", "..yaml", ".hidden.yaml"])
def test_a_client_name_cannot_put_reports_outside_out(tmp_path: Path, name: str) -> None:
    client = tmp_path / "in" / name
    client.parent.mkdir()
    client.write_text("name: Eve\n")
    out = tmp_path / "sub" / "out"
    precious = tmp_path / "sub" / "greet.ipynb"  # where `OUT/../greet.ipynb` would land
    precious.parent.mkdir()
    precious.write_text("yesterday's report")
    with pytest.raises(OutputError, match="outside|hide"):
        plan_jobs([GREET], [client], out)
    code, _, err = _invoke("run", str(GREET), "--client", str(client), "--out", str(out))
    assert code == 1 and err.startswith("careerlib: ") and err.count("\n") == 1
    assert precious.read_text() == "yesterday's report"
    assert not out.exists()


def test_out_naming_an_existing_file_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.write_text("a file, not a folder")
    code, _, err = _invoke("run", str(GREET), "--client", str(ADA), "--out", str(out))
    assert code == 1
    assert err.startswith("careerlib: --out") and err.count("\n") == 1
    assert "a folder is needed" in err or "need a folder" in err
    assert out.read_text() == "a file, not a folder"


def test_out_below_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match="is a file"):
        plan_jobs([GREET], [ADA], tmp_path / "f" / "out")


@pytest.mark.parametrize(
    "value", ["2027-02-30", "2027-13-01", "yesterday", "99999-01-01", "9999-12-31", "0001-01-01"]
)
def test_an_impossible_date_parameter_is_refused_before_any_kernel(
    tmp_path: Path, value: str
) -> None:
    out = tmp_path / "out"
    report = out / "ada" / "greet" / "greet.ipynb"
    report.parent.mkdir(parents=True)
    report.write_text("yesterday's good report")
    started = time.perf_counter()
    with pytest.raises(BatchError, match="as_of"):
        run_batch([GREET], [ADA], out, jobs=1, parameters={"as_of": value}, progress=False)
    assert time.perf_counter() - started < 5  # no kernel was started
    assert report.read_text() == "yesterday's good report"
    code, _, err = _invoke(
        "run", str(GREET), "--client", str(ADA), "--out", str(out), "-p", f"as_of={value}"
    )
    assert code == 2 and err.startswith("careerlib: ") and err.count("\n") == 1
    assert report.read_text() == "yesterday's good report"


def test_atomic_write_of_a_name_near_255_bytes(tmp_path: Path) -> None:
    target = tmp_path / ("é" * 120 + "abcdefghijklmno.csv")  # 259 bytes: too long
    assert len(target.name.encode()) > 255
    with pytest.raises(OSError) as info:
        write_bytes(target, b"x")
    assert info.value.filename == str(target)  # the error names the file asked for
    fits = tmp_path / ("a" * 251 + ".csv")  # 255 bytes: the temporary name must fit too
    write_bytes(fits, b"x")
    assert fits.read_bytes() == b"x"
    assert sorted(p.name for p in tmp_path.iterdir()) == [fits.name]


def test_stale_temporaries_are_removed_by_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    staging = out / "ada" / ".greet.staging-20261206T101500Z-0a1b2c"
    staging.mkdir(parents=True)
    stale = [
        out / "ada" / ".greet.tmp-0a1b2c3d.ipynb",
        out / "ada" / ".greet.tmp-deadbeef.html",
        out / ".manifest.tmp-01234567.json",
        staging / "greet.ipynb",
    ]
    keep = [out / "ada" / "notes.tmp-x.txt", out / "ada" / "greet.ipynb"]
    for path in stale + keep:
        path.write_text("left by a killed run")
    (out / ".careerlib-run.lock").touch()  # the killed run had made it
    result = run_batch([GREET], [ADA], out, jobs=1, progress=False)
    assert result.ok
    assert not [p for p in stale if p.exists()] and not staging.exists()
    assert all(p.exists() for p in keep)
    assert not list(out.rglob(".*.tmp-*")) and not list(out.rglob(".*.staging-*"))


def test_a_pair_folder_set_aside_by_a_killed_run_is_put_back(tmp_path: Path) -> None:
    """Where folders cannot be exchanged, a run killed between its two renames left the
    old folder aside and none in its place: the next run into OUT puts it back."""
    out = tmp_path / "out"
    aside = out / "ada" / ".greet.old-20261206T101500Z-0a1b2c"
    aside.mkdir(parents=True)
    (aside / "greet.ipynb").write_text("yesterday's report")
    (out / ".careerlib-run.lock").touch()
    assert clean_stale_temporaries(out) == []
    assert (out / "ada" / "greet" / "greet.ipynb").read_text() == "yesterday's report"
    # one with the new folder in its place goes
    aside.mkdir()
    assert clean_stale_temporaries(out) == [aside] and not aside.exists()


def test_temporaries_of_a_live_run_are_left_alone(tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    busy = out / ".greet.tmp-0a1b2c3d.ipynb"
    busy.write_text("being written")
    with open(out / ".careerlib-run.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_SH)  # another run is going on
        assert clean_stale_temporaries(out) == []
        assert busy.exists()
    assert clean_stale_temporaries(out) == [busy]


def test_manifest_updates_are_serialized(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()

    def write(client: str) -> None:
        result = JobResult("nb.ipynb", client, "ok", 0.1, f"{client}/nb.ipynb")
        write_manifest(out, [asdict(result)], run="r", jobs=1, seconds=0.1)

    threads = [threading.Thread(target=write, args=(f"c{i}",)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    pairs = json.loads((out / "manifest.json").read_text())["pairs"]
    assert sorted(p["client"] for p in pairs) == sorted(f"c{i}" for i in range(12))


def _slow_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell('client = ""\nout_dir = "."\nseconds = 6.0'),
            nbformat.v4.new_code_cell(
                "import pathlib, time\n"
                "pathlib.Path(out_dir).mkdir(parents=True, exist_ok=True)\n"
                "pathlib.Path(out_dir, 'started.txt').write_text('started')\n"
                "time.sleep(seconds)\n"
                "pathlib.Path(out_dir, 'late.txt').write_text('written after the kill')"
            ),
        ]
    )
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_workers_die_with_a_killed_run(tmp_path: Path) -> None:
    notebook = tmp_path / "slow.ipynb"
    _slow_notebook(notebook)
    clients = []
    for name in ("ann", "ben"):
        clients += ["--client", str(tmp_path / f"{name}.yaml")]
        (tmp_path / f"{name}.yaml").write_text(f"name: {name}\n")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "careerlib", "run", str(notebook), *clients]
        + ["--out", str(out), "-j", "2", "-p", "seconds=8", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while len(list(out.glob("*/.slow.staging-*/started.txt"))) < 2:
            assert proc.poll() is None, "the run ended before its notebooks started"
            assert time.monotonic() < deadline, "the notebooks did not start"
            time.sleep(0.2)
        family = psutil.Process(proc.pid).children(recursive=True)
        assert family, "the run has worker processes"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 15
        while any(_alive(p.pid) for p in family) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p.pid for p in family if _alive(p.pid)], "workers outlived the run"
        time.sleep(9)  # past the notebooks' sleep: nothing writes any more
        assert not list(out.rglob("late.txt"))
        assert not list(out.glob("*/slow"))  # no pair swapped in without its entry
        # the next run removes what the killed one left half-written
        result = run_batch(
            [notebook],
            [tmp_path / "ann.yaml"],
            out,
            jobs=1,
            parameters={"seconds": 0.0},
            progress=False,
        )
        assert result.ok
        assert not list(out.rglob(".*.tmp-*")) and not list(out.rglob(".*.staging-*"))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _sigint_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_a_run_at_once_and_keeps_what_had_ended(tmp_path: Path) -> None:
    slow = tmp_path / "slow.ipynb"
    _slow_notebook(slow)
    fast = tmp_path / "fast.ipynb"
    nb = nbformat.read(slow, as_version=4)
    nb.cells[1].source = "import pathlib\npathlib.Path(out_dir, 'done.txt').write_text('done')"
    nbformat.write(nb, fast)
    (tmp_path / "ann.yaml").write_text("name: ann\n")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "careerlib", "run", str(fast), str(slow)]
        + ["--client", str(tmp_path / "ann.yaml"), "--out", str(out), "-j", "2"]
        + ["-p", "seconds=60", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        # Ctrl-C as in a terminal, even when these tests run with SIGINT ignored (a job
        # started in the background by a shell, nohup), which the command would inherit
        preexec_fn=_sigint_as_in_a_terminal,
    )
    try:
        deadline = time.monotonic() + 120
        while not (
            (out / "ann" / "fast" / "fast.html").exists()
            and list(out.glob("ann/.slow.staging-*/started.txt"))
        ):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the notebooks did not start"
            time.sleep(0.2)
        time.sleep(1)  # the fast pair's result reaches the command
        family = psutil.Process(proc.pid).children(recursive=True)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        stdout, stderr = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()  # and its pipes closed: no warning in a later test
    assert proc.returncode == 1
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines == [
        f"careerlib: stopped (Ctrl-C) after 1 of 2 runs; they are in {out / 'manifest.json'}; "
        "run the same command again for the others"
    ], stderr  # one line: no traceback, no worker's own message
    manifest = json.loads((out / "manifest.json").read_text())
    assert [(Path(p["notebook"]).name, p["status"]) for p in manifest["pairs"]] == [
        ("fast.ipynb", "ok")
    ]
    deadline = time.monotonic() + 15
    while any(_alive(p.pid) for p in family) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p.pid for p in family if _alive(p.pid)], "a process outlived Ctrl-C"
    assert not list(out.rglob("late.txt"))
    assert not list(out.rglob(".*.staging-*")), "the stopped pair's staging folder is gone"
