"""Fixtures of the chart tests: the gap report of the sample client Jordan Lee."""

from __future__ import annotations

import datetime as dt

import pytest

from careerlib.gaps import analyse
from tests.charts.helpers import DATA_ROOT


@pytest.fixture(scope="package")
def report():
    return analyse(DATA_ROOT / "clients" / "jordan-lee.yaml", dt.date(2026, 11, 23))
