"""Starting the coach console (Voilà or JupyterLab) so that only the coach can reach it.

The console is a live kernel with the client's data: anyone who can open its
page can run code as the coach. :func:`console_command` therefore always binds
the server to 127.0.0.1 and gives it a fresh random token; the URL to open
(with the token) is printed when it starts. A request without the token is
sent to the login page, and a request from another machine cannot connect.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from careerlib.exceptions import CareerlibError

__all__ = ["CONSOLE_NOTEBOOK", "Console", "console_command", "run_console"]

#: The notebook the console opens by default.
CONSOLE_NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "00-coach-session.ipynb"
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Console:
    """How to start a console: the command, and the URL to open (with its token)."""

    argv: list[str]
    url: str
    token: str
    port: int
    cwd: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        raise CareerlibError(
            f"{name} is not installed in this environment; `make` (or pip install -e .) installs it"
        )
    return found


def console_command(
    notebook: str | os.PathLike[str] | None = None,
    *,
    lab: bool = False,
    port: int | None = None,
    token: str | None = None,
) -> Console:
    """The command that serves ``notebook`` on 127.0.0.1 behind a token.

    Parameters
    ----------
    notebook
        The notebook to open (default: the coach session, ``00-coach-session.ipynb``).
    lab
        JupyterLab (code visible, the coach's own view) instead of Voilà (an
        app with the code hidden, to share the screen with the client).
    port
        The port to listen on (default: a free one).
    token
        The token (default: a new random one, 32 hex digits); never empty.
    """
    path = Path(notebook) if notebook is not None else CONSOLE_NOTEBOOK
    if not path.is_file():
        raise CareerlibError(f"no such notebook: {path}")
    path = path.resolve()
    token = token or secrets.token_hex(16)
    port = port or _free_port()
    if lab:
        argv = [
            _tool("jupyter-lab"),
            "--no-browser",
            f"--port={port}",
            f"--ServerApp.ip={HOST}",
            f"--ServerApp.token={token}",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={path.parent}",
        ]
        if os.geteuid() == 0:
            argv.append("--allow-root")
        url = f"http://{HOST}:{port}/lab/tree/{path.name}?token={token}"
    else:
        argv = [
            _tool("voila"),
            str(path),
            "--no-browser",
            f"--port={port}",
            f"--Voila.ip={HOST}",
            f"--token={token}",
        ]
        url = f"http://{HOST}:{port}/?token={token}"
    return Console(argv, url, token, port, path.parent)


def run_console(console: Console, echo: Callable[[str], None] = print) -> int:
    """Run the server until it stops (Ctrl-C stops it); return its exit status."""
    echo(f"The coach console: open {console.url}")
    echo("(only on this machine, with this link; Ctrl-C stops it)")
    proc = subprocess.Popen(console.argv, cwd=console.cwd)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGINT)
        try:
            return proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait()
