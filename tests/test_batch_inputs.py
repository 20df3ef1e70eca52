"""The loader says what it read: a Dask run packs every file a local run reads.

``careerlib run`` loads each client before any kernel starts and packs the
files that loading read (:mod:`careerlib.client_inputs`, :mod:`careerlib._input_log`).
Here every notebook's code runs in this process for every sample client (with a
check-in journal, an assessments journal and a saved baseline), under an audit
hook that sees every file opened; a file it reads that the packer would not
send fails the test. So does
a reader of a person's files, below the front ends, that does not report what
it opens.
"""

from __future__ import annotations

import ast
import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from careerlib._input_log import note_input, recording_inputs
from careerlib.batch import plan_jobs
from careerlib.client_inputs import load_client_inputs
from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
AS_OF = "2027-01-15"

# --- every file opened for reading, seen by an audit hook --------------------------

_WATCHED: list[set[str]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event != "open" or not _WATCHED:
        return
    path, mode, flags = args
    if not isinstance(path, str | bytes | os.PathLike):
        return  # a file descriptor
    reading = (
        ("r" in mode or "+" in mode)
        if isinstance(mode, str)
        else (flags & os.O_ACCMODE) in (os.O_RDONLY, os.O_RDWR)
    )
    if reading:
        _WATCHED[-1].add(os.path.normpath(os.path.abspath(os.fsdecode(path))))


sys.addaudithook(_audit)  # cannot be removed: it watches only inside _opened()


@contextlib.contextmanager
def _opened() -> Iterator[set[str]]:
    """Every file opened for reading while the block runs (absolute, ``..`` taken by name)."""
    seen: set[str] = set()
    _WATCHED.append(seen)
    try:
        yield seen
    finally:
        _WATCHED.pop()


# --- what the notebooks do, in this process ----------------------------------------


def _execute(notebook: Path, parameters: dict[str, Any]) -> None:
    """Run a notebook's code cells here, its parameters cell replaced by ``parameters``."""
    from IPython.display import display

    namespace: dict[str, Any] = {"__name__": "__main__", "display": display}
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        exec(compile(cell.source, f"{notebook.name}", "exec"), namespace)
        if "parameters" in cell.metadata.get("tags", []):
            namespace.update(parameters)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample clients, plans, roles and peer groups."""
    root = tmp_path_factory.mktemp("inputs") / "data"
    for folder in ("clients", "plans", "roles", "peers"):
        shutil.copytree(ROOT / "data" / folder, root / folder)
    assert (root / "clients" / "jordan-lee.checkins.jsonl").stat().st_size
    assert (root / "plans" / "it-director-to-cio.baselines.jsonl").stat().st_size
    _take_an_assessment(root / "clients" / "jordan-lee.yaml")
    return root


def _take_an_assessment(client: Path) -> Path:
    """A work values card sort in the client's assessments journal (beside the file)."""
    import datetime as dt

    from careerlib.assessments import record_assessment, values_assessment
    from careerlib.onet import WORK_VALUES

    order = list(reversed(WORK_VALUES))
    return record_assessment(client, values_assessment(order, dt.date(2026, 12, 1)))


def _unpacked(notebook: Path, clients: list[Path], out: Path) -> set[str]:
    """The client files ``notebook``'s code reads that its pair would not carry."""
    (job,) = plan_jobs([notebook], clients, out, {"as_of": AS_OF})
    packed = {os.path.normpath(i.path) for i in job.inputs}
    folder = str(clients[0].parents[1])  # the copy of data/
    with _opened() as seen, open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
        _execute(notebook, {**job.parameters, "out_dir": str(out / "run")})
    # a file that does not exist was tried, not read: the worker lacks it as well
    return {p for p in seen if p.startswith(folder + os.sep) and os.path.isfile(p)} - packed


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_a_pair_carries_every_file_its_notebook_reads(
    notebook: Path, data: Path, tmp_path: Path
) -> None:
    clients = sorted((data / "clients").glob("*.yaml"))
    if "05-" in notebook.name:  # the whole practice: one pair with every client's files
        assert _unpacked(notebook, clients, tmp_path) == set()
        return
    for client in clients:
        assert _unpacked(notebook, [client], tmp_path / client.stem) == set(), client.name


def test_a_file_read_but_not_loaded_with_the_client_fails_the_check(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new kind of file beside the client file (a journal of goals, say), read by an
    analysis but not by the client's loading: the check above names it."""
    from careerlib import gaps
    from careerlib._jsonl import read_records

    client = data / "clients" / "jordan-lee.yaml"
    journal = client.with_name("jordan-lee.goals.jsonl")
    journal.write_text('{"date": "2026-11-01"}\n')
    original = gaps.self_assessment

    def reads_more(*args: Any, **kwargs: Any) -> Any:
        list(read_records(journal, "goal"))
        return original(*args, **kwargs)

    monkeypatch.setattr(gaps, "self_assessment", reads_more)
    try:
        notebook = ROOT / "notebooks" / "01-assessment.ipynb"
        assert _unpacked(notebook, [client], tmp_path) == {str(journal)}
    finally:
        journal.unlink()


def test_loading_a_client_lists_every_file_it_read(data: Path) -> None:
    client = data / "clients" / "jordan-lee.yaml"
    with _opened() as seen:
        loaded = load_client_inputs(client)
    listed = {os.path.normpath(f.path) for f in loaded.files}
    assert {p for p in seen if p.startswith(str(data)) and os.path.isfile(p)} == listed
    assert [f.kind for f in loaded.files][:2] == ["client", "assessment"]
    assert {Path(p).name for p in listed} == {
        "jordan-lee.yaml",
        "jordan-lee.assessments.jsonl",
        "jordan-lee.checkins.jsonl",
        "healthcare-cio.yaml",
        "it-director-to-cio.yaml",
        "it-director-to-cio.baselines.jsonl",
        "healthcare-it.csv",
        "metrics.csv",
    }
    assert {Path(f.path).name for f in loaded.reference} >= {"ratings.csv.gz", "elements.csv"}
    # a client without a journal or baselines: what does not exist was not read
    plain = load_client_inputs(data / "clients" / "marcus-brown.yaml")
    assert not [f for f in plain.files if f.kind in ("check-in", "baseline")]


def test_recordings_nest_and_stay_in_their_context() -> None:
    note_input("/nowhere/a.yaml", "plan")  # no recording: nothing happens
    with recording_inputs() as outer:
        note_input("/x/a.yaml", "plan")
        with recording_inputs() as inner:
            note_input("/x/b.csv", "peer")
            note_input("/x/t.csv", "O*NET table", reference=True)
        note_input("/x/a.yaml", "plan")
    assert [f.path.name for f in outer.files] == ["a.yaml", "b.csv", "t.csv"]
    assert [f.path.name for f in inner.given] == ["b.csv"]


# --- every reader of a person's files reports ----------------------------------------

#: Functions below the front ends that open files without reporting them, and why.
NOT_INPUTS = {
    ("_atomic", "write_bytes"): "writes",
    ("_atomic", "write_new"): "writes",
    ("_atomic", "_write_exclusive"): "writes",
    ("clients", "set_client_plan"): "rewrites the client file's plan: value (careerlib switch)",
    ("_jsonl", "append_record"): "reads the last byte of the file it appends to",
    ("onet", "_read"): "careerlib's O*NET tables: load_onet reports them",
    ("report.pdf", "finish_report"): "reads the report it has just written",
    ("assessments", "load_draft"): "answers of an assessment being taken (careerlib assess)",
    ("tradeoff", "_quiet_stdout"): "opens /dev/null to silence HiGHS's banner",
    ("_printer", "_start"): "opens the PDF printer's browser (browser.open), not a file",
}
_RAW = {"open", "fdopen", "read_text", "read_bytes", "read_csv", "read_excel", "load_workbook"}


def _raw_reads(function: ast.AST) -> bool:
    """Whether ``function`` opens a file itself (``open``, ``Path.read_text``, ``read_csv``)."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            f = node.func
            if (isinstance(f, ast.Attribute) and f.attr in _RAW) or (
                isinstance(f, ast.Name) and f.id == "open"
            ):
                return True
    return False


def _reports(function: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "note_input"
        for n in ast.walk(function)
    )


def test_every_reader_below_the_front_ends_reports_what_it_opens() -> None:
    from tests.test_layers import PACKAGE, _layer, _module_name

    silent = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        if _layer(module) >= 6:  # notebooks, the console, batch, CLI: not a client's analyses
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            key = (module.removeprefix("careerlib."), fn.name)
            if _raw_reads(fn) and not _reports(fn) and key not in NOT_INPUTS:
                silent.append(f"{path.relative_to(ROOT)}:{fn.lineno} {fn.name}")
    assert silent == [], (
        "these open files without careerlib._input_log.note_input: a Dask run would not "
        "send what they read"
    )
