"""The ``console`` command: the coach console behind a token on 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from careerlib.cli._app import cli
from careerlib.cli._errors import reports_errors


@cli.command("console")
@click.argument("client", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--notebook",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Another notebook to open (default: the coach session, 00-coach-session.ipynb).",
)
@click.option("--lab", is_flag=True, help="JupyterLab (code visible) instead of Voilà (an app).")
@click.option("--port", type=click.IntRange(1024, 65535), default=None, help="Default: a free one.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where the session's record goes (default: reports/<client> here).",
)
@reports_errors
def console_command(
    client: Path | None, notebook: Path | None, lab: bool, port: int | None, out_dir: Path | None
) -> None:
    """Serve the coach console for CLIENT on 127.0.0.1 behind a random token.

    CLIENT is a client file (default: the sample client Jordan Lee). The
    notebook is never written to: the console serves a copy with CLIENT filled
    in, in a private folder removed when it stops. Prints the link to open,
    with its token: a request without it is refused, and no other machine can
    connect. Ctrl-C (or SIGTERM) stops it and everything it started.
    """
    from careerlib.console import console_command as command
    from careerlib.console import run_console

    if client is not None and client.suffix == ".ipynb" and notebook is None:
        client, notebook = None, client  # `careerlib console NOTEBOOK.ipynb`, as before
    if client is not None:
        from careerlib.clients import load_client

        load_client(client)  # a wrong file is one line here, not a traceback in the page
    console = command(client, notebook=notebook, lab=lab, port=port, out_dir=out_dir)
    sys.exit(run_console(console, echo=click.echo))
