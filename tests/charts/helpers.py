"""Helpers of the chart tests: the test plans, and finding traces by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import plotly.graph_objects as go

import careerlib
from careerlib.models import Plan

DATA = Path(__file__).resolve().parents[1] / "data" / "charts"
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "plans"
ONE_DAY = dt.timedelta(days=1)
#: The project's data folder (sample clients, peer groups, O*NET tables).
DATA_ROOT = Path(__file__).resolve().parents[2] / "data"


def schedule_of(name: str, route: str | None = None) -> careerlib.Schedule:
    return careerlib.schedule(careerlib.load_plan(DATA / name), route=route)


def big_plan(n: int = 200) -> Plan:
    """``n`` steps in chains of ten under four goals, with milestones and deadlines."""
    steps = []
    for i in range(n):
        step: dict[str, object] = {"id": f"s{i}", "title": f"Step {i} of the big plan"}
        if i % 10 == 9:
            step["milestone"] = True
        else:
            step["duration"] = 1 + i % 7
        if i % 10:
            step["after"] = [f"s{i - 1}"] + ([f"s{i - 11}"] if i > 20 and i % 10 == 5 else [])
        step["goal"] = f"g{i % 4}"
        if i % 50 == 19:
            step["deadline"] = "2028-06-30"
        steps.append(step)
    goals = [{"id": f"g{k}", "title": f"Goal {k}", "level": "professional"} for k in range(4)]
    return Plan.model_validate(
        {
            "title": "Big plan",
            "start": "2027-01-04",
            "target": "2028-12-29",
            "goals": goals,
            "steps": steps,
        }
    )


def traces(fig, name_part: str) -> list:
    return [t for t in fig.data if t.name and name_part in t.name]


def one(fig, name_part: str):
    found = traces(fig, name_part)
    assert len(found) == 1, [t.name for t in fig.data]
    return found[0]


def date_of(value: object) -> dt.date:
    return dt.date.fromisoformat(str(value)[:10])


def annotation_texts(fig: go.Figure) -> str:
    """Every annotation's text, joined (to find the O*NET attribution)."""
    return " ".join(a.text for a in fig.layout.annotations)
