"""Reading plan files: safe YAML, then validation, with errors that name the line.

The file is read as YAML 1.1 with only the safe tags (libyaml's parser when
PyYAML has it). On top of PyYAML's safe loader this refuses:

* any other tag (``!!python/object``...), before anything is constructed;
* a document whose aliases would expand it many times over (an "alias bomb");
* a key given twice in one mapping;
* dates that do not exist (``2027-02-30``), with the line they are on.

Line numbers for errors found after parsing (by the models) come from composing
the document again and following the error's path through its nodes: that costs
time only when there is an error.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from careerlib._input_log import note_input
from careerlib._yaml_hints import other_kind, quoting_hint, split_text_hint
from careerlib.exceptions import InputError, PlanError
from careerlib.limits import MAX_DEPTH, MAX_FILE_BYTES, file_problem
from careerlib.models import Plan

__all__ = [
    "dump_yaml",
    "iter_plans",
    "load_model",
    "load_plan",
    "model_from_data",
    "new_plan_path",
    "parse_plan",
    "plan_from_data",
    "plan_to_yaml",
    "quote_texts",
    "read_text",
    "read_yaml",
    "save_plan",
]

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# An anchor is `&name` at the start of a node. Without one there can be no
# alias, and the expansion check (a walk over every node) is skipped.
_ANCHOR = re.compile(r"(?:^|[\s\[\{,:-])&[^\s,\[\]\{\}]")
_MAX_EXPANSION = 10
_MAX_NODES = 200_000
# Python reads at most 4,300 digits into an int; no field wants more than 12
_MAX_DIGITS = 100


def _mark_line(mark: Any) -> int | None:
    return None if mark is None else int(mark.line) + 1


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class _SafeLoader(_BaseLoader):
    """PyYAML's safe loader, stricter about duplicate keys, dates and aliases.

    Nodes are composed by libyaml (when present) and resolved with YAML 1.1's
    rules as usual; building Python values from them is done by :meth:`build`,
    which takes fast paths for the scalars plans are made of (text, whole
    numbers, ISO dates) and hands every other tag to PyYAML's safe constructor.
    Unknown tags are refused by that constructor before anything is built.
    """

    def __init__(self, stream: Any, *, check_aliases: bool = True) -> None:
        super().__init__(stream)
        self._check_aliases = check_aliases
        self._built: dict[int, Any] = {}
        self._depth = 0

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        if self._check_aliases:
            _check_expansion(node)
        return self.build(node)

    def build(self, node: Any) -> Any:
        """The Python value of a node (shared for an aliased node)."""
        if self._check_aliases:
            key = id(node)
            if key in self._built:
                return self._built[key]
        cls = node.__class__
        if cls is yaml.ScalarNode:
            tag = node.tag
            if tag == _STR:
                value: Any = node.value
            elif tag == _INT and len(node.value) > _MAX_DIGITS:
                # Python refuses to read such a number; as text it reaches the
                # field, which says what it wants there
                value = node.value
            elif (
                tag == _INT and node.value.isdigit() and (node.value[0] != "0" or node.value == "0")
            ):
                value = int(node.value)
            elif tag == _TIMESTAMP:
                value = self._timestamp(node)
            else:
                value = self._construct(node)
        elif cls is yaml.SequenceNode or cls is yaml.MappingNode:
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the lists and mappings nest more than {MAX_DEPTH} levels deep "
                    f"(the most a careerlib file may)",
                    node.start_mark,
                )
            if node.tag == "tag:yaml.org,2002:seq":
                value = [self.build(child) for child in node.value]
            elif node.tag == "tag:yaml.org,2002:map":
                value = self._mapping(node)
            else:
                value = self._construct(node)
            self._depth -= 1
        else:  # pragma: no cover - composer only makes the three kinds
            value = self._construct(node)
        if self._check_aliases:
            self._built[id(node)] = value
        return value

    def _construct(self, node: Any) -> Any:
        try:
            return self.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read this value: {exc}", node.start_mark
            ) from None

    def _mapping(self, node: Any) -> dict[Any, Any]:
        merged = 0
        if any(k.tag == _MERGE for k, _ in node.value):
            explicit = sum(1 for k, _ in node.value if k.tag != _MERGE)
            self.flatten_mapping(node)  # puts the merged pairs first
            merged = len(node.value) - explicit
        out: dict[Any, Any] = {}
        lines: dict[Any, int | None] = {}
        for position, (key_node, value_node) in enumerate(node.value):
            key = self.build(key_node)
            if isinstance(key, list | dict | set):
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"a key cannot be a {'list' if isinstance(key, list) else 'mapping'}; "
                    "keys are plain text",
                    key_node.start_mark,
                )
            if position < merged or lines.get(key, 0) is None:
                # a key from a `<<` merge may be given again: the later one wins
                lines[key] = None if position < merged else _mark_line(key_node.start_mark)
                out[key] = self.build(value_node)
                continue
            try:
                seen = key in out
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, f"a key cannot be a {type(key).__name__}", key_node.start_mark
                ) from None
            if seen:
                first = lines.get(key)
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"the key {key!r} is given twice (first on line {first})",
                    key_node.start_mark,
                )
            lines[key] = _mark_line(key_node.start_mark)
            out[key] = self.build(value_node)
        return out

    def _timestamp(self, node: Any) -> Any:
        try:
            if len(node.value) == 10:
                return dt.date.fromisoformat(node.value)
            return self.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            # `2027-02-30` stays text: the field that wants a date names itself
            # and says why it is not one
            return node.value


def _check_expansion(root: Any) -> None:
    """Refuse a document whose aliases would make it many times bigger."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes and not children_done:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
            continue
        children = (
            [c for pair in node.value for c in pair]
            if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        if not children_done:
            sizes[key] = 0  # marks "in progress" so a recursive alias is not walked forever
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        total = 1 + sum(sizes.get(id(c), 1) for c in children)
        sizes[key] = total
        if total > _MAX_NODES and total > _MAX_EXPANSION * len(sizes):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the document's aliases expand it to more than {total:,} nodes "
                f"from {len(sizes):,}; "
                "refused as an alias bomb",
                node.start_mark,
            )


def _decode(raw: bytes, path: str | None) -> str:
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise PlanError(
            "this is not a text file (it holds binary data, a NUL byte); "
            "a plan is a YAML text file",
            path=path,
            line=raw.count(b"\n", 0, nul) + 1,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanError(
            f"this is not a UTF-8 text file (undecodable byte at offset {exc.start}); "
            "a plan is a YAML text file",
            path=path,
        ) from None


def read_yaml(text: str, *, path: str | Path | None = None) -> Any:
    """Parse one YAML document safely; raise :class:`PlanError` with the line on failure."""
    where = None if path is None else str(path)
    check = _ANCHOR.search(text) is not None
    loader = _SafeLoader(text, check_aliases=check)
    collecting = gc.isenabled()
    # Millions of new containers and no cycles among them: the cyclic
    # collector would rescan them again and again (4x slower at 100,000 steps).
    gc.disable()
    try:
        return loader.get_single_data()
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "cannot read this node"
        if "could not determine a constructor" in problem:
            found = re.search(r"'([^']*)'", problem)
            tag = found.group(1).replace("tag:yaml.org,2002:", "!!") if found else "?"
            problem = f"the tag {tag!r} is not allowed: a plan uses plain YAML values only"
        raise PlanError(problem, path=where, line=_mark_line(mark)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        if "nesting depth" in what:  # libyaml's own limit, far past ours
            raise PlanError(
                f"the lists and mappings nest more than {MAX_DEPTH} levels deep "
                "(the most a careerlib file may)",
                path=where,
                line=_mark_line(mark),
            ) from None
        line = _mark_line(mark)
        hint = quoting_hint(text, line)
        raise PlanError(f"this is not valid YAML: {what}{hint}", path=where, line=line) from None
    except yaml.reader.ReaderError as exc:
        raise PlanError(
            f"this is not valid YAML: {exc.reason} (character {exc.character!r})", path=where
        ) from None
    except yaml.YAMLError as exc:
        what = " ".join(str(exc).split())
        raise PlanError(f"this is not valid YAML: {what}", path=where) from None
    except RecursionError:
        raise PlanError(
            f"the lists and mappings nest more than {MAX_DEPTH} levels deep "
            "(the most a careerlib file may)",
            path=where,
        ) from None
    finally:
        loader.dispose()
        if collecting:
            gc.enable()


def _node_at(root: Any, loc: tuple[Any, ...]) -> Any:
    """The deepest YAML node reached by following ``loc`` (keys and indexes)."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                    node = v
                    break
            else:
                continue  # a pydantic union tag or a model-level loc: stay here
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
            else:
                break
    return node


def _key_node(root: Any, loc: tuple[Any, ...], key: Any) -> Any:
    parent = _node_at(root, loc)
    if isinstance(parent, yaml.MappingNode):
        for k, _ in parent.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                return k
    return parent


def line_of(text: str, loc: tuple[Any, ...], key: Any = None) -> int | None:
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    if root is None:
        return None
    node = _node_at(root, loc) if key is None else _key_node(root, loc, key)
    return _mark_line(node.start_mark)


def _where(loc: tuple[Any, ...], data: Any) -> str:
    """A place a coach can find: ``step 'resume', after`` rather than ``steps.3.after``."""
    parts: list[str] = []
    node = data
    i = 0
    while i < len(loc):
        part = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        if part in ("steps", "goals", "routes", "obstacles", "alternatives") and isinstance(
            nxt, int
        ):
            item = None
            if (
                isinstance(node, dict)
                and isinstance(node.get(part), list)
                and nxt < len(node[part])
            ):
                item = node[part][nxt]
            ident = item.get("id") if isinstance(item, dict) else None
            label = part[:-1]
            parts.append(f"{label} {ident!r}" if ident is not None else f"{label} #{nxt + 1}")
            node = item
            i += 2
            continue
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]" if parts else f"[{part}]"]
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            # a key of the data is named; pydantic's union tags ("CountryHolidays",
            # "list[...]") are not keys, and are left out
            is_key = isinstance(node, dict) and part in node
            if is_key or not (isinstance(part, str) and ("[" in part or part[:1].isupper())):
                parts.append(repr(part) if is_key and " " in str(part) else str(part))
            node = node.get(part) if isinstance(node, dict) else None
        i += 1
    return ", ".join(parts)


def _data_at(data: Any, loc: tuple[Any, ...]) -> Any:
    """The part of the parsed data at ``loc`` (keys and indexes); ``None`` when not there."""
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _shown(value: Any, width: int = 60) -> str:
    """``repr(value)`` cut to ``width`` characters, for a message on one line."""
    if isinstance(value, int) and value.bit_length() > 128:
        return "a number too long to show"
    text = repr(value)
    return text if len(text) <= width else text[: width - 4] + "...'"


def _from_validation(
    exc: ValidationError, data: Any, text: str | None, path: str | None
) -> PlanError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    kind = first["type"]
    ctx = first.get("ctx") or {}
    key = None
    if kind == "unknown_key":
        key = ctx.get("key")
        split = split_text_hint(_data_at(data, loc), key)
        message = f"unknown key {key!r}{split}" if split else first["msg"]
    elif kind == "extra_forbidden":
        key = loc[-1]
        loc = loc[:-1]
        message = f"unknown key {key!r}{split_text_hint(_data_at(data, loc), key)}"
    elif kind == "missing":
        message = f"missing required key {loc[-1]!r}"
        loc = loc[:-1]
    else:
        message = first["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        got = first.get("input")
        if kind in {
            "float_parsing",
            "finite_number",
            "int_parsing",
            "bool_parsing",
            "string_type",
            "float_type",
            "int_type",
            "bool_type",
            "list_type",
            "dict_type",
            "greater_than",
            "greater_than_equal",
            "less_than_equal",
            "less_than",
        }:
            message = f"{message[:1].lower()}{message[1:]}, got {_shown(got)}"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    line = line_of(text, loc, key) if text is not None else None
    return PlanError(message, path=path, where=_where(loc, data) or None, line=line, loc=loc)


M = TypeVar("M", bound=BaseModel)


def model_from_data(
    data: Any,
    model: type[M],
    *,
    path: str | Path | None = None,
    text: str | None = None,
    kind: str = "plan",
    keys: str = "title, target, steps, ...",
    error: type[InputError] = PlanError,
) -> M:
    """Validate parsed YAML data as ``model``; every problem is an ``error`` with the line.

    Parameters
    ----------
    data
        What :func:`read_yaml` returned.
    model
        The pydantic model to validate against (:class:`Plan`, a client, a role...).
    path, text
        The file and its text, to name the file and find the line of a problem.
    kind, keys
        What the file holds and its main keys, for the messages about an empty
        file or one that is not a mapping.
    error
        The :class:`InputError` subclass to raise (PlanError or ClientError).
    """
    where = None if path is None else str(path)
    if data is None:
        raise error(f"the {kind} is empty; it needs at least {keys}", path=where)
    if not isinstance(data, dict):
        kinds = {list: "a list", str: "a single text", int: "a number", float: "a number"}
        what = kinds.get(type(data), type(data).__name__)
        raise error(
            f"a {kind} must be a mapping of keys ({keys}), but this file holds {what}",
            path=where,
            line=1,
        )
    collecting = gc.isenabled()
    gc.disable()  # as in read_yaml: many new objects, no cycles
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        mixed = other_kind(data, kind)
        if mixed is not None:
            raise error(mixed, path=where, line=1) from None
        err: InputError = _from_validation(exc, data, text, where)
        if error is not PlanError:
            err = error(err.message, path=err.path, where=err.where, line=err.line, loc=err.loc)
        raise err from None
    except InputError as exc:
        line = line_of(text, exc.loc) if (text is not None and exc.loc) else None
        if error is not PlanError and not isinstance(exc, error):
            exc = error(exc.message, path=exc.path, where=exc.where, line=exc.line, loc=exc.loc)
        raise exc.located(path=where, line=line) from None
    finally:
        if collecting:
            gc.enable()


def read_text(path: str | Path, *, kind: str = "plan", error: type[InputError] = PlanError) -> str:
    """The text of a YAML file; a missing, unreadable or binary file is an ``error``."""
    p = Path(path)
    problem = file_problem(p, kind)
    if problem is not None:
        raise error(problem, path=str(p))
    try:
        with p.open("rb") as stream:
            note_input(p, kind)
            raw = stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:  # it grew after the check
            raise error(f"a {kind} file may have at most {MAX_FILE_BYTES:,} bytes", path=str(p))
    except FileNotFoundError:
        raise error("no such file", path=str(p)) from None
    except IsADirectoryError:
        raise error(f"this is a folder, not a {kind} file", path=str(p)) from None
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror}", path=str(p)) from None
    try:
        return _decode(raw, str(p))
    except InputError as exc:
        raise error(
            exc.message.replace("a plan is", f"a {kind} is"), path=str(p), line=exc.line
        ) from None


def load_model(
    path: str | Path,
    model: type[M],
    *,
    kind: str,
    keys: str,
    error: type[InputError] = PlanError,
) -> M:
    """Read a YAML file and validate it as ``model`` (see :func:`model_from_data`)."""
    text = read_text(path, kind=kind, error=error)
    try:
        data = read_yaml(text, path=path)
    except InputError as exc:
        if error is PlanError:
            raise
        raise error(exc.message, path=exc.path, line=exc.line) from None
    return model_from_data(data, model, path=path, text=text, kind=kind, keys=keys, error=error)


def plan_from_data(data: Any, *, path: str | Path | None = None, text: str | None = None) -> Plan:
    """Validate parsed data as a :class:`Plan`; every problem is a :class:`PlanError`."""
    return model_from_data(data, Plan, path=path, text=text)


def parse_plan(text: str, *, path: str | Path | None = None) -> Plan:
    """Read a plan from YAML (or JSON) text."""
    return plan_from_data(read_yaml(text, path=path), path=path, text=text)


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan file.

    Raises
    ------
    PlanError
        For a missing or unreadable file, a file that is not YAML text, and
        every way a plan can be invalid; the error names the file, the place
        and (where the parser knows it) the line.
    """
    p = Path(path)
    return parse_plan(read_text(p), path=p)


def iter_plans(folder: str | Path) -> Iterator[Path]:
    """The plan files (``*.yaml``, ``*.yml``, ``*.json``) in a folder, sorted."""
    root = Path(folder)
    return iter(sorted(p for p in root.iterdir() if p.suffix in {".yaml", ".yml", ".json"}))


class _Flow(dict[str, Any]):
    """A mapping written on one line: ``{id: resume, duration: 2w, after: [assess]}``."""


class _FlowList(list[Any]):
    """A list written on one line: ``after: [assess, resume]``."""


class _Text(str):
    """A free text (a title, a note...), always written in double quotes.

    So a coach who edits it later can type a colon or a comma without
    breaking the file: ``title: "Career talk: goals, criteria"``.
    """


#: The keys whose values are free text (:class:`_Text`); ids, dates and names of
#: weekdays, levels or skills are written as they are.
TEXT_KEYS = frozenset(
    {"title", "owner", "name", "current_role", "measure", "description", "mitigation"}
    | {"contingency", "reason", "note"}
)

#: The keys of a step, goal, obstacle or calendar that hold a short list (of ids, weekdays).
_SHORT_LISTS = ("after", "supports", "affects", "develops", "workdays")

# a top-level key that opens a part of the plan (no text of the plan starts a line at column 0)
_PART = re.compile(r"^(calendar|goals|steps|routes|obstacles|checkpoints):")


class _PlanDumper(yaml.SafeDumper):
    """Indents a list under its key (``steps:`` then ``  - ...``), as people write YAML."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_PlanDumper.add_representer(
    _Flow,
    lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True),
)
_PlanDumper.add_representer(
    _FlowList,
    lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True),
)
_PlanDumper.add_representer(
    _Text,
    lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"'),
)


def quote_texts(value: Any) -> Any:
    """``value`` (parsed YAML) with the strings under :data:`TEXT_KEYS` marked as texts,
    so :func:`dump_yaml` writes them in double quotes."""
    if isinstance(value, dict):
        return {
            k: _Text(v) if k in TEXT_KEYS and isinstance(v, str) else quote_texts(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [quote_texts(v) for v in value]
    return value


def dump_yaml(data: Any, *, flow_leaves: bool = True) -> str:
    """YAML text for careerlib's files: texts in double quotes, unicode as it is, no
    line folding; with ``flow_leaves``, a list or mapping of plain values on one line
    (otherwise only the lists marked for it are)."""
    text = yaml.dump(
        data,
        Dumper=_PlanDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None if flow_leaves else False,
        width=4096,
    )
    return str(text)


def _one_line_items(data: dict[str, Any]) -> dict[str, Any]:
    """Each step, goal, route, obstacle, blackout and review on one line."""
    for key in ("steps", "goals", "routes", "obstacles"):
        if key in data:
            data[key] = [_Flow(item) for item in data[key]]
    calendar = data.get("calendar", {})
    for key in ("blackouts", "holidays"):
        if key in calendar:
            calendar[key] = [_Flow(x) if isinstance(x, dict) else x for x in calendar[key]]
    checkpoints = data.get("checkpoints", {})
    if "reviews" in checkpoints:
        checkpoints["reviews"] = [_Flow(r) for r in checkpoints["reviews"]]
    return data


def _blocks(data: dict[str, Any]) -> dict[str, Any]:
    """One key a line; lists of ids, weekdays, blackouts and progress on one line."""
    for key in ("steps", "goals", "routes", "obstacles"):
        for item in data.get(key, []):
            for name in _SHORT_LISTS:
                if name in item:
                    item[name] = _FlowList(item[name])
            if isinstance(item.get("effort"), float):
                item["effort"] = f"{item['effort']:g}h"
    calendar = data.get("calendar", {})
    for key in ("hours_per_week", "hours_per_day"):
        if isinstance(calendar.get(key), float) and calendar[key].is_integer():
            calendar[key] = int(calendar[key])  # 6, not 6.0
    if "workdays" in calendar:
        calendar["workdays"] = _FlowList(calendar["workdays"])
    holidays = calendar.get("holidays")
    if holidays is not None:
        dates_only = all(not isinstance(x, dict) for x in holidays)
        calendar["holidays"] = (
            _FlowList(holidays)
            if dates_only
            else [_Flow(x) if isinstance(x, dict) else x for x in holidays]
        )
    for key in ("blackouts", "commitments"):
        if key in calendar:
            calendar[key] = [_Flow(x) for x in calendar[key]]
    for review in data.get("checkpoints", {}).get("reviews", []):
        if "progress" in review:
            review["progress"] = _Flow(review["progress"])
    return data


def plan_to_yaml(plan: Plan, *, one_line_items: bool = True) -> str:
    """A plan as YAML text that :func:`parse_plan` reads back into an equal plan.

    Written like the spec's example: fields left at their defaults are left
    out, and each step, goal, route, obstacle and blackout is one line. With
    ``one_line_items=False`` (what ``careerlib new client`` and the plan
    builder write): one key a line, lists of ids on one line (``after:
    [assess, resume]``), an effort as ``20h``, and a blank line between the
    parts of the plan. Texts (titles, notes, mitigations...) are always in
    double quotes, so a colon or a comma typed into them later is safe.
    """
    data = plan.model_dump(mode="python", by_alias=True, exclude_defaults=True)
    for step in data.get("steps", []):
        if step.get("title") == step.get("id"):
            del step["title"]
    data = quote_texts(data)
    if one_line_items:
        return dump_yaml(_one_line_items(data))
    lines = dump_yaml(_blocks(data), flow_leaves=False).splitlines(keepends=True)
    return "".join(
        ("\n" + line) if i and _PART.match(line) else line for i, line in enumerate(lines)
    )


def save_plan(
    plan: Plan,
    path: str | Path,
    *,
    overwrite: bool = False,
    one_line_items: bool = True,
    header: str = "",
) -> Path:
    """Write a plan file atomically; refuses to replace an existing file unless asked.

    ``one_line_items`` is that of :func:`plan_to_yaml`; ``header`` (comment
    lines, each starting with ``#``) goes first.

    Raises
    ------
    PlanError
        When ``path`` exists and ``overwrite`` is False.
    """
    from careerlib._atomic import write_text

    target = Path(path)
    if (target.exists() or target.is_symlink()) and not overwrite:
        raise PlanError("the file exists already; choose a new name", path=str(target))
    return write_text(target, header + plan_to_yaml(plan, one_line_items=one_line_items))


def new_plan_path(original: str | Path, tag: str = "whatif") -> Path:
    """A file name next to ``original`` that does not exist yet: ``plan-whatif-1.yaml``, ..."""
    source = Path(original)
    n = 1
    while True:
        candidate = source.with_name(f"{source.stem}-{tag}-{n}{source.suffix or '.yaml'}")
        if not candidate.exists():
            return candidate
        n += 1
