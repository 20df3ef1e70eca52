"""The assessments journal: append-only, two writers, the newest used, the YAML the fallback."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from careerlib import load_client
from careerlib.assessments import (
    Assessment,
    assessments_path,
    draft_path,
    drop_draft,
    latest,
    load_draft,
    read_assessments,
    record_assessment,
    save_draft,
    skills_assessment,
    skills_to_rate,
    values_assessment,
    values_from_order,
)
from careerlib.exceptions import AssessmentError, DataError
from careerlib.gaps import analyse, self_assessment, target_role
from tests.conftest import sample_client

D = dt.date
ORDER = ["Recognition", "Achievement", "Independence", "Relationships", "Support"]
ORDER.append("Working Conditions")


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return sample_client(tmp_path)


def test_the_journal_sits_beside_the_client_file() -> None:
    assert assessments_path("data/clients/jordan-lee.yaml") == Path(
        "data/clients/jordan-lee.assessments.jsonl"
    )
    assert draft_path("data/clients/jordan-lee.yaml", "values") == Path(
        "data/clients/jordan-lee.assessment-values.draft.json"
    )


def test_values_from_the_card_order() -> None:
    # evenly from 7 (first) to 1 (last): 7, 5.8, 4.6, 3.4, 2.2, 1
    assert values_from_order(ORDER) == {
        "Recognition": 7.0,
        "Achievement": 5.8,
        "Independence": 4.6,
        "Relationships": 3.4,
        "Support": 2.2,
        "Working Conditions": 1.0,
    }
    assert values_from_order([v.lower() for v in ORDER]) == values_from_order(ORDER)


@pytest.mark.parametrize(
    ("order", "match"),
    [
        pytest.param([*ORDER[:5], "Recognition"], "'Recognition' is sorted twice", id="twice"),
        pytest.param(ORDER[:5], "leaves out Working Conditions", id="missing"),
        pytest.param([*ORDER[:5], "Money"], "unknown work value 'Money'", id="unknown"),
    ],
)
def test_a_card_sort_that_is_not_the_six_values_is_refused(order: list[str], match: str) -> None:
    with pytest.raises(AssessmentError, match=match):
        values_from_order(order)


def test_appended_dated_and_the_yaml_never_written(client: Path) -> None:
    before = client.read_bytes()
    first = values_assessment(ORDER, D(2026, 10, 5), note="first session")
    record_assessment(client, first)
    second = skills_assessment({"Writing": 5.5, "Law and Government": None}, D(2026, 12, 3))
    record_assessment(client, second)
    assert client.read_bytes() == before
    lines = assessments_path(client).read_text().splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert (record["kind"], record["date"], record["note"]) == (
        "values",
        "2026-10-05",
        "first session",
    )
    assert record["order"] == ORDER and "recorded" in record
    again = read_assessments(assessments_path(client))
    assert [a.kind for a in again] == ["values", "skills"]
    assert again[1].scores == {"Writing": 5.5} and again[1].skipped == ["Law and Government"]


_WRITER = """
import datetime as dt, sys
from careerlib.assessments import record_assessment, values_assessment
order = ["Achievement", "Working Conditions", "Recognition", "Relationships", "Support",
         "Independence"]
for i in range(40):
    record_assessment(sys.argv[1], values_assessment(order, dt.date(2026, 12, 3),
                      note=f"{sys.argv[2]} {i}"))
"""


def test_two_concurrent_writers_both_survive(client: Path) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(client), who]) for who in ("a", "b")
    ]
    for p in procs:
        assert p.wait(timeout=120) == 0
    notes = sorted(a.note or "" for a in read_assessments(assessments_path(client)))
    assert notes == sorted([f"a {i}" for i in range(40)] + [f"b {i}" for i in range(40)])


def test_a_malformed_line_names_the_file_line_and_field(client: Path) -> None:
    journal = assessments_path(client)
    journal.write_text('{"kind": "values", "date": "2026-12-03", "scores": {"Achievement": 9}}\n')
    with pytest.raises(DataError, match=r"assessments\.jsonl:1: malformed assessment entry"):
        read_assessments(journal)
    with pytest.raises(DataError, match=r"assessments\.jsonl:1"):
        load_client(client)  # a client is loaded with its journal


def test_a_skill_the_client_file_does_not_know_is_refused(client: Path) -> None:
    known = [s.name for s in skills_to_rate(load_client(client))]
    with pytest.raises(AssessmentError, match="unknown skill 'Writting'; did you mean 'Writing'"):
        record_assessment(
            client, skills_assessment({"Writting": 3}, D(2026, 12, 3)), known_skills=known
        )
    assert not assessments_path(client).exists()
    with pytest.raises(AssessmentError, match="not on O\\*NET's level scale 0-7"):
        skills_assessment({"Writing": 8}, D(2026, 12, 3))
    with pytest.raises(AssessmentError, match="no skill was rated"):
        skills_assessment({"Writing": None}, D(2026, 12, 3))


def test_the_newest_assessment_is_used_and_the_yaml_is_the_fallback(client: Path) -> None:
    profile = load_client(client)
    typed = profile.skill_levels()
    assert profile.value_scores()["Achievement"] == 6  # the client file's
    assert profile.rating_sources("values")["Achievement"] == "client file"
    record_assessment(client, values_assessment(ORDER, D(2026, 10, 5)))
    newer = ["Independence", *[v for v in ORDER if v != "Independence"]]
    record_assessment(client, values_assessment(newer, D(2026, 12, 3)))
    # recorded last but dated earlier: the newest by date still wins
    record_assessment(client, values_assessment(list(reversed(ORDER)), D(2026, 11, 1)))
    record_assessment(client, skills_assessment({"Writing": 6.5}, D(2026, 10, 5)))
    record_assessment(client, skills_assessment({"Writing": 5.0, "Persuasion": 4}, D(2026, 12, 3)))
    profile = load_client(client)
    assert profile.value_scores()["Independence"] == 7.0
    assert profile.rating_sources("values")["Support"] == "work values card sort of 3 Dec 2026"
    levels = profile.skill_levels()
    assert levels["Writing"] == 5.0 and levels["Persuasion"] == 4.0
    # a skill no assessment rated keeps the client file's level
    assert levels["Critical Thinking"] == typed["Critical Thinking"] == 5
    assert profile.rating_sources("skills")["Critical Thinking"] == "client file"
    assert profile.rating_sources("skills")["Writing"] == "skill self-ratings of 3 Dec 2026"
    # interests were never assessed: the client file's
    assert profile.interest_scores() == {
        "Realistic": 3,
        "Investigative": 5,
        "Artistic": 2,
        "Social": 4,
        "Enterprising": 6,
        "Conventional": 5,
    }
    # the analyses use them
    table = self_assessment(profile, target_role(profile)).set_index("name")
    assert table.at["Independence", "rating"] == 7.0
    assert table.at["Independence", "note"] == "work values card sort of 3 Dec 2026"
    report = analyse(profile, D(2026, 12, 3))
    assert report.skills.at["Persuasion", "client"] == 4.0
    assert latest(profile.assessments, "values").date == D(2026, 12, 3)
    assert latest(profile.assessments, "values", before=1).date == D(2026, 11, 1)


def test_a_skill_first_rated_in_an_assessment_is_no_longer_asked(client: Path) -> None:
    text = client.read_text().replace("  Law and Government: 2.5\n", "")
    client.write_text(text)
    report = analyse(client, D(2026, 12, 3))
    assert report.skills.at["Law and Government", "status"] == "not rated"
    assert "Law and Government" in report.to_dict()["skills"]["not_rated"]
    record_assessment(client, skills_assessment({"Law and Government": 3}, D(2026, 12, 3)))
    report = analyse(client, D(2026, 12, 3))
    assert report.skills.at["Law and Government", "client"] == 3.0
    assert "Law and Government" not in report.to_dict()["skills"]["not_rated"]


def test_drafts_are_written_whole_and_dropped(client: Path) -> None:
    assert load_draft(client, "values") is None
    save_draft(client, "values", {"order": ["Achievement"]})
    assert load_draft(client, "values") == {"kind": "values", "order": ["Achievement"]}
    drop_draft(client, "values")
    assert load_draft(client, "values") is None
    draft_path(client, "values").write_text("{not json")
    with pytest.raises(DataError, match="delete the file to start again"):
        load_draft(client, "values")


def test_an_assessment_must_rate_the_whole_scale() -> None:
    with pytest.raises(ValueError, match="interests scores must rate exactly Realistic"):
        Assessment(kind="interests", date=D(2026, 12, 3), scores={"Realistic": 4})
    with pytest.raises(ValueError, match="outside 1-7"):
        Assessment(
            kind="values",
            date=D(2026, 12, 3),
            scores={v: 8 for v in ORDER},
        )
