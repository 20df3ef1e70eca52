"""Deprecated: moved to :mod:`careerlib.scheduling.scheduler`; kept for notebooks already written.

Use careerlib.schedule, careerlib.Schedule: top-level names do not move.
"""

from careerlib._deprecated import moved
from careerlib.scheduling.scheduler import *  # noqa: F403
from careerlib.scheduling.scheduler import __all__  # noqa: F401

moved(__name__, "careerlib.scheduling.scheduler", "careerlib.schedule, careerlib.Schedule")
