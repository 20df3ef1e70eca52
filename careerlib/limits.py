"""The documented limits of what careerlib reads, checked before any work.

A few lines of a file must not be able to ask for years of computing or all
the memory of the machine. Each limit below is checked when the file is read
or validated, and a refusal names the field and the limit
(``docs/plan-format.md`` lists them for the coach):

* every date lies between :data:`EARLIEST_DATE` and :data:`LATEST_DATE`, and
  so does every day a schedule works out;
* a duration or buffer is at most :data:`MAX_SPAN_DAYS` working days
  (:data:`MAX_SPAN_WEEKS` weeks);
* an effort is at most :data:`MAX_EFFORT_HOURS` hours;
* the cost of an alternative is at most :data:`MAX_COST` (in the plan's currency);
* a YAML file is a regular file of at most :data:`MAX_FILE_BYTES` bytes,
  nested at most :data:`MAX_DEPTH` levels deep;
* numbers are finite: ``nan`` and ``inf`` are refused wherever a number goes.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import stat
from pathlib import Path
from typing import Any

__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "MAX_COST",
    "MAX_DEPTH",
    "MAX_EFFORT_HOURS",
    "MAX_FILE_BYTES",
    "MAX_SPAN_DAYS",
    "MAX_SPAN_WEEKS",
    "date_problem",
    "file_problem",
    "finite_problem",
]

#: The first day a plan, a review or an analysis may name.
EARLIEST_DATE = dt.date(1900, 1, 1)
#: The last day a plan, a review or an analysis may name, or a schedule reach.
LATEST_DATE = dt.date(2199, 12, 31)
#: The longest duration or buffer [working days]: about 20 years of 5-day weeks.
MAX_SPAN_DAYS = 5_000
#: The longest duration or buffer given in weeks [weeks].
MAX_SPAN_WEEKS = 1_000
#: The largest effort of one step [hours]: 40 hours a week for 5 years.
MAX_EFFORT_HOURS = 10_000
#: The largest cost of one alternative to a step [the plan's currency]: a billion keeps
#: every sum of costs exact in cents.
MAX_COST = 1_000_000_000
#: The largest file careerlib reads as YAML [bytes] (a plan of 200,000 steps fits).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: The deepest nesting of lists and mappings in a YAML file (plans use 5).
MAX_DEPTH = 50


def date_problem(value: dt.date) -> str | None:
    """Why ``value`` is outside the window of dates, or ``None`` when it is inside."""
    if EARLIEST_DATE <= value <= LATEST_DATE:
        return None
    return (
        f"{value.isoformat()} is outside the dates careerlib works with "
        f"({EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()})"
    )


def finite_problem(value: Any) -> str | None:
    """Why a number is not finite (``nan``, ``inf``), or ``None``."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value!r} is not a finite number"
    return None


def file_problem(path: str | os.PathLike[str], kind: str = "plan") -> str | None:
    """Why ``path`` cannot be read as a ``kind`` file, or ``None`` when it can.

    Refuses what is not a regular file (a device such as ``/dev/zero``, a pipe,
    a socket) and a file over :data:`MAX_FILE_BYTES`. A missing file or a
    folder is left to the reader, which says so in its own words.
    """
    try:
        info = Path(path).stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        return f"cannot read the file: {exc.strerror}"
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        return (
            f"this is not a regular file (a device, pipe or socket); a {kind} is a YAML text file"
        )
    if info.st_size > MAX_FILE_BYTES:
        return (
            f"the file has {info.st_size:,} bytes; a {kind} file may have at most "
            f"{MAX_FILE_BYTES:,} bytes"
        )
    return None
