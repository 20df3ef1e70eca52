"""The self-assessment, the due diligence and the obstacles."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from careerlib import parse_plan, schedule
from careerlib.onet import role_profile

DATA = Path(__file__).resolve().parents[1] / "data"

# --- self-assessment, due diligence, obstacles, re-think prompts ----------------------


def test_self_assessment_sets_ratings_against_the_occupation() -> None:
    from careerlib.clients import load_client
    from careerlib.gaps import self_assessment, target_role

    client = load_client(DATA / "clients" / "jordan-lee.yaml")
    role = target_role(client)
    frame = self_assessment(client, role)
    assert set(frame["kind"]) == {"talent", "interest", "value", "marketability"}
    enterprising = frame[(frame["kind"] == "interest") & (frame["name"] == "Enterprising")].iloc[0]
    # Interests.txt, 11-3021.00, OI Enterprising = 5.09 (rounded by O*NET to two places)
    assert enterprising["rating"] == 6.0
    assert enterprising["role"] == pytest.approx(5.09, abs=0.01)
    assert enterprising["difference"] == pytest.approx(0.91, abs=0.01)
    talents = frame[frame["kind"] == "talent"]
    assert talents["role"].isna().all() and talents.iloc[0]["name"] == "Calm in a crisis"


def test_due_diligence_gives_job_zone_education_and_questions() -> None:
    from careerlib.gaps import due_diligence

    facts = due_diligence(role_profile("11-3021.00"))
    assert facts["job_zone"] == 4  # Job Zones.txt, 11-3021.00
    assert facts["job_zone_name"].startswith("Job Zone Four")
    assert facts["typical_education"] == "Bachelor's degree"
    assert len(facts["questions"]) >= 4 and any("economy" in q for q in facts["questions"])


def test_obstacles_are_ranked_by_risk_with_their_contingencies() -> None:
    from careerlib.gaps import obstacles

    plan = parse_plan(
        "title: T\nstart: 2027-01-04\ntarget: 2027-01-29\nsteps:\n"
        "  - {id: a, duration: 5}\n  - {id: b, duration: 3, after: [a]}\n  - {id: c, duration: 1}\n"
        "obstacles:\n"
        "  - {id: low, title: L, likelihood: 1, impact: 2, mitigation: m, contingency: c,"
        " affects: [c]}\n"
        "  - {id: high, title: H, likelihood: 4, impact: 5, mitigation: m, affects: [a, c]}\n"
    )
    frame = obstacles(plan, schedule(plan))
    assert frame.index.tolist() == ["high", "low"]
    assert frame.loc["high", "risk"] == 20
    assert frame.loc["high", "critical_steps"] == ("a",)  # a -> b is the critical chain
    assert frame.loc["high", "missing"] == "contingency"
    assert frame.loc["low", "missing"] == ""


def test_reassessment_of_a_client_file_then_and_now(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import careerlib
    from careerlib import summaries, tables
    from careerlib.gaps import moved_most, reassessment

    now = careerlib.load_client(DATA / "clients" / "jordan-lee.yaml")
    sa = now.self_assessment.model_copy(
        update={
            "talents": [t for t in now.self_assessment.talents if t.name != "Building teams"],
            "interests": {
                **now.self_assessment.interests,
                "Enterprising": now.self_assessment.interests["Enterprising"].model_copy(
                    update={"rating": 4.0}
                ),
            },
        }
    )
    then = now.model_copy(update={"self_assessment": sa})  # the same file name: a copy
    got = reassessment(now, then=then)
    assert list(got.columns) == [
        "kind", "name", "before", "after", "change", "before_from", "after_from",
    ]  # fmt: skip
    assert list(got["kind"].unique()) == ["talent", "interest", "value", "marketability", "skill"]
    rows = {(r.kind, r.name): r for r in got.itertuples()}
    teams = rows[("talent", "Building teams")]
    assert pd.isna(teams.before) and teams.after == 4 and pd.isna(teams.change)
    assert teams.before_from == "" and teams.after_from == "client file now"
    enterprising = rows[("interest", "Enterprising")]
    assert (
        enterprising.change == 2.0
        and enterprising.before_from == "client file then (jordan-lee.yaml)"
    )
    # the largest change of its kind first; nothing else moved
    assert got[got["kind"] == "interest"]["name"].iloc[0] == "Enterprising"
    assert (got["change"].dropna() == 0).sum() == len(got) - 2
    assert moved_most(got, 5)["name"].tolist() == ["Enterprising"]
    text = summaries.reassessment_summary(got).data
    assert "- Interests (client file now, since the client file then \\(jordan" in text
    assert "**Enterprising +2.0** (4 → 6)" in text
    assert "- Talents (client file now, since the client file then \\(jordan" in text
    assert "nothing moved" in text
    assert "talent (1-5)" in tables.reassessment_table(got).cells["Kind"].tolist()
