"""Free-text job titles to O*NET occupations (careerlib.titles)."""

from __future__ import annotations

import pytest

from careerlib.exceptions import ClientError
from careerlib.onet import load_onet
from careerlib.titles import find_occupation, match_title, occupation_code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        pytest.param("CIO", "11-1011.00", id="short-title"),
        pytest.param("cio", "11-1011.00", id="any-case"),
        pytest.param("IT Director", "11-3021.00", id="alternate-short-title"),
        pytest.param("Computer and Information Systems Managers", "11-3021.00", id="title"),
        pytest.param("11-3021.00", "11-3021.00", id="code"),
        pytest.param("11-3021", "11-3021.00", id="code-without-suffix"),
        pytest.param("Registred Nurses", "29-1141.00", id="misspelt"),
        pytest.param("nurse manager", "11-9111.00", id="words"),
    ],
)
def test_find_occupation(query, code):
    hits = find_occupation(query)
    assert hits.iloc[0]["code"] == code


def test_cio_finds_a_chief_information_officer_title():
    hits = find_occupation("CIO")
    assert hits.iloc[0]["matched"] == "CIO"
    assert hits.iloc[0]["title"] == "Chief Executives"
    assert "Chief Information Officer" in set(
        find_occupation("Chief Information Officer")["matched"].str[:25]
    )


def test_unknown_occupation_is_an_error():
    with pytest.raises(ClientError, match="no O\\*NET occupation matches 'zzqqxx'"):
        occupation_code("zzqqxx")


def test_unrated_occupation_is_an_error():
    with pytest.raises(
        ClientError, match="15-2051.00 \\(Data Scientists\\) .* has no skill ratings"
    ):
        occupation_code("15-2051.00")


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        # the sample clients' current roles
        pytest.param("IT Director", "11-3021.00", "short", id="it-director"),
        pytest.param("Registered Nurse", "29-1141.00", "title", id="singular-of-the-title"),
        pytest.param("registered nurse", "29-1141.00", "title", id="any-case"),
        # an alternate title of registered, acute care and licensed practical
        # nurses: registered nurses have the most titles with these words
        pytest.param("charge nurse", "29-1141.00", "alternate", id="shared-alternate-title"),
        pytest.param("high school math teacher", "25-2031.00", "short", id="teacher"),
        pytest.param("electrician", "47-2111.00", "title", id="trade"),
        pytest.param("accountant", "13-2011.00", "alternate", id="finance"),
        pytest.param("nurse manager", "11-9111.00", "alternate", id="manager"),
        pytest.param("11-3021", "11-3021.00", "code", id="code"),
        pytest.param("regsitered nurse", "29-1141.00", "close", id="misspelt"),
    ],
)
def test_match_title(text: str, code: str, kind: str):
    best = match_title(text)[0]
    assert (best.code, best.kind) == (code, kind)
    assert best.title == load_onet().title(code)
    assert 0 < best.score <= 1


def test_match_title_scores_fall_and_say_what_matched():
    hits = match_title("charge nurse", limit=5)
    assert [h.code for h in hits] == ["29-1141.00", "29-2061.00", "29-1141.01"]
    assert all(h.matched == "Charge Nurse" and h.score == 0.95 for h in hits)
    assert hits[0].support > hits[1].support
    assert hits[0].job_zone == 4  # Job Zones.txt: 29-1141.00 4
    assert hits[0].describe() == (
        "O*NET 29-1141.00 Registered Nurses (by its alternate title 'Charge Nurse')"
    )
    words = match_title("teacher of mathematics high school")
    assert words and all(0.7 <= h.score <= 0.9 for h in words)


@pytest.mark.parametrize("text", ["zzqqxx", "", "99-9999.00"])
def test_match_title_finds_nothing(text: str):
    assert match_title(text) == []


def test_an_exact_title_without_ratings_is_not_traded_for_a_weaker_match():
    # "Data Scientists" is the title of 15-2051.00 (no skill ratings); the
    # alternate title "Biofuels Data Scientist" of a rated occupation holds
    # the same words but is no answer
    assert [h.code for h in match_title("Data Scientists", limit=2)][0] == "15-2051.00"
    with pytest.raises(ClientError, match=r"15-2051.00 \(Data Scientists\) .* no skill ratings"):
        occupation_code("Data Scientists")
