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
