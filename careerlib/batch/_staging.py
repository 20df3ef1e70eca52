"""A pair's outputs replace the old ones together: one folder a pair, swapped in whole.

Each (notebook, client) pair owns the folder ``OUT/<client>/<notebook>/``: its
executed notebook, HTML report, kernel log, the record the notebook writes
(``<notebook>.json``), its exports and its entry of the manifest
(``.run.json``). A run writes a pair into a staging folder beside it,
``OUT/<client>/.<notebook>.staging-<run>/`` (the same depth, so a relative link
such as the shared plotly.js is the same from both), and when the pair is done
(and its reports post-processed) swaps the two folders in one step: Linux's
``renameat2(RENAME_EXCHANGE)`` or macOS's ``renamex_np(RENAME_SWAP)``, or a
plain rename for a pair's first run. The old folder, now under the staging
name, is then removed. So a run killed at any moment, even by ``kill -9``,
leaves every pair's folder wholly old or wholly new.

Where the file system cannot exchange two folders, the old folder is renamed
aside first (``.<notebook>.old-<run>``), then the new one into place; a run
killed between the two renames leaves the pair's folder missing, and the next
run into ``OUT`` puts the old one back (:func:`clean_stale_temporaries`).

A run marks ``OUT`` in use with a shared lock (:func:`running_in`); the next run
removes what a killed run left (staging folders, temporary files) only when no
other run holds that lock.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime as dt
import errno
import json
import os
import re
import secrets
import shutil
import sys
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from careerlib._atomic import TMP_MARK, write_text
from careerlib.batch._plan import Job, JobResult

__all__ = [
    "ENTRY",
    "clean_stale_temporaries",
    "commit",
    "discard",
    "exchange",
    "new_run_id",
    "read_entry",
    "running_in",
    "staged",
]

#: A pair's entry of the manifest, inside its folder (swapped in with its files).
ENTRY = ".run.json"

_RUN_LOCK = ".careerlib-run.lock"
_TEMPORARY = re.compile(r"^\..*" + re.escape(TMP_MARK) + r"[0-9a-f]{8}(\.[^.]*)?$")
_RUN_ID = r"\d{8}T\d{6}Z-[0-9a-f]{6}"
_STAGING = re.compile(rf"^\.(?P<name>.+)\.(?P<what>staging|old)-(?P<run>{_RUN_ID})$")


def new_run_id() -> str:
    """``20261207T101500Z-3fa9c1``: when the run started (UTC), and six random hex digits."""
    now = dt.datetime.now(dt.UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _staging_folder(job: Job, run: str) -> Path:
    return job.out_dir.with_name(f".{job.out_dir.name}.staging-{run}")


def staged(job: Job, run: str) -> Job:
    """``job`` writing into its staging folder of run ``run`` (made here, empty)."""
    folder = _staging_folder(job, run)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return replace(
        job,
        out_dir=folder,
        output=folder / job.output.name,
        html=folder / job.html.name,
        parameters={**job.parameters, "out_dir": str(folder)},
    )


def _in_place(job: Job, result: JobResult) -> JobResult:
    """A result whose paths name the pair's folder instead of its staging folder."""

    def moved(path: str | None) -> str | None:
        return None if path is None else str(job.out_dir / Path(path).name)

    return replace(result, output=str(job.output), html=moved(result.html))


def commit(job: Job, stage: Job, result: JobResult, run: str) -> tuple[JobResult, dict[str, Any]]:
    """Swap the pair's staging folder in; the result with its final paths, and its entry.

    A pair that wrote no notebook (its kernel did not start, its worker died)
    replaces nothing: its old folder stays, and its entry says so (``kept``:
    the run whose files are still there).
    """
    final = _in_place(job, result)
    entry = _entry(job, final, run)
    if not stage.output.exists():
        kept = read_entry(job.out_dir)
        discard(stage)
        entry["output"] = entry["html"] = None
        entry["kept"] = None if kept is None else kept.get("run")
        return replace(final, html=None), entry
    write_text(stage.out_dir / ENTRY, json.dumps(entry, indent=2, default=str) + "\n")
    _swap_in(stage.out_dir, job.out_dir, run)
    return final, entry


def _entry(job: Job, result: JobResult, run: str) -> dict[str, Any]:
    return {
        "run": run,
        **asdict(result),
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "parameters": job.parameters,
        "inputs": [asdict(i) for i in job.inputs],
    }


def read_entry(folder: Path) -> dict[str, Any] | None:
    """A pair folder's entry (``.run.json``), or None when it has none (or not a readable one)."""
    try:
        entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) else None


def discard(stage: Job) -> None:
    """Remove a staging folder that will not be swapped in."""
    shutil.rmtree(stage.out_dir, ignore_errors=True)


def _swap_in(new: Path, final: Path, run: str) -> None:
    """Put the folder ``new`` at ``final`` in one step; remove what was there."""
    try:
        os.rename(new, final)  # the pair's first run (or an empty folder there)
        return
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.EISDIR, errno.ENOTDIR):
            raise
    if exchange(new, final):
        shutil.rmtree(new, ignore_errors=True)  # the old files, now under the staging name
        return
    aside = final.with_name(f".{final.name}.old-{run}")
    os.rename(final, aside)
    os.rename(new, final)
    shutil.rmtree(aside, ignore_errors=True)


def _libc() -> Any:
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True) if name else ctypes.CDLL(None, use_errno=True)


def exchange(a: Path, b: Path) -> bool:
    """Exchange the paths ``a`` and ``b`` atomically; False where the system cannot.

    Raises
    ------
    OSError
        For any other failure (a folder that does not exist, no permission...).
    """
    try:
        libc = _libc()
    except OSError:
        return False
    if sys.platform.startswith("linux"):
        call = getattr(libc, "renameat2", None)
        if call is None:  # glibc before 2.28
            return False
        at_fdcwd, rename_exchange = -100, 2
        done = call(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    elif sys.platform == "darwin":
        call = getattr(libc, "renamex_np", None)
        if call is None:
            return False
        rename_swap = 0x2
        done = call(os.fsencode(a), os.fsencode(b), rename_swap)
    else:
        return False
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # this file system cannot exchange
    raise OSError(code, os.strerror(code), str(a), None, str(b))


# --- the out folder: who uses it, and what a killed run left --------------------------


@contextlib.contextmanager
def locked(path: Path, *, exclusive: bool = True, wait: bool = True) -> Iterator[bool]:
    """Hold an advisory lock on ``path`` (created when missing) for the block.

    Yields whether the lock was taken (always True when ``wait``). The lock
    goes with the process: a killed run holds nothing.
    """
    import fcntl

    with open(path, "a+b") as handle:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(handle.fileno(), mode | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def clean_stale_temporaries(out: Path) -> list[Path]:
    """Remove what a killed run left in ``out``: temporary files (``.NAME.tmp-XXXXXXXX.ext``)
    and staging folders; put back a pair's folder it had set aside. Returns what was removed.

    Only when no other run uses ``out`` (none holds its run lock): another
    run's temporary files and staging folders are being written.
    """
    removed: list[Path] = []
    lock = out / _RUN_LOCK
    if not lock.exists():
        return removed
    with locked(lock, exclusive=True, wait=False) as alone:
        if not alone:
            return removed
        for root, dirs, files in os.walk(out):
            here = Path(root)
            for name in list(dirs):
                found = _STAGING.match(name)
                if found is None:
                    continue
                dirs.remove(name)  # not walked into
                removed += _clean_folder(here, name, found)
            for name in files:
                if _TEMPORARY.match(name):
                    with contextlib.suppress(FileNotFoundError):
                        (here / name).unlink()
                        removed.append(here / name)
    return removed


def _clean_folder(parent: Path, name: str, found: re.Match[str]) -> list[Path]:
    """A staging folder goes; a pair's folder set aside goes back when its place is empty."""
    path = parent / name
    final = parent / found["name"]
    if found["what"] == "old" and not final.exists():
        os.rename(path, final)  # killed between the two renames: the old files stay
        return []
    shutil.rmtree(path, ignore_errors=True)
    return [path]


@contextlib.contextmanager
def running_in(out: Path) -> Iterator[None]:
    """Mark ``out`` in use by this run (a shared lock), after removing a killed run's files."""
    out.mkdir(parents=True, exist_ok=True)
    (out / _RUN_LOCK).touch()
    clean_stale_temporaries(out)
    with locked(out / _RUN_LOCK, exclusive=False):
        yield
