"""One pair, run in a worker: a preheated kernel, papermill, the HTML report.

:func:`run_job` runs a :class:`~careerlib.batch._plan.Job` whose files the
worker can read and write (the local worker processes; a Dask worker runs it
on copies of the files, see :mod:`careerlib.batch._pack`). The warnings the
libraries give meanwhile (papermill, nbformat) go into its result, one line
each, instead of the terminal.

Each worker process keeps one :class:`~careerlib.batch._kernels.KernelPool`
(:func:`worker_pool`): its next kernel starts while the current run executes.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import re
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from careerlib._atomic import atomic_path, write_text
from careerlib._speedups import skip_slow_optional_imports
from careerlib.batch._kernels import KernelPool, PreheatedKernel, _call, _close_thread_loop
from careerlib.batch._plan import Job, JobResult
from careerlib.batch._report import notebook_to_html

__all__ = ["close_worker_pool", "run_job", "wants_images", "worker_pool"]

_POOL: KernelPool | None = None
_POOL_LOCK = threading.Lock()

# An image export in a code cell: a file name ending in an image suffix, or
# kaleido's and careerlib's image calls.
_IMAGE_CODE = re.compile(
    r"""\.(png|svg|pdf)\b|write_image|to_image|image_server|calc_fig""", re.IGNORECASE
)


@functools.lru_cache(maxsize=256)
def wants_images(notebook: Path) -> bool:
    """Whether a notebook's code exports images (then its worker starts its image service).

    Only a hint for speed: a notebook that exports images without saying so
    here still works; its exports use the worker's browser once another run
    has started it, and start one each before.
    """
    import json

    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return False
    for cell in cells:
        if cell.get("cell_type") == "code":
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else str(source)
            if _IMAGE_CODE.search(text):
                return True
    return False


def worker_pool(template: str | None = None) -> KernelPool:
    """This process's kernel pool, made on first use (forking its kernels from the
    batch's ``template`` when given) and closed at exit."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = KernelPool(template=template)
            atexit.register(close_worker_pool)
        return _POOL


def close_worker_pool() -> None:
    """End this process's kernel pool: its waiting kernel, its browser (made again on use)."""
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.close()


def worker_init(
    images: bool | tuple[str, bytes] = False,
    parent: int | None = None,
    template: str | None = None,
) -> None:
    """Set a worker process up: it ends with ``parent``, imports the slow modules
    once, and its first kernel starts.

    ``images`` is the address of the batch's image service, which every kernel
    then uses; or True to start the worker's own (a batch that exports images).
    ``template`` is the address of the batch's kernel template.
    """
    if parent is not None:
        import signal

        from careerlib.batch._plan import die_with_parent

        die_with_parent(parent)
        # a Ctrl-C in the terminal reaches every process of the run: the command
        # handles it (it stops the workers), a worker does not print its own
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    skip_slow_optional_imports()
    pool = worker_pool(template)
    if isinstance(images, tuple):
        pool.use_image_service(images)
    pool.prepare(images is True)
    import nbconvert  # noqa: F401  (imported once per worker, not once per pair)
    import papermill  # noqa: F401


def run_job(job: Job, pool: KernelPool | None = None, preheat_next: bool = True) -> JobResult:
    """Run one pair in a fresh preheated kernel: execute the notebook, then write its report.

    The worker's next kernel starts meanwhile, unless ``preheat_next`` is False
    (no pair is left for it). The kernel's own log goes to ``<notebook>.log``
    beside the output; the warnings given meanwhile go to the result.
    """
    from dataclasses import replace

    with _warnings_of_run() as caught:
        result = _run_in_kernel(job, pool, preheat_next)
    return replace(result, warnings=list(dict.fromkeys(caught)))


def _run_in_kernel(job: Job, pool: KernelPool | None, preheat_next: bool) -> JobResult:
    skip_slow_optional_imports()
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    pool = pool or worker_pool()
    job.out_dir.mkdir(parents=True, exist_ok=True)
    log = job.output.with_suffix(".log")
    started = time.perf_counter()
    cell: int | None = None
    error: str | None = None
    timings: dict[str, float] = {}
    executed: Any = None
    kernel: PreheatedKernel | None = None
    written = False
    try:
        with atomic_path(job.output) as tmp:
            try:
                kernel = pool.take(wants_images(job.notebook), preheat_next=preheat_next)
                # papermill runs a notebook in its folder: relative paths in its cells
                kernel.run_silently(_chdir(job.notebook.parent))
                timings["kernel"] = round(time.perf_counter() - started, 3)
                executed = papermill.execute_notebook(
                    str(job.notebook),
                    str(tmp),
                    parameters=job.parameters,
                    progress_bar=False,
                    km=kernel.manager,
                    # write the notebook once at the end (or at the failing
                    # cell), not twice a cell
                    request_save_on_cell_execute=False,
                    # widgets need their kernel; their saved state would only
                    # bloat the notebook
                    store_widget_state=False,
                )
            except PapermillExecutionError as exc:
                cell, error = exc.exec_count, f"{exc.ename}: {exc.evalue}"
            except Exception as exc:  # kernel died, could not start...: still a result
                error = f"{type(exc).__name__}: {exc}"
            finally:
                if kernel is not None:
                    kernel.close_clients()
                    pool.release(kernel, log)
            written = tmp.exists()
            if not written:
                raise _NothingWritten
    except _NothingWritten:
        pass
    finally:
        if threading.current_thread() is not threading.main_thread():
            # an executor's thread: close the event loop papermill made in it,
            # which would otherwise outlive the thread
            _close_thread_loop()
    timings["execute"] = round(time.perf_counter() - started - timings.get("kernel", 0.0), 3)
    seconds = time.perf_counter() - started
    html: str | None = None
    if written:
        report = time.perf_counter()
        try:
            if executed is None:
                executed = nbformat.read(job.output, as_version=4)
            write_text(job.html, notebook_to_html(executed))
            html = str(job.html)
        except Exception as exc:
            error = error or f"HTML report failed: {type(exc).__name__}: {exc}"
        timings["report"] = round(time.perf_counter() - report, 3)
    if not log.exists():
        log.touch()
    return JobResult(
        notebook=str(job.notebook),
        client=job.client.stem,
        status="ok" if error is None else "failed",
        seconds=round(seconds, 2),
        output=str(job.output),
        html=html,
        cell=cell,
        error=error,
        timings=timings,
    )


class _NothingWritten(Exception):
    """The run ended before papermill wrote its notebook (the kernel did not start)."""


def _chdir(folder: Path) -> str:
    return _call("chdir", str(folder))


# --- the warnings of a run -----------------------------------------------------------

_SINK = threading.local()


def _hook_warnings() -> None:
    """Send the warnings shown in a thread that runs a pair to its sink, not to stderr.

    One hook for the process (``warnings.showwarning``), put back when another
    replaced it (the command line's own); a thread without a sink shows its
    warnings as before.
    """
    shown = warnings.showwarning
    if getattr(shown, "careerlib_runs", False):
        return

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Any = None,
        line: str | None = None,
    ) -> None:
        sink = getattr(_SINK, "lines", None)
        if sink is None:
            shown(message, category, filename, lineno, file, line)
            return
        sink.append(f"{category.__name__}: {message}")

    show.careerlib_runs = True  # type: ignore[attr-defined]
    warnings.showwarning = show


@contextlib.contextmanager
def _warnings_of_run() -> Iterator[list[str]]:
    """The warnings shown in this thread while the block runs, one line each."""
    _hook_warnings()
    lines: list[str] = []
    _SINK.lines = lines
    try:
        yield lines
    finally:
        _SINK.lines = None
