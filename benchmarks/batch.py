"""Benchmark: 20 (notebook, client) pairs, ``careerlib run -j 2`` against papermill one by one.

The 20 pairs are the four coaching notebooks (01 to 04, with their exports:
02 writes a PNG) for five clients (copies of the sample clients, in a temporary
data folder whose plans, roles, peers and O*NET tables link to the real ones).
The same pairs run

* through ``careerlib run NOTEBOOKS --client ... -j 2`` (two worker processes,
  each with its next kernel preheated), and
* one after another with the ``papermill`` command (a new process a pair),

in the same run of this script, and it prints both times, their ratio (target:
at most 0.2) and, per notebook, where the time of one run goes: waiting for a
preheated kernel, the set-up cell, the other cells, papermill's own work, the
HTML report.

``--large 100`` then runs 100 clients (400 pairs) with ``careerlib run`` alone
and samples the memory of the whole process tree (the command, its workers,
their kernels and browsers) every half second: the peak of the summed resident
sets (an upper bound: shared pages count once per process) and of the summed
proportional sets (PSS: shared pages split between the processes).

Usage: ``python benchmarks/batch.py [--clients 5] [--large 100] [--write]``; with
``--write`` the 20-pair figures, and with ``--large`` the cohort's, each replace
their own section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
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


def run_careerlib(clients: list[Path], out: Path, jobs: int) -> tuple[float, dict[str, float]]:
    """The whole ``careerlib run`` command: seconds, and the memory peaks of its tree [MiB]."""
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
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks = {"rss": 0.0, "pss": 0.0, "processes": 0.0}
    sampler = threading.Thread(target=_sample_memory, args=(proc.pid, peaks), daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - t
    sampler.join(timeout=5)
    if proc.returncode != 0:
        raise SystemExit(f"careerlib run failed:\n{stdout[-3000:]}\n{stderr[-3000:]}")
    return elapsed, peaks


def _sample_memory(pid: int, peaks: dict[str, float]) -> None:
    """Every 0.5 s, the summed RSS and PSS of ``pid`` and all its descendants [MiB]."""
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while root.is_running() and root.status() != psutil.STATUS_ZOMBIE:
        rss = pss = 0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for proc in tree:
            try:
                info = proc.memory_full_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        peaks["rss"] = max(peaks["rss"], rss / 2**20)
        peaks["pss"] = max(peaks["pss"], pss / 2**20)
        peaks["processes"] = max(peaks["processes"], len(tree))
        time.sleep(0.5)


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


PARTS = (
    "run (wall)",
    "waiting for a kernel",
    "set-up cell",
    "other cells",
    "papermill, writing",
    "HTML report",
)


def breakdown(out: Path) -> dict[str, dict[str, float]]:
    """Per notebook, median seconds of a run and of its parts, from the manifest and
    the cell durations papermill records."""
    import statistics

    manifest = json.loads((out / "manifest.json").read_text())
    parts: dict[str, dict[str, list[float]]] = {}
    for pair in manifest["pairs"]:
        nb = json.loads(Path(pair["output"]).read_text())
        cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
        durations = [c["metadata"].get("papermill", {}).get("duration") or 0.0 for c in cells]
        tagged = [
            i for i, c in enumerate(cells) if "injected-parameters" in c["metadata"].get("tags", [])
        ]
        first = (tagged[0] + 1) if tagged else 1
        setup = durations[first] if first < len(durations) else 0.0
        rest = sum(durations[first + 1 :])
        timings = pair.get("timings", {})
        kernel = timings.get("kernel", 0.0)
        execute = timings.get("execute", pair["seconds"] - kernel)
        report = timings.get("report", 0.0)
        row = parts.setdefault(Path(pair["notebook"]).stem, {k: [] for k in PARTS})
        row["run (wall)"].append(kernel + execute + report)
        row["waiting for a kernel"].append(kernel)
        row["set-up cell"].append(setup)
        row["other cells"].append(rest)
        row["papermill, writing"].append(max(0.0, execute - setup - rest))
        row["HTML report"].append(report)
    return {
        nb: {k: statistics.median(v) for k, v in row.items()} for nb, row in sorted(parts.items())
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--large", type=int, default=0, help="Then run this many clients with careerlib alone."
    )
    parser.add_argument(
        "--write", action="store_true", help="Replace its sections in benchmarks/RESULTS.md."
    )
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clients = make_clients(folder / "small", args.clients)
        pairs = len(clients) * len(NOTEBOOKS)
        parallel, memory = run_careerlib(clients, folder / "careerlib", args.jobs)
        split = breakdown(folder / "careerlib")
        sequential = run_papermill(clients, folder / "papermill")
        large: tuple[int, float, dict[str, float]] | None = None
        if args.large:
            many = make_clients(folder / "large", args.large)
            seconds, peaks = run_careerlib(many, folder / "large-out", args.jobs)
            large = (len(many) * len(NOTEBOOKS), seconds, peaks)
    load_after = os.getloadavg()[0]
    ratio = parallel / sequential
    stamp = time.strftime("%Y-%m-%d %H:%M")
    heading = "## Notebook batch: 20 pairs (issues 5 and 15)"
    lines = [
        heading,
        "",
        f"`python benchmarks/batch.py --write`, {stamp}, {os.cpu_count()} cores, load "
        f"average {load_before:.1f} before and {load_after:.1f} after: {pairs} "
        f"(notebook, client) pairs, the notebooks 01 to 04 with their exports for "
        f"{len(clients)} clients, both sides in this one run.",
        "",
        "| run | seconds | per pair |",
        "| --- | ---: | ---: |",
        f"| `careerlib run -j {args.jobs}` | {parallel:.1f} | {parallel / pairs:.2f} |",
        f"| `papermill` command, one pair after another | {sequential:.1f} "
        f"| {sequential / pairs:.2f} |",
        f"| ratio (target at most 0.2) | {ratio:.2f} | |",
        "",
        f"Memory of the `careerlib run` tree at its peak: {memory['rss']:.0f} MiB summed RSS, "
        f"{memory['pss']:.0f} MiB summed PSS, {memory['processes']:.0f} processes.",
        "",
        "Where the time of one run goes inside `careerlib run`, per notebook (medians over "
        "the clients, seconds; the kernel was started and preheated while the worker's "
        "previous run executed):",
        "",
        "| part | " + " | ".join(split) + " |",
        "| --- |" + " ---: |" * len(split),
        *[
            f"| {part} | " + " | ".join(f"{split[nb][part]:.2f}" for nb in split) + " |"
            for part in PARTS
        ],
        "",
    ]
    sections = [(heading, "\n".join(lines))]
    if large is not None:
        n, seconds, peaks = large
        cohort = "## Notebook batch: a cohort (issue 15)"
        sections.append(
            (
                cohort,
                "\n".join(
                    [
                        cohort,
                        "",
                        f"`python benchmarks/batch.py --large {args.large} --write`, {stamp}, "
                        f"{os.cpu_count()} cores, load average {load_before:.1f} before and "
                        f"{load_after:.1f} after (this run's own 20 pairs: ratio {ratio:.2f}).",
                        "",
                        f"{args.large} clients, {n} pairs, `careerlib run -j {args.jobs}` in "
                        f"{seconds:.0f} s ({seconds / n:.2f} s a pair); memory peak of the whole "
                        f"tree {peaks['rss']:.0f} MiB summed RSS, {peaks['pss']:.0f} MiB summed "
                        f"PSS ({peaks['processes']:.0f} processes at most).",
                        "",
                    ]
                ),
            )
        )
    for _, text in sections:
        print(text)
    if args.write:
        from results import write_section

        # each section is replaced on its own: a run without --large keeps the cohort's
        for title, text in sections:
            write_section(title, text)


if __name__ == "__main__":
    main()
