"""Assessments a client takes in the session, kept in a journal beside the client file.

Three assessments, each scored here and recorded the same way:

``interests``
    the interest profiler (:mod:`careerlib.interests`): work activities rated
    like to dislike, scored into the six RIASEC areas (1-7);
``values``
    a card sort of O*NET's six work values (Achievement, Working Conditions,
    Recognition, Relationships, Support, Independence): the client puts the
    cards in order, most important first, and the order becomes ratings on
    O*NET's 1-7 extent scale, evenly spread: 7, 5.8, 4.6, 3.4, 2.2, 1
    (:func:`values_from_order`);
``skills``
    self-ratings on O*NET's level scale (0-7) with O*NET's level anchors beside
    each (:func:`skills_to_rate`); a skill the client skips stays **not rated**.

``careerlib assess CLIENT interests`` (or the console's widgets) appends one
line to ``CLIENT.assessments.jsonl`` beside the client file
(``jordan-lee.yaml`` -> ``jordan-lee.assessments.jsonl``)::

    {"kind": "values", "date": "2026-12-03", "scores": {"Achievement": 7.0, ...},
     "order": ["Achievement", "Independence", ...], "recorded": "2026-12-03T10:02:11+00:00"}

(one line in the file; wrapped here). The journal is only ever appended to,
under a lock, as the check-in journal is (:mod:`careerlib._jsonl`); the
coach's YAML is never written. **The newest assessment is what the analyses
use**: :meth:`careerlib.clients.Client.interest_scores`,
:meth:`~careerlib.clients.Client.value_scores` and
:meth:`~careerlib.clients.Client.skill_levels` take the newest of each kind
(for skills, the newest rating of each skill), and the ratings in the client
file are the fallback.

An assessment stopped half-way in the terminal is kept in a draft
(``CLIENT.assessment-interests.draft.json``, written whole each answer) and
resumed the next time; the draft goes when the result is recorded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from careerlib._atomic import write_text
from careerlib._fields import RIASEC, WORK_VALUES, suggest
from careerlib._jsonl import append_record, read_models
from careerlib._text import name_key
from careerlib.exceptions import AssessmentError, DataError

__all__ = [
    "ASSESSMENT_NAMES",
    "KINDS",
    "Assessment",
    "SkillToRate",
    "assessments_path",
    "draft_path",
    "drop_draft",
    "latest",
    "load_draft",
    "read_assessments",
    "record_assessment",
    "save_draft",
    "skills_assessment",
    "skills_to_rate",
    "values_assessment",
    "values_from_order",
]

Kind = Literal["interests", "values", "skills"]
KINDS: tuple[str, ...] = ("interests", "values", "skills")
"""The assessments a client can take, as ``careerlib assess`` names them."""

#: What a client and a coach call each kind.
ASSESSMENT_NAMES = {
    "interests": "interest profiler",
    "values": "work values card sort",
    "skills": "skill self-ratings",
}

#: What each kind rates, and on which scale.
_SCALES: dict[str, tuple[tuple[str, ...] | None, float, float]] = {
    "interests": (RIASEC, 1.0, 7.0),
    "values": (WORK_VALUES, 1.0, 7.0),
    "skills": (None, 0.0, 7.0),
}


class Assessment(BaseModel):
    """One assessment in the journal: what the client answered on ``date``, scored.

    Attributes
    ----------
    kind
        ``interests``, ``values`` or ``skills``.
    scores
        Interests: RIASEC area -> 1-7; values: work value -> 1-7; skills:
        skill -> level 0-7 (only the skills rated).
    totals
        Interests: area -> sum of its answers (0 to 4 x its items).
    answers
        Interests: each item's answer, 0 (Strongly dislike) to 4 (Strongly
        like), in the item file's order.
    order
        Values: the work values, most important first.
    skipped
        Skills the client was asked and did not rate (they stay not rated).
    items
        Interests: the title of the item file; ``sample`` when it was
        careerlib's sample items.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    kind: Kind
    date: dt.date
    scores: dict[str, float] = Field(default_factory=dict)
    totals: dict[str, float] | None = None
    answers: list[int] | None = None
    order: list[str] | None = None
    skipped: list[str] = Field(default_factory=list)
    items: str | None = None
    sample: bool = False
    note: str | None = None
    taken_in: str | None = None
    recorded: str | None = None

    @model_validator(mode="after")
    def _on_scale(self) -> Assessment:
        names, low, high = _SCALES[self.kind]
        if names is not None and set(self.scores) != set(names):
            raise PydanticCustomError(
                "scores",
                "{kind} scores must rate exactly {names}",
                {"kind": self.kind, "names": ", ".join(names)},
            )
        for name, value in self.scores.items():
            if not low <= value <= high:
                raise PydanticCustomError(
                    "scale",
                    "{name} is {value}, outside {scale}",
                    {"name": name, "value": value, "scale": f"{low:g}-{high:g}"},
                )
        return self

    @property
    def label(self) -> str:
        """How a chart or a table names it: "work values card sort of 3 Dec 2026"."""
        return f"{ASSESSMENT_NAMES[self.kind]} of {self.date.day} {self.date:%b %Y}"


def assessments_path(client_path: str | Path) -> Path:
    """Where a client's assessments live: ``NAME.assessments.jsonl`` beside the client file."""
    p = Path(client_path)
    return p.with_name(f"{p.stem}.assessments.jsonl")


def read_assessments(path: str | Path) -> list[Assessment]:
    """Every assessment of a journal, in the order recorded (none for a missing file).

    Raises
    ------
    DataError
        For a line that is not a valid assessment, naming the file, the line and the field.
    """
    return read_models(path, Assessment, "assessment")


def latest(assessments: Iterable[Assessment], kind: str, *, before: int = 0) -> Assessment | None:
    """The newest assessment of ``kind`` (by date, then the order recorded); ``before=1``
    the one before it. None when there is none."""
    mine = [a for a in assessments if a.kind == kind]
    mine.sort(key=lambda a: a.date)  # stable: the same day keeps the order recorded
    return mine[-1 - before] if len(mine) > before else None


def record_assessment(
    client_path: str | Path, assessment: Assessment, *, known_skills: Iterable[str] = ()
) -> Path:
    """Append ``assessment`` to the client's journal; returns the journal's path.

    Parameters
    ----------
    known_skills
        The skill names the client file knows (O*NET's and the target role's):
        a skills assessment may rate only those (checked when given).

    Raises
    ------
    AssessmentError
        For a skill not among ``known_skills``; nothing is written.
    """
    known = {name_key(k): k for k in known_skills}
    if assessment.kind == "skills" and known:
        for name in [*assessment.scores, *assessment.skipped]:
            if name_key(name) not in known:
                raise AssessmentError(
                    f"unknown skill {name!r}{suggest(name, list(known.values()))}; "
                    "rate an O*NET skill or knowledge area or a skill of the target role"
                )
    record = assessment.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    record.setdefault("recorded", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    record = {"kind": assessment.kind, "date": assessment.date.isoformat(), **record}
    journal = assessments_path(client_path)
    append_record(journal, record)
    return journal


# --- the work values card sort ---------------------------------------------------


def values_from_order(order: Sequence[str]) -> dict[str, float]:
    """The six work values in the client's order (most important first) as 1-7 ratings.

    The ratings are spread evenly from 7 (first) to 1 (last): 7, 5.8, 4.6,
    3.4, 2.2, 1, on the scale O*NET rates occupations' work values (extent 1-7).

    Raises
    ------
    AssessmentError
        When ``order`` is not the six work values, each once.
    """
    canonical = {v.lower(): v for v in WORK_VALUES}
    named = []
    for value in order:
        name = canonical.get(str(value).strip().lower())
        if name is None:
            raise AssessmentError(
                f"unknown work value {value!r}{suggest(str(value), WORK_VALUES)}; "
                f"valid: {', '.join(WORK_VALUES)}"
            )
        if name in named:
            raise AssessmentError(f"the work value {name!r} is sorted twice")
        named.append(name)
    missing = [v for v in WORK_VALUES if v not in named]
    if missing:
        raise AssessmentError(f"the card sort leaves out {', '.join(missing)}")
    step = 6.0 / (len(WORK_VALUES) - 1)
    return {name: round(7.0 - step * rank, 2) for rank, name in enumerate(named)}


def values_assessment(
    order: Sequence[str], day: dt.date, *, taken_in: str | None = None, note: str | None = None
) -> Assessment:
    """A card sort (the six work values, most important first) as an :class:`Assessment`."""
    scores = values_from_order(order)
    return Assessment(
        kind="values", date=day, scores=scores, order=list(scores), taken_in=taken_in, note=note
    )


# --- skill self-ratings ----------------------------------------------------------


def skills_assessment(
    levels: Mapping[str, float | None],
    day: dt.date,
    *,
    taken_in: str | None = None,
    note: str | None = None,
) -> Assessment:
    """Self-ratings (skill -> level 0-7, or None for a skill skipped) as an :class:`Assessment`.

    Raises
    ------
    AssessmentError
        For a level outside 0-7, or when no skill was rated.
    """
    scores: dict[str, float] = {}
    skipped = []
    for name, level in levels.items():
        if level is None:
            skipped.append(name)
        elif isinstance(level, bool) or not isinstance(level, int | float) or not 0 <= level <= 7:
            raise AssessmentError(f"{name}: the level {level!r} is not on O*NET's level scale 0-7")
        else:
            scores[name] = float(level)
    if not scores:
        raise AssessmentError("no skill was rated: nothing to record")
    return Assessment(
        kind="skills", date=day, scores=scores, skipped=skipped, taken_in=taken_in, note=note
    )


@dataclass(frozen=True)
class SkillToRate:
    """A skill to rate, with what O*NET's levels mean for it.

    Attributes
    ----------
    name, kind
        The skill or knowledge area, as the target role names it.
    description
        O*NET's definition ("" for a skill of the role file's own).
    anchors
        ``(level, what it means)``, lowest first: O*NET's level scale anchors,
        or those of the role file; empty when there are none.
    """

    name: str
    kind: str
    description: str
    anchors: tuple[tuple[float, str], ...]


def skills_to_rate(client: Any) -> list[SkillToRate]:
    """The skills of the client's target role, most important first, with their anchors."""
    from careerlib.onet import load_onet, role_profile

    role = role_profile(
        client.resolve(client.target_role) if client.role_is_file else client.target_role
    )
    onet = load_onet()
    own = {name_key(s.name): s for s in role.role.skills} if role.role is not None else {}
    out = []
    for name, row in role.requirements.iterrows():
        eid = row["element_id"]
        if isinstance(eid, str):
            rows = onet.anchors[onet.anchors["element_id"] == eid]
            anchors = tuple(
                (float(v), str(t)) for v, t in zip(rows["level"], rows["description"], strict=True)
            )
            description = str(onet.elements.at[eid, "description"])
        else:
            spec = own.get(name_key(str(name)))
            anchors = tuple(sorted((float(k), v) for k, v in spec.anchors.items())) if spec else ()
            description = (spec.note or "") if spec else ""
        out.append(SkillToRate(str(name), str(row["kind"]), description, anchors))
    return out


# --- drafts: an assessment stopped half-way --------------------------------------


def draft_path(client_path: str | Path, kind: str) -> Path:
    """Where an unfinished assessment waits: ``NAME.assessment-KIND.draft.json``."""
    p = Path(client_path)
    return p.with_name(f"{p.stem}.assessment-{kind}.draft.json")


def load_draft(client_path: str | Path, kind: str) -> dict[str, Any] | None:
    """The unfinished answers of ``kind``, or None when there is no draft.

    Raises
    ------
    DataError
        For a draft that is not a JSON object (delete it to start again).
    """
    path = draft_path(client_path, kind)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{path}: the unfinished assessment is not readable ({exc.msg}); "
            "delete the file to start again"
        ) from None
    if not isinstance(data, dict) or data.get("kind") != kind:
        raise DataError(f"{path}: not an unfinished {kind} assessment; delete it to start again")
    return data


def save_draft(client_path: str | Path, kind: str, answers: Mapping[str, Any]) -> Path:
    """Write the answers so far (the whole draft, atomically); returns the draft's path."""
    path = draft_path(client_path, kind)
    write_text(path, json.dumps({"kind": kind, **answers}, ensure_ascii=False, indent=1) + "\n")
    return path


def drop_draft(client_path: str | Path, kind: str) -> None:
    """Remove the draft of ``kind`` (once the assessment is recorded)."""
    draft_path(client_path, kind).unlink(missing_ok=True)
