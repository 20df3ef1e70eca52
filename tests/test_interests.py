"""The interest profiler: the item file, the scoring by hand, where the items come from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from careerlib.exceptions import AssessmentError, ClientError
from careerlib.interests import (
    ANSWERS,
    ITEMS_ENV,
    interest_assessment,
    interest_items_path,
    load_interest_items,
    score_interests,
)
from tests.conftest import DATA, ROOT

ITEMS_60 = DATA / "interest-items-60.yaml"


def _answer(area: str, round_: int) -> int:
    """The hand-made answers: R all Strongly like (4), I all Like (3), A all Strongly
    dislike (0), S 4 and 2 in turn, E the round number up to 4, C all Dislike (1)."""
    return {
        "Realistic": 4,
        "Investigative": 3,
        "Artistic": 0,
        "Social": 4 if round_ % 2 == 0 else 2,
        "Enterprising": min(round_, 4),
        "Conventional": 1,
    }[area]


def test_a_profiler_answered_by_hand_scores_to_the_expected_riasec_totals() -> None:
    items = load_interest_items(ITEMS_60)
    assert len(items.items) == 60 and set(items.counts().values()) == {10}
    answers = [_answer(item.area, k // 6) for k, item in enumerate(items.items)]
    totals, scores = score_interests(items, answers)
    # by hand: R 10 x 4 = 40; I 10 x 3 = 30; A 0; S 5 x 4 + 5 x 2 = 30;
    # E 0+1+2+3+4+4+4+4+4+4 = 30; C 10 x 1 = 10 (each 0-40, as the Short Form)
    assert totals == {
        "Realistic": 40,
        "Investigative": 30,
        "Artistic": 0,
        "Social": 30,
        "Enterprising": 30,
        "Conventional": 10,
    }
    # on O*NET's 1-7 scale: 1 + 6 * total / 40
    assert scores == {
        "Realistic": 7.0,
        "Investigative": 5.5,
        "Artistic": 1.0,
        "Social": 5.5,
        "Enterprising": 5.5,
        "Conventional": 2.5,
    }
    result = interest_assessment(items, answers, dt.date(2026, 12, 3))
    assert result.kind == "interests" and result.totals == totals and result.scores == scores
    assert result.answers == answers and result.items == items.title and result.sample


@pytest.mark.parametrize(
    ("answers", "match"),
    [
        pytest.param([2] * 59, "expected one answer for each of the 60 items", id="too-few"),
        pytest.param([2] * 59 + [5], r"item 60 .*: the answer 5 is not on the scale 0-4", id="5"),
        pytest.param([-1] + [2] * 59, "the answer -1 is not on the scale", id="negative"),
        pytest.param([True] + [2] * 59, "the answer True is not on the scale", id="bool"),
    ],
)
def test_answers_off_the_scale_are_refused(answers: list[int], match: str) -> None:
    with pytest.raises(AssessmentError, match=match):
        score_interests(load_interest_items(ITEMS_60), answers)


def test_the_sample_items_are_marked_as_a_sample() -> None:
    path = interest_items_path(client_path=ROOT / "data" / "clients" / "jordan-lee.yaml")
    assert path.name == "interest-items.sample.yaml"
    items = load_interest_items(path)
    assert items.sample and "not the O*NET Interest Profiler" in items.title
    assert items.answers == list(ANSWERS) and set(items.counts().values()) == {5}


def test_where_the_items_come_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client = tmp_path / "ws" / "data" / "clients" / "a.yaml"
    client.parent.mkdir(parents=True)
    own = tmp_path / "ws" / "data" / "assessments" / "interest-items.yaml"
    own.parent.mkdir()
    own.write_text(ITEMS_60.read_text())
    assert interest_items_path(client_path=client) == own  # the workspace's
    monkeypatch.setenv(ITEMS_ENV, str(ITEMS_60))
    assert interest_items_path(client_path=client) == ITEMS_60  # the environment's
    assert interest_items_path("x.yaml", client_path=client) == Path("x.yaml")  # given


@pytest.mark.parametrize(
    ("text", "match"),
    [
        pytest.param(
            "title: t\nitems:\n" + "".join(f"  - {{area: R, text: r{k}}}\n" for k in range(6)),
            r"every interest area needs at least one item; none for Investigative, Artistic",
            id="areas",
        ),
        pytest.param(
            "title: t\nitems:\n  - {area: Realist, text: x}\n",
            r":3: items\[0\], area: unknown interest area 'Realist'; did you mean 'Realistic'\?",
            id="area-name",
        ),
        pytest.param("items: []\n", "title", id="no-title"),
    ],
)
def test_bad_item_files_name_the_file_and_the_line(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "items.yaml"
    path.write_text(text)
    with pytest.raises(ClientError, match=match):
        load_interest_items(path)
