"""Shared fixtures: paths to the project's data and the shared conformance plans."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
CONFORMANCE = SHARED / "conformance"
SAMPLE_PLANS = ROOT / "data" / "plans"


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
