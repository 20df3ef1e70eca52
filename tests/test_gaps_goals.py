"""Goal alignment: the goal tree and its loose ends."""

from __future__ import annotations

from careerlib import parse_plan
from careerlib.gaps import goal_alignment

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
