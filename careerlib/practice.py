"""Deprecated: moved to :mod:`careerlib.roster_status`; kept for notebooks already written.

Use careerlib.read_roster, careerlib.roster: top-level names do not move.
"""

from careerlib._deprecated import moved
from careerlib.roster_status import *  # noqa: F403
from careerlib.roster_status import __all__  # noqa: F401

moved(__name__, "careerlib.roster_status", "careerlib.read_roster, careerlib.roster")
