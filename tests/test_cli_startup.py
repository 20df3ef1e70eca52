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


def test_the_pdf_reports_browser_starts_before_the_analyses_are_imported() -> None:
    """``careerlib report -o x.pdf`` makes its printer (Chromium starts in the background)
    before pandas, plotly and the analyses are imported: the browser comes up meanwhile."""
    code = (
        "import json, os, sys\n"
        "import careerlib._printer as printer\n"
        "class Printer:\n"
        "    def __init__(self, **kwargs):\n"
        "        print(json.dumps(sorted(sys.modules)), flush=True)\n"
        "        os._exit(0)  # what the command imported by then is all this test wants\n"
        "printer.Printer = Printer\n"
        "from careerlib.cli import main\n"
        "main(['report', 'data/clients/jordan-lee.yaml', '-o', 'x.pdf'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    modules = set(json.loads(done.stdout.splitlines()[-1]))
    assert "careerlib.cli.client" in modules  # the command did run
    assert not {m for m in modules if m.split(".")[0] in {"pandas", "plotly"}}
    assert "careerlib.report" not in modules and "careerlib.gaps" not in modules


def test_the_browser_finder_imports_nothing_the_main_thread_imports() -> None:
    """The printer's thread finds the browser while the main thread imports the
    analyses; a module both import would make the thread wait."""
    modules = _imported_after("import careerlib._browser")
    ours = {m for m in modules if m.startswith("careerlib")}
    assert ours == {"careerlib", "careerlib._browser", "careerlib.exceptions"}
