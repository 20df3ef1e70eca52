"""Append-only JSON Lines files: the check-in journal, the baselines and the assessments.

One record a line. A record is appended with one ``write`` on a file opened
with ``O_APPEND``, under an exclusive ``fcntl.flock`` on the file itself and
followed by ``fsync``: two processes appending at the same moment both land,
one after the other, and a reader never sees half a line from a writer that
finished. Nothing here ever rewrites or truncates a line already written.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from careerlib._text import clip
from careerlib.exceptions import DataError

__all__ = [
    "Records",
    "append_record",
    "parse_records",
    "read_models",
    "read_records",
    "validate_record",
]

M = TypeVar("M", bound=BaseModel)


Records = list[tuple[int, dict[str, Any]]]


def append_record(
    path: Path,
    record: dict[str, Any] | Callable[[Records], dict[str, Any]],
    *,
    kind: str = "entry",
    lenient: bool = False,
) -> None:
    """Append ``record`` as one JSON line to ``path`` (created when missing).

    When the file does not end with a newline (a writer was killed mid-line,
    or a person edited it), the new record starts on a line of its own, so the
    damage stays on the line that has it and is reported there.

    ``record`` may be a function of the records already in the file
    (``(line number, record)``, as :func:`read_records` gives them, ``kind``
    naming them in errors; ``lenient``: lines that are not JSON objects left
    out rather than raised): it is called while the lock is held and returns
    the record to append, or raises to refuse it, so no other writer can
    append between its check and the write.
    """
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            size = os.fstat(fd).st_size
            if callable(record):
                raw = _read_all(fd, size)
                record = record(list(parse_records(raw, path, kind, lenient=lenient)))
            line = json.dumps(record, ensure_ascii=False, sort_keys=False, separators=(", ", ": "))
            data = (line + "\n").encode("utf-8")
            if size and os.pread(fd, 1, size - 1) != b"\n":
                data = b"\n" + data
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _read_all(fd: int, size: int) -> bytes:
    chunks = []
    offset = 0
    while offset < size:
        chunk = os.pread(fd, size - offset, offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def read_records(path: Path, kind: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, record)`` for every non-blank line of ``path``.

    A missing file has no records. A line that is not a JSON object raises
    :class:`DataError` naming the file and the line.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    with os.fdopen(fd, "rb") as stream:
        fcntl.flock(stream.fileno(), fcntl.LOCK_SH)
        raw = stream.read()
    yield from parse_records(raw, path, kind)


def parse_records(
    raw: bytes, path: Path, kind: str, *, lenient: bool = False
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The records of a file's bytes ``raw`` (see :func:`read_records`).

    ``lenient`` leaves out the lines that are not JSON objects instead of
    raising (a writer that checks order before appending sees the rest).
    """
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            if lenient:
                continue
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8 text"
            raise DataError(
                f"{path}:{number}: malformed {kind} entry ({reason}): {_clip(line)}"
            ) from None
        if not isinstance(record, dict):
            if lenient:
                continue
            raise DataError(
                f"{path}:{number}: malformed {kind} entry: expected a JSON object, "
                f"got {_clip(line)}"
            )
        yield number, record


def _clip(line: bytes, width: int = 60) -> str:
    return repr(clip(line.decode("utf-8", "replace").strip(), width))


def validate_record(
    path: Path, number: int, record: dict[str, Any], model: type[M], kind: str, whole: str
) -> M:
    """``record`` (line ``number`` of ``path``) as a ``model``.

    Raises
    ------
    DataError
        Naming the file, the line and the field (``whole`` when the record
        as a whole is wrong).
    """
    try:
        return model.model_validate(record)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or whole
        raise DataError(f"{path}:{number}: malformed {kind} entry: {where}: {err['msg']}") from None


def read_models(path: str | Path, model: type[M], kind: str, *, whole: str = "entry") -> list[M]:
    """Every record of ``path`` validated as ``model``, in the order written.

    A record that is not a valid ``model`` raises :class:`DataError` naming the
    file, the line and the field (``whole`` when the record as a whole is wrong).
    """
    p = Path(path)
    return [
        validate_record(p, number, record, model, kind, whole)
        for number, record in read_records(p, kind)
    ]
