"""The five gap analyses and the route finder, against hand-computed values."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest

from careerlib import parse_plan, schedule
from careerlib.exceptions import DataError
from careerlib.gaps import (
    analyse,
    find_routes,
    goal_alignment,
    peer_benchmark,
    progress_at,
    remaining_plan,
    skills_gap,
    time_gap,
    weighted_mean_gap,
)
from careerlib.models import Review
from careerlib.onet import RIASEC, load_onet, role_profile

D = dt.date
DATA = Path(__file__).resolve().parents[1] / "data"

# --- skills ----------------------------------------------------------------------


def test_skills_gap_against_computer_and_information_systems_managers():
    # By hand from Skills.xlsx / Knowledge.xlsx, 11-3021.00 (LV = required level, IM = importance):
    #   Critical Thinking          LV 4.00 IM 4.12 -> gap 4.00-3.00 = 1.00, weight (4.12-1)/4 = 0.78
    #   Computers and Electronics  LV 6.13 IM 4.77 -> gap 6.13-5.00 = 1.13, weight 0.9425,
    #                                                 weighted 1.13*0.9425 = 1.065025
    #   Negotiation                LV 3.25 IM 3.00 -> client 3.25: no gap
    #   Management of Fin. Res.    LV 3.38 IM 3.00 -> client 4.00: no gap (above is not negative)
    #   Administration and Mgmt    LV 4.31 IM 3.70 -> unrated, taken as 0: gap 4.31, weight 0.675
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
    assert not am["rated"]
    assert math.isnan(am["client"])
    assert am["weighted_gap"] == pytest.approx(4.31 * 0.675, abs=1e-4)
    assert "Programming" not in gaps.index
    assert gaps["weighted_gap"].is_monotonic_decreasing  # most weighted gap first
    assert weighted_mean_gap(gaps) == pytest.approx(
        gaps["weighted_gap"].sum() / gaps["weight"].sum()
    )


def test_skills_gap_counts_only_the_route_steps():
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-03-31\n"
        "routes: [{id: a, title: A}, {id: b, title: B}]\nsteps:\n"
        "  - {id: x, duration: 5, route: a, develops: [Writing]}\n"
        "  - {id: y, duration: 5, route: b, develops: [Speaking]}\n"
    )
    gaps = skills_gap(role_profile("11-3021.00"), {}, plan, route="a")
    assert gaps.loc["Writing", "status"] == "addressed"
    assert gaps.loc["Speaking", "status"] == "unaddressed"


# --- peers ------------------------------------------------------------------------

TINY_DEFS = pd.DataFrame(
    {
        "label": ["M", "Cost"],
        "unit": ["%", "USD"],
        "better": ["higher", "lower"],
        "description": ["", ""],
    },
    index=pd.Index(["m", "cost"], name="metric"),
)
TINY_PEERS = pd.DataFrame(
    {"m": [1.0, 2.0, 3.0, 4.0], "cost": [10.0, 20.0, 30.0, 40.0]},
    index=pd.Index(["a", "b", "c", "d"], name="organization"),
)


def test_percentile_and_z_on_a_tiny_peer_set():
    # m = 3 among 1, 2, 3, 4: 2 below, 1 equal -> (2 + 0.5) / 4 = 62.5 %
    # mean 2.5, sample std sqrt(5/3) = 1.2910 -> z = 0.5 / 1.2910 = 0.3873
    # quartiles (linear): 1.75, 2.5, 3.25
    out = peer_benchmark({"m": 3.0, "cost": 35.0}, TINY_PEERS, TINY_DEFS)
    m = out.loc["m"]
    assert m["n"] == 4
    assert m["percentile"] == pytest.approx(62.5)
    assert m["better_than"] == pytest.approx(62.5)
    assert m["z"] == pytest.approx(0.5 / math.sqrt(5 / 3))
    assert (m["q1"], m["median"], m["q3"]) == pytest.approx((1.75, 2.5, 3.25))
    assert m["to_median"] == 0.0  # already above
    assert m["to_top_quartile"] == pytest.approx(0.25)
    assert m["standing"] == "above median"
    # cost = 35 among 10..40, lower is better: 3 below -> percentile 75, beats 1 of 4 -> 25
    c = out.loc["cost"]
    assert c["percentile"] == pytest.approx(75.0)
    assert c["better_than"] == pytest.approx(25.0)
    assert c["z"] == pytest.approx(10 / math.sqrt(500 / 3))
    assert c["top_quartile"] == pytest.approx(17.5)
    assert c["to_median"] == pytest.approx(-10.0)
    assert c["to_top_quartile"] == pytest.approx(-17.5)
    assert c["standing"] == "bottom quartile"


def test_one_peer_has_no_z():
    out = peer_benchmark({"m": 3.0}, TINY_PEERS.head(1), TINY_DEFS)
    assert math.isnan(out.at["m", "z"])
    assert out.at["m", "percentile"] == 100.0


@pytest.mark.parametrize(
    ("metrics", "peers", "match"),
    [
        pytest.param({"nope": 1.0}, TINY_PEERS, "unknown metric 'nope'", id="undefined-metric"),
        pytest.param(
            {"m": 1.0},
            TINY_PEERS[["cost"]],
            "the metric 'm' is missing from the peer file",
            id="missing",
        ),
        pytest.param(
            {"m": 1.0},
            TINY_PEERS.iloc[0:0],
            "the peer group is empty for the metric 'm'",
            id="empty",
        ),
        pytest.param(
            {"m": 1.0},
            TINY_PEERS.assign(m=["1", "x", "3", "4"]),
            "holds 'x', which is not a number",
            id="non-numeric",
        ),
    ],
)
def test_bad_peer_input(metrics, peers, match):
    with pytest.raises(DataError, match=match):
        peer_benchmark(metrics, peers, TINY_DEFS)


# --- time ----------------------------------------------------------------------------


def test_time_gap_feasible():
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-01-15\nsteps:\n  - {id: a, duration: 5}\n"
    )
    t = time_gap(schedule(plan))
    assert (t.days_left, t.days_needed, t.spare_days) == (10, 5, 5)
    assert t.feasible and t.late_by_days == 0
    assert t.critical["shrink_days"].tolist() == [0]


def test_time_gap_late_names_the_steps_to_shrink():
    # 8 + 5 working days from Mon 4 Jan 2027; 10 working days to Fri 15 Jan: 3 days short.
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-01-15\nsteps:\n"
        "  - {id: a, duration: 8}\n  - {id: b, duration: 5, after: [a]}\n  - {id: c, duration: 1}\n"
    )
    t = time_gap(schedule(plan))
    assert (t.days_left, t.days_needed, t.spare_days) == (10, 13, -3)
    assert not t.feasible
    assert t.late_by_days == 3
    assert t.earliest_finish == D(2027, 1, 20)
    assert list(t.critical.index) == ["a", "b"]
    assert t.critical.loc["a", "can_shrink_days"] == 7
    assert t.critical["shrink_days"].tolist() == [3, 3]
    assert t.critical["enough_alone"].all()


def test_remaining_plan_counts_progress():
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-01-15\nsteps:\n"
        "  - {id: a, duration: 8, deadline: 2027-01-06}\n  - {id: b, duration: 5, after: [a]}\n"
    )
    left = remaining_plan(plan, {"a": 1.0, "b": 0.5}, D(2027, 1, 11))
    assert left.start == D(2027, 1, 11)
    assert [s.id for s in left.steps] == ["b"]  # a is done
    assert left.steps[0].after == []
    assert left.steps[0].duration.amount == 3  # ceil(5 * 0.5)
    t = time_gap(schedule(left))
    assert (t.days_left, t.days_needed) == (5, 3)
    assert t.feasible


def test_remaining_plan_keeps_the_order_through_done_steps():
    plan = parse_plan(
        "title: t\nstart: 2027-01-04\ntarget: 2027-02-15\nsteps:\n"
        "  - {id: a, duration: 2}\n  - {id: b, duration: 2, after: [a]}\n"
        "  - {id: c, duration: 2, after: [b]}\n"
    )
    left = remaining_plan(plan, {"b": 1.0})
    assert [(s.id, s.after) for s in left.steps] == [("a", []), ("c", ["a"])]
    everything = remaining_plan(plan, {"a": 1, "b": 1, "c": 1})
    assert [s.milestone for s in everything.steps] == [True]


# --- progress -------------------------------------------------------------------------------

TEN_DAYS = (
    "title: t\nstart: 2027-01-04\ntarget: 2027-01-15\n{extra}steps:\n  - {{id: a, duration: 10}}\n"
)


def test_checkpoint_halfway_through_a_step():
    # a runs Mon 4 to Fri 15 Jan; by the end of Fri 8 Jan, 5 of its 10 days are planned: 0.5.
    plan = parse_plan(TEN_DAYS.format(extra=""))
    p = progress_at(
        schedule(plan), [Review(date=D(2027, 1, 8), progress={"a": 0.3})], cadence="weekly"
    )
    row = p.steps.loc["a"]
    assert row["planned"] == pytest.approx(0.5)
    assert row["actual"] == pytest.approx(0.3)
    assert row["behind"]
    assert row["behind_days"] == pytest.approx(2.0)
    assert p.behind == ("a",)
    assert (p.planned_pct, p.actual_pct) == pytest.approx((50.0, 30.0))
    # 3 step-days in 5 working days: 0.6 a day; 7 left -> ceil(7 / 0.6) = 12 working days
    # after Fri 8 Jan
    assert p.pace == pytest.approx(0.6)
    assert p.projected_finish == D(2027, 1, 26)
    assert p.projected_late_days == 7  # Jan 15, 18-22, 25
    assert not p.stale


def test_progress_before_and_after_a_step():
    plan = parse_plan(TEN_DAYS.format(extra=""))
    before = progress_at(schedule(plan), [Review(date=D(2027, 1, 1), progress={})])
    assert before.steps.at["a", "planned"] == 0.0
    after = progress_at(schedule(plan), [Review(date=D(2027, 1, 20), progress={"a": 1.0})])
    assert after.steps.at["a", "planned"] == 1.0
    assert after.projected_finish == D(2027, 1, 20)
    assert not after.behind


def test_progress_carries_the_latest_report_forward():
    plan = parse_plan(TEN_DAYS.format(extra=""))
    reviews = [
        Review(date=D(2027, 1, 6), progress={"a": 0.4}),
        Review(date=D(2027, 1, 8), progress={}),
    ]
    p = progress_at(schedule(plan), reviews)
    assert p.review_date == D(2027, 1, 8)
    assert p.steps.at["a", "actual"] == 0.4


@pytest.mark.parametrize(
    ("as_of", "stale"),
    [
        pytest.param(D(2027, 1, 15), False, id="7-days-weekly"),
        pytest.param(D(2027, 1, 16), True, id="8-days-weekly"),
    ],
)
def test_stale_review(as_of, stale):
    plan = parse_plan(
        TEN_DAYS.format(
            extra="checkpoints:\n  cadence: weekly\n  reviews:\n"
            "    - {date: 2027-01-08, progress: {a: 0.5}}\n"
        )
    )
    p = progress_at(schedule(plan), as_of=as_of)
    assert p.last_review == D(2027, 1, 8)
    assert p.stale is stale
    assert ("gathered dust" in p.message) is stale


def test_no_review_at_all_gathers_dust():
    plan = parse_plan(TEN_DAYS.format(extra=""))
    p = progress_at(schedule(plan), as_of=D(2027, 3, 1), cadence="monthly")
    assert p.review_date is None
    assert p.stale
    assert p.days_since_review == (D(2027, 3, 1) - D(2027, 1, 4)).days


def test_progress_value_outside_0_1_is_refused():
    with pytest.raises(ValueError, match="less than or equal to 1"):
        Review(date=D(2027, 1, 8), progress={"a": 1.5})


# --- alignment --------------------------------------------------------------------------------

GOALS = """title: t
start: 2027-01-04
target: 2027-03-31
goals:
  - {id: org, title: Hospital grows, level: organizational}
  - {id: dept, title: IT a partner, level: department, supports: [org]}
  - {id: pro, title: Become CIO, level: professional}
  - {id: me, title: Time with family, level: personal, supports: [pro]}
steps:
  - {id: s1, duration: 5, goal: dept}
  - {id: s2, duration: 5}
"""


def test_orphan_goal_and_loose_ends():
    a = goal_alignment(parse_plan(GOALS))
    assert a.orphan_goals == ("pro",)  # professional, supports nothing
    assert a.unserved_goals == ("pro", "me")
    assert a.steps_without_goal == ("s2",)
    assert not a.aligned
    assert bool(a.goals.at["org", "served"])  # through dept
    assert not a.goals.at["org", "served_directly"]
    assert list(a.goals.index) == ["org", "dept", "pro", "me"]
    tree = a.tree.set_index("id")
    assert tree.at["goal:dept", "parent"] == "goal:org"
    assert tree.at["step:s1", "parent"] == "goal:dept"
    assert tree.at["step:s2", "parent"] == ""


def test_aligned_plan():
    plan = parse_plan(
        GOALS.replace("level: professional}", "level: professional, supports: [dept]}").replace(
            "  - {id: s2, duration: 5}\n", "  - {id: s2, duration: 5, goal: me}\n"
        )
    )
    a = goal_alignment(plan)
    assert a.aligned


# --- routes ---------------------------------------------------------------------------------------


def test_route_finder_ranks_an_identical_profile_first():
    onet = load_onet()
    code = "11-3021.00"
    levels = {onet.elements.at[e, "name"]: v for e, v in onet.level.loc[code].items()}
    interests = {n: float(onet.occupations.at[code, n]) for n in RIASEC}
    routes = find_routes(levels, interests, top=5)
    first = routes.loc[1]
    assert first["code"] == code
    assert first["weighted_gap"] == 0 and first["surplus"] == 0
    assert first["fit"] == pytest.approx(1.0)
    assert first["job_zone"] == 4
    assert first["education"] == "Bachelor's degree"
    assert list(routes.index) == [1, 2, 3, 4, 5]
    assert find_routes(levels, interests, top=5, exclude=[code]).loc[1, "code"] != code


def test_route_finder_filters_by_fit_and_job_zone():
    levels = {"Critical Thinking": 4}
    routes = find_routes(
        levels,
        {"Realistic": 7, "Investigative": 1, "Artistic": 1, "Social": 1},
        min_fit=0.5,
        max_job_zone=2,
        top=20,
    )
    assert (routes["fit"] >= 0.5).all()
    assert (routes["job_zone"] <= 2).all()


# --- everything for a client ---------------------------------------------------------------------


def test_analyse_a_sample_client():
    report = analyse(DATA / "clients" / "marcus-brown.yaml", D(2026, 11, 23))
    assert set(report.time) == {"bootcamp", "masters"}
    assert report.time["bootcamp"].feasible
    assert not report.time["masters"].feasible
    assert report.progress is not None and report.progress.review_date == D(2026, 11, 14)
    assert report.alignment is not None and report.alignment.steps_without_goal == ("tutoring",)
    assert report.peers is None
    data = report.to_dict()
    assert {"skills", "peers", "time", "progress", "alignment", "routes"} <= set(data)


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


def test_rethink_prompts_for_a_stale_late_plan_and_none_on_track() -> None:
    from careerlib.gaps import progress_at, rethink_prompts, time_gap

    plan = parse_plan(
        "title: T\nstart: 2027-01-04\ntarget: 2027-01-29\ncheckpoints: {cadence: weekly}\n"
        "steps:\n  - {id: a, duration: 30}\n"
    )
    sched = schedule(plan)
    old = [Review(date=D(2027, 1, 5), progress={"a": 0.1})]
    prompts = rethink_prompts(time_gap(sched), progress_at(sched, old, D(2027, 1, 29)))
    text = " ".join(prompts)
    assert "longer than a weekly cadence allows" in text
    assert "late by 10 working days" in text and "2027-02-12" in text

    easy = parse_plan(
        "title: T\nstart: 2027-01-04\ntarget: 2027-03-26\nsteps:\n  - {id: a, duration: 5}\n"
    )
    sched = schedule(easy)
    fresh = [Review(date=D(2027, 1, 8), progress={"a": 0.5})]
    assert (
        rethink_prompts(time_gap(sched), progress_at(sched, fresh, D(2027, 1, 8), cadence="weekly"))
        == []
    )


def test_all_reviews_joins_the_plan_and_the_client() -> None:
    from careerlib.clients import load_client
    from careerlib.gaps import all_reviews
    from careerlib.planfile import load_plan

    client = load_client(DATA / "clients" / "jordan-lee.yaml")
    plan = load_plan(client.resolve(client.plan))  # type: ignore[arg-type]
    reviews = all_reviews(plan, client)
    assert reviews[: len(plan.checkpoints.reviews)] == plan.checkpoints.reviews  # type: ignore[union-attr]
    assert reviews[len(plan.checkpoints.reviews) :] == client.reviews  # type: ignore[union-attr]
    assert all_reviews(plan) == plan.checkpoints.reviews  # type: ignore[union-attr]
