"""Real-browser tests: JupyterLab (and Voilà) on 127.0.0.1 driven by Debian's chromium.

The servers run with a token, settings and runtime files in temporary folders
(autosave and the news pop-up off), and are stopped by process group when the
test ends, failed or not. Chromium is never downloaded: it is Debian's
(``/usr/bin/chromium``, or ``BROWSER_PATH``). Outside CI a missing chromium
skips these tests with a reason; in CI (``CI`` set) it fails them.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "tests" / "artifacts"


@dataclass
class Server:
    """A running notebook server: its base URL, token and log file."""

    url: str
    token: str
    root: Path
    log: Path

    def page_url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.url}{path}{sep}token={self.token}"

    def shut_down_kernels(self) -> None:
        """End every session and its kernel, so that the next page starts afresh."""
        headers = {"Authorization": f"token {self.token}"}
        request = urllib.request.Request(f"{self.url}/api/sessions", headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            sessions = json.loads(response.read())
        for session in sessions:
            delete = urllib.request.Request(
                f"{self.url}/api/sessions/{session['id']}", headers=headers, method="DELETE"
            )
            with urllib.request.urlopen(delete, timeout=30):
                pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _jupyter_env(home: Path) -> dict[str, str]:
    settings = home / "settings"
    for plugin, values in {
        "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
        "@jupyterlab/apputils-extension/notification": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        # every cell rendered, not only those in view: widgets below the fold exist in the page
        # and the notebook's kernel started without asking (a busy machine could
        # show the "Select Kernel" dialog over the page)
        "@jupyterlab/notebook-extension/tracker": {
            "windowingMode": "none",
            "autoStartDefaultKernel": True,
        },
    }.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    env = dict(os.environ)
    env.update(
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        PYTHONUNBUFFERED="1",
    )
    return env


@contextmanager
def serve(kind: str, root: Path, home: Path, notebook: str | None = None) -> Iterator[Server]:
    """Start ``jupyter lab`` or ``voila`` on a free port; stop it (and its kernels) at the end."""
    port, token = _free_port(), secrets.token_hex(16)
    bindir = Path(sys.executable).parent
    if kind == "lab":
        cmd = [
            str(bindir / "jupyter-lab"),
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            f"--ServerApp.token={token}",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.root_dir={root}",
        ]
        probe = f"http://127.0.0.1:{port}/api/status?token={token}"
    else:
        cmd = [
            str(bindir / "voila"),
            str(root / (notebook or "")),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            f"--token={token}",
        ]
        probe = f"http://127.0.0.1:{port}/?token={token}"
    home.mkdir(parents=True, exist_ok=True)
    log = home / f"{kind}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=root,
            env=_jupyter_env(home),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 180  # a busy 2-core machine starts slowly
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{kind} exited at start:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(probe, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{kind} did not answer in 180 s:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield Server(f"http://127.0.0.1:{port}", token, root, log)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with __import__("contextlib").suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


@pytest.fixture()
def artifacts(request: pytest.FixtureRequest) -> Path:
    """A folder for this test's screenshots, kept after the run (tests/artifacts/<test>)."""
    folder = ARTIFACTS / request.node.name.replace("/", "_")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def wait_idle(page: object, timeout: float = 120_000) -> None:
    """Wait until the kernel of the visible notebook says Idle in the status bar."""
    items = "'.jp-StatusBar-TextItem, .jp-Notebook-ExecutionIndicator'"
    page.wait_for_function(  # type: ignore[attr-defined]
        f"() => [...document.querySelectorAll({items})]"
        ".some(e => /Idle/.test(e.textContent || '')"
        " || /Idle/.test(e.getAttribute('title') || ''))",
        timeout=timeout,
    )


def accept_kernel_dialog(page: Any) -> None:
    """Answer JupyterLab's "Select Kernel" dialog with its default (Python 3), if it is open.

    On a busy machine the kernel specs can arrive after the notebook opens; the
    dialog then covers the page and every click misses.
    """
    dialog = page.locator(".jp-Dialog:has-text('Select Kernel') .jp-mod-accept")
    if dialog.count() and dialog.first.is_visible():
        dialog.first.click()


def wait_chart(page: Any, selector: str, timeout: float = 120_000) -> None:
    """Wait until the plotly chart ``selector`` is drawn with data (not only its element)."""
    page.wait_for_function(
        "(selector) => { const gd = document.querySelector(selector);"
        " return !!(gd && gd._fullLayout && gd.data && gd.data.length > 0); }",
        arg=selector,
        timeout=timeout,
    )


def mark_charts_old(page: Any, selector: str) -> None:
    """Mark the charts ``selector`` now in the page: :func:`wait_new_chart` waits past them.

    The console shows a new chart widget at each change (a new element, drawn
    from its data), so a test waits for that element, not for the old one to change.
    """
    page.evaluate(
        "(selector) => document.querySelectorAll(selector)"
        ".forEach(e => { e.dataset.careerlibOld = '1'; })",
        selector,
    )


def wait_new_chart(page: Any, selector: str, timeout: float = 120_000) -> str:
    """Wait for a chart ``selector`` not marked old, drawn with data; return its selector."""
    fresh = f"{selector}:not([data-careerlib-old])"
    wait_chart(page, fresh, timeout=timeout)
    return fresh


def _executed_prompts(page: object, panel: str) -> list[str]:
    return page.evaluate(  # type: ignore[attr-defined, no-any-return]
        f"() => [...document.querySelectorAll('{panel} .jp-CodeCell .jp-InputPrompt')]"
        ".map(e => (e.textContent || '').trim())"
    )


def run_all(
    page: object, panel: str = ".jp-NotebookPanel:not(.lm-mod-hidden)", timeout: float = 180.0
) -> None:
    """Run every cell of the visible notebook and wait until all have run.

    Clicks Run > Run All Cells; the command can be enabled (and the status bar
    say Idle) before the kernel takes requests, so when no cell has started
    within a few seconds, it clicks again.
    """
    deadline = time.monotonic() + timeout
    while True:
        accept_kernel_dialog(page)
        page.click("li.lm-MenuBar-item:has-text('Run')")  # type: ignore[attr-defined]
        item = page.locator("li.lm-Menu-item[data-command='runmenu:run-all']")  # type: ignore[attr-defined]
        item.wait_for(state="visible", timeout=10_000)
        if "lm-mod-disabled" in (item.get_attribute("class") or ""):
            page.keyboard.press("Escape")  # type: ignore[attr-defined]
        else:
            item.click()
            started = time.monotonic()
            while time.monotonic() - started < 8:
                prompts = _executed_prompts(page, panel)
                if any(p not in ("[ ]:", "[ ]", "") for p in prompts):
                    break
                time.sleep(0.25)
            else:
                prompts = []
            if prompts:
                break
        if time.monotonic() > deadline:
            raise TimeoutError("Run All did not start: the kernel never took the request")
        time.sleep(0.5)
    # Run All marks every queued cell [*]; when none is left, the run is over
    # (after an error the rest of the queue goes back to [ ]).
    while True:
        prompts = _executed_prompts(page, panel)
        ran = any(re.fullmatch(r"\[\d+\]:", p) for p in prompts)
        if "[*]:" not in prompts and ran:
            return
        if "[*]:" not in prompts and not ran and time.monotonic() < deadline:
            # the queue was dropped before any cell ran (the kernel was chosen
            # or replaced meanwhile, after the Select Kernel dialog): run all again
            run_all(page, panel, deadline - time.monotonic())
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"cells did not finish running: {prompts}")
        time.sleep(0.25)


def wait_text(page: object, selector: str, text: str, timeout: float = 60_000) -> None:
    """Wait until the element ``selector`` shows ``text`` (widgets update asynchronously)."""
    page.wait_for_function(  # type: ignore[attr-defined]
        "([selector, text]) => (document.querySelector(selector)?.textContent || '')"
        ".includes(text)",
        arg=[selector, text],
        timeout=timeout,
    )


def plot_state(page: object, selector: str) -> dict[str, object]:
    """What a plotly chart in the page shows: trace names, bar bases, axes and size."""
    return page.evaluate(  # type: ignore[attr-defined, no-any-return]
        """(selector) => {
            const gd = document.querySelector(selector);
            const full = gd._fullLayout;
            return {
                traces: gd.data.length,
                names: gd.data.map(t => t.name),
                bases: gd.data.map(t => Array.from(t.base || [])),
                ticktext: Array.from((gd.layout.yaxis || {}).ticktext || []),
                xtype: full.xaxis.type,
                xrange: full.xaxis.range,
                width: full.width,
            };
        }""",
        selector,
    )


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def open_and_run(
    page: Any,
    url: str,
    ready: str,
    *,
    attempts: int = 3,
    timeout: float = 120_000,
    run: bool = True,
    artifacts: Path | None = None,
    server: Server | None = None,
) -> None:
    """Open ``url``, wait for the kernel to be idle, run all cells, wait for ``ready``.

    On a busy machine any of these waits can run out (the kernel starts late,
    Run All is not taken, plotly.js loads slowly): then the page is opened
    again and the whole sequence retried, up to ``attempts`` times. Only the
    last failure is raised; a screenshot of each failed attempt goes to
    ``artifacts``. With ``run=False`` (Voilà runs the notebook itself) only
    the page and ``ready`` are waited for. Given the JupyterLab ``server``, a
    retry starts from a fresh kernel (the widgets of a half-run one can linger).
    """
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(1, attempts + 1):
        try:
            page.goto(url, wait_until="domcontentloaded", timeout=timeout)
            if run:
                page.wait_for_selector(PANEL, timeout=timeout)
                wait_idle(page, timeout=timeout)
                run_all(page, timeout=timeout / 1000 * 2)
            page.wait_for_selector(ready, timeout=timeout)
            if "plotly" in ready:
                wait_chart(page, ready, timeout=timeout)
            return
        except (PlaywrightError, TimeoutError):
            if artifacts is not None:
                with __import__("contextlib").suppress(PlaywrightError):
                    page.screenshot(path=str(artifacts / f"attempt-{attempt}.png"))
            if attempt == attempts:
                raise
            if server is not None and run:
                with __import__("contextlib").suppress(OSError):
                    server.shut_down_kernels()
