"""Generate the synthetic peer group data/peers/healthcare-it.csv (seed 20261123).

Usage::

    python scripts/make_peers.py [OUT_DIR]

40 fictional U.S. hospitals and health systems with IT budget and staffing
metrics. The numbers are drawn from distributions whose centres and spreads
are plausible for hospital IT (IT operating budget around 2-4 % of revenue,
about 4-6 IT staff per 100 employees...), but no value describes a real
organization. The same seed always gives the same file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261123
N = 40
OUT = Path(__file__).resolve().parents[1] / "data" / "peers"

PLACES = [
    "Riverside",
    "Lakeview",
    "Cedar Valley",
    "Northfield",
    "Harbor",
    "Summit",
    "Prairie",
    "Bayview",
    "Maple Grove",
    "Granite Hills",
    "Pine Ridge",
    "Silver Lake",
    "Westbrook",
    "Eastgate",
    "Oak Park",
    "Clearwater",
    "Redwood",
    "Stonebridge",
    "Fairmont",
    "Willow Creek",
    "Highland",
    "Meadowbrook",
    "Brookside",
    "Ashford",
    "Kingsport",
    "Millbrook",
    "Sunnyvale",
    "Hillcrest",
    "Rockford",
    "Greenfield",
    "Lincoln",
    "Madison",
    "Franklin",
    "Jefferson",
    "Springfield",
    "Union",
    "St. Anne's",
    "Mercy",
    "Good Shepherd",
    "Providence",
]
KINDS = ["Community Hospital", "Regional Medical Center", "Health System", "Medical Center"]


def make(seed: int = SEED) -> pd.DataFrame:
    """The peer table, generated from ``seed``."""
    rng = np.random.default_rng(seed)
    employees = np.round(np.exp(rng.normal(np.log(4500), 0.45, N)) / 10) * 10
    revenue = employees * rng.normal(0.21, 0.03, N)  # [million USD], about 210k USD per employee
    budget_pct = np.clip(rng.normal(3.0, 0.7, N), 1.4, 5.2)
    it_budget = revenue * budget_pct / 100  # [million USD]
    staff_per_100 = np.clip(rng.normal(5.0, 1.0, N), 2.5, 8.0)
    capex_share = np.clip(rng.normal(22, 6, N), 8, 40)
    frame = pd.DataFrame(
        {
            "organization": [f"{p} {KINDS[i % len(KINDS)]}" for i, p in enumerate(PLACES[:N])],
            "employees": employees.astype(int),
            "beds": np.round(employees / rng.normal(9.5, 1.5, N)).astype(int),
            "revenue_musd": revenue.round(1),
            "it_budget_pct_revenue": budget_pct.round(2),
            "it_spend_per_employee_usd": np.round(it_budget * 1e6 / employees, -1).astype(int),
            "it_staff_per_100_employees": staff_per_100.round(2),
            "it_capex_share_pct": capex_share.round(1),
            "ehr_uptime_pct": np.clip(100 - rng.gamma(2.0, 0.12, N), 98.5, 99.99).round(2),
            "first_contact_resolution_pct": np.clip(rng.normal(68, 9, N), 40, 92).round(1),
            "projects_on_time_pct": np.clip(rng.normal(62, 12, N), 25, 95).round(1),
            "security_incidents_per_1000_employees": rng.gamma(2.5, 0.8, N).round(2),
            "it_staff_turnover_pct": np.clip(rng.normal(12, 3.5, N), 4, 25).round(1),
        }
    )
    return frame


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    make().to_csv(out / "healthcare-it.csv", index=False, lineterminator="\n")
    print(f"wrote {out / 'healthcare-it.csv'} ({N} organizations, seed {SEED})")
