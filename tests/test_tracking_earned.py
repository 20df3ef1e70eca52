"""Planned curves, earned progress and slip by earned schedule, worked by hand.

The plan ``two-steps``: a then b, 5 working days each, from Mon 2026-01-05,
target Fri 2026-01-23 (15 working days, t = 0..14). Early windows: a 0-4,
b 5-9; late windows: a 5-9, b 10-14. Weights 5 and 5.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from careerlib import load_plan
from careerlib.scheduling.calendars import calendar_for
from careerlib.tracking import earned_schedule, freeze_baseline, measure, planned_curves

DATA = Path(__file__).parent / "data" / "tracking"
D = dt.date


def _curves():  # type: ignore[no-untyped-def]
    plan = load_plan(DATA / "two-steps.yaml")
    cal = calendar_for(plan.calendar)
    return planned_curves(freeze_baseline(plan, plan.first_day), cal), cal


def test_curves_by_hand() -> None:
    curves, _ = _curves()
    early = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    late = [0] * 6 + [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert np.allclose(curves.early[:11], early)
    assert np.allclose(curves.late[:16], late)
    assert curves.weights == {"a": 5.0, "b": 5.0}


@pytest.mark.parametrize(
    ("curve", "earned", "expected"),
    [
        pytest.param([0, 0, 0.5, 1.0], 0.25, 1.5, id="interpolated"),
        pytest.param([0, 0, 0.5, 1.0], 0.0, 1.0, id="flat-start"),
        pytest.param([0, 0, 0.5, 1.0, 1.0], 1.0, 3.0, id="reached-the-end"),
    ],
)
def test_earned_schedule(curve: list[float], earned: float, expected: float) -> None:
    assert earned_schedule(np.array(curve), earned) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("day", "progress", "cls", "earned", "early", "late", "slip", "lead"),
    [
        # t=5: a 60% -> 0.3 earned; early 0.5, late 0: between the curves
        pytest.param(D(2026, 1, 12), {"a": 0.6}, "on plan", 0.3, 0.5, 0.0, 0, 0, id="on-plan"),
        # t=10: late curve 0.5; ES_late = 8 (late reaches 0.3 at t=8): slip 2
        pytest.param(D(2026, 1, 19), {"a": 0.6}, "behind", 0.3, 1.0, 0.5, 2, 0, id="behind"),
        # t=2: a done early -> 0.5 earned; early 0.2; ES_early = 5: lead 3
        pytest.param(D(2026, 1, 7), {"a": 1.0}, "ahead", 0.5, 0.2, 0.0, 0, 3, id="ahead"),
        # t=6, nothing done: a is past its latest start (t=5); ES_late = 5: slip 1
        pytest.param(D(2026, 1, 13), {}, "behind", 0.0, 0.6, 0.1, 1, 0, id="past-latest-start"),
    ],
)
def test_measure_by_hand(
    day: dt.date,
    progress: dict[str, float],
    cls: str,
    earned: float,
    early: float,
    late: float,
    slip: float,
    lead: float,
) -> None:
    curves, cal = _curves()
    m = measure(curves, cal, day, progress)
    assert m.classification == cls
    assert (m.earned, m.planned_early, m.planned_late) == pytest.approx((earned, early, late))
    assert (m.slip_days, m.lead_days) == pytest.approx((slip, lead))


def test_effort_steps_weigh_their_hours_over_an_even_day() -> None:
    plan = load_plan(DATA / "effort.yaml")
    curves = planned_curves(freeze_baseline(plan, plan.first_day), calendar_for(plan.calendar))
    # 10 hours at 10/5 = 2 hours an even day: 5 working days; f is 1 day
    assert curves.weights == {"e": 5.0, "f": 1.0}
