"""Changes to a plan's data (the dict a plan file holds), for :class:`careerlib.PlanDraft`.

Each function changes ``data`` in place and returns one line saying what it
did, naming steps by their titles. None of them validates: the draft validates
the changed data as a plan file would be and keeps it only when it is valid.
A field set to ``None`` (``False`` for a flag, an empty list) is removed;
:data:`UNSET` leaves it as it is.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from careerlib.exceptions import PlanError
from careerlib.models import suggest

__all__ = [
    "UNSET",
    "Data",
    "add_item",
    "add_step",
    "edit_item",
    "edit_plan",
    "id_from_title",
    "id_list",
    "link",
    "remove_goal",
    "remove_item",
    "remove_route",
    "remove_step",
    "unlink",
]

Data = dict[str, Any]


class _Unset(enum.Enum):
    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


#: "Leave this field as it is" (``None`` clears a field).
UNSET = _Unset.UNSET

#: The parts of a plan that are lists of items with ids, and what one item is called.
PARTS = {"steps": "step", "goals": "goal", "routes": "route", "obstacles": "obstacle"}
#: Fields that hold a list of ids (one id alone is fine too).
_ID_LISTS = ("after", "supports", "affects")


def id_list(value: str | Sequence[str] | None) -> list[str]:
    """``None`` -> ``[]``, ``"a"`` -> ``["a"]``, a sequence -> a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def id_from_title(title: str, taken: Iterable[str] = (), *, words: int = 4) -> str:
    """A short id for a title, not among ``taken``: "Revise the resume" -> ``revise-the-resume``.

    The first ``words`` words, lower case, accents dropped, joined by ``-``;
    ``-2``, ``-3``... when the id is taken already; ``step`` when the title has
    no letter or digit.
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c))
    base = "-".join(re.findall(r"[a-z0-9]+", plain.lower())[:words]) or "step"
    used = set(taken)
    n, found = 2, base
    while found in used:
        found, n = f"{base}-{n}", n + 1
    return found


def put(item: Data, key: str, value: Any) -> None:
    """Set ``item[key]``; ``None``, ``False`` or an empty list removes it; UNSET does nothing."""
    if value is UNSET:
        return
    if value is None or value is False or (isinstance(value, list | tuple) and not value):
        item.pop(key, None)
    elif key in _ID_LISTS:
        item[key] = id_list(value)
    else:
        item[key] = list(value) if isinstance(value, list | tuple) else value


def quoted(text: object) -> str:
    """``'text'`` (or ``"text"`` when it holds a ``'``), for a line a coach reads."""
    text = str(text)
    return f'"{text}"' if "'" in text else f"'{text}'"


def find(data: Data, key: str, item_id: str) -> Data:
    """The item of ``data[key]`` with this id; an unknown id is a :class:`PlanError`."""
    items = data.setdefault(key, [])
    for item in items:
        if item.get("id") == item_id:
            return item
    ids = [str(i.get("id")) for i in items]
    raise PlanError(f"unknown {PARTS[key]} {item_id!r}{suggest(item_id, ids)}")


def title_of(data: Data, step_id: str) -> str:
    """A step's title, quoted (its id when it has none or is unknown)."""
    for step in data.get("steps", []):
        if step.get("id") == step_id:
            return quoted(step.get("title") or step_id)
    return quoted(step_id)


def _and(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else list(words))


def _titles(data: Data, ids: Iterable[str]) -> str:
    return _and([title_of(data, i) for i in ids])


# -- the plan --------------------------------------------------------------------------

_PLAN_FIELDS = {
    "title": ((), "title"),
    "owner": ((), "owner"),
    "start": ((), "start"),
    "target": ((), "target"),
    "hours_per_week": (("calendar",), "hours a week"),
    "workdays": (("calendar",), "workdays"),
    "cadence": (("checkpoints",), "review cadence"),
}


def edit_plan(data: Data, fields: Mapping[str, Any]) -> str:
    """Change fields of the plan itself (:data:`_PLAN_FIELDS`: title ... cadence)."""
    said = []
    for key, value in fields.items():
        if value is UNSET:
            continue
        parents, name = _PLAN_FIELDS[key]
        holder = data
        for parent in parents:
            holder = holder.setdefault(parent, {})
        put(holder, key, value)
        for parent in parents:
            if not data[parent]:
                del data[parent]
        said.append(name)
    return f"Changed the plan's {_and(said)}."


# -- steps ------------------------------------------------------------------------------


def add_step(data: Data, step: Data, before: Sequence[str]) -> str:
    """Add ``step``; each step in ``before`` waits on it (it goes before the first of them)."""
    steps = data.setdefault("steps", [])
    ids = [s.get("id") for s in steps]
    new_id = step.get("id")
    at = len(steps)
    for target in before:
        if target not in ids:
            raise PlanError(
                f"unknown step {target!r} in before of {new_id!r}{suggest(target, ids)}",
                where=f"step {new_id!r}",
            )
        successor = steps[ids.index(target)]
        successor["after"] = [*successor.get("after", []), new_id]
        at = min(at, ids.index(target))
    steps.insert(at, step)
    name = quoted(step.get("title") or new_id)
    if before:
        return f"Added {name} before {_titles(data, before)}."
    if step.get("after"):
        return f"Added {name} after {_titles(data, step['after'])}."
    return f"Added {name}."


def remove_step(data: Data, step_id: str, *, mend: bool = True) -> str:
    """Remove a step; the steps that waited on it, obstacles and reviews are mended and said.

    With ``mend`` a step that waited on it waits on what it waited on instead;
    without, that link is dropped.
    """
    gone = find(data, "steps", step_id)
    data["steps"].remove(gone)
    inherited = [a for a in gone.get("after", []) if a != step_id]
    notes = [f"Removed {quoted(gone.get('title') or step_id)}."]
    for step in data["steps"]:
        if step_id not in step.get("after", []):
            continue
        kept = [a for a in step["after"] if a != step_id]
        if mend:
            kept += [a for a in inherited if a not in kept and a != step.get("id")]
        put(step, "after", kept)
        if mend and inherited:
            notes.append(
                f"{title_of(data, step['id'])} now comes after {_titles(data, inherited)}."
            )
        else:
            notes.append(f"{title_of(data, step['id'])} no longer waits on it.")
    for obstacle in data.get("obstacles", []):
        if step_id in obstacle.get("affects", []):
            put(obstacle, "affects", [a for a in obstacle["affects"] if a != step_id])
            notes.append(f"The obstacle {quoted(obstacle.get('title'))} no longer names it.")
    for review in data.get("checkpoints", {}).get("reviews", []):
        if step_id in review.get("progress", {}):
            del review["progress"][step_id]
            notes.append(f"The review of {review.get('date')} no longer records its progress.")
    return " ".join(notes)


def link(data: Data, first: str, then: str) -> str:
    """``then`` waits on ``first``."""
    step = find(data, "steps", then)
    step["after"] = [*step.get("after", []), first]
    return f"{title_of(data, then)} now comes after {title_of(data, first)}."


def unlink(data: Data, first: str, then: str) -> str:
    """``then`` no longer waits on ``first``."""
    step = find(data, "steps", then)
    put(step, "after", [a for a in step.get("after", []) if a != first])
    return f"{title_of(data, then)} no longer waits on {title_of(data, first)}."


# -- goals, obstacles, routes (and steps' fields) ------------------------------------------


def add_item(data: Data, key: str, item: Data) -> str:
    """Add a goal, obstacle or route (``key`` is ``goals``, ``obstacles`` or ``routes``)."""
    clean: Data = {}
    for name, value in item.items():
        put(clean, name, value)
    data.setdefault(key, []).append(clean)
    kind = PARTS[key]
    level = f" {item['level']}" if key == "goals" and isinstance(item.get("level"), str) else ""
    return f"Added the{level} {kind} {quoted(item.get('title'))}."


def edit_item(data: Data, key: str, item_id: str, fields: Mapping[str, Any]) -> str:
    """Change fields of a step, goal, obstacle or route; returns what changed."""
    item = find(data, key, item_id)
    name = quoted(item.get("title") or item_id)
    given = [k for k, v in fields.items() if v is not UNSET]
    for field in given:
        put(item, field, fields[field])
    what = "" if key == "steps" else f"the {PARTS[key]} "
    return f"Changed the {_and(given)} of {what}{name}."


def remove_item(data: Data, key: str, item_id: str) -> str:
    """Remove an obstacle (or any item nothing else names)."""
    gone = find(data, key, item_id)
    data[key].remove(gone)
    return f"Removed the {PARTS[key]} {quoted(gone.get('title') or item_id)}."


def remove_goal(data: Data, goal_id: str) -> str:
    """Remove a goal; the steps that served it and the goals that supported it are said."""
    notes = [remove_item(data, "goals", goal_id)]
    served = [s for s in data.get("steps", []) if s.get("goal") == goal_id]
    for step in served:
        del step["goal"]
    if served:
        notes.append(f"No goal for {_titles(data, [s['id'] for s in served])} any more.")
    for goal in data["goals"]:
        if goal_id in goal.get("supports", []):
            put(goal, "supports", [g for g in goal["supports"] if g != goal_id])
            notes.append(f"The goal {quoted(goal.get('title'))} no longer supports it.")
    return " ".join(notes)


def remove_route(data: Data, route_id: str) -> str:
    """Remove a route; its steps then belong to every route (said)."""
    notes = [remove_item(data, "routes", route_id)]
    moved = [s for s in data.get("steps", []) if s.get("route") == route_id]
    for step in moved:
        del step["route"]
    if moved:
        verb = "belongs" if len(moved) == 1 else "belong"
        notes.append(f"{_titles(data, [s['id'] for s in moved])} now {verb} to every route.")
    return " ".join(notes)
