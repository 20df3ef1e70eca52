"""One document per client: cover, assessment, roadmap, gaps and the latest check-in.

:func:`gather` runs the analyses for a client; :func:`report_html` lays them
out as one HTML page made to be read on screen and printed (A4, page numbers
in the footer, a cover page of its own). The same page becomes the PDF
(:mod:`careerlib.report.pdf`).

Charts go in either as live plotly charts (``charts="plotly"``: plotly.js
inlined once, so the file opens offline) or as SVG drawn by kaleido in
Chromium (``charts="svg"``: no script at all, text stays text, for print).
Every value a client or coach typed is escaped: tables through
:mod:`careerlib.tables`, sentences through :func:`careerlib.summaries.md_escape`,
the rest through :func:`html.escape` here.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from careerlib import charts, gaps, summaries, tables
from careerlib.clients import Client, load_client
from careerlib.onet import ATTRIBUTION
from careerlib.report.checkin import CheckinVerdict, latest_checkin
from careerlib.tables import fmt_date

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go
    from IPython.display import Markdown

    from careerlib.gaps import GapReport
    from careerlib.models import Plan
    from careerlib.scheduling.scheduler import Schedule

__all__ = ["ReportContent", "gather", "report_html"]

#: Charts drawn for print are this wide [px] and shrink to the page's width.
CHART_PX = 820

ChartMode = Literal["plotly", "svg"]


@dataclass(frozen=True)
class ReportContent:
    """Everything one client's document shows, computed once."""

    profile: Client
    coach: str | None
    as_of: dt.date
    role: Any
    plan: Plan | None
    roadmap: Schedule | None
    report: GapReport
    assessment: pd.DataFrame
    risks: pd.DataFrame | None
    diligence: dict[str, Any]
    checkin: CheckinVerdict
    reassessment: pd.DataFrame

    @property
    def step_titles(self) -> dict[str, str]:
        if self.plan is None:
            return {}
        return {s.id: s.title or s.id for s in self.plan.steps}

    @property
    def route_titles(self) -> dict[str, str]:
        return {} if self.plan is None else {r.id: r.title for r in self.plan.routes}


def gather(
    client: str | Path | Client, as_of: dt.date | None = None, *, coach: str | None = None
) -> ReportContent:
    """Run every analysis the document shows for ``client`` on ``as_of`` (default today).

    ``coach`` overrides the profile's ``coach``.
    """
    profile = client if isinstance(client, Client) else load_client(client)
    day = as_of or dt.date.today()
    role = gaps.target_role(profile)
    report = gaps.analyse(profile, day)
    plan = report.plan
    roadmap = report.schedule
    risks = gaps.obstacles(plan, roadmap) if plan is not None and roadmap is not None else None
    return ReportContent(
        profile=profile,
        coach=coach or profile.coach,
        as_of=day,
        role=role,
        plan=plan,
        roadmap=roadmap,
        report=report,
        assessment=gaps.self_assessment(profile, role),
        risks=risks,
        diligence=gaps.due_diligence(role),
        checkin=latest_checkin(report, profile.route),
        reassessment=gaps.reassessment(profile),
    )


# --- the page --------------------------------------------------------------------

_CSS = """
@page {
  size: A4;
  margin: 16mm 15mm 18mm 15mm;
  @bottom-left { content: var(--footer); font: 8.5pt "DejaVu Sans", Arial, sans-serif;
                 color: #5D6D7E; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
                  font: 8.5pt "DejaVu Sans", Arial, sans-serif; color: #5D6D7E; }
}
@page cover { @bottom-left { content: none; } @bottom-right { content: none; } }
html { font: 10.5pt/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #2B2D42; }
body { max-width: 1000px; margin: 0 auto; padding: 0 1.5em; }
h1 { font-size: 1.7em; margin: 0.2em 0 0.4em 0; }
h2 { font-size: 1.35em; border-bottom: 2px solid #3D7EAA; padding-bottom: 0.15em;
     margin-top: 1.6em; break-after: avoid; }
h3 { font-size: 1.1em; margin-top: 1.2em; break-after: avoid; }
section.part { break-before: page; }
.cover { page: cover; min-height: 90vh; display: flex; flex-direction: column;
         justify-content: center; }
.cover .kicker { text-transform: uppercase; letter-spacing: 0.12em; color: #3D7EAA;
                 font-weight: bold; }
.cover h1 { font-size: 2.6em; }
.cover .move { font-size: 1.3em; margin-bottom: 1.5em; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4em 1.5em;
            font-size: 1.1em; }
.cover dt { color: #5D6D7E; }
.cover dd { margin: 0; font-weight: bold; }
.verdict { margin-top: 2em; padding: 0.9em 1.1em; border-left: 6px solid; font-size: 1.1em; }
.verdict.ok { border-color: #1E8449; background: #E9F7EF; }
.verdict.late { border-color: #C0392B; background: #FDEDEC; }
figure.chart { margin: 0.8em 0; break-inside: avoid; }
figure.chart img, figure.chart svg { width: 100%; height: auto; }
table { break-inside: auto; width: 100%; }
tr { break-inside: avoid; }
.note { color: #5D6D7E; font-size: 0.9em; }
.attribution { margin-top: 2em; color: #5D6D7E; font-size: 0.85em; }
@media print {
  body { max-width: none; padding: 0; }
  /* a tall chart (a long roadmap) shrinks to stay on the page of its heading */
  figure.chart svg { width: auto; max-width: 100%; max-height: 215mm; display: block;
                     margin: 0 auto; }
}
"""


def report_html(content: ReportContent, *, chart_mode: ChartMode = "plotly") -> str:
    """The client's document as one HTML page (see the module docstring)."""
    from careerlib.exports import image_server

    draw = _Charts(chart_mode)
    with image_server() if chart_mode == "svg" else _nothing():
        body = [
            _cover(content),
            _assessment(content, draw),
            _roadmap(content, draw),
            _gaps(content, draw),
            _checkin(content, draw),
            _changes(content, draw),
        ]
    footer = f"{content.profile.name} · career plan · {fmt_date(content.as_of)}"
    title = f"Career plan: {content.profile.name}"
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f"<title>{html.escape(title)}</title>\n"
        f"<style>:root {{ --footer: {_css_string(footer)}; }}\n{_CSS}</style>\n"
        "</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<p class='attribution'>{html.escape(ATTRIBUTION)}</p>\n</body>\n</html>\n"
    )


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal: quotes, backslashes and line breaks escaped."""
    escaped = "".join(c if c.isalnum() or c in " .,:;·-_()/'" else f"\\{ord(c):06x}" for c in text)
    return f'"{escaped}"'


class _Charts:
    """Draws a figure as a live plotly chart (plotly.js inlined once) or as inline SVG."""

    def __init__(self, mode: ChartMode) -> None:
        self.mode = mode
        self.count = 0

    def __call__(self, fig: go.Figure, caption: str | None = None) -> str:
        self.count += 1
        if self.mode == "svg":
            from careerlib.exports import to_image

            svg = to_image(fig, "svg", width=CHART_PX).decode("utf-8")
            inner = svg[svg.find("<svg") :]
        else:
            import plotly.io as pio

            inner = pio.to_html(
                fig,
                include_plotlyjs=self.count == 1,
                full_html=False,
                div_id=f"careerlib-chart-{self.count}",
                config={"displaylogo": False},
            )
        cap = f"<figcaption class='note'>{html.escape(caption)}</figcaption>" if caption else ""
        return f"<figure class='chart'>{inner}{cap}</figure>"


def _md(markdown: Markdown | str) -> str:
    """Markdown made by :mod:`careerlib.summaries` as HTML (raw HTML in it escaped)."""
    import mistune

    text = markdown if isinstance(markdown, str) else str(markdown.data)
    render = mistune.create_markdown(escape=True, plugins=["table"])
    return str(render(text))


def _cover(c: ReportContent) -> str:
    p = c.profile
    target = fmt_date(c.plan.target) if c.plan is not None else tables.EMPTY
    rows = [
        ("Client", p.name),
        ("Coach", c.coach or tables.EMPTY),
        ("Date", fmt_date(c.as_of)),
        ("Target", f"{c.role.title}, by {target}"),
    ]
    if c.plan is not None and p.route:
        rows.append(("Route", c.route_titles.get(p.route, p.route)))
    items = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in rows)
    state = "ok" if c.checkin.feasible else "late"
    return (
        "<section class='cover'>"
        "<div class='kicker'>Career plan</div>"
        f"<h1>{html.escape(p.name)}</h1>"
        f"<div class='move'>{html.escape(p.current_role)} → {html.escape(c.role.title)}</div>"
        f"<dl>{items}</dl>"
        f"<div class='verdict {state}'><strong>Verdict:</strong> "
        f"{html.escape(c.checkin.verdict)}</div>"
        "</section>"
    )


def _assessment(c: ReportContent, draw: _Charts) -> str:
    out = [
        "<section class='part'><h2>1. Where you stand</h2>",
        _md(summaries.headline(c.profile, c.role, c.as_of)),
        "<h3>Talents, interests and motivating forces</h3>",
        draw(charts.assessment_chart(c.assessment, role_title=c.role.title)),
        tables.assessment_table(c.assessment).to_html(),
    ]
    if not c.reassessment.empty:
        out += [
            "<h3>What changed since the last assessment</h3>",
            _md(summaries.reassessment_summary(c.reassessment)),
            draw(
                charts.reassessment_chart(c.reassessment, title="Then and now"),
                "Grey, dashed: the previous ratings; blue: this assessment. Skills: an arrow "
                "from the previous level to this one.",
            ),
            tables.reassessment_table(c.reassessment).to_html(),
        ]
    out += [
        "<h3>The destination: due diligence</h3>",
        _md(summaries.diligence_summary(c.diligence)),
    ]
    if c.risks is not None and len(c.risks):
        out += [
            "<h3>Obstacles and contingencies</h3>",
            draw(charts.obstacles_chart(c.risks)),
            tables.obstacles_table(c.risks, c.roadmap).to_html(),
        ]
    return "\n".join(out) + "</section>"


def _roadmap(c: ReportContent, draw: _Charts) -> str:
    """The plan on the report's date: the chart (the baseline beneath), every step, the
    time left and what would have to shrink, and the routes side by side."""
    if c.plan is None or c.roadmap is None:
        return "<section class='part'><h2>2. The roadmap</h2><p>No plan yet.</p></section>"
    track = c.checkin.tracking
    out = [
        "<section class='part'><h2>2. The roadmap</h2>",
        draw(
            charts.gantt(
                c.roadmap,
                baseline=None if track is None else track.baseline,
                behind=() if track is None else track.behind_steps,
                legend="bottom",
                width=CHART_PX,
            ),
            _roadmap_caption(c),
        ),
        "<h3>Every step</h3>",
        tables.roadmap_table(c.roadmap).to_html(),
        "<h3>Time needed against time left</h3>",
        _md(summaries.time_summary(c.report.time, c.route_titles, c.profile.route)),
    ]
    mine = c.checkin.time
    if mine is not None and not mine.feasible:
        out += ["<h3>What would have to shrink</h3>", _shrink(mine)]
    out += _buying_time(c)
    if c.plan.routes:
        from careerlib.gaps import all_reviews, status_schedules

        reviews = all_reviews(c.plan, c.profile)
        out += [
            "<h3>Routes side by side</h3>",
            draw(
                charts.routes(
                    status_schedules(c.plan, reviews, c.as_of), legend="bottom", width=CHART_PX
                ),
                "Each row is a route from the report's date, with the progress so far: its "
                "critical steps at the dates to aim for and its forecast finish (gold diamond).",
            ),
        ]
    return "\n".join(out) + "</section>"


def _roadmap_caption(c: ReportContent) -> str:
    """What the roadmap chart shows, and what it is measured against."""
    track = c.checkin.tracking
    base = ""
    if track is not None:
        label = track.baseline_label
        named = "" if label.startswith("the baseline") else ", the baseline"
        base = f" The thin grey bars beneath are {label}{named}."
    return (
        f"The plan on {fmt_date(c.as_of)}: green, the work done; then each step at the dates "
        "to aim for. Red: critical steps (a day lost there moves the finish). Blue: steps "
        "with slack; the pale bar before a step shows how much earlier it could start. Gold "
        "diamonds: milestones; purple ticks: deadlines." + base
    )


def _shrink(t: Any) -> str:
    """The critical steps that would have to shrink, or why no shrinking can help."""
    return str(tables.shrink_table(t).to_html())


def _buying_time(c: ReportContent) -> list[str]:
    """When the plan is late on the report's date and its steps list alternatives: the
    cheapest set to take (the work left, with the check-ins so far)."""
    if c.plan is None or not any(s.alternatives for s in c.plan.steps):
        return []
    from careerlib.tradeoff import cheapest_way_client

    options = cheapest_way_client(c.profile, c.as_of, plan=c.plan)
    if options.before.feasible or options.alternatives == 0:
        return []
    out = ["<h3>Buying time</h3>", _md(summaries.options_summary(options))]
    if options.chosen:
        out.append(tables.options_table(options).to_html())
    return out


def _gaps(c: ReportContent, draw: _Charts) -> str:
    r = c.report
    out = [
        "<section class='part'><h2>3. The gaps</h2>",
        "<h3>Skills against the target role</h3>",
        draw(charts.skills_chart(r.skills, title=f"Skills against {c.role.title}")),
        _md(summaries.unaddressed_summary(r.skills)),
        tables.skills_table(r.skills, c.roadmap).to_html(),
    ]
    if r.peers is not None:
        org = c.profile.organization.name if c.profile.organization else "The organization"
        out += [
            "<h3>The organization against its peers</h3>",
            draw(charts.peer_chart(r.peers, r.peer_group, client_name=org)),
            tables.peers_table(r.peers).to_html(),
        ]
    if r.alignment is not None:
        out += [
            "<h3>Goal alignment</h3>",
            _md(summaries.alignment_summary(r.alignment, c.step_titles)),
        ]
    out += [
        "<h3>Other occupations worth considering</h3>",
        tables.occupations_table(r.occupations).to_html(),
    ]
    return "\n".join(out) + "</section>"


def _checkin(c: ReportContent, draw: _Charts) -> str:
    progress = c.checkin.progress
    track = c.checkin.tracking
    out = ["<section class='part'><h2>4. The latest check-in</h2>"]
    if track is not None:
        out += [
            _md(summaries.tracking_summary(track)),
            draw(
                charts.progress_over_time_chart(track),
                "The roadmap's chart (section 2) shows each step on this date, with the "
                "baseline beneath.",
            ),
            "<h3>Every step at this check-in</h3>",
            tables.tracking_table(track).to_html(),
            "<h3>What must start soon</h3>",
            _md(summaries.upcoming_summary(track)),
        ]
    elif progress is None:
        out.append("<p>No plan, so no check-in yet.</p>")
    else:
        out += [
            _md(summaries.progress_summary(progress, c.step_titles)),
            draw(charts.progress_chart(progress)),
            tables.progress_table(progress).to_html(),
        ]
    out += ["<h3>Next</h3>", _md(summaries.rethink_summary(list(c.checkin.prompts)))]
    return "\n".join(out) + "</section>"


def _changes(c: ReportContent, draw: _Charts) -> str:
    """ "What changed since the last plan": the two newest baselines compared, when there are."""
    if c.plan is None or c.profile.path is None:
        return ""
    from careerlib.tracking.diff import last_change

    diff = last_change(c.profile)
    if diff is None:
        return ""
    return "\n".join(
        [
            "<section class='part'><h2>5. What changed since the last plan</h2>",
            _md(summaries.plan_diff_summary(diff)),
            draw(
                charts.plan_diff_chart(diff, changed_only=True),
                "For each step that changed: its latest dates before (grey) and after (blue; "
                "red when it must now start earlier). Steps added or removed have one bar.",
            ),
            tables.plan_diff_table(diff).to_html(),
            "</section>",
        ]
    )
