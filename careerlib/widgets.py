"""Deprecated: moved to :mod:`careerlib.console.explorers`; kept for notebooks already written.

Use careerlib.PlanExplorer, careerlib.GapExplorer: top-level names do not move.
"""

from careerlib._deprecated import moved
from careerlib.console.explorers import *  # noqa: F403
from careerlib.console.explorers import __all__  # noqa: F401

moved(__name__, "careerlib.console.explorers", "careerlib.PlanExplorer, careerlib.GapExplorer")
