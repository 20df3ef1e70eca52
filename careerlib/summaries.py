"""Verdicts, questions and summaries as Markdown: what the notebooks say in words.

Each function returns an ``IPython.display.Markdown`` object: a notebook shows
it as formatted text (never ``print()`` output in a monospace block), and the
report document (:mod:`careerlib.report`) takes its ``.data`` (the Markdown
source) and renders it the same way. Anything a client or coach typed (names,
titles, notes) goes through :func:`md_escape`, so it reads as typed and can
never become markup or a script.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from IPython.display import Markdown

from careerlib.tables import fmt_date

if TYPE_CHECKING:
    import pandas as pd

    from careerlib.clients import Client
    from careerlib.gaps import Alignment, Progress, TimeGap
    from careerlib.onet import Role
    from careerlib.roster_status import Roster
    from careerlib.tracking import Tracking
    from careerlib.tracking.diff import PlanDiff
    from careerlib.tradeoff import CheapestWay

__all__ = [
    "alignment_summary",
    "diligence_summary",
    "exports_summary",
    "headline",
    "level_anchors_summary",
    "md_escape",
    "note",
    "options_summary",
    "plan_diff_summary",
    "progress_summary",
    "reassessment_summary",
    "rethink_summary",
    "roster_calls_summary",
    "roster_summary",
    "strategy_age_summary",
    "time_summary",
    "tracking_summary",
    "unaddressed_summary",
    "upcoming_summary",
    "work_done_summary",
]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&])")


def md_escape(text: object) -> str:
    """``text`` as literal Markdown: every character Markdown or HTML would read as
    markup backslash-escaped (CommonMark), so ``<script>`` shows as typed and never runs."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def note(text: str) -> Markdown:
    """One sentence made elsewhere (a verdict, a message), as Markdown that shows it as written."""
    return Markdown(md_escape(text))


def headline(profile: Client, role: Role, day: dt.date) -> Markdown:
    """Who, from which role to which, as of which day."""
    return Markdown(
        f"**{md_escape(profile.name)}**: {md_escape(profile.current_role)} → "
        f"{md_escape(role.title)}, as of {fmt_date(day)}"
    )


def diligence_summary(diligence: Mapping[str, Any]) -> Markdown:
    """The due diligence on the destination (``gaps.due_diligence``) and its questions."""
    occupation = diligence.get("occupation")
    lines = [
        f"**{md_escape(diligence['title'])}** (O\\*NET {md_escape(diligence['code'])}"
        + (f": {md_escape(occupation)}" if occupation else "")
        + ")",
        "",
    ]
    facts = [
        ("Preparation", diligence.get("job_zone_name")),
        ("Typical education", diligence.get("typical_education")),
        ("Experience", diligence.get("experience")),
    ]
    pct = diligence.get("education_pct")
    for name, value in facts:
        if value:
            more = (
                f" ({float(pct):.0f}% of incumbents)" if name == "Typical education" and pct else ""
            )
            lines.append(f"- *{name}:* {md_escape(value)}{more}")
    questions = list(diligence.get("questions") or [])
    if questions:
        lines += ["", "**Questions to look into:**", "", _bullets(md_escape(q) for q in questions)]
    return Markdown("\n".join(lines))


def time_summary(
    gaps: Mapping[str | None, TimeGap],
    route_titles: Mapping[str, str] | None = None,
    mine: str | None = None,
) -> Markdown:
    """The verdict on time for each route: working days of work against those left to
    the target (the verdict carries the lateness, with each figure for its own date).

    ``mine`` is the route the client follows, marked as such.
    """
    titles = route_titles or {}
    lines = []
    for route, gap in gaps.items():
        name = (
            "The whole plan" if route is None else f"Route *{md_escape(titles.get(route, route))}*"
        )
        if route is not None and route == mine:
            name += " (the client's route)"
        left = (
            f"{gap.days_left} working days left to the target"
            if gap.days_left or gap.as_of <= gap.target_day
            else "the target has passed"
        )
        lines.append(
            f"- {name}: **{md_escape(gap.verdict)}** {gap.days_needed} working days of work "
            f"left; {left}."
        )
    return Markdown("\n".join(lines) or "No route to count.")


def unaddressed_summary(skills: pd.DataFrame) -> Markdown:
    """The gaps no step of the plan addresses, loudly, or that every gap is addressed; then
    the skills nobody has rated yet (no gap: a question for the client)."""
    from careerlib.gaps import ask_client

    names = [str(n) for n in skills.index[skills["status"] == "unaddressed"]]
    if names:
        text = (
            f"**Gaps no step of the plan addresses ({len(names)}):** "
            + ", ".join(md_escape(n) for n in names)
            + ". Add a step for each, or agree why it can wait."
        )
    elif (skills["status"] == "not rated").all():
        text = "No skill is rated yet, so no gap can be measured."
    else:
        text = "Every gap of a rated skill is addressed by a step of the plan."
    unknown = ask_client(skills)
    if unknown:
        text += (
            f"\n\n**Ask the client ({len(unknown)} not rated yet, so not counted as gaps):** "
            + ", ".join(md_escape(n) for n in unknown)
            + "."
        )
    return Markdown(text)


def level_anchors_summary(skills: pd.DataFrame, anchors: Mapping[str, pd.DataFrame]) -> Markdown:
    """What O*NET's levels mean for the skills in ``anchors`` (name -> ``onet.level_anchors``)."""
    parts = []
    for name, frame in anchors.items():
        row = skills.loc[name]
        level = row["client"]
        says = (
            "the client has not rated it yet: ask"
            if level != level  # NaN: not rated
            else f"the client says {level:.1f}"
        )
        parts.append(f"**{md_escape(name)}**: the role needs {row['required']:.1f}, {says}.\n")
        parts.append(
            _bullets(
                f"level {level:g}: {md_escape(text)}"
                for level, text in zip(frame["level"], frame["description"], strict=True)
            )
            + "\n"
        )
    return Markdown("\n".join(parts) or "No skill to anchor.")


def reassessment_summary(changes: pd.DataFrame, count: int = 3) -> Markdown:
    """What moved most since the previous assessment, one line per kind of assessment
    (``changes`` is a :func:`careerlib.gaps.reassessment` frame)."""
    from careerlib.gaps import moved_most

    if changes.empty:
        return Markdown(
            "No assessment taken yet. The client can take them in the session (the "
            "Assessments panel of the console) or in a terminal: `careerlib assess CLIENT "
            "interests`, `values` or `skills`."
        )
    words = {
        "talent": "Talents",
        "interest": "Interests",
        "value": "Work values",
        "marketability": "Marketability",
        "skill": "Skills",
    }
    lines = []
    for kind, part in changes.groupby("kind", sort=False):
        moved = moved_most(part, count)
        now = md_escape(str(part["after_from"].iloc[0]))
        if part["before"].isna().all():
            lines.append(f"- {words[str(kind)]}: first taken ({now}); nothing to compare with.")
        elif moved.empty:
            since = md_escape(next(b for b in part["before_from"] if b))
            lines.append(f"- {words[str(kind)]} ({now}, since the {since}): nothing moved.")
        else:
            since = md_escape(str(moved["before_from"].iloc[0]))
            what = ", ".join(
                f"**{md_escape(str(r.name))} {r.change:+.1f}** ({r.before:g} → {r.after:g})"
                for r in moved.itertuples()
            )
            lines.append(f"- {words[str(kind)]} ({now}, since the {since}): {what}.")
    return Markdown("**What moved most since last time:**\n\n" + "\n".join(lines))


def alignment_summary(
    alignment: Alignment, step_titles: Mapping[str, str] | None = None
) -> Markdown:
    """The goal tree's loose ends, by goal and step title."""
    goals = dict(zip(alignment.goals.index, alignment.goals["title"], strict=True))
    steps = step_titles or {}

    def names(ids: Sequence[str], titles: Mapping[str, str]) -> str:
        return ", ".join(md_escape(titles.get(i, i)) for i in ids) or "none"

    return Markdown(
        _bullets(
            [
                f"Goals that serve nothing above them: {names(alignment.orphan_goals, goals)}",
                f"Goals no step serves: {names(alignment.unserved_goals, goals)}",
                f"Steps that serve no goal: {names(alignment.steps_without_goal, steps)}",
            ]
        )
    )


def progress_summary(progress: Progress, step_titles: Mapping[str, str] | None = None) -> Markdown:
    """What the last review reported (steps done, in progress, not started), and its age.

    ``step_titles`` is not needed any more (the steps carry their titles); it
    is accepted so that older notebooks still run.
    """
    review = fmt_date(progress.review_date) if progress.review_date else "no review yet"
    counts = progress.counts
    lines = [
        f"- Review of {review}: **{counts['done']}** steps done, "
        f"**{counts['in progress']}** in progress, {counts['not started']} not started.",
        f"- {md_escape(progress.message)}",
    ]
    return Markdown("\n".join(lines))


def options_summary(options: CheapestWay) -> Markdown:
    """The cheapest way to the target in one sentence: what to take, the days, the price.

    "**To meet the target:** take X for “step” (-40 working days, 12,000 EUR)."
    when the plan is late and a set of alternatives makes it; otherwise what
    the plan needs (nothing, or no set is enough, or it lists no alternatives).
    """
    if options.chosen and options.feasible:
        budget = "" if options.budget is None else f" within {options.money(options.budget)}"
        return Markdown(
            f"**To meet the target{md_escape(budget)}:** {md_escape(options.take_text())}. "
            f"{md_escape(options.after.verdict)}"
        )
    return Markdown(md_escape(options.sentence))


def rethink_summary(prompts: Sequence[str]) -> Markdown:
    """The questions to re-think the strategy, or the agreement when there are none."""
    if not prompts:
        return Markdown(
            "The plan is on track: agree the next checkpoint "
            "and the three steps to finish before it."
        )
    return Markdown("**Re-think the strategy:**\n\n" + _bullets(md_escape(p) for p in prompts))


def exports_summary(files: Sequence[Path]) -> Markdown:
    """The files a notebook wrote for the client to take home, with their sizes."""
    rows = ["| file | size |", "| --- | ---: |"]
    for path in files:
        rows.append(f"| {md_escape(path.name)} | {path.stat().st_size / 1024:,.0f} kB |")
    return Markdown("\n".join(rows))


def tracking_summary(track: Tracking) -> Markdown:
    """The one verdict at a check-in: the forecast (the status verdict's sentence), the
    progress against the baseline, each named, and how old the last check-in is."""
    facts = track.forecast.schedule.status_verdict
    lines = [f"**{md_escape(facts.sentence)}**", ""]
    if not facts.complete:
        lines.append(f"- {md_escape(track.progress_sentence)}")
    lines.append(f"- {md_escape(track.checkin_sentence)}")
    if track.plan_change is not None:
        lines[1:1] = ["", f"**{md_escape(track.plan_change.message(fmt_date))}**"]
    if track.new_steps:
        titles = {s.id: s.title for s in track.steps}
        lines.append(
            f"- Added since {md_escape(track.baseline_label)}: "
            + ", ".join(md_escape(titles.get(s, s)) for s in track.new_steps)
            + "."
        )
    return Markdown("\n".join(lines))


def plan_diff_summary(diff: PlanDiff) -> Markdown:
    """What changed between two versions of a plan: which two, then one line a kind of change."""
    head = (
        f"**Before:** {md_escape(diff.old.describe(fmt_date))}. "
        f"**After:** {md_escape(diff.new.describe(fmt_date))}."
    )
    return Markdown(head + "\n\n" + _bullets(md_escape(s) for s in diff.sentences(fmt_date)))


def strategy_age_summary(track: Tracking) -> Markdown:
    """How old the strategy is: the baseline it is measured against, the last check-in
    against the cadence, a change of the plan since the baseline, and the target's distance."""
    b = track.baseline
    age = (track.as_of - b.date).days
    if track.baseline_stored:
        head = (
            f"The strategy dates from **{fmt_date(b.date)}** (baseline "
            f"'{md_escape(b.name)}'), {_days(age)} before this session."
        )
    else:
        head = (
            f"No baseline was saved: the strategy is the plan as written, from its first day "
            f"(**{fmt_date(b.date)}**), {_days(age)} before this session."
        )
    target = track.plan.target
    ahead = (target - track.as_of).days
    when = (
        f"The target, {fmt_date(target)}, is {_days(ahead)} away."
        if ahead >= 0
        else f"The target, {fmt_date(target)}, passed {_days(-ahead)} ago."
    )
    lines = [head, "", f"- {md_escape(track.checkin_sentence)}", f"- {md_escape(when)}"]
    if track.plan_change is not None:
        lines.append(f"- **{md_escape(track.plan_change.message(fmt_date))}**")
    return Markdown("\n".join(lines))


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def work_done_summary(track: Tracking) -> Markdown:
    """What was done and what was not: the steps done, in progress (with the share) and
    not started, and those not started whose latest start has passed."""
    done = [s for s in track.steps if s.state == "done"]
    going = [s for s in track.steps if s.state == "in progress"]
    waiting = [s for s in track.steps if s.state == "not started"]
    late = [s for s in waiting if s.days_to_latest_start is not None and s.days_to_latest_start < 0]
    lines = [
        f"- **Done** ({len(done)}): "
        + (", ".join(md_escape(s.title) for s in done) or "nothing yet")
        + ".",
        f"- **In progress** ({len(going)}): "
        + (", ".join(f"{md_escape(s.title)} ({100 * s.actual:.0f}%)" for s in going) or "nothing")
        + ".",
        f"- **Not started** ({len(waiting)})"
        + (": " + ", ".join(md_escape(s.title) for s in waiting) if waiting else "")
        + ".",
    ]
    if late:
        lines.append(
            "- **Past their latest start, not started**: "
            + ", ".join(md_escape(s.title) for s in late)
            + "."
        )
    return Markdown("\n".join(lines))


def upcoming_summary(track: Tracking) -> Markdown:
    """The steps not started whose latest start falls within two weeks (or has passed)."""
    upcoming = track.upcoming()
    if not upcoming:
        return Markdown("No step has to start within the next ten working days.")
    return Markdown(_bullets(md_escape(u.sentence) for u in upcoming))


def roster_summary(roster: Roster) -> Markdown:
    """The practice in one line (how many clients in each status, how many stale),
    and the client files that could not be read."""
    lines = [md_escape(roster.summary)]
    lines += [f"- Not read: {md_escape(message)}" for _, message in roster.problems]
    return Markdown("\n\n".join(lines[:1]) + ("\n\n" + "\n".join(lines[1:]) if lines[1:] else ""))


def roster_calls_summary(roster: Roster) -> Markdown:
    """The clients to call this week, attention first, each with why and the verdict."""
    calls = roster.calls()
    if not calls:
        return Markdown("No client needs a call before the next review.")
    return Markdown(
        "\n".join(f"- **{md_escape(who)}**  \n  {md_escape(verdict)}" for who, verdict in calls)
    )
