"""The occupation finder: O*NET occupations worth considering, with a score a client can read.

(These are O*NET occupations, not the plan's routes: ``Plan.routes``.)

"What else could I do with what I have?" For every O*NET occupation with skill
ratings, :func:`find_occupations` gives a 0-100 transferability score of four
parts, each shown on its own so a coach can explain every line of the list:

==============  ======  ===========================================================
part            points  what earns them
==============  ======  ===========================================================
skills            50    ``match``: the share of what the occupation asks that the
                        client brings (``coverage``), less half the share by which
                        the client is above it (``over``): both over its whole
                        profile of 35 skills and 33 knowledge areas, each weighted
                        by its importance to the occupation
interests         20    the fit of the client's RIASEC ratings with the
                        occupation's (Pearson correlation; none below 0)
job zone          15    full in the zone the move aims at (the target's zone, or
                        the current one and one up when there is no target; one
                        below the current for ``direction="down"``), half one
                        zone away
related           15    O*NET lists the occupation among the Related Occupations
                        of the target: full for its 5 closest (Primary-Short),
                        3/4 for the next 5 (Primary-Long), 1/2 for the 10
                        supplemental ones; two thirds of that for a neighbour
                        of the current occupation (a step aside rather than
                        toward the target); full for the target itself
==============  ======  ===========================================================

A part that cannot be judged (no RIASEC ratings; no current or target
occupation) is left out and the score is taken over the parts that remain, so
it stays 0-100.

**Direction.** ``up`` (the default) keeps occupations whose job zone is at
least the current one (moves up or sideways); ``down`` those at most the
current one (a client who wants less pressure); ``any`` keeps all. Without a
current occupation no occupation is left out.

**Unrated elements.** A client rates some of the 68 elements. An element the
client did not rate counts at the current occupation's O*NET level (a nurse
who did not rate Biology has a nurse's Biology), or at ``unrated_level``
without a current occupation.

Units: levels are O*NET's level scale 0-7, importance its 1-5 scale, weights
``(importance - 1) / 4``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from careerlib._fields import DIRECTIONS
from careerlib.exceptions import ClientError
from careerlib.gaps._common import EPS
from careerlib.onet import RIASEC, OnetData, TitleMatch, importance_weight, load_onet, match_title

__all__ = [
    "DIRECTIONS",
    "POINTS",
    "RELATED_SHARE",
    "current_occupation",
    "find_occupations",
    "find_routes",
    "occupations_table",
]

POINTS: dict[str, float] = {"skills": 50.0, "interests": 20.0, "job_zone": 15.0, "related": 15.0}
"""The most points each part of the score gives (they add up to 100)."""

RELATED_SHARE: dict[str, float] = {"Primary-Short": 1.0, "Primary-Long": 0.75, "Supplemental": 0.5}
"""Share of the related points by O*NET's relatedness tier."""

CURRENT_SHARE = 2 / 3
"""Share of the related points for a neighbour of the current occupation (a step aside)
rather than of the target (a step toward it)."""

OVER_WEIGHT = 0.5
"""How much being above an occupation's levels takes off the skills match, per unit of coverage."""

_TIER_WORDS = {
    "Primary-Short": "one of the 5 closest",
    "Primary-Long": "one of the 10 closest",
    "Supplemental": "one of the 20 related",
}


def _zone(onet: OnetData, code: str | None) -> int | None:
    if code is None:
        return None
    z = onet.occupations.at[code, "job_zone"]
    return None if pd.isna(z) else int(z)


def _relations(
    onet: OnetData, current: str | None, target: str | None
) -> dict[str, tuple[float, str, str]]:
    """Related code -> (share of the points, relation, why), best of current and target."""
    out: dict[str, tuple[float, str, str]] = {}
    if target is not None:
        out[target] = (1.0, "the target", "the target")
    for role, code, weight in (("target", target, 1.0), ("current", current, CURRENT_SHARE)):
        if code is None:
            continue
        rows = onet.related[onet.related["code"] == code]
        title = onet.title(code)
        noun = "target" if role == "target" else "current occupation"
        for rel, tier, index in zip(rows["related"], rows["tier"], rows["index"], strict=True):
            share = RELATED_SHARE[str(tier)] * weight
            short = f"{role} #{int(index)} ({tier})"
            why = f"O*NET: {_TIER_WORDS[str(tier)]} to the {noun} {title} (#{int(index)})"
            if rel not in out or share > out[rel][0]:
                out[str(rel)] = (share, short, why)
    return out


def find_occupations(
    levels: Mapping[str, float],
    interests: Mapping[str, float] | None = None,
    *,
    current: str | None = None,
    target: str | None = None,
    direction: str = "up",
    top: int = 10,
    show_target: bool = True,
    exclude: Iterable[str] = (),
    min_fit: float | None = None,
    min_job_zone: int | None = None,
    max_job_zone: int | None = None,
    unrated_level: float = 0.0,
    data: OnetData | None = None,
) -> pd.DataFrame:
    """The O*NET occupations a client could move to, by transferability score (0-100).

    Parameters
    ----------
    levels
        The client's levels [0-7] by O*NET skill or knowledge name; other
        names (skills of a role file's own) are ignored.
    interests
        RIASEC scale -> rating [1-7]; fewer than 3 scales leave the interest
        part out.
    current, target
        O*NET codes of the client's current and target occupations (see
        :func:`careerlib.onet.match_title` for a free-text title). The
        current one is left out of the list; the target stays in it, marked.
    direction
        ``"up"`` (job zone at least the current one), ``"down"`` (at most the
        current one) or ``"any"``.
    top
        How many occupations to return.
    show_target
        Add the target's row after the ``top`` ones, with its own rank, when
        it ranks lower (and the direction keeps it), so the client sees where
        the target stands.
    exclude
        More O*NET codes to leave out.
    min_fit
        Leave out occupations with a lower interest fit (-1 to 1).
    min_job_zone, max_job_zone
        Leave out occupations that need less, or more, preparation (job zone
        1-5), on top of the direction.
    unrated_level
        The level of an element the client did not rate, when there is no
        current occupation to take it from [0-7].

    Returns
    -------
    pandas.DataFrame
        Indexed by ``rank`` from 1: ``code``, ``title``, ``score`` (0-100),
        the points of each part (``skills_points``, ``interest_points``,
        ``zone_points``, ``related_points``; NaN for a part left out), the
        measures behind them (``match``, ``coverage``, ``over`` (0-1),
        ``fit`` (-1 to 1), ``job_zone``, ``zone_step`` (the job zone less the
        current one), ``related``: True when O*NET relates it to the current
        or target occupation), ``relation`` (which, and how close; "target"
        for the target itself), ``weighted_gap`` [level points],
        ``transferable`` (up to three skills the client brings that matter
        most to it), ``largest_gaps`` (up to three, largest weighted gap
        first), ``reason`` (one line for the client), ``job_zone_name``,
        ``education``, ``education_pct`` [% of respondents], ``interest_code``
        (its three highest RIASEC scales, e.g. "SIC").

    Raises
    ------
    ClientError
        For an unknown direction or an O*NET code without skill ratings.
    """
    if direction not in DIRECTIONS:
        raise ClientError(
            f"unknown direction {direction!r}; valid: {', '.join(DIRECTIONS)} "
            "(up: job zone at least the current one, down: at most, any: all)"
        )
    onet = data if data is not None else load_onet()
    for role, code in (("current", current), ("target", target)):
        if code is not None and code not in onet.level.index:
            raise ClientError(
                f"the {role} occupation {code!r} has no O*NET skill ratings to compare with"
            )
    elements = onet.level.columns
    req = onet.level.to_numpy(dtype=float)
    w = importance_weight(onet.importance.to_numpy(dtype=float))
    client = (
        onet.level.loc[current].to_numpy(dtype=float).copy()
        if current is not None
        else np.full(len(elements), float(unrated_level))
    )
    rated = np.zeros(len(elements), dtype=bool)
    for name, value in levels.items():
        eid = onet.element_id(name)
        if eid is not None:
            client[elements.get_loc(eid)] = float(value)
            rated[elements.get_loc(eid)] = True

    asked = (w * req).sum(axis=1)
    gap = np.maximum(0.0, req - client) * w
    surplus = np.maximum(0.0, client - req) * w
    met = np.minimum(client, req) * w
    coverage = met.sum(axis=1) / asked
    over = surplus.sum(axis=1) / asked
    match = np.clip(coverage - OVER_WEIGHT * over, 0.0, 1.0)
    weighted_gap = gap.sum(axis=1) / w.sum(axis=1)

    codes = onet.level.index
    occ = onet.occupations.loc[codes]
    fit = _interest_fit(interests, occ)
    zones = occ["job_zone"].astype("float").to_numpy()
    here, there = _zone(onet, current), _zone(onet, target)

    parts: dict[str, np.ndarray] = {"skills": POINTS["skills"] * match}
    if not np.isnan(fit).all():
        parts["interests"] = POINTS["interests"] * np.clip(np.nan_to_num(fit, nan=0.0), 0, 1)
    aims = _aims(direction, here, there)
    if aims:
        distance = np.min([np.abs(zones - a) for a in aims], axis=0)
        share = np.where(distance == 0, 1.0, np.where(distance == 1, 0.5, 0.0))
        parts["job_zone"] = POINTS["job_zone"] * np.nan_to_num(share, nan=0.0)
    relations = _relations(onet, current, target)
    if current is not None or target is not None:
        parts["related"] = POINTS["related"] * np.array(
            [relations.get(c, (0.0, "", ""))[0] for c in codes]
        )
    possible = sum(POINTS[p] for p in parts)
    score = 100.0 * np.sum(list(parts.values()), axis=0) / possible

    riasec = occ[list(RIASEC)].to_numpy(dtype=float)
    order3 = np.argsort(-riasec, axis=1, kind="stable")[:, :3]
    letters = np.array([n[0] for n in RIASEC])
    relation = [relations.get(c, (0.0, "", ""))[1] for c in codes]
    why = [relations.get(c, (0.0, "", ""))[2] for c in codes]
    frame = pd.DataFrame(
        {
            "code": codes,
            "title": occ["title"].to_numpy(),
            "score": score,
            "skills_points": parts["skills"],
            "interest_points": parts.get("interests", np.full(len(codes), np.nan)),
            "zone_points": parts.get("job_zone", np.full(len(codes), np.nan)),
            "related_points": parts.get("related", np.full(len(codes), np.nan)),
            "match": match,
            "coverage": coverage,
            "over": over,
            "fit": fit,
            "job_zone": occ["job_zone"].to_numpy(),
            "zone_step": zones - here if here is not None else np.full(len(codes), np.nan),
            "related": [bool(r) and r != "the target" for r in relation],
            "relation": relation,
            "why": why,
            "weighted_gap": weighted_gap,
            "education": occ["education"].to_numpy(),
            "education_pct": occ["education_pct"].to_numpy(),
            "interest_code": ["".join(row) for row in letters[order3]],
        }
    )
    keep = ~frame["code"].isin([*exclude, *([current] if current else [])])
    if here is not None and direction == "up":
        keep &= frame["job_zone"].fillna(0) >= here
    if here is not None and direction == "down":
        keep &= frame["job_zone"].fillna(99) <= here
    if min_fit is not None:
        keep &= ~(frame["fit"] < min_fit)
    if min_job_zone is not None:
        keep &= frame["job_zone"].fillna(0) >= min_job_zone
    if max_job_zone is not None:
        keep &= frame["job_zone"].fillna(99) <= max_job_zone
    frame = frame[keep.to_numpy()]
    frame = frame.sort_values(["score", "match", "code"], ascending=[False, False, True])
    frame = frame.reset_index(drop=True)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="rank")
    shown = frame.index <= top
    if show_target and target is not None:
        shown |= (frame["code"] == target).to_numpy()
    frame = frame[shown]

    names = elements.map(onet.elements["name"]).to_numpy()
    rows = [int(codes.get_loc(c)) for c in frame["code"]]
    transferable, largest = [], []
    for r in rows:
        # what the client rated and brings (at or within half a level of what
        # is asked), most important to the occupation first
        brings = rated & (client >= req[r] - 0.5) & (w[r] > EPS)
        idx = np.argsort(-(met[r] * brings), kind="stable")[:3]
        transferable.append(tuple(str(names[i]) for i in idx if brings[i]))
        idx = np.argsort(-gap[r], kind="stable")[:3]
        largest.append(tuple(str(names[i]) for i in idx if gap[r, i] > 0.05))
    frame = frame.assign(
        transferable=transferable,
        largest_gaps=largest,
        job_zone_name=frame["job_zone"].map(
            lambda z: onet.job_zones["name"].get(z) if pd.notna(z) else None
        ),
    )
    frame["reason"] = [_reason(row, here, there) for row in frame.itertuples()]
    for col in ("score", "skills_points", "interest_points", "zone_points", "related_points"):
        frame[col] = frame[col].round(1)
    for col in ("match", "coverage", "over", "fit", "weighted_gap"):
        frame[col] = frame[col].round(4)
    return frame[
        [
            "code",
            "title",
            "score",
            "skills_points",
            "interest_points",
            "zone_points",
            "related_points",
            "match",
            "coverage",
            "over",
            "fit",
            "job_zone",
            "zone_step",
            "related",
            "relation",
            "weighted_gap",
            "transferable",
            "largest_gaps",
            "reason",
            "job_zone_name",
            "education",
            "education_pct",
            "interest_code",
        ]
    ]


def _interest_fit(interests: Mapping[str, float] | None, occ: pd.DataFrame) -> np.ndarray:
    """Pearson correlation of the client's RIASEC ratings with each occupation's (NaN: too few)."""
    fit = np.full(len(occ), np.nan)
    names = [n for n in RIASEC if interests and n in interests]
    if interests is None or len(names) < 3:
        return fit
    mine = np.array([float(interests[n]) for n in names])
    theirs = occ[names].to_numpy(dtype=float)
    a = mine - mine.mean()
    b = theirs - theirs.mean(axis=1, keepdims=True)
    denom = np.sqrt((a**2).sum()) * np.sqrt((b**2).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        result: np.ndarray = np.where(denom > 0, (b @ a) / denom, np.nan)
    return result


def _aims(direction: str, here: int | None, there: int | None) -> list[int]:
    """The job zones that earn the full zone points."""
    if direction == "down":
        return [] if here is None else [max(1, here - 1)]
    if there is not None and (direction == "any" or here is None or there >= here):
        return [there]
    if here is None:
        return []
    return [here, min(5, here + 1)] if direction == "up" else [here]


def _reason(row: Any, here: int | None, there: int | None) -> str:
    """One line: why the occupation is on the list."""
    bits = []
    if row.why:
        bits.append(row.why)
    if pd.notna(row.job_zone) and here is not None:
        step = int(row.job_zone) - here
        move = {0: "same job zone", 1: "one job zone up", -1: "one job zone down"}.get(
            step, f"{abs(step)} job zones {'up' if step > 0 else 'down'}"
        )
        if there is not None and int(row.job_zone) == there and row.relation != "the target":
            move += " (the target's)"
        bits.append(move)
    bits.append(f"brings {row.coverage:.0%} of what it asks")
    if pd.notna(row.fit):
        bits.append(f"interest fit {row.fit:.2f}")
    return "; ".join(bits)


def occupations_table(occupations: pd.DataFrame) -> pd.DataFrame:
    """A :func:`find_occupations` frame as a table to show the client: one line an occupation.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``rank``: ``occupation`` (title and code, "★" for the
        target, "◆" for an O*NET neighbour), ``score``, the points of
        ``skills``, ``interests``, ``job zone`` and ``related``, ``why``,
        ``brings`` (transferable skills), ``largest gaps``, ``job zone``
        and ``education``.
    """
    marks = [
        " ★" if r == "the target" else (" ◆" if rel else "")
        for r, rel in zip(occupations["relation"], occupations["related"], strict=True)
    ]
    return pd.DataFrame(
        {
            "occupation": [
                f"{t} ({c}){m}"
                for t, c, m in zip(occupations["title"], occupations["code"], marks, strict=True)
            ],
            "score": occupations["score"],
            "skills": occupations["skills_points"],
            "interests": occupations["interest_points"],
            "job zone points": occupations["zone_points"],
            "related": occupations["related_points"],
            "why": occupations["reason"],
            "brings": occupations["transferable"].map(", ".join),
            "largest gaps": occupations["largest_gaps"].map(", ".join),
            "job zone": occupations["job_zone"],
            "education": occupations["education"],
        },
        index=occupations.index,
    )


def current_occupation(role: str, *, data: OnetData | None = None) -> TitleMatch | None:
    """The O*NET occupation a client's ``current_role`` names, with skill ratings to compare.

    ``role`` is free text ("IT Director", "charge nurse"), an O*NET title or a
    code (see :func:`careerlib.onet.match_title`): the first match with
    skill ratings about as good as the best (within 0.1 of its score), as
    :func:`careerlib.onet.occupation_code` picks a target. When there is none
    (Data Scientists have no ratings), the best match's closest rated
    occupation among O*NET's Related Occupations stands in
    (``kind="related"``). None when nothing matches.
    :meth:`~careerlib.onet.TitleMatch.describe` says which occupation it took
    and why.
    """
    onet = data if data is not None else load_onet()
    matches = match_title(role, data=onet, limit=10)
    if not matches:
        return None
    best = matches[0]
    # as occupation_code: a rated match about as good as the best
    rated = [m for m in matches if m.rated and m.score >= best.score - 0.1]
    if rated:
        return rated[0]
    rows = onet.related[onet.related["code"] == best.code]
    for code in rows["related"]:
        if code in onet.level.index:
            z = onet.occupations.at[code, "job_zone"]
            return TitleMatch(
                code=str(code),
                title=onet.title(code),
                matched=best.title,
                kind="related",
                score=best.score,
                support=best.support,
                rated=True,
                job_zone=None if pd.isna(z) else int(z),
            )
    return None


def find_routes(*args: Any, **kwargs: Any) -> pd.DataFrame:
    """Deprecated: :func:`find_occupations` under its old name (removed in the next release)."""
    warnings.warn(
        "find_routes is deprecated and will be removed in the next release; "
        "use find_occupations (the plan's own routes are Plan.routes)",
        DeprecationWarning,
        stacklevel=2,
    )
    return find_occupations(*args, **kwargs)
