"""The occupation finder over the O*NET tables."""

from __future__ import annotations

import pandas as pd
import pytest

from careerlib.gaps import find_occupations, find_routes
from careerlib.onet import RIASEC, load_onet


def test_route_finder_ranks_an_identical_profile_first():
    onet = load_onet()
    code = "11-3021.00"
    levels = {onet.elements.at[e, "name"]: v for e, v in onet.level.loc[code].items()}
    interests = {n: float(onet.occupations.at[code, n]) for n in RIASEC}
    found = find_occupations(levels, interests, top=5)
    first = found.loc[1]
    assert first["code"] == code
    assert first["weighted_gap"] == 0 and first["surplus"] == 0
    assert first["fit"] == pytest.approx(1.0)
    assert first["job_zone"] == 4
    assert first["education"] == "Bachelor's degree"
    assert list(found.index) == [1, 2, 3, 4, 5]
    assert find_occupations(levels, interests, top=5, exclude=[code]).loc[1, "code"] != code


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
