"""``careerlib options``: the cheapest set of alternatives that meets the target."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import click

from careerlib.cli._app import cli
from careerlib.cli._errors import EXIT_INFEASIBLE, EXIT_OK, check_day, reports_errors


@cli.command("options")
@click.argument("source", metavar="PLAN_OR_CLIENT", type=click.Path(path_type=Path))
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="DATE",
    help="Status date (YYYY-MM-DD): only the work left on that day can change. "
    "Default: today for a client file; the plan as written for a plan file.",
)
@click.option(
    "--budget",
    type=float,
    default=None,
    metavar="AMOUNT",
    help="Consider only sets of alternatives that cost at most AMOUNT (the plan's currency).",
)
@click.option(
    "--route",
    "route",
    metavar="ID",
    help="Schedule one route (and the steps common to all); default a client's route.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@reports_errors
def options_command(
    source: Path, as_of: Any, budget: float | None, route: str | None, as_json: bool
) -> None:
    """The cheapest set of alternatives (at most one a step) that makes PLAN_OR_CLIENT feasible.

    When no set does, the set that leaves the plan least late, and among those
    the cheapest. Prints what to take, the cost, the new verdict and the dates
    that move. On a status date (always, for a client file) only the steps not
    done can change. Exits 0 when the plan meets its target with the set, 3
    when it cannot, 2 when the input is invalid.
    """
    from careerlib.inputs import read_plan_or_client
    from careerlib.terminal import options_text
    from careerlib.tradeoff import cheapest_way, cheapest_way_client

    check_day(as_of, "--as-of")
    if budget is not None and (not math.isfinite(budget) or budget < 0):
        raise click.BadParameter(
            f"a budget is an amount of 0 or more, got {budget:g}", param_hint="--budget"
        )
    plan, client, _ = read_plan_or_client(source)
    day = None if as_of is None else as_of.date()
    if client is not None:  # a client is seen on a status date (today), with its check-ins
        result = cheapest_way_client(client, day, route=route, budget=budget, plan=plan)
    else:
        result = cheapest_way(plan, route, budget=budget, as_of=day)
    click.echo(result.to_json() if as_json else options_text(result))
    sys.exit(EXIT_OK if result.feasible else EXIT_INFEASIBLE)
