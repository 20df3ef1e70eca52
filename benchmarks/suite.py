"""Benchmark: the test suite run serially and in parallel, side by side (issue 21, point 6).

Run ``.venv/bin/python benchmarks/suite.py`` (``--write`` also records the
figures in ``benchmarks/RESULTS.md``). Target: ``make test`` (pytest-xdist,
``--dist loadfile``, the slowest test files first: ``tests/conftest.py``) in at
most 60% of the serial time, both measured in the same run.

What it does:

1. ``git clone`` of this repository's committed ``HEAD`` into a temporary
   folder (uncommitted changes are not measured), so that no cache, build or
   report of the working tree counts; ``../shared`` (the contracts the tests
   read) is linked beside it;
2. the suite there, with this checkout's ``.venv`` reused (not a fresh one:
   building it is not what is measured). ``PYTHONPATH`` points at the clone,
   so the tests and every ``python -m careerlib`` they start import the
   clone's code, not the editable install's;
3. one after another: serially (``-p no:xdist``), then as ``make test`` runs
   them (``-n auto --dist loadfile --no-loadscope-reorder``: one worker a core
   and one more, ``tests/conftest.py``), then with any other numbers of
   workers given by ``--workers`` for comparison, each timed by the wall clock,
   with the machine's load average before and after. The target is judged on
   ``make test``'s run.

Pytest arguments after ``--`` narrow the run (``-- tests/test_tables.py -k
roster``): to check the script on a few files; figures of such a run are not
the suite's and ``--write`` refuses them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from results import write_section  # noqa: E402

HEADING = "## The test suite, serial and parallel (issue 21)"
TARGET_RATIO = 0.60


@dataclass(frozen=True)
class Run:
    """One run of the suite: how, how long [s], its exit status and the load around it."""

    name: str
    argv: list[str]
    seconds: float
    status: int
    summary: str
    load_before: float
    load_after: float


def clone(into: Path) -> Path:
    """A fresh clone of this repository's HEAD in ``into``; returns its folder.

    The shared contracts beside the checkout (``../shared``: the conformance
    plans the tests read) are linked beside the clone, as they sit in CI.
    """
    shared = ROOT.parent / "shared"
    if shared.is_dir():
        (into / "shared").symlink_to(shared, target_is_directory=True)
    target = into / "careerlib"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(target)], check=True
    )
    return target


#: How ``make test`` hands the files to its workers (the Makefile's ``test``).
DIST = ["--dist", "loadfile", "--no-loadscope-reorder"]


def auto_workers() -> int:
    """The number of workers ``-n auto`` gives here (``tests/conftest.py``)."""
    sys.path.insert(0, str(ROOT))
    try:
        from tests.conftest import auto_workers as workers
    finally:
        sys.path.remove(str(ROOT))
    return workers()


def pytest_runs(workers: list[int], extra: list[str]) -> list[tuple[str, list[str]]]:
    """The serial run, ``make test``'s (``-n auto``), then one run per other number of workers."""
    runs = [
        ("serial", ["-p", "no:xdist", *extra]),
        (f"make test: -n auto ({auto_workers()})", ["-n", "auto", *DIST, *extra]),
    ]
    for n in workers:
        runs.append((f"-n {n}", ["-n", str(n), *DIST, *extra]))
    return runs


def clone_env(repo: Path) -> dict[str, str]:
    """The environment of the runs: the clone's code first on the path."""
    return {**os.environ, "PYTHONPATH": str(repo), "PYTHONDONTWRITEBYTECODE": "1"}


def check_imports_the_clone(repo: Path, python: Path) -> None:
    """Fail unless ``python`` in the runs' environment imports careerlib from ``repo``."""
    where = subprocess.run(
        [str(python), "-c", "import careerlib; print(careerlib.__file__)"],
        cwd=repo.parent,
        env=clone_env(repo),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(where).resolve().is_relative_to(repo.resolve()):
        sys.exit(f"suite.py: {python} imports careerlib from {where}, not from the clone {repo}")


def run_suite(repo: Path, python: Path, name: str, args: list[str]) -> Run:
    """Run pytest in ``repo`` with ``args``, timed; its last line says what passed."""
    env = clone_env(repo)
    argv = [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    print(f"{name}: {' '.join(argv[1:])}", flush=True)
    before = os.getloadavg()[0]
    began = time.perf_counter()
    done = subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    after = os.getloadavg()[0]
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    summary = lines[-1].strip("= ") if lines else done.stderr.strip()[-300:]
    print(f"  {seconds:7.1f} s, exit {done.returncode}: {summary}", flush=True)
    for line in lines:  # what failed, from pytest's short summary (-ra)
        if line.startswith(("FAILED ", "ERROR ")):
            print(f"    {line}", flush=True)
    return Run(name, argv[1:], seconds, done.returncode, summary, before, after)


def machine() -> str:
    """This machine in a few words: architecture, cores, memory, Python."""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        memory = ""
    return (
        f"{platform.machine()}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"
    )


def section(runs: list[Run], commit: str, extra: list[str]) -> str:
    """The RESULTS.md section: how it was run, then a row a run with its ratio to serial."""
    serial = runs[0].seconds
    rows = "".join(
        f"| {r.name} | {r.seconds:.0f} | {r.seconds / serial:.0%} | "
        f"{r.load_before:.1f} / {r.load_after:.1f} | {r.summary} |\n"
        for r in runs
    )
    judged = runs[1] if len(runs) > 1 else runs[0]  # make test's run
    ratio = judged.seconds / serial
    verdict = "met" if ratio <= TARGET_RATIO else "missed"
    narrowed = f" (narrowed: `{' '.join(extra)}`)" if extra else ""
    return (
        f"{HEADING}\n\n"
        "`.venv/bin/python benchmarks/suite.py --write`: a fresh `git clone` of the\n"
        "commit in a temporary folder, the checkout's `.venv` reused (PYTHONPATH at\n"
        "the clone), the suite serially (`-p no:xdist`), as `make test` runs it\n"
        "(`-n auto --dist loadfile --no-loadscope-reorder`, slowest files first; auto\n"
        "is one worker a core and one more) and with other numbers of workers, one\n"
        "after another in the same run, wall-clock times.\n\n"
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {machine()}, commit {commit}"
        f"{narrowed}:\n\n"
        "| run | wall s | of serial | load average before / after | pytest says |\n"
        "|---|---:|---:|---|---|\n"
        f"{rows}\n"
        f"Target: `make test` at most {TARGET_RATIO:.0%} of serial; {judged.name}: "
        f"{ratio:.0%} ({verdict}).\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record in RESULTS.md")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[],
        metavar="N",
        help="other numbers of xdist workers to run after make test's, for comparison",
    )
    parser.add_argument(
        "--python",
        type=Path,
        default=ROOT / ".venv" / "bin" / "python",
        help="the Python of the venv to reuse (default: this checkout's .venv)",
    )
    parser.add_argument("pytest_args", nargs="*", help="after --: narrow the run (files, -k)")
    args = parser.parse_args()
    if args.write and args.pytest_args:
        parser.error("--write records the whole suite only: drop the pytest arguments")

    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="careerlib-suite-") as tmp:
        repo = clone(Path(tmp))
        print(f"clone of {commit} in {repo}; venv {args.python}", flush=True)
        check_imports_the_clone(repo, args.python)
        runs = [
            run_suite(repo, args.python, name, argv)
            for name, argv in pytest_runs(args.workers, args.pytest_args)
        ]
    text = section(runs, commit, args.pytest_args)
    print()
    print(text)
    if args.write:
        write_section(HEADING, text)
        print(f"recorded in {HERE / 'RESULTS.md'}")
    if any(r.status not in (0, 5) for r in runs):
        sys.exit(1)


if __name__ == "__main__":
    main()
