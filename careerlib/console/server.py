"""Starting the coach console (Voilà or JupyterLab) so that only the coach can reach it.

The console is a live kernel with the client's data: anyone who can open its
page can run code as the coach. :func:`console_command` therefore always binds
the server to 127.0.0.1 and gives it a fresh random token; the URL to open
(with the token) is printed when it starts. A request without the token is
sent to the login page, and a request from another machine cannot connect.

The notebook comes with careerlib (``00-coach-session.ipynb``, found as package
data) or is the coach's own; neither is ever written to. :func:`run_console`
serves a **copy** in a private temporary folder (readable by the coach alone),
with the session's parameters (the client, where its record goes) in a cell
tagged ``injected-parameters`` after the notebook's ``parameters`` cell, as
papermill does. The folder is removed when the console stops.

Stopping the console (Ctrl-C, ``SIGTERM`` from a service manager, ``SIGHUP``
when the terminal closes) stops the server and every process it started, its
kernels included (they run in sessions of their own), then removes the folder.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from careerlib.exceptions import CareerlibError

__all__ = [
    "CONSOLE_NOTEBOOK",
    "Console",
    "console_command",
    "console_notebook",
    "run_console",
    "stage_notebook",
    "stop_process_tree",
]

#: The file name of the notebook the console opens by default (among careerlib's notebooks).
CONSOLE_NOTEBOOK = "00-coach-session.ipynb"
HOST = "127.0.0.1"
#: Seconds the server has to stop (and stop its kernels) before it is killed.
GRACE_SECONDS = 15.0
#: What `pip install` brings each server in (careerlib's own dependencies).
_REQUIREMENT = {"voila": "voila>=0.5", "jupyterlab": "jupyterlab>=4.2"}


@dataclass(frozen=True)
class Console:
    """A console session to start: the notebook, its parameters, the server and its URL.

    Attributes
    ----------
    notebook
        The notebook the session opens (careerlib's or the coach's); only read.
    parameters
        Name -> value, written into the served copy after its ``parameters`` cell.
    lab
        JupyterLab instead of Voilà.
    port, token
        Where the server listens on 127.0.0.1, and the token every request needs.
    """

    notebook: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    lab: bool = False
    port: int = 0
    token: str = ""

    @property
    def url(self) -> str:
        """The link to open, with the token."""
        if self.lab:
            return f"http://{HOST}:{self.port}/lab/tree/{self.notebook.name}?token={self.token}"
        return f"http://{HOST}:{self.port}/?token={self.token}"

    def argv(self, copy: Path) -> list[str]:
        """The command that serves ``copy`` (the staged notebook) on 127.0.0.1.

        The token is not on the command line, where any user of the machine
        could read it: JupyterLab reads it from ``JUPYTER_TOKEN`` (:meth:`env`)
        and Voilà from ``voila.json`` in the private folder (:func:`stage_notebook`).
        """
        if self.lab:
            argv = [
                *_module("jupyterlab"),
                "--no-browser",
                f"--port={self.port}",
                "--port-retries=0",
                f"--ServerApp.ip={HOST}",
                "--ServerApp.password=",
                f"--ServerApp.root_dir={copy.parent}",
            ]
            if os.geteuid() == 0:
                argv.append("--allow-root")
            return argv
        return [
            *_module("voila"),
            str(copy),
            "--no-browser",
            f"--port={self.port}",
            f"--Voila.ip={HOST}",
        ]

    def env(self) -> dict[str, str]:
        """The server's environment: this one, with the token for JupyterLab."""
        env = {k: v for k, v in os.environ.items() if k != "JUPYTER_TOKEN"}
        if self.lab:
            env["JUPYTER_TOKEN"] = self.token
        return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _module(name: str) -> list[str]:
    """``python -m NAME`` for this interpreter, or one line saying how to install it."""
    if importlib.util.find_spec(name) is None:
        raise CareerlibError(
            f"{name} is not installed in this environment ({sys.executable}); "
            f"careerlib installs it: `pip install careerlib` again (or `pip install "
            f"'{_REQUIREMENT[name]}'`) in this environment"
        )
    return [sys.executable, "-m", name]


def console_notebook() -> Path:
    """The coach session notebook that comes with careerlib (package data)."""
    from careerlib._paths import notebooks_dir

    return notebooks_dir() / CONSOLE_NOTEBOOK


# --- the notebook's parameters ----------------------------------------------------------


def _read_notebook(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CareerlibError(f"cannot read the notebook {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise CareerlibError(f"{path} is not a Jupyter notebook (no cells)")
    return data


def _source(cell: dict[str, Any]) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else str(text)


def _parameters_index(nb: dict[str, Any]) -> int | None:
    for i, cell in enumerate(nb["cells"]):
        if "parameters" in (cell.get("metadata") or {}).get("tags", []):
            return i
    return None


def declared_parameters(nb: dict[str, Any]) -> dict[str, Any]:
    """The names the ``parameters`` cell assigns, with their default values (``None`` if
    the default is not a literal)."""
    index = _parameters_index(nb)
    if index is None:
        return {}
    try:
        tree = ast.parse(_source(nb["cells"][index]))
    except SyntaxError:
        return {}
    found: dict[str, Any] = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        value = getattr(node, "value", None)
        for target in targets:
            if isinstance(target, ast.Name):
                try:
                    found[target.id] = ast.literal_eval(value) if value is not None else None
                except ValueError:
                    found[target.id] = None
    return found


def _session_parameters(
    notebook: Path, nb: dict[str, Any], client: Path | None, out_dir: Path | None
) -> dict[str, Any]:
    """``client`` and ``out_dir`` for the copy, as absolute paths (the copy lives elsewhere)."""
    declared = declared_parameters(nb)
    parameters: dict[str, Any] = {}
    if client is not None:
        if "client" not in declared:
            raise CareerlibError(
                f"the notebook {notebook} has no `client` parameter (in a cell tagged "
                "parameters), so it cannot open a client"
            )
        parameters["client"] = str(client.resolve())
    elif isinstance(declared.get("client"), str) and declared["client"]:
        # the notebook's own default, relative to the notebook: the sample client
        parameters["client"] = str((notebook.parent / declared["client"]).resolve())
    if "out_dir" in declared:
        stem = Path(parameters.get("client", "session")).stem
        where = out_dir if out_dir is not None else Path("reports") / stem
        parameters["out_dir"] = str(where.resolve())
    return parameters


def stage_notebook(console: Console, folder: Path) -> Path:
    """Write the notebook with the session's parameters into ``folder``; return the copy.

    For Voilà, ``voila.json`` with the token goes beside it (Voilà's working folder).

    The parameters go into a new cell tagged ``injected-parameters`` right after
    the ``parameters`` cell (papermill's convention), so the notebook's own
    defaults stay visible above them.
    """
    import nbformat

    nb = _read_notebook(console.notebook)
    if console.parameters:
        lines = [f"{name} = {value!r}" for name, value in console.parameters.items()]
        cell = nbformat.v4.new_code_cell(
            "# Parameters of this console session (careerlib console)\n" + "\n".join(lines)
        )
        cell.metadata["tags"] = ["injected-parameters"]
        if (nb.get("nbformat", 4), nb.get("nbformat_minor", 0)) < (4, 5):
            del cell["id"]  # cell ids came with nbformat 4.5
        index = _parameters_index(nb)
        nb["cells"].insert(0 if index is None else index + 1, json.loads(json.dumps(cell)))
    copy = folder / console.notebook.name
    _write_private(copy, json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    if not console.lab:  # Voilà reads voila.json in its working folder (this one) first
        config = {"Voila": {"token": console.token, "ip": HOST}}
        _write_private(folder / "voila.json", json.dumps(config))
    return copy


def _write_private(path: Path, text: str) -> None:
    """A new file only the coach can read (the token and the client's path are in it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)


def console_command(
    client: str | os.PathLike[str] | None = None,
    *,
    notebook: str | os.PathLike[str] | None = None,
    lab: bool = False,
    port: int | None = None,
    token: str | None = None,
    out_dir: str | os.PathLike[str] | None = None,
) -> Console:
    """The console session for ``client``: which notebook, with what, on which port.

    Nothing is started or written; :func:`run_console` does that.

    Parameters
    ----------
    client
        The client file the session opens (default: the notebook's own
        default, the sample client Jordan Lee for the coach session).
    notebook
        The notebook to open (default: the coach session that comes with
        careerlib, ``00-coach-session.ipynb``). Never written to.
    lab
        JupyterLab (code visible, the coach's own view) instead of Voilà (an
        app with the code hidden, to share the screen with the client).
    port
        The port to listen on (default: a free one).
    token
        The token (default: a new random one, 32 hex digits); never empty.
    out_dir
        Where the notebook writes the session's record (its ``out_dir``
        parameter; default ``reports/<client>`` in the current folder).

    Raises
    ------
    CareerlibError
        For a missing notebook or client file, or a notebook without a
        ``client`` parameter when a client is given.
    """
    path = Path(notebook) if notebook is not None else console_notebook()
    if not path.is_file():
        raise CareerlibError(f"no such notebook: {path}")
    chosen = None if client is None else Path(client)
    if chosen is not None and not chosen.is_file():
        raise CareerlibError(f"no such client file: {chosen}")
    path = path.resolve()
    nb = _read_notebook(path)
    parameters = _session_parameters(path, nb, chosen, None if out_dir is None else Path(out_dir))
    return Console(
        notebook=path,
        parameters=parameters,
        lab=lab,
        port=port or _free_port(),
        token=token or secrets.token_hex(16),
    )


# --- running and stopping ---------------------------------------------------------------


class _Stop(Exception):
    """A signal asked the console to stop."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop(signum)


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def _stop_signals() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP raise :class:`_Stop` (in the main thread) while inside."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _raise_stop) for sig in _STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def _signals_ignored() -> Iterator[None]:
    """A second Ctrl-C does not cut the clean-up short (which has its own time limits)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in _STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def stop_process_tree(proc: subprocess.Popen[Any], grace: float = GRACE_SECONDS) -> None:
    """Stop ``proc`` and every process it started, kernels in sessions of their own included.

    The descendants are listed first (once ``proc`` is gone they can no longer
    be found through it); ``proc`` gets SIGTERM and ``grace`` seconds to stop
    them itself (Voilà and JupyterLab shut their kernels down), then whatever
    is left of them gets SIGTERM, and SIGKILL a few seconds later.
    """
    import psutil

    try:
        family = psutil.Process(proc.pid).children(recursive=True)
    except psutil.Error:
        family = []
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    _, alive = psutil.wait_procs(family, timeout=min(grace, 5.0))
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _, alive = psutil.wait_procs(alive, timeout=3.0)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(alive, timeout=3.0)
    with contextlib.suppress(OSError):  # anything left in the server's own process group
        os.killpg(proc.pid, signal.SIGKILL)


def run_console(console: Console, echo: Callable[[str], None] = print) -> int:
    """Serve the console until it stops; return the exit status (0 when stopped by a signal).

    Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the server and everything it
    started (see :func:`stop_process_tree`); the private folder with the
    notebook's copy is removed in every case.
    """
    with tempfile.TemporaryDirectory(prefix="careerlib-console-") as tmp:
        folder = Path(tmp)
        folder.chmod(0o700)
        copy = stage_notebook(console, folder)
        argv = console.argv(copy)
        with _stop_signals():
            proc = subprocess.Popen(
                argv,
                cwd=folder,
                env=console.env(),
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                _announce(console, echo)
                return proc.wait()
            except _Stop:
                with _signals_ignored():
                    stop_process_tree(proc)
                echo("The coach console stopped.")
                return 0
            finally:
                if proc.poll() is None:  # an unexpected error: leave nothing running
                    with _signals_ignored():
                        stop_process_tree(proc)


def _announce(console: Console, echo: Callable[[str], None]) -> None:
    client = console.parameters.get("client")
    what = f" for {Path(client).name}" if client else ""
    echo(f"The coach console{what}: open {console.url}")
    echo("(only on this machine, with this link; Ctrl-C stops it)")
    if console.lab:
        echo(
            f"JupyterLab shows a copy of {console.notebook.name} that is removed when the "
            "console stops: the original is never changed"
        )
