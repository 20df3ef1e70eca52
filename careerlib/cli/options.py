"""``careerlib options``: the cheapest set of alternatives that meets the target."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from careerlib.cli._app import cli
from careerlib.cli._errors import EXIT_INFEASIBLE, EXIT_OK, reports_errors

if TYPE_CHECKING:
    from careerlib.models import Plan


@cli.command("options")
@click.argument("source", metavar="PLAN_OR_CLIENT", type=click.Path(path_type=Path))
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
def options_command(source: Path, budget: float | None, route: str | None, as_json: bool) -> None:
    """The cheapest set of alternatives (at most one a step) that makes PLAN_OR_CLIENT feasible.

    When no set does, the set that leaves the plan least late, and among those
    the cheapest. Prints what to take, the cost, the new verdict and the dates
    that move. Exits 0 when the plan meets its target with the set, 3 when
    it cannot, 2 when the input is invalid.
    """
    from careerlib.terminal import options_text
    from careerlib.tradeoff import cheapest_way

    if budget is not None and (not math.isfinite(budget) or budget < 0):
        raise click.BadParameter(
            f"a budget is an amount of 0 or more, got {budget:g}", param_hint="--budget"
        )
    plan, route = _plan_and_route(source, route)
    result = cheapest_way(plan, route, budget=budget)
    click.echo(result.to_json() if as_json else options_text(result))
    sys.exit(EXIT_OK if result.feasible else EXIT_INFEASIBLE)


def _plan_and_route(source: Path, route: str | None) -> tuple[Plan, str | None]:
    """The plan of a plan file, or of a client file (with the client's route by default)."""
    from careerlib.planfile import load_plan, read_text, read_yaml

    data = read_yaml(read_text(source), path=source)
    if isinstance(data, dict) and "steps" not in data and "plan" in data:
        from careerlib.tracking.client import client_and_plan

        client, plan, _ = client_and_plan(source)
        return plan, route if route is not None else client.route
    return load_plan(source), route
