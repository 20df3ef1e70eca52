"""Plain text for the terminal: the schedule table with its verdict, the weekly load,
the summary of the gap analyses and the practice roster.

Imports stay light at module level (``careerlib schedule`` loads this module):
pandas and the analyses are imported by the function that needs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from careerlib._text import clip, day_text, one_line, plural

if TYPE_CHECKING:
    from careerlib.gaps import GapReport, TimeGap
    from careerlib.roster_status import Roster
    from careerlib.scheduling.scheduler import Schedule
    from careerlib.scheduling.status import StatusSchedule
    from careerlib.tracking import JournalEntry
    from careerlib.tracking.diff import PlanDiff
    from careerlib.tradeoff import CheapestWay, MovedStep

__all__ = [
    "checkins_text",
    "load_table",
    "occupations_text",
    "options_text",
    "plan_diff_text",
    "report_text",
    "roster_text",
    "schedule_table",
    "status_table",
    "time_text",
]

#: U+0336 COMBINING LONG STROKE OVERLAY: written after each character, strikes it through.
_STRIKE = "\u0336"


def schedule_table(result: Schedule, *, title_width: int = 38) -> str:
    """The schedule as a table (step, title, start, finish, slack, critical) and the verdict.

    Slack is in working days; a ``*`` in the last column marks a critical step
    and ``◆`` a milestone.
    """
    starts, finishes = _days(result.start), _days(result.finish)
    id_width = max([4, *(len(i) for i in result.ids)])
    # titles come from the client's file: escape sequences are shown, not obeyed,
    # before the column is measured (the table stays aligned)
    titles = [one_line(s.title or "") for s in result.steps]
    title_width = min(title_width, max([5, *(len(t) for t in titles)]))
    head = (
        f"{'step':<{id_width}}  {'title':<{title_width}}  "
        f"{'start':<11}  {'finish':<11}  {'slack':>5}  critical"
    )
    lines = [
        f"{result.title}" + (f"  (route {result.route})" if result.route else ""),
        f"start {day_text(result.first_day)}   target {day_text(result.target)}   "
        f"owner {result.plan.owner or '-'}",
        "",
        head,
        "-" * len(head),
    ]
    for k, text in enumerate(titles):
        mark = "◆ " if result.milestone[k] else ""
        title = clip(mark + text, title_width)
        lines.append(
            f"{result.ids[k]:<{id_width}}  {title:<{title_width}}  {starts[k]:<11}  "
            f"{finishes[k]:<11}  "
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
    columns = [_days(a) for a in (result.early_start, result.early_finish)]
    columns += [_days(a) for a in (result.start, result.finish)]
    id_width = max([4, *(len(i) for i in result.ids)])
    titles = [one_line(s.title or "") for s in result.steps]
    title_width = min(title_width, max([5, *(len(t) for t in titles)]))
    head = (
        f"{'step':<{id_width}}  {'title':<{title_width}}  {'done':>5}  {'left':>4}  "
        f"{'forecast start':<14}  {'forecast end':<12}  {'latest start':<12}  "
        f"{'latest end':<11}  {'slack':>5}  critical"
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
            f"{done:>5}  {left:>4}  {es:<14}  {ef:<12}  {ls:<12}  {lf:<11}  {s:>5}  "
            f"{'*' if result.critical[k] else ''}"
        )
    lines += ["", result.verdict]
    return "\n".join(lines)


def load_table(result: Schedule) -> str:
    """The weekly load: hours planned against capacity for every week [hours].

    A ``!`` marks a week with more hours planned than the client has (work the
    back-schedule needs before the start); the last line says how many more
    hours a week would make the target when the plan is late. On a status
    date, weeks before the status date are not listed one by one: the hours
    the latest dates put there are late, and are given as one line.
    """
    from careerlib.scheduling.status import StatusSchedule

    load = result.load
    if load is None:
        return "No step has an effort in hours: there is no weekly load to show."
    weeks = _days(load.week)
    head = f"{'week of':<11}  {'planned':>8}  {'capacity':>8}  {'left':>7}"
    per_week = result.plan.calendar.hours_per_week
    lines = [f"Weekly load, hours ({per_week:g} h/week)", head, "-" * len(head)]
    planned, capacity = load.planned_hours.tolist(), load.capacity_hours.tolist()
    over = load.over.tolist()
    past, resume = 0, result.first_day
    if isinstance(result, StatusSchedule):
        resume = result.resume
        # the Monday of the status date's week: earlier weeks are gone
        monday = (
            np.datetime64(result.resume, "D")
            - (np.datetime64(result.resume, "D").astype(int) + 3) % 7
        )
        past = int((load.week < monday).sum())
        if past:
            hours = float(load.planned_hours[:past].sum())
            lines.append(
                f"{'before':<11}  {hours:>8.1f}  {'':>8}  {'':>7}  ! due before "
                f"{day_text(result.resume)}: late"
            )
    for w, p, c, o in list(zip(weeks, planned, capacity, over, strict=True))[past:]:
        lines.append(f"{w:<11}  {p:>8.1f}  {c:>8.1f}  {c - p:>7.1f}" + ("  !" if o else ""))
    lines.append("-" * len(head))
    total_p, total_c = float(load.planned_hours.sum()), float(load.capacity_hours.sum())
    lines.append(f"{'total':<11}  {total_p:>8.1f}  {total_c:>8.1f}  {total_c - total_p:>7.1f}")
    if past:
        lines.append(
            f"The latest dates put {plural(past, 'week')} of this work before "
            f"{day_text(resume)}: that work is late (see the forecast above)."
        )
    if any(over[past:]):
        lines.append(f"{plural(sum(over[past:]), 'week')} over capacity (marked !).")
    if not result.feasible:
        extra = result.extra_hours_per_week
        lines.append(
            "More hours a week alone would not make the target."
            if extra is None
            else f"{extra:g} more hours a week would make the target."
        )
    return "\n".join(lines)


def options_text(result: CheapestWay, *, title_width: int = 34) -> str:
    """The cheapest way to the target: what to take, what it costs, the verdict, the dates.

    Days are working days (negative: the step gets shorter); costs are in the
    plan's currency.
    """
    before = result.before
    head = one_line(result.plan.title) + (f"  (route {result.route})" if result.route else "")
    when = "as written" if result.as_of is None else f"on {day_text(result.as_of)}"
    lines = [head, f"target {day_text(result.plan.target)}   {when}: {_state(before)}"]
    if result.budget is not None:
        lines[-1] += f"   budget {result.money(result.budget)}"
    lines += ["", result.sentence]
    if result.alternatives == 0 or before.feasible:
        return "\n".join(lines)
    if result.chosen:
        lines += ["", *_chosen_table(result, title_width)]
    lines += ["", f"New verdict: {result.after.verdict}"]
    moved = result.moved()
    if moved:
        lines += ["", *_moved_table(moved)]
    how = (
        "proven the best by the HiGHS solver"
        if result.proven
        else "the best found, NOT proven (the search stopped early: no set can leave the plan "
        f"less than {plural(result.bound_late_by_days, 'working day')} late)"
    )
    lines += [
        "",
        f"{plural(result.alternatives, 'alternative')} to choose from; this set is {how} "
        f"and was checked by scheduling it ({plural(result.candidates, 'set')} scheduled).",
    ]
    return "\n".join(lines)


def _days(values: np.ndarray) -> list[str]:
    """Days as a reader writes them (``3 Mar 2027``), ``-`` for none (NaT)."""
    days = np.asarray(values, dtype="datetime64[D]").astype(object).tolist()
    return ["-" if d is None else day_text(d) for d in days]


def _state(result: Schedule) -> str:
    if result.feasible:
        return "feasible"
    return f"late by {plural(result.late_by_days, 'working day')}"


def _chosen_table(result: CheapestWay, title_width: int) -> list[str]:
    chosen = result.chosen
    id_width = max([4, *(len(c.step) for c in chosen)])
    titles = [clip(one_line(c.title), title_width) for c in chosen]
    width = min(title_width, max([11, *(len(t) for t in titles)]))
    costs = [result.money(c.cost) for c in chosen]
    total = result.money(result.cost)
    money_width = max([4, len(total), *(len(c) for c in costs)])
    head = f"{'step':<{id_width}}  {'take':<{width}}  {'days':>5}  {'cost':>{money_width}}"
    out = [head, "-" * len(head)]
    for c, title, cost in zip(chosen, titles, costs, strict=True):
        out.append(f"{c.step:<{id_width}}  {title:<{width}}  {c.days:>+5d}  {cost:>{money_width}}")
    out += ["-" * len(head), f"{'total':<{id_width + width + 9}}  {total:>{money_width}}"]
    return out


def _moved_table(moved: Sequence[MovedStep]) -> list[str]:
    id_width = max([4, *(len(m.id) for m in moved)])
    head = f"{'step':<{id_width}}  {'latest start':<26}  latest finish"
    out = ["Dates that move", head, "-" * (len(head) + 13)]
    for m in moved:
        start, finish = _moved(m.start, m.new_start), _moved(m.finish, m.new_finish)
        out.append(f"{m.id:<{id_width}}  {start:<26}  {finish}")
    return out


def report_text(report: GapReport) -> str:
    """A plain-text summary of a :class:`GapReport` for the terminal."""

    from careerlib.gaps import ask_client, weighted_mean_gap

    lines = [f"Gap analyses for {report.client.name}, as of {day_text(report.as_of)}", ""]
    skills = report.skills
    unknown = ask_client(skills)
    head = f"Skills against {report.role.title} (O*NET {report.role.code}): "
    if len(unknown) == len(skills):
        lines.append(head + "no skill rated yet, so no gap can be measured")
    else:
        lines.append(
            head + f"weighted mean gap {weighted_mean_gap(skills):.2f} level points over the "
            f"{len(skills) - len(unknown)} skills the client rated"
            + (f" ({len(unknown)} not rated)" if unknown else "")
        )
    for name, row in skills[skills["gap"] > 0].head(10).iterrows():
        steps = ", ".join(row["steps"]) or "NO STEP ADDRESSES THIS GAP"
        mine = f"{row['client']:.1f}"
        lines.append(
            f"  {name:<42} required {row['required']:.1f}  client {mine:>7}  "
            f"weighted gap {row['weighted_gap']:.2f}  <- {steps}"
        )
    unaddressed = skills.index[skills["status"] == "unaddressed"].tolist()
    if unaddressed:
        lines.append(f"  Unaddressed gaps: {', '.join(unaddressed)}")
    if unknown:
        lines.append(f"  Ask the client (not rated, so not counted as gaps): {', '.join(unknown)}")
    if report.peers is not None:
        lines += [
            "",
            "Peers (better than: the share of peers beaten, in the direction that counts as "
            "better; z: standard deviations from the peers' mean, positive when better):",
        ]
        lines += _peer_lines(report.peers)
    client_route = getattr(report.client, "route", None)
    for route, t in report.time.items():
        lines += ["", *time_text(t, route, client_route)]
    if report.tracking is not None:
        tr = report.tracking
        lines += [
            "",
            f"Where the client stands on {day_text(tr.as_of)} (against {tr.baseline_label}):",
            f"  {tr.verdict}",
            f"  {tr.checkin_sentence}",
        ]
        if tr.plan_change is not None:
            lines.append(f"  {tr.plan_change.sentence}")
        lines += [f"  {u.sentence}" for u in tr.upcoming()[:5]]
        titles = {s.id: s.title for s in tr.steps}
        if tr.behind_steps:
            names = ", ".join(titles[s] for s in tr.behind_steps)
            lines.append(f"  behind their latest dates in {tr.baseline_label}: {names}")
        if tr.new_steps:
            names = ", ".join(titles[s] for s in tr.new_steps)
            lines.append(f"  added after {tr.baseline_label}: {names}")
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


def _peer_lines(peers: Any) -> list[str]:
    """One line a metric: the organization and the peers' median, both with the unit, the
    share of peers it beats and its z-score signed so that positive is better."""
    from careerlib.tables import fmt_measure, shared_decimals

    lines = []
    for _, row in peers.iterrows():
        decimals = shared_decimals([row["value"], row["q1"], row["median"], row["q3"]])
        value = fmt_measure(row["value"], row["unit"], decimals)
        median = fmt_measure(row["median"], row["unit"], decimals)
        z = row["z"] if row["better"] == "higher" else -row["z"]
        lines.append(
            f"  {row['label']:<42} {value:>14}  peers' median {median:>14}  "
            f"better than {row['better_than']:>3.0f}%  z {z:+.2f}  {row['standing']}"
        )
    return lines


def time_text(t: TimeGap, route: str | None, mine: str | None = None) -> list[str]:
    """The time gap of one route: working days of work against working days left, the
    verdict, and the critical steps that would have to shrink (by title)."""
    name = ""
    if route is not None:
        name = f" (route {route}, the client's)" if route == mine else f" (route {route})"
    left = (
        f"{plural(t.days_left, 'working day')} left to the target {day_text(t.target)}"
        if t.days_left or t.as_of <= t.target_day
        else f"the target {day_text(t.target)} has passed"
    )
    lines = [f"Time{name}: {plural(t.days_needed, 'working day')} of work, {left}. {t.verdict}"]
    if t.feasible:
        return lines
    lines.append(
        f"  To meet every date, the work left would have to shrink by "
        f"{plural(t.late_by_days, 'working day')}:"
    )
    for _, row in t.critical.iterrows():
        if row["shrink_days"] > 0:
            alone = "enough alone" if row["enough_alone"] else "not enough alone"
            lines.append(
                f"  shrink '{one_line(str(row['title']))}' by "
                f"{plural(int(row['shrink_days']), 'working day')} ({alone})"
            )
    return lines


def occupations_text(report: GapReport) -> list[str]:
    """The occupations worth considering, each with its score, its parts and its reason."""
    import pandas as pd

    from careerlib.tables import fmt_score

    frame = report.occupations
    ladder = bool(frame["ladder_points"].notna().any())
    step = ("ladder", "ladder_points") if ladder else ("job zone", "zone_points")
    lines = [
        "O*NET occupations worth considering "
        f"(score 0-100 = skills + interests + {step[0]} + related):",
        f"  {report.occupations_note}",
    ]
    for rank, row in frame.iterrows():
        parts = " + ".join(
            "-" if pd.isna(row[c]) else f"{row[c]:.0f}"
            for c in ("skills_points", "interest_points", step[1], "related_points")
        )
        lines += [
            f"  {rank:>2}. {row['title']} ({row['code']}): {fmt_score(row['score'])} = {parts}",
            f"      {row['reason']}",
            f"      brings {', '.join(row['transferable']) or '-'}; "
            f"largest gaps {', '.join(row['largest_gaps']) or 'none'}",
        ]
        if row["ask_client"]:
            lines.append(f"      ask the client about {', '.join(row['ask_client'])}")
    return lines


def roster_text(result: Roster, *, width: int = 30) -> str:
    """The practice roster as a table, attention first, then the summary and the files not read.

    One row a client (see :func:`careerlib.tables.roster_table`); text
    columns are cut to ``width`` characters.
    """
    from careerlib.tables import roster_table

    table = roster_table(result).cells
    lines = [f"The practice on {day_text(result.as_of)}", ""]
    if len(table):
        cols = list(table.columns)
        # "Slack or late" names a missed deadline's step: it gets three times the room
        room = [3 * width if c == "Slack or late" else width for c in cols]
        cells = [
            [clip(str(v), w) for v, w in zip(row, room, strict=True)]
            for row in table.itertuples(index=False)
        ]
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


def checkins_text(
    entries: Sequence[JournalEntry], *, change_width: int = 46, note_width: int = 36
) -> str:
    """A client's check-ins, numbered as ``--withdraw`` takes them, oldest recorded first.

    Columns: the number, the check-in date, what changed (each step's share,
    ``20%→45%`` from the share before that date), the note and when it was
    recorded (UTC). A withdrawn check-in is struck through and says when and
    why; a back-dated one is marked ``late``.
    """
    if not entries:
        return "No check-in recorded yet."
    changes = [clip(_what_changed(entries, e), change_width) for e in entries]
    notes = [clip(one_line(e.checkin.note or ""), note_width) for e in entries]
    cw = max([12, *(len(c) for c in changes)])
    nw = max([4, *(len(n) for n in notes)])
    head = f"{'#':>3}  {'date':<10}  {'what changed':<{cw}}  {'note':<{nw}}  recorded (UTC)"
    lines = [head, "-" * len(head)]
    for e, change, note in zip(entries, changes, notes, strict=True):
        c = e.checkin
        stamp = "-" if c.recorded is None else c.recorded[:16].replace("T", " ")
        cells = [(str(c.date), 10), (change, cw), (note, nw)]
        if e.withdrawn is None:
            row = "  ".join(f"{text:<{width}}" for text, width in cells)
            tail = stamp + ("  late: back-dated" if c.backdated else "")
        else:
            row = "  ".join(_struck(text) + " " * (width - len(text)) for text, width in cells)
            why = one_line(e.withdrawn.note) if e.withdrawn.note else ""
            tail = f"{stamp}  WITHDRAWN {e.withdrawn.recorded[:10]}" + (f": {why}" if why else "")
        lines.append(f"{e.number:>3}  {row}  {tail}".rstrip())
    withdrawn = sum(1 for e in entries if e.withdrawn is not None)
    late = sum(1 for e in entries if e.checkin.backdated)
    lines += [
        "",
        f"{plural(len(entries), 'check-in')}: {withdrawn} withdrawn (struck; the forecast "
        f"ignores them), {late} entered late (back-dated).",
    ]
    return "\n".join(lines)


def _struck(text: str) -> str:
    return "".join(ch + _STRIKE for ch in text)


def _what_changed(entries: Sequence[JournalEntry], entry: JournalEntry) -> str:
    """Each step's share in ``entry``, with the share before it where there was one."""
    key = (entry.checkin.date, entry.number)
    before: dict[str, float] = {}
    earlier = [e for e in entries if e.withdrawn is None and (e.checkin.date, e.number) < key]
    for e in sorted(earlier, key=lambda x: (x.checkin.date, x.number)):
        before.update(e.checkin.progress)
    parts = []
    for step, share in entry.checkin.progress.items():
        now = _pct(share)
        if step not in before:
            parts.append(f"{one_line(step)} {now}")
        elif abs(before[step] - share) < 1e-9:
            parts.append(f"{one_line(step)} {now} (same)")
        else:
            parts.append(f"{one_line(step)} {_pct(before[step])}→{now}")
    return ", ".join(parts)


def _pct(share: float) -> str:
    return "done" if share >= 1 - 1e-9 else f"{100 * share:.0f}%"


def plan_diff_text(diff: PlanDiff, *, all_steps: bool = False) -> str:
    """What changed between two versions of a plan, for the terminal.

    The two versions, the target, earliest finish and slack before and after,
    one row a changed step (every step with ``all_steps``): what changed, its
    length, the share done and its latest start before and after and how far
    that moved [working days, + later], then the changes in sentences.
    """
    o, n = diff.old.baseline, diff.new.baseline
    lines = [
        f"before: {one_line(diff.old.label)}  ({one_line(diff.old.source)})",
        f"after:  {one_line(diff.new.label)}  ({one_line(diff.new.source)})",
        "",
        f"target        {o.target}  ->  {n.target}  {_signed(diff.target_moved_days)}",
        f"finish        {o.finish}  ->  {n.finish}  {_signed(diff.finish_moved_days)}  (earliest)",
        f"slack         {o.slack_days:>10}  ->  {n.slack_days:>10}  working days",
        "",
    ]
    rows = list(diff.steps if all_steps else diff.changed_steps)
    if rows:
        lines += _diff_rows(rows)
    same = len(diff.steps) - len(diff.changed_steps)
    if not all_steps and same:
        lines += ["", f"{plural(same, 'step')} unchanged."]
    lines += ["", *diff.sentences()]
    return "\n".join(lines)


def _signed(days: int) -> str:
    return f"({days:+d} working days)" if days else "(unchanged)"


def _moved(before: Any, after: Any) -> str:
    """``3 Mar 2027 -> 17 Mar 2027``, or the one day when it does not move."""
    return day_text(before) if before == after else f"{day_text(before)} -> {day_text(after)}"


def _diff_rows(rows: Sequence[Any]) -> list[str]:
    from careerlib.tables import _done, _length

    ids = [one_line(r.id) for r in rows]
    changes = [clip(r.described, 40) for r in rows]
    cells = [
        [
            f"{_length(r.old)} -> {_length(r.new)}",
            f"{_done(r.old)} -> {_done(r.new)}",
            f"{_start(r.old)} -> {_start(r.new)}",
            "" if not r.start_moved_days else f"{r.start_moved_days:+d}",
        ]
        for r in rows
    ]
    heads = ["step", "change", "length", "done", "latest start", "moved"]
    columns = [ids, changes, *(list(c) for c in zip(*cells, strict=True))]
    widths = [max([len(h), *(len(v) for v in col)]) for h, col in zip(heads, columns, strict=True)]
    head = "  ".join(f"{h:<{w}}" for h, w in zip(heads, widths, strict=True)).rstrip()
    out = [head, "-" * len(head)]
    for values in zip(*columns, strict=True):
        out.append("  ".join(f"{v:<{w}}" for v, w in zip(values, widths, strict=True)).rstrip())
    return out


def _start(step: Any) -> str:
    from careerlib.tables import EMPTY

    return EMPTY if step is None or step.start is None else day_text(step.start)
