"""Benchmark: the Gantt chart of a 200-step plan, built and exported (HTML, PNG).

Run ``.venv/bin/python benchmarks/gantt.py`` (``--write`` also records the
figures in ``benchmarks/RESULTS.md``). Targets (issue 3): figure built in under
0.5 s, PNG in under 5 s.

Measured: the schedule, the figure (the first build in the process, which pays
for plotly's lazy imports, and the median of the next ones), the HTML export,
the PNG export with a fresh browser (what ``careerlib gantt -o x.png`` pays),
and PNG exports inside ``image_server()`` (one browser for many images).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
from results import write_section  # noqa: E402

HEADING = "## Gantt chart (issue 3)"
TARGET_FIGURE_S = 0.5
TARGET_PNG_S = 5.0


def big_plan(n: int = 200) -> Any:
    """A plan of ``n`` steps: chains of ten with cross links, goals, milestones, deadlines."""
    from careerlib.models import Plan

    steps: list[dict[str, Any]] = []
    for i in range(n):
        step: dict[str, Any] = {"id": f"s{i:03d}", "title": f"Step {i}: a task of the career plan"}
        if i % 10 == 9:
            step["milestone"] = True
        else:
            step["duration"] = 1 + (i * 7) % 9
        if i % 10:
            step["after"] = [f"s{i - 1:03d}"]
            if i > 20 and i % 10 == 5:
                step["after"].append(f"s{i - 11:03d}")
        step["goal"] = f"g{(i // 10) % 4}"
        if i % 50 == 19:
            step["deadline"] = "2028-06-30"
        steps.append(step)
    goals = [{"id": f"g{k}", "title": f"Goal {k}", "level": "professional"} for k in range(4)]
    return Plan.model_validate(
        {
            "title": "A plan of 200 steps",
            "owner": "Benchmark",
            "start": "2027-01-04",
            "target": "2028-12-29",
            "calendar": {
                "holidays": ["2027-12-24", "2027-12-31"],
                "blackouts": [{"from": "2027-08-02", "to": "2027-08-13", "reason": "holiday"}],
            },
            "goals": goals,
            "steps": steps,
            "checkpoints": {"cadence": "monthly"},
        }
    )


def _time(func: Callable[[], Any]) -> float:
    began = time.perf_counter()
    func()
    return time.perf_counter() - began


def _median(func: Callable[[], Any], repeat: int) -> float:
    return statistics.median(_time(func) for _ in range(repeat))


def run(repeat: int = 5) -> dict[str, float]:
    import careerlib
    from careerlib import exports
    from careerlib.charts import gantt

    plan = big_plan(200)
    out: dict[str, float] = {}
    out["schedule"] = _median(lambda: careerlib.schedule(plan), repeat)
    result = careerlib.schedule(plan)
    out["figure, first build in the process"] = _time(lambda: gantt(result))
    out["figure"] = _median(lambda: gantt(result), repeat)
    fig = gantt(result)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out["HTML export (plotly.js inlined)"] = _median(
            lambda: exports.export(fig, folder / "g.html"), 3
        )
        out["HTML size [MB]"] = (folder / "g.html").stat().st_size / 1e6
        out["PNG export, fresh browser (as the CLI)"] = _median(
            lambda: exports.export(fig, folder / "g.png"), 3
        )
        out["PNG size [kB]"] = (folder / "g.png").stat().st_size / 1e3
        with exports.image_server():
            out["PNG export, first in image_server()"] = _time(
                lambda: exports.export(fig, folder / "g.png")
            )
            out["PNG export, next ones in image_server()"] = _median(
                lambda: exports.export(fig, folder / "g.png"), repeat
            )
        out["figure height [px]"] = float(fig.layout.height)
    return out


def _plotly_bytecode() -> bool:
    """Whether plotly's modules are compiled to bytecode (``__pycache__`` beside them)."""
    import plotly.graph_objs

    return (Path(plotly.graph_objs.__file__).parent / "layout" / "__pycache__").is_dir()


def _report(figures: dict[str, float]) -> str:
    when = time.strftime("%Y-%m-%d")
    cpu = os.cpu_count()
    bytecode = (
        "compiled"
        if _plotly_bytecode()
        else "NOT compiled (uv installs without it and this machine sets "
        "PYTHONDONTWRITEBYTECODE=1), so that import compiled plotly from source"
    )
    lines = [
        HEADING,
        "",
        f"`python benchmarks/gantt.py --write`, {when}, Python {platform.python_version()}, "
        f"{cpu} CPUs, Debian chromium via kaleido. A 200-step plan (chains of ten with cross "
        "links, 20 milestones, 4 deadlines, monthly checkpoints, a blackout and holidays). "
        "Times are medians of several runs unless marked first.",
        "",
        "The first build in a process pays for plotly's lazy imports; plotly's bytecode was "
        + bytecode
        + ".",
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
    ]
    for name, value in figures.items():
        if "[" in name:
            lines.append(f"| {name} | {value:,.1f} | |")
            continue
        target = ""
        if name == "figure":
            target = f"< {TARGET_FIGURE_S} s: {'met' if value < TARGET_FIGURE_S else 'MISSED'}"
        elif name.startswith("PNG export, fresh"):
            target = f"< {TARGET_PNG_S} s: {'met' if value < TARGET_PNG_S else 'MISSED'}"
        lines.append(f"| {name} | {value:.3f} s | {target} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--write", action="store_true", help="record the figures in benchmarks/RESULTS.md"
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    figures = run(args.repeat)
    section = _report(figures)
    print(section)
    if args.write:
        print(f"written to {write_section(HEADING, section)}")
    ok = (
        figures["figure"] < TARGET_FIGURE_S
        and figures["PNG export, fresh browser (as the CLI)"] < TARGET_PNG_S
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
