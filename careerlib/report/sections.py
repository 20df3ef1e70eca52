"""The parts of the client's document, for either edition (see :mod:`.editions`).

Each part is a function of the :class:`Page` (what the document shows, its
charts already drawn or being drawn, the edition) that returns HTML. The
client edition leaves out what is for the coach (the prompts to re-think,
the goal tree's loose ends, the ids), says its percentages of progress in a
sentence that explains them, and moves the long step tables to an appendix;
every sentence made by the analyses goes through :class:`ClientWords` there.
"""

from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careerlib import summaries, tables
from careerlib.report.editions import ClientWords, Edition
from careerlib.tables import fmt_date

if TYPE_CHECKING:
    from IPython.display import Markdown

    from careerlib.report.document import ReportContent
    from careerlib.tracking import Tracking

__all__ = [
    "Page",
    "appendix",
    "assessment",
    "changes",
    "checkin",
    "cover",
    "gaps_part",
    "roadmap",
]

#: Occupations the client edition lists (the coach's lists them all).
CLIENT_OCCUPATIONS = 5
#: Columns of the coach's tables the client edition leaves out (detail for the coach).
CLIENT_DROPS: dict[str, tuple[str, ...]] = {
    "skills": ("Kind", "Importance"),
    "occupations": ("Largest gaps", "Ask the client about"),
    "tracking": ("Planned by now (latest)", "Planned by now (earliest)"),
}

_TAGS = re.compile(r"(<[^>]+>)")


@dataclass(frozen=True)
class Page:
    """What every part needs: the content, the charts' markup by name, the edition."""

    content: ReportContent
    figures: dict[str, str]
    edition: Edition
    words: ClientWords

    @property
    def client(self) -> bool:
        return self.edition == "client"

    def say(self, text: str) -> str:
        """A sentence made by the analyses, in the client's words in the client edition."""
        return self.words(text) if self.client else text

    def md(self, markdown: Markdown | str) -> str:
        """Markdown from :mod:`careerlib.summaries` as HTML (raw HTML in it escaped); in
        the client edition its text in the client's words (after the Markdown is read, so
        that its escapes, such as ``2027\\-12\\-14``, are gone)."""
        import mistune

        text = markdown if isinstance(markdown, str) else str(markdown.data)
        render = mistune.create_markdown(escape=True, plugins=["table"])
        page = str(render(text))
        if not self.client:
            return page
        parts = _TAGS.split(page)
        return "".join(
            part if part.startswith("<") else html.escape(self.words(html.unescape(part)), False)
            for part in parts
        )

    def table(self, table: tables.Table, kind: str = "") -> str:
        """A reader table; in the client edition its cells in the client's words, without
        the columns of ``kind`` the client does not need (:data:`CLIENT_DROPS`)."""
        if self.client:
            cells = table.cells.map(lambda v: self.words(v) if isinstance(v, str) else v)
            drop = [c for c in CLIENT_DROPS.get(kind, ()) if c in cells.columns]
            table = dataclasses.replace(table, cells=cells.drop(columns=drop))
        return table.to_html()


def cover(p: Page) -> str:
    """The cover: who, the target, the route and the verdict (no page number)."""
    c = p.content
    target = fmt_date(c.plan.target) if c.plan is not None else tables.EMPTY
    rows = [
        ("Client", c.profile.name),
        ("Coach", c.coach or tables.EMPTY),
        ("Date", fmt_date(c.as_of)),
        ("Target", f"{c.role.title}, by {target}"),
    ]
    if c.plan is not None and c.profile.route:
        rows.append(("Route", c.route_titles.get(c.profile.route, c.profile.route)))
    if not p.client:
        rows.append(("Edition", "Coach's edition: with the step ids and the questions to ask"))
    items = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in rows)
    state = "ok" if c.checkin.feasible else "late"
    verdict = html.escape(_verdict(p))
    progress = ""
    if p.client and c.checkin.tracking is not None:
        progress = f"<p>{html.escape(progress_in_words(c.checkin.tracking))}</p>"
    return (
        "<section class='cover'>"
        "<div class='kicker'>Career plan</div>"
        f"<h1>{html.escape(c.profile.name)}</h1>"
        f"<div class='move'>{html.escape(c.profile.current_role)} → "
        f"{html.escape(c.role.title)}</div>"
        f"<dl>{items}</dl>"
        f"<div class='verdict {state}'><strong>Verdict:</strong> {verdict}{progress}</div>"
        "</section>"
    )


def _verdict(p: Page) -> str:
    """The cover's verdict; in the client edition without the progress in jargon (the
    sentence that explains the progress follows it)."""
    c = p.content
    text = c.checkin.verdict
    track = c.checkin.tracking
    if p.client and track is not None:
        text = " ".join(text.replace(track.progress_sentence, "").split())
    return p.say(text)


def progress_in_words(track: Tracking) -> str:
    """The work done against the plan, with what its percentages mean."""
    e = track.earned
    done, late, early = (round(100 * x) for x in (e.earned, e.planned_late, e.planned_early))
    head = (
        f"{done}% of the plan's work is done (each step counted by its working days). "
        f"By now the plan expected between {late}% (every step starting as late as it can) "
        f"and {early}% (every step starting as early as it can)"
    )
    if late == early:  # one figure: the plan expected the same either way (all, once late)
        head = (
            f"{done}% of the plan's work is done (each step counted by its working days). "
            f"By now the plan expected {late}%, however early or late each step started"
        )
    if e.classification == "ahead":
        return f"{head}: ahead of even the earliest schedule."
    if e.classification == "behind" and late == early:
        return f"{head}: behind by about {e.slip_days:.0f} working days."
    if e.classification == "behind":
        return f"{head}: behind even the latest schedule, by about {e.slip_days:.0f} working days."
    return f"{head}: on plan." if late == early else f"{head}: within that range, on plan."


def assessment(p: Page) -> str:
    """1. Where the client stands: the self-assessment, the destination, the obstacles."""
    c = p.content
    out = [
        "<section class='part'><h2>1. Where you stand</h2>",
        p.md(summaries.headline(c.profile, c.role, c.as_of)),
        "<h3>Talents, interests and motivating forces</h3>",
        p.figures["assessment"],
    ]
    if p.client:
        out.append("<p class='note'>Every rating, with its note, is in the appendix.</p>")
    else:
        out.append(p.table(tables.assessment_table(c.assessment)))
    if not c.reassessment.empty:
        out += [
            "<h3>What changed since the last assessment</h3>",
            p.md(summaries.reassessment_summary(c.reassessment)),
            p.figures["reassessment"],
            p.table(tables.reassessment_table(c.reassessment)),
        ]
    out += [
        "<h3>The destination: due diligence</h3>",
        p.md(summaries.diligence_summary(c.diligence)),
    ]
    if c.risks is not None and len(c.risks):
        out += [
            "<h3>Obstacles and contingencies</h3>",
            p.figures["obstacles"],
            p.table(tables.obstacles_table(c.risks, c.roadmap)),
        ]
    return "\n".join(out) + "</section>"


def roadmap(p: Page) -> str:
    """2. The roadmap: the Gantt chart, time needed against time left, the routes."""
    c = p.content
    if c.plan is None or c.roadmap is None:
        return "<section class='part'><h2>2. The roadmap</h2><p>No plan yet.</p></section>"
    out = ["<section class='part'><h2>2. The roadmap</h2>", p.figures["gantt"]]
    if p.client:
        out.append("<p class='note'>Every step, with its dates, is in the appendix.</p>")
    else:
        out += ["<h3>Every step</h3>", _with_ids(tables.roadmap_table(c.roadmap), c).to_html()]
    out += [
        "<h3>Time needed against time left</h3>",
        p.md(summaries.time_summary(c.report.time, c.route_titles, c.profile.route)),
    ]
    mine = c.checkin.time
    if mine is not None and not mine.feasible:
        out += ["<h3>What would have to shrink</h3>", p.table(tables.shrink_table(mine))]
    out += _buying_time(p)
    if "routes" in p.figures and not p.client:  # the client follows one of them
        out += ["<h3>Routes side by side</h3>", p.figures["routes"]]
    return "\n".join(out) + "</section>"


def _buying_time(p: Page) -> list[str]:
    """When the plan is late on the report's date and its steps list alternatives: the
    cheapest set to take (the work left, with the check-ins so far)."""
    c = p.content
    if c.plan is None or not any(s.alternatives for s in c.plan.steps):
        return []
    from careerlib.tradeoff import cheapest_way_client

    options = cheapest_way_client(c.profile, c.as_of, plan=c.plan)
    if options.before.feasible or options.alternatives == 0:
        return []
    out = ["<h3>Buying time</h3>", p.md(summaries.options_summary(options))]
    if options.chosen:
        out.append(p.table(tables.options_table(options)))
    return out


def _with_ids(table: tables.Table, c: ReportContent) -> tables.Table:
    """A table of every step with the steps' ids in a first column (the coach's edition:
    the ids ``careerlib checkin`` takes)."""
    assert c.roadmap is not None
    cells = table.cells.copy()
    cells.insert(0, "Id", list(c.roadmap.ids))
    return dataclasses.replace(table, cells=cells)


def gaps_part(p: Page) -> str:
    """3. The gaps: skills (the client edition: the gaps only), peers, occupations."""
    c = p.content
    r = c.report
    skills = r.skills[r.skills["status"] != "met"] if p.client else r.skills
    out = [
        "<section class='part'><h2>3. The gaps</h2>",
        "<h3>Skills against the target role</h3>",
        p.figures["skills"],
        p.md(_unaddressed(p)),
        p.table(tables.skills_table(skills, c.roadmap), "skills"),
    ]
    if r.peers is not None:
        out += [
            "<h3>The organization against its peers</h3>",
            p.figures["peers"],
            p.table(tables.peers_table(r.peers)),
        ]
    if r.alignment is not None and not p.client:
        out += [
            "<h3>Goal alignment</h3>",
            p.md(summaries.alignment_summary(r.alignment, c.step_titles)),
        ]
    occupations = r.occupations.head(CLIENT_OCCUPATIONS) if p.client else r.occupations
    out += [
        "<h3>Other occupations worth considering</h3>",
        p.table(tables.occupations_table(occupations), "occupations"),
    ]
    return "\n".join(out) + "</section>"


def _unaddressed(p: Page) -> str:
    """The gaps no step addresses: the coach's edition asks to add a step for each."""
    skills = p.content.report.skills
    if not p.client:
        return str(summaries.unaddressed_summary(skills).data)
    names = [str(n) for n in skills.index[skills["status"] == "unaddressed"]]
    if not names:
        return "Every gap in the table is worked on by a step of the plan."
    return (
        f"**Gaps no step of the plan works on yet ({len(names)}):** "
        + ", ".join(summaries.md_escape(n) for n in names)
        + "."
    )


def checkin(p: Page) -> str:
    """4. The latest check-in: what changed, the forecast, what must start soon."""
    c = p.content
    progress = c.checkin.progress
    track = c.checkin.tracking
    out = ["<section class='part'><h2>4. The latest check-in</h2>"]
    if track is not None:
        out += _tracking(p, track)
    elif progress is None:
        out.append("<p>No plan, so no check-in yet.</p>")
    else:
        out += [
            p.md(summaries.progress_summary(progress, c.step_titles)),
            p.figures["progress"],
            p.table(tables.progress_table(progress)),
        ]
    if not p.client:
        out += ["<h3>Next</h3>", p.md(summaries.rethink_summary(list(c.checkin.prompts)))]
    return "\n".join(out) + "</section>"


def _tracking(p: Page, track: Tracking) -> list[str]:
    if not p.client:
        return [
            p.md(summaries.tracking_summary(track)),
            p.figures["progress"],
            "<h3>Every step at this check-in</h3>",
            p.table(tables.tracking_table(track)),
            "<h3>What must start soon</h3>",
            p.md(summaries.upcoming_summary(track)),
        ]
    f = track.forecast
    # the one verdict, as on the cover: its progress figures follow, explained
    verdict = " ".join(track.verdict.replace(track.progress_sentence, "").split())
    lines = [
        f"**{summaries.md_escape(verdict)}**",
        "",
        f"- Forecast finish: **{fmt_date(f.finish)}**; target {fmt_date(f.target)}.",
        f"- {progress_in_words(track)}",
        f"- {_last_checkin(track)}",
    ]
    if track.new_steps:
        added = ", ".join(
            summaries.md_escape(p.content.step_titles.get(s, s)) for s in track.new_steps
        )
        lines.append(
            f"- Added since the plan was agreed on {fmt_date(track.baseline.date)}: {added}."
        )
    return [
        p.md("\n".join(lines)),
        "<h3>What must start soon</h3>",
        p.md(summaries.upcoming_summary(track)),
        p.figures["progress"],
        "<p class='note'>Every step at this check-in is in the appendix.</p>",
    ]


def _last_checkin(track: Tracking) -> str:
    if track.last_checkin is None:
        return f"No check-in yet; check-ins are {track.cadence}."
    due = " The next one is due now." if track.stale else ""
    last = fmt_date(track.last_checkin)
    return f"The last check-in was on {last}; check-ins are {track.cadence}.{due}"


def changes(p: Page) -> str:
    """5. What changed since the last plan: the two newest baselines compared, when the
    client has two (after a re-plan or a re-baseline)."""
    diff = p.content.change
    if diff is None:
        return ""
    return "\n".join(
        [
            "<section class='part'><h2>5. What changed since the last plan</h2>",
            p.md(summaries.plan_diff_summary(diff)),
            p.figures["changes"],
            p.table(tables.plan_diff_table(diff)),
            "</section>",
        ]
    )


def appendix(p: Page) -> str:
    """The client edition's appendix: the long tables, with room for the step titles."""
    if not p.client:
        return ""
    c = p.content
    out = ["<section class='part appendix'><h2>Appendix</h2>"]
    if c.roadmap is not None:
        out += ["<h3>A. Every step of the plan</h3>", p.table(tables.roadmap_table(c.roadmap))]
    track = c.checkin.tracking
    if track is not None:
        table = tables.tracking_table(track)
        out += ["<h3>B. Every step at the latest check-in</h3>", p.table(table, "tracking")]
    out += [
        "<h3>C. Every rating of the self-assessment</h3>",
        p.table(tables.assessment_table(c.assessment)),
    ]
    return "\n".join(out) + "</section>"
