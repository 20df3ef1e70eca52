"""The forms of the plan builder: a step's length, the step form, goals, obstacles, routes.

Each form reads a step (or goal...) of the plan into its widgets and turns
what the coach typed back into the keyword arguments of a
:class:`~careerlib.draft.PlanDraft` method: an empty text is ``None`` (the field
is left out), a length is ``duration``, ``effort`` or ``milestone``. The
builder (:mod:`careerlib.console.builder`) calls the draft and redraws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets

from careerlib._fields import GOAL_LEVELS
from careerlib._text import clip
from careerlib.console._common import LABEL
from careerlib.models import Plan, Step

__all__ = [
    "UNITS",
    "LengthInput",
    "PartPanel",
    "StepForm",
    "part_panels",
    "short_date",
    "short_range",
]

#: The kinds of length a step can have, as the form offers them.
UNITS: tuple[tuple[str, str], ...] = (
    ("working days", "d"),
    ("weeks", "w"),
    ("hours", "h"),
    ("milestone (no time)", "m"),
)
NO_GOAL = ""
EVERY_ROUTE = ""
_WIDE = {"width": "auto"}


def short_date(day: dt.date) -> str:
    """``3 Jun 2027``: a date as a client reads it."""
    return f"{day.day} {day:%b %Y}"


def short_range(start: dt.date, finish: dt.date) -> str:
    """From ``start`` to ``finish`` in few words: ``3 to 9 Jun 2027``, ``29 Jun to 1 Jul 2027``."""
    if start == finish:
        return short_date(finish)
    if start.year != finish.year:
        return f"{short_date(start)} to {short_date(finish)}"
    if start.month != finish.month:
        return f"{start.day} {start:%b} to {short_date(finish)}"
    return f"{start.day} to {short_date(finish)}"


def _text(value: str) -> str | None:
    return value.strip() or None


def _choices(plan: Plan, kind: str) -> list[tuple[str, str]]:
    """(title, id) of the plan's steps (or goals), for a picker."""
    items = plan.steps if kind == "steps" else plan.goals
    return [(clip(str(i.title or i.id), 60), i.id) for i in items]


def _later(plan: Plan, step_id: str) -> set[str]:
    """The step and every step that waits on it, directly or not: never before it."""
    waiting: dict[str, list[str]] = {}
    for step in plan.steps:
        for first in step.after:
            waiting.setdefault(first, []).append(step.id)
    found, todo = {step_id}, [step_id]
    while todo:
        for then in waiting.get(todo.pop(), []):
            if then not in found:
                found.add(then)
                todo.append(then)
    return found


def _set_options(picker: widgets.Widget, options: list[tuple[str, str]]) -> None:
    """New options for a picker, keeping what is chosen where it still exists."""
    if list(picker.options) == options:
        return
    chosen = picker.value
    picker.options = options
    ids = [v for _, v in options]
    if isinstance(chosen, tuple):
        picker.value = tuple(v for v in chosen if v in ids)
    elif chosen in ids:
        picker.value = chosen


class LengthInput:
    """How long a step takes: an amount and a unit (working days, weeks, hours, milestone)."""

    def __init__(self, css: str, description: str = "Takes") -> None:
        self.amount = widgets.BoundedFloatText(
            description=description,
            value=5,
            min=0,
            max=100_000,
            style=LABEL,
            layout={"width": "170px"},
        ).add_class(f"{css}-amount")
        self.unit = widgets.Dropdown(options=UNITS, value="d", layout={"width": "170px"}).add_class(
            f"{css}-unit"
        )
        self.unit.observe(lambda _: self._enable(), names="value")
        self.box = widgets.HBox([self.amount, self.unit])

    def _enable(self) -> None:
        self.amount.disabled = self.unit.value == "m"

    def fields(self) -> dict[str, Any]:
        """``duration``, ``effort`` and ``milestone`` as :meth:`PlanDraft.edit_step` takes them."""
        amount, unit = float(self.amount.value), self.unit.value
        if unit == "m":
            return {"duration": None, "effort": None, "milestone": True}
        if unit == "h":
            return {"duration": None, "effort": f"{amount:g}h", "milestone": False}
        return {"duration": f"{amount:g}{unit}", "effort": None, "milestone": False}

    def show(self, step: Step) -> None:
        if step.milestone:
            self.unit.value = "m"
        elif step.effort is not None:
            self.amount.value, self.unit.value = step.effort, "h"
        elif step.duration is not None:
            self.amount.value, self.unit.value = step.duration.amount, step.duration.unit
        self._enable()


class StepForm:
    """The form of the chosen step: its title, length, what it comes after, deadline,
    buffer, goal and route."""

    def __init__(self) -> None:
        self.title = widgets.Text(description="Title", style=LABEL, layout={"width": "420px"})
        self.title.add_class("careerlib-step-title")
        self.length = LengthInput("careerlib-step")
        self.after = widgets.SelectMultiple(
            description="Comes after", rows=5, style=LABEL, layout={"width": "420px"}
        ).add_class("careerlib-step-after")
        self.deadline = widgets.DatePicker(description="Deadline", style=LABEL).add_class(
            "careerlib-step-deadline"
        )
        self.buffer = widgets.BoundedIntText(
            description="Buffer (working days)",
            min=0,
            max=5000,
            style=LABEL,
            layout={"width": "220px"},
        ).add_class("careerlib-step-buffer")
        self.goal = widgets.Dropdown(description="Goal", style=LABEL).add_class(
            "careerlib-step-goal"
        )
        self.route = widgets.Dropdown(description="Route", style=LABEL).add_class(
            "careerlib-step-route"
        )
        self.apply_button = widgets.Button(
            description="Apply changes to this step", icon="check", layout=_WIDE
        ).add_class("careerlib-apply-step")
        self.box = widgets.VBox(
            [
                self.title,
                self.length.box,
                self.after,
                widgets.HBox([self.deadline, self.buffer]),
                widgets.HBox([self.goal, self.route]),
                self.apply_button,
            ]
        ).add_class("careerlib-step-form")

    def show(self, plan: Plan, step: Step | None) -> None:
        """Show ``step`` (of ``plan``) in the form, or an empty, disabled form."""
        later = _later(plan, step.id) if step is not None else set()
        # a step can come after any step but itself and those that wait on it (a loop)
        _set_options(self.after, [c for c in _choices(plan, "steps") if c[1] not in later])
        _set_options(self.goal, [("no goal", NO_GOAL), *_choices(plan, "goals")])
        routes = [(clip(r.title, 40), r.id) for r in plan.routes]
        _set_options(self.route, [("every route", EVERY_ROUTE), *routes])
        self.route.disabled = not plan.routes
        for widget in (self.title, self.after, self.deadline, self.buffer, self.goal):
            widget.disabled = step is None
        self.apply_button.disabled = step is None
        if step is None:
            return
        self.title.value = step.title or step.id
        self.length.show(step)
        self.after.value = tuple(step.after)
        self.deadline.value = step.deadline
        self.buffer.value = step.buffer.working_days(plan.workdays_per_week)
        self.goal.value = step.goal or NO_GOAL
        self.route.value = step.route or EVERY_ROUTE

    def changes(self, plan: Plan, step: Step) -> dict[str, Any]:
        """The fields the coach changed, as :meth:`PlanDraft.edit_step` takes them."""
        wanted: dict[str, Any] = {
            "title": _text(self.title.value),
            **self.length.fields(),
            "after": list(self.after.value),
            "deadline": self.deadline.value,
            "goal": self.goal.value or None,
            "route": self.route.value or None,
        }
        have: dict[str, Any] = {
            "title": step.title if step.title != step.id else None,
            "duration": None if step.duration is None else str(step.duration),
            "effort": None if step.effort is None else f"{step.effort:g}h",
            "milestone": step.milestone,
            "after": list(step.after),
            "deadline": step.deadline,
            "goal": step.goal,
            "route": step.route,
        }
        if wanted["title"] == step.id:
            wanted["title"] = None
        changed = {k: v for k, v in wanted.items() if v != have[k]}
        days = int(self.buffer.value)
        if days != step.buffer.working_days(plan.workdays_per_week):
            changed["buffer"] = days or None
        return changed


@dataclass
class _Field:
    """One field of a goal, obstacle or route form."""

    name: str
    widget: widgets.Widget
    read: Callable[[Any], Any] = _text
    write: Callable[[Any], Any] = lambda v: "" if v is None else v
    options: Callable[[Plan, str | None], list[tuple[str, str]]] | None = None


@dataclass
class PartPanel:
    """The goals (or obstacles, or routes) of the plan: a list, a form, add, change, remove."""

    key: str
    kind: str
    fields: list[_Field]
    label: Callable[[Any], str]
    items: widgets.Select = field(init=False)
    add_button: widgets.Button = field(init=False)
    change_button: widgets.Button = field(init=False)
    remove_button: widgets.Button = field(init=False)
    box: widgets.VBox = field(init=False)

    def __post_init__(self) -> None:
        css = f"careerlib-{self.key}"
        self.items = widgets.Select(rows=5, layout={"width": "440px"}).add_class(f"{css}-list")
        self.add_button = widgets.Button(description=f"Add {self.kind}", icon="plus")
        self.change_button = widgets.Button(description="Change", icon="check")
        self.remove_button = widgets.Button(description="Remove", icon="minus")
        for button, what in (
            (self.add_button, "add"),
            (self.change_button, "change"),
            (self.remove_button, "remove"),
        ):
            button.add_class(f"{css}-{what}")
        for f in self.fields:
            f.widget.add_class(f"{css}-{f.name}")
        self.box = widgets.VBox(
            [
                self.items,
                *(f.widget for f in self.fields),
                widgets.HBox([self.add_button, self.change_button, self.remove_button]),
            ]
        ).add_class(css)

    def values(self) -> dict[str, Any]:
        """The form's values, as the draft's ``add_<kind>`` and ``edit_<kind>`` take them."""
        return {f.name: f.read(f.widget.value) for f in self.fields}

    def changes(self, plan: Plan) -> dict[str, Any]:
        """The fields of the chosen item the coach changed in the form."""
        chosen = next((i for i in getattr(plan, self.key) if i.id == self.items.value), None)
        values = self.values()
        if chosen is None:
            return values
        return {k: v for k, v in values.items() if v != getattr(chosen, k)}

    def show(self, plan: Plan) -> None:
        """The plan's items in the list; the chosen one's values in the form."""
        items = getattr(plan, self.key)
        _set_options(self.items, [(clip(self.label(i), 70), i.id) for i in items])
        if self.items.value is None and items:
            self.items.value = items[0].id
        chosen = next((i for i in items if i.id == self.items.value), None)
        for f in self.fields:
            if f.options is not None:
                _set_options(f.widget, f.options(plan, None if chosen is None else chosen.id))
            if chosen is not None:
                f.widget.value = f.write(getattr(chosen, f.name))
        self.change_button.disabled = self.remove_button.disabled = chosen is None


def _wide_text(description: str, placeholder: str = "") -> widgets.Text:
    return widgets.Text(
        description=description, placeholder=placeholder, style=LABEL, layout={"width": "440px"}
    )


def _ids(value: Any) -> list[str]:
    return list(value)


def _level_label(goal: Any) -> str:
    return f"{goal.title} ({goal.level})"


def part_panels() -> list[PartPanel]:
    """The panels for the plan's goals, obstacles and routes, in that order."""
    goals = PartPanel(
        "goals",
        "goal",
        [
            _Field("title", _wide_text("Goal", "e.g. Senior PM role")),
            _Field(
                "level",
                widgets.Dropdown(
                    description="Level", options=GOAL_LEVELS, value="professional", style=LABEL
                ),
                read=lambda v: v,
                write=lambda v: v,
            ),
            _Field(
                "supports",
                widgets.SelectMultiple(
                    description="Supports", rows=3, style=LABEL, layout={"width": "440px"}
                ),
                read=_ids,
                write=tuple,
                options=lambda plan, _: _choices(plan, "goals"),
            ),
            _Field("measure", _wide_text("Measure", "how the client will know")),
        ],
        label=_level_label,
    )
    scale = {"min": 1, "max": 5, "style": LABEL, "continuous_update": False}
    obstacles = PartPanel(
        "obstacles",
        "obstacle",
        [
            _Field("title", _wide_text("Obstacle", "e.g. a hiring freeze")),
            _Field(
                "likelihood",
                widgets.IntSlider(description="Likelihood (1-5)", value=3, **scale),
                read=int,
                write=int,
            ),
            _Field(
                "impact",
                widgets.IntSlider(description="Impact (1-5)", value=3, **scale),
                read=int,
                write=int,
            ),
            _Field("mitigation", _wide_text("Mitigation", "what makes it less likely")),
            _Field("contingency", _wide_text("Contingency", "what to do if it happens")),
            _Field(
                "affects",
                widgets.SelectMultiple(
                    description="Affects", rows=4, style=LABEL, layout={"width": "440px"}
                ),
                read=_ids,
                write=tuple,
                options=lambda plan, _: _choices(plan, "steps"),
            ),
        ],
        label=lambda o: f"{o.title} (likelihood {o.likelihood}, impact {o.impact})",
    )
    routes = PartPanel(
        "routes",
        "route",
        [
            _Field("title", _wide_text("Route", "e.g. Change sector")),
            _Field("description", _wide_text("Description")),
        ],
        label=lambda r: str(r.title),
    )
    return [goals, obstacles, routes]
