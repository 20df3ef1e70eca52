"""What the coaching notebooks call besides the analyses: where outputs go and
what a run records.

Each notebook ends by :func:`record`-ing its key results as JSON next to its
outputs (``<out_dir>/<name>.json``), so a batch run leaves, for every client, a
small machine-readable summary beside the report, and tests can check what a
notebook found without parsing its cells.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from careerlib._atomic import write_text
from careerlib._jsonable import jsonable

__all__ = ["as_of_date", "output_dir", "record"]


def as_of_date(value: str | dt.date | None) -> dt.date:
    """The review date of a notebook run: an ISO date, or today when empty."""
    if value in (None, ""):
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"as_of must be an ISO date YYYY-MM-DD, got {value!r}") from None


def output_dir(out_dir: str | Path) -> Path:
    """The folder for a run's exports and records, created if needed."""
    path = Path(out_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def record(out_dir: str | Path, name: str, **values: Any) -> Path:
    """Write ``values`` as ``<out_dir>/<name>.json`` (atomically) and return the path.

    Dates become ISO strings, numpy numbers plain numbers, NaN ``null``.
    """
    path = output_dir(out_dir) / f"{name}.json"
    return write_text(path, json.dumps(jsonable(values), indent=2, sort_keys=True) + "\n")
