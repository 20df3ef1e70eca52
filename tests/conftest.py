"""Shared fixtures: the repository's data folder and small files written per test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA
