"""``run_batch``: every pair, run here, on an executor or on a Dask cluster, into ``OUT``.

The pairs are planned and checked first (:mod:`careerlib.batch._plan`); each
then runs into its staging folder (:mod:`careerlib.batch._staging`), locally in
worker processes or elsewhere with its input files packed
(:mod:`careerlib.batch._pack`), and is swapped into ``OUT`` whole once done
(and its reports post-processed); the manifest follows each swap
(:mod:`careerlib.batch._manifest`).
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from careerlib.batch._manifest import reconcile_manifest, write_manifest
from careerlib.batch._plan import BatchResult, Job, JobResult, expand_clients, plan_jobs
from careerlib.batch._staging import commit, discard, new_run_id, running_in, staged
from careerlib.exceptions import BatchError, BatchInterrupted

__all__ = ["run_batch", "run_samples"]


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
    """Run every notebook for every client; see :mod:`careerlib.batch`.

    Parameters
    ----------
    notebooks
        Notebook files, each with a cell tagged ``parameters`` that declares
        at least ``client`` (or ``clients``) and ``out_dir``.
    clients
        Client profile files (paths or glob patterns).
    out_dir
        Where ``<client>/<notebook>/`` (the notebook, its HTML report, its
        exports) and ``manifest.json`` go.
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
        ``get_executor()``, a process pool...). Each pair's notebook and the
        files its client's analyses read are sent with it; its outputs come
        back into ``out_dir``.
    scheduler
        The address of a Dask scheduler (``tcp://HOST:8786``): run the pairs on
        its workers (needs ``dask`` and ``distributed``); the run's input files
        go to the workers once.
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
    InputError, DataError
        Before anything runs, for a client profile (or a file it names) that
        is not valid.
    """
    if executor is not None and scheduler is not None:
        raise BatchError("give an executor or a scheduler address, not both")
    started = time.perf_counter()
    local = executor is None and scheduler is None
    with _kernel_template(local) as template:
        client_paths = expand_clients(clients)
        planned = plan_jobs(notebooks, client_paths, out_dir, parameters, portable=not local)
        into = _Into(Path(out_dir), new_run_id(), planned, _Post(pdf, shared_js), started)
        if scheduler is not None:
            from careerlib.batch._dask import dask_executor

            with (
                dask_executor(scheduler, images=_any_images(planned)) as cluster,
                running_in(into.out),
            ):
                reconcile_manifest(into.out)
                return _run_elsewhere(
                    into, cluster.executor, jobs or cluster.threads, progress, cluster.share
                )
        with running_in(into.out):
            reconcile_manifest(into.out)
            if executor is not None:
                workers = jobs or int(getattr(executor, "_max_workers", 0) or 0)
                return _run_elsewhere(into, executor, workers, progress)
            return _run_here(into, jobs, progress, template)


@contextlib.contextmanager
def _kernel_template(local: bool) -> Iterator[str | None]:
    """The address of the kernel template every local worker forks its kernels from.

    Started before the inputs are checked, so that its imports (the largest
    part of a batch's start) go on meanwhile; ended with the batch. None where
    kernels are not forked (not POSIX) or run elsewhere (an executor).
    """
    from careerlib.batch._forkserver import ForkServer, forking_available
    from careerlib.batch._kernels import PREHEAT_MODULES

    if not (local and forking_available()):
        yield None
        return
    with ForkServer(PREHEAT_MODULES) as template:
        yield template.start()


@dataclass(frozen=True)
class _Post:
    """What happens to the HTML reports once every pair has run (careerlib.report)."""

    pdf: bool = False
    shared_js: bool = False

    @property
    def any(self) -> bool:
        return self.pdf or self.shared_js


@dataclass
class _Into:
    """One run's outputs into ``out``: each pair staged, then swapped in with its entry.

    A pair is swapped in as soon as it is done, or, when its reports are
    post-processed (PDF, shared plotly.js), once that is done for all.
    """

    out: Path
    run: str
    planned: list[Job]
    post: _Post
    started: float
    workers: int = 1
    stages: dict[int, Job] = field(default_factory=dict)
    results: dict[int, JobResult] = field(default_factory=dict)
    entries: dict[int, dict[str, Any]] = field(default_factory=dict)
    reference: dict[str, str] | None = None

    def stage(self, i: int) -> Job:
        """Pair ``i`` writing into a new staging folder."""
        self.stages[i] = staged(self.planned[i], self.run)
        return self.stages[i]

    def done(self, i: int, result: JobResult) -> JobResult:
        """Pair ``i`` ran (``result`` names its staging folder): swap it in, unless its
        reports wait for their post-processing."""
        self.results[i] = result
        return result if self.post.any else self._commit(i)

    def _commit(self, i: int) -> JobResult:
        final, entry = commit(self.planned[i], self.stages[i], self.results[i], self.run)
        self.results[i], self.entries[i] = final, entry
        self._manifest([entry])
        return final

    def _manifest(self, entries: list[dict[str, Any]]) -> Path:
        from careerlib.batch._precheck import reference_files

        if self.reference is None:
            self.reference = reference_files()
        return write_manifest(
            self.out,
            entries,
            run=self.run,
            jobs=self.workers,
            seconds=time.perf_counter() - self.started,
            reference=self.reference,
        )

    def finish(self) -> BatchResult:
        """Every pair done: post-process the reports, swap in what waits, write the manifest."""
        if self.post.any:
            staged_results = _finish_reports(
                [self.results[i] for i in range(len(self.planned))],
                self.out,
                self.post,
                self.workers,
            )
            for i, result in enumerate(staged_results):
                self.results[i] = result
                self._commit(i)
        ordered = tuple(self.results[i] for i in range(len(self.planned)))
        manifest = self._manifest(list(self.entries.values()))
        seconds = round(time.perf_counter() - self.started, 2)
        return BatchResult(ordered, manifest, seconds, self.workers, run=self.run)

    def interrupted(self) -> BatchInterrupted:
        """Ctrl-C: the pairs that ended are swapped in; the others' staging folders go."""
        for i in sorted(self.results):
            if i not in self.entries:
                self._commit(i)
        for i, stage in self.stages.items():
            if i not in self.entries:
                discard(stage)
        where = ""
        if self.entries:
            where = f"; they are in {self._manifest(list(self.entries.values()))}"
        return BatchInterrupted(
            f"stopped (Ctrl-C) after {len(self.entries)} of {len(self.planned)} runs{where}; "
            "run the same command again for the others"
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


def _run_here(into: _Into, jobs: int | None, progress: bool, template: str | None) -> BatchResult:
    """Local worker processes (or this process for one job), each with its kernel pool,
    forking kernels from ``template`` (see :func:`_kernel_template`)."""
    planned = into.planned
    into.workers = max(1, min(jobs or os.cpu_count() or 1, len(planned)))
    bar = _progress(len(planned), progress)
    try:
        if into.workers == 1:
            _run_in_this_process(into, bar, template)
        else:
            _run_in_workers(into, bar, template)
    except KeyboardInterrupt:
        bar(None, None)
        raise into.interrupted() from None
    finally:
        bar(None, None)
    return into.finish()


_Bar = Callable[[Job | None, JobResult | None], None]


def _run_in_this_process(into: _Into, bar: _Bar, template: str | None) -> None:
    from careerlib.batch._kernels import KernelPool
    from careerlib.batch._run import run_job

    order = _order(into.planned)
    with KernelPool(template=template) as pool:
        pool.prepare(_any_images(into.planned))
        for n, i in enumerate(order):
            result = run_job(into.stage(i), pool, preheat_next=n < len(order) - 1)
            bar(into.planned[i], into.done(i, result))


def _run_in_workers(into: _Into, bar: _Bar, template: str | None) -> None:
    from careerlib.batch._images import ImageService, image_service_available
    from careerlib.batch._run import run_job, worker_init

    planned, workers = into.planned, into.workers
    order = _order(planned)
    ctx = multiprocessing.get_context("spawn")
    with contextlib.ExitStack() as stack:
        # one browser draws every worker's images
        images = (
            stack.enter_context(ImageService())
            if _any_images(planned) and image_service_available()
            else None
        )
        pool = stack.enter_context(
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
            pool.submit(run_job, into.stage(i), None, n < last): i for n, i in enumerate(order)
        }
        try:
            for future in cf.as_completed(futures):
                i = futures[future]
                result = _result_or_failure(future, into.stages[i])
                bar(planned[i], into.done(i, result))
        except KeyboardInterrupt:
            # Ctrl-C: no pair more, and the running ones end now (their
            # kernels end with the template, their half-written files are in
            # staging folders)
            pool.shutdown(wait=False, cancel_futures=True)
            for worker in multiprocessing.active_children():
                worker.kill()
            raise


def _run_elsewhere(
    into: _Into,
    executor: cf.Executor,
    workers: int,
    progress: bool,
    share: Callable[[Any], Any] | None = None,
) -> BatchResult:
    """Any executor: the run's files are packed once; each pair travels with them (or with
    ``share(bundle)``, what a Dask cluster made of them) and its outputs come back here."""
    from careerlib.batch._pack import bundle, part, portable, run_portable, unpack

    planned = into.planned
    into.workers = workers
    order = _order(planned)
    last = len(order) - max(workers, 1)
    files = bundle(planned)
    tasks = {i: portable(planned[i], files, n < last) for n, i in enumerate(order)}
    shared = share(files) if share is not None else None
    bar = _progress(len(planned), progress)
    try:
        futures = {
            executor.submit(
                run_portable, tasks[i], shared if shared is not None else part(files, tasks[i])
            ): i
            for i in order
        }
        for future in cf.as_completed(futures):
            i = futures[future]
            stage = into.stage(i)
            try:
                result = unpack(tasks[i], future.result(), stage)
            except Exception as exc:  # the worker died, or its answer was lost
                result = _failure(stage, exc)
            bar(planned[i], into.done(i, result))
    finally:
        bar(None, None)
    return into.finish()


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


def _finish_reports(
    results: list[JobResult], out: Path, post: _Post, workers: int
) -> list[JobResult]:
    """The reports' post-processing (PDF, shared plotly.js): careerlib.report does it."""
    from careerlib.report.pdf import finish_reports

    done = [Path(r.html) for r in results if r.html]
    failed = finish_reports(done, out, pdf=post.pdf, shared_js=post.shared_js, jobs=max(workers, 1))
    return [
        replace(r, status="failed", error=f"report post-processing failed: {failed[Path(r.html)]}")
        if r.html and Path(r.html) in failed
        else r
        for r in results
    ]


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


def _progress(total: int, enabled: bool) -> _Bar:
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
