"""The skills gap against hand-computed values."""

from __future__ import annotations

import math

import pytest

from careerlib import parse_plan
from careerlib.gaps import (
    ask_client,
    focus_anchors,
    skills_gap,
    unaddressed_skills,
    weighted_mean_gap,
)
from careerlib.onet import role_profile


def test_skills_gap_against_computer_and_information_systems_managers():
    # By hand from Skills.xlsx / Knowledge.xlsx, 11-3021.00 (LV = required level, IM = importance):
    #   Critical Thinking          LV 4.00 IM 4.12 -> gap 4.00-3.00 = 1.00, weight (4.12-1)/4 = 0.78
    #   Computers and Electronics  LV 6.13 IM 4.77 -> gap 6.13-5.00 = 1.13, weight 0.9425,
    #                                                 weighted 1.13*0.9425 = 1.065025
    #   Negotiation                LV 3.25 IM 3.00 -> client 3.25: no gap
    #   Management of Fin. Res.    LV 3.38 IM 3.00 -> client 4.00: no gap (above is not negative)
    #   Administration and Mgmt    LV 4.31 IM 3.70 -> not rated: unknown, no gap at all
    #   Programming                IM 2.75 < 3: not required
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-03-31\nsteps:\n"
        "  - {id: course, duration: 5, develops: [critical thinking]}\n"
    )
    levels = {
        "Critical Thinking": 3.0,
        "Computers and Electronics": 5.0,
        "Negotiation": 3.25,
        "Management of Financial Resources": 4.0,
    }
    gaps = skills_gap(role_profile("11-3021.00"), levels, plan)
    ct = gaps.loc["Critical Thinking"]
    assert ct["gap"] == pytest.approx(1.0)
    assert ct["weight"] == pytest.approx(0.78)
    assert ct["weighted_gap"] == pytest.approx(0.78)
    assert ct["steps"] == ("course",)
    assert ct["status"] == "addressed"
    ce = gaps.loc["Computers and Electronics"]
    assert ce["weighted_gap"] == pytest.approx(1.065025, abs=1e-4)
    assert ce["status"] == "unaddressed"
    assert gaps.loc["Negotiation", "gap"] == 0
    assert gaps.loc["Negotiation", "status"] == "met"
    assert gaps.loc["Management of Financial Resources", "gap"] == 0
    am = gaps.loc["Administration and Management"]
    assert not am["rated"] and am["status"] == "not rated"
    assert math.isnan(am["client"]) and math.isnan(am["gap"]) and math.isnan(am["weighted_gap"])
    assert "Programming" not in gaps.index
    rated = gaps[gaps["rated"]]
    assert list(rated.index) == list(gaps.index[:4])  # the rated first, most weighted gap first
    assert rated["weighted_gap"].is_monotonic_decreasing
    assert (gaps["status"].iloc[4:] == "not rated").all()
    # the mean is over the rated skills only: (0.78 + 1.065025) / (0.78 + 0.9425 + 0.5 + 0.5)
    assert weighted_mean_gap(gaps) == pytest.approx(
        (0.78 + 1.065025) / rated["weight"].sum(), abs=1e-4
    )
    assert rated["weight"].sum() == pytest.approx(0.78 + 0.9425 + 0.5 + 0.5)


@pytest.mark.parametrize(
    "levels",
    [pytest.param({}, id="nothing-rated"), pytest.param({"Writing": 7.0}, id="one-rated")],
)
def test_not_rated_is_no_gap_and_is_the_ask_the_client_list(levels: dict[str, float]):
    profile = role_profile("11-3021.00")
    gaps = skills_gap(profile, levels)
    unknown = ask_client(gaps)
    assert len(unknown) == len(profile.requirements) - len(levels)
    assert set(unknown) == set(gaps.index[~gaps["rated"]])
    # in the ask-the-client list by importance, most important first
    assert gaps.loc[unknown, "importance"].is_monotonic_decreasing
    assert (gaps.loc[unknown, "status"] == "not rated").all()
    assert gaps.loc[unknown, "gap"].isna().all()
    # no gap count sees them
    assert (gaps["status"] == "unaddressed").sum() == 0
    assert unaddressed_skills(profile, levels) == []
    assert weighted_mean_gap(gaps) == 0.0


def test_an_assumed_level_is_a_what_if():
    gaps = skills_gap(role_profile("11-3021.00"), {}, unrated_level=0.0)
    assert (gaps["status"] == "unaddressed").all() and not gaps["rated"].any()
    assert ask_client(gaps) == []


def test_skills_gap_counts_only_the_route_steps():
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-03-31\n"
        "routes: [{id: a, title: A}, {id: b, title: B}]\nsteps:\n"
        "  - {id: x, duration: 5, route: a, develops: [Writing]}\n"
        "  - {id: y, duration: 5, route: b, develops: [Speaking]}\n"
    )
    gaps = skills_gap(role_profile("11-3021.00"), {"Writing": 1, "Speaking": 1}, plan, route="a")
    assert gaps.loc["Writing", "status"] == "addressed"
    assert gaps.loc["Speaking", "status"] == "unaddressed"


def test_focus_anchors_are_the_unaddressed_gaps_else_the_largest():
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-03-31\nsteps:\n"
        "  - {id: course, duration: 5, develops: [critical thinking]}\n"
    )
    profile = role_profile("11-3021.00")
    levels = {"Critical Thinking": 3.0, "Computers and Electronics": 5.0}
    gaps = skills_gap(profile, levels, plan)
    unaddressed = gaps[(gaps["status"] == "unaddressed") & gaps["element_id"].notna()]
    anchors = focus_anchors(gaps)
    # the three largest weighted gaps no step addresses, in the frame's order
    assert list(anchors) == list(unaddressed.index[:3])
    assert "Critical Thinking" not in anchors  # the course addresses it
    first = anchors[list(anchors)[0]]
    assert list(first.columns) == ["level", "description"] and len(first) > 0
    assert focus_anchors(gaps, limit=1).keys() == {list(anchors)[0]}
    # every gap addressed: the largest gaps, addressed or not
    every = {name: 7.0 for name in gaps.index}
    every["Critical Thinking"] = 3.0
    met = skills_gap(profile, every, plan)
    assert list(focus_anchors(met)) == list(met.index[:3])
    # a frame without any O*NET element has nothing to anchor
    assert focus_anchors(gaps.assign(element_id=None)) == {}
