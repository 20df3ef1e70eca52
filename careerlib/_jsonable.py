"""One conversion of Python, numpy and pandas values to what :mod:`json` writes.

Used by the gap report's JSON (:meth:`careerlib.gaps.GapReport.to_dict`) and by
:func:`careerlib.notebook.record`, each with its own settings.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["jsonable", "records"]


def jsonable(value: Any, *, digits: int | None = None, day_only: bool = False) -> Any:
    """``value`` with every part made JSON-ready, recursively.

    Mappings become dicts with string keys; lists, tuples and sets lists; dates
    ISO strings; paths strings; numpy scalars Python numbers; NaN, ``pd.NA``
    and None ``None``.

    Parameters
    ----------
    value
        Anything.
    digits
        Round floats to this many decimals (None keeps them whole).
    day_only
        Write a ``pandas.Timestamp`` as its day (``2026-11-23``) rather than
        its date and time (``2026-11-23T00:00:00``).
    """
    if isinstance(value, Mapping):
        return {str(k): jsonable(v, digits=digits, day_only=day_only) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v, digits=digits, day_only=day_only) for v in value]
    if value is None or value is pd.NA:
        return None
    if day_only and isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):  # pd.NaT is a datetime: it writes "NaT"
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return value if digits is None else round(value, digits)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def records(
    frame: pd.DataFrame, index_name: str, *, digits: int | None = None, day_only: bool = False
) -> list[dict[str, Any]]:
    """A frame as JSON-ready records, one dict a row, its index under ``index_name``.

    Cells are converted by :func:`jsonable` with ``digits`` and ``day_only``;
    an integer index stays an integer.
    """
    out = []
    for key, row in frame.iterrows():
        rec: dict[str, Any] = {index_name: int(key) if isinstance(key, np.integer) else key}
        for col, value in row.items():
            rec[str(col)] = jsonable(value, digits=digits, day_only=day_only)
        out.append(rec)
    return out
