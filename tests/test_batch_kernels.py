"""Preheated kernels: a fresh one for every run, started ahead, retried when a start fails."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Any

import pytest

from careerlib.batch import _kernels, run_batch
from careerlib.batch._kernels import KernelPool, start_kernel
from careerlib.batch._run import wants_images
from tests.conftest import DATA, ROOT

STATE = DATA / "notebooks" / "state.ipynb"
CLIENTS = DATA / "clients"


@pytest.mark.parametrize("jobs", [pytest.param(1, id="in-process"), pytest.param(2, id="workers")])
def test_every_run_gets_a_fresh_preheated_kernel(tmp_path: Path, jobs: int) -> None:
    clients = [CLIENTS / "ada.yaml", CLIENTS / "bob.yaml", CLIENTS / "cy.yaml"]
    result = run_batch([STATE], clients, tmp_path, jobs=jobs, progress=False)
    assert result.ok, result.summary()
    states = [json.loads((tmp_path / c.stem / "state" / "state.json").read_text()) for c in clients]
    assert len({s["pid"] for s in states}) == 3, "one kernel a run"
    # forked from one template, for every worker of the batch (its imports paid once)
    assert len({s["parent"] for s in states}) == 1
    assert states[0]["parent"] != os.getpid()
    assert not any(s["leaked"] for s in states), "no run sees the one before"
    assert all(s["preloaded"] == ["careerlib", "pandas", "plotly"] for s in states)
    assert all(s["cwd"] == str(STATE.parent) for s in states), "runs in the notebook's folder"
    assert len({s["draw"] for s in states}) == 3, "numpy's generator is seeded in each kernel"
    # the preheat binds no name and takes no execution count
    executed = json.loads((tmp_path / "ada" / "state" / "state.ipynb").read_text())
    counts = [c["execution_count"] for c in executed["cells"] if c["cell_type"] == "code"]
    assert counts == [1, 2, 3, 4]
    # the client papermill runs with was ready without losing the first outputs
    results = [o for c in executed["cells"] for o in c.get("outputs", [])]
    assert [o["output_type"] for o in results] == ["execute_result", "display_data"]
    assert all(r.timings.keys() >= {"kernel", "execute", "report"} for r in result.results)
    # plotly picked the renderer of a kernel (its JSON), not of the template process
    outputs = [o for c in executed["cells"] for o in c.get("outputs", [])]
    assert any("application/vnd.plotly.v1+json" in o.get("data", {}) for o in outputs)


def test_a_kernel_start_that_loses_a_port_race_is_retried(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Another process binds the kernel's port between its choice (written to the
    # connection file) and the kernel's own bind: the kernel dies at start.
    taken = socket.socket()
    base = _kernels._manager_class()
    made: list[Any] = []

    class Racing(base):  # type: ignore[misc, valid-type]
        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            made.append(self)
            if len(made) == 1:
                taken.bind((self.ip, self.shell_port))
                taken.listen()
            await super()._async_launch_kernel(kernel_cmd, **kw)

    monkeypatch.setattr(_kernels, "_manager_class", lambda: Racing)
    try:
        kernel = start_kernel(modules=("json",))
    finally:
        port = taken.getsockname()[1]
        taken.close()
    try:
        assert kernel.attempts == 2 and len(made) == 2
        assert made[1].shell_port != port
        assert not made[0].is_alive()
        assert kernel.run_silently("import json")["status"] == "ok"
    finally:
        kernel.shutdown()


def test_a_kernel_that_never_starts_is_a_batch_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(Exception, match="no kernel started in 2 attempts"):
        start_kernel(kernel_name="no-such-kernel", attempts=2)


def test_the_pool_starts_the_next_kernel_while_one_is_in_use() -> None:
    with KernelPool(modules=("json",)) as pool:
        first = pool.take()
        nxt = pool._next
        assert nxt is not None
        second_ready = nxt.result(timeout=60)  # started without anyone asking
        second = pool.take()
        assert second is second_ready and second.manager is not first.manager
        for kernel in (first, second):
            pool.release(kernel)
    assert not first.manager.is_alive() and not second.manager.is_alive()


@pytest.mark.parametrize(
    ("notebook", "images"),
    [
        pytest.param(ROOT / "notebooks" / "02-roadmap.ipynb", True, id="roadmap-exports-png"),
        pytest.param(ROOT / "notebooks" / "01-assessment.ipynb", False, id="assessment"),
        pytest.param(DATA / "notebooks" / "greet.ipynb", False, id="greet"),
        pytest.param(DATA / "notebooks" / "nope.ipynb", False, id="missing"),
    ],
)
def test_wants_images(notebook: Path, images: bool) -> None:
    assert wants_images(notebook) is images
