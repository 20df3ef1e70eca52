"""Where careerlib's data and notebook templates come from: one decision, made here.

An installed careerlib carries its data as package data (``careerlib/data``:
the compact O*NET tables, the sample clients, plans, roles and peer groups, the
route templates), its notebook templates (``careerlib/notebooks``) and its
documentation pages (``careerlib/docs``). The build takes them from the
repository's ``data/``, ``notebooks/`` and ``docs/`` folders (see ``setup.py``),
so a source checkout reads those folders themselves.

``CAREERLIB_DATA`` names a folder laid out like the package's data; what it
holds is used first, and what it does not hold comes from the package (a
coach's folder of templates still finds the O*NET tables).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from careerlib.exceptions import DataError

__all__ = ["data_dir", "data_path", "docs_dir", "notebooks_dir"]

ENV = "CAREERLIB_DATA"


def _shipped(name: str) -> Path:
    """The package's folder ``name`` (``data``, ``notebooks`` or ``docs``).

    In an installed wheel it is inside the package; in a source checkout it is
    the repository's folder of that name beside the package.
    """
    package = resources.files("careerlib")
    if not isinstance(package, Path):  # a zip import: no folder to hand out
        raise DataError(
            f"careerlib is imported from {package}, not from a folder; "
            f"install it with pip, or set {ENV} to a copy of its data"
        )
    for folder in (package / name, package.parent / name):
        if folder.is_dir():
            return folder
    raise DataError(
        f"careerlib's {name} folder is missing from {package}; reinstall careerlib "
        f"(the wheel carries it), or set {ENV} to a copy of its data"
    )


def data_path(*parts: str) -> Path:
    """A folder or file of careerlib's data: from ``$CAREERLIB_DATA`` when it is there,
    else the package's.

    Parameters
    ----------
    parts
        Path components below the data folder: ``data_path("onet")``,
        ``data_path("templates", "promotion.yaml")``. None: the data folder
        itself (``$CAREERLIB_DATA`` when set).

    Raises
    ------
    DataError
        When ``CAREERLIB_DATA`` is set to something that is not a folder.
    """
    env = os.environ.get(ENV)
    if env:
        root = Path(env).expanduser()
        if not root.is_dir():
            raise DataError(
                f"{ENV}={env}: no such folder; point it at a folder laid out like careerlib's "
                "data (onet/, clients/, plans/, roles/, peers/, templates/) or unset it"
            )
        mine = root.joinpath(*parts)
        if not parts or mine.exists():
            return mine
    return _shipped("data").joinpath(*parts)


def data_dir() -> Path:
    """The data folder: ``$CAREERLIB_DATA`` when set, else the package's.

    For one folder or file of it, ask :func:`data_path` (``data_path("plans")``):
    it falls back to the package for what ``$CAREERLIB_DATA`` does not hold.
    """
    return data_path()


def notebooks_dir() -> Path:
    """The notebook templates that come with careerlib (``00-coach-session.ipynb``, ...)."""
    return _shipped("notebooks")


def docs_dir() -> Path:
    """careerlib's documentation pages (``plan-format.md``, ... and ``images/``)."""
    return _shipped("docs")
