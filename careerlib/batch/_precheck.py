"""Every client's files, loaded and listed before any kernel starts.

A client profile is loaded as careerlib's notebooks load it
(:func:`careerlib.client_inputs.load_client_inputs`: the client file, its
target role file, plan, peer group and metric definitions, its check-in
journal and its plan's baselines), under a recording of every file opened.
What it finds is

* the run's check: a broken client file, or a file it names, stops the run
  with one error naming the file and the line, before any kernel starts;
* each pair's inputs (:attr:`~careerlib.batch._plan.Job.inputs`): what travels
  with the pair to a Dask worker, and what the manifest lists with hashes.

``careerlib run`` also runs notebooks that are not careerlib's, whose "client"
files are anything (``name: Ada``). A client file is checked when a notebook
of the run asks for client profiles (its metadata holds
``{"careerlib": {"client_profiles": true}}``, as careerlib's notebooks do) or
when it is one (it validates as a profile); any other is taken as it is, with
the files its top-level values name beside it (a generic notebook's inputs
cannot be known: these are a guess).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from careerlib._input_log import InputFile
from careerlib.batch._plan import JobInput
from careerlib.exceptions import BatchError

__all__ = [
    "PROFILES_MARK",
    "check_clients",
    "notebook_input",
    "reads_client_profiles",
    "reference_files",
]

#: What a notebook's metadata holds when its ``client`` (or ``clients``) are
#: careerlib client profiles.
PROFILES_MARK = {"careerlib": {"client_profiles": True}}


def reads_client_profiles(notebook: Path) -> bool:
    """Whether the notebook's metadata says that it reads careerlib client profiles."""
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    meta = nb.get("metadata") if isinstance(nb, dict) else None
    mark = meta.get("careerlib") if isinstance(meta, dict) else None
    return isinstance(mark, dict) and mark.get("client_profiles") is True


def check_clients(
    clients: Sequence[Path], *, strict: bool, portable: bool = False
) -> dict[Path, tuple[JobInput, ...]]:
    """Each client's input files (with their SHA-256), checked as profiles when ``strict``
    or when the file is a profile.

    ``portable``: the files will travel to another machine; a profile that
    names a file by an absolute path is refused (it would name the other
    machine's file there).

    Raises
    ------
    InputError, DataError
        For a client profile (or a file it names) that is not valid.
    BatchError
        For a profile that names a file by an absolute path, when ``portable``.
    """
    return {client: _hashed(_files_of(client, strict, portable)) for client in clients}


def reference_files() -> dict[str, str]:
    """careerlib's reference data a client's analyses read (the O*NET tables this
    installation holds): path -> SHA-256."""
    from careerlib._paths import data_path
    from careerlib.onet import ONET_TABLES

    folder = data_path("onet")
    return {str(folder / name): _sha256(folder / name) for name in ONET_TABLES}


def _files_of(client: Path, strict: bool, portable: bool) -> tuple[InputFile, ...]:
    from careerlib.client_inputs import absolute_references, load_client_inputs

    if strict or _is_profile(client):
        loaded = load_client_inputs(client)
        pinned = absolute_references(loaded.client) if portable else []
        if pinned:
            field, value = pinned[0]
            raise BatchError(
                f"{client}: {field} names {value} by an absolute path; the files of a run "
                "on a Dask cluster or an executor travel keeping their places relative to "
                "the client file, so name it relative to the client file "
                f"(for example {os.path.relpath(value, client.parent)})"
            )
        return loaded.files
    named = tuple(InputFile(p, "named by the client file") for p in _named_files(client))
    return (InputFile(client, "client"), *named)


def _is_profile(client: Path) -> bool:
    """Whether the file validates as a client profile (what it names is not checked)."""
    from careerlib.clients import load_client
    from careerlib.exceptions import CareerlibError

    try:
        load_client(client, check=False)
    except CareerlibError:
        return False
    return True


def _named_files(client: Path) -> list[Path]:
    """Existing files named by the client file's top-level text values (relative to it)."""
    import yaml

    try:
        data: Any = yaml.safe_load(client.read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return []
    found: list[Path] = []
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, str) and value and "\n" not in value and len(value) < 500:
                path = client.parent / value
                if path.is_file() and path not in found and path.resolve() != client.resolve():
                    found.append(path)
    return found


def _hashed(files: tuple[InputFile, ...]) -> tuple[JobInput, ...]:
    """Each file once, by its path with ``..`` taken by name (the client file's own path
    is resolved: what it names relative to itself is found the same way by name)."""
    found: dict[str, JobInput] = {}
    for f in files:
        path = os.path.normpath(f.path)
        if path not in found:
            found[path] = JobInput(path, f.kind, _sha256(Path(path)))
    return tuple(found.values())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def notebook_input(notebook: Path) -> JobInput:
    """A pair's notebook as one of its inputs."""
    return JobInput(str(notebook), "notebook", _sha256(notebook))
