"""Where careerlib finds the files it ships beside the package."""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir"]


def data_dir() -> Path:
    """The data folder: sample plans, clients, peer groups and the O*NET tables.

    The ``data/`` folder beside the package (the repository's, in a checkout).
    Every module that reads shipped data asks here, so that this function is
    the one place that knows where the folder is.
    """
    return Path(__file__).resolve().parent.parent / "data"
