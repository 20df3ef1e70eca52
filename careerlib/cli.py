"""The ``careerlib`` command line: each command is one library call.

Exit status: 0 when all is well (a feasible plan), 3 when a plan was scheduled
but is not feasible, 2 when an input is invalid (one line on standard error,
never a traceback).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from careerlib.exceptions import CareerlibError

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_INFEASIBLE = 3

F = TypeVar("F", bound=Callable[..., Any])


def _reports_errors(func: F) -> F:
    """Map a CareerlibError to one line on stderr and exit status 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CareerlibError as exc:
            click.echo(f"careerlib: {exc}", err=True)
            sys.exit(EXIT_INVALID)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="careerlib")
def cli() -> None:
    """Plan a client's next career move backwards from the target date."""


@cli.command("schedule")
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("--route", "route", metavar="ID", help="Schedule one route (and the steps common to all).")
@click.option("--json", "as_json", is_flag=True, help="Print the spec's JSON instead of a table.")
@click.option(
    "--load",
    "show_load",
    is_flag=True,
    help="Also print the weekly load: hours planned against capacity (the JSON always has it).",
)
@_reports_errors
def schedule_command(plan: Path, route: str | None, as_json: bool, show_load: bool) -> None:
    """Back-schedule PLAN from its target: the latest start of every step.

    Exits 0 when the plan is feasible, 3 when it is late, 2 when it is invalid.
    """
    from careerlib.planfile import load_plan
    from careerlib.report import load_table, schedule_table
    from careerlib.scheduler import schedule

    result = schedule(load_plan(plan), route=route)
    if as_json:
        click.echo(result.to_json())
    else:
        click.echo(schedule_table(result))
        if show_load:
            click.echo("")
            click.echo(load_table(result))
    sys.exit(EXIT_OK if result.feasible else EXIT_INFEASIBLE)


@cli.command("demo")
@click.option(
    "--plans",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of plan files (default: the sample plans in data/plans).",
)
@_reports_errors
def demo_command(plans: Path | None) -> None:
    """Schedule every sample plan and print it."""
    from careerlib.report import demo

    click.echo(demo(plans))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``careerlib`` console script."""
    cli.main(args=argv, prog_name="careerlib")
