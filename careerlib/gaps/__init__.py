"""Gap analyses: what stands between the client and the target.

Five answers and an occupation finder, each a plain function returning a
pandas DataFrame or a small frozen dataclass of frames and scalars, one module
each:

1. :func:`skills_gap` (``skills``): the client's level of each skill the target role needs
   against the required level, weighted by importance, and the plan steps that
   develop it (a gap no step addresses is flagged ``unaddressed``);
2. :func:`peer_benchmark` (``peers``): the organization's metrics against a peer group
   (median, quartiles, percentile rank, z-score, distance to the median and to
   the top quartile, in the direction that counts as better);
3. :func:`time_gap` (``time``): working days the work left needs against working days
   left to the target, on a status date;
4. :func:`progress_at` (``progress``): what was reported at a checkpoint, step by step,
   and whether the reviews have "gathered dust" (progress against the baseline
   is :mod:`careerlib.tracking`'s);
5. :func:`goal_alignment` (``goals``): the goal tree, orphan goals, steps serving no goal
   and goals no step serves;

and :func:`find_occupations` (``occupations``), the O*NET occupations worth
considering, by a 0-100 transferability score made of the skills match,
interest fit, the step up the responsibility ladder (``ladder``:
:func:`ladder_steps`) or the job zone, and O*NET's related occupations,
relative to the current and target occupations (:func:`current_occupation`
finds the current one from free text). A skill the client has not rated is
unknown in every analysis: no gap, listed by :func:`ask_client`.
``assessment`` holds the self-assessment, the due diligence and the
obstacles; ``reassess`` this assessment against the previous one
(:func:`reassessment`, :func:`moved_most`); ``report`` holds
:func:`analyse`, which runs them all for a client file (``careerlib gaps``),
its :class:`GapReport` with the report's JSON, and the re-think prompts. The
terminal text of a report is :func:`careerlib.terminal.report_text`.

Units: skill levels are on O*NET's level scale 0-7 and importance on its
1-5 scale; days are working days of the plan's calendar unless said otherwise.
"""

from __future__ import annotations

from typing import Any

from careerlib.gaps.assessment import (
    due_diligence,
    obstacles,
    self_assessment,
)
from careerlib.gaps.goals import Alignment, goal_alignment
from careerlib.gaps.ladder import ladder_signals, ladder_steps
from careerlib.gaps.occupations import (
    current_occupation,
    find_occupations,
    find_routes,
    occupations_breakdown,
)
from careerlib.gaps.peers import peer_benchmark
from careerlib.gaps.progress import CADENCE_DAYS, Progress, progress_at, reported_progress
from careerlib.gaps.reassess import moved_most, reassessment
from careerlib.gaps.report import (
    GapReport,
    all_reviews,
    analyse,
    rethink_prompts,
    status_schedules,
    target_role,
    time_gaps,
)
from careerlib.gaps.skills import (
    MET_WITHIN,
    NOT_RATED,
    ask_client,
    focus_anchors,
    skills_gap,
    unaddressed_skills,
    weighted_mean_gap,
)
from careerlib.gaps.time_left import TimeGap, time_gap

__all__ = [
    "MET_WITHIN",
    "NOT_RATED",
    "Alignment",
    "CADENCE_DAYS",
    "GapReport",
    "Progress",
    "TimeGap",
    "all_reviews",
    "analyse",
    "ask_client",
    "current_occupation",
    "due_diligence",
    "find_occupations",
    "find_routes",
    "focus_anchors",
    "goal_alignment",
    "ladder_signals",
    "ladder_steps",
    "moved_most",
    "obstacles",
    "occupations_breakdown",
    "peer_benchmark",
    "progress_at",
    "reassessment",
    "reported_progress",
    "rethink_prompts",
    "self_assessment",
    "skills_gap",
    "status_schedules",
    "target_role",
    "time_gap",
    "time_gaps",
    "unaddressed_skills",
    "weighted_mean_gap",
]


def __getattr__(name: str) -> Any:
    # the old name of occupations_breakdown, kept for notebooks already written
    if name == "occupations_table":
        from careerlib._deprecated import renamed

        renamed(
            "careerlib.gaps.occupations_table",
            "careerlib.gaps.occupations_breakdown",
            "careerlib.tables.occupations_table is the report's shorter table",
        )
        return occupations_breakdown
    raise AttributeError(f"module 'careerlib.gaps' has no attribute {name!r}")
