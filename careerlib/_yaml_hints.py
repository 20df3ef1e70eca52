"""What to tell a coach about the two YAML mistakes a parser cannot explain.

* **A colon, a comma, a quote or braces in a text.** ``title: Career talk: the
  goal`` is a mapping inside a mapping to YAML, and in a one-line step
  (``{id: assess, title: Strengths, values and goals, duration: 3d}``) a comma
  ends the title, so ``values and goals`` becomes a key of its own. The parser
  says "mapping values are not allowed here" or "unknown key 'values and
  goals'"; :func:`quoting_hint` and :func:`split_text_hint` add "put the text in
  quotes", with the line as it should be written.
* **A file of the other kind.** A plan given where a client file is expected
  (or the reverse) fails on its first key; :func:`other_kind` says which file
  was expected and how to tell the two apart.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["other_kind", "quoting_hint", "split_text_hint"]

#: A key of a one-line mapping: the text after ", " up to ": ".
_NEXT_KEY = re.compile(r",\s+(?=[A-Za-z_][\w-]*:(?:\s|$))")
_PAIR = re.compile(r"^([A-Za-z_][\w-]*):\s+(.*?)\s*$")
_QUOTE_EXAMPLE = 'title: "Career talk: the goal, the criteria"'


def _quoted(value: str) -> str:
    """``value`` as a YAML double-quoted text (JSON's quoting is YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def _needs_quotes(value: str, *, flow: bool) -> bool:
    if not value or (len(value) > 1 and value[0] in "\"'[{" and value[-1] in "\"']}"):
        return False
    risky = ": " in value or value.endswith(":") or " #" in value
    risky = risky or any(c in value for c in "{}[]\"'") or value[0] in "&*!|>%@`"
    return risky or (flow and "," in value)


def _pairs(line: str) -> tuple[list[str], bool]:
    """The ``key: value`` texts on one line of YAML, and whether they are inside ``{ }``."""
    body = line.split(" #", 1)[0].strip()
    body = body.removeprefix("- ").strip()
    if body.startswith("{"):
        inner = body[1:].rstrip()
        inner = inner[:-1] if inner.endswith("}") else inner
        return [p.strip() for p in _NEXT_KEY.split(inner)], True
    return [body], False


def quoting_hint(text: str, line: int | None) -> str:
    """``"; put the text in quotes: ..."`` for a YAML syntax error on ``line``, or ``""``.

    Parameters
    ----------
    text
        The file's text.
    line
        The line (1-based) the parser stopped at.
    """
    lines = text.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return ""
    pairs, flow = _pairs(lines[line - 1])
    for pair in pairs:
        found = _PAIR.match(pair)
        if found and _needs_quotes(found.group(2), flow=flow):
            return f"; put the text in quotes: {found.group(1)}: {_quoted(found.group(2))}"
    source = lines[line - 1]
    if flow or source.count(": ") > 1 or any(c in source for c in "\"'"):
        return (
            "; a text with a colon, a comma, a quote or braces must be put in quotes "
            f"({_QUOTE_EXAMPLE})"
        )
    return ""


def split_text_hint(mapping: Any, key: Any) -> str:
    """For an unknown key that is the rest of a text cut at a comma: how to write it whole.

    ``{id: assess, title: Strengths, values and goals, duration: 3d}`` reads as
    ``title: Strengths`` and a key ``values and goals`` with no value; the hint
    is ``title: "Strengths, values and goals"``. ``""`` when ``key`` does not
    look like such a piece (it has no space, or it has a value).
    """
    if not isinstance(mapping, dict) or not isinstance(key, str) or " " not in key.strip():
        return ""
    if mapping.get(key) is not None:
        return ""
    keys = list(mapping)
    at = keys.index(key) if key in keys else -1
    before = keys[at - 1] if at > 0 else None
    head = mapping.get(before) if before is not None else None
    if isinstance(head, str):
        whole = f"{before}: {_quoted(f'{head}, {key}')}"
        return f"; a comma ends a text inside {{ }}: put the text in quotes: {whole}"
    return f"; a comma ends a text inside {{ }}: put the text in quotes ({_QUOTE_EXAMPLE})"


_CLIENT_KEYS = ("target_role", "current_role", "self_assessment", "skills")
_PLAN_KEYS = ("steps", "target", "calendar", "routes")


def other_kind(data: Any, kind: str) -> str | None:
    """The message for a plan given as a client file or the reverse; ``None`` otherwise.

    Parameters
    ----------
    data
        The file's parsed YAML (a mapping).
    kind
        What was expected: ``"plan"`` or ``"client file"``.
    """
    if not isinstance(data, dict):
        return None
    keys = set(data)
    client_keys = [k for k in _CLIENT_KEYS if k in keys]
    plan_keys = [k for k in _PLAN_KEYS if k in keys]
    apart = (
        "a client file (data/clients/) has name, current_role and target_role and names "
        "its plan under plan:, a plan (data/plans/) has title, target and steps"
    )
    if kind == "plan" and client_keys and not plan_keys:
        plan = data.get("plan")
        its = f" (its plan: {plan}, from the client file's folder)" if isinstance(plan, str) else ""
        return (
            f"this is a client file, not a plan: it has {', '.join(client_keys)}; "
            f"give the plan file{its}. To tell them apart: {apart}"
        )
    if kind == "client file" and plan_keys and not client_keys:
        return (
            f"this is a plan, not a client file: it has {', '.join(plan_keys)}; give the "
            f"client file whose plan: names it. To tell them apart: {apart}"
        )
    return None
