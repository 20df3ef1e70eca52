"""Where careerlib's data comes from: CAREERLIB_DATA first, then the package (or the checkout)."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlib._paths import data_dir, data_path, notebooks_dir
from careerlib.exceptions import DataError
from tests.conftest import ROOT


def test_the_checkout_folders_without_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CAREERLIB_DATA", raising=False)
    assert data_path() == data_dir() == ROOT / "data"
    assert (data_dir() / "plans").is_dir() and (data_dir() / "clients").is_dir()
    assert data_path("onet", "occupations.csv.gz").is_file()
    assert notebooks_dir() == ROOT / "notebooks"


def test_the_variable_first_and_the_package_for_what_it_lacks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "mine.yaml").write_text("description: x\n")
    monkeypatch.setenv("CAREERLIB_DATA", str(tmp_path))
    assert data_path() == data_dir() == tmp_path
    assert data_path("templates", "mine.yaml") == tmp_path / "templates" / "mine.yaml"
    # no O*NET tables there: they still come from the package
    assert data_path("onet") == ROOT / "data" / "onet"


def test_a_variable_naming_no_folder_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CAREERLIB_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(DataError, match=r"CAREERLIB_DATA=.*nowhere: no such folder"):
        data_path("onet")


def test_onet_reads_its_tables_through_data_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from careerlib import onet

    monkeypatch.delenv("CAREERLIB_DATA", raising=False)
    assert onet.data_dir() == data_path()
