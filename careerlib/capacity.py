"""Deprecated: moved to :mod:`careerlib.scheduling.capacity`; kept for notebooks already written.

Use careerlib.Allocation, careerlib.WeeklyLoad: top-level names do not move.
"""

from careerlib._deprecated import moved
from careerlib.scheduling.capacity import *  # noqa: F403
from careerlib.scheduling.capacity import __all__  # noqa: F401

moved(__name__, "careerlib.scheduling.capacity", "careerlib.Allocation, careerlib.WeeklyLoad")
