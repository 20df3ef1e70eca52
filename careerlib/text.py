"""Plain-text views for the terminal."""

from __future__ import annotations

import pandas as pd

from careerlib.gaps import GapReport, weighted_mean_gap

__all__ = ["report_text"]


def report_text(report: GapReport) -> str:
    """A plain-text summary of a :class:`GapReport` for the terminal."""
    lines = [f"Gap analyses for {report.client.name}, as of {report.as_of}", ""]
    skills = report.skills
    lines.append(
        f"Skills against {report.role.title} (O*NET {report.role.code}): "
        f"weighted mean gap {weighted_mean_gap(skills):.2f} level points"
    )
    for name, row in skills[skills["gap"] > 0].head(10).iterrows():
        steps = ", ".join(row["steps"]) or "NO STEP ADDRESSES THIS GAP"
        mine = "unrated" if pd.isna(row["client"]) else f"{row['client']:.1f}"
        lines.append(
            f"  {name:<42} required {row['required']:.1f}  client {mine:>7}  "
            f"weighted gap {row['weighted_gap']:.2f}  <- {steps}"
        )
    unaddressed = skills.index[skills["status"] == "unaddressed"].tolist()
    if unaddressed:
        lines.append(f"  Unaddressed gaps: {', '.join(unaddressed)}")
    if report.peers is not None:
        lines += ["", "Peers (better-than share in the better direction):"]
        for _, row in report.peers.iterrows():
            lines.append(
                f"  {row['label']:<42} {row['value']:>10g} {row['unit']:<9} "
                f"median {row['median']:>9g}  "
                f"better than {row['better_than']:>3.0f}%  z {row['z']:+.2f}  {row['standing']}"
            )
    for route, t in report.time.items():
        name = f" (route {route})" if route else ""
        lines += [
            "",
            f"Time{name}: {t.days_needed} working days needed, {t.days_left} left "
            f"to {t.target}. {t.verdict}",
        ]
        if not t.feasible:
            for sid, row in t.critical.iterrows():
                if row["shrink_days"] > 0:
                    alone = "enough alone" if row["enough_alone"] else "not enough alone"
                    lines.append(f"  shrink {sid} by {row['shrink_days']} working days ({alone})")
    if report.progress is not None:
        p = report.progress
        lines += [
            "",
            f"Progress at {p.review_date or p.as_of}: planned {p.planned_pct:.0f}%, "
            f"reported {p.actual_pct:.0f}%"
            + (f"; behind: {', '.join(p.behind)}" if p.behind else ""),
            "  projected finish at the pace so far: "
            f"{p.projected_finish or 'n/a (nothing done yet)'}",
            f"  {p.message}",
        ]
    if report.alignment is not None:
        a = report.alignment
        lines += ["", "Goal alignment: " + ("aligned" if a.aligned else "loose ends")]
        if a.orphan_goals:
            lines.append(f"  goals serving nothing above them: {', '.join(a.orphan_goals)}")
        if a.unserved_goals:
            lines.append(f"  goals no step serves: {', '.join(a.unserved_goals)}")
        if a.steps_without_goal:
            lines.append(f"  steps serving no goal: {', '.join(a.steps_without_goal)}")
    lines += ["", "O*NET occupations worth considering:"]
    for rank, row in report.occupations.iterrows():
        fit = "n/a" if pd.isna(row["fit"]) else f"{row['fit']:.2f}"
        lines.append(
            f"  {rank:>2}. {row['title']} ({row['code']}): "
            f"gap {row['weighted_gap']:.2f}, fit {fit}, "
            f"job zone {row['job_zone']}, {row['education']}"
        )
    from careerlib.onet import ATTRIBUTION

    lines += ["", ATTRIBUTION]
    return "\n".join(lines)
