"""Capacity-aware back-scheduling: careerlib against TaskJuggler 3 (issue 7).

Random plans of effort steps are scheduled by both tools, as late as possible
before the target within the client's hours per week (and per day):

* careerlib: :func:`careerlib.schedule`;
* TaskJuggler 3: the same plan as a ``.tjp`` file, every task
  ``scheduling alap`` with ``effort``, ``allocate`` of one resource whose
  ``limits { weeklymax ... dailymax ... }`` are the client's hours, ``precedes``
  for the ``after`` lists (with ``gaplength Nd`` for a buffer of N working
  days) and ``end`` at the target (less the buffer) for the last steps; the
  holidays of the plan become ``leaves holiday``. Commitments are left out
  (tj3 has no prorated weekly reduction to compare with).

Both tools agree on the capacity rules; they differ in granularity: tj3 books
hours, so a step may start on the day its predecessor ends, while careerlib's
rule 4 starts it on a later working day. That can cost careerlib a fraction of
a day at each link of a chain.

For each plan the script reports the earliest start each tool needs to meet
the target (the first day with hours in its schedule): the later, the better
the schedule. The difference is counted in working days (positive: careerlib
lets the client start later). It also times both (tj3 as the command a coach
would run, Ruby start-up included).

Run: ``python benchmarks/capacity_vs_tj3.py [--plans 60] [--seed 7] [--keep DIR]``
(needs ``tj3`` on the PATH: Debian package ``tj3``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import careerlib
from careerlib.models import Plan
from careerlib.scheduling.calendars import calendar_for

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


@dataclass
class Row:
    plan: int
    steps: int
    effort_hours: float
    hours_per_week: float
    hours_per_day: float
    careerlib_start: dt.date
    tj3_start: dt.date
    later_by: int  # working days careerlib starts later than tj3 (negative: earlier)
    careerlib_ms: float
    tj3_ms: float
    tj3_most_in_a_week: float


def random_plan(
    rng: random.Random, index: int, buffers: float = 0.2, steps: tuple[int, int] = (4, 24)
) -> dict[str, Any]:
    """A plan of effort steps: chains and parallel branches, whole hours a day."""
    n = rng.randint(*steps)
    target = dt.date(2027, 6, 30) - dt.timedelta(days=rng.randint(0, 120))
    steps: list[dict[str, Any]] = []
    for i in range(n):
        step: dict[str, Any] = {"id": f"s{i}", "effort": f"{rng.randint(1, 24)}h"}
        if rng.random() < buffers:
            step["buffer"] = rng.randint(1, 3)
        if i and rng.random() < 0.8:
            k = rng.choice([1, 1, 1, 2])
            lo = max(0, i - 6)  # mostly recent steps: chains with branches
            step["after"] = sorted({f"s{rng.randint(lo, i - 1)}" for _ in range(k)})
        steps.append(step)
    calendar: dict[str, Any] = {"workdays": WEEKDAYS}
    if rng.random() < 0.3:
        calendar["hours_per_week"] = rng.choice([5, 10, 15])  # even share: 1, 2 or 3 h/day
    else:
        per_day = rng.randint(1, 4)
        calendar["hours_per_day"] = per_day
        calendar["hours_per_week"] = rng.randint(max(per_day, 3), min(5 * per_day, 16))
    holidays = sorted(
        {target - dt.timedelta(days=rng.randint(0, 200)) for _ in range(rng.randint(0, 4))}
    )
    calendar["holidays"] = [d.isoformat() for d in holidays]
    # start early enough for both tools: twice the weeks the hours need, and a year
    effort = sum(int(s["effort"][:-1]) for s in steps)
    hours = calendar["hours_per_week"]
    return {
        "title": f"random plan {index}",
        "start": (target - dt.timedelta(days=365 + 14 * math.ceil(effort / hours))).isoformat(),
        "target": target.isoformat(),
        "calendar": calendar,
        "steps": steps,
    }


def to_tjp(plan: Plan, report: Path) -> str:
    """The plan as a TaskJuggler 3 project, back-scheduled from the target."""
    cal = plan.calendar
    assert cal.hours_per_week is not None
    per_day = (
        cal.hours_per_day
        if cal.hours_per_day is not None
        else cal.hours_per_week / len(cal.workdays)
    )
    start = plan.first_day
    end = plan.target + dt.timedelta(days=1)  # tj3 ends at midnight: the whole target day
    # The project runs on past the target: tj3 does not apply weeklymax to a week
    # cut by the project's end (it booked 12 h in such a week under a 3 h limit).
    project_end = end + dt.timedelta(days=28)
    successors: dict[str, list[str]] = {s.id: [] for s in plan.steps}
    for s in plan.steps:
        for a in s.after:
            successors[a].append(s.id)
    lines = [
        f'project bench "{plan.title}" {start.isoformat()} - {project_end.isoformat()} {{',
        '  timezone "UTC"',
        '  timeformat "%Y-%m-%d"',
        "  timingresolution 60min",
        "}",
    ]
    lines += [f'leaves holiday "holiday" {d.isoformat()}' for d in cal.holiday_dates]
    lines.append(
        f'resource client "Client" {{ limits {{ weeklymax {cal.hours_per_week:g}h '
        f"dailymax {per_day:g}h }} }}"
    )
    work = calendar_for(cal)
    last = work.roll_backward(plan.target)
    for s in plan.steps:
        b = s.buffer.working_days(len(cal.workdays))
        if successors[s.id]:
            gap = f" {{ gaplength {b}d }}" if b else ""
            tail = "precedes " + ", ".join(f"{x}{gap}" for x in successors[s.id])
        else:  # its release day (finish + buffer working days) is on or before the target
            finish = np.asarray(work.add(last, -b) if b else last, dtype="datetime64[D]").item()
            tail = f"end {(finish + dt.timedelta(days=1)).isoformat()}"
        lines.append(
            f'task {s.id} "{s.id}" {{ effort {s.effort:g}h allocate client '
            f"scheduling alap {tail} }}"
        )
    lines.append(
        f'taskreport out "{report}" {{ formats csv columns id, start, end timeformat "%Y-%m-%d" }}'
    )
    # the client's hours per week as tj3 booked them, to check its limits
    lines.append(
        f'resourcereport load "{report}-load" {{ formats csv columns name, weekly loadunit hours '
        f"period {start.isoformat()} - {project_end.isoformat()} }}"
    )
    return "\n".join(lines) + "\n"


def run_tj3(plan: Plan, folder: Path, name: str) -> tuple[dt.date, float, float]:
    """Schedule with tj3; the earliest task start, the wall time [ms], the most hours in a week."""
    report = folder / f"{name}-out"
    path = folder / f"{name}.tjp"
    path.write_text(to_tjp(plan, report))
    t0 = time.perf_counter()
    done = subprocess.run(
        ["tj3", "--silent", "--no-color", str(path)], cwd=folder, capture_output=True, text=True
    )
    ms = (time.perf_counter() - t0) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"tj3 failed on {path}:\n{done.stdout}\n{done.stderr}")
    with open(report.with_suffix(".csv"), newline="") as fh:
        starts = [dt.date.fromisoformat(r["Start"]) for r in csv.DictReader(fh, delimiter=";")]
    with open(folder / f"{name}-out-load.csv", newline="") as fh:
        weekly = list(csv.reader(fh, delimiter=";"))[1]
    most = max([float(h) for h in weekly[1:] if h] or [0.0])
    return min(starts), ms, most


def run_careerlib(plan: Plan, repeat: int = 5) -> tuple[dt.date, float]:
    """Schedule with careerlib; the earliest start and the best of ``repeat`` times [ms]."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = careerlib.schedule(plan)
        best = min(best, (time.perf_counter() - t0) * 1000)
    assert result is not None
    return result.start.min().astype(object), best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=60, help="number of random plans")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--buffers", type=float, default=0.2, help="share of steps with a buffer")
    parser.add_argument("--steps", type=int, nargs=2, default=(4, 24), metavar=("MIN", "MAX"))
    parser.add_argument(
        "--keep", type=Path, default=None, help="keep the .tjp files in this folder"
    )
    args = parser.parse_args(argv)
    if shutil.which("tj3") is None:
        print("tj3 not found: apt-get install tj3", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="careerlib-tj3-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    for i in range(args.plans):
        plan = Plan.model_validate(random_plan(rng, i, args.buffers, tuple(args.steps)))
        ours, our_ms = run_careerlib(plan)
        theirs, tj_ms, tj_most = run_tj3(plan, folder, f"plan{i:03d}")
        cal = calendar_for(plan.calendar)
        later = int(cal.count(theirs, ours)) if ours >= theirs else -int(cal.count(ours, theirs))
        cap = plan.calendar
        per_day = cap.hours_per_day or (cap.hours_per_week or 0) / len(cap.workdays)
        effort = sum(s.effort or 0 for s in plan.steps)
        rows.append(
            Row(
                i,
                len(plan.steps),
                effort,
                cap.hours_per_week or 0,
                per_day,
                ours,
                theirs,
                later,
                our_ms,
                tj_ms,
                tj_most,
            )
        )
        print(
            f"plan {i:3d}: {len(plan.steps):2d} steps {effort:5.0f} h "
            f"at {cap.hours_per_week:g} h/week "
            f"({per_day:g} h/day)  careerlib {ours}  tj3 {theirs}  later by {later:+d} wd  "
            f"{our_ms:7.2f} ms vs {tj_ms:7.0f} ms"
            + (
                ""
                if tj_most <= (cap.hours_per_week or 0) + 1e-6
                else f"  (tj3 booked {tj_most:g} h in a week)"
            )
        )
    later = [r.later_by for r in rows]
    worst = min(rows, key=lambda r: r.later_by)
    ours_ms = [r.careerlib_ms for r in rows]
    tj_ms = [r.tj3_ms for r in rows]
    print()
    print(
        f"plans: {len(rows)} of {args.steps[0]}-{args.steps[1]} steps "
        f"(seed {args.seed}, buffers on {args.buffers:.0%} of steps)"
    )
    print(
        f"careerlib later than tj3 [working days]: median {statistics.median(later):+g}, "
        f"mean {statistics.mean(later):+.2f}, best {max(later):+d}, "
        f"worst {min(later):+d} (plan {worst.plan})"
    )
    print(
        "careerlib later / same / earlier: "
        f"{sum(x > 0 for x in later)} / {sum(x == 0 for x in later)} / {sum(x < 0 for x in later)}"
    )
    print(
        f"time per plan [ms]: careerlib median {statistics.median(ours_ms):.2f} "
        f"(max {max(ours_ms):.2f}), "
        f"tj3 median {statistics.median(tj_ms):.0f} (max {max(tj_ms):.0f}); "
        f"median ratio {statistics.median(np.array(tj_ms) / np.array(ours_ms)):.0f}x"
    )
    over = [r for r in rows if r.tj3_most_in_a_week > r.hours_per_week + 1e-6]
    print(f"plans where tj3 booked more than weeklymax in some week: {len(over)}")
    ok = statistics.median(later) >= 0 and min(later) >= -5
    print("criteria (median >= 0, none below -5 working days):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
