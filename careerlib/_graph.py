"""Dependency graphs given as predecessor lists: order them, find their cycles.

A graph of *n* nodes is ``preds``, a sequence whose item *i* lists the nodes
that must come before node *i*. Both functions run in O(nodes + edges).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["find_cycle", "successors", "topological_order"]


def successors(preds: Sequence[Sequence[int]]) -> list[list[int]]:
    """The successor lists of a graph given by its predecessor lists."""
    succ: list[list[int]] = [[] for _ in range(len(preds))]
    for node, ps in enumerate(preds):
        for p in ps:
            succ[p].append(node)
    return succ


def _kahn(preds: Sequence[Sequence[int]], succ: Sequence[Sequence[int]] | None = None) -> list[int]:
    """Kahn's algorithm: the nodes it can order (all of them unless there is a cycle)."""
    n = len(preds)
    indegree = [len(p) for p in preds]
    if succ is None:
        succ = successors(preds)
    order = [i for i in range(n) if indegree[i] == 0]
    head = 0
    while head < len(order):
        node = order[head]
        head += 1
        for t in succ[node]:
            indegree[t] -= 1
            if indegree[t] == 0:
                order.append(t)
    return order


def topological_order(
    preds: Sequence[Sequence[int]], succ: Sequence[Sequence[int]] | None = None
) -> list[int] | None:
    """Nodes in an order where every node comes after its predecessors.

    ``succ`` may pass the successor lists when the caller has them already.
    ``None`` when the graph has a cycle.
    """
    order = _kahn(preds, succ)
    return order if len(order) == len(preds) else None


def find_cycle(preds: Sequence[Sequence[int]]) -> list[int]:
    """One cycle of the graph as its nodes in order (``[]`` when there is none).

    Each node in the returned list waits on the one before it, and the first
    waits on the last.
    """
    done = set(_kahn(preds))
    if len(done) == len(preds):
        return []
    # Every node Kahn's algorithm left over has a left-over predecessor, so a
    # walk along left-over predecessors must come back to a node it has seen.
    node = next(i for i in range(len(preds)) if i not in done)
    path: list[int] = []
    position: dict[int, int] = {}
    while node not in position:
        position[node] = len(path)
        path.append(node)
        node = next(p for p in preds[node] if p not in done)
    loop = path[position[node] :]
    loop.reverse()  # the walk went to predecessors: reverse so each waits on the one before
    first = loop.index(min(loop))  # start from the node that comes first
    return loop[first:] + loop[:first]
