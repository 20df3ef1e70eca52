"""The wheel, installed like any Python package: everything a coach needs, from an empty folder.

Builds the wheel from this checkout, installs it into a fresh virtual
environment (uv, with the dependencies already resolved for ``.venv``, from
uv's cache: no network), and runs the commands from an empty temporary folder,
so nothing comes from the repository: ``init``, ``new client``, ``schedule``,
``gaps``, ``gantt -o x.png``, one notebook through ``careerlib run``, and the
demo; then a newcomer's whole first session, the README's steps in an empty
folder: ``init`` (here), ``new client``, ``schedule``, ``gaps``, ``report``,
``checkin``, every link of the workspace checked, and the coach console
(started for the new client, a request without the token refused, the page
served with it, stopped by SIGTERM with no process left).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from tests.conftest import ROOT, in_ci, need_browser
from tests.links import broken_links, markdown_files

pytestmark = pytest.mark.slow


def _uv() -> str:
    found = Path(sys.executable).with_name("uv")
    uv = str(found) if found.exists() else shutil.which("uv")
    if uv is None:
        message = "the wheel test needs uv (`make` installs it into .venv)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return uv


def _check(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, the way a release is: from the sdist.

    (A wheel built straight from the checkout would reuse a stale ``build/``
    folder; the sdist also proves the data and notebooks travel in it.)
    """
    out = tmp_path_factory.mktemp("dist")
    _check([_uv(), "build", "--quiet", "--out-dir", str(out), str(ROOT)])
    (built,) = out.glob("careerlib-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh virtual environment with the wheel installed (not the checkout)."""
    uv = _uv()
    root = tmp_path_factory.mktemp("venv") / "env"
    _check([uv, "venv", "--quiet", "--python", sys.executable, str(root)])
    # the versions .venv resolved, so the install comes from uv's cache, offline
    frozen = _check([uv, "pip", "freeze", "--python", sys.executable, "--exclude-editable"])
    constraints = root.parent / "constraints.txt"
    constraints.write_text(frozen.stdout)
    _check(
        [
            uv,
            "pip",
            "install",
            "--quiet",
            "--offline",
            "--python",
            str(root / "bin" / "python"),
            "--constraint",
            str(constraints),
            str(wheel),
        ]
    )
    yield root


@pytest.fixture
def env() -> dict[str, str]:
    """The environment of a person who just installed careerlib: no checkout in sight."""
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "CAREERLIB_DATA"}}
    clean["PYTHONSAFEPATH"] = "1"
    return clean


def test_the_wheel_carries_the_data_and_the_notebooks(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        p.relative_to(ROOT).as_posix()
        for folder in ("data", "notebooks")
        for p in (ROOT / folder).rglob("*")
        if p.is_file()
    }
    assert {f"careerlib/{name}" for name in shipped} <= names
    assert "careerlib/data/onet/README.md" in names  # O*NET's attribution travels with its data
    assert "careerlib/py.typed" in names
    pages = {f"careerlib/docs/{p.name}" for p in (ROOT / "docs").glob("*.md")}
    assert pages <= names and "careerlib/docs/images/gantt.png" in names
    assert not any(n.startswith("careerlib/docs/api/") for n in names)  # the site's pages only


def test_installed_package_is_the_wheel_not_the_checkout(
    venv: Path, env: dict[str, str], tmp_path: Path
) -> None:
    python = str(venv / "bin" / "python")
    code = (
        "import careerlib, careerlib._paths as p\n"
        "print(careerlib.__file__, p.data_path(), p.data_path('onet'), p.notebooks_dir())\n"
        "print(*sorted(f.name for f in p.notebooks_dir().glob('*.ipynb')))\n"
        "print(*sorted(f.name for f in p.data_path('clients').glob('*.yaml')))\n"
    )
    lines = _check([python, "-c", code], cwd=tmp_path, env=env).stdout.splitlines()
    where, data, onet, notebooks = map(Path, lines[0].split())
    assert where.is_relative_to(venv / "lib")
    assert data == where.parent / "data" and onet == data / "onet"
    assert notebooks == where.parent / "notebooks"
    assert lines[1].split() == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert lines[2].split() == sorted(p.name for p in (ROOT / "data" / "clients").glob("*.yaml"))
    version = _check([str(venv / "bin" / "careerlib"), "--version"], cwd=tmp_path, env=env)
    assert version.stdout.strip() == "careerlib, version 0.1.0"


def test_a_coach_starts_from_the_wheel(venv: Path, env: dict[str, str], tmp_path: Path) -> None:
    """init, new client, schedule, gaps, gantt -o x.png and one notebook through careerlib run."""
    need_browser()
    careerlib = str(venv / "bin" / "careerlib")
    assert not any(tmp_path.iterdir())

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [careerlib, *args], capture_output=True, text=True, cwd=tmp_path, env=env
        )

    made = run("init", "practice")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "practice" / "notebooks" / "02-roadmap.ipynb").is_file()
    assert (tmp_path / "practice" / "data" / "clients" / "jordan-lee.yaml").is_file()

    new = run(
        "new", "client", "Ana Gomez", "--role", "Nurse Manager", "--template", "promotion",
        "--dir", "practice",
    )  # fmt: skip
    assert new.returncode == 0, new.stderr
    plan = "practice/data/plans/ana-gomez.yaml"
    client = "practice/data/clients/ana-gomez.yaml"

    scheduled = run("schedule", plan)
    assert scheduled.returncode in (0, 3), scheduled.stderr
    assert "Promotion review" in scheduled.stdout

    gaps = run("gaps", client, "--json")
    assert gaps.returncode == 0, gaps.stderr
    assert json.loads(gaps.stdout)["skills"]

    chart = run("gantt", plan, "-o", "x.png")
    assert chart.returncode == 0, chart.stderr
    assert (tmp_path / "x.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    notebook = run(
        "run", "practice/notebooks/02-roadmap.ipynb", "--client", client,
        "--out", "reports", "-j", "1", "--quiet",
    )  # fmt: skip
    assert notebook.returncode == 0, notebook.stdout + notebook.stderr
    assert (tmp_path / "reports" / "ana-gomez" / "02-roadmap.html").is_file()
    assert "Traceback" not in made.stderr + new.stderr + gaps.stderr + notebook.stderr


def test_demo_from_the_wheel_in_an_empty_folder(
    venv: Path, env: dict[str, str], tmp_path: Path
) -> None:
    result = subprocess.run(
        [str(venv / "bin" / "careerlib"), "demo", "--no-notebooks"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "=== same-sector-move.yaml" in result.stdout and "Traceback" not in result.stderr


# --- a newcomer's first session ---------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _get(url: str, timeout: float = 10) -> tuple[int, str, str]:
    """Status, redirect location and body of a GET, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, "", response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", ""), ""


def _wait_for_url(proc: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the console exited:\n{log.read_text()[-3000:]}"
        found = re.search(r"open (http://\S+)", log.read_text(errors="replace"))
        if found:
            try:
                _get(found.group(1).split("?")[0], timeout=5)
                return found.group(1)
            except OSError:
                pass
        time.sleep(0.5)
    raise AssertionError(f"the console did not answer:\n{log.read_text()[-3000:]}")


def _console_env(env: dict[str, str], home: Path) -> dict[str, str]:
    """A newcomer's home: no Jupyter settings or runtime files of this machine's user."""
    home.mkdir()
    return {
        **env,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_DATA_DIR": str(home / ".local/share/jupyter"),
        "JUPYTER_RUNTIME_DIR": str(home / ".local/share/jupyter/runtime"),
        "IPYTHONDIR": str(home / ".ipython"),
    }


def test_a_newcomer_from_an_empty_folder(venv: Path, env: dict[str, str], tmp_path: Path) -> None:
    """The README's first steps with the installed wheel, in an empty folder, nothing else."""
    careerlib = str(venv / "bin" / "careerlib")
    here = tmp_path / "practice"
    here.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([careerlib, *args], capture_output=True, text=True, cwd=here, env=env)
        assert "Traceback" not in done.stderr, done.stderr
        return done

    made = run("init")
    assert made.returncode == 0, made.stderr
    assert "into this folder" in made.stdout and (here / "docs" / "index.md").is_file()
    assert run("init").returncode == 2  # never over a file

    new = run("new", "client", "Ana Gomez", "--role", "Nurse Manager", "--template", "promotion")
    assert new.returncode == 0, new.stderr
    plan, client = "data/plans/ana-gomez.yaml", "data/clients/ana-gomez.yaml"
    scheduled = run("schedule", plan)
    assert scheduled.returncode in (0, 3) and "Promotion review" in scheduled.stdout
    gaps = run("gaps", client, "--json")
    assert gaps.returncode == 0 and json.loads(gaps.stdout)["skills"], gaps.stderr
    report = run("report", client, "-o", "ana-gomez.html")
    assert report.returncode == 0, report.stderr
    assert "Ana Gomez" in (here / "ana-gomez.html").read_text()
    checkin = run("checkin", client, "assess=done", "manager-talk=50%")
    assert checkin.returncode == 0, checkin.stderr
    assert (here / "data" / "clients" / "ana-gomez.checkins.jsonl").is_file()
    wrong = run("gaps", plan)
    assert wrong.returncode == 2 and "this is a plan, not a client file" in wrong.stderr

    # every link of what careerlib wrote resolves in the workspace, none leaves it
    written = [*markdown_files(here), *sorted((here / "data").rglob("ana-gomez.yaml"))]
    assert broken_links(written, here) == []

    _console_session(careerlib, here, _console_env(env, tmp_path / "home"))


def _console_session(careerlib: str, here: Path, env: dict[str, str]) -> None:
    """`careerlib console CLIENT`: the token asked, the client's page served, SIGTERM stops all."""
    log = here / "console.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [careerlib, "console", "data/clients/ana-gomez.yaml"],
            cwd=here,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = _wait_for_url(proc, log)
        base, token = url.split("/?token=")
        assert base.startswith("http://127.0.0.1:") and len(token) == 32
        status, location, _ = _get(base + "/")
        assert status in (302, 401, 403) and (status != 302 or "/login" in location)
        assert _get(base + "/?token=" + "0" * 32)[0] in (302, 401, 403)
        assert _get(base + "/api/kernels")[0] in (302, 401, 403)
        status, _, page = _get(url, timeout=180)
        assert status == 200 and "careerlib" in page
        # the notebook ran for this client: its record is in reports/ana-gomez/
        record = here / "reports" / "ana-gomez" / "00-coach-session.json"
        assert json.loads(record.read_text())["client"] == "Ana Gomez"
        family = psutil.Process(proc.pid).children(recursive=True)
        assert any("ipykernel" in " ".join(p.cmdline()) for p in family), "no kernel started"
        private = {Path(a).parent for p in family for a in p.cmdline() if a.endswith(".ipynb")}
        assert private and all(p.name.startswith("careerlib-console-") for p in private)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0, log.read_text()[-3000:]
        _, alive = psutil.wait_procs(family, timeout=10)
        assert alive == [], f"left running: {[p.cmdline() for p in alive]}"
        assert not any(p.exists() for p in private)
        assert "The coach console stopped." in log.read_text()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
