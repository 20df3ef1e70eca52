"""One document per client: cover, assessment, roadmap, gaps and the latest check-in.

:func:`gather` runs the analyses for a client; :func:`report_html` lays them
out as one HTML page made to be read on screen and printed (A4, page numbers
in the footer, a cover page of its own). The same page becomes the PDF
(:mod:`careerlib.report.pdf`).

Charts go in either as live plotly charts (``chart_mode="plotly"``: plotly.js
inlined once, so the file opens offline) or as SVG drawn by the Chromium that
prints the page (``chart_mode="svg"``: no script at all, text stays text, for
print; :class:`careerlib._printer.Printer`).
Every value a client or coach typed is escaped: tables through
:mod:`careerlib.tables`, sentences through :func:`careerlib.summaries.md_escape`,
the rest through :func:`html.escape` here.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import html
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from careerlib import charts, gaps
from careerlib.clients import Client, load_client
from careerlib.onet import ATTRIBUTION
from careerlib.report import sections
from careerlib.report.checkin import CheckinVerdict, latest_checkin
from careerlib.report.editions import ClientWords, Edition
from careerlib.tables import fmt_date

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

    from careerlib._printer import Printer
    from careerlib.gaps import GapReport
    from careerlib.models import Plan
    from careerlib.scheduling.scheduler import Schedule
    from careerlib.tracking.diff import PlanDiff

__all__ = ["ReportContent", "gather", "report_html"]

#: Charts drawn for print are this wide [px] and shrink to the page's width.
CHART_PX = 820
#: Height of a chart that sets none [px], as :func:`careerlib.exports.to_image` draws it.
_FALLBACK_HEIGHT = 700

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
    reassessment: pd.DataFrame
    risks: pd.DataFrame | None
    diligence: dict[str, Any]
    checkin: CheckinVerdict
    change: PlanDiff | None = None

    @property
    def step_titles(self) -> dict[str, str]:
        if self.plan is None:
            return {}
        return {s.id: s.title or s.id for s in self.plan.steps}

    @property
    def route_titles(self) -> dict[str, str]:
        return {} if self.plan is None else {r.id: r.title for r in self.plan.routes}

    @property
    def names(self) -> dict[str, str]:
        """Every id of the plan (steps, goals, routes, obstacles) with its title."""
        if self.plan is None:
            return {}
        out = {g.id: g.title for g in self.plan.goals}
        out.update({o.id: o.title for o in self.plan.obstacles})
        out.update(self.route_titles)
        out.update(self.step_titles)
        return out


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
        reassessment=gaps.reassessment(profile),
        risks=risks,
        diligence=gaps.due_diligence(role),
        checkin=latest_checkin(report, profile.route),
        change=_last_change(profile, plan),
    )


def _last_change(profile: Client, plan: Plan | None) -> PlanDiff | None:
    """The two newest baselines of the client compared (what changed since the last
    plan), or None without a plan, a client file or two baselines."""
    if plan is None or profile.path is None:
        return None
    from careerlib.tracking.diff import last_change

    return last_change(profile)


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
table { break-inside: auto; width: 100%; font-size: 0.9em; }
tr { break-inside: avoid; }
/* the first column names the row (a step, a skill, a metric): room to read it on a line */
table th:first-child, table td:first-child { min-width: 14em; }
.appendix table th:first-child, .appendix table td:first-child { min-width: 20em; }
.note { color: #5D6D7E; font-size: 0.9em; }
.attribution { margin-top: 2em; color: #5D6D7E; font-size: 0.85em; }
@media print {
  body { max-width: none; padding: 0; }
  /* a tall chart (a long roadmap) shrinks to stay on the page of its heading */
  figure.chart svg { width: auto; max-width: 100%; max-height: 190mm; display: block;
                     margin: 0 auto; }
  p, li { orphans: 3; widows: 3; }
  p:has(+ ul), p:has(+ table) { break-after: avoid; }
  li { break-inside: avoid; }
  /* the charts of a part that shows two share its pages */
  figure.chart.half svg { max-height: 112mm; }
}
"""


def report_html(
    content: ReportContent,
    *,
    chart_mode: ChartMode = "plotly",
    printer: Printer | None = None,
    edition: Edition = "coach",
) -> str:
    """The client's document as one HTML page (see the module docstring).

    ``printer``: the browser that draws the charts of ``chart_mode="svg"``
    (one is started for this page when none is given). ``edition``: the
    client's (plain words, the long tables in an appendix) or the coach's
    (:mod:`careerlib.report.editions`).
    """
    from careerlib._printer import Printer

    own = printer is None and chart_mode == "svg"
    draw = _Charts(chart_mode, Printer() if own else printer)
    words = ClientWords(content.names)
    try:
        # every chart first, each handed to the browser as soon as it is made: the
        # browser draws it while the next chart, then the text and tables, are made
        figures = {}
        for name, fig, caption in _figures(content, edition):
            if edition == "client":
                caption = _for_the_client(name, fig, caption, content, words)
            figures[name] = draw(fig, caption, "half" if name in _HALF else "")
        page = sections.Page(content, figures, edition, words)
        body = [
            sections.cover(page),
            sections.assessment(page),
            sections.roadmap(page),
            sections.gaps_part(page),
            sections.checkin(page),
            sections.changes(page),
            sections.appendix(page),
        ]
        markup = draw.finish("\n".join(body))
    finally:
        if own and draw.printer is not None:
            draw.printer.close()
    footer = f"{content.profile.name} · career plan · {fmt_date(content.as_of)}"
    title = f"Career plan: {content.profile.name}"
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f"<title>{html.escape(title)}</title>\n"
        f"<style>:root {{ --footer: {_css_string(footer)}; }}\n{_CSS}</style>\n"
        "</head>\n<body>\n"
        + markup
        + f"\n<p class='attribution'>{html.escape(ATTRIBUTION)}</p>\n</body>\n</html>\n"
    )


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal: quotes, backslashes and line breaks escaped."""
    escaped = "".join(c if c.isalnum() or c in " .,:;·-_()/'" else f"\\{ord(c):06x}" for c in text)
    return f'"{escaped}"'


class _Charts:
    """Draws a figure as a live plotly chart (plotly.js inlined once) or as inline SVG.

    In SVG mode each chart goes to the browser as soon as it is made and the
    page holds a mark for it; the browser draws while the rest of the page is
    written, and :meth:`finish` puts the SVGs in place of the marks.
    """

    def __init__(self, mode: ChartMode, printer: Printer | None = None) -> None:
        self.mode = mode
        self.printer = printer
        self.count = 0
        self._svgs: dict[str, cf.Future[str]] = {}

    def __call__(self, fig: go.Figure, caption: str | None = None, size: str = "") -> str:
        import plotly.io as pio

        self.count += 1
        if self.mode == "svg":
            assert self.printer is not None
            inner = f"<!--careerlib-chart-{self.count}-->"
            height = int(fig.layout.height or _FALLBACK_HEIGHT)
            self._svgs[inner] = self.printer.draw_svg(pio.to_json(fig), CHART_PX, height)
        else:
            inner = pio.to_html(
                fig,
                include_plotlyjs=self.count == 1,
                full_html=False,
                div_id=f"careerlib-chart-{self.count}",
                config={"displaylogo": False},
            )
        cap = f"<figcaption class='note'>{html.escape(caption)}</figcaption>" if caption else ""
        return f"<figure class='chart {size}'>{inner}{cap}</figure>"

    def finish(self, page: str) -> str:
        """``page`` with every chart's SVG in place of its mark."""
        for mark, svg in self._svgs.items():
            drawn = svg.result()
            page = page.replace(mark, drawn[drawn.find("<svg") :], 1)
        return page


#: A chart of the document: its name, its figure and its caption.
Chart = tuple[str, "go.Figure", str | None]

_ROUTES_CAPTION = (
    "Each row is a route from the report's date, with the progress so far: its "
    "critical steps at the dates to aim for and its forecast finish (gold diamond)."
)
_PROGRESS_OVER_TIME_CAPTION = (
    "The roadmap's chart (section 2) shows each step on this date, with the baseline beneath."
)
_CHANGES_CAPTION = (
    "For each step that changed: its latest dates before (grey) and after (blue; "
    "red when it must now start earlier). Steps added or removed have one bar."
)


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


def _figures(c: ReportContent, edition: Edition) -> Iterator[Chart]:
    """Every chart the document shows, in the order it shows them, one at a time."""
    r = c.report
    yield "assessment", charts.assessment_chart(c.assessment, role_title=c.role.title), None
    if not c.reassessment.empty:
        yield (
            "reassessment",
            charts.reassessment_chart(c.reassessment, title="Then and now"),
            "Grey, dashed: the previous ratings; blue: this assessment. Skills: an arrow "
            "from the previous level to this one.",
        )
    if c.risks is not None and len(c.risks):
        yield "obstacles", charts.obstacles_chart(c.risks), None
    if c.plan is not None and c.roadmap is not None:
        track = c.checkin.tracking
        gantt = charts.gantt(
            c.roadmap,
            baseline=None if track is None else track.baseline,
            behind=() if track is None else track.behind_steps,
            legend="bottom",
            width=CHART_PX,
        )
        yield "gantt", gantt, _roadmap_caption(c)
        if c.plan.routes and edition == "coach":
            from careerlib.gaps import all_reviews, status_schedules

            reviews = all_reviews(c.plan, c.profile)
            routes = charts.routes(
                status_schedules(c.plan, reviews, c.as_of), legend="bottom", width=CHART_PX
            )
            yield "routes", routes, _ROUTES_CAPTION
    yield "skills", charts.skills_chart(r.skills, title=f"Skills against {c.role.title}"), None
    if r.peers is not None:
        org = c.profile.organization.name if c.profile.organization else "The organization"
        yield "peers", charts.peer_chart(r.peers, r.peer_group, client_name=org), None
    track = c.checkin.tracking
    if track is not None:
        yield "progress", charts.progress_over_time_chart(track), _PROGRESS_OVER_TIME_CAPTION
    elif c.checkin.progress is not None:
        yield "progress", charts.progress_chart(c.checkin.progress), None
    if c.change is not None:
        diff_chart = charts.plan_diff_chart(c.change, changed_only=True)
        yield "changes", diff_chart, _CHANGES_CAPTION


#: Charts printed at most half a page high (they share their page with text).
_HALF = frozenset({"progress", "routes"})

_PROGRESS_CAPTION = (
    "Done: the share of the plan's work finished at each check-in, each step counted by "
    "its working days. The two lines are what the plan expected by each day: the lower "
    "if every step starts as late as it can, the upper if every step starts as early as "
    "it can. Between them is on plan."
)


def _for_the_client(
    name: str, fig: go.Figure, caption: str | None, c: ReportContent, words: ClientWords
) -> str | None:
    """The chart's title and notes in the client's words (``fig`` is changed in place);
    the tracking chart's subtitle with its progress explained
    (:func:`sections.progress_in_words`). Returns the chart's caption for the client."""
    title = fig.layout.title
    if title.text:
        title.text = words(title.text)
    if title.subtitle.text:
        title.subtitle.text = words(title.subtitle.text)
    for note in fig.layout.annotations:
        if note.text:
            note.text = words(note.text)
    track = c.checkin.tracking
    if name == "progress" and track is not None:
        from careerlib.charts._style import wrap_label

        title.subtitle.text = wrap_label(sections.progress_in_words(track), 110)
        return _PROGRESS_CAPTION
    return caption
