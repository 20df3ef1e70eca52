"""Batch runs on a Dask cluster (a LocalCluster of process workers) and on any Executor."""

from __future__ import annotations

import concurrent.futures as cf
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from careerlib import BatchError
from careerlib.batch import _dask, run_batch
from careerlib.cli import cli
from tests.conftest import DATA

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
    assert (out / "ada" / "greeting.txt").read_text() == "Hello Ada as of 2027-01-29"
    assert (out / "ada" / "greet.html").read_text().count('id="careerlib-chart-1"') == 1
    assert (out / "bob" / "greet.ipynb").exists() and not (out / "bob" / "greeting.txt").exists()
    # the worker ran on its own copy of the inputs (no shared file system needed)
    injected = _injected(out / "ada" / "greet.ipynb")
    assert str(clients[0]) not in injected and "careerlib-run-" in injected
    assert by_client["ada"].output == str(out / "ada" / "greet.ipynb")
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
    greeting = (tmp_path / "out" / "ada" / "greeting.txt").read_text()
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
    assert (tmp_path / "out" / "ada" / "greeting.txt").exists()


def test_a_portable_pair_carries_the_files_its_client_names(tmp_path: Path) -> None:
    from careerlib.batch import plan_jobs
    from careerlib.batch._run import portable

    root = Path(__file__).resolve().parent.parent
    client = root / "data" / "clients" / "jordan-lee.yaml"
    notebook = root / "notebooks" / "02-roadmap.ipynb"
    (job,) = plan_jobs([notebook], [client], tmp_path)
    task = portable(job)
    assert task.root == root
    assert set(task.files) == {
        "notebooks/02-roadmap.ipynb",
        "data/clients/jordan-lee.yaml",
        "data/plans/it-director-to-cio.yaml",
        "data/roles/healthcare-cio.yaml",
        "data/peers/healthcare-it.csv",
    }


def test_outputs_from_a_worker_stay_inside_the_clients_folder(tmp_path: Path) -> None:
    from careerlib.batch import JobResult, plan_jobs
    from careerlib.batch._run import PortableResult, portable, unpack

    (job,) = plan_jobs([NOTEBOOK], [DATA / "clients" / "ada.yaml"], tmp_path / "out")
    done = PortableResult(JobResult("greet", "ada", "ok", 1.0, "x"), {"../../escaped.txt": b"nope"})
    with pytest.raises(BatchError, match="outside its folder"):
        unpack(portable(job), done)
    assert not (tmp_path / "escaped.txt").exists()


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
        record = json.loads((out / client.stem / "images.json").read_text())
        assert record["png"] == b"\x89PNG\r\n\x1a\n".hex()
        assert record["browsers_in_kernel"] == 0 and record["service"], record
        assert (out / client.stem / "chart.png").read_bytes().startswith(b"\x89PNG")
