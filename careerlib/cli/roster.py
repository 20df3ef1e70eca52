"""The ``roster`` command: every client's status on one day."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from careerlib.cli._app import cli, day_option
from careerlib.cli._errors import EXIT_OK, reports_errors


@cli.command("roster")
@click.argument("paths", nargs=-1, metavar="[CLIENT.yaml ...|DIR]", type=click.Path(path_type=Path))
@day_option("--as-of", "as_of", "Day of the roster")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: counts, clients.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the roster: .html (table and chart, offline), .xlsx or .csv.",
)
@reports_errors
def roster_command(paths: tuple[Path, ...], as_of: Any, as_json: bool, output: Path | None) -> None:
    """Every client's status on one day, the clients who need attention first.

    Reads the client files given, or every *.yaml in a DIR (default the
    sample clients in data/clients/). One row a client: target role and date,
    forecast finish, slack left or days late, status, last check-in (stale or
    not), the next latest start within two weeks and the gaps no step
    addresses. A client file that cannot be read gets one message and the
    others are still shown: the exit status is 0.
    """
    import json

    from careerlib.roster_files import ROSTER_SUFFIXES, write_roster
    from careerlib.roster_status import read_roster
    from careerlib.terminal import roster_text

    if output is not None and output.suffix.lower() not in ROSTER_SUFFIXES:
        raise click.BadParameter(
            f"cannot write a roster as {output.suffix or output.name!r}; "
            f"valid: {', '.join(ROSTER_SUFFIXES)}",
            param_hint="-o",
        )
    result = read_roster(list(paths) or None, None if as_of is None else as_of.date())
    if output is not None:
        write_roster(result, output)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    elif output is None:
        click.echo(roster_text(result))
    if as_json or output is not None:
        for _, message in result.problems:
            click.echo(f"careerlib: not read: {message}", err=True)
    if output is not None:
        click.echo(f"wrote {output}: {result.summary}", err=as_json)
    sys.exit(EXIT_OK)
