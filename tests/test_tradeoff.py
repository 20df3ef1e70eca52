"""The cheapest way to the target: hand-worked plans, a brute force over every set, the JSON.

The hand-worked plans are chains of 30-working-day courses from Monday
2027-01-04 with no holidays, so their lateness is counted by hand: three
courses need 90 working days and the 70th working day is 2027-04-09 (January
has 20, February 20, March 23 working days, April 1-9 seven), so a target on
2027-04-09 is 20 working days late.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from typing import Any

import pytest

from careerlib import PlanError, UsageError, cheapest_way, parse_plan, schedule
from careerlib.models import Plan
from careerlib.planfile import plan_from_data
from careerlib.terminal import options_text
from careerlib.tradeoff import format_money
from careerlib.whatif import with_alternatives

CHAIN = """title: Three courses
start: 2027-01-04
target: {target}
currency: EUR
steps:
  - id: a
    title: Course A
    duration: 30d
    alternatives:
      - {{id: a-fast, title: Intensive A, duration: 20d, cost: 1000}}
  - id: b
    title: Course B
    duration: 30d
    after: [a]
    alternatives:
      - {{id: b-fast, title: Intensive B, duration: 20d, cost: 1100}}
  - id: c
    title: Course C
    duration: 30d
    after: [b]
    alternatives:
      - {{id: c-big, title: Hire a tutor for C, duration: 10d, cost: 3000}}
      - {{id: c-small, title: Skip the optional module of C, duration: 25d, cost: 200}}
  - id: e
    title: Side reading
    duration: 10d
    alternatives:
      - {{id: e-free, title: Summaries instead of books, duration: 5d, cost: 0}}
  - {{id: done, title: Certified, milestone: true, after: [c, e]}}
"""


def chain(target: str = "2027-04-09") -> Plan:
    return parse_plan(CHAIN.format(target=target))


def test_the_hand_worked_chain_is_twenty_days_late() -> None:
    assert schedule(chain()).late_by_days == 20


def test_two_cheap_alternatives_beat_one_expensive() -> None:
    """20 days: A and B intensive (2,100) beat the tutor for C (3,000) and C's cheap cut."""
    result = cheapest_way(chain())
    assert result.choice == {"a": "a-fast", "b": "b-fast"}
    assert result.cost == 2100 and result.feasible and result.late_by_days == 0
    assert result.proven and result.candidates == 1
    assert [c.days for c in result.chosen] == [-10, -10]
    # the free alternative of a step with slack is not taken for nothing
    assert "e" not in result.choice


def test_three_cheap_alternatives_beat_the_expensive_one() -> None:
    """25 days late: A, B and C's cut (-25, 2,300) beat an intensive and the tutor (4,000)."""
    result = cheapest_way(chain("2027-04-02"))  # the 65th working day
    assert result.before.late_by_days == 25
    assert result.choice == {"a": "a-fast", "b": "b-fast", "c": "c-small"}
    assert result.cost == 2300 and result.feasible


def test_the_expensive_alternative_when_the_cheap_ones_are_not_enough() -> None:
    """30 days late: the cheap ones save 25 at most; A intensive and the tutor save 30."""
    result = cheapest_way(chain("2027-03-26"))  # the 60th working day
    assert result.before.late_by_days == 30
    assert result.choice == {"a": "a-fast", "c": "c-big"}
    assert result.cost == 4000 and result.feasible


def test_when_no_set_is_enough_the_least_late_and_then_the_cheapest() -> None:
    """45 days late: the most any set saves is 40 (A, B and the tutor), 5 days short."""
    plan = chain("2027-03-05")  # the 45th working day: 45 days late
    assert schedule(plan).late_by_days == 45
    result = cheapest_way(plan)
    assert not result.feasible and result.late_by_days == 5
    # the tutor for C (-20) beats C's cut (-5); A and B intensive: -40 in all
    assert result.choice == {"a": "a-fast", "b": "b-fast", "c": "c-big"}
    assert result.cost == 5100
    assert "No set of alternatives meets the target" in result.sentence
    assert "late by 5 working days instead of 45" in result.sentence


def test_a_budget_limits_the_sets() -> None:
    """Within 1,500 EUR: A intensive (1,000) and C's cut (200) leave the plan 5 days late."""
    result = cheapest_way(chain(), budget=1500)
    assert result.choice == {"a": "a-fast", "c": "c-small"}
    assert result.cost == 1200 and result.late_by_days == 5 and not result.feasible
    assert "within 1,500 EUR" in result.sentence
    assert cheapest_way(chain(), budget=2100).choice == {"a": "a-fast", "b": "b-fast"}
    nothing = cheapest_way(chain(), budget=100)
    assert nothing.choice == {} and nothing.late_by_days == 20
    assert "No alternative within 100 EUR brings the target closer" in nothing.sentence


def test_a_feasible_plan_needs_nothing() -> None:
    result = cheapest_way(chain("2027-06-30"))
    assert result.choice == {} and result.cost == 0 and result.feasible
    assert result.sentence == "The plan meets its target without alternatives: none is needed."
    assert result.moved() == []


def test_the_answer_is_checked_with_the_real_scheduler() -> None:
    result = cheapest_way(chain())
    again = schedule(with_alternatives(chain(), result.choice))
    assert result.after.to_json() == again.to_json()
    moved = {m.id: m for m in result.moved()}
    assert set(moved) == {"a", "b"}  # c keeps its latest dates; a and b start later
    assert moved["a"].new_start > moved["a"].start


def test_bad_budgets_and_routes_are_refused() -> None:
    with pytest.raises(UsageError, match="a budget is a finite amount"):
        cheapest_way(chain(), budget=-1)
    with pytest.raises(UsageError, match="a budget is a finite amount"):
        cheapest_way(chain(), budget=float("nan"))
    with pytest.raises(PlanError, match="unknown route 'x'"):
        cheapest_way(chain(), route="x")


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [(12000, "EUR", "12,000 EUR"), (12500.5, "USD", "12,500.50 USD"), (900, None, "900")],
)
def test_money_reads_as_a_coach_writes_it(amount: float, currency: str | None, text: str) -> None:
    assert format_money(amount, currency) == text


# --- the JSON ---------------------------------------------------------------------

KEYS = [
    "title",
    "target",
    "route",
    "as_of",
    "currency",
    "budget",
    "feasible",
    "late_by_days",
    "cost",
    "chosen",
    "earliest_finish",
    "without_alternatives",
    "moved",
    "proven",
    "bound_late_by_days",
]


def test_the_json_is_stable() -> None:
    first = cheapest_way(chain()).to_json()
    assert first == cheapest_way(chain()).to_json()
    data = json.loads(first)
    assert list(data) == KEYS
    assert data["chosen"] == [
        {"step": "a", "alternative": "a-fast", "title": "Intensive A", "cost": 1000, "days": -10},
        {"step": "b", "alternative": "b-fast", "title": "Intensive B", "cost": 1100, "days": -10},
    ]
    assert (data["cost"], data["feasible"], data["late_by_days"]) == (2100, True, 0)
    assert data["without_alternatives"] == {
        "feasible": False,
        "late_by_days": 20,
        "earliest_finish": "2027-05-07",
    }
    assert [list(m) for m in data["moved"]] == [
        ["id", "start", "finish", "new_start", "new_finish"]
    ] * 2


def test_the_terminal_text_says_what_to_take() -> None:
    text = options_text(cheapest_way(chain()))
    assert (
        "To meet the target: take Intensive A for “Course A” (-10 working days, 1,000 EUR)" in text
    )
    assert "2,100 EUR" in text and "New verdict: Feasible" in text and "Dates that move" in text
    assert "proven the best by the HiGHS solver" in text


# --- a brute force over every set, on random plans ---------------------------------


def random_plan(rng: random.Random, *, effort: bool, most: int) -> Plan:
    """Up to ``most`` alternatives on a random plan with buffers, deadlines, milestones,
    a holiday and a blackout (and effort steps within hours a week, with ``effort``)."""
    start = dt.date(2027, 1, 4)
    steps: list[dict[str, Any]] = []
    left = rng.randint(max(1, most // 2), most)
    for i in range(rng.randint(3, 9)):
        step: dict[str, Any] = {"id": f"s{i}"}
        after = [f"s{j}" for j in range(i) if rng.random() < 0.35]
        if after:
            step["after"] = after
        if i and rng.random() < 0.12:
            step["milestone"] = True
        elif effort and rng.random() < 0.5:
            step["effort"] = f"{rng.randint(4, 60)}h"
        else:
            step["duration"] = rng.randint(1, 30)
        if rng.random() < 0.2:
            step["buffer"] = rng.randint(0, 5)
        if rng.random() < 0.15:
            step["deadline"] = start + dt.timedelta(days=rng.randint(20, 150))
        if not step.get("milestone") and left and rng.random() < 0.7:
            alts = []
            for a in range(rng.randint(1, min(3, left))):
                alt: dict[str, Any] = {"id": f"a{a}", "cost": rng.choice([0, 100, 200, 300, 800])}
                if effort and rng.random() < 0.4:
                    alt["effort"] = f"{rng.randint(2, 40)}h"
                else:
                    alt["duration"] = rng.randint(1, 25)
                alts.append(alt)
            left -= len(alts)
            step["alternatives"] = alts
        steps.append(step)
    calendar: dict[str, Any] = {
        "holidays": [dt.date(2027, 2, 15)],
        "blackouts": [{"from": dt.date(2027, 3, 1), "to": dt.date(2027, 3, 5)}],
    }
    if effort:
        calendar["hours_per_week"] = rng.choice([5, 8, 10])
    target = start + dt.timedelta(days=rng.randint(15, 90))
    return plan_from_data(
        {"title": "R", "start": start, "target": target, "calendar": calendar, "steps": steps}
    )


def brute_force(plan: Plan, budget: float | None) -> tuple[int, int, int]:
    """(lateness, cost in cents, alternatives) of the best set, by scheduling every set."""
    ways = [[None, *(a.id for a in s.alternatives)] for s in plan.steps]
    best = None
    for combo in itertools.product(*ways):
        choice = {s.id: a for s, a in zip(plan.steps, combo, strict=True) if a is not None}
        cents = round(100 * sum(plan.step(k).alternative(v).cost for k, v in choice.items()))
        if budget is not None and cents > budget * 100:
            continue
        key = (schedule(with_alternatives(plan, choice)).late_by_days, cents, len(choice))
        best = key if best is None or key < best else best
    assert best is not None
    return best


def _agree(seed: int, *, effort: bool, most: int) -> None:
    rng = random.Random(seed)
    plan = random_plan(rng, effort=effort, most=most)
    budget = rng.choice([None, None, 300, 1000])
    result = cheapest_way(plan, budget=budget)
    late, cents, count = brute_force(plan, budget)
    assert result.proven, seed
    assert (result.late_by_days, round(100 * result.cost)) == (late, cents), seed
    if not effort:  # the fewest alternatives among the cheapest: exact for duration plans
        assert len(result.chosen) == count, seed


@pytest.mark.parametrize("seed", range(24))
def test_the_solver_agrees_with_every_set_on_duration_plans(seed: int) -> None:
    _agree(seed, effort=False, most=12 if seed % 4 == 0 else 7)


@pytest.mark.parametrize("seed", range(100, 110))
def test_the_solver_agrees_with_every_set_on_plans_with_effort(seed: int) -> None:
    """Effort steps: the model is a lower bound, each candidate is verified (lazy search)."""
    _agree(seed, effort=True, most=6)


# --- on a status date ------------------------------------------------------------

MONDAY = dt.date(2027, 2, 15)


def status_chain() -> Plan:
    """The chain with A's alternative the cheapest of all and C's cut dear: on the status
    date A is done and B half done (15 of its 30 days left), so the work left is 5 days
    late (B 15 + C 30 = 45 working days, 40 from 15 Feb to 9 Apr)."""
    text = CHAIN.format(target="2027-04-09").replace("cost: 1000}", "cost: 10}")
    return parse_plan(text.replace("duration: 25d, cost: 200}", "duration: 25d, cost: 2000}"))


def test_on_a_status_date_a_done_steps_alternatives_are_never_taken() -> None:
    plan = status_chain()
    assert cheapest_way(plan).choice["a"] == "a-fast"  # as written, A's is the cheapest
    progress = {"a": 1.0, "b": 0.5}
    result = cheapest_way(plan, as_of=MONDAY, progress=progress)
    assert result.before.late_by_days == 5 and result.as_of == MONDAY
    assert "a" not in result.choice
    assert result.choice == {"b": "b-fast"} and result.cost == 1100 and result.feasible
    assert json.loads(result.to_json())["as_of"] == "2027-02-15"
    # even when A's is all there is, and the plan stays late
    only_a = cheapest_way(plan, as_of=MONDAY, progress=progress, budget=50)
    assert only_a.choice == {} and only_a.late_by_days == 5


def test_an_alternative_for_a_step_in_progress_does_the_rest_its_way() -> None:
    """B half done: its own way keeps 15 of 30 days; the intensive keeps 10 of its 20."""
    result = cheapest_way(status_chain(), as_of=MONDAY, progress={"a": 1.0, "b": 0.5})
    b = result.after.position("b")
    assert int(result.before.duration_days[b]) == 15
    assert int(result.after.duration_days[b]) == 10
    assert result.chosen[0].days == -5
    assert [m.id for m in result.moved()] == ["b"]  # done A has no dates to move


def test_on_a_status_date_the_plans_own_reviews_are_the_progress() -> None:
    plan = status_chain()
    data = plan.model_dump(mode="python", by_alias=True, exclude_defaults=True)
    data["checkpoints"] = {"reviews": [{"date": MONDAY, "progress": {"a": 1.0, "b": 0.5}}]}
    reviewed = plan_from_data(data)
    assert cheapest_way(reviewed, as_of=MONDAY).choice == {"b": "b-fast"}
    with pytest.raises(UsageError, match="progress is read on a status date"):
        cheapest_way(plan, progress={"a": 1.0})


def test_when_every_step_is_done_there_is_nothing_to_trade() -> None:
    done = {s.id: 1.0 for s in status_chain().steps}
    result = cheapest_way(status_chain(), as_of=MONDAY, progress=done)
    assert result.choice == {} and result.feasible and result.moved() == []


def brute_force_on(plan: Plan, day: dt.date, progress: dict[str, float]) -> tuple[int, int]:
    ways = [[None, *(a.id for a in s.alternatives)] for s in plan.steps]
    best = None
    for combo in itertools.product(*ways):
        choice = {s.id: a for s, a in zip(plan.steps, combo, strict=True) if a is not None}
        cents = round(100 * sum(plan.step(k).alternative(v).cost for k, v in choice.items()))
        late = schedule(with_alternatives(plan, choice), as_of=day, progress=progress).late_by_days
        best = (late, cents) if best is None or (late, cents) < best else best
    assert best is not None
    return best


@pytest.mark.parametrize("seed", range(200, 212))
def test_the_solver_agrees_with_every_set_on_a_status_date(seed: int) -> None:
    rng = random.Random(seed)
    plan = random_plan(rng, effort=seed % 3 == 0, most=7)
    day = plan.first_day + dt.timedelta(days=rng.randint(0, 40))
    progress = {s.id: rng.choice([0.0, 0.0, 0.3, 0.5, 1.0]) for s in plan.steps}
    result = cheapest_way(plan, as_of=day, progress=progress)
    assert result.proven
    assert (result.late_by_days, round(100 * result.cost)) == brute_force_on(plan, day, progress)
    done = {sid for sid, share in progress.items() if share >= 1}
    assert not done & set(result.choice)
