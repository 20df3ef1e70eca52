"""The latest check-in and the verdict on the report's cover: one small function.

The verdict is the one every page shows: the forecast of
:mod:`careerlib.tracking` (``report.tracking``: what is left, scheduled forward
from the check-in, against the target), the same sentence as notebook 04,
``careerlib gaps`` and the coach console.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from careerlib.gaps import rethink_prompts

if TYPE_CHECKING:
    from careerlib.gaps import GapReport, Progress, TimeGap
    from careerlib.tracking import Tracking

__all__ = ["CheckinVerdict", "latest_checkin"]


@dataclass(frozen=True)
class CheckinVerdict:
    """Where the plan stands at the report's date.

    Attributes
    ----------
    verdict
        One sentence: can the target still be met, and by how much.
    feasible
        Whether it can.
    time
        The time gap of the client's route (None for a profile without a plan).
    progress
        Planned against reported progress at the newest review (None without a plan).
    prompts
        The questions to re-think the strategy; empty when it is on track.
    tracking
        The check-in measured against the baseline, with the forecast (None
        for a profile without a plan).
    """

    verdict: str
    feasible: bool
    time: TimeGap | None
    progress: Progress | None
    prompts: tuple[str, ...]
    tracking: Tracking | None = None


def latest_checkin(report: GapReport, route: str | None) -> CheckinVerdict:
    """The verdict and the latest check-in of ``report`` for the client's ``route``."""
    time = report.time.get(route) or next(iter(report.time.values()), None)
    track = report.tracking
    prompts = tuple(rethink_prompts(time, report.progress, track))
    if track is not None:
        return CheckinVerdict(
            track.verdict, track.forecast.on_time, time, report.progress, prompts, track
        )
    if time is None:
        return CheckinVerdict(
            "This profile has no plan to judge.", True, None, report.progress, prompts
        )
    return CheckinVerdict(time.verdict, time.feasible, time, report.progress, prompts)
