"""The wheel, installed like any Python package: everything a coach needs, from an empty folder.

Builds the wheel from this checkout, installs it into a fresh virtual
environment (uv, with the dependencies already resolved for ``.venv``, from
uv's cache: no network), and runs the commands from an empty temporary folder,
so nothing comes from the repository: ``init``, ``new client``, ``schedule``,
``gaps``, ``gantt -o x.png``, one notebook through ``careerlib run``, and the
demo.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, in_ci, need_browser

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
    assert (tmp_path / "reports" / "ana-gomez" / "02-roadmap" / "02-roadmap.html").is_file()
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
