"""A client and every file its analyses read, found by loading it once under a recording.

:func:`load_client_inputs` loads a client profile as the coaching notebooks
do: the client file, checked with what it names (the target role file, the
plan, the peer group and its metric definitions), and the files tracking reads
beside them (the check-in journal, the plan's baselines). Every reader reports
the files it opens (:mod:`careerlib._input_log`); the answer lists them.

``careerlib run`` calls it for every client before any kernel starts: a
broken file is one error then, not a failed notebook later; the files listed
travel with each pair to a Dask worker and the manifest names them with their
hashes.

A file added to what a client's analyses read (another journal beside the
client file, say) must be read from here too: ``tests/test_batch_inputs.py``
runs every notebook's code for the sample clients and fails when it opens a
file this function did not list.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerlib._input_log import InputFile, recording_inputs

__all__ = ["ClientInputs", "absolute_references", "load_client_inputs"]


@dataclass(frozen=True)
class ClientInputs:
    """A loaded client profile and the files loading it read.

    ``files`` are the files a person gave (the client file first);
    ``reference`` the O*NET tables that come with careerlib.
    """

    client: Any  # careerlib.clients.Client
    files: tuple[InputFile, ...]
    reference: tuple[InputFile, ...]


def load_client_inputs(path: str | os.PathLike[str]) -> ClientInputs:
    """Load the client file ``path`` with everything its analyses read, and list those files.

    Raises
    ------
    ClientError, PlanError, DataError
        As :func:`careerlib.load_client` (with its checks) does, and for a
        malformed check-in journal or baselines file (naming the file and the
        line).
    """
    from careerlib.clients import load_client
    from careerlib.tracking.client import client_and_plan, read_tracking_files

    with recording_inputs() as log:
        client = load_client(Path(path))
        if client.plan is not None:
            _, plan, plan_path = client_and_plan(client)
            read_tracking_files(client, plan_path)
    return ClientInputs(
        client, log.given, tuple(f for f in log.files if f.reference and f not in log.given)
    )


def absolute_references(client: Any) -> list[tuple[str, str]]:
    """The fields of a client profile that name a file by an absolute path: (field, path).

    Such a file cannot move with the client file (to a Dask worker, say):
    only paths relative to the client file keep their meaning.
    """
    fields = ["plan", "peers", "metrics"] + (["target_role"] if client.role_is_file else [])
    return [
        (name, str(value))
        for name in fields
        if (value := getattr(client, name)) is not None and Path(value).is_absolute()
    ]
