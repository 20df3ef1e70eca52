"""Preheated kernels: a fresh kernel for every run, started before the run needs it.

A batch worker runs pair after pair. Starting a kernel (1-2 s) and importing
careerlib, pandas and plotly in it (about 1 s) used to happen at the start of
every run. A :class:`KernelPool` keeps the *next* kernel starting, in a
background thread, while the current run executes, as Voilà's
``preheat_kernel`` pool does; on Linux that kernel is forked from a template
that has done the imports once (:mod:`careerlib.batch._forkserver`). Every run
still gets a kernel that no other run has used: nothing a client's notebook
computed can reach the next client (their data is confidential). Kernels are
shut down after their one run.

A pool whose runs export images also keeps one browser running for all its
kernels (:class:`~careerlib.batch._images.ImageService`); each kernel is told
its address before its run, so an image takes about a tenth of a second
instead of a new browser each.

Kernels started at the same moment can pick the same free port (the ports are
chosen before the kernel binds them: ``ZMQError: Address already in use``,
papermill issue 511); a start that fails is retried with new ports.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import functools
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerlib.batch._forkserver import ForkServer, forking_available
from careerlib.batch._images import ImageService, image_service_available
from careerlib.exceptions import BatchError

__all__ = ["PREHEAT_MODULES", "KernelPool", "PreheatedKernel"]

#: What a preheated kernel imports before its run: careerlib, pandas and plotly,
#: and what the coaching notebooks' cells import on first use (client profiles,
#: peer groups, the calendar and Excel writers).
PREHEAT_MODULES = (
    "careerlib",
    "careerlib.charts",
    "careerlib.clients",
    "careerlib.exports",
    "careerlib.gaps",
    "careerlib.notebook",
    "careerlib.onet",
    "careerlib.peers",
    "careerlib.summaries",
    "careerlib.tables",
    "careerlib._spreadsheet",
    "icalendar",
    "openpyxl",
    "pandas",
    "plotly.graph_objects",
    "plotly.io",
)

#: How often a kernel start is tried before the run fails.
START_ATTEMPTS = 3
#: Seconds a started kernel has to answer, and the preheat to finish.
STARTUP_TIMEOUT = 60.0
PREHEAT_TIMEOUT = 120.0


@dataclass
class PreheatedKernel:
    """A started kernel, its client, and what its preheat did."""

    manager: Any  # jupyter_client.KernelManager
    client: Any  # jupyter_client.BlockingKernelClient
    log: Path
    attempts: int = 1

    def run_silently(self, code: str, timeout: float = PREHEAT_TIMEOUT) -> dict[str, Any]:
        """Execute ``code`` without output, history or a change of execution count.

        Returns the reply's content; raises BatchError when the code failed.
        """
        reply = self.client.execute_interactive(
            code,
            silent=True,
            store_history=False,
            timeout=timeout,
            output_hook=lambda msg: None,
            allow_stdin=False,
        )
        content: dict[str, Any] = reply["content"]
        if content.get("status") != "ok":
            raise BatchError(
                f"the kernel failed to prepare: {content.get('ename')}: {content.get('evalue')}"
            )
        return content

    def use_images(self, address: tuple[str, bytes]) -> None:
        """Send the kernel's images to the image service at ``address`` (path, key)."""
        path, authkey = address
        self.run_silently(_call("use_image_service", path, authkey.hex()))

    def close_clients(self) -> None:
        """Close the channels of the clients that ran the notebook (in their thread)."""
        self.manager.close_clients()

    def shutdown(self) -> None:
        """Stop the kernel (and any browser it started), and close the channels."""
        self.close_clients()
        with contextlib.suppress(Exception):
            self.client.stop_channels()
        with contextlib.suppress(Exception):
            # graceful: the kernel's atexit handlers stop kaleido's browser
            self.manager.shutdown_kernel(now=False)
        with contextlib.suppress(Exception):
            if self.manager.is_alive():
                self.manager.shutdown_kernel(now=True)
        with contextlib.suppress(OSError):
            self.manager.cleanup_resources()


def _call(function: str, *args: Any, **kwargs: Any) -> str:
    """Code that calls ``careerlib.batch._preheat.<function>(*args, **kwargs)`` and binds
    no name."""
    arguments = ", ".join([*(repr(a) for a in args), *(f"{k}={v!r}" for k, v in kwargs.items())])
    return f"__import__('careerlib.batch._preheat', fromlist=['_']).{function}({arguments})"


def start_kernel(
    *,
    modules: tuple[str, ...] = PREHEAT_MODULES,
    kernel_name: str = "python3",
    log_dir: Path | None = None,
    attempts: int = START_ATTEMPTS,
    forkserver: ForkServer | None = None,
) -> PreheatedKernel:
    """Start a kernel and import ``modules`` in it.

    With a ``forkserver``, the kernel is forked from its template (which has
    imported ``modules`` already); else it is a new process.

    A start that fails (a port taken between choosing and binding it, a kernel
    that dies before it answers) is retried with new ports, ``attempts`` times
    in all.

    Raises
    ------
    BatchError
        When no attempt gave a kernel that answers, or the preheat failed.
    """
    folder = Path(log_dir or tempfile.gettempdir())
    last: BaseException | None = None
    for attempt in range(1, attempts + 1):
        handle, name = tempfile.mkstemp(prefix="careerlib-kernel-", suffix=".log", dir=folder)
        # papermill (nbclient) drives the run with an asynchronous client of its
        # own (manager.client()); the preheat uses a blocking one from this thread
        manager = _manager_class()(kernel_name=kernel_name, client_class=_ASYNC_CLIENT)
        manager.client_factory = _ready_client_class()
        client = None
        try:
            with os.fdopen(handle, "wb") as log:
                # the kernel's own output (and Chromium's) goes to a log, not the console
                if forkserver is not None:
                    manager.__dict__["_careerlib_forkserver"] = forkserver
                    manager.__dict__["_careerlib_log"] = name
                    manager.start_kernel()
                else:
                    manager.start_kernel(stdout=log, stderr=log)
            client = _blocking_client(manager)
            client.start_channels()
            client.wait_for_ready(timeout=STARTUP_TIMEOUT)
        except Exception as exc:  # a port race, a kernel that died at start
            last = exc
            _discard(manager, client)
            Path(name).unlink(missing_ok=True)
            continue
        kernel = PreheatedKernel(manager, client, Path(name), attempts=attempt)
        try:
            kernel.run_silently(_call("preheat", list(modules), forked=forkserver is not None))
        except BaseException:
            kernel.shutdown()
            kernel.log.unlink(missing_ok=True)
            raise
        return kernel
    raise BatchError(f"no kernel started in {attempts} attempts; the last error: {last}")


_ASYNC_CLIENT = "jupyter_client.asynchronous.AsyncKernelClient"


@functools.cache
def _manager_class() -> type:
    """A KernelManager that remembers the clients it made, so a run can close them.

    papermill's client does not close the channels of a kernel it did not
    start; left open, they are closed by the garbage collector, noisily.
    """
    from jupyter_client import KernelManager

    class Manager(KernelManager):
        def client(self, **kwargs: Any) -> Any:
            made = super().client(**kwargs)
            self.__dict__.setdefault("_careerlib_clients", []).append(made)
            return made

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            server = self.__dict__.get("_careerlib_forkserver")
            if server is None:
                await super()._async_launch_kernel(kernel_cmd, **kw)
                return
            from careerlib.batch._forkserver import ForkedKernel

            cwd = str(kw.get("cwd") or os.getcwd())
            pid = server.fork(self.connection_file, self.__dict__["_careerlib_log"], cwd)
            provisioner: Any = self.provisioner
            provisioner.process = ForkedKernel(pid)
            provisioner.pid = provisioner.pgid = pid
            provisioner.cwd = cwd
            info = self.get_connection_info()
            provisioner.connection_info = info
            self._reconcile_connection_info(info)

        def close_clients(self) -> None:
            for made in self.__dict__.pop("_careerlib_clients", []):
                with contextlib.suppress(Exception):
                    made.stop_channels()
                with contextlib.suppress(Exception):
                    made.context.destroy(linger=0)

    return Manager


#: How long the run's client waits for a message on IOPub after the kernel's
#: reply, before asking again (its subscription may not be live yet), and how
#: long the channel must stay quiet to count as flushed [s].
IOPUB_CHECK = 0.05
IOPUB_QUIET = 0.02


async def _wait_for_ready(client: Any, timeout: float | None = None) -> None:
    """What jupyter_client's ``wait_for_ready`` does, without its fixed waits.

    It follows jupyter_client 8's ``KernelClient._async_wait_for_ready`` step by
    step (including its ``_handle_kernel_info_reply``), with shorter timeouts.

    A ``kernel_info`` reply, then a message on IOPub (so the subscription is
    live and no output of the first cell is lost), then IOPub flushed. The
    kernels here are preheated: jupyter_client's 0.2 s waits for IOPub to be
    quiet were most of the time a run spent in papermill (0.2-0.4 s a run).
    """
    from queue import Empty

    from jupyter_core.utils import ensure_async

    deadline = time.monotonic() + (STARTUP_TIMEOUT if timeout is None else timeout)
    while True:
        client.kernel_info()
        try:
            reply = await ensure_async(client.shell_channel.get_msg(timeout=1))
        except Empty:
            reply = None
        if reply is not None and reply["msg_type"] == "kernel_info_reply":
            try:
                await ensure_async(client.iopub_channel.get_msg(timeout=IOPUB_CHECK))
            except Empty:
                pass  # IOPub is not subscribed yet: ask again
            else:
                client._handle_kernel_info_reply(reply)
                break
        if not await ensure_async(client.is_alive()):
            raise RuntimeError("Kernel died before replying to kernel_info")
        if time.monotonic() > deadline:
            raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
    while True:  # the status messages of the kernel_info requests
        try:
            await ensure_async(client.iopub_channel.get_msg(timeout=IOPUB_QUIET))
        except Empty:
            break


@functools.cache
def _ready_client_class() -> type:
    """The client papermill runs the notebook with (:func:`_wait_for_ready`)."""
    from jupyter_client.asynchronous import AsyncKernelClient

    class ReadyClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            await _wait_for_ready(self, timeout)

    return ReadyClient


@functools.cache
def _ready_blocking_client_class() -> type:
    """The client the preheat runs with (:func:`_wait_for_ready`)."""
    from jupyter_client.blocking import BlockingKernelClient
    from jupyter_core.utils import run_sync

    class ReadyBlockingClient(BlockingKernelClient):
        wait_for_ready = run_sync(_wait_for_ready)

    return ReadyBlockingClient


def _blocking_client(manager: Any) -> Any:
    """A blocking client of ``manager``'s kernel (``manager.client()`` is asynchronous here)."""
    info = manager.get_connection_info(session=True)
    return _ready_blocking_client_class()(
        **info, connection_file=manager.connection_file, parent=manager
    )


def _close_thread_loop() -> None:
    """Close the event loop jupyter_client made in this thread (a pool thread).

    A thread's loop is otherwise left open when the thread ends; the next call
    in the thread makes a new one.
    """
    import asyncio

    with contextlib.suppress(Exception):
        loop = asyncio.get_event_loop_policy().get_event_loop()
        if not loop.is_running():
            loop.close()
            asyncio.set_event_loop(None)


def _discard(manager: Any, client: Any) -> None:
    with contextlib.suppress(Exception):
        if client is not None:
            client.stop_channels()
    with contextlib.suppress(Exception):
        manager.shutdown_kernel(now=True)
    with contextlib.suppress(Exception):
        manager.cleanup_resources()


class KernelPool:
    """One worker's supply of preheated kernels: one is always starting or ready.

    :meth:`take` hands out a ready kernel (waiting for it if it is still
    starting) and at once starts the next one in a background thread. Used
    kernels are shut down in another background thread, so that neither
    stopping nor starting a kernel holds up the next run.

    The first run that exports images starts the pool's image service (one
    browser, in the background); from then on every kernel the pool hands out
    sends its images there.
    """

    def __init__(
        self,
        *,
        modules: tuple[str, ...] = PREHEAT_MODULES,
        kernel_name: str = "python3",
        attempts: int = START_ATTEMPTS,
        fork: bool = True,
        template: str | None = None,
    ) -> None:
        """``template``: the address of a kernel template the batch shares
        (:meth:`ForkServer.start`); without it, the pool starts its own."""
        self.modules = modules
        self.kernel_name = kernel_name
        self.attempts = attempts
        # import jupyter_client here, in the caller's thread: the first import
        # of a module in the starter thread while this thread imports papermill
        # (which imports jupyter_client too) fails as a circular import
        _manager_class()
        import jupyter_client.asynchronous  # noqa: F401
        import jupyter_client.blocking  # noqa: F401

        # the default kernel, forked from a template that has imported `modules`
        self._forkserver: ForkServer | None = None
        if fork and kernel_name == "python3" and forking_available():
            self._forkserver = ForkServer.connect(template) if template else ForkServer(modules)
        self._logs = Path(tempfile.mkdtemp(prefix="careerlib-kernels-"))
        self._starter = cf.ThreadPoolExecutor(1, thread_name_prefix="careerlib-preheat")
        self._reaper = cf.ThreadPoolExecutor(1, thread_name_prefix="careerlib-shutdown")
        self._next: cf.Future[PreheatedKernel] | None = None
        self._images: ImageService | None = None
        self._images_elsewhere: tuple[str, bytes] | None = None
        self._lock = threading.Lock()
        self._closed = False

    def _start(self) -> PreheatedKernel:
        try:
            return start_kernel(
                modules=self.modules,
                kernel_name=self.kernel_name,
                log_dir=self._logs,
                attempts=self.attempts,
                forkserver=self._forkserver,
            )
        finally:
            _close_thread_loop()

    @property
    def image_service(self) -> ImageService | None:
        """The pool's own image service, once a run that exports images has started it."""
        return self._images

    def use_image_service(self, address: tuple[str, bytes]) -> None:
        """Send every kernel's images to a service someone else runs (the batch's)."""
        with self._lock:
            self._images_elsewhere = address

    def start_images(self) -> tuple[str, bytes] | None:
        """The address of the image service, started now unless it runs (its browser
        comes up in the background); None where there can be none (no Unix sockets):
        each kernel then draws its own."""
        with self._lock:
            if self._closed:
                raise BatchError("the kernel pool is closed")
            if self._images_elsewhere is not None:
                return self._images_elsewhere
            if self._images is None:
                if not image_service_available():
                    return None
                self._images = ImageService()
            service = self._images
        return service.address

    def _image_address(self) -> tuple[str, bytes] | None:
        with self._lock:
            if self._images_elsewhere is not None:
                return self._images_elsewhere
            service = self._images
        return None if service is None else service.address

    def prepare(self, images: bool = False) -> None:
        """Start the first kernel now, before the first run asks for it, and with
        ``images`` the image service."""
        if images:
            self.start_images()
        with self._lock:
            if self._next is None and not self._closed:
                self._next = self._starter.submit(self._start)

    def take(self, images: bool = False, *, preheat_next: bool = True) -> PreheatedKernel:
        """A started kernel no run has used; with ``images``, the image service runs.

        Unless ``preheat_next`` is False (the batch is ending), the next kernel
        starts at once.

        Raises
        ------
        BatchError
            When the kernel could not be started.
        """
        address = self.start_images() if images else self._image_address()
        with self._lock:
            if self._closed:
                raise BatchError("the kernel pool is closed")
            future = self._next or self._starter.submit(self._start)
            self._next = self._starter.submit(self._start) if preheat_next else None
        kernel = future.result()
        if address is not None:
            try:
                kernel.use_images(address)
            except BaseException:
                self.release(kernel)
                raise
        return kernel

    def release(self, kernel: PreheatedKernel, log: Path | None = None) -> None:
        """Append a used kernel's log to ``log`` now, and shut it down in the background.

        The log is copied before this returns: the run's folder may be gone
        (a remote run's temporary folder) by the time the kernel has stopped.
        """
        try:
            if log is not None and kernel.log.stat().st_size:
                with open(kernel.log, "rb") as src, open(log, "ab") as dst:
                    shutil.copyfileobj(src, dst)
        except OSError:
            pass

        def stop() -> None:
            try:
                kernel.shutdown()
            finally:
                kernel.log.unlink(missing_ok=True)
                _close_thread_loop()

        try:
            self._reaper.submit(stop)
        except RuntimeError:  # the pool is closing: stop it here
            stop()

    def close(self) -> None:
        """Shut down the kernel that waits for a run, and stop the threads."""
        with self._lock:
            self._closed = True
            waiting, self._next = self._next, None
        if waiting is not None:
            with contextlib.suppress(Exception):
                waiting.result().shutdown()
        self._starter.shutdown(wait=True)
        self._reaper.shutdown(wait=True)
        if self._images is not None:
            self._images.close()
        if self._forkserver is not None:
            self._forkserver.close()
        shutil.rmtree(self._logs, ignore_errors=True)

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
