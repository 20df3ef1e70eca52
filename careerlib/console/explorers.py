"""The coach console: what-if controls that redraw the plan at once.

In a session the coach changes the target date, the hours a week, the route, a
step's duration or a blackout, and the Gantt chart and the verdict follow
without re-running a cell. For a client (:meth:`PlanExplorer.from_client`)
every what-if starts from the status date, with the check-ins made by then:
"what if we add 3 hours a week from now on?" is the work left scheduled with
the new hours from today; the plan as written is drawn beneath as the baseline.
The state is a :class:`~careerlib.models.Plan`; every change goes through
:mod:`careerlib.whatif` (so it is validated as a plan file would be), and an
invalid change is a message under the controls, never a traceback. The
console's other panels are in :mod:`careerlib.console`.

>>> from careerlib.console.explorers import PlanExplorer       # doctest: +SKIP
>>> PlanExplorer.from_file("data/plans/same-sector-move.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import plotly.graph_objects as go

from careerlib import charts, whatif
from careerlib.console._common import (
    LABEL,
    Chart,
    error_text,
    message_html,
)
from careerlib.console.alternatives import AlternativesPanel
from careerlib.exceptions import CareerlibError
from careerlib.models import Plan, Review
from careerlib.planfile import load_plan, new_plan_path, save_plan
from careerlib.scheduling.scheduler import Schedule, schedule
from careerlib.scheduling.status import StatusSchedule, schedule_as_of

if TYPE_CHECKING:
    import pandas as pd

    from careerlib.clients import Client

__all__ = ["GapExplorer", "PlanExplorer"]

WHOLE_PLAN = "whole plan"
# A dropdown's None means "nothing chosen" in the browser, so the whole plan is
# the empty string there (route ids cannot be empty).
_WHOLE = ""


class PlanExplorer:
    """What-if controls over a plan, its Gantt chart and its verdict.

    Show it as the last expression of a cell (it displays as its
    :attr:`widget`). Unit tests and notebooks read the current state from
    :attr:`plan`, :attr:`schedule`, :attr:`figure` and :attr:`verdict`, and
    change it through the controls' ``value`` as the coach would.

    Parameters
    ----------
    plan
        The plan as loaded (kept as :attr:`original`, for the reset button).
    path
        The plan's file: "save as new plan file" writes ``<stem>-whatif-N.yaml``
        next to it (never over it). Without it, saving says so.
    route
        The route shown first (``None``: the whole plan).
    chart_options
        Keyword arguments for :func:`careerlib.charts.gantt` (``color_by``, ...).
    width
        The chart's width [px], wide enough for a Gantt chart with long step
        names; None: as wide as the cell.
    as_of
        The status date: schedule the work left on that day (with ``reviews``)
        instead of the plan as written; every what-if then starts from it.
    reviews
        The check-ins the progress is read from (default the plan's own).

    Attributes
    ----------
    plan, schedule
        The plan with every change so far, and its schedule (on the status date,
        a :class:`~careerlib.scheduling.status.StatusSchedule`).
    chart, figure
        The Gantt chart shown (a :class:`~careerlib.console._common.Chart`, drawn
        anew at each change) and its ``plotly.graph_objects.Figure``.
    verdict
        An HTML widget (CSS class ``careerlib-verdict``) with the schedule's verdict.
    message
        An HTML widget (``careerlib-message``): what the last change did, or why it was refused.
    saved
        The plan files written by "save as new plan file", oldest first.
    """

    def __init__(
        self,
        plan: Plan,
        *,
        path: str | Path | None = None,
        route: str | None = None,
        chart_options: Mapping[str, Any] | None = None,
        width: int | None = 960,
        as_of: dt.date | None = None,
        reviews: Sequence[Review] | None = None,
    ) -> None:
        self.original = plan
        self.original_route = route
        self.path = None if path is None else Path(path)
        self.plan = plan
        self.route = route
        self.as_of = as_of
        self.reviews = None if reviews is None else list(reviews)
        self.schedule: Schedule = self._schedule(plan, route)
        self.saved: list[Path] = []
        # The legend stays beside the chart: a legend below it (legend="bottom")
        # came out clipped in the console in Voila and JupyterLab.
        self._chart_options = dict(chart_options or {})
        self._width = width
        self._quiet = False

        self.chart = Chart(self._chart())
        self.verdict = widgets.HTML().add_class("careerlib-verdict")
        self.message = widgets.HTML().add_class("careerlib-message")

        self._make_controls(plan, route)
        self._connect_controls()
        # each step's alternatives as toggles, and the cheapest way to the target
        self.alternatives: AlternativesPanel | None = None
        if any(s.alternatives for s in plan.steps):
            self.alternatives = AlternativesPanel(self)
        self.widget = self._lay_out()
        self._sync_controls()
        self._show_verdict()

    def _make_controls(self, plan: Plan, route: str | None) -> None:
        """The pickers, fields and buttons (hours slider, route picker: when they apply)."""
        self.target_picker = widgets.DatePicker(
            description="Target date", value=plan.target, style=LABEL
        ).add_class("careerlib-target")
        self.hours_slider: widgets.FloatSlider | None = None
        if any(s.effort is not None for s in plan.steps):
            hours = float(plan.calendar.hours_per_week or 10.0)
            self.hours_slider = widgets.FloatSlider(
                description="Hours a week",
                value=hours,
                min=1.0,
                max=max(40.0, 2 * hours),
                step=0.5,
                continuous_update=False,
                style=LABEL,
            ).add_class("careerlib-hours")
        self.route_picker: widgets.Dropdown | None = None
        if plan.routes:
            self.route_picker = widgets.Dropdown(
                description="Route",
                options=[
                    (WHOLE_PLAN, _WHOLE),
                    *((f"{r.title} ({r.id})", r.id) for r in plan.routes),
                ],
                value=route or _WHOLE,
                style=LABEL,
            ).add_class("careerlib-route")
        self.step_picker = widgets.Dropdown(description="Step", style=LABEL).add_class(
            "careerlib-step"
        )
        self.duration_field = widgets.BoundedIntText(
            description="Working days", min=1, max=10_000, value=1, style=LABEL
        ).add_class("careerlib-duration")
        self.blackout_from = widgets.DatePicker(description="Blackout from", style=LABEL)
        self.blackout_to = widgets.DatePicker(description="to", style=LABEL)
        self.blackout_reason = widgets.Text(description="reason", placeholder="vacation")
        self.blackout_add = widgets.Button(description="Add blackout", icon="plus")
        self.blackout_picker = widgets.Dropdown(description="Blackouts", style=LABEL)
        self.blackout_remove = widgets.Button(description="Remove", icon="minus")
        self.reset_button = widgets.Button(description="Reset", icon="undo").add_class(
            "careerlib-reset"
        )
        self.save_button = widgets.Button(
            description="Save as new plan file", icon="save", layout={"width": "auto"}
        ).add_class("careerlib-save")

    def _connect_controls(self) -> None:
        """Each control calls its handler when the coach changes it."""
        self.target_picker.observe(self._on_target, names="value")
        if self.hours_slider is not None:
            self.hours_slider.observe(self._on_hours, names="value")
        if self.route_picker is not None:
            self.route_picker.observe(self._on_route, names="value")
        self.step_picker.observe(self._on_step, names="value")
        self.duration_field.observe(self._on_duration, names="value")
        self.blackout_add.on_click(self._on_add_blackout)
        self.blackout_remove.on_click(self._on_remove_blackout)
        self.reset_button.on_click(lambda _: self.reset())
        self.save_button.on_click(lambda _: self.save())

    def _lay_out(self) -> widgets.VBox:
        """The controls in rows, then the verdict, the message and the chart."""
        first_row = [self.target_picker]
        if self.hours_slider is not None:
            first_row.append(self.hours_slider)
        if self.route_picker is not None:
            first_row.append(self.route_picker)
        return widgets.VBox(
            [
                widgets.HBox(first_row),
                widgets.HBox([self.step_picker, self.duration_field]),
                widgets.HBox(
                    [self.blackout_from, self.blackout_to, self.blackout_reason, self.blackout_add]
                ),
                widgets.HBox([self.blackout_picker, self.blackout_remove]),
                widgets.HBox([self.reset_button, self.save_button]),
                *([self.alternatives.widget] if self.alternatives is not None else []),
                self.verdict,
                self.message,
                self.chart.widget,
            ]
        ).add_class("careerlib-plan-explorer")

    @classmethod
    def from_file(cls, path: str | Path, **kwargs: Any) -> PlanExplorer:
        """Load a plan file and explore it (saving writes next to that file)."""
        return cls(load_plan(path), path=path, **kwargs)

    @classmethod
    def from_client(
        cls, client: Client | str | Path, as_of: dt.date | None = None, **kwargs: Any
    ) -> PlanExplorer:
        """Explore a client's plan on a status date (default today), from the client's
        route with every check-in made by then; saving writes next to the plan file."""
        from careerlib.tracking.client import client_and_plan, client_reviews

        profile, plan, plan_path = client_and_plan(client)
        kwargs.setdefault("route", profile.route)
        return cls(
            plan,
            path=plan_path,
            as_of=as_of if as_of is not None else dt.date.today(),
            reviews=client_reviews(profile, plan),
            **kwargs,
        )

    def status_date(self) -> dict[str, Any]:
        """``as_of`` and ``progress`` of the status date the what-ifs start from (empty for
        the plan as written): what :func:`careerlib.tradeoff.cheapest_way` takes."""
        if self.as_of is None:
            return {}
        from careerlib.scheduling.status import latest_progress, plan_reviews

        reviews = self.reviews if self.reviews is not None else plan_reviews(self.plan)
        return {"as_of": self.as_of, "progress": latest_progress(reviews, self.as_of)}

    def _schedule(self, plan: Plan, route: str | None) -> Schedule:
        """The plan as written, or on the status date with the check-ins."""
        if self.as_of is None:
            return schedule(plan, route=route)
        return schedule_as_of(plan, self.as_of, route=route, reviews=self.reviews)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    @property
    def figure(self) -> go.Figure:
        """The Gantt chart shown."""
        return self.chart.figure

    # -- changes ---------------------------------------------------------------

    def apply(self, change: Callable[[Plan], Plan], done: str = "") -> bool:
        """Apply a what-if change (a function of the plan) and redraw.

        Returns whether it was applied; when the change is refused (a
        ``CareerlibError``), the plan stays as it was, the controls show its
        values again and :attr:`message` says why.
        """
        try:
            plan = change(self.plan)
            result = self._schedule(plan, self.route)
        except CareerlibError as exc:
            self._refuse(error_text(exc))
            return False
        self.plan, self.schedule = plan, result
        self._redraw(done)
        return True

    def set_route(self, route: str | None) -> bool:
        """Show the whole plan (``None``) or one route; returns whether it could."""
        try:
            result = self._schedule(self.plan, route)
        except CareerlibError as exc:
            self._refuse(error_text(exc))
            return False
        self.route, self.schedule = route, result
        self._redraw(f"Showing {WHOLE_PLAN if route is None else f'the route {route!r}'}.")
        return True

    def reset(self) -> None:
        """Back to the plan (and route) as loaded."""
        self.plan, self.route = self.original, self.original_route
        self.schedule = self._schedule(self.plan, self.route)
        self._redraw("Back to the plan as loaded.")

    def save(self) -> Path | None:
        """Write the current plan to a new file next to the original; never over a file.

        Returns the path written, or None (with the reason in :attr:`message`).
        """
        if self.path is None:
            self._refuse("This plan has no file to save next to: give PlanExplorer a path.")
            return None
        try:
            written = save_plan(self.plan, new_plan_path(self.path))
        except (CareerlibError, OSError) as exc:
            self._refuse(f"Not saved: {error_text(exc)}")
            return None
        self.saved.append(written)
        self.message.value = message_html(f"Saved as {written}", error=False)
        return written

    # -- control handlers ----------------------------------------------------------

    def _on_target(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        day = change["new"]
        if not isinstance(day, dt.date):
            self._refuse("Choose a target date.")
            return
        self.apply(lambda p: whatif.with_target(p, day), f"Target moved to {day}.")

    def _on_hours(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        hours = float(change["new"])
        self.apply(
            lambda p: whatif.with_hours_per_week(p, hours), f"{hours:g} hours a week from now on."
        )

    def _on_route(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self.set_route(change["new"] or None)

    def _on_step(self, change: dict[str, Any]) -> None:
        if self._quiet or change["new"] is None:
            return
        self._quiet = True
        try:
            self.duration_field.value = self._duration_of(change["new"])
        finally:
            self._quiet = False

    def _on_duration(self, change: dict[str, Any]) -> None:
        step = self.step_picker.value
        if self._quiet or step is None:
            return
        days = int(change["new"])
        self.apply(
            lambda p: whatif.with_duration(p, step, days),
            f"{step!r} now takes {days} working day{'s' if days != 1 else ''}.",
        )

    def _on_add_blackout(self, _: object = None) -> None:
        start, end = self.blackout_from.value, self.blackout_to.value
        if not isinstance(start, dt.date) or not isinstance(end, dt.date):
            self._refuse("Choose both dates of the blackout (from and to).")
            return
        reason = self.blackout_reason.value.strip() or None
        if self.apply(
            lambda p: whatif.with_blackout(p, start, end, reason),
            f"Blackout {start} to {end} added.",
        ):
            self._quiet = True
            try:
                self.blackout_from.value = self.blackout_to.value = None
                self.blackout_reason.value = ""
            finally:
                self._quiet = False

    def _on_remove_blackout(self, _: object = None) -> None:
        index = self.blackout_picker.value
        if index is None:
            self._refuse("The plan has no blackout to remove.")
            return
        self.apply(lambda p: whatif.without_blackout(p, index), "Blackout removed.")

    # -- drawing ---------------------------------------------------------------------

    def _duration_of(self, step_id: str) -> int:
        """The step's whole length [working days] (what ``with_duration`` sets)."""
        step = self.plan.step(step_id)
        if isinstance(self.schedule, StatusSchedule) and step.duration is not None:
            return int(step.duration.working_days(self.plan.workdays_per_week))
        return int(self.schedule.duration_days[self.schedule.position(step_id)])

    def _chart(self) -> go.Figure:
        options = dict(self._chart_options)
        if isinstance(self.schedule, StatusSchedule):
            # the plan as loaded, as written: the baseline the what-ifs are read against
            options.setdefault("baseline", schedule(self.original, route=self.route))
        return charts.gantt(self.schedule, width=self._width, **options)

    def _refuse(self, text: str) -> None:
        self.message.value = message_html(text, error=True)
        self._sync_controls()

    def _redraw(self, done: str) -> None:
        self.chart.show(self._chart())
        self._show_verdict()
        self._sync_controls()
        self.message.value = message_html(done, error=False) if done else ""

    def _show_verdict(self) -> None:
        result = self.schedule
        where = WHOLE_PLAN if result.route is None else f"route {result.route}"
        if isinstance(result, StatusSchedule):
            from careerlib._text import day_text

            where += f", as of {day_text(result.as_of)}"
        colour = "#067647" if result.feasible else "#b42318"
        self.verdict.value = (
            f'<b style="color: {colour}" data-feasible="{str(result.feasible).lower()}"'
            f' class="careerlib-verdict-text">{html.escape(result.verdict, quote=False)}</b>'
            f' <span style="color: #475467">({where}, {len(result)} steps)</span>'
        )

    def _sync_controls(self) -> None:
        """Show the current plan's values in the controls, without acting on them."""
        plan, result = self.plan, self.schedule
        self._quiet = True
        try:
            self.target_picker.value = plan.target
            if self.hours_slider is not None and plan.calendar.hours_per_week is not None:
                self.hours_slider.value = plan.calendar.hours_per_week
            if self.route_picker is not None:
                self.route_picker.value = self.route or _WHOLE
            done = (
                result.is_done.tolist()
                if isinstance(result, StatusSchedule)
                else [False] * len(result)
            )
            steps = [
                (f"{s.title} ({s.id})" if s.title != s.id else s.id, s.id)
                for s, ms, d in zip(result.steps, result.milestone, done, strict=True)
                if not ms and not d
            ]
            chosen = self.step_picker.value
            if [v for _, v in steps] != [v for _, v in self.step_picker.options]:
                self.step_picker.options = steps
            ids = [v for _, v in steps]
            self.step_picker.value = chosen if chosen in ids else (ids[0] if ids else None)
            if self.step_picker.value is not None:
                self.duration_field.value = self._duration_of(self.step_picker.value)
            self.duration_field.disabled = self.step_picker.value is None
            blackouts = plan.calendar.blackouts
            self.blackout_picker.options = [
                (f"{b.start} to {b.end}" + (f" ({b.reason})" if b.reason else ""), i)
                for i, b in enumerate(blackouts)
            ]
            # the newest blackout is the one a coach most likely wants to take back
            self.blackout_picker.value = len(blackouts) - 1 if blackouts else None
            self.blackout_remove.disabled = not plan.calendar.blackouts
        finally:
            self._quiet = False
        if self.alternatives is not None:
            self.alternatives.sync()


class GapExplorer:
    """What if the client rated a skill higher, or compared with another peer group?

    A skill picker and a level slider [0-7] redraw the skills chart against
    the target role; a peer group picker (the CSV files next to the client's
    peer file) redraws the peer chart. Nothing is written back to the client file.

    Attributes
    ----------
    client
        The client profile.
    levels
        The client's skill levels with the changes so far [0-7].
    skills
        The current :func:`careerlib.gaps.skills_gap` frame.
    peers
        The current :func:`careerlib.gaps.peer_benchmark` frame (None without a peer group).
    skills_chart, peer_chart
        The charts shown (:class:`~careerlib.console._common.Chart`, drawn anew at
        each change; ``peer_chart`` is None without a peer group).
    skills_figure, peer_figure
        Their ``plotly.graph_objects.Figure`` (``peer_figure``: None without a peer group).
    summary, message
        HTML widgets (``careerlib-gap-summary``, ``careerlib-message``).
    """

    def __init__(self, client: Client | str | Path) -> None:
        from careerlib import gaps
        from careerlib.clients import load_client
        from careerlib.peers import load_metrics

        self.client = load_client(client) if isinstance(client, str | Path) else client
        self.role = gaps.target_role(self.client)
        self.plan = (
            load_plan(self.client.resolve(self.client.plan))
            if self.client.plan is not None
            else None
        )
        self.levels: dict[str, float] = dict(self.client.skill_levels())
        self._quiet = False
        self.message = widgets.HTML().add_class("careerlib-message")
        self.summary = widgets.HTML().add_class("careerlib-gap-summary")

        self.skills = self._skills_gap()
        self.skills_chart = Chart(self._skills_figure())
        names = list(self.skills.index)
        self.skill_picker = widgets.Dropdown(
            description="Skill", options=names, value=names[0] if names else None, style=LABEL
        ).add_class("careerlib-skill")
        self.level_slider = widgets.FloatSlider(
            description="Client's level",
            min=0.0,
            max=7.0,
            step=0.5,
            continuous_update=False,
            style=LABEL,
        ).add_class("careerlib-level")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.skill_picker.observe(self._on_skill, names="value")
        self.level_slider.observe(self._on_level, names="value")
        self.reset_button.on_click(lambda _: self.reset())

        self.peers: pd.DataFrame | None = None
        self.peer_chart: Chart | None = None
        self.peer_picker: widgets.Dropdown | None = None
        rows: list[widgets.Widget] = [
            widgets.HBox([self.skill_picker, self.level_slider, self.reset_button]),
            self.summary,
            self.skills_chart.widget,
        ]
        org, peer_file, defs = self.client.organization, self.client.peers, self.client.metrics_path
        if org is not None and peer_file is not None and defs is not None:
            self._definitions = load_metrics(defs)
            current = self.client.resolve(peer_file)
            files = sorted(p for p in current.parent.glob("*.csv") if p.resolve() != defs.resolve())
            if current not in files:
                files.insert(0, current)
            self.peer_picker = widgets.Dropdown(
                description="Peer group",
                options=[(p.stem, p) for p in files],
                value=current,
                style=LABEL,
            ).add_class("careerlib-peers")
            self.peer_picker.observe(self._on_peers, names="value")
            self.peers, chart = self._peer_figure(current)
            self.peer_chart = Chart(chart)
            rows += [self.peer_picker, self.peer_chart.widget]
        rows.insert(1, self.message)
        self.widget = widgets.VBox(rows).add_class("careerlib-gap-explorer")
        self._sync()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    @property
    def skills_figure(self) -> go.Figure:
        """The skills chart shown."""
        return self.skills_chart.figure

    @property
    def peer_figure(self) -> go.Figure | None:
        """The peer chart shown (None without a peer group)."""
        return None if self.peer_chart is None else self.peer_chart.figure

    def set_level(self, skill: str, level: float) -> None:
        """The client's level of one skill [0-7]; redraws the skills chart."""
        if not 0 <= level <= 7:
            self.message.value = message_html(
                f"a level is on O*NET's scale 0-7, got {level:g}", error=True
            )
            return
        for name in [k for k in self.levels if k.casefold() == skill.casefold()]:
            del self.levels[name]  # the client file may spell it in another case
        self.levels[skill] = float(level)
        self.skills = self._skills_gap()
        self.skills_chart.show(self._skills_figure())
        self.message.value = message_html(f"{skill}: level {level:g}.", error=False)
        self._sync()

    def level_of(self, skill: str) -> float:
        """The client's current level of a skill [0-7]; the slider's 0 for a skill not
        rated (the summary says it is not rated: moving the slider rates it)."""
        for name, level in self.levels.items():
            if name.casefold() == skill.casefold():
                return level
        return 0.0

    def set_peer_group(self, path: str | Path) -> bool:
        """Benchmark against another peer file; returns whether it could be read."""
        if self.peer_chart is None:
            self.message.value = message_html("This client profile has no peer group.", error=True)
            return False
        try:
            self.peers, chart = self._peer_figure(Path(path))
        except CareerlibError as exc:
            self.message.value = message_html(error_text(exc), error=True)
            return False
        self.peer_chart.show(chart)
        self.message.value = message_html(f"Peer group: {Path(path).stem}.", error=False)
        return True

    def reset(self) -> None:
        """Back to the levels of the client file (and its peer group)."""
        self.levels = dict(self.client.skill_levels())
        self.skills = self._skills_gap()
        self.skills_chart.show(self._skills_figure())
        if self.peer_picker is not None and self.client.peers is not None:
            self.peer_picker.value = self.client.resolve(self.client.peers)
        self.message.value = message_html("Back to the client file.", error=False)
        self._sync()

    def _on_skill(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._sync()

    def _on_level(self, change: dict[str, Any]) -> None:
        if not self._quiet and self.skill_picker.value is not None:
            self.set_level(self.skill_picker.value, float(change["new"]))

    def _on_peers(self, change: dict[str, Any]) -> None:
        if not self._quiet and change["new"] is not None:
            self.set_peer_group(change["new"])

    def _skills_gap(self) -> pd.DataFrame:
        from careerlib import gaps

        return gaps.skills_gap(self.role, self.levels, self.plan, route=self.client.route)

    def _skills_figure(self) -> go.Figure:
        return charts.skills_chart(
            self.skills, title=f"Skills: {self.client.name} against {self.role.title}"
        )

    def _peer_figure(self, path: Path) -> tuple[pd.DataFrame, go.Figure]:
        from careerlib import gaps
        from careerlib.peers import load_peers

        assert self.client.organization is not None
        group = load_peers(path)
        bench = gaps.peer_benchmark(self.client.organization.metrics, group, self._definitions)
        return bench, charts.peer_chart(bench, group, client_name=self.client.organization.name)

    def _sync(self) -> None:
        from careerlib import gaps

        skill = self.skill_picker.value
        self._quiet = True
        try:
            if skill is not None:
                self.level_slider.value = self.level_of(skill)
        finally:
            self._quiet = False
        open_ = int((self.skills["status"] == "unaddressed").sum())
        unknown = len(gaps.ask_client(self.skills))
        self.summary.value = (
            f"<b>Weighted mean gap {gaps.weighted_mean_gap(self.skills):.2f}</b> "
            f"(level points, 0-7, over the skills rated); {open_} gap{'s' if open_ != 1 else ''} "
            "no step addresses"
            + (f"; {unknown} not rated (ask the client: no gap counted)." if unknown else ".")
        )
        if skill is not None and skill.casefold() not in {k.casefold() for k in self.levels}:
            self.summary.value += f" <i>{html.escape(str(skill))} is not rated yet.</i>"
