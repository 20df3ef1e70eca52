"""Plain text for the terminal: the schedule table with its verdict, the weekly load,
the summary of the gap analyses and the practice roster.

Imports stay light at module level (``careerlib schedule`` loads this module):
pandas and the analyses are imported by the function that needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from careerlib._text import clip, one_line, plural

if TYPE_CHECKING:
    from careerlib.gaps import GapReport
    from careerlib.roster_status import Roster
    from careerlib.scheduling.scheduler import Schedule
    from careerlib.scheduling.status import StatusSchedule

__all__ = [
    "load_table",
    "occupations_text",
    "report_text",
    "roster_text",
    "schedule_table",
    "status_table",
]


def schedule_table(result: Schedule, *, title_width: int = 38) -> str:
    """The schedule as a table (step, title, start, finish, slack, critical) and the verdict.

    Slack is in working days; a ``*`` in the last column marks a critical step
    and ``◆`` a milestone.
    """
    starts = np.datetime_as_string(result.start, unit="D").tolist()
    finishes = np.datetime_as_string(result.finish, unit="D").tolist()
    id_width = max([4, *(len(i) for i in result.ids)])
    # titles come from the client's file: escape sequences are shown, not obeyed,
    # before the column is measured (the table stays aligned)
    titles = [one_line(s.title or "") for s in result.steps]
    title_width = min(title_width, max([5, *(len(t) for t in titles)]))
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
    for k, text in enumerate(titles):
        mark = "◆ " if result.milestone[k] else ""
        title = clip(mark + text, title_width)
        lines.append(
            f"{result.ids[k]:<{id_width}}  {title:<{title_width}}  {starts[k]}  {finishes[k]}  "
            f"{int(result.slack_days[k]):>5}  {'*' if result.critical[k] else ''}"
        )
    lines += ["", result.verdict]
    return "\n".join(lines)


def status_table(result: StatusSchedule, *, title_width: int = 34) -> str:
    """The plan on its status date as a table, and the verdict in plain words.

    One row a step: how much is done (``done`` for a finished step), the
    working days left, the forecast dates (as soon as possible from the
    resume day), the latest dates (back-scheduled from the target), the slack
    [working days] and a ``*`` for a critical step; a done step has no dates.
    """
    from careerlib._text import day_text

    def iso(values: np.ndarray) -> list[str]:
        return ["-" if t == "NaT" else t for t in np.datetime_as_string(values, unit="D").tolist()]

    columns = [iso(a) for a in (result.early_start, result.early_finish)]
    columns += [iso(a) for a in (result.start, result.finish)]
    id_width = max([4, *(len(i) for i in result.ids)])
    titles = [one_line(s.title or "") for s in result.steps]
    title_width = min(title_width, max([5, *(len(t) for t in titles)]))
    head = (
        f"{'step':<{id_width}}  {'title':<{title_width}}  {'done':>5}  {'left':>4}  "
        f"{'forecast start':<14}  {'forecast end':<12}  {'latest start':<12}  "
        f"{'latest end':<10}  {'slack':>5}  critical"
    )
    route = f"  (route {result.route})" if result.route else ""
    lines = [
        f"{result.title}{route}",
        f"status on {day_text(result.as_of)} (work resumes {day_text(result.resume)})   "
        f"target {day_text(result.target)}   owner {result.plan.owner or '-'}",
        "",
        head,
        "-" * len(head),
    ]
    slack = result.slack_days.tolist()
    for k, text in enumerate(titles):
        share = float(result.done[k])
        done = "done" if result.is_done[k] else "-"
        if not result.is_done[k] and share > 0 and not result.milestone[k]:
            done = f"{100 * share:.0f}%"
        left = "-" if result.is_done[k] else str(int(result.remaining_days[k]))
        es, ef, ls, lf = (c[k] for c in columns)
        s = "-" if slack[k] != slack[k] else str(int(slack[k]))
        lines.append(
            f"{result.ids[k]:<{id_width}}  "
            f"{clip(('◆ ' if result.milestone[k] else '') + text, title_width):<{title_width}}  "
            f"{done:>5}  {left:>4}  {es:<14}  {ef:<12}  {ls:<12}  {lf:<10}  {s:>5}  "
            f"{'*' if result.critical[k] else ''}"
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


def report_text(report: GapReport) -> str:
    """A plain-text summary of a :class:`GapReport` for the terminal."""
    import pandas as pd

    from careerlib.gaps import weighted_mean_gap

    lines = [f"Gap analyses for {report.client.name}, as of {report.as_of}", ""]
    skills = report.skills
    lines.append(
        f"Skills against {report.role.title} (O*NET {report.role.code}): "
        f"weighted mean gap {weighted_mean_gap(skills):.2f} level points"
    )
    for name, row in skills[skills["gap"] > 0].head(10).iterrows():
        steps = ", ".join(row["steps"]) or "NO STEP ADDRESSES THIS GAP"
        mine = "unrated" if pd.isna(row["client"]) else f"{row['client']:.1f}"
        lines.append(
            f"  {name:<42} required {row['required']:.1f}  client {mine:>7}  "
            f"weighted gap {row['weighted_gap']:.2f}  <- {steps}"
        )
    unaddressed = skills.index[skills["status"] == "unaddressed"].tolist()
    if unaddressed:
        lines.append(f"  Unaddressed gaps: {', '.join(unaddressed)}")
    if report.peers is not None:
        lines += ["", "Peers (better-than share in the better direction):"]
        for _, row in report.peers.iterrows():
            lines.append(
                f"  {row['label']:<42} {row['value']:>10g} {row['unit']:<9} "
                f"median {row['median']:>9g}  "
                f"better than {row['better_than']:>3.0f}%  z {row['z']:+.2f}  {row['standing']}"
            )
    for route, t in report.time.items():
        name = f" (route {route})" if route else ""
        lines += [
            "",
            f"Time{name}: {t.days_needed} working days needed, {t.days_left} left "
            f"to {t.target}. {t.verdict}",
        ]
        if not t.feasible:
            for sid, row in t.critical.iterrows():
                if row["shrink_days"] > 0:
                    alone = "enough alone" if row["enough_alone"] else "not enough alone"
                    lines.append(f"  shrink {sid} by {row['shrink_days']} working days ({alone})")
    if report.tracking is not None:
        tr = report.tracking
        lines += [
            "",
            f"Where the client stands at {tr.as_of} (baseline '{tr.baseline.name}'):",
            f"  {tr.verdict}",
            f"  {tr.checkin_sentence}",
        ]
        lines += [f"  {u.sentence}" for u in tr.upcoming()[:5]]
        if tr.behind_steps:
            lines.append(f"  behind their latest plan: {', '.join(tr.behind_steps)}")
        if tr.new_steps:
            lines.append(f"  added after the baseline: {', '.join(tr.new_steps)}")
    if report.alignment is not None:
        a = report.alignment
        lines += ["", "Goal alignment: " + ("aligned" if a.aligned else "loose ends")]
        if a.orphan_goals:
            lines.append(f"  goals serving nothing above them: {', '.join(a.orphan_goals)}")
        if a.unserved_goals:
            lines.append(f"  goals no step serves: {', '.join(a.unserved_goals)}")
        if a.steps_without_goal:
            lines.append(f"  steps serving no goal: {', '.join(a.steps_without_goal)}")
        for goal, supported in a.points_down:
            lines.append(
                f"  {goal} supports {supported}, a goal at the same or a lower level (points down)"
            )
    lines += ["", *occupations_text(report)]
    from careerlib.onet import ATTRIBUTION

    lines += ["", ATTRIBUTION]
    return "\n".join(lines)


def occupations_text(report: GapReport) -> list[str]:
    """The occupations worth considering, each with its score, its parts and its reason."""
    import pandas as pd

    lines = [
        "O*NET occupations worth considering "
        "(score 0-100 = skills + interests + job zone + related):",
        f"  {report.occupations_note}",
    ]
    for rank, row in report.occupations.iterrows():
        parts = " + ".join(
            "-" if pd.isna(row[c]) else f"{row[c]:.0f}"
            for c in ("skills_points", "interest_points", "zone_points", "related_points")
        )
        lines += [
            f"  {rank:>2}. {row['title']} ({row['code']}): {row['score']:.0f} = {parts}",
            f"      {row['reason']}",
            f"      brings {', '.join(row['transferable']) or '-'}; "
            f"largest gaps {', '.join(row['largest_gaps']) or 'none'}",
        ]
    return lines


def roster_text(result: Roster, *, width: int = 30) -> str:
    """The practice roster as a table, attention first, then the summary and the files not read.

    One row a client (see :func:`careerlib.tables.roster_table`); text
    columns are cut to ``width`` characters.
    """
    from careerlib.tables import roster_table

    table = roster_table(result).cells
    lines = [f"The practice on {result.as_of}", ""]
    if len(table):
        cells = [[clip(str(v), width) for v in row] for row in table.itertuples(index=False)]
        cols = list(table.columns)
        widths = [max(len(c), *(len(r[k]) for r in cells)) for k, c in enumerate(cols)]
        right = {cols.index("Gaps no step addresses")}

        def line(values: list[str]) -> str:
            return "  ".join(
                f"{v:>{w}}" if k in right else f"{v:<{w}}"
                for k, (v, w) in enumerate(zip(values, widths, strict=True))
            ).rstrip()

        head = line(cols)
        lines += [head, "-" * len(head), *(line(r) for r in cells), ""]
    lines.append(result.summary)
    for _, message in result.problems:
        lines.append(f"not read: {message}")
    return "\n".join(lines)
