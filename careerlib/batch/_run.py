"""One pair, run in a worker: a preheated kernel, papermill, the HTML report.

:func:`run_job` runs a :class:`~careerlib.batch._plan.Job` whose files the
worker can read and write (the local worker processes). :func:`run_portable`
runs one on a machine that shares no file system with the submitting one (a
Dask worker): the notebook, the client file and the files the client file
names travel with the task, and the outputs come back as bytes.

Each worker process keeps one :class:`~careerlib.batch._kernels.KernelPool`
(:func:`worker_pool`): its next kernel starts while the current run executes.
"""

from __future__ import annotations

import atexit
import functools
import re
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from careerlib._atomic import atomic_path, write_bytes, write_text
from careerlib._speedups import skip_slow_optional_imports
from careerlib.batch._kernels import KernelPool, PreheatedKernel, _call, _close_thread_loop
from careerlib.batch._plan import Job, JobResult
from careerlib.batch._report import notebook_to_html
from careerlib.exceptions import BatchError

__all__ = ["Portable", "PortableResult", "run_job", "run_portable", "wants_images", "worker_pool"]

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
            atexit.register(_close_pool)
        return _POOL


def _close_pool() -> None:
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
    beside the output.
    """
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
                    # widgets need their kernel; their saved state (plotly.js in
                    # each FigureWidget, about 5 MB) would only bloat the notebook
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


# --- a pair for a machine without the submitting machine's files ---------------------


@dataclass(frozen=True)
class Portable:
    """A pair with its input files as bytes, keyed by their path relative to ``root``."""

    job: Job
    root: Path
    files: dict[str, bytes]
    preheat_next: bool = True


@dataclass(frozen=True)
class PortableResult:
    """A pair's result, and the files it wrote under its out folder, as bytes."""

    result: JobResult
    files: dict[str, bytes]


def portable(job: Job, preheat_next: bool = True) -> Portable:
    """Pack a pair's inputs: the notebook, the client file, and the files it names.

    The client file's values that name an existing file beside it (``plan``,
    ``target_role``, ``peers``, ``metrics`` in a client profile) travel with it,
    keeping their places relative to one another.
    """
    paths = [job.notebook, job.client, *_named_files(job.client)]
    root = Path(_common_folder(paths))
    files = {str(p.relative_to(root)): p.read_bytes() for p in paths}
    return Portable(job, root, files, preheat_next)


def _named_files(client: Path) -> list[Path]:
    import yaml

    try:
        data = yaml.safe_load(client.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    found: list[Path] = []
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, str) and value and "\n" not in value and len(value) < 500:
                path = (client.parent / value).resolve()
                if path.is_file() and path not in found and path != client:
                    found.append(path)
    return found


def _common_folder(paths: list[Path]) -> str:
    import os

    return os.path.commonpath([str(p.resolve().parent) for p in paths])


def run_portable(task: Portable) -> PortableResult:
    """Run a packed pair in a temporary folder and return its outputs as bytes.

    Runs in the worker's own kernel pool. The files written under the pair's
    out folder come back keyed by their path relative to it.
    """
    job = task.job
    with tempfile.TemporaryDirectory(prefix="careerlib-run-") as tmp:
        inputs = Path(tmp) / "in"
        for rel, data in task.files.items():
            target = inputs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        out = Path(tmp) / "out" / job.client.stem
        here = replace(
            job,
            notebook=inputs / job.notebook.relative_to(task.root),
            client=inputs / job.client.relative_to(task.root),
            out_dir=out,
            output=out / job.output.name,
            html=out / job.html.name,
            parameters={
                **job.parameters,
                "client": str(inputs / job.client.relative_to(task.root)),
                "out_dir": str(out),
            },
        )
        result = run_job(here, preheat_next=task.preheat_next)
        files = {
            str(p.relative_to(out)): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file() and not p.is_symlink()
        }
    return PortableResult(result, files)


def unpack(task: Portable, done: PortableResult) -> JobResult:
    """Write a portable run's files into the pair's out folder; its result, with local paths."""
    job = task.job
    out = job.out_dir.resolve()
    for rel, data in done.files.items():
        target = (out / rel).resolve()
        if not target.is_relative_to(out):
            raise BatchError(f"a remote run returned a file outside its folder: {rel!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, data)
    r = done.result
    return replace(
        r,
        notebook=str(job.notebook),
        output=str(job.output),
        html=str(job.html) if r.html is not None else None,
    )
