"""One JSON-ready conversion, with the gap report's settings and with the notebooks'."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from careerlib._jsonable import jsonable, records


@pytest.mark.parametrize(
    ("value", "plain", "report"),
    [
        pytest.param(dt.date(2027, 1, 4), "2027-01-04", "2027-01-04", id="date"),
        pytest.param(
            pd.Timestamp("2027-01-04"), "2027-01-04T00:00:00", "2027-01-04", id="timestamp"
        ),
        pytest.param(np.int64(3), 3, 3, id="numpy-int"),
        pytest.param(np.bool_(True), True, True, id="numpy-bool"),
        pytest.param(np.float64(1 / 3), 1 / 3, 0.3333, id="numpy-float"),
        pytest.param(2 / 3, 2 / 3, 0.6667, id="float"),
        pytest.param(float("nan"), None, None, id="nan"),
        pytest.param(None, None, None, id="none"),
        pytest.param(pd.NA, None, None, id="pd-na"),
        pytest.param(("a", np.int64(1)), ["a", 1], ["a", 1], id="tuple"),
        pytest.param({1: Path("x/y")}, {"1": "x/y"}, {"1": "x/y"}, id="dict-and-path"),
        pytest.param("text", "text", "text", id="str"),
    ],
)
def test_jsonable_with_and_without_the_report_settings(value, plain, report) -> None:
    assert jsonable(value) == plain
    assert jsonable(value, digits=4, day_only=True) == report


def test_records_keep_an_integer_index_and_convert_cells() -> None:
    frame = pd.DataFrame(
        {"when": pd.to_datetime(["2027-01-04"]), "x": [np.float64(0.123456)], "s": [("a",)]},
        index=pd.Index(np.array([1], dtype=np.int64), name="rank"),
    )
    out = records(frame, "rank", digits=4, day_only=True)
    assert out == [{"rank": 1, "when": "2027-01-04", "x": 0.1235, "s": ["a"]}]
    assert type(out[0]["rank"]) is int
    json.dumps(out)
