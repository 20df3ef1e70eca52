"""Running the coaching notebooks for many clients at once (papermill).

:func:`run_batch` executes every (notebook, client) pair into
``OUT/<client>/<notebook>.ipynb``, with an HTML report beside it (code cells
left out, charts drawn offline) and whatever the notebook exports into
``OUT/<client>/``. It:

* checks every parameter against every notebook's ``parameters`` cell before
  any kernel starts or anything is submitted (papermill itself only warns about
  unknown names) and converts ``-p`` values to the type the notebook declares;
* runs pairs in parallel worker processes, each of which imports papermill and
  nbconvert once and keeps its next kernel *preheated*: started, with
  careerlib, pandas and plotly imported, while the current run executes. Every
  run gets a kernel no other run has used (:mod:`careerlib.batch._kernels`).
  One browser per worker draws every image its kernels export
  (:mod:`careerlib.batch._images`);
* or hands the pairs to any :class:`concurrent.futures.Executor`, such as a Dask
  cluster's (``scheduler="tcp://HOST:8786"``): the inputs travel with each pair
  and the outputs come back into ``out_dir`` on this machine, so the workers
  need the same environment but no shared file system;
* isolates failures: a failing pair keeps its output notebook with the failing
  cell and error, and the others go on;
* never writes over an input notebook or client file, and writes every output
  through a temporary file and a rename;
* records every pair in ``OUT/manifest.json`` (status, timing, versions); a
  re-run replaces the entries and files of its own pairs only;
* shows a progress bar with the time left (tqdm) on standard error.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerlib.batch._plan import (
    PRACTICE,
    BatchResult,
    Job,
    JobResult,
    _running_in,
    _write_manifest,
    clean_stale_temporaries,
    expand_clients,
    notebook_parameters,
    parse_parameter,
    plan_jobs,
)
from careerlib.batch._report import notebook_to_html
from careerlib.exceptions import BatchError, BatchInterrupted

__all__ = [
    "BatchResult",
    "Job",
    "JobResult",
    "clean_stale_temporaries",
    "expand_clients",
    "notebook_parameters",
    "notebook_to_html",
    "parse_parameter",
    "plan_jobs",
    "run_batch",
    "run_samples",
]


def run_batch(
    notebooks: Sequence[str | Path],
    clients: Sequence[str | Path],
    out_dir: str | Path,
    *,
    jobs: int | None = None,
    parameters: Mapping[str, Any] | None = None,
    progress: bool = True,
    executor: cf.Executor | None = None,
    scheduler: str | None = None,
    pdf: bool = False,
    shared_js: bool = False,
) -> BatchResult:
    """Run every notebook for every client; see the module docstring.

    Parameters
    ----------
    notebooks
        Notebook files, each with a cell tagged ``parameters`` that declares
        at least ``client`` and ``out_dir``.
    clients
        Client profile files (paths or glob patterns).
    out_dir
        Where ``<client>/<notebook>.ipynb``, ``.html``, exports and
        ``manifest.json`` go.
    jobs
        Worker processes (default: the number of cores). With ``executor``, only
        recorded in the manifest.
    parameters
        Further parameters for every notebook, as text (converted to the type
        each notebook declares) or as Python values.
    progress
        Show a progress bar with the time left on standard error.
    executor
        Run the pairs there instead of in local worker processes: any
        :class:`concurrent.futures.Executor` (a Dask client's
        ``get_executor()``, a process pool...). Each pair's notebook, client
        file and the files the client file names are sent with it; its outputs
        come back into ``out_dir``. A notebook about the whole practice (it
        declares ``clients``) runs here, once the other pairs are back.
    scheduler
        The address of a Dask scheduler (``tcp://HOST:8786``): run the pairs on
        its workers (needs ``dask`` and ``distributed``).
    pdf
        Also print each HTML report to a PDF beside it (Chromium).
    shared_js
        Write plotly.js once into ``out_dir`` and have the reports refer to
        it, instead of inlining it into each (the default: a single file
        always opens offline).

    Returns
    -------
    BatchResult
        Every pair's status; ``ok`` is False when any pair failed.

    Raises
    ------
    BatchError
        Before anything runs, for any input that cannot work, or a scheduler
        that cannot be reached.
    """
    if executor is not None and scheduler is not None:
        raise BatchError("give an executor or a scheduler address, not both")
    started = time.perf_counter()
    with _kernel_template(executor is None and scheduler is None) as template:
        client_paths = expand_clients(clients)
        planned = plan_jobs(notebooks, client_paths, out_dir, parameters)
        return _run_planned(
            planned, out_dir, jobs, progress, executor, scheduler, pdf, shared_js, started, template
        )


@contextlib.contextmanager
def _kernel_template(local: bool) -> Iterator[str | None]:
    """The address of the kernel template every local worker forks its kernels from.

    Started before the inputs are checked, so that its imports (the largest
    part of a batch's start) go on meanwhile; ended with the batch. None where
    kernels are not forked (not POSIX) or run elsewhere (an executor).
    """
    from careerlib.batch._forkserver import ForkServer, available
    from careerlib.batch._kernels import PREHEAT_MODULES

    if not (local and available()):
        yield None
        return
    with ForkServer(PREHEAT_MODULES) as template:
        yield template.start()


def _run_planned(
    planned: list[Job],
    out_dir: str | Path,
    jobs: int | None,
    progress: bool,
    executor: cf.Executor | None,
    scheduler: str | None,
    pdf: bool,
    shared_js: bool,
    started: float,
    template: str | None,
) -> BatchResult:
    """Run checked pairs here, on an executor or on a Dask cluster (see :func:`run_batch`)."""
    out = Path(out_dir)
    post = _Post(pdf, shared_js)
    whole = [j for j in planned if j.client == Path(PRACTICE)]
    if whole and (executor is not None or scheduler is not None):
        # its inputs are every client's files, here: it runs here, after the others
        each = [j for j in planned if j.client != Path(PRACTICE)]
        elsewhere = (
            _run_planned(
                each, out, jobs, progress, executor, scheduler, pdf, shared_js, started, None
            )
            if each
            else None
        )
        with _running_in(out):
            here = _run_here(whole, out, 1, progress, started, post)
        return _combined(planned, [r for r in (elsewhere, here) if r is not None], started)
    if scheduler is not None:
        from careerlib.batch._dask import dask_executor

        with (
            dask_executor(scheduler, images=_any_images(planned)) as (remote, threads),
            _running_in(out),
        ):
            return _run_elsewhere(planned, out, remote, jobs or threads, progress, started, post)
    with _running_in(out):
        if executor is not None:
            workers = jobs or int(getattr(executor, "_max_workers", 0) or 0)
            return _run_elsewhere(planned, out, executor, workers, progress, started, post)
        return _run_here(planned, out, jobs, progress, started, post, template)


def _combined(planned: Sequence[Job], parts: Sequence[BatchResult], started: float) -> BatchResult:
    """One result of batches run one after the other into one folder (one manifest)."""
    by_pair = {(r.notebook, r.client): r for part in parts for r in part.results}
    results = tuple(by_pair[(str(j.notebook), j.client.stem)] for j in planned)
    return BatchResult(
        results,
        parts[-1].manifest,
        round(time.perf_counter() - started, 2),
        max(part.jobs for part in parts),
    )


def _order(planned: Sequence[Job]) -> list[int]:
    """The order to submit pairs in: those whose notebooks export images last.

    The batch's image service starts its browser at the start of the batch;
    the runs that need it come once it is up.
    """
    from careerlib.batch._run import wants_images

    return sorted(range(len(planned)), key=lambda i: wants_images(planned[i].notebook))


def _any_images(planned: Sequence[Job]) -> bool:
    """Whether any pair's notebook exports images (then the batch starts its image service)."""
    from careerlib.batch._run import wants_images

    return any(wants_images(job.notebook) for job in planned)


@dataclass(frozen=True)
class _Post:
    """What happens to the HTML reports once every pair has run (careerlib.report)."""

    pdf: bool = False
    shared_js: bool = False


def _run_here(
    planned: list[Job],
    out: Path,
    jobs: int | None,
    progress: bool,
    started: float,
    post: _Post = _Post(),
    template: str | None = None,
) -> BatchResult:
    """Local worker processes (or this process for one job), each with its kernel pool,
    forking kernels from ``template`` (see :func:`_kernel_template`)."""
    from careerlib.batch._images import ImageService
    from careerlib.batch._images import available as images_available
    from careerlib.batch._kernels import KernelPool
    from careerlib.batch._run import run_job, worker_init

    workers = max(1, min(jobs or os.cpu_count() or 1, len(planned)))
    order = _order(planned)
    bar = _progress(len(planned), progress)
    results: dict[int, JobResult] = {}
    try:
        if workers == 1:
            with KernelPool(template=template) as pool:
                pool.prepare(_any_images(planned))
                for n, i in enumerate(order):
                    results[i] = run_job(planned[i], pool, preheat_next=n < len(order) - 1)
                    bar(planned[i], results[i])
        else:
            ctx = multiprocessing.get_context("spawn")
            with contextlib.ExitStack() as stack:
                # one browser draws every worker's images
                images = (
                    stack.enter_context(ImageService())
                    if _any_images(planned) and images_available()
                    else None
                )
                pool_ = stack.enter_context(
                    cf.ProcessPoolExecutor(
                        workers,
                        mp_context=ctx,
                        initializer=worker_init,
                        # workers die with this process, even by kill -9
                        initargs=(images.address if images else False, os.getpid(), template),
                    )
                )
                # the last pairs leave no kernel starting for nobody
                last = len(order) - workers
                futures = {
                    pool_.submit(run_job, planned[i], None, n < last): i
                    for n, i in enumerate(order)
                }
                try:
                    for future in cf.as_completed(futures):
                        i = futures[future]
                        results[i] = _result_or_failure(future, planned[i])
                        bar(planned[i], results[i])
                except KeyboardInterrupt:
                    # Ctrl-C: no pair more, and the running ones end now (their
                    # kernels end with the template, their half-written files
                    # are temporaries the next run removes)
                    pool_.shutdown(wait=False, cancel_futures=True)
                    for worker in multiprocessing.active_children():
                        worker.kill()
                    raise
    except KeyboardInterrupt:
        bar(None, None)
        raise _interrupted(planned, results, out, workers, started) from None
    finally:
        bar(None, None)
    return _finish(planned, results, out, workers, started, post)


def _interrupted(
    planned: list[Job], results: dict[int, JobResult], out: Path, workers: int, started: float
) -> BatchInterrupted:
    """Ctrl-C: the runs that ended go into the manifest; what to tell the coach."""
    done = tuple(results[i] for i in sorted(results))
    where = ""
    if done:
        manifest = _write_manifest(out, done, workers, time.perf_counter() - started)
        where = f"; they are in {manifest}"
    return BatchInterrupted(
        f"stopped (Ctrl-C) after {len(done)} of {len(planned)} runs{where}; "
        "run the same command again for the others"
    )


def _run_elsewhere(
    planned: list[Job],
    out: Path,
    executor: cf.Executor,
    workers: int,
    progress: bool,
    started: float,
    post: _Post = _Post(),
) -> BatchResult:
    """Any executor: each pair travels with its inputs; its outputs come back here."""
    from careerlib.batch._run import portable, run_portable, unpack

    order = _order(planned)
    last = len(order) - max(workers, 1)
    tasks = {i: portable(planned[i], n < last) for n, i in enumerate(order)}
    bar = _progress(len(planned), progress)
    results: dict[int, JobResult] = {}
    try:
        futures = {executor.submit(run_portable, tasks[i]): i for i in order}
        for future in cf.as_completed(futures):
            i = futures[future]
            try:
                results[i] = unpack(tasks[i], future.result())
            except Exception as exc:  # the worker died, or its answer was lost
                results[i] = _failure(planned[i], exc)
            bar(planned[i], results[i])
    finally:
        bar(None, None)
    return _finish(planned, results, out, workers, started, post)


def _result_or_failure(future: cf.Future[JobResult], job: Job) -> JobResult:
    try:
        return future.result()
    except Exception as exc:  # the worker itself died
        return _failure(job, exc)


def _failure(job: Job, exc: BaseException) -> JobResult:
    return JobResult(
        str(job.notebook),
        job.client.stem,
        "failed",
        0.0,
        str(job.output),
        error=f"{type(exc).__name__}: {exc}",
    )


def _finish(
    planned: list[Job],
    results: dict[int, JobResult],
    out: Path,
    workers: int,
    started: float,
    post: _Post = _Post(),
) -> BatchResult:
    ordered = tuple(results[i] for i in range(len(planned)))
    if post.pdf or post.shared_js:
        ordered = _finish_reports(ordered, out, post, workers)
    seconds = time.perf_counter() - started
    manifest = _write_manifest(out, ordered, workers, seconds)
    return BatchResult(ordered, manifest, round(seconds, 2), workers)


def _finish_reports(
    results: tuple[JobResult, ...], out: Path, post: _Post, workers: int
) -> tuple[JobResult, ...]:
    """The reports' post-processing (PDF, shared plotly.js): careerlib.report does it."""
    from dataclasses import replace

    from careerlib.report.pdf import finish_reports

    done = [Path(r.html) for r in results if r.html]
    failed = finish_reports(done, out, pdf=post.pdf, shared_js=post.shared_js, jobs=max(workers, 1))
    return tuple(
        replace(r, status="failed", error=f"report post-processing failed: {failed[Path(r.html)]}")
        if r.html and Path(r.html) in failed
        else r
        for r in results
    )


def run_samples(
    out_dir: str | Path = "reports", *, jobs: int | None = None, progress: bool = True
) -> BatchResult:
    """Run every notebook that comes with careerlib for every sample client.

    The notebooks and the clients are careerlib's own (see :mod:`careerlib._paths`:
    ``CAREERLIB_DATA`` may bring other clients).

    This is ``careerlib demo`` (and ``make demo``): the coaching notebooks for
    the sample clients, with today as the review date.
    """
    from careerlib._paths import data_path, notebooks_dir

    notebooks = sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb"))
    if not notebooks:
        raise BatchError(f"no notebook in {notebooks_dir()}")
    clients = sorted(data_path("clients").glob("*.yaml"))
    return run_batch(notebooks, clients, out_dir, jobs=jobs, progress=progress)


def _progress(total: int, enabled: bool) -> Callable[[Job | None, JobResult | None], None]:
    """A tqdm bar on stderr: runs done, the time left, the last pair; ``(None, None)`` closes it."""
    from tqdm import tqdm

    bar = tqdm(
        total=total,
        unit="run",
        disable=not enabled,
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.1,
    )
    failed = 0

    def show(job: Job | None, result: JobResult | None) -> None:
        nonlocal failed
        if job is None or result is None:
            bar.close()
            return
        if not result.ok:
            failed += 1
            bar.set_description(f"{failed} failed", refresh=False)
        bar.set_postfix_str(f"{job.name} {'ok' if result.ok else 'FAILED'}", refresh=False)
        bar.update()

    return show
