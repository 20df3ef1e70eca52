"""`careerlib console`: the notebook from the package, a client of one's own, a clean stop.

The server itself (Voilà, JupyterLab) is started by the browser tests and by
the newcomer test of the installed wheel (``tests/test_wheel.py``); here the
session is worked out and staged without a server, and the stopping is
checked with a stand-in server that starts a "kernel" in a session of its own,
as Jupyter does.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from careerlib._paths import notebooks_dir
from careerlib.console import server
from careerlib.console.server import (
    CONSOLE_NOTEBOOK,
    Console,
    console_command,
    console_notebook,
    stage_notebook,
    stop_process_tree,
)
from careerlib.exceptions import CareerlibError
from tests.conftest import ROOT


def _cells(path: Path) -> list[dict[str, object]]:
    return json.loads(path.read_text())["cells"]  # type: ignore[no-any-return]


def _tags(cell: dict[str, object]) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])  # type: ignore[union-attr, no-any-return]


def test_the_console_notebook_is_package_data() -> None:
    assert console_notebook() == notebooks_dir() / CONSOLE_NOTEBOOK
    assert console_notebook().is_file()


def test_default_session_opens_the_sample_client_and_records_here(tmp_path: Path) -> None:
    console = console_command()
    assert console.notebook == console_notebook().resolve()
    client = Path(console.parameters["client"])
    assert client.is_absolute() and client == (ROOT / "data/clients/jordan-lee.yaml").resolve()
    assert console.parameters["out_dir"] == str(tmp_path / "reports" / "jordan-lee")
    assert console.url == f"http://127.0.0.1:{console.port}/?token={console.token}"
    assert len(console.token) == 32 and int(console.token, 16) >= 0
    assert console_command().token != console.token


def test_a_client_of_ones_own(tmp_path: Path) -> None:
    mine = tmp_path / "ana.yaml"
    mine.write_text("name: Ana\n")
    console = console_command("ana.yaml", lab=True, port=45678, token="t" * 32)
    assert console.parameters == {"client": str(mine), "out_dir": str(tmp_path / "reports/ana")}
    assert console.url == "http://127.0.0.1:45678/lab/tree/00-coach-session.ipynb?token=" + "t" * 32
    other = console_command("ana.yaml", out_dir="elsewhere")
    assert other.parameters["out_dir"] == str(tmp_path / "elsewhere")


def test_missing_files_and_a_notebook_without_a_client(tmp_path: Path) -> None:
    with pytest.raises(CareerlibError, match="no such client file: nobody.yaml"):
        console_command("nobody.yaml")
    with pytest.raises(CareerlibError, match="no such notebook: none.ipynb"):
        console_command(notebook="none.ipynb")
    bare = tmp_path / "bare.ipynb"
    bare.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    (tmp_path / "c.yaml").write_text("name: C\n")
    with pytest.raises(CareerlibError, match="has no `client` parameter"):
        console_command("c.yaml", notebook=bare)
    assert console_command(notebook=bare).parameters == {}
    (tmp_path / "junk.ipynb").write_text("not json")
    with pytest.raises(CareerlibError, match="cannot read the notebook"):
        console_command(notebook=tmp_path / "junk.ipynb")


def test_staged_copy_has_the_client_and_the_original_is_untouched(tmp_path: Path) -> None:
    original = console_notebook()
    before = original.read_bytes()
    mine = tmp_path / "ana.yaml"
    mine.write_text("name: Ana\n")
    console = console_command(mine)
    folder = tmp_path / "private"
    folder.mkdir(mode=0o700)
    copy = stage_notebook(console, folder)
    assert copy == folder / CONSOLE_NOTEBOOK and original.read_bytes() == before
    cells = _cells(copy)
    at = next(i for i, c in enumerate(cells) if "parameters" in _tags(c))
    injected = cells[at + 1]
    assert _tags(injected) == ["injected-parameters"]
    namespace: dict[str, object] = {}
    exec("".join(injected["source"]), namespace)  # type: ignore[arg-type]
    assert namespace["client"] == str(mine)
    assert namespace["out_dir"] == str(tmp_path / "reports" / "ana")
    assert len(cells) == len(_cells(original)) + 1
    import nbformat

    nbformat.validate(nbformat.reads(copy.read_text(), as_version=4))
    # Voilà's token is in a file only the coach can read, never on the command line
    config = folder / "voila.json"
    assert json.loads(config.read_text())["Voila"] == {"token": console.token, "ip": "127.0.0.1"}
    for path in (copy, config):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    argv = console.argv(copy)
    assert console.token not in " ".join(argv)
    assert argv[:3] == [sys.executable, "-m", "voila"] and "--Voila.ip=127.0.0.1" in argv
    assert "JUPYTER_TOKEN" not in console.env()


def test_lab_gets_its_token_from_the_environment(tmp_path: Path) -> None:
    console = console_command(lab=True, token="a" * 32)
    copy = stage_notebook(console, tmp_path)
    argv = console.argv(copy)
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--ServerApp.ip=127.0.0.1" in argv and f"--ServerApp.root_dir={tmp_path}" in argv
    assert "a" * 32 not in " ".join(argv)
    assert console.env()["JUPYTER_TOKEN"] == "a" * 32
    assert not (tmp_path / "voila.json").exists()


def test_missing_voila_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    real = server.importlib.util.find_spec
    monkeypatch.setattr(
        server.importlib.util, "find_spec", lambda name: None if name == "voila" else real(name)
    )
    with pytest.raises(CareerlibError) as info:
        console_command().argv(Path("x.ipynb"))
    message = str(info.value)
    assert "voila is not installed in this environment" in message
    assert "pip install careerlib" in message and "pip install 'voila>=0.5'" in message
    assert "make" not in message


# --- stopping: a stand-in server with a "kernel" in a session of its own ----------------

FAKE_SERVER = textwrap.dedent(
    """
    import signal, subprocess, sys, time
    from pathlib import Path
    # the "kernel": its own session, as Jupyter starts kernels; it ignores SIGHUP
    kernel = subprocess.Popen(
        [sys.executable, "-c", "import time\\nwhile True: time.sleep(1)"],
        start_new_session=True,
    )
    Path(sys.argv[1]).write_text(str(kernel.pid))
    stubborn = len(sys.argv) > 2
    if stubborn:  # a server that does not stop its kernel, nor itself, on SIGTERM
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    else:  # a server that stops its kernel on SIGTERM, as Voila does
        def stop(*_):
            kernel.terminate(); kernel.wait(); sys.exit(0)
        signal.signal(signal.SIGTERM, stop)
    while True:
        time.sleep(0.2)
    """
)


def _wait_for(path: Path) -> int:
    deadline = time.monotonic() + 30
    while not path.exists() or not path.read_text():
        assert time.monotonic() < deadline, "the stand-in server did not start"
        time.sleep(0.05)
    return int(path.read_text())


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.parametrize("stubborn", [False, True], ids=["clean", "stubborn"])
def test_stop_process_tree_leaves_no_process(tmp_path: Path, stubborn: bool) -> None:
    script = tmp_path / "server.py"
    script.write_text(FAKE_SERVER)
    pid_file = tmp_path / "kernel.pid"
    argv = [sys.executable, str(script), str(pid_file), *(["stubborn"] if stubborn else [])]
    proc = subprocess.Popen(argv, start_new_session=True)
    kernel = _wait_for(pid_file)
    assert not _gone(kernel)
    stop_process_tree(proc, grace=2.0)
    assert proc.returncode is not None
    assert _gone(kernel)


RUNNER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from careerlib.console.server import Console, run_console

    class Stand(Console):
        def argv(self, copy):
            Path(sys.argv[2]).write_text(str(copy.parent))
            return [sys.executable, sys.argv[1], sys.argv[3]]

    notebook = Path(sys.argv[4])
    sys.exit(run_console(Stand(notebook=notebook, port=1, token="x" * 32), echo=print))
    """
)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_run_console_stops_everything_on_a_signal(tmp_path: Path, sig: signal.Signals) -> None:
    """SIGTERM (a service manager), SIGINT (Ctrl-C), SIGHUP: the server, its kernel, its folder."""
    (tmp_path / "server.py").write_text(FAKE_SERVER)
    (tmp_path / "runner.py").write_text(RUNNER)
    pid_file, folder_file = tmp_path / "kernel.pid", tmp_path / "folder.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runner = subprocess.Popen(
        [
            sys.executable,
            str(tmp_path / "runner.py"),
            str(tmp_path / "server.py"),
            str(folder_file),
            str(pid_file),
            str(console_notebook()),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    kernel = _wait_for(pid_file)
    folder = Path(folder_file.read_text())
    assert (folder / CONSOLE_NOTEBOOK).is_file()
    (server_proc,) = psutil.Process(runner.pid).children()
    runner.send_signal(sig)
    out, err = runner.communicate(timeout=60)
    assert runner.returncode == 0, err
    assert "The coach console stopped." in out and "Traceback" not in err
    assert _gone(server_proc.pid) and _gone(kernel)
    assert not folder.exists()


def test_console_dataclass_defaults() -> None:
    console = Console(notebook=Path("n.ipynb"))
    assert console.parameters == {} and not console.lab


def test_the_command_refuses_a_wrong_client_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan, or no file, given as the client: one line, exit 2, no server started."""
    from click.testing import CliRunner

    from careerlib.cli import cli

    monkeypatch.chdir(ROOT)
    for args, expected in (
        (["console", "data/plans/same-sector-move.yaml"], "this is a plan, not a client file"),
        (["console", "nobody.yaml"], "no such file"),
        (["console", "--notebook", "none.ipynb"], "no such notebook: none.ipynb"),
    ):
        done = CliRunner().invoke(cli, args)
        assert done.exit_code == 2, done.output
        assert expected in done.output and len(done.output.strip().splitlines()) == 1
