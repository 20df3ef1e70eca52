"""The occupation finder: occupations worth considering, each line explained."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from careerlib.clients import load_client
from careerlib.exceptions import ClientError
from careerlib.gaps import current_occupation, find_occupations, find_routes, target_role
from careerlib.gaps.occupations import POINTS
from careerlib.onet import RIASEC, importance_weight, load_onet, related_occupations

CLIENTS = Path(__file__).resolve().parents[1] / "data" / "clients"


def _profile(code: str) -> tuple[dict[str, float], dict[str, float]]:
    """An occupation's O*NET profile as a client's levels and interests."""
    onet = load_onet()
    levels = {str(onet.elements.at[e, "name"]): float(v) for e, v in onet.level.loc[code].items()}
    interests = {n: float(onet.occupations.at[code, n]) for n in RIASEC}
    return levels, interests


def _client_ranking(name: str, **kwargs: object) -> pd.DataFrame:
    client = load_client(CLIENTS / f"{name}.yaml")
    current = current_occupation(client.current_role)
    assert current is not None
    return find_occupations(
        client.skill_levels(),
        client.interest_scores(),
        current=current.code,
        target=target_role(client).code,
        **kwargs,  # type: ignore[arg-type]
    )


# --- an exact profile ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("29-1141.00", id="nursing-registered-nurses"),
        pytest.param("15-1211.00", id="it-computer-systems-analysts"),
        pytest.param("25-2021.00", id="teaching-elementary-school-teachers"),
        pytest.param("47-2111.00", id="trades-electricians"),
        pytest.param("41-4012.00", id="sales-wholesale-representatives"),
        pytest.param("13-2011.00", id="finance-accountants-and-auditors"),
    ],
)
def test_an_exact_profile_ranks_its_occupation_first_and_its_neighbours_high(code: str):
    levels, interests = _profile(code)
    ranked = find_occupations(levels, interests, top=10)
    first = ranked.loc[1]
    assert first["code"] == code
    assert first["score"] == 100.0
    assert (first["coverage"], first["over"], first["match"]) == (1.0, 0.0, 1.0)
    assert first["fit"] == pytest.approx(1.0)
    assert first["largest_gaps"] == ()
    # no current or target occupation: no job zone or related points to give
    assert np.isnan(first["zone_points"]) and np.isnan(first["related_points"])
    neighbours = set(related_occupations(code)["related"])
    assert ranked["code"].isin(neighbours).sum() >= 3, ranked["title"].tolist()


def test_an_exact_profile_as_target_stays_first_and_marked():
    levels, interests = _profile("29-1141.00")
    ranked = find_occupations(
        levels, interests, current="29-2061.00", target="29-1141.00", direction="any"
    )
    first = ranked.loc[1]
    assert (first["code"], first["relation"], first["score"]) == ("29-1141.00", "the target", 100.0)
    assert first["reason"].startswith("the target; one job zone up")


# --- the parts of the score ----------------------------------------------------------------------


def test_the_parts_add_up_to_the_score():
    ranked = _client_ranking("priya-nair", top=30)
    columns = ["skills_points", "interest_points", "ladder_points", "related_points"]
    parts = ranked[columns]
    limits = np.array([POINTS[k] for k in ("skills", "interests", "ladder", "related")])
    assert (parts.to_numpy() <= limits + 1e-9).all()
    assert (parts.to_numpy() >= 0).all()
    assert ranked["zone_points"].isna().all()  # direction up: the ladder, not the job zone
    np.testing.assert_allclose(parts.sum(axis=1), ranked["score"], atol=0.21)
    # what the client rated earns the match; what they did not, half the points
    known = ranked["rated_share"]
    np.testing.assert_allclose(
        ranked["skills_points"], 50 * (known * ranked["match"] + (1 - known) * 0.5), atol=0.06
    )
    match = ranked["coverage"] - 0.5 * ranked["over"]
    np.testing.assert_allclose(ranked["match"], match, atol=1e-3)
    assert ranked["score"].is_monotonic_decreasing
    assert (ranked["related_points"] > 0).eq(ranked["relation"] != "").all()


def test_the_skills_match_by_hand():
    # one rated element: the match is taken over what the client rated, and
    # the rest of what the occupation asks (not rated: unknown) earns half
    onet = load_onet()
    code = "15-1211.00"
    ranked = find_occupations({"Critical Thinking": 7.0}, top=900, direction="any")
    row = ranked[ranked["code"] == code].iloc[0]
    req = onet.level.loc[code]
    w = pd.Series(importance_weight(onet.importance.loc[code]), index=req.index)
    ct = "2.A.2.a"
    assert row["coverage"] == pytest.approx(1.0)  # 7 covers what it asks of critical thinking
    assert row["over"] == pytest.approx((7.0 - req[ct]) / req[ct], abs=1e-4)
    rated_share = float(w[ct] * req[ct]) / float((w * req).sum())
    assert row["rated_share"] == pytest.approx(rated_share, abs=1e-4)
    assert row["transferable"] == ("Critical Thinking",)
    assert row["largest_gaps"] == ()  # nothing rated falls short; the rest is unknown
    assert len(row["ask_client"]) == 3 and "Critical Thinking" not in row["ask_client"]
    # without interests, a current or a target, the score is the skills part alone
    assert np.isnan(row["interest_points"])
    match = max(0.0, 1.0 - 0.5 * (7.0 - req[ct]) / req[ct])
    assert row["score"] == pytest.approx(
        100 * (rated_share * match + (1 - rated_share) * 0.5), abs=0.06
    )


def test_not_rated_is_unknown_never_the_current_occupations_level():
    # a registered nurse who rated nothing: nothing is known of their skills, so
    # the skills part is left out, not filled in with a nurse's levels or with 0
    nurse = find_occupations({}, current="29-1141.00", direction="any", top=900)
    assert nurse["skills_points"].isna().all() and nurse["match"].isna().all()
    assert nurse["largest_gaps"].map(len).eq(0).all()
    assert nurse["transferable"].map(len).eq(0).all()
    # each occupation names what to ask the client first: its most important elements
    onet = load_onet()
    acute = nurse.set_index("code").loc["29-1141.01"]
    weights = importance_weight(onet.importance.loc["29-1141.01"]) * onet.level.loc["29-1141.01"]
    first = weights.sort_values(ascending=False, kind="stable").index[:3]
    assert acute["ask_client"] == tuple(onet.elements.loc[first, "name"])
    assert "29-1141.00" not in set(nurse["code"])  # the current occupation is left out
    # an assumed level is a what-if, and says so by not saying "of the % rated"
    assumed = find_occupations({}, direction="any", top=5, unrated_level=0.0)
    assert (assumed["coverage"] == 0.0).all() and not assumed["reason"].str.contains("rated").any()


def test_transferable_skills_and_gaps_are_about_that_occupation():
    ranked = _client_ranking("marcus-brown")
    client = load_client(CLIENTS / "marcus-brown.yaml")
    onet = load_onet()
    for _, row in ranked.iterrows():
        assert 1 <= len(row["transferable"]) <= 3 and len(row["largest_gaps"]) <= 3
        assert set(row["transferable"]) <= set(client.skill_levels())
        for name in row["transferable"]:
            eid = onet.element_id(name)
            assert client.skill_levels()[name] >= onet.level.at[row["code"], eid] - 0.5
        for name in row["largest_gaps"]:  # only what the client rated can be a gap
            eid = onet.element_id(name)
            assert onet.level.at[row["code"], eid] > client.skill_levels()[name]
        for name in row["ask_client"]:
            assert name not in client.skill_levels()


def test_the_target_is_shown_with_its_own_rank_when_below_the_top():
    ranked = _client_ranking("priya-nair", top=3)
    assert list(ranked.index[:3]) == [1, 2, 3]
    assert ranked.iloc[-1]["code"] == "11-9111.00" and ranked.index[-1] > 3
    assert ranked.iloc[-1]["relation"] == "the target"
    assert len(_client_ranking("priya-nair", top=3, show_target=False)) == 3


def test_too_few_interests_leave_the_interest_part_out():
    ranked = find_occupations({"Critical Thinking": 4}, {"Social": 7, "Realistic": 1}, top=5)
    assert ranked["fit"].isna().all() and ranked["interest_points"].isna().all()


# --- direction -----------------------------------------------------------------------------------


def test_up_keeps_the_current_job_zone_or_higher():
    ranked = _client_ranking("priya-nair", top=30)
    assert (ranked["job_zone"] >= 4).all()  # registered nurses: job zone 4
    assert (ranked["zone_step"] >= 0).all()
    assert (ranked["step"] == "up").all()


def test_down_keeps_the_current_job_zone_or_lower_and_prefers_one_below():
    ranked = _client_ranking("priya-nair", direction="down", top=10)
    assert (ranked["job_zone"] <= 4).all()
    assert (ranked["job_zone"] == 3).sum() >= 3
    full = ranked[ranked["zone_points"] == 15]
    assert (full["job_zone"] == 3).all()
    # a nurse who wants less pressure: nursing work one zone below
    assert {"29-1141.01", "29-2061.00"} <= set(ranked["code"].head(5))


def test_any_keeps_every_job_zone_and_changes_the_list():
    up = _client_ranking("priya-nair", top=10)
    down = _client_ranking("priya-nair", direction="down", top=10)
    anywhere = _client_ranking("priya-nair", direction="any", top=10)
    assert set(up["code"]) != set(anywhere["code"]) != set(down["code"])
    assert (anywhere["job_zone"] < 4).any() and (anywhere["job_zone"] > 4).any()
    # below the current job zone, only any and down reach: patient
    # representatives (job zone 3) use a nurse's service and listening skills
    assert "29-2099.08" in set(anywhere["code"]) & set(down["code"])
    assert "29-2099.08" not in set(_client_ranking("priya-nair", top=100)["code"])


def test_unknown_direction_is_an_error():
    with pytest.raises(
        ClientError, match="unknown direction 'lateral'; valid: up, sideways, down, any"
    ):
        find_occupations({}, direction="lateral")


def test_an_unrated_occupation_cannot_be_the_reference():
    with pytest.raises(ClientError, match="current occupation '15-2051.00' has no O\\*NET skill"):
        find_occupations({}, current="15-2051.00")


# --- the sample clients: would a coach recognize the top five? -----------------------------------


def test_jordan_lee_it_director_aiming_for_cio():
    ranked = _client_ranking("jordan-lee")
    top5 = ranked.head(5)
    # The CIO is a Computer and Information Systems Manager, like the IT
    # director today, so "up" is read from the ladder: running a hospital's
    # services (broader management), the top executives (a chief executive,
    # a chief sustainability officer: an executive of one domain, as a CIO
    # is) and general management. Project managers, database administrators
    # and the like, Jordan's own team, are no longer offered as a step up.
    assert top5["code"].tolist() == [
        "11-9111.00",  # Medical and Health Services Managers
        "11-1011.03",  # Chief Sustainability Officers
        "11-1021.00",  # General and Operations Managers
        "11-1011.00",  # Chief Executives
        "11-9021.00",  # Construction Managers
    ]
    assert top5["code"].str.startswith("11-").all()
    assert (top5["step"] == "up").all() and (top5["job_zone"] >= 4).all()
    assert top5.loc[1, "reason"].startswith("a step up: broader management — Leadership 4.8/5")
    assert "(of the 75% the client rated)" in top5.loc[1, "reason"]
    assert top5.loc[2, "ladder"] == "top executive"


def test_priya_nair_charge_nurse_aiming_for_nurse_manager():
    ranked = _client_ranking("priya-nair")
    top5 = ranked.head(5)
    # The clinical step up (a clinical nurse specialist, advanced practice that
    # O*NET counts among the target's closest) comes first; then managing a
    # service that uses what a charge nurse does every day (teaching patients
    # and new nurses, running a team that serves people), all close to the
    # target by O*NET; the target itself, Medical and Health Services
    # Managers, ranks 4th; nurse midwives, advanced practice again, 5th.
    assert top5["code"].tolist() == [
        "29-1141.04",  # Clinical Nurse Specialists
        "11-9151.00",  # Social and Community Service Managers
        "11-9031.00",  # Education and Childcare Administrators, Preschool and Daycare
        "11-9111.00",  # Medical and Health Services Managers: the target
        "29-1161.00",  # Nurse Midwives
    ]
    assert top5.loc[4, "relation"] == "the target"
    assert top5["ladder"].tolist() == [
        "advanced practice",
        "management",
        "management",
        "management",
        "advanced practice",
    ]
    assert "Education and Training" in top5.loc[2, "transferable"]
    assert "Administration and Management" in top5.loc[4, "largest_gaps"]


def test_marcus_brown_teacher_aiming_for_data_analyst():
    ranked = _client_ranking("marcus-brown", direction="sideways")
    top5 = ranked.head(5)
    # A new field at the same level (his client file asks for sideways moves):
    # the target (business intelligence analyst, O*NET's home of "data
    # analyst" in the role file) comes first; then data work O*NET relates to
    # it where the maths teacher's statistics carry over (clinical data
    # management, statistical assistant, market research, document management).
    assert top5["code"].tolist() == [
        "15-2051.01",  # Business Intelligence Analysts: the target
        "15-2051.02",  # Clinical Data Managers
        "43-9111.00",  # Statistical Assistants
        "13-1161.00",  # Market Research Analysts and Marketing Specialists
        "15-1299.03",  # Document Management Specialists
    ]
    assert (ranked["step"] == "sideways").all() and (ranked["job_zone"] == 4).all()
    assert "Mathematics" in top5.loc[3, "transferable"]
    assert "Programming" in top5.loc[2, "largest_gaps"]


# --- the sample clients' current roles -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        pytest.param("jordan-lee", "11-3021.00", id="IT Director"),
        pytest.param("priya-nair", "29-1141.00", id="Registered Nurse"),
        pytest.param("marcus-brown", "25-2031.00", id="Secondary School Teachers"),
    ],
)
def test_current_occupation_of_the_sample_clients(name: str, code: str):
    client = load_client(CLIENTS / f"{name}.yaml")
    found = current_occupation(client.current_role)
    assert found is not None and found.code == code and found.rated


def test_current_occupation_takes_the_general_occupation_with_ratings():
    # "Sales Rep" is a short title of several sales occupations; Sales
    # Representatives of Services (41-3091.00) has the most such titles but no
    # ratings, so the general wholesale one is taken, not the solar specialty
    found = current_occupation("sales rep")
    assert found is not None and (found.code, found.kind) == ("41-4012.00", "short")


def test_current_occupation_skips_unrated_matches():
    # Data Scientists (15-2051.00) have no skill ratings in O*NET 29.0; the
    # first rated one of its Related Occupations stands in
    found = current_occupation("Data Scientists")
    assert found is not None and found.rated and found.kind == "related"
    assert found.code == related_occupations("15-2051.00")["related"][0]
    assert found.describe() == (
        f"O*NET {found.code} {found.title} "
        "(the closest rated occupation O*NET relates to 'Data Scientists')"
    )
    assert current_occupation("zzqqxx") is None


# --- filters and the old name --------------------------------------------------------------------


def test_route_finder_filters_by_fit_and_job_zone():
    levels = {"Critical Thinking": 4}
    found = find_occupations(
        levels,
        {"Realistic": 7, "Investigative": 1, "Artistic": 1, "Social": 1},
        min_fit=0.5,
        max_job_zone=2,
        top=20,
    )
    assert (found["fit"] >= 0.5).all()
    assert (found["job_zone"] <= 2).all()


def test_find_routes_is_a_deprecated_alias_of_find_occupations():
    levels = {"Critical Thinking": 4}
    with pytest.deprecated_call(match="find_occupations"):
        old = find_routes(levels, top=3)
    pd.testing.assert_frame_equal(old, find_occupations(levels, top=3))
