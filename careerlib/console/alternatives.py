"""The console's alternatives: each step's other ways as toggles with their price,
and a button for the cheapest way to the target.

:class:`AlternativesPanel` belongs to a :class:`~careerlib.console.explorers.PlanExplorer`
whose plan lists alternatives (it adds the panel under its controls). A toggle
takes an alternative (or goes back to the step's own way) through the
explorer's :meth:`~careerlib.console.explorers.PlanExplorer.apply`, so the
Gantt chart and the verdict follow as for any what-if, and the button asks
:func:`careerlib.cheapest_way` for the least-cost set and takes it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from careerlib import whatif
from careerlib.console._common import LABEL, error_text, message_html
from careerlib.exceptions import CareerlibError
from careerlib.tradeoff import cheapest_way, format_money

if TYPE_CHECKING:
    from careerlib.console.explorers import PlanExplorer
    from careerlib.models import Alternative, Plan, Step

__all__ = ["AS_PLANNED", "AlternativesPanel"]

#: The toggle of a step's own way (its duration or effort as written).
AS_PLANNED = "as planned"
# ToggleButtons cannot hold None as a value: the step's own way is the empty string
_OWN = ""


def _way(step: Step | Alternative) -> tuple[Any, float | None]:
    """A step's (or an alternative's) way: its duration, or its effort [hours]."""
    return step.duration, step.effort


class AlternativesPanel:
    """Toggles for the alternatives of each step, and "cheapest way to the target".

    Attributes
    ----------
    toggles
        ``{step id: ToggleButtons}``: :data:`AS_PLANNED` and one button an alternative,
        labelled with its title and price.
    cheapest_button
        Takes the least-cost set that makes the target (:func:`careerlib.cheapest_way`).
    taken
        ``{step id: alternative id}`` taken in the explorer's current plan.
    last
        The last answer of the cheapest-way button (a :class:`~careerlib.CheapestWay`), or None.
    widget
        The panel, as the explorer lays it out.
    """

    def __init__(self, explorer: PlanExplorer) -> None:
        self.explorer = explorer
        self.taken: dict[str, str] = {}
        self.last: Any = None
        self._own: dict[str, tuple[Any, float | None]] = {}
        self._quiet = False
        currency = explorer.original.currency
        self.toggles: dict[str, widgets.ToggleButtons] = {}
        for step in explorer.original.steps:
            if not step.alternatives:
                continue
            options = [(AS_PLANNED, _OWN)] + [
                (f"{a.title} · {format_money(a.cost, currency)}", a.id) for a in step.alternatives
            ]
            toggle = widgets.ToggleButtons(
                options=options,
                value=_OWN,
                description=step.title or step.id,
                tooltips=[_tooltip(None)] + [_tooltip(a) for a in step.alternatives],
                style={**LABEL, "button_width": "auto"},
            ).add_class("careerlib-alternative")
            toggle.observe(lambda change, sid=step.id: self._on_toggle(sid, change), names="value")
            self.toggles[step.id] = toggle
        self.cheapest_button = widgets.Button(
            description="Cheapest way to the target", icon="magic", layout={"width": "auto"}
        ).add_class("careerlib-cheapest")
        self.cheapest_button.on_click(lambda _: self.take_cheapest())
        self.cost = widgets.HTML().add_class("careerlib-alternatives-cost")
        self.widget = widgets.VBox(
            [*self.toggles.values(), widgets.HBox([self.cheapest_button, self.cost])]
        ).add_class("careerlib-alternatives")
        self.sync()

    # -- what the coach does ------------------------------------------------------------

    def take(self, step_id: str, alternative: str | None) -> bool:
        """Take an alternative for a step (``None``: its own way); returns whether it could."""
        plan = self.explorer.plan
        if alternative is None:
            if step_id not in self.taken:
                return True
            own = self._own[step_id]
            done = self.explorer.apply(
                lambda p: _with_way(p, step_id, own), f"{_title(plan, step_id)}: as planned."
            )
            if done:
                self.taken.pop(step_id, None)
                self._own.pop(step_id, None)
                self.sync()
            return done
        own = self._own.get(step_id, _way(plan.step(step_id)))
        alt = plan.step(step_id).alternative(alternative)
        done = self.explorer.apply(
            lambda p: whatif.with_alternatives(p, {step_id: alternative}),
            f"{_title(plan, step_id)}: {alt.title} ({format_money(alt.cost, plan.currency)}).",
        )
        if done:
            self._own[step_id] = own
            self.taken[step_id] = alternative
            self.sync()
        return done

    def take_cheapest(self) -> bool:
        """Take the least-cost set that makes the target (or leaves the plan least late)."""
        try:
            base = self._as_planned(self.explorer.plan)
            best = cheapest_way(base, self.explorer.route, **self.explorer.status_date())
        except CareerlibError as exc:
            self.explorer.message.value = message_html(error_text(exc), error=True)
            return False
        own = {sid: _way(base.step(sid)) for sid in best.choice}
        done = self.explorer.apply(
            lambda p: whatif.with_alternatives(self._as_planned(p), best.choice), best.sentence
        )
        if done:
            self.last = best
            self.taken, self._own = dict(best.choice), own
            self.sync()
        return done

    # -- keeping the toggles in step with the explorer ---------------------------------------

    def sync(self) -> None:
        """Show the taken alternatives in the toggles (the explorer calls it after a change).

        Back at the plan as loaded (the reset button), nothing is taken; a step
        whose way was changed another way (its working days) is no longer on
        its alternative.
        """
        plan = self.explorer.plan
        if plan is self.explorer.original:
            self.taken.clear()
            self._own.clear()
        for sid, alt in list(self.taken.items()):
            if _way(plan.step(sid)) != _way(plan.step(sid).alternative(alt)):
                self.taken.pop(sid)
                self._own.pop(sid, None)
        self._quiet = True
        try:
            for sid, toggle in self.toggles.items():
                toggle.value = self.taken.get(sid, _OWN)
        finally:
            self._quiet = False
        self._show_cost()

    def _on_toggle(self, step_id: str, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        if not self.take(step_id, change["new"] or None):
            self.sync()

    def _as_planned(self, plan: Plan) -> Plan:
        """``plan`` with every taken step back on its own way."""
        for sid in self.taken:
            plan = _with_way(plan, sid, self._own[sid])
        return plan

    def _show_cost(self) -> None:
        plan = self.explorer.plan
        total = sum(plan.step(s).alternative(a).cost for s, a in self.taken.items())
        text = (
            f"Taken: {len(self.taken)} alternative{'s' if len(self.taken) != 1 else ''}, "
            f"{format_money(total, plan.currency)} in all."
            if self.taken
            else "No alternative taken."
        )
        self.cost.value = f'<span style="color: #475467">{html.escape(text)}</span>'


def _with_way(plan: Plan, step_id: str, way: tuple[Any, float | None]) -> Plan:
    duration, effort = way
    if duration is not None:
        return whatif.with_duration(plan, step_id, str(duration))
    assert effort is not None
    return whatif.with_effort(plan, step_id, effort)


def _title(plan: Plan, step_id: str) -> str:
    return plan.step(step_id).title or step_id


def _tooltip(alt: Alternative | None) -> str:
    if alt is None:
        return "The step's own way, as written in the plan"
    way = f"takes {alt.duration}" if alt.duration is not None else f"takes {alt.effort:g} hours"
    hours = "" if alt.hours_per_week is None else f", {alt.hours_per_week:g} h/week while it runs"
    return f"{way}{hours}"
