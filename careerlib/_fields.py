"""The pieces every input model shares: value types, field parsers, the base model.

Plans, client profiles and O*NET roles are all read from YAML into pydantic
models that refuse unknown keys and name the nearest known one. What they share
lives here, below :mod:`careerlib.models`, so that a client or role model does
not reach into the plan's module for its building blocks: the weekday and goal
vocabularies, :func:`suggest`, :class:`Span`, the annotated field types (``Id``,
``IsoDate``, ``SpanField``, ``Hours``, ``Weekday``...) and :class:`FileModel`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, model_validator
from pydantic_core import PydanticCustomError

from careerlib.limits import (
    MAX_COST,
    MAX_EFFORT_HOURS,
    MAX_SPAN_DAYS,
    MAX_SPAN_WEEKS,
    date_problem,
)

__all__ = [
    "CADENCES",
    "DIRECTIONS",
    "GOAL_LEVELS",
    "RIASEC",
    "WEEKDAYS",
    "WORK_VALUES",
    "Cadence",
    "Cost",
    "Currency",
    "Direction",
    "FileModel",
    "GoalLevel",
    "Hours",
    "Id",
    "IdList",
    "IsoDate",
    "Span",
    "SpanField",
    "Weekday",
    "one_or_many",
    "parse_date",
    "suggest",
]

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
GOAL_LEVELS: tuple[str, ...] = ("personal", "professional", "department", "organizational")
CADENCES: tuple[str, ...] = ("daily", "weekly", "biweekly", "monthly")
#: Directions of a move from the current occupation (issues 17 and 24): up the responsibility
#: ladder, sideways at the same level, down (job zone at most the current one), anywhere.
DIRECTIONS: tuple[str, ...] = ("up", "sideways", "down", "any")
#: O*NET's six interest scales (Holland's RIASEC), in O*NET's order.
RIASEC: tuple[str, ...] = (
    "Realistic",
    "Investigative",
    "Artistic",
    "Social",
    "Enterprising",
    "Conventional",
)
#: O*NET's six work values: the motivating forces a client rates.
WORK_VALUES: tuple[str, ...] = (
    "Achievement",
    "Working Conditions",
    "Recognition",
    "Relationships",
    "Support",
    "Independence",
)

_ID_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_SPAN_RE = re.compile(r"^\s*(\d+)\s*([dw]?)\s*$")
_HOURS_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*h\s*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def suggest(word: str, candidates: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest candidate, or ``""``."""
    match = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


# --- value types -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A length in working days as written: ``12``, ``12d`` or ``3w``.

    Weeks depend on the calendar, so a span is resolved with
    :meth:`working_days` once the number of workdays per week is known.
    """

    amount: int
    unit: Literal["d", "w"] = "d"

    def working_days(self, workdays_per_week: int) -> int:
        """The span in working days [working days]."""
        return self.amount * (workdays_per_week if self.unit == "w" else 1)

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


def _bounded_span(amount: int, unit: str, value: Any) -> Span:
    limit = MAX_SPAN_WEEKS if unit == "w" else MAX_SPAN_DAYS
    if amount > limit:
        what = "weeks" if unit == "w" else "working days"
        raise PydanticCustomError(
            "span_limit",
            "{got} is too long: a duration or buffer is at most {limit} {what}",
            {"got": _short(value), "limit": f"{limit:,}", "what": what},
        )
    return Span(amount, unit)  # type: ignore[arg-type]


def _short(value: Any, width: int = 40) -> str:
    """``repr(value)`` cut to ``width`` characters (a 5,000-digit number stays readable)."""
    if isinstance(value, int) and value.bit_length() > 128:
        return f"a number of about {int(value.bit_length() * math.log10(2)) + 1:,} digits"
    text = repr(value)
    return text if len(text) <= width else text[: width - 4] + "...'"


def _parse_span(value: Any) -> Any:
    if isinstance(value, Span):
        return value
    if isinstance(value, bool):
        raise PydanticCustomError(
            "span",
            "expected a number of working days such as 12, 12d or 3w, got {value}",
            {"value": value},
        )
    if isinstance(value, int):
        if value < 0:
            raise PydanticCustomError(
                "span", "a number of working days cannot be negative, got {value}", {"value": value}
            )
        return _bounded_span(value, "d", value)
    if isinstance(value, str):
        m = _SPAN_RE.match(value)
        if m:
            digits = m.group(1).lstrip("0") or "0"
            amount = int(digits) if len(digits) <= 12 else 10**12  # past every limit
            return _bounded_span(amount, m.group(2) or "d", value)
    raise PydanticCustomError(
        "span",
        "expected a whole number of working days such as 12, 12d or 3w, got {got}",
        {"got": repr(value), "value": value},
    )


def _parse_hours(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError(
            "hours", "expected hours such as 20h, got {value}", {"value": value}
        )
    if isinstance(value, int | float):
        hours = float(value)
    elif isinstance(value, str) and (m := _HOURS_RE.match(value)):
        hours = float(m.group(1))
    else:
        raise PydanticCustomError(
            "hours", "expected hours such as 20h, got {got}", {"got": repr(value)}
        )
    if not math.isfinite(hours):
        raise PydanticCustomError(
            "hours", "an effort must be a finite number of hours, got {got}", {"got": repr(value)}
        )
    if hours <= 0:
        raise PydanticCustomError(
            "hours", "an effort must be more than 0 hours, got {got}", {"got": repr(value)}
        )
    if hours > MAX_EFFORT_HOURS:
        raise PydanticCustomError(
            "hours",
            "an effort is at most {limit} hours, got {got}",
            {"got": _short(value), "limit": f"{MAX_EFFORT_HOURS:,}"},
        )
    return hours


def _parse_cost(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError(
            "cost",
            "expected a cost as a plain number such as 12000 (in the plan's currency), got {got}",
            {"got": _short(value)},
        )
    if not math.isfinite(value):
        raise PydanticCustomError(
            "cost", "a cost must be a finite number, got {got}", {"got": repr(value)}
        )
    if value < 0:
        raise PydanticCustomError(
            "cost",
            "a cost cannot be negative, got {got}; an alternative that saves money costs 0",
            {"got": _short(value)},
        )
    if value > MAX_COST:
        raise PydanticCustomError(
            "cost",
            "a cost is at most {limit}, got {got}",
            {"got": _short(value), "limit": f"{MAX_COST:,}"},
        )
    return float(value)


_CURRENCY_RE = re.compile(r"^[A-Za-z]{3}$")


def _parse_currency(value: Any) -> Any:
    if isinstance(value, str) and _CURRENCY_RE.match(value.strip()):
        return value.strip().upper()
    raise PydanticCustomError(
        "currency",
        "expected a three-letter currency code such as EUR, USD or GBP, got {got}",
        {"got": _short(value)},
    )


def parse_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError(
            "iso_date",
            "expected a date without a time (YYYY-MM-DD), got {value}",
            {"value": value.isoformat()},
        )
    if isinstance(value, str) and _DATE_RE.match(value.strip()):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise PydanticCustomError(
                "iso_date",
                "{got} is not a real date ({reason})",
                {"got": repr(value), "reason": str(exc)},
            ) from None
    if isinstance(value, dt.date):
        problem = date_problem(value)
        if problem is not None:
            raise PydanticCustomError("date_limit", problem, {})
        return value
    raise PydanticCustomError(
        "iso_date", "expected an ISO date YYYY-MM-DD, got {got}", {"got": repr(value)}
    )


def _parse_id(value: Any) -> Any:
    # YAML reads an unquoted 12 as a number: an id of digits is still an id.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise PydanticCustomError(
            "id",
            "{got} is not a valid id: use letters, digits, '_' and '-' only",
            {"got": repr(value)},
        )
    return value


def one_or_many(value: Any) -> Any:
    """Accept ``after: resume`` as well as ``after: [resume]``."""
    if value is None:
        return []
    if isinstance(value, str | int) and not isinstance(value, bool):
        return [value]
    return value


def _choice(options: Sequence[str], what: str) -> Any:
    def check(value: Any) -> Any:
        text = value.lower() if isinstance(value, str) else value
        if text in options:
            return text
        raise PydanticCustomError(
            "choice",
            "unknown {what} {got} (valid: {valid}){hint}",
            {
                "what": what,
                "got": repr(value),
                "hint": suggest(str(value), options),
                "valid": ", ".join(options),
            },
        )

    return check


IsoDate = Annotated[dt.date, BeforeValidator(parse_date)]
Id = Annotated[str, BeforeValidator(_parse_id)]
IdList = Annotated[list[Id], BeforeValidator(one_or_many)]
SpanField = Annotated[Span, BeforeValidator(_parse_span), PlainSerializer(str, return_type=str)]
Hours = Annotated[float, BeforeValidator(_parse_hours)]
#: A price in the plan's currency: a finite number from 0 to ``MAX_COST``.
Cost = Annotated[float, BeforeValidator(_parse_cost)]
#: A three-letter currency code (ISO 4217 style), upper-cased.
Currency = Annotated[str, BeforeValidator(_parse_currency)]
Weekday = Annotated[str, BeforeValidator(_choice(WEEKDAYS, "weekday"))]
GoalLevel = Annotated[str, BeforeValidator(_choice(GOAL_LEVELS, "goal level"))]
Cadence = Annotated[str, BeforeValidator(_choice(CADENCES, "checkpoint cadence"))]
Direction = Annotated[str, BeforeValidator(_choice(DIRECTIONS, "direction"))]


# --- models ------------------------------------------------------------------


class FileModel(BaseModel):
    """Base of every input model (plan, client, role): unknown keys are refused, with a hint."""

    # allow_inf_nan=False: nan and inf are refused wherever a number goes
    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, validate_default=False, allow_inf_nan=False
    )

    _known_keys: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        keys = set()
        for name, field in cls.model_fields.items():
            keys.add(field.alias or name)
        cls._known_keys = frozenset(keys)

    @model_validator(mode="before")
    @classmethod
    def _refuse_unknown_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            known = cls._known_keys
            for key in data:
                if key not in known:
                    raise PydanticCustomError(
                        "unknown_key",
                        "unknown key {key!r}{hint}",
                        {
                            "key": key,
                            "key!r": repr(key),
                            "hint": suggest(str(key), known)
                            or f" (known keys: {', '.join(sorted(known))})",
                        },
                    )
        elif not isinstance(data, BaseModel):
            raise PydanticCustomError(
                "mapping",
                "expected a mapping of keys ({known}), got {got}",
                {"known": ", ".join(sorted(cls._known_keys)), "got": repr(data)},
            )
        return data
