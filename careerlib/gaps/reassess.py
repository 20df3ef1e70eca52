"""Reassessment: this assessment against the previous one, and what moved most.

For each kind of assessment the client has taken (:mod:`careerlib.assessments`),
the newest is set against the one before it; when there is only one, against
the ratings the coach typed in the client file (if it has any of that kind). For
skills, each skill the newest assessment rated is set against its rating before
that assessment (an older assessment or the client file); a skill rated for the
first time has no "before".
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from careerlib._text import name_key
from careerlib.assessments import Assessment, latest

__all__ = ["moved_most", "reassessment"]

#: The kinds of assessment, and the ``kind`` their rows take in the frame.
_ROWS = {"interests": "interest", "values": "value", "skills": "skill"}

_COLUMNS = ["kind", "name", "before", "after", "change", "before_from", "after_from"]


def reassessment(client: Any) -> pd.DataFrame:
    """The client's newest assessments against the previous ones.

    Parameters
    ----------
    client
        A :class:`~careerlib.clients.Client` loaded from a file (its
        assessments journal is read with it).

    Returns
    -------
    pandas.DataFrame
        One row a rating of the newest assessments: ``kind`` (``interest``,
        ``value``, ``skill``), ``name``, ``before`` and ``after`` (1-7 for
        interests and values, 0-7 for skills; ``before`` NaN when there is
        nothing to compare with), ``change`` (``after - before``),
        ``before_from`` ("client file", an assessment's label such as "values
        of 3 Dec 2026", or "" when there is nothing before) and ``after_from``.
        Empty when the client has taken no assessment.
    """
    rows: list[dict[str, Any]] = []
    for kind, row_kind in _ROWS.items():
        newest = latest(client.assessments, kind)
        if newest is None:
            continue
        before, before_from = _before(client, kind, newest)
        for name, after in newest.scores.items():
            was = before.get(name, np.nan)
            rows.append(
                {
                    "kind": row_kind,
                    "name": name,
                    "before": was,
                    "after": float(after),
                    "change": float(after) - was,
                    "before_from": before_from.get(name, ""),
                    "after_from": newest.label,
                }
            )
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    frame[["before", "after", "change"]] = frame[["before", "after", "change"]].astype(float)
    return frame


def _before(client: Any, kind: str, newest: Assessment) -> tuple[dict[str, float], dict[str, str]]:
    """The ratings of ``kind`` before ``newest``, and where each came from."""
    if kind != "skills":
        previous = latest(client.assessments, kind, before=1)
        if previous is not None:
            return dict(previous.scores), dict.fromkeys(previous.scores, previous.label)
        typed = (
            client.self_assessment.interests
            if kind == "interests"
            else client.self_assessment.values
        )
        scores = {name: float(s.rating) for name, s in typed.items()}
        return scores, dict.fromkeys(scores, "client file")
    known = {name_key(n): (float(s.level), "client file") for n, s in client.skills.items()}
    older = [a for a in client.assessments if a.kind == "skills" and a is not newest]
    for assessment in sorted(older, key=lambda a: a.date):  # stable: the order recorded
        if assessment.date <= newest.date:
            for name, level in assessment.scores.items():
                known[name_key(name)] = (float(level), assessment.label)
    mine = [n for n in newest.scores if name_key(n) in known]
    return (
        {n: known[name_key(n)][0] for n in mine},
        {n: known[name_key(n)][1] for n in mine},
    )


def moved_most(changes: pd.DataFrame, count: int = 3) -> pd.DataFrame:
    """The ratings of a :func:`reassessment` frame that moved most, largest move first.

    Only rows with something to compare with; interests and values (1-7) and
    skills (0-7) are compared on their own scales, as the points they moved.
    """
    moved = changes[changes["change"].notna() & (changes["change"].abs() > 1e-9)]
    order = moved["change"].abs().sort_values(ascending=False, kind="stable").index
    return moved.loc[order].head(count)
