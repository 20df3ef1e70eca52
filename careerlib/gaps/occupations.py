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
                        the client is above it (``over``): over the skills and
                        knowledge areas the client rated, each weighted by its
                        importance to the occupation. What the client has not
                        rated (``1 - rated_share`` of what it asks) earns half
                        its points: unknown, neither a match nor a gap
interests         20    the fit of the client's RIASEC ratings with the
                        occupation's (Pearson correlation; none below 0)
ladder            15    for ``direction="up"``: the step up in responsibility
                        (:mod:`careerlib.gaps.ladder`): full for the next rung
                        (a higher family of occupations, advanced practice in the
                        same field, broader management), 3/4 two rungs up, 1/2
                        three
job zone          15    for the other directions, in place of the ladder: full in
                        the zone the move aims at (the target's zone, else the
                        current one; one below the current for ``down``), half
                        one zone away
related           15    O*NET lists the occupation among the Related Occupations
                        of the target: full for its 5 closest (Primary-Short),
                        3/4 for the next 5 (Primary-Long), 1/2 for the 10
                        supplemental ones; two thirds of that for a neighbour
                        of the current occupation (a step aside rather than
                        toward the target); full for the target itself
==============  ======  ===========================================================

A part that cannot be judged (no RIASEC ratings; no skill rated; no current or
target occupation) is left out and the score is taken over the parts that
remain, so it stays 0-100.

**Direction.** ``up`` (the default) keeps the occupations that are a step up
in responsibility from the current one (:func:`careerlib.gaps.ladder.ladder_steps`:
never below its job zone); ``sideways`` those in the same family of occupations
and job zone; ``down`` those whose job zone is at most the current one (a client
who wants less pressure); ``any`` keeps all. Without a current occupation no
occupation is left out.

**Not rated is unknown.** A skill or knowledge area the client did not rate is
neither level 0 nor the current occupation's level: the skills match is taken
over what the client rated (``rated_share`` says how much of what the
occupation asks that is), and the occupation's most important elements the
client did not rate are listed in ``ask_client``.

Units: levels are O*NET's level scale 0-7, importance its 1-5 scale, weights
``(importance - 1) / 4``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from careerlib._fields import DIRECTIONS
from careerlib.exceptions import ClientError
from careerlib.gaps._common import EPS
from careerlib.gaps.ladder import ladder_steps
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

POINTS: dict[str, float] = {
    "skills": 50.0,
    "interests": 20.0,
    "ladder": 15.0,
    "job_zone": 15.0,
    "related": 15.0,
}
"""The most points each part of the score gives: ``ladder`` (direction up) or ``job_zone``
(the other directions) is counted, never both, so they add up to 100."""

RELATED_SHARE: dict[str, float] = {"Primary-Short": 1.0, "Primary-Long": 0.75, "Supplemental": 0.5}
"""Share of the related points by O*NET's relatedness tier."""

CURRENT_SHARE = 2 / 3
"""Share of the related points for a neighbour of the current occupation (a step aside)
rather than of the target (a step toward it)."""

OVER_WEIGHT = 0.5
"""How much being above an occupation's levels takes off the skills match, per unit of coverage."""

UNKNOWN_SHARE = 0.5
"""Share of the skills points earned by what the client has not rated: unknown, so neither
full (a match) nor none (a gap); an occupation judged on little of what it asks does not
outrank one judged on much for knowing less."""

_TIER_WORDS = {
    "Primary-Short": "one of the 5 closest",
    "Primary-Long": "one of the 10 closest",
    "Supplemental": "one of the 20 related",
}

#: The columns of :func:`find_occupations`, in order.
COLUMNS = [
    "code",
    "title",
    "score",
    "skills_points",
    "interest_points",
    "ladder_points",
    "zone_points",
    "related_points",
    "match",
    "coverage",
    "over",
    "rated_share",
    "fit",
    "job_zone",
    "zone_step",
    "step",
    "ladder",
    "related",
    "relation",
    "weighted_gap",
    "transferable",
    "largest_gaps",
    "ask_client",
    "reason",
    "job_zone_name",
    "education",
    "education_pct",
    "interest_code",
]


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
    unrated_level: float | None = None,
    data: OnetData | None = None,
) -> pd.DataFrame:
    """The O*NET occupations a client could move to, by transferability score (0-100).

    Parameters
    ----------
    levels
        The client's levels [0-7] by O*NET skill or knowledge name; other
        names (skills of a role file's own) are ignored. What is not here is
        not rated: unknown, not level 0.
    interests
        RIASEC scale -> rating [1-7]; fewer than 3 scales leave the interest
        part out.
    current, target
        O*NET codes of the client's current and target occupations (see
        :func:`careerlib.onet.match_title` for a free-text title). The
        current one is left out of the list; the target stays in it, marked.
    direction
        ``"up"`` (a step up in responsibility), ``"sideways"`` (the same
        family of occupations and job zone), ``"down"`` (job zone at most the
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
        Assume this level [0-7] for every element the client did not rate (a
        what-if); by default an element not rated is unknown and left out of
        the skills match.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``rank`` from 1: ``code``, ``title``, ``score`` (0-100),
        the points of each part (``skills_points``, ``interest_points``,
        ``ladder_points``, ``zone_points``, ``related_points``; NaN for a
        part left out), the measures behind them (``match``, ``coverage``,
        ``over`` (0-1), ``rated_share`` (0-1: the share of what the
        occupation asks that the client rated), ``fit`` (-1 to 1),
        ``job_zone``, ``zone_step`` (the job zone less the current one),
        ``step`` (``up``, ``sideways``, ``down`` from the current occupation,
        or ``""``), ``ladder`` (the kind of step up:
        :data:`careerlib.gaps.ladder.KINDS`), ``related``: True when O*NET
        relates it to the current or target occupation), ``relation``
        (which, and how close; "target" for the target itself),
        ``weighted_gap`` [level points, over the rated elements],
        ``transferable`` (up to three skills the client brings that matter
        most to it), ``largest_gaps`` (up to three, largest weighted gap
        first), ``ask_client`` (up to three elements that matter most to it
        and the client has not rated), ``reason`` (one line for the client),
        ``job_zone_name``, ``education``, ``education_pct`` [% of
        respondents], ``interest_code`` (its three highest RIASEC scales,
        e.g. "SIC").

    Raises
    ------
    ClientError
        For an unknown direction or an O*NET code without skill ratings.
    """
    onet = _reference(direction, current, target, data)
    client = _client_levels(levels, onet, unrated_level)
    match = _skills_match(client, onet)
    occ = onet.occupations.loc[onet.level.index]
    fit = _interest_fit(interests, occ)
    steps = None if current is None else ladder_steps(current, data=onet)
    relations = _relations(onet, current, target)
    parts = _score_parts(match, fit, steps, relations, onet, current, target, direction)
    frame = _frame(onet, parts, match, fit, steps, relations, current)
    here = _zone(onet, current)
    frame = _keep(frame, direction, current, here, exclude, (min_fit, min_job_zone, max_job_zone))
    frame = _ranked(frame, top, target if show_target else None)
    frame = _explain(frame, onet, client, match, direction, current, target)
    return frame[COLUMNS]


# --- the steps -----------------------------------------------------------------------------


def _reference(
    direction: str, current: str | None, target: str | None, data: OnetData | None
) -> OnetData:
    """The O*NET tables, once the direction and the reference occupations are known good."""
    if direction not in DIRECTIONS:
        raise ClientError(
            f"unknown direction {direction!r}; valid: {', '.join(DIRECTIONS)} "
            "(up: a step up in responsibility, sideways: the same level, "
            "down: job zone at most the current one, any: all)"
        )
    onet = data if data is not None else load_onet()
    for role, code in (("current", current), ("target", target)):
        if code is not None and code not in onet.level.index:
            raise ClientError(
                f"the {role} occupation {code!r} has no O*NET skill ratings to compare with"
            )
    return onet


@dataclass(frozen=True)
class _Client:
    """The client's levels over O*NET's elements (NaN: not rated) and which are rated."""

    levels: np.ndarray
    rated: np.ndarray
    assumed: bool  # every element has a level (unrated_level was given)


def _client_levels(
    levels: Mapping[str, float], onet: OnetData, unrated_level: float | None
) -> _Client:
    elements = onet.level.columns
    client = np.full(len(elements), np.nan)
    for name, value in levels.items():
        eid = onet.element_id(name)
        if eid is not None:
            client[elements.get_loc(eid)] = float(value)
    rated = ~np.isnan(client)
    if unrated_level is not None:
        client = np.where(rated, client, float(unrated_level))
    return _Client(levels=client, rated=rated, assumed=unrated_level is not None)


@dataclass(frozen=True)
class _Match:
    """The skills match of the client with every occupation (rows) over the known elements."""

    required: np.ndarray  # occupations x elements [0-7]
    weight: np.ndarray  # occupations x elements [0-1]
    gap: np.ndarray  # weighted gap per element, 0 where unknown
    met: np.ndarray  # weighted level met per element, 0 where unknown
    coverage: np.ndarray
    over: np.ndarray
    match: np.ndarray  # NaN where nothing the occupation asks was rated
    weighted_gap: np.ndarray
    rated_share: np.ndarray
    judged: bool  # False when the client rated nothing: the skills part is left out


def _skills_match(client: _Client, onet: OnetData) -> _Match:
    req = onet.level.to_numpy(dtype=float)
    w = importance_weight(onet.importance.to_numpy(dtype=float))
    known = ~np.isnan(client.levels)
    mine = np.nan_to_num(client.levels, nan=0.0)
    kw = w * known  # the weights of what is known
    asked = (kw * req).sum(axis=1)
    gap = np.maximum(0.0, req - mine) * kw
    met = np.minimum(mine, req) * kw
    surplus = np.maximum(0.0, mine - req) * kw
    with np.errstate(invalid="ignore", divide="ignore"):
        coverage = np.where(asked > EPS, met.sum(axis=1) / asked, np.nan)
        over = np.where(asked > EPS, surplus.sum(axis=1) / asked, np.nan)
        weighted_gap = np.where(kw.sum(axis=1) > EPS, gap.sum(axis=1) / kw.sum(axis=1), np.nan)
        rated_share = asked / (w * req).sum(axis=1)
    return _Match(
        required=req,
        weight=w,
        gap=gap,
        met=met,
        coverage=coverage,
        over=over,
        match=np.clip(coverage - OVER_WEIGHT * over, 0.0, 1.0),
        weighted_gap=weighted_gap,
        rated_share=rated_share,
        judged=bool(known.any()),
    )


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


def _aims(direction: str, here: int | None, there: int | None) -> list[int]:
    """The job zones that earn the full zone points (every direction but up)."""
    if direction == "down":
        return [] if here is None else [max(1, here - 1)]
    if direction == "sideways":
        return [] if here is None else [here]
    if there is not None and (direction == "any" or here is None or there >= here):
        return [there]
    if here is None:
        return []
    return [here, min(5, here + 1)] if direction == "up" else [here]


def _score_parts(
    match: _Match,
    fit: np.ndarray,
    steps: pd.DataFrame | None,
    relations: dict[str, tuple[float, str, str]],
    onet: OnetData,
    current: str | None,
    target: str | None,
    direction: str,
) -> dict[str, np.ndarray]:
    """The points of each part that can be judged, by occupation (see the module docstring)."""
    codes = onet.level.index
    parts: dict[str, np.ndarray] = {}
    if match.judged:
        known = np.nan_to_num(match.rated_share, nan=0.0)
        share = known * np.nan_to_num(match.match, nan=0.0) + (1.0 - known) * UNKNOWN_SHARE
        parts["skills"] = POINTS["skills"] * share
    if not np.isnan(fit).all():
        parts["interests"] = POINTS["interests"] * np.clip(np.nan_to_num(fit, nan=0.0), 0, 1)
    if direction == "up" and steps is not None:
        parts["ladder"] = POINTS["ladder"] * steps["share"].to_numpy(dtype=float)
    else:
        aims = _aims(direction, _zone(onet, current), _zone(onet, target))
        if aims:
            zones = onet.occupations.loc[codes, "job_zone"].astype("float").to_numpy()
            distance = np.min([np.abs(zones - a) for a in aims], axis=0)
            share = np.where(distance == 0, 1.0, np.where(distance == 1, 0.5, 0.0))
            parts["job_zone"] = POINTS["job_zone"] * np.nan_to_num(share, nan=0.0)
    if current is not None or target is not None:
        parts["related"] = POINTS["related"] * np.array(
            [relations.get(c, (0.0, "", ""))[0] for c in codes]
        )
    return parts


def _frame(
    onet: OnetData,
    parts: dict[str, np.ndarray],
    match: _Match,
    fit: np.ndarray,
    steps: pd.DataFrame | None,
    relations: dict[str, tuple[float, str, str]],
    current: str | None,
) -> pd.DataFrame:
    """One row per rated occupation: the score, its parts and the measures behind them."""
    codes = onet.level.index
    occ = onet.occupations.loc[codes]
    possible = sum(POINTS[p] for p in parts)
    total = np.sum(list(parts.values()), axis=0) if parts else np.zeros(len(codes))
    score = 100.0 * total / possible if possible else np.zeros(len(codes))
    nothing = np.full(len(codes), np.nan)
    here = _zone(onet, current)
    zones = occ["job_zone"].astype("float").to_numpy()
    riasec = occ[list(RIASEC)].to_numpy(dtype=float)
    letters = np.array([n[0] for n in RIASEC])
    order3 = np.argsort(-riasec, axis=1, kind="stable")[:, :3]
    relation = [relations.get(c, (0.0, "", ""))[1] for c in codes]
    blank = np.full(len(codes), "", dtype=object)
    return pd.DataFrame(
        {
            "code": codes,
            "title": occ["title"].to_numpy(),
            "score": score,
            "skills_points": parts.get("skills", nothing),
            "interest_points": parts.get("interests", nothing),
            "ladder_points": parts.get("ladder", nothing),
            "zone_points": parts.get("job_zone", nothing),
            "related_points": parts.get("related", nothing),
            "match": match.match if match.judged else nothing,
            "coverage": match.coverage,
            "over": match.over,
            "rated_share": match.rated_share,
            "fit": fit,
            "job_zone": occ["job_zone"].to_numpy(),
            "zone_step": zones - here if here is not None else nothing,
            "step": blank if steps is None else steps["step"].to_numpy(),
            "ladder": blank if steps is None else steps["ladder"].to_numpy(),
            "ladder_why": blank if steps is None else steps["why"].to_numpy(),
            "related": [bool(r) and r != "the target" for r in relation],
            "relation": relation,
            "why": [relations.get(c, (0.0, "", ""))[2] for c in codes],
            "weighted_gap": match.weighted_gap,
            "education": occ["education"].to_numpy(),
            "education_pct": occ["education_pct"].to_numpy(),
            "interest_code": ["".join(row) for row in letters[order3]],
        }
    )


def _keep(
    frame: pd.DataFrame,
    direction: str,
    current: str | None,
    here: int | None,
    exclude: Iterable[str],
    filters: tuple[float | None, int | None, int | None],
) -> pd.DataFrame:
    """The occupations the direction and the filters (``min_fit``, ``min_job_zone``,
    ``max_job_zone``) keep; never the current one."""
    min_fit, min_job_zone, max_job_zone = filters
    keep = ~frame["code"].isin([*exclude, *([current] if current else [])])
    if current is not None and direction in ("up", "sideways"):
        keep &= frame["step"] == direction
    if here is not None and direction == "down":
        keep &= frame["job_zone"].fillna(99) <= here
    if min_fit is not None:
        keep &= ~(frame["fit"] < min_fit)
    if min_job_zone is not None:
        keep &= frame["job_zone"].fillna(0) >= min_job_zone
    if max_job_zone is not None:
        keep &= frame["job_zone"].fillna(99) <= max_job_zone
    return frame[keep.to_numpy()]


def _ranked(frame: pd.DataFrame, top: int, target: str | None) -> pd.DataFrame:
    """The best ``top`` by score (then skills match, then code), ranked from 1, and the target."""
    frame = frame.sort_values(["score", "match", "code"], ascending=[False, False, True])
    frame = frame.reset_index(drop=True)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="rank")
    shown = frame.index <= top
    if target is not None:
        shown |= (frame["code"] == target).to_numpy()
    return frame[shown]


def _explain(
    frame: pd.DataFrame,
    onet: OnetData,
    client: _Client,
    match: _Match,
    direction: str,
    current: str | None,
    target: str | None,
) -> pd.DataFrame:
    """The kept rows with what the client brings, the gaps, what to ask and the reason."""
    codes = onet.level.index
    names = onet.level.columns.map(onet.elements["name"]).to_numpy()
    transferable, largest, ask = [], [], []
    for code in frame["code"]:
        r = int(codes.get_loc(code))
        # what the client rated and brings (at or within half a level of what
        # is asked), most important to the occupation first
        brings = client.rated & (client.levels >= match.required[r] - 0.5) & (match.weight[r] > EPS)
        idx = np.argsort(-(match.met[r] * brings), kind="stable")[:3]
        transferable.append(tuple(str(names[i]) for i in idx if brings[i]))
        idx = np.argsort(-match.gap[r], kind="stable")[:3]
        largest.append(tuple(str(names[i]) for i in idx if match.gap[r, i] > 0.05))
        unknown = ~client.rated & (match.weight[r] * match.required[r] > EPS)
        idx = np.argsort(-(match.weight[r] * match.required[r] * unknown), kind="stable")[:3]
        ask.append(tuple(str(names[i]) for i in idx if unknown[i]))
    frame = frame.assign(
        transferable=transferable,
        largest_gaps=largest,
        ask_client=ask,
        job_zone_name=frame["job_zone"].map(
            lambda z: onet.job_zones["name"].get(z) if pd.notna(z) else None
        ),
    )
    here, there = _zone(onet, current), _zone(onet, target)
    up = direction == "up" and current is not None
    frame["reason"] = [_reason(row, here, there, up, client.assumed) for row in frame.itertuples()]
    for col in ("score", "skills_points", "interest_points", "ladder_points", "zone_points"):
        frame[col] = frame[col].round(1)
    frame["related_points"] = frame["related_points"].round(1)
    for col in ("match", "coverage", "over", "rated_share", "fit", "weighted_gap"):
        frame[col] = frame[col].round(4)
    return frame


def _reason(row: Any, here: int | None, there: int | None, up: bool, assumed: bool) -> str:
    """One line: why the occupation is on the list."""
    bits = []
    if row.why:
        bits.append(row.why)
    if up and row.ladder_why:
        bits.append(row.ladder_why)
    elif pd.notna(row.job_zone) and here is not None:
        step = int(row.job_zone) - here
        move = {0: "same job zone", 1: "one job zone up", -1: "one job zone down"}.get(
            step, f"{abs(step)} job zones {'up' if step > 0 else 'down'}"
        )
        if there is not None and int(row.job_zone) == there and row.relation != "the target":
            move += " (the target's)"
        bits.append(move)
    if pd.notna(row.coverage):
        brings = f"brings {row.coverage:.0%} of what it asks"
        if not assumed and row.rated_share < 1 - 5e-3:
            brings += f" (of the {row.rated_share:.0%} the client rated)"
        bits.append(brings)
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
        ``skills``, ``interests``, ``ladder`` (direction up) or ``job zone
        points`` (the other directions) and ``related``, ``why``, ``brings``
        (transferable skills), ``largest gaps``, ``ask the client`` (what
        matters to it that the client has not rated), ``job zone`` and
        ``education``.
    """
    marks = [
        " ★" if r == "the target" else (" ◆" if rel else "")
        for r, rel in zip(occupations["relation"], occupations["related"], strict=True)
    ]
    step = (
        {"ladder": occupations["ladder_points"]}
        if occupations["ladder_points"].notna().any()
        else {"job zone points": occupations["zone_points"]}
    )
    return pd.DataFrame(
        {
            "occupation": [
                f"{t} ({c}){m}"
                for t, c, m in zip(occupations["title"], occupations["code"], marks, strict=True)
            ],
            "score": occupations["score"],
            "skills": occupations["skills_points"],
            "interests": occupations["interest_points"],
            **step,
            "related": occupations["related_points"],
            "why": occupations["reason"],
            "brings": occupations["transferable"].map(", ".join),
            "largest gaps": occupations["largest_gaps"].map(", ".join),
            "ask the client": occupations["ask_client"].map(", ".join),
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
