"""Commands that write a coach's files: ``init`` and ``new client``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from careerlib.cli._app import cli
from careerlib.cli._errors import reports_errors


@cli.command("init")
@click.argument("folder", required=False, default=Path("."), type=click.Path(path_type=Path))
@reports_errors
def init_command(folder: Path) -> None:
    """Make a coach's workspace in FOLDER (default: here): docs, notebooks and sample data.

    Writes README.md, docs/, notebooks/, data/clients, data/plans, data/roles,
    data/peers and data/templates; never writes over a file (when any is in
    the way, it names them and writes nothing).
    """
    from careerlib.workspace import init_workspace

    workspace = init_workspace(folder)
    where = "this folder" if workspace.root == Path(".") else f"{workspace.root}/"
    click.echo(f"wrote {len(workspace.files)} files into {where} (start with its README.md)")


@cli.group("new")
def new_group() -> None:
    """Start something new from a template: `careerlib new client NAME --role ROLE`."""


@new_group.command("client")
@click.argument("name")
@click.option(
    "--role",
    required=True,
    metavar="ROLE",
    help="The target role: an O*NET title or alternate title, or an O*NET-SOC code. "
    "A role that could be several occupations lists them (with codes) and asks which.",
)
@click.option(
    "--template",
    default="same-sector",
    show_default=True,
    metavar="ROUTE",
    help="same-sector (months), radical-change (1-2 years) or promotion (internal); "
    "or a template file (.yaml).",
)
@click.option(
    "--target", metavar="DATE", help="The target date (YYYY-MM-DD); default: the route's usual."
)
@click.option("--current", metavar="ROLE", help="The client's current role (free text).")
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path),
    default=Path("."),
    metavar="DIR",
    help="The workspace (default: here): writes data/clients/ and data/plans/ there.",
)
@reports_errors
def new_client_command(
    name: str, role: str, template: str, target: str | None, current: str | None, folder: Path
) -> None:
    """Write a client file and a plan for client NAME from a route template.

    The plan schedules at once (`careerlib schedule`); fill in the client's
    self-assessment and skills with them. Never writes over a file. When the
    role could be several O*NET occupations ("CIO"), they are listed with
    their codes and, in a terminal, you choose one; otherwise the best is
    taken and said so (give --role CODE to take another).
    """
    from careerlib.newclient import new_client, parse_target

    made = new_client(
        name,
        role,
        template=template,
        target=None if target is None else parse_target(target),
        current=current,
        folder=folder,
        role_code=_choose_role(role),
    )
    click.echo(f"wrote {made.client} and {made.plan}")
    click.echo(
        f"target role: {made.role.title} (O*NET {made.role.code}); "
        f"route template {made.template}; target {made.target}"
    )
    click.echo(f"the role {role.strip()!r} was taken as {made.role.describe()}")
    if made.role.alternatives:
        click.echo(
            "it could also be: "
            + "; ".join(f"{m.code} {m.title}" for m in made.role.alternatives[:5])
            + " (give --role CODE to take another)"
        )


def _interactive() -> bool:
    """Whether a person is at the terminal to answer a question."""
    return sys.stdin.isatty()


def _choose_role(role: str) -> str | None:
    """In a terminal, the code of the occupation the coach picks when the role could be
    several; None when it names one, or when nobody is there to ask."""
    from careerlib.newclient import role_candidates

    if not _interactive():
        return None
    candidates = role_candidates(role)
    if len(candidates) < 2:
        return None
    click.echo(f"The role {role.strip()!r} could be one of these O*NET occupations:")
    for number, match in enumerate(candidates[:10], start=1):
        click.echo(f"  {number}. {match.describe()}")
    pick = click.prompt("Which one", type=click.IntRange(1, min(len(candidates), 10)), default=1)
    return candidates[pick - 1].code
