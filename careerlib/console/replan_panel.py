"""The console's "Save as re-plan": a new version of the client's plan from a status date.

A day to re-plan from, a new target, "Switch the client to it" and one button:
:func:`careerlib.tracking.replan.replan` writes the new plan beside the old one
(never over a file), schedules it, saves its baseline and, when asked, points
the client file at it. What was written and the new verdict show under the
controls; a refused re-plan (a target that has passed, ...) is a message,
never a traceback. The check-in panel shows this panel beneath its own.

>>> from careerlib.console.replan_panel import ReplanPanel      # doctest: +SKIP
>>> ReplanPanel("data/clients/jordan-lee.yaml")          # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from careerlib.clients import Client, load_client
from careerlib.console._common import LABEL, message_html
from careerlib.exceptions import CareerlibError
from careerlib.tracking.replan import Replan, replan

__all__ = ["ReplanPanel"]


class ReplanPanel:
    """Save the client's plan as a re-plan in one click.

    Attributes
    ----------
    client
        The client profile (loaded from a file: the re-plan goes beside its plan).
    day, target, switch, save_button
        The day to re-plan from, the new target (default the plan's), "Switch
        the client to it" and the button.
    message
        What was written and the verdict, or why nothing was
        (``careerlib-replan-message``).
    done
        The last :class:`~careerlib.tracking.replan.Replan` saved, or ``None``.
    on_saved
        Called with each re-plan saved (the check-in panel redraws when the
        client was switched to it).
    """

    def __init__(
        self,
        client: Client | str | Path,
        as_of: dt.date | None = None,
        *,
        on_saved: Callable[[Replan], None] | None = None,
    ) -> None:
        self.client = load_client(client, check=False) if isinstance(client, str | Path) else client
        self.on_saved = on_saved
        self.done: Replan | None = None
        self.day = widgets.DatePicker(
            description="Re-plan from", value=as_of or dt.date.today(), style=LABEL
        ).add_class("careerlib-replan-day")
        self.target = widgets.DatePicker(
            description="New target", value=self._plan_target(), style=LABEL
        ).add_class("careerlib-replan-target")
        self.switch = widgets.Checkbox(
            description="Switch the client to it",
            value=False,
            indent=False,
            layout=widgets.Layout(width="auto"),
        ).add_class("careerlib-replan-switch")
        self.save_button = widgets.Button(
            description="Save as re-plan", icon="copy", button_style="warning"
        ).add_class("careerlib-replan-save")
        self.save_button.on_click(lambda _: self.save())
        self.message = widgets.HTML().add_class("careerlib-replan-message")
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<b>Re-plan</b>: a new version of the plan from this day (what is done "
                    "stays done, each step in progress keeps what it has left), beside the "
                    "old one, with its own baseline."
                ),
                widgets.HBox([self.day, self.target, self.switch, self.save_button]),
                self.message,
            ]
        ).add_class("careerlib-replan-panel")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def _plan_target(self) -> dt.date | None:
        from careerlib.tracking.client import client_and_plan

        try:
            return client_and_plan(self.client)[1].target
        except CareerlibError:
            return None

    def save(self) -> bool:
        """Write the re-plan as the controls say; True when written."""
        try:
            done = replan(
                self.client,
                self.day.value or dt.date.today(),
                target=self.target.value,
                switch=bool(self.switch.value),
            )
        except CareerlibError as exc:
            self.message.value = message_html(str(exc), error=True)
            return False
        self.done = done
        if done.switched:
            self.client = load_client(done.client_path, check=False)
        self.switch.value = False
        moved = (
            f"now uses {done.path.name}"
            if done.switched
            else f"still uses {done.source.name}; to move the client to the re-plan: "
            f"careerlib switch {done.client_path} {done.path}"
        )
        self.message.value = (
            "<p>"
            + message_html(
                f"Wrote {done.path} and saved the baseline '{done.baseline.name}'. "
                f"The client file {moved}.",
                error=False,
            )
            + f"</p><p><b>{html.escape(done.verdict)}</b></p>"
        )
        if self.on_saved is not None:
            self.on_saved(done)
        return True
