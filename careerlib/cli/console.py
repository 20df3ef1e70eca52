"""The ``console`` command: the coach console behind a token on 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from careerlib.cli._app import cli
from careerlib.cli._errors import reports_errors


@cli.command("console")
@click.argument("notebook", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lab", is_flag=True, help="JupyterLab (code visible) instead of Voilà (an app).")
@click.option("--port", type=click.IntRange(1024, 65535), default=None, help="Default: a free one.")
@reports_errors
def console_command(notebook: Path | None, lab: bool, port: int | None) -> None:
    """Serve the coach console (or NOTEBOOK) on 127.0.0.1 behind a random token.

    Prints the link to open, with its token: a request without it is refused,
    and no other machine can connect. Ctrl-C stops it.
    """
    from careerlib.console import console_command as command
    from careerlib.console import run_console

    sys.exit(run_console(command(notebook, lab=lab, port=port), echo=click.echo))
