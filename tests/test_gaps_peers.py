"""The peer benchmark against hand-computed values."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from careerlib.exceptions import DataError
from careerlib.gaps import peer_benchmark

# --- peers ------------------------------------------------------------------------

TINY_DEFS = pd.DataFrame(
    {
        "label": ["M", "Cost"],
        "unit": ["%", "USD"],
        "better": ["higher", "lower"],
        "description": ["", ""],
    },
    index=pd.Index(["m", "cost"], name="metric"),
)
TINY_PEERS = pd.DataFrame(
    {"m": [1.0, 2.0, 3.0, 4.0], "cost": [10.0, 20.0, 30.0, 40.0]},
    index=pd.Index(["a", "b", "c", "d"], name="organization"),
)


def test_percentile_and_z_on_a_tiny_peer_set():
    # m = 3 among 1, 2, 3, 4: 2 below, 1 equal -> (2 + 0.5) / 4 = 62.5 %
    # mean 2.5, sample std sqrt(5/3) = 1.2910 -> z = 0.5 / 1.2910 = 0.3873
    # quartiles (linear): 1.75, 2.5, 3.25
    out = peer_benchmark({"m": 3.0, "cost": 35.0}, TINY_PEERS, TINY_DEFS)
    m = out.loc["m"]
    assert m["n"] == 4
    assert m["percentile"] == pytest.approx(62.5)
    assert m["better_than"] == pytest.approx(62.5)
    assert m["z"] == pytest.approx(0.5 / math.sqrt(5 / 3))
    assert (m["q1"], m["median"], m["q3"]) == pytest.approx((1.75, 2.5, 3.25))
    assert m["to_median"] == 0.0  # already above
    assert m["to_top_quartile"] == pytest.approx(0.25)
    assert m["standing"] == "above median"
    # cost = 35 among 10..40, lower is better: 3 below -> percentile 75, beats 1 of 4 -> 25
    c = out.loc["cost"]
    assert c["percentile"] == pytest.approx(75.0)
    assert c["better_than"] == pytest.approx(25.0)
    assert c["z"] == pytest.approx(10 / math.sqrt(500 / 3))
    assert c["top_quartile"] == pytest.approx(17.5)
    assert c["to_median"] == pytest.approx(-10.0)
    assert c["to_top_quartile"] == pytest.approx(-17.5)
    assert c["standing"] == "bottom quartile"


def test_one_peer_has_no_z():
    out = peer_benchmark({"m": 3.0}, TINY_PEERS.head(1), TINY_DEFS)
    assert math.isnan(out.at["m", "z"])
    assert out.at["m", "percentile"] == 100.0


@pytest.mark.parametrize(
    ("metrics", "peers", "match"),
    [
        pytest.param({"nope": 1.0}, TINY_PEERS, "unknown metric 'nope'", id="undefined-metric"),
        pytest.param(
            {"m": 1.0},
            TINY_PEERS[["cost"]],
            "the metric 'm' is missing from the peer file",
            id="missing",
        ),
        pytest.param(
            {"m": 1.0},
            TINY_PEERS.iloc[0:0],
            "the peer group is empty for the metric 'm'",
            id="empty",
        ),
        pytest.param(
            {"m": 1.0},
            TINY_PEERS.assign(m=["1", "x", "3", "4"]),
            "holds 'x', which is not a number",
            id="non-numeric",
        ),
    ],
)
def test_bad_peer_input(metrics, peers, match):
    with pytest.raises(DataError, match=match):
        peer_benchmark(metrics, peers, TINY_DEFS)
