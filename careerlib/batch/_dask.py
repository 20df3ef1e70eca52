"""Batch runs on a Dask distributed cluster: ``careerlib run ... --scheduler tcp://HOST:8786``.

The pairs go to the cluster's workers through the client's
:class:`concurrent.futures.Executor` (``Client.get_executor``). The run's
input files go to every worker once (``Client.scatter``); each pair takes them
there and brings its outputs back (:func:`careerlib.batch._pack.run_portable`).
Every worker process keeps its own pool of preheated kernels, like the local
worker processes. Kernels are child processes of a Dask worker: the memory
limits Dask enforces on a worker do not count them.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from careerlib.exceptions import BatchError

__all__ = ["CONNECT_TIMEOUT", "DaskCluster", "dask_executor"]

#: How long to wait for the scheduler to answer.
CONNECT_TIMEOUT = "15s"


def _prepare_worker(images: bool) -> None:
    """Start a worker's first kernel (and its image service) before its first pair arrives."""
    from careerlib.batch._run import worker_pool

    worker_pool().prepare(images)


@dataclass(frozen=True)
class DaskCluster:
    """What a run uses of a Dask cluster: an executor, its worker threads, and how to
    send an object to every worker once (``share(obj)`` is a future a task may take)."""

    executor: cf.Executor
    threads: int
    share: Callable[[Any], Any]


@contextlib.contextmanager
def dask_executor(address: str, *, images: bool = False) -> Iterator[DaskCluster]:
    """Connect to the Dask scheduler at ``address``; yield what a run needs of it.

    Raises
    ------
    BatchError
        When Dask is not installed, or the scheduler does not answer, or it has
        no worker.
    """
    try:
        from distributed import Client
    except ImportError:
        raise BatchError(
            "--scheduler needs Dask: pip install dask distributed (on every machine)"
        ) from None
    if "://" not in address:
        raise BatchError(f"a scheduler address looks like tcp://HOST:8786, got {address!r}")
    with _one_line_logs():
        yield from _connected(Client, address, images)


def _connected(client_class: Any, address: str, images: bool) -> Iterator[DaskCluster]:
    try:
        client = client_class(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BatchError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        threads = sum(client.nthreads().values())
        if not threads:
            raise BatchError(
                f"the Dask scheduler at {address} has no worker: start `dask worker {address}`"
            )
        try:
            client.run(_prepare_worker, images)
        except Exception as exc:  # careerlib missing on a worker, or another version
            raise BatchError(
                f"the Dask workers at {address} cannot run careerlib ({type(exc).__name__}: "
                f"{exc}); install the same environment on every machine"
            ) from None

        def share(obj: Any) -> Any:
            # one object, not a collection of them; every worker gets it now
            return client.scatter(obj, broadcast=True, hash=False)

        yield DaskCluster(client.get_executor(pure=False), threads, share)
    finally:
        _release_workers(client)
        client.close()


def _release_workers(client: Any) -> None:
    """The run is over: each worker ends its waiting kernel and its browser."""
    from careerlib.batch._run import close_worker_pool

    with contextlib.suppress(Exception):  # a worker gone meanwhile
        client.run(close_worker_pool)


class _OneLine(logging.Handler):
    """A log record of Dask (or of the libraries under it) as one line on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        from careerlib._text import clip, one_line

        if getattr(record, "careerlib_shown", False):
            return  # this handler sits on a logger and its parent: once a record
        record.careerlib_shown = True
        try:
            first = (record.getMessage().strip().splitlines() or [""])[0]
            line = f"careerlib: dask: {record.levelname.lower()}: {clip(one_line(first), 300)}"
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        except Exception:  # a log line must never end a run
            pass


@contextlib.contextmanager
def _one_line_logs() -> Iterator[None]:
    """While the run uses the cluster, what Dask logs here (warnings and errors: a worker
    lost, a connection dropped) is one line each on stderr, without its traceback."""
    handler = _OneLine(logging.WARNING)
    saved: list[tuple[logging.Logger, list[logging.Handler]]] = []
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.handlers[:]))
        logger.handlers[:] = [handler]
    try:
        yield
    finally:
        for logger, handlers in saved:
            logger.handlers[:] = handlers


#: The loggers Dask gives handlers of their own (its configuration's ``logging``).
_LOGGERS = ("distributed", "distributed.client", "distributed.gc", "tornado", "bokeh")
