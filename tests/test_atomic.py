"""Atomic writes: all or nothing, the old file kept on failure, its mode kept on success."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from careerlib._atomic import atomic_path, write_bytes, write_text


def test_write_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old")
    os.chmod(target, 0o640)
    write_text(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.bin"
    target.write_bytes(b"old")

    def broken(out: object) -> None:
        out.write(b"half")  # type: ignore[attr-defined]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_bytes(target, broken)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.bin"]


def test_atomic_path_keeps_the_suffix_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "out" / "run.ipynb"
    with atomic_path(target) as tmp:
        assert tmp.suffix == ".ipynb" and tmp.parent == target.parent and tmp != target
        tmp.write_text("{}")
    assert target.read_text() == "{}"
    with pytest.raises(ValueError), atomic_path(target) as tmp:
        tmp.write_text("partial")
        raise ValueError("kernel died")
    assert target.read_text() == "{}"
    assert sorted(p.name for p in target.parent.iterdir()) == ["run.ipynb"]


def test_write_new_never_replaces_a_file(tmp_path: Path) -> None:
    from careerlib._atomic import write_new

    target = tmp_path / "plan.yaml"
    assert write_new(target, "first\n") == target
    with pytest.raises(FileExistsError) as err:
        write_new(target, "second\n")
    assert err.value.filename == str(target)
    assert target.read_text() == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]  # no temporary left
