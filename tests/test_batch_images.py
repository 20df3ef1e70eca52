"""A batch's image service: one browser draws the images of every kernel."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import plotly.graph_objects as go
import psutil
import pytest

from careerlib import _image_service
from careerlib.batch import run_batch
from careerlib.batch._images import ImageService
from careerlib.batch._kernels import KernelPool
from careerlib.exceptions import ExportError
from careerlib.exports import to_image
from tests.conftest import DATA, need_browser

IMAGES = DATA / "notebooks" / "images.ipynb"
CLIENTS = DATA / "clients"
PNG = b"\x89PNG\r\n\x1a\n"
OPTS = {"format": "png", "width": 200, "height": 100, "scale": 1}


def _figure() -> go.Figure:
    return go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))


def _browsers(pid: int) -> list[psutil.Process]:
    return [p for p in psutil.Process(pid).children(recursive=True) if "chrom" in p.name()]


@pytest.fixture
def service() -> object:
    need_browser()
    with ImageService() as running:
        assert running.wait_ready(), running.failure
        yield running
    _image_service.disconnect()


def test_a_service_draws_what_the_kernel_would(service: ImageService) -> None:
    _image_service.connect(*service.address)
    drawn = to_image(_figure(), "png", width=200, height=100)
    svg = to_image(_figure(), "svg", width=200, height=100)
    assert drawn.startswith(PNG) and svg.startswith(b"<svg")
    assert _browsers(service.pid), "the service's own browser drew them"


def test_one_browser_draws_the_images_of_every_kernel_of_a_pool() -> None:
    need_browser()
    code = textwrap.dedent(
        """
        import os, psutil, plotly.graph_objects as go
        from careerlib import _image_service
        from careerlib.exports import to_image
        png = to_image(go.Figure(go.Bar(x=[1], y=[1])), "png", width=100, height=100)
        assert png.startswith(b"\\x89PNG"), png[:8]
        assert _image_service.connected()
        # no browser of its own
        assert not [p for p in psutil.Process().children(recursive=True) if "chrom" in p.name()]
        """
    )
    with KernelPool(modules=("careerlib.exports",)) as pool:
        first = pool.take(images=True)
        service = pool.image_service
        assert service is not None and service.wait_ready(), service and service.failure
        first.run_silently(code)
        second = pool.take(images=True, preheat_next=False)
        second.run_silently(code)  # the same service: started once
        assert pool.image_service is service
        tree = [psutil.Process(service.pid), *_browsers(service.pid)]
        assert len(tree) > 1, "the service's browser runs"
        for kernel in (first, second):
            pool.release(kernel)
    gone, alive = psutil.wait_procs(tree, timeout=20)
    assert not alive, "the service and its browser stop with the pool"


def test_every_worker_of_a_batch_uses_the_one_service(tmp_path: Path) -> None:
    need_browser()
    clients = [CLIENTS / "ada.yaml", CLIENTS / "bob.yaml", CLIENTS / "cy.yaml"]
    result = run_batch([IMAGES], clients, tmp_path, jobs=2, progress=False)
    assert result.ok, result.summary()
    records = [
        json.loads((tmp_path / c.stem / "images" / "images.json").read_text()) for c in clients
    ]
    assert all(r["png"] == PNG.hex() for r in records)
    assert all(r["browsers_in_kernel"] == 0 for r in records), "no kernel started a browser"
    assert len({r["service"] for r in records}) == 1 and records[0]["service"]
    # the service's socket folder is gone with the batch
    assert not Path(records[0]["service"]).parent.exists()


def test_the_service_answers_only_a_caller_with_its_key(service: ImageService) -> None:
    path, _key = service.address
    _image_service.connect(path, b"not the key")
    assert _image_service.render(_figure().to_dict(), OPTS) is None
    assert not _image_service.connected(), "refused: the caller draws its own from now on"
    _image_service.connect(*service.address)
    assert (_image_service.render(_figure().to_dict(), OPTS) or b"").startswith(PNG)


def test_a_figure_the_browser_cannot_draw_is_an_export_error(service: ImageService) -> None:
    _image_service.connect(*service.address)
    with pytest.raises(ExportError, match="the browser failed to draw the image: .*tiff"):
        _image_service.render(_figure().to_dict(), {**OPTS, "format": "tiff"})
    assert _image_service.connected(), "one bad figure does not end the service"
    assert (_image_service.render(_figure().to_dict(), OPTS) or b"").startswith(PNG)


def test_after_the_service_stops_images_are_drawn_here(tmp_path: Path) -> None:
    need_browser()
    service = ImageService()
    _image_service.connect(*service.address)
    service.close()
    try:
        assert _image_service.render(_figure().to_dict(), OPTS) is None
        assert not _image_service.connected()
        assert to_image(_figure(), "svg", width=200, height=100).startswith(b"<svg")
    finally:
        _image_service.disconnect()


def test_without_a_browser_the_export_says_how_to_install_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chrome"))
    with ImageService() as service:
        assert not service.wait_ready()
        assert "no-chrome" in (service.failure or "")
        _image_service.connect(*service.address)
        try:
            with pytest.raises(ExportError, match="apt-get install -y chromium"):
                to_image(_figure())
        finally:
            _image_service.disconnect()


def test_the_service_ends_with_its_worker_even_by_kill_9() -> None:
    need_browser()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from careerlib.batch._images import ImageService\n"
            "s = ImageService(); s.wait_ready(); print(s.pid, flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None
    pid = int(worker.stdout.readline())
    tree = [psutil.Process(pid), *_browsers(pid)]
    assert len(tree) > 1, "its browser runs"
    worker.kill()
    worker.wait()
    worker.stdout.close()
    gone, alive = psutil.wait_procs(tree, timeout=30)
    assert not alive, "the service and its browser end when their worker dies"


def test_the_browser_is_started_again_after_so_many_images() -> None:
    # Chromium's memory grows with the images it draws: a new one every few
    need_browser()
    with ImageService(restart_after=2) as service:
        assert service.wait_ready(), service.failure
        _image_service.connect(*service.address)
        try:
            drawn = []
            for n in range(1, 6):
                assert (_image_service.render(_figure().to_dict(), OPTS) or b"").startswith(PNG)
                if n in (1, 5):  # the first browser, and the third, at work
                    drawn.append({p.pid for p in _browsers(service.pid)})
        finally:
            _image_service.disconnect()
        # one at the start, then one after the 2nd and the 4th image
        deadline = time.monotonic() + 10
        while service.browsers_started < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert service.browsers_started == 3
    assert drawn[0] and drawn[1] and not drawn[0] & drawn[1]


def test_where_there_can_be_no_service_each_kernel_draws_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    need_browser()
    from careerlib.batch import _kernels

    monkeypatch.setattr(_kernels, "image_service_available", lambda: False)  # no Unix sockets
    code = textwrap.dedent(
        """
        import plotly.graph_objects as go
        from careerlib import _image_service
        from careerlib.exports import to_image
        assert not _image_service.connected()
        assert to_image(go.Figure(), "svg", width=100, height=100).startswith(b"<svg")
        """
    )
    with KernelPool(modules=("careerlib.exports",)) as pool:
        kernel = pool.take(images=True, preheat_next=False)
        assert pool.image_service is None
        kernel.run_silently(code)
        pool.release(kernel)
