"""The interest profiler: work activities rated like to dislike, scored into the six RIASEC areas.

**The items are the practice's.** The O*NET® Interest Profiler Short Form (60
work activities, 10 for each of Holland's six interest areas, each rated
Strongly dislike / Dislike / Unsure / Like / Strongly like) is one of O*NET's
Career Exploration Tools. Unlike the O*NET Database (CC BY 4.0, which careerlib
ships), those tools are copyrighted by the U.S. Department of Labor, Employment
and Training Administration (DOL/ETA) under their own user agreement: copies
must be whole and keep DOL/ETA's copyright and trademark notices, and the tools
are for career exploration, planning and counselling. careerlib therefore does
not ship the Short Form's items. It ships the scoring and an item file format;
a practice that has the Short Form (from the O*NET Resource Center, under its
terms) types its 60 items into an item file and keeps the notices in the
file's ``source``. The sample item file careerlib ships
(``data/assessments/interest-items.sample.yaml``) holds 30 activities written
for careerlib, marked ``sample: true``: fit for trying the tool, **not** a
validated interest inventory.

**The item file** (YAML)::

    title: O*NET Interest Profiler Short Form          # shown, and kept with each result
    source: "O*NET Interest Profiler Short Form, U.S. Department of Labor, ..."
    sample: false                                       # true: not for a real assessment
    answers: [Strongly dislike, Dislike, Unsure, Like, Strongly like]   # optional
    items:
      - {area: Realistic, text: "..."}                  # or area: R
      - {area: Investigative, text: "..."}

Items are asked in the file's order. Every area needs at least one item.

**Scoring**, as the Short Form is scored: each answer counts its place on the
scale from 0 (Strongly dislike) to 4 (Strongly like), and an area's **total**
is the sum over its items (0-40 for 10 items). So that a client's profile draws
on the same scale as O*NET's occupational interest profiles (1-7), the total
also becomes a **score** ``1 + 6 * total / (4 * items)``: 0 -> 1, 20 -> 4,
40 -> 7. The analyses (interest fit, the radar charts) use the score; the
assessments journal keeps both and every answer.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from careerlib._fields import RIASEC, FileModel, suggest
from careerlib._paths import data_path
from careerlib.assessments import Assessment
from careerlib.exceptions import AssessmentError, ClientError
from careerlib.planfile import load_model

__all__ = [
    "ANSWERS",
    "ITEMS_ENV",
    "InterestItem",
    "InterestItems",
    "interest_assessment",
    "interest_items_path",
    "load_interest_items",
    "score_interests",
]

ANSWERS: tuple[str, ...] = ("Strongly dislike", "Dislike", "Unsure", "Like", "Strongly like")
"""The answers to an item, scored 0 to 4 in this order."""

ITEMS_ENV = "CAREERLIB_INTEREST_ITEMS"
"""An environment variable naming the practice's item file."""

#: Where a workspace keeps its item file, relative to the workspace folder.
WORKSPACE_ITEMS = Path("data") / "assessments" / "interest-items.yaml"
#: The sample items careerlib ships, under its data folder.
SAMPLE_ITEMS = ("assessments", "interest-items.sample.yaml")


def _area(value: Any) -> Any:
    """``"R"``, ``"realistic"`` or ``"Realistic"`` as ``"Realistic"``."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    for name in RIASEC:
        if text.lower() in (name.lower(), name[0].lower()):
            return name
    raise PydanticCustomError(
        "choice",
        "unknown interest area {got}{hint}; valid: {valid} (or their first letters)",
        {"got": repr(value), "hint": suggest(text, RIASEC), "valid": ", ".join(RIASEC)},
    )


class InterestItem(FileModel):
    """One work activity of an item file, in one RIASEC area."""

    area: str
    text: str = Field(min_length=1)

    _check_area = field_validator("area", mode="before")(_area)


class InterestItems(FileModel):
    """An item file: the activities, the answer scale, and where the items come from."""

    title: str = Field(min_length=1)
    source: str | None = None
    sample: bool = False
    answers: list[str] = Field(default_factory=lambda: list(ANSWERS), min_length=2)
    items: list[InterestItem] = Field(min_length=6)

    @model_validator(mode="after")
    def _every_area(self) -> InterestItems:
        missing = [a for a in RIASEC if a not in {i.area for i in self.items}]
        if missing:
            raise PydanticCustomError(
                "areas",
                "every interest area needs at least one item; none for {missing}",
                {"missing": ", ".join(missing)},
            )
        return self

    @property
    def top(self) -> int:
        """The score of the last answer (4 on the five-answer scale)."""
        return len(self.answers) - 1

    def counts(self) -> dict[str, int]:
        """How many items each area has."""
        return {a: sum(i.area == a for i in self.items) for a in RIASEC}


def load_interest_items(path: str | Path) -> InterestItems:
    """Read and check an item file; errors name the file, the line and the field.

    Raises
    ------
    ClientError
        For a missing file, a file that is not YAML, an unknown area, an area
        without items.
    """
    return load_model(
        path, InterestItems, kind="interest item file", keys="title, items", error=ClientError
    )


def interest_items_path(
    items: str | Path | None = None, *, client_path: str | Path | None = None
) -> Path:
    """The item file to use: the first of

    1. ``items`` when given;
    2. the file named by ``$CAREERLIB_INTEREST_ITEMS``;
    3. ``data/assessments/interest-items.yaml`` of the workspace the client
       file is in (``<workspace>/data/clients/NAME.yaml``);
    4. ``assessments/interest-items.yaml`` under careerlib's data
       (``$CAREERLIB_DATA`` first);
    5. the sample items careerlib ships (``sample: true``).
    """
    if items is not None:
        return Path(items)
    env = os.environ.get(ITEMS_ENV)
    if env:
        return Path(env)
    if client_path is not None:
        workspace = Path(client_path).resolve().parent.parent.parent
        if (workspace / WORKSPACE_ITEMS).is_file():
            return workspace / WORKSPACE_ITEMS
    practice = data_path("assessments", "interest-items.yaml")
    if practice.is_file():
        return practice
    return data_path(*SAMPLE_ITEMS)


def score_interests(
    items: InterestItems, answers: Sequence[int]
) -> tuple[dict[str, float], dict[str, float]]:
    """The totals and the 1-7 scores of each RIASEC area, from one answer an item.

    Parameters
    ----------
    answers
        For each item, in the file's order, the place of the answer on the
        scale: 0 (Strongly dislike) to 4 (Strongly like).

    Returns
    -------
    tuple of dict
        ``totals`` (area -> sum of its answers, 0 to 4 x its items) and
        ``scores`` (area -> ``1 + 6 * total / (4 * items)``, 1-7, two decimals).

    Raises
    ------
    AssessmentError
        When there is not one answer an item, or an answer is off the scale.
    """
    if len(answers) != len(items.items):
        raise AssessmentError(
            f"expected one answer for each of the {len(items.items)} items of "
            f"{items.title!r}, got {len(answers)}"
        )
    totals = dict.fromkeys(RIASEC, 0.0)
    for number, (item, answer) in enumerate(zip(items.items, answers, strict=True), start=1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= items.top:
            raise AssessmentError(
                f"item {number} ({item.text!r}): the answer {answer!r} is not on the scale "
                f"0-{items.top} ({', '.join(f'{k} {a}' for k, a in enumerate(items.answers))})"
            )
        totals[item.area] += answer
    counts = items.counts()
    scores = {a: round(1 + 6 * totals[a] / (items.top * counts[a]), 2) for a in RIASEC}
    return totals, scores


def interest_assessment(
    items: InterestItems,
    answers: Sequence[int],
    day: dt.date,
    *,
    taken_in: str | None = None,
    note: str | None = None,
) -> Assessment:
    """The answers to an item file, scored, as an :class:`~careerlib.assessments.Assessment`."""
    totals, scores = score_interests(items, answers)
    return Assessment(
        kind="interests",
        date=day,
        scores=scores,
        totals=totals,
        answers=list(answers),
        items=items.title,
        sample=items.sample,
        taken_in=taken_in,
        note=note,
    )
