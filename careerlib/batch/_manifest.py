"""``OUT/manifest.json``: every pair in ``OUT``, the run its files belong to, and its inputs.

One entry a pair: the run (its id), status, timings, output paths, and the
input files the pair read (``inputs``: path, kind and SHA-256 of each, as
``careerlib run`` found them before the run). Each pair's folder holds its own
entry (``.run.json``), swapped in with its files (:mod:`careerlib.batch._staging`):
that one is always right. The manifest gathers them: it is written after every
pair a run swaps in, and a run into ``OUT`` first takes the entries of pairs
whose folder says another run than the manifest (a run killed between a swap
and its manifest write).

A pair whose new run wrote nothing (its kernel did not start) keeps its old
folder; its entry is the failed run's, with ``kept``: the run whose files are
still there.

Two runs into one folder keep both's pairs: the manifest is read, merged and
written under a lock.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from careerlib._atomic import write_text
from careerlib.batch._staging import ENTRY, locked

__all__ = ["MANIFEST", "reconcile_manifest", "write_manifest"]

MANIFEST = "manifest.json"
_MANIFEST_LOCK = ".manifest.lock"


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": sys.version.split()[0]}
    for pkg in ("careerlib", "papermill", "nbconvert", "ipykernel", "plotly", "pandas", "numpy"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


def _key(entry: Mapping[str, Any]) -> tuple[Any, Any]:
    return entry.get("notebook"), entry.get("client")


def _read(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def write_manifest(
    out: Path,
    entries: Iterable[Mapping[str, Any]],
    *,
    run: str,
    jobs: int,
    seconds: float,
    reference: Mapping[str, str] | None = None,
) -> Path:
    """Merge ``entries`` (one a pair) into ``OUT/manifest.json`` under a lock; its path.

    ``run``, ``jobs``, ``seconds`` and ``reference`` (careerlib's O*NET tables
    and their SHA-256) describe the latest run.
    """
    with locked(out / _MANIFEST_LOCK):
        path = out / MANIFEST
        previous = _read(path)
        pairs = [p for p in previous.get("pairs", []) if isinstance(p, dict)]
        mine = {_key(e): dict(e) for e in entries}
        merged = [p for p in pairs if _key(p) not in mine] + list(mine.values())
        manifest = {
            "run": run,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "jobs": jobs,
            "seconds": round(seconds, 2),
            "versions": _versions(),
            "reference": dict(reference or previous.get("reference") or {}),
            "pairs": merged,
        }
        return write_text(path, json.dumps(manifest, indent=2, default=str) + "\n")


def reconcile_manifest(out: Path) -> None:
    """Take into the manifest the entries of pair folders that say another run than it does.

    A run killed after swapping a pair in and before writing the manifest left
    the two apart; the pair's own entry is right.
    """
    path = out / MANIFEST
    if not path.exists():
        return
    with locked(out / _MANIFEST_LOCK):
        manifest = _read(path)
        pairs = [p for p in manifest.get("pairs", []) if isinstance(p, dict)]
        known = {_key(p): p for p in pairs}
        found = [
            e
            for e in (_entry_of(f) for f in out.glob(f"*/*/{ENTRY}") if _a_pair(f.parent, out))
            if e is not None and _stale(known.get(_key(e)), e)
        ]
        if not found:
            return
        fresh = {_key(e): e for e in found}
        manifest["pairs"] = [fresh.pop(_key(p), p) for p in pairs] + list(fresh.values())
        write_text(path, json.dumps(manifest, indent=2, default=str) + "\n")


def _a_pair(folder: Path, out: Path) -> bool:
    """A pair's folder (not a staging folder, nor in a hidden client folder)."""
    return not any(part.startswith(".") for part in folder.relative_to(out).parts)


def _entry_of(path: Path) -> dict[str, Any] | None:
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) and "run" in entry else None


def _stale(listed: Mapping[str, Any] | None, found: Mapping[str, Any]) -> bool:
    if listed is None:
        return True
    return found["run"] not in (listed.get("run"), listed.get("kept"))
