"""How ``make test`` runs the suite: the slowest files first, the number of workers."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SLOWEST_FIRST, auto_workers


def test_the_slowest_files_named_exist_once() -> None:
    assert len(set(SLOWEST_FIRST)) == len(SLOWEST_FIRST)
    for name in SLOWEST_FIRST:
        assert (ROOT / name).is_file(), name


def test_auto_gives_a_worker_a_core_and_more() -> None:
    code = (
        "import pytest, sys\n"
        "class Seen:\n"
        "    def pytest_configure(self, config):\n"
        "        print('WORKERS', config.option.numprocesses, flush=True)\n"
        "        sys.exit(0)\n"
        "args = ['-n', 'auto', '-p', 'no:randomly', '--co', '-q', 'tests/test_suite_setup.py']\n"
        "pytest.main(args, plugins=[Seen()])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert f"WORKERS {auto_workers()}" in out.stdout, out.stdout + out.stderr


def test_the_suite_also_runs_without_xdist() -> None:
    # the serial run of benchmarks/suite.py: tests/conftest.py's xdist hook is optional
    argv = [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:randomly", "--co", "-q"]
    out = subprocess.run(
        [*argv, "tests/test_suite_setup.py"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stdout + out.stderr
