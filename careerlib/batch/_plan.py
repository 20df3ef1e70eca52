"""What a batch run runs, checked before any kernel starts, and what it records.

:func:`plan_jobs` turns notebooks, clients and ``-p`` values into the list of
(notebook, client) pairs (:class:`Job`), each with its outputs under
``OUT/<client>/``. It

* checks every parameter against every notebook's ``parameters`` cell (papermill
  itself only warns about unknown names) and converts ``-p`` values to the type
  the notebook declares;
* refuses an output that would land on an input notebook or client file.

:func:`_write_manifest` records every pair in ``OUT/manifest.json`` (status,
timing, versions); a re-run replaces the entries of its own pairs only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from careerlib._atomic import TMP_MARK, write_text
from careerlib._speedups import skip_slow_optional_imports
from careerlib.exceptions import BatchError, OutputError

__all__ = [
    "BatchResult",
    "Job",
    "JobResult",
    "expand_clients",
    "notebook_parameters",
    "parse_parameter",
    "plan_jobs",
]

#: Parameters the runner passes to every notebook itself.
RUNNER_PARAMETERS = ("client", "out_dir")

#: A notebook about the whole practice (notebook 05, the roster) declares
#: ``clients`` instead of ``client``: it runs once, for every client given, with
#: ``clients`` the list of their files, into ``OUT/practice/``.
PRACTICE_PARAMETERS = ("clients", "out_dir")
PRACTICE = "practice"


# --- what to run ----------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One (notebook, client) pair and where its outputs go."""

    notebook: Path
    client: Path
    out_dir: Path
    output: Path
    html: Path
    parameters: dict[str, Any]

    @property
    def name(self) -> str:
        """``<client>/<notebook>``: how the pair is named in summaries."""
        return f"{self.client.stem}/{self.notebook.stem}"


@dataclass(frozen=True)
class JobResult:
    """What happened to one pair."""

    notebook: str
    client: str
    status: str  # "ok" or "failed"
    seconds: float
    output: str
    html: str | None = None
    cell: int | None = None
    error: str | None = None
    #: Where the seconds went: ``kernel`` (waiting for a started kernel),
    #: ``execute`` (papermill) and ``report`` (the HTML) [s].
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class BatchResult:
    """Every pair's result, the manifest's path, and a summary table."""

    results: tuple[JobResult, ...]
    manifest: Path
    seconds: float
    jobs: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether every pair ran to the end."""
        return all(r.ok for r in self.results)

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if not r.ok]

    def summary(self) -> str:
        """A table: pair, status, seconds, output (and the failing cell and error)."""
        rows = [("pair", "status", "seconds", "output")]
        for r in self.results:
            where = r.output if r.ok else f"{r.output}  (cell {r.cell}: {r.error})"
            rows.append(
                (f"{r.client}/{Path(r.notebook).stem}", r.status, f"{r.seconds:.1f}", where)
            )
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = [
            f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:>{widths[2]}}  {d}" for a, b, c, d in rows
        ]
        # as wide as the table's paths (an error after a path may run on)
        paths = max([len("output"), *(len(r.output) for r in self.results)])
        lines.insert(1, "-" * (sum(widths) + 6 + paths))
        ok = sum(r.ok for r in self.results)
        lines.append("")
        lines.append(
            f"{ok} of {len(self.results)} runs succeeded in {self.seconds:.1f} s "
            f"with {self.jobs} worker{'s' if self.jobs != 1 else ''}; manifest: {self.manifest}"
        )
        return "\n".join(lines)


def expand_clients(patterns: Iterable[str | Path]) -> list[Path]:
    """Client files from paths and glob patterns, in order, each once."""
    found: list[Path] = []
    for pattern in patterns:
        text = str(pattern)
        if glob.has_magic(text):
            matches = sorted(Path(p) for p in glob.glob(text))
            if not matches:
                raise BatchError(f"no client file matches {text!r}")
        else:
            matches = [Path(text)]
        for path in matches:
            if not path.is_file():
                raise BatchError(f"no such client file: {path}")
            if path.resolve() not in {p.resolve() for p in found}:
                found.append(path)
    if not found:
        raise BatchError(
            "no client given: use --client FILE (a glob such as 'data/clients/*.yaml' works)"
        )
    return found


def notebook_parameters(notebook: str | Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares in its cell tagged ``parameters``."""
    skip_slow_optional_imports()
    import papermill

    path = Path(notebook)
    if not path.is_file():
        raise BatchError(f"no such notebook: {path}")
    try:
        return dict(papermill.inspect_notebook(str(path)))
    except Exception as exc:  # a broken file: say which and why
        raise BatchError(f"cannot read the notebook {path}: {exc}") from None


def _type_names(declared: str | None) -> set[str]:
    """``"str | None"``, ``"Optional[int]"`` -> ``{"str", "None"}``, ``{"int", "None"}``."""
    if not declared:
        return set()
    text = declared.replace("typing.", "").replace(" ", "")
    text = re.sub(r"^Optional\[(.*)\]$", r"\1|None", text)
    names = {n for n in re.split(r"[|,]|Union\[|\]", text) if n}
    return {"None" if n in {"NoneType", "none"} else n for n in names}


def parse_parameter(name: str, raw: Any, declared: str | None) -> Any:
    """Convert a ``-p`` value (text) to the type the notebook declares for it.

    Raises
    ------
    BatchError
        When the text is not a value of that type.
    """
    types = _type_names(declared)
    if not isinstance(raw, str):
        value = raw
        kind = "None" if value is None else type(value).__name__
        if (
            types
            and types - {"None"}
            and kind not in types
            and not (kind == "int" and "float" in types)
        ):
            raise BatchError(f"parameter {name!r} expects {declared}, got {kind} {value!r}")
        return value
    if raw == "None" and (not types or "None" in types):
        return None
    concrete = types - {"None"}
    if not concrete or concrete == {"None"}:  # undeclared: papermill's own guess
        from_text: Callable[[str], Any] = _papermill_guess
        return from_text(raw)
    for kind in ("bool", "int", "float", "str"):
        if kind not in concrete:
            continue
        if kind == "str":
            return raw
        if kind == "bool" and raw.lower() in {"true", "false"}:
            return raw.lower() == "true"
        if kind == "int" and re.fullmatch(r"[+-]?\d+", raw):
            return int(raw)
        if kind == "float":
            try:
                return float(raw)
            except ValueError:
                pass
    if concrete & {"list", "dict"}:
        import yaml

        value = yaml.safe_load(raw)
        if type(value).__name__ in concrete:
            return value
    raise BatchError(f"parameter {name!r} expects {declared}, got {raw!r}")


def _papermill_guess(raw: str) -> Any:
    if raw in {"True", "False"}:
        return raw == "True"
    if raw == "None":
        return None
    for convert in (int, float):
        try:
            return convert(raw)
        except ValueError:
            pass
    return raw


def plan_jobs(
    notebooks: Sequence[str | Path],
    clients: Sequence[str | Path],
    out_dir: str | Path,
    parameters: Mapping[str, Any] | None = None,
) -> list[Job]:
    """Check everything that can be checked without a kernel, and list the pairs.

    Raises
    ------
    BatchError
        For a missing notebook or client, an unknown parameter name (the error
        lists the notebook's parameters), a value of the wrong type, two
        clients or notebooks with the same name, or an output that would land
        on an input file.
    """
    if not notebooks:
        raise BatchError("no notebook given")
    given = dict(parameters or {})
    for name in (*RUNNER_PARAMETERS, *PRACTICE_PARAMETERS):
        if name in given:
            raise BatchError(
                f"parameter {name!r} is set by the runner for each client; do not pass it with -p"
            )
    check_out_dir(out_dir)
    out = Path(out_dir).resolve()
    notebook_paths = [Path(n) for n in notebooks]
    client_paths = [Path(c) for c in clients]
    _unique([p.stem for p in notebook_paths], "notebook")
    _unique([p.stem for p in client_paths], "client")
    inputs = {p.resolve() for p in notebook_paths + client_paths}

    typed: dict[Path, dict[str, Any]] = {}
    practice: set[Path] = set()
    for nb in notebook_paths:
        declared = notebook_parameters(nb)
        if "clients" in declared and "client" not in declared:
            practice.add(nb)
        needed = PRACTICE_PARAMETERS if nb in practice else RUNNER_PARAMETERS
        missing = [n for n in needed if n not in declared]
        if missing:
            raise BatchError(
                f"notebook {nb} has no parameter {missing[0]!r} in its parameters cell "
                f"(it declares: {', '.join(declared) or 'none'}); "
                "careerlib run passes client (or clients, to a notebook about the whole "
                "practice) and out_dir"
            )
        values: dict[str, Any] = {}
        for name, raw in given.items():
            if name not in declared:
                from careerlib.models import suggest

                raise BatchError(
                    f"unknown parameter {name!r} for notebook {nb.name}{suggest(name, declared)} "
                    f"(its parameters: {', '.join(declared)})"
                )
            values[name] = parse_parameter(name, raw, declared[name].get("inferred_type_name"))
            check_parameter_value(name, values[name], declared[name], nb)
        typed[nb] = values

    if practice:
        _unique([p.stem for p in client_paths] + [PRACTICE], "client")
    jobs = []
    for nb in notebook_paths:
        if nb in practice:
            where = out / PRACTICE
            for target in (where / f"{nb.stem}.ipynb", where / f"{nb.stem}.html"):
                if target.resolve() in inputs:
                    raise BatchError(
                        f"the output {target} would overwrite an input file; choose another --out"
                    )
            params = {"clients": [str(c.resolve()) for c in client_paths], "out_dir": str(where)}
            jobs.append(
                Job(
                    nb.resolve(),
                    Path(PRACTICE),
                    where,
                    where / f"{nb.stem}.ipynb",
                    where / f"{nb.stem}.html",
                    {**params, **typed[nb]},
                )
            )
    for client in client_paths:
        client_dir = client_folder(out, client)
        for nb in notebook_paths:
            if nb in practice:
                continue
            output = client_dir / f"{nb.stem}.ipynb"
            html = client_dir / f"{nb.stem}.html"
            for target in (output, html):
                if target.resolve() in inputs:
                    raise BatchError(
                        f"the output {target} would overwrite an input file; choose another --out"
                    )
            params = {"client": str(client.resolve()), "out_dir": str(client_dir), **typed[nb]}
            jobs.append(Job(nb.resolve(), client.resolve(), client_dir, output, html, params))
    return jobs


def check_out_dir(out_dir: str | Path) -> None:
    """Refuse an ``--out`` that names an existing file (a folder is needed)."""
    out = Path(out_dir)
    for folder in (out, *out.parents):
        if folder.exists() and not folder.is_dir():
            raise OutputError(
                f"--out {out}: {folder} is a file, but the reports need a folder there; "
                "choose a folder's name"
            )
        if folder.exists():
            break


def client_folder(out: Path, client: Path) -> Path:
    """``OUT/<client>``: a plain folder name inside ``out``, never outside it.

    A client file named ``...yaml`` has the stem ``..``, which would put its
    reports beside ``out`` instead of in it; such a name is refused.
    """
    name = client.stem
    folder = out / name
    if (
        name in {"", ".", ".."}
        or name.startswith(".")
        or os.sep in name
        or (os.altsep is not None and os.altsep in name)
        or folder.resolve().parent != out.resolve()
    ):
        raise OutputError(
            f"the client file {client} gives the folder name {name!r}, which would put "
            f"its reports outside {out} or hide them; rename the file (for example jordan-lee.yaml)"
        )
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            f"{folder} is a file, but the reports of {client.name} need a folder there"
        )
    return folder


_DATE_HINTS = ("yyyy-mm-dd", "date")


def check_parameter_value(
    name: str, value: Any, declared: Mapping[str, Any], notebook: Path
) -> None:
    """Refuse, before any kernel starts, a value the notebook would fail on.

    A parameter that holds a date (its name is ``as_of`` or ends in ``date``,
    or its comment in the parameters cell says ``YYYY-MM-DD``) must be empty
    (today) or a real date within careerlib's window of dates.
    """
    about = f"{name} {declared.get('help') or ''}".lower()
    wants_date = name == "as_of" or name.endswith("date") or "yyyy-mm-dd" in about
    if not wants_date or value is None or value == "":
        return
    import datetime

    from careerlib.limits import date_problem

    text = str(value).strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError("not in the form YYYY-MM-DD")
        day = datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise BatchError(
            f"parameter {name!r} of {notebook.name} is a date (YYYY-MM-DD, or empty for "
            f"today), got {text[:40]!r} ({exc})"
        ) from None
    problem = date_problem(day)
    if problem is not None:
        raise BatchError(f"parameter {name!r} of {notebook.name}: {problem}")


def _unique(names: list[str], kind: str) -> None:
    seen = set()
    for name in names:
        if name in seen:
            raise BatchError(f"two {kind}s are named {name!r}: their outputs would collide")
        seen.add(name)


# --- workers ----------------------------------------------------------------------


def die_with_parent(parent: int) -> None:
    """Make this (worker) process end when ``parent`` ends, even by ``kill -9``.

    On Linux the kernel sends SIGKILL at the parent's death
    (``prctl(PR_SET_PDEATHSIG)``); elsewhere a daemon thread polls the parent.
    A worker that outlived its run would write reports no manifest records.
    """
    import signal
    import threading

    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        if libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0) == 0:
            if os.getppid() != parent:  # it died before the call
                os._exit(1)
            return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="careerlib-parent-watch", daemon=True).start()


# --- the manifest -------------------------------------------------------------------


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": sys.version.split()[0]}
    for pkg in ("careerlib", "papermill", "nbconvert", "ipykernel", "plotly", "pandas", "numpy"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


@contextlib.contextmanager
def _locked(path: Path, *, exclusive: bool = True, wait: bool = True) -> Iterator[bool]:
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


_RUN_LOCK = ".careerlib-run.lock"
_MANIFEST_LOCK = ".manifest.lock"
_TEMPORARY = re.compile(r"^\..*" + re.escape(TMP_MARK) + r"[0-9a-f]{8}(\.[^.]*)?$")


def clean_stale_temporaries(out: Path) -> list[Path]:
    """Remove the temporary files a killed run left in ``out`` (``.NAME.tmp-XXXXXXXX.ext``).

    Only when no other run uses ``out`` (none holds its run lock): another
    run's temporary files are files being written. Returns what was removed.
    """
    removed: list[Path] = []
    lock = out / _RUN_LOCK
    if not lock.exists():
        return removed
    with _locked(lock, exclusive=True, wait=False) as alone:
        if not alone:
            return removed
        for root, _dirs, files in os.walk(out):
            for name in files:
                if _TEMPORARY.match(name):
                    path = Path(root) / name
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
                        removed.append(path)
    return removed


@contextlib.contextmanager
def _running_in(out: Path) -> Iterator[None]:
    """Mark ``out`` in use by this run (a shared lock), after removing a killed run's files."""
    out.mkdir(parents=True, exist_ok=True)
    (out / _RUN_LOCK).touch()
    clean_stale_temporaries(out)
    with _locked(out / _RUN_LOCK, exclusive=False):
        yield


def _write_manifest(out: Path, results: Sequence[JobResult], jobs: int, seconds: float) -> Path:
    # read, merge and write under a lock: two runs into one folder keep both's pairs
    with _locked(out / _MANIFEST_LOCK):
        return _merge_manifest(out, results, jobs, seconds)


def _merge_manifest(out: Path, results: Sequence[JobResult], jobs: int, seconds: float) -> Path:
    path = out / "manifest.json"
    previous: list[dict[str, Any]] = []
    if path.exists():
        try:
            previous = json.loads(path.read_text(encoding="utf-8")).get("pairs", [])
        except (ValueError, AttributeError):
            previous = []
    mine = {(r.notebook, r.client) for r in results}
    pairs = [p for p in previous if (p.get("notebook"), p.get("client")) not in mine]
    pairs += [asdict(r) for r in results]
    manifest = {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "jobs": jobs,
        "seconds": round(seconds, 2),
        "versions": _versions(),
        "pairs": pairs,
    }
    return write_text(path, json.dumps(manifest, indent=2) + "\n")
