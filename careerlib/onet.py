"""Role profiles from O*NET: occupations, their skill and knowledge requirements.

The O*NET 29.0 tables careerlib uses ship in ``data/onet/`` (built by
``scripts/build_onet.py``; see its README for the columns). They are read once
per process by :func:`load_onet` (about 0.1 s) and shared.

A **role profile** is an O*NET occupation, found by code (``11-3021.00``) or by
title, alternate title or short title (``"CIO"``, ``"IT Director"``), with the
level (LV, 0-7) and importance (IM, 1-5) O*NET gives each of its 35 skills and
33 knowledge areas (the lookup by title is :mod:`careerlib.titles`; its
:func:`match_title`, :func:`find_occupation` and :class:`TitleMatch` are
re-exported here). A hand-written **role file** (``data/roles/*.yaml``) names
an occupation and may change the required level or importance of some elements,
drop some, and add skills of its own::

    id: healthcare-cio
    title: Chief Information Officer, hospital
    onet: 11-3021.00
    min_importance: 3.0
    skills:
      - {name: Systems Analysis, level: 5.5, note: integration of clinical systems}
      - {name: Healthcare IT regulation, kind: knowledge, level: 5, importance: 4.5}
    drop: [Programming]

This data is from the O*NET 29.0 Database by the U.S. Department of Labor,
Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0
license. O*NET® is a trademark of USDOL/ETA.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from careerlib._paths import data_path
from careerlib._text import name_key
from careerlib.exceptions import ClientError, DataError
from careerlib.models import RIASEC, WORK_VALUES, Id, _Model, suggest
from careerlib.planfile import load_model
from careerlib.titles import TitleMatch, find_occupation, match_title, occupation_code

__all__ = [
    "ATTRIBUTION",
    "ATTRIBUTION_URL",
    "RIASEC",
    "WORK_VALUES",
    "OnetData",
    "Role",
    "RoleProfile",
    "RoleSkill",
    "TitleMatch",
    "data_dir",
    "descriptors",
    "find_occupation",
    "level_anchors",
    "load_onet",
    "load_role",
    "match_title",
    "related_occupations",
    "role_profile",
]

ATTRIBUTION = (
    "This data is from the O*NET 29.0 Database by the U.S. Department of Labor, Employment and "
    "Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA."
)
ATTRIBUTION_URL = "https://www.onetcenter.org/database.html"
SHORT_ATTRIBUTION = (
    "Source: O*NET 29.0 Database, USDOL/ETA, CC BY 4.0. O*NET® is a trademark of USDOL/ETA."
)


def data_dir() -> Path:
    """The folder of careerlib's data files: ``CAREERLIB_DATA``, else the package's.

    See :func:`careerlib._paths.data_path`, which decides where every data file comes from.
    """
    return data_path()


# --- the tables ----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class OnetData:
    """The O*NET tables careerlib uses, read once (see :func:`load_onet`).

    Attributes
    ----------
    occupations
        Indexed by O*NET-SOC code: ``title``, ``description``, ``job_zone``
        (1-5), ``education`` (most frequent required level),
        ``education_level`` (its category, 1-12: 6 is a bachelor's degree, 8
        a master's), ``education_pct`` [% of respondents], the six RIASEC
        scores (1-7), the six work values (1-7), ``leadership`` (importance
        of the Leadership work style, 1-5), ``rated`` (bool: has skill ratings).
    elements
        Indexed by element id: ``name``, ``kind`` (skill, knowledge), ``description``.
    ratings
        Long table: ``code``, ``element_id``, ``importance`` (1-5), ``level``
        (0-7), ``suppress``, ``not_relevant`` (bool).
    level, importance
        The same ratings as wide tables: rated occupations x element ids.
    anchors
        ``element_id``, ``level``, ``description``: what a level means.
    titles
        ``code``, ``title``, ``short_title``: alternate titles.
    job_zones
        Indexed by job zone: ``name``, ``experience``, ``education``, ``training``, ``examples``.
    related
        O*NET's Related Occupations: ``code``, ``related`` (the related
        occupation's code), ``tier`` (Primary-Short, Primary-Long,
        Supplemental), ``index`` (1-20, closest first).
    descriptors
        Indexed by element id: ``name``, ``kind`` (``interest``, ``work
        value``, ``need`` (of a work value), ``work style``), ``parent`` (a
        need's work value) and O*NET's ``description``.
    """

    occupations: pd.DataFrame
    elements: pd.DataFrame
    ratings: pd.DataFrame
    level: pd.DataFrame
    importance: pd.DataFrame
    anchors: pd.DataFrame
    titles: pd.DataFrame
    job_zones: pd.DataFrame
    related: pd.DataFrame
    descriptors: pd.DataFrame
    _by_name: dict[str, str] = field(default_factory=dict, repr=False)
    _lookup: dict[str, Any] = field(default_factory=dict, repr=False)

    def element_id(self, name: str) -> str | None:
        """The element id of a skill or knowledge area by name or id (any case), or None."""
        if not self._by_name:
            for eid, ename in self.elements["name"].items():
                self._by_name[name_key(ename)] = str(eid)
                self._by_name[str(eid).lower()] = str(eid)
        return self._by_name.get(name_key(name)) or self._by_name.get(str(name).lower())

    @property
    def element_names(self) -> list[str]:
        """Names of the 68 skills and knowledge areas, in element-id order."""
        return [str(n) for n in self.elements["name"]]

    def title(self, code: str) -> str:
        """The occupation's title."""
        return str(self.occupations.at[code, "title"])

    def _lookup_table(self) -> pd.DataFrame:
        if "table" not in self._lookup:
            occ = pd.DataFrame(
                {
                    "code": self.occupations.index,
                    "matched": self.occupations["title"].to_numpy(),
                    "kind": "title",
                }
            )
            alt = pd.DataFrame(
                {"code": self.titles["code"], "matched": self.titles["title"], "kind": "alternate"}
            )
            short = self.titles[self.titles["short_title"] != ""]
            sht = pd.DataFrame(
                {"code": short["code"], "matched": short["short_title"], "kind": "short"}
            )
            table = pd.concat([occ, alt, sht], ignore_index=True)
            table["norm"] = [name_key(t) for t in table["matched"]]
            self._lookup["table"] = table
        table_: pd.DataFrame = self._lookup["table"]
        return table_


def _read(folder: Path, name: str) -> pd.DataFrame:
    path = folder / name
    try:
        return pd.read_csv(
            path, dtype={"code": str, "element_id": str}, keep_default_na=False, na_values=[""]
        )
    except FileNotFoundError:
        raise DataError(
            f"{path}: the O*NET table is missing; rebuild it with "
            "`python scripts/build_onet.py` from the O*NET 29.0 release"
        ) from None


@lru_cache(maxsize=4)
def load_onet(folder: str | Path | None = None) -> OnetData:
    """Read the O*NET tables from ``folder`` (default ``data/onet``), once per process.

    Raises
    ------
    DataError
        When a table is missing.
    """
    root = Path(folder) if folder is not None else data_path("onet")
    occ = _read(root, "occupations.csv.gz").set_index("code")
    occ["rated"] = occ["rated"].eq("Y")
    occ["job_zone"] = occ["job_zone"].astype("Int64")
    occ["education_level"] = occ["education_level"].astype("Int64")
    ratings = _read(root, "ratings.csv.gz")
    for col in ("suppress", "not_relevant"):
        ratings[col] = ratings[col].eq("Y")
    elements = _read(root, "elements.csv").set_index("element_id")
    # "Mathematics" is both a skill (2.A.1.e) and a knowledge area (2.C.4.a):
    # the knowledge area is called "Mathematics (knowledge)" so names stay unique.
    twice = elements["name"].duplicated(keep=False) & elements["kind"].eq("knowledge")
    elements.loc[twice, "name"] = elements.loc[twice, "name"] + " (knowledge)"
    anchors = _read(root, "anchors.csv")
    titles = _read(root, "alternate_titles.csv.gz")
    titles["short_title"] = titles["short_title"].fillna("")
    job_zones = _read(root, "job_zones.csv").set_index("job_zone")
    level = ratings.pivot(index="code", columns="element_id", values="level")
    importance = ratings.pivot(index="code", columns="element_id", values="importance")
    related = _read(root, "related_occupations.csv.gz")
    related["related"] = related["related"].astype(str)
    descriptors = _read(root, "descriptors.csv").set_index("element_id")
    descriptors["parent"] = descriptors["parent"].fillna("")
    return OnetData(
        occupations=occ,
        elements=elements,
        ratings=ratings,
        level=level,
        importance=importance,
        anchors=anchors,
        titles=titles,
        job_zones=job_zones,
        related=related,
        descriptors=descriptors,
    )


# --- O*NET's neighbours -------------------------------------------------------------

RELATED_TIERS = ("Primary-Short", "Primary-Long", "Supplemental")
"""O*NET's relatedness tiers, closest first: 5, 5 and 10 occupations."""


def related_occupations(code: str, *, data: OnetData | None = None) -> pd.DataFrame:
    """O*NET's Related Occupations of one occupation, closest first.

    Returns
    -------
    pandas.DataFrame
        ``related`` (code), ``title``, ``tier`` (:data:`RELATED_TIERS`),
        ``index`` (1-20). Empty for an occupation O*NET lists no neighbours for.
    """
    onet = data if data is not None else load_onet()
    rows = onet.related[onet.related["code"] == code]
    rows = rows.assign(title=rows["related"].map(onet.occupations["title"]))
    return rows[["related", "title", "tier", "index"]].reset_index(drop=True)


def descriptors(kind: str, *, data: OnetData | None = None) -> pd.DataFrame:
    """O*NET's definitions of the interest areas (``kind="interest"``), the work values
    (``"work value"``) or their needs (``"need"``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name`` in O*NET's order: ``element_id``, ``parent`` (a
        need's work value) and ``description``.
    """
    onet = data if data is not None else load_onet()
    rows = onet.descriptors[onet.descriptors["kind"] == kind]
    return rows.reset_index().set_index("name")[["element_id", "parent", "description"]]


def level_anchors(element: str, *, data: OnetData | None = None) -> pd.DataFrame:
    """What O*NET's levels mean for one skill or knowledge area, so a client can rate themselves.

    Returns
    -------
    pandas.DataFrame
        ``level`` (0-7) and ``description``, lowest first.
    """
    onet = data if data is not None else load_onet()
    eid = onet.element_id(element)
    if eid is None:
        raise ClientError(
            f"unknown skill or knowledge area {element!r}{suggest(element, onet.element_names)}"
        )
    rows = onet.anchors[onet.anchors["element_id"] == eid]
    return rows[["level", "description"]].reset_index(drop=True)


# --- role files and profiles --------------------------------------------------------


class RoleSkill(_Model):
    """A skill in a role file: refines an O*NET element, or adds a skill of the role's own."""

    name: str
    kind: Literal["skill", "knowledge"] | None = None
    level: float | None = Field(default=None, ge=0, le=7)
    importance: float | None = Field(default=None, ge=1, le=5)
    note: str | None = None
    anchors: dict[int, str] = Field(default_factory=dict)


class Role(_Model):
    """A hand-written role file (``data/roles/*.yaml``)."""

    id: Id
    title: str
    onet: str
    description: str | None = None
    min_importance: float = Field(default=3.0, ge=1, le=5)
    skills: list[RoleSkill] = Field(default_factory=list)
    drop: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> Role:
        seen: set[str] = set()
        for skill in self.skills:
            key = name_key(skill.name)
            if key in seen:
                raise PydanticCustomError(
                    "duplicate", "the skill {name!r} is listed twice", {"name": skill.name}
                )
            seen.add(key)
        return self


def load_role(path: str | Path) -> Role:
    """Read and validate a role file; errors name the file and the line.

    The O*NET occupation and the skill names are checked too: a name that is
    not an O*NET element must give its ``kind``, ``level`` and ``importance``.
    """
    role = load_model(path, Role, kind="role file", keys="id, title, onet", error=ClientError)
    onet = load_onet()
    try:
        occupation_code(role.onet, data=onet)
    except ClientError as exc:
        raise ClientError(exc.message, path=str(path), where="onet") from None
    for i, skill in enumerate(role.skills):
        if onet.element_id(skill.name) is None and None in (
            skill.kind,
            skill.level,
            skill.importance,
        ):
            raise ClientError(
                f"{skill.name!r} is not an O*NET skill or knowledge area"
                f"{suggest(skill.name, onet.element_names)}; "
                "a skill of the role's own needs kind, level and importance",
                path=str(path),
                where=f"skills[{i}]",
            )
    for name in role.drop:
        if onet.element_id(name) is None:
            raise ClientError(
                f"cannot drop {name!r}: not an O*NET skill or knowledge area"
                f"{suggest(name, onet.element_names)}",
                path=str(path),
                where="drop",
            )
    return role


@dataclass(frozen=True, eq=False)
class RoleProfile:
    """What a role requires: one row per skill or knowledge area.

    Attributes
    ----------
    code, title
        The O*NET occupation and the role's title.
    requirements
        Indexed by skill ``name``: ``element_id`` (None for a role's own skill),
        ``kind``, ``level`` (required, 0-7), ``importance`` (1-5), ``weight``
        (``(importance - 1) / 4``, 0-1), ``source`` ("O*NET" or "role file"),
        ``note``. Sorted by importance, most important first. Only elements
        with importance of at least ``min_importance`` are kept (O*NET's own
        threshold for "important" is 3).
    role
        The role file, when the profile came from one.
    """

    code: str
    title: str
    requirements: pd.DataFrame
    role: Role | None = None

    @property
    def uses_onet(self) -> bool:
        """Whether the requirements include O*NET ratings (charts then show the attribution)."""
        return bool(self.requirements["source"].eq("O*NET").any())


def importance_weight(importance: Any) -> Any:
    """Weight of an O*NET importance 1-5 as 0-1: ``(importance - 1) / 4``."""
    return (np.asarray(importance, dtype=float) - 1.0) / 4.0


def role_profile(
    role: str | Path | Role,
    *,
    min_importance: float | None = None,
    data: OnetData | None = None,
) -> RoleProfile:
    """The requirements of a role: an O*NET code or title, a role file path, or a :class:`Role`.

    Parameters
    ----------
    role
        ``"11-3021.00"``, ``"IT Director"``, ``"data/roles/healthcare-cio.yaml"``
        or a loaded :class:`Role`.
    min_importance
        Keep the O*NET elements of at least this importance (1-5); default the
        role file's ``min_importance``, else 3.0. Skills named in a role file
        are kept whatever their importance.
    """
    onet = data if data is not None else load_onet()
    spec: Role | None
    if isinstance(role, Role):
        spec = role
    elif isinstance(role, Path) or str(role).endswith((".yaml", ".yml")):
        spec = load_role(role)
    else:
        spec = None
    code = occupation_code(spec.onet if spec else str(role), data=onet)
    threshold = (
        min_importance if min_importance is not None else (spec.min_importance if spec else 3.0)
    )
    frame = pd.DataFrame(
        {
            "element_id": onet.level.columns,
            "level": onet.level.loc[code].to_numpy(),
            "importance": onet.importance.loc[code].to_numpy(),
        }
    )
    frame["name"] = frame["element_id"].map(onet.elements["name"])
    frame["kind"] = frame["element_id"].map(onet.elements["kind"])
    frame["source"] = "O*NET"
    frame["note"] = None
    keep = frame["importance"] >= threshold
    if spec is not None:
        dropped = {onet.element_id(n) for n in spec.drop}
        named: dict[str, RoleSkill] = {}
        extra = []
        for skill in spec.skills:
            eid = onet.element_id(skill.name)
            if eid is None:
                extra.append(
                    {
                        "element_id": None,
                        "level": skill.level,
                        "importance": skill.importance,
                        "name": skill.name,
                        "kind": skill.kind,
                        "source": "role file",
                        "note": skill.note,
                    }
                )
            else:
                named[eid] = skill
        for eid, skill in named.items():
            row = frame.index[frame["element_id"] == eid][0]
            if skill.level is not None:
                frame.at[row, "level"] = skill.level
            if skill.importance is not None:
                frame.at[row, "importance"] = skill.importance
            if skill.level is not None or skill.importance is not None:
                frame.at[row, "source"] = "role file"
            frame.at[row, "note"] = skill.note
        keep = (keep | frame["element_id"].isin(list(named))) & ~frame["element_id"].isin(dropped)
        frame = frame[keep]
        if extra:
            frame = pd.concat([frame, pd.DataFrame(extra)], ignore_index=True)
    else:
        frame = frame[keep]
    frame = frame.assign(weight=importance_weight(frame["importance"]))
    frame = frame.sort_values(["importance", "level", "name"], ascending=[False, False, True])
    frame = frame.set_index("name")[
        ["element_id", "kind", "level", "importance", "weight", "source", "note"]
    ]
    return RoleProfile(
        code=code, title=spec.title if spec else onet.title(code), requirements=frame, role=spec
    )
