"""The latest check-in and the verdict on the report's cover: one small function.

Issue 11 (the check-in journal and its one forecast, ``careerlib.tracking``)
was not on main when this was written, so the verdict comes from the gap
analyses: the time gap of the client's route from the report's date, and the
progress at the newest review. When ``careerlib.tracking.status`` lands, this
function is the one place to switch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from careerlib.gaps import rethink_prompts

if TYPE_CHECKING:
    from careerlib.gaps import GapReport, Progress, TimeGap

__all__ = ["CheckIn", "latest_checkin"]


@dataclass(frozen=True)
class CheckIn:
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
    """

    verdict: str
    feasible: bool
    time: TimeGap | None
    progress: Progress | None
    prompts: tuple[str, ...]


def latest_checkin(report: GapReport, route: str | None) -> CheckIn:
    """The verdict and the latest check-in of ``report`` for the client's ``route``."""
    time = report.time.get(route) or next(iter(report.time.values()), None)
    prompts = tuple(rethink_prompts(time, report.progress))
    if time is None:
        return CheckIn("This profile has no plan to judge.", True, None, report.progress, prompts)
    return CheckIn(time.verdict, time.feasible, time, report.progress, prompts)
