"""The career plan, as pydantic models: one class per part of the plan file.

The file format is the contract described in full in ``docs/plan-format.md``
(the plan file page). Every model refuses unknown keys and names the nearest
known one; :class:`Plan` also checks what spans the whole plan: unique ids,
references (``after``, ``goal``, ``route``, ``supports``, ``affects``), cycles and
the target against the start.

Errors that concern the whole plan are raised as :class:`~careerlib.exceptions.PlanError`
carrying ``loc`` (the path to the offending node) so that
:mod:`careerlib.planfile` can add the YAML line number; field errors come out of
pydantic as ``ValidationError`` and are turned into ``PlanError`` there too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from careerlib._fields import (
    GOAL_LEVELS,
    WEEKDAYS,
    Cadence,
    Cost,
    Currency,
    FileModel,
    GoalLevel,
    Hours,
    Id,
    IdList,
    IsoDate,
    Span,
    SpanField,
    Weekday,
    one_or_many,
    parse_date,
    suggest,
)
from careerlib._graph import find_cycle
from careerlib.exceptions import CycleError, PlanError, UnknownStepError

if TYPE_CHECKING:
    from careerlib.scheduling.scheduler import Schedule

# onet.py (being moved by issue 10's gaps half) still imports these from here;
# new code takes them from careerlib._fields, their home.
from careerlib._fields import RIASEC as RIASEC  # noqa: E402
from careerlib._fields import WORK_VALUES as WORK_VALUES  # noqa: E402

_Model = FileModel

__all__ = [
    "GOAL_LEVELS",
    "WEEKDAYS",
    "Alternative",
    "Blackout",
    "Calendar",
    "Checkpoints",
    "Commitment",
    "CountryHolidays",
    "Goal",
    "Obstacle",
    "Plan",
    "Review",
    "Route",
    "Span",
    "Step",
    "suggest",
]


class CountryHolidays(FileModel):
    """Public holidays of a country (and region), from the ``holidays`` package."""

    country: str
    subdiv: str | None = None

    @model_validator(mode="after")
    def _known_country(self) -> CountryHolidays:
        import holidays  # only plans that ask for a country pay for this import

        supported = holidays.list_supported_countries()
        code = self.country.upper()
        if code not in supported:
            raise PydanticCustomError(
                "country",
                "unknown country code {got}{hint}; use an ISO 3166 code such as US, GB, DE",
                {"got": repr(self.country), "hint": suggest(code, supported)},
            )
        self.country = code
        if self.subdiv is not None:
            subdivs = supported[code]
            if self.subdiv not in subdivs:
                raise PydanticCustomError(
                    "country",
                    "unknown subdivision {got} of {country} (valid: {valid}){hint}",
                    {
                        "got": repr(self.subdiv),
                        "country": code,
                        "hint": suggest(self.subdiv, subdivs),
                        "valid": ", ".join(subdivs[:30]) + (", ..." if len(subdivs) > 30 else ""),
                    },
                )
        return self


def _holiday_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    return value


def _holiday_item(value: Any) -> Any:
    if isinstance(value, dict | CountryHolidays):
        return (
            value if isinstance(value, CountryHolidays) else CountryHolidays.model_validate(value)
        )
    return parse_date(value)


HolidayItem = Annotated[dt.date | CountryHolidays, BeforeValidator(_holiday_item)]


class Blackout(FileModel):
    """An inclusive range of days with no work: a vacation, family time."""

    start: IsoDate = Field(alias="from")
    end: IsoDate = Field(alias="to")
    reason: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Blackout:
        if self.start > self.end:
            raise PydanticCustomError(
                "blackout",
                "blackout 'from' {start} is after its 'to' {end}",
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        return self


class Commitment(FileModel):
    """Hours a week already spoken for over an inclusive range of days.

    A board project, a course, a newborn: each week the range overlaps loses
    ``hours_per_week`` of the plan's capacity, prorated by working days for a
    week it covers only partly.
    """

    start: IsoDate = Field(alias="from")
    end: IsoDate = Field(alias="to")
    hours_per_week: float = Field(ge=0, le=168)
    reason: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Commitment:
        if self.start > self.end:
            raise PydanticCustomError(
                "commitment",
                "commitment 'from' {start} is after its 'to' {end}",
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        return self


class Calendar(FileModel):
    """When the client can work on the plan, and for how many hours.

    ``hours_per_week`` [hours/week] is the capacity for steps with an
    ``effort``; ``hours_per_day`` [hours/day] caps a single working day (by
    default the even share ``hours_per_week`` / workdays per week);
    ``commitments`` take hours out of the weeks they overlap.
    """

    workdays: list[Weekday] = Field(default_factory=lambda: list(WEEKDAYS[:5]))
    holidays: Annotated[list[HolidayItem], BeforeValidator(_holiday_list)] = Field(
        default_factory=list
    )
    blackouts: list[Blackout] = Field(default_factory=list)
    hours_per_week: float | None = Field(default=None, gt=0, le=168)
    hours_per_day: float | None = Field(default=None, gt=0, le=24)
    commitments: list[Commitment] = Field(default_factory=list)

    @field_validator("workdays")
    @classmethod
    def _some_workdays(cls, value: list[str]) -> list[str]:
        if not value:
            raise PydanticCustomError(
                "workdays", "a calendar needs at least one workday (mon..sun)", {}
            )
        seen: list[str] = []
        for day in value:
            if day not in seen:
                seen.append(day)
        return sorted(seen, key=WEEKDAYS.index)

    @property
    def holiday_dates(self) -> list[dt.date]:
        """The holidays given as dates."""
        return [h for h in self.holidays if isinstance(h, dt.date)]

    @property
    def country_holidays(self) -> list[CountryHolidays]:
        """The holidays given as ``{country: XX}``."""
        return [h for h in self.holidays if isinstance(h, CountryHolidays)]


class Goal(FileModel):
    """A goal at one of four levels; ``supports`` names the higher goals it serves."""

    id: Id
    title: str
    level: GoalLevel
    supports: IdList = Field(default_factory=list)
    measure: str | None = None


class Route(FileModel):
    """An alternative path to the target ("stay in the sector", "radical change")."""

    id: Id
    title: str
    description: str | None = None


class Alternative(FileModel):
    """Another way to do a step, at a price: outside help, a bootcamp instead of a course.

    Taken, it replaces the step's own ``duration`` or ``effort`` with its own;
    everything else about the step (``after``, ``buffer``, ``deadline``...)
    stays. ``cost`` is what taking it costs on top of the step's own way [the
    plan's ``currency``]; ``hours_per_week`` is the client's own time it takes
    while it runs [hours/week], shown beside the price (the scheduler does not
    take it out of the capacity for effort steps).
    """

    id: Id
    title: str | None = None
    duration: SpanField | None = None
    effort: Hours | None = None
    cost: Cost
    hours_per_week: float | None = Field(default=None, ge=0, le=168)

    @model_validator(mode="after")
    def _one_way(self) -> Alternative:
        kinds = [
            k for k, v in (("duration", self.duration), ("effort", self.effort)) if v is not None
        ]
        if len(kinds) != 1:
            got = "none" if not kinds else " and ".join(kinds)
            raise PydanticCustomError(
                "alternative_kind",
                "an alternative needs exactly one of duration or effort (got {got})",
                {"got": got},
            )
        if self.duration is not None and self.duration.amount < 1:
            raise PydanticCustomError(
                "span",
                "an alternative's duration is at least 1 working day, got {value}",
                {"value": str(self.duration)},
            )
        if self.title is None:
            self.title = self.id
        return self


class Step(FileModel):
    """One thing the client does (or reaches, for a milestone)."""

    id: Id
    title: str | None = None
    duration: SpanField | None = None
    effort: Hours | None = None
    milestone: bool = False
    after: IdList = Field(default_factory=list)
    deadline: IsoDate | None = None
    buffer: SpanField = Span(0, "d")
    goal: Id | None = None
    route: Id | None = None
    develops: Annotated[list[str], BeforeValidator(one_or_many)] = Field(default_factory=list)
    """Skills or knowledge areas the step develops (O*NET element names or a role's own skills)."""
    alternatives: list[Alternative] = Field(default_factory=list)
    """Other ways to do the step, each with a price; at most one is taken (none by default)."""

    @model_validator(mode="after")
    def _one_kind(self) -> Step:
        kinds = [
            k for k, v in (("duration", self.duration), ("effort", self.effort)) if v is not None
        ]
        if self.milestone:
            kinds.append("milestone")
        if len(kinds) != 1:
            got = "none" if not kinds else " and ".join(kinds)
            raise PydanticCustomError(
                "step_kind",
                "a step needs exactly one of duration, effort or milestone: true (got {got})",
                {"got": got},
            )
        if self.duration is not None and self.duration.amount < 1:
            raise PydanticCustomError(
                "span",
                "a duration is at least 1 working day, got {value}; "
                "a step that takes no time is a milestone",
                {"value": str(self.duration)},
            )
        if self.milestone and self.alternatives:
            raise PydanticCustomError(
                "alternatives",
                "a milestone takes no time, so it has no alternatives; "
                "give them to a step that leads to it",
                {},
            )
        if self.title is None:
            self.title = self.id
        return self

    def alternative(self, alternative_id: str) -> Alternative:
        """The alternative with this id.

        Raises
        ------
        UnknownStepError
            The step has no such alternative (the message names the nearest one).
        """
        for alt in self.alternatives:
            if alt.id == alternative_id:
                return alt
        ids = [a.id for a in self.alternatives]
        known = f" (alternatives: {', '.join(ids)})" if ids else " (it has none)"
        raise UnknownStepError(
            f"step {self.id!r} has no alternative {alternative_id!r}{known}"
            f"{suggest(alternative_id, ids)}"
        )


class Obstacle(FileModel):
    """Something that may get in the way, with what to do about it."""

    id: Id
    title: str
    likelihood: int = Field(ge=1, le=5)
    impact: int = Field(ge=1, le=5)
    mitigation: str | None = None
    contingency: str | None = None
    affects: IdList = Field(default_factory=list)


class Review(FileModel):
    """A dated checkpoint review: each step's progress as reported, from 0 to 1."""

    date: IsoDate
    progress: dict[Id, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)
    note: str | None = None


class Checkpoints(FileModel):
    """How often the plan is reviewed, and the reviews held so far."""

    cadence: Cadence = "monthly"
    reviews: list[Review] = Field(default_factory=list)


class Plan(FileModel):
    """A career plan: where the client wants to arrive, and what must come first.

    Build one with :func:`careerlib.load_plan` (from a file, with line numbers
    in errors) or :meth:`Plan.model_validate` (from a dict).
    """

    title: str
    owner: str | None = None
    start: IsoDate | None = None
    target: IsoDate
    currency: Currency | None = None
    calendar: Calendar = Field(default_factory=Calendar)
    goals: list[Goal] = Field(default_factory=list)
    steps: list[Step]
    routes: list[Route] = Field(default_factory=list)
    obstacles: list[Obstacle] = Field(default_factory=list)
    checkpoints: Checkpoints | None = None

    @field_validator("steps")
    @classmethod
    def _some_steps(cls, value: list[Step]) -> list[Step]:
        if not value:
            raise PydanticCustomError("steps", "a plan needs at least one step", {})
        return value

    @model_validator(mode="after")
    def _whole_plan(self) -> Plan:
        check_plan(self)
        return self

    # -- convenience, each a thin call into the functions that do the work --

    @property
    def first_day(self) -> dt.date:
        """The day work may start: ``start``, or today when the plan gives none."""
        return self.start if self.start is not None else dt.date.today()

    @property
    def workdays_per_week(self) -> int:
        """Working weekdays in this plan's calendar [days/week]."""
        return len(self.calendar.workdays)

    def step(self, step_id: str) -> Step:
        """The step with this id.

        Raises
        ------
        UnknownStepError
            No step has this id (the message names the nearest one); it is a ``KeyError``.
        """
        for step in self.steps:
            if step.id == step_id:
                return step
        ids = [s.id for s in self.steps]
        raise UnknownStepError(f"no step {step_id!r}{suggest(step_id, ids)}")

    def schedule(
        self,
        route: str | None = None,
        *,
        as_of: dt.date | None = None,
        progress: Mapping[str, float] | None = None,
    ) -> Schedule:
        """Back-schedule this plan, or schedule it on a status date ``as_of``: see
        :func:`careerlib.scheduling.scheduler.schedule`."""
        # Imported here, not at the top: the scheduler sits above the models
        # (it imports Plan), so the method reaches up only when called, as
        # pvlib's Location.get_solarposition calls solarposition.
        from careerlib.scheduling.scheduler import schedule

        return schedule(self, route=route, as_of=as_of, progress=progress)


def _duplicates(items: Sequence[Any], kind: str, key: str) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            raise PlanError(
                f"duplicate {kind} id {item.id!r} ({kind} #{seen[item.id] + 1} has it already)",
                where=f"{kind} #{i + 1}",
                loc=(key, i, "id"),
            )
        seen[item.id] = i


def _unknown(
    kind: str,
    value: str,
    known: dict[str, int] | set[str],
    *,
    where: str,
    loc: tuple[str | int, ...],
) -> PlanError:
    return PlanError(f"unknown {kind} {value!r}{suggest(value, known)}", where=where, loc=loc)


def _check_capacity(plan: Plan) -> None:
    """Effort needs hours: ``hours_per_day`` and ``commitments`` need ``hours_per_week``."""
    if plan.calendar.hours_per_week is not None:
        return
    for i, step in enumerate(plan.steps):
        if step.effort is not None:
            raise PlanError(
                f"step {step.id!r} has an effort of {step.effort:g}h but the calendar gives "
                "no hours_per_week (the hours a week the client can give); "
                "add calendar.hours_per_week",
                where=f"step {step.id!r}",
                loc=("steps", i, "effort"),
            )
        for j, alt in enumerate(step.alternatives):
            if alt.effort is not None:
                raise PlanError(
                    f"alternative {alt.id!r} has an effort of {alt.effort:g}h but the calendar "
                    "gives no hours_per_week (the hours a week the client can give); "
                    "add calendar.hours_per_week",
                    where=f"step {step.id!r}, alternative {alt.id!r}",
                    loc=("steps", i, "alternatives", j, "effort"),
                )
    for key in ("hours_per_day", "commitments"):
        if getattr(plan.calendar, key):
            raise PlanError(
                f"calendar.{key} needs calendar.hours_per_week "
                "(the hours a week the client can give)",
                where=f"calendar.{key}",
                loc=("calendar", key),
            )


def check_plan(plan: Plan) -> None:
    """Check what spans the whole plan; raise :class:`PlanError` with ``loc`` set.

    Unique ids, references (``after``, ``goal``, ``route``, ``supports``,
    ``affects``, review progress), no step after itself, no cycle among steps or
    among goals, and a target on or after the start.
    """
    start = plan.first_day
    if plan.target < start:
        said = "start" if plan.start is not None else "today (the plan gives no start)"
        raise PlanError(
            f"the target {plan.target} is before the {said} {start}",
            where="target",
            loc=("target",),
        )
    for items, kind, key in (
        (plan.steps, "step", "steps"),
        (plan.goals, "goal", "goals"),
        (plan.routes, "route", "routes"),
        (plan.obstacles, "obstacle", "obstacles"),
    ):
        _duplicates(items, kind, key)

    step_ids = {s.id: i for i, s in enumerate(plan.steps)}
    goal_ids = {g.id: i for i, g in enumerate(plan.goals)}
    route_ids = {r.id: i for i, r in enumerate(plan.routes)}

    preds = _step_references(plan, step_ids, goal_ids, route_ids)

    _check_alternatives(plan)
    _check_capacity(plan)

    cycle = find_cycle(preds)
    if cycle:
        names = [plan.steps[k].id for k in cycle]
        raise CycleError(names, where="steps", loc=("steps", cycle[0], "after"))

    _check_goal_support(plan, goal_ids)
    _check_step_mentions(plan, step_ids)


def _check_alternatives(plan: Plan) -> None:
    """The alternatives of a step have ids of their own (two steps may share one)."""
    for i, step in enumerate(plan.steps):
        seen: dict[str, int] = {}
        for j, alt in enumerate(step.alternatives):
            if alt.id in seen:
                raise PlanError(
                    f"duplicate alternative id {alt.id!r} "
                    f"(alternative #{seen[alt.id] + 1} of this step has it already)",
                    where=f"step {step.id!r}, alternative #{j + 1}",
                    loc=("steps", i, "alternatives", j, "id"),
                )
            seen[alt.id] = j


def _step_references(
    plan: Plan, step_ids: dict[str, int], goal_ids: dict[str, int], route_ids: dict[str, int]
) -> list[list[int]]:
    """Check each step's ``after``, ``goal`` and ``route``; the rows each step waits on."""
    preds: list[list[int]] = []
    for i, step in enumerate(plan.steps):
        where = f"step {step.id!r}"
        idx: list[int] = []
        if len(step.after) > 1 and len(set(step.after)) < len(step.after):
            step.after = list(dict.fromkeys(step.after))  # naming a step twice means it once
        for j, ref in enumerate(step.after):
            k = step_ids.get(ref)
            if k is None:
                raise PlanError(
                    f"unknown step {ref!r} in after of {step.id!r}{suggest(ref, step_ids)}",
                    where=where,
                    loc=("steps", i, "after", j),
                )
            if k == i:
                raise PlanError(
                    f"step {step.id!r} cannot come after itself",
                    where=where,
                    loc=("steps", i, "after", j),
                )
            idx.append(k)
        preds.append(idx)
        if step.goal is not None and step.goal not in goal_ids:
            raise _unknown("goal", step.goal, goal_ids, where=where, loc=("steps", i, "goal"))
        if step.route is not None and step.route not in route_ids:
            raise _unknown("route", step.route, route_ids, where=where, loc=("steps", i, "route"))

    return preds


def _check_goal_support(plan: Plan, goal_ids: dict[str, int]) -> None:
    """Goals support known goals (at any level: see the alignment analysis), with no cycle."""
    goal_preds: list[list[int]] = []
    for i, goal in enumerate(plan.goals):
        idx = []
        for j, ref in enumerate(goal.supports):
            k = goal_ids.get(ref)
            if k is None:
                raise _unknown(
                    "goal",
                    ref,
                    goal_ids,
                    where=f"goal {goal.id!r}",
                    loc=("goals", i, "supports", j),
                )
            if k == i:
                raise PlanError(
                    f"goal {goal.id!r} cannot support itself",
                    where=f"goal {goal.id!r}",
                    loc=("goals", i, "supports", j),
                )
            # a goal may serve one at the same or a lower level (a professional
            # goal that pays for a personal one): the alignment analysis reports
            # it as pointing down, the plan is valid
            idx.append(k)
        goal_preds.append(idx)
    goal_cycle = find_cycle(goal_preds)
    if goal_cycle:
        loop = " -> ".join(plan.goals[k].id for k in [*goal_cycle, goal_cycle[0]])
        raise PlanError(
            f"the goals support each other in a cycle: {loop}",
            where="goals",
            loc=("goals", goal_cycle[0], "supports"),
        )


def _check_step_mentions(plan: Plan, step_ids: dict[str, int]) -> None:
    """Obstacles affect, and reviews report progress on, steps the plan has."""
    for i, obstacle in enumerate(plan.obstacles):
        for j, ref in enumerate(obstacle.affects):
            if ref not in step_ids:
                raise _unknown(
                    "step",
                    ref,
                    step_ids,
                    where=f"obstacle {obstacle.id!r}",
                    loc=("obstacles", i, "affects", j),
                )

    if plan.checkpoints is not None:
        for i, review in enumerate(plan.checkpoints.reviews):
            for ref in review.progress:
                if ref not in step_ids:
                    raise _unknown(
                        "step",
                        ref,
                        step_ids,
                        where=f"review of {review.date}",
                        loc=("checkpoints", "reviews", i, "progress", ref),
                    )
