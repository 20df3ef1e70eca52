"""The warnings of a module that moved or a function renamed (the old name kept for notebooks)."""

from __future__ import annotations

import warnings

__all__ = ["moved", "renamed"]


def moved(old: str, new: str, use: str) -> None:
    """Warn, once a process, that module ``old`` moved to ``new``; ``use`` says what to use.

    A ``FutureWarning``, which Python and Jupyter show to the person running
    the code (a coach's notebook), where a ``DeprecationWarning`` would be
    hidden.
    """
    warnings.warn(
        f"{old} is deprecated and will be removed: use {use} (the module moved to {new})",
        FutureWarning,
        stacklevel=3,
    )


def renamed(old: str, new: str, why: str) -> None:
    """Warn that the function ``old`` is now called ``new`` (``why``: what the old name meant).

    A ``FutureWarning``, as for :func:`moved`, raised where the old name is looked up.
    """
    warnings.warn(
        f"{old} is deprecated and will be removed: use {new} ({why})",
        FutureWarning,
        stacklevel=3,
    )
