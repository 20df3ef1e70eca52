"""The CLI starts quickly: each command imports only what it needs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = (
    "pandas",
    "plotly",
    "careerlib.onet",
    "careerlib.clients",
    "papermill",
    "kaleido",
    "highspy",
)


def _imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("heavy", HEAVY)
def test_import_cli_leaves_heavy_modules_out(heavy: str) -> None:
    assert heavy not in _imported_after("import careerlib.cli")


def test_schedule_command_imports_no_pandas_plotly_or_onet() -> None:
    code = (
        "from careerlib.cli import main\n"
        "try:\n"
        "    main(['schedule', 'data/plans/same-sector-move.yaml', '--json'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
    )
    modules = _imported_after(code)
    assert "careerlib.scheduling.scheduler" in modules  # the command did run
    assert not {m for m in modules if m.split(".")[0] in {"pandas", "plotly"}}
    assert "careerlib.onet" not in modules and "careerlib.clients" not in modules
