"""The cheapest way to the target: which alternatives to take (a time-cost trade-off).

A step may list ``alternatives`` (other ways to do it, each with a price). The
question a coach and client weigh is: **which set of alternatives, at most one
a step, makes the plan feasible at the least total cost?** When no set does,
the set that leaves the plan least late (``late_by_days``, plan-format rule 8),
and among those the cheapest; with a budget, the same over the sets that cost
at most the budget. Among sets of equal lateness and cost, the one with the
fewest alternatives is taken (a free alternative is not taken for nothing).

The model
---------
Working days are numbered from the plan's first working day (day 0), as the
scheduler numbers them, so holidays, blackouts and the workdays of the
calendar are in the numbers. For every scheduled step *k*, a binary
``x[k, a]`` takes alternative *a* (at most one a step); ``f[k]`` and ``s[k]``
are its latest finish and start, ``L`` the lateness:

* ``f[k] <= cap[k]``: the target less the step's buffer, and its deadline;
* ``f[p] <= s[t] - gate[t] - buffer[p]`` for every dependency ``p -> t``
  (``gate`` is 1, 0 for a milestone: plan-format rule 4);
* ``s[k] <= f[k] - span[k](x)``, ``span`` being the working days the chosen
  way occupies before its finish;
* ``s[k] >= -L``, ``L >= 0``; with a budget, ``sum cost x <= budget``.

The back-schedule (rule 6) is the greatest solution of the first three
(componentwise), so a solution with ``L`` exists exactly when the
back-schedule with that choice starts no step more than ``L`` working days
before day 0. Minimising ``L``, then the cost, then the number of
alternatives (three solves of one mixed-integer program with HiGHS) is
therefore exact for plans whose steps all have a duration.

Steps with an ``effort`` are placed within the client's hours by list
scheduling (:mod:`careerlib.scheduling.capacity`), which no linear model
reproduces. For them the model is a **lower bound**: an effort of *E* hours
occupies at least ``ceil(E / D)`` working days (``D`` the most hours a day can
hold), and the hours of all effort steps before a step (after it, in the
whole plan) fit in the days before its start (after its finish, from ``-L``
to the target) at ``D`` hours a day. Every schedule the scheduler can return
satisfies these constraints, so the model's lateness is never more than the
real one. The search then verifies each candidate with the real scheduler and
excludes it if the bound was not tight (combinatorial Benders, "lazy"
enumeration): it stops when the best bound left is no better than the best
verified set, which is then provably the best one by the real scheduler.

Every answer is checked: the chosen set is scheduled again with
:func:`careerlib.schedule` and the result reports that schedule's verdict.

HiGHS (the ``highspy`` package) is imported only inside the solving function.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from careerlib.exceptions import UsageError
from careerlib.scheduling._passes import NO_DEADLINE, step_lengths
from careerlib.scheduling.capacity import day_limit
from careerlib.scheduling.scheduler import Schedule, schedule
from careerlib.scheduling.status import StatusSchedule
from careerlib.whatif import with_alternatives

if TYPE_CHECKING:
    from careerlib.models import Plan

__all__ = [
    "CheapestWay",
    "Chosen",
    "MovedStep",
    "cheapest_way",
    "cheapest_way_client",
    "format_money",
]

#: Candidates verified at most, for plans with effort steps, before the search
#: stops and reports its best set as not proven.
MAX_CANDIDATES = 200
#: Seconds the search may spend verifying candidates (plans with effort steps).
SEARCH_SECONDS = 10.0
#: Seconds HiGHS may spend on one solve.
SOLVE_SECONDS = 60.0


# --- what the coach reads ------------------------------------------------------------


def format_money(amount: float, currency: str | None = None) -> str:
    """``12,000 EUR``, ``12,500.50 USD`` or ``900`` (no currency): a price as a coach writes it."""
    cents = round(amount * 100)
    text = f"{cents // 100:,}" if cents % 100 == 0 else f"{cents / 100:,.2f}"
    return f"{text} {currency}" if currency else text


@dataclass(frozen=True)
class Chosen:
    """One alternative taken: the step, the alternative and what it changes.

    ``days`` is the change in the step's length [working days] between the
    schedule as written and the schedule with the choice (negative: shorter).
    """

    step: str
    step_title: str
    alternative: str
    title: str
    cost: float
    days: int
    hours_per_week: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "alternative": self.alternative,
            "title": self.title,
            "cost": _number(self.cost),
            "days": self.days,
        }


@dataclass(frozen=True)
class MovedStep:
    """A step whose latest dates move with the choice (``start``/``finish`` as written)."""

    id: str
    title: str
    start: Any
    finish: Any
    new_start: Any
    new_finish: Any

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start.isoformat(),
            "finish": self.finish.isoformat(),
            "new_start": self.new_start.isoformat(),
            "new_finish": self.new_finish.isoformat(),
        }


@dataclass(frozen=True, eq=False)
class CheapestWay:
    """The cheapest set of alternatives that makes the plan (or makes it least late).

    Attributes
    ----------
    plan
        The plan as written (no alternative taken).
    route
        The route scheduled (``None``: the whole plan).
    budget
        The most the set may cost [currency], or ``None``.
    chosen
        The alternatives taken, in plan order (empty when none is needed or none helps).
    before, after
        The schedule as written and the schedule with the choice (scheduled
        again by the real scheduler: this is what the verdict says).
    proven
        Whether the search proved the set the best (always for a plan whose
        steps all have a duration; for effort steps, unless the search needed
        more than :data:`MAX_CANDIDATES` sets or ``seconds``).
    candidates
        How many candidate sets were scheduled to verify them.
    alternatives
        How many alternatives the scheduled steps list.
    bound_late_by_days
        No set leaves the plan less late than this [working days] (proven);
        equal to ``late_by_days`` when ``proven``.
    """

    plan: Plan
    route: str | None
    budget: float | None
    chosen: tuple[Chosen, ...]
    before: Schedule
    after: Schedule
    proven: bool
    candidates: int
    alternatives: int
    bound_late_by_days: int

    @property
    def as_of(self) -> dt.date | None:
        """The status date, or ``None`` for the plan as written."""
        return getattr(self.before, "as_of", None)

    @property
    def currency(self) -> str | None:
        """The plan's currency code, or ``None``."""
        return self.plan.currency

    @property
    def choice(self) -> dict[str, str]:
        """``{step id: alternative id}`` of the set taken."""
        return {c.step: c.alternative for c in self.chosen}

    @property
    def cost(self) -> float:
        """What the set costs [currency]."""
        return round(sum(c.cost for c in self.chosen), 2)

    @property
    def feasible(self) -> bool:
        """Whether the plan meets its target with the set taken."""
        return self.after.feasible

    @property
    def late_by_days(self) -> int:
        """Working days the plan is still late with the set taken (0 when feasible)."""
        return self.after.late_by_days

    def money(self, amount: float) -> str:
        """An amount in the plan's currency, as a coach writes it."""
        return format_money(amount, self.currency)

    def moved(self) -> list[MovedStep]:
        """The steps whose latest start or finish moves with the choice, in plan order."""
        out = []
        for i, sid in enumerate(self.after.ids):
            j = self.before.position(sid)
            old = (self.before.start[j], self.before.finish[j])
            new = (self.after.start[i], self.after.finish[i])
            if np.isnat(old[0]) or np.isnat(new[0]):  # done on the status date: no dates
                continue
            if old != new:
                out.append(
                    MovedStep(
                        id=sid,
                        title=self.after.steps[i].title or sid,
                        start=old[0].astype(object),
                        finish=old[1].astype(object),
                        new_start=new[0].astype(object),
                        new_finish=new[1].astype(object),
                    )
                )
        return out

    def take_text(self) -> str:
        """``take Outside partner for “HIPAA...” (-40 working days, 12,000 EUR)``."""
        parts = [
            f"{c.title} for \u201c{c.step_title}\u201d ({c.days:+d} working days, "
            f"{self.money(c.cost)})"
            for c in self.chosen
        ]
        text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        if len(parts) > 1:
            text += f": {self.money(self.cost)} in all"
        return f"take {text}"

    @property
    def sentence(self) -> str:
        """One line a coach can read out: what to take, what it costs, and whether it is enough."""
        budget = "" if self.budget is None else f" within {self.money(self.budget)}"
        if self.alternatives == 0:
            return "The plan lists no alternatives to its steps, so there is nothing to trade."
        if self.before.feasible:
            return "The plan meets its target without alternatives: none is needed."
        if not self.chosen:
            return (
                f"No alternative{budget} brings the target closer: the plan stays late by "
                f"{_days(self.late_by_days)}."
            )
        if self.feasible:
            return f"To meet the target{budget}: {self.take_text()}."
        if isinstance(self.after, StatusSchedule):
            # on a status date, the verdict's own figures: the target lateness and each
            # deadline missed apart, never the rule-8 figure as "late by"
            return (
                f"No set of alternatives{budget} meets the target and every deadline; the "
                f"closest: {self.take_text()}. With it: {self.after.verdict}"
            )
        return (
            f"No set of alternatives{budget} meets the target; the closest: {self.take_text()}, "
            f"which leaves it late by {_days(self.late_by_days)} instead of "
            f"{_days(self.before.late_by_days)}."
        )

    def to_dict(self) -> dict[str, Any]:
        """The answer as one JSON-ready object, its keys always in this order."""
        return {
            "title": self.plan.title,
            "target": self.plan.target.isoformat(),
            "route": self.route,
            "as_of": self.as_of.isoformat() if self.as_of is not None else None,
            "currency": self.currency,
            "budget": None if self.budget is None else _number(self.budget),
            "feasible": self.feasible,
            "late_by_days": self.late_by_days,
            "cost": _number(self.cost),
            "chosen": [c.to_dict() for c in self.chosen],
            "earliest_finish": self.after.earliest_finish.isoformat(),
            "without_alternatives": {
                "feasible": self.before.feasible,
                "late_by_days": self.before.late_by_days,
                "earliest_finish": self.before.earliest_finish.isoformat(),
            },
            "moved": [m.to_dict() for m in self.moved()],
            "proven": self.proven,
            "bound_late_by_days": self.bound_late_by_days,
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON (the same text for the same answer)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)


def _number(value: float) -> float | int:
    """A whole amount as an int (``12000``), else rounded to cents (``12000.5``)."""
    cents = round(value * 100)
    return cents // 100 if cents % 100 == 0 else cents / 100


def _days(n: int) -> str:
    return f"{n} working day{'s' if n != 1 else ''}"


# --- the numbers the model is made of --------------------------------------------------


@dataclass(frozen=True)
class _Way:
    """One way to do one step: its own (``alternative`` None) or an alternative."""

    alternative: str | None
    span: int  # working days occupied before the finish (a lower bound for an effort)
    cents: int
    hours: float  # the effort [hours]; 0 for a duration


@dataclass(frozen=True)
class _Problem:
    """A scheduled plan as the model sees it: rows of steps, in working-day numbers."""

    ids: tuple[str, ...]
    preds: tuple[tuple[int, ...], ...]
    gate: tuple[int, ...]
    buffer: tuple[int, ...]
    cap: tuple[int, ...]
    ways: tuple[tuple[_Way, ...], ...]  # ways[k][0] is the step's own
    target: int
    day_hours: float  # the most hours one working day holds (plans with effort)
    exact: bool  # no effort anywhere: the model is the scheduler

    @property
    def binaries(self) -> list[tuple[int, int]]:
        """``(row, way)`` of every alternative (way >= 1)."""
        return [(k, a) for k, ways in enumerate(self.ways) for a in range(1, len(ways))]


def _problem(plan: Plan, base: Schedule) -> _Problem:
    """The model's numbers for ``plan`` as ``base`` (its schedule as written) scheduled it."""
    cal, first = base.calendar, base.first_day
    steps = base.steps
    per_week = plan.workdays_per_week
    _, buf, is_ms, deadline = step_lengths(list(steps), per_week, cal, first)
    target = int(cal.index(base.target_day, first))
    with_effort = any(
        s.effort is not None or any(a.effort is not None for a in s.alternatives) for s in steps
    )
    day_hours = day_limit(plan.calendar) if with_effort else 0.0

    def way(alt: str | None, duration: Any, effort: float | None, cost: float) -> _Way:
        if effort is not None:
            days = max(1, math.ceil(effort / day_hours - 1e-6))
            return _Way(alt, days - 1, round(cost * 100), float(effort))
        return _Way(alt, duration.working_days(per_week) - 1, round(cost * 100), 0.0)

    ways: list[tuple[_Way, ...]] = []
    for k, s in enumerate(steps):
        if is_ms[k]:
            ways.append((_Way(None, 0, 0, 0.0),))
            continue
        own = way(None, s.duration, s.effort, 0.0)
        ways.append((own, *(way(a.id, a.duration, a.effort, a.cost) for a in s.alternatives)))
    cap = np.minimum(target - buf, np.minimum(deadline, NO_DEADLINE))
    return _Problem(
        ids=base.ids,
        preds=tuple(tuple(p) for p in base.predecessors),
        gate=tuple(int(g) for g in (~is_ms).astype(np.int64)),
        buffer=tuple(int(b) for b in buf),
        cap=tuple(int(c) for c in cap),
        ways=tuple(ways),
        target=target,
        day_hours=float(day_hours),
        exact=not with_effort,
    )


# --- the mixed-integer program -------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """A set the model found best among those left: its bound and its cost."""

    picks: tuple[tuple[int, int], ...]  # (row, way) of each alternative taken
    late_bound: int
    cents: int


@dataclass
class _Rows:
    """Constraints gathered row by row: ``lower <= sum(value * col) <= upper``."""

    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    index: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)

    def add(self, terms: Sequence[tuple[int, float]], lower: float, upper: float) -> None:
        self.starts.append(len(self.index))
        for col, coef in terms:
            if coef != 0:
                self.index.append(col)
                self.value.append(float(coef))
        self.lower.append(lower)
        self.upper.append(upper)


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Standard output closed at the file-descriptor level for a moment.

    HiGHS prints its banner from C++ the first time a ``Highs`` object is made
    in a process, before any option can turn logging off; a ``--json`` answer
    must not start with it.
    """
    try:
        fd = sys.__stdout__.fileno() if sys.__stdout__ is not None else 1
    except (AttributeError, OSError, ValueError):
        yield
        return
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    saved = os.dup(fd)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), fd)
            try:
                yield
            finally:
                os.dup2(saved, fd)
    finally:
        os.close(saved)


class _Model:
    """The program of the module docstring in HiGHS, solved lexicographically."""

    def __init__(self, problem: _Problem, budget_cents: int | None) -> None:
        self.problem = problem
        self.budget_cents = budget_cents
        self.pairs = problem.binaries
        n = len(problem.ids)
        # columns: L, then f[k], s[k] for every row, then one binary per alternative
        self.col_late = 0
        self.col_f = [1 + 2 * k for k in range(n)]
        self.col_s = [2 + 2 * k for k in range(n)]
        self.col_x = {pair: 1 + 2 * n + i for i, pair in enumerate(self.pairs)}
        self.num_cols = 1 + 2 * n + len(self.pairs)

    def solve(self, cuts: Sequence[tuple[tuple[int, int], ...]]) -> _Candidate | None:
        """The lexicographic best set among those not cut off, or ``None`` when none is left."""
        import highspy

        with _quiet_stdout():
            h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("mip_rel_gap", 0.0)
        # every objective is a whole number (days, cents, a count): a gap under 1 is optimal
        h.setOptionValue("mip_abs_gap", 0.5)
        h.setOptionValue("time_limit", SOLVE_SECONDS)
        self._columns(h, highspy)
        self._constraints(h, cuts)

        late = self._minimise(h, highspy, {self.col_late: 1.0})
        if late is None:
            return None
        h.changeColBounds(self.col_late, 0.0, float(round(late)))
        cost_terms = {
            self.col_x[(k, a)]: float(self.problem.ways[k][a].cents) for k, a in self.pairs
        }
        cents = self._minimise(h, highspy, cost_terms)
        if cents is None:  # pragma: no cover - the first solve's set is still there
            return None
        idx = list(cost_terms)
        h.addRow(-highspy.kHighsInf, round(cents) + 0.5, len(idx), idx, list(cost_terms.values()))
        count = self._minimise(h, highspy, dict.fromkeys(idx, 1.0))
        if count is None:  # pragma: no cover
            return None
        values = h.getSolution().col_value
        picks = tuple(pair for pair in self.pairs if values[self.col_x[pair]] > 0.5)
        return _Candidate(picks, int(round(late)), int(round(cents)))

    def _columns(self, h: Any, highspy: Any) -> None:
        p = self.problem
        inf = highspy.kHighsInf
        lower = [0.0] + [-inf] * (2 * len(p.ids)) + [0.0] * len(self.pairs)
        upper = [inf]
        for k in range(len(p.ids)):
            upper += [float(p.cap[k]), inf]
        upper += [1.0] * len(self.pairs)
        h.addVars(self.num_cols, np.asarray(lower), np.asarray(upper))
        integral = [self.col_late, *self.col_x.values()]
        h.changeColsIntegrality(
            len(integral),
            np.asarray(integral, dtype=np.int32),
            np.asarray([highspy.HighsVarType.kInteger] * len(integral)),
        )

    def _constraints(self, h: Any, cuts: Sequence[tuple[tuple[int, int], ...]]) -> None:
        p, rows = self.problem, _Rows()
        inf = math.inf
        for k in range(len(p.ids)):
            for q in p.preds[k]:  # f[q] - s[k] <= -gate[k] - buffer[q]
                rows.add(
                    [(self.col_f[q], 1.0), (self.col_s[k], -1.0)], -inf, -p.gate[k] - p.buffer[q]
                )
            own = p.ways[k][0].span  # s[k] - f[k] + sum x (span_a - own) <= -own
            rows.add(
                [
                    (self.col_s[k], 1.0),
                    (self.col_f[k], -1.0),
                    *((self.col_x[(k, a)], p.ways[k][a].span - own) for a in self._alts(k)),
                ],
                -inf,
                -own,
            )
            rows.add([(self.col_s[k], 1.0), (self.col_late, 1.0)], 0.0, inf)  # s[k] >= -L
            if len(p.ways[k]) > 2:  # at most one alternative a step
                rows.add([(self.col_x[(k, a)], 1.0) for a in self._alts(k)], -inf, 1.0)
        if self.budget_cents is not None and self.pairs:
            rows.add(
                [(self.col_x[(k, a)], p.ways[k][a].cents) for k, a in self.pairs],
                -inf,
                self.budget_cents,
            )
        if not p.exact:
            self._hours(rows)
        for cut in cuts:  # not exactly this set again
            chosen = set(cut)
            terms = [(self.col_x[pair], -1.0 if pair in chosen else 1.0) for pair in self.pairs]
            rows.add(terms, 1.0 - len(chosen), inf)
        if rows.lower:
            h.addRows(
                len(rows.lower),
                np.asarray(rows.lower),
                np.asarray(rows.upper),
                len(rows.index),
                np.asarray(rows.starts, dtype=np.int32),
                np.asarray(rows.index, dtype=np.int32),
                np.asarray(rows.value),
            )

    def _alts(self, k: int) -> range:
        return range(1, len(self.problem.ways[k]))

    def _hours_terms(self, rows_of: Sequence[int]) -> tuple[list[tuple[int, float]], float]:
        """The effort of ``rows_of`` as ``(terms, constant)`` in the binaries [hours]."""
        p = self.problem
        terms: list[tuple[int, float]] = []
        constant = 0.0
        for k in rows_of:
            own = p.ways[k][0].hours
            constant += own
            terms += [(self.col_x[(k, a)], p.ways[k][a].hours - own) for a in self._alts(k)]
        return terms, constant

    def _hours(self, rows: _Rows) -> None:
        """The hours of effort steps fit in the days open to them, at most ``D`` a day."""
        p = self.problem
        d = p.day_hours
        effort = [k for k, ways in enumerate(p.ways) if any(w.hours > 0 for w in ways)]
        if len(effort) < 2:
            return
        before, after = _relatives(p.preds, set(effort))
        inf = math.inf
        for k in range(len(p.ids)):
            if len(before[k]) >= 2:  # sum E - D s[k] - D L <= D (1 - gate[k])
                terms, const = self._hours_terms(sorted(before[k]))
                terms += [(self.col_s[k], -d), (self.col_late, -d)]
                rows.add(terms, -inf, d * (1 - p.gate[k]) - const)
            if len(after[k]) >= 2:  # sum E + D f[k] <= D T
                terms, const = self._hours_terms(sorted(after[k]))
                rows.add([*terms, (self.col_f[k], d)], -inf, d * p.target - const)
        terms, const = self._hours_terms(effort)  # sum E - D L <= D (T + 1)
        rows.add([*terms, (self.col_late, -d)], -inf, d * (p.target + 1) - const)

    def _minimise(self, h: Any, highspy: Any, terms: dict[int, float]) -> float | None:
        cost = np.zeros(self.num_cols)
        for col, coef in terms.items():
            cost[col] = coef
        h.changeColsCost(self.num_cols, np.arange(self.num_cols, dtype=np.int32), cost)
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        if status != highspy.HighsModelStatus.kOptimal:
            raise _NotSolved(h.modelStatusToString(status))
        return float(h.getInfo().objective_function_value)


class _NotSolved(Exception):
    """HiGHS stopped without an optimal answer (a time limit)."""


def _relatives(
    preds: Sequence[Sequence[int]], keep: set[int]
) -> tuple[list[set[int]], list[set[int]]]:
    """For each row, the rows of ``keep`` it waits on, and those that wait on it (transitively)."""
    from careerlib._graph import successors, topological_order

    succ = successors([list(p) for p in preds])
    order = topological_order([list(p) for p in preds], succ) or list(range(len(preds)))
    before: list[set[int]] = [set() for _ in preds]
    for k in order:
        for q in preds[k]:
            before[k] |= before[q]
            if q in keep:
                before[k].add(q)
    after: list[set[int]] = [set() for _ in preds]
    for k in reversed(order):
        for t in succ[k]:
            after[k] |= after[t]
            if t in keep:
                after[k].add(t)
    return before, after


# --- the search --------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """What the search found: the set, whether it is proven best, and the bound on lateness."""

    choice: dict[str, str]
    proven: bool
    verified: int
    bound: int  # no set leaves the plan less late than this [working days]
    after: Schedule | None = None  # the schedule of ``choice``, when it was verified


def _search(
    problem: _Problem,
    budget_cents: int | None,
    scheduled: Callable[[dict[str, str]], Schedule],
    seconds: float,
) -> _Found:
    """The best set by the real scheduler (``scheduled``), verified set by set.

    Each round takes the model's best set (by lateness bound, cost, count)
    among those not yet verified and schedules it; its real lateness is at
    least its bound. The search stops when the best verified set is at least
    as good as the best bound left (proven), or after :data:`MAX_CANDIDATES`
    sets or ``seconds`` (not proven: the best verified set, and the least
    lateness any set could still reach).
    """
    model = _Model(problem, budget_cents)
    cuts: list[tuple[tuple[int, int], ...]] = []
    best: tuple[int, int, int, dict[str, str], Schedule] | None = None
    verified = 0
    bound = 0
    ends = time.monotonic() + seconds

    def answer(proven: bool, least: int) -> _Found:
        if best is None:  # pragma: no cover - a solve gave up before the first set
            return _Found({}, False, verified, 0)
        return _Found(best[3], proven, verified, least, best[4])

    while True:
        try:
            found = model.solve(cuts)
        except _NotSolved:
            break
        if found is None:  # every set verified
            return answer(True, best[0] if best else 0)
        bound = found.late_bound
        if best is not None and (found.late_bound, found.cents) >= best[:2]:
            return answer(True, best[0])
        choice = {problem.ids[k]: str(problem.ways[k][a].alternative) for k, a in found.picks}
        result = scheduled(choice)
        real = result.late_by_days
        verified += 1
        key = (real, found.cents, len(found.picks), choice, result)
        if best is None or key[:3] < best[:3]:
            best = key
        if real < found.late_bound:  # not a bound after all: never seen, never trusted blindly
            return answer(False, 0)
        if real == found.late_bound:
            return answer(True, real)
        if verified >= MAX_CANDIDATES or time.monotonic() > ends:
            break
        cuts.append(found.picks)
    return answer(False, min(bound, best[0]) if best else 0)


# --- the public call ---------------------------------------------------------------


def cheapest_way(
    plan: Plan,
    route: str | None = None,
    *,
    budget: float | None = None,
    as_of: dt.date | None = None,
    progress: Mapping[str, float] | None = None,
    seconds: float = SEARCH_SECONDS,
) -> CheapestWay:
    """The least-cost set of alternatives (at most one a step) that makes the plan feasible.

    When no set does, the set with the smallest ``late_by_days``, and among
    those the cheapest; with ``budget``, the same over the sets that cost at
    most the budget. Solved exactly with HiGHS (see the module docstring); the
    set is then scheduled again with :func:`careerlib.schedule`, whose verdict
    the result reports.

    On a status date (``as_of``) only the work left can change
    (``docs/status-date.md``): the alternatives of a done step are
    never taken, and an alternative taken for a step in progress does the
    rest of the step its way: the share reported done stays done, and the
    alternative keeps that share less of its own duration (or effort), as the
    step's own way would (``max(1, ceil(m x (1 - share)))`` of its *m*
    working days). Its price is counted whole.

    Parameters
    ----------
    plan
        A validated plan as written (no alternative taken yet).
    route
        Schedule this route (and the steps common to all); ``None``: the whole plan.
    budget
        The most the set may cost [the plan's currency]; ``None``: no limit.
    as_of
        A status date: the plan on that day (:func:`careerlib.schedule` with
        ``as_of``); default the plan as written.
    progress
        With ``as_of``: step id -> share done (0-1); default the plan's own reviews.
    seconds
        How long the search may verify sets of a plan with effort steps before
        it reports its best one as not proven [s] (a duration plan needs one).

    Raises
    ------
    PlanError
        For an unknown route.
    UsageError
        For a negative or non-finite budget, ``progress`` without ``as_of``,
        or a status date that is not a date.
    """
    if budget is not None and (not math.isfinite(budget) or budget < 0):
        raise UsageError(f"a budget is a finite amount of 0 or more, got {budget!r}")

    def scheduled(choice: Mapping[str, str]) -> Schedule:
        return schedule(with_alternatives(plan, choice), route, as_of=as_of, progress=progress)

    before = scheduled({})
    work = _work(plan, before, route, as_of, progress)
    problem = None if work is None else _problem(work[0], schedule(work[0], work[1]))
    count = 0 if problem is None else len(problem.binaries)
    if before.feasible or problem is None or count == 0:
        late = before.late_by_days
        return CheapestWay(plan, route, budget, (), before, before, True, 0, count, late)
    budget_cents = None if budget is None else math.floor(budget * 100 + 1e-6)
    found = _search(problem, budget_cents, scheduled, seconds)
    after = before if not found.choice else (found.after or scheduled(found.choice))
    chosen = tuple(_chosen(plan, before, after, step, alt) for step, alt in found.choice.items())
    return CheapestWay(
        plan, route, budget, chosen, before, after, found.proven, found.verified, count, found.bound
    )


def cheapest_way_client(
    client: Any,
    as_of: dt.date | None = None,
    *,
    route: str | None = None,
    budget: float | None = None,
    plan: Plan | None = None,
) -> CheapestWay:
    """:func:`cheapest_way` for a client: its plan and route on a status date, with its check-ins.

    ``client`` is a :class:`~careerlib.clients.Client` or a path to a client
    file; ``as_of`` defaults to today; ``route`` to the client's; ``plan`` is
    the client's plan when already read. The progress is every check-in of
    the client (:func:`careerlib.tracking.client_reviews`) on ``as_of``, as
    :func:`careerlib.schedule_client` reads it.
    """
    from careerlib.scheduling.status import latest_progress
    from careerlib.tracking.client import client_and_plan, client_reviews

    client, plan, _ = client_and_plan(client, plan)
    day = as_of if as_of is not None else dt.date.today()
    progress = latest_progress(client_reviews(client, plan), day)
    return cheapest_way(plan, route or client.route, budget=budget, as_of=day, progress=progress)


def _work(
    plan: Plan,
    before: Schedule,
    route: str | None,
    as_of: dt.date | None,
    progress: Mapping[str, float] | None,
) -> tuple[Plan, str | None] | None:
    """The plan (and route) the model schedules: as written, or the work left on ``as_of``.

    The work left is :func:`~careerlib.scheduling.status.remaining_plan` (done
    steps gone with their alternatives); each alternative of a step in
    progress becomes what is left of it, taken from ``remaining_plan`` of the
    plan with that alternative taken, so the rule of the days left is the
    status engine's own. ``None`` when every step is done.
    """
    if as_of is None:
        return plan, route
    from careerlib.scheduling.status import (
        StatusSchedule,
        latest_progress,
        plan_reviews,
        remaining_plan,
    )

    assert isinstance(before, StatusSchedule)
    shares = progress if progress is not None else latest_progress(plan_reviews(plan), as_of)
    left = remaining_plan(plan, shares, as_of, route=route)
    if left is None:
        return None
    states = zip(before.ids, before.states, strict=True)
    started = {sid for sid, state in states if state == "in progress"}
    steps = []
    for step in left.steps:
        if step.id in started and step.alternatives:
            rest = []
            for alt in step.alternatives:
                taken = with_alternatives(plan, {step.id: alt.id})
                done = remaining_plan(taken, shares, as_of, route=route)
                assert done is not None
                way = done.step(step.id)
                rest.append(alt.model_copy(update={"duration": way.duration, "effort": way.effort}))
            step = step.model_copy(update={"alternatives": rest})
        steps.append(step)
    return left.model_copy(update={"steps": steps}), None


def _chosen(plan: Plan, before: Schedule, after: Schedule, step_id: str, alt_id: str) -> Chosen:
    step = plan.step(step_id)
    alt = step.alternative(alt_id)
    days = int(after.duration_days[after.position(step_id)]) - int(
        before.duration_days[before.position(step_id)]
    )
    return Chosen(
        step=step_id,
        step_title=step.title or step_id,
        alternative=alt_id,
        title=alt.title or alt_id,
        cost=alt.cost,
        days=days,
        hours_per_week=alt.hours_per_week,
    )
