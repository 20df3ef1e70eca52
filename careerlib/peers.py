"""Peer groups: a table of organizations and their metrics, and what each metric means.

A peer file (``data/peers/*.csv``) has one row per organization, an
``organization`` column and one column per metric; a metrics file
(``metrics.csv``) has one row per metric: ``metric``, ``label``, ``unit``,
``better`` (``higher`` or ``lower``) and ``description``. See
``data/peers/README.md``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from careerlib._input_log import note_input
from careerlib.exceptions import DataError
from careerlib.models import suggest

__all__ = ["DIRECTIONS", "load_metrics", "load_peers"]

DIRECTIONS = ("higher", "lower")
_METRIC_COLUMNS = ("metric", "label", "unit", "better", "description")


def _read_csv(path: Path, what: str) -> pd.DataFrame:
    try:
        with open(path, "rb") as stream:
            note_input(path, what)
            return pd.read_csv(stream, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise DataError(f"{path}: no such {what} file") from None
    except pd.errors.EmptyDataError:
        raise DataError(f"{path}: the {what} file is empty") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not a readable CSV {what} file ({exc})") from None


def load_peers(path: str | Path) -> pd.DataFrame:
    """Read a peer file: one row per organization, indexed by ``organization``.

    Every column but ``organization`` must hold numbers; a blank cell is a
    missing value (NaN).

    Raises
    ------
    DataError
        For a missing or empty file, no ``organization`` column, a duplicate
        organization, or a value that is not a number (naming its line and column).
    """
    p = Path(path)
    raw = _read_csv(p, "peer")
    if "organization" not in raw.columns:
        raise DataError(
            f"{p}: a peer file needs an 'organization' column"
            f"{suggest('organization', raw.columns)}; "
            f"its columns: {', '.join(raw.columns)}"
        )
    if raw.empty:
        raise DataError(f"{p}: the peer group is empty (a header but no organization)")
    dup = raw["organization"][raw["organization"].duplicated()]
    if not dup.empty:
        raise DataError(f"{p}: the organization {dup.iloc[0]!r} is listed twice")
    out = pd.DataFrame(index=pd.Index(raw["organization"].tolist(), name="organization"))
    for col in raw.columns:
        if col == "organization":
            continue
        text = raw[col].str.strip()
        values = pd.to_numeric(text.replace("", None), errors="coerce")
        # "nan" and "inf" read as numbers, but are not measurements
        bad = ~np.isfinite(values.astype(float)) & text.ne("")
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(
                f"{p}:{row + 2}: column {col!r} of {raw.at[row, 'organization']!r} holds "
                f"{raw.at[row, col]!r}, which is not a finite number"
            )
        out[col] = values.astype(float).to_numpy()
    return out


def load_metrics(path: str | Path) -> pd.DataFrame:
    """Read metric definitions, indexed by ``metric``.

    Columns: ``label``, ``unit``, ``better``, ``description``.

    Raises
    ------
    DataError
        For a missing column, a duplicate metric, or a ``better`` that is not
        ``higher`` or ``lower``.
    """
    p = Path(path)
    raw = _read_csv(p, "metric definitions")
    missing = [c for c in ("metric", "better") if c not in raw.columns]
    if missing:
        raise DataError(
            f"{p}: missing column {missing[0]!r}; a metrics file has {', '.join(_METRIC_COLUMNS)}"
        )
    for col in _METRIC_COLUMNS:
        if col not in raw.columns:
            raw[col] = ""
    raw["better"] = raw["better"].str.strip().str.lower()
    for i, value in enumerate(raw["better"]):
        if value not in DIRECTIONS:
            raise DataError(
                f"{p}:{i + 2}: metric {raw.at[i, 'metric']!r} has better={value!r}; "
                f"valid: {', '.join(DIRECTIONS)}"
            )
    dup = raw["metric"][raw["metric"].duplicated()]
    if not dup.empty:
        raise DataError(f"{p}: the metric {dup.iloc[0]!r} is defined twice")
    raw["label"] = raw["label"].where(raw["label"].ne(""), raw["metric"])
    return raw.set_index("metric")[["label", "unit", "better", "description"]]
