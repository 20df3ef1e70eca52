"""Role profiles from the O*NET 29.0 tables in data/onet."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from careerlib.exceptions import ClientError, DataError
from careerlib.onet import (
    ATTRIBUTION,
    level_anchors,
    load_onet,
    load_role,
    related_occupations,
    role_profile,
)

DATA = Path(__file__).resolve().parents[1] / "data"


def test_tables_have_the_release_sizes():
    onet = load_onet()
    assert len(onet.occupations) == 1016
    assert len(onet.elements) == 68
    assert onet.level.shape == (879, 68)
    assert onet.importance.shape == (879, 68)
    assert len(onet.titles) == 55120
    assert set(onet.job_zones.index) == {1, 2, 3, 4, 5}


def test_loading_is_cached_and_fast():
    start = time.perf_counter()
    first = load_onet()
    second = load_onet()
    assert first is second
    assert time.perf_counter() - start < 1.0


def test_values_match_the_source_file():
    # Skills.xlsx, 11-3021.00, 2.A.2.a Critical Thinking: IM 4.12, LV 4.00;
    # Knowledge.xlsx, 11-3021.00, 2.C.3.a Computers and Electronics: IM 4.77, LV 6.13
    onet = load_onet()
    assert onet.importance.at["11-3021.00", "2.A.2.a"] == 4.12
    assert onet.level.at["11-3021.00", "2.A.2.a"] == 4.00
    assert onet.importance.at["11-3021.00", "2.C.3.a"] == 4.77
    assert onet.level.at["11-3021.00", "2.C.3.a"] == 6.13
    assert onet.occupations.at["11-3021.00", "job_zone"] == 4
    assert onet.occupations.at["11-3021.00", "education"] == "Bachelor's degree"


def test_level_anchors():
    anchors = level_anchors("critical thinking")
    assert anchors["level"].tolist() == [2, 4, 6]
    assert anchors.iloc[2]["description"] == "Write legal brief challenging a federal law"


def test_level_anchors_unknown_element():
    with pytest.raises(ClientError, match="did you mean 'Critical Thinking'"):
        level_anchors("Critical Thinkin")


def test_mathematics_names_are_unique():
    onet = load_onet()
    assert onet.element_id("Mathematics") == "2.A.1.e"
    assert onet.element_id("Mathematics (knowledge)") == "2.C.4.a"


def test_profile_from_onet():
    profile = role_profile("11-3021.00")
    req = profile.requirements
    assert profile.title == "Computer and Information Systems Managers"
    assert (req["importance"] >= 3.0).all()
    assert req.at["Critical Thinking", "level"] == 4.00
    assert req.at["Critical Thinking", "weight"] == pytest.approx((4.12 - 1) / 4)
    assert "Programming" not in req.index  # importance 2.75
    assert profile.uses_onet


def test_profile_from_role_file():
    profile = role_profile(DATA / "roles" / "healthcare-cio.yaml")
    req = profile.requirements
    assert profile.code == "11-3021.00"
    assert req.at["Negotiation", "level"] == 4.5  # refined (O*NET: 3.25)
    assert req.at["Negotiation", "source"] == "role file"
    assert req.at["Board and executive communication", "kind"] == "skill"
    assert "Instructing" not in req.index  # dropped
    assert "Mathematics (knowledge)" not in req.index


@pytest.mark.parametrize(
    ("text", "match"),
    [
        pytest.param(
            "id: r\ntitle: R\nonet: 11-3021.00\nskills:\n  - {name: Crtical Thinking, level: 3}\n",
            "not an O\\*NET skill or knowledge area; did you mean 'Critical Thinking'",
            id="unknown-skill",
        ),
        pytest.param(
            "id: r\ntitle: R\nonet: Qzxv Blorp\n",
            "no O\\*NET occupation matches",
            id="unknown-onet",
        ),
        pytest.param(
            "id: r\ntitle: R\nonet: 11-3021.00\nskils: []\n",
            ":4: unknown key 'skils'; did you mean 'skills'",
            id="typo",
        ),
        pytest.param(
            "id: r\ntitle: R\nonet: 11-3021.00\nskills:\n  - {name: Writing, level: 9}\n",
            ":5: skills\\[0\\], level: input should be less than or equal to 7",
            id="level-out-of-range",
        ),
        pytest.param(
            "id: r\ntitle: R\nonet: 11-3021.00\ndrop: [Juggling]\n",
            "cannot drop 'Juggling'",
            id="drop",
        ),
    ],
)
def test_bad_role_files(tmp_path: Path, text: str, match: str):
    path = tmp_path / "role.yaml"
    path.write_text(text)
    with pytest.raises(ClientError, match=match):
        load_role(path)


def test_missing_tables(tmp_path: Path):
    with pytest.raises(DataError, match="occupations.csv.gz: the O\\*NET table is missing"):
        load_onet(tmp_path)


def test_attribution_text():
    assert "O*NET 29.0 Database" in ATTRIBUTION
    assert "CC BY 4.0" in ATTRIBUTION
    assert "USDOL/ETA" in ATTRIBUTION


def test_related_occupations_come_in_three_tiers():
    related = related_occupations("29-1141.00")
    assert len(related) == 20
    assert related["index"].tolist() == list(range(1, 21))
    assert related["tier"].value_counts().to_dict() == {
        "Supplemental": 10,
        "Primary-Short": 5,
        "Primary-Long": 5,
    }
    # Related Occupations.txt: 29-1141.00 -> 29-1141.04 Primary-Short 1
    assert related.iloc[0].tolist() == [
        "29-1141.04",
        "Clinical Nurse Specialists",
        "Primary-Short",
        1,
    ]
    assert related_occupations("99-9999.00").empty
    assert len(load_onet().related) == 18460
