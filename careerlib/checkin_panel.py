"""Deprecated: moved to :mod:`careerlib.console.checkin_panel`; kept for notebooks already written.

Use careerlib.CheckinPanel: top-level names do not move.
"""

from careerlib._deprecated import moved
from careerlib.console.checkin_panel import *  # noqa: F403
from careerlib.console.checkin_panel import __all__  # noqa: F401

moved(__name__, "careerlib.console.checkin_panel", "careerlib.CheckinPanel")
