"""The coach console's assessments: the client answers in the session, the result is kept.

Three panels, one per assessment of :mod:`careerlib.assessments`, and
:class:`AssessmentPanel` with the three as tabs:

- :class:`InterestProfiler`: one work activity at a time, five answer buttons
  from Strongly dislike to Strongly like (:mod:`careerlib.interests`);
- :class:`ValuesCardSort`: O*NET's six work values as cards; the client picks
  the most important of the cards left until they are in order;
- :class:`SkillRatings`: a slider (0-7) for each skill of the target role,
  O*NET's level anchors beside it, and "not rated" for a skill the client
  cannot judge yet.

**Save** appends the result, dated, to the assessments journal beside the
client file (the YAML is not touched) and says what moved most since the
previous assessment. Nothing is written before Save. A refused save is a
message under the controls, never a traceback.

>>> from careerlib.console.assessments import AssessmentPanel       # doctest: +SKIP
>>> AssessmentPanel("data/clients/jordan-lee.yaml")                # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from careerlib._fields import WORK_VALUES
from careerlib.assessments import (
    Assessment,
    record_assessment,
    skills_assessment,
    skills_to_rate,
    values_assessment,
)
from careerlib.clients import Client, load_client
from careerlib.console._common import error_text, message_html
from careerlib.exceptions import CareerlibError
from careerlib.interests import (
    InterestItems,
    interest_assessment,
    interest_items_path,
    load_interest_items,
)
from careerlib.onet import descriptors, load_onet

__all__ = ["AssessmentPanel", "InterestProfiler", "SkillRatings", "ValuesCardSort"]


class _Assessment:
    """What the three panels share: the client, the day, the message and Save."""

    kind = ""

    def __init__(self, client: Client | str | Path, as_of: dt.date | None) -> None:
        self.client = load_client(client, check=False) if isinstance(client, str | Path) else client
        if self.client.path is None:
            raise CareerlibError(
                "an assessment is kept beside the client file: load the client from a file"
            )
        self.as_of = as_of if as_of is not None else dt.date.today()
        self.saved: Assessment | None = None
        self.message = widgets.HTML().add_class("careerlib-message")
        self.save_button = widgets.Button(
            description="Save", icon="check", button_style="primary", disabled=True
        ).add_class(f"careerlib-{self.kind}-save")
        self.save_button.on_click(lambda _: self.save())

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)  # type: ignore[attr-defined]

    def result(self) -> Assessment:
        """The answers so far, scored (raises :class:`~careerlib.exceptions.AssessmentError`
        when they are not complete)."""
        raise NotImplementedError

    def save(self) -> Assessment | None:
        """Append the result to the client's journal; None (and a message) when refused."""
        try:
            result = self.result()
            known = [s.name for s in skills_to_rate(self.client)] + load_onet().element_names
            assert self.client.path is not None
            record_assessment(self.client.path, result, known_skills=known)
        except CareerlibError as exc:
            self.message.value = message_html(error_text(exc), error=True)
            return None
        self.saved = result
        self.client = load_client(self.client.path, check=False)
        self.message.value = message_html(
            f"Saved the {result.label}. {_moved(self.client, result)}", error=False
        )
        return result


def _moved(client: Client, result: Assessment) -> str:
    """One sentence: what moved most since the previous assessment of that kind."""
    from careerlib import gaps

    changes = gaps.reassessment(client)
    moved = gaps.moved_most(changes[changes["after_from"] == result.label], 3)
    if not len(moved):
        return "Nothing to compare it with yet." if changes.empty else "Nothing moved."
    since = moved["before_from"].iloc[0]
    return f"Moved most since the {since}: " + "; ".join(
        f"{r.name} {r.change:+.1f} ({r.before:g} → {r.after:g})" for r in moved.itertuples()
    )


class InterestProfiler(_Assessment):
    """The interest profiler: one activity at a time, answered with one of five buttons.

    Parameters
    ----------
    client
        The client profile or its file.
    items
        The item file; default :func:`careerlib.interests.interest_items_path`
        (the workspace's, else careerlib's sample items, which say so).

    Attributes
    ----------
    spec
        The :class:`~careerlib.interests.InterestItems`.
    answers
        The answers so far, 0 (Strongly dislike) to 4 (Strongly like).
    buttons
        One button per answer; clicking one answers the current item.
    """

    kind = "interests"

    def __init__(
        self,
        client: Client | str | Path,
        *,
        items: str | Path | None = None,
        as_of: dt.date | None = None,
    ) -> None:
        super().__init__(client, as_of)
        self.spec: InterestItems = load_interest_items(
            interest_items_path(items, client_path=self.client.path)
        )
        self.answers: list[int] = []
        self.header = widgets.HTML(_items_header(self.spec))
        self.progress = widgets.IntProgress(min=0, max=len(self.spec.items), description="")
        self.counter = widgets.HTML().add_class("careerlib-interests-count")
        self.item = widgets.HTML().add_class("careerlib-interests-item")
        self.buttons = [
            widgets.Button(description=text, layout=widgets.Layout(width="auto")).add_class(
                "careerlib-interests-answer"
            )
            for text in self.spec.answers
        ]
        for k, button in enumerate(self.buttons):
            button.on_click(lambda _, k=k: self.answer(k))
        self.back_button = widgets.Button(description="Back", icon="undo")
        self.back_button.on_click(lambda _: self.back())
        self.widget = widgets.VBox(
            [
                self.header,
                widgets.HBox([self.progress, self.counter]),
                self.item,
                widgets.HBox([*self.buttons]),
                widgets.HBox([self.back_button, self.save_button]),
                self.message,
            ]
        ).add_class("careerlib-interest-profiler")
        self._sync()

    @property
    def done(self) -> bool:
        """Whether every item has an answer."""
        return len(self.answers) == len(self.spec.items)

    def answer(self, value: int) -> None:
        """Answer the current item: 0 (Strongly dislike) to 4 (Strongly like)."""
        if self.done:
            self.message.value = message_html("Every activity has an answer: Save.", error=False)
            return
        if not 0 <= value < len(self.spec.answers):
            self.message.value = message_html(f"no answer {value}", error=True)
            return
        self.answers.append(int(value))
        self.message.value = ""
        self._sync()

    def back(self) -> None:
        """Take back the last answer."""
        self.answers = self.answers[:-1]
        self._sync()

    def result(self) -> Assessment:
        return interest_assessment(self.spec, self.answers, self.as_of, taken_in="console")

    def _sync(self) -> None:
        n, total = len(self.answers), len(self.spec.items)
        self.progress.value = n
        self.counter.value = f"{n} of {total} answered"
        if self.done:
            self.item.value = "<b>All done.</b> Press Save to keep the result."
        else:
            text = html.escape(self.spec.items[n].text)
            self.item.value = f"<p style='font-size:1.25em'>{text}</p>"
        for button in self.buttons:
            button.disabled = self.done
        self.back_button.disabled = n == 0
        self.save_button.disabled = not self.done


def _items_header(spec: InterestItems) -> str:
    lines = [
        f"<b>{html.escape(spec.title)}</b>",
        "How would you feel about doing each activity? Think of the activity, "
        "not of your skill at it or what it pays.",
    ]
    if spec.source:
        lines.insert(1, f"<small>{html.escape(spec.source)}</small>")
    if spec.sample:
        lines.append(
            "<span style='color:#b42318'>Sample items: not the O*NET Interest Profiler and "
            "not a validated inventory. Put the practice's items in "
            "data/assessments/interest-items.yaml.</span>"
        )
    return "<br>".join(lines)


class ValuesCardSort(_Assessment):
    """O*NET's six work values as cards: pick the most important of those left, in turn.

    Attributes
    ----------
    order
        The work values picked so far, most important first.
    cards
        Work value -> its button (disabled once picked).
    """

    kind = "values"

    def __init__(self, client: Client | str | Path, *, as_of: dt.date | None = None) -> None:
        super().__init__(client, as_of)
        described = descriptors("work value")
        self.order: list[str] = []
        self.cards = {
            value: widgets.Button(
                description=value,
                tooltip=str(described.at[value, "description"]),
                layout=widgets.Layout(width="180px"),
            ).add_class("careerlib-values-card")
            for value in WORK_VALUES
        }
        for value, card in self.cards.items():
            card.on_click(lambda _, v=value: self.pick(v))
        self.texts = widgets.HTML(
            "<ul>"
            + "".join(
                f"<li><b>{html.escape(v)}</b>: {html.escape(str(described.at[v, 'description']))}"
                "</li>"
                for v in WORK_VALUES
            )
            + "</ul>"
        )
        self.ranking = widgets.HTML().add_class("careerlib-values-order")
        self.undo_button = widgets.Button(description="Undo", icon="undo")
        self.undo_button.on_click(lambda _: self.undo())
        self.prompt = widgets.HTML()
        self.widget = widgets.VBox(
            [
                self.prompt,
                widgets.HBox(list(self.cards.values()), layout=widgets.Layout(flex_flow="wrap")),
                self.ranking,
                widgets.HBox([self.undo_button, self.save_button]),
                self.message,
                widgets.Accordion([self.texts], titles=("What the values mean (O*NET)",)),
            ]
        ).add_class("careerlib-values-sort")
        self._sync()

    def pick(self, value: str) -> None:
        """The most important of the work values left; the last one follows by itself."""
        if value not in WORK_VALUES or value in self.order:
            self.message.value = message_html(f"{value!r} is not a card left", error=True)
            return
        self.order.append(value)
        if len(self.order) == len(WORK_VALUES) - 1:
            self.order += [v for v in WORK_VALUES if v not in self.order]
        self.message.value = ""
        self._sync()

    def undo(self) -> None:
        """Put the last card picked back (the automatic last one with it)."""
        keep = len(self.order) - (2 if len(self.order) == len(WORK_VALUES) else 1)
        self.order = self.order[: max(0, keep)]
        self._sync()

    def result(self) -> Assessment:
        return values_assessment(self.order, self.as_of, taken_in="console")

    def _sync(self) -> None:
        left = len(WORK_VALUES) - len(self.order)
        self.prompt.value = (
            "<b>Which of these matters most to you in work?</b> Click the cards in order."
            if left
            else "<b>All six in order.</b> Press Save to keep them."
        )
        for value, card in self.cards.items():
            card.disabled = value in self.order
        self.ranking.value = (
            "<ol>" + "".join(f"<li>{html.escape(v)}</li>" for v in self.order) + "</ol>"
            if self.order
            else ""
        )
        self.undo_button.disabled = not self.order
        self.save_button.disabled = bool(left)


class SkillRatings(_Assessment):
    """A slider (0-7) for each skill of the target role, with O*NET's level anchors beside it.

    Attributes
    ----------
    skills
        The :class:`~careerlib.assessments.SkillToRate` asked, most important first.
    sliders, not_rated
        Skill -> its ``FloatSlider`` (0-7, halves) and its "not rated" checkbox.
        A skill the client has a level for starts there; the others start not rated.
    """

    kind = "skills"

    def __init__(self, client: Client | str | Path, *, as_of: dt.date | None = None) -> None:
        super().__init__(client, as_of)
        self.skills = skills_to_rate(self.client)
        current = {k.casefold(): v for k, v in self.client.skill_levels().items()}
        self.sliders: dict[str, widgets.FloatSlider] = {}
        self.not_rated: dict[str, widgets.Checkbox] = {}
        rows = []
        for skill in self.skills:
            level = current.get(skill.name.casefold())
            slider = widgets.FloatSlider(
                value=0.0 if level is None else level,
                min=0.0,
                max=7.0,
                step=0.5,
                description=skill.name,
                continuous_update=False,
                # one label width: the sliders line up, whatever the skill's name
                style={"description_width": "270px"},
                layout=widgets.Layout(width="560px"),
            ).add_class("careerlib-skill-level")
            box = widgets.Checkbox(
                value=level is None, description="not rated", indent=False
            ).add_class("careerlib-skill-not-rated")
            slider.disabled = level is None
            box.observe(lambda change, s=slider: setattr(s, "disabled", change["new"]), "value")
            slider.observe(lambda _: self._sync(), "value")
            box.observe(lambda _: self._sync(), "value")
            self.sliders[skill.name], self.not_rated[skill.name] = slider, box
            rows.append(
                widgets.HBox(
                    [widgets.VBox([slider, box]), widgets.HTML(_anchors_html(skill))]
                ).add_class("careerlib-skill-row")
            )
        self.summary = widgets.HTML()
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<b>Rate each skill on O*NET's level scale (0-7).</b> The anchors beside "
                    "each slider say what a level means. Leave <i>not rated</i> ticked for a "
                    "skill you cannot judge yet: it counts as no gap, and stays a question."
                ),
                *rows,
                self.summary,
                self.save_button,
                self.message,
            ]
        ).add_class("careerlib-skill-ratings")
        self._sync()

    def rate(self, skill: str, level: float | None) -> None:
        """Set a skill's level [0-7], or None for not rated."""
        name = next((n for n in self.sliders if n.casefold() == skill.casefold()), None)
        if name is None:
            self.message.value = message_html(f"{skill!r} is not a skill asked here", error=True)
            return
        self.not_rated[name].value = level is None
        if level is not None:
            self.sliders[name].value = float(level)

    def levels(self) -> dict[str, float | None]:
        """Skill -> level [0-7], None for not rated."""
        return {
            name: None if self.not_rated[name].value else float(slider.value)
            for name, slider in self.sliders.items()
        }

    def result(self) -> Assessment:
        return skills_assessment(self.levels(), self.as_of, taken_in="console")

    def _sync(self) -> None:
        rated = sum(v is not None for v in self.levels().values())
        self.summary.value = f"{rated} of {len(self.sliders)} skills rated."
        self.save_button.disabled = rated == 0


def _anchors_html(skill: Any) -> str:
    if not skill.anchors:
        return "<small>No level anchors for this skill.</small>"
    items = "".join(
        f"<li><b>{level:g}</b>: {html.escape(text)}</li>" for level, text in skill.anchors
    )
    return f"<small><ul style='margin:0'>{items}</ul></small>"


class AssessmentPanel:
    """The three assessments as tabs: interests, work values, skills.

    The skills tab (a slider, a box and the anchors for each skill of the
    target role: a hundred widgets and more) is built when it is first opened,
    or first asked for as :attr:`skills`, so the console opens as quickly as
    before.

    Attributes
    ----------
    interests, values
        The :class:`InterestProfiler` and the :class:`ValuesCardSort`.
    """

    def __init__(
        self,
        client: Client | str | Path,
        *,
        items: str | Path | None = None,
        as_of: dt.date | None = None,
    ) -> None:
        self._profile = (
            load_client(client, check=False) if isinstance(client, str | Path) else client
        )
        self._as_of = as_of
        self.interests = InterestProfiler(self._profile, items=items, as_of=as_of)
        self.values = ValuesCardSort(self._profile, as_of=as_of)
        self._skills: SkillRatings | None = None
        self._skills_box = widgets.VBox([widgets.HTML("Opening the skills of the target role...")])
        self.widget = widgets.Tab(
            [self.interests.widget, self.values.widget, self._skills_box],
            titles=("Interests", "Work values", "Skills"),
        ).add_class("careerlib-assessments")
        self.widget.observe(self._on_tab, names="selected_index")

    @property
    def skills(self) -> SkillRatings:
        """The :class:`SkillRatings` (built on first use)."""
        if self._skills is None:
            self._skills = SkillRatings(self._profile, as_of=self._as_of)
            self._skills_box.children = (self._skills.widget,)
        return self._skills

    def _on_tab(self, change: dict[str, Any]) -> None:
        if change["new"] == 2:
            self.skills  # noqa: B018  (builds the tab)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)
