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

import datetime as dt
import glob
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from careerlib._atomic import write_text
from careerlib._speedups import skip_slow_optional_imports
from careerlib.exceptions import BatchError

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
        lines.insert(1, "-" * (sum(widths) + 6 + max(len(r[3]) for r in rows)))
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
    for name in RUNNER_PARAMETERS:
        if name in given:
            raise BatchError(
                f"parameter {name!r} is set by the runner for each client; do not pass it with -p"
            )
    out = Path(out_dir).resolve()
    notebook_paths = [Path(n) for n in notebooks]
    client_paths = [Path(c) for c in clients]
    _unique([p.stem for p in notebook_paths], "notebook")
    _unique([p.stem for p in client_paths], "client")
    inputs = {p.resolve() for p in notebook_paths + client_paths}

    typed: dict[Path, dict[str, Any]] = {}
    for nb in notebook_paths:
        declared = notebook_parameters(nb)
        missing = [n for n in RUNNER_PARAMETERS if n not in declared]
        if missing:
            raise BatchError(
                f"notebook {nb} has no parameter {missing[0]!r} in its parameters cell "
                f"(it declares: {', '.join(declared) or 'none'}); "
                "careerlib run passes client and out_dir"
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
        typed[nb] = values

    jobs = []
    for client in client_paths:
        client_dir = out / client.stem
        for nb in notebook_paths:
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


def _unique(names: list[str], kind: str) -> None:
    seen = set()
    for name in names:
        if name in seen:
            raise BatchError(f"two {kind}s are named {name!r}: their outputs would collide")
        seen.add(name)


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


def _write_manifest(out: Path, results: Sequence[JobResult], jobs: int, seconds: float) -> Path:
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
