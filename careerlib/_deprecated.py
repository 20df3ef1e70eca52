"""The warning of a module that moved (its old path kept for notebooks already written)."""

from __future__ import annotations

import warnings

__all__ = ["moved"]


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
