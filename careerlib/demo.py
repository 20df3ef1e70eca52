"""The demo: every sample plan and its routes, scheduled, as terminal text."""

from __future__ import annotations

from pathlib import Path

from careerlib._paths import data_path
from careerlib.planfile import iter_plans, load_plan
from careerlib.scheduling.scheduler import schedule
from careerlib.terminal import schedule_table

__all__ = ["demo"]


def demo(plans: Path | None = None) -> str:
    """Every plan in ``plans`` (default: the sample plans) and its routes, scheduled, as text."""
    folder = plans if plans is not None else data_path("plans")
    out = []
    for path in iter_plans(folder):
        plan = load_plan(path)
        out.append(f"=== {path.name}")
        out.append(schedule_table(schedule(plan)))
        for route in plan.routes:
            out.append("")
            out.append(schedule_table(schedule(plan, route=route.id)))
        out.append("")
    return "\n".join(out)
