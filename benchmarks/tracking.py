"""Benchmark: how fast ``careerlib.tracking.status`` answers for one client (issue 11).

Run ``.venv/bin/python benchmarks/tracking.py`` (``--write`` also records the
figures in ``benchmarks/RESULTS.md``). Target (for the practice roster of issue
12): 1,000 clients in under 5 s, so 5 ms a client.

Timed on the sample client ``data/clients/jordan-lee.yaml`` (17 steps, two
routes, a baseline and a check-in journal), copied to a temporary folder:
"from file" is ``status(path)``: reading the client file, its plan, journal
and baselines, then the forecast, curves and status; "loaded" is
``status(client)`` with the client file already read (the plan, journal and
baselines are still read); "plan given" is ``status(client, plan=plan)``, as a
roster whose clients share a plan file would call it. Each figure is the
median of 5 rounds of 200 calls.


The speed is measured here only: the suite checks that the three calls give
one answer (``tests/test_tracking_track.py``), not how fast, since a timed
unit test fails on a loaded machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
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

HEADING = "## Tracking status per client (issue 11)"
TARGET_MS = 5.0
CALLS = 200


def _copy_sample(folder: Path) -> Path:
    (folder / "clients").mkdir()
    (folder / "plans").mkdir()
    for name in ("jordan-lee.yaml", "jordan-lee.checkins.jsonl"):
        shutil.copy(ROOT / "data" / "clients" / name, folder / "clients" / name)
    for name in ("it-director-to-cio.yaml", "it-director-to-cio.baselines.jsonl"):
        shutil.copy(ROOT / "data" / "plans" / name, folder / "plans" / name)
    return folder / "clients" / "jordan-lee.yaml"


def _time(call: object) -> float:
    rounds = []
    for _ in range(5):
        began = time.perf_counter()
        for _ in range(CALLS):
            call()  # type: ignore[operator]
        rounds.append((time.perf_counter() - began) / CALLS * 1000)
    return statistics.median(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record in RESULTS.md")
    args = parser.parse_args()

    from careerlib.clients import load_client
    from careerlib.planfile import load_plan
    from careerlib.tracking import status

    day = dt.date(2026, 11, 30)
    with tempfile.TemporaryDirectory() as tmp:
        path = _copy_sample(Path(tmp))
        client = load_client(path, check=False)
        status(path, day)
        from_file = _time(lambda: status(path, day))
        loaded = _time(lambda: status(client, day))
        plan = load_plan(client.resolve(client.plan))
        given = _time(lambda: status(client, day, plan=plan))
    load = os.getloadavg()[0]
    rows = [
        ("status(path): from the client file", from_file),
        ("status(client): client already read", loaded),
        ("status(client, plan=plan): plan read once", given),
    ]
    for name, ms in rows:
        print(f"{name:40} {ms:6.2f} ms a client, {ms:5.2f} s for 1,000")
    section = (
        f"{HEADING}\n\n"
        "`.venv/bin/python benchmarks/tracking.py`: `careerlib.tracking.status` on the\n"
        "sample client jordan-lee (17 steps, a baseline and a check-in journal), median\n"
        f"of 5 rounds of {CALLS} calls. Target: 1,000 clients in under 5 s (5 ms each).\n\n"
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load:.1f}"
        + (" (other engineers' test suites were running: figures are high)" if load > 2 else "")
        + ":\n\n| call | ms a client | s for 1,000 |\n|---|---:|---:|\n"
        + "".join(f"| {name} | {ms:.2f} | {ms:.2f} |\n" for name, ms in rows)
    )
    if args.write:
        write_section(HEADING, section)
        print(f"recorded in {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
