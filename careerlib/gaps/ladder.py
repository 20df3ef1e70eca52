"""The responsibility ladder: which O*NET occupations are a step up from the current one.

"Up" means more responsibility, not only more preparation. An executive's
current and target roles often share one O*NET occupation, and the job zone
alone ranks a database administrator beside an IT director; so a step up is
read from several O*NET signals, each shown to the client:

==================  ====================================================================
signal              where it comes from
==================  ====================================================================
family              the O*NET-SOC code: top executives (11-1011 Chief Executives,
                    11-1021 General and Operations Managers) above the other managers
                    (major group 11), above first-line supervisors (minor group 1 of the
                    service, sales, office, farming, construction, maintenance,
                    production and transportation groups 33-53), above individual
                    contributors. Professional fields (groups 13-31) have no
                    supervisory occupations in O*NET: there a manager is the next rung
job zone            O*NET's Job Zones (1-5): the preparation the work needs
education           the most frequent "required level of education" (bachelor's,
                    master's, ...) in O*NET's Education, Training and Experience
leadership          the importance (1-5) of the Leadership work style: "a willingness
                    to lead, take charge, and offer opinions and direction"
management          the mean level (0-7) of Management of Personnel Resources,
                    Management of Financial Resources and Administration and
                    Management: how much of the work is running people, money and
                    an organization
==================  ====================================================================

An occupation is a **step up** (:data:`KINDS`) from the current one when,
without needing less preparation (its job zone is at least the current one):

- it is in a higher family (*top executive*, *management* or *supervision*:
  the rungs between them counted, one rung the next one);
- or, in the family of an individual contributor, it is *advanced practice*
  in the same field (among the current occupation's Related Occupations, or
  listing it among its own 10 closest, or in the same O*NET-SOC broad group):
  it needs the next job zone and the same or the next level of education (a
  nurse practitioner above a registered nurse, not a physician: that is a new
  profession), and leadership and management matter about as much or more
  (:data:`ADVANCED_SLACK`);
- or, among supervisors, managers and executives, it is *broader*: Leadership
  matters more (by at least :data:`MORE_LEADERSHIP`) and the management level
  is higher (by at least :data:`MORE_MANAGEMENT`), or it needs a higher job
  zone without less of either; for a functional manager (SOC groups 11-2 and
  11-3: IT, finance, sales...) only the managers of a service or an
  organization (11-9: medical and health services management above IT
  management; not the research and engineering managers of 11-9, who run a
  function) are broader: another function is a step aside.

It is **sideways** when it is in the same family and job zone and not a step
up, and **down** when its job zone is lower (as ``direction="down"`` has
always meant) or its family lower. The next rung earns the full ladder share;
two rungs up 3/4, three 1/2 (an electrician to chief executive is not the
next move).

The data is from the O*NET 29.0 Database by USDOL/ETA, used under the CC BY
4.0 license (see :mod:`careerlib.onet`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from careerlib.onet import OnetData, load_onet

__all__ = [
    "FAMILIES",
    "KINDS",
    "ADVANCED_SLACK",
    "MORE_LEADERSHIP",
    "MORE_MANAGEMENT",
    "ladder_signals",
    "ladder_steps",
]

FAMILIES: tuple[str, ...] = (
    "individual contributor",
    "first-line supervisor",
    "manager",
    "top executive",
)
"""The families of occupations, lowest first (a rank 0-3 in :func:`ladder_signals`)."""

KINDS: tuple[str, ...] = (
    "top executive",
    "management",
    "supervision",
    "advanced practice",
    "broader management",
    "broader supervision",
)
"""The kinds of step up, as the ``ladder`` column of :func:`ladder_steps` names them."""

EXECUTIVES = ("11-1011", "11-1021")
"""SOC codes of the top executives: Chief Executives, General and Operations Managers."""

ORGANIZATION_MANAGERS = ("11-9",)
"""SOC minor group of the managers who run a service or an organization of a sector (health
services, education, construction, social services...), above the functional managers of
groups 11-2 and 11-3 (sales, IT, finance, human resources...)."""

FUNCTION_MANAGERS_11_9 = ("11-9041", "11-9121")
"""The managers of group 11-9 who run a function, not a service: architecture and
engineering, natural sciences (research and development)."""

MANAGEMENT_ELEMENTS = ("2.B.5.d", "2.B.5.b", "2.C.1.a")
"""Management of Personnel Resources, of Financial Resources; Administration and Management."""

MORE_LEADERSHIP = 0.2
"""How much more Leadership importance (1-5) makes a same-family occupation broader."""

MORE_MANAGEMENT = 0.3
"""How much higher a management level (0-7) makes a same-family occupation broader."""

ADVANCED_SLACK = {"leadership": 0.25, "management": 0.1}
"""How much less Leadership importance (1-5) and management level (0-7) advanced practice
may ask: a step up in preparation that asks clearly less of either is not a step up in
responsibility."""

RUNG_SHARE = {1: 1.0, 2: 0.75, 3: 0.5}
"""Share of the ladder points by the number of rungs climbed (advanced practice and a
broader role are one rung)."""

_EDUCATION_BANDS = (
    # O*NET's 12 categories of required education, in five bands a client recognizes
    (1, 2, "high school or less"),
    (3, 5, "a certificate or an associate's degree"),
    (6, 6, "a bachelor's degree"),
    (7, 8, "a master's degree"),
    (9, 12, "a doctoral or professional degree"),
)


def _family(code: str) -> int:
    """The family rank (0-3, :data:`FAMILIES`) of an O*NET-SOC code."""
    if code.startswith(EXECUTIVES):
        return 3
    if code.startswith("11-"):
        return 2
    major, minor = int(code[:2]), code[3]
    return 1 if 33 <= major <= 53 and minor == "1" else 0


def _band(level: float) -> float:
    """The education band (0-4) of a required-education category (1-12); NaN if unknown."""
    if pd.isna(level):
        return np.nan
    return float(next(i for i, (lo, hi, _) in enumerate(_EDUCATION_BANDS) if lo <= level <= hi))


def ladder_signals(*, data: OnetData | None = None) -> pd.DataFrame:
    """The ladder's signals for every O*NET occupation with skill ratings.

    Returns
    -------
    pandas.DataFrame
        Indexed by O*NET-SOC code: ``title``, ``family`` (rank 0-3),
        ``family_name`` (:data:`FAMILIES`), ``job_zone`` (1-5),
        ``education_band`` (0-4: high school or less, certificate or
        associate's, bachelor's, master's, doctoral or professional),
        ``education`` (its words), ``leadership`` (1-5), ``management``
        (0-7), ``has_supervisors`` (True when O*NET has first-line supervisors
        in its SOC major group: groups 33-53).
    """
    onet = data if data is not None else load_onet()
    cached = onet._lookup.get("ladder")
    if cached is not None:
        frame: pd.DataFrame = cached
        return frame
    codes = onet.level.index
    occ = onet.occupations.loc[codes]
    family = np.array([_family(c) for c in codes])
    bands = np.array([_band(v) for v in occ["education_level"]], dtype=float)
    words = [_EDUCATION_BANDS[int(b)][2] if not np.isnan(b) else None for b in bands]
    frame = pd.DataFrame(
        {
            "title": occ["title"].to_numpy(),
            "family": family,
            "family_name": [FAMILIES[f] for f in family],
            "job_zone": occ["job_zone"].astype(float).to_numpy(),
            "education_band": bands,
            "education": words,
            "leadership": occ["leadership"].astype(float).to_numpy(),
            "management": onet.level[list(MANAGEMENT_ELEMENTS)].mean(axis=1).to_numpy(),
            "has_supervisors": [33 <= int(c[:2]) <= 53 for c in codes],
        },
        index=pd.Index(codes, name="code"),
    )
    onet._lookup["ladder"] = frame
    return frame


@dataclass(frozen=True)
class _Here:
    """The current occupation's signals, as plain numbers."""

    code: str
    family: int
    job_zone: float
    band: float
    leadership: float
    management: float
    has_supervisors: bool


def _rungs(family: np.ndarray, here: _Here) -> np.ndarray:
    """Rungs between each family and the current one (the supervisor rung skipped in fields
    without supervisory occupations)."""
    if here.has_supervisors:
        return family - here.family

    def rung(f: np.ndarray | int) -> np.ndarray:
        return np.where(np.asarray(f) >= 2, np.asarray(f) - 1, 0)

    return rung(family) - rung(here.family)


def _in_field(onet: OnetData, current: str, codes: pd.Index) -> np.ndarray:
    """Whether each occupation is in the current one's field: among the current one's
    Related Occupations, or listing it among its own 10 closest, or in the same O*NET-SOC
    broad group (``29-1141`` and ``29-1141.04``)."""
    rel = onet.related
    near = set(rel.loc[rel["code"] == current, "related"]) | set(
        rel.loc[(rel["related"] == current) & (rel["index"] <= 10), "code"]
    )
    broad = current[:6]
    return np.array([c in near or c[:6] == broad for c in codes])


def ladder_steps(current: str, *, data: OnetData | None = None) -> pd.DataFrame:
    """How every rated O*NET occupation stands to the ``current`` one on the ladder.

    Parameters
    ----------
    current
        The O*NET-SOC code of the client's current occupation (with skill ratings).

    Returns
    -------
    pandas.DataFrame
        Indexed by O*NET-SOC code: ``step`` (``up``, ``sideways``, ``down`` or
        ``""``: a different field at a higher job zone, neither), ``ladder``
        (the kind of step up, :data:`KINDS`; ``""`` otherwise), ``rungs``
        (1-3 for a step up, 0 otherwise), ``share`` (of the ladder points,
        0-1: :data:`RUNG_SHARE`), ``why`` (one line for the client: the kind
        of step and the signals that go up), and the signals of
        :func:`ladder_signals`.
    """
    onet = data if data is not None else load_onet()
    signals = ladder_signals(data=onet)
    row = signals.loc[current]
    here = _Here(
        current,
        int(row["family"]),
        float(row["job_zone"]),
        float(row["education_band"]),
        float(row["leadership"]),
        float(row["management"]),
        bool(row["has_supervisors"]),
    )
    kinds, rungs = _classify(signals, here, _in_field(onet, current, signals.index))
    step = _direction(signals, here, kinds)
    share = np.where(kinds != "", [RUNG_SHARE.get(int(r), 0.5) for r in rungs], 0.0)
    why = [
        _why(kind, r, here) if kind else ""
        for kind, r in zip(kinds, signals.itertuples(), strict=True)
    ]
    return signals.assign(
        step=step, ladder=kinds, rungs=np.where(kinds != "", rungs, 0), share=share, why=why
    )


def _classify(signals: pd.DataFrame, here: _Here, in_field: np.ndarray) -> tuple[np.ndarray, ...]:
    """The kind of step up of each occupation ("" when none) and the rungs it climbs."""
    family = signals["family"].to_numpy()
    zone = signals["job_zone"].to_numpy()
    band = signals["education_band"].to_numpy()
    lead = signals["leadership"].to_numpy() - here.leadership
    mgmt = signals["management"].to_numpy() - here.management
    not_lower = np.nan_to_num(zone, nan=0.0) >= here.job_zone
    rungs = _rungs(family, here)
    higher = (rungs > 0) & not_lower
    # the next level of preparation, not a new profession: one job zone up, the same or
    # the next band of education (a nurse practitioner, not a physician), and no less
    # leadership or management (a postsecondary teaching assistant is not a step up)
    known_band = np.nan_to_num(band, nan=here.band)
    next_prep = (zone == here.job_zone + 1) & (known_band >= here.band)
    next_prep &= known_band <= here.band + 1
    advanced = (family == here.family) & (here.family == 0) & in_field & next_prep
    advanced &= (lead >= -ADVANCED_SLACK["leadership"]) & (mgmt >= -ADVANCED_SLACK["management"])
    # a functional manager (IT, finance, sales) steps up to run a whole service or
    # organization (major group 11-9: health services, schools, construction), not to
    # another function: that is a step aside
    wider = np.array(
        [
            c.startswith(ORGANIZATION_MANAGERS) and not c.startswith(FUNCTION_MANAGERS_11_9)
            for c in signals.index
        ]
    )
    broader = (
        (family == here.family)
        & (here.family >= 1)
        & not_lower
        & (wider | (here.family != 2))
        & (
            ((lead >= MORE_LEADERSHIP) & (mgmt >= MORE_MANAGEMENT))
            | ((zone > here.job_zone) & (lead >= 0) & (mgmt >= 0))
        )
    )
    up_kind = np.select(
        [family == 3, family == 2, family == 1], ["top executive", "management", "supervision"], ""
    )
    broad_kind = "broader supervision" if here.family == 1 else "broader management"
    kinds = np.select(
        [higher, advanced, broader], [up_kind, "advanced practice", broad_kind], default=""
    ).astype(object)
    kinds[signals.index == here.code] = ""
    rungs = np.where(higher, rungs, np.where(kinds != "", 1, 0))
    return kinds, rungs


def _direction(signals: pd.DataFrame, here: _Here, kinds: np.ndarray) -> np.ndarray:
    """``up``, ``sideways``, ``down`` or ``""`` for each occupation."""
    family = signals["family"].to_numpy()
    zone = signals["job_zone"].to_numpy()
    down = (np.nan_to_num(zone, nan=99) < here.job_zone) | (family < here.family)
    sideways = (family == here.family) & (zone == here.job_zone)
    return np.select([kinds != "", down, sideways], ["up", "down", "sideways"], "").astype(object)


def _why(kind: str, row: Any, here: _Here) -> str:
    """One line: the kind of step up and the signals that go up."""
    below = {
        0: "the individual contributor",
        1: "first-line supervision",
        2: "functional management",
    }.get(here.family, "")
    head = {
        "top executive": f"a step up: top executive, above {below}",
        "management": f"a step up: management, above {below}",
        "supervision": f"a step up: first-line supervision, above {below}",
        "advanced practice": "a step up: advanced practice in the same field",
        "broader management": "a step up: broader management",
        "broader supervision": "a step up: broader supervision",
    }[kind]
    bits = []
    zone = row.job_zone
    if not pd.isna(zone) and zone > here.job_zone:
        bits.append(f"job zone {int(zone)} (now {int(here.job_zone)})")
    band = row.education_band
    if not pd.isna(band) and not np.isnan(here.band) and band > here.band:
        now = _EDUCATION_BANDS[int(here.band)][2]
        bits.append(f"usually {row.education} (now {now})")
    lead = row.leadership
    if lead - here.leadership >= 0.1:
        bits.append(f"Leadership {lead:.1f}/5 (now {here.leadership:.1f})")
    mgmt = row.management
    if mgmt - here.management >= 0.2:
        bits.append(f"management level {mgmt:.1f}/7 (now {here.management:.1f})")
    return head + (" — " + ", ".join(bits) if bits else "")
