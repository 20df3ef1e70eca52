"""The responsibility ladder: "up" means more responsibility, each step explained."""

from __future__ import annotations

import pandas as pd
import pytest

from careerlib.gaps import find_occupations, ladder_signals, ladder_steps
from careerlib.gaps.ladder import FAMILIES, KINDS, RUNG_SHARE
from careerlib.onet import RIASEC, load_onet


def _profile(code: str) -> tuple[dict[str, float], dict[str, float]]:
    """An occupation's own O*NET profile as a client's levels and interests."""
    onet = load_onet()
    levels = {str(onet.elements.at[e, "name"]): float(v) for e, v in onet.level.loc[code].items()}
    interests = {n: float(onet.occupations.at[code, n]) for n in RIASEC}
    return levels, interests


def _up(code: str, top: int = 5) -> pd.DataFrame:
    levels, interests = _profile(code)
    return find_occupations(levels, interests, current=code, direction="up", top=top)


# --- the four ladders of the issue ----------------------------------------------------------------

LADDERS = [
    pytest.param(
        "11-3021.00",
        {
            "11-1011.00",  # Chief Executives
            "11-1021.00",  # General and Operations Managers
            "11-9111.00",  # Medical and Health Services Managers
        },
        id="it-director",
    ),
    pytest.param(
        "29-1141.00",
        {"29-1171.00", "11-9111.00"},  # Nurse Practitioners; Medical and Health Services Managers
        id="nurse",
    ),
    pytest.param(
        "25-2031.00",
        {
            "11-9032.00",  # Education Administrators, K-12: the principal
            "25-9031.00",  # Instructional Coordinators
        },
        id="teacher",
    ),
    pytest.param(
        "47-2111.00",
        {
            "47-1011.00",  # First-Line Supervisors of Construction Trades
            "11-9021.00",  # Construction Managers
        },
        id="electrician",
    ),
]


@pytest.mark.parametrize(("code", "next_rungs"), LADDERS)
def test_the_next_rung_is_in_the_top_five(code: str, next_rungs: set[str]) -> None:
    top5 = _up(code)
    assert next_rungs & set(top5["code"]), top5["title"].tolist()


@pytest.mark.parametrize(("code", "next_rungs"), LADDERS)
def test_nothing_below_the_current_job_zone_and_each_line_says_why(
    code: str, next_rungs: set[str]
) -> None:
    here = int(load_onet().occupations.at[code, "job_zone"])
    ranked = _up(code, top=40)
    assert (ranked["job_zone"] >= here).all()
    assert (ranked["step"] == "up").all() and ranked["ladder"].isin(KINDS).all()
    assert ranked["reason"].str.contains("a step up: ").all()
    # the ladder part replaces the job zone part: 15 points for the next rung
    assert ranked["zone_points"].isna().all()
    assert set(ranked["ladder_points"]) <= {round(15 * s, 1) for s in RUNG_SHARE.values()}


def test_an_it_directors_top_five_are_all_management() -> None:
    top5 = _up("11-3021.00")
    assert top5["code"].str.startswith("11-").all(), top5["title"].tolist()
    # individual contributors of the IT department are not a step up any more
    assert not {"15-1299.09", "15-1242.00", "15-1243.00"} & set(_up("11-3021.00", 100)["code"])
    kinds = dict(zip(top5["code"], top5["ladder"], strict=True))
    assert kinds["11-1021.00"] == "top executive"
    assert kinds["11-9111.00"] == "broader management"


# --- the steps, one by one ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "other", "step", "kind", "rungs"),
    [
        pytest.param("11-3021.00", "11-1011.00", "up", "top executive", 1, id="it-to-ceo"),
        pytest.param("11-3021.00", "11-9111.00", "up", "broader management", 1, id="it-to-hsm"),
        # another function at the same level is a step aside, not up
        pytest.param("11-3021.00", "11-3031.00", "sideways", "", 0, id="it-to-finance"),
        pytest.param("11-3021.00", "15-1242.00", "down", "", 0, id="it-to-dba"),
        pytest.param("29-1141.00", "29-1171.00", "up", "advanced practice", 1, id="rn-to-np"),
        # a physician is a new profession (a doctorate), not the next rung of nursing
        pytest.param("29-1141.00", "29-1215.00", "", "", 0, id="rn-to-physician"),
        # healthcare has no supervisory occupations: management is the next rung
        pytest.param("29-1141.00", "11-9111.00", "up", "management", 1, id="rn-to-hsm"),
        pytest.param("25-2031.00", "11-9032.00", "up", "management", 1, id="teacher-to-principal"),
        pytest.param("25-2031.00", "25-9031.00", "up", "advanced practice", 1, id="teacher-to-ic"),
        # the trades have first-line supervisors: a manager is two rungs up
        pytest.param("47-2111.00", "47-1011.00", "up", "supervision", 1, id="electrician-to-sup"),
        pytest.param("47-2111.00", "11-9021.00", "up", "management", 2, id="electrician-to-cm"),
        pytest.param("47-2111.00", "11-1011.00", "up", "top executive", 3, id="electrician-to-ceo"),
        pytest.param("47-2111.00", "47-2152.00", "sideways", "", 0, id="electrician-to-plumber"),
    ],
)
def test_ladder_steps(current: str, other: str, step: str, kind: str, rungs: int) -> None:
    row = ladder_steps(current).loc[other]
    assert (row["step"], row["ladder"], row["rungs"]) == (step, kind, rungs)
    assert row["share"] == (RUNG_SHARE[rungs] if rungs else 0.0)
    assert bool(row["why"]) == bool(kind)


def test_the_why_names_the_step_and_the_signals_that_go_up() -> None:
    why = ladder_steps("29-1141.00").at["29-1171.00", "why"]
    assert why.startswith("a step up: advanced practice in the same field — ")
    assert "job zone 5 (now 4)" in why
    assert "usually a master's degree (now a bachelor's degree)" in why
    why = ladder_steps("11-3021.00").at["11-1011.00", "why"]
    assert why.startswith("a step up: top executive, above functional management — ")
    assert "Leadership 5.0/5 (now 4.2)" in why


def test_the_signals() -> None:
    signals = ladder_signals()
    assert list(FAMILIES) == [
        "individual contributor",
        "first-line supervisor",
        "manager",
        "top executive",
    ]
    fam = signals["family_name"]
    assert fam["11-1011.00"] == "top executive" and fam["11-1021.00"] == "top executive"
    assert fam["11-3021.00"] == "manager" and fam["47-1011.00"] == "first-line supervisor"
    assert fam["29-1141.00"] == "individual contributor"
    # minor group 1 is supervisors only in groups 33-53: postsecondary teachers are not
    assert fam["25-1072.00"] == "individual contributor"
    # Leadership (Work Styles, importance 1-5) by hand from Work Styles.txt
    assert signals.at["11-1011.00", "leadership"] == pytest.approx(4.97)
    # management: the mean level of three elements, by hand from the ratings
    onet = load_onet()
    by_hand = onet.level.loc["29-1141.00", ["2.B.5.d", "2.B.5.b", "2.C.1.a"]].mean()
    assert signals.at["29-1141.00", "management"] == pytest.approx(by_hand)
    assert signals.at["29-1171.00", "education"] == "a master's degree"


# --- sideways and down keep their meaning --------------------------------------------------------


def test_sideways_is_the_same_family_and_job_zone() -> None:
    levels, interests = _profile("47-2111.00")
    ranked = find_occupations(levels, interests, current="47-2111.00", direction="sideways", top=30)
    signals = ladder_signals()
    assert (ranked["job_zone"] == 3).all()
    assert (signals.loc[ranked["code"], "family"] == 0).all()
    assert (ranked["zone_points"] == 15).all() and ranked["ladder_points"].isna().all()


def test_down_keeps_its_meaning_a_job_zone_at_most_the_current_one() -> None:
    levels, interests = _profile("11-3021.00")
    ranked = find_occupations(levels, interests, current="11-3021.00", direction="down", top=30)
    assert (ranked["job_zone"] <= 4).all()
    assert ranked["ladder_points"].isna().all() and ranked["zone_points"].notna().all()
