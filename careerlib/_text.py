"""Small text helpers shared by the charts, the terminal tables and the reports."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

__all__ = [
    "clip",
    "day_text",
    "json_ready",
    "name_key",
    "one_line",
    "plural",
    "terminal_safe",
]

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def plural(n: int, word: str) -> str:
    """``"1 step"``, ``"3 steps"``: ``n`` and ``word``, with an ``s`` unless ``n`` is ±1."""
    return f"{n} {word}{'' if abs(n) == 1 else 's'}"


def day_text(day: dt.date) -> str:
    """A day as a reader writes it: ``3 Mar 2027`` (never ISO in a sentence for a person)."""
    return f"{day.day} {day:%b %Y}"


# C0 controls but newline and tab, DEL, C1 controls (0x9b is a one-byte CSI),
# and the bidirectional overrides and isolates that reorder what a reader sees
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    # C0 controls as \x1b; the others as \u009b, which inside a JSON string
    # (json.dumps leaves them raw) is the same character, so JSON stays valid
    char = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x20 else f"\\u{ord(char):04x}"
    )


def terminal_safe(text: str) -> str:
    """``text`` with every control character a terminal would obey written as an escape.

    Text from a client's file may hold escape sequences that set a window
    title, write the clipboard or hide what follows; shown as ``\\x1b`` they
    do nothing. Newlines and tabs are kept.
    """
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """``text`` made terminal-safe on a single line (newlines shown as ``\\n``)."""
    return _UNSAFE_IN_LINE.sub(_escape, text)


def json_ready(value: Any) -> Any:
    """``value`` with every non-finite float (``nan``, ``inf``) replaced by ``None``.

    ``json.dumps`` writes ``NaN`` and ``Infinity``, which are not JSON; a
    missing measurement is ``null`` instead.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    return value


def name_key(name: object) -> str:
    """``name`` lower-cased with every run of other characters than a-z and 0-9 one space.

    The key under which skill, element and occupation names match whatever
    their case and punctuation: ``"Critical  Thinking!"`` -> ``"critical thinking"``.
    """
    return _NOT_WORD.sub(" ", str(name).lower()).strip()
