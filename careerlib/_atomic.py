"""Atomic file writes: a temporary file in the same folder, then a rename.

A failed or interrupted write never leaves half a file and never destroys the
file that was there before. A new file gets the mode the umask gives any new
file; a replaced file keeps its mode.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

__all__ = ["TMP_MARK", "atomic_path", "write_bytes", "write_new", "write_text"]


#: Every temporary name starts with ``.`` and holds this: what a cleanup looks for.
TMP_MARK = ".tmp-"
_NAME_MAX = 255  # bytes in one file name on Linux, macOS and Windows file systems


def _temporary(final: Path) -> Path:
    # keep the real suffix last: some writers check it (papermill wants .ipynb);
    # cut the stem so that the temporary name is no longer than the final one
    # may be (a final name near 255 bytes must not fail only for its temporary)
    tail = f"{TMP_MARK}{secrets.token_hex(4)}{final.suffix}"
    room = _NAME_MAX - 1 - len(tail.encode())
    stem = final.stem.encode()[: max(room, 0)].decode(errors="ignore")
    return final.with_name(f".{stem}{tail}")


def _named(exc: OSError, final: Path) -> OSError:
    """The same error, naming the file asked for rather than its temporary."""
    if exc.errno is None:
        return exc
    return type(exc)(exc.errno, exc.strerror, str(final))


def _finish(tmp: Path, final: Path) -> None:
    if final.exists():
        shutil.copymode(final, tmp)
    os.replace(tmp, final)


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it over ``target`` on success.

    For writers that want a file name (papermill, nbformat). If the block
    raises, the temporary file is removed and ``target`` is left as it was.
    The folder is created when missing.
    """
    final = Path(target)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(final)
    try:
        yield tmp
        _finish(tmp, final)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _named(exc, final) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(target: str | os.PathLike[str], data: bytes | Callable[[IO[bytes]], None]) -> Path:
    """Write ``data`` (bytes, or a function that writes into the binary file it is
    given) to ``target`` all at once, or not at all, and return the path.

    The target's folder must exist.
    """
    final = Path(target)
    tmp = _temporary(final)
    # os.open with 0o666 lets the umask decide the mode, as for any new file
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _named(exc, final) from None
    try:
        with os.fdopen(fd, "wb") as out:
            if isinstance(data, bytes | bytearray):
                out.write(data)
            else:
                data(out)
            out.flush()
            os.fsync(out.fileno())
        _finish(tmp, final)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _named(exc, final) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return final


def write_text(target: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` atomically (creating its folder) and return the path."""
    final = Path(target)
    final.parent.mkdir(parents=True, exist_ok=True)
    return write_bytes(final, text.encode(encoding))


def write_new(target: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to a file that must not exist yet, all at once, and return the path.

    The text goes to a temporary file beside ``target``, which is then linked
    to its name: the link fails when the name exists, even when another
    process creates it between a check and the write, so a file is never
    replaced. On a file system without hard links the file is created
    exclusively (``O_EXCL``) and written in place.

    Raises
    ------
    FileExistsError
        When ``target`` exists; nothing is written.
    """
    final = Path(target)
    final.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode(encoding)
    tmp = _temporary(final)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(tmp, final)
        except FileExistsError:
            raise
        except OSError:  # no hard links here: create the name exclusively instead
            _write_exclusive(final, data)
    except FileExistsError as exc:
        raise _named(exc, final) from None
    finally:
        tmp.unlink(missing_ok=True)
    return final


def _write_exclusive(final: Path, data: bytes) -> None:
    fd = os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
