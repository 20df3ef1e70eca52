"""Benchmark: the cheapest way to the target (``careerlib options``) on every sample and
template plan, and on random plans of 200 steps with 50 alternatives.

Each row times :func:`careerlib.cheapest_way` (the model, the HiGHS solves and the
check by the real scheduler), median of 5 runs after one warm-up run (which
pays for importing HiGHS once), and shows what it found. The sample plans are
solved as written and with their target moved earlier (so that they are late
and the solver has work to do); the templates are filled in for a client
starting on 2027-01-04 (``careerlib new client`` in a temporary folder). The
random plans are ``generate.py``'s plans of 200 steps with 50 alternatives on
random steps (10 to 60 percent shorter, for 500 to 20,000), their target set
so that the plan as written is 40 percent of its length late; the "effort"
plan makes every third step an effort within 10 hours a week (the model is
then a lower bound, verified set by set).

Target (issue 25): every sample and template plan, and 200 steps with 50
alternatives, well under a second.

Usage: ``python benchmarks/options.py [--write]`` (``--write`` appends the table
to ``benchmarks/RESULTS.md``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import plan_text  # noqa: E402

from careerlib import cheapest_way, load_plan, parse_plan, schedule  # noqa: E402
from careerlib.models import Plan  # noqa: E402
from careerlib.planfile import plan_from_data  # noqa: E402
from careerlib.whatif import with_target  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
RUNS = 3


def timed(plan: Plan, route: str | None = None) -> tuple[float, Any]:
    """Median seconds of :data:`RUNS` runs (after a warm-up) and the last answer."""
    result = cheapest_way(plan, route)
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        result = cheapest_way(plan, route)
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def earlier(plan: Plan, route: str | None, share: float) -> Plan:
    """The plan with its target moved earlier by ``share`` of its span (start to finish)."""
    done = schedule(plan, route=route)
    span = (done.earliest_finish - done.first_day).days
    return with_target(plan, done.earliest_finish - dt.timedelta(days=int(span * share)))


def sample_plans() -> list[tuple[str, Plan, str | None]]:
    out = []
    for path in sorted((ROOT / "data" / "plans").glob("*.yaml")):
        plan = load_plan(path)
        routes = [None, *(r.id for r in plan.routes)]
        for route in routes:
            name = f"{path.stem}" + (f" (route {route})" if route else "")
            out.append((name, plan, route))
            out.append((name + ", target 30% earlier", earlier(plan, route, 0.3), route))
    return out


def template_plans() -> list[tuple[str, Plan, str | None]]:
    from careerlib.newclient import TEMPLATES, new_client

    out = []
    with tempfile.TemporaryDirectory() as folder:
        for name in TEMPLATES:
            made = new_client(
                f"Bench {name}",
                "Nurse Manager",
                template=name,
                folder=folder,
                today=dt.date(2027, 1, 4),
            )
            plan = load_plan(made.plan)
            out.append((f"template {name}", plan, None))
            out.append((f"template {name}, target 30% earlier", earlier(plan, None, 0.3), None))
    return out


def random_plan(steps: int, alternatives: int, *, effort: bool, seed: int = 0) -> Plan:
    """``generate.py``'s plan with ``alternatives`` alternatives, 40 percent late."""
    rng = random.Random(seed)
    data = parse_plan(plan_text(steps, seed=seed)).model_dump(
        mode="python", by_alias=True, exclude_defaults=True
    )
    rows = data["steps"]
    if effort:
        data["calendar"]["hours_per_week"] = 10
        for row in rows[::3]:
            if not row.get("milestone"):
                row.pop("duration")
                row["effort"] = f"{rng.randint(4, 40)}h"
    candidates = [r for r in rows if not r.get("milestone")]
    for i, row in enumerate(rng.sample(candidates, alternatives)):
        own = int(str(row["duration"]).rstrip("d")) if "duration" in row else None
        days = max(1, round((own or 10) * rng.uniform(0.4, 0.9)))
        cost = rng.randrange(500, 20000, 100)
        row["alternatives"] = [
            {"id": f"alt{i}", "title": f"Faster way {i}", "duration": days, "cost": cost}
        ]
    plan = plan_from_data(data)
    return earlier(plan, None, 0.4)


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="append to benchmarks/RESULTS.md")
    args = parser.parse_args()
    cases = sample_plans() + template_plans()
    cases.append(("random, 200 steps, 50 alternatives", random_plan(200, 50, effort=False), None))
    cases.append(
        (
            "random, 30 steps (a third effort), 10 alternatives",
            random_plan(30, 10, effort=True),
            None,
        )
    )
    cases.append(
        (
            "random, 200 steps (a third effort), 50 alternatives",
            random_plan(200, 50, effort=True),
            None,
        )
    )
    rows = [
        "| plan | steps | alternatives | late as written [working days] | taken | cost | "
        "late after [working days] | proven | sets checked | seconds (median) |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    worst = 0.0
    for name, plan, route in cases:
        seconds, r = timed(plan, route)
        worst = max(worst, seconds)
        rows.append(
            f"| {name} | {len(r.before)} | {r.alternatives} | {r.before.late_by_days} | "
            f"{len(r.chosen)} | {r.money(r.cost)} | {r.late_by_days} | "
            f"{'yes' if r.proven else f'no (bound {r.bound_late_by_days})'} | {r.candidates} | "
            f"{seconds:.3f} |"
        )
        print(rows[-1], flush=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    text = "\n".join(
        [
            "",
            "## The cheapest way to the target (issue 25)",
            "",
            "`.venv/bin/python benchmarks/options.py --write`: `careerlib.cheapest_way` "
            f"(model, HiGHS, check by the scheduler), median of {RUNS} runs after a warm-up.",
            "",
            f"Measured {stamp} on {machine()}:",
            "",
            *rows,
            "",
            f"Slowest: {worst:.3f} s. Target: well under a second for every sample and "
            "template plan and for 200 steps with 50 alternatives.",
            "",
        ]
    )
    print(text)
    if args.write:
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
