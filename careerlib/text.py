"""Plain text for the terminal: the schedule table with its verdict, the weekly load."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from careerlib._text import clip, plural

if TYPE_CHECKING:
    from careerlib.scheduler import Schedule

__all__ = ["load_table", "schedule_table"]


def schedule_table(result: Schedule, *, title_width: int = 38) -> str:
    """The schedule as a table (step, title, start, finish, slack, critical) and the verdict.

    Slack is in working days; a ``*`` in the last column marks a critical step
    and ``◆`` a milestone.
    """
    starts = np.datetime_as_string(result.start, unit="D").tolist()
    finishes = np.datetime_as_string(result.finish, unit="D").tolist()
    id_width = max([4, *(len(i) for i in result.ids)])
    title_width = min(title_width, max([5, *(len(s.title or "") for s in result.steps)]))
    head = (
        f"{'step':<{id_width}}  {'title':<{title_width}}  "
        f"{'start':<10}  {'finish':<10}  {'slack':>5}  critical"
    )
    lines = [
        f"{result.title}" + (f"  (route {result.route})" if result.route else ""),
        f"start {result.first_day}   target {result.target}   owner {result.plan.owner or '-'}",
        "",
        head,
        "-" * len(head),
    ]
    for k, step in enumerate(result.steps):
        mark = "◆ " if result.milestone[k] else ""
        title = clip(mark + (step.title or ""), title_width)
        lines.append(
            f"{result.ids[k]:<{id_width}}  {title:<{title_width}}  {starts[k]}  {finishes[k]}  "
            f"{int(result.slack_days[k]):>5}  {'*' if result.critical[k] else ''}"
        )
    lines += ["", result.verdict]
    return "\n".join(lines)


def load_table(result: Schedule) -> str:
    """The weekly load: hours planned against capacity for every week [hours].

    A ``!`` marks a week with more hours planned than the client has (work the
    back-schedule needs before the start); the last line says how many more
    hours a week would make the target when the plan is late.
    """
    load = result.load
    if load is None:
        return "No step has an effort in hours: there is no weekly load to show."
    weeks = np.datetime_as_string(load.week, unit="D").tolist()
    head = f"{'week of':<10}  {'planned':>8}  {'capacity':>8}  {'left':>7}"
    per_week = result.plan.calendar.hours_per_week
    lines = [f"Weekly load, hours ({per_week:g} h/week)", head, "-" * len(head)]
    planned, capacity = load.planned_hours.tolist(), load.capacity_hours.tolist()
    over = load.over.tolist()
    for w, p, c, o in zip(weeks, planned, capacity, over, strict=True):
        lines.append(f"{w:<10}  {p:>8.1f}  {c:>8.1f}  {c - p:>7.1f}" + ("  !" if o else ""))
    lines.append("-" * len(head))
    total_p, total_c = float(load.planned_hours.sum()), float(load.capacity_hours.sum())
    lines.append(f"{'total':<10}  {total_p:>8.1f}  {total_c:>8.1f}  {total_c - total_p:>7.1f}")
    if any(over):
        lines.append(f"{plural(sum(over), 'week')} over capacity (marked !).")
    if not result.feasible:
        extra = result.extra_hours_per_week
        lines.append(
            "More hours a week alone would not make the target."
            if extra is None
            else f"{extra:g} more hours a week would make the target."
        )
    return "\n".join(lines)
