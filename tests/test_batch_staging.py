"""A run cannot leave a mixed folder: each pair's folder is swapped in whole.

Unit tests of the swap (an exchange of two folders, its fallback and the
recovery after a kill between the fallback's two renames, a pair that wrote
nothing keeping its old folder, the manifest taking the pairs' own entries),
then ``kill -9`` of ``careerlib run`` at random moments over an earlier run's
folder: every pair is wholly one run's.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import nbformat
import psutil
import pytest

from careerlib.batch import Job, JobResult, plan_jobs
from careerlib.batch import _staging as staging
from careerlib.batch._manifest import reconcile_manifest, write_manifest
from careerlib.batch._staging import ENTRY, clean_stale_temporaries, commit, exchange, staged
from tests.conftest import DATA

GREET = DATA / "notebooks" / "greet.ipynb"
ADA = DATA / "clients" / "ada.yaml"
RUN_1, RUN_2 = "20261206T100000Z-aaaaaa", "20261207T100000Z-bbbbbb"


def _ran(stage: Job, text: str) -> JobResult:
    """What a pair's run leaves in its staging folder (as a worker would)."""
    stage.output.write_text(text)
    stage.html.write_text(f"<p>{text}</p>")
    (stage.out_dir / "export.txt").write_text(text)
    return JobResult(str(stage.notebook), "ada", "ok", 1.0, str(stage.output), str(stage.html))


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "y").write_text("b")
    if not exchange(a, b):
        pytest.skip("this file system cannot exchange folders (the fallback is tested below)")
    assert (a / "y").read_text() == "b" and (b / "x").read_text() == "a"
    with pytest.raises(FileNotFoundError):
        exchange(a, tmp_path / "nowhere")


@pytest.mark.parametrize("exchanges", [True, False], ids=["exchange", "two-renames"])
def test_a_pair_is_swapped_in_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchanges: bool
) -> None:
    if not exchanges:
        monkeypatch.setattr(staging, "exchange", lambda a, b: False)
    (job,) = plan_jobs([GREET], [ADA], tmp_path / "out")
    first = staged(job, RUN_1)
    assert first.out_dir.name == f".greet.staging-{RUN_1}"
    assert first.out_dir.parent == job.out_dir.parent  # the same depth: the same relative links
    result, entry = commit(job, first, _ran(first, "one"), RUN_1)
    assert result.output == str(job.output) and result.html == str(job.html)
    assert entry["run"] == RUN_1 and entry["parameters"]["out_dir"] == str(job.out_dir)
    assert json.loads((job.out_dir / ENTRY).read_text())["run"] == RUN_1
    # the next run: its files only (export.txt it did not write is gone with the old folder)
    second = staged(job, RUN_2)
    second.output.write_text("two")
    done = JobResult(str(job.notebook), "ada", "ok", 1.0, str(second.output))
    commit(job, second, done, RUN_2)
    assert sorted(p.name for p in job.out_dir.iterdir()) == [ENTRY, "greet.ipynb"]
    assert job.output.read_text() == "two"
    assert json.loads((job.out_dir / ENTRY).read_text())["run"] == RUN_2
    assert sorted(p.name for p in job.out_dir.parent.iterdir()) == ["greet"]


def test_a_pair_that_wrote_nothing_keeps_its_old_folder(tmp_path: Path) -> None:
    (job,) = plan_jobs([GREET], [ADA], tmp_path / "out")
    first = staged(job, RUN_1)
    commit(job, first, _ran(first, "one"), RUN_1)
    second = staged(job, RUN_2)  # its kernel did not start: nothing written
    failed = JobResult(str(job.notebook), "ada", "failed", 0.0, str(second.output), error="x")
    result, entry = commit(job, second, failed, RUN_2)
    assert job.output.read_text() == "one" and not second.out_dir.exists()
    assert entry["run"] == RUN_2 and entry["kept"] == RUN_1 and entry["output"] is None
    assert result.status == "failed" and result.html is None


def test_a_kill_between_the_two_renames_is_undone_by_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (job,) = plan_jobs([GREET], [ADA], out)
    first = staged(job, RUN_1)
    commit(job, first, _ran(first, "one"), RUN_1)
    second = staged(job, RUN_2)
    _ran(second, "two")
    aside = job.out_dir.with_name(f".greet.old-{RUN_2}")
    os.rename(job.out_dir, aside)  # ... and killed here: no pair folder
    (out / ".careerlib-run.lock").touch()
    removed = clean_stale_temporaries(out)
    assert removed == [second.out_dir]
    assert job.output.read_text() == "one", "the old folder is back, whole"
    assert sorted(p.name for p in job.out_dir.parent.iterdir()) == ["greet"]


def test_the_manifest_takes_the_entries_of_pairs_swapped_in_after_its_last_write(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    (job,) = plan_jobs([GREET], [ADA], out)
    first = staged(job, RUN_1)
    _, entry = commit(job, first, _ran(first, "one"), RUN_1)
    write_manifest(out, [entry], run=RUN_1, jobs=1, seconds=1.0)
    second = staged(job, RUN_2)
    commit(job, second, _ran(second, "two"), RUN_2)  # killed before the manifest's write
    other = asdict(JobResult("nb.ipynb", "cy", "ok", 1.0, "cy/nb/nb.ipynb")) | {"run": RUN_1}
    write_manifest(out, [other], run=RUN_1, jobs=1, seconds=1.0)
    reconcile_manifest(out)
    pairs = {p["client"]: p for p in json.loads((out / "manifest.json").read_text())["pairs"]}
    assert pairs["ada"]["run"] == RUN_2 and pairs["cy"]["run"] == RUN_1


def test_a_pair_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    from careerlib import OutputError

    (tmp_path / "out" / "ada").mkdir(parents=True)
    (tmp_path / "out" / "ada" / "greet").write_text("notes")
    with pytest.raises(OutputError, match="is a file"):
        plan_jobs([GREET], [ADA], tmp_path / "out")


# --- kill -9 at random moments --------------------------------------------------------


def _as_of_of(folder: Path) -> set[str]:
    """The review dates the files of a pair's folder were made with (one when whole)."""
    dates: set[str] = set()
    entry = json.loads((folder / ENTRY).read_text())
    dates.add(entry["parameters"]["as_of"])
    nb = nbformat.read(folder / "greet.ipynb", as_version=4)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    dates |= set(re.findall(r'as_of = "([\d-]+)"', injected.source))
    if (folder / "greeting.txt").exists():
        dates |= set(re.findall(r"as of ([\d-]+)", (folder / "greeting.txt").read_text()))
        dates |= set(re.findall(r"as of ([\d-]+)", (folder / "greet.html").read_text()))
    return dates


def _wait_for_a_swap(
    pairs: list[Path], proc: subprocess.Popen[bytes], timeout: float = 120.0
) -> None:
    """Until the first pair folder is replaced (its entry changes)."""
    entries = {p: (p / ENTRY).stat().st_ino for p in pairs}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        for pair, inode in entries.items():
            with contextlib.suppress(FileNotFoundError):
                if (pair / ENTRY).stat().st_ino != inode:
                    return
        time.sleep(0.01)


def _wait_for_family(family: list[psutil.Process]) -> None:
    _, alive = psutil.wait_procs(family, timeout=20)
    for proc in alive:  # should not happen: the run's processes end with it
        proc.kill()


@pytest.mark.slow
def test_kill_9_at_any_moment_leaves_every_pair_wholly_old_or_wholly_new(tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    clients.mkdir()
    for name in ("ada", "bob", "cy", "dee", "eve", "fay"):
        source = DATA / "clients" / f"{name}.yaml"
        if source.exists():
            shutil.copy(source, clients)
        else:
            (clients / f"{name}.yaml").write_text(f"name: {name.title()}\n")
    out = tmp_path / "out"

    def command(as_of: str, jobs: int = 2) -> list[str]:
        return [sys.executable, "-m", "careerlib", "run", str(GREET), "--client"] + [
            str(clients / "*.yaml"),
            "--out",
            str(out),
            "-j",
            str(jobs),
            "-p",
            f"as_of={as_of}",
            "--quiet",
        ]

    started = time.perf_counter()
    first = subprocess.run(command("2027-01-01"), capture_output=True, text=True, check=False)
    whole = time.perf_counter() - started
    assert first.returncode == 1, first.stderr  # bob fails, the others run
    pairs = sorted(out.glob("*/greet"))
    assert len(pairs) == 6
    rng = random.Random(20261207)
    kills = []
    # each way of running (in this process, in workers) killed once at a random
    # moment and once while the pairs are swapped in
    for attempt in range(4):
        as_of = f"2027-02-{attempt + 1:02d}"
        before = {p: _as_of_of(p) for p in pairs}
        started_at = time.perf_counter()
        proc = subprocess.Popen(
            command(as_of, jobs=1 if attempt < 2 else 2),  # in this process, or in workers
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            if attempt % 2:  # any moment of the run
                moment = rng.uniform(0.3, 1.2 * whole)
                time.sleep(moment)
            else:  # a moment while the pairs are being swapped in
                _wait_for_a_swap(pairs, proc)
                time.sleep(rng.uniform(0.0, 0.3))
                moment = time.perf_counter() - started_at
            family = psutil.Process(proc.pid).children(recursive=True)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            _wait_for_family(family)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        new = 0
        for pair in pairs:
            dates = _as_of_of(pair)
            assert len(dates) == 1, (attempt, pair, dates)  # never two runs' files
            assert dates in (before[pair], {as_of}), (attempt, pair, dates)
            new += dates == {as_of}
        kills.append((round(moment, 1), new))
    print(f"a whole run {whole:.1f} s; kills (seconds in, pairs new): {kills}")
    # the next run sweeps what the killed ones left, and the manifest agrees with the pairs
    last = subprocess.run(command("2027-03-01"), capture_output=True, text=True, check=False)
    assert last.returncode == 1, last.stderr
    assert not list(out.rglob(".*.staging-*")) and not list(out.rglob(".*.tmp-*"))
    manifest = json.loads((out / "manifest.json").read_text())
    assert {p["run"] for p in manifest["pairs"]} == {manifest["run"]}
    for pair in pairs:
        assert _as_of_of(pair) == {"2027-03-01"}
        assert json.loads((pair / ENTRY).read_text())["run"] == manifest["run"]
