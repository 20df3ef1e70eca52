"""Where shipped data is found (careerlib/_paths.py)."""

from __future__ import annotations

from careerlib._paths import data_dir
from tests.conftest import ROOT


def test_data_dir_is_the_data_folder_beside_the_package() -> None:
    assert data_dir() == ROOT / "data"
    assert (data_dir() / "plans").is_dir() and (data_dir() / "clients").is_dir()
