"""Batch runs on a Dask cluster (a LocalCluster of process workers) and on any Executor."""

from __future__ import annotations

import concurrent.futures as cf
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from careerlib import BatchError
from careerlib.batch import _dask, run_batch
from careerlib.cli import cli
from tests.conftest import DATA, ROOT

NOTEBOOK = DATA / "notebooks" / "greet.ipynb"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """Two process workers with one thread each, on 127.0.0.1, stopped after the module."""
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # None would still take port 8787
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture()
def inputs(tmp_path: Path) -> tuple[Path, list[Path]]:
    """The notebook and the clients in a folder of their own, with a file a client names."""
    folder = tmp_path / "inputs"
    shutil.copytree(DATA / "clients", folder / "clients")
    shutil.copy(NOTEBOOK, folder / "greet.ipynb")
    return folder / "greet.ipynb", sorted((folder / "clients").glob("*.yaml"))


def _sample_data(tmp_path: Path) -> Path:
    """A copy of the sample clients, plans, roles and peer groups (with a check-in
    journal, a saved baseline and an assessments journal)."""
    data = tmp_path / "data"
    for folder in ("clients", "plans", "roles", "peers"):
        shutil.copytree(ROOT / "data" / folder, data / folder)
    # and an assessment the client took in a session
    import datetime as dt

    from careerlib.assessments import record_assessment, values_assessment
    from careerlib.onet import WORK_VALUES

    order = list(reversed(WORK_VALUES))
    record_assessment(
        data / "clients" / "jordan-lee.yaml", values_assessment(order, dt.date(2026, 12, 1))
    )
    return data


def _injected(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return next(c.source for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))


def test_a_dask_cluster_runs_the_pairs_and_sends_the_outputs_back(
    scheduler: str, inputs: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    notebook, clients = inputs
    out = tmp_path / "out"
    result = run_batch([notebook], clients, out, scheduler=scheduler, progress=False)
    by_client = {r.client: r for r in result.results}
    assert by_client["ada"].ok and by_client["cy"].ok
    assert not by_client["bob"].ok, "a failing pair stays a failed result"
    assert by_client["bob"].cell == 3 and "Bob asked to fail" in (by_client["bob"].error or "")
    # the outputs came back into --out on this machine
    assert (out / "ada" / "greet" / "greeting.txt").read_text() == "Hello Ada as of 2027-01-29"
    assert (out / "ada" / "greet" / "greet.html").read_text().count('id="careerlib-chart-1"') == 1
    assert (out / "bob" / "greet" / "greet.ipynb").exists()
    assert not (out / "bob" / "greet" / "greeting.txt").exists()
    # the worker ran on its own copy of the inputs (no shared file system needed)
    injected = _injected(out / "ada" / "greet" / "greet.ipynb")
    assert str(clients[0]) not in injected and "careerlib-run-" in injected
    assert by_client["ada"].output == str(out / "ada" / "greet" / "greet.ipynb")
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted((p["client"], p["status"]) for p in manifest["pairs"]) == [
        ("ada", "ok"),
        ("bob", "failed"),
        ("cy", "ok"),
    ]
    assert manifest["jobs"] == 2  # the cluster's worker threads


def test_cli_runs_on_a_scheduler(
    scheduler: str, inputs: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    notebook, clients = inputs
    args = ["run", str(notebook), "--out", str(tmp_path / "out"), "--scheduler", scheduler]
    for client in clients[:1]:
        args += ["--client", str(client)]
    result = CliRunner().invoke(cli, [*args, "-p", "repeat=2", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "1 of 1 runs succeeded" in result.stdout
    assert result.stderr == "", "nothing from Dask or the libraries on the terminal"
    greeting = (tmp_path / "out" / "ada" / "greet" / "greeting.txt").read_text()
    assert greeting == "Hello Ada as of 2027-01-29" * 2


def test_parameters_are_checked_before_the_scheduler_is_asked(tmp_path: Path) -> None:
    # nothing listens at this address: the parameter error comes first
    with pytest.raises(BatchError, match="unknown parameter 'nope'"):
        run_batch(
            [NOTEBOOK],
            [DATA / "clients" / "ada.yaml"],
            tmp_path / "out",
            parameters={"nope": "1"},
            scheduler="tcp://127.0.0.1:9",
            progress=False,
        )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("address", "match"),
    [
        pytest.param("tcp://127.0.0.1:9", "cannot reach the Dask scheduler", id="nobody-there"),
        pytest.param("127.0.0.1:9", "looks like tcp://HOST:8786", id="no-protocol"),
    ],
)
def test_a_scheduler_that_cannot_be_used_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, address: str, match: str
) -> None:
    monkeypatch.setattr(_dask, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(BatchError, match=match):
        run_batch([NOTEBOOK], [DATA / "clients" / "ada.yaml"], tmp_path, scheduler=address)


def test_any_executor_will_do(inputs: tuple[Path, list[Path]], tmp_path: Path) -> None:
    notebook, clients = inputs
    with cf.ThreadPoolExecutor(1) as executor:
        result = run_batch(
            [notebook], clients[:1], tmp_path / "out", executor=executor, progress=False
        )
    assert result.ok and result.jobs == 1, result.summary()
    assert (tmp_path / "out" / "ada" / "greet" / "greeting.txt").exists()


def test_a_portable_pair_carries_exactly_the_files_its_client_loading_read(
    tmp_path: Path,
) -> None:
    from careerlib.batch import plan_jobs
    from careerlib.batch._pack import bundle, part, portable

    client = ROOT / "data" / "clients" / "jordan-lee.yaml"
    notebook = ROOT / "notebooks" / "02-roadmap.ipynb"
    (job,) = plan_jobs([notebook], [client], tmp_path)
    files = bundle([job])
    assert files.root == str(ROOT)
    task = portable(job, files)
    assert (
        set(task.needs)
        == set(files.files)
        == {
            "notebooks/02-roadmap.ipynb",
            "data/clients/jordan-lee.yaml",
            "data/clients/jordan-lee.checkins.jsonl",
            "data/plans/it-director-to-cio.yaml",
            "data/plans/it-director-to-cio.baselines.jsonl",
            "data/roles/healthcare-cio.yaml",
            "data/peers/healthcare-it.csv",
            "data/peers/metrics.csv",
        }
    )
    assert (
        part(files, task).files["data/peers/metrics.csv"]
        == (ROOT / "data" / "peers" / "metrics.csv").read_bytes()
    )
    # each named with its hash in the manifest
    kinds = {Path(i.path).name: i.kind for i in job.inputs}
    assert kinds["jordan-lee.checkins.jsonl"] == "check-in"
    assert kinds["it-director-to-cio.baselines.jsonl"] == "baseline"
    assert kinds["metrics.csv"] == "metric definitions"


def test_a_workers_copy_keeps_the_inputs_times(tmp_path: Path) -> None:
    """Tracking dates a plan's change after its baseline by the plan file's time: the
    worker's copy of each input keeps it, so the day said is the same on every executor."""
    from careerlib.batch import plan_jobs
    from careerlib.batch._pack import bundle, part, portable, write_inputs

    data = _sample_data(tmp_path)
    plan = data / "plans" / "it-director-to-cio.yaml"
    then = 1_700_000_000_123_456_789  # 14 Nov 2023
    os.utime(plan, ns=(then, then))
    (job,) = plan_jobs(
        [ROOT / "notebooks" / "04-checkpoint-review.ipynb"],
        [data / "clients" / "jordan-lee.yaml"],
        tmp_path / "out",
    )
    files = bundle([job])
    task = portable(job, files)
    copy = tmp_path / "worker"
    write_inputs(task, part(files, task), copy)
    for rel in task.needs:
        assert (copy / rel).stat().st_mtime_ns == os.stat(Path(files.root) / rel).st_mtime_ns, rel
    (placed,) = [rel for rel in task.needs if rel.endswith(f"plans/{plan.name}")]
    assert (copy / placed).stat().st_mtime_ns == then


def test_a_parameter_naming_a_client_file_travels_with_its_pair(
    scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Notebook 06's ``client_then`` (an earlier copy of the client file): given
    relative to where the run starts, it reaches the kernel as an absolute path here,
    and with what it names (its plan, its role...) on a Dask worker."""
    from careerlib.batch import plan_jobs

    data = _sample_data(tmp_path)
    then = data / "clients" / "jordan-lee-then.yaml"
    shutil.copy(data / "clients" / "jordan-lee.yaml", then)
    monkeypatch.chdir(data)
    notebook = ROOT / "notebooks" / "06-rethink.ipynb"
    client = data / "clients" / "jordan-lee.yaml"
    given = {"client_then": "clients/jordan-lee-then.yaml", "as_of": "2027-01-15"}
    (job,) = plan_jobs([notebook], [client], tmp_path / "planned", given)
    assert job.parameters["client_then"] == str(then)
    kinds = {Path(i.path).name: i.kind for i in job.inputs}
    assert kinds["jordan-lee-then.yaml"] == "parameter client_then"
    assert kinds["it-director-to-cio.yaml"] == "plan"
    records = {}
    for where, how in (("here", {}), ("there", {"scheduler": scheduler})):
        done = run_batch(
            [notebook], [client], tmp_path / where, parameters=given, progress=False, **how
        )
        assert done.ok, done.summary()
        pair = tmp_path / where / "jordan-lee" / "06-rethink"
        shown = (pair / "06-rethink.ipynb").read_text().replace("\\\\", "")  # markdown escapes
        assert "since the client file then (jordan-lee-then.yaml)" in shown
        records[where] = (pair / "06-rethink.json").read_text()
        manifest = json.loads((tmp_path / where / "manifest.json").read_text())
        assert str(then) in [i["path"] for i in manifest["pairs"][0]["inputs"]]
    assert records["here"] == records["there"]


def test_a_generic_client_file_carries_the_files_it_names(tmp_path: Path) -> None:
    from careerlib.batch import plan_jobs
    from careerlib.batch._pack import bundle, portable

    (tmp_path / "clients").mkdir()
    (tmp_path / "notes.txt").write_text("remember")
    (tmp_path / "clients" / "ada.yaml").write_text("name: Ada\nnotes: ../notes.txt\n")
    (job,) = plan_jobs([NOTEBOOK], [tmp_path / "clients" / "ada.yaml"], tmp_path / "out")
    files = bundle([job])
    assert set(portable(job, files).needs) == {
        os.path.relpath(NOTEBOOK, files.root),
        os.path.relpath(tmp_path / "clients" / "ada.yaml", files.root),
        os.path.relpath(tmp_path / "notes.txt", files.root),
    }


def test_a_client_naming_a_file_by_an_absolute_path_is_refused_before_a_remote_run(
    tmp_path: Path,
) -> None:
    from careerlib.batch import plan_jobs

    data = _sample_data(tmp_path)
    client = data / "clients" / "priya-nair.yaml"
    plan = (data / "plans" / "same-sector-move.yaml").resolve()
    text = client.read_text()
    client.write_text(text.replace("plan: ../plans/same-sector-move.yaml", f"plan: {plan}"))
    assert str(plan) in client.read_text()
    notebook = ROOT / "notebooks" / "02-roadmap.ipynb"
    plan_jobs([notebook], [client], tmp_path / "out")  # here it is fine
    with pytest.raises(BatchError, match="plan names .* by an absolute path.*../plans/"):
        plan_jobs([notebook], [client], tmp_path / "out", portable=True)


def test_outputs_from_a_worker_stay_inside_the_pairs_folder(tmp_path: Path) -> None:
    from careerlib.batch import JobResult, plan_jobs
    from careerlib.batch._pack import PortableResult, bundle, portable, unpack
    from careerlib.batch._staging import staged

    (job,) = plan_jobs([NOTEBOOK], [DATA / "clients" / "ada.yaml"], tmp_path / "out")
    done = PortableResult(JobResult("greet", "ada", "ok", 1.0, "x"), {"../../escaped.txt": b"nope"})
    with pytest.raises(BatchError, match="outside its folder"):
        unpack(portable(job, bundle([job])), done, staged(job, "20261206T000000Z-000000"))
    assert not list(tmp_path.rglob("escaped.txt"))


def test_a_dask_worker_draws_its_kernels_images_in_one_browser_of_its_own(
    scheduler: str, tmp_path: Path
) -> None:
    from tests.conftest import need_browser

    need_browser()
    clients = [DATA / "clients" / "ada.yaml", DATA / "clients" / "cy.yaml"]
    out = tmp_path / "out"
    images = DATA / "notebooks" / "images.ipynb"
    result = run_batch([images], clients, out, scheduler=scheduler, progress=False)
    assert result.ok, result.summary()
    for client in clients:
        record = json.loads((out / client.stem / "images" / "images.json").read_text())
        assert record["png"] == b"\x89PNG\r\n\x1a\n".hex()
        assert record["browsers_in_kernel"] == 0 and record["service"], record
        assert (out / client.stem / "images" / "chart.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.slow
def test_every_notebook_gives_the_same_record_on_a_dask_cluster_as_here(
    scheduler: str, tmp_path: Path
) -> None:
    """Every sample client (one with a check-in journal, a saved baseline and an
    assessments journal) and every
    notebook, the practice's too: the record each pair writes is the same, byte for
    byte, from a local run and from a run on a cluster of process workers; so are the
    files each pair leaves and the inputs the manifests name."""
    data = _sample_data(tmp_path)
    assert (data / "clients" / "jordan-lee.checkins.jsonl").stat().st_size
    assert (data / "plans" / "it-director-to-cio.baselines.jsonl").stat().st_size
    assert (data / "clients" / "jordan-lee.assessments.jsonl").stat().st_size
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    clients = sorted((data / "clients").glob("*.yaml"))
    as_of = {"as_of": "2027-01-15"}
    started = time.perf_counter()
    here = run_batch(
        notebooks, clients, tmp_path / "here", jobs=2, parameters=as_of, progress=False
    )
    local = time.perf_counter() - started
    there = run_batch(
        notebooks,
        clients,
        tmp_path / "there",
        scheduler=scheduler,
        parameters=as_of,
        progress=False,
    )
    remote = time.perf_counter() - started - local
    print(f"local {local:.1f} s, Dask {remote:.1f} s for {len(here.results)} pairs")
    assert here.ok and there.ok, here.summary() + there.summary()
    assert len(here.results) == len(notebooks[:-1]) * len(clients) + 1

    def records(out: Path) -> dict[str, str]:
        return {str(p.relative_to(out)): p.read_text() for p in out.glob("*/*/[0-9][0-9]-*.json")}

    def leaves(out: Path) -> dict[str, list[str]]:
        return {
            str(folder.relative_to(out)): sorted(p.name for p in folder.iterdir())
            for folder in out.glob("*/*")
            if folder.is_dir()
        }

    assert records(tmp_path / "here") == records(tmp_path / "there")
    assert len(records(tmp_path / "here")) == len(here.results)
    assert leaves(tmp_path / "here") == leaves(tmp_path / "there")
    review = json.loads(
        (
            tmp_path / "there" / "jordan-lee" / "04-checkpoint-review" / "04-checkpoint-review.json"
        ).read_text()
    )
    assert review["last_checkin"] and review["baseline"] != "plan as written", review

    def inputs(out: Path) -> dict[tuple[str, str], list[tuple[str, str]]]:
        manifest = json.loads((out / "manifest.json").read_text())
        return {
            (Path(p["notebook"]).name, p["client"]): [(i["path"], i["sha256"]) for i in p["inputs"]]
            for p in manifest["pairs"]
        }

    assert inputs(tmp_path / "here") == inputs(tmp_path / "there")


def test_a_scheduler_that_cannot_be_reached_is_one_line_on_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_dask, "CONNECT_TIMEOUT", "1s")
    args = ["run", str(NOTEBOOK), "--client", str(DATA / "clients" / "ada.yaml")]
    result = CliRunner().invoke(
        cli, [*args, "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "careerlib: cannot reach the Dask scheduler at tcp://127.0.0.1:9"
    )
    assert result.stderr.count("\n") == 1, result.stderr


def test_what_dask_logs_during_a_run_is_one_line_each(
    scheduler: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    with _dask.dask_executor(scheduler):
        try:
            raise ConnectionError("the worker went away")
        except ConnectionError:
            logging.getLogger("distributed.client").exception("lost a worker\nmore detail")
        logging.getLogger("distributed.core").info("not a problem")
    assert capsys.readouterr().err == "careerlib: dask: error: lost a worker\n"
    # Dask's own handlers are back after the run
    for name in ("distributed", "distributed.client"):
        assert not [h for h in logging.getLogger(name).handlers if isinstance(h, _dask._OneLine)]
