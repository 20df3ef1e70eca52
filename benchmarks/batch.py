"""Benchmark: 20 (notebook, client) pairs, ``careerlib run -j 2`` against papermill one by one.

The 20 pairs are the four coaching notebooks (01 to 04) for five clients (copies
of the sample clients, in a temporary data folder whose plans, roles, peers and
O*NET tables link to the real ones). The same pairs run

* through ``careerlib run NOTEBOOKS --client ... -j 2`` (two worker processes,
  each importing papermill once), and
* one after another with the ``papermill`` command (a new process a pair),

and the script prints both times, their ratio (target: at most 0.6) and where
the time of one run goes (kernel start and papermill, the set-up cell with its
imports, the other cells), from the per-cell durations papermill records.

Usage: ``python benchmarks/batch.py [--clients 5] [--write]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from careerlib._paths import data_path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOKS = [
    ROOT / "notebooks" / f"{n}.ipynb"
    for n in ("01-assessment", "02-roadmap", "03-gap-analysis", "04-checkpoint-review")
]
AS_OF = "2026-11-23"


def make_clients(folder: Path, count: int) -> list[Path]:
    data = folder / "data"
    (data / "clients").mkdir(parents=True)
    for name in ("plans", "roles", "peers", "onet"):
        os.symlink(data_path(name), data / name)
    samples = sorted(data_path("clients").glob("*.yaml"))
    out = []
    for i in range(count):
        target = data / "clients" / f"client-{i + 1:02d}.yaml"
        shutil.copy(samples[i % len(samples)], target)
        out.append(target)
    return out


def run_careerlib(clients: list[Path], out: Path, jobs: int) -> float:
    args = [
        str(BIN / "careerlib"),
        "run",
        *map(str, NOTEBOOKS),
        "--out",
        str(out),
        "-j",
        str(jobs),
        "--quiet",
        "-p",
        f"as_of={AS_OF}",
    ]
    for c in clients:
        args += ["--client", str(c)]
    t = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"careerlib run failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return elapsed


def run_papermill(clients: list[Path], out: Path) -> float:
    t = time.perf_counter()
    for client in clients:
        folder = out / client.stem
        folder.mkdir(parents=True, exist_ok=True)
        for nb in NOTEBOOKS:
            subprocess.run(
                [
                    str(BIN / "papermill"),
                    "--no-progress-bar",
                    str(nb),
                    str(folder / nb.name),
                    "--cwd",
                    str(nb.parent),
                    "-p",
                    "client",
                    str(client),
                    "-p",
                    "out_dir",
                    str(folder),
                    "-p",
                    "as_of",
                    AS_OF,
                ],
                capture_output=True,
                check=True,
            )
    return time.perf_counter() - t


def breakdown(out: Path) -> dict[str, float]:
    """Median seconds a run: the whole run, the set-up cell (imports), the other cells,
    and the rest (kernel start, papermill, writing)."""
    import statistics

    manifest = json.loads((out / "manifest.json").read_text())
    wall, setup, rest = [], [], []
    for pair in manifest["pairs"]:
        nb = json.loads(Path(pair["output"]).read_text())
        cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
        durations = [c["metadata"].get("papermill", {}).get("duration") or 0.0 for c in cells]
        tagged = [
            i for i, c in enumerate(cells) if "injected-parameters" in c["metadata"].get("tags", [])
        ]
        first = (tagged[0] + 1) if tagged else 1
        wall.append(pair["seconds"])
        setup.append(durations[first] if first < len(durations) else 0.0)
        rest.append(sum(durations[first + 1 :]))
    m = statistics.median
    return {
        "run": m(wall),
        "setup cell (imports, client)": m(setup),
        "other cells": m(rest),
        "kernel start, papermill, writing": m(wall) - m(setup) - m(rest),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--write", action="store_true", help="Replace the section in benchmarks/RESULTS.md."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clients = make_clients(folder, args.clients)
        pairs = len(clients) * len(NOTEBOOKS)
        parallel = run_careerlib(clients, folder / "careerlib", args.jobs)
        split = breakdown(folder / "careerlib")
        sequential = run_papermill(clients, folder / "papermill")
    ratio = parallel / sequential
    lines = [
        "## Notebook batch (issue 5)",
        "",
        f"`python benchmarks/batch.py --write`, {time.strftime('%Y-%m-%d')}, "
        f"{os.cpu_count()} cores: "
        f"{pairs} (notebook, client) pairs, the notebooks 01 to 04 for {len(clients)} clients.",
        "",
        "| run | seconds | per pair |",
        "| --- | ---: | ---: |",
        f"| `careerlib run -j {args.jobs}` | {parallel:.1f} | {parallel / pairs:.2f} |",
        f"| `papermill` command, one pair after another | {sequential:.1f} "
        f"| {sequential / pairs:.2f} |",
        f"| ratio (target at most 0.6) | {ratio:.2f} | |",
        "",
        "Where the time of one run goes inside `careerlib run` (medians over the pairs, seconds):",
        "",
        "| part | seconds |",
        "| --- | ---: |",
        *[f"| {k} | {v:.2f} |" for k, v in split.items()],
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        from results import write_section

        write_section("## Notebook batch (issue 5)", text)


if __name__ == "__main__":
    main()
