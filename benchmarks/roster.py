"""Benchmark: the practice roster of 1,000 generated client files (issue 12).

Run ``.venv/bin/python benchmarks/roster.py`` (``--write`` also records the
figures in ``benchmarks/RESULTS.md``). Target: the table for 1,000 clients in
under 5 s.

The benchmark copies the sample data (plans, roles, peers) to a temporary
folder and generates ``--clients`` client files from the three sample clients:
each its own name, cadence and check-in reviews (progress drawn at random,
dated at random in the last two months; a fifth of them also have a check-in
journal). Two practices are timed, in one run:

* **shared plans**: the clients follow the three sample plans (a practice's
  plan templates), so the roster reads three plan files;
* **own plans**: every client has a copy of its plan beside it, so the
  roster reads 1,000 plan files too.

"roster table" is ``careerlib.read_roster(folder, as_of)``: reading every
client file, its plan, journal and baselines, the tracking status and the
skills gap count, and the sorted DataFrame. Each figure is the median of 3 runs.
Beside them, in the same run, "each client alone": what the same answers cost
asked one client at a time (``tracking.status(path)`` and the ``skills_gap``
frame), with nothing shared between clients; one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from results import write_section  # noqa: E402

HEADING = "## Practice roster of 1,000 clients (issue 12)"
TARGET_S = 5.0
AS_OF = dt.date(2026, 11, 30)
SAMPLES = {
    "jordan-lee": ("it-director-to-cio", ["assess", "board-course", "hipaa", "mentor"]),
    "marcus-brown": ("radical-change", ["assess", "stats", "sql", "network"]),
    "priya-nair": ("same-sector-move", ["assess", "budget-course", "shadow", "cnml-prep"]),
}
CADENCES = ("weekly", "biweekly", "monthly")


def _client_text(sample: str, name: str, plan_ref: str, rng: random.Random) -> str:
    """A sample client renamed, with its own cadence and one or two reviews."""
    lines = (ROOT / "data" / "clients" / f"{sample}.yaml").read_text().splitlines()
    out = []
    skipping = False
    for line in lines:
        if line.startswith("reviews:"):
            skipping = True
            continue
        if skipping and line.startswith((" ", "-")):
            continue
        skipping = False
        if line.startswith("name:"):
            line = f"name: {name}"
        elif line.startswith("plan:"):
            line = f"plan: {plan_ref}"
        elif line.startswith("cadence:"):
            continue
        out.append(line)
    steps = SAMPLES[sample][1]
    out.append(f"cadence: {rng.choice(CADENCES)}")
    out.append("reviews:")
    for _ in range(rng.randint(1, 2)):
        day = AS_OF - dt.timedelta(days=rng.randint(1, 60))
        progress = ", ".join(f"{s}: {rng.choice([0.0, 0.2, 0.5, 1.0])}" for s in steps[:3])
        out.append(f"  - {{date: {day}, progress: {{{progress}}}}}")
    return "\n".join(out) + "\n"


def generate(folder: Path, n: int, *, own_plans: bool, seed: int = 12) -> Path:
    """``n`` client files in ``folder/clients`` (with the sample data beside them)."""
    rng = random.Random(seed)
    for sub in ("plans", "roles", "peers"):
        shutil.copytree(ROOT / "data" / sub, folder / sub)
    clients = folder / "clients"
    clients.mkdir()
    if own_plans:
        (clients / "own").mkdir()
    names = list(SAMPLES)
    for i in range(n):
        sample = names[i % len(names)]
        plan = SAMPLES[sample][0]
        stem = f"client-{i:04d}"
        if own_plans:
            shutil.copy(folder / "plans" / f"{plan}.yaml", clients / "own" / f"{stem}.yaml")
            ref = f"own/{stem}.yaml"
        else:
            ref = f"../plans/{plan}.yaml"
        text = _client_text(sample, f"Client {i:04d}", ref, rng)
        (clients / f"{stem}.yaml").write_text(text)
        if i % 5 == 0:
            day = AS_OF - dt.timedelta(days=rng.randint(1, 20))
            steps = SAMPLES[sample][1]
            entry = {
                "date": day.isoformat(),
                "progress": {steps[1]: 0.5, steps[2]: 0.3},
                "recorded": f"{day}T18:00:00+00:00",
            }
            (clients / f"{stem}.checkins.jsonl").write_text(json.dumps(entry) + "\n")
    return clients


def _time(folder: Path, expected: int) -> tuple[float, float, int]:
    """Median wall-clock and CPU seconds of three rosters of ``folder``, and its row count."""
    from careerlib.roster_status import read_roster

    wall, cpu = [], []
    got = None
    for _ in range(3):
        began, began_cpu = time.perf_counter(), time.process_time()
        got = read_roster(folder, AS_OF)
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    assert got is not None
    if got.problems or len(got.frame) != expected:
        raise SystemExit(f"the roster read {len(got.frame)} of {expected}: {got.problems[:3]}")
    return statistics.median(wall), statistics.median(cpu), len(got.frame)


def _alone(folder: Path) -> tuple[float, float, int]:
    """One run of every client on its own, as before the roster: ``tracking.status(path)``
    and the :func:`careerlib.gaps.skills_gap` frame, nothing shared between clients."""
    from careerlib.clients import load_client
    from careerlib.gaps import skills_gap, target_role
    from careerlib.planfile import load_plan
    from careerlib.roster_status import client_files
    from careerlib.tracking import status

    began, began_cpu = time.perf_counter(), time.process_time()
    n = 0
    for path in client_files(folder):
        status(path, AS_OF)
        client = load_client(path, check=False)
        plan = load_plan(client.resolve(client.plan))  # type: ignore[arg-type]
        skills_gap(target_role(client), client.skill_levels(), plan, route=client.route)
        n += 1
    return time.perf_counter() - began, time.process_time() - began_cpu, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000, help="client files to generate")
    parser.add_argument("--write", action="store_true", help="record in RESULTS.md")
    args = parser.parse_args()

    import careerlib.roster_status  # noqa: F401  (imports are not part of the figure)
    from careerlib.onet import load_onet

    load_onet()  # read once per process, as in any session: not part of the figure
    rows = []
    for label, own in (
        ("shared plans (3 plan files)", False),
        ("own plans (a plan a client)", True),
    ):
        with tempfile.TemporaryDirectory() as tmp:
            folder = generate(Path(tmp), args.clients, own_plans=own)
            seconds, cpu, n = _time(folder, args.clients)
            if not own:
                alone = _alone(folder)
        rows.append((label, seconds, cpu, n))
        print(
            f"{label:32} {seconds:6.2f} s for {n} clients ({1000 * seconds / n:.2f} ms each), "
            f"CPU {cpu:.2f} s"
        )
    rows.append(("each client alone (one run, shared plans)", *alone))
    print(f"{rows[-1][0]:32} {alone[0]:6.2f} s, CPU {alone[1]:.2f} s")
    load = os.getloadavg()[0]
    section = (
        f"{HEADING}\n\n"
        "`.venv/bin/python benchmarks/roster.py`: `careerlib.read_roster(folder, as_of)` on\n"
        f"{args.clients:,} generated client files (the three sample clients renamed, each with\n"
        "its own cadence and reviews; a fifth with a check-in journal), median of 3 runs,\n"
        "O*NET tables already read. Target: the table in under 5 s. The CPU time of the\n"
        "process is shown beside the wall-clock time: on a loaded machine it is what the\n"
        "roster itself costs (it runs in one thread). The last row, in the same run, asks\n"
        "the same of each client alone (`tracking.status(path)` and the `skills_gap` frame,\n"
        "nothing shared between clients; one run): what the roster saves.\n\n"
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load:.1f}"
        + (" (other engineers' test suites were running: figures are high)" if load > 2 else "")
        + ":\n\n| practice | clients | s for the table (wall) | s CPU | ms a client (wall) "
        "| under 5 s (wall) |\n|---|---:|---:|---:|---:|---|\n"
        + "".join(
            f"| {label} | {n:,} | {s:.2f} | {c:.2f} | {1000 * s / n:.2f} | "
            f"{'yes' if s < TARGET_S * n / 1000 else 'no'} |\n"
            for label, s, c, n in rows
        )
    )
    if args.write:
        write_section(HEADING, section)
        print(f"recorded in {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
