"""Charts for the client: the Gantt chart of a schedule, the routes compared, the gaps.

Every chart is a flat keyword function that returns a
:class:`plotly.graph_objects.Figure`, so a notebook can restyle it before showing
or exporting it (:mod:`careerlib.exports` writes HTML, PNG, SVG and PDF). Charts
take results (schedules, analysis frames); they do not compute them.

One module per chart family, all starting from the shared style in
:mod:`careerlib.charts._style` (the colours :data:`COLORS` and the plotly
template ``"careerlib"``):

========================  =================================================
module                    charts
========================  =================================================
``gantt``                 :func:`gantt` (its layers in ``_gantt_traces``)
``routes``                :func:`routes` (the plan's routes compared)
``skills``                :func:`skills_chart`
``peers``                 :func:`peer_chart`
``progress``              :func:`progress_chart`
``goals``                 :func:`goal_tree_chart`
``occupations``           :func:`occupations_chart`
``assessment``            :func:`assessment_chart`, :func:`obstacles_chart`
``reassessment``          :func:`reassessment_chart` (the assessments then and now)
``load``                  :func:`weekly_load_chart`
``tracking``              :func:`tracking_gantt`, :func:`progress_over_time_chart`
``roster``                :func:`roster_chart` (the practice: every client's target and forecast)
``changes``               :func:`plan_diff_chart` (two versions of a plan, bars side by side)
========================  =================================================
"""

from __future__ import annotations

from careerlib.charts._style import COLORS, LOAD_COLORS, TEMPLATE
from careerlib.charts.assessment import assessment_chart, obstacles_chart
from careerlib.charts.changes import CHANGE_COLORS, plan_diff_chart
from careerlib.charts.gantt import COLOR_BY, GROUP_BY, gantt
from careerlib.charts.goals import goal_tree_chart
from careerlib.charts.load import weekly_load_chart
from careerlib.charts.occupations import occupations_chart
from careerlib.charts.peers import peer_chart
from careerlib.charts.progress import progress_chart
from careerlib.charts.reassessment import reassessment_chart
from careerlib.charts.roster import STATUS_COLORS, roster_chart
from careerlib.charts.routes import routes
from careerlib.charts.skills import skills_chart
from careerlib.charts.tracking import TRACKING_COLORS, progress_over_time_chart, tracking_gantt

__all__ = [
    "CHANGE_COLORS",
    "COLORS",
    "COLOR_BY",
    "GROUP_BY",
    "LOAD_COLORS",
    "STATUS_COLORS",
    "TEMPLATE",
    "TRACKING_COLORS",
    "assessment_chart",
    "gantt",
    "goal_tree_chart",
    "obstacles_chart",
    "occupations_chart",
    "peer_chart",
    "plan_diff_chart",
    "progress_chart",
    "progress_over_time_chart",
    "reassessment_chart",
    "roster_chart",
    "routes",
    "skills_chart",
    "tracking_gantt",
    "weekly_load_chart",
]
