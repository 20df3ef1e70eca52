"""Benchmark: how fast the coach console redraws a 200-step plan after a change.

Run ``.venv/bin/python benchmarks/widgets.py`` (``--write`` also records the
figures in ``benchmarks/RESULTS.md``). Target (issue 6): a change redraws in
under 300 ms.

One "change" is what a control's handler does: the what-if function (a new
validated plan), the schedule, the Gantt figure, the chart's output replaced
and the controls shown again. It is timed twice: in this process (widgets
without a frontend: no messages are built) and inside an ipykernel started for
the purpose, where every widget has a comm, so the update messages to the
browser (the traces and layout as JSON) are built and sent as in JupyterLab.
The browser's own drawing is not included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # also when loaded by file inside a kernel
from results import write_section  # noqa: E402

HEADING = "## Coach console (issue 6)"
TARGET_S = 0.3
STEPS = 200


def big_plan(n: int = STEPS, seed: int = 6) -> Any:
    """A random plan of ``n`` steps (``generate.plan_text``) with two routes and some efforts."""
    sys.path.insert(0, str(HERE))
    from generate import plan_text

    from careerlib.planfile import parse_plan, plan_from_data

    plan = parse_plan(plan_text(n, seed=seed))
    data = plan.model_dump(mode="python", by_alias=True, exclude_defaults=True)
    data["routes"] = [
        {"id": "inside", "title": "Stay in the sector"},
        {"id": "outside", "title": "Change sector"},
    ]
    data["calendar"]["hours_per_week"] = 10
    for i, step in enumerate(data["steps"]):
        if i >= n - n // 4:  # the last quarter splits between the two routes
            step["route"] = "inside" if i % 2 else "outside"
        if i % 20 == 7 and "duration" in step:  # some steps given in hours
            del step["duration"]
            step["effort"] = "40h"
    return plan_from_data(data)


def _time(func: Callable[[], Any]) -> float:
    began = time.perf_counter()
    func()
    return time.perf_counter() - began


def measure(repeat: int = 7) -> dict[str, float]:
    """Median seconds per change, by control (and the first explorer build)."""
    from careerlib.console.explorers import PlanExplorer

    plan = big_plan()
    out: dict[str, float] = {}
    began = time.perf_counter()
    explorer = PlanExplorer(plan)
    out["explorer built (first gantt in the process)"] = time.perf_counter() - began
    step = next(s.id for s in plan.steps if s.duration is not None)
    targets = [plan.target + dt.timedelta(days=d) for d in (30, -30)]
    durations = [3, 25]
    routes = ["inside", "outside", ""]
    hours = [20.0, 8.0]
    assert explorer.route_picker is not None and explorer.hours_slider is not None
    explorer.step_picker.value = step
    changes: dict[str, Callable[[int], None]] = {
        "target date": lambda k: setattr(explorer.target_picker, "value", targets[k % 2]),
        "step duration": lambda k: setattr(explorer.duration_field, "value", durations[k % 2]),
        "route": lambda k: setattr(explorer.route_picker, "value", routes[k % 3]),
        "hours a week": lambda k: setattr(explorer.hours_slider, "value", hours[k % 2]),
    }
    every: list[float] = []
    for name, change in changes.items():
        times = [_time(lambda k=k, change=change: change(k)) for k in range(repeat)]
        assert "careerlib-verdict-text" in explorer.verdict.value, explorer.message.value
        out[name] = statistics.median(times)
        every += times
    out["any change, median"] = statistics.median(every)
    out["any change, slowest"] = max(every)
    out["steps shown [count]"] = float(len(explorer.schedule))
    return out


_KERNEL_CODE = """
import importlib.util, json
spec = importlib.util.spec_from_file_location("careerlib_bench_widgets", {path!r})
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
print("RESULT" + json.dumps(bench.measure({repeat})))
"""


def measure_in_kernel(repeat: int = 7) -> dict[str, float]:
    """:func:`measure` run inside a fresh ipykernel (widgets with comms, messages sent)."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        output: list[str] = []
        sent = [0]
        code = _KERNEL_CODE.format(path=str(Path(__file__).resolve()), repeat=repeat)

        def collect(msg: dict[str, Any]) -> None:
            if msg["msg_type"] == "comm_msg":
                sent[0] += 1
            elif msg["msg_type"] == "stream":
                output.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                output.append("\n".join(msg["content"]["traceback"]))

        reply = kc.execute_interactive(code, timeout=600, output_hook=collect)
        text = "".join(output)
        if reply["content"]["status"] != "ok" or "RESULT" not in text:
            raise RuntimeError(f"the kernel run failed:\n{text[-3000:]}")
        result: dict[str, float] = json.loads(text.split("RESULT", 1)[1])
        result["widget messages sent to the frontend [count]"] = float(sent[0])
        return result
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _report(local: dict[str, float], kernel: dict[str, float]) -> str:
    when = time.strftime("%Y-%m-%d")
    lines = [
        HEADING,
        "",
        f"`python benchmarks/widgets.py --write`, {when}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs. A random plan of {STEPS} steps (`generate.plan_text`, seed 6) "
        "with two routes over its last quarter and a step in hours every twenty. A change is "
        "what a control's handler does: the what-if plan, the schedule, the Gantt figure, the "
        "chart's output replaced and the controls shown again. Medians of the "
        "changes of each control (alternating values); the browser's own drawing is not "
        "included.",
        "",
        "| measure | in this process | in an ipykernel (messages sent) | target |",
        "| --- | --- | --- | --- |",
    ]
    for name in [*local, *(k for k in kernel if k not in local)]:
        value, other = local.get(name, float("nan")), kernel.get(name, float("nan"))
        if "[" in name:
            mine = "" if value != value else f"{value:,.0f}"  # NaN: not measured here
            lines.append(f"| {name} | {mine} | {other:,.0f} | |")
            continue
        target = ""
        if name.startswith("any change, median"):
            worst = max(value, other)
            target = f"< {TARGET_S} s: {'met' if worst < TARGET_S else 'MISSED'}"
        lines.append(f"| {name} | {value:.3f} s | {other:.3f} s | {target} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--write", action="store_true", help="record the figures in benchmarks/RESULTS.md"
    )
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    local = measure(args.repeat)
    kernel = measure_in_kernel(args.repeat)
    section = _report(local, kernel)
    print(section)
    if args.write:
        print(f"written to {write_section(HEADING, section)}")
    worst = max(local["any change, median"], kernel["any change, median"])
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
