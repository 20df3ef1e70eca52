"""The "Build the plan" tab: a plan built backwards with the client, without YAML.

The coach and the client agree the destination and the target date first;
then, on the destination (or any step), the coach asks "what has to happen
just before that?" and adds it with **Add before the chosen step**. Each step
has a form (title, how long, what it comes after, deadline, buffer, goal,
route); the goals, obstacles and routes are edited beside it. The Gantt chart
and the verdict follow every change. Every change goes through
:class:`careerlib.PlanDraft`, so it is validated as a plan file would be: an
invalid change is a message in red, and the plan stays as it was. **Undo**
takes the last change back; **Save as new plan file** writes a plan file
(never over one) and, for a client, **Make it the client's plan** points the
client file at it (only its ``plan:`` line changes), only when pressed.

>>> from careerlib import PlanBuilder                              # doctest: +SKIP
>>> PlanBuilder.for_client("data/clients/jordan-lee.yaml")         # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from careerlib import charts
from careerlib.clients import Client, load_client, set_client_plan
from careerlib.console._builder_forms import (
    LengthInput,
    PartPanel,
    StepForm,
    part_panels,
    short_range,
)
from careerlib.console._common import (
    LABEL,
    Chart,
    error_text,
    message_html,
    verdict_html,
)
from careerlib.draft import PlanDraft, id_from_title
from careerlib.exceptions import CareerlibError, UsageError
from careerlib.newclient import TEMPLATES
from careerlib.scheduling.scheduler import Schedule

__all__ = ["PlanBuilder"]

NEW = "new"
CLIENT_PLAN = "client"
_TEMPLATE = "template:"
_WIDE = {"width": "auto"}


class PlanBuilder:
    """Build a plan backwards, step by step, in the console (the "Build the plan" tab).

    Show it as the last expression of a cell (it displays as :attr:`widget`).
    Tests and notebooks read the state from :attr:`draft` (a
    :class:`careerlib.PlanDraft`), :attr:`schedule`, :attr:`figure`,
    :attr:`verdict` and :attr:`message`, and act through the controls as the
    coach would (set a widget's ``value``, call a button's ``click()``).

    Parameters
    ----------
    draft
        The plan to build on; ``None`` starts with the destination and the
        target date (and a template or the client's plan to start from).
    client
        The client (a profile or its file): the plan's owner, the templates
        filled in for them, their plan to start from, and **Make it the
        client's plan**.
    folder
        Where plans are saved (default: the folder of the client's plan, or of
        the plan opened, or the current folder).
    chart_options
        Keyword arguments for :func:`careerlib.charts.gantt`.
    width
        The chart's width [px].

    Attributes
    ----------
    draft
        The plan being built (None until it is started).
    chart, figure
        The Gantt chart shown (a :class:`~careerlib.console._common.Chart`, drawn
        anew at each change) and its ``plotly.graph_objects.Figure``; None until
        the plan is started.
    verdict, message
        HTML widgets (``careerlib-verdict``, ``careerlib-message``).
    saved
        The plan files written, oldest first.
    """

    def __init__(
        self,
        draft: PlanDraft | None = None,
        *,
        client: Client | str | Path | None = None,
        folder: str | Path | None = None,
        chart_options: Mapping[str, Any] | None = None,
        width: int | None = 960,
    ) -> None:
        self.draft = draft
        self.client = load_client(client) if isinstance(client, str | Path) else client
        self.folder = Path(folder) if folder is not None else self._default_folder()
        self.saved: list[Path] = []
        self._stem = self._file_stem()
        self._chart_options = dict(chart_options or {})
        self._width = width
        self._quiet = False
        self._chosen: str | None = None

        self.verdict = widgets.HTML().add_class("careerlib-verdict")
        self.message = widgets.HTML().add_class("careerlib-message")
        self._make_plan_row()
        self._connect_plan_row()
        self._head = [
            widgets.HBox([self.destination_field, self.target_picker]),
            widgets.HBox([self.start_picker, self.hours_field]),
            widgets.HBox([self.origin_picker, self.start_button]),
            self.verdict,
            self.message,
        ]
        self.widget = widgets.VBox(self._head).add_class("careerlib-plan-builder")
        # the steps, the forms and the chart are made when the plan starts (a console
        # opened for a new plan shows only the rows above, and its page loads faster)
        self._work: widgets.VBox | None = None
        self.chart: Chart | None = None
        self._redraw("")

    # -- making one ----------------------------------------------------------------

    @classmethod
    def new(
        cls,
        title: str,
        target: dt.date | str,
        start: dt.date | str | None = None,
        **kwargs: Any,
    ) -> PlanBuilder:
        """A builder on a new plan with only its destination (see :meth:`PlanDraft.new`)."""
        return cls(PlanDraft.new(title, target, start), **kwargs)

    @classmethod
    def from_file(cls, path: str | Path, **kwargs: Any) -> PlanBuilder:
        """A builder on a plan file (saving writes a new file next to it)."""
        kwargs.setdefault("folder", Path(path).parent)
        return cls(PlanDraft.open(path), **kwargs)

    @classmethod
    def from_template(cls, template: str | Path, **kwargs: Any) -> PlanBuilder:
        """A builder on a route template of ``careerlib new client`` (``promotion``...).

        ``target``, ``start``, ``name``, ``role``, ``current`` and ``folder`` go
        to :meth:`PlanDraft.from_template`; the rest to the builder.
        """
        keys = ("target", "start", "name", "role", "current")
        args = {k: kwargs.pop(k) for k in keys if k in kwargs}
        draft = PlanDraft.from_template(template, folder=kwargs.get("folder"), **args)
        return cls(draft, **kwargs)

    @classmethod
    def for_client(
        cls, client: Client | str | Path, *, open_plan: bool = False, **kwargs: Any
    ) -> PlanBuilder:
        """A builder for a client: from a destination and a date, or (``open_plan``) their plan."""
        profile = load_client(client) if isinstance(client, str | Path) else client
        draft = None
        if open_plan and profile.plan is not None:
            draft = PlanDraft.open(profile.resolve(profile.plan))
        return cls(draft, client=profile, **kwargs)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    @property
    def figure(self) -> go.Figure | None:
        """The Gantt chart shown (None until the plan is started)."""
        return None if self.chart is None else self.chart.figure

    @property
    def schedule(self) -> Schedule | None:
        """The schedule of the plan as it stands (None before it is started)."""
        return None if self.draft is None else self.draft.schedule()

    # -- the controls ------------------------------------------------------------------

    def _make_plan_row(self) -> None:
        """The destination, the dates, the hours, and what to start from."""
        plan = None if self.draft is None else self.draft.plan
        self.destination_field = widgets.Text(
            description="Destination",
            placeholder="e.g. Senior product manager at a fintech",
            value="" if plan is None else plan.title,
            continuous_update=False,
            style=LABEL,
            layout={"width": "460px"},
        ).add_class("careerlib-destination")
        self.target_picker = widgets.DatePicker(
            description="Target date", value=None if plan is None else plan.target, style=LABEL
        ).add_class("careerlib-builder-target")
        self.start_picker = widgets.DatePicker(
            description="Start", value=None if plan is None else plan.start, style=LABEL
        ).add_class("careerlib-builder-start")
        self.hours_field = widgets.BoundedFloatText(
            description="Hours a week",
            min=0,
            max=168,
            step=0.5,
            style=LABEL,
            layout={"width": "180px"},
        ).add_class("careerlib-builder-hours")
        self.origin_picker = widgets.Dropdown(
            description="Start from",
            options=self._origins(),
            value=NEW,
            style=LABEL,
            layout={"width": "460px"},
        ).add_class("careerlib-origin")
        self.start_button = widgets.Button(
            description="Start the plan", icon="flag", layout=_WIDE
        ).add_class("careerlib-start-plan")

    def _origins(self) -> list[tuple[str, str]]:
        """What a plan can start from: a destination, a template, the client's plan."""
        origins = [("the destination and date above", NEW)]
        origins += [(f"the template '{name}'", f"{_TEMPLATE}{name}") for name in TEMPLATES]
        client = self.client
        if client is not None and client.plan is not None:
            origins.append((f"{client.name}'s plan ({Path(client.plan).name})", CLIENT_PLAN))
        return origins

    def _make_step_panel(self) -> None:
        """The steps in date order, "add what comes before", remove, and the step form."""
        self.step_list = widgets.Select(
            description="Steps", rows=12, style=LABEL, layout={"width": "460px"}
        ).add_class("careerlib-step-list")
        self.new_title = widgets.Text(
            description="What comes before?",
            placeholder="e.g. Revise the resume",
            style=LABEL,
            layout={"width": "460px"},
        ).add_class("careerlib-new-title")
        self.new_length = LengthInput("careerlib-new")
        self.add_before_button = widgets.Button(
            description="Add before the chosen step", icon="arrow-left", layout=_WIDE
        ).add_class("careerlib-add-before")
        self.add_after_button = widgets.Button(
            description="Add after it", icon="arrow-right", layout=_WIDE
        ).add_class("careerlib-add-after")
        self.remove_button = widgets.Button(
            description="Remove the chosen step", icon="trash", layout=_WIDE
        ).add_class("careerlib-remove-step")
        self.step_form = StepForm()

    def _make_save_row(self) -> None:
        self.undo_button = widgets.Button(description="Undo", icon="undo").add_class(
            "careerlib-undo"
        )
        self.save_name = widgets.Text(
            description="File name", style=LABEL, layout={"width": "380px"}
        ).add_class("careerlib-save-name")
        self.save_button = widgets.Button(
            description="Save as new plan file", icon="save", layout=_WIDE
        ).add_class("careerlib-builder-save")
        name = self.client.name if self.client is not None else "the client"
        self.point_button = widgets.Button(
            description=f"Make it {name}'s plan", icon="user", layout=_WIDE
        ).add_class("careerlib-point-client")
        self.point_button.disabled = True
        if self.client is None or self.client.path is None:
            self.point_button.layout.display = "none"

    def _connect_plan_row(self) -> None:
        """The plan's own fields and the start button call their handlers."""
        self.destination_field.observe(self._on_destination, names="value")
        self.target_picker.observe(self._on_target, names="value")
        self.start_picker.observe(self._on_start_date, names="value")
        self.hours_field.observe(self._on_hours, names="value")
        self.start_button.on_click(lambda _: self.start())

    def _make_work(self) -> widgets.VBox:
        """The steps, the step form, goals, obstacles and routes, and saving, connected."""
        self._make_step_panel()
        self.panels = {p.key: p for p in part_panels()}
        self._make_save_row()
        self.step_list.observe(self._on_choose, names="value")
        self.add_before_button.on_click(lambda _: self.add_before())
        self.add_after_button.on_click(lambda _: self.add_after())
        self.remove_button.on_click(lambda _: self.remove())
        self.step_form.apply_button.on_click(lambda _: self.apply_step_form())
        for panel in self.panels.values():
            panel.items.observe(lambda _, p=panel: self._on_part_choose(p), names="value")
            panel.add_button.on_click(lambda _, p=panel: self.add_part(p))
            panel.change_button.on_click(lambda _, p=panel: self.change_part(p))
            panel.remove_button.on_click(lambda _, p=panel: self.remove_part(p))
        self.undo_button.on_click(lambda _: self.undo())
        self.save_button.on_click(lambda _: self.save())
        self.point_button.on_click(lambda _: self.point_client())
        return self._lay_out_work()

    def _lay_out_work(self) -> widgets.VBox:
        side = widgets.Tab([p.box for p in self.panels.values()])
        for i, title in enumerate(("Goals", "Obstacles", "Routes")):
            side.set_title(i, title)
        steps = widgets.VBox(
            [
                self.step_list,
                self.new_title,
                self.new_length.box,
                widgets.HBox([self.add_before_button, self.add_after_button]),
                widgets.HBox([self.remove_button, self.undo_button]),
            ]
        ).add_class("careerlib-builder-steps")
        beside = widgets.VBox(
            [
                self.step_form.box,
                widgets.HTML("<b>Goals, obstacles and routes</b>"),
                side.add_class("careerlib-builder-side"),
            ]
        )
        return widgets.VBox(
            [
                widgets.HBox([steps, beside]),
                widgets.HBox([self.save_name, self.save_button, self.point_button]),
            ]
        )

    # -- changes -------------------------------------------------------------------------

    def apply(self, change: Callable[[PlanDraft], str], *, choose: str | None = None) -> bool:
        """Make a change on the draft (a function that returns what it did) and redraw.

        Returns whether it was made; a refused change (a ``CareerlibError``)
        leaves the plan as it was, with the reason in :attr:`message`. ``choose``
        is the step to show in the form afterwards (default: the one chosen).
        """
        if self.draft is None:
            self._refuse("Start the plan first: the destination and the target date.")
            return False
        try:
            done = change(self.draft)
        except CareerlibError as exc:
            self._refuse(error_text(exc))
            return False
        if choose is not None:
            self._chosen = choose
        self._redraw(done)
        return True

    def start(self) -> bool:
        """Start the plan from what the start row says (a new draft, or again: undoable)."""
        try:
            fresh = self._fresh_draft(self.origin_picker.value)
        except CareerlibError as exc:
            self._refuse(error_text(exc))
            return False
        label = dict((v, k) for k, v in self.origin_picker.options)[self.origin_picker.value]
        if self.draft is None:
            self.draft, done = fresh, f"Started from {label}."
        else:
            done = self.draft.restart(fresh.plan, f"Started again from {label}.")
            self.draft.path = fresh.path
        self._stem = self._file_stem()
        self._chosen = None
        self._redraw(f"{done} Now: what has to happen just before the destination?")
        return True

    def _fresh_draft(self, origin: str) -> PlanDraft:
        client = self.client
        if origin == CLIENT_PLAN and client is not None and client.plan is not None:
            return PlanDraft.open(client.resolve(client.plan))
        target, start = self.target_picker.value, self.start_picker.value
        if origin.startswith(_TEMPLATE):
            role = None
            if client is not None:
                role = (
                    client.resolve(client.target_role)
                    if client.role_is_file
                    else client.target_role
                )
            return PlanDraft.from_template(
                origin.removeprefix(_TEMPLATE),
                target=target,
                start=start,
                name=client.name if client is not None else "the client",
                role=role,
                current=client.current_role if client is not None else None,
            )
        title = self.destination_field.value.strip()
        if not title or not isinstance(target, dt.date):
            raise UsageError(
                "Name the destination and choose the target date first, then press Start the plan."
            )
        hours = float(self.hours_field.value) or None
        owner = client.name if client is not None else None
        return PlanDraft.new(title, target, start, owner=owner, hours_per_week=hours)

    def add_before(self) -> bool:
        """Add the new step (title and length above) before the chosen step."""
        return self._add_step(before=True)

    def add_after(self) -> bool:
        """Add the new step after the chosen step."""
        return self._add_step(before=False)

    def _started(self) -> bool:
        """Whether the plan is started (else the coach is told to start it)."""
        if self.draft is None or self._work is None:
            self._refuse("Start the plan first: the destination and the target date.")
            return False
        return True

    def _add_step(self, *, before: bool) -> bool:
        if not self._started():
            return False
        chosen, title = self.step_list.value, self.new_title.value.strip()
        if chosen is None:
            self._refuse("Choose the step in the list first.")
            return False
        if not title:
            self._refuse("Say what the step is: type its title in \u201cWhat comes before?\u201d.")
            return False
        assert self.draft is not None
        step_id = self.draft.free_id(title)
        route = self.draft.step(chosen).route  # a step of a route is needed on that route
        where = {"before": chosen} if before else {"after": [chosen]}
        added = self.apply(
            lambda d: d.add_step(step_id, title, **self.new_length.fields(), route=route, **where),
            choose=step_id,
        )
        if added:
            self.new_title.value = ""  # ready for "and what comes before that?"
        return added

    def remove(self) -> bool:
        """Remove the chosen step (what it joined is mended: see :meth:`PlanDraft.remove_step`)."""
        if not self._started():
            return False
        chosen = self.step_list.value
        if chosen is None:
            self._refuse("Choose the step to remove in the list first.")
            return False
        return self.apply(lambda d: d.remove_step(chosen))

    def apply_step_form(self) -> bool:
        """Make the chosen step what its form says."""
        if not self._started():
            return False
        chosen = self.step_list.value
        if self.draft is None or chosen is None:
            self._refuse("Choose a step in the list first.")
            return False
        changes = self.step_form.changes(self.draft.plan, self.draft.step(chosen))
        if not changes:
            self._refuse("Nothing to change: the form shows the step as it is.")
            return False
        return self.apply(lambda d: d.edit_step(chosen, **changes))

    def add_part(self, panel: PartPanel) -> bool:
        """Add a goal, obstacle or route from its form."""
        values = panel.values()
        if not values.get("title"):
            self._refuse(f"Give the {panel.kind} a title first.")
            return False

        def add(d: PlanDraft) -> str:
            new_id = d.free_id(values["title"], panel.kind)
            return str(getattr(d, f"add_{panel.kind}")(new_id, **values))

        added = self.apply(add)
        if added and self.draft is not None:
            panel.items.value = getattr(self.draft.plan, panel.key)[-1].id
        return added

    def change_part(self, panel: PartPanel) -> bool:
        """Change the chosen goal, obstacle or route to what its form says."""
        chosen = panel.items.value
        if chosen is None or self.draft is None:
            self._refuse(f"Choose the {panel.kind} to change first.")
            return False
        assert self.draft is not None
        values = panel.changes(self.draft.plan)
        if not values:
            self._refuse(f"Nothing to change: the form shows the {panel.kind} as it is.")
            return False
        return self.apply(lambda d: str(getattr(d, f"edit_{panel.kind}")(chosen, **values)))

    def remove_part(self, panel: PartPanel) -> bool:
        """Remove the chosen goal, obstacle or route."""
        chosen = panel.items.value
        if chosen is None:
            self._refuse(f"Choose the {panel.kind} to remove first.")
            return False
        return self.apply(lambda d: str(getattr(d, f"remove_{panel.kind}")(chosen)))

    def undo(self) -> bool:
        """Take the last change back."""
        return self.apply(lambda d: d.undo())

    def save(self, name: str | Path | None = None) -> Path | None:
        """Write the plan to a new file (the name typed, in :attr:`folder`); never over a file.

        Returns the path written, or None (the reason in :attr:`message`).
        """
        if self.draft is None:
            self._refuse("Start the plan first: there is nothing to save yet.")
            return None
        target = self._save_path(str(name if name is not None else self.save_name.value))
        try:
            written = self.draft.save(target)
        except (CareerlibError, OSError) as exc:
            self._refuse(f"Not saved: {error_text(exc)}")
            return None
        self.saved.append(written)
        self._redraw(f"Saved as {written}.")
        return written

    def point_client(self) -> bool:
        """Point the client file at the plan saved last (only its ``plan:`` line changes)."""
        client = self.client
        if client is None or client.path is None or not self.saved:
            self._refuse("Save the plan first; then it can become the client's plan.")
            return False
        try:
            value = set_client_plan(client.path, self.saved[-1])
        except CareerlibError as exc:
            self._refuse(f"The client file was not changed: {error_text(exc)}")
            return False
        self.client = load_client(client.path)  # as checked before it was written
        self._quiet = True
        try:
            chosen = self.origin_picker.value
            self.origin_picker.options = self._origins()  # "<name>'s plan" is the new one
            self.origin_picker.value = chosen
        finally:
            self._quiet = False
        self._show_message(
            f"{client.name}'s client file now names {value} as the plan "
            "(only its plan: line changed).",
            error=False,
        )
        return True

    # -- control handlers ------------------------------------------------------------------

    def _on_destination(self, change: dict[str, Any]) -> None:
        title = str(change["new"]).strip()
        if self._quiet or self.draft is None or not title or title == self.draft.plan.title:
            return
        self.apply(lambda d: d.edit_plan(title=title))

    def _on_target(self, change: dict[str, Any]) -> None:
        if self._quiet or self.draft is None:
            return
        if not isinstance(change["new"], dt.date):
            self._refuse("Choose a target date.")
            return
        self.apply(lambda d: d.edit_plan(target=change["new"]))

    def _on_start_date(self, change: dict[str, Any]) -> None:
        if not self._quiet and self.draft is not None:
            self.apply(lambda d: d.edit_plan(start=change["new"]))

    def _on_hours(self, change: dict[str, Any]) -> None:
        if not self._quiet and self.draft is not None:
            hours = float(change["new"]) or None
            self.apply(lambda d: d.edit_plan(hours_per_week=hours))

    def _on_choose(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._chosen = change["new"]
            self._sync()

    def _on_part_choose(self, panel: PartPanel) -> None:
        if not self._quiet and self.draft is not None:
            self._quiet = True
            try:
                panel.show(self.draft.plan)
            finally:
                self._quiet = False

    # -- files -------------------------------------------------------------------------------

    def _default_folder(self) -> Path:
        client = self.client
        if client is not None and client.path is not None:
            if client.plan is not None:
                return Path(os.path.normpath(client.resolve(client.plan).parent))
            plans = Path(os.path.normpath(client.path.parent.parent / "plans"))
            return plans if plans.is_dir() else client.path.parent
        if self.draft is not None and self.draft.path is not None:
            return self.draft.path.parent
        return Path.cwd()

    def _file_stem(self) -> str:
        if self.draft is not None and self.draft.path is not None:
            return f"{self.draft.path.stem}-built"
        if self.draft is not None:
            return id_from_title(self.draft.plan.title, words=6)
        return "plan"

    def _suggested_name(self) -> str:
        n, name = 2, f"{self._stem}.yaml"
        while (self.folder / name).exists():
            name, n = f"{self._stem}-{n}.yaml", n + 1
        return name

    def _save_path(self, name: str) -> Path:
        text = name.strip() or self._suggested_name()
        path = Path(text).expanduser()
        if not path.suffix:
            path = path.with_suffix(".yaml")
        return path if path.is_absolute() else self.folder / path

    # -- drawing -----------------------------------------------------------------------------

    def _refuse(self, text: str) -> None:
        self._show_message(text, error=True)
        self._sync()

    def _show_message(self, text: str, *, error: bool) -> None:
        self.message.value = message_html(text, error=error) if text else ""

    def _redraw(self, done: str) -> None:
        result = self.schedule
        if result is None:
            self.verdict.value = (
                "Name the destination and choose the target date, then press "
                "<b>Start the plan</b> (or start from a template)."
            )
        else:
            if self._work is None:
                self._work = self._make_work()
            appearing = self._work not in self.widget.children
            self._draw_chart(result, self._work)
            if appearing:
                self.widget.children = (*self._head, self._work)
            self.verdict.value = verdict_html(result, "the plan being built")
        self._show_message(done, error=False)
        self._sync()

    def _chart(self, result: Schedule) -> go.Figure:
        return charts.gantt(result, width=self._width, **self._chart_options)

    def _draw_chart(self, result: Schedule, work: widgets.VBox) -> None:
        """The schedule's Gantt chart, under the forms (made with the first one)."""
        chart = self._chart(result)
        if self.chart is None:
            self.chart = Chart(chart)
            work.children = (*work.children, self.chart.widget)
        else:
            self.chart.show(chart)

    def _step_options(self, result: Schedule) -> list[tuple[str, str]]:
        """The steps in the order of their dates, each led by its dates."""
        rows = []
        for i, step in enumerate(result.steps):
            start, finish = (d.astype(object) for d in (result.start[i], result.finish[i]))
            mark = "\u25c6 " if result.milestone[i] else ""
            label = f"{mark}{short_range(start, finish)} \u00b7 {step.title or step.id}"
            rows.append((start, finish, i, label, step.id))
        return [(label, sid) for *_, label, sid in sorted(rows)]

    def _sync(self) -> None:
        """Show the draft's values in every control, without acting on them."""
        draft = self.draft
        self._quiet = True
        try:
            self.start_button.description = "Start the plan" if draft is None else "Start again"
            if draft is None or self._work is None:
                return
            self.undo_button.disabled = not draft.can_undo
            self.point_button.disabled = not self.saved
            plan = draft.plan
            self.destination_field.value = plan.title
            self.target_picker.value = plan.target
            self.start_picker.value = plan.start
            self.hours_field.value = plan.calendar.hours_per_week or 0.0
            options = self._step_options(draft.schedule())
            if list(self.step_list.options) != options:
                self.step_list.options = options
            ids = [v for _, v in options]
            chosen = self._chosen if self._chosen in ids else ids[-1]
            self.step_list.value = self._chosen = chosen
            step = draft.step(chosen)
            self.step_form.show(plan, step)
            what = "milestone" if step.milestone else "step"
            self.add_before_button.description = f"Add before this {what}"
            for panel in self.panels.values():
                panel.show(plan)
            if not self.save_name.value or self._suggested_taken():
                self.save_name.value = self._suggested_name()
        finally:
            self._quiet = False

    def _suggested_taken(self) -> bool:
        """Whether the name in the field is a file saved already (a fresh name is due)."""
        return bool(self.saved) and self._save_path(self.save_name.value) in self.saved
