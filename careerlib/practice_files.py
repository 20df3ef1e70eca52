"""Deprecated: moved to :mod:`careerlib.roster_files`; kept for notebooks already written.

Use careerlib.write_roster, careerlib.tables.roster_table: top-level names do not move.
"""

from typing import Any

from careerlib._deprecated import moved
from careerlib.roster_files import *  # noqa: F403
from careerlib.roster_files import __all__  # noqa: F401

moved(__name__, "careerlib.roster_files", "careerlib.write_roster, careerlib.tables.roster_table")


def display_table(result: Any) -> Any:
    """Deprecated: ``careerlib.tables.roster_table(result).cells``."""
    from careerlib.tables import roster_table

    return roster_table(result).cells


def styled_table(result: Any) -> Any:
    """Deprecated: ``careerlib.tables.roster_table(result)`` (it shows as HTML itself)."""
    from careerlib.tables import roster_table

    return roster_table(result).styler()
