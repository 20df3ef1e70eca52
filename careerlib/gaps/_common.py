"""What the gap analyses share: the tolerance and the JSON records of their frames."""

from __future__ import annotations

from typing import Any

import pandas as pd

from careerlib._jsonable import records

EPS = 1e-9
"""Tolerance for shares and gaps counted as zero."""


def gap_records(frame: pd.DataFrame, index_name: str) -> list[dict[str, Any]]:
    """The gap analyses' JSON records of a frame: dates as ISO days, NaN as None, 4 places."""
    return records(frame, index_name, digits=4, day_only=True)
