"""The goal tree: organizational goals at the centre, the plan's steps outside."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from careerlib.charts._style import LEVEL_COLORS, TEMPLATE

__all__ = ["goal_tree_chart"]


def goal_tree_chart(
    alignment: Any, *, kind: str = "sunburst", title: str = "Goal alignment"
) -> go.Figure:
    """The goal tree as a sunburst (or icicle): organizational goals at the centre, steps outside.

    Parameters
    ----------
    alignment
        A :class:`careerlib.gaps.Alignment`.
    kind
        ``"sunburst"`` or ``"icicle"``.

    Notes
    -----
    Goals are coloured by level; orphan and unserved goals get a "(orphan)" or
    "(no step)" label, and steps that serve no goal sit at the root level.
    """
    if kind not in ("sunburst", "icicle"):
        raise ValueError(f"kind must be 'sunburst' or 'icicle', got {kind!r}")
    tree = alignment.tree
    labels = _labels(alignment)
    common = {
        "ids": tree["id"],
        "parents": tree["parent"],
        "labels": labels,
        "marker": {"colors": [LEVEL_COLORS.get(lv, LEVEL_COLORS["step"]) for lv in tree["level"]]},
        "hovertext": [f"{lv}: {lb}" for lv, lb in zip(tree["level"], labels, strict=True)],
        "hoverinfo": "text",
    }
    trace: Any = go.Sunburst(**common) if kind == "sunburst" else go.Icicle(**common)
    fig = go.Figure(trace)
    fig.update_layout(
        template=TEMPLATE, title=title, height=600, margin={"t": 60, "l": 10, "r": 10, "b": 10}
    )
    return fig


def _labels(alignment: Any) -> list[str]:
    """Each node's label, with "(orphan)", "(no step)" or "(no goal)" where it applies."""
    tree = alignment.tree
    labels = []
    for node_id, label, node_kind in zip(tree["id"], tree["label"], tree["kind"], strict=True):
        text = str(label)
        if node_kind == "goal":
            gid = node_id.split(":", 1)[1]
            if gid in alignment.orphan_goals:
                text += " (orphan)"
            if gid in alignment.unserved_goals:
                text += " (no step)"
        elif not tree.loc[tree["id"] == node_id, "parent"].iloc[0]:
            text += " (no goal)"
        labels.append(text)
    return labels
