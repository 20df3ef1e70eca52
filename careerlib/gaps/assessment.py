"""Know where you are: the self-assessment, the due diligence of the target role, the obstacles."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from careerlib.models import Plan
from careerlib.scheduling.scheduler import Schedule

__all__ = ["assessment_changes", "due_diligence", "obstacles", "self_assessment"]

#: The kinds of self-assessment factor, in the order a session goes through them.
ASSESSMENT_KINDS: tuple[str, ...] = ("talent", "interest", "value", "marketability")


def self_assessment(client: Any, role: Any | None = None) -> pd.DataFrame:
    """The client's self-assessment as one tidy table, beside the target role's profile.

    Parameters
    ----------
    client
        A :class:`~careerlib.clients.Client`.
    role
        The target role's :class:`~careerlib.onet.RoleProfile`; its O*NET
        occupation gives the interest (RIASEC) and work-value scores the client's
        ratings are set against.

    Returns
    -------
    pandas.DataFrame
        One row a factor: ``kind`` (``talent``, ``interest``, ``value``,
        ``marketability``), ``name``, ``rating`` (talents and marketability 1-5;
        interests and values 1-7: the newest assessment's, else the client
        file's), ``role`` (the occupation's score on the same scale, for
        interests and values; NaN otherwise), ``difference`` (``rating -
        role``), ``note`` (the client file's note, or which assessment the
        rating comes from).
    """
    from careerlib.onet import load_onet

    occupation = None
    if role is not None:
        occupations = load_onet().occupations
        if role.code in occupations.index:
            occupation = occupations.loc[role.code]
    sa = client.self_assessment
    rows: list[dict[str, Any]] = []
    for item in sa.talents:
        rows.append(
            {"kind": "talent", "name": item.name, "rating": float(item.rating), "note": item.note}
        )
    for kind, scores, typed in (
        ("interest", client.interest_scores(), sa.interests),
        ("value", client.value_scores(), sa.values),
    ):
        sources = client.rating_sources(f"{kind}s")
        for name, rating in scores.items():
            theirs = (
                float(occupation[name]) if occupation is not None and name in occupation else np.nan
            )
            from_file = sources.get(name) == "client file"
            note = typed[name].note if from_file and name in typed else sources.get(name)
            rows.append(
                {"kind": kind, "name": name, "rating": float(rating), "role": theirs, "note": note}
            )
    for item in sa.marketability:
        rows.append(
            {
                "kind": "marketability",
                "name": item.name,
                "rating": float(item.rating),
                "note": item.note,
            }
        )
    frame = pd.DataFrame(rows, columns=["kind", "name", "rating", "role", "note"])
    frame["role"] = frame["role"].astype(float)
    frame["difference"] = frame["rating"] - frame["role"]
    return frame


def assessment_changes(then: Any, now: Any) -> pd.DataFrame:
    """The self-assessment then and now: every factor rated in either, with the change.

    Parameters
    ----------
    then, now
        Two :class:`~careerlib.clients.Client` profiles of the same client: an
        earlier copy of the client file (kept when the strategy was made) and
        the client file today.

    Returns
    -------
    pandas.DataFrame
        One row a factor rated in either (matched by kind and name, any
        case): ``kind`` (``talent``, ``interest``, ``value``,
        ``marketability``), ``name``, ``then`` and ``now`` (the ratings, NaN
        where the factor was not rated), ``change`` (``now - then``) and
        ``note`` (today's note, else the earlier one). Ordered by kind, then
        the largest change first.
    """
    old, new = self_assessment(then), self_assessment(now)
    key_old = old.assign(_key=old["kind"] + "|" + old["name"].str.lower())
    key_new = new.assign(_key=new["kind"] + "|" + new["name"].str.lower())
    merged = key_new[["_key", "kind", "name", "rating", "note"]].merge(
        key_old[["_key", "kind", "name", "rating", "note"]],
        on="_key",
        how="outer",
        suffixes=("_now", "_then"),
    )
    frame = pd.DataFrame(
        {
            "kind": merged["kind_now"].fillna(merged["kind_then"]),
            "name": merged["name_now"].fillna(merged["name_then"]),
            "then": merged["rating_then"].astype(float),
            "now": merged["rating_now"].astype(float),
            "note": merged["note_now"].where(merged["note_now"].notna(), merged["note_then"]),
        }
    )
    frame["change"] = frame["now"] - frame["then"]
    order = frame.assign(
        _kind=frame["kind"].map(ASSESSMENT_KINDS.index),
        _size=-frame["change"].abs().fillna(0.0),
    ).sort_values(["_kind", "_size", "name"], kind="stable")
    return frame.loc[order.index, ["kind", "name", "then", "now", "change", "note"]].reset_index(
        drop=True
    )


def due_diligence(role: Any) -> dict[str, Any]:
    """What the target role asks for before the client commits: the due diligence.

    Returns the O*NET occupation's ``code`` and ``title``, its ``job_zone``
    (1-5) with O*NET's description of the ``experience``, ``education`` and
    ``training`` that zone means, the most common required ``typical_education``
    and the share of incumbents who report it [%], and the ``questions`` a coach
    asks about the economy and the education required.
    """
    from careerlib.onet import load_onet

    data = load_onet()
    out: dict[str, Any] = {"code": role.code, "title": role.title}
    if role.code in data.occupations.index:
        occ = data.occupations.loc[role.code]
        zone = None if pd.isna(occ["job_zone"]) else int(occ["job_zone"])
        out.update(
            occupation=str(occ["title"]),
            job_zone=zone,
            typical_education=None if pd.isna(occ["education"]) else str(occ["education"]),
            education_pct=None if pd.isna(occ["education_pct"]) else float(occ["education_pct"]),
        )
        if zone is not None and zone in data.job_zones.index:
            ref = data.job_zones.loc[zone]
            out.update(
                job_zone_name=str(ref["name"]),
                experience=str(ref["experience"]),
                education=str(ref["education"]),
                training=str(ref["training"]),
            )
    out["questions"] = [
        f"How many {role.title} openings are there within commuting distance, "
        "and is that number growing?",
        "Which employers are hiring, and which are cutting back? "
        "How exposed is the sector to the economy?",
        f"What education and certification do postings for {role.title} ask for, "
        "and what do they pay?",
        "How long, and at what cost, would the missing education or certification take?",
        "Who in the network holds this role today and could describe a real week of it?",
    ]
    return out


def obstacles(plan: Plan, sched: Schedule | None = None) -> pd.DataFrame:
    """The plan's obstacles, the riskiest first, each with its contingency.

    Returns
    -------
    pandas.DataFrame
        Indexed by obstacle id: ``title``, ``likelihood`` and ``impact`` (1-5),
        ``risk`` (their product, 1-25), ``mitigation``, ``contingency``,
        ``affects`` (step ids), ``critical_steps`` (those of ``affects`` that are
        critical in ``sched``, when a schedule is given), and ``missing``
        (what a coach should still ask for: a mitigation, a contingency).
    """
    critical = set(sched.critical_ids) if sched is not None else set()
    rows = []
    for ob in plan.obstacles:
        missing = [k for k in ("mitigation", "contingency") if not getattr(ob, k)]
        rows.append(
            {
                "id": ob.id,
                "title": ob.title,
                "likelihood": ob.likelihood,
                "impact": ob.impact,
                "risk": ob.likelihood * ob.impact,
                "mitigation": ob.mitigation,
                "contingency": ob.contingency,
                "affects": tuple(ob.affects),
                "critical_steps": tuple(s for s in ob.affects if s in critical),
                "missing": ", ".join(missing),
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "title",
            "likelihood",
            "impact",
            "risk",
            "mitigation",
            "contingency",
            "affects",
            "critical_steps",
            "missing",
        ],
    )
    return frame.set_index("id").sort_values(["risk", "impact"], ascending=False, kind="stable")
