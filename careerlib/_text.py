"""Small text helpers shared by the charts, the terminal tables and the reports."""

from __future__ import annotations

__all__ = ["clip", "plural"]


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def plural(n: int, word: str) -> str:
    """``"1 step"``, ``"3 steps"``: ``n`` and ``word``, with an ``s`` unless ``n`` is ±1."""
    return f"{n} {word}{'' if abs(n) == 1 else 's'}"
