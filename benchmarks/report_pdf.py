"""Benchmark: ``careerlib report CLIENT -o x.pdf`` against ``-o x.html``, side by side (issue 26).

For every sample client, each round runs the whole command for the HTML and
for the PDF of the same report (the client's edition, ``--for client``), one
right after the other (the order swapped every round, so that neither always
runs on a machine warmed or loaded by the other), and prints the median and
best wall time of each with the ratio PDF / HTML (target: at most 1). Then
the CPU seconds each command costs, the Python process's and Chromium's (all
its processes, read from ``/proc`` just before the browser is closed): what
the PDF adds to the HTML's work, whatever the machine's load. Then, in one
process, the reports of all the sample clients one after another with
:func:`careerlib.report.write_reports` (one browser for all the PDFs) against
the same HTML reports. Last, one report again and again in a process with
everything imported and the browser running: the least a PDF can cost more
than the HTML with Chromium printing, whatever keeps the browser warm.

The machine's load average is printed before and after: on a shared machine
the figures are only comparable within one run.

Usage: ``python benchmarks/report_pdf.py [--rounds 5] [--write]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLIENTS = sorted((ROOT / "data" / "clients").glob("*.yaml"))
AS_OF = "2026-11-23"

sys.path.insert(0, str(ROOT / "benchmarks"))
from results import write_section  # noqa: E402


def run_command(client: Path, output: Path) -> float:
    """Wall seconds of one whole ``careerlib report`` process."""
    command = [str(BIN / "careerlib"), "report", str(client), "-o", str(output), "--as-of", AS_OF]
    command += ["--for", "client"]  # the same document as HTML and as PDF
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - start


def side_by_side(rounds: int, folder: Path) -> dict[str, dict[str, list[float]]]:
    """Per client, the wall times of the HTML and the PDF command, alternating."""
    times: dict[str, dict[str, list[float]]] = {}
    for client in CLIENTS:
        times[client.stem] = {"html": [], "pdf": []}
        run_command(client, folder / "warm.html")  # file cache, bytecode
        for i in range(rounds):
            order = ("html", "pdf") if i % 2 == 0 else ("pdf", "html")
            for kind in order:
                out = folder / f"{client.stem}.{kind}"
                times[client.stem][kind].append(run_command(client, out))
    return times


# runs `careerlib report` in this process; prints its CPU seconds and Chromium's as JSON
_CPU_PROBE = """
import json, os, resource, sys
import careerlib._printer as printer

def group_cpu(group):
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            total += sum(int(f) for f in fields[11:15]) / ticks
    return total

chromium = []
close = printer.Printer.close
def measured(self):
    started = self._started
    if started.done() and not started.cancelled() and started.exception() is None:
        chromium.append(group_cpu(started.result().browser.subprocess.pid))
    close(self)
printer.Printer.close = measured
from careerlib.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
used = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"python": used.ru_utime + used.ru_stime, "chromium": sum(chromium)}))
"""


def cpu_seconds(client: Path, folder: Path, rounds: int) -> dict[str, dict[str, float]]:
    """Median CPU seconds of the HTML and the PDF command for ``client``: the Python
    process's and Chromium's."""
    runs: dict[str, list[dict[str, float]]] = {"html": [], "pdf": []}
    for _ in range(rounds):
        for kind in runs:
            command = [sys.executable, "-c", _CPU_PROBE, "report", str(client)]
            command += ["-o", str(folder / f"cpu.{kind}"), "--as-of", AS_OF, "--for", "client"]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            runs[kind].append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {
        kind: {part: statistics.median(r[part] for r in rs) for part in ("python", "chromium")}
        for kind, rs in runs.items()
    }


def in_one_process(folder: Path) -> dict[str, float]:
    """Seconds for all the sample clients' reports in one process, as HTML and as PDF."""
    code = (
        "import datetime as dt, sys, time\n"
        "from pathlib import Path\n"
        "from careerlib.report import write_reports\n"
        "clients, folder, kind = sys.argv[1].split(','), Path(sys.argv[2]), sys.argv[3]\n"
        "jobs = [(c, folder / f'{Path(c).stem}.{kind}') for c in clients]\n"
        "day = dt.date(2026, 11, 23)\n"
        "write_reports(jobs[:1], as_of=day, edition='client')  # imports\n"
        "t = time.perf_counter()\n"
        "write_reports(jobs, as_of=day, edition='client')\n"
        "print(time.perf_counter() - t)\n"
    )
    names = ",".join(str(c) for c in CLIENTS)
    out = {}
    for kind in ("html", "pdf", "html", "pdf"):
        done = subprocess.run(
            [sys.executable, "-c", code, names, str(folder), kind],
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = float(done.stdout.strip().splitlines()[-1])
        out[kind] = min(out.get(kind, seconds), seconds)
    return out


_WARM = """
import datetime as dt, json, statistics, sys, time
from pathlib import Path
from careerlib._printer import Printer
from careerlib.report import write_report
client, folder, rounds = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
day = dt.date(2026, 11, 23)
times = {"html": [], "pdf": []}
def one(kind, printer):
    out = folder / f"warm.{kind}"
    write_report(client, out, as_of=day, printer=printer, edition="client")
with Printer() as printer:
    for kind in ("html", "pdf"):  # imports, plotly.js compiled, the client's files read
        one(kind, printer)
    for i in range(rounds):
        for kind in ("html", "pdf") if i % 2 == 0 else ("pdf", "html"):
            t = time.perf_counter()
            one(kind, printer)
            times[kind].append(time.perf_counter() - t)
print(json.dumps({kind: statistics.median(ts) for kind, ts in times.items()}))
"""


def with_a_warm_browser(client: Path, folder: Path, rounds: int) -> dict[str, float]:
    """Median seconds of one report as HTML and as PDF in a process that has imported
    everything, with the browser running and plotly.js compiled: what a browser kept
    between commands (a service) would leave of the PDF's extra time, at best."""
    command = [sys.executable, "-c", _WARM, str(client), str(folder), str(rounds)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="record in benchmarks/RESULTS.md")
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        times = side_by_side(args.rounds, Path(tmp))
        cpu = cpu_seconds(CLIENTS[0], Path(tmp), args.rounds)
        batch = in_one_process(Path(tmp))
        warm = with_a_warm_browser(CLIENTS[0], Path(tmp), 2 * args.rounds)
    load_after = os.getloadavg()
    rows = [
        "| client | HTML median s | PDF median s | PDF / HTML | HTML best s | PDF best s |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, t in times.items():
        h, p = statistics.median(t["html"]), statistics.median(t["pdf"])
        rows.append(
            f"| {name} | {h:.2f} | {p:.2f} | {p / h:.2f} | {min(t['html']):.2f} "
            f"| {min(t['pdf']):.2f} |"
        )
    n = len(CLIENTS)
    html, pdf = cpu["html"], cpu["pdf"]
    rows += [
        "",
        f"CPU seconds of one command ({CLIENTS[0].stem}, median of {args.rounds}): HTML "
        f"{html['python']:.2f} (Python); PDF {pdf['python']:.2f} (Python) + "
        f"{pdf['chromium']:.2f} (Chromium) = {pdf['python'] + pdf['chromium']:.2f}.",
        "",
        f"All {n} sample clients in one process (`write_reports`, best of two, after one "
        f"report that paid the imports): HTML {batch['html']:.2f} s, PDF {batch['pdf']:.2f} s "
        f"({batch['pdf'] / n:.2f} s a PDF with one browser for all, printing one while the "
        "next is made).",
        "",
        f"With the browser already running and everything imported ({CLIENTS[0].stem}, "
        f"one process, median of {2 * args.rounds}): HTML {warm['html']:.2f} s, PDF "
        f"{warm['pdf']:.2f} s, PDF / HTML {warm['pdf'] / warm['html']:.2f}; the PDF's "
        f"extra {warm['pdf'] - warm['html']:.2f} s is what a browser kept between "
        "commands would leave, at best.",
    ]
    table = "\n".join(rows)
    print(table)
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    if args.write:
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        section = (
            "## Report PDF against HTML (issue 26)\n\n"
            "`python benchmarks/report_pdf.py --write`: the whole `careerlib report CLIENT "
            f"-o x.html --for client` and `-o x.pdf --for client` commands, alternating, "
            f"{args.rounds} rounds a client. "
            f"Measured {stamp} on {platform.node() or 'this machine'} ({os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}), load average {load_before[0]:.1f} before "
            f"and {load_after[0]:.1f} after (the machine is shared).\n\n" + table + "\n"
        )
        write_section("## Report PDF against HTML (issue 26)", section)


if __name__ == "__main__":
    main()
