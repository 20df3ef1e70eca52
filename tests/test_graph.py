"""Ordering dependency graphs and finding their cycles."""

from __future__ import annotations

import pytest

from careerlib._graph import find_cycle, topological_order


def test_order_puts_predecessors_first() -> None:
    preds = [[], [0], [0, 1], [2], []]
    order = topological_order(preds)
    assert order is not None and sorted(order) == list(range(5))
    where = {n: i for i, n in enumerate(order)}
    assert all(where[p] < where[n] for n, ps in enumerate(preds) for p in ps)


@pytest.mark.parametrize(
    ("preds", "cycle"),
    [
        pytest.param([[1], [0]], [0, 1], id="two"),
        pytest.param([[], [3], [1], [2]], [1, 2, 3], id="three-behind-a-free-node"),
        pytest.param([[0]], [0], id="self"),
        pytest.param([[], [0, 2], [1], [2]], [1, 2], id="cycle-with-a-tail"),
    ],
)
def test_find_cycle(preds: list[list[int]], cycle: list[int]) -> None:
    assert topological_order(preds) is None
    found = find_cycle(preds)
    assert found == cycle
    # each node waits on the one before it, the first on the last
    for i, node in enumerate(found):
        assert found[i - 1] in preds[node]


def test_no_cycle() -> None:
    assert find_cycle([[], [0], [1]]) == []
