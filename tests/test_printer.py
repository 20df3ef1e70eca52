"""One Chromium kept running for the charts and the PDFs of several documents."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from careerlib._printer import Printer
from careerlib.exceptions import ExportError
from tests.conftest import need_browser
from tests.test_report import need_poppler, pdf_text


def _figure() -> go.Figure:
    fig = go.Figure(go.Bar(x=["Networking", "Budgeting"], y=[3, 5]))
    fig.update_layout(title="Skills drawn once", height=300)
    return fig


@pytest.fixture(scope="module")
def printer() -> Iterator[Printer]:
    need_browser()
    with Printer() as running:
        yield running


@pytest.mark.slow
def test_a_chart_is_drawn_as_svg_with_its_text(printer: Printer) -> None:
    svg = printer.draw_svg(pio.to_json(_figure()), 500, 300).result(timeout=120)
    assert svg.lstrip().startswith("<svg") and 'width="500"' in svg and 'height="300"' in svg
    assert "Skills drawn once" in svg and "Networking" in svg


@pytest.mark.slow
def test_one_browser_prints_several_pages(printer: Printer, tmp_path: Path) -> None:
    need_poppler()
    pids = set()
    for i in range(2):
        page = tmp_path / f"page{i}.html"
        page.write_text(f"<html><body><p>Document number {i}</p></body></html>")
        pdf = printer.print_pdf(page, tmp_path / f"page{i}.pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        assert f"Document number {i}" in pdf_text(pdf)
        pids.add(printer._started.result().browser.subprocess.pid)
    assert len(pids) == 1


@pytest.mark.slow
def test_a_page_that_draws_its_own_charts_is_printed_once_they_are_drawn(
    printer: Printer, tmp_path: Path
) -> None:
    need_poppler()
    page = tmp_path / "report.html"
    page.write_text(_figure().to_html(include_plotlyjs=True, full_html=True))
    pdf = printer.print_pdf(page, tmp_path / "report.pdf", wait_for_charts=True)
    text = pdf_text(pdf)
    assert "Skills drawn once" in text and "Budgeting" in text


@pytest.mark.slow
def test_a_script_error_is_one_export_error(printer: Printer) -> None:
    with pytest.raises(ExportError, match="could not draw a chart"):
        printer.draw_svg("{not json", 100, 100).result(timeout=120)


def test_without_a_browser_the_error_says_how_to_install_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    with Printer() as missing, pytest.raises(ExportError, match="apt-get install -y chromium"):
        missing.print_pdf(tmp_path / "page.html", tmp_path / "page.pdf")
    assert not (tmp_path / "page.pdf").exists()


@pytest.mark.slow
def test_the_browser_stops_with_the_printer(tmp_path: Path) -> None:
    need_browser()
    running = Printer()
    svg = running.draw_svg(pio.to_json(_figure()), 300, 200).result(timeout=120)
    assert "<svg" in svg
    browser = running._started.result().browser.subprocess
    running.close()
    assert browser.poll() is not None
    with pytest.raises(ExportError, match="closed"):
        running.draw_svg(pio.to_json(_figure()), 300, 200)
    leftover = subprocess.run(["pgrep", "-P", str(browser.pid)], capture_output=True, text=True)
    assert leftover.stdout.strip() == ""


@pytest.mark.slow
def test_one_page_draws_and_prints_in_turn(printer: Printer, tmp_path: Path) -> None:
    """The page that draws the charts also prints; a chart asked for after a print loads
    plotly.js again, and a chart asked for before the print is drawn before it."""
    need_poppler()
    before = printer.draw_svg(pio.to_json(_figure()), 400, 300)
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Printed between two charts</p></body></html>")
    printed = printer.start_print(page, tmp_path / "page.pdf")
    after = printer.draw_svg(pio.to_json(_figure()), 400, 300)
    assert "Skills drawn once" in before.result(timeout=120)
    assert "Printed between two charts" in pdf_text(printed.result(timeout=120))
    assert "Skills drawn once" in after.result(timeout=120)


@pytest.mark.slow
def test_the_browser_holds_no_page_but_the_printers(printer: Printer) -> None:
    """New headless Chromium preloads its address bar's popups (pages of its own, a
    renderer process each, over half a second of CPU at every start); the printer's
    browser leaves them out."""
    printer.draw_svg(pio.to_json(_figure()), 300, 200).result(timeout=120)
    browser = printer._started.result().browser
    answer = printer._submit(browser.send_command("Target.getTargets")).result(timeout=60)
    kinds = [target["type"] for target in answer["result"]["targetInfos"]]
    assert kinds == ["page"]
