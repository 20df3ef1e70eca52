"""Benchmark: back-scheduling random plans of 1,000, 10,000 and 100,000 steps.

Times (best of three) the scheduling of a loaded plan, and the whole command
``careerlib schedule PLAN --json`` on the file, with the command's peak memory.
Plans come from ``generate.py`` (1 to 3 predecessors each, durations of 1 to 20
working days, holidays and blackouts) and are written to ``benchmarks/out/``.

Targets (issue 2): 100,000 loaded steps scheduled in under 1 s; the command on
10,000 steps under 1.5 s and on 100,000 under 8 s; memory under 1 GiB.

Usage: ``python benchmarks/schedule.py [--sizes 1000,10000,100000]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_plan  # noqa: E402

from careerlib import load_plan, schedule  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
CLI = Path(sys.executable).with_name("careerlib")


def best_of(n: int, func: object) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def command(path: Path) -> tuple[float, float]:
    """Wall time [s] and peak resident memory [MiB] of one `careerlib schedule --json` run."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "dt = time.perf_counter() - t\n"
        "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, str(CLI), "schedule", str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if out[2] not in ("0", "3"):
        raise SystemExit(f"careerlib schedule failed on {path}: exit {out[2]}")
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print("| steps | file MB | load s | schedule s | command s | command peak MiB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in (int(s) for s in args.sizes.split(",")):
        path = write_plan(OUT, n)
        t = time.perf_counter()
        plan = load_plan(path)
        load = time.perf_counter() - t
        sched = best_of(args.repeat, lambda plan=plan: schedule(plan))
        runs = [command(path) for _ in range(args.repeat)]
        wall = min(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        size = path.stat().st_size / 1e6
        print(
            f"| {n:,} | {size:.1f} | {load:.2f} | {sched:.3f} | {wall:.2f} | {peak:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
