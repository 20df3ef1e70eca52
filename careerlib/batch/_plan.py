"""What a batch run runs, checked before any kernel starts, and what it records.

:func:`plan_jobs` turns notebooks, clients and ``-p`` values into the list of
(notebook, client) pairs (:class:`Job`), each with its outputs under
``OUT/<client>/``. It

* checks every parameter against every notebook's ``parameters`` cell (papermill
  itself only warns about unknown names) and converts ``-p`` values to the type
  the notebook declares;
* refuses an output that would land on an input notebook or client file;
* loads every client profile with everything its analyses read, before any
  kernel starts (:mod:`careerlib.batch._precheck`): a broken file is one
  error, and each pair knows its input files (:attr:`Job.inputs`).

Each pair's outputs go into its own folder, ``OUT/<client>/<notebook>/``
(``OUT/practice/<notebook>/`` for a notebook about the whole practice), which a
run replaces whole (:mod:`careerlib.batch._staging`).
"""

from __future__ import annotations

import glob
import os
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

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
class JobInput:
    """An input file of a pair: the path its notebook's code opens it by (absolute), what
    it is (``client``, ``plan``, ``check-in``...) and its SHA-256 when the run was planned."""

    path: str
    kind: str
    sha256: str


@dataclass(frozen=True)
class Job:
    """One (notebook, client) pair, where its outputs go, and the files it reads.

    ``out_dir`` is the pair's own folder; ``inputs`` are the client's files
    (every client's, for a notebook about the whole practice) as loading them
    found them, empty for a client file that is not a careerlib profile given
    to a notebook that does not ask for one.
    """

    notebook: Path
    client: Path
    out_dir: Path
    output: Path
    html: Path
    parameters: dict[str, Any]
    inputs: tuple[JobInput, ...] = ()

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
    #: The warnings libraries gave while the pair ran (papermill, nbformat...),
    #: one line each: ``Category: message``.
    warnings: list[str] = field(default_factory=list)

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
    #: The run's id: the manifest's ``run``, and each pair folder's.
    run: str = ""

    @property
    def ok(self) -> bool:
        """Whether every pair ran to the end."""
        return all(r.ok for r in self.results)

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if not r.ok]

    def warnings(self) -> list[tuple[str, str]]:
        """The warnings of the runs, each once: (notebook file name, ``Category: message``)."""
        said = ((Path(r.notebook).name, text) for r in self.results for text in r.warnings)
        return list(dict.fromkeys(said))

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
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            declared = dict(papermill.inspect_notebook(str(path)))
        except Exception as exc:  # a broken file: say which and why (its warnings would not)
            raise BatchError(f"cannot read the notebook {path}: {exc}") from None
    for said in caught:  # shown as the notebook's (not the library's code line)
        warnings.warn_explicit(said.message, said.category, str(path), 0)
    return declared


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
    *,
    portable: bool = False,
) -> list[Job]:
    """Check everything that can be checked without a kernel, and list the pairs.

    ``portable``: the pairs will run on machines that do not share this one's
    files (a Dask cluster, an executor); a client profile that names a file
    by an absolute path is refused.

    The client files are loaded as careerlib's notebooks load them when a
    notebook asks for client profiles (its metadata says
    ``{"careerlib": {"client_profiles": true}}``, as careerlib's own do) or
    when the file is one; each pair then lists the files it reads
    (:attr:`Job.inputs`, see :mod:`careerlib.batch._precheck`). A ``-p`` value
    that names an existing file is passed as its absolute path and is one of
    the inputs of every pair of its notebook (with what it names, for a client
    profile).

    Raises
    ------
    BatchError
        For a missing notebook or client, an unknown parameter name (the error
        lists the notebook's parameters), a value of the wrong type, two
        clients or notebooks with the same name, or a pair's folder that holds
        an input file.
    InputError, DataError
        For a client profile, or a file it names, that is not valid (naming
        the file and the line).
    """
    from careerlib.batch._precheck import check_clients, reads_client_profiles

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
    typed, practice = _typed_parameters(notebook_paths, given)
    if practice:
        _unique([p.stem for p in client_paths] + [PRACTICE], "client")
    folders = {client: client_folder(out, client) for client in client_paths}
    given_files = _parameter_files(typed, portable)
    files = check_clients(
        [c.resolve() for c in client_paths],
        strict=any(reads_client_profiles(nb) for nb in notebook_paths),
        portable=portable,
    )
    jobs = []
    for nb in notebook_paths:
        if nb in practice:
            every = tuple(dict.fromkeys(i for c in client_paths for i in files[c.resolve()]))
            every_file: dict[str, Any] = {"clients": [str(c.resolve()) for c in client_paths]}
            every += given_files.get(nb, ())
            jobs.append(_job(nb, Path(PRACTICE), out / PRACTICE, every_file, typed[nb], every))
    for client in client_paths:
        for nb in notebook_paths:
            if nb not in practice:
                one: dict[str, Any] = {"client": str(client.resolve())}
                mine = files[client.resolve()] + given_files.get(nb, ())
                jobs.append(_job(nb, client.resolve(), folders[client], one, typed[nb], mine))
    _check_outputs(jobs, notebook_paths + client_paths)
    return jobs


def _typed_parameters(
    notebooks: list[Path], given: Mapping[str, Any]
) -> tuple[dict[Path, dict[str, Any]], set[Path]]:
    """Each notebook's ``-p`` values, converted to the types it declares; the notebooks
    about the whole practice (they declare ``clients``)."""
    typed: dict[Path, dict[str, Any]] = {}
    practice: set[Path] = set()
    for nb in notebooks:
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
    return typed, practice


def _parameter_files(
    typed: dict[Path, dict[str, Any]], portable: bool
) -> dict[Path, tuple[JobInput, ...]]:
    """The files that ``-p`` values name (notebook 06's ``client_then``, say), by notebook.

    A text value that names an existing file (relative to the folder the run
    started in) is passed to the notebook as its absolute path (a kernel runs
    in its notebook's folder) and is one of the pair's inputs: it travels with
    the pair and the manifest names it. A client profile brings the files its
    loading reads.
    """
    from careerlib.batch._precheck import check_clients

    found: dict[Path, tuple[JobInput, ...]] = {}
    loaded: dict[Path, tuple[JobInput, ...]] = {}
    for nb, values in typed.items():
        named: list[JobInput] = []
        for name, value in values.items():
            if not isinstance(value, str) or not value or "\n" in value:
                continue
            path = Path(value)
            try:
                if not path.is_file():
                    continue
            except OSError:  # a value too long to be a file name
                continue
            path = path.resolve()
            values[name] = str(path)
            if path not in loaded:
                (loaded[path],) = check_clients([path], strict=False, portable=portable).values()
            mine = loaded[path]
            named += [replace(mine[0], kind=f"parameter {name}"), *mine[1:]]
        found[nb] = tuple(named)
    return found


def _job(
    notebook: Path,
    client: Path,
    client_dir: Path,
    params: dict[str, Any],
    typed: dict[str, Any],
    inputs: tuple[JobInput, ...],
) -> Job:
    """The pair of ``notebook`` and ``client``, in its folder ``<client_dir>/<notebook>/``."""
    from careerlib.batch._precheck import notebook_input

    folder = client_dir / notebook.stem
    return Job(
        notebook.resolve(),
        client,
        folder,
        folder / f"{notebook.stem}.ipynb",
        folder / f"{notebook.stem}.html",
        {**params, "out_dir": str(folder), **typed},
        _once((notebook_input(notebook.resolve()), *inputs)),
    )


def _once(inputs: Iterable[JobInput]) -> tuple[JobInput, ...]:
    """Each file once (its first entry), in order."""
    found: dict[str, JobInput] = {}
    for i in inputs:
        found.setdefault(i.path, i)
    return tuple(found.values())


def _check_outputs(jobs: list[Job], given: list[Path]) -> None:
    """Refuse a pair whose folder (replaced whole by each run) holds an input, or is a file."""
    inputs = {p.resolve() for p in given} | {
        Path(i.path).resolve() for job in jobs for i in job.inputs
    }
    for job in jobs:
        folder = job.out_dir.resolve()
        if job.out_dir.exists() and not job.out_dir.is_dir():
            raise OutputError(
                f"{job.out_dir} is a file, but the reports of {job.name} need a folder there"
            )
        for path in inputs:
            if path == folder or path.is_relative_to(folder):
                raise BatchError(
                    f"the input file {path} is inside {job.out_dir}, the folder of {job.name}'s "
                    "reports that each run replaces; choose another --out"
                )


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
