"""Properties of the back-scheduler over random valid plans (hypothesis).

For every plan: durations hold, every dependency and buffer is respected,
nothing ends after the target or a deadline, every step is as late as it can
be (one working day later breaks a rule), and the forward pass is never later
than the backward one when the plan is feasible.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from careerlib import Plan, schedule

START = dt.date(2027, 1, 4)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    n = draw(st.integers(1, 12))
    steps: list[dict[str, Any]] = []
    for i in range(n):
        step: dict[str, Any] = {"id": f"s{i}"}
        if draw(st.booleans()) and draw(st.booleans()):
            step["milestone"] = True
        else:
            step["duration"] = draw(st.integers(1, 8))
        if i:
            step["after"] = sorted(draw(st.sets(st.integers(0, i - 1), max_size=3)))
            step["after"] = [f"s{p}" for p in step["after"]]
        if draw(st.integers(0, 3)) == 0:
            step["buffer"] = draw(st.integers(0, 3))
        if draw(st.integers(0, 5)) == 0:
            step["deadline"] = (START + dt.timedelta(days=draw(st.integers(0, 120)))).isoformat()
        steps.append(step)
    workdays = draw(
        st.lists(
            st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
            min_size=1,
            max_size=7,
            unique=True,
        )
    )
    holidays = [
        (START + dt.timedelta(days=d)).isoformat()
        for d in draw(st.lists(st.integers(-60, 150), max_size=6))
    ]
    b0 = draw(st.integers(-30, 120))
    blackouts = [
        {
            "from": (START + dt.timedelta(days=b0)).isoformat(),
            "to": (START + dt.timedelta(days=b0 + draw(st.integers(0, 10)))).isoformat(),
        }
    ]
    target = START + dt.timedelta(days=draw(st.integers(0, 120)))
    start = START + dt.timedelta(days=draw(st.integers(0, 3)))
    if target < start:
        target = start
    return Plan.model_validate(
        {
            "title": "random",
            "start": start.isoformat(),
            "target": target.isoformat(),
            "calendar": {"workdays": workdays, "holidays": holidays, "blackouts": blackouts},
            "steps": steps,
        }
    )


@settings(max_examples=150, deadline=None)
@given(plan=plans())
def test_back_schedule_respects_every_rule_and_is_as_late_as_possible(plan: Plan) -> None:
    result = schedule(plan)
    cal = result.calendar
    first = result.first_day
    ix = {
        name: cal.index(getattr(result, name), first)
        for name in ("start", "finish", "release", "early_start", "early_finish")
    }
    target = cal.index(result.target_day, first)
    assert cal.is_working_day(result.start).all() and cal.is_working_day(result.finish).all()

    for k, step in enumerate(result.steps):
        ms = bool(result.milestone[k])
        # rule 2 and 3: duration in consecutive working days; a milestone is one day
        assert ix["finish"][k] - ix["start"][k] + 1 == (1 if ms else result.duration_days[k])
        assert ix["release"][k] == ix["finish"][k] + result.buffer_days[k]
        # rule 5: nothing released after the target, nothing finishing after its deadline
        assert ix["release"][k] <= target
        limit = []
        if step.deadline is not None:
            deadline = cal.index(cal.roll_backward(step.deadline), first)
            assert ix["finish"][k] <= deadline
            limit.append(deadline)
        # rule 4: dependencies and buffers
        for p in result.predecessors[k]:
            if ms:
                assert ix["start"][k] >= ix["release"][p]
            else:
                assert ix["start"][k] > ix["release"][p]
        # rule 6: one working day later breaks a rule
        later = ix["finish"][k] + 1
        broken = later + result.buffer_days[k] > target or any(later > d for d in limit)
        for t, preds in enumerate(result.predecessors):
            if k in preds:
                gate = 0 if result.milestone[t] else 1
                broken = broken or later + result.buffer_days[k] + gate > ix["start"][t]
        assert broken, f"step {step.id} could finish a day later"

    # rule 7: the forward pass respects dependencies from the first day on
    assert (ix["early_start"] >= 0).all()
    for k, preds in enumerate(result.predecessors):
        gate = 0 if result.milestone[k] else 1
        for p in preds:
            assert ix["early_start"][k] >= ix["early_finish"][p] + result.buffer_days[p] + gate
        if preds:  # and is as early as they allow
            assert ix["early_start"][k] == max(
                [0] + [ix["early_finish"][p] + result.buffer_days[p] + gate for p in preds]
            )
        else:
            assert ix["early_start"][k] == 0
    assert result.earliest_finish == cal.day(
        int((ix["early_finish"] + result.buffer_days).max()), first
    )

    # rules 8 and 9
    assert result.feasible == bool((ix["start"] >= 0).all())
    assert result.late_by_days == max(0, -int(ix["start"].min()))
    assert (result.slack_days == ix["start"] - ix["early_start"]).all()
    assert (result.critical == (result.slack_days == result.slack_days.min())).all()
    if result.feasible:
        assert (result.early_start <= result.start).all()
        assert np.all(result.slack_days >= 0)


@settings(max_examples=40, deadline=None)
@given(plan=plans())
def test_json_round_trips(plan: Plan) -> None:
    import json

    result = schedule(plan)
    assert json.loads(result.to_json()) == result.to_dict()
