"""What a computation read: every input file, reported by the function that opens it.

Each function of careerlib that reads a file a person gave it (a plan, a client
file, a role file, a peer group, metric definitions, a check-in journal,
baselines, ...) reports the file here with :func:`note_input` once it has opened
it; :func:`recording_inputs` collects what was reported while its block runs
(in this thread or task: a :class:`contextvars.ContextVar` holds the logs).
Outside a recording, a report costs one lookup.

``careerlib run`` loads every client under a recording before any kernel
starts (:mod:`careerlib.client_inputs`): the files reported are what travels
with each pair to a Dask worker, keeping their places relative to one another,
and what the manifest lists with their hashes. A reader that does not report
cannot be packed: ``tests/test_batch_inputs.py`` runs the notebooks' code and
compares every file it opened with what was reported.

The O*NET tables that come with careerlib are reported too, as *reference*
data: they are part of careerlib's installation on every machine (a kernel has
loaded them before its notebook starts) and do not travel.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["InputFile", "InputLog", "note_input", "recording_inputs"]


@dataclass(frozen=True)
class InputFile:
    """One file read: where (absolute, as opened), what it is, and whether it is reference data.

    ``path`` keeps the ``..`` of the path it was opened by (``clients/../plans/p.yaml``):
    it is the path the reading code computed, which a copy of the files must
    reproduce.
    """

    path: Path
    kind: str
    reference: bool = False


class InputLog:
    """The files reported during a recording, each once, in the order first read."""

    def __init__(self) -> None:
        self._files: dict[tuple[Path, str], InputFile] = {}

    def add(self, entry: InputFile) -> None:
        self._files.setdefault((entry.path, entry.kind), entry)

    @property
    def files(self) -> tuple[InputFile, ...]:
        """Every file reported, reference data included."""
        return tuple(self._files.values())

    @property
    def given(self) -> tuple[InputFile, ...]:
        """The files a person gave (not careerlib's reference data)."""
        return tuple(f for f in self._files.values() if not f.reference)


_LOGS: contextvars.ContextVar[tuple[InputLog, ...]] = contextvars.ContextVar(
    "careerlib_input_logs", default=()
)


def _absolute(path: str | os.PathLike[str]) -> Path:
    """``path`` made absolute without resolving ``..`` or links (see :class:`InputFile`)."""
    text = os.fspath(path)
    return Path(text) if os.path.isabs(text) else Path(os.getcwd(), text)


def note_input(path: str | os.PathLike[str], kind: str, *, reference: bool = False) -> None:
    """Report that the file ``path`` (of ``kind``: ``plan``, ``client``, ``check-in``...)
    was opened to be read.

    Call it once the file is open, before reading it: a file that exists but
    cannot be parsed was still read (a copy must fail the same way).
    """
    logs = _LOGS.get()
    if not logs:
        return
    entry = InputFile(_absolute(path), kind, reference)
    for log in logs:
        log.add(entry)


@contextlib.contextmanager
def recording_inputs() -> Iterator[InputLog]:
    """Collect the files reported while the block runs (recordings may nest)."""
    log = InputLog()
    token = _LOGS.set((*_LOGS.get(), log))
    try:
        yield log
    finally:
        _LOGS.reset(token)
