"""The coach console's check-in panel: a slider for each step in flight or due, a note, Save.

One click records a check-in (:func:`careerlib.tracking.checkin`: appended to
the journal beside the client file, the YAML untouched) and redraws the
verdict and the tracking Gantt. A refused check-in (a date before the plan's
start, ...) is a message under the controls, never a traceback. Like
:mod:`careerlib.console.explorers`, this module draws with ipywidgets.

>>> from careerlib.console.checkin_panel import CheckinPanel      # doctest: +SKIP
>>> CheckinPanel("data/clients/jordan-lee.yaml")          # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from careerlib.charts.tracking import tracking_gantt
from careerlib.clients import Client, load_client
from careerlib.console._common import LABEL, Chart, message_html
from careerlib.console.replan_panel import ReplanPanel
from careerlib.exceptions import CareerlibError
from careerlib.tracking import Tracking, checkin, track_client
from careerlib.tracking.replan import Replan

__all__ = ["CheckinPanel"]

#: Steps not started show a slider when their latest start is within this many
#: working days (or their forecast start is) [working days].
DUE_DAYS = 10


class CheckinPanel:
    """Record a check-in in one click.

    Attributes
    ----------
    client
        The client profile (loaded from a file: the journal lives beside it).
    tracking
        The current :class:`~careerlib.tracking.Tracking` (redone after each save).
    sliders
        Step id -> ``FloatSlider`` (0-1) for the steps in progress and those
        due to start within :data:`DUE_DAYS` working days.
    date, note, backdate, save_button
        The check-in day, the note, "Entered late" (a day before the newest
        check-in is refused without it) and the Save button.
    verdict, message
        HTML widgets (``careerlib-checkin-verdict``, ``careerlib-message``).
    chart, figure
        The tracking Gantt shown (a :class:`~careerlib.console._common.Chart`,
        drawn anew after a save) and its ``plotly.graph_objects.Figure``.
    replan
        "Save as re-plan" (:class:`~careerlib.console.replan_panel.ReplanPanel`),
        beneath; a client switched to a re-plan is tracked on it at once.
    """

    def __init__(self, client: Client | str | Path, as_of: dt.date | None = None) -> None:
        self.client = load_client(client, check=False) if isinstance(client, str | Path) else client
        self.as_of = as_of if as_of is not None else dt.date.today()
        self.tracking: Tracking = track_client(self.client, self.as_of)
        self.verdict = widgets.HTML().add_class("careerlib-checkin-verdict")
        self.message = widgets.HTML().add_class("careerlib-message")
        self.date = widgets.DatePicker(
            description="Check-in day", value=self.as_of, style=LABEL
        ).add_class("careerlib-checkin-date")
        self.note = widgets.Text(
            description="Note", placeholder="what the client said", style=LABEL
        ).add_class("careerlib-checkin-note")
        self.backdate = widgets.Checkbox(
            description="Entered late",
            value=False,
            indent=False,
            tooltip="Accept a day before the newest check-in, marked as back-dated",
            layout=widgets.Layout(width="auto"),
        ).add_class("careerlib-checkin-backdate")
        self.save_button = widgets.Button(
            description="Save check-in", icon="check", button_style="primary"
        ).add_class("careerlib-checkin-save")
        self.save_button.on_click(lambda _: self.save())
        self.sliders: dict[str, widgets.FloatSlider] = {}
        self.slider_box = widgets.VBox().add_class("careerlib-checkin-steps")
        self.chart = Chart(tracking_gantt(self.tracking))
        self.replan = ReplanPanel(self.client, self.as_of, on_saved=self._replanned)
        self.widget = widgets.VBox(
            [
                self.verdict,
                self.slider_box,
                widgets.HBox([self.date, self.note, self.backdate, self.save_button]),
                self.message,
                self.chart.widget,
                self.replan.widget,
            ]
        ).add_class("careerlib-checkin-panel")
        self._sync()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    @property
    def figure(self) -> go.Figure:
        """The tracking Gantt shown."""
        return self.chart.figure

    def in_flight(self) -> list[str]:
        """The steps shown: in progress, or not started and due within :data:`DUE_DAYS`."""
        out = []
        for s in self.tracking.steps:
            if s.milestone or s.state == "done":
                continue
            due = s.days_to_latest_start is not None and s.days_to_latest_start <= DUE_DAYS
            soon = s.forecast_start is not None and (
                self.tracking.forecast.calendar.count(
                    self.tracking.forecast.resume, s.forecast_start
                )
                <= DUE_DAYS
            )
            if s.state == "in progress" or due or soon:
                out.append(s.id)
        return out

    def set_share(self, step_id: str, share: float) -> None:
        """Move a step's slider (as the coach would)."""
        self.sliders[step_id].value = share

    def save(self) -> bool:
        """Record the sliders' shares as a check-in on the chosen day; True when saved."""
        day = self.date.value or self.as_of
        progress = {sid: float(slider.value) for sid, slider in self.sliders.items()}
        try:
            done = checkin(
                self.client,
                progress,
                day,
                note=self.note.value.strip() or None,
                backdate=bool(self.backdate.value),
            )
        except CareerlibError as exc:
            self.message.value = message_html(str(exc), error=True)
            return False
        self.as_of = max(self.as_of, day)
        self.tracking = track_client(self.client, self.as_of)
        self.chart.show(tracking_gantt(self.tracking))
        self.note.value = ""
        self.backdate.value = False
        assert done.checkin is not None
        late = " (back-dated: entered late)" if done.checkin.backdated else ""
        saved = f"Saved the check-in of {day}{late} in {done.journal}."
        if done.baseline is not None:
            saved += f" Saved the first baseline, '{done.baseline.name}'."
        self._sync()
        self.message.value = message_html(saved, error=False)
        return True

    def _replanned(self, done: Replan) -> None:
        """After "Save as re-plan": a client switched to it is tracked on the new plan."""
        if not done.switched:
            return
        self.client = load_client(done.client_path, check=False)
        self.tracking = track_client(self.client, self.as_of)
        self.chart.show(tracking_gantt(self.tracking))
        self._sync()

    def _sync(self) -> None:
        tr = self.tracking
        changed = (
            ""
            if tr.plan_change is None
            else "<p class='careerlib-plan-changed' style='color:#C0392B'><b>"
            f"{html.escape(tr.plan_change.sentence)}</b></p>"
        )
        self.verdict.value = (
            f"<p><b>{html.escape(tr.verdict)}</b></p>{changed}"
            f"<p>{html.escape(tr.checkin_sentence)}</p>"
            + "".join(f"<p>{html.escape(u.sentence)}</p>" for u in tr.upcoming()[:5])
        )
        by_id = {s.id: s for s in tr.steps}
        self.sliders = {}
        for sid in self.in_flight():
            s = by_id[sid]
            label = s.title if len(s.title) <= 45 else s.title[:44] + "…"
            self.sliders[sid] = widgets.FloatSlider(
                description=label,
                value=s.actual,
                min=0.0,
                max=1.0,
                step=0.05,
                readout_format=".0%",
                continuous_update=False,
                style=LABEL,
                layout=widgets.Layout(width="640px"),
            ).add_class(f"careerlib-checkin-{sid}")
        if not self.sliders:
            self.slider_box.children = (
                widgets.HTML("<i>No step is in progress or due within two weeks.</i>"),
            )
        else:
            self.slider_box.children = tuple(self.sliders.values())
        self.message.value = ""
