"""Benchmark: how fast ``careerlib schedule`` starts, as a whole process (issue 15).

Runs ``careerlib schedule data/plans/same-sector-move.yaml --json`` ten times
(after one run that warms the file cache) and prints the median and best wall
and CPU time of the whole process (target: at most 0.35 s), with the modules that the
command imported from careerlib and the heavy libraries it left out.

Usage: ``python benchmarks/startup.py [--runs 10] [--write]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PLAN = ROOT / "data" / "plans" / "same-sector-move.yaml"
COMMAND = [str(BIN / "careerlib"), "schedule", str(PLAN), "--json"]


def run_once() -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one whole command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(COMMAND, capture_output=True, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def imported() -> list[str]:
    """The top-level packages and careerlib modules the command imports."""
    code = (
        "import sys, json\n"
        "from careerlib.cli import main\n"
        f"try:\n    main(['schedule', {str(PLAN)!r}, '--json'])\n"
        "except SystemExit:\n    pass\n"
        "sys.stdout = sys.__stdout__\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    run_once()
    load = os.getloadavg()[0]
    runs = [run_once() for _ in range(args.runs)]
    times = [wall for wall, _ in runs]
    cpu = [c for _, c in runs]
    modules = imported()
    ours = [m for m in modules if m.startswith("careerlib")]
    heavy = ["pandas", "plotly", "careerlib.onet", "careerlib.clients", "papermill"]
    left_out = [m for m in heavy if m not in modules]
    text = "\n".join(
        [
            "## Start-up of the command line (issue 15)",
            "",
            f"`python benchmarks/startup.py --write`, {time.strftime('%Y-%m-%d %H:%M')}, "
            f"{os.cpu_count()} cores, load average {load:.1f} (other engineers' work on the "
            f"same cores): `careerlib schedule data/plans/same-sector-move.yaml --json` as a "
            f"whole process, {args.runs} runs.",
            "",
            "| measure | wall seconds | CPU seconds |",
            "| --- | ---: | ---: |",
            f"| median | {statistics.median(times):.3f} | {statistics.median(cpu):.3f} |",
            f"| best | {min(times):.3f} | {min(cpu):.3f} |",
            f"| worst | {max(times):.3f} | {max(cpu):.3f} |",
            "",
            "Target: at most 0.35 s (the CPU time is what the process itself used, which "
            "other work on the cores does not inflate). careerlib modules the command imports: "
            + ", ".join(f"`{m}`" for m in ours)
            + "; left out: "
            + ", ".join(f"`{m}`" for m in left_out)
            + ". `careerlib/__init__.py` loads every name but the exceptions on first use, and "
            "each command imports what it needs inside its function "
            "(`tests/test_cli_startup.py` checks it).",
            "",
        ]
    )
    print(text)
    if args.write:
        from results import write_section

        write_section("## Start-up of the command line (issue 15)", text)


if __name__ == "__main__":
    main()
