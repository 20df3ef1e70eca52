"""The ``careerlib`` command group, its entry point and the options several commands share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from careerlib.cli._errors import F, OneLineGroup

__all__ = ["AS_OF_HELP", "as_of_option", "cli", "day_option", "key_values", "main", "plan_to_file"]


def day_option(flag: str, name: str, what: str) -> Callable[[F], F]:
    """A ``--as-of``/``--date`` option: an ISO day, default today."""
    return click.option(
        flag,
        name,
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        metavar="DATE",
        help=f"{what} (YYYY-MM-DD); default today.",
    )


@click.group(cls=OneLineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="careerlib")
def cli() -> None:
    """Plan a client's next career move backwards from the target date."""


def key_values(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected key=value, got {pair!r}", param_hint="-p")
        out[key.strip()] = value
    return out


#: The help of ``--as-of`` for a command that takes a plan or a client file.
AS_OF_HELP = (
    "Status date (YYYY-MM-DD): the plan on that day, with the check-ins made by then (what "
    "is done, the rest at the dates to aim for). Default: today for a client file; the plan "
    "as written for a plan file."
)


def as_of_option(func: F) -> F:
    """``--as-of DATE``: the status date of a command on a plan or a client file."""
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        metavar="DATE",
        help=AS_OF_HELP,
    )(func)


def plan_to_file(output_help: str, route_help: str) -> Callable[[F], F]:
    """PLAN_OR_CLIENT, ``-o FILE``, ``--as-of DATE`` and ``--route ID``: what the commands
    that write a file share."""

    def decorate(func: F) -> F:
        func = click.option("--route", "route", metavar="ID", help=route_help)(func)
        func = as_of_option(func)
        func = click.option(
            "-o",
            "--output",
            "output",
            required=True,
            type=click.Path(path_type=Path, dir_okay=False),
            help=output_help,
        )(func)
        return click.argument("plan", metavar="PLAN_OR_CLIENT", type=click.Path(path_type=Path))(
            func
        )

    return decorate


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``careerlib`` console script."""
    cli.main(args=argv, prog_name="careerlib")
