"""The client profile: who the client is, where they stand, and what they compare with.

A client file (``data/clients/*.yaml``, format in ``docs/client-format.md``)
names the client's current and target role, holds the self-assessment
(talents, RIASEC interests, work values as motivating forces, marketability
factors, each rated with notes), skill levels on O*NET's level scale (0-7),
the organization's metrics, and points to the peer group file, the plan file
and dated checkpoint reviews.

:func:`load_client` validates the file like a plan (errors name the file, the
line and the field) and then checks what it refers to: the target role, the
plan, the peer file and its metrics, the skills and the steps named in reviews.
Paths in a client file are relative to the file.

Assessments the client took in a session (``careerlib assess``, the console's
widgets) are read from the journal beside the file
(:mod:`careerlib.assessments`): the newest of each kind is what
:meth:`Client.interest_scores`, :meth:`Client.value_scores` and
:meth:`Client.skill_levels` give, and the ratings in the file are the fallback.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PrivateAttr, field_validator
from pydantic_core import PydanticCustomError

from careerlib._fields import RIASEC, WORK_VALUES, Cadence, Direction, FileModel, Id, suggest
from careerlib._text import name_key
from careerlib.assessments import Assessment, assessments_path, latest, read_assessments
from careerlib.exceptions import ClientError, InputError
from careerlib.models import Plan, Review
from careerlib.planfile import line_of, load_plan, model_from_data, read_text, read_yaml

__all__ = [
    "Client",
    "Organization",
    "Rated",
    "SelfAssessment",
    "SkillLevel",
    "load_client",
    "parse_client",
    "set_client_plan",
]


def _rating(value: Any) -> Any:
    """Accept ``4`` as well as ``{rating: 4, note: ...}``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"rating": value}
    return value


def _level(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"level": value}
    return value


class Rated(FileModel):
    """A named factor rated 1 (weak) to 5 (strong), with a note.

    A talent or a marketability factor.
    """

    name: str
    rating: float = Field(ge=1, le=5)
    note: str | None = None


class Score(FileModel):
    """A rating on O*NET's 1-7 scale (interests, work values), with a note."""

    rating: float = Field(ge=1, le=7)
    note: str | None = None


class SkillLevel(FileModel):
    """The client's level in a skill or knowledge area, on O*NET's level scale 0-7."""

    level: float = Field(ge=0, le=7)
    note: str | None = None


ScoreField = Annotated[Score, BeforeValidator(_rating)]
LevelField = Annotated[SkillLevel, BeforeValidator(_level)]


def _canonical(options: tuple[str, ...], what: str) -> Any:
    def check(value: dict[str, Any]) -> dict[str, Any]:
        out = {}
        lower = {o.lower(): o for o in options}
        for key, score in value.items():
            name = lower.get(str(key).lower())
            if name is None:
                raise PydanticCustomError(
                    "choice",
                    "unknown {what} {got}{hint}; valid: {valid}",
                    {
                        "what": what,
                        "got": repr(key),
                        "hint": suggest(str(key), options),
                        "valid": ", ".join(options),
                    },
                )
            out[name] = score
        return out

    return check


class SelfAssessment(FileModel):
    """What the client knows about themselves.

    ``interests`` are the six RIASEC scales and ``values`` the six work values
    O*NET uses (motivating forces), both rated 1-7 as O*NET rates occupations;
    ``talents`` and ``marketability`` are free factors rated 1-5.
    """

    talents: list[Rated] = Field(default_factory=list)
    interests: dict[str, ScoreField] = Field(default_factory=dict)
    values: dict[str, ScoreField] = Field(default_factory=dict)
    marketability: list[Rated] = Field(default_factory=list)

    _check_interests = field_validator("interests")(_canonical(RIASEC, "RIASEC interest"))
    _check_values = field_validator("values")(_canonical(WORK_VALUES, "work value"))


class Organization(FileModel):
    """The client's organization and its metrics (ids from the peer group's ``metrics.csv``)."""

    name: str
    sector: str | None = None
    metrics: dict[str, float] = Field(default_factory=dict)


class Client(FileModel):
    """A client profile. Build one with :func:`load_client`.

    Paths (``target_role`` when it is a file, ``plan``, ``peers``, ``metrics``)
    are relative to the client file; :meth:`resolve` gives them absolute.
    """

    name: str
    coach: str | None = None
    current_role: str
    target_role: str
    plan: str | None = None
    route: Id | None = None
    self_assessment: SelfAssessment = Field(default_factory=SelfAssessment)
    skills: dict[str, LevelField] = Field(default_factory=dict)
    organization: Organization | None = None
    peers: str | None = None
    metrics: str | None = None
    cadence: Cadence | None = None
    direction: Direction = "up"
    reviews: list[Review] = Field(default_factory=list)
    note: str | None = None

    _path: Path | None = PrivateAttr(default=None)
    _assessments: list[Assessment] = PrivateAttr(default_factory=list)

    @property
    def path(self) -> Path | None:
        """The client file, when the profile came from one."""
        return self._path

    @property
    def assessments(self) -> list[Assessment]:
        """The assessments of the journal beside the client file, in the order recorded."""
        return list(self._assessments)

    @property
    def assessments_path(self) -> Path | None:
        """The assessments journal (``NAME.assessments.jsonl``), when the profile has a file."""
        return None if self._path is None else assessments_path(self._path)

    def resolve(self, ref: str) -> Path:
        """A path named in the file, relative to the file's folder."""
        p = Path(ref)
        if p.is_absolute() or self._path is None:
            return p
        return self._path.parent / p

    @property
    def role_is_file(self) -> bool:
        """Whether ``target_role`` names a role file rather than an O*NET code or title."""
        return self.target_role.endswith((".yaml", ".yml"))

    @property
    def metrics_path(self) -> Path | None:
        """The metric definitions: ``metrics``, or ``metrics.csv`` next to the peer file."""
        if self.metrics is not None:
            return self.resolve(self.metrics)
        if self.peers is not None:
            return self.resolve(self.peers).parent / "metrics.csv"
        return None

    def skill_levels(self) -> dict[str, float]:
        """Skill name -> level (0-7): for each skill, its rating in the newest skills
        assessment that rated it, else the client file's. A skill in neither is not rated."""
        return {name: level for name, (level, _) in self._skills_with_source().items()}

    def interest_scores(self) -> dict[str, float]:
        """RIASEC scale -> rating (1-7): the newest interest profiler's scores, else the
        scales the client file rates."""
        newest = latest(self._assessments, "interests")
        if newest is not None:
            return dict(newest.scores)
        return {name: s.rating for name, s in self.self_assessment.interests.items()}

    def value_scores(self) -> dict[str, float]:
        """Work value -> rating (1-7): the newest card sort, else the client file's values."""
        newest = latest(self._assessments, "values")
        if newest is not None:
            return dict(newest.scores)
        return {name: s.rating for name, s in self.self_assessment.values.items()}

    def rating_sources(self, kind: str) -> dict[str, str]:
        """Where each rating of ``kind`` (``interests``, ``values``, ``skills``) comes from:
        "client file", or the assessment's label ("values of 3 Dec 2026")."""
        if kind == "skills":
            return {name: source for name, (_, source) in self._skills_with_source().items()}
        newest = latest(self._assessments, kind)
        scores = self.interest_scores() if kind == "interests" else self.value_scores()
        return dict.fromkeys(scores, "client file" if newest is None else newest.label)

    def _skills_with_source(self) -> dict[str, tuple[float, str]]:
        levels: dict[str, tuple[str, float, str]] = {
            name_key(name): (name, s.level, "client file") for name, s in self.skills.items()
        }
        rated = sorted(
            (a for a in self._assessments if a.kind == "skills"), key=lambda a: a.date
        )  # stable: the newest last, the same day in the order recorded
        for assessment in rated:
            for name, level in assessment.scores.items():
                levels[name_key(name)] = (name, level, assessment.label)
        return {name: (level, source) for name, level, source in levels.values()}


def parse_client(text: str, *, path: str | Path | None = None, check: bool = True) -> Client:
    """Read a client profile from YAML text; with ``check``, also what it refers to."""
    data = _read_yaml_as_client(text, path)
    client = model_from_data(
        data,
        Client,
        path=path,
        text=text,
        kind="client file",
        keys="name, current_role, target_role",
        error=ClientError,
    )
    client._path = None if path is None else Path(path)
    if client._path is not None:
        client._assessments = read_assessments(assessments_path(client._path))
    if check:
        check_client(client, text=text)
    return client


def _read_yaml_as_client(text: str, path: str | Path | None) -> Any:
    try:
        return read_yaml(text, path=path)
    except InputError as exc:
        raise ClientError(exc.message, path=exc.path, line=exc.line) from None


def load_client(path: str | Path, *, check: bool = True) -> Client:
    """Read and validate a client file.

    Parameters
    ----------
    path
        The client file (YAML).
    check
        Also check what the file refers to: the target role (a role file that
        exists and is valid, or an O*NET occupation), the plan (loaded and
        validated), the peer file and its metric definitions (every metric the
        organization gives must be in both), the skill names (O*NET elements
        or skills of the role file) and the steps named in reviews.

    Raises
    ------
    ClientError
        With the file, the field and the line.
    PlanError
        For an invalid plan file (naming the plan file).
    DataError
        For a peer or metrics file that is not valid.
    """
    p = Path(path)
    return parse_client(read_text(p, kind="client", error=ClientError), path=p, check=check)


def check_client(client: Client, *, text: str | None = None) -> None:
    """Check what a client file refers to (see :func:`load_client`)."""
    path = client.path or Path("<client>")
    src = text or ""

    def fail(message: str, loc: tuple[str | int, ...], where: str) -> ClientError:
        return ClientError(
            message, path=str(path), where=where, line=line_of(src, loc) if src else None, loc=loc
        )

    own, known_skills = _check_role(client, fail)
    _check_plan(client, fail, own, known_skills)
    _check_peers(client, fail)


_Fail = Callable[[str, tuple[str | int, ...], str], ClientError]


def _check_role(client: Client, fail: _Fail) -> tuple[list[str], set[str]]:
    """The target role exists and the client's skills are known: the role's skills, all known."""
    from careerlib.onet import load_onet, occupation_code, role_profile

    if client.role_is_file:
        role_path = client.resolve(client.target_role)
        if not _is_file(role_path):
            folder = role_path.parent
            known = sorted(f.name for f in folder.glob("*.y*ml")) if folder.is_dir() else []
            hint = suggest(role_path.name, known)
            raise fail(
                f"no role file {client.target_role!r} (looked for {role_path}){hint}"
                + (f"; role files there: {', '.join(known)}" if known and not hint else ""),
                ("target_role",),
                "target_role",
            )
        profile = role_profile(role_path)
    else:
        try:
            occupation_code(client.target_role)
        except ClientError as exc:
            raise fail(exc.message, ("target_role",), "target_role") from None
        profile = role_profile(client.target_role)

    onet = load_onet()
    own = [str(n) for n in profile.requirements.index]
    known_skills = {s.lower() for s in own} | {n.lower() for n in onet.element_names}
    for name in client.skills:
        if name.lower() not in known_skills and onet.element_id(name) is None:
            raise fail(
                f"unknown skill {name!r}{suggest(name, [*own, *onet.element_names])}; "
                "use an O*NET skill or "
                "knowledge area name (see level_anchors) or a skill of the target role file",
                ("skills", name),
                f"skills, {name}",
            )
    return own, known_skills


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file; a name the file system refuses (too long) is none."""
    try:
        return path.is_file()
    except OSError:  # ENAMETOOLONG: Path.is_file raises it rather than answer False
        return False


def _check_plan(client: Client, fail: _Fail, own: list[str], known_skills: set[str]) -> None:
    """The plan exists, develops known skills, has the route and the reviewed steps."""
    from careerlib.onet import load_onet

    onet = load_onet()
    plan: Plan | None = None
    if client.plan is not None:
        plan_path = client.resolve(client.plan)
        if not _is_file(plan_path):
            raise fail(f"no plan file {client.plan!r} (looked for {plan_path})", ("plan",), "plan")
        plan = load_plan(plan_path)
        for i, step in enumerate(plan.steps):
            for name in step.develops:
                if name.lower() not in known_skills and onet.element_id(name) is None:
                    raise ClientError(
                        f"step {step.id!r} develops {name!r}, which is neither an O*NET skill "
                        "or knowledge area nor a skill of the target role"
                        f"{suggest(name, [*own, *onet.element_names])}",
                        path=str(plan_path),
                        where=f"step {step.id!r}, develops",
                        loc=("steps", i, "develops"),
                    )
        routes = [r.id for r in plan.routes]
        if client.route is not None and client.route not in routes:
            raise fail(
                f"unknown route {client.route!r}{suggest(client.route, routes)}; "
                "the plan's routes: " + (", ".join(routes) or "none"),
                ("route",),
                "route",
            )
        ids = [s.id for s in plan.steps]
        for i, review in enumerate(client.reviews):
            for ref in review.progress:
                if ref not in ids:
                    raise fail(
                        f"unknown step {ref!r} in the review of {review.date}{suggest(ref, ids)}; "
                        f"the plan {client.plan} has no such step",
                        ("reviews", i, "progress", ref),
                        f"reviews[{i}], progress",
                    )
    elif client.reviews:
        raise fail("reviews need a plan: add `plan: PATH`", ("reviews",), "reviews")


def _check_peers(client: Client, fail: _Fail) -> None:
    """The peer file and metric definitions exist and hold the client's metrics."""
    from careerlib import peers as peer_data

    metrics = client.organization.metrics if client.organization else {}
    if client.peers is not None:
        peer_path = client.resolve(client.peers)
        if not _is_file(peer_path):
            folder = peer_path.parent
            known = sorted(f.name for f in folder.glob("*.csv")) if folder.is_dir() else []
            raise fail(
                f"no peer file {client.peers!r} (looked for {peer_path})"
                + (f"; files there: {', '.join(known)}" if known else ""),
                ("peers",),
                "peers",
            )
        defs_path = client.metrics_path or peer_path.parent / "metrics.csv"
        if not _is_file(defs_path):
            raise fail(
                f"no metric definitions file {defs_path}",
                ("metrics",) if client.metrics else ("peers",),
                "metrics",
            )
        table = peer_data.load_peers(peer_path)
        defs = peer_data.load_metrics(defs_path)
        for name in metrics:
            if name not in defs.index:
                raise fail(
                    f"unknown metric {name!r}{suggest(name, defs.index)}; "
                    f"{defs_path.name} defines: {', '.join(defs.index)}",
                    ("organization", "metrics", name),
                    f"organization, metrics, {name}",
                )
            if name not in table.columns:
                raise fail(
                    f"the metric {name!r} is not in the peer file {peer_path.name}; its metrics: "
                    f"{', '.join(c for c in table.columns if c in defs.index)}",
                    ("organization", "metrics", name),
                    f"organization, metrics, {name}",
                )
    elif metrics:
        raise fail(
            "organization metrics need a peer group: add `peers: PATH`",
            ("organization", "metrics"),
            "peers",
        )


def set_client_plan(client_file: str | Path, plan_file: str | Path, *, check: bool = True) -> str:
    """Point a client file at another plan file: only its ``plan:`` value changes.

    The one way to switch a client's plan (the console's plan builder,
    ``careerlib switch``, a re-plan with ``switch``). The value becomes the
    plan's path relative to the client file's folder; the rest of the file
    (comments, order, quoting, line ends, a byte-order mark) stays byte for
    byte. A file without a ``plan:`` key gets one more line at its end. Before
    it is written, atomically, the changed file is checked: first that the
    plan loads and has the client's route ("the new plan has no route
    'internal' (the client's route); nothing was changed"), then, with
    ``check``, as :func:`load_client` checks it.

    Parameters
    ----------
    client_file, plan_file
        The client file to change and the plan file it is to use.
    check
        Also check the rest of what the changed file refers to (the steps of
        the client's reviews, the skills the plan develops, the role, the
        peers), as ``load_client(check=True)``. Tracking reads a client
        without these (``check=False``), and so switches its plan: a client
        whose target role has no O*NET skill ratings can still be re-planned.

    Returns
    -------
    str
        The new ``plan:`` value.

    Raises
    ------
    ClientError
        When the client file cannot be read or would not be valid with this
        plan (nothing is written), or is written as one flow mapping.
    PlanError
        When the plan file is not a valid plan.
    """
    import yaml

    from careerlib._atomic import write_bytes

    path = Path(client_file)
    raw_start = path.read_bytes()[:3] if path.is_file() else b""
    text = read_text(path, kind="client", error=ClientError)
    value = Path(os.path.relpath(Path(plan_file).resolve(), path.resolve().parent)).as_posix()
    written = yaml.safe_dump(value, allow_unicode=True, width=4096).splitlines()[0]
    changed = _with_plan_value(text, written, path)
    # refuses (nothing written) when the result is not valid: the route first, in its words
    client = parse_client(changed, path=path, check=False)
    _route_in(client, path)
    if check:
        check_client(client, text=changed)
    elif not _is_file(Path(plan_file)):
        raise ClientError(f"no plan file {value!r} (looked for {plan_file})", path=str(path))
    bom = b"\xef\xbb\xbf" if raw_start == b"\xef\xbb\xbf" else b""
    write_bytes(path, bom + changed.encode("utf-8"))
    return value


def _with_plan_value(text: str, value: str, path: Path) -> str:
    """``text`` with the top-level ``plan:`` value replaced by ``value`` (YAML text)."""
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # marks count characters
    except yaml.YAMLError as exc:
        raise ClientError(f"this is not valid YAML: {exc}", path=str(path)) from None
    if not isinstance(root, yaml.MappingNode):
        raise ClientError("a client file must be a mapping of keys", path=str(path))
    for key, node in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "plan":
            if not isinstance(node, yaml.ScalarNode):
                raise ClientError(
                    "the plan: value is not a file name; write it by hand",
                    path=str(path),
                    line=node.start_mark.line + 1,
                )
            at, end = node.start_mark.index, node.end_mark.index
            # `plan:` with no value: its empty scalar sits right after the colon
            gap = " " if at and text[at - 1] == ":" else ""
            return text[:at] + gap + value + text[end:]
    if root.flow_style:
        raise ClientError(
            "the client file is one {...} mapping: add `plan: FILE` by hand", path=str(path)
        )
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text if not text or text.endswith(("\n", "\r")) else text + newline
    return f"{body}plan: {value}{newline}"


def _route_in(client: Client, path: Path) -> None:
    """The client's (new) plan loads and has the client's route, said in those words.

    A plan file that is missing is left to the caller to name.

    Raises
    ------
    ClientError
        The plan has no route of the client's route id (nothing was written).
    PlanError
        The plan file is not a valid plan.
    """
    if client.plan is None:
        return
    plan_path = client.resolve(client.plan)
    if not _is_file(plan_path):
        return
    routes = [r.id for r in load_plan(plan_path).routes]
    if client.route is not None and client.route not in routes:
        raise ClientError(
            f"the new plan has no route {client.route!r} (the client's route); nothing was changed",
            path=str(path),
        )
