"""The coach console started the documented way (`careerlib console`) asks for its token.

The console is a live kernel with a client's data. Started as the README says,
it listens on 127.0.0.1 only and refuses a request without the token it prints:
the page, the kernel API and a real browser are all sent to the login page.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import _free_port, _jupyter_env
from tests.conftest import ROOT


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _status(url: str) -> tuple[int, str]:
    """The status of a GET without following redirects, and where it redirects to."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", "")


@contextmanager
def _console(home: Path, *args: str) -> Iterator[tuple[str, int]]:
    """Run `careerlib console ARGS` and yield the URL it prints (with its token) and its port."""
    port = _free_port()
    home.mkdir(parents=True, exist_ok=True)
    log = home / "console.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "careerlib", "console", "--port", str(port), *args],
            cwd=ROOT,
            env=_jupyter_env(home),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        url = None
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the console exited:\n{log.read_text()[-3000:]}")
            found = re.search(r"open (http://\S+)", log.read_text(errors="replace"))
            if found:
                url = found.group(1)
                try:
                    if _status(url)[0] == 200:
                        break
                except OSError:
                    pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the console did not answer:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield url, port
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def _without_token(url: str) -> str:
    return re.sub(r"[?&]token=[0-9a-f]+", "", url)


def _other_addresses() -> list[str]:
    """This machine's addresses other than loopback (to show nobody else can connect)."""
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5)
    except OSError:
        return []
    return [a for a in out.stdout.split() if "." in a and not a.startswith("127.")]


def _refused_elsewhere(port: int) -> None:
    import socket

    for address in _other_addresses():
        with socket.socket() as s, pytest.raises(OSError):
            s.settimeout(3)
            s.connect((address, port))


def test_voila_console_refuses_a_request_without_the_token(
    browser: Any, tmp_path: Path, artifacts: Path
) -> None:
    with _console(tmp_path / "home") as (url, port):
        assert url.startswith(f"http://127.0.0.1:{port}/?token=")
        token = url.split("token=")[1]
        assert len(token) >= 32
        bare = _without_token(url)
        status, location = _status(bare)
        assert status in (302, 401, 403), status
        assert status != 302 or "/login" in location
        # nor a guessed token, nor the kernel API
        assert _status(bare + "?token=" + "0" * 32)[0] in (302, 401, 403)
        assert _status(f"http://127.0.0.1:{port}/api/kernels")[0] in (302, 401, 403)
        _refused_elsewhere(port)

        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(bare, wait_until="domcontentloaded")
        assert "/login" in page.url
        assert page.locator(".careerlib-plan-explorer").count() == 0
        page.screenshot(path=str(artifacts / "without-token.png"))
        # with the printed link, the console renders
        for attempt in range(3):
            page.goto(url, wait_until="domcontentloaded")
            try:
                page.wait_for_selector(".careerlib-plan-explorer .js-plotly-plot", timeout=90_000)
                break
            except Exception:
                if attempt == 2:
                    raise
        page.screenshot(path=str(artifacts / "with-token.png"))
        page.close()


def test_lab_console_refuses_a_request_without_the_token(tmp_path: Path) -> None:
    with _console(tmp_path / "home", "--lab") as (url, port):
        assert url.startswith(f"http://127.0.0.1:{port}/lab/tree/00-coach-session.ipynb?token=")
        status, location = _status(_without_token(url))
        assert status in (302, 401, 403), status
        assert status != 302 or "/login" in location
        assert _status(f"http://127.0.0.1:{port}/api/kernels")[0] in (401, 403)
        assert _status(f"http://127.0.0.1:{port}/api/contents")[0] in (401, 403)
        _refused_elsewhere(port)
