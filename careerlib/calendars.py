"""Deprecated: moved to :mod:`careerlib.scheduling.calendars`; kept for notebooks already written.

Use careerlib.WorkCalendar: top-level names do not move.
"""

from careerlib._deprecated import moved
from careerlib.scheduling.calendars import *  # noqa: F403
from careerlib.scheduling.calendars import __all__  # noqa: F401

moved(__name__, "careerlib.scheduling.calendars", "careerlib.WorkCalendar")
