"""A batch's image service: one Chromium that draws the images of all its kernels.

The roadmap notebook exports a PNG. Drawn in the kernel, that starts a
Chromium and loads plotly.js into it: about 2 s of a core, and 3 s or more of
waiting while the other worker runs, for every run. Instead, ``careerlib run``
starts one :class:`ImageService` for all its workers when a notebook of the
batch exports images (a Dask worker starts one for its own kernels, when its
first such notebook comes: :class:`~careerlib.batch._kernels.KernelPool`). Its
browser starts in the background, and every kernel is told where to send its
images (the client side is :mod:`careerlib._image_service`). An image then
takes about 0.2 s.

The service is a child process of whoever started it (``python -m
careerlib.batch._images``): kaleido's asynchronous :class:`kaleido.Kaleido`
with one tab, reloaded after every image, so nothing of one client's chart
stays for the next run; a new browser every :data:`RESTART_AFTER` images, as
Chromium's memory grows with the images it draws. It listens on a Unix socket
in a folder only its user can open, and answers only callers that know its
random key (given on its standard input, never on its command line). Requests
that come before the browser is up wait for it; when it cannot start (no
browser installed), they are told so and draw the image themselves, which
says how to install one. The service ends when its standard input closes:
when its owner closes it, or ends in any way.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from multiprocessing import AuthenticationError
from multiprocessing.connection import Connection, Listener
from pathlib import Path
from typing import IO, Any

from careerlib._image_service import MAX_REQUEST, RENDER_TIMEOUT, read_request

__all__ = ["RESTART_AFTER", "STARTUP_TIMEOUT", "ImageService", "image_service_available", "serve"]

#: Seconds a request waits for the browser to be up, and the worker for the
#: service to listen.
STARTUP_TIMEOUT = 90.0
#: Images a browser draws before the service starts a new one (its memory grows).
RESTART_AFTER = 50

# drawn once at start: loads plotly.js into the page before the first real image
_WARM_UP: tuple[dict[str, Any], dict[str, Any]] = (
    {"data": [], "layout": {}},
    {"format": "png", "width": 16, "height": 16, "scale": 1},
)


def image_service_available() -> bool:
    """Whether an image service can run here (Unix sockets)."""
    return hasattr(socket, "AF_UNIX") and sys.platform != "win32"


class ImageService:
    """The owner's side: start the service, know its address, stop it.

    The browser comes up in the background; :attr:`address` (the socket's
    path and the key) is what a kernel needs to send its images there
    (:func:`careerlib._image_service.connect`).
    """

    def __init__(
        self, *, startup_timeout: float = STARTUP_TIMEOUT, restart_after: int = RESTART_AFTER
    ) -> None:
        self.startup_timeout = startup_timeout
        self._folder = Path(tempfile.mkdtemp(prefix="careerlib-images-"))  # mode 0700
        self._authkey = os.urandom(32)
        self._path = str(self._folder / "socket")
        self._listening = threading.Event()
        self._ready = threading.Event()
        self.failure: str | None = None
        #: How many browsers the service has started (one, then one every
        #: ``restart_after`` images).
        self.browsers_started = 0
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "careerlib.batch._images", self._path, str(restart_after)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # Chromium's own chatter
            start_new_session=True,  # a Ctrl-C in the terminal stops it through its owner
        )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(self._authkey.hex().encode() + b"\n")
        self._proc.stdin.flush()
        self._reader = threading.Thread(
            target=self._read_states, args=(self._proc.stdout,), daemon=True
        )
        self._reader.start()

    def _read_states(self, stdout: IO[bytes]) -> None:
        """The service says ``listening``, then ``ready`` (again at each new browser) or
        ``failed REASON``."""
        for raw in stdout:
            line = raw.decode("utf-8", errors="replace").strip()
            if line == "listening":
                self._listening.set()
            elif line == "ready":
                self.browsers_started += 1
                self._ready.set()
            elif line.startswith("failed"):
                self.failure = line.removeprefix("failed").strip() or "the browser did not start"
                self._ready.set()
        self.failure = self.failure or "the image service ended"
        self._listening.set()
        self._ready.set()

    @property
    def address(self) -> tuple[str, bytes]:
        """The socket's path and the key a caller must know (once the service listens)."""
        self._listening.wait(self.startup_timeout)
        return self._path, self._authkey

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait for the browser; True when it draws images (False: see ``failure``)."""
        self._ready.wait(self.startup_timeout if timeout is None else timeout)
        return self._ready.is_set() and self.failure is None

    @property
    def pid(self) -> int:
        """The service's process id (its browser is a child of it)."""
        return self._proc.pid

    def close(self) -> None:
        """Stop the service and its browser, and remove the socket's folder."""
        proc = self._proc
        if proc.stdin is not None and not proc.stdin.closed:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        self._reader.join(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> ImageService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- the service process ------------------------------------------------------------


class _Unavailable(Exception):
    """The browser is not running (it could not start, or not start again)."""


class _Server:
    """The socket and the browser, in the service process."""

    def __init__(self, path: str, authkey: bytes, restart_after: int = RESTART_AFTER) -> None:
        self.restart_after = max(1, restart_after)
        self._listener = Listener(path, family="AF_UNIX", backlog=16, authkey=authkey)
        self._ready = threading.Event()  # the first start is over, well or not
        self._kaleido: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._up: asyncio.Event | None = None  # the browser draws (cleared while it restarts)
        self._restart: asyncio.Event | None = None
        self._drawing = 0
        self._drawn = 0
        self.failure: str | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Start the browser, answer requests until ``stop`` is set, then stop the browser.

        The browser is started again after every ``restart_after`` images,
        once the images in progress are drawn: Chromium's memory grows with the
        images it draws (from about 450 MiB to 1-1.5 GiB over hundreds of
        charts, measured), and a new one costs about 2 s of CPU.
        """
        self._loop = asyncio.get_running_loop()
        self._up, self._restart = asyncio.Event(), asyncio.Event()
        threading.Thread(target=self._accept, daemon=True).start()
        try:
            import kaleido

            from careerlib._browser import find_browser, quiet_browser_driver

            path = find_browser()
            quiet_browser_driver()
            while not stop.is_set():
                async with kaleido.Kaleido(n=1, path=path, mathjax=False) as k:
                    await k.calc_fig(_WARM_UP[0], opts=_WARM_UP[1])
                    self._kaleido, self._drawn = k, 0
                    self._up.set()
                    self._ready.set()
                    _say("ready")
                    await _first(stop.wait(), self._restart.wait())
                    self._up.clear()
                    self._restart.clear()
                    while self._drawing:
                        await asyncio.sleep(0.01)
                    self._kaleido = None
        except Exception as exc:  # no browser, or it would not start (again)
            self.failure = f"{type(exc).__name__}: {exc}".replace("\n", " ")
            _say(f"failed {self.failure}")
            self._kaleido = None
            self._up.set()  # whoever waits for it: it will not come
            self._ready.set()
            await stop.wait()

    async def _draw(self, figure: dict[str, Any], opts: dict[str, Any]) -> bytes:
        assert self._up is not None and self._restart is not None
        await asyncio.wait_for(self._up.wait(), STARTUP_TIMEOUT)
        k = self._kaleido
        if k is None:
            raise _Unavailable(self.failure or "the browser is not running")
        self._drawing += 1
        try:
            return bytes(await k.calc_fig(figure, opts=opts))
        finally:
            self._drawing -= 1
            self._drawn += 1
            if self._drawn >= self.restart_after:
                self._restart.set()

    def _accept(self) -> None:
        while True:
            try:
                conn = self._listener.accept()
            except AuthenticationError:
                continue  # a caller without the key: nothing for it
            except (OSError, EOFError):
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: Connection) -> None:
        with conn:
            try:
                message = conn.recv_bytes(MAX_REQUEST)
            except (OSError, EOFError):
                return
            with contextlib.suppress(OSError, EOFError):  # the caller gave up
                conn.send_bytes(self._reply(message))

    def _reply(self, message: bytes) -> bytes:
        try:
            figure, opts = read_request(message)
        except ValueError as exc:
            return b"error\n" + f"not an image request ({exc})".encode()
        self._ready.wait(STARTUP_TIMEOUT)
        loop = self._loop
        try:
            if loop is None:
                raise _Unavailable(self.failure or "the browser is not running")
            future = asyncio.run_coroutine_threadsafe(self._draw(figure, opts), loop)
            return b"ok\n" + future.result(STARTUP_TIMEOUT + RENDER_TIMEOUT)
        except _Unavailable as exc:
            return b"unavailable\n" + str(exc).encode("utf-8", errors="replace")
        except Exception as exc:
            return b"error\n" + f"{type(exc).__name__}: {exc}".encode("utf-8", errors="replace")


async def _first(*waits: Any) -> None:
    """Wait until the first of ``waits`` (coroutines) is done; cancel the others."""
    tasks = [asyncio.ensure_future(w) for w in waits]
    _, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def serve(path: str, authkey: bytes, restart_after: int = RESTART_AFTER) -> None:
    """Run the service at ``path`` until standard input closes."""
    server = _Server(path, authkey, restart_after)
    _say("listening")

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()

        def watch_stdin() -> None:
            with contextlib.suppress(OSError, ValueError):
                while sys.stdin.buffer.read(65536):
                    pass
            loop.call_soon_threadsafe(stop.set)

        threading.Thread(target=watch_stdin, daemon=True).start()
        await server.run(stop)

    try:
        asyncio.run(main())
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        sys.stdout.flush()
        # choreographer's reader threads must not hold the process up
        os._exit(0)


def _main() -> None:
    from careerlib._speedups import skip_slow_optional_imports

    skip_slow_optional_imports()
    authkey = bytes.fromhex(sys.stdin.buffer.readline().decode().strip())
    serve(sys.argv[1], authkey, int(sys.argv[2]) if len(sys.argv) > 2 else RESTART_AFTER)


if __name__ == "__main__":
    _main()
