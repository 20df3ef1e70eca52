"""What the gap analyses share: the tolerance and the JSON records of their frames."""

from __future__ import annotations

from typing import Any

import pandas as pd

from careerlib._jsonable import records as _records

EPS = 1e-9
"""Tolerance for shares and gaps counted as zero."""


def records(frame: pd.DataFrame, index_name: str) -> list[dict[str, Any]]:
    """A frame as JSON-ready records: dates as ISO days, NaN as None, floats to 4 places."""
    return _records(frame, index_name, digits=4, day_only=True)
