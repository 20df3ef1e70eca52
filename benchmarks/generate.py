"""Random valid plans for the benchmarks: n steps, 1 to 3 predecessors each.

Steps are written in an order where every predecessor comes earlier, with
durations of 1 to 20 working days, a few buffers, deadlines and milestones,
ten holidays a year and two blackouts. The target leaves room for the longest
chain, so most plans are feasible.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path


def plan_text(n: int, *, seed: int = 0) -> str:
    """The YAML text of a random plan of ``n`` steps (flow style, one step a line)."""
    rng = random.Random(seed)
    start = dt.date(2027, 1, 4)
    target = start + dt.timedelta(days=365 * 4)
    holidays = []
    for y in range(start.year - 2, target.year + 1):
        holidays += [
            f"{y}-01-01",
            f"{y}-05-27",
            f"{y}-07-04",
            f"{y}-09-02",
            f"{y}-11-28",
            f"{y}-12-25",
        ]
    lines = [
        f"title: Random plan of {n} steps",
        "owner: Benchmark",
        f"start: {start}",
        f"target: {target}",
        "calendar:",
        "  workdays: [mon, tue, wed, thu, fri]",
        f"  holidays: [{', '.join(holidays)}]",
        "  blackouts:",
        f"    - {{from: {start.year}-08-02, to: {start.year}-08-13, reason: summer}}",
        f"    - {{from: {start.year + 1}-12-20, to: {start.year + 1}-12-31, reason: family}}",
        "steps:",
    ]
    for i in range(n):
        parts = [f"id: s{i}", f"title: Step number {i}"]
        if i and rng.random() < 0.05:
            parts.append("milestone: true")
        else:
            parts.append(f"duration: {rng.randint(1, 20)}d")
        if i:
            k = rng.randint(1, min(3, i))
            preds = {rng.randrange(i) for _ in range(k)}
            parts.append(f"after: [{', '.join(f's{p}' for p in sorted(preds))}]")
        if rng.random() < 0.1:
            parts.append(f"buffer: {rng.randint(0, 5)}d")
        if rng.random() < 0.01:
            parts.append(f"deadline: {target - dt.timedelta(days=rng.randint(0, 60))}")
        lines.append(f"  - {{{', '.join(parts)}}}")
    return "\n".join(lines) + "\n"


def write_plan(folder: Path, n: int, *, seed: int = 0) -> Path:
    """Write the plan of ``n`` steps to ``folder/plan-n.yaml`` (once) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"plan-{n}.yaml"
    if not path.exists():
        path.write_text(plan_text(n, seed=seed), encoding="utf-8")
    return path
