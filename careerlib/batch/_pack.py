"""Pairs for machines that share no file system with this one (a Dask worker).

The run's input files are read once, into a :class:`Bundle`: every pair's
notebook, its client file and the files loading the client read
(:attr:`~careerlib.batch._plan.Job.inputs`), each under its place relative to
the folder that holds them all (a path's ``..`` taken by name:
``clients/../plans/p.yaml`` is ``plans/p.yaml``, as the copy's file system,
without links, takes it). On a Dask cluster the
bundle goes to the workers once per run (``Client.scatter``); to any other
executor, each pair carries the part it needs (:func:`part`).

A worker writes the files a pair needs into a temporary folder, keeping their
places and their modification times (tracking dates a plan's change by its
file's time), runs the pair there with its paths moved into that folder (``client``
or ``clients``, ``out_dir``), and sends back the files its out folder holds
(:func:`run_portable`); they land in the pair's staging folder here
(:func:`unpack`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from careerlib._atomic import write_bytes
from careerlib.batch._plan import Job, JobResult
from careerlib.exceptions import BatchError

__all__ = [
    "Bundle",
    "Portable",
    "PortableResult",
    "bundle",
    "part",
    "portable",
    "run_portable",
    "unpack",
    "write_inputs",
]


@dataclass(frozen=True)
class Bundle:
    """The input files of a run: their bytes by place relative to ``root`` (on this machine),
    and their modification times (ns since the epoch) by the same places."""

    root: str
    files: dict[str, bytes]
    times: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Portable:
    """A pair, the places of the files it needs in its run's bundle, and whether the
    worker's next kernel should start meanwhile."""

    job: Job
    root: str
    needs: tuple[str, ...]
    preheat_next: bool = True


@dataclass(frozen=True)
class PortableResult:
    """A pair's result, and the files it wrote under its out folder, as bytes."""

    result: JobResult
    files: dict[str, bytes]


def _place(path: str | os.PathLike[str]) -> str:
    return os.path.normpath(os.fspath(path))


def bundle(jobs: Sequence[Job]) -> Bundle:
    """Read every input file of ``jobs`` once.

    Raises
    ------
    BatchError
        When a file changed since the run was planned (its hash is not the one
        the manifest will give), or cannot be read.
    """
    sources: dict[str, tuple[str, str]] = {}
    for job in jobs:
        for item in job.inputs:
            sources.setdefault(_place(item.path), (item.path, item.sha256))
    root = os.path.commonpath([os.path.dirname(p) for p in sources]) if sources else os.sep
    files: dict[str, bytes] = {}
    times: dict[str, int] = {}
    for place, (path, sha256) in sources.items():
        try:
            data = Path(path).read_bytes()
            mtime = os.stat(path).st_mtime_ns
        except OSError as exc:
            raise BatchError(f"cannot read {path} to send it: {exc.strerror}") from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BatchError(f"{path} changed while the run was starting; run it again")
        rel = os.path.relpath(place, root)
        files[rel], times[rel] = data, mtime
    return Bundle(root, files, times)


def portable(job: Job, files: Bundle, preheat_next: bool = True) -> Portable:
    """``job`` with the places (in ``files``) of what it reads."""
    needs = tuple(dict.fromkeys(os.path.relpath(_place(i.path), files.root) for i in job.inputs))
    return Portable(job, files.root, needs, preheat_next)


def part(files: Bundle, task: Portable) -> Bundle:
    """The files of ``files`` that ``task`` needs (what it carries to a plain executor)."""
    return Bundle(
        files.root,
        {rel: files.files[rel] for rel in task.needs},
        {rel: files.times[rel] for rel in task.needs if rel in files.times},
    )


def run_portable(task: Portable, files: Bundle) -> PortableResult:
    """Run a packed pair in a temporary folder and return its outputs as bytes.

    ``files`` is the run's bundle, or the part the pair needs. Runs in the
    worker's own kernel pool. The files written under the pair's out folder
    come back keyed by their path relative to it.
    """
    from careerlib.batch._run import run_job

    with tempfile.TemporaryDirectory(prefix="careerlib-run-") as tmp:
        inputs = Path(tmp) / "in"
        write_inputs(task, files, inputs)
        out = Path(tmp) / "out" / task.job.out_dir.name
        out.mkdir(parents=True)
        result = run_job(_moved(task, inputs, out), preheat_next=task.preheat_next)
        sent = {
            str(p.relative_to(out)): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file() and not p.is_symlink()
        }
    return PortableResult(result, sent)


def write_inputs(task: Portable, files: Bundle, folder: Path) -> None:
    """Write the files ``task`` needs under ``folder``, at their places, with their times."""
    for rel in task.needs:
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files.files[rel])
        if rel in files.times:
            os.utime(target, ns=(files.times[rel], files.times[rel]))


def _moved(task: Portable, inputs: Path, out: Path) -> Job:
    """The pair with its paths in the worker's folders: inputs under ``inputs``, outputs
    under ``out``."""
    job = task.job

    def there(path: str | os.PathLike[str]) -> Path:
        return inputs / os.path.relpath(_place(path), task.root)

    parameters = {**job.parameters, "out_dir": str(out)}
    if "client" in parameters:
        parameters["client"] = str(there(parameters["client"]))
    if "clients" in parameters:
        parameters["clients"] = [str(there(c)) for c in parameters["clients"]]
    named = {i.path for i in job.inputs}
    for name, value in job.parameters.items():  # a -p value naming a file (see plan_jobs)
        if name not in ("client", "clients") and isinstance(value, str) and value in named:
            parameters[name] = str(there(value))
    return replace(
        job,
        notebook=there(job.notebook),
        client=there(job.client) if job.client.is_absolute() else job.client,
        out_dir=out,
        output=out / job.output.name,
        html=out / job.html.name,
        parameters=parameters,
    )


def unpack(task: Portable, done: PortableResult, into: Job) -> JobResult:
    """Write a portable run's files into ``into``'s folder (the pair's staging folder here);
    its result, with the paths of ``into``."""
    out = into.out_dir.resolve()
    for rel, data in done.files.items():
        target = (out / rel).resolve()
        if not target.is_relative_to(out):
            raise BatchError(f"a remote run returned a file outside its folder: {rel!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, data)
    r = done.result
    return replace(
        r,
        notebook=str(task.job.notebook),
        client=task.job.client.stem,
        output=str(into.output),
        html=str(into.html) if r.html is not None else None,
    )
