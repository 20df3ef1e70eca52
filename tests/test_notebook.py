"""What notebooks record, and how they read their parameters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from careerlib.notebook import as_of_date, output_dir, record


def test_record_writes_plain_json(tmp_path: Path) -> None:
    path = record(
        tmp_path / "out",
        "02-roadmap",
        day=dt.date(2027, 1, 4),
        slack=np.int64(3),
        ratio=np.float64(0.5),
        missing=float("nan"),
        steps=("a", "b"),
        where=Path("x/y"),
    )
    assert path == tmp_path / "out" / "02-roadmap.json"
    assert json.loads(path.read_text()) == {
        "day": "2027-01-04",
        "slack": 3,
        "ratio": 0.5,
        "missing": None,
        "steps": ["a", "b"],
        "where": "x/y",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2027-01-29", dt.date(2027, 1, 29), id="iso"),
        pytest.param(dt.date(2027, 2, 1), dt.date(2027, 2, 1), id="date"),
    ],
)
def test_as_of_date(value: object, expected: dt.date) -> None:
    assert as_of_date(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", [pytest.param("", id="empty-is-today"), pytest.param(None, id="none-is-today")]
)
def test_as_of_date_is_today_when_not_given(value: str | None) -> None:
    # "today" read just before and just after: a run across midnight sees one of the two
    # (taken at collection, it was yesterday's date for a test that ran after midnight)
    before = dt.date.today()
    got = as_of_date(value)
    after = dt.date.today()
    assert got in {before, after}


def test_as_of_date_refuses_other_text() -> None:
    with pytest.raises(ValueError, match="as_of must be an ISO date YYYY-MM-DD, got '29/01/2027'"):
        as_of_date("29/01/2027")


def test_output_dir_is_created(tmp_path: Path) -> None:
    assert output_dir(tmp_path / "a" / "b").is_dir()
