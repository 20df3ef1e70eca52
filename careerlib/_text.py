"""Small text helpers shared by the charts, the terminal tables and the reports."""

from __future__ import annotations

import re

__all__ = ["clip", "name_key", "plural"]

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def plural(n: int, word: str) -> str:
    """``"1 step"``, ``"3 steps"``: ``n`` and ``word``, with an ``s`` unless ``n`` is ±1."""
    return f"{n} {word}{'' if abs(n) == 1 else 's'}"


def name_key(name: object) -> str:
    """``name`` lower-cased with every run of other characters than a-z and 0-9 one space.

    The key under which skill, element and occupation names match whatever
    their case and punctuation: ``"Critical  Thinking!"`` -> ``"critical thinking"``.
    """
    return _NOT_WORD.sub(" ", str(name).lower()).strip()
