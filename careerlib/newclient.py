"""A new client from a route template: a client file and a plan that schedule at once.

A **route template** (``data/templates/*.yaml``, documented in the README of
that folder) is a plan without dates: the steps typical of a route, the goals
they serve, the obstacles to expect, and how many months the route takes when
no target date is given. careerlib ships three:

``same-sector``
    a new role in the same sector: resume, target employers, networking in the
    sector, interviews; about 6 months.
``radical-change``
    a new field: research, a certification, a new network, a portfolio
    project; about 18 months (one to two years).
``promotion``
    a promotion inside the organization: the manager, a development plan, a
    stretch assignment, a sponsor, the promotion case; about 9 months.

:func:`new_client` fills a template in for one client and one target role (an
O*NET occupation, found by title or code) and writes ``data/clients/<slug>.yaml``
and ``data/plans/<slug>.yaml`` in a workspace (see :mod:`careerlib.workspace`),
never over an existing file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import Field

from careerlib._paths import data_path
from careerlib.exceptions import ClientError, PlanError, WorkspaceError
from careerlib.models import Plan, _Model, suggest
from careerlib.planfile import dump_yaml, load_model, plan_from_data, plan_to_yaml, quote_texts
from careerlib.workspace import write_new_files

__all__ = [
    "TEMPLATES",
    "NewClient",
    "RoleMatch",
    "RouteTemplate",
    "load_template",
    "match_role",
    "new_client",
    "parse_target",
    "role_candidates",
    "slug",
    "template_plan",
]

#: The route templates that come with careerlib, by name.
TEMPLATES: tuple[str, ...] = ("same-sector", "radical-change", "promotion")

#: What a template's texts may name; ``{role_skills}`` is a ``develops`` entry.
PLACEHOLDERS: tuple[str, ...] = ("name", "role", "current")
ROLE_SKILLS = "{role_skills}"
#: How many of the role's most important skills ``{role_skills}`` stands for.
ROLE_SKILLS_COUNT = 3

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


class RouteTemplate(_Model):
    """A route template file: a plan without dates, and how long the route takes.

    ``plan`` is validated as a plan once filled in (see :func:`new_client`).
    """

    description: str
    target_months: int = Field(ge=1, le=60)
    plan: dict[str, Any]


@dataclass(frozen=True)
class RoleMatch:
    """The O*NET occupation a role given by title or code stands for.

    Attributes
    ----------
    code, title
        The occupation's O*NET-SOC code and title.
    matched
        The title that matched (an alternate title such as "Nurse Manager"),
        or the occupation's title when the role was given by code.
    how
        How it matched, for the coach: ``"its short title 'CIO'"``.
    score
        How well (:func:`careerlib.onet.match_title`'s score, 0-1).
    alternatives
        The other occupations the role could be (:func:`role_candidates`),
        best first; empty when the role names one occupation only.
    """

    code: str
    title: str
    matched: str
    how: str = ""
    score: float = 1.0
    alternatives: tuple[RoleMatch, ...] = ()

    def describe(self) -> str:
        """``O*NET 11-1011.00 Chief Executives (its short title 'CIO')``."""
        return f"O*NET {self.code} {self.title}" + (f" ({self.how})" if self.how else "")


@dataclass(frozen=True)
class NewClient:
    """What :func:`new_client` wrote.

    Attributes
    ----------
    client, plan
        The client file and the plan file.
    role
        The target role's O*NET occupation.
    template
        The route template's name (or file).
    target
        The plan's target date.
    """

    client: Path
    plan: Path
    role: RoleMatch
    template: str
    target: date


def slug(name: str) -> str:
    """A file name for a client: ``"Priya Nair"`` -> ``"priya-nair"``, ``"José"`` -> ``"jose"``.

    Raises
    ------
    ClientError
        When the name has no letter or digit to make a file name of.
    """
    # accents go (José -> jose); letters of any script stay
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    text = re.sub(r"[\W_]+", "-", plain.lower()).strip("-")
    if not text:
        raise ClientError(
            f"the client name {name!r} has no letter or digit to name the files after"
        )
    return text


# --- the role ---------------------------------------------------------------------


#: match_title's score of an exact title (the occupation's own 1.0, an alternate 0.95).
EXACT = 0.95

_HOW = {
    "code": "its code",
    "title": "its title",
    "alternate": "its alternate title {m!r}",
    "short": "its short title {m!r}",
    "close": "the close spelling {m!r}",
}


def role_candidates(text: str) -> list[RoleMatch]:
    """Every O*NET occupation with skill ratings that a role title or code could be, best first.

    The occupations whose own, alternate or short titles match ``text``
    (:func:`careerlib.onet.match_title`: equal titles first, then those
    holding every word of it), and, when ``text`` is a short title such as
    "CIO", those matching what it stands for ("Chief Information Officer":
    O*NET files "CIO" under Chief Executives only, and "Chief Information
    Security Officer" under Computer and Information Systems Managers too).

    Raises
    ------
    ClientError
        When nothing matches (naming the closest titles), or only an
        occupation O*NET gives no skill ratings.
    """
    from careerlib.onet import find_occupation

    query = text.strip()
    hits = find_occupation(query, limit=50)
    # below 0.7 a hit is only a close spelling: a suggestion, not a match
    strong = hits[hits["score"] >= 0.7]
    if strong.empty:
        close = "; ".join(f"{r.title} ({r.code})" for r in hits.head(3).itertuples())
        raise ClientError(
            f"no O*NET occupation matches the role {query!r}"
            + (f"; the closest: {close}" if close else "")
            + "; give an O*NET title or an O*NET-SOC code such as 11-9111.00"
        )
    # an exact title leaves out the titles that only hold the words ("registered nurses"
    # is not also "Registered Nurse Midwife"); without one, the near-best are candidates
    top = float(strong["score"].max())
    near = strong[strong["score"] >= (EXACT if top >= EXACT else top - 0.1)]
    found = {
        str(r.code): _candidate(r, query, float(r.score)) for r in near.itertuples() if r.rated
    }
    for meaning in _spelled_out(query):
        for r in find_occupation(meaning, limit=20).itertuples():
            if r.score >= 0.7 and r.rated and str(r.code) not in found:
                # below every direct match: the role only stands for it through its meaning
                found[str(r.code)] = _candidate(r, query, 0.6 * float(r.score))
    if not found:
        row = strong.iloc[0]
        raise ClientError(
            f"the O*NET occupation {row['code']} ({row['title']}) matching the role {query!r} "
            "has no skill ratings in O*NET 29.0; choose a related occupation that has them"
        )
    return sorted(found.values(), key=lambda m: -m.score)


def _candidate(row: Any, query: str, score: float) -> RoleMatch:
    matched = str(row.title) if row.kind == "code" else str(row.matched)
    how = _HOW.get(str(row.kind), "{m!r}").format(m=matched)
    return RoleMatch(
        code=str(row.code), title=str(row.title), matched=matched, how=how, score=score
    )


def _spelled_out(query: str) -> list[str]:
    """What a short title stands for: "CIO" -> ["Chief Information Officer"]."""
    from careerlib._text import name_key
    from careerlib.onet import load_onet

    titles = load_onet().titles
    key = name_key(query)
    rows = titles[titles["short_title"].map(name_key) == key]
    return sorted({re.sub(r"\s*\([^)]*\)", "", t).strip() for t in rows["title"]} - {""})


def match_role(text: str, *, code: str | None = None) -> RoleMatch:
    """The O*NET occupation a role title or code stands for, and what else it could be.

    A code (``11-9111.00``) or a title equal to an occupation's title wins;
    otherwise the best of :func:`role_candidates`, which must be better than
    the next one. The others are its ``alternatives``.

    Parameters
    ----------
    code
        Take this one of the candidates (what a coach chose from the list).

    Raises
    ------
    ClientError
        When the role is ambiguous (the best candidates match equally well:
        listing the occupations it could be, with their codes), unknown
        (naming the closest titles), an occupation O*NET gives no skill
        ratings, or ``code`` is not one of the candidates.
    """
    query = text.strip()
    candidates = role_candidates(query)
    listed = "; ".join(f"{m.code} {m.title}" for m in candidates[:10])
    if len(candidates) > 10:
        listed += f"; and {len(candidates) - 10} more"
    if code is not None:
        chosen = [m for m in candidates if m.code == code]
        if not chosen:
            raise ClientError(
                f"{code} is not one of the occupations the role {query!r} could be ({listed})"
            )
        # the role as typed names the plan's role when it is not that occupation's own title
        best = chosen[0] if chosen[0] is candidates[0] else replace(chosen[0], matched=query)
    else:
        best = candidates[0]
        ties = [m for m in candidates if m.score >= best.score - 1e-9]
        if len(ties) > 1:
            raise ClientError(
                f"the role {query!r} is ambiguous: it matches {len(ties)} O*NET occupations "
                f"({listed}); give one of their codes or titles"
            )
    others = tuple(m for m in candidates if m.code != best.code)
    return replace(best, alternatives=others)


def _role_skills(code: str, count: int = ROLE_SKILLS_COUNT) -> list[str]:
    """The role's most important skills and knowledge areas (O*NET names)."""
    from careerlib.onet import role_profile

    return [str(n) for n in role_profile(code).requirements.index[:count]]


# --- the template -----------------------------------------------------------------


def template_path(template: str | Path, *, folder: str | Path | None = None) -> Path:
    """The file of a template given by name (``promotion``) or as a path (``my-route.yaml``).

    A name is looked up in the workspace ``folder``'s ``data/templates/`` first
    (where ``careerlib init`` put copies a coach may change), then in
    careerlib's data (:func:`careerlib._paths.data_path`).

    Raises
    ------
    PlanError
        When no template has that name, listing the names there are.
    """
    text = str(template)
    if text.endswith((".yaml", ".yml")) or "/" in text or os.sep in text:
        return Path(text)
    shipped = data_path("templates")
    folders = [Path(folder) / "data" / "templates"] if folder is not None else []
    folders.append(shipped)
    for where in folders:
        if (where / f"{text}.yaml").is_file():
            return where / f"{text}.yaml"
    names = sorted({p.stem for where in folders if where.is_dir() for p in where.glob("*.yaml")})
    raise PlanError(
        f"no route template {text!r}{suggest(text, names)}; "
        f"the templates: {', '.join(names) or ', '.join(TEMPLATES)} "
        "(or give a template file ending in .yaml)"
    )


def load_template(template: str | Path, *, folder: str | Path | None = None) -> RouteTemplate:
    """Read a route template by name or file; errors name the file and the line."""
    return load_model(
        template_path(template, folder=folder),
        RouteTemplate,
        kind="route template",
        keys="description, target_months, plan",
    )


def _fill(value: Any, values: dict[str, str], skills: list[str]) -> Any:
    """The template's data with the placeholders filled in."""
    if isinstance(value, dict):
        return {k: _fill(v, values, skills) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            if item == ROLE_SKILLS:
                out.extend(s for s in skills if s not in out)
            else:
                out.append(_fill(item, values, skills))
        return out
    if isinstance(value, str):

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in values:
                hint = suggest(name, PLACEHOLDERS)
                raise PlanError(
                    f"unknown placeholder {m.group(0)!r} in {value!r}{hint}; "
                    f"a template may use {', '.join('{' + p + '}' for p in PLACEHOLDERS)} "
                    f"and {ROLE_SKILLS} in develops"
                )
            return values[name]

        return _PLACEHOLDER.sub(sub, value)
    return value


def parse_target(text: str) -> date:
    """A target date given as ``YYYY-MM-DD``.

    Raises
    ------
    PlanError
        When it is not such a date.
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PlanError(
            f"the target {text!r} is not a date; give it as YYYY-MM-DD, e.g. 2027-06-30"
        ) from None


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _filled_plan(
    spec: RouteTemplate,
    source: str,
    *,
    name: str,
    role: str,
    skills: list[str],
    current: str | None,
    start: date,
    target: date,
) -> Plan:
    """The template's plan filled in for one client, with its dates, validated."""
    if target <= start:
        raise PlanError(
            f"the target {target} is not after the start {start}; give a later --target"
        )
    values = {"name": name, "role": role, "current": current or "the current role"}
    data = _fill(spec.plan, values, skills)
    for key in ("start", "target", "owner"):
        if key in data:
            raise PlanError(f"a route template's plan must not set {key!r}: new_client sets it")
    data = {
        "title": data.pop("title", f"{name}: {role}"),
        "owner": name,
        "start": start,
        "target": target,
        **data,
    }
    return plan_from_data(data, path=f"{source} (filled in for {name})")


def template_plan(
    template: str | Path,
    *,
    name: str = "the client",
    role: str | Path | None = None,
    current: str | None = None,
    start: date | None = None,
    target: date | None = None,
    folder: str | Path | None = None,
) -> Plan:
    """A route template filled in as a plan, without writing anything.

    What :func:`new_client` writes into the plan file, for the plan builder
    (:class:`careerlib.PlanDraft`) to open.

    Parameters
    ----------
    template
        A template name or file (see :func:`template_path`).
    name
        The client's name, for ``{name}`` and the plan's owner.
    role
        The target role: an O*NET title or code (see :func:`match_role`) or a
        role file (``.yaml``). ``{role_skills}`` stands for its three most
        important skills. Without one, ``{role}`` reads "the target role" and
        ``{role_skills}`` is left out.
    current
        The client's current role, for ``{current}``.
    start, target
        The plan's dates; default today and the template's ``target_months`` later.
    folder
        A workspace whose ``data/templates`` is looked in first.

    Raises
    ------
    PlanError
        For an unknown template, one whose plan is not valid once filled in,
        or a target not after the start.
    ClientError
        For a role that is ambiguous or unknown.
    """
    spec = load_template(template, folder=folder)
    first = start or date.today()
    due = target or _add_months(first, spec.target_months)
    title, skills = _role_title_and_skills(role)
    return _filled_plan(
        spec,
        str(template),
        name=name,
        role=title,
        skills=skills,
        current=current,
        start=first,
        target=due,
    )


def _role_title_and_skills(role: str | Path | None) -> tuple[str, list[str]]:
    """What ``{role}`` and ``{role_skills}`` stand for, for a role given any way."""
    if role is None:
        return "the target role", []
    text = str(role)
    if text.endswith((".yaml", ".yml")):
        from careerlib.onet import role_profile

        profile = role_profile(Path(text))
        return profile.title, [str(n) for n in profile.requirements.index[:ROLE_SKILLS_COUNT]]
    match = match_role(text)
    return match.matched, _role_skills(match.code)


# --- the files --------------------------------------------------------------------


def _comment(text: str) -> str:
    """Text for one YAML comment line: line breaks and control characters become spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _client_yaml(
    name: str, current: str, role: RoleMatch, plan_file: str, template: str, skills: list[str]
) -> str:
    data = {
        "name": name,
        "current_role": current,
        "target_role": role.code,
        "plan": plan_file,
    }
    body = dump_yaml(quote_texts(data))
    rate = "\n".join(f"#   {s}: " for s in skills)
    also = "; ".join(f"{m.code} {m.title}" for m in role.alternatives[:5])
    return (
        f"# {_comment(name)}: written by `careerlib new client` from the route template "
        f"{_comment(repr(template))}.\n"
        f"# target_role {role.code} is O*NET's {role.title}"
        + (f" ({_comment(role.matched)})" if role.matched != role.title else "")
        + ".\n"
        + (f"# {_comment(repr(role.matched))} could also be: {_comment(also)}.\n" if also else "")
        + "# Fill in the rest with the client (docs/client-format.md in the workspace): the\n"
        "# self-assessment, the skill levels on O*NET's 0-7 scale, the organization and its\n"
        "# peer group; or let the client take the assessments:\n"
        "#   careerlib assess CLIENT interests|values|skills\n"
        "# Keep texts in quotes, so a colon or a comma in them is safe.\n"
        + body
        + "# skills: the role's most important ones, to rate with the client (0-7):\n"
        "# skills:\n" + rate + "\n"
    )


def new_client(
    name: str,
    role: str,
    *,
    template: str | Path = "same-sector",
    target: date | None = None,
    current: str | None = None,
    folder: str | Path = ".",
    today: date | None = None,
    role_code: str | None = None,
) -> NewClient:
    """Write a client file and a plan for a new client, from a route template.

    Parameters
    ----------
    name
        The client's name; the files are named after it (``Priya Nair`` ->
        ``priya-nair.yaml``).
    role
        The target role: an O*NET title, alternate title or code (see :func:`match_role`).
    template
        A template name (:data:`TEMPLATES`, or another file in the workspace's
        or careerlib's templates folder) or a template file.
    target
        The plan's target date; default the template's ``target_months`` after
        ``today``.
    current
        The client's current role (free text, or an O*NET title or code).
    folder
        The workspace: the files go to ``folder/data/clients`` and
        ``folder/data/plans`` (created when missing).
    today
        The plan's start; default today.
    role_code
        Which of the occupations ``role`` could be (:func:`role_candidates`)
        to take: what the coach chose when the role is ambiguous.

    Raises
    ------
    ClientError
        For a role that is ambiguous or unknown, or a name without letters.
    PlanError
        For an unknown template, or one whose plan is not valid once filled in,
        or a target not after the start.
    WorkspaceError
        When either file exists already (nothing is written), or ``folder`` is a file.
    """
    stem = slug(name)
    if Path(folder).exists() and not Path(folder).is_dir():
        raise WorkspaceError(f"{folder} is a file, not a folder; give the workspace folder")
    spec = load_template(template, folder=folder)
    match = match_role(role, code=role_code)
    start = today or date.today()
    due = target or _add_months(start, spec.target_months)
    skills = _role_skills(match.code)
    source = str(template)
    plan = _filled_plan(
        spec,
        source,
        name=name,
        role=match.matched,
        skills=skills,
        current=current,
        start=start,
        target=due,
    )
    root = Path(folder)
    plan_file = root / "data" / "plans" / f"{stem}.yaml"
    client_file = root / "data" / "clients" / f"{stem}.yaml"
    header = (
        f"# Written by `careerlib new client` from the route template {_comment(repr(source))}:\n"
        f"# {_comment(spec.description)}\n"
        "# Change it freely (the plan format: docs/plan-format.md in the workspace); keep\n"
        "# texts in quotes, so a colon or a comma in them is safe.\n"
    )
    write_new_files(
        {
            plan_file: header + plan_to_yaml(plan, one_line_items=False),
            client_file: _client_yaml(
                name, current or "not recorded yet", match, f"../plans/{stem}.yaml", source, skills
            ),
        }
    )
    return NewClient(client=client_file, plan=plan_file, role=match, template=source, target=due)
