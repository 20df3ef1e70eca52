"""A fork server for kernels: each kernel a fresh process, without paying for its start.

Starting a kernel is a new Python that imports ipykernel and IPython (about
1 s of CPU here), and then careerlib, pandas and plotly (about 1 s more). On a
machine whose cores are all busy running notebooks, that work is not hidden by
starting it early: it is most of what a batch costs. So each worker keeps one
*template* process that has done those imports once and runs nothing else; a
kernel is ``os.fork()`` of it, a new process (its own pid, memory and process
group) that has run no notebook. Nothing a client's notebook computes reaches
another run: the template never runs a notebook, and a forked kernel is shut
down after its one run, like any other.

After the fork the kernel reseeds numpy's global generator (Python's ``random``
reseeds itself), takes a process group of its own (so stopping it stops the
browser it started), and sends its output to the run's log.

The template reads one request a line on standard input (JSON: the connection
file, the log, the folder to run in) and answers with the new kernel's pid. It
ends when its standard input closes (its worker ended); kernels end when the
template does (ipykernel's parent poller).

``python -m careerlib.batch._forkserver MODULE...`` runs a template.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from typing import IO, Any

__all__ = ["ForkServer", "ForkedKernel", "available"]


def available() -> bool:
    """Whether kernels can be forked here (POSIX with ``fork``)."""
    return hasattr(os, "fork") and sys.platform != "win32"


class ForkServer:
    """A template process, started on first use, that forks kernels on request."""

    def __init__(self, modules: tuple[str, ...], startup_timeout: float = 120.0) -> None:
        self.modules = modules
        self.startup_timeout = startup_timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def _ensure(self) -> subprocess.Popen[bytes]:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        proc = subprocess.Popen(
            [sys.executable, "-m", "careerlib.batch._forkserver", *self.modules],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        line = _read_line(proc.stdout, self.startup_timeout)
        if line.strip() != b"ready":
            proc.kill()
            proc.wait()
            raise RuntimeError(f"the kernel template did not start: {line!r}")
        self._proc = proc
        return proc

    def fork(self, connection_file: str, log: str, cwd: str) -> int:
        """A new kernel for ``connection_file``; its pid."""
        request = {"connection_file": connection_file, "log": log, "cwd": cwd}
        with self._lock:
            proc = self._ensure()
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(json.dumps(request).encode() + b"\n")
            proc.stdin.flush()
            answer = _read_line(proc.stdout, 30.0)
        try:
            return int(answer)
        except ValueError:
            raise RuntimeError(f"the kernel template did not fork: {answer!r}") from None

    def close(self) -> None:
        """End the template (the kernels it forked end with it)."""
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(OSError):
            assert proc.stdin is not None
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _read_line(stream: IO[bytes], timeout: float) -> bytes:
    """One line from ``stream``, or b"" when none came within ``timeout`` [s]."""
    import selectors

    with selectors.DefaultSelector() as sel:
        sel.register(stream, selectors.EVENT_READ)
        if not sel.select(timeout):
            return b""
    return stream.readline()


class ForkedKernel:
    """What jupyter_client's provisioner needs of a kernel process it did not start
    itself (the ``subprocess.Popen`` interface it uses)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0  # reaped by the template: its status is not ours to read
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0.0)
            time.sleep(0.05)
        assert self.returncode is not None
        return self.returncode

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        # the kernel's process group: the kernel and the browser it started
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self.send_signal(signal.SIGKILL)


# --- the template process -------------------------------------------------------------


def _serve(modules: list[str]) -> None:
    """Import everything a kernel needs once, then fork a kernel per request."""
    import gc

    from careerlib._speedups import skip_slow_optional_imports

    skip_slow_optional_imports()
    from ipykernel.kernelapp import IPKernelApp  # noqa: F401  (the kernel's own start-up)

    from careerlib.batch._preheat import preheat

    preheat(modules, in_kernel=False)
    gc.collect()
    gc.freeze()  # keep the imported modules' pages shared with the kernels
    # forked kernels are reaped by the system, never left as zombies
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    out = sys.stdout.buffer
    out.write(b"ready\n")
    out.flush()
    for line in sys.stdin.buffer:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _kernel(request)  # never returns
        out.write(f"{pid}\n".encode())
        out.flush()


def _kernel(request: dict[str, Any]) -> None:
    """In the forked child: become a kernel, and exit when it ends."""
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # a kernel waits for its own children
        log = os.open(request["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        os.close(null)
        os.chdir(request["cwd"])
        if "numpy" in sys.modules:  # the same state in every fork otherwise
            sys.modules["numpy"].random.seed()
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(
            ["-f", request["connection_file"], f"--IPKernelApp.parent_handle={os.getppid()}"]
        )
        app.start()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        try:
            import atexit

            atexit._run_exitfuncs()  # kaleido stops its browser there
        finally:
            os._exit(code)


if __name__ == "__main__":
    _serve(sys.argv[1:])  # returns when the worker closes our standard input
