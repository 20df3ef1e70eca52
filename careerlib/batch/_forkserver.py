"""A fork server for kernels: each kernel a fresh process, without paying for its start.

Starting a kernel is a new Python that imports ipykernel and IPython (about
1 s of CPU here), and then careerlib, pandas and plotly (about 1 s more). On a
machine whose cores are all busy running notebooks, that work is not hidden by
starting it early: it is most of what a batch costs. So a batch keeps one
*template* process that has done those imports once and runs nothing else; a
kernel is ``os.fork()`` of it, a new process (its own pid, memory and process
group) that has run no notebook. Nothing a client's notebook computes reaches
another run: the template never runs a notebook, and a forked kernel is shut
down after its one run, like any other.

After the fork the kernel reseeds numpy's global generator (Python's ``random``
reseeds itself), takes a process group of its own (so stopping it stops the
browser it started), and sends its output to the run's log.

One template serves a whole batch: ``careerlib run`` starts it, and every
worker process connects to it (:meth:`ForkServer.connect`), so the imports are
paid once, not once a worker. The template listens on a Unix socket in a
folder only its user can open, and answers only processes of that user. It
reads one request a line (JSON: the connection file, the log, the folder to
run in) and answers with the new kernel's pid. It ends when its standard
input closes (the process that started it ended, in any way); kernels end when
the template does (ipykernel's parent poller).

``python -m careerlib.batch._forkserver SOCKET MODULE...`` runs a template.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from typing import IO, Any

__all__ = ["ForkServer", "ForkedKernel", "forking_available"]


def forking_available() -> bool:
    """Whether kernels can be forked here (POSIX with ``fork``)."""
    return hasattr(os, "fork") and sys.platform != "win32"


class ForkServer:
    """A template process that forks kernels on request.

    Made with modules, it owns its template: started on first use (or by
    :meth:`start`), ended by :meth:`close`. Made with :meth:`connect`, it uses
    a template someone else owns, at its address.
    """

    def __init__(self, modules: tuple[str, ...], startup_timeout: float = 120.0) -> None:
        self.modules = modules
        self.startup_timeout = startup_timeout
        self._owner = True
        self._proc: subprocess.Popen[bytes] | None = None
        self._folder: str | None = None
        self._path: str | None = None
        self._conn: socket.socket | None = None
        self._stream: IO[bytes] | None = None
        self._lock = threading.Lock()

    @classmethod
    def connect(cls, address: str, startup_timeout: float = 120.0) -> ForkServer:
        """The template listening at ``address`` (another process's :meth:`start`)."""
        server = cls((), startup_timeout)
        server._owner = False
        server._path = address
        return server

    def start(self) -> str:
        """Start the template now, unless it runs; its address, for :meth:`connect`.

        Returns as soon as the template listens: its imports go on in the
        background, and the first request waits for them.
        """
        with self._lock:
            return self._ensure()

    def _ensure(self) -> str:
        if not self._owner or (self._proc is not None and self._proc.poll() is None):
            assert self._path is not None
            return self._path
        self._disconnect()
        folder = tempfile.mkdtemp(prefix="careerlib-template-")  # mode 0700
        path = os.path.join(folder, "socket")
        proc = subprocess.Popen(
            [sys.executable, "-m", "careerlib.batch._forkserver", path, *self.modules],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            # a Ctrl-C in the terminal is the owner's to handle: the template
            # ends when the owner closes its standard input, or ends
            start_new_session=True,
        )
        assert proc.stdout is not None
        line = _read_line(proc.stdout, self.startup_timeout)
        if line.strip() != b"listening":
            proc.kill()
            proc.wait()
            shutil.rmtree(folder, ignore_errors=True)
            raise RuntimeError(f"the kernel template did not start: {line!r}")
        self._proc, self._folder, self._path = proc, folder, path
        return path

    def fork(self, connection_file: str, log: str, cwd: str) -> int:
        """A new kernel for ``connection_file``; its pid."""
        request = {"connection_file": connection_file, "log": log, "cwd": cwd}
        with self._lock:
            path = self._ensure()
            try:
                if self._conn is None or self._stream is None:
                    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    conn.connect(path)
                    self._conn, self._stream = conn, conn.makefile("rb")
                self._conn.sendall(json.dumps(request).encode() + b"\n")
                # the first answer waits for the template's imports
                answer = _read_line(self._stream, self.startup_timeout)
            except OSError as exc:
                self._disconnect()
                raise RuntimeError(f"the kernel template cannot be reached: {exc}") from None
            if not answer:
                self._disconnect()
        try:
            return int(answer)
        except ValueError:
            raise RuntimeError(f"the kernel template did not fork: {answer!r}") from None

    def _disconnect(self) -> None:
        stream, conn = self._stream, self._conn
        self._stream = self._conn = None
        for closable in (stream, conn):
            if closable is not None:
                with contextlib.suppress(OSError):
                    closable.close()

    def close(self) -> None:
        """Disconnect; and the owner ends the template (kernels it forked and nobody
        shut down end with it)."""
        with self._lock:
            self._disconnect()
            proc, self._proc = self._proc, None
            folder, self._folder = self._folder, None
        if proc is not None:
            with contextlib.suppress(OSError):
                assert proc.stdin is not None
                proc.stdin.close()
            # it reads its standard input only once its imports are done: a batch
            # refused at its checks does not wait for them
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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


def _serve(path: str, modules: list[str]) -> None:
    """Listen at ``path``, import everything a kernel needs once, then fork a kernel per
    request, until standard input closes."""
    import selectors

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    out = sys.stdout.buffer
    out.write(b"listening\n")  # requests wait in the socket until the imports are done
    out.flush()

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

    sel = selectors.DefaultSelector()
    sel.register(sys.stdin.fileno(), selectors.EVENT_READ, "owner")
    sel.register(listener, selectors.EVENT_READ, "listener")
    pending: dict[socket.socket, bytes] = {}
    while True:
        for key, _ in sel.select():
            if key.data == "owner":
                if not os.read(sys.stdin.fileno(), 65536):
                    return  # the process that started the template has ended
            elif key.data == "listener":
                conn, _ = listener.accept()
                if _same_user(conn):
                    sel.register(conn, selectors.EVENT_READ, "client")
                    pending[conn] = b""
                else:
                    conn.close()
            else:
                conn = key.fileobj  # type: ignore[assignment]
                data = conn.recv(65536)
                if not data:
                    sel.unregister(conn)
                    conn.close()
                    del pending[conn]
                    continue
                pending[conn] += data
                while b"\n" in pending[conn]:
                    line, pending[conn] = pending[conn].split(b"\n", 1)
                    pid = os.fork()
                    if pid == 0:
                        # the kernel holds none of the template's sockets
                        sel.close()
                        listener.close()
                        for other in pending:
                            other.close()
                        _kernel(json.loads(line))  # never returns
                    with contextlib.suppress(OSError):
                        conn.sendall(f"{pid}\n".encode())


def _same_user(conn: socket.socket) -> bool:
    """Whether the process at the other end of ``conn`` runs as this process's user."""
    if not hasattr(socket, "SO_PEERCRED"):
        return True  # the socket's folder is this user's alone
    import struct

    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid == os.getuid()


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
    _serve(sys.argv[1], sys.argv[2:])  # returns when our standard input closes
