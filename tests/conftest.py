"""Shared fixtures: paths to the project's data and the shared conformance plans."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
CONFORMANCE = SHARED / "conformance"
SAMPLE_PLANS = ROOT / "data" / "plans"


#: The test files that take longest, slowest first. Measured 7 Dec 2026 05:15
#: (``-n 2``, the time of each test from its start to its end, summed a file,
#: load average about 5 on 2 cores): the chart layout 154 s, Dask 119 s, the
#: notebooks 111 s, the wheel 91 s, the coach console in the browser 89 s,
#: batch images 74 s, the plan builder in the browser 59 s, the report 48 s,
#: conformance 47 s, the check-in panel and the console token in the browser
#: 46 and 45 s, hostile files 42 s, batch staging (then 98 s, now about 40 s),
#: batch inputs 37 s, one story 36 s, hostile errors 35 s, exports 34 s, batch
#: 32 s, the docs site 31 s, the Lab smoke test 21 s. ``make test`` hands whole
#: files to its workers (``--dist loadfile --no-loadscope-reorder``) in the
#: order collected: these start first, so that no worker begins a long file
#: when the others are about to finish (benchmarks/suite.py measures it).
SLOWEST_FIRST = (
    "tests/charts/test_layout.py",
    "tests/test_batch_dask.py",
    "tests/test_notebooks.py",
    "tests/test_wheel.py",
    "tests/browser/test_coach_console.py",
    "tests/test_batch_images.py",
    "tests/browser/test_plan_builder.py",
    "tests/test_report.py",
    "tests/test_conformance.py",
    "tests/browser/test_checkin_panel.py",
    "tests/browser/test_console_token.py",
    "tests/test_hostile_files.py",
    "tests/test_batch_staging.py",
    "tests/test_batch_inputs.py",
    "tests/test_one_story.py",
    "tests/test_hostile_errors.py",
    "tests/test_exports.py",
    "tests/test_batch.py",
    "tests/test_docs.py",
    "tests/browser/test_lab_smoke.py",
)


#: Workers beyond one a core for ``-n auto`` (``make test``). A test waits much
#: of its time (for a kernel, a server, a browser, the disk): the serial suite
#: kept the CPU busy 550 s of its 894 s (``/usr/bin/time``, 7 Dec 2026), so one
#: worker more than the cores fills that waiting (benchmarks/suite.py compares).
EXTRA_WORKERS = 1


def auto_workers() -> int:
    """The workers of ``-n auto``: one a core this process may use, and :data:`EXTRA_WORKERS`."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + EXTRA_WORKERS


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist: unknown with -p no:xdist
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    return auto_workers()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put the files of :data:`SLOWEST_FIRST` first, in its order; the rest keep theirs."""
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}
    root = config.rootpath

    def place(item: pytest.Item) -> int:
        try:
            name = item.path.relative_to(root).as_posix()
        except ValueError:
            return len(rank)
        return rank.get(name, len(rank))

    items.sort(key=place)  # stable: the order within a file and among the rest stays


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test runs in its own empty folder, so nothing it writes lands in the checkout."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def tracking_client(folder: Path) -> Path:
    """The tracking tests' client (two steps, no journal yet), copied into ``folder``."""
    import shutil

    for name in ("client.yaml", "two-steps.yaml"):
        shutil.copy(DATA / "tracking" / name, folder / name)
    return folder / "client.yaml"


def in_ci() -> bool:
    """Whether this run is CI (where a missing component must fail, never skip)."""
    return bool(os.environ.get("CI"))


def need_browser() -> None:
    """Image export needs a browser: fail in CI when none is found, skip only elsewhere."""
    from careerlib import exports
    from careerlib.exceptions import ExportError

    try:
        exports.find_browser()
    except ExportError as exc:
        if in_ci():
            pytest.fail(f"image export needs chromium in CI: {exc}")
        pytest.skip(str(exc))


def chromium_dom(path: Path) -> str:
    """The DOM of a local page after chromium ran its scripts, with no network to fetch from."""
    import subprocess

    from careerlib import exports

    need_browser()
    done = subprocess.run(
        [
            exports.find_browser(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--proxy-server=127.0.0.1:9",  # nothing can be fetched from the network
            "--virtual-time-budget=10000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    return done.stdout


def sample_client(folder: Path, name: str = "jordan-lee") -> Path:
    """A sample client of data/ with its plan, role and peer files, copied into ``folder``
    (laid out as a workspace: ``folder/data/clients/NAME.yaml``), so a test may write beside it."""
    import shutil

    for sub in ("clients", "plans", "roles", "peers", "assessments"):
        shutil.copytree(ROOT / "data" / sub, folder / "data" / sub)
    return folder / "data" / "clients" / f"{name}.yaml"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium through Playwright, headless, with no network of its own.

    One a worker for every test that drives a page (the browser tests, the chart
    layout test): Playwright's sync API refuses a second instance started in the
    same thread while the first one runs.
    """
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        message = (
            f"chromium not found at {CHROMIUM}: apt-get install -y chromium (or set BROWSER_PATH)"
        )
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
