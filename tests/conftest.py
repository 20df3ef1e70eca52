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


#: The test files that take longest, slowest first. Measured 7 Dec 2026 serially
#: (``-p no:xdist``, junit times summed a file) at load average 14 on 2 cores:
#: the coach console in the browser 412 s (two tests timing out then), the
#: notebooks 238 s, the check-in panel in the browser 149 s, batch images 109 s,
#: the console token 97 s, the report 74 s, batch 59 s, the Lab smoke test 36 s,
#: Dask 30 s, batch kernels 29 s, the console server 24 s, one story 24 s, the
#: docs site 11 s; the wheel (~200 s) from issue 21's figures. ``make test``
#: hands whole files to its workers (``--dist loadfile --no-loadscope-reorder``)
#: in the order collected: these start first, so that no worker begins a long
#: file when the others are about to finish (benchmarks/suite.py measures it).
SLOWEST_FIRST = (
    "tests/browser/test_coach_console.py",
    "tests/test_notebooks.py",
    "tests/test_wheel.py",
    "tests/browser/test_checkin_panel.py",
    "tests/test_batch_images.py",
    "tests/browser/test_console_token.py",
    "tests/test_report.py",
    "tests/test_batch.py",
    "tests/browser/test_lab_smoke.py",
    "tests/test_batch_dask.py",
    "tests/test_batch_kernels.py",
    "tests/test_console_server.py",
    "tests/test_one_story.py",
    "tests/test_docs.py",
)


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
